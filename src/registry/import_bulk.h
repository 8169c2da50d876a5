/* import_bulk — the writer set up for a big import and put back after it
 * (used by import_commit, inside its write transaction):
 *  - a page cache that holds the indexes being filled;
 *  - for people: the search index's pending terms kept in memory longer
 *    (fewer segments written and merged);
 *  - for people into a registry at most twice the file: the indexes the
 *    writing never reads (the lists', the phonetic key's, the phone's, the
 *    organization's members') dropped, and made again from the rows before
 *    the commit — sorting 200,000 rows once is about three times cheaper
 *    than 200,000 inserts at random places of each index.
 * The drop and the creation are in the import's transaction: readers keep
 * seeing the indexes (WAL: their snapshot is the last commit, schema
 * included) and a failed or cancelled import, rolled back, leaves them as
 * they were.  The planner's statistics of a dropped index (sqlite_stat1),
 * if any, are put back with it. */
#ifndef DAAM_IMPORT_BULK_H
#define DAAM_IMPORT_BULK_H

#include <stddef.h>
#include "db/db.h"

/* Rows an import writes at least for import_bulk_begin to change anything. */
#define IMPORT_BULK_MIN_ROWS 10000
#define IMPORT_BULK_MAX_INDEXES 12

struct import_bulk {
	int on;               /* the cache was raised (and must be put back) */
	long long cache;      /* the writer's cache_size before */
	long long hashsize;   /* person_search's hashsize before; 0: unchanged */
	int nidx;             /* indexes dropped, to make again */
	struct { const char *name; const char *table; char *sql; char *stat; } idx[IMPORT_BULK_MAX_INDEXES];
};

/* Sets the writer up for an import of rows records (people when people is
 * 1, else organizations) inside the write transaction of w.  0, or -1 when
 * a statement failed (the caller rolls back; import_bulk_end still runs). */
int import_bulk_begin(struct db *w, int people, size_t rows, struct import_bulk *b);

/* Makes the dropped indexes again when ok (before the commit), puts the
 * writer's settings back, frees b.  0, or -1 when an index could not be
 * made (the caller rolls back).  When !ok the caller rolls back anyway:
 * the indexes come back with the rollback. */
int import_bulk_end(struct db *w, struct import_bulk *b, int ok);

#endif
