/* backup — consistent copies with SQLite's online backup API.  A backup is
 * written to "FILE.partial", checked, synced and renamed over FILE, so a
 * backup killed midway leaves the previous FILE intact.  A restore checks
 * the source's integrity before anything is replaced.  An encrypted backup
 * (backup_file.h) is a snapshot taken into a temporary file beside the
 * database, then encrypted chunk by chunk into "FILE.partial"; its restore
 * decrypts into a temporary file beside the database, which db_restore then
 * checks like a plain one. */
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db/db.h"
#include "db/db_internal.h"
#include "db/backup_file.h"
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

/* Copies the open database into path (a new or empty file): one snapshot,
 * in rollback-journal mode, integrity checked.  0 or -1 (logged). */
static int snapshot_to(const char *path)
{
	int rc = -1;
	sqlite3 *src = NULL, *dst = NULL;
	if (sqlite3_open_v2(db_path(), &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
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
	if (sqlite3_close(dst) != SQLITE_OK) {
		log_error("backup: cannot write the copy");
		goto out;
	}
	dst = NULL;
	rc = 0;
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc;
}

/* Makes tmp ("PATH.partial") durable and renames it over path. */
static int publish(const char *tmp, const char *dest)
{
	if (fsync_path(tmp, 0) < 0 || rename(tmp, dest) < 0) {
		log_error("backup: cannot write %s", dest);
		return -1;
	}
	char *dcopy = strdup(dest);
	if (dcopy) {
		fsync_path(dirname(dcopy), 1);
		free(dcopy);
	}
	return 0;
}

int db_backup(const char *dest)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.partial", dest) >= (int)sizeof tmp)
		return -1;
	unlink(tmp);
	int rc = snapshot_to(tmp);
	if (rc == 0)
		rc = publish(tmp, dest);
	if (rc < 0)
		unlink(tmp);
	return rc;
}

/* A new empty file beside the database near, named NEAR.WHAT- and six random
 * characters (mkostemp fills the template's six X), mode 0600;
 * its name in out.  0 or -1. */
static int temp_beside(const char *near, const char *what, char *out, size_t size)
{
	/* "XXXXXX" is mkostemp's template: it puts a unique suffix there */
	if (snprintf(out, size, "%s.%s-XXXXXX", near, what) >= (int)size)
		return -1;
	int fd = mkostemp(out, O_CLOEXEC);
	if (fd < 0) {
		log_error("backup: cannot create a temporary file beside %s", near);
		return -1;
	}
	close(fd);
	return 0;
}

int db_backup_encrypted(const char *dest, const char *passphrase, const struct backup_kdf *kdf, int *status)
{
	char snap[4096], tmp[4096];
	int rc = -1, fd = -1;
	FILE *in = NULL, *out = NULL;
	*status = BACKUP_OK;
	if (snprintf(tmp, sizeof tmp, "%s.partial", dest) >= (int)sizeof tmp)
		return -1;
	unlink(tmp);
	/* the plaintext snapshot lives beside the database (its disk, its
	 * permissions), never beside the backup, and only until it is open */
	if (temp_beside(db_path(), "backup", snap, sizeof snap) < 0)
		return -1;
	if (snapshot_to(snap) < 0 || !(in = fopen(snap, "rbe"))) {
		unlink(snap);
		goto out;
	}
	unlink(snap);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || !(out = fdopen(fd, "wb"))) {
		log_error("backup: cannot write %s", tmp);
		goto out;
	}
	fd = -1;
	*status = backup_encrypt(in, out, passphrase, kdf);
	if (*status != BACKUP_OK) {
		log_error("backup: %s", backup_strerror(*status));
		goto out;
	}
	if (fsync(fileno(out)) < 0 || fclose(out) != 0) {
		out = NULL;
		log_error("backup: cannot write %s", tmp);
		goto out;
	}
	out = NULL;
	rc = publish(tmp, dest);
out:
	if (fd >= 0)
		close(fd);
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	if (rc < 0)
		unlink(tmp);
	return rc;
}

int db_backup_decrypt(const char *src, const char *passphrase, const char *near, char *tmp, size_t size)
{
	FILE *in = fopen(src, "rbe");
	if (!in)
		return BACKUP_ERR_IO;
	if (temp_beside(near, "restore", tmp, size) < 0) {
		fclose(in);
		return BACKUP_ERR_IO;
	}
	FILE *out = fopen(tmp, "wbe");
	int st = out ? backup_decrypt(in, out, passphrase) : BACKUP_ERR_IO;
	fclose(in);
	if (out && fclose(out) != 0 && st == BACKUP_OK)
		st = BACKUP_ERR_IO;
	if (st != BACKUP_OK) {
		unlink(tmp);
		tmp[0] = 0;
	}
	return st;
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
