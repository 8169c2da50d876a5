/* search — name and phone search over the registry: the match expression
 * and the queries behind the search page and the API (see search.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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


/* Bytes of the UTF-8 character that starts with lead byte c (1 for a
 * stray continuation byte or NUL). */
static size_t utf8_char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Characters (not bytes) of UTF-8 text s. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Letters a key is made of (skeleton in namematch.c); w and y only begin one. */
static const char KEY_LETTERS[] = "btjhxdzrsgfklmn";

/* Appends " OR "k"" for the key k, and when loose, for the keys one typing
 * error away from it (a consonant missing, added, or two swapped). */
static void key_terms(struct strbuf *out, const char *k, int loose)
{
	size_t n = strlen(k);
	if (!n)
		return;
	sb_addf(out, " OR \"%s\"", k);
	if (!loose || n < 2 || n > 12)
		return;
	char v[16];
	/* a short key one letter shorter or swapped is another common name
	 * (hs, sh); one letter longer it is still a name of three */
	for (size_t i = 0; n >= 3 && i < n; i++) {  /* one missing */
		memcpy(v, k, i);
		memcpy(v + i, k + i + 1, n - i);
		sb_addf(out, " OR \"%s\"", v);
	}
	for (size_t i = 0; n >= 3 && i + 1 < n; i++) {  /* two swapped */
		if (k[i] == k[i + 1])
			continue;
		memcpy(v, k, n + 1);
		v[i] = k[i + 1];
		v[i + 1] = k[i];
		sb_addf(out, " OR \"%s\"", v);
	}
	for (size_t i = 0; i <= n; i++)  /* one added (not doubled: keys hold none) */
		for (const char *c = KEY_LETTERS; *c; c++) {
			if ((i > 0 && k[i - 1] == *c) || k[i] == *c)
				continue;
			memcpy(v, k, i);
			v[i] = *c;
			memcpy(v + i + 1, k + i, n - i + 1);
			sb_addf(out, " OR \"%s\"", v);
		}
}

/* The match expression of q, strict or loose (see search.h): loose for
 * every word, or only for word `only` (>= 0); word `skip` (>= 0) stands
 * for any word with its first letter; the words AND-ed, or OR-ed when any. */
static int match_expr_of(const char *q, struct strbuf *out, int loose, int any, int only, int skip)
{
	/* the query is split and joined as the index is (name_terms): عبد الله
	 * and عبدالله, Abd Allah and Abdallah become the same terms */
	struct name_term t[LIMIT_SEARCH_WORDS];
	int n = q ? name_terms(q, t, LIMIT_SEARCH_WORDS) : -1, written = 0;
	for (int i = 0; i < n; i++) {
		const char *join = written++ ? (any ? " OR " : " AND ") : "";
		if (i == skip) {
			/* the word by its first letter only (after an article): a
			 * typing error seldom falls on it */
			size_t al = strncmp(t[i].text, "ال", 4) == 0 && strlen(t[i].text) > 4 ? 4 : 0;
			size_t len = al + utf8_char_len((unsigned char)t[i].text[al]);
			sb_addf(out, "%s\"%.*s\"*", join, (int)len, t[i].text);
			continue;
		}
		int l = loose && (only < 0 || only == i);
		/* terms hold letters and digits only: safe inside quotes.  The
		 * spelling is matched as a prefix (as typed so far) from its
		 * second letter on (one letter is the prefix of a tenth of all
		 * words), the keys whole (a key's prefix is another name: bdl,
		 * bdlrhmn) */
		sb_addf(out, "%s(\"%s\"%s", join, t[i].text, chars(t[i].text) >= 2 ? "*" : "");
		if (strcmp(t[i].key, t[i].text) != 0)
			key_terms(out, t[i].key, l);
		key_terms(out, t[i].key2, l);
		sb_addc(out, ')');
	}
	return n > 0 ? n : 0;
}

static int match_expr(const char *q, struct strbuf *out, int loose, int any)
{
	return match_expr_of(q, out, loose, any, -1, -1);
}

int search_match_expr(const char *q, struct strbuf *out)
{
	return match_expr(q, out, 0, 0);
}

int search_relaxed_expr(const char *q, struct strbuf *out, int any)
{
	return match_expr(q, out, 1, any);
}

int search_one_loose_expr(const char *q, struct strbuf *out, int word, int drop)
{
	return match_expr_of(q, out, !drop, 0, word, drop ? word : -1);
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
/* The candidates of a name search in the index's order (no sort of every
 * match): their numbers and names, at most ?4; they are then ranked by
 * closeness to the words typed (people_by_name). */
static const char SQL_PEOPLE_CANDIDATES[] =
	"SELECT p.id, p.name_ar, p.name_latin FROM person_search s JOIN people p ON p.id = s.rowid"
	" WHERE person_search MATCH ?1" PEOPLE_SCOPE " LIMIT ?4";
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

/* Best match first; equal scores in the index's order (by number). */
static int cand_cmp(const void *pa, const void *pb)
{
	const struct search_cand *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int id_cmp(const void *pa, const void *pb)
{
	const struct search_cand *a = pa, *b = pb;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Reads the candidates of one match expression (ids and names, up to
 * SEARCH_CANDIDATES + 1 in the index's order) into c, skipping ids already
 * there; scores each against q.  Returns the new count.  A looser search
 * passes its budget: it reads at most SEARCH_LOOSE_CANDIDATES rows and
 * what is left of the budget, and spends what it reads. */
static int candidates_read(const struct scope *sc, const char *expr, int q_arabic,
			   struct search_cand *c, int n, struct name_searcher *ns, double floor, int *budget)
{
	int had = n, rows = SEARCH_CANDIDATES + 1;
	if (budget)
		rows = *budget < SEARCH_LOOSE_CANDIDATES ? *budget : SEARCH_LOOSE_CANDIDATES;
	if (rows <= 0)
		return n;
	qsort(c, (size_t)had, sizeof *c, id_cmp);  /* to find those already read */
	sqlite3_stmt *st = db_q(db_read(), SQL_PEOPLE_CANDIDATES, "tIII", expr, (long long)sc->office,
				(long long)sc->org, (long long)rows);
	while (st && n < SEARCH_CANDIDATES + 1 && db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		if (budget)
			--*budget;
		struct search_cand key = { id, 0 };
		if (had && bsearch(&key, c, (size_t)had, sizeof *c, id_cmp))
			continue;
		c[n].id = id;
		/* the stored name in the query's script counts; a Latin query
		 * is also compared with the Arabic name (across scripts) */
		const char *ar = db_text(st, 1), *latin = db_text(st, 2);
		double a = name_searcher_score(ns, ar), b = !q_arabic && *latin ? name_searcher_score(ns, latin) : 0;
		c[n].score = a > b ? a : b;
		if (c[n].score >= floor)
			n++;
	}
	if (st)
		sqlite3_reset(st);
	return n;
}

/* The highest score of the n candidates (0 with none). */
static double best_score(const struct search_cand *c, int n)
{
	double best = 0;
	for (int i = 0; i < n; i++)
		if (c[i].score > best)
			best = c[i].score;
	return best;
}

/* 1 when q holds an Arabic letter. */
static int has_arabic(const char *q)
{
	for (const unsigned char *p = (const unsigned char *)q; *p; p++)
		if (*p == 0xD8 || *p == 0xD9 || *p == 0xDA || *p == 0xDB)
			return 1;
	return 0;
}

/* People found by name, ranked: every candidate the index gives (at most
 * SEARCH_CANDIDATES, see search.h) is scored with name_search_score and the
 * page [offset, offset + limit) of the ranking is read in full. */
static int people_by_name(struct req *r, const struct scope *sc, const char *q, long long limit, long long offset,
			  struct person_hit *hits, int max, long long *total)
{
	struct strbuf expr = STRBUF_INIT;
	int words = search_match_expr(q, &expr), n = 0;
	struct search_cand *c = words > 0 ? arena_alloc(&r->arena, (SEARCH_CANDIDATES + 1) * sizeof *c) : NULL;
	if (c) {
		int q_arabic = has_arabic(q);
		struct name_searcher *ns = name_searcher_new(q);  /* NULL: every score 0, index order */
		n = candidates_read(sc, sb_str(&expr), q_arabic, c, 0, ns, 0.0, NULL);
		int budget = SEARCH_LOOSE_BUDGET;
		/* few found, or none close: a word may be mistyped or spelled
		 * unlike any key; look again with every word looser
		 * (search_relaxed_expr) */
		int weak = n < SEARCH_RELAX_BELOW || best_score(c, n) < SEARCH_STRONG_SCORE;
		/* one typing error: each word in turn looser, the others as
		 * typed; then each word in turn by its first letter only (too
		 * short or too far from its name to be found again: عي for علي,
		 * الممد for المحمد) */
		for (int drop = 0; drop < 2 && weak && words > 1; drop++)
			for (int i = 0; i < words && (n < SEARCH_RELAX_BELOW || best_score(c, n) < SEARCH_STRONG_SCORE); i++) {
				sb_reset(&expr);
				if (search_one_loose_expr(q, &expr, i, drop) > 0 && expr.len)
					n = candidates_read(sc, sb_str(&expr), q_arabic, c, n, ns, SEARCH_LOOSE_FLOOR, &budget);
			}
		weak = n < SEARCH_RELAX_BELOW || best_score(c, n) < SEARCH_STRONG_SCORE;
		if (weak) {
			sb_reset(&expr);
			if (search_relaxed_expr(q, &expr, 0) > 0)
				n = candidates_read(sc, sb_str(&expr), q_arabic, c, n, ns, SEARCH_LOOSE_FLOOR, &budget);
		}
		/* still few: any one of the words (a word too short or too far
		 * from its name to be found again), the closest first */
		if ((n < SEARCH_RELAX_BELOW || (weak && best_score(c, n) < SEARCH_STRONG_SCORE)) && words > 1) {
			sb_reset(&expr);
			if (search_relaxed_expr(q, &expr, 1) > 0)
				n = candidates_read(sc, sb_str(&expr), q_arabic, c, n, ns, SEARCH_LOOSE_FLOOR, &budget);
		}
		name_searcher_free(ns);
	}
	sb_release(&expr);
	*total = n;
	if (n > SEARCH_CANDIDATES)
		n = SEARCH_CANDIDATES;
	if (n)
		qsort(c, (size_t)n, sizeof *c, cand_cmp);
	int got = 0;
	for (long long i = offset; i < n && i < offset + limit && got < max; i++)
		if (search_person_get(r, c[i].id, &hits[got])) {
			hits[got].score = c[i].score;
			got++;
		}
	return got;
}

int search_people(struct req *r, const char *q, long long limit, long long offset, struct person_hit *hits,
		  int max, long long *total)
{
	struct scope sc;
	scope_of(r, &sc);
	char norm[64];
	*total = 0;
	/* by phone when q reads as one (and the user may see phones), else by name */
	if (!(sc.personal && phone_normalize(q, norm, sizeof norm) == 0))
		return people_by_name(r, &sc, q ? q : "", limit, offset, hits, max, total);
	sqlite3_stmt *st = found_in_scope(r, SQL_PEOPLE_BY_PHONE_COUNT, SQL_PEOPLE_BY_PHONE, 1, norm, limit, offset,
					  total);
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
