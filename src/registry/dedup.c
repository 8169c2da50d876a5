/* dedup — duplicate candidates, review, merge (see dedup.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "registry/dedup.h"
#include "registry/merge.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/jobs.h"
#include "core/limits.h"
#include "core/namematch.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "jobs/jobs_pages.h"
#include "core/banned.h"

double dup_score(const struct dup_features *f)
{
	/* the name carries most of the weight; a shared phone, a close birth
	 * year and the same community each add evidence; a birth year far off
	 * counts against */
	double s = 0.6 * f->name;
	if (f->same_phone)
		s += 0.25;
	if (f->birth_gap == 0)
		s += 0.1;
	else if (f->birth_gap == 1)
		s += 0.05;
	else if (f->birth_gap > 3)
		s -= 0.2;
	if (f->same_place)
		s += 0.05;
	if (s < 0)
		s = 0;
	return s > 1 ? 1 : s;
}

/* Candidate pairs from the two blocking rules, with what scoring needs. */
static const char SQL_CANDIDATES[] =
	"SELECT a.id, b.id, a.name_ar, b.name_ar, a.name_latin, b.name_latin, a.birth_year, b.birth_year,"
	" a.place_id IS NOT NULL AND a.place_id = b.place_id,"
	" EXISTS (SELECT 1 FROM person_phones x JOIN person_phones y ON y.phone_norm = x.phone_norm"
	"  WHERE x.person_id = a.id AND y.person_id = b.id)"
	" FROM (SELECT DISTINCT x.person_id AS pa, y.person_id AS pb FROM person_phones x"
	"       JOIN person_phones y ON y.phone_norm = x.phone_norm AND y.person_id > x.person_id"
	"       UNION"
	"       SELECT a.id, b.id FROM people a JOIN people b ON b.name_key = a.name_key AND b.id > a.id"
	"       WHERE a.name_key <> '' AND (a.birth_year IS NULL OR b.birth_year IS NULL OR abs(a.birth_year - b.birth_year) <= 1)) c"
	" JOIN people a ON a.id = c.pa JOIN people b ON b.id = c.pb"
	" WHERE a.merged_into IS NULL AND b.merged_into IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM dup_decisions d WHERE d.a = a.id AND d.b = b.id)";
static const char SQL_CLEAR[] = "DELETE FROM dup_candidates";
static const char SQL_ADD[] =
	"INSERT OR REPLACE INTO dup_candidates (a, b, score, name_score, same_phone)"
	" SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM dup_decisions d WHERE d.a = ?1 AND d.b = ?2)"
	" AND (SELECT count(*) FROM people WHERE id IN (?1, ?2) AND merged_into IS NULL) = 2";

static const char SQL_LAST_RUN_DEL[] = "DELETE FROM settings WHERE key = 'dedup.last_run'";
static const char SQL_LAST_RUN_SET[] = "INSERT INTO settings (key, value) VALUES ('dedup.last_run', ?1)";
static const char SQL_LAST_RUN[] = "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'dedup.last_run'";
static const char SQL_ANY_PAIR[] = "SELECT count(*) FROM (SELECT 1 FROM dup_candidates LIMIT 1)";

struct cand {
	long long a, b;
	double score, name;
	int phone;
};

struct store_args {
	const struct cand *keep;
	size_t n;
};

/* Replaces the stored candidates with the pairs scored. */
static int store_fn(struct db *w, void *arg)
{
	const struct store_args *s = arg;
	if (db_do(w, SQL_CLEAR, "") < 0)
		return -1;
	/* a pair judged meanwhile ("not the same", or merged) is not stored again */
	for (size_t i = 0; i < s->n; i++) {
		const struct cand *c = &s->keep[i];
		if (db_do(w, SQL_ADD, "IIddi", c->a, c->b, c->score, c->name, c->phone) < 0)
			return -1;
	}
	/* when the search ran, for the review page's empty state */
	if (db_do(w, SQL_LAST_RUN_DEL, "") < 0 || db_do(w, SQL_LAST_RUN_SET, "I", (long long)time(NULL)) < 0)
		return -1;
	return audit_write(w, 0, "update", "people", 0, "duplicates refreshed");
}

long dedup_refresh(void)
{
	/* the scoring (the long part) reads through this thread's read
	 * connection; the writer is taken only to store the result */
	struct db *d = db_read();
	sqlite3_stmt *st = d ? db_q(d, SQL_CANDIDATES, "") : NULL;
	if (!st)
		return -1;
	struct cand *keep = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_row(st)) == 1) {
		struct dup_features f;
		double ar = name_similarity(db_text(st, 2), db_text(st, 3));
		double la = 0;
		if (*db_text(st, 4) && *db_text(st, 5))
			la = name_similarity(db_text(st, 4), db_text(st, 5));
		f.name = ar > la ? ar : la;
		f.same_phone = sqlite3_column_int(st, 9);
		f.birth_gap = sqlite3_column_type(st, 6) == SQLITE_NULL || sqlite3_column_type(st, 7) == SQLITE_NULL ? -1
			      : abs(sqlite3_column_int(st, 6) - sqlite3_column_int(st, 7));
		f.same_place = sqlite3_column_int(st, 8);
		double s = dup_score(&f);
		if (s < DUP_MIN_SCORE)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct cand *nk = realloc(keep, cap * sizeof *keep);
			if (!nk) {
				free(keep);
				sqlite3_reset(st);
				return -1;
			}
			keep = nk;
		}
		keep[n++] = (struct cand){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), s, f.name, f.same_phone };
	}
	struct store_args sa = { keep, n };
	if (rc == 0)
		rc = db_write(store_fn, &sa) == 0 ? 0 : -1;
	free(keep);
	return rc < 0 ? -1 : (long)n;
}

/* Pairs whose two people the user sees: ?1 the scope's office, ?2 its organization. */
#define PAIR_VISIBLE " WHERE" PERSON_VISIBLE("a", "?1", "?2") " AND" PERSON_VISIBLE("b", "?1", "?2")
static const char SQL_PAGE[] =
	"SELECT c.a, c.b, c.score, c.name_score, c.same_phone, a.name_ar, b.name_ar, a.name_latin, b.name_latin,"
	" a.birth_year, b.birth_year, a.place_id, b.place_id,"
	" (SELECT group_concat(o.name_ar, '، ') FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = a.id"
	" AND" ORG_VISIBLE("o", "?1", "?2") "),"
	" (SELECT group_concat(o.name_ar, '، ') FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = b.id"
	" AND" ORG_VISIBLE("o", "?1", "?2") ")"
	" FROM dup_candidates c CROSS JOIN people a ON a.id = c.a CROSS JOIN people b ON b.id = c.b"
	PAIR_VISIBLE " ORDER BY c.score DESC, c.a LIMIT ?3 OFFSET ?4";
static const char SQL_COUNT[] =
	"SELECT count(*) FROM dup_candidates c CROSS JOIN people a ON a.id = c.a CROSS JOIN people b ON b.id = c.b"
	PAIR_VISIBLE;

/* One record of a pair: what tells it apart (personal fields only for
 * roles that see them). */
static void person_cell(struct req *r, sqlite3_stmt *st, int side, int personal)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<td data-label=\"%s\"><bdi>%s</bdi> <small>(<bdi dir=\"ltr\">%lld</bdi>)</small>",
		 side ? _("Second record") : _("First record"), db_text(st, 5 + side), (long long)sqlite3_column_int64(st, side));
	if (*db_text(st, 7 + side))
		html_fmt(o, "<br><bdi dir=\"ltr\">%s</bdi>", db_text(st, 7 + side));
	if (personal && sqlite3_column_type(st, 9 + side) != SQLITE_NULL) {
		html_fmt(o, "<br>%s: <bdi dir=\"ltr\">", _("Birth year"));
		fmt_int(o, sqlite3_column_int64(st, 9 + side));
		html_raw(o, "</bdi>");
	}
	if (personal && sqlite3_column_type(st, 11 + side) != SQLITE_NULL) {
		html_raw(o, "<br><bdi>");
		place_path(db_read(), o, sqlite3_column_int64(st, 11 + side));
		html_raw(o, "</bdi>");
	}
	if (*db_text(st, 13 + side))
		html_fmt(o, "<br><small><bdi>%s</bdi></small>", db_text(st, 13 + side));
	html_raw(o, "</td>");
}

/* Whether the search for duplicates ran, when, and what to do. */
static void search_state(struct req *r, long long total)
{
	struct strbuf *o = &r->out;
	if (jobs_active("dedup")) {
		page_notice(r, _("The search for duplicates is running; reload this page in a minute to see its result."));
		return;
	}
	long long last = db_int(db_read(), 0, SQL_LAST_RUN, "");
	/* pairs stored by a daam that did not record when it searched: it ran */
	if (!last && !db_int(db_read(), 0, SQL_ANY_PAIR, "")) {
		html_fmt(o, "<p>%s</p>", _("The search for duplicates has not run yet. It compares the names, phones, birth years and communities of all records; on a large registry it takes a minute or two."));
		form_button(r, "/people/duplicates/refresh", _("Look for duplicates"), NULL, NULL, "");
		return;
	}
	if (last) {
		html_fmt(o, "<p>%s ", _("Last search for duplicates:"));
		date_format_time(o, last);
		html_raw(o, ".</p>");
	}
	if (!total)
		html_fmt(o, "<p>%s</p>", _("No possible duplicates are waiting for review. Look again after people are added or imported."));
	form_button(r, "/people/duplicates/refresh", _("Look for duplicates again"), NULL, NULL, "");
}

void duplicates_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	long long page = req_has(r, "page") ? req_int(r, "page") : 1;
	struct db *d = db_read();
	long long total = db_int(d, 0, SQL_COUNT, "II", (long long)sc.office, (long long)sc.org);
	page_begin(r, _("Possible duplicates"));
	html_fmt(o, "<p><a href=\"/people\">%s</a></p><h1>%s</h1>", _("People"), _("Possible duplicates"));
	merge_notice(r);
	html_fmt(o, "<p>%s</p>", _("Each pair may be one person registered twice. Open a pair to compare the two records field by field and merge them; the merge can be undone for 7 days."));
	search_state(r, total);
	html_fmt(o, "<p class=\"count\">%s: ", _("Pairs to review"));
	fmt_int(o, total);
	html_raw(o, "</p>");
	if (total)
		html_fmt(o, "<table class=\"cards\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
			 _("Pair"), _("First record"), _("Second record"), _("Why"), _("Decision"));
	long long so = sc.office, sg = sc.org;
	sqlite3_stmt *st = total ? db_q(d, SQL_PAGE, "IIII", so, sg, (long long)LIMIT_PAGE_PAIRS, (page - 1) * LIMIT_PAGE_PAIRS)
				 : NULL;
	while (st && db_row(st) == 1) {
		long long a = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 1);
		/* the row's link: the compare page of this pair, named by both numbers */
		html_fmt(o, "<tr><td data-label=\"%s\"><a href=\"/people/duplicates/%lld/%lld\">%s</a></td>", _("Pair"), a, b,
			 _("Compare"));
		person_cell(r, st, 0, sc.personal);
		person_cell(r, st, 1, sc.personal);
		html_fmt(o, "<td data-label=\"%s\">%s <bdi dir=\"ltr\">%d%%</bdi><br>%s <bdi dir=\"ltr\">%d%%</bdi>", _("Why"),
			 _("Score"), (int)(sqlite3_column_double(st, 2) * 100 + 0.5), _("Names alike"),
			 (int)(sqlite3_column_double(st, 3) * 100 + 0.5));
		if (sqlite3_column_int(st, 4))
			html_fmt(o, "<br>%s", _("Same phone"));
		html_fmt(o, "</td><td data-label=\"%s\">", _("Decision"));
		char pair[64];
		snprintf(pair, sizeof pair, "%lld:%lld", a, b);
		form_button(r, "/people/duplicates/distinct", _("Not the same person"), "pair", pair, "link");
		html_raw(o, "</td></tr>");
	}
	if (total)
		html_raw(o, "</tbody></table>");
	pager(r, "/people/duplicates", "", page, total, LIMIT_PAGE_PAIRS);
	page_end(r);
}

static int refresh_job(struct job *j, void *arg)
{
	job_progress(j, N_("Comparing the records"), 0, 0);
	job_link(j, "/people/duplicates", N_("See the possible duplicates"));
	return dedup_refresh() < 0 ? -1 : 0;
}

void duplicates_refresh_submit(struct req *r)
{
	/* on a large registry this takes many seconds: a background job, so
	 * neither this event loop nor other writers wait for it; one at a time */
	struct job_spec spec = { .kind = "dedup", .single = 1, .run = refresh_job };
	jobs_start_web(r, &spec, "kind=dedup", "/people/duplicates?refreshing=1");
}

/* Reads "X:Y" of the pair field; both must be visible to the user. */
static int pair_of(struct req *r, int64_t *x, int64_t *y)
{
	const char *p = req_str(r, "pair");
	char *end;
	*x = strtoll(p, &end, 10);
	if (*end != ':')
		return -1;
	*y = strtoll(end + 1, &end, 10);
	if (*end || *x <= 0 || *y <= 0 || *x == *y)
		return -1;
	return scope_sees_person(r, *x) && scope_sees_person(r, *y) ? 0 : -1;
}

struct pair_args {
	struct req *r;
	long long a, b;
};

static const char SQL_DISTINCT[] = "INSERT OR IGNORE INTO dup_decisions (a, b, user_id, at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_DROP_PAIR[] = "DELETE FROM dup_candidates WHERE a = ?1 AND b = ?2";

/* Records "not the same person" and drops the pair from the candidates. */
static int distinct_fn(struct db *w, void *arg)
{
	const struct pair_args *p = arg;
	struct req *r = p->r;
	if (db_do(w, SQL_DISTINCT, "IIII", p->a, p->b, (long long)r->user->id, (long long)time(NULL)) < 0 ||
	    db_do(w, SQL_DROP_PAIR, "II", p->a, p->b) < 0)
		return -1;
	return audit_write(w, r->user->id, "not_duplicate", "person", p->a, arena_printf(&r->arena, "other=%lld", p->b));
}

void duplicates_distinct_submit(struct req *r)
{
	int64_t x, y;
	if (pair_of(r, &x, &y) < 0) {
		req_error(r, 404);
		return;
	}
	struct pair_args p = { r, x < y ? x : y, x < y ? y : x };
	if (db_write(distinct_fn, &p) != 0) {
		req_error(r, 503);
		return;
	}
	req_redirect(r, "/people/duplicates");
}

void api_people_duplicates(struct req *r)
{
	struct scope sc;
	scope_of(r, &sc);
	long long limit = req_has(r, "limit") ? req_int(r, "limit") : 100;
	json_t *pairs = json_array();
	long long so = sc.office, sg = sc.org;
	sqlite3_stmt *st = db_q(db_read(), SQL_PAGE, "IIII", so, sg, limit, req_int(r, "offset"));
	while (db_row(st) == 1)
		json_array_append_new(pairs, json_pack("{s:I,s:I,s:f}", "a", (json_int_t)sqlite3_column_int64(st, 0),
						       "b", (json_int_t)sqlite3_column_int64(st, 1), "score",
						       sqlite3_column_double(st, 2)));
	req_json_value(r, json_pack("{s:o}", "pairs", pairs));
}
