/* db — SQLite connections, the statement cache, binds, the writer lock
 * (see db.h).  The writer lock is a mutex inside the process and an flock on
 * "<db>.lock" across processes, so `daam user add` run beside a serving
 * daam never writes at the same moment.  Readers open read-only and so never
 * checkpoint; only the writer does. */
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "db/db.h"
#include "core/strbuf.h"
#include "db/db_internal.h"
#include "core/log.h"
#include "core/banned.h"

#define STMT_SLOTS 1024
/* Each reader connection's page cache (KiB, as PRAGMA cache_size=-N) and
 * memory map (bytes): SQLite's default 2 MB cache held a sixth of a 131 MB
 * database; see docs/architecture.md for the measurements behind these. */
#ifndef DB_READER_CACHE_KIB   /* overridable to measure other sizes (-D…) */
#define DB_READER_CACHE_KIB "16384"
#endif
#ifndef DB_READER_MMAP_BYTES
#define DB_READER_MMAP_BYTES "268435456"
#endif

/* nbinds: the statement's bind count, or -1 when its binds mix `?` and
 * `?N` or skip a number (refused: the type string could not describe them) */
struct db {
	sqlite3 *h;
	struct { const char *sql; sqlite3_stmt *st; int nbinds; } cache[STMT_SLOTS];
};

static char *db_file;
static struct db *writer;
static int lock_fd = -1;
static pthread_mutex_t writer_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread struct db *reader;
static __thread int in_write;   /* this thread holds the writer (db_write is not re-entrant) */

const char *db_path(void)
{
	return db_file;
}

sqlite3 *db_handle(struct db *d)
{
	return d->h;
}

static struct db *conn_open(const char *path, int readonly)
{
	struct db *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &d->h, flags, NULL) != SQLITE_OK) {
		log_error("cannot open database %s: %s", path, d->h ? sqlite3_errmsg(d->h) : "out of memory");
		sqlite3_close(d->h);
		free(d);
		return NULL;
	}
	sqlite3_busy_timeout(d->h, 10000);
	sqlite3_extended_result_codes(d->h, 1);
	/* readers: a 16 MiB page cache and a 256 MiB memory map (the sizes and
	 * what they cost are in docs/architecture.md, "The readers' cache") */
	const char *pragmas = readonly
		? "PRAGMA query_only=1; PRAGMA foreign_keys=ON; PRAGMA cache_size=-" DB_READER_CACHE_KIB ";"
		  " PRAGMA mmap_size=" DB_READER_MMAP_BYTES ";"
		: "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
	char *err = NULL;
	if (sqlite3_exec(d->h, pragmas, NULL, NULL, &err) != SQLITE_OK) {
		log_error("database %s: %s", path, err ? err : "?");
		sqlite3_free(err);
		sqlite3_close(d->h);
		free(d);
		return NULL;
	}
	return d;
}

static void conn_close(struct db *d)
{
	if (!d)
		return;
	for (int i = 0; i < STMT_SLOTS; i++)
		sqlite3_finalize(d->cache[i].st);
	sqlite3_close(d->h);
	free(d);
}

static int migrate_all(struct db *w, void *arg)
{
	return db_migrate(w) < 0 ? -1 : 0;
}

int db_open(const char *path)
{
	db_file = strdup(path);
	char lockpath[4096];
	snprintf(lockpath, sizeof lockpath, "%s.lock", path);
	lock_fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock_fd < 0) {
		log_error("cannot open %s (is the folder writable?)", lockpath);
		return -1;
	}
	if (db_schema_check_file(path) < 0)
		return -1;
	writer = conn_open(path, 0);
	if (!writer)
		return -1;
	/* migrations may make a table again: foreign keys off meanwhile
	 * (db_migrate checks them before its commit) */
	sqlite3_exec(writer->h, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
	int rc = db_write(migrate_all, NULL);
	sqlite3_exec(writer->h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	return rc == 0 ? 0 : -1;
}

void db_close(void)
{
	db_thread_done();
	/* keep the planner's statistics fresh (cheap; SQLite decides what to analyze) */
	if (writer)
		sqlite3_exec(writer->h, "PRAGMA optimize", NULL, NULL, NULL);
	conn_close(writer);
	writer = NULL;
	if (lock_fd >= 0)
		close(lock_fd);
	lock_fd = -1;
	free(db_file);
	db_file = NULL;
}

struct db *db_read(void)
{
	if (!reader && db_file)
		reader = conn_open(db_file, 1);
	return reader;
}

void db_thread_done(void)
{
	conn_close(reader);
	reader = NULL;
}

struct db *db_write_begin(void)
{
	if (!writer)
		return NULL;
	pthread_mutex_lock(&writer_mutex);
	if (flock(lock_fd, LOCK_EX) < 0) {
		pthread_mutex_unlock(&writer_mutex);
		return NULL;
	}
	if (db_do(writer, "BEGIN IMMEDIATE", "") < 0) {
		flock(lock_fd, LOCK_UN);
		pthread_mutex_unlock(&writer_mutex);
		return NULL;
	}
	return writer;
}

int db_write_end(struct db *w, int ok)
{
	int rc = 0;
	if (ok && db_do(w, "COMMIT", "") < 0)
		ok = 0;
	if (!ok) {
		rc = -1;
		/* a failed COMMIT leaves the transaction open; some errors (disk
		 * full, I/O) have already rolled it back */
		if (!sqlite3_get_autocommit(w->h))
			db_do(w, "ROLLBACK", "");
	}
	flock(lock_fd, LOCK_UN);
	pthread_mutex_unlock(&writer_mutex);
	return rc;
}

int db_write(db_write_fn fn, void *arg)
{
	if (in_write) {
		/* the writer's mutex is not recursive: this would wait forever */
		log_error("db_write called inside db_write");
#ifdef DAAM_DEBUG
		abort();
#endif
		return -1;
	}
	struct db *w = db_write_begin();
	if (!w)
		return -1;
	in_write = 1;
	int rc = fn(w, arg);
	in_write = 0;
	if (db_write_end(w, rc == 0) < 0 && rc == 0)
		rc = -1;
	return rc < 0 ? -1 : rc;
}

int db_checkpoint(void)
{
	if (!writer || in_write)
		return -1;
	pthread_mutex_lock(&writer_mutex);
	int rc = -1;
	if (flock(lock_fd, LOCK_EX) == 0) {
		rc = sqlite3_wal_checkpoint_v2(writer->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) == SQLITE_OK ? 0 : -1;
		flock(lock_fd, LOCK_UN);
	}
	pthread_mutex_unlock(&writer_mutex);
	return rc;
}

/* Counts a new statement's binds: all `?` or all numbered `?1…?N` without a
 * gap (SQLite names numbered ones "?N" and leaves plain `?` and the numbers
 * skipped without a name).  -1 for a mix or a gap. */
static int count_binds(sqlite3_stmt *st)
{
	int n = sqlite3_bind_parameter_count(st), named = 0;
	for (int i = 1; i <= n; i++)
		named += sqlite3_bind_parameter_name(st, i) != NULL;
	return named == 0 || named == n ? n : -1;
}

/* Logs a failed statement: what SQLite says and the SQL text (never the
 * bound values, which may be personal data). */
static void log_sql_error(const char *what, sqlite3 *h, const char *sql)
{
	log_error("sql %s: %s: %s", what, sqlite3_errmsg(h), sql);
}

/* Finds or prepares the cached statement for sql (keyed by its address);
 * *nbinds receives its bind count (see struct db). */
static sqlite3_stmt *stmt_get(struct db *d, const char *sql, int *nbinds)
{
	uintptr_t h = ((uintptr_t)sql >> 3) * 2654435761u;
	for (int probe = 0; probe < STMT_SLOTS; probe++) {
		int i = (int)((h + (uintptr_t)probe) % STMT_SLOTS);
		if (d->cache[i].sql == sql) {
			*nbinds = d->cache[i].nbinds;
			return d->cache[i].st;
		}
		if (!d->cache[i].sql) {
			sqlite3_stmt *st = NULL;
			if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
				log_sql_error("prepare", d->h, sql);
				return NULL;
			}
			d->cache[i].sql = sql;
			d->cache[i].st = st;
			d->cache[i].nbinds = *nbinds = count_binds(st);
			return st;
		}
	}
	log_error("statement cache full");
	return NULL;
}

/* A programmer's error in a statement's binds: logged, and fatal in a debug build. */
static sqlite3_stmt *binds_refused(const char *sql, const char *types, int nbinds)
{
	if (nbinds < 0)
		log_error("sql binds: mixes ? and ?N or skips a number: %s", sql);
	else
		log_error("sql binds: %d in the type string \"%s\", %d in the statement: %s", (int)strlen(types),
			  types, nbinds, sql);
#ifdef DAAM_DEBUG
	abort();
#endif
	return NULL;
}

static sqlite3_stmt *db_vq(struct db *d, const char *sql, const char *types, va_list ap)
{
	if (!d)
		return NULL;
	int nbinds;
	sqlite3_stmt *st = stmt_get(d, sql, &nbinds);
	if (!st)
		return NULL;
	if (nbinds < 0 || (size_t)nbinds != strlen(types))
		return binds_refused(sql, types, nbinds);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	int idx = 1, rc = SQLITE_OK;
	for (const char *t = types; *t && rc == SQLITE_OK; t++, idx++) {
		switch (*t) {
		case 'i': rc = sqlite3_bind_int(st, idx, va_arg(ap, int)); break;
		case 'I': rc = sqlite3_bind_int64(st, idx, va_arg(ap, long long)); break;
		case 'o': {
			long long v = va_arg(ap, long long);
			rc = v ? sqlite3_bind_int64(st, idx, v) : sqlite3_bind_null(st, idx);
			break;
		}
		case 'd': rc = sqlite3_bind_double(st, idx, va_arg(ap, double)); break;
		case 'n': rc = sqlite3_bind_null(st, idx); break;
		case 't': {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			int n = va_arg(ap, int);
			rc = sqlite3_bind_blob(st, idx, p, n, SQLITE_TRANSIENT);
			break;
		}
		default:
			log_error("db_q: unknown bind type '%c': %s", *t, sql);
#ifdef DAAM_DEBUG
			abort();
#endif
			return NULL;
		}
	}
	if (rc != SQLITE_OK) {
		log_sql_error("bind", d->h, sql);
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_q(struct db *d, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = db_vq(d, sql, types, ap);
	va_end(ap);
	return st;
}

int db_row(sqlite3_stmt *st)
{
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		log_sql_error("step", sqlite3_db_handle(st), sqlite3_sql(st));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int db_do(struct db *d, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = db_vq(d, sql, types, ap);
	va_end(ap);
	int rc;
	while ((rc = db_row(st)) == 1)
		;
	return rc;
}

long long db_int(struct db *d, long long dflt, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = db_vq(d, sql, types, ap);
	va_end(ap);
	long long v = dflt;
	if (db_row(st) == 1) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			v = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return v;
}

int db_str(struct db *d, struct strbuf *out, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = db_vq(d, sql, types, ap);
	va_end(ap);
	if (db_row(st) != 1)
		return -1;
	sb_reset(out);
	sb_adds(out, db_text(st, 0));
	sqlite3_reset(st);
	return 0;
}

int64_t db_last_id(struct db *d)
{
	return sqlite3_last_insert_rowid(d->h);
}

int db_changes(struct db *d)
{
	return sqlite3_changes(d->h);
}

const char *db_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

const char *db_integrity(sqlite3 *h)
{
	static __thread char result[256];
	sqlite3_stmt *st;
	snprintf(result, sizeof result, "integrity check could not run");
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return result;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(result, sizeof result, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return result;
}
