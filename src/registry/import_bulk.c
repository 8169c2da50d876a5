/* import_bulk — the writer set up for a big import and put back after it
 * (see import_bulk.h; the measurements are in docs/architecture.md,
 * "The import at scale"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "registry/import_bulk.h"
#include "core/log.h"
#include "core/banned.h"

/* The writer's page cache while importing (KiB): holds the indexes being
 * filled; with the default 2 MB the transaction spills to the WAL and reads
 * its pages back, twice as slow. */
#define BULK_CACHE_KIB 262144
/* person_search's pending terms kept in memory before they are written as
 * a segment (bytes; FTS5's default is 1 MiB): 200,000 people make about
 * 90 segments to merge with the default, a few with this. */
#define BULK_FTS_HASHSIZE (64LL << 20)
#define FTS_DEFAULT_HASHSIZE (1LL << 20)

static const char SQL_PEOPLE_COUNT[] = "SELECT count(*) FROM people";
static const char SQL_PHONES_COUNT[] = "SELECT count(*) FROM person_phones";
static const char SQL_MEMBERS_COUNT[] = "SELECT count(*) FROM memberships";

/* The indexes an import of people fills but never reads: the writing
 * inserts rows and looks up only primary keys (foreign keys) and the
 * indexes kept here (people_merged, person_phones_person,
 * memberships_person grow at their end: ids only increase). */
static const struct {
	const char *table, *name, *count_sql;
} bulk_indexes[] = {
	{ "people", "people_name", SQL_PEOPLE_COUNT },
	{ "people", "people_place", SQL_PEOPLE_COUNT },
	{ "people", "people_office", SQL_PEOPLE_COUNT },
	{ "people", "people_key", SQL_PEOPLE_COUNT },
	{ "people", "people_gender_age", SQL_PEOPLE_COUNT },
	{ "people", "people_gender_name", SQL_PEOPLE_COUNT },
	{ "person_phones", "person_phones_norm", SQL_PHONES_COUNT },
	{ "memberships", "memberships_org", SQL_MEMBERS_COUNT },
};

static const char SQL_INDEX_SQL[] =
	"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1 AND tbl_name = ?2";
static const char SQL_HAS_STAT1[] = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'";
static const char SQL_STAT1_GET[] = "SELECT stat FROM sqlite_stat1 WHERE tbl = ?1 AND idx = ?2";
static const char SQL_STAT1_PUT[] = "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?1, ?2, ?3)";
static const char SQL_FTS_HASHSIZE_GET[] = "SELECT v FROM person_search_config WHERE k = 'hashsize'";
static const char SQL_FTS_HASHSIZE_SET[] =
	"INSERT INTO person_search (person_search, rank) VALUES ('hashsize', ?1)";

/* The first column of the statement's row, copied; NULL when no row (or no
 * memory: the caller then leaves the index as it is). */
static char *first_text(sqlite3_stmt *st)
{
	if (db_row(st) != 1)
		return NULL;
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *s = t ? strdup((const char *)t) : NULL;
	sqlite3_reset(st);
	return s;
}

/* Runs a statement built here (an index's own CREATE text from the schema,
 * or DROP INDEX of a name of bulk_indexes): no values in it. */
static int exec(struct db *w, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db_handle(w), sql, NULL, NULL, &err) != SQLITE_OK) {
		log_error("import: %s: %s", err ? err : "?", sql);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Drops the indexes of bulk_indexes whose table holds at most twice the
 * rows the import adds (keeping their CREATE text and statistics in b).
 * Measured with 200,000 rows: an insert costs about 19 µs over the six
 * indexes, making them again about 6 µs per row of the table — into an
 * empty registry 2.6 s saved, into one of 206,019 people still 1.4 s; the
 * two costs meet near a registry 2.3 times the file. */
static int drop_indexes(struct db *w, size_t rows, struct import_bulk *b)
{
	int has_stat1 = db_int(w, 0, SQL_HAS_STAT1, "") > 0;
	for (size_t i = 0; i < sizeof bulk_indexes / sizeof *bulk_indexes; i++) {
		if (b->nidx >= IMPORT_BULK_MAX_INDEXES)
			break;
		long long have = db_int(w, -1, bulk_indexes[i].count_sql, "");
		if (have < 0 || (unsigned long long)have > 2 * rows)
			continue;  /* a registry much larger than the file: inserting costs less */
		char *sql = first_text(db_q(w, SQL_INDEX_SQL, "tt", bulk_indexes[i].name, bulk_indexes[i].table));
		if (!sql || strncmp(sql, "CREATE INDEX ", 13) != 0) {
			free(sql);  /* absent, or UNIQUE (a constraint is not dropped) */
			continue;
		}
		char *stat = has_stat1
			? first_text(db_q(w, SQL_STAT1_GET, "tt", bulk_indexes[i].table, bulk_indexes[i].name)) : NULL;
		char drop[96];
		snprintf(drop, sizeof drop, "DROP INDEX \"%s\"", bulk_indexes[i].name);
		if (exec(w, drop) < 0) {
			free(sql);
			free(stat);
			return -1;
		}
		b->idx[b->nidx].name = bulk_indexes[i].name;
		b->idx[b->nidx].table = bulk_indexes[i].table;
		b->idx[b->nidx].sql = sql;
		b->idx[b->nidx].stat = stat;
		b->nidx++;
	}
	return 0;
}

int import_bulk_begin(struct db *w, int people, size_t rows, struct import_bulk *b)
{
	memset(b, 0, sizeof *b);
	if (rows <= IMPORT_BULK_MIN_ROWS)
		return 0;
	b->cache = db_int(w, -2000, "PRAGMA cache_size", "");
	b->on = 1;
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", BULK_CACHE_KIB);
	if (exec(w, pragma) < 0)
		return -1;
	if (!people)
		return 0;
	long long hs = db_int(w, FTS_DEFAULT_HASHSIZE, SQL_FTS_HASHSIZE_GET, "");
	/* only faster: an SQLite whose FTS5 refuses it imports as before */
	if (hs < BULK_FTS_HASHSIZE && db_do(w, SQL_FTS_HASHSIZE_SET, "I", BULK_FTS_HASHSIZE) == 0)
		b->hashsize = hs;
	return drop_indexes(w, rows, b);
}

int import_bulk_end(struct db *w, struct import_bulk *b, int ok)
{
	int rc = 0;
	for (int i = 0; i < b->nidx; i++) {
		if (ok && rc == 0 && exec(w, b->idx[i].sql) < 0)
			rc = -1;
		if (ok && rc == 0 && b->idx[i].stat &&
		    db_do(w, SQL_STAT1_PUT, "ttt", b->idx[i].table, b->idx[i].name, b->idx[i].stat) < 0)
			rc = -1;
		free(b->idx[i].sql);
		free(b->idx[i].stat);
	}
	b->nidx = 0;
	/* the pending terms are written at the commit in any case; a
	 * transaction already rolled back (disk full…) took the setting with it */
	int in_tx = !sqlite3_get_autocommit(db_handle(w));
	if (b->hashsize && in_tx && db_do(w, SQL_FTS_HASHSIZE_SET, "I", b->hashsize) < 0 && ok)
		rc = -1;
	b->hashsize = 0;
	if (b->on) {
		char restore[64];
		snprintf(restore, sizeof restore, "PRAGMA cache_size = %lld", b->cache);
		exec(w, restore);
		b->on = 0;
	}
	return rc;
}
