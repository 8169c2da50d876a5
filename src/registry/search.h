/* search — one search box over people and organizations: by name in any
 * folded spelling (prefix matching, words in any order, compounds written
 * apart or together, across scripts via the phonetic key) and by phone;
 * the results page (search_page.c) and the JSON API (search_api.c) show
 * what tells people apart: their organizations and, for roles that see
 * personal fields, birth year, community and the last two digits of a
 * phone. */
#ifndef DAAM_SEARCH_H
#define DAAM_SEARCH_H
#include <sqlite3.h>
#include "core/limits.h"
struct strbuf;
struct req;

/* Organizations shown with a person found. */
#define SEARCH_HIT_ORGS 3

/* A person found, with what tells them apart.  The personal fields (birth
 * year, community, phone_end) are 0 / "" for roles that do not see them;
 * organizations are those of the user's scope.  Strings live in the
 * request's arena. */
struct person_hit {
	long long id;
	const char *name, *latin, *gender;
	int birth_year;                      /* 0: unknown or not shown */
	long long place_id;                  /* the community, 0: unknown or not shown */
	const char *community_ar, *community_en;
	char phone_end[3];                   /* last two digits of the first phone */
	int norgs;
	struct { long long id; const char *name_ar, *name_en; } orgs[SEARCH_HIT_ORGS];
	double score;                        /* the search page's closeness to q */
};

/* Candidates a name search ranks at most: the index gives them in its
 * order (by number), each is scored with name_similarity (some 5 µs) and
 * sorted, so a search costs at most about this many times 5-10 µs however
 * common the name (one word of محمد matches a quarter of a registry); past
 * it the count reads "more than", and a closer name is found by typing
 * more words.  The same figure as the lists' count. */
#define SEARCH_CANDIDATES LIMIT_LIST_COUNT
/* Fewer candidates than this: the search looks again with looser words
 * (search_relaxed_expr), for a word mistyped or spelled unlike its key. */
#define SEARCH_RELAX_BELOW 10
/* Candidates, however many, none of them closer than this: a word is
 * likely mistyped (ألم for أمل, الممد for المحمد) and its strict prefix
 * matched other names (ألم is the prefix of every family name in الم…):
 * the looser search runs too, and the closest of both lists come first. */
#define SEARCH_STRONG_SCORE 0.95
/* What a looser search finds is kept only this close (name_search_score):
 * a typing error leaves a name at 0.6 or more; a name nobody has would
 * otherwise list whoever shares one word with it. */
#define SEARCH_LOOSE_FLOOR 0.5
/* Rows a looser search reads at most: its keys one letter away from a short
 * key are common names (xl, خليل, gives xld, خالد), and a rare name spelled
 * right must stay as quick as a common one. */
#define SEARCH_LOOSE_CANDIDATES 300
/* Rows all the looser searches of one query read together: a mistyped
 * word is looked for word by word (up to twice as many searches as words),
 * and a search must stay under 20 ms at 200,000 people however many
 * words miss (bench/results/search.md, registry.md). */
#define SEARCH_LOOSE_BUDGET 900

/* A candidate of a name search: its number and closeness to the query. */
struct search_cand {
	long long id;
	double score;
};

/* Writes an FTS5 MATCH expression for the user's text q into out: the
 * words joined as the index joins them (name_terms), each becoming
 * ("spelling"* OR "key"), AND-ed.  Leaves out empty when q has no
 * searchable letters.  Returns the number of words. */
int search_match_expr(const char *q, struct strbuf *out);
/* The same, looser: each word also matches the words whose key is one
 * consonant longer, or (keys of three or more) one shorter or with two
 * neighbours swapped (a typing error: الاحمد typed الاحد or الامحد); the
 * words AND-ed, or OR-ed when any is 1.  Returns the number of words. */
int search_relaxed_expr(const char *q, struct strbuf *out, int any);
/* One word looser (as search_relaxed_expr), the others as typed; or, when
 * drop, that word matched by its first letter only (after an article).
 * Returns the number of words of q. */
int search_one_loose_expr(const char *q, struct strbuf *out, int word, int drop);
/* People of the user's scope for q (a phone for roles that see phones,
 * else a name): by name, the closest first (hits[i].score: name_similarity
 * to q) over every candidate the index gives (SEARCH_CANDIDATES); by phone
 * in name order.  At most max from offset into hits; *total counts them (up
 * to LIMIT_LIST_COUNT + 1: "more than").  Returns how many.  Used by the
 * search page, /api/v1/people and the picker. */
int search_people(struct req *r, const char *q, long long limit, long long offset, struct person_hit *hits,
		  int max, long long *total);
/* One person of the user's scope by number, with the same fields: 1 and h
 * filled, or 0 (no such person, or out of scope). */
int search_person_get(struct req *r, long long id, struct person_hit *h);
/* Organizations of the user's scope whose name matches q: the rows (id,
 * name_ar, name_en, kind, stage, place name_ar, place name_en) to step, or
 * NULL; *total as above. */
sqlite3_stmt *search_orgs(struct req *r, const char *q, long long limit, long long offset, long long *total);
/* One organization of the user's scope by number: its row (the columns of
 * search_orgs), stepped once, to read then reset; or NULL. */
sqlite3_stmt *search_org_get(struct req *r, long long id);

void search_page(struct req *r);
void api_people_list(struct req *r);
void api_orgs_list(struct req *r);
void api_person_get(struct req *r);
#endif
