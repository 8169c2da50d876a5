/* migrate — applies the numbered SQL files of migrations/ embedded in the
 * binary ("migrations/NNN_name.sql"), each once, in order, inside the
 * writer's transaction, recording them in schema_migrations. */
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

int db_migrate(struct db *w)
{
	if (db_do(w, SQL_CREATE, "") < 0)
		return -1;
	int applied = 0;
	/* embedded files are listed in name order, so migrations come sorted */
	for (size_t i = 0; i < embedded_count; i++) {
		const char *name = embedded_files[i].name;
		if (strncmp(name, "migrations/", 11) != 0)
			continue;
		long version = strtol(name + 11, NULL, 10);
		if (version <= 0) {
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
	return applied;
}
