/* people_query — scope and filters of the people list (see people_query.h). */
#include <string.h>
#include "registry/people_query.h"
#include "registry/age_bands.h"
#include "registry/scope_sql.h"
#include "registry/search.h"
#include "core/limits.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

/* The binds: ?1 the scope's office, ?2 the scope's organization, then the
 * filters ('' / 0 = any): ?3 gender, ?4 office, ?5 ?6 birth years of the
 * age band, ?7 organization, ?8 place (and what lies under it); by name
 * ?9 is the search expression; LIMIT and OFFSET come last. */
#define PEOPLE_FILTERS \
	PERSON_VISIBLE("p", "?1", "?2") \
	" AND (?3 = '' OR p.gender = ?3) AND (?4 = 0 OR p.office_id = ?4)" \
	" AND (?5 = 0 OR p.birth_year BETWEEN ?5 AND ?6)" \
	" AND (?7 = 0 OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.org_id = ?7))" \
	" AND (?8 = 0 OR p.place_id IN (SELECT id FROM places WHERE id = ?8 OR parent_id = ?8" \
	" OR parent_id IN (SELECT id FROM places WHERE parent_id = ?8)" \
	" OR parent_id IN (SELECT id FROM places WHERE parent_id IN (SELECT id FROM places WHERE parent_id = ?8))))"
#define FILTER_TYPES "IItIIIII"
#define FILTER_ARGS(f) (long long)(f)->scope.office, (long long)(f)->scope.org, (f)->gender, (f)->office, \
	(f)->from, (f)->to, (f)->org, (f)->place
/* the organizations column lists only organizations in the user's scope */
#define PEOPLE_COLUMNS \
	"SELECT p.id, p.name_ar, p.name_latin, p.gender, p.birth_year," \
	" (SELECT group_concat(o.name_ar, '، ') FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = p.id" \
	" AND" ORG_VISIBLE("o", "?1", "?2") ")," \
	" p.place_id, p.displacement, p.disability, p.education," \
	" (SELECT phone FROM person_phones f WHERE f.person_id = p.id ORDER BY f.id LIMIT 1)"

/* Counts stop at LIMIT_LIST_COUNT + 1 ("more than 1,000"): an exact count
 * of a filter, or of an officer's scope (people of the office or members of
 * its organizations), is a pass over every person — 50 to 240 ms at 200,000
 * people — where the capped one stops after the first thousand matches
 * (bench/results/registry.md). */
#define CAP " LIMIT " LIMIT_STR(LIMIT_LIST_COUNT) " + 1)"
static const char SQL_COUNT[] = "SELECT count(*) FROM (SELECT 1 FROM people p WHERE" PEOPLE_FILTERS CAP;
/* No scope, no filter: the exact count, as the b-tree's own count of every
 * row (no pass over the rows; <1 ms at 200,000 people) less the merged
 * records (people_merged).  A trigger-kept counter was tried and dropped:
 * with a trigger every INSERT needs a statement journal, which made the
 * 200,000-row import 2.5x slower (5.5 s → 13.7 s, measured). */
static const char SQL_COUNT_ALL[] =
	"SELECT (SELECT count(*) FROM people) - (SELECT count(*) FROM people WHERE merged_into IS NOT NULL)";
#define NAME_ORDER " ORDER BY p.merged_into, p.name_folded, p.id"
#define NAME_ORDER_BACK " ORDER BY p.merged_into DESC, p.name_folded DESC, p.id DESC"
static const char SQL_ROWS[] = PEOPLE_COLUMNS " FROM people p WHERE" PEOPLE_FILTERS NAME_ORDER " LIMIT ?9 OFFSET ?10";
/* Keyset paging (people_filter_seek): the page after a name and id (?11,
 * ?12), a range of people_name; and, for the link to the page before, the
 * row the page before starts after: LIMIT_PAGE_ROWS + 1 rows back from a
 * name and id (?9, ?10), walking the index backwards. */
static const char SQL_ROWS_AFTER[] = PEOPLE_COLUMNS " FROM people p WHERE" PEOPLE_FILTERS
	" AND (p.name_folded, p.id) > (?11, ?12)" NAME_ORDER " LIMIT ?9 OFFSET ?10";
static const char SQL_BACK[] = "SELECT p.id, p.name_folded FROM people p WHERE" PEOPLE_FILTERS
	" AND (p.name_folded, p.id) < (?9, ?10)" NAME_ORDER_BACK " LIMIT 1 OFFSET ?11";
/* With a gender, the same three driven by people_gender_name (migration
 * 019): names sort men first in the demo's and the region's registries
 * (أحمد, إبراهيم…), so a page of women walked tens of thousands of men's
 * entries of people_name (4.5 ms against 0.5 ms for men, measured). */
#define BY_GENDER " FROM people p WHERE p.gender = ?3 AND"
#define GENDER_ORDER " ORDER BY p.gender, p.merged_into, p.name_folded, p.id"
#define GENDER_ORDER_BACK " ORDER BY p.gender DESC, p.merged_into DESC, p.name_folded DESC, p.id DESC"
static const char SQL_ROWS_G[] = PEOPLE_COLUMNS BY_GENDER PEOPLE_FILTERS GENDER_ORDER " LIMIT ?9 OFFSET ?10";
static const char SQL_ROWS_G_AFTER[] = PEOPLE_COLUMNS BY_GENDER PEOPLE_FILTERS
	" AND (p.name_folded, p.id) > (?11, ?12)" GENDER_ORDER " LIMIT ?9 OFFSET ?10";
static const char SQL_BACK_G[] = "SELECT p.id, p.name_folded" BY_GENDER PEOPLE_FILTERS
	" AND (p.name_folded, p.id) < (?9, ?10)" GENDER_ORDER_BACK " LIMIT 1 OFFSET ?11";
/* The key of a person the user can see (?1 ?2 the scope, ?3 the id). */
static const char SQL_KEY[] = "SELECT p.name_folded FROM people p WHERE p.id = ?3 AND" PERSON_VISIBLE("p", "?1", "?2");
/* An organization's people (the org filter, or a partner's scope): driven by
 * the organization's memberships (?9) instead of a pass over every person
 * (7 s → 2 ms at 200,000 people).  CROSS JOIN keeps the memberships outside
 * even where the planner has no statistics yet (it would walk people_name
 * to save the sort of a few dozen rows). */
#define OF_ORG " FROM (SELECT DISTINCT person_id FROM memberships WHERE org_id = ?9) om" \
	" CROSS JOIN people p ON p.id = om.person_id WHERE"
static const char SQL_COUNT_ORG[] = "SELECT count(*) FROM (SELECT 1" OF_ORG PEOPLE_FILTERS CAP;
static const char SQL_ROWS_ORG[] = PEOPLE_COLUMNS OF_ORG PEOPLE_FILTERS NAME_ORDER " LIMIT ?10 OFFSET ?11";
static const char SQL_ROWS_ORG_AFTER[] = PEOPLE_COLUMNS OF_ORG PEOPLE_FILTERS
	" AND (p.name_folded, p.id) > (?12, ?13)" NAME_ORDER " LIMIT ?10 OFFSET ?11";
static const char SQL_BACK_ORG[] = "SELECT p.id, p.name_folded" OF_ORG PEOPLE_FILTERS
	" AND (p.name_folded, p.id) < (?10, ?11)" NAME_ORDER_BACK " LIMIT 1 OFFSET ?12";
/* A place's people: driven by people_place (009) from the place and what
 * lies under it, so a count filtered by a village reads that village's
 * people only; and when they are few (the count stayed under the cap), the
 * page too, sorting those few instead of walking every name for them. */
#define PLACE_TREE "(SELECT id FROM places WHERE id = ?8 OR parent_id = ?8" \
	" OR parent_id IN (SELECT id FROM places WHERE parent_id = ?8)" \
	" OR parent_id IN (SELECT id FROM places WHERE parent_id IN (SELECT id FROM places WHERE parent_id = ?8)))"
static const char SQL_COUNT_PLACE[] =
	"SELECT count(*) FROM (SELECT 1 FROM people p WHERE p.place_id IN " PLACE_TREE " AND" PEOPLE_FILTERS CAP;
#define OF_PLACE " FROM " PLACE_TREE " pl CROSS JOIN people p ON p.place_id = pl.id WHERE"
/* The page's ids first, sorted from the place's few people, and only then
 * the columns of those 51: the organizations and phone of every match
 * were read before the sort (4.5 ms for 471 women of an age band in one
 * community, measured; 1 ms after). */
#define PAGE_OF(ids) " FROM people p WHERE p.id IN (" ids ")" NAME_ORDER
static const char SQL_ROWS_PLACE[] = PEOPLE_COLUMNS PAGE_OF("SELECT p.id" OF_PLACE PEOPLE_FILTERS NAME_ORDER
	" LIMIT ?9 OFFSET ?10");
static const char SQL_ROWS_PLACE_AFTER[] = PEOPLE_COLUMNS PAGE_OF("SELECT p.id" OF_PLACE PEOPLE_FILTERS
	" AND (p.name_folded, p.id) > (?11, ?12)" NAME_ORDER " LIMIT ?9 OFFSET ?10");
static const char SQL_BACK_PLACE[] = "SELECT p.id, p.name_folded" OF_PLACE PEOPLE_FILTERS
	" AND (p.name_folded, p.id) < (?9, ?10)" NAME_ORDER_BACK " LIMIT 1 OFFSET ?11";
/* An officer's own office (?1; ?2 the office filter): its people are a part
 * of what the officer sees, so when they alone pass the thousand, that is
 * the capped count — an index range of people_office (009) with the gender
 * (?3) and the age band's birth years (after it) as its bounds, instead of a
 * walk with a membership lookup for every person of another office. */
#define OWN_OFFICE(filters) "SELECT count(*) FROM (SELECT 1 FROM people p WHERE p.office_id = ?1" \
	" AND p.merged_into IS NULL" filters " AND (?2 = 0 OR p.office_id = ?2)" CAP
static const char SQL_OWN[] = OWN_OFFICE("");
static const char SQL_OWN_G[] = OWN_OFFICE(" AND p.gender = ?3");
static const char SQL_OWN_A[] = OWN_OFFICE(" AND p.birth_year BETWEEN ?3 AND ?4");
static const char SQL_OWN_GA[] = OWN_OFFICE(" AND p.gender = ?3 AND p.birth_year BETWEEN ?4 AND ?5");
/* Every office's people (no scope) by gender, and age band: a range of
 * people_gender_age (migration 019) instead of a walk of the name index that
 * reads fifteen people for each one of a narrow band. */
static const char SQL_ALL_GA[] = "SELECT count(*) FROM (SELECT 1 FROM people p WHERE p.merged_into IS NULL"
	" AND p.gender = ?1 AND p.birth_year BETWEEN ?2 AND ?3" CAP;
static const char SQL_ALL_G[] = "SELECT count(*) FROM (SELECT 1 FROM people p WHERE p.merged_into IS NULL"
	" AND p.gender = ?1" CAP;
static const char SQL_COUNT_Q[] =
	"SELECT count(*) FROM (SELECT 1 FROM person_search s JOIN people p ON p.id = s.rowid"
	" WHERE person_search MATCH ?9 AND" PEOPLE_FILTERS CAP;
static const char SQL_ROWS_Q[] =
	PEOPLE_COLUMNS " FROM person_search s JOIN people p ON p.id = s.rowid WHERE person_search MATCH ?9 AND"
	PEOPLE_FILTERS " LIMIT ?10 OFFSET ?11";

/* The organization whose memberships drive the query (0: none). */
static long long driving_org(const struct people_filter *f)
{
	return f->org ? f->org : (long long)f->scope.org;
}

void people_filter_init(struct req *r, struct people_filter *f)
{
	memset(f, 0, sizeof *f);
	scope_of(r, &f->scope);
	f->q = req_str(r, "q");
	f->gender = req_str(r, "gender");
	f->age = req_str(r, "age");
	f->office = req_int(r, "office");
	f->org = req_int(r, "org");
	/* the community is a personal field: no filtering by it without the right to see it */
	f->place = f->scope.personal ? place_param(r, "place", 1) : 0;
	age_band_years(f->age, &f->from, &f->to);
	sb_init(&f->match, 4096);
	sb_init(&f->after_key, 256);
	search_match_expr(f->q, &f->match);
	if (*f->q && !f->match.len)
		sb_adds(&f->match, "\"\""); /* a query with no searchable letters finds nothing */
}

void people_filter_release(struct people_filter *f)
{
	sb_release(&f->match);
	sb_release(&f->after_key);
}

int people_filter_exact(const struct people_filter *f)
{
	return !*f->q && !driving_org(f) && !f->place && !f->scope.office && !*f->gender && !f->office && !f->from;
}

/* The officer's own office's people with the filters, up to the cap. */
static long long own_office_count(struct db *d, const struct people_filter *f)
{
	long long office = (long long)f->scope.office;
	if (*f->gender && f->from)
		return db_int(d, 0, SQL_OWN_GA, "IItII", office, f->office, f->gender, f->from, f->to);
	if (*f->gender)
		return db_int(d, 0, SQL_OWN_G, "IIt", office, f->office, f->gender);
	if (f->from)
		return db_int(d, 0, SQL_OWN_A, "IIII", office, f->office, f->from, f->to);
	return db_int(d, 0, SQL_OWN, "II", office, f->office);
}

long long people_filter_count(struct db *d, struct people_filter *f)
{
	if (*f->q)
		return db_int(d, 0, SQL_COUNT_Q, FILTER_TYPES "t", FILTER_ARGS(f), sb_str(&f->match));
	if (driving_org(f))
		return db_int(d, 0, SQL_COUNT_ORG, FILTER_TYPES "I", FILTER_ARGS(f), driving_org(f));
	if (f->place) {
		long long n = db_int(d, 0, SQL_COUNT_PLACE, FILTER_TYPES, FILTER_ARGS(f));
		f->few = n <= LIMIT_LIST_COUNT;
		return n;
	}
	if (people_filter_exact(f))
		return db_int(d, 0, SQL_COUNT_ALL, "");
	if (f->scope.office > 0) {
		long long own = own_office_count(d, f);
		if (own > LIMIT_LIST_COUNT)
			return own;
	} else if (!f->scope.org && *f->gender && !f->office) {
		return f->from ? db_int(d, 0, SQL_ALL_GA, "tII", f->gender, f->from, f->to)
			       : db_int(d, 0, SQL_ALL_G, "t", f->gender);
	}
	return db_int(d, 0, SQL_COUNT, FILTER_TYPES, FILTER_ARGS(f));
}

/* The row LIMIT_PAGE_ROWS + 1 back from (key, id) with the list's driver:
 * the page before starts after it.  0 when there is none (the page before
 * is the first). */
static long long back_row(struct db *d, struct people_filter *f, const char *key, long long id)
{
	sqlite3_stmt *st;
	long long back = LIMIT_PAGE_ROWS;
	if (driving_org(f))
		st = db_q(d, SQL_BACK_ORG, FILTER_TYPES "ItII", FILTER_ARGS(f), driving_org(f), key, id, back);
	else if (f->place && f->few)
		st = db_q(d, SQL_BACK_PLACE, FILTER_TYPES "tII", FILTER_ARGS(f), key, id, back);
	else
		st = db_q(d, *f->gender ? SQL_BACK_G : SQL_BACK, FILTER_TYPES "tII", FILTER_ARGS(f), key, id, back);
	long long found = 0;
	if (st && db_row(st) == 1) {
		found = sqlite3_column_int64(st, 0);
		sb_reset(&f->after_key);
		sb_adds(&f->after_key, db_text(st, 1));
	}
	if (st)
		sqlite3_reset(st);
	return found;
}

/* The folded name of a person the user can see, into out; 0 or -1. */
static int person_key(struct db *d, const struct people_filter *f, long long id, struct strbuf *out)
{
	return db_str(d, out, SQL_KEY, "III", (long long)f->scope.office, (long long)f->scope.org, id);
}

void people_filter_seek(struct db *d, struct people_filter *f, long long after_id, long long before_id)
{
	f->after = 0;
	if (*f->q)
		return;  /* a name search runs in the search index's order, a page at a time by OFFSET */
	if (after_id > 0) {
		if (person_key(d, f, after_id, &f->after_key) == 0)
			f->after = after_id;
	} else if (before_id > 0) {
		struct strbuf key = STRBUF_INIT;
		if (person_key(d, f, before_id, &key) == 0)
			f->after = back_row(d, f, sb_str(&key), before_id);
		sb_release(&key);
	}
}

sqlite3_stmt *people_filter_rows(struct db *d, const struct people_filter *f, long long limit, long long offset)
{
	if (*f->q)
		return db_q(d, SQL_ROWS_Q, FILTER_TYPES "tII", FILTER_ARGS(f), sb_str(&f->match), limit, offset);
	const char *key = sb_str(&f->after_key);
	if (driving_org(f))
		return f->after ? db_q(d, SQL_ROWS_ORG_AFTER, FILTER_TYPES "IIItI", FILTER_ARGS(f), driving_org(f), limit,
				       offset, key, f->after)
				: db_q(d, SQL_ROWS_ORG, FILTER_TYPES "III", FILTER_ARGS(f), driving_org(f), limit, offset);
	if (f->place && f->few)
		return f->after ? db_q(d, SQL_ROWS_PLACE_AFTER, FILTER_TYPES "IItI", FILTER_ARGS(f), limit, offset, key,
				       f->after)
				: db_q(d, SQL_ROWS_PLACE, FILTER_TYPES "II", FILTER_ARGS(f), limit, offset);
	int g = *f->gender != 0;
	return f->after ? db_q(d, g ? SQL_ROWS_G_AFTER : SQL_ROWS_AFTER, FILTER_TYPES "IItI", FILTER_ARGS(f), limit, offset,
			       key, f->after)
			: db_q(d, g ? SQL_ROWS_G : SQL_ROWS, FILTER_TYPES "II", FILTER_ARGS(f), limit, offset);
}
