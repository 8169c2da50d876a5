/* session — hashed session tokens, expiry and CSRF (see session.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "auth/session.h"
#include "auth/roles.h"
#include "auth/mfa.h"
#include "db/db.h"
#include "http/request.h"
#include "core/limits.h"
#include "core/banned.h"

int session_idle_s = LIMIT_SESSION_IDLE_S;
int session_absolute_s = LIMIT_SESSION_MAX_S;

static const char SQL_LOAD[] =
	"SELECT s.id, s.user_id, s.csrf, s.created_at, s.last_seen, u.name, u.display_name,"
	" u.role, u.office_id, u.org_id, u.disabled, u.password_changed_at,"
	" EXISTS (SELECT 1 FROM second_factor f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL),"
	" coalesce((SELECT value FROM settings WHERE key = '" MFA_SETTING "'), '1') <> '0'"
	" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1";
static const char SQL_TOUCH[] = "UPDATE sessions SET last_seen = ?1 WHERE id = ?2";
static const char SQL_INSERT[] =
	"INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_DELETE[] = "DELETE FROM sessions WHERE id = ?1";
static const char SQL_DELETE_USER[] = "DELETE FROM sessions WHERE user_id = ?1";
static const char SQL_DELETE_OLD[] = "DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2";

struct user *user_from_row(struct req *r, sqlite3_stmt *st, int id_col, int name_col, int display_col, int role,
			   int office_col, int org_col)
{
	struct user *u = arena_alloc(&r->arena, sizeof *u);
	if (!u)
		return NULL;
	u->id = sqlite3_column_int64(st, id_col);
	u->name = arena_strdup(&r->arena, db_text(st, name_col));
	u->display_name = arena_strdup(&r->arena, db_text(st, display_col));
	u->role = role;
	u->office_id = sqlite3_column_int64(st, office_col);
	u->org_id = sqlite3_column_int64(st, org_col);
	u->perms = role_perms(role);
	return u;
}

void token_random(char out[TOKEN_CHARS])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_CHARS, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

struct touch {
	int64_t sid, now;
	int valid;
};

/* Marks a valid session as seen now, or deletes a dead one. */
static int touch_fn(struct db *w, void *arg)
{
	const struct touch *t = arg;
	return t->valid ? db_do(w, SQL_TOUCH, "II", (long long)t->now, (long long)t->sid)
			: db_do(w, SQL_DELETE, "I", (long long)t->sid);
}

void session_load(struct req *r)
{
	const char *token = req_cookie(r, "sid");
	if (!token || strlen(token) != TOKEN_CHARS - 1)
		return;
	unsigned char h[32];
	token_hash(token, h);
	sqlite3_stmt *st = db_q(db_read(), SQL_LOAD, "b", h, 32);
	if (db_row(st) != 1)
		return;
	int64_t now = time(NULL);
	int64_t sid = sqlite3_column_int64(st, 0);
	int64_t created = sqlite3_column_int64(st, 3), last_seen = sqlite3_column_int64(st, 4);
	int role = role_from_key(db_text(st, 7));
	int disabled = sqlite3_column_int(st, 10);
	int64_t pw_changed = sqlite3_column_int64(st, 11);
	int valid = role >= 0 && !disabled && now - last_seen <= session_idle_s &&
		    now - created <= session_absolute_s && created >= pw_changed;
	/* a role that must have a second factor and has none (promoted, reset,
	 * or signed in before it was required) has no session: the next
	 * sign-in enrols it before any other page */
	if (valid && mfa_role_required(role) && sqlite3_column_int(st, 13) && !sqlite3_column_int(st, 12))
		valid = 0;
	if (valid) {
		r->user = user_from_row(r, st, 1, 5, 6, role, 8, 9);
		if (!r->user) {
			sqlite3_reset(st);
			return;
		}
		r->session_id = sid;
		r->csrf = arena_strdup(&r->arena, db_text(st, 2));
	}
	sqlite3_reset(st);
	/* keep writes rare: touch at most once a minute (sooner when the idle
	 * limit is short, so activity always keeps a session alive); drop dead ones */
	int64_t touch_after = session_idle_s >= 240 ? 60 : session_idle_s / 4;
	if (!valid || now - last_seen >= touch_after) {
		struct touch t = { sid, now, valid };
		db_write(touch_fn, &t);
	}
}

int session_start(struct req *r, struct db *w, int64_t user_id)
{
	char token[TOKEN_CHARS], csrf[TOKEN_CHARS];
	unsigned char h[32];
	int64_t now = time(NULL);
	token_random(token);
	token_random(csrf);
	token_hash(token, h);
	/* expired sessions of everyone are cleaned at each sign-in */
	db_do(w, SQL_DELETE_OLD, "II", (long long)(now - session_idle_s), (long long)(now - session_absolute_s));
	if (db_do(w, SQL_INSERT, "bItII", h, 32, (long long)user_id, csrf, (long long)now, (long long)now) < 0)
		return -1;
	r->session_id = db_last_id(w);
	r->csrf = arena_strdup(&r->arena, csrf);
	/* by default a browser-session cookie: closing the browser of a shared
	 * office computer signs out; the session's idle and absolute limits hold
	 * either way */
	req_set_cookie(r, "sid", token, r->session_persistent ? (int)session_absolute_s : -1, 1);
	return 0;
}

void session_end(struct req *r, struct db *w)
{
	if (r->session_id)
		db_do(w, SQL_DELETE, "I", (long long)r->session_id);
	req_set_cookie(r, "sid", "", 0, 1);
}

int session_end_all(struct db *w, int64_t user_id)
{
	return db_do(w, SQL_DELETE_USER, "I", (long long)user_id);
}

const char *csrf_for_visitor(struct req *r)
{
	if (r->csrf)
		return r->csrf;
	const char *c = req_cookie(r, "csrf");
	if (c && strlen(c) == TOKEN_CHARS - 1)
		return r->csrf = c;
	char *t = arena_alloc(&r->arena, TOKEN_CHARS);
	if (!t)
		return "";
	token_random(t);
	req_set_cookie(r, "csrf", t, -1, 1);
	return r->csrf = t;
}

int csrf_check(struct req *r)
{
	const char *expected = r->user ? r->csrf : req_cookie(r, "csrf");
	const char *given = req_form_raw(r, "csrf");
	if (!expected || !given)
		return 0;
	size_t n = strlen(expected);
	if (n != TOKEN_CHARS - 1 || strlen(given) != n)
		return 0;
	return sodium_memcmp(expected, given, n) == 0;
}
