/* import_pages — CSV import from the web: GET /import (choose people or
 * organizations and a file; the user's files waiting, each with the time it
 * is deleted), POST /import (the multipart upload, kept in import_uploads
 * for the next step), GET /import/{id} (the review: import_review.c),
 * POST /import/{id} (check again with the chosen columns; import when there
 * is no error; or, the person's explicit choice, import the rows without
 * errors and leave out the others) and POST /import/{id}/delete.  The rows
 * with problems download as CSV from GET /import/{id}/problems
 * (import_problems.c); the import itself (the writing) is a job
 * (import_job.c).  Only the user who uploaded a file sees it; it is deleted
 * once imported, and LIMIT_IMPORT_KEEP_S after its upload otherwise (the
 * expired ones are purged at start, on listing and on upload).  The engine
 * is import.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/perms.h"
#include "registry/import.h"
#include "registry/import_pages.h"
#include "registry/registry.h"
#include "admin/sentence.h"
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

/* how long an upload waits for its review, how many a user keeps (core/limits.h) */
#define UPLOAD_TTL LIMIT_IMPORT_KEEP_S
#define PENDING_PER_USER LIMIT_IMPORT_PENDING

static const char SQL_PURGE[] = "DELETE FROM import_uploads WHERE created_at < ?1";
static const char SQL_EXPIRED[] = "SELECT count(*) FROM import_uploads WHERE created_at < ?1";
static const char SQL_KEEP_RECENT[] =
	"DELETE FROM import_uploads WHERE user_id = ?1 AND id NOT IN"
	" (SELECT id FROM import_uploads WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2)";
static const char SQL_INSERT[] =
	"INSERT INTO import_uploads (user_id, kind, filename, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_GET[] =
	"SELECT kind, filename, data, created_at FROM import_uploads WHERE id = ?1 AND user_id = ?2 AND created_at >= ?3";
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

/* The accepted header names of each field, for the help table. */
static void fields_help(struct req *r, int kind)
{
	struct strbuf *o = &r->out;
	const struct import_field *f = import_fields((enum import_kind)kind);
	html_fmt(o, "<table class=\"cards\"><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>", _("Field"),
		 _("Column names recognised"));
	const char *comma = i18n_lang() == LANG_AR ? "، " : ", ";
	for (int i = 0; f[i].key; i++) {
		html_fmt(o, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\"><bdi dir=\"ltr\">%s</bdi>", _("Field"),
			 _(f[i].label), _("Column names recognised"), f[i].key);
		for (int k = 0; f[i].aliases[k]; k++)
			if (import_guess_field((enum import_kind)kind, f[i].aliases[k]) == i &&
			    strcmp(f[i].aliases[k], f[i].key) != 0)
				html_fmt(o, "%s<bdi>%s</bdi>", comma, f[i].aliases[k]);
		html_raw(o, "</td></tr>");
	}
	html_raw(o, "</tbody></table>");
}

/* After an import job: how many records were written, and how many rows
 * with errors were left out. */
static void done_notice(struct req *r)
{
	const char *tmpl = i18n_ngettext("The import is finished: {n} record written.",
					 "The import is finished: {n} records written.", (long)req_int(r, "done"));
	struct strbuf msg;
	sb_init(&msg, 0);
	sentence(&msg, tmpl, "n", piece_num(r, req_int(r, "done")), NULL);
	if (req_int(r, "left") > 0) {
		sb_addc(&msg, ' ');
		sentence(&msg, i18n_ngettext("{n} row with errors was left out.", "{n} rows with errors were left out.",
					     (long)req_int(r, "left")), "n", piece_num(r, req_int(r, "left")), NULL);
	}
	html_fmt(&r->out, "<p class=\"notice\" role=\"status\">");
	html_raw(&r->out, sb_str(&msg));
	html_fmt(&r->out, " <a href=\"%s\">%s</a></p>", strcmp(req_str(r, "kind"), "orgs") ? "/people" : "/orgs",
		 _("See the list"));
	sb_release(&msg);
}

/* The user's files waiting for their import, each with the time it is
 * deleted unless imported. */
static void waiting_list(struct req *r)
{
	struct strbuf *o = &r->out;
	long long now = time(NULL);
	sqlite3_stmt *st = db_q(db_read(), SQL_PENDING, "II", (long long)r->user->id, now - UPLOAD_TTL);
	int n = 0;
	while (db_row(st) == 1) {
		if (!n++)
			html_fmt(o, "<section class=\"card\"><h2>%s</h2><table class=\"cards\"><thead><tr><th>%s</th>"
				 "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 _("Files waiting to be imported"), _("File"), _("What the file holds"), _("Uploaded"),
				 _("Deleted unless imported"));
		long long created = sqlite3_column_int64(st, 3);
		html_fmt(o, "<tr><td data-label=\"%s\"><a href=\"/import/%lld\"><bdi>%s</bdi></a></td>"
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 _("File"), (long long)sqlite3_column_int64(st, 0), db_text(st, 2), _("What the file holds"),
			 strcmp(db_text(st, 1), "orgs") ? _("People") : _("Organizations"), _("Uploaded"));
		date_format_time(o, created);
		html_fmt(o, "</td><td data-label=\"%s\">", _("Deleted unless imported"));
		date_format_time(o, created + UPLOAD_TTL);
		html_raw(o, "</td></tr>");
	}
	if (n)
		html_fmt(o, "</tbody></table><p class=\"hint\">%s</p></section>",
			 _("A file that is not imported is deleted one day after its upload, with the personal data it holds."));
}

static int purge_fn(struct db *w, void *arg)
{
	return db_do(w, SQL_PURGE, "I", *(const long long *)arg);
}

int import_purge_expired(void)
{
	long long cutoff = (long long)time(NULL) - UPLOAD_TTL;
	/* read first: the writer is taken only when there is something to delete,
	 * so the list never waits behind an import job's transaction */
	if (db_int(db_read(), 0, SQL_EXPIRED, "I", cutoff) <= 0)
		return 0;
	return db_write(purge_fn, &cutoff) == 0 ? 0 : -1;
}

void import_page(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Import from a CSV file"));
	html_fmt(o, "<h1>%s</h1>", _("Import from a CSV file"));
	if (req_declares(r, "done") && req_has(r, "done"))
		done_notice(r);
	html_fmt(o, "<p>%s</p>", _("Upload the Excel file (.xlsx) as you received it, or a CSV file. The first row of the "
				   "sheet names the columns; in the next step you see the rows as daam read them and every "
				   "problem by column and row, choose which column goes to which field, and decide: import the "
				   "whole file, or only its rows without errors. Nothing is saved until you choose."));
	form_error_summary(r);
	/* the upload form: multipart, so written here rather than by form_begin */
	html_fmt(o, "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" class=\"form\" novalidate>"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
	static const char *const kinds[] = { "people", "orgs" };
	const char *kind_labels[] = { _("People"), _("Organizations") };
	form_select(r, "kind", _("What the file holds"), kinds, kind_labels, 2, req_str(r, "kind"));
	const char *ferr = req_error_for(r, "file");
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-file\">%s</label>"
		 "<input id=\"f-file\" type=\"file\" name=\"file\" accept=\".xlsx,.csv,.txt,text/csv,"
		 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required>",
		 ferr ? " has-error" : "", _("Excel or CSV file"));
	if (ferr)
		html_fmt(o, "<p class=\"error\">%s</p>", ferr);
	html_fmt(o, "<p class=\"hint\">%s</p></div>", _("At most 32 MB."));
	form_end(r, _("Upload and check"));

	import_purge_expired();
	waiting_list(r);
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

const char *upload_filename(struct req *r, const char *given)
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
		  upload_filename(r, a->file->filename), a->file->data, (int)a->file->len, now) < 0)
		return -1;
	a->id = db_last_id(w);
	return 0;
}

void import_upload_submit(struct req *r)
{
	struct mp_part file;
	int kind = import_kind_from_key(req_str(r, "kind"));
	if (multipart_file(r, "file", &file) < 0 || file.len == 0)
		req_field_error(r, "file", _("Choose an Excel or CSV file to import."));
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

int upload_load(struct req *r, struct upload *u, struct import_job *j)
{
	memset(j, 0, sizeof *j);
	u->id = req_int(r, "id");
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "III", (long long)u->id, (long long)r->user->id,
				(long long)(time(NULL) - UPLOAD_TTL));
	if (db_row(st) != 1)
		return 404;
	u->kind = import_kind_from_key(db_text(st, 0));
	u->filename = arena_strdup(&r->arena, db_text(st, 1));
	u->expires = sqlite3_column_int64(st, 3) + UPLOAD_TTL;
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
	/* a workbook's sheet, chosen on the review page */
	const char *sheet = req_declares(r, "sheet") && req_has(r, "sheet") ? req_str(r, "sheet") : NULL;
	import_load_sheet(j, (enum import_kind)u->kind, data ? data : "", len, sheet);
	sqlite3_reset(st);
	return 0;
}

void import_ctx_of(struct req *r, struct import_ctx *c)
{
	struct scope sc;
	scope_of(r, &sc);
	memset(c, 0, sizeof *c);
	c->office = sc.office > 0 ? sc.office : 0;
	c->dup_check = 1;
}

int import_map_from(struct req *r, struct import_job *j, int form)
{
	int given = 0;
	for (int c = 0; c < j->ncols; c++) {
		char name[16];
		snprintf(name, sizeof name, "col%d", c);
		const char *key = form ? req_form_raw(r, name) : req_query_raw(r, name);
		if (key) {
			given = 1;
			if (import_map_column(j, c, key) < 0)
				return -1;
		} else {
			j->map[c] = -1;
		}
	}
	if (!given)
		import_guess_map(j);
	return 0;
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
	import_ctx_of(r, &c);
	if (!j.fatal) {
		import_guess_map(&j);
		if (import_check(&j, db_read(), &c) < 0) {
			import_free(&j);
			req_error(r, 503);
			return;
		}
	}
	import_review_draw(r, &u, &j, NULL);
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

int import_places_from(struct req *r, struct import_job *j, int form)
{
	struct import_place_choice *ch = NULL;
	int n = 0;
	for (int k = 0; k < LIMIT_IMPORT_PLACE_ASKS; k++) {
		char vname[16], pname[16];
		snprintf(vname, sizeof vname, "pv%d", k);
		snprintf(pname, sizeof pname, "pp%d", k);
		const char *v = form ? req_form_raw(r, vname) : req_query_raw(r, vname);
		const char *pl = form ? req_form_raw(r, pname) : req_query_raw(r, pname);
		if (!v || !pl || !*pl)
			continue;
		size_t len = strlen(v);
		char *end = NULL;
		long long id = strtoll(pl, &end, 10);
		/* a value the file cannot hold, or not a place number: not a choice */
		if (len == 0 || len > 4 * LIMIT_COMMUNITY_CHARS || utf8_count(v, len) < 0 || !end || *end || id <= 0 ||
		    id > ID_MAX)
			return -1;
		if (!ch && !(ch = arena_alloc(&r->arena, LIMIT_IMPORT_PLACE_ASKS * sizeof *ch)))
			return -1;
		ch[n].value = v;
		ch[n].place_id = id;
		n++;
	}
	j->place_choices = ch;
	j->nplace_choices = n;
	return 0;
}

int upload_check(struct req *r, struct upload *u, struct import_job *j, struct import_ctx *c, int form,
		 int unreadable_status)
{
	int status = upload_load(r, u, j);
	int fail = status ? status : j->fatal ? unreadable_status
		 : import_map_from(r, j, form) < 0 || import_places_from(r, j, form) < 0 ? 400 : 0;
	if (!fail) {
		import_ctx_of(r, c);
		if (import_check(j, db_read(), c) < 0)
			fail = 503;
	}
	if (fail) {
		import_free(j);
		req_error(r, fail);
		return -1;
	}
	return 0;
}

void import_review_submit(struct req *r)
{
	struct upload u;
	struct import_job j;
	struct import_ctx c;
	/* the chosen columns: col0, col1… each a field key or "" */
	if (upload_check(r, &u, &j, &c, 1, 400) < 0)
		return;
	const char *action = req_str(r, "action");
	int commit = strcmp(action, "commit") == 0, skip = strcmp(action, "commit_valid") == 0;
	const char *problem = NULL;
	if (skip && j.nerrors && !import_skippable(&j)) {
		problem = _("Rows with errors can be left out only when the choice of columns is right and some rows "
			    "have no error.");
		r->status = 400;
	} else if (skip && ((long long)j.nready != req_int(r, "ready") ||
			    (long long)j.nerror_rows != req_int(r, "left_out"))) {
		/* the person chose knowing the counts: when the file now checks
		 * differently (other columns, a place renamed meanwhile), ask again */
		problem = _("The file checks differently now, so nothing was imported. Look at the counts again and choose.");
		r->status = 400;
	} else if (commit && j.nerrors) {
		r->status = 400;   /* the report again: nothing written */
	}
	if ((!commit && !skip) || r->status >= 400) {
		import_review_draw(r, &u, &j, problem);
		import_free(&j);
		return;
	}
	/* the writing is a job (import_job.c): the user follows it on its page */
	c.skip_bad = skip;
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
