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

/* a code from the app or a recovery code (auth/totp.c parses it) */
static const struct param_spec P_CODE[] = {
	{ "code", PT_TEXT, IN_FORM, 1, 0, LIMIT_MFA_CODE_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct route routes[] = {
	{ M_GET,  "/login", 0, login_page, P_LOGIN_PAGE, 0 },
	{ M_POST, "/login", 0, login_submit, P_LOGIN, 0 },
	{ M_POST, "/logout", PERM_SIGNED_IN, logout_submit, NULL, 0 },
	{ M_POST, "/prefs", 0, prefs_submit, P_PREFS, 0 },
	{ M_GET,  "/account", PERM_SIGNED_IN, account_page, NULL, 0 },
	{ M_POST, "/account/password", PERM_SIGNED_IN, account_password_submit, P_OWN_PASSWORD, 0 },
	/* the second step of signing in: only with the "mfa" cookie of a right password */
	{ M_GET,  "/login/code", 0, login_code_page, NULL, 0 },
	{ M_POST, "/login/code", 0, login_code_submit, P_CODE, 0 },
	{ M_GET,  "/login/enrol", 0, login_enrol_page, NULL, 0 },
	{ M_POST, "/login/enrol", 0, login_enrol_submit, P_CODE, 0 },
	{ M_POST, "/account/2fa/start", PERM_SIGNED_IN, mfa_start_submit, NULL, 0 },
	{ M_POST, "/account/2fa/confirm", PERM_SIGNED_IN, mfa_confirm_submit, P_CODE, 0 },
	{ M_POST, "/account/2fa/recovery", PERM_SIGNED_IN, mfa_recovery_submit, P_CODE, 0 },
	{ M_POST, "/account/2fa/remove", PERM_SIGNED_IN, mfa_remove_submit, P_CODE, 0 },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/account", N_("My account"), PERM_SIGNED_IN, 1000 },
	{ NULL, NULL, 0, 0 },
};

static const struct audit_word actions[] = {
	{ "login", N_("Sign-in") }, { "login_failed", N_("Failed sign-in") }, { "logout", N_("Sign-out") },
	{ "set_password", N_("Password set") }, { "revoke_tokens", N_("API tokens revoked") },
	{ "second_factor_enrol", N_("Two-step sign-in turned on") },
	{ "second_factor_remove", N_("Two-step sign-in turned off") },
	{ "second_factor_reset", N_("Two-step sign-in reset") },
	{ "recovery_code_used", N_("Recovery code used") },
	{ "recovery_codes_new", N_("New recovery codes made") }, { NULL, NULL },
};

const struct module account_module = {
	.name = "account",
	.routes = routes,
	.nav = nav,
	.audit_actions = actions,
};
