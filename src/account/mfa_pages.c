/* mfa_pages — the second factor's pages: the sign-in's second step (the
 * code, or the enrolment a role requires before any other page), the
 * recovery codes shown once, and the "Two-step sign-in" part of My account
 * (set up, new recovery codes, turn off).  The records are auth/mfa.c's;
 * the admin's reset is on the user's page (admin/users.c). */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "account/account.h"
#include "auth/audit.h"
#include "auth/mfa.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/qr.h"
#include "http/request.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/banned.h"

#define MSG_WRONG N_("This code is not right. Type the 6 digits your app shows now. If it keeps failing, check that the phone sets its time automatically.")
#define MSG_REPLAY N_("This code was already used. Wait for the next one in your app (at most 30 seconds).")
#define MSG_TOO_MANY N_("Too many wrong codes. Wait 15 minutes and try again, or ask an administrator.")
#define MSG_EXPIRED N_("The sign-in took too long or had too many wrong codes. Sign in again.")

void mfa_demo_notice(struct req *r)
{
	if (!mfa_policy_on(db_read()))
		html_fmt(&r->out, "<p class=\"notice\" role=\"status\">%s</p>",
			 _("Demo data: administrators and directors sign in here without a second factor. A real "
			   "installation asks them for a code from their phone."));
}

/* A code field, read left to right: digits only (a phone's number pad)
 * where only a code from the app is taken, else text (a recovery code has
 * letters). */
static void code_input(struct req *r, const char *id, const char *label, const char *hint, int digits_only)
{
	const char *err = req_declares(r, "code") ? req_error_for(r, "code") : NULL;
	html_fmt(&r->out, "<div class=\"field%s\"><label for=\"f-%s\">%s *</label>"
		 "<input id=\"f-%s\" name=\"code\" type=\"text\" inputmode=\"%s\" autocomplete=\"one-time-code\""
		 " autocapitalize=\"off\" spellcheck=\"false\" dir=\"ltr\" maxlength=\"%d\" required",
		 err ? " has-error" : "", id, label, id, digits_only ? "numeric" : "text", LIMIT_MFA_CODE_CHARS);
	if (err)
		html_fmt(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\" autofocus>"
			 "<p class=\"error\" id=\"e-%s\">%s</p></div>", id, id, err);
	else if (hint)
		html_fmt(&r->out, "><p class=\"hint\">%s</p></div>", hint);
	else
		html_raw(&r->out, "></div>");
}

/* The pending step is gone: back to the password, saying why. */
static void expired(struct req *r)
{
	req_flash(r, _(MSG_EXPIRED));
	req_redirect(r, "/login");
}

static void code_form(struct req *r, const char *problem)
{
	page_begin(r, _("Sign-in code"));
	html_fmt(&r->out, "<section class=\"card narrow\"><h1>%s</h1>", _("Sign-in code"));
	if (problem)
		html_fmt(&r->out, "<p class=\"error-summary\" role=\"alert\">%s</p>", problem);
	html_fmt(&r->out, "<p>%s</p>", _("Open the authenticator app on your phone and type the 6-digit code it shows for daam."));
	form_begin(r, "/login/code", "form");
	code_input(r, "code", _("Code"), _("Lost your phone? Type one of your recovery codes instead."), 0);
	form_end(r, _("Sign in"));
	html_fmt(&r->out, "<p><a href=\"/login\">%s</a></p></section>", _("Back to the sign-in page"));
	page_end(r);
}

void login_code_page(struct req *r)
{
	struct mfa_pending p;
	r->is_private = 1;
	if (r->user) {
		req_redirect(r, "/");
		return;
	}
	if (!mfa_pending_load(r, &p)) {
		expired(r);
		return;
	}
	code_form(r, NULL);
}

/* The enrolment's body: the QR code, the secret as text, the first code. */
static void enrol_body(struct req *r, const char *user_name, const unsigned char *secret, const char *action,
		       const char *problem)
{
	struct strbuf *o = &r->out;
	char b32[TOTP_BASE32_CHARS];
	if (totp_base32(secret, TOTP_SECRET_BYTES, b32) < 0) {
		req_error(r, 500);
		return;
	}
	page_begin(r, _("Set up two-step sign-in"));
	html_fmt(o, "<section class=\"card narrow\"><h1>%s</h1>", _("Set up two-step sign-in"));
	if (problem)
		html_fmt(o, "<p class=\"error-summary\" role=\"alert\">%s</p>", problem);
	html_fmt(o, "<ol class=\"steps\"><li>%s</li><li>%s</li><li>%s</li></ol>",
		 _("Install an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator)."),
		 _("In the app, add an account and scan this code. If you cannot scan, choose to type a key and copy the key below."),
		 _("Type the 6-digit code the app shows, to check that it works."));
	char uri[200];
	snprintf(uri, sizeof uri, "otpauth://totp/daam:%s?secret=%s&issuer=daam&algorithm=SHA1&digits=6&period=30",
		 user_name, b32);
	html_raw(o, "<div class=\"qr-box\">");
	html_qr_svg(o, uri, 216, _("QR code of the key for the authenticator app"));
	html_raw(o, "</div>");
	html_fmt(o, "<p>%s</p><p class=\"secret\"><code dir=\"ltr\">", _("The key, to type by hand:"));
	for (int i = 0; b32[i]; i += 4) {
		char group[5] = { 0 };
		memcpy(group, b32 + i, strnlen(b32 + i, 4));
		html_fmt(o, "%s%s", i ? " " : "", group);
	}
	html_raw(o, "</code></p>");
	sodium_memzero(b32, sizeof b32);
	sodium_memzero(uri, sizeof uri);
	form_begin(r, action, "form");
	code_input(r, "code", _("Code from the app"), NULL, 1);
	form_end(r, _("Turn on two-step sign-in"));
	if (strcmp(action, "/login/enrol") == 0)
		html_fmt(o, "<p><a href=\"/login\">%s</a></p>", _("Back to the sign-in page"));
	html_raw(o, "</section>");
	page_end(r);
}

/* The recovery codes, shown once, and the way on. */
static void codes_page(struct req *r, char codes[RECOVERY_COUNT][RECOVERY_SHOWN], const char *next)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Your recovery codes"));
	html_fmt(o, "<section class=\"card narrow\"><h1>%s</h1><p class=\"notice\" role=\"status\">%s</p><p>%s</p>",
		 _("Your recovery codes"), _("Two-step sign-in is on."),
		 _("If you lose your phone, each of these codes signs you in once instead of a code from the app. "
		   "Write them down or print this page, and keep them away from the phone. They are shown only now."));
	html_raw(o, "<ol class=\"recovery-codes\" dir=\"ltr\">");
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		html_fmt(o, "<li><code>%s</code></li>", codes[i]);
		sodium_memzero(codes[i], RECOVERY_SHOWN);
	}
	html_fmt(o, "</ol><p><a class=\"button\" href=\"%s\">%s</a></p></section>", next, _("I have kept them — continue"));
	page_end(r);
}

void login_enrol_page(struct req *r)
{
	struct mfa_pending p;
	unsigned char secret[TOTP_SECRET_BYTES];
	r->is_private = 1;
	if (r->user) {
		req_redirect(r, "/");
		return;
	}
	if (!mfa_pending_load(r, &p) || !mfa_enrol_secret(db_read(), p.user_id, secret)) {
		expired(r);
		return;
	}
	enrol_body(r, p.user_name, secret, "/login/enrol", NULL);
	sodium_memzero(secret, sizeof secret);
}

struct step {
	struct req *r;
	const struct mfa_pending *p;
	int enrol;        /* 1: the first code of an enrolment */
	int result;       /* MFA_… */
	int ended;        /* the step ended (too many wrong codes) */
	char codes[RECOVERY_COUNT][RECOVERY_SHOWN];
};

/* The second step's write: a right code ends the step and starts the
 * session ("keep me signed in" carried through); a wrong one is counted
 * and audited. */
static int step_fn(struct db *w, void *arg)
{
	struct step *s = arg;
	struct req *r = s->r;
	const char *code = req_str(r, "code");
	s->result = s->enrol ? mfa_enrol_confirm(w, s->p->user_id, code, s->codes) : mfa_check(w, s->p->user_id, code, 1);
	if (s->result < 0)
		return -1;
	if (s->result == MFA_OK_TOTP || s->result == MFA_OK_RECOVERY) {
		r->session_persistent = s->p->keep;
		if (mfa_pending_end(r, w, s->p->id) < 0 || session_start(r, w, s->p->user_id) < 0)
			return -1;
		return audit_write(w, s->p->user_id, "login", "user", s->p->user_id,
				   s->enrol ? "second_factor=enrolled" : s->result == MFA_OK_TOTP ? "second_factor=code"
												: "second_factor=recovery");
	}
	char detail[96];
	snprintf(detail, sizeof detail, "address=%s step=%s", r->client_ip, s->result == MFA_REPLAY ? "code_replayed" : "code");
	if (audit_write(w, 0, "login_failed", "user", s->p->user_id, detail) < 0)
		return -1;
	s->ended = mfa_pending_fail(w, s->p);
	if (s->ended < 0)
		return -1;
	if (s->ended)
		mfa_pending_end(r, w, s->p->id);
	return 0;
}

static void step_submit(struct req *r, int enrol)
{
	struct mfa_pending p;
	r->is_private = 1;
	if (r->user) {
		req_redirect(r, "/");
		return;
	}
	if (!mfa_pending_load(r, &p)) {
		expired(r);
		return;
	}
	unsigned char secret[TOTP_SECRET_BYTES];
	if (enrol && !mfa_enrol_secret(db_read(), p.user_id, secret)) {
		expired(r);
		return;
	}
	const char *problem = NULL;
	struct step s = { r, &p, enrol, MFA_WRONG, 0, { { 0 } } };
	if (req_error_for(r, "code")) {
		/* the field's own error */
	} else if (throttle_code_begin(p.user_name, r->client_ip)) {
		r->status = 429;
		problem = _(MSG_TOO_MANY);
	} else {
		int rc = db_write(step_fn, &s);
		int ok = rc == 0 && (s.result == MFA_OK_TOTP || s.result == MFA_OK_RECOVERY);
		throttle_code_end(p.user_name, r->client_ip, rc == 0 && !ok);
		if (rc != 0) {
			req_error(r, 503);
			goto out;
		}
		if (ok && enrol) {
			codes_page(r, s.codes, p.next);
			goto out;
		}
		if (ok) {
			if (s.result == MFA_OK_RECOVERY) {
				int left = mfa_recovery_left(db_read(), p.user_id);
				req_flash(r, arena_printf(&r->arena, i18n_ngettext("You signed in with a recovery code. %d is left: "
						"make new ones in My account.", "You signed in with a recovery code. %d are left: "
						"make new ones in My account.", left), left));
			}
			req_redirect(r, p.next);
			goto out;
		}
		if (s.ended) {
			expired(r);
			goto out;
		}
		problem = s.result == MFA_REPLAY ? _(MSG_REPLAY) : _(MSG_WRONG);
	}
	if (enrol)
		enrol_body(r, p.user_name, secret, "/login/enrol", problem);
	else
		code_form(r, problem);
out:
	sodium_memzero(secret, sizeof secret);
}

void login_code_submit(struct req *r)
{
	step_submit(r, 0);
}

void login_enrol_submit(struct req *r)
{
	step_submit(r, 1);
}

/* ---- My account ---- */

void mfa_account_section(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t uid = r->user->id;
	int required = mfa_role_required(r->user->role) && mfa_policy_on(db_read());
	html_fmt(o, "<section class=\"card\" id=\"second-factor\"><h2>%s</h2>", _("Two-step sign-in"));
	mfa_demo_notice(r);
	if (!mfa_enrolled(db_read(), uid)) {
		html_fmt(o, "<p>%s</p>", _("Off. With it on, signing in asks for your password and a code from an app on "
					  "your phone, so a stolen password alone is not enough."));
		if (required)
			html_fmt(o, "<p>%s</p>", _("Your role requires it: you will set it up at your next sign-in."));
		form_begin(r, "/account/2fa/start", "inline");
		form_end(r, _("Set up two-step sign-in"));
		html_raw(o, "</section>");
		return;
	}
	int left = mfa_recovery_left(db_read(), uid);
	html_fmt(o, "<p>%s ", _("On: signing in asks for a code from your phone."));
	html_fmt(o, i18n_ngettext("%d recovery code is left.", "%d recovery codes are left.", left), left);
	html_raw(o, "</p>");
	form_begin(r, "/account/2fa/recovery", "form");
	code_input(r, "code-new", _("Code from the app"), _("New recovery codes replace the old ones, which stop working."), 1);
	form_end(r, _("Make new recovery codes"));
	if (required) {
		html_fmt(o, "<p>%s</p>", _("Your role requires two-step sign-in. If you lose your phone, use a recovery "
					  "code, or ask another administrator to reset it from your user page."));
	} else {
		form_begin(r, "/account/2fa/remove", "form");
		code_input(r, "code-off", _("Code from the app, or a recovery code"), NULL, 0);
		html_fmt(o, "<div class=\"actions\"><button class=\"danger\">%s</button></div></form>",
			 _("Turn off two-step sign-in"));
	}
	html_raw(o, "</section>");
}

static int begin_fn(struct db *w, void *arg)
{
	struct req *r = arg;
	return mfa_enrol_begin(w, r->user->id);
}

void mfa_start_submit(struct req *r)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	int rc = db_write(begin_fn, r);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc > 0 || !mfa_enrol_secret(db_read(), r->user->id, secret)) {
		req_flash(r, _("Two-step sign-in is already on."));
		req_redirect(r, "/account");
		return;
	}
	enrol_body(r, r->user->name, secret, "/account/2fa/confirm", NULL);
	sodium_memzero(secret, sizeof secret);
}

struct own {
	struct req *r;
	int what;         /* 0 confirm, 1 new recovery codes, 2 turn off */
	int result;
	char codes[RECOVERY_COUNT][RECOVERY_SHOWN];
};

static int own_fn(struct db *w, void *arg)
{
	struct own *a = arg;
	int64_t uid = a->r->user->id;
	const char *code = req_str(a->r, "code");
	if (a->what == 0) {
		a->result = mfa_enrol_confirm(w, uid, code, a->codes);
		return a->result < 0 ? -1 : 0;
	}
	a->result = mfa_check(w, uid, code, a->what == 2);
	if (a->result < 0)
		return -1;
	if (a->result != MFA_OK_TOTP && a->result != MFA_OK_RECOVERY)
		return 0;
	if (a->what == 1)
		return mfa_recovery_new(w, uid, a->codes);
	return mfa_remove(w, uid, uid) < 0 ? -1 : 0;
}

/* Runs one change of one's own factor, behind the code throttle; returns
 * 1 when the code was right and the change saved, 0 when the answer has
 * been written (an error). */
static int own_change(struct req *r, struct own *a, const char **problem)
{
	if (req_error_for(r, "code")) {
		*problem = req_error_for(r, "code");
		return 0;
	}
	if (throttle_code_begin(r->user->name, r->client_ip)) {
		*problem = _(MSG_TOO_MANY);
		r->status = 429;
		return 0;
	}
	int rc = db_write(own_fn, a);
	int ok = rc == 0 && (a->result == MFA_OK_TOTP || a->result == MFA_OK_RECOVERY);
	throttle_code_end(r->user->name, r->client_ip, rc == 0 && !ok && a->result != MFA_NONE);
	if (rc != 0) {
		req_error(r, 503);
		*problem = NULL;
		return -1;
	}
	*problem = a->result == MFA_REPLAY ? _(MSG_REPLAY) : _(MSG_WRONG);
	return ok;
}

void mfa_confirm_submit(struct req *r)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	if (!mfa_enrol_secret(db_read(), r->user->id, secret)) {
		req_flash(r, _("The setup took too long. Start it again."));
		req_redirect(r, "/account");
		return;
	}
	struct own a = { r, 0, MFA_WRONG, { { 0 } } };
	const char *problem = NULL;
	int ok = own_change(r, &a, &problem);
	if (ok > 0)
		codes_page(r, a.codes, "/account");
	else if (ok == 0)
		enrol_body(r, r->user->name, secret, "/account/2fa/confirm", problem);
	sodium_memzero(secret, sizeof secret);
}

/* New recovery codes, or turning the factor off: a right code, else back
 * to My account with what was wrong. */
static void own_submit(struct req *r, int what)
{
	if (what == 2 && mfa_role_required(r->user->role) && mfa_policy_on(db_read())) {
		req_flash(r, _("Your role requires two-step sign-in: it cannot be turned off."));
		req_redirect(r, "/account");
		return;
	}
	struct own a = { r, what, MFA_WRONG, { { 0 } } };
	const char *problem = NULL;
	int ok = own_change(r, &a, &problem);
	if (ok < 0)
		return;
	if (ok && what == 1) {
		codes_page(r, a.codes, "/account");
		return;
	}
	if (ok)
		req_flash(r, _("Two-step sign-in is off."));
	else if (a.result == MFA_NONE)
		req_flash(r, _("Two-step sign-in is off."));
	else
		req_flash(r, problem);
	req_redirect(r, "/account#second-factor");
}

void mfa_recovery_submit(struct req *r)
{
	own_submit(r, 1);
}

void mfa_remove_submit(struct req *r)
{
	own_submit(r, 2);
}
