/* users — creating and changing user accounts, shared by the admin pages
 * and the command line.  Every function runs inside the caller's writer
 * transaction and writes the audit record of its change.  Errors come back
 * as an English msgid for the caller to translate (or NULL for success). */
#ifndef DAAM_USERS_H
#define DAAM_USERS_H
#include <stdint.h>
struct db;

/* actor: the user doing it (0 = command line). *id_out receives the new id. */
const char *user_create(struct db *w, int64_t actor, const char *name, const char *display_name,
			const char *role, int64_t office_id, int64_t org_id, const char *password,
			int64_t *id_out);
/* The msgid user_update and user_set_disabled return when the change would
 * leave no active administrator (compare the pointer). */
extern const char user_last_admin_msg[];
/* … and when the office id does not exist (a field error on "office"). */
extern const char user_no_office_msg[];
/* 1 when an office has this id. */
int office_exists(struct db *d, int64_t id);
/* Revokes the user's live API tokens when revoke_tokens, audited with the
 * number revoked; 0, or -1.  For a password change the user chose to
 * extend to the tokens. */
int user_revoke_tokens(struct db *w, int64_t actor, int64_t user_id, int revoke_tokens, int *revoked);
const char *user_set_password(struct db *w, int64_t actor, int64_t user_id, const char *password);
const char *user_set_disabled(struct db *w, int64_t actor, int64_t user_id, int disabled);
const char *user_update(struct db *w, int64_t actor, int64_t user_id, const char *display_name,
			const char *role, int64_t office_id, int64_t org_id);
/* Looks up a user id by login name; 0 when unknown. */
int64_t user_id_by_name(struct db *d, const char *name);
/* Returns the office id for a code ("raqqa") or a numeric id; 0 when unknown. */
int64_t office_id_by_code(struct db *d, const char *code);
/* Checks a login name: 3–32 of a-z 0-9 . _ - */
const char *user_name_problem(const char *name);
#endif
