/* sectors — the editable list of sectors organizations work in (education,
 * health, protection…): administrators add and rename them. */
#include <stdio.h>
#include <string.h>
#include "registry/registry_pages.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_LIST[] =
	"SELECT s.id, s.code, s.name_ar, s.name_en, (SELECT count(*) FROM org_sectors x WHERE x.sector_id = s.id)"
	" FROM sectors s ORDER BY s.id";
static const char SQL_ADD[] = "INSERT INTO sectors (code, name_ar, name_en) VALUES (?1, ?2, ?3)";
static const char SQL_RENAME[] = "UPDATE sectors SET name_ar = ?1, name_en = ?2 WHERE id = ?3";
static const char SQL_CODE_TAKEN[] = "SELECT count(*) FROM sectors WHERE code = ?1";

static void render(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Sectors"));
	html_fmt(o, "<h1>%s</h1>", _("Sectors"));
	form_error_summary(r);
	const char *cols[] = { _("Name in Arabic"), _("Name in English"), _("Code"), _("Organizations"), _("Rename"), NULL };
	int n = 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_text(r, db_text(st, 2));
		cell_begin(r);
		html_bdi(o, db_text(st, 3));
		cell_end(r);
		cell_ltr(r, db_text(st, 1));
		cell_int(r, sqlite3_column_int64(st, 4));
		/* each row's rename form opens in place, without JavaScript */
		cell_action_begin(r);
		html_fmt(o, "<details class=\"inline-edit\"><summary>%s</summary>"
			 "<form method=\"post\" action=\"/admin/sectors/%lld\" class=\"form\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			 "<div class=\"field\"><label for=\"s%lld-ar\">%s</label><input id=\"s%lld-ar\" name=\"name_ar\" dir=\"auto\" value=\"%s\"></div>"
			 "<div class=\"field\"><label for=\"s%lld-en\">%s</label><input id=\"s%lld-en\" name=\"name_en\" dir=\"auto\" value=\"%s\"></div>"
			 "<button>%s</button></form></details>",
			 _("Rename…"), id, form_csrf(r), id, _("Name in Arabic"), id, db_text(st, 2), id, _("Name in English"), id,
			 db_text(st, 3), _("Save"));
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No sector yet. Add the sectors organizations work in (education, health, protection…) below."),
			    NULL, NULL);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Add a sector"));
	form_begin(r, "/admin/sectors", "form");
	form_input(r, "code", _("Code"), "text", "", 1, _("Small Latin letters, for example: health"));
	form_input(r, "name_ar", _("Name in Arabic"), "text", "", 1, NULL);
	form_input(r, "name_en", _("Name in English"), "text", "", 1, NULL);
	form_end(r, _("Add"));
	html_raw(o, "</section>");
	page_end(r);
}

void sectors_list(struct req *r)
{
	render(r);
}

static int create_fn(struct db *w, void *arg)
{
	struct req *r = arg;
	const char *code = req_str(r, "code");
	if (db_do(w, SQL_ADD, "ttt", code, req_str(r, "name_ar"), req_str(r, "name_en")) < 0)
		return -1;
	return audit_write(w, r->user->id, "create", "sector", db_last_id(w), code);
}

void sector_create_submit(struct req *r)
{
	const char *code = req_str(r, "code");
	for (const char *c = code; !r->nerrors && *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
			req_field_error(r, "code", _("Use small Latin letters, digits and dashes only."));
	if (!r->nerrors && db_int(db_read(), 0, SQL_CODE_TAKEN, "t", code))
		req_field_error(r, "code", _("This code is taken."));
	if (r->nerrors) {
		r->status = 400;
		render(r);
		return;
	}
	if (db_write(create_fn, r) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The sector was added."));
	req_redirect(r, "/admin/sectors");
}

/* Renames the sector {id}; 1 when there is none. */
static int rename_fn(struct db *w, void *arg)
{
	struct req *r = arg;
	long long id = req_int(r, "id");
	if (db_do(w, SQL_RENAME, "ttI", req_str(r, "name_ar"), req_str(r, "name_en"), id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	return audit_write(w, r->user->id, "update", "sector", id, "");
}

void sector_rename_submit(struct req *r)
{
	if (r->nerrors) {
		r->status = 400;
		render(r);
		return;
	}
	int rc = db_write(rename_fn, r);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("Saved."));
	req_redirect(r, "/admin/sectors");
}
