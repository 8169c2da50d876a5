/* audit — appends to audit_log (see audit.h). */
#include <time.h>
#include "auth/audit.h"
#include <string.h>
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_ADD[] =
	"INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int audit_write(struct db *w, int64_t user_id, const char *action, const char *entity,
		int64_t entity_id, const char *detail)
{
	return db_do(w, SQL_ADD, "Iottot", (long long)time(NULL), (long long)user_id, action, entity,
		     (long long)entity_id, detail ? detail : "");
}

/* The audit vocabulary, for filters and for showing entries in the user's language. */
const char *const audit_action_keys[] = { "create", "update", "disable", "enable", "set_password", "login",
	"login_failed", "logout", "view", "export", "import", "merge", "not_duplicate", "add_member", NULL };
const char *const audit_action_labels[] = { N_("Creation"), N_("Change"), N_("Disabling"), N_("Enabling"),
	N_("Password set"), N_("Sign-in"), N_("Failed sign-in"), N_("Sign-out"), N_("Viewed"), N_("Exported"),
	N_("Imported"), N_("Merged"), N_("Marked not the same"), N_("Member added"), NULL };
const char *const audit_entity_keys[] = { "user", "office", "org", "person", "people", "orgs", "place", "sector",
	"token", NULL };
const char *const audit_entity_labels[] = { N_("User"), N_("Office"), N_("Organization"), N_("Person"),
	N_("People list"), N_("Organizations list"), N_("Place"), N_("Sector"), N_("API token"), NULL };

static const char *label_of(const char *const *keys, const char *const *labels, const char *key)
{
	for (int i = 0; keys[i]; i++)
		if (strcmp(keys[i], key) == 0)
			return _(labels[i]);
	return key;
}

const char *audit_action_label(const char *action)
{
	return label_of(audit_action_keys, audit_action_labels, action);
}

const char *audit_entity_label(const char *entity)
{
	return label_of(audit_entity_keys, audit_entity_labels, entity);
}
