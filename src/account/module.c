/* account module — signing in and out, preferences, one's own password. */
#include <stddef.h>
#include "module.h"
#include "core/limits.h"
#include "account/account.h"
#include "core/i18n.h"

static const char *const lang_codes[] = { "ar", "en", NULL };
static const char *const digit_styles[] = { "arab", "latn", NULL };

static const struct param_spec P_LOGIN_PAGE[] = {
	{ "next", PT_TEXT, IN_QUERY, 0, 0, LIMIT_NEXT_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_LOGIN[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 0, LIMIT_USER_NAME_CHARS, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, LIMIT_PASSWORD_MAX_CHARS, NULL },
	{ "next", PT_TEXT, IN_FORM, 0, 0, LIMIT_NEXT_CHARS, NULL },
	{ "keep", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PREFS[] = {
	{ "lang", PT_ENUM, IN_FORM, 0, 0, 0, lang_codes },
	{ "digits", PT_ENUM, IN_FORM, 0, 0, 0, digit_styles },
	{ "next", PT_TEXT, IN_FORM, 0, 0, LIMIT_NEXT_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OWN_PASSWORD[] = {
	{ "current", PT_SECRET, IN_FORM, 1, 0, LIMIT_PASSWORD_MAX_CHARS, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, LIMIT_PASSWORD_MAX_CHARS, NULL },
	{ "revoke_tokens", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct route routes[] = {
	{ M_GET,  "/login", 0, login_page, P_LOGIN_PAGE, 0 },
	{ M_POST, "/login", 0, login_submit, P_LOGIN, 0 },
	{ M_POST, "/logout", PERM_SIGNED_IN, logout_submit, NULL, 0 },
	{ M_POST, "/prefs", 0, prefs_submit, P_PREFS, 0 },
	{ M_GET,  "/account", PERM_SIGNED_IN, account_page, NULL, 0 },
	{ M_POST, "/account/password", PERM_SIGNED_IN, account_password_submit, P_OWN_PASSWORD, 0 },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/account", N_("My account"), PERM_SIGNED_IN, 1000 },
	{ NULL, NULL, 0, 0 },
};

static const struct audit_word actions[] = {
	{ "login", N_("Sign-in") }, { "login_failed", N_("Failed sign-in") }, { "logout", N_("Sign-out") },
	{ "set_password", N_("Password set") }, { "revoke_tokens", N_("API tokens revoked") }, { NULL, NULL },
};

const struct module account_module = {
	.name = "account",
	.routes = routes,
	.nav = nav,
	.audit_actions = actions,
};
