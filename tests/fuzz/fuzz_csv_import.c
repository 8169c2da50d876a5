/*
 * fuzz_csv_import — libFuzzer target for the CSV import's reading and
 * validation (src/registry/import.c) as a dry run: import_load, the header
 * mapping and import_check against a small database made once at start
 * (places, sectors, one organization, one person); import_commit is never
 * called, so no input writes anything.
 *
 * Input: byte 0 chooses the kind (bit 0: organizations) and duplicate flags
 * (bit 1); bit 2 keeps the mapping guessed from the header, otherwise bytes
 * 1..8 map columns 0..7 to fields (value modulo the number of fields + 1,
 * 0 ignoring the column); the rest is the file.  Besides memory errors and
 * undefined behaviour, the target checks the report's invariants: every
 * issue points inside the table, the counts add up.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "registry/import.h"
#include "registry/registry.h"
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

/* The small database every input is checked against. */
static int fixtures_fn(struct db *w, void *arg)
{
	(void)arg;
	int ok = db_do(w, "INSERT INTO offices (code, name_ar, name_en, created_at) VALUES ('raqqa', 'الرقة', 'Raqqa', 0)", "") == 0 &&
		 db_do(w, "INSERT INTO orgs (name_ar, name_en, office_id, created_at) VALUES ('جمعية الفرات', 'Euphrates', 1, 0)", "") == 0;
	struct person_in p = { 0 };
	p.name_ar = "محمد أحمد العلي";
	p.name_latin = p.gender = p.displacement = p.education = p.consent_date = p.consent_purpose = "";
	p.phones[0] = "0944123456";
	p.birth_year = 1990;
	ok = ok && person_save(w, -1, 0, &p) > 0;
	return ok ? 0 : -1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char path[128];
	snprintf(dir, sizeof dir, "/tmp/daam-fuzz-csv-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/f.db", dir);
	if (i18n_init() < 0 || db_open(path) < 0)
		abort();
	atexit(cleanup);
	i18n_set_lang(LANG_EN);
	if (db_write(fixtures_fn, NULL) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 9)
		return 0;
	enum import_kind kind = data[0] & 1 ? IMPORT_ORGS : IMPORT_PEOPLE;
	struct import_job j;
	int loaded = import_load(&j, kind, (const char *)data + 9, size - 9);
	if (loaded < 0) {
		if (!j.fatal)
			abort();
		import_free(&j);
		return 0;
	}
	if (j.fatal || j.ncols < 1 || j.ncols > LIMIT_IMPORT_COLUMNS || j.nrows < 1)
		abort();
	import_guess_map(&j);
	if (!(data[0] & 4)) {
		int nf = import_nfields(kind);
		for (int c = 0; c < 8 && c < j.ncols; c++) {
			int f = data[1 + c] % (nf + 1) - 1;
			if (import_map_column(&j, c, f < 0 ? "" : import_fields(kind)[f].key) < 0)
				abort();
		}
	}
	struct import_ctx ctx = { (data[0] & 8) ? 1 : 0, (data[0] & 2) != 0, NULL, NULL, NULL, 0 };
	long errors = import_check(&j, db_read(), &ctx);
	if (errors >= 0) {
		if ((size_t)errors != j.nerrors || j.nissues > j.nerrors + j.nwarnings)
			abort();
		int mapping_problem = 0;
		for (size_t i = 0; i < j.nissues; i++) {
			const struct import_issue *is = &j.issues[i];
			if (is->row < 0 || is->row > (long)j.nrows + 1 || is->col < -1 || is->col >= j.ncols || !is->msgid)
				abort();
			if (is->row == 0)
				mapping_problem = 1;
			if (is->row > 1 && is->col >= 0)
				(void)strlen(import_cell(&j, (size_t)(is->row - 2), is->col));
			if (i && is->row < j.issues[i - 1].row)
				abort(); /* the report is in row order */
		}
		if (!mapping_problem && j.nready + j.nerror_rows + j.nempty != j.nrows)
			abort();
	}
	for (int c = 0; c < j.ncols; c++)
		(void)strlen(import_header(&j, c));
	import_free(&j);
	return 0;
}
