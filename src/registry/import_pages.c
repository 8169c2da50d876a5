/* import_pages — CSV import from the web: GET /import (choose people or
 * organizations and a file), POST /import (the multipart upload, kept in
 * import_uploads for the next step), GET /import/{id} (the column mapping
 * pre-filled from the header, a preview of the first rows, the validation
 * report per row and column, the duplicate flags), POST /import/{id} (check
 * again with the chosen columns, or import when there is no error) and
 * POST /import/{id}/delete.  The import itself (the writing) is a job
 * (import_job.c).  Only the user who uploaded a file sees it; it
 * is deleted once imported and after one day otherwise.  The engine is
 * import.c; nothing is written unless every row is accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/perms.h"
#include "registry/import.h"
#include "registry/registry.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/utf8.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/multipart.h"
#include "http/request.h"
#include "core/banned.h"

#define PREVIEW_ROWS 10
/* how long an upload waits for its review, how many a user keeps (core/limits.h) */
#define UPLOAD_TTL LIMIT_IMPORT_KEEP_S
#define PENDING_PER_USER LIMIT_IMPORT_PENDING

static const char SQL_PURGE[] = "DELETE FROM import_uploads WHERE created_at < ?1";
static const char SQL_KEEP_RECENT[] =
	"DELETE FROM import_uploads WHERE user_id = ?1 AND id NOT IN"
	" (SELECT id FROM import_uploads WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2)";
static const char SQL_INSERT[] =
	"INSERT INTO import_uploads (user_id, kind, filename, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_GET[] =
	"SELECT kind, filename, data FROM import_uploads WHERE id = ?1 AND user_id = ?2 AND created_at >= ?3";
static const char SQL_PENDING[] =
	"SELECT id, kind, filename, created_at FROM import_uploads WHERE user_id = ?1 AND created_at >= ?2"
	" ORDER BY id DESC LIMIT 20";
static const char SQL_DELETE[] = "DELETE FROM import_uploads WHERE id = ?1 AND user_id = ?2";

/* May this user write records of this kind? */
static int may_import(struct req *r, int kind)
{
	unsigned need = kind == IMPORT_ORGS ? PERM_ORGS_WRITE : PERM_PEOPLE_WRITE;
	return (r->user->perms & (need | PERM_IMPORT)) == (need | PERM_IMPORT);
}

static void kind_title(int kind, const char **title)
{
	*title = kind == IMPORT_ORGS ? _("Import organizations") : _("Import people");
}

/* The accepted header names of each field, for the help table. */
static void fields_help(struct req *r, int kind)
{
	struct strbuf *o = &r->out;
	const struct import_field *f = import_fields((enum import_kind)kind);
	html_fmt(o, "<table><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>", _("Field"),
		 _("Column names recognised"));
	const char *comma = i18n_lang() == LANG_AR ? "، " : ", ";
	for (int i = 0; f[i].key; i++) {
		html_fmt(o, "<tr><td>%s</td><td><span dir=\"ltr\">%s</span>", _(f[i].label), f[i].key);
		for (int k = 0; f[i].aliases[k]; k++)
			if (import_guess_field((enum import_kind)kind, f[i].aliases[k]) == i &&
			    strcmp(f[i].aliases[k], f[i].key) != 0)
				html_fmt(o, "%s<bdi>%s</bdi>", comma, f[i].aliases[k]);
		html_raw(o, "</td></tr>");
	}
	html_raw(o, "</tbody></table>");
}

void import_page(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Import from a CSV file"));
	html_fmt(o, "<h1>%s</h1>", _("Import from a CSV file"));
	if (req_declares(r, "done") && req_has(r, "done")) {
		html_fmt(o, "<p class=\"notice\" role=\"status\">%s ", _("The import is finished. Records written:"));
		fmt_int(o, req_int(r, "done"));
		html_fmt(o, " <a href=\"%s\">%s</a></p>", strcmp(req_str(r, "kind"), "orgs") ? "/people" : "/orgs",
			 _("See the list"));
	}
	html_fmt(o, "<p>%s</p>", _("Save the sheet from your spreadsheet program as \"CSV UTF-8\". Its first row names "
				   "the columns; in the next step you choose which column goes to which field, and you see "
				   "every problem by row and column. Nothing is saved until every row is correct."));
	form_error_summary(r);
	/* the upload form: multipart, so written here rather than by form_begin */
	html_fmt(o, "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" class=\"form\" novalidate>"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
	static const char *const kinds[] = { "people", "orgs" };
	const char *kind_labels[] = { _("People"), _("Organizations") };
	form_select(r, "kind", _("What the file holds"), kinds, kind_labels, 2, req_str(r, "kind"));
	const char *ferr = req_error_for(r, "file");
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-file\">%s</label>"
		 "<input id=\"f-file\" type=\"file\" name=\"file\" accept=\".csv,.txt,text/csv\" required>",
		 ferr ? " has-error" : "", _("CSV file (UTF-8)"));
	if (ferr)
		html_fmt(o, "<p class=\"error\">%s</p>", ferr);
	html_fmt(o, "<p class=\"hint\">%s</p></div>", _("At most 32 MB."));
	form_end(r, _("Upload and check"));

	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_PENDING, "II", (long long)r->user->id, (long long)(time(NULL) - UPLOAD_TTL));
	int n = 0;
	while (db_row(st) == 1) {
		if (!n++)
			html_fmt(o, "<section class=\"card\"><h2>%s</h2><ul>", _("Files waiting to be imported"));
		html_fmt(o, "<li><a href=\"/import/%lld\">%s</a> — %s — ", (long long)sqlite3_column_int64(st, 0),
			 db_text(st, 2), strcmp(db_text(st, 1), "orgs") ? _("People") : _("Organizations"));
		date_format_time(o, sqlite3_column_int64(st, 3));
		html_raw(o, "</li>");
	}
	if (n)
		html_raw(o, "</ul></section>");
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Columns of a file of people"));
	fields_help(r, IMPORT_PEOPLE);
	html_fmt(o, "<p class=\"hint\">%s</p></section>",
		 _("Gender: f or m (female or male, أنثى or ذكر). Community and organization: their names as in daam, in "
		   "any spelling. A row's organization gets the person as a member."));
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Columns of a file of organizations"));
	fields_help(r, IMPORT_ORGS);
	html_fmt(o, "<p class=\"hint\">%s</p></section>", _("Sectors: their names or codes, separated by commas."));
	page_end(r);
}

/* The file's own name without its folders, control characters or invalid
 * UTF-8, at most 200 bytes. */
static const char *clean_filename(struct req *r, const char *given)
{
	const char *base = given ? given : "";
	for (const char *s = base; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	size_t n = strlen(base);
	if (n > 200)
		n = 200;
	while (n && utf8_count(base, n) < 0)
		n--;
	char *out = arena_strndup(&r->arena, base, n);
	if (!out)
		return "upload.csv";
	for (char *s = out; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '_';
	return *out ? out : "upload.csv";
}

struct upload_args {
	struct req *r;
	int kind;
	const struct mp_part *file;
	int64_t id;   /* the upload stored */
};

/* Stores an upload after dropping the expired ones and the user's oldest. */
static int upload_fn(struct db *w, void *arg)
{
	struct upload_args *a = arg;
	struct req *r = a->r;
	long long now = time(NULL);
	if (db_do(w, SQL_PURGE, "I", now - UPLOAD_TTL) < 0 ||
	    db_do(w, SQL_KEEP_RECENT, "Ii", (long long)r->user->id, PENDING_PER_USER - 1) < 0 ||
	    db_do(w, SQL_INSERT, "IttbI", (long long)r->user->id, import_kind_key((enum import_kind)a->kind),
		  clean_filename(r, a->file->filename), a->file->data, (int)a->file->len, now) < 0)
		return -1;
	a->id = db_last_id(w);
	return 0;
}

void import_upload_submit(struct req *r)
{
	struct mp_part file;
	int kind = import_kind_from_key(req_str(r, "kind"));
	if (multipart_file(r, "file", &file) < 0 || file.len == 0)
		req_field_error(r, "file", _("Choose a CSV file to import."));
	if (kind >= 0 && !may_import(r, kind)) {
		req_error(r, 403);
		return;
	}
	struct import_job j;
	memset(&j, 0, sizeof j);
	if (!r->nerrors && import_load(&j, (enum import_kind)kind, file.data, file.len) < 0)
		req_field_error(r, "file", j.fatal_row ? arena_printf(&r->arena, "%s (%s %ld)", _(j.fatal), _("row"), j.fatal_row)
						       : _(j.fatal));
	import_free(&j);
	if (r->nerrors) {
		r->status = 400;
		import_page(r);
		return;
	}
	struct upload_args a = { r, kind, &file, 0 };
	if (db_write(upload_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/import/%lld", (long long)a.id));
}

struct upload {
	int64_t id;
	int kind;
	const char *filename;
};

/* Loads the user's upload r's {id} into j (parsed, not yet mapped).
 * Returns 0, or an HTTP status (404: none of this user's, 403). */
static int upload_load(struct req *r, struct upload *u, struct import_job *j)
{
	memset(j, 0, sizeof *j);
	u->id = req_int(r, "id");
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "III", (long long)u->id, (long long)r->user->id,
				(long long)(time(NULL) - UPLOAD_TTL));
	if (db_row(st) != 1)
		return 404;
	u->kind = import_kind_from_key(db_text(st, 0));
	u->filename = arena_strdup(&r->arena, db_text(st, 1));
	const void *data = sqlite3_column_blob(st, 2);
	size_t len = (size_t)sqlite3_column_bytes(st, 2);
	if (u->kind < 0 || !u->filename) {
		sqlite3_reset(st);
		return 404;
	}
	if (!may_import(r, u->kind)) {
		sqlite3_reset(st);
		return 403;
	}
	import_load(j, (enum import_kind)u->kind, data ? data : "", len);
	sqlite3_reset(st);
	return 0;
}

/* A cell value for the report, cut at LIMIT_IMPORT_SHOWN_CHARS characters. */
static void short_value(struct strbuf *o, const char *v)
{
	size_t n = 0;
	long chars = 0;
	while (v[n] && chars < LIMIT_IMPORT_SHOWN_CHARS) {
		n++;
		while (((unsigned char)v[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	html_escape_n(o, v, n);
	if (v[n])
		html_raw(o, "…");
}

static void issue_row(struct req *r, const struct import_job *j, const struct import_issue *is)
{
	struct strbuf *o = &r->out;
	/* markup, not text: html_fmt's %s would escape the quotes */
	html_raw(o, is->severity == IMPORT_ERROR ? "<tr class=\"error\"><td>" : "<tr><td>");
	if (is->row)
		fmt_int(o, is->row);
	else
		html_raw(o, "—");
	html_raw(o, "</td><td dir=\"auto\">");
	if (is->col >= 0)
		html_fmt(o, "%s", import_header(j, is->col));
	html_raw(o, "</td><td dir=\"auto\">");
	if (is->row > 1 && is->col >= 0)
		short_value(o, import_cell(j, (size_t)(is->row - 2), is->col));
	html_fmt(o, "</td><td>%s", _(is->msgid));
	if (is->ref_kind == IMPORT_REF_ROW) {
		html_fmt(o, " (%s ", _("row"));
		fmt_int(o, is->ref);
		html_raw(o, ")");
	} else if (is->ref_kind == IMPORT_REF_PERSON || is->ref_kind == IMPORT_REF_ORG) {
		html_fmt(o, " (<a href=\"/%s/%lld\">%s ", is->ref_kind == IMPORT_REF_PERSON ? "people" : "orgs",
			 (long long)is->ref, is->ref_kind == IMPORT_REF_PERSON ? _("person") : _("organization"));
		fmt_int(o, is->ref);
		html_raw(o, "</a>)");
	}
	html_raw(o, "</td></tr>");
}

/* 1 when some error of the report is on this cell. */
static int cell_has_error(const struct import_job *j, long row, int col)
{
	for (size_t i = 0; i < j->nissues; i++) {
		const struct import_issue *is = &j->issues[i];
		if (is->row > row)
			break;
		if (is->row == row && is->severity == IMPORT_ERROR && (is->col == col || is->col < 0))
			return 1;
	}
	return 0;
}

static void review_page(struct req *r, const struct upload *u, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	const char *title;
	kind_title(u->kind, &title);
	const struct import_field *fields = import_fields((enum import_kind)u->kind);
	page_begin(r, title);
	html_fmt(o, "<p><a href=\"/import\">%s</a></p><h1>%s</h1><p>%s: <bdi>%s</bdi> — %s: ", _("Import from a CSV file"),
		 title, _("File"), u->filename, _("Rows"));
	fmt_int(o, (long long)j->nrows);
	html_raw(o, "</p>");
	if (j->fatal) {
		html_fmt(o, "<p class=\"error-summary\" role=\"alert\">%s</p>", _(j->fatal));
	} else if (j->nerrors) {
		html_fmt(o, "<div class=\"error-summary\" role=\"alert\"><p>%s</p><p>%s ",
			 _("Nothing was imported: correct the problems below in your file and upload it again, or change "
			   "the choice of columns and check again."), _("Errors:"));
		fmt_int(o, (long long)j->nerrors);
		html_fmt(o, " — %s ", _("Rows with errors:"));
		fmt_int(o, (long long)j->nerror_rows);
		html_raw(o, "</p></div>");
	} else {
		html_fmt(o, "<p class=\"notice\" role=\"status\">%s ", _("No errors. Rows ready to import:"));
		fmt_int(o, (long long)j->nready);
		html_raw(o, "</p>");
	}
	if (j->nwarnings) {
		html_fmt(o, "<p>%s ", _("Possible duplicates:"));
		fmt_int(o, (long long)j->nwarnings);
		html_fmt(o, " — <span class=\"hint\">%s</span></p>",
			 _("They are imported too, unless you remove those rows from the file; review them afterwards on "
			   "the page of possible duplicates."));
	}
	if (j->fatal) {
		form_button(r, arena_printf(&r->arena, "/import/%lld/delete", (long long)u->id), _("Discard this file"),
			    NULL, NULL, "link");
		page_end(r);
		return;
	}

	/* the mapping: one select per column */
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Columns"));
	form_begin(r, arena_printf(&r->arena, "/import/%lld", (long long)u->id), "form");
	html_fmt(o, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", _("Column in the file"),
		 _("Field in daam"), _("First value"));
	for (int c = 0; c < j->ncols; c++) {
		html_fmt(o, "<tr><td dir=\"auto\"><label for=\"f-col%d\">%s</label></td><td><select id=\"f-col%d\" name=\"col%d\">",
			 c, import_header(j, c), c, c);
		html_fmt(o, "<option value=\"\">%s</option>", _("— ignore this column —"));
		for (int f = 0; fields[f].key; f++)
			html_fmt(o, "<option value=\"%s\"%s>%s</option>", fields[f].key, j->map[c] == f ? " selected" : "",
				 _(fields[f].label));
		html_raw(o, "</select></td><td dir=\"auto\">");
		short_value(o, import_cell(j, 0, c));
		html_raw(o, "</td></tr>");
	}
	html_fmt(o, "</tbody></table><div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"check\">%s</button>",
		 _("Check again with these columns"));
	if (!j->nerrors) {
		html_fmt(o, " <button type=\"submit\" name=\"action\" value=\"commit\">%s ", _("Import"));
		fmt_int(o, (long long)j->nready);
		html_fmt(o, " %s</button>", u->kind == IMPORT_ORGS ? _("organizations") : _("people"));
	}
	html_raw(o, "</div>");
	form_end(r, NULL);
	form_button(r, arena_printf(&r->arena, "/import/%lld/delete", (long long)u->id), _("Discard this file"), NULL,
		    NULL, "link");
	html_raw(o, "</section>");

	/* the first rows as read, errors marked */
	html_fmt(o, "<section class=\"card\"><h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th>",
		 _("First rows"), _("Row"));
	for (int c = 0; c < j->ncols; c++) {
		html_fmt(o, "<th dir=\"auto\">%s", import_header(j, c));
		if (j->map[c] >= 0)
			html_fmt(o, "<br><span class=\"hint\">%s</span>", _(fields[j->map[c]].label));
		html_raw(o, "</th>");
	}
	html_raw(o, "</tr></thead><tbody>");
	for (size_t row = 0; row < j->nrows && row < PREVIEW_ROWS; row++) {
		html_raw(o, "<tr><td>");
		fmt_int(o, (long long)row + 2);
		html_raw(o, "</td>");
		for (int c = 0; c < j->ncols; c++) {
			html_raw(o, cell_has_error(j, (long)row + 2, c) ? "<td dir=\"auto\" class=\"error\">" : "<td dir=\"auto\">");
			short_value(o, import_cell(j, row, c));
			html_raw(o, "</td>");
		}
		html_raw(o, "</tr>");
	}
	html_raw(o, "</tbody></table></div></section>");

	/* the report: errors first, then possible duplicates */
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Problems found"));
	if (!j->nissues) {
		html_fmt(o, "<p>%s</p></section>", _("No problems found."));
		page_end(r);
		return;
	}
	html_fmt(o, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", _("Row"),
		 _("Column"), _("Value"), _("Problem"));
	size_t shown = 0;
	for (int sev = IMPORT_ERROR; sev <= IMPORT_WARNING; sev++)
		for (size_t i = 0; i < j->nissues && shown < LIMIT_IMPORT_REPORT_ROWS; i++)
			if (j->issues[i].severity == sev) {
				issue_row(r, j, &j->issues[i]);
				shown++;
			}
	html_raw(o, "</tbody></table>");
	if (shown < j->nerrors + j->nwarnings) {
		html_fmt(o, "<p class=\"hint\">%s ", _("Problems not shown here:"));
		fmt_int(o, (long long)(j->nerrors + j->nwarnings - shown));
		html_fmt(o, ". %s</p>", _("The command line (daam import) lists them all."));
	}
	html_raw(o, "</section>");
	page_end(r);
}

static void review_ctx(struct req *r, struct import_ctx *c)
{
	struct scope sc;
	scope_of(r, &sc);
	memset(c, 0, sizeof *c);
	c->office = sc.office > 0 ? sc.office : 0;
	c->dup_check = 1;
}

void import_review_page(struct req *r)
{
	struct upload u;
	struct import_job j;
	int status = upload_load(r, &u, &j);
	if (status) {
		import_free(&j);
		req_error(r, status);
		return;
	}
	struct import_ctx c;
	review_ctx(r, &c);
	if (!j.fatal) {
		import_guess_map(&j);
		if (import_check(&j, db_read(), &c) < 0) {
			import_free(&j);
			req_error(r, 503);
			return;
		}
	}
	review_page(r, &u, &j);
	import_free(&j);
}

/* Deletes the user's upload {id}; 1 when there is none. */
static int discard_fn(struct db *w, void *arg)
{
	struct req *r = arg;
	if (db_do(w, SQL_DELETE, "II", (long long)req_int(r, "id"), (long long)r->user->id) < 0)
		return -1;
	return db_changes(w) ? 0 : 1;
}

void import_review_submit(struct req *r)
{
	struct upload u;
	struct import_job j;
	int status = upload_load(r, &u, &j);
	if (status || j.fatal) {
		import_free(&j);
		req_error(r, status ? status : 400);
		return;
	}
	/* the chosen columns: col0, col1… each a field key or "" */
	for (int c = 0; c < j.ncols; c++) {
		char name[16];
		snprintf(name, sizeof name, "col%d", c);
		const char *key = req_form_raw(r, name);
		if (key && import_map_column(&j, c, key) < 0) {
			import_free(&j);
			req_error(r, 400);
			return;
		}
		if (!key)
			j.map[c] = -1;
	}
	struct import_ctx c;
	review_ctx(r, &c);
	if (import_check(&j, db_read(), &c) < 0) {
		import_free(&j);
		req_error(r, 503);
		return;
	}
	int commit = strcmp(req_str(r, "action"), "commit") == 0;
	if (!commit || j.nerrors) {
		if (commit)
			r->status = 400;
		review_page(r, &u, &j);
		import_free(&j);
		return;
	}
	/* the writing is a job (import_job.c): the user follows it on its page */
	import_commit_start(r, u.id, u.filename, &j, &c);
}

void import_discard_submit(struct req *r)
{
	int rc = db_write(discard_fn, r);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_redirect(r, "/import");
}
