/* mfa — the second factor's records and the pending sign-in (see mfa.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "auth/mfa.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "auth/session.h"
#include "db/db.h"
#include "http/request.h"
#include "core/limits.h"
#include "core/banned.h"

static const char SQL_POLICY[] =
	"SELECT coalesce((SELECT value FROM settings WHERE key = '" MFA_SETTING "'), '1') <> '0'";
static const char SQL_CONFIRMED[] =
	"SELECT coalesce((SELECT confirmed_at FROM second_factor WHERE user_id = ?1), 0)";
static const char SQL_LEFT[] = "SELECT count(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL";
static const char SQL_BEGIN_DEL[] = "DELETE FROM second_factor WHERE user_id = ?1 AND confirmed_at IS NULL";
static const char SQL_BEGIN_INS[] =
	"INSERT INTO second_factor (user_id, secret, created_at) VALUES (?1, ?2, ?3)";
static const char SQL_FACTOR[] =
	"SELECT secret, last_step, confirmed_at IS NOT NULL, created_at FROM second_factor WHERE user_id = ?1";
static const char SQL_CONFIRM[] =
	"UPDATE second_factor SET confirmed_at = ?1, last_step = ?2 WHERE user_id = ?3 AND confirmed_at IS NULL";
static const char SQL_STEP[] = "UPDATE second_factor SET last_step = ?1 WHERE user_id = ?2";
static const char SQL_CODES_DEL[] = "DELETE FROM recovery_codes WHERE user_id = ?1";
static const char SQL_CODE_INS[] = "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)";
static const char SQL_CODE_USE[] =
	"UPDATE recovery_codes SET used_at = ?1 WHERE user_id = ?2 AND code_hash = ?3 AND used_at IS NULL";
static const char SQL_FACTOR_DEL[] = "DELETE FROM second_factor WHERE user_id = ?1";
static const char SQL_PENDING_DEL_USER[] = "DELETE FROM signin_pending WHERE user_id = ?1";
static const char SQL_PENDING_DEL_OLD[] = "DELETE FROM signin_pending WHERE created_at < ?1";
static const char SQL_PENDING_INS[] =
	"INSERT INTO signin_pending (token_hash, user_id, created_at, keep, next) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_PENDING_LOAD[] =
	"SELECT p.id, p.user_id, p.tries, p.keep, p.next, p.created_at, u.name, u.role, u.disabled, u.password_changed_at"
	" FROM signin_pending p JOIN users u ON u.id = p.user_id WHERE p.token_hash = ?1";
static const char SQL_PENDING_TRY[] = "UPDATE signin_pending SET tries = tries + 1 WHERE id = ?1";
static const char SQL_PENDING_TRIES[] = "SELECT tries FROM signin_pending WHERE id = ?1";
static const char SQL_PENDING_DEL[] = "DELETE FROM signin_pending WHERE id = ?1";

#define PENDING_COOKIE "mfa"

int mfa_role_required(int role)
{
	return role == ROLE_ADMIN || role == ROLE_DIRECTOR;
}

int mfa_policy_on(struct db *d)
{
	return db_int(d, 1, SQL_POLICY, "") != 0;
}

int64_t mfa_confirmed_at(struct db *d, int64_t user_id)
{
	return db_int(d, 0, SQL_CONFIRMED, "I", (long long)user_id);
}

int mfa_enrolled(struct db *d, int64_t user_id)
{
	return mfa_confirmed_at(d, user_id) > 0;
}

int mfa_recovery_left(struct db *d, int64_t user_id)
{
	return (int)db_int(d, 0, SQL_LEFT, "I", (long long)user_id);
}

int mfa_enrol_begin(struct db *w, int64_t user_id)
{
	if (mfa_enrolled(w, user_id))
		return 1;
	unsigned char secret[TOTP_SECRET_BYTES];
	totp_secret_new(secret);
	int rc = db_do(w, SQL_BEGIN_DEL, "I", (long long)user_id) < 0 ||
			 db_do(w, SQL_BEGIN_INS, "IbI", (long long)user_id, secret, (int)sizeof secret,
			       (long long)totp_now()) < 0
		 ? -1 : 0;
	sodium_memzero(secret, sizeof secret);
	return rc;
}

/* The user's factor: 1 with its secret, last step, whether confirmed and
 * when it was made; 0 when none. */
static int factor_load(struct db *d, int64_t user_id, unsigned char secret[TOTP_SECRET_BYTES], int64_t *last_step,
		       int *confirmed, int64_t *created)
{
	sqlite3_stmt *st = db_q(d, SQL_FACTOR, "I", (long long)user_id);
	if (db_row(st) != 1)
		return 0;
	int ok = sqlite3_column_bytes(st, 0) == TOTP_SECRET_BYTES;
	if (ok)
		memcpy(secret, sqlite3_column_blob(st, 0), TOTP_SECRET_BYTES);
	*last_step = sqlite3_column_int64(st, 1);
	*confirmed = sqlite3_column_int(st, 2);
	*created = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return ok;
}

int mfa_enrol_secret(struct db *d, int64_t user_id, unsigned char secret[TOTP_SECRET_BYTES])
{
	int64_t last, created;
	int confirmed;
	if (!factor_load(d, user_id, secret, &last, &confirmed, &created))
		return 0;
	if (confirmed || totp_now() - created > LIMIT_MFA_ENROL_S) {
		sodium_memzero(secret, TOTP_SECRET_BYTES);
		return 0;
	}
	return 1;
}

/* Replaces the user's recovery codes with new ones (into codes). */
static int codes_store(struct db *w, int64_t user_id, char codes[RECOVERY_COUNT][RECOVERY_SHOWN])
{
	if (db_do(w, SQL_CODES_DEL, "I", (long long)user_id) < 0)
		return -1;
	recovery_codes_new(codes);
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		char norm[LIMIT_MFA_CODE_CHARS + 1];
		unsigned char h[32];
		if (mfa_parse(codes[i], norm, sizeof norm) != MFA_RECOVERY)
			return -1;
		recovery_hash(user_id, norm, h);
		if (db_do(w, SQL_CODE_INS, "Ib", (long long)user_id, h, 32) < 0)
			return -1;
	}
	return 0;
}

int mfa_enrol_confirm(struct db *w, int64_t user_id, const char *code, char codes[RECOVERY_COUNT][RECOVERY_SHOWN])
{
	unsigned char secret[TOTP_SECRET_BYTES];
	if (!mfa_enrol_secret(w, user_id, secret))
		return MFA_NONE;
	char norm[LIMIT_MFA_CODE_CHARS + 1];
	int64_t step = mfa_parse(code, norm, sizeof norm) == MFA_TOTP
			       ? totp_verify(secret, sizeof secret, totp_now(), norm, 0) : 0;
	sodium_memzero(secret, sizeof secret);
	if (step <= 0)
		return MFA_WRONG;
	if (db_do(w, SQL_CONFIRM, "III", (long long)time(NULL), (long long)step, (long long)user_id) < 0 ||
	    codes_store(w, user_id, codes) < 0)
		return -1;
	return audit_write(w, user_id, "second_factor_enrol", "user", user_id, "");
}

int mfa_check(struct db *w, int64_t user_id, const char *input, int allow_recovery)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	int64_t last, created;
	int confirmed;
	if (!factor_load(w, user_id, secret, &last, &confirmed, &created) || !confirmed) {
		sodium_memzero(secret, sizeof secret);
		return MFA_NONE;
	}
	char norm[LIMIT_MFA_CODE_CHARS + 1];
	enum mfa_input kind = mfa_parse(input, norm, sizeof norm);
	int rc = MFA_WRONG;
	if (kind == MFA_TOTP) {
		int64_t step = totp_verify(secret, sizeof secret, totp_now(), norm, last);
		if (step < 0)
			rc = MFA_REPLAY;
		else if (step > 0)
			rc = db_do(w, SQL_STEP, "II", (long long)step, (long long)user_id) < 0 ? -1 : MFA_OK_TOTP;
	} else if (kind == MFA_RECOVERY && allow_recovery) {
		unsigned char h[32];
		recovery_hash(user_id, norm, h);
		if (db_do(w, SQL_CODE_USE, "IIb", (long long)time(NULL), (long long)user_id, h, 32) < 0)
			rc = -1;
		else if (db_changes(w) == 1) {
			char detail[40];
			snprintf(detail, sizeof detail, "left=%d", mfa_recovery_left(w, user_id));
			rc = audit_write(w, user_id, "recovery_code_used", "user", user_id, detail) < 0 ? -1
											     : MFA_OK_RECOVERY;
		}
	}
	sodium_memzero(secret, sizeof secret);
	sodium_memzero(norm, sizeof norm);
	return rc;
}

int mfa_recovery_new(struct db *w, int64_t user_id, char codes[RECOVERY_COUNT][RECOVERY_SHOWN])
{
	if (codes_store(w, user_id, codes) < 0)
		return -1;
	return audit_write(w, user_id, "recovery_codes_new", "user", user_id, "");
}

int mfa_remove(struct db *w, int64_t actor, int64_t user_id)
{
	int had = mfa_enrolled(w, user_id);
	if (db_do(w, SQL_FACTOR_DEL, "I", (long long)user_id) < 0 || db_do(w, SQL_CODES_DEL, "I", (long long)user_id) < 0)
		return -1;
	if (actor == user_id) {
		if (!had)
			return 1;
		return audit_write(w, actor, "second_factor_remove", "user", user_id, "");
	}
	/* a lost phone: whoever holds it must not find a session open */
	if (db_do(w, SQL_PENDING_DEL_USER, "I", (long long)user_id) < 0 || session_end_all(w, user_id) < 0)
		return -1;
	if (audit_write(w, actor, "second_factor_reset", "user", user_id, had ? "" : "enrolled=0") < 0)
		return -1;
	return 0;
}

static void pending_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), (const unsigned char *)"mfa", 3);
}

int mfa_pending_start(struct req *r, struct db *w, int64_t user_id, int keep, const char *next)
{
	char token[TOKEN_CHARS];
	unsigned char h[32];
	int64_t now = time(NULL);
	token_random(token);
	pending_hash(token, h);
	if (db_do(w, SQL_PENDING_DEL_OLD, "I", (long long)(now - LIMIT_MFA_PENDING_S)) < 0 ||
	    db_do(w, SQL_PENDING_DEL_USER, "I", (long long)user_id) < 0 ||
	    db_do(w, SQL_PENDING_INS, "bIIIt", h, 32, (long long)user_id, (long long)now, (long long)(keep != 0),
		  next && *next ? next : "/") < 0)
		return -1;
	req_set_cookie(r, PENDING_COOKIE, token, LIMIT_MFA_PENDING_S, 1);
	return 0;
}

int mfa_pending_load(struct req *r, struct mfa_pending *p)
{
	const char *token = req_cookie(r, PENDING_COOKIE);
	memset(p, 0, sizeof *p);
	if (!token || strlen(token) != TOKEN_CHARS - 1)
		return 0;
	unsigned char h[32];
	pending_hash(token, h);
	sqlite3_stmt *st = db_q(db_read(), SQL_PENDING_LOAD, "b", h, 32);
	if (db_row(st) != 1)
		return 0;
	p->id = sqlite3_column_int64(st, 0);
	p->user_id = sqlite3_column_int64(st, 1);
	p->tries = sqlite3_column_int(st, 2);
	p->keep = sqlite3_column_int(st, 3);
	p->next = arena_strdup(&r->arena, db_text(st, 4));
	int64_t created = sqlite3_column_int64(st, 5);
	p->user_name = arena_strdup(&r->arena, db_text(st, 6));
	p->role = role_from_key(db_text(st, 7));
	int disabled = sqlite3_column_int(st, 8);
	int64_t pw_changed = sqlite3_column_int64(st, 9);
	sqlite3_reset(st);
	/* a password changed since (by an admin, say) ends the step too */
	if (disabled || created < pw_changed || p->role < 0 || !p->next || !p->user_name || time(NULL) - created > LIMIT_MFA_PENDING_S ||
	    p->tries >= LIMIT_MFA_PENDING_TRIES) {
		memset(p, 0, sizeof *p);
		return 0;
	}
	return 1;
}

int mfa_pending_fail(struct db *w, const struct mfa_pending *p)
{
	if (db_do(w, SQL_PENDING_TRY, "I", (long long)p->id) < 0)
		return -1;
	if (db_int(w, 0, SQL_PENDING_TRIES, "I", (long long)p->id) < LIMIT_MFA_PENDING_TRIES)
		return 0;
	return db_do(w, SQL_PENDING_DEL, "I", (long long)p->id) < 0 ? -1 : 1;
}

int mfa_pending_end(struct req *r, struct db *w, int64_t id)
{
	req_set_cookie(r, PENDING_COOKIE, "", 0, 1);
	return db_do(w, SQL_PENDING_DEL, "I", (long long)id);
}
