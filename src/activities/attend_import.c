/* attend_import — a typed paper attendance sheet imported into a session in
 * two steps, as the registry imports people: the upload is kept
 * (attendance_uploads: its user's only, LIMIT_IMPORT_KEEP_S at most) and its
 * review page says, before anything is written, what marking would do — who
 * will be marked present, who is present already or twice on the sheet or
 * absent on it, and the rows with a problem (not found, several people, out
 * of scope) with their row numbers — then the choices: mark them (no
 * problem), mark the people found and leave out the rows with problems
 * (saying how many of each), download those rows as CSV to correct them,
 * discard the file.  Marking matches the sheet again (attend_match.c), so
 * a change made meanwhile is taken into account, and a mark is idempotent:
 * the same sheet marked twice adds nothing. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "admin/sentence.h"
#include "activities/activities.h"
#include "activities/attend_match.h"
#include "activities/pages.h"
#include "registry/export.h"
#include "registry/import_pages.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/multipart.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_PURGE[] = "DELETE FROM attendance_uploads WHERE created_at < ?1";
static const char SQL_KEEP_RECENT[] =
	"DELETE FROM attendance_uploads WHERE user_id = ?1 AND id NOT IN"
	" (SELECT id FROM attendance_uploads WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2)";
static const char SQL_INSERT[] =
	"INSERT INTO attendance_uploads (user_id, session_id, filename, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_GET[] =
	"SELECT filename, data FROM attendance_uploads WHERE id = ?1 AND user_id = ?2 AND session_id = ?3 AND created_at >= ?4";
static const char SQL_DELETE[] = "DELETE FROM attendance_uploads WHERE id = ?1 AND user_id = ?2 AND session_id = ?3";
static const char SQL_OWNED[] = "SELECT count(*) FROM attendance_uploads WHERE id = ?1 AND user_id = ?2 AND session_id = ?3";

/* The upload form, on the attendance page. */
void attendance_import_form(struct req *r, int64_t session)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<details class=\"inline-edit\"><summary>%s</summary>", _("Import a typed paper sheet (CSV or Excel)"));
	html_fmt(o, "<p class=\"hint\">%s</p>", _("The first row names the columns: the person's number in daam, or the "
						 "phone, or the name; a column «present» may say who was absent. You "
						 "see what the sheet will do before anyone is marked."));
	html_fmt(o, "<form method=\"post\" action=\"/sessions/%lld/import\" enctype=\"multipart/form-data\" class=\"form\">"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", (long long)session, form_csrf(r));
	html_fmt(o, "<div class=\"field\"><label for=\"f-file\">%s</label><input id=\"f-file\" type=\"file\" name=\"file\""
		 " accept=\".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></div>",
		 _("Excel or CSV file"));
	html_fmt(o, "<button type=\"submit\">%s</button></form></details>", _("Check the sheet"));
}

struct upload_write {
	struct req *r;
	int64_t session;
	const struct mp_part *file;
	int64_t id;
};

/* Stores the sheet after dropping the expired ones and the user's oldest. */
static int upload_fn(struct db *w, void *arg)
{
	struct upload_write *a = arg;
	long long now = time(NULL);
	if (db_do(w, SQL_PURGE, "I", now - LIMIT_IMPORT_KEEP_S) < 0 ||
	    db_do(w, SQL_KEEP_RECENT, "Ii", (long long)a->r->user->id, LIMIT_IMPORT_PENDING - 1) < 0 ||
	    db_do(w, SQL_INSERT, "IItbI", (long long)a->r->user->id, (long long)a->session,
		  upload_filename(a->r, a->file->filename), a->file->data, (int)a->file->len, now) < 0)
		return -1;
	a->id = db_last_id(w);
	return 0;
}

/* POST /sessions/{id}/import: a sheet that can be read is kept and its
 * review shown (303); one that cannot is a field error on the session's
 * page, and nothing is kept. */
void attendance_import_submit(struct req *r)
{
	long long sid = req_int(r, "id");
	int64_t activity = session_activity(r, sid);
	if (!activity) {
		req_error(r, 404);
		return;
	}
	struct mp_part file;
	const char *problem = NULL;
	struct sheet_match m;
	if (multipart_file(r, "file", &file) < 0 || file.len == 0)
		problem = N_("Choose an Excel or CSV file to import.");
	else if (!(problem = sheet_match(r, activity, sid, file.data, file.len, &m)))
		sheet_match_free(&m);
	if (problem) {
		req_field_error(r, "file", _(problem));
		r->status = 400;
		attendance_page(r);
		return;
	}
	struct upload_write a = { r, sid, &file, 0 };
	if (db_write(upload_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/sessions/%lld/sheets/%lld", sid, (long long)a.id));
}

/* Loads the user's sheet {sheet} of session {id} and matches it: 0, or -1
 * after answering 404 (not this user's, not this session's, expired, or
 * the session out of scope). */
static int sheet_load(struct req *r, int64_t *activity, struct sheet_match *m, const char **filename)
{
	long long sid = req_int(r, "id"), uid = req_int(r, "sheet");
	*activity = session_activity(r, sid);
	sqlite3_stmt *st = *activity ? db_q(db_read(), SQL_GET, "IIII", uid, (long long)r->user->id, sid,
					    (long long)(time(NULL) - LIMIT_IMPORT_KEEP_S)) : NULL;
	if (!st || db_row(st) != 1) {
		req_error(r, 404);
		return -1;
	}
	*filename = arena_strdup(&r->arena, db_text(st, 0));
	const void *data = sqlite3_column_blob(st, 1);
	size_t len = (size_t)sqlite3_column_bytes(st, 1);
	const char *problem = sheet_match(r, *activity, sid, data ? data : "", len, m);
	sqlite3_reset(st);
	if (problem || !*filename) {   /* it was read when it was sent */
		if (!problem)
			sheet_match_free(m);
		req_error(r, 404);
		return -1;
	}
	return 0;
}

/* The counts line: nothing marked yet, what marking would do. */
static void review_state(struct req *r, const struct sheet_match *m)
{
	struct strbuf *o = &r->out;
	int bad = m->count[SR_NOT_FOUND] + m->count[SR_MANY] + m->count[SR_OUT];
	html_fmt(o, "<div class=\"%s\" role=\"status\"><p>%s</p><p>", bad ? "error-summary" : "notice",
		 _("Nobody was marked yet."));
	sentence(o, i18n_ngettext("{n} person will be marked present.", "{n} people will be marked present.",
				  (long)m->count[SR_MARK]), "n", piece_num(r, m->count[SR_MARK]), NULL);
	if (bad) {
		html_raw(o, " ");
		sentence(o, i18n_ngettext("{n} row has a problem.", "{n} rows have a problem.", (long)bad), "n",
			 piece_num(r, bad), NULL);
	}
	html_raw(o, "</p></div><ul class=\"facts\">");
	for (int k = SR_ALREADY; k < SR_COUNT; k++) {
		if (!m->count[k])
			continue;
		html_fmt(o, "<li>%s: ", _(sheet_result_label(k)));
		html_raw(o, piece_num(r, m->count[k]));
		if (sheet_result_bad(k)) {   /* the rows, as the spreadsheet numbers them */
			html_fmt(o, " — %s ", _("rows"));
			int shown = 0;
			for (int i = 0; i < m->n && shown < 12; i++)
				if (m->result[i] == k) {
					html_fmt(o, "%s<bdi dir=\"ltr\">%d</bdi>", shown++ ? ", " : "", i + 2);
				}
			if (shown < m->count[k])
				html_raw(o, "…");
		}
		html_raw(o, "</li>");
	}
	html_raw(o, "</ul>");
}

static void review_choices(struct req *r, const struct sheet_match *m)
{
	struct strbuf *o = &r->out;
	long long sid = req_int(r, "id"), uid = req_int(r, "sheet");
	const char *action = arena_printf(&r->arena, "/sessions/%lld/sheets/%lld", sid, uid);
	int bad = m->count[SR_NOT_FOUND] + m->count[SR_MANY] + m->count[SR_OUT];
	html_fmt(o, "<section class=\"card\" id=\"choose\"><h2>%s</h2>", _("What to do"));
	if (m->count[SR_MARK]) {
		form_begin(r, action, "inline");
		html_fmt(o, "<input type=\"hidden\" name=\"leave_out\" value=\"%d\">", bad);
		html_raw(o, "<button type=\"submit\">");
		if (bad)
			sentence(o, i18n_ngettext("Mark {n} present and leave out {m} row with a problem",
						  "Mark {n} present and leave out {m} rows with a problem", (long)bad),
				 "n", piece_num(r, m->count[SR_MARK]), "m", piece_num(r, bad), NULL);
		else
			sentence(o, i18n_ngettext("Mark {n} person present", "Mark {n} people present", (long)m->count[SR_MARK]),
				 "n", piece_num(r, m->count[SR_MARK]), NULL);
		html_raw(o, "</button></form>");
	} else {
		html_fmt(o, "<p>%s</p>", _("Nobody on this sheet is left to mark present."));
	}
	if (bad) {
		html_fmt(o, "<h3>%s</h3><p><a class=\"button\" href=\"%s/problems.csv\" download>", _("Correct the rows with problems"),
			 action);
		sentence(o, i18n_ngettext("Download the {n} row with problems (CSV)", "Download the {n} rows with problems (CSV)",
					  (long)bad), "n", piece_num(r, bad), NULL);
		html_fmt(o, "</a></p><p class=\"hint\">%s</p>",
			 _("The file has your columns and a last column naming each problem. Correct the rows, add the "
			   "person's number where several people match, and send the sheet again."));
	}
	form_button(r, arena_printf(&r->arena, "%s/discard", action), _("Discard this file"), NULL, NULL, "link");
	html_raw(o, "</section>");
}

/* GET /sessions/{id}/sheets/{sheet}: the review; nothing is written. */
void attendance_sheet_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t activity;
	struct sheet_match m;
	const char *filename;
	if (sheet_load(r, &activity, &m, &filename) < 0)
		return;
	long long sid = req_int(r, "id");
	page_begin(r, _("Attendance import"));
	html_fmt(o, "<p class=\"back\"><a href=\"/sessions/%lld\">%s</a></p><h1>%s</h1><p class=\"hint\"><bdi>", sid,
		 _("Attendance"), _("Attendance import"));
	html_escape(o, filename);
	html_raw(o, "</bdi></p>");
	review_state(r, &m);
	review_choices(r, &m);
	/* the rows, those with a problem first */
	html_fmt(o, "<h2>%s</h2>", _("The sheet's rows"));
	const char *cols[] = { _("Row"), _("Number"), _("Name"), _("Phone"), _("Result"), NULL };
	table_begin(r, cols);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < m.n; i++) {
			if (sheet_result_bad(m.result[i]) != !pass)
				continue;
			row_begin(r);
			cell_int(r, i + 2);
			cell_ltr(r, sheet_match_cell(&m, i, SC_ID));
			cell_text(r, sheet_match_cell(&m, i, SC_NAME));
			cell_ltr(r, sheet_match_cell(&m, i, SC_PHONE));
			cell_text(r, _(sheet_result_label(m.result[i])));
			row_end(r);
		}
	table_end(r);
	page_end(r);
	sheet_match_free(&m);
}

struct mark_write {
	struct req *r;
	int64_t session, activity, upload;
	const struct sheet_match *m;
	int marked;
};

static int mark_fn(struct db *w, void *arg)
{
	struct mark_write *a = arg;
	a->marked = 0;
	int left_out = 0;
	for (int i = 0; i < a->m->n; i++) {
		left_out += sheet_result_bad(a->m->result[i]);
		if (a->m->result[i] != SR_MARK)
			continue;
		int rc = attendance_set(w, a->session, a->m->person[i], 1, "import", a->r->user->id);
		if (rc < 0)
			return -1;
		a->marked += rc;
	}
	if (db_do(w, SQL_DELETE, "III", (long long)a->upload, (long long)a->r->user->id, (long long)a->session) < 0)
		return -1;
	return audit_write(w, a->r->user->id, "import_attendance", "activity", a->activity,
			   arena_printf(&a->r->arena, "session=%lld marked=%d left_out=%d", (long long)a->session,
					a->marked, left_out));
}

/* POST /sessions/{id}/sheets/{sheet}: marks the people found.  With rows
 * that have a problem it needs leave_out, the number the review showed: a
 * sheet whose problems changed meanwhile shows its review again. */
void attendance_sheet_submit(struct req *r)
{
	int64_t activity;
	struct sheet_match m;
	const char *filename;
	if (sheet_load(r, &activity, &m, &filename) < 0)
		return;
	long long sid = req_int(r, "id");
	int bad = m.count[SR_NOT_FOUND] + m.count[SR_MANY] + m.count[SR_OUT];
	if (bad != (req_has(r, "leave_out") ? req_int(r, "leave_out") : 0)) {
		sheet_match_free(&m);
		req_flash(r, _("The sheet's problems changed since you checked it: look at them again."));
		req_redirect(r, arena_printf(&r->arena, "/sessions/%lld/sheets/%lld", sid, (long long)req_int(r, "sheet")));
		return;
	}
	struct mark_write a = { r, sid, activity, req_int(r, "sheet"), &m, 0 };
	int rc = db_write(mark_fn, &a);
	sheet_match_free(&m);
	if (rc != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, arena_printf(&r->arena, i18n_ngettext("%d person marked present from the sheet.",
							   "%d people marked present from the sheet.", a.marked), a.marked));
	req_redirect(r, arena_printf(&r->arena, "/sessions/%lld", sid));
}

/* GET /sessions/{id}/sheets/{sheet}/problems.csv: the rows with a problem,
 * the sheet's own columns and a last one naming the problem; cells written
 * by the export's csv_cell (never a formula); UTF-8 with a BOM for Excel. */
void attendance_sheet_problems(struct req *r)
{
	int64_t activity;
	struct sheet_match m;
	const char *filename;
	if (sheet_load(r, &activity, &m, &filename) < 0)
		return;
	struct strbuf *o = &r->out;
	sb_adds(o, "\xef\xbb\xbf");
	for (int c = 0; c < m.sh.cols; c++) {
		csv_cell(o, sheet_get(&m.sh, 0, c));
		sb_addc(o, ',');
	}
	csv_cell(o, _("Problem"));
	sb_adds(o, "\r\n");
	for (int i = 0; i < m.n; i++) {
		if (!sheet_result_bad(m.result[i]))
			continue;
		for (int c = 0; c < m.sh.cols; c++) {
			csv_cell(o, sheet_get(&m.sh, i + 1, c));
			sb_addc(o, ',');
		}
		csv_cell(o, _(sheet_result_label(m.result[i])));
		sb_adds(o, "\r\n");
	}
	sheet_match_free(&m);
	if (o->failed) {
		req_error(r, 503);
		return;
	}
	r->is_private = 1;
	r->content_type = "text/csv; charset=utf-8";
	req_header_add(r, "Content-Disposition", "attachment; filename=\"attendance-problems.csv\"");
}

struct discard_write {
	struct req *r;
	long long upload, session;
};

static int discard_fn(struct db *w, void *arg)
{
	struct discard_write *a = arg;
	return db_do(w, SQL_DELETE, "III", a->upload, (long long)a->r->user->id, a->session);
}

/* POST /sessions/{id}/sheets/{sheet}/discard */
void attendance_sheet_discard(struct req *r)
{
	long long sid = req_int(r, "id");
	struct discard_write a = { r, req_int(r, "sheet"), sid };
	if (!session_activity(r, sid) || !db_int(db_read(), 0, SQL_OWNED, "III", a.upload, (long long)r->user->id, sid)) {
		req_error(r, 404);
		return;
	}
	if (db_write(discard_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The sheet was discarded: nobody was marked from it."));
	req_redirect(r, arena_printf(&r->arena, "/sessions/%lld", sid));
}
