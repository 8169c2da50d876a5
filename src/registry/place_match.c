/* place_match — names and aliases of places, folded, in one sorted array
 * searched by bisection (see place_match.h for the rules).  Loaded once
 * per import check; a few thousand places with their aliases take well
 * under a megabyte. */
#include <stdlib.h>
#include <string.h>
#include "registry/place_match.h"
#include "core/arena.h"
#include "core/limits.h"
#include "core/textfold.h"
#include "db/db.h"
#include "core/banned.h"

#define KEY_MAX 1024

struct pm_entry {
	const char *key;   /* folded */
	int64_t id;
	int level;
	int stripped;      /* 1: the name without its generic word */
};
struct pm_place {
	int64_t id;
	int level;
};
struct place_matcher {
	struct arena a;
	struct pm_entry *e;
	size_t n, cap;
	struct pm_place *p;
	size_t np, pcap;
};

static const char SQL_PLACES[] = "SELECT id, level, name_ar, name_en FROM places ORDER BY id";
static const char SQL_ALIASES[] =
	"SELECT a.place_id, p.level, a.alias FROM place_aliases a JOIN places p ON p.id = a.place_id";
static const char SQL_PENDING[] = "SELECT id, alias FROM place_aliases WHERE folded = '' LIMIT 512";
static const char SQL_SET_FOLDED[] = "UPDATE place_aliases SET folded = ?1 WHERE id = ?2";
static const char SQL_ANY_PENDING[] = "SELECT count(*) FROM place_aliases WHERE folded = ''";

/* A generic word and the level it names. */
struct generic {
	const char *word;   /* folded */
	int level;
};
/* before the name, followed by a space */
static const struct generic prefixes[] = {
	{ "مدينه", 4 }, { "بلده", 4 }, { "قريه", 4 }, { "ناحيه", 3 }, { "منطقه", 2 }, { "محافظه", 1 },
	{ "city of", 4 }, { "town of", 4 }, { "village of", 4 }, { NULL, 0 },
};
/* after the name, preceded by a space */
static const struct generic suffixes[] = {
	{ "city", 4 }, { "town", 4 }, { "village", 4 }, { "sub district", 3 }, { "subdistrict", 3 },
	{ "district", 2 }, { "governorate", 1 }, { NULL, 0 },
};

/* The folded name f without its generic word, into out; returns the level
 * the word names, or 0 when there is none (out then empty). */
static int strip_generic(const char *f, char *out, size_t outsz)
{
	size_t n = strlen(f);
	out[0] = 0;
	for (int i = 0; prefixes[i].word; i++) {
		size_t w = strlen(prefixes[i].word);
		if (n > w + 1 && !memcmp(f, prefixes[i].word, w) && f[w] == ' ' && n - w - 1 < outsz) {
			memcpy(out, f + w + 1, n - w);
			return prefixes[i].level;
		}
	}
	for (int i = 0; suffixes[i].word; i++) {
		size_t w = strlen(suffixes[i].word);
		if (n > w + 1 && !memcmp(f + n - w, suffixes[i].word, w) && f[n - w - 1] == ' ' && n - w - 1 < outsz) {
			memcpy(out, f, n - w - 1);
			out[n - w - 1] = 0;
			return suffixes[i].level;
		}
	}
	return 0;
}

int place_name_key(const char *name, char *out, size_t outsz)
{
	char f[KEY_MAX];
	if (!name || outsz == 0 || text_fold_buf(name, strlen(name), f, sizeof f) <= 0)
		return -1;
	if (strip_generic(f, out, outsz) && *out)
		return (int)strlen(out);
	size_t n = strlen(f);
	if (n >= outsz)
		return -1;
	memcpy(out, f, n + 1);
	return (int)n;
}

static int add_entry(struct place_matcher *m, const char *key, int64_t id, int level, int stripped)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		struct pm_entry *e = realloc(m->e, cap * sizeof *e);
		if (!e)
			return -1;
		m->e = e;
		m->cap = cap;
	}
	const char *k = arena_strdup(&m->a, key);
	if (!k)
		return -1;
	m->e[m->n++] = (struct pm_entry){ k, id, level, stripped };
	return 0;
}

/* Adds a name of place id: folded, and without its generic word. */
static int add_name(struct place_matcher *m, const char *name, int64_t id, int level)
{
	char f[KEY_MAX], s[KEY_MAX];
	if (!name || text_fold_buf(name, strlen(name), f, sizeof f) <= 0)
		return 0;
	if (add_entry(m, f, id, level, 0) < 0)
		return -1;
	if (strip_generic(f, s, sizeof s) && *s)
		return add_entry(m, s, id, level, 1);
	return 0;
}

static int by_key(const void *a, const void *b)
{
	const struct pm_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

struct place_matcher *place_matcher_load(struct db *d)
{
	struct place_matcher *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	arena_init(&m->a, 0);
	sqlite3_stmt *st = db_q(d, SQL_PLACES, "");
	int rc = st ? 0 : -1;
	while (!rc && (rc = db_row(st)) == 1) {
		rc = 0;
		int64_t id = sqlite3_column_int64(st, 0);
		int level = sqlite3_column_int(st, 1);
		if (m->np == m->pcap) {
			size_t cap = m->pcap ? m->pcap * 2 : 256;
			struct pm_place *p = realloc(m->p, cap * sizeof *p);
			if (!p) {
				rc = -1;
				break;
			}
			m->p = p;
			m->pcap = cap;
		}
		m->p[m->np++] = (struct pm_place){ id, level };
		if (add_name(m, db_text(st, 2), id, level) < 0 || add_name(m, db_text(st, 3), id, level) < 0)
			rc = -1;
	}
	if (rc < 0) {
		if (st)
			sqlite3_reset(st);
		place_matcher_free(m);
		return NULL;
	}
	st = db_q(d, SQL_ALIASES, "");
	rc = st ? 0 : -1;
	while (!rc && (rc = db_row(st)) == 1)
		rc = add_name(m, db_text(st, 2), sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1)) < 0 ? -1 : 0;
	if (rc < 0) {
		if (st)
			sqlite3_reset(st);
		place_matcher_free(m);
		return NULL;
	}
	if (m->n)
		qsort(m->e, m->n, sizeof *m->e, by_key);
	return m;
}

void place_matcher_free(struct place_matcher *m)
{
	if (!m)
		return;
	arena_free_all(&m->a);
	free(m->e);
	free(m->p);
	free(m);
}

/* The first entry of key, or n when none. */
static size_t first_of(const struct place_matcher *m, const char *key)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(m->e[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && !strcmp(m->e[lo].key, key) ? lo : m->n;
}

/* The best place among the entries of key (at level `only` when some are
 * there, when only > 0): the highest level, then a name over a name read
 * without its generic word; ties are ambiguous. */
static int64_t best_of(const struct place_matcher *m, const char *key, int only, int64_t *cands, int max, int *ncand)
{
	size_t i0 = first_of(m, key), i1 = i0;
	while (i1 < m->n && !strcmp(m->e[i1].key, key))
		i1++;
	if (i0 == i1)
		return 0;
	int at_only = 0;
	for (size_t i = i0; i < i1 && only; i++)
		at_only |= m->e[i].level == only;
	int level = 0, stripped = 1;
	for (size_t i = i0; i < i1; i++) {
		const struct pm_entry *e = &m->e[i];
		if (at_only && e->level != only)
			continue;
		if (e->level > level || (e->level == level && e->stripped < stripped)) {
			level = e->level;
			stripped = e->stripped;
		}
	}
	int64_t found = 0;
	int n = 0;
	for (size_t i = i0; i < i1; i++) {
		const struct pm_entry *e = &m->e[i];
		/* entries of one key are in id order: a new id is a new place */
		if (e->level != level || e->stripped != stripped || e->id == found)
			continue;
		if (cands && n < max)
			cands[n] = e->id;
		n++;
		found = e->id;
	}
	if (ncand)
		*ncand = n < max ? n : max;
	return n == 1 ? found : -1;
}

int64_t place_match(const struct place_matcher *m, const char *text, int64_t *cands, int max, int *ncand)
{
	char f[KEY_MAX], s[KEY_MAX];
	if (ncand)
		*ncand = 0;
	if (!cands)
		max = 0;
	if (!m || !text || text_fold_buf(text, strlen(text), f, sizeof f) <= 0)
		return 0;
	int64_t id = best_of(m, f, 0, cands, max, ncand);
	if (!id) {
		int level = strip_generic(f, s, sizeof s);
		id = level && *s ? best_of(m, s, level, cands, max, ncand) : 0;
	}
	if (id > 0 && ncand)
		*ncand = 0;
	return id;
}

static int by_place_id(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key, other = ((const struct pm_place *)elem)->id;
	return (id > other) - (id < other);
}

int place_match_level(const struct place_matcher *m, int64_t id)
{
	const struct pm_place *p = m ? bsearch(&id, m->p, m->np, sizeof *m->p, by_place_id) : NULL;
	return p ? p->level : 0;
}

/* ---- the folded form of aliases written without it ---- */

static int fold_pending_fn(struct db *w, void *arg)
{
	(void)arg;
	for (;;) {
		long long ids[512];
		char *folded[512];
		int n = 0;
		sqlite3_stmt *st = db_q(w, SQL_PENDING, "");
		if (!st)
			return -1;
		int rc = 0;
		while (n < 512 && (rc = db_row(st)) == 1) {
			const char *alias = db_text(st, 1);
			ids[n] = sqlite3_column_int64(st, 0);
			folded[n] = text_fold(alias, strlen(alias));
			if (!folded[n] || !*folded[n]) {
				/* nothing to match by: keep a marker that is never typed */
				free(folded[n]);
				folded[n] = strdup("-");
			}
			n++;
		}
		if (n == 512)
			sqlite3_reset(st);
		int bad = rc < 0;
		for (int i = 0; i < n; i++) {
			if (!bad && (!folded[i] || db_do(w, SQL_SET_FOLDED, "tI", folded[i], ids[i]) < 0))
				bad = 1;
			free(folded[i]);
		}
		if (bad)
			return -1;
		if (n < 512)
			return 0;
	}
}

int place_aliases_fold_pending(void)
{
	if (db_int(db_read(), 0, SQL_ANY_PENDING, "") <= 0)
		return 0;
	return db_write(fold_pending_fn, NULL) == 0 ? 0 : -1;
}
