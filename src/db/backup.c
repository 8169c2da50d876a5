/* backup — consistent copies with SQLite's online backup API.  A backup is
 * written to "FILE.partial", checked, synced and renamed over FILE, so a
 * backup killed midway leaves the previous FILE intact.  A restore checks
 * the source's integrity before anything is replaced. */
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db/db.h"
#include "db/db_internal.h"
#include "core/log.h"
#include "core/banned.h"

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* Copies all of src into dst with the backup API in one step (one snapshot). */
static int copy_db(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		log_error("backup: %s", sqlite3_errmsg(dst));
		return -1;
	}
	int rc;
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		log_error("backup: %s", sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

int db_backup(const char *dest)
{
	char tmp[4096];
	int rc = -1;
	sqlite3 *src = NULL, *dst = NULL;
	if (snprintf(tmp, sizeof tmp, "%s.partial", dest) >= (int)sizeof tmp)
		return -1;
	unlink(tmp);
	if (sqlite3_open_v2(db_path(), &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		log_error("backup: cannot open %s", sqlite3_errmsg(dst ? dst : src));
		goto out;
	}
	sqlite3_busy_timeout(src, 10000);
	if (copy_db(dst, src) < 0)
		goto out;
	/* a backup is one self-contained file: no WAL beside it */
	sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	const char *ic = db_integrity(dst);
	if (strcmp(ic, "ok") != 0) {
		log_error("backup: the copy failed its integrity check: %s", ic);
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	if (fsync_path(tmp, 0) < 0 || rename(tmp, dest) < 0) {
		log_error("backup: cannot write %s", dest);
		goto out;
	}
	char *dcopy = strdup(dest);
	if (dcopy) {
		fsync_path(dirname(dcopy), 1);
		free(dcopy);
	}
	rc = 0;
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	if (rc < 0)
		unlink(tmp);
	return rc;
}

int db_restore(const char *src_path)
{
	sqlite3 *src = NULL;
	int rc = -1;
	if (access(src_path, R_OK) < 0) {
		log_error("restore: cannot read %s", src_path);
		return -1;
	}
	if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		log_error("restore: %s is not a database", src_path);
		goto out;
	}
	const char *ic = db_integrity(src);
	if (strcmp(ic, "ok") != 0) {
		log_error("restore: %s failed its integrity check (%s); nothing was changed", src_path, ic);
		goto out;
	}
	sqlite3_stmt *st;
	int has_schema = 0;
	if (sqlite3_prepare_v2(src, "SELECT count(*) FROM schema_migrations", -1, &st, NULL) == SQLITE_OK) {
		has_schema = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
		sqlite3_finalize(st);
	}
	if (!has_schema) {
		log_error("restore: %s is not a daam database; nothing was changed", src_path);
		goto out;
	}
	if (db_schema_check(src) < 0) {
		log_error("restore: %s was not restored; nothing was changed", src_path);
		goto out;
	}
	struct db *w = db_write_begin();
	if (!w)
		goto out;
	/* the backup API needs no open transaction on the destination; the
	 * writer stays taken throughout (db_write_end releases it) */
	db_do(w, "ROLLBACK", "");
	rc = copy_db(db_handle(w), src);
	/* the restored file may need migrations: foreign keys off meanwhile, as
	 * in db_open */
	sqlite3_exec(db_handle(w), "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
	if (rc == 0 && (db_do(w, "BEGIN IMMEDIATE", "") < 0 || db_migrate(w) < 0))
		rc = -1;
	if (db_write_end(w, rc == 0) < 0)
		rc = -1;
	sqlite3_exec(db_handle(w), "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
out:
	sqlite3_close(src);
	return rc;
}
