/* search — name and phone search over the registry: the match expression
 * and the queries behind the search page and the API (see search.h). */
#include <string.h>
#include "registry/search.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "core/limits.h"
#include "core/namematch.h"
#include "core/phone.h"
#include "core/strbuf.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"


int search_match_expr(const char *q, struct strbuf *out)
{
	/* the query is split and joined as the index is (name_terms): عبد الله
	 * and عبدالله, Abd Allah and Abdallah become the same terms */
	struct name_term t[LIMIT_SEARCH_WORDS];
	int n = q ? name_terms(q, t, LIMIT_SEARCH_WORDS) : -1;
	for (int i = 0; i < n; i++) {
		/* terms hold letters and digits only: safe inside quotes.  The
		 * spelling is matched as a prefix (as typed so far), the key
		 * whole (a key's prefix is another name: bdl, bdlrhmn) */
		sb_addf(out, "%s(\"%s\"*", i ? " AND " : "", t[i].text);
		if (*t[i].key && strcmp(t[i].key, t[i].text) != 0)
			sb_addf(out, " OR \"%s\"", t[i].key);
		sb_addc(out, ')');
	}
	return n > 0 ? n : 0;
}

/* People visible in scope whose name matches, or whose phone is norm:
 * ?1 the match or the phone, ?2 the scope's office, ?3 its organization,
 * then LIMIT ?4 OFFSET ?5; ?6 1 when the user sees personal fields (else
 * the birth year, community and phone are not even read). */
#define PEOPLE_SCOPE " AND" PERSON_VISIBLE("p", "?2", "?3")
#define PEOPLE_HIT_COLUMNS_P(pf) \
	"SELECT p.id, p.name_ar, p.name_latin, p.gender, CASE WHEN " pf " = 1 THEN p.birth_year END," \
	" CASE WHEN " pf " = 1 THEN p.place_id END, c.name_ar, c.name_en," \
	" CASE WHEN " pf " = 1 THEN (SELECT f.phone_norm FROM person_phones f WHERE f.person_id = p.id ORDER BY f.id LIMIT 1) END"
#define PEOPLE_HIT_PLACE_P(pf) " LEFT JOIN places c ON c.id = p.place_id AND " pf " = 1"
#define PEOPLE_HIT_COLUMNS PEOPLE_HIT_COLUMNS_P("?6")
#define PEOPLE_HIT_PLACE PEOPLE_HIT_PLACE_P("?6")
/* Driven by the search index in its order (no sort of every match), the
 * count stopping at LIMIT_LIST_COUNT + 1: a common name answers as fast as
 * a rare one. */
static const char SQL_PEOPLE_BY_NAME[] =
	PEOPLE_HIT_COLUMNS " FROM person_search s JOIN people p ON p.id = s.rowid" PEOPLE_HIT_PLACE
	" WHERE person_search MATCH ?1" PEOPLE_SCOPE " LIMIT ?4 OFFSET ?5";
static const char SQL_PEOPLE_BY_NAME_COUNT[] =
	"SELECT count(*) FROM (SELECT 1 FROM person_search s JOIN people p ON p.id = s.rowid"
	" WHERE person_search MATCH ?1" PEOPLE_SCOPE " LIMIT " LIMIT_STR(LIMIT_LIST_COUNT) " + 1)";
static const char SQL_PEOPLE_BY_PHONE[] =
	PEOPLE_HIT_COLUMNS " FROM people p" PEOPLE_HIT_PLACE
	" WHERE p.id IN (SELECT person_id FROM person_phones WHERE phone_norm = ?1)" PEOPLE_SCOPE
	" ORDER BY p.name_ar, p.id LIMIT ?4 OFFSET ?5";
/* one person by number: ?1, the scope ?2 ?3, ?4 the personal flag */
static const char SQL_PERSON_BY_ID[] =
	PEOPLE_HIT_COLUMNS_P("?4") " FROM people p" PEOPLE_HIT_PLACE_P("?4") " WHERE p.id = ?1" PEOPLE_SCOPE;
static const char SQL_PEOPLE_BY_PHONE_COUNT[] =
	"SELECT count(*) FROM people p WHERE p.id IN (SELECT person_id FROM person_phones WHERE phone_norm = ?1)" PEOPLE_SCOPE;
/* A person's organizations in the user's scope (?2 ?3), the first few. */
static const char SQL_HIT_ORGS[] =
	"SELECT o.id, o.name_ar, o.name_en FROM memberships m JOIN orgs o ON o.id = m.org_id"
	" WHERE m.person_id = ?1 AND" ORG_VISIBLE("o", "?2", "?3") " ORDER BY m.id LIMIT " LIMIT_STR(SEARCH_HIT_ORGS);
/* an organization's place is not personal: every role sees it */
#define ORG_HIT_COLUMNS "SELECT o.id, o.name_ar, o.name_en, o.kind, o.stage, pl.name_ar, pl.name_en"
static const char SQL_ORGS_BY_NAME[] =
	ORG_HIT_COLUMNS " FROM org_search s JOIN orgs o ON o.id = s.rowid LEFT JOIN places pl ON pl.id = o.place_id"
	" WHERE org_search MATCH ?1 AND" ORG_VISIBLE("o", "?2", "?3") " LIMIT ?4 OFFSET ?5";
static const char SQL_ORG_BY_ID[] =
	ORG_HIT_COLUMNS " FROM orgs o LEFT JOIN places pl ON pl.id = o.place_id"
	" WHERE o.id = ?1 AND" ORG_VISIBLE("o", "?2", "?3");
static const char SQL_ORGS_BY_NAME_COUNT[] =
	"SELECT count(*) FROM (SELECT 1 FROM org_search s JOIN orgs o ON o.id = s.rowid"
	" WHERE org_search MATCH ?1 AND" ORG_VISIBLE("o", "?2", "?3") " LIMIT " LIMIT_STR(LIMIT_LIST_COUNT) " + 1)";

/* Runs a count and a rows query of the user's scope: ?1 key (a match
 * expression or a phone), ?2 ?3 the scope, then LIMIT ?4 OFFSET ?5 (and ?6
 * the personal flag for people).  Returns the rows to step, or NULL. */
static sqlite3_stmt *found_in_scope(struct req *r, const char *count_sql, const char *rows_sql, int people,
				    const char *key, long long limit, long long offset, long long *total)
{
	struct scope sc;
	scope_of(r, &sc);
	struct db *d = db_read();
	*total = db_int(d, 0, count_sql, "tII", key, (long long)sc.office, (long long)sc.org);
	if (people)
		return db_q(d, rows_sql, "tIIIIi", key, (long long)sc.office, (long long)sc.org, limit, offset,
			    sc.personal ? 1 : 0);
	return db_q(d, rows_sql, "tIIII", key, (long long)sc.office, (long long)sc.org, limit, offset);
}

/* Copies the current row of a people query into h (strings in the arena). */
static void hit_read(struct req *r, sqlite3_stmt *st, struct person_hit *h)
{
	struct arena *a = &r->arena;
	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(st, 0);
	h->name = arena_strdup(a, db_text(st, 1));
	h->latin = arena_strdup(a, db_text(st, 2));
	h->gender = arena_strdup(a, db_text(st, 3));
	h->birth_year = sqlite3_column_int(st, 4);
	h->place_id = sqlite3_column_int64(st, 5);
	h->community_ar = arena_strdup(a, db_text(st, 6));
	h->community_en = arena_strdup(a, db_text(st, 7));
	/* of the phone, its last two digits only: enough to tell two people
	 * apart, too little to call anyone */
	const char *phone = db_text(st, 8);
	size_t n = strlen(phone);
	if (n >= 2)
		memcpy(h->phone_end, phone + n - 2, 2);
}

/* Reads the hit's organizations in the user's scope. */
static void hit_orgs(struct req *r, const struct scope *sc, struct person_hit *h)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_HIT_ORGS, "III", h->id, (long long)sc->office, (long long)sc->org);
	while (h->norgs < SEARCH_HIT_ORGS && db_row(st) == 1) {
		h->orgs[h->norgs].id = sqlite3_column_int64(st, 0);
		h->orgs[h->norgs].name_ar = arena_strdup(&r->arena, db_text(st, 1));
		h->orgs[h->norgs].name_en = arena_strdup(&r->arena, db_text(st, 2));
		h->norgs++;
	}
	if (h->norgs == SEARCH_HIT_ORGS)
		sqlite3_reset(st);
}

int search_people(struct req *r, const char *q, long long limit, long long offset, struct person_hit *hits,
		  int max, long long *total)
{
	struct scope sc;
	scope_of(r, &sc);
	char norm[64];
	sqlite3_stmt *st = NULL;
	*total = 0;
	/* by phone when q reads as one (and the user may see phones), else by name */
	if (sc.personal && phone_normalize(q, norm, sizeof norm) == 0) {
		st = found_in_scope(r, SQL_PEOPLE_BY_PHONE_COUNT, SQL_PEOPLE_BY_PHONE, 1, norm, limit, offset, total);
	} else {
		struct strbuf expr = STRBUF_INIT;
		if (search_match_expr(q, &expr) > 0)
			st = found_in_scope(r, SQL_PEOPLE_BY_NAME_COUNT, SQL_PEOPLE_BY_NAME, 1, sb_str(&expr), limit,
					    offset, total);
		sb_release(&expr);
	}
	int n = 0;
	while (st && n < max && db_row(st) == 1)
		hit_read(r, st, &hits[n++]);
	if (st && n == max)
		sqlite3_reset(st);
	/* after the rows query: the connection runs one statement at a time here */
	for (int i = 0; i < n; i++)
		hit_orgs(r, &sc, &hits[i]);
	return n;
}

int search_person_get(struct req *r, long long id, struct person_hit *h)
{
	struct scope sc;
	scope_of(r, &sc);
	sqlite3_stmt *st = db_q(db_read(), SQL_PERSON_BY_ID, "IIIi", id, (long long)sc.office, (long long)sc.org,
				sc.personal ? 1 : 0);
	if (db_row(st) != 1)
		return 0;
	hit_read(r, st, h);
	sqlite3_reset(st);
	hit_orgs(r, &sc, h);
	return 1;
}

sqlite3_stmt *search_org_get(struct req *r, long long id)
{
	struct scope sc;
	scope_of(r, &sc);
	sqlite3_stmt *st = db_q(db_read(), SQL_ORG_BY_ID, "III", id, (long long)sc.office, (long long)sc.org);
	if (db_row(st) == 1)
		return st;
	sqlite3_reset(st);
	return NULL;
}

sqlite3_stmt *search_orgs(struct req *r, const char *q, long long limit, long long offset, long long *total)
{
	struct strbuf expr = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	*total = 0;
	if (search_match_expr(q, &expr) > 0)
		st = found_in_scope(r, SQL_ORGS_BY_NAME_COUNT, SQL_ORGS_BY_NAME, 0, sb_str(&expr), limit, offset, total);
	sb_release(&expr);
	return st;
}
