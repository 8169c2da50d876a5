/* attend_match — reading and matching a typed attendance sheet (see
 * attend_match.h).  Read only: every lookup is on the reader connection. */
#include <stdlib.h>
#include <string.h>
#include "activities/attend_match.h"
#include "activities/activities.h"
#include "registry/picker.h"
#include "registry/registry.h"
#include "core/i18n.h"
#include "core/phone.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

/* the headers each column is known by (compared without case) */
static const char *const headers[SC_COUNT][8] = {
	{ "id", "number", "no", "person", "رقم", "الرقم", "رقم الشخص", NULL },
	{ "name", "full name", "الاسم", "الاسم الكامل", "اسم", NULL },
	{ "phone", "mobile", "الهاتف", "هاتف", "الجوال", "رقم الهاتف", NULL },
	{ "present", "attended", "حاضر", "الحضور", "حضر", NULL },
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

/* The person a row names, 0 none; *many when several match. */
static int64_t find_person(struct req *r, const char *id, const char *name, const char *phone, int *many)
{
	struct db *d = db_read();
	*many = 0;
	if (*id) {
		char *end;
		long long v = strtoll(id, &end, 10);
		return *end || v <= 0 ? 0 : db_int(d, 0, SQL_PERSON, "I", v);
	}
	if (*phone) {
		char norm[64];
		if (phone_normalize(phone, norm, sizeof norm) < 0)
			return 0;
		int n = 0;
		int64_t found = 0;
		sqlite3_stmt *st = db_q(d, SQL_BY_PHONE, "t", norm);
		while (db_row(st) == 1) {
			int64_t p = sqlite3_column_int64(st, 0);
			if (scope_sees_person(r, p)) {
				found = p;
				n++;
			}
		}
		*many = n > 1;
		return n == 1 ? found : 0;
	}
	if (*name) {
		struct pick_person hits[2];
		long long total = 0;
		int n = picker_people(r, name, NULL, 0, hits, 2, &total);
		*many = total > 1 || n > 1;
		return n == 1 && !*many ? hits[0].h.id : 0;
	}
	return 0;
}

/* What row i comes to; person seen earlier in the sheet are in m->person[0..i). */
static void match_row(struct req *r, int64_t activity, int64_t sid, struct sheet_match *m, int i)
{
	m->person[i] = 0;
	if (says_absent(sheet_match_cell(m, i, SC_PRESENT))) {
		m->result[i] = SR_ABSENT;
		return;
	}
	int many;
	int64_t p = find_person(r, sheet_match_cell(m, i, SC_ID), sheet_match_cell(m, i, SC_NAME),
				sheet_match_cell(m, i, SC_PHONE), &many);
	if (!p) {
		m->result[i] = many ? SR_MANY : SR_NOT_FOUND;
		return;
	}
	struct db *d = db_read();
	/* a participant is the session's to mark; anyone else must be in the user's scope */
	if (!db_int(d, 0, SQL_REGISTERED, "II", (long long)activity, (long long)p) && !scope_sees_person(r, p)) {
		m->result[i] = SR_OUT;
		return;
	}
	m->person[i] = p;
	for (int k = 0; k < i; k++)
		if (m->person[k] == p) {
			m->result[i] = SR_TWICE;
			return;
		}
	m->result[i] = db_int(d, 0, SQL_HERE, "II", (long long)sid, (long long)p) ? SR_ALREADY : SR_MARK;
}

const char *sheet_match(struct req *r, int64_t activity, int64_t sid, const char *data, size_t len,
			struct sheet_match *m)
{
	memset(m, 0, sizeof *m);
	int st = sheet_read(data, len, &m->sh);
	if (st != SHEET_OK)
		return st == SHEET_E_TOO_BIG ? N_("The sheet is too large: at most 2,000 rows of 16 columns.")
		       : st == SHEET_E_ENCODING ? N_("The file is not in UTF-8: save it as «CSV UTF-8» or as an Excel file.")
		       : st == SHEET_E_EMPTY ? N_("The sheet has no rows under its header.")
		       : N_("This is not a CSV or Excel file daam can read.");
	for (int k = 0; k < SC_COUNT; k++)
		m->col[k] = -1;
	for (int c = 0; c < m->sh.cols && c < SHEET_MAX_COLS; c++)
		for (int k = 0; k < SC_COUNT; k++)
			for (int h = 0; headers[k][h]; h++)
				if (m->col[k] < 0 && same_header(sheet_get(&m->sh, 0, c), headers[k][h]))
					m->col[k] = c;
	if (m->col[SC_ID] < 0 && m->col[SC_NAME] < 0 && m->col[SC_PHONE] < 0) {
		sheet_free(&m->sh);
		return N_("No column names the person: head a column «number», «phone» or «name».");
	}
	m->n = m->sh.rows - 1;
	m->person = arena_alloc(&r->arena, (size_t)m->n * sizeof *m->person + 1);
	m->result = arena_alloc(&r->arena, (size_t)m->n + 1);
	if (!m->person || !m->result) {
		sheet_free(&m->sh);
		return N_("The server is busy. Try again in a moment.");
	}
	for (int i = 0; i < m->n; i++) {
		match_row(r, activity, sid, m, i);
		m->count[m->result[i]]++;
	}
	return NULL;
}

void sheet_match_free(struct sheet_match *m)
{
	sheet_free(&m->sh);
}

const char *sheet_match_cell(const struct sheet_match *m, int i, enum sheet_col c)
{
	return m->col[c] >= 0 ? sheet_get(&m->sh, i + 1, m->col[c]) : "";
}

int sheet_result_bad(int result)
{
	return result == SR_NOT_FOUND || result == SR_MANY || result == SR_OUT;
}

const char *sheet_result_label(int result)
{
	static const char *const said[SR_COUNT] = { N_("Will be marked present"), N_("Already present"),
		N_("Twice on the sheet"), N_("Absent on the sheet"), N_("Not found: correct the number, phone or name"),
		N_("More than one person matches: give the number"), N_("Not in your scope") };
	return result >= 0 && result < SR_COUNT ? said[result] : "";
}
