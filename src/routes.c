/* routes — every route of daam in one table: method, path, the permission
 * it needs, its handler and its declared parameters with their validators. */
#include <stddef.h>
#include "http/router.h"
#include "http/assets.h"
#include "auth/roles.h"
#include "pages.h"

#define ID_MAX 1000000000000LL

static const char *const lang_codes[] = { "ar", "en", NULL };
static const char *const digit_styles[] = { "arab", "latn", NULL };

static const struct param_spec P_LOGIN_PAGE[] = {
	{ "next", PT_TEXT, IN_QUERY, 0, 0, 512, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_LOGIN[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 0, 64, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ "next", PT_TEXT, IN_FORM, 0, 0, 512, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PREFS[] = {
	{ "lang", PT_ENUM, IN_FORM, 0, 0, 0, lang_codes },
	{ "digits", PT_ENUM, IN_FORM, 0, 0, 0, digit_styles },
	{ "next", PT_TEXT, IN_FORM, 0, 0, 512, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OWN_PASSWORD[] = {
	{ "current", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_NEW[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 0, 32, NULL },
	{ "display_name", PT_TEXT, IN_FORM, 0, 0, 100, NULL },
	{ "role", PT_ENUM, IN_FORM, 1, 0, 0, role_keys },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "display_name", PT_TEXT, IN_FORM, 0, 0, 100, NULL },
	{ "role", PT_ENUM, IN_FORM, 1, 0, 0, role_keys },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_PASSWORD[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OFFICE_NEW[] = {
	{ "code", PT_TEXT, IN_FORM, 1, 2, 24, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OFFICE_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
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

const struct route route_table[] = {
	{ M_GET,  "/", PERM_SIGNED_IN, home_page, NULL, 0 },
	{ M_GET,  "/healthz", 0, health_json, NULL, ROUTE_API },
	{ M_GET,  "/assets/{file}", 0, asset_serve, NULL, 0 },
	{ M_GET,  "/login", 0, login_page, P_LOGIN_PAGE, 0 },
	{ M_POST, "/login", 0, login_submit, P_LOGIN, 0 },
	{ M_POST, "/logout", PERM_SIGNED_IN, logout_submit, NULL, 0 },
	{ M_POST, "/prefs", 0, prefs_submit, P_PREFS, 0 },
	{ M_GET,  "/account", PERM_SIGNED_IN, account_page, NULL, 0 },
	{ M_POST, "/account/password", PERM_SIGNED_IN, account_password_submit, P_OWN_PASSWORD, 0 },

	{ M_GET,  "/admin/users", PERM_USERS_ADMIN, users_list, NULL, 0 },
	{ M_GET,  "/admin/users/new", PERM_USERS_ADMIN, user_new_page, NULL, 0 },
	{ M_POST, "/admin/users", PERM_USERS_ADMIN, user_create_submit, P_USER_NEW, 0 },
	{ M_GET,  "/admin/users/{id}", PERM_USERS_ADMIN, user_page, P_ID, 0 },
	{ M_POST, "/admin/users/{id}", PERM_USERS_ADMIN, user_update_submit, P_USER_EDIT, 0 },
	{ M_POST, "/admin/users/{id}/disable", PERM_USERS_ADMIN, user_disable_submit, P_ID, 0 },
	{ M_POST, "/admin/users/{id}/enable", PERM_USERS_ADMIN, user_enable_submit, P_ID, 0 },
	{ M_POST, "/admin/users/{id}/password", PERM_USERS_ADMIN, user_password_submit, P_USER_PASSWORD, 0 },

	{ M_GET,  "/admin/offices", PERM_OFFICES_ADMIN, offices_list, NULL, 0 },
	{ M_POST, "/admin/offices", PERM_OFFICES_ADMIN, office_create_submit, P_OFFICE_NEW, 0 },
	{ M_GET,  "/admin/offices/{id}", PERM_OFFICES_ADMIN, office_page, P_ID, 0 },
	{ M_POST, "/admin/offices/{id}", PERM_OFFICES_ADMIN, office_update_submit, P_OFFICE_EDIT, 0 },

	{ M_GET,  "/admin/audit", PERM_AUDIT_READ, audit_list, P_AUDIT, 0 },
	{ 0, NULL, 0, NULL, NULL, 0 },
};
