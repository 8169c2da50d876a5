/* migrate — applies the numbered SQL files of migrations/ embedded in the
 * binary ("migrations/NNN_name.sql"), each once, in order, inside the
 * writer's transaction, recording them in schema_migrations.  A database
 * that a newer daam has migrated further is refused, untouched: this daam
 * cannot know what the newer tables mean.  Migrations run with foreign
 * keys off (SQLite's procedure to make a table again: its rows are copied,
 * the old table dropped and the new one renamed), and are refused when
 * the references no longer hold afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "db/db_internal.h"
#include "core/log.h"
#include "embedded.h"
#include "core/banned.h"

static const char SQL_CREATE[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";
static const char SQL_HAS[] = "SELECT 1 FROM schema_migrations WHERE version = ?1";
static const char SQL_ADD[] =
	"INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, strftime('%s','now'))";

/* The number of a migration's file name, or 0 when it is not a migration. */
static long migration_number(const char *name)
{
	if (strncmp(name, "migrations/", 11) != 0)
		return 0;
	long v = strtol(name + 11, NULL, 10);
	return v > 0 ? v : -1;
}

long db_schema_known(void)
{
	long max = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		long v = migration_number(embedded_files[i].name);
		if (v > max)
			max = v;
	}
	return max;
}

long db_schema_version(sqlite3 *h)
{
	sqlite3_stmt *st;
	long v = 0;
	/* no table yet (a new file) prepares with an error: version 0 */
	if (sqlite3_prepare_v2(h, "SELECT max(version) FROM schema_migrations", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int db_schema_check(sqlite3 *h)
{
	long have = db_schema_version(h), known = db_schema_known();
	if (have <= known)
		return 0;
	log_error("this database was made by a newer daam (schema %ld, this daam knows up to %ld); "
		  "use that version or a newer one", have, known);
	return -1;
}

int db_schema_check_file(const char *path)
{
	sqlite3 *h = NULL;
	int rc = 0;
	/* no pragma, no write, so not even the journal mode changes (read-write
	 * only so that closing removes the WAL files a read-only connection
	 * would leave); a file that does not exist yet or cannot be opened is
	 * left to the writer to report */
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
		rc = db_schema_check(h);
	sqlite3_close(h);
	return rc;
}

int db_migrate(struct db *w)
{
	if (db_schema_check(db_handle(w)) < 0)
		return -1;
	if (db_do(w, SQL_CREATE, "") < 0)
		return -1;
	int applied = 0;
	/* embedded files are listed in name order, so migrations come sorted */
	for (size_t i = 0; i < embedded_count; i++) {
		const char *name = embedded_files[i].name;
		long version = migration_number(name);
		if (version == 0)
			continue;
		if (version < 0) {
			log_error("migration %s has no number", name);
			return -1;
		}
		if (db_int(w, 0, SQL_HAS, "I", (long long)version))
			continue;
		char *err = NULL;
		if (sqlite3_exec(db_handle(w), (const char *)embedded_files[i].data, NULL, NULL, &err) != SQLITE_OK) {
			log_error("migration %s failed: %s", name, err ? err : "?");
			sqlite3_free(err);
			return -1;
		}
		if (db_do(w, SQL_ADD, "It", (long long)version, name + 11) < 0)
			return -1;
		applied++;
	}
	/* foreign keys are off while migrating (db_open, restore): what the
	 * migrations left must still hold them */
	if (applied && db_int(w, 0, "SELECT count(*) FROM pragma_foreign_key_check", "") != 0) {
		log_error("the migrations left rows whose references point nowhere; nothing was changed");
		return -1;
	}
	return applied;
}
