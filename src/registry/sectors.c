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
#include "http/request.h"
#include "core/banned.h"

static const char SQL_LIST[] =
	"SELECT s.id, s.code, s.name_ar, s.name_en, (SELECT count(*) FROM org_sectors x WHERE x.sector_id = s.id)"
	" FROM sectors s ORDER BY s.id";
static const char SQL_ADD[] = "INSERT INTO sectors (code, name_ar, name_en) VALUES (?1, ?2, ?3)";
static const char SQL_RENAME[] = "UPDATE sectors SET name_ar = ?1, name_en = ?2 WHERE id = ?3";
static const char SQL_CODE_TAKEN[] = "SELECT count(*) FROM sectors WHERE code = ?1";

static void render(struct req *r, const char *notice)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Sectors"));
	html_fmt(o, "<h1>%s</h1>", _("Sectors"));
	if (notice)
		page_notice(r, notice);
	form_error_summary(r);
	html_fmt(o, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", _("Code"),
		 _("Name in Arabic"), _("Name in English"), _("Organizations"));
	sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		/* each row is its own small rename form */
		html_fmt(o, "<tr><td>%s</td><td colspan=\"2\"><form method=\"post\" action=\"/admin/sectors/%lld\" class=\"inline\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			 "<input name=\"name_ar\" dir=\"auto\" value=\"%s\" aria-label=\"%s\"> "
			 "<input name=\"name_en\" dir=\"auto\" value=\"%s\" aria-label=\"%s\"> <button>%s</button></form></td><td>",
			 db_text(st, 1), id, r->csrf, db_text(st, 2), _("Name in Arabic"), db_text(st, 3), _("Name in English"),
			 _("Save"));
		fmt_int(o, sqlite3_column_int64(st, 4));
		html_raw(o, "</td></tr>");
	}
	html_fmt(o, "</tbody></table><section class=\"card\"><h2>%s</h2>", _("Add a sector"));
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
	render(r, NULL);
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
		render(r, NULL);
		return;
	}
	if (db_write(create_fn, r) != 0) {
		req_error(r, 503);
		return;
	}
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
		render(r, NULL);
		return;
	}
	int rc = db_write(rename_fn, r);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	render(r, _("Saved."));
}
