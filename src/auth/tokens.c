/* tokens — hashed API tokens (see tokens.h). */
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "auth/tokens.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_ADD[] = "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_REVOKE[] = "UPDATE api_tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL";
static const char SQL_REVOKE_ALL[] = "UPDATE api_tokens SET revoked_at = ?1 WHERE user_id = ?2 AND revoked_at IS NULL";
static const char SQL_LIVE[] = "SELECT count(*) FROM api_tokens WHERE user_id = ?1 AND revoked_at IS NULL";
static const char SQL_LOAD[] =
	"SELECT u.id, u.name, u.display_name, u.role, u.office_id, u.org_id FROM api_tokens t"
	" JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND u.disabled = 0";

static void hash_of(const char *token, unsigned char h[32])
{
	crypto_generichash(h, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

int token_create(struct db *w, int64_t user_id, const char *label, char out[TOKEN_CHARS], int64_t *id_out)
{
	unsigned char h[32];
	token_random(out);
	hash_of(out, h);
	if (db_do(w, SQL_ADD, "Ibt" "I", (long long)user_id, h, 32, label ? label : "", (long long)time(NULL)) < 0)
		return -1;
	if (id_out)
		*id_out = db_last_id(w);
	return audit_write(w, 0, "create", "token", db_last_id(w), "");
}

int token_revoke(struct db *w, int64_t token_id)
{
	if (db_do(w, SQL_REVOKE, "II", (long long)time(NULL), (long long)token_id) < 0 || db_changes(w) != 1)
		return -1;
	return audit_write(w, 0, "disable", "token", token_id, "");
}

int tokens_revoke_all(struct db *w, int64_t user_id)
{
	if (db_do(w, SQL_REVOKE_ALL, "II", (long long)time(NULL), (long long)user_id) < 0)
		return -1;
	return db_changes(w);
}

int tokens_live(struct db *d, int64_t user_id)
{
	sqlite3_stmt *st = db_q(d, SQL_LIVE, "I", (long long)user_id);
	int n = db_row(st) == 1 ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

void token_load(struct req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (!auth || strncmp(auth, "Bearer ", 7) != 0 || strlen(auth + 7) != TOKEN_CHARS - 1)
		return;
	unsigned char h[32];
	hash_of(auth + 7, h);
	sqlite3_stmt *st = db_q(db_read(), SQL_LOAD, "b", h, 32);
	if (db_row(st) != 1)
		return;
	int role = role_from_key(db_text(st, 3));
	if (role >= 0)
		r->user = user_from_row(r, st, 0, 1, 2, role, 4, 5);
	sqlite3_reset(st);
}
