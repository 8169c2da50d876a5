/* people_query — the one query behind the people list and its exports: the
 * user's scope (office, partner organization) plus the list's filters
 * (name, gender, age band, office, organization, place).  Without a name it runs
 * in name order (index people_name); with a name it is driven by the search
 * index in its own order, so a common name stops after one page instead of
 * sorting tens of thousands.  An organization's people (the org filter, a
 * partner) are driven by its memberships, a place's few people by
 * people_place; counts stop at LIMIT_LIST_COUNT + 1 unless exact for free
 * (docs/architecture.md, "Lists at scale"). */
#ifndef DAAM_PEOPLE_QUERY_H
#define DAAM_PEOPLE_QUERY_H
#include "core/strbuf.h"
#include <sqlite3.h>
#include "registry/registry.h"

struct req;
struct db;

struct people_filter {
	const char *q, *gender, *age;
	long long office, org, place, from, to;   /* from/to: birth years of the age band */
	struct strbuf match;               /* FTS expression for q */
	struct scope scope;
	int few;                           /* people_filter_count: a place's matches are few (the page sorts them) */
	long long after;                   /* people_filter_seek: the page starts after this person (0: at the start) */
	struct strbuf after_key;           /* that person's name_folded */
};

/* Columns of every row: 0 id, 1 name_ar, 2 name_latin, 3 gender,
 * 4 birth_year, 5 organizations (joined names), 6 place_id, 7 displacement,
 * 8 disability, 9 education, 10 first phone. */
enum { PQ_ID, PQ_NAME, PQ_LATIN, PQ_GENDER, PQ_BIRTH, PQ_ORGS, PQ_PLACE, PQ_DISPLACEMENT,
       PQ_DISABILITY, PQ_EDUCATION, PQ_PHONE };

/* Reads q, gender, age, office, org, place of the request (declared parameters). */
void people_filter_init(struct req *r, struct people_filter *f);
void people_filter_release(struct people_filter *f);
/* The number of matches: exact with no scope and no filter, otherwise it
 * stops at LIMIT_LIST_COUNT + 1 (shown as "more than LIMIT_LIST_COUNT"). */
long long people_filter_count(struct db *d, struct people_filter *f);
/* 1 when people_filter_count is exact whatever its size (no scope, no filter). */
int people_filter_exact(const struct people_filter *f);
/* Keyset paging (the list's "after" and "before" links carry a person's
 * id, never a name): positions the rows after person after_id, or on the
 * page before person before_id.  An id the user cannot see, or 0, starts
 * at the top.  Call after people_filter_count (which picks the query's
 * driver).  A page far down then costs what the first page costs, where
 * OFFSET walked every row above it. */
void people_filter_seek(struct db *d, struct people_filter *f, long long after_id, long long before_id);
/* A statement over the matches; limit < 0 means all. Step with db_row. */
sqlite3_stmt *people_filter_rows(struct db *d, const struct people_filter *f, long long limit, long long offset);
#endif
