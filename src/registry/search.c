/* search — name and phone search over the registry (see search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "registry/perms.h"
#include "registry/search.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/namematch.h"
#include "core/phone.h"
#include "core/strbuf.h"
#include "core/textfold.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

#define RESULTS 50

int search_match_expr(const char *q, struct strbuf *out)
{
	char folded[512];
	if (!q || strlen(q) >= sizeof folded || text_fold_buf(q, strlen(q), folded, sizeof folded) <= 0)
		return 0;
	int words = 0;
	char *save = NULL;
	for (char *w = strtok_r(folded, " ", &save); w && words < LIMIT_SEARCH_WORDS; w = strtok_r(NULL, " ", &save)) {
		char key[NAME_KEY_SIZE] = "";
		name_key(w, key, sizeof key);
		/* the folded word holds letters and digits only: safe inside quotes */
		sb_addf(out, "%s(\"%s\"*", words ? " AND " : "", w);
		if (*key && strcmp(key, w) != 0 && !strchr(key, ' '))
			sb_addf(out, " OR \"%s\"*", key);
		sb_addc(out, ')');
		words++;
	}
	return words;
}

/* People visible in scope whose name matches, or whose phone is norm:
 * ?1 the match or the phone, ?2 the scope's office, ?3 its organization,
 * then LIMIT ?4 OFFSET ?5. */
#define PEOPLE_SCOPE " AND" PERSON_VISIBLE("p", "?2", "?3")
/* Driven by the search index in its order (no sort of every match), the
 * count stopping at LIMIT_LIST_COUNT + 1: a common name answers as fast as
 * a rare one. */
static const char SQL_PEOPLE_BY_NAME[] =
	"SELECT p.id, p.name_ar, p.name_latin, p.gender, p.birth_year FROM person_search s JOIN people p ON p.id = s.rowid"
	" WHERE person_search MATCH ?1" PEOPLE_SCOPE " LIMIT ?4 OFFSET ?5";
static const char SQL_PEOPLE_BY_NAME_COUNT[] =
	"SELECT count(*) FROM (SELECT 1 FROM person_search s JOIN people p ON p.id = s.rowid"
	" WHERE person_search MATCH ?1" PEOPLE_SCOPE " LIMIT " LIMIT_STR(LIMIT_LIST_COUNT) " + 1)";
static const char SQL_PEOPLE_BY_PHONE[] =
	"SELECT p.id, p.name_ar, p.name_latin, p.gender, p.birth_year FROM people p"
	" WHERE p.id IN (SELECT person_id FROM person_phones WHERE phone_norm = ?1)" PEOPLE_SCOPE
	" ORDER BY p.name_ar, p.id LIMIT ?4 OFFSET ?5";
static const char SQL_PEOPLE_BY_PHONE_COUNT[] =
	"SELECT count(*) FROM people p WHERE p.id IN (SELECT person_id FROM person_phones WHERE phone_norm = ?1)" PEOPLE_SCOPE;
static const char SQL_ORGS_BY_NAME[] =
	"SELECT o.id, o.name_ar, o.name_en, o.kind, o.stage FROM org_search s JOIN orgs o ON o.id = s.rowid"
	" WHERE org_search MATCH ?1 AND" ORG_VISIBLE("o", "?2", "?3") " LIMIT ?4 OFFSET ?5";
static const char SQL_ORGS_BY_NAME_COUNT[] =
	"SELECT count(*) FROM (SELECT 1 FROM org_search s JOIN orgs o ON o.id = s.rowid"
	" WHERE org_search MATCH ?1 AND" ORG_VISIBLE("o", "?2", "?3") " LIMIT " LIMIT_STR(LIMIT_LIST_COUNT) " + 1)";

struct found {
	long long total;
	sqlite3_stmt *rows;  /* stepped by the caller */
};

/* Runs a count and a rows query of the user's scope: ?1 key (a match
 * expression or a phone), ?2 ?3 the scope, then LIMIT ?4 OFFSET ?5. */
static void found_in_scope(struct req *r, const char *count_sql, const char *rows_sql, const char *key,
			   long long limit, long long offset, struct found *f)
{
	struct scope sc;
	scope_of(r, &sc);
	struct db *d = db_read();
	f->total = db_int(d, 0, count_sql, "tII", key, (long long)sc.office, (long long)sc.org);
	f->rows = db_q(d, rows_sql, "tIIII", key, (long long)sc.office, (long long)sc.org, limit, offset);
}

/* Runs the people query for q: by phone when q reads as one (and the user may
 * see phones), else by name. */
static void people_query(struct req *r, const char *q, long long limit, long long offset, struct found *f)
{
	struct scope sc;
	scope_of(r, &sc);
	char norm[64];
	f->total = 0;
	f->rows = NULL;
	if (sc.personal && phone_normalize(q, norm, sizeof norm) == 0) {
		found_in_scope(r, SQL_PEOPLE_BY_PHONE_COUNT, SQL_PEOPLE_BY_PHONE, norm, limit, offset, f);
		return;
	}
	struct strbuf expr = STRBUF_INIT;
	if (search_match_expr(q, &expr) > 0)
		found_in_scope(r, SQL_PEOPLE_BY_NAME_COUNT, SQL_PEOPLE_BY_NAME, sb_str(&expr), limit, offset, f);
	sb_release(&expr);
}

static void orgs_query(struct req *r, const char *q, long long limit, long long offset, struct found *f)
{
	struct strbuf expr = STRBUF_INIT;
	f->total = 0;
	f->rows = NULL;
	if (search_match_expr(q, &expr) > 0)
		found_in_scope(r, SQL_ORGS_BY_NAME_COUNT, SQL_ORGS_BY_NAME, sb_str(&expr), limit, offset, f);
	sb_release(&expr);
}

struct hit {
	long long id;
	const char *name, *latin;
	double score;
};

/* Best match first; equal scores keep the index order (by id). */
static int hit_cmp(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

void search_page(struct req *r)
{
	struct strbuf *o = &r->out;
	const char *q = req_str(r, "q");
	int ar = i18n_lang() == LANG_AR;
	page_begin(r, _("Search"));
	html_fmt(o, "<h1>%s</h1><form method=\"get\" action=\"/search\" class=\"filters\" role=\"search\">"
		 "<label>%s <input name=\"q\" type=\"search\" dir=\"auto\" value=\"%s\" autofocus></label><button>%s</button></form>",
		 _("Search"), _("Name or phone"), q, _("Search"));
	if (*q) {
		struct found f;
		if (r->user->perms & PERM_PEOPLE_READ) {
			/* the index finds every spelling (and, by the coarse key, some
			 * near names such as محمود for محمد): show the closest first */
			struct hit hits[RESULTS];
			int n = 0;
			people_query(r, q, RESULTS, 0, &f);
			while (f.rows && n < RESULTS && db_row(f.rows) == 1) {
				hits[n].id = sqlite3_column_int64(f.rows, 0);
				hits[n].name = arena_strdup(&r->arena, db_text(f.rows, 1));
				hits[n].latin = arena_strdup(&r->arena, db_text(f.rows, 2));
				double a = name_similarity(q, hits[n].name), b = *hits[n].latin ? name_similarity(q, hits[n].latin) : 0;
				hits[n].score = a > b ? a : b;
				n++;
			}
			if (f.rows)
				sqlite3_reset(f.rows);
			qsort(hits, (size_t)n, sizeof *hits, hit_cmp);
			html_fmt(o, "<section class=\"card\"><h2>%s (", _("People"));
			fmt_int(o, f.total > LIMIT_LIST_COUNT ? LIMIT_LIST_COUNT : f.total);
			html_fmt(o, "%s)</h2><ul class=\"results\">", f.total > LIMIT_LIST_COUNT ? "+" : "");
			for (int i = 0; i < n; i++) {
				html_fmt(o, "<li><a href=\"/people/%lld\">%s</a>", hits[i].id, hits[i].name);
				if (*hits[i].latin)
					html_fmt(o, " <span dir=\"ltr\">%s</span>", hits[i].latin);
				html_raw(o, "</li>");
			}
			html_raw(o, "</ul></section>");
		}
		orgs_query(r, q, RESULTS, 0, &f);
		html_fmt(o, "<section class=\"card\"><h2>%s (", _("Organizations"));
		fmt_int(o, f.total);
		html_raw(o, ")</h2><ul class=\"results\">");
		while (f.rows && db_row(f.rows) == 1) {
			const char *name = db_text(f.rows, ar ? 1 : 2);
			html_fmt(o, "<li><a href=\"/orgs/%lld\">%s</a> — %s</li>", (long long)sqlite3_column_int64(f.rows, 0),
				 *name ? name : db_text(f.rows, 1), vocab_label(&org_kinds, db_text(f.rows, 3)));
		}
		html_raw(o, "</ul></section>");
	}
	page_end(r);
}

void api_people_list(struct req *r)
{
	long long limit = req_has(r, "limit") ? req_int(r, "limit") : RESULTS;
	long long offset = req_int(r, "offset");
	struct found f;
	people_query(r, req_str(r, "q"), limit, offset, &f);
	json_t *items = json_array();
	while (f.rows && db_row(f.rows) == 1) {
		json_t *it = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)sqlite3_column_int64(f.rows, 0),
				       "name", db_text(f.rows, 1), "name_latin", db_text(f.rows, 2),
				       "gender", db_text(f.rows, 3));
		json_array_append_new(items, it);
	}
	req_json_value(r, json_pack("{s:I,s:o}", "total", (json_int_t)f.total, "items", items));
}

void api_orgs_list(struct req *r)
{
	long long limit = req_has(r, "limit") ? req_int(r, "limit") : RESULTS;
	struct found f;
	orgs_query(r, req_str(r, "q"), limit, req_int(r, "offset"), &f);
	json_t *items = json_array();
	while (f.rows && db_row(f.rows) == 1)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s}", "id",
			(json_int_t)sqlite3_column_int64(f.rows, 0), "name", db_text(f.rows, 1),
			"name_en", db_text(f.rows, 2), "kind", db_text(f.rows, 3), "stage", db_text(f.rows, 4)));
	req_json_value(r, json_pack("{s:I,s:o}", "total", (json_int_t)f.total, "items", items));
}

static const char SQL_PERSON[] =
	"SELECT id, name_ar, name_latin, gender, birth_year, place_id, displacement, disability, education"
	" FROM people WHERE id = ?1 AND merged_into IS NULL";
static const char SQL_PHONES[] = "SELECT phone FROM person_phones WHERE person_id = ?1 ORDER BY id";
static const char SQL_MEMBERSHIPS[] =
	"SELECT m.org_id, o.name_ar, m.role FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = ?1"
	" AND" ORG_VISIBLE("o", "?2", "?3");

struct view {
	int64_t user, person;
};

static int api_view_fn(struct db *w, void *arg)
{
	const struct view *v = arg;
	return audit_write(w, v->user, "view", "person", v->person, "api");
}

void api_person_get(struct req *r)
{
	int64_t id = req_int(r, "id");
	struct scope sc;
	scope_of(r, &sc);
	if (!scope_sees_person(r, id)) {
		req_error(r, 404);
		return;
	}
	sqlite3_stmt *st = db_q(db_read(), SQL_PERSON, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)id, "name", db_text(st, 1),
			      "name_latin", db_text(st, 2), "gender", db_text(st, 3), "disability",
			      sqlite3_column_int(st, 7));
	json_object_set_new(j, "displacement", json_string(db_text(st, 6)));
	json_object_set_new(j, "education", json_string(db_text(st, 8)));
	if (sc.personal) {
		json_object_set_new(j, "birth_year", sqlite3_column_type(st, 4) == SQLITE_NULL ? json_null()
				    : json_integer(sqlite3_column_int64(st, 4)));
		json_object_set_new(j, "place_id", sqlite3_column_type(st, 5) == SQLITE_NULL ? json_null()
				    : json_integer(sqlite3_column_int64(st, 5)));
	}
	sqlite3_reset(st);
	if (sc.personal) {
		json_t *phones = json_array();
		st = db_q(db_read(), SQL_PHONES, "I", (long long)id);
		while (db_row(st) == 1)
			json_array_append_new(phones, json_string(db_text(st, 0)));
		json_object_set_new(j, "phones", phones);
	}
	json_t *orgs = json_array();
	st = db_q(db_read(), SQL_MEMBERSHIPS, "III", (long long)id, (long long)sc.office, (long long)sc.org);
	while (db_row(st) == 1)
		json_array_append_new(orgs, json_pack("{s:I,s:s,s:s}", "org_id", (json_int_t)sqlite3_column_int64(st, 0),
						      "name", db_text(st, 1), "role", db_text(st, 2)));
	json_object_set_new(j, "memberships", orgs);
	struct view v = { r->user->id, id };
	db_write(api_view_fn, &v);
	req_json_value(r, j);
}
