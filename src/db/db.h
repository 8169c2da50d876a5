/* db — the one small API over SQLite.  Exactly one writer connection,
 * guarded by a mutex (Debian 12's SQLite 3.40 can corrupt a WAL database
 * when two connections write or checkpoint at once), and one read connection
 * per thread.  Statements are fixed SQL text with `?` binds, prepared once per
 * connection and cached by the address of their text.
 *
 * Binding uses a type string, one letter per `?`:
 *   i int, I long long (int64), t const char * (NULL binds NULL),
 *   d double, b blob (const void *, int length), n NULL (no argument). */
#ifndef DAAM_DB_H
#define DAAM_DB_H
#include <stdint.h>
#include <sqlite3.h>

struct db;

/* Opens (creating if needed) the database file and applies migrations.
 * Returns 0, or -1 with a message on stderr. */
int db_open(const char *path);
void db_close(void);
const char *db_path(void);

/* This thread's read connection (opened on first use). */
struct db *db_read(void);
/* Closes this thread's read connection (call before a thread ends). */
void db_thread_done(void);

/* Takes the writer and starts an IMMEDIATE transaction; NULL on failure. */
struct db *db_write_begin(void);
/* Commits when ok, else rolls back; releases the writer. Returns 0 or -1
 * (the commit failed: nothing was saved). */
int db_write_end(struct db *w, int ok);

/* Prepares (or takes from cache), resets and binds a statement.  NULL on error. */
sqlite3_stmt *db_q(struct db *d, const char *sql, const char *types, ...);
/* Steps: 1 for a row, 0 when done (statement reset), -1 on error (reset, logged). */
int db_row(sqlite3_stmt *st);
/* Runs a statement to completion; 0 or -1. */
int db_do(struct db *d, const char *sql, const char *types, ...);
/* Runs a query whose first row's first column is an integer; dflt if no row. */
long long db_int(struct db *d, long long dflt, const char *sql, const char *types, ...);
int64_t db_last_id(struct db *d);
int db_changes(struct db *d);
sqlite3 *db_handle(struct db *d);
/* Copies column text into the arena-less caller buffer semantics: returns
 * the text of column col ("" for NULL); valid until the next step. */
const char *db_text(sqlite3_stmt *st, int col);

/* Migrations embedded in the binary: applies the missing ones.  Returns the
 * number applied, or -1 (also for a database a newer daam has migrated:
 * see db_schema_check). */
int db_migrate(struct db *w);
/* The newest migration embedded in this daam. */
long db_schema_known(void);
/* The newest migration recorded in a database (0 for a new file). */
long db_schema_version(sqlite3 *h);
/* 0, or -1 with a message in the log when the database was made by a newer
 * daam (its schema is past db_schema_known()); changes nothing. */
int db_schema_check(sqlite3 *h);
/* The same for a database file, opened without writing to it (db_open calls it before
 * its writer may switch the file to WAL). */
int db_schema_check_file(const char *path);
/* Online backup to path (via a temporary file renamed into place). 0 or -1. */
int db_backup(const char *dest_path);
/* Checks src's integrity, then copies it over the open database. 0 or -1. */
int db_restore(const char *src_path);
/* "ok" or the first problem PRAGMA integrity_check reports (static buffer). */
const char *db_integrity(sqlite3 *h);
#endif
