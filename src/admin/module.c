/* admin module — users, offices and the audit log; `daam user`, `daam token`. */
#include <stddef.h>
#include "admin/perms.h"
#include "module.h"
#include "core/limits.h"
#include "admin/admin.h"
#include "core/i18n.h"

static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* the user pages: org_q, the partner organization picker's Find step */
static const struct param_spec P_USER_NEW_PAGE[] = {
	{ "org_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_PAGE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "org_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_NEW[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 0, LIMIT_USER_NAME_CHARS, NULL },
	{ "display_name", PT_TEXT, IN_FORM, 0, 0, LIMIT_DISPLAY_NAME_CHARS, NULL },
	{ "role", PT_ENUM, IN_FORM, 1, 0, 0, role_keys },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, LIMIT_PASSWORD_MAX_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "display_name", PT_TEXT, IN_FORM, 0, 0, LIMIT_DISPLAY_NAME_CHARS, NULL },
	{ "role", PT_ENUM, IN_FORM, 1, 0, 0, role_keys },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_PASSWORD[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, LIMIT_PASSWORD_MAX_CHARS, NULL },
	{ "revoke_tokens", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OFFICE_NEW[] = {
	{ "code", PT_TEXT, IN_FORM, 1, 2, 24, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OFFICE_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_AUDIT[] = {
	{ "user", PT_TEXT, IN_QUERY, 0, 0, 64, NULL },
	{ "action", PT_TEXT, IN_QUERY, 0, 0, 40, NULL },
	{ "entity", PT_TEXT, IN_QUERY, 0, 0, 40, NULL },
	{ "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "to", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

/* the retention periods (retention_pages.c): their keys are the kinds' */
#define PERIOD(key, min, max) { key, PT_INT, IN_FORM, 1, min, max, NULL }
static const struct param_spec P_RETENTION[] = {
	PERIOD("people", 0, 50), PERIOD("uploads", 1, 30), PERIOD("audit_addresses", 0, 3650), PERIOD("sessions", 1, 365),
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct route routes[] = {
	{ M_GET,  "/admin/users", PERM_USERS_ADMIN, users_list, NULL, 0 },
	{ M_GET,  "/admin/users/new", PERM_USERS_ADMIN, user_new_page, P_USER_NEW_PAGE, 0 },
	{ M_POST, "/admin/users", PERM_USERS_ADMIN, user_create_submit, P_USER_NEW, 0 },
	{ M_GET,  "/admin/users/{id}", PERM_USERS_ADMIN, user_page, P_USER_PAGE, 0 },
	{ M_POST, "/admin/users/{id}", PERM_USERS_ADMIN, user_update_submit, P_USER_EDIT, 0 },
	{ M_POST, "/admin/users/{id}/disable", PERM_USERS_ADMIN, user_disable_submit, P_ID, 0 },
	{ M_POST, "/admin/users/{id}/enable", PERM_USERS_ADMIN, user_enable_submit, P_ID, 0 },
	{ M_POST, "/admin/users/{id}/password", PERM_USERS_ADMIN, user_password_submit, P_USER_PASSWORD, 0 },
	{ M_POST, "/admin/users/{id}/reset-2fa", PERM_USERS_ADMIN, user_reset_2fa_submit, P_ID, 0 },
	{ M_GET,  "/admin/offices", PERM_OFFICES_ADMIN, offices_list, NULL, 0 },
	{ M_POST, "/admin/offices", PERM_OFFICES_ADMIN, office_create_submit, P_OFFICE_NEW, 0 },
	{ M_GET,  "/admin/offices/{id}", PERM_OFFICES_ADMIN, office_page, P_ID, 0 },
	{ M_POST, "/admin/offices/{id}", PERM_OFFICES_ADMIN, office_update_submit, P_OFFICE_EDIT, 0 },
	{ M_GET,  "/admin/audit", PERM_AUDIT_READ, audit_list, P_AUDIT, 0 },
	{ M_GET,  "/admin/retention", PERM_RETENTION_ADMIN, retention_page, NULL, 0 },
	{ M_POST, "/admin/retention", PERM_RETENTION_ADMIN, retention_save_submit, P_RETENTION, 0 },
	{ M_POST, "/admin/retention/purge", PERM_RETENTION_ADMIN, retention_purge_submit, NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

static const struct perm_decl perms[] = {
	{ PERM_USERS_ADMIN, "users.admin", N_("Manage user accounts"), 0 },
	{ PERM_OFFICES_ADMIN, "offices.admin", N_("Manage offices, places and sectors"), 0 },
	{ PERM_AUDIT_READ, "audit.read", N_("Read the audit log"), ROLE_BIT(ROLE_DIRECTOR) },
	{ PERM_RETENTION_ADMIN, "retention.admin", N_("Set retention periods and purge"), 0 },
	{ 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/admin/users", N_("Users"), PERM_USERS_ADMIN, 900 },
	{ "/admin/offices", N_("Offices"), PERM_OFFICES_ADMIN, 910 },
	{ "/admin/audit", N_("Audit log"), PERM_AUDIT_READ, 990 },
	{ NULL, NULL, 0, 0 },
};

static const struct audit_word actions[] = {
	{ "purge", N_("Purged") }, { "anonymize", N_("Anonymized") }, { "erase", N_("Erased on request") },
	{ "data_export", N_("Data given to the person") }, { NULL, NULL },
};
static const struct audit_word entities[] = {
	{ "user", N_("User") }, { "office", N_("Office") }, { "token", N_("API token") },
	{ "retention", N_("Retention") }, { NULL, NULL },
};

static const struct job_decl jobs[] = {
	{ "retention-purge", N_("Purge of data past its retention period") },
	{ NULL, NULL },
};

static const struct cli_verb verbs[] = {
	{ "user", cmd_user, "user add --name NAME --role ROLE [--office OFFICE] [--org ID] [--display-name TEXT] --password-stdin\n"
			    "  user passwd --name NAME --password-stdin\n  user disable --name NAME | user enable --name NAME\n"
			    "  user reset-2fa --name NAME\n  user list\n    Manages accounts. reset-2fa removes a lost phone's second factor"
			    " (the person sets it up again at the next sign-in)." },
	{ "token", cmd_token, "token create --user NAME [--label TEXT] | token revoke --id N | token list\n"
			      "    Bearer tokens for the JSON API (/api/v1/): shown once, stored hashed." },
	{ "purge", cmd_purge, "purge [--dry-run] [--db PATH]\n"
			      "    Removes or anonymizes what is past its retention period (set on /admin/retention);\n"
			      "    --dry-run only counts it." },
	{ NULL, NULL, NULL },
};

const struct module admin_module = {
	.name = "admin",
	.routes = routes,
	.perms = perms,
	.nav = nav,
	.audit_actions = actions,
	.audit_entities = entities,
	.verbs = verbs,
	.jobs = jobs,
	.demo = admin_demo,
};
