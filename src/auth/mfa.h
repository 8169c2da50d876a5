/* mfa — the second factor in the database: who must have one, enrolment
 * (a secret begun, then confirmed by a first code), checking a code or a
 * recovery code (each taken once), new recovery codes, removal and the
 * admin's reset; and the short step between the right password and the
 * code (a "pending sign-in": a random token in the browser's "mfa" cookie,
 * its hash in signin_pending, LIMIT_MFA_PENDING_S long, at most
 * LIMIT_MFA_PENDING_TRIES wrong codes).  Functions taking a struct db *w
 * run inside the caller's db_write and audit what they change. */
#ifndef DAAM_MFA_H
#define DAAM_MFA_H
#include <stdint.h>
#include "auth/totp.h"

struct db;
struct req;

/* The settings key that switches the requirement off ('0'; the demo
 * data does, with a notice): absent or anything else, it holds. */
#define MFA_SETTING "second_factor_required"
/* 1 when the role must have a second factor (admin, director). */
int mfa_role_required(int role);
/* 1 when the requirement holds in this database. */
int mfa_policy_on(struct db *d);
/* 1 when the user has a confirmed second factor. */
int mfa_enrolled(struct db *d, int64_t user_id);
/* When the user's factor was confirmed (0: none) and how many recovery
 * codes are left. */
int64_t mfa_confirmed_at(struct db *d, int64_t user_id);
int mfa_recovery_left(struct db *d, int64_t user_id);

/* Begins an enrolment: a new secret, not yet in use.  1 when the user
 * already has a confirmed factor (nothing done), 0, or -1. */
int mfa_enrol_begin(struct db *w, int64_t user_id);
/* The secret of an enrolment begun less than LIMIT_MFA_ENROL_S ago and not
 * confirmed: 1 (in secret), else 0. */
int mfa_enrol_secret(struct db *d, int64_t user_id, unsigned char secret[TOTP_SECRET_BYTES]);
/* Confirms an enrolment with the first code from the app: the factor is
 * on, RECOVERY_COUNT recovery codes are made (into codes, to show once),
 * audited (second_factor_enrol).  0, MFA_WRONG / MFA_REPLAY / MFA_NONE
 * (no enrolment begun), or -1. */
int mfa_enrol_confirm(struct db *w, int64_t user_id, const char *code, char codes[RECOVERY_COUNT][RECOVERY_SHOWN]);

enum { MFA_OK_TOTP = 0, MFA_OK_RECOVERY = 10, MFA_WRONG = 1, MFA_REPLAY = 2, MFA_NONE = 3 };
/* Checks what the person typed (mfa_parse) against the user's confirmed
 * factor: a code is taken once (last_step), a recovery code is used up
 * and its use audited (recovery_code_used).  allow_recovery 0 takes only a
 * code from the app.  MFA_OK_TOTP, MFA_OK_RECOVERY, MFA_WRONG, MFA_REPLAY,
 * MFA_NONE, or -1. */
int mfa_check(struct db *w, int64_t user_id, const char *input, int allow_recovery);
/* New recovery codes; the old ones stop working.  Audited. 0 or -1. */
int mfa_recovery_new(struct db *w, int64_t user_id, char codes[RECOVERY_COUNT][RECOVERY_SHOWN]);
/* Removes the user's factor and recovery codes.  actor == user_id: the
 * person turned it off (second_factor_remove); else an admin (or the
 * command line, actor 0) reset it (second_factor_reset): the user's
 * sessions and pending sign-ins end too, and they enrol again at the next
 * sign-in when their role requires it.  0, 1 when there was nothing to
 * remove (still audited for a reset), or -1. */
int mfa_remove(struct db *w, int64_t actor, int64_t user_id);

/* ---- the step between the password and the code ---- */
struct mfa_pending {
	int64_t id, user_id;
	int tries, keep, role;
	const char *next;        /* where to go once signed in */
	const char *user_name;
};
/* Starts it inside the sign-in's write and sets the "mfa" cookie. */
int mfa_pending_start(struct req *r, struct db *w, int64_t user_id, int keep, const char *next);
/* The browser's pending sign-in, still valid: 1 (into p, in r's arena), else 0. */
int mfa_pending_load(struct req *r, struct mfa_pending *p);
/* A wrong code: counted; 1 when that was the last try (the step ended). */
int mfa_pending_fail(struct db *w, const struct mfa_pending *p);
/* Ends it (signed in, or given up) and clears the cookie. */
int mfa_pending_end(struct req *r, struct db *w, int64_t id);
#endif
