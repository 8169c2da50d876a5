/* admin_users — user accounts for administrators: list, create, change role
 * and office, disable/enable, reset password.  Every change is audited (in
 * auth/users.c) and disabling ends the user's sessions at once. */
#include <stdio.h>
#include <string.h>
#include "admin/admin.h"
#include "account/account.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "auth/roles.h"
#include "auth/users.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "registry/picker.h"
#include "auth/mfa.h"
#include "core/banned.h"

static const char SQL_LIST[] =
	"SELECT u.id, u.name, u.display_name, u.role, o.name_ar, o.name_en, u.disabled"
	" FROM users u LEFT JOIN offices o ON o.id = u.office_id ORDER BY u.disabled, u.name";
static const char SQL_GET[] =
	"SELECT id, name, display_name, role, office_id, org_id, disabled, created_at FROM users WHERE id = ?1";
static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";

#define MAX_OFFICES 64

/* The office choices: "" = all offices, then each office id. */
static int office_choices(struct req *r, const char **keys, const char **labels)
{
	int n = 0;
	keys[n] = "";
	labels[n++] = _("All offices");
	sqlite3_stmt *st = db_q(db_read(), SQL_OFFICES, "");
	while (db_row(st) == 1) {
		if (n == MAX_OFFICES) {
			sqlite3_reset(st);
			break;
		}
		keys[n] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
		labels[n++] = arena_strdup(&r->arena, db_text(st, i18n_lang() == LANG_AR ? 1 : 2));
	}
	return n;
}

/* The partner's organization, chosen with the picker by name (Find asks
 * page again with org_q); org: the saved one, unless the form came back. */
static struct picker org_picker(struct req *r, const char *page, const char *org)
{
	const char *typed = r->method == M_POST ? req_form_raw(r, "org") : NULL;
	struct picker p = { .kind = PICK_ORG, .field = "org", .q = "org_q",
			    .legend = _("Partner organization (partner accounts only)"), .page = arena_strdup(&r->arena, page),
			    .selected = typed ? typed : org };
	return p;
}

static void role_office_fields(struct req *r, const char *role, const char *office, const struct picker *org)
{
	const char *labels[ROLE_COUNT];
	for (int i = 0; i < ROLE_COUNT; i++)
		labels[i] = _(role_table[i].label);
	form_select(r, "role", _("Role"), role_keys, labels, ROLE_COUNT, role);
	const char *okeys[MAX_OFFICES + 1], *olabels[MAX_OFFICES + 1];
	int n = office_choices(r, okeys, olabels);
	form_select(r, "office", _("Office"), okeys, olabels, n, office);
	picker_field(r, org);
}

static void render_new(struct req *r)
{
	page_begin(r, _("New user"));
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/admin/users\">%s</a></p><h1>%s</h1>", _("Users"), _("New user"));
	form_error_summary(r);
	struct picker org = org_picker(r, "/admin/users/new", "");
	picker_find_form(r, &org);
	form_begin(r, "/admin/users", "form");
	form_input(r, "name", _("User name"), "text", "", 1, _("Small Latin letters, for example: huda.k"));
	form_input(r, "display_name", _("Full name"), "text", "", 0, NULL);
	role_office_fields(r, "program_officer", "", &org);
	form_input(r, "password", _("Password"), "password", "", 1, _("At least 8 characters."));
	form_end(r, _("Create"));
	page_end(r);
}

void users_list(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Users"));
	html_fmt(o, "<h1>%s</h1><p><a class=\"button\" href=\"/admin/users/new\">%s</a></p>", _("Users"), _("New user"));
	const char *cols[] = { _("User name"), _("Full name"), _("Role"), _("Office"), _("State"), NULL };
	table_begin(r, cols);
	sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "");
	while (db_row(st) == 1) {
		int role = role_from_key(db_text(st, 3));
		const char *office = sqlite3_column_type(st, 4) == SQLITE_NULL ? _("All offices")
				     : db_text(st, i18n_lang() == LANG_AR ? 4 : 5);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/admin/users/%lld", (long long)sqlite3_column_int64(st, 0)),
			  db_text(st, 1));
		cell_begin(r);
		html_bdi(o, db_text(st, 2));
		cell_end(r);
		cell_text(r, role >= 0 ? _(role_table[role].label) : db_text(st, 3));
		cell_text(r, office);
		cell_text(r, sqlite3_column_int(st, 6) ? _("Disabled") : _("Active"));
		row_end(r);
	}
	table_end(r);
	page_end(r);
}

void user_new_page(struct req *r)
{
	render_new(r);
}

struct create_args {
	struct req *r;
	const char *err;   /* msgid when refused */
	int64_t id;        /* the new account */
};

static int create_fn(struct db *w, void *arg)
{
	struct create_args *c = arg;
	struct req *r = c->r;
	c->err = user_create(w, r->user->id, req_str(r, "name"), req_str(r, "display_name"), req_str(r, "role"),
			     req_int(r, "office"), req_int(r, "org"), req_str(r, "password"), &c->id);
	return c->err ? 1 : 0;
}

void user_create_submit(struct req *r)
{
	if (r->nerrors) {
		r->status = 400;
		render_new(r);
		return;
	}
	struct create_args c = { r, NULL, 0 };
	if (db_write(create_fn, &c) != 0) {
		const char *err = c.err;   /* NULL: the database failed */
		const char *field = "name";
		if (err == user_no_office_msg)
			field = "office";
		else if (err && (strstr(err, "password") || strstr(err, "Password")))
			field = "password";
		else if (err && (strstr(err, "role") || strstr(err, "partner")))
			field = "org";
		req_field_error(r, field, err ? _(err) : _("The account could not be saved."));
		/* refused: 400; the database failed: 503, the form kept as typed */
		r->status = err ? 400 : 503;
		render_new(r);
		return;
	}
	req_flash(r, _("The account was created. Give the user their name and password in person."));
	req_redirect(r, arena_printf(&r->arena, "/admin/users/%lld", (long long)c.id));
}

static void render_user(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t id = req_int(r, "id");
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *name = arena_strdup(&r->arena, db_text(st, 1));
	const char *display = arena_strdup(&r->arena, db_text(st, 2));
	const char *role = arena_strdup(&r->arena, db_text(st, 3));
	const char *office = sqlite3_column_type(st, 4) == SQLITE_NULL ? ""
			     : arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 4));
	const char *org = sqlite3_column_type(st, 5) == SQLITE_NULL ? ""
			  : arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 5));
	int disabled = sqlite3_column_int(st, 6);
	long long created = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);

	page_begin(r, name);
	html_fmt(o, "<p class=\"back\"><a href=\"/admin/users\">%s</a></p><h1><bdi>%s</bdi></h1>", _("Users"), name);
	html_fmt(o, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", _("State"),
		 disabled ? _("Disabled") : _("Active"), _("Created"));
	date_format_time(o, created);
	html_raw(o, "</dd></dl>");
	form_error_summary(r);
	char action[80];
	snprintf(action, sizeof action, "/admin/users/%lld", (long long)id);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Role and office"));
	struct picker org_pick = org_picker(r, action, org);
	picker_find_form(r, &org_pick);
	form_begin(r, action, "form");
	form_input(r, "display_name", _("Full name"), "text", display, 0, NULL);
	role_office_fields(r, role, office, &org_pick);
	form_end(r, _("Save"));
	html_fmt(o, "</section><section class=\"card\"><h2>%s</h2>", _("Reset password"));
	snprintf(action, sizeof action, "/admin/users/%lld/password", (long long)id);
	form_begin(r, action, "form");
	form_input(r, "password", _("New password"), "password", "", 1, _("The user's sessions end at once."));
	form_revoke_tokens(r, id);
	form_end(r, _("Set password"));
	html_raw(o, "</section>");
	if (id != r->user->id) {
		/* a lost phone: the person sets it up again at the next sign-in */
		int enrolled = mfa_enrolled(db_read(), id);
		int required = mfa_role_required(role_from_key(role)) && mfa_policy_on(db_read());
		html_fmt(o, "<section class=\"card\" id=\"second-factor\"><h2>%s</h2><p>%s</p>", _("Two-step sign-in"),
			 enrolled ? _("On.") : required ? _("Not set up yet: required for this role, asked at the next sign-in.")
							: _("Off."));
		snprintf(action, sizeof action, "/admin/users/%lld/reset-2fa", (long long)id);
		if (enrolled)
			form_confirm(r, action, _("Reset two-step sign-in…"),
				     _("Do this when the person has lost their phone. They are signed out everywhere, their "
				       "recovery codes stop working, and they set up two-step sign-in again at their next sign-in "
				       "(tell them to sign in soon)."),
				     _("Yes, reset it"), NULL, NULL);
		html_raw(o, "</section>");
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Access"));
		snprintf(action, sizeof action, "/admin/users/%lld/%s", (long long)id, disabled ? "enable" : "disable");
		if (disabled)
			form_button(r, action, _("Enable this account"), NULL, NULL, "");
		else
			/* signs the user out everywhere at once: asked first */
			form_confirm(r, action, _("Disable this account…"),
				     _("The user is signed out on every device at once and cannot sign in until the account is "
				       "enabled again. Their records and history stay."),
				     _("Yes, disable the account"), NULL, NULL);
		html_raw(o, "</section>");
	}
	page_end(r);
}

void user_page(struct req *r)
{
	render_user(r);
}

struct apply_args {
	struct req *r;
	const char *(*change)(struct req *, struct db *);
	const char *err;
};

static int apply_fn(struct db *w, void *arg)
{
	struct apply_args *a = arg;
	a->err = a->change(a->r, w);
	return a->err ? 1 : 0;
}

/* Runs one account change in a write transaction; done, it goes back to
 * the user's page with the message done, refused, it shows the page again
 * with the error. */
static void apply(struct req *r, const char *(*change)(struct req *, struct db *), const char *field,
		  const char *done)
{
	const char *err = NULL;
	int failed = 0;
	if (!r->nerrors) {
		struct apply_args a = { r, change, NULL };
		failed = db_write(apply_fn, &a) < 0;
		err = failed ? N_("The change could not be saved.") : a.err;
		if (err && strcmp(err, "No such user.") == 0) {
			req_error(r, 404);
			return;
		}
		if (err)
			req_field_error(r, err == user_last_admin_msg ? "role" : err == user_no_office_msg ? "office" : field,
					_(err));
	}
	if (!r->nerrors) {
		req_flash(r, done);
		req_redirect(r, arena_printf(&r->arena, "/admin/users/%lld", req_int(r, "id")));
		return;
	}
	r->status = failed ? 503 : 400;   /* the database failed, or the change was refused */
	render_user(r);
}

static const char *do_update(struct req *r, struct db *w)
{
	return user_update(w, r->user->id, req_int(r, "id"), req_str(r, "display_name"), req_str(r, "role"),
			   req_int(r, "office"), req_int(r, "org"));
}

static const char *do_disable(struct req *r, struct db *w)
{
	return user_set_disabled(w, r->user->id, req_int(r, "id"), 1);
}

static const char *do_enable(struct req *r, struct db *w)
{
	return user_set_disabled(w, r->user->id, req_int(r, "id"), 0);
}

static const char *do_password(struct req *r, struct db *w)
{
	const char *err = user_set_password(w, r->user->id, req_int(r, "id"), req_str(r, "password"));
	int revoked;
	if (!err && user_revoke_tokens(w, r->user->id, req_int(r, "id"), (int)req_int(r, "revoke_tokens"), &revoked) < 0)
		err = N_("The change could not be saved.");
	return err;
}

void user_update_submit(struct req *r)
{
	apply(r, do_update, "org", _("Saved."));
}

void user_disable_submit(struct req *r)
{
	if (req_int(r, "id") == r->user->id) {
		req_error(r, 400);
		return;
	}
	apply(r, do_disable, "name", _("The account is disabled and its sessions have ended."));
}

void user_enable_submit(struct req *r)
{
	apply(r, do_enable, "name", _("The account is enabled."));
}

static const char *do_reset_2fa(struct req *r, struct db *w)
{
	int64_t id = req_int(r, "id");
	if (!db_int(w, 0, "SELECT count(*) FROM users WHERE id = ?1", "I", (long long)id))
		return "No such user.";
	return mfa_remove(w, r->user->id, id) < 0 ? N_("The change could not be saved.") : NULL;
}

void user_reset_2fa_submit(struct req *r)
{
	if (req_int(r, "id") == r->user->id) {
		req_error(r, 400);   /* one's own: from My account */
		return;
	}
	apply(r, do_reset_2fa, "name", _("Two-step sign-in was reset. The person sets it up again at their next sign-in."));
}

void user_password_submit(struct req *r)
{
	apply(r, do_password, "password", _("The password was set. The user's sessions have ended."));
}
