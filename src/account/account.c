/* account — signing in and out, the language and digit preferences, and a
 * user's own account page (change password). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "account/account.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "core/arena.h"
#include "auth/audit.h"
#include "auth/mfa.h"
#include "auth/password.h"
#include "auth/roles.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "auth/tokens.h"
#include "auth/users.h"
#include "db/db.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/banned.h"

static const char SQL_LOGIN[] = "SELECT id, password_hash, disabled, role FROM users WHERE name = ?1";
static const char SQL_PW_OF[] = "SELECT password_hash FROM users WHERE id = ?1";

/* A safe place to go after signing in: a local path only (no "//host"). */
const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	/* browsers drop tabs and newlines from URLs: "/\t/evil" would become "//evil" */
	for (const unsigned char *c = (const unsigned char *)next; *c; c++)
		if (*c < 0x20 || *c == 0x7f || *c == '\\')
			return "/";
	return next;
}

static void login_form(struct req *r, const char *problem)
{
	page_begin(r, _("Sign in"));
	html_fmt(&r->out, "<section class=\"card narrow\"><h1>%s</h1>", _("Sign in"));
	if (problem)
		html_fmt(&r->out, "<p class=\"error-summary\" role=\"alert\">%s</p>", problem);
	mfa_demo_notice(r);
	form_begin(r, "/login", "form");
	html_fmt(&r->out, "<input type=\"hidden\" name=\"next\" value=\"%s\">", safe_next(req_str(r, "next")));
	form_input(r, "name", _("User name"), "text", "", 1, NULL);
	form_input(r, "password", _("Password"), "password", "", 1, NULL);
	/* off by default: a shared office computer forgets the session when the
	 * browser closes */
	html_fmt(&r->out, "<label class=\"check\"><input type=\"checkbox\" name=\"keep\" value=\"1\"> %s</label>",
		 _("Keep me signed in on this device (not on a shared computer)"));
	form_end(r, _("Sign in"));
	html_raw(&r->out, "</section>");
	page_end(r);
}

void login_page(struct req *r)
{
	if (r->user) {
		req_redirect(r, "/");
		return;
	}
	r->is_private = 1;
	login_form(r, NULL);
}

struct login {
	struct req *r;
	int64_t uid;
	int ok;     /* the password was right */
	int mfa;    /* a second step follows: 1 the code, 2 the enrolment */
};

/* A right password starts a session; both outcomes are audited. */
static int login_fn(struct db *w, void *arg)
{
	const struct login *l = arg;
	if (!l->ok) {
		char detail[80];
		snprintf(detail, sizeof detail, "address=%s", l->r->client_ip);
		return audit_write(w, 0, "login_failed", "user", l->uid, detail);
	}
	/* with a second factor (or one the role must set up) the password
	 * starts only the short second step, never a session */
	if (l->mfa) {
		if (l->mfa == 2 && mfa_enrol_begin(w, l->uid) < 0)
			return -1;
		return mfa_pending_start(l->r, w, l->uid, l->r->session_persistent, safe_next(req_str(l->r, "next")));
	}
	if (session_start(l->r, w, l->uid) < 0)
		return -1;
	return audit_write(w, l->uid, "login", "user", l->uid, "");
}

void login_submit(struct req *r)
{
	const char *name = req_str(r, "name"), *pw = req_str(r, "password");
	r->is_private = 1;
	/* a bad "next" only sends the user home; it does not stop the sign-in */
	if (req_error_for(r, "name") || req_error_for(r, "password")) {
		login_form(r, NULL);
		return;
	}
	if (throttle_begin(name, r->client_ip)) {
		r->status = 429;
		login_form(r, _("Too many failed attempts. Wait 15 minutes and try again, or ask an administrator."));
		return;
	}
	int64_t uid = 0;
	int disabled = 1, role = -1;
	char hash[PASSWORD_HASH_MAX];
	snprintf(hash, sizeof hash, "%s", password_dummy_hash());
	sqlite3_stmt *st = db_q(db_read(), SQL_LOGIN, "t", name);
	if (db_row(st) == 1) {
		uid = sqlite3_column_int64(st, 0);
		snprintf(hash, sizeof hash, "%s", db_text(st, 1));
		disabled = sqlite3_column_int(st, 2);
		role = role_from_key(db_text(st, 3));
		sqlite3_reset(st);
	}
	r->session_persistent = (int)req_int(r, "keep");
	/* verify even for unknown users so timing does not tell who exists */
	struct login l = { r, uid, password_verify(hash, pw) && uid && !disabled, 0 };
	if (l.ok)
		l.mfa = mfa_enrolled(db_read(), uid) ? 1 : mfa_role_required(role) && mfa_policy_on(db_read()) ? 2 : 0;
	int rc = db_write(login_fn, &l);
	if (!l.ok) {
		/* counted and answered the same even when the database is busy */
		throttle_end(name, r->client_ip, 1);
		log_info("failed sign-in (user id %lld)", (long long)uid);
		r->status = 200;
		login_form(r, _("The user name or the password is wrong."));
		return;
	}
	throttle_end(name, r->client_ip, 0);
	if (rc != 0) {
		req_error(r, 503);
		return;
	}
	req_redirect(r, l.mfa == 1 ? "/login/code" : l.mfa == 2 ? "/login/enrol" : safe_next(req_str(r, "next")));
}

static int logout_fn(struct db *w, void *arg)
{
	struct req *r = arg;
	session_end(r, w);
	return audit_write(w, r->user ? r->user->id : 0, "logout", "user", r->user ? r->user->id : 0, "");
}

void logout_submit(struct req *r)
{
	db_write(logout_fn, r);
	req_flash(r, _("You are signed out."));
	req_redirect(r, "/login");
}

void prefs_submit(struct req *r)
{
	const char *lang = req_str(r, "lang"), *digits = req_str(r, "digits");
	if (*lang)
		req_set_cookie(r, "lang", lang, 365 * 86400, 0);
	if (*digits)
		req_set_cookie(r, "digits", digits, 365 * 86400, 0);
	req_redirect(r, safe_next(req_str(r, "next")));
}

void form_revoke_tokens(struct req *r, int64_t user_id)
{
	int live = tokens_live(db_read(), user_id);
	if (live <= 0)
		return;
	static const char *const keys[] = { "1" };
	const char *labels[] = { arena_printf(&r->arena, i18n_ngettext("Also revoke its %d API token (scripts using it stop working)",
						      "Also revoke its %d API tokens (scripts using them stop working)", live), live) };
	form_checks(r, "revoke_tokens", _("API tokens"), keys, labels, 1, keys, 1);
}

static void account_form(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("My account"));
	html_fmt(o, "<h1>%s</h1>", _("My account"));
	html_fmt(o, "<dl class=\"facts\"><dt>%s</dt><dd><bdi dir=\"ltr\">%s</bdi></dd><dt>%s</dt><dd>%s</dd></dl>",
		 _("User name"), r->user->name, _("Role"), _(role_table[r->user->role].label));
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Digits"));
	form_begin(r, "/prefs", "inline");
	html_raw(o, "<input type=\"hidden\" name=\"next\" value=\"/account\">");
	/* the style in use is the pressed one; the other is offered */
	int arab = i18n_arabic_digits();
	html_fmt(o, "<div class=\"actions\"><button name=\"digits\" value=\"arab\" class=\"%s\" aria-pressed=\"%s\">%s "
		 "<bdi dir=\"ltr\">٠١٢٣</bdi></button>", arab ? "" : "secondary", arab ? "true" : "false", _("Arabic-Indic digits"));
	html_fmt(o, "<button name=\"digits\" value=\"latn\" class=\"%s\" aria-pressed=\"%s\">%s <bdi dir=\"ltr\">0123</bdi></button></div>",
		 arab ? "secondary" : "", arab ? "false" : "true", _("Western digits"));
	form_end(r, NULL);
	html_raw(o, "</section>");
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Change my password"));
	form_error_summary(r);
	form_begin(r, "/account/password", "form");
	form_input(r, "current", _("Current password"), "password", "", 1, NULL);
	form_input(r, "password", _("New password"), "password", "", 1,
		   _("At least 8 characters. A phrase of several words is strong and easy to remember."));
	form_revoke_tokens(r, r->user->id);
	form_end(r, _("Change password"));
	html_raw(o, "</section>");
	mfa_account_section(r);
	page_end(r);
}

void account_page(struct req *r)
{
	account_form(r);
}

struct password_change {
	struct req *r;
	const char *err;   /* msgid of a refused password */
	int revoked;       /* API tokens revoked with it */
};

/* A new password ends every session, this one too: a fresh one starts. */
static int password_fn(struct db *w, void *arg)
{
	struct password_change *a = arg;
	struct req *r = a->r;
	a->err = user_set_password(w, r->user->id, r->user->id, req_str(r, "password"));
	if (a->err)
		return 1;
	if (user_revoke_tokens(w, r->user->id, r->user->id, (int)req_int(r, "revoke_tokens"), &a->revoked) < 0)
		return -1;
	return session_start(r, w, r->user->id);
}

void account_password_submit(struct req *r)
{
	if (!r->nerrors) {
		char hash[PASSWORD_HASH_MAX] = "";
		sqlite3_stmt *st = db_q(db_read(), SQL_PW_OF, "I", (long long)r->user->id);
		if (db_row(st) == 1) {
			snprintf(hash, sizeof hash, "%s", db_text(st, 0));
			sqlite3_reset(st);
		}
		if (!password_verify(hash, req_str(r, "current")))
			req_field_error(r, "current", _("This is not your current password."));
	}
	if (!r->nerrors) {
		struct password_change a = { r, NULL, 0 };
		const char *err = db_write(password_fn, &a) < 0 ? N_("The password could not be saved.") : a.err;
		if (err) {
			req_field_error(r, "password", _(err));
		} else {
			req_flash(r, a.revoked ? _("Your password was changed. Other devices were signed out and your API tokens revoked.")
					       : _("Your password was changed. Other devices were signed out."));
			req_redirect(r, "/account");
			return;
		}
	}
	account_form(r);
}
