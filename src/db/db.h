/* db — the one small API over SQLite.  Exactly one writer connection,
 * guarded by a mutex (Debian 12's SQLite 3.40 can corrupt a WAL database
 * when two connections write or checkpoint at once), and one read connection
 * per thread.  Statements are fixed SQL text with numbered binds `?1…?N`
 * (plain `?` still works, but not mixed with numbered ones), prepared once
 * per connection and cached by the address of their text.
 *
 * Binding uses a type string, one letter per bind number, in order:
 *   i int, I long long (int64), o long long where 0 binds NULL (an optional
 *   id), t const char * (NULL binds NULL), d double, b blob (const void *,
 *   int length), n NULL (no argument).
 * db_q refuses (logs the SQL text, returns NULL; aborts when built with
 * DAAM_DEBUG) a statement whose number of binds is not the number of
 * letters.  A failed prepare, bind or step logs SQLite's message and the
 * SQL text, never the bound values. */
#ifndef DAAM_DB_H
#define DAAM_DB_H
#include <stddef.h>
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

/* The one way to write.  db_write takes the writer (a mutex in the process,
 * an flock across processes), begins an IMMEDIATE transaction and runs
 * fn(w, arg).  fn does the change AND writes its audit entry (audit_write)
 * on w, so both are saved or neither.  fn returns:
 *   0    commit;
 *   > 0  refused (e.g. "validation failed, show the form again"): rolled back;
 *   < 0  the database failed: rolled back.
 * db_write returns 0 (committed), fn's positive code (rolled back), or -1
 * (begin, fn or the commit failed: nothing was saved).  The writer is
 * released in every case.  fn must not call db_write (-1).  Example:
 *
 *	struct rename { int64_t actor, id; const char *name; };
 *	static int rename_fn(struct db *w, void *arg)
 *	{
 *		const struct rename *a = arg;
 *		if (db_do(w, "UPDATE sectors SET name_ar = ?1 WHERE id = ?2", "tI", a->name, a->id) < 0)
 *			return -1;
 *		if (db_changes(w) != 1)
 *			return 1;  // no such sector
 *		return audit_write(w, a->actor, "update", "sector", a->id, "");
 *	}
 *	...
 *	int rc = db_write(rename_fn, &(struct rename){ actor, id, name });
 *	// rc 0: saved; 1: not found (404); -1: not saved (503)
 */
typedef int (*db_write_fn)(struct db *w, void *arg);
int db_write(db_write_fn fn, void *arg);

/* Copies the WAL into the database file and empties it (a TRUNCATE
 * checkpoint by the writer, under its lock): after a purge, so no page that
 * held erased data stays in the WAL.  0, or -1 (busy readers: the WAL is
 * emptied at a later checkpoint). */
int db_checkpoint(void);

/* Prepares (or takes from cache), resets and binds a statement.  NULL on error. */
sqlite3_stmt *db_q(struct db *d, const char *sql, const char *types, ...);
/* Steps: 1 for a row, 0 when done (statement reset), -1 on error (reset, logged). */
int db_row(sqlite3_stmt *st);
/* Runs a statement to completion; 0 or -1. */
int db_do(struct db *d, const char *sql, const char *types, ...);
/* Runs a query whose first row's first column is an integer; dflt if no row. */
long long db_int(struct db *d, long long dflt, const char *sql, const char *types, ...);
/* Runs a query and copies its first row's first column (as text) into out,
 * replacing what out held; 0, or -1 when there is no row (out untouched). */
struct strbuf;
int db_str(struct db *d, struct strbuf *out, const char *sql, const char *types, ...);
int64_t db_last_id(struct db *d);
int db_changes(struct db *d);
sqlite3 *db_handle(struct db *d);
/* Copies column text into the arena-less caller buffer semantics: returns
 * the text of column col ("" for NULL); valid until the next step. */
const char *db_text(sqlite3_stmt *st, int col);

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
/* An encrypted backup (backup_file.h) of the open database to dest, via a
 * snapshot beside the database and "dest.partial"; kdf NULL for daam's
 * defaults.  0 or -1; *status says what failed in the encryption. */
struct backup_kdf;
int db_backup_encrypted(const char *dest, const char *passphrase, const struct backup_kdf *kdf, int *status);
/* Decrypts and authenticates the backup src into a new temporary file
 * beside the database path near (its name in tmp); a backup_status
 * (BACKUP_OK: the caller restores tmp with db_restore and removes it;
 * otherwise no file is left). */
int db_backup_decrypt(const char *src, const char *passphrase, const char *near, char *tmp, size_t size);
/* "ok" or the first problem PRAGMA integrity_check reports (static buffer). */
const char *db_integrity(sqlite3 *h);
#endif
