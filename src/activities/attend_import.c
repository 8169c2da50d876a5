/* attend_import — a paper attendance sheet typed into a CSV or Excel file,
 * imported into a session: each row names a person by number (daam's),
 * by phone, or by name (found as the picker finds them, taken only when
 * one person of the user's scope matches); an optional "present" column
 * leaves out the rows marked absent.  The rows whose person is found are
 * marked present at once (a mark is idempotent, so the same sheet sent
 * again adds nothing); the answer is the report of every row: marked,
 * already present, left out, or why not (not found, more than one person
 * matches, a number out of scope), so the sheet can be corrected and sent
 * again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin/sentence.h"
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/sheet.h"
#include "registry/picker.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "core/phone.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/multipart.h"
#include "http/request.h"
#include "core/banned.h"

enum col { C_ID, C_NAME, C_PHONE, C_PRESENT, C_COUNT };
/* the headers each column is known by (compared without case) */
static const char *const headers[C_COUNT][8] = {
	{ "id", "number", "no", "person", "رقم", "الرقم", "رقم الشخص", NULL },
	{ "name", "full name", "الاسم", "الاسم الكامل", "اسم", NULL },
	{ "phone", "mobile", "الهاتف", "هاتف", "الجوال", "رقم الهاتف", NULL },
	{ "present", "attended", "حاضر", "الحضور", "حضر", NULL },
};

enum result { R_MARK, R_ALREADY, R_ABSENT, R_NOT_FOUND, R_MANY, R_OUT };

struct row {
	int64_t person;
	enum result result;
};

static int same_header(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		if (x != *b)
			return 0;
	}
	return !*a && !*b;
}

/* "no", "0", "غائب"… : the row says absent */
static int says_absent(const char *v)
{
	static const char *const no[] = { "0", "no", "n", "absent", "لا", "غائب", "غائبة", NULL };
	for (int i = 0; no[i]; i++)
		if (same_header(v, no[i]))
			return 1;
	return 0;
}

static const char SQL_PERSON[] = "SELECT coalesce(merged_into, id) FROM people WHERE id = ?1";
static const char SQL_BY_PHONE[] =
	"SELECT DISTINCT coalesce(p.merged_into, p.id) FROM person_phones ph JOIN people p ON p.id = ph.person_id"
	" WHERE ph.phone_norm = ?1 LIMIT 3";
static const char SQL_HERE[] = "SELECT count(*) FROM attendance WHERE session_id = ?1 AND person_id = ?2";
static const char SQL_REGISTERED[] = "SELECT count(*) FROM activity_people WHERE activity_id = ?1 AND person_id = ?2";

/* Finds the row's person: sets r->person and r->result. */
static void match(struct req *r, int64_t activity, int64_t session, const char *id, const char *name, const char *phone,
		  struct row *out)
{
	struct db *d = db_read();
	out->person = 0;
	out->result = R_NOT_FOUND;
	if (*id) {
		char *end;
		long long v = strtoll(id, &end, 10);
		if (*end || v <= 0)
			return;
		out->person = db_int(d, 0, SQL_PERSON, "I", v);
	} else if (*phone) {
		char norm[64];
		if (phone_normalize(phone, norm, sizeof norm) < 0)
			return;
		int n = 0;
		sqlite3_stmt *st = db_q(d, SQL_BY_PHONE, "t", norm);
		while (db_row(st) == 1) {
			int64_t p = sqlite3_column_int64(st, 0);
			if (scope_sees_person(r, p)) {
				out->person = p;
				n++;
			}
		}
		if (n > 1) {
			out->person = 0;
			out->result = R_MANY;
			return;
		}
	} else if (*name) {
		struct pick_person hits[2];
		long long total = 0;
		int n = picker_people(r, name, NULL, 0, hits, 2, &total);
		if (total > 1 || n > 1) {
			out->result = R_MANY;
			return;
		}
		if (n == 1)
			out->person = hits[0].h.id;
	}
	if (!out->person)
		return;
	if (!db_int(d, 0, SQL_REGISTERED, "II", (long long)activity, (long long)out->person)
	    && !scope_sees_person(r, out->person)) {
		out->person = 0;
		out->result = R_OUT;
		return;
	}
	out->result = db_int(d, 0, SQL_HERE, "II", (long long)session, (long long)out->person) ? R_ALREADY : R_MARK;
}

struct import_write {
	struct req *r;
	int64_t session, activity;
	struct row *rows;
	int n, marked;
};

static int import_fn(struct db *w, void *arg)
{
	struct import_write *a = arg;
	a->marked = 0;
	for (int i = 0; i < a->n; i++) {
		if (a->rows[i].result != R_MARK)
			continue;
		int rc = attendance_set(w, a->session, a->rows[i].person, 1, "import", a->r->user->id);
		if (rc < 0)
			return -1;
		a->marked += rc;
	}
	return audit_write(w, a->r->user->id, "import_attendance", "activity", a->activity,
			   arena_printf(&a->r->arena, "session=%lld marked=%d", (long long)a->session, a->marked));
}

/* The upload form, on the attendance page. */
void attendance_import_form(struct req *r, int64_t session)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<details class=\"inline-edit\"><summary>%s</summary>", _("Import a typed paper sheet (CSV or Excel)"));
	html_fmt(o, "<p class=\"hint\">%s</p>", _("The first row names the columns: the person's number in daam, or the "
						 "phone, or the name; a column «present» may say who was absent. Rows "
						 "whose person is found are marked present; the others are listed with the "
						 "reason, to correct and send again."));
	html_fmt(o, "<form method=\"post\" action=\"/sessions/%lld/import\" enctype=\"multipart/form-data\" class=\"form\">"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", (long long)session, form_csrf(r));
	html_fmt(o, "<div class=\"field\"><label for=\"f-file\">%s</label><input id=\"f-file\" type=\"file\" name=\"file\""
		 " accept=\".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></div>",
		 _("Excel or CSV file"));
	html_fmt(o, "<button type=\"submit\">%s</button></form></details>", _("Import the sheet"));
}

void attendance_import_submit(struct req *r)
{
	struct strbuf *o = &r->out;
	long long sid = req_int(r, "id");
	int64_t activity = session_activity(r, sid);
	if (!activity) {
		req_error(r, 404);
		return;
	}
	struct mp_part file;
	const char *problem = NULL;
	struct sheet sh;
	int st = SHEET_E_EMPTY;
	if (multipart_file(r, "file", &file) < 0 || file.len == 0)
		problem = _("Choose an Excel or CSV file to import.");
	else if ((st = sheet_read(file.data, file.len, &sh)) != SHEET_OK)
		problem = st == SHEET_E_TOO_BIG ? _("The sheet is too large: at most 2,000 rows of 16 columns.")
			  : st == SHEET_E_ENCODING ? _("The file is not in UTF-8: save it as «CSV UTF-8» or as an Excel file.")
			  : st == SHEET_E_EMPTY ? _("The sheet has no rows under its header.")
			  : _("This is not a CSV or Excel file daam can read.");
	int col[C_COUNT] = { -1, -1, -1, -1 };
	if (!problem) {
		for (int c = 0; c < sh.cols && c < SHEET_MAX_COLS; c++)
			for (int k = 0; k < C_COUNT; k++)
				for (int h = 0; headers[k][h]; h++)
					if (col[k] < 0 && same_header(sheet_get(&sh, 0, c), headers[k][h]))
						col[k] = c;
		if (col[C_ID] < 0 && col[C_NAME] < 0 && col[C_PHONE] < 0) {
			problem = _("No column names the person: head a column «number», «phone» or «name».");
			sheet_free(&sh);
		}
	}
	if (problem) {
		req_field_error(r, "file", problem);
		r->status = 400;
		attendance_page(r);
		return;
	}
	int n = sh.rows - 1;
	struct row *rows = arena_alloc(&r->arena, (size_t)n * sizeof *rows);
	if (!rows) {
		sheet_free(&sh);
		req_error(r, 503);
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *present = col[C_PRESENT] >= 0 ? sheet_get(&sh, i + 1, col[C_PRESENT]) : "";
		if (says_absent(present)) {
			rows[i].person = 0;
			rows[i].result = R_ABSENT;
			continue;
		}
		match(r, activity, sid, col[C_ID] >= 0 ? sheet_get(&sh, i + 1, col[C_ID]) : "",
		      col[C_NAME] >= 0 ? sheet_get(&sh, i + 1, col[C_NAME]) : "",
		      col[C_PHONE] >= 0 ? sheet_get(&sh, i + 1, col[C_PHONE]) : "", &rows[i]);
	}
	struct import_write a = { r, sid, activity, rows, n, 0 };
	if (db_write(import_fn, &a) != 0) {
		sheet_free(&sh);
		req_error(r, 503);
		return;
	}
	static const char *const said[] = { N_("Marked present"), N_("Already present"), N_("Absent on the sheet"),
		N_("Not found: correct the number, phone or name"), N_("More than one person matches: give the number"),
		N_("Not in your scope") };
	page_begin(r, _("Attendance import"));
	html_fmt(o, "<p class=\"back\"><a href=\"/sessions/%lld\">%s</a></p><h1>%s</h1>", sid, _("Attendance"),
		 _("Attendance import"));
	html_raw(o, "<p role=\"status\">");
	sentence(o, _("{n} marked present from the sheet."), "n", piece_num(r, a.marked), NULL);
	html_raw(o, "</p>");
	const char *cols[] = { _("Row"), _("Number"), _("Name"), _("Phone"), _("Result"), NULL };
	table_begin(r, cols);
	for (int i = 0; i < n; i++) {
		row_begin(r);
		cell_int(r, i + 2);
		cell_ltr(r, col[C_ID] >= 0 ? sheet_get(&sh, i + 1, col[C_ID]) : "");
		cell_text(r, col[C_NAME] >= 0 ? sheet_get(&sh, i + 1, col[C_NAME]) : "");
		cell_ltr(r, col[C_PHONE] >= 0 ? sheet_get(&sh, i + 1, col[C_PHONE]) : "");
		cell_text(r, _(said[rows[i].result]));
		row_end(r);
	}
	table_end(r);
	page_end(r);
	sheet_free(&sh);
}
