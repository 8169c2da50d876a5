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
#include "auth/tokens.h"
#include "db/db.h"
#include "core/i18n.h"
#include "core/banned.h"

static const char SQL_INSERT[] =
	"INSERT INTO users (name, display_name, role, office_id, org_id, password_hash, created_at, password_changed_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_BY_NAME[] = "SELECT id FROM users WHERE name = ?1";
static const char SQL_SET_PW[] = "UPDATE users SET password_hash = ?1, password_changed_at = ?2 WHERE id = ?3";
static const char SQL_SET_DISABLED[] = "UPDATE users SET disabled = ?1 WHERE id = ?2";
static const char SQL_UPDATE[] = "UPDATE users SET display_name = ?1, role = ?2, office_id = ?3, org_id = ?4 WHERE id = ?5";
static const char SQL_NAME_OF[] = "SELECT name FROM users WHERE id = ?1";
static const char SQL_OFFICE_BY_CODE[] = "SELECT id FROM offices WHERE code = ?1 OR CAST(id AS TEXT) = ?1";
static const char SQL_ORG_EXISTS[] = "SELECT count(*) FROM orgs WHERE id = ?1";
static const char SQL_IS_ACTIVE_ADMIN[] = "SELECT count(*) FROM users WHERE id = ?1 AND role = 'admin' AND disabled = 0";
static const char SQL_OTHER_ADMINS[] = "SELECT count(*) FROM users WHERE id <> ?1 AND role = 'admin' AND disabled = 0";
const char user_last_admin_msg[] = N_("This is the only active administrator. Make another account an administrator "
				     "first, so that someone can still manage the accounts.");

static int count_of(struct db *w, const char *sql, int64_t id)
{
	sqlite3_stmt *st = db_q(w, sql, "I", (long long)id);
	int n = db_row(st) == 1 ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

/* NULL when user_id may stop being an active administrator (disabled or
 * given another role): another active administrator remains.  Checked in
 * the same write transaction as the change, so two admins demoting each
 * other at once cannot both succeed. */
static const char *last_admin_problem(struct db *w, int64_t user_id)
{
	int is_admin = count_of(w, SQL_IS_ACTIVE_ADMIN, user_id), others = count_of(w, SQL_OTHER_ADMINS, user_id);
	if (is_admin < 0 || others < 0)
		return N_("The change could not be saved.");
	return is_admin && !others ? user_last_admin_msg : NULL;
}

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
	return db_int(d, 0, SQL_OFFICE_BY_CODE, "t", code);
}

const char user_no_office_msg[] = N_("Choose an office from the list.");
static const char SQL_OFFICE_EXISTS[] = "SELECT count(*) FROM offices WHERE id = ?1";

int office_exists(struct db *d, int64_t id)
{
	return db_int(d, 0, SQL_OFFICE_EXISTS, "I", (long long)id) > 0;
}

/* Checks role, office and the binding to an organization: an id that does
 * not exist is the form's mistake (a field error), not a database failure. */
static const char *role_problem(struct db *w, const char *role, int64_t office_id, int64_t org_id)
{
	int rl = role_from_key(role);
	if (rl < 0)
		return N_("Unknown role.");
	if (office_id && !office_exists(w, office_id))
		return user_no_office_msg;
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
	if ((err = user_name_problem(name)) || (err = role_problem(w, role, office_id, org_id)) ||
	    (err = password_problem(password, name)))
		return err;
	if (user_id_by_name(w, name))
		return N_("This user name is taken.");
	if (password_hash(password, hash) < 0)
		return N_("The server could not protect the password; try again.");
	int rl = role_from_key(role);
	long long now = time(NULL);
	if (db_do(w, SQL_INSERT, "tttootII", name, display_name ? display_name : "", role, (long long)office_id,
		  role_table[rl].needs_org ? (long long)org_id : 0LL, hash, now, now) < 0)
		return N_("The account could not be saved.");
	int64_t id = db_last_id(w);
	if (id_out)
		*id_out = id;
	char detail[96];
	snprintf(detail, sizeof detail, "role=%s office=%lld", role, (long long)office_id);
	if (audit_write(w, actor, "create", "user", id, detail) < 0)
		return N_("The account could not be saved.");
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
	if (session_end_all(w, user_id) < 0 || audit_write(w, actor, "set_password", "user", user_id, "") < 0)
		return N_("The password could not be saved.");
	return NULL;
}

int user_revoke_tokens(struct db *w, int64_t actor, int64_t user_id, int revoke_tokens, int *revoked)
{
	*revoked = 0;
	if (!revoke_tokens)
		return 0;
	int n = tokens_revoke_all(w, user_id);
	if (n < 0)
		return -1;
	*revoked = n;
	char detail[32];
	snprintf(detail, sizeof detail, "count=%d", n);
	return n ? audit_write(w, actor, "revoke_tokens", "user", user_id, detail) : 0;
}

const char *user_set_disabled(struct db *w, int64_t actor, int64_t user_id, int disabled)
{
	const char *last = disabled ? last_admin_problem(w, user_id) : NULL;
	if (last)
		return last;
	if (db_do(w, SQL_SET_DISABLED, "iI", disabled ? 1 : 0, (long long)user_id) < 0)
		return N_("The change could not be saved.");
	if (db_changes(w) != 1)
		return N_("No such user.");
	/* disabling ends the sessions and revokes the API tokens: enabling the
	 * account again does not bring them back */
	int revoked = 0;
	if (disabled && (session_end_all(w, user_id) < 0 || (revoked = tokens_revoke_all(w, user_id)) < 0))
		return N_("The change could not be saved.");
	char detail[48] = "";
	if (revoked)
		snprintf(detail, sizeof detail, "tokens_revoked=%d", revoked);
	if (audit_write(w, actor, disabled ? "disable" : "enable", "user", user_id, detail) < 0)
		return N_("The change could not be saved.");
	return NULL;
}

const char *user_update(struct db *w, int64_t actor, int64_t user_id, const char *display_name,
			const char *role, int64_t office_id, int64_t org_id)
{
	const char *err = role_problem(w, role, office_id, org_id);
	if (err)
		return err;
	int rl = role_from_key(role);
	const char *last = strcmp(role, "admin") != 0 ? last_admin_problem(w, user_id) : NULL;
	if (last)
		return last;
	if (db_do(w, SQL_UPDATE, "ttooI", display_name ? display_name : "", role, (long long)office_id,
		  role_table[rl].needs_org ? (long long)org_id : 0LL, (long long)user_id) < 0)
		return N_("The account could not be saved.");
	if (db_changes(w) != 1)
		return N_("No such user.");
	char detail[96];
	snprintf(detail, sizeof detail, "role=%s office=%lld", role, (long long)office_id);
	/* sessions load the role with every request: the change takes effect at once */
	if (audit_write(w, actor, "update", "user", user_id, detail) < 0)
		return N_("The account could not be saved.");
	return NULL;
}
