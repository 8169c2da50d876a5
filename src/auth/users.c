/* users — account changes with their audit records (see users.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "auth/users.h"
#include "auth/roles.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/audit.h"
#include "db/db.h"
#include "core/i18n.h"
#include "core/banned.h"

static const char SQL_INSERT[] =
	"INSERT INTO users (name, display_name, role, office_id, org_id, password_hash, created_at, password_changed_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_BY_NAME[] = "SELECT id FROM users WHERE name = ?";
static const char SQL_SET_PW[] = "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?";
static const char SQL_SET_DISABLED[] = "UPDATE users SET disabled = ? WHERE id = ?";
static const char SQL_UPDATE[] = "UPDATE users SET display_name = ?, role = ?, office_id = ?, org_id = ? WHERE id = ?";
static const char SQL_NAME_OF[] = "SELECT name FROM users WHERE id = ?";
static const char SQL_OFFICE_BY_CODE[] = "SELECT id FROM offices WHERE code = ? OR CAST(id AS TEXT) = ?";
static const char SQL_ORG_EXISTS[] = "SELECT count(*) FROM orgs WHERE id = ?";

const char *user_name_problem(const char *name)
{
	size_t n = strlen(name);
	if (n < 3 || n > 32)
		return N_("A user name has 3 to 32 characters.");
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return N_("A user name uses only small Latin letters, digits, dot, dash and underscore.");
	}
	return NULL;
}

int64_t user_id_by_name(struct db *d, const char *name)
{
	return db_int(d, 0, SQL_BY_NAME, "t", name);
}

int64_t office_id_by_code(struct db *d, const char *code)
{
	return db_int(d, 0, SQL_OFFICE_BY_CODE, "tt", code, code);
}

/* Checks role and its binding to an organization. */
static const char *role_problem(struct db *w, const char *role, int64_t org_id)
{
	int rl = role_from_key(role);
	if (rl < 0)
		return N_("Unknown role.");
	if (role_table[rl].needs_org && (!org_id || db_int(w, 0, SQL_ORG_EXISTS, "I", (long long)org_id) == 0))
		return N_("A partner account must belong to an existing organization.");
	return NULL;
}

const char *user_create(struct db *w, int64_t actor, const char *name, const char *display_name,
			const char *role, int64_t office_id, int64_t org_id, const char *password,
			int64_t *id_out)
{
	const char *err;
	char hash[PASSWORD_HASH_MAX];
	if ((err = user_name_problem(name)) || (err = role_problem(w, role, org_id)) ||
	    (err = password_problem(password, name)))
		return err;
	if (user_id_by_name(w, name))
		return N_("This user name is taken.");
	if (password_hash(password, hash) < 0)
		return N_("The server could not protect the password; try again.");
	int rl = role_from_key(role);
	long long now = time(NULL);
	sqlite3_stmt *st = db_q(w, SQL_INSERT, "tt", name, display_name ? display_name : "");
	if (!st)
		return N_("The account could not be saved.");
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	if (office_id)
		sqlite3_bind_int64(st, 4, office_id);
	if (org_id && role_table[rl].needs_org)
		sqlite3_bind_int64(st, 5, org_id);
	sqlite3_bind_text(st, 6, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, now);
	sqlite3_bind_int64(st, 8, now);
	if (db_row(st) < 0)
		return N_("The account could not be saved.");
	int64_t id = db_last_id(w);
	if (id_out)
		*id_out = id;
	char detail[96];
	snprintf(detail, sizeof detail, "role=%s office=%lld", role, (long long)office_id);
	audit_write(w, actor, "create", "user", id, detail);
	return NULL;
}

const char *user_set_password(struct db *w, int64_t actor, int64_t user_id, const char *password)
{
	char hash[PASSWORD_HASH_MAX], name[64] = "";
	sqlite3_stmt *st = db_q(w, SQL_NAME_OF, "I", (long long)user_id);
	if (db_row(st) != 1)
		return N_("No such user.");
	snprintf(name, sizeof name, "%s", db_text(st, 0));
	sqlite3_reset(st);
	const char *err = password_problem(password, name);
	if (err)
		return err;
	if (password_hash(password, hash) < 0)
		return N_("The server could not protect the password; try again.");
	if (db_do(w, SQL_SET_PW, "tII", hash, (long long)time(NULL), (long long)user_id) < 0)
		return N_("The password could not be saved.");
	session_end_all(w, user_id);
	audit_write(w, actor, "set_password", "user", user_id, "");
	return NULL;
}

const char *user_set_disabled(struct db *w, int64_t actor, int64_t user_id, int disabled)
{
	if (db_do(w, SQL_SET_DISABLED, "iI", disabled ? 1 : 0, (long long)user_id) < 0 || db_changes(w) != 1)
		return N_("No such user.");
	if (disabled)
		session_end_all(w, user_id);
	audit_write(w, actor, disabled ? "disable" : "enable", "user", user_id, "");
	return NULL;
}

const char *user_update(struct db *w, int64_t actor, int64_t user_id, const char *display_name,
			const char *role, int64_t office_id, int64_t org_id)
{
	const char *err = role_problem(w, role, org_id);
	if (err)
		return err;
	int rl = role_from_key(role);
	sqlite3_stmt *st = db_q(w, SQL_UPDATE, "tt", display_name ? display_name : "", role);
	if (!st)
		return N_("The account could not be saved.");
	if (office_id)
		sqlite3_bind_int64(st, 3, office_id);
	if (org_id && role_table[rl].needs_org)
		sqlite3_bind_int64(st, 4, org_id);
	sqlite3_bind_int64(st, 5, user_id);
	if (db_row(st) < 0 || db_changes(w) != 1)
		return N_("No such user.");
	char detail[96];
	snprintf(detail, sizeof detail, "role=%s office=%lld", role, (long long)office_id);
	/* sessions load the role with every request: the change takes effect at once */
	audit_write(w, actor, "update", "user", user_id, detail);
	return NULL;
}
