/* reach — counting the unique people reached (see reach.h).
 *
 * One pass over activity_people's covering index for the period gives the
 * (person, office) pairs; people merged away are mapped to the record kept
 * (the few rows with merged_into, read once); a bitmap over person ids
 * keeps each survivor once, one more per office.  The breakdowns then read
 * each survivor's record: by seeks when they are few, by one scan of the
 * people table when they are many (a year of the large demo). */
#include <stdlib.h>
#include <string.h>
#include "activities/reach.h"
#include "registry/registry.h"
#include "registry/age_bands.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_MAX_PERSON[] = "SELECT coalesce(max(id), 0) FROM people";
static const char SQL_MERGED[] = "SELECT id, merged_into FROM people WHERE merged_into IS NOT NULL";
/* present on a day of the period: last_day >= from and first_day <= to
 * (activity_people_reach covers it) */
static const char SQL_PAIRS[] =
	"SELECT person_id, office_id, activity_id, first_day, last_day FROM activity_people"
	" WHERE attended > 0 AND last_day >= ?1 AND first_day <= ?2 AND (?3 = 0 OR office_id = ?3)";
/* a participation that spans the whole period: was one of its sessions in it? */
static const char SQL_IN_PERIOD[] =
	"SELECT count(*) FROM attendance a JOIN activity_sessions s ON s.id = a.session_id"
	" WHERE a.person_id = ?1 AND s.activity_id = ?2 AND s.day >= ?3 AND s.day <= ?4";
/* the whole history: reach_all, one row per person and office */
static const char SQL_ALL[] = "SELECT person_id, office_id FROM reach_all WHERE (?1 = 0 OR office_id = ?1)";
/* the people reached by the workspace: approved room bookings with a
 * registry person, on the day they start (the view reach_bookings of
 * migration 022; its index bookings_reach, 027) */
static const char SQL_BOOKINGS[] =
	"SELECT person_id, office_id FROM reach_bookings WHERE day >= ?1 AND day <= ?2 AND (?3 = 0 OR office_id = ?3)";
static const char SQL_FIRST_DAY[] = "SELECT coalesce(min(first_day), '') FROM activities WHERE first_day <> ''";
static const char SQL_LAST_DAY[] = "SELECT coalesce(max(last_day), '') FROM activity_people WHERE attended > 0";
static const char SQL_PERSON[] =
	"SELECT gender, birth_year, place_id, displacement, disability FROM people WHERE id = ?1";
static const char SQL_PEOPLE_ALL[] =
	"SELECT id, gender, birth_year, place_id, displacement, disability FROM people WHERE merged_into IS NULL";
static const char SQL_KINDS[] =
	"SELECT DISTINCT o.kind FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = ?1";
/* the memberships and the organizations' kinds read apart and joined here
 * (a join in SQL costs 8 times more: a seek per membership); a person twice
 * in organizations of one kind is counted once by the bitmaps */
static const char SQL_MEMBERSHIPS[] = "SELECT person_id, org_id FROM memberships";
static const char SQL_ORG_KINDS[] = "SELECT id, kind FROM orgs";
static const char SQL_MAX_ORG[] = "SELECT coalesce(max(id), 0) FROM orgs";
#define MAX_ORG_ID 10000000
static const char SQL_PLACES[] = "SELECT id, parent_id, level FROM places";

struct bits {
	unsigned char *v;
	int64_t n;
};

static int bits_init(struct bits *b, int64_t n)
{
	b->n = n;
	b->v = calloc((size_t)(n / 8 + 1), 1);
	return b->v ? 0 : -1;
}

/* Sets bit i; 1 when it was not set. */
static int bits_set(struct bits *b, int64_t i)
{
	if (i < 0 || i >= b->n)
		return 0;
	unsigned char m = (unsigned char)(1u << (i & 7));
	if (b->v[i >> 3] & m)
		return 0;
	b->v[i >> 3] |= m;
	return 1;
}

static int bits_has(const struct bits *b, int64_t i)
{
	return i >= 0 && i < b->n && (b->v[i >> 3] & (1u << (i & 7)));
}

/* person id → the record kept, for the records merged away */
struct survivors {
	int64_t *id, *into;
	int n;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int survivors_load(struct db *d, struct survivors *s)
{
	int cap = 0;
	s->n = 0;
	s->id = NULL;
	int64_t *pairs = NULL;
	sqlite3_stmt *st = db_q(d, SQL_MERGED, "");
	if (!st)
		return -1;
	int rc;
	while ((rc = db_row(st)) == 1) {
		if (s->n == cap) {
			cap = cap ? cap * 2 : 256;
			int64_t *np = realloc(pairs, (size_t)cap * 2 * sizeof *np);
			if (!np) {
				free(pairs);
				sqlite3_reset(st);
				return -1;
			}
			pairs = np;
		}
		pairs[2 * s->n] = sqlite3_column_int64(st, 0);
		pairs[2 * s->n + 1] = sqlite3_column_int64(st, 1);
		s->n++;
	}
	if (rc < 0) {
		free(pairs);
		return -1;
	}
	if (s->n)
		qsort(pairs, (size_t)s->n, 2 * sizeof *pairs, cmp_id);
	s->id = pairs;
	return 0;
}

static int64_t survivor(const struct survivors *s, int64_t id)
{
	/* pairs are (id, into) sorted by id; merges re-point to the one kept,
	 * so one step is enough */
	int lo = 0, hi = s->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int64_t v = s->id[2 * mid];
		if (v == id)
			return s->id[2 * mid + 1];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return id;
}

static int group_add(struct reach_group *g, int *n, int64_t id)
{
	for (int i = 0; i < *n; i++)
		if (g[i].id == id) {
			g[i].n++;
			return 0;
		}
	if (*n < REACH_MAX_GROUPS) {
		g[*n].id = id;
		g[(*n)++].n = 1;
	}
	return 0;
}

static int key_index(const char *const *keys, const char *k)
{
	int i = 0;
	for (; keys[i]; i++)
		if (strcmp(keys[i], k) == 0)
			return i;
	return i;   /* not recorded */
}

/* 1 when from..to holds every day anyone was present (then reach_all
 * answers, a third of the rows). */
static int covers_all(struct db *d, const char *from, const char *to)
{
	int all = 0;
	sqlite3_stmt *st = db_q(d, SQL_FIRST_DAY, "");
	if (db_row(st) == 1) {
		all = strcmp(from, db_text(st, 0)) <= 0;
		sqlite3_reset(st);
	}
	st = db_q(d, SQL_LAST_DAY, "");
	if (all && db_row(st) == 1) {
		all = strcmp(to, db_text(st, 0)) >= 0;
		sqlite3_reset(st);
	}
	return all;
}

/* The pass over the period: each survivor once into seen (and once per
 * office into out->office when out is given).  Returns the count, or -1. */
/* One pass's tally: each survivor once, and once per office. */
struct tally {
	const struct survivors *sv;
	struct bits *seen;
	struct reach *out;           /* NULL: the number of people only */
	int64_t offices[REACH_MAX_GROUPS];
	struct bits per[REACH_MAX_GROUPS];
	int noff;
	long long people;
};

static void tally_add(struct tally *ty, int64_t person, int64_t off)
{
	int64_t p = survivor(ty->sv, person);
	if (bits_set(ty->seen, p))
		ty->people++;
	if (!ty->out)
		return;
	int k = 0;
	while (k < ty->noff && ty->offices[k] != off)
		k++;
	if (k == ty->noff) {
		if (ty->noff == REACH_MAX_GROUPS || bits_init(&ty->per[ty->noff], ty->seen->n) < 0)
			return;
		ty->offices[ty->noff++] = off;
	}
	if (bits_set(&ty->per[k], p))
		group_add(ty->out->office, &ty->out->noffices, off);
}

static long long pass(struct db *d, const char *from, const char *to, int64_t office, const struct survivors *sv,
		      struct bits *seen, struct reach *out)
{
	const char *f = *from ? from : "0000-00-00", *t = *to ? to : "9999-99-99";
	struct tally ty = { .sv = sv, .seen = seen, .out = out };
	int whole = covers_all(d, f, t);
	/* the attendance */
	sqlite3_stmt *st = whole ? db_q(d, SQL_ALL, "I", (long long)office)
				 : db_q(d, SQL_PAIRS, "ttI", f, t, (long long)office);
	int rc = st ? 0 : -1;
	while (st && (rc = db_row(st)) == 1) {
		int64_t person = sqlite3_column_int64(st, 0), off = sqlite3_column_int64(st, 1);
		const char *first = whole ? "" : (const char *)sqlite3_column_text(st, 3),
			   *last = whole ? "" : (const char *)sqlite3_column_text(st, 4);
		/* present before and after the period: in it too? */
		if (!whole && strcmp(first, f) < 0 && strcmp(last, t) > 0
		    && db_int(d, 0, SQL_IN_PERIOD, "IItt", (long long)person, (long long)sqlite3_column_int64(st, 2), f, t) <= 0)
			continue;
		tally_add(&ty, person, off);
	}
	/* the room bookings */
	if (rc == 0) {
		st = db_q(d, SQL_BOOKINGS, "ttI", f, t, (long long)office);
		rc = st ? 0 : -1;
		while (st && (rc = db_row(st)) == 1)
			tally_add(&ty, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	}
	for (int k = 0; k < ty.noff; k++)
		free(ty.per[k].v);
	return rc < 0 ? -1 : ty.people;
}

int reach_people(struct db *d, const char *from, const char *to, int64_t office, long long *people)
{
	struct survivors sv;
	struct bits seen;
	if (survivors_load(d, &sv) < 0)
		return -1;
	if (bits_init(&seen, db_int(d, 0, SQL_MAX_PERSON, "") + 1) < 0) {
		free(sv.id);
		return -1;
	}
	long long n = pass(d, from, to, office, &sv, &seen, NULL);
	free(seen.v);
	free(sv.id);
	if (n < 0)
		return -1;
	*people = n;
	return 0;
}

int reach_offices(struct db *d, const char *from, const char *to, struct reach *out)
{
	memset(out, 0, sizeof *out);
	struct survivors sv;
	struct bits seen;
	if (survivors_load(d, &sv) < 0)
		return -1;
	if (bits_init(&seen, db_int(d, 0, SQL_MAX_PERSON, "") + 1) < 0) {
		free(sv.id);
		return -1;
	}
	long long n = pass(d, from, to, 0, &sv, &seen, out);
	free(seen.v);
	free(sv.id);
	if (n < 0)
		return -1;
	out->people = n;
	return 0;
}

/* places: id → its district (level 2), from the small places table, as
 * a map indexed by the place's id */
struct districts {
	int64_t *of;     /* of[place id]: its district, 0 none */
	int64_t n;
};

static const char SQL_MAX_PLACE[] = "SELECT coalesce(max(id), 0) FROM places";
#define MAX_PLACE_ID 10000000

static int districts_load(struct db *d, struct districts *ds)
{
	ds->n = db_int(d, 0, SQL_MAX_PLACE, "") + 1;
	if (ds->n > MAX_PLACE_ID)
		ds->n = MAX_PLACE_ID;
	int64_t *parent = calloc((size_t)ds->n, sizeof *parent);
	int *level = calloc((size_t)ds->n, sizeof *level);
	ds->of = calloc((size_t)ds->n, sizeof *ds->of);
	int rc = (parent && level && ds->of) ? 0 : -1;
	sqlite3_stmt *st = rc ? NULL : db_q(d, SQL_PLACES, "");
	while (st && (rc = db_row(st)) == 1) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id > 0 && id < ds->n) {
			parent[id] = sqlite3_column_int64(st, 1);
			level[id] = sqlite3_column_int(st, 2);
		}
	}
	/* each place up to its district (at most four levels) */
	for (int64_t id = 1; rc == 0 && id < ds->n; id++) {
		int64_t p = id;
		for (int k = 0; k < 4 && p > 0 && p < ds->n && level[p] > 2; k++)
			p = parent[p];
		ds->of[id] = p > 0 && p < ds->n && level[p] == 2 ? p : 0;
	}
	free(parent);
	free(level);
	return rc < 0 ? -1 : 0;
}

static int64_t district_of(const struct districts *ds, int64_t place)
{
	return place > 0 && place < ds->n ? ds->of[place] : 0;
}

/* the birth years of each age band this year, read once */
static long long band_from[8], band_to[8];

/* Counts one survivor's record into the breakdowns. */
static void count_person(struct reach *out, const struct districts *ds, const char *gender, int birth_year,
			 int64_t place, const char *displacement, int disability_null, int disability)
{
	out->gender[key_index(gender_keys, gender) > 2 ? 2 : key_index(gender_keys, gender)]++;
	int band = out->nages;
	if (birth_year)
		for (int i = 0; i < out->nages; i++) {
			if (birth_year >= band_from[i] && birth_year <= band_to[i]) {
				band = i;
				break;
			}
		}
	/* a birth year after this one (a slip) counts with the youngest, as the registry does */
	if (birth_year && band == out->nages)
		band = 0;
	out->age[band]++;
	out->displacement[key_index(displacement_keys, displacement)]++;
	out->disability[disability_null ? 2 : disability ? 0 : 1]++;
	group_add(out->district, &out->ndistricts, district_of(ds, place));
}

int reach_count(struct db *d, const char *from, const char *to, int64_t office, struct reach *out)
{
	memset(out, 0, sizeof *out);
	while (age_band_keys[out->nages] && out->nages < 7)
		out->nages++;
	while (org_kind_keys[out->nkinds] && out->nkinds < 7)
		out->nkinds++;
	for (int i = 0; i < out->nages; i++)
		age_band_years(age_band_keys[i], &band_from[i], &band_to[i]);
	struct survivors sv;
	struct bits seen = { 0 }, kinds = { 0 }, per_kind[8] = { { 0 } };
	unsigned char *kind_of = NULL;
	struct districts ds = { 0 };
	int ret = -1;
	if (survivors_load(d, &sv) < 0)
		return -1;
	int64_t max = db_int(d, 0, SQL_MAX_PERSON, "") + 1;
	if (bits_init(&seen, max) < 0 || districts_load(d, &ds) < 0)
		goto done;
	long long n = pass(d, from, to, office, &sv, &seen, out);
	if (n < 0)
		goto done;
	out->people = n;
	long long with_kind[8] = { 0 };
	if (n > max / 16) {
		/* many: one scan of the people, one of the memberships */
		sqlite3_stmt *st = db_q(d, SQL_PEOPLE_ALL, "");
		int rc;
		while ((rc = db_row(st)) == 1) {
			int64_t id = sqlite3_column_int64(st, 0);
			if (!bits_has(&seen, id))
				continue;
			count_person(out, &ds, db_text(st, 1), sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3),
				     db_text(st, 4), sqlite3_column_type(st, 5) == SQLITE_NULL, sqlite3_column_int(st, 5));
		}
		if (rc < 0 || bits_init(&kinds, max) < 0)
			goto done;
		for (int k = 0; k < out->nkinds; k++)
			if (bits_init(&per_kind[k], max) < 0)
				goto done;
		int64_t norgs = db_int(d, 0, SQL_MAX_ORG, "") + 1;
		if (norgs > MAX_ORG_ID)
			norgs = MAX_ORG_ID;
		kind_of = malloc((size_t)norgs);
		if (!kind_of)
			goto done;
		memset(kind_of, 0xff, (size_t)norgs);
		st = db_q(d, SQL_ORG_KINDS, "");
		while ((rc = db_row(st)) == 1) {
			int64_t id = sqlite3_column_int64(st, 0);
			if (id > 0 && id < norgs)
				kind_of[id] = (unsigned char)key_index(org_kind_keys, db_text(st, 1));
		}
		if (rc < 0)
			goto done;
		st = db_q(d, SQL_MEMBERSHIPS, "");
		while ((rc = db_row(st)) == 1) {
			int64_t id = sqlite3_column_int64(st, 0), org = sqlite3_column_int64(st, 1);
			if (!bits_has(&seen, id) || org <= 0 || org >= norgs)
				continue;
			int k = kind_of[org];
			if (k < out->nkinds && bits_set(&per_kind[k], id))
				with_kind[k]++;
			bits_set(&kinds, id);
		}
		if (rc < 0)
			goto done;
		long long members = 0;
		for (int64_t i = 0; i < max; i++)
			members += bits_has(&kinds, i) && bits_has(&seen, i);
		out->org_kind[out->nkinds] = n - members;
	} else {
		long long members = 0;
		for (int64_t id = 0; id < max; id++) {
			if (!bits_has(&seen, id))
				continue;
			sqlite3_stmt *st = db_q(d, SQL_PERSON, "I", (long long)id);
			if (db_row(st) == 1) {
				count_person(out, &ds, db_text(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int64(st, 2),
					     db_text(st, 3), sqlite3_column_type(st, 4) == SQLITE_NULL,
					     sqlite3_column_int(st, 4));
				sqlite3_reset(st);
			}
			st = db_q(d, SQL_KINDS, "I", (long long)id);
			int any = 0, rc;
			while ((rc = db_row(st)) == 1) {
				int k = key_index(org_kind_keys, db_text(st, 0));
				if (k < out->nkinds)
					with_kind[k]++;
				any = 1;
			}
			if (rc < 0)
				goto done;
			members += any;
		}
		out->org_kind[out->nkinds] = n - members;
	}
	for (int k = 0; k < out->nkinds; k++)
		out->org_kind[k] = with_kind[k];
	ret = 0;
done:
	free(seen.v);
	free(kinds.v);
	for (int k = 0; k < 8; k++)
		free(per_kind[k].v);
	free(sv.id);
	free(ds.of);
	free(kind_of);
	return ret;
}
