/*
 * fuzz_places_import — libFuzzer target for `daam places import`
 * (src/registry/places_import.c) as a dry run: the whole input is the CSV,
 * read, checked and written inside a transaction that is rolled back, on a
 * database made once at start (the places seeded by the migrations).
 * Besides memory errors and undefined behaviour, the target checks the
 * result's invariants: a refused file says why, an accepted one counts
 * every unit once (new + updated + unchanged = units) and the database
 * holds the same places afterwards.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "registry/places_import.h"
#include "core/i18n.h"
#include "db/db.h"

static char dir[64];

static void cleanup(void)
{
	char path[128];
	const char *files[] = { "f.db", "f.db-wal", "f.db-shm", "f.db.lock" };
	db_close();
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char path[128];
	snprintf(dir, sizeof dir, "/tmp/daam-fuzz-places-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/f.db", dir);
	if (i18n_init() < 0 || db_open(path) < 0)
		abort();
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long long before = db_int(db_read(), -1, "SELECT count(*) FROM places", "");
	struct places_import_result res;
	int rc = places_import((const char *)data, size, 1, "fuzz.csv", &res);
	if (rc < 0)
		abort();   /* the database never fails here */
	if (rc > 0 && !res.error[0])
		abort();
	if (rc == 0 && res.added + res.updated + res.unchanged != res.units)
		abort();
	if (db_int(db_read(), -1, "SELECT count(*) FROM places", "") != before)
		abort();
	return 0;
}
