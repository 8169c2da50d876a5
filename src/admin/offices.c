/* admin_offices — the center's offices (Raqqa, Tabqa, Deir ez-Zor…): list,
 * add, rename. */
#include <stdio.h>
#include <time.h>
#include "admin/admin.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_LIST[] =
	"SELECT o.id, o.code, o.name_ar, o.name_en, (SELECT count(*) FROM users u WHERE u.office_id = o.id)"
	" FROM offices o ORDER BY o.id";
static const char SQL_GET[] = "SELECT id, code, name_ar, name_en FROM offices WHERE id = ?1";
static const char SQL_INSERT[] = "INSERT INTO offices (code, name_ar, name_en, created_at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_UPDATE[] = "UPDATE offices SET name_ar = ?1, name_en = ?2 WHERE id = ?3";
static const char SQL_CODE_TAKEN[] = "SELECT count(*) FROM offices WHERE code = ?1";

static void office_form_fields(struct req *r, const char *code, const char *ar, const char *en, int with_code)
{
	if (with_code)
		form_input(r, "code", _("Code"), "text", code, 1, _("Small Latin letters, for example: tabqa"));
	form_input(r, "name_ar", _("Name in Arabic"), "text", ar, 1, NULL);
	form_input(r, "name_en", _("Name in English"), "text", en, 1, NULL);
}

static void render_list(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Offices"));
	html_fmt(o, "<h1>%s</h1>", _("Offices"));
	const char *cols[] = { _("Name"), _("Name in English"), _("Code"), _("Users"), NULL };
	int n = 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "");
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/admin/offices/%lld", (long long)sqlite3_column_int64(st, 0)),
			  db_text(st, 2));
		cell_begin(r);
		html_bdi(o, db_text(st, 3));
		cell_end(r);
		cell_ltr(r, db_text(st, 1));
		cell_int(r, sqlite3_column_int64(st, 4));
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No office yet. Add the center's first office below; users and records belong to an office."),
			    NULL, NULL);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Add an office"));
	form_error_summary(r);
	form_begin(r, "/admin/offices", "form");
	office_form_fields(r, "", "", "", 1);
	form_end(r, _("Add"));
	html_raw(o, "</section>");
	page_end(r);
}

void offices_list(struct req *r)
{
	render_list(r);
}

struct office_args {
	struct req *r;
	int64_t id;   /* the office changed, or the one created */
};

static int create_fn(struct db *w, void *arg)
{
	struct office_args *a = arg;
	struct req *r = a->r;
	if (db_do(w, SQL_INSERT, "tttI", req_str(r, "code"), req_str(r, "name_ar"), req_str(r, "name_en"),
		  (long long)time(NULL)) < 0)
		return -1;
	a->id = db_last_id(w);
	return audit_write(w, r->user->id, "create", "office", a->id, "");
}

void office_create_submit(struct req *r)
{
	const char *code = req_str(r, "code");
	if (!r->nerrors) {
		for (const char *c = code; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
				req_field_error(r, "code", _("Use small Latin letters, digits and dashes only."));
	}
	if (!r->nerrors && db_int(db_read(), 0, SQL_CODE_TAKEN, "t", code))
		req_field_error(r, "code", _("This code is taken."));
	if (r->nerrors) {
		r->status = 400;
		render_list(r);
		return;
	}
	struct office_args a = { r, 0 };
	if (db_write(create_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash_link(r, _("The office was added."), "/admin/offices", _("All offices"));
	req_redirect(r, arena_printf(&r->arena, "/admin/offices/%lld", (long long)a.id));
}

static void render_office(struct req *r, int64_t id)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *code = arena_strdup(&r->arena, db_text(st, 1));
	const char *ar = arena_strdup(&r->arena, db_text(st, 2));
	const char *en = arena_strdup(&r->arena, db_text(st, 3));
	sqlite3_reset(st);
	page_begin(r, ar);
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/admin/offices\">%s</a></p><h1>%s</h1><p>%s: <bdi dir=\"ltr\"><code>%s</code></bdi></p>",
		 _("Offices"), i18n_lang() == LANG_AR ? ar : en, _("Code"), code);
	form_error_summary(r);
	char action[64];
	snprintf(action, sizeof action, "/admin/offices/%lld", (long long)id);
	form_begin(r, action, "form");
	office_form_fields(r, code, ar, en, 0);
	form_end(r, _("Save"));
	page_end(r);
}

void office_page(struct req *r)
{
	render_office(r, req_int(r, "id"));
}

/* Renames the office; 1 when there is no such office. */
static int update_fn(struct db *w, void *arg)
{
	struct office_args *a = arg;
	struct req *r = a->r;
	if (db_do(w, SQL_UPDATE, "ttI", req_str(r, "name_ar"), req_str(r, "name_en"), (long long)a->id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	return audit_write(w, r->user->id, "update", "office", a->id, "");
}

void office_update_submit(struct req *r)
{
	int64_t id = req_int(r, "id");
	if (r->nerrors) {
		r->status = 400;
		render_office(r, id);
		return;
	}
	struct office_args a = { r, id };
	int rc = db_write(update_fn, &a);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash_link(r, _("Saved."), "/admin/offices", _("All offices"));
	req_redirect(r, arena_printf(&r->arena, "/admin/offices/%lld", (long long)id));
}
