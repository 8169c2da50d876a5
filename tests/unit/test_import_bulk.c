/* test_import_bulk — a big people import (src/registry/import_bulk.c) drops
 * the indexes it fills but never reads when the registry is at most twice
 * the file, and makes them again before its commit: afterwards the schema
 * is as before (the same CREATE texts, the planner's statistics kept) and
 * the indexes hold every row (integrity_check); while it writes, a reader
 * still sees the indexes and the rows of the last commit; a cancelled or a
 * failed import leaves the indexes and the search settings as they were;
 * into a registry more than twice the file the indexes are kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "registry/import.h"
#include "registry/import_bulk.h"
#include "registry/registry.h"
#include "core/i18n.h"
#include "core/namematch.h"
#include "core/strbuf.h"
#include "db/db.h"
#include "core/banned.h"

static char dir[64];
static char dbpath[128];

/* The first column of sql's first row on h (-1 when none).  Prepared here,
 * not through db_q (which caches statements by the address of their text). */
static long long count_on(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static long long count(const char *sql)
{
	return count_on(db_handle(db_read()), sql);
}

/* Every index of the three tables an import of people fills, with its
 * CREATE text, in name order: "name|sql;…" (caller frees). */
static char *indexes(void)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db_read()),
			"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
			" AND tbl_name IN ('people', 'person_phones', 'memberships') ORDER BY name", -1, &st, NULL),
			SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&sb, "%s|%s;", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	char *s = strdup(sb_str(&sb));
	sb_release(&sb);
	return s;
}

static int fixtures_fn(struct db *w, void *arg)
{
	(void)arg;
	int ok = db_do(w, "INSERT INTO offices (code, name_ar, name_en, created_at) VALUES ('raqqa', 'مكتب الرقة', 'Raqqa office', 0)", "") == 0 &&
		 db_do(w, "INSERT INTO orgs (name_ar, name_en, office_id, created_at) VALUES ('جمعية شباب الرقة التطوعية', 'Raqqa Youth Volunteer Association', 1, 0)", "") == 0;
	struct person_in p = { 0 };
	p.name_ar = "محمد أحمد العلي";
	p.name_latin = p.gender = p.displacement = p.education = p.consent_date = p.consent_purpose = "";
	p.phones[0] = "0944 123 456";
	p.birth_year = 1990;
	ok = ok && person_save(w, -1, 0, &p) > 0;
	/* the planner's statistics, which a dropped index must get back */
	ok = ok && db_do(w, "ANALYZE", "") == 0;
	return ok ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/daam-test-bulk-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	if (i18n_init() < 0 || db_open(dbpath) < 0)
		return -1;
	i18n_set_lang(LANG_EN);
	return db_write(fixtures_fn, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close();
	char path[160];
	const char *files[] = { "t.db", "t.db-wal", "t.db-shm", "t.db.lock" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

/* What the import's progress callback saw while writing. */
struct watch {
	struct db *w;              /* the writer, inside its transaction */
	long long people_before;   /* people committed before the import */
	int calls;
	int writer_has_index;      /* people_name seen by the writer (last call) */
	int reader_ok;             /* every call: a reader saw the index and the old rows */
	int stop;                  /* 1: the import is cancelled at the first chance */
};

static void on_progress(void *arg, const char *phase, size_t done, size_t total)
{
	struct watch *wa = arg;
	(void)total;
	if (strcmp(phase, "write") != 0 || done == 0)
		return;
	wa->calls++;
	wa->writer_has_index = count_on(db_handle(wa->w),
		"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'people_name'") == 1;
	/* a reader: the last commit, its schema and its rows, read through the index */
	int ok = count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'people_name'") == 1 &&
		 count("SELECT count(*) FROM people INDEXED BY people_name WHERE merged_into IS NULL") == wa->people_before &&
		 count("SELECT count(*) FROM people") == wa->people_before;
	if (wa->calls == 1)
		wa->reader_ok = ok;
	else
		wa->reader_ok = wa->reader_ok && ok;
}

static int on_stopped(void *arg)
{
	return ((struct watch *)arg)->stop;
}

/* A CSV of n people with a phone and an organization each; the person
 * numbered boom (when >= 0) is named "قنبلة" (the failure test's trigger
 * refuses that name). */
static char *big_csv(int n, int boom, size_t *len)
{
	static const char *const first[] = { "محمد", "أحمد", "خالد", "فاطمة", "عائشة", "يوسف", "مريم", "حسن",
		"علي", "زينب", "عمر", "نور", "إبراهيم", "سارة", "حسين", "ليلى" };
	static const char *const family[] = { "العلي", "الحسن", "الأحمد", "العمر", "الخليل", "العيسى", "الحمد",
		"الجاسم", "الصالح", "المحمد", "الشيخ", "الحسين", "الخلف", "العبدالله", "الفرج", "السالم", "الرجب" };
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "name,phone,organization\n");
	for (int i = 0; i < n; i++) {
		if (i == boom)
			sb_adds(&sb, "قنبلة");
		else
			sb_addf(&sb, "%s %s %s", first[i % 16], first[(i / 16) % 16], family[(i / 256) % 17]);
		sb_addf(&sb, ",0944%06d,جمعية شباب الرقة التطوعية\n", i);
	}
	char *s = strdup(sb_str(&sb));
	*len = strlen(s);
	sb_release(&sb);
	return s;
}

struct commit_args {
	struct import_job *j;
	struct import_ctx *c;
	struct watch *wa;
	long written;
};

static int commit_fn(struct db *w, void *arg)
{
	struct commit_args *a = arg;
	a->wa->w = w;
	a->written = import_commit(a->j, w, a->c, 0, "big.csv");
	return a->written < 0 ? -1 : 0;
}

/* Imports n generated people (see big_csv); returns what import_commit did
 * (the rows written, or -1: rolled back). */
static long import_big(int n, int boom, struct watch *wa)
{
	size_t len;
	char *csv = big_csv(n, boom, &len);
	struct import_job j;
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, csv, len), 0);
	free(csv);
	import_guess_map(&j);
	struct import_ctx c = { 0, 0, on_progress, wa, on_stopped, 0 };
	assert_int_equal(import_check(&j, db_read(), &c), 0);
	assert_int_equal(j.nready, (size_t)n);
	wa->people_before = count("SELECT count(*) FROM people");
	struct commit_args a = { &j, &c, wa, -2 };
	int rc = db_write(commit_fn, &a);
	assert_int_equal(rc, a.written < 0 ? -1 : 0);
	import_free(&j);
	return a.written;
}

static int boom_fn(struct db *w, void *arg)
{
	return db_do(w, (const char *)arg, "");
}

/* Cancelled while writing: everything rolled back, the indexes too. */
static void test_cancelled(void **state)
{
	(void)state;
	char *before = indexes();
	long long people = count("SELECT count(*) FROM people");
	struct watch wa = { .stop = 1 };
	assert_int_equal(import_big(IMPORT_BULK_MIN_ROWS + 500, -1, &wa), -1);
	assert_true(wa.calls >= 1);
	assert_false(wa.writer_has_index);   /* the import did drop them */
	assert_true(wa.reader_ok);
	char *after = indexes();
	assert_string_equal(after, before);
	assert_int_equal(count("SELECT count(*) FROM people"), people);
	assert_int_equal(count("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'people_name'"), 1);
	assert_int_equal(count("SELECT count(*) FROM person_search_config WHERE k = 'hashsize'"), 0);
	assert_string_equal(db_integrity(db_handle(db_read())), "ok");
	free(before);
	free(after);
}

/* A row that cannot be written, past the first rows: the same. */
static void test_failed(void **state)
{
	(void)state;
	static const char trigger[] = "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.people WHEN NEW.name_ar = 'قنبلة'"
				      " BEGIN SELECT RAISE(ABORT, 'boom'); END";
	static const char untrigger[] = "DROP TRIGGER temp.boom";
	assert_int_equal(db_write(boom_fn, (void *)trigger), 0);
	char *before = indexes();
	long long people = count("SELECT count(*) FROM people");
	struct watch wa = { .stop = 0 };
	assert_int_equal(import_big(IMPORT_BULK_MIN_ROWS + 500, 9000, &wa), -1);
	assert_int_equal(db_write(boom_fn, (void *)untrigger), 0);
	assert_true(wa.calls >= 2);
	assert_false(wa.writer_has_index);
	assert_true(wa.reader_ok);
	char *after = indexes();
	assert_string_equal(after, before);
	assert_int_equal(count("SELECT count(*) FROM people"), people);
	assert_string_equal(db_integrity(db_handle(db_read())), "ok");
	free(before);
	free(after);
}

/* Written: the indexes are made again as they were, hold every row, and
 * keep their statistics; the search finds the new people. */
static void test_written(void **state)
{
	(void)state;
	char *before = indexes();
	long long people = count("SELECT count(*) FROM people");
	int n = 2 * IMPORT_BULK_MIN_ROWS + 500;  /* test_larger_registry's registry */
	struct watch wa = { .stop = 0 };
	assert_int_equal(import_big(n, -1, &wa), n);
	assert_false(wa.writer_has_index);
	assert_true(wa.reader_ok);
	char *after = indexes();
	assert_string_equal(after, before);
	assert_int_equal(count("SELECT count(*) FROM people"), people + n);
	assert_int_equal(count("SELECT count(*) FROM people INDEXED BY people_name WHERE merged_into IS NULL"), people + n);
	assert_int_equal(count("SELECT count(*) FROM person_phones INDEXED BY person_phones_norm WHERE phone_norm > ''"),
			 people + n);
	assert_int_equal(count("SELECT count(*) FROM memberships INDEXED BY memberships_org WHERE org_id > 0"), n);
	assert_int_equal(count("SELECT count(*) FROM sqlite_stat1 WHERE idx IN ('people_name', 'people_key', "
			       "'person_phones_norm')"), 3);
	assert_string_equal(db_integrity(db_handle(db_read())), "ok");
	assert_true(count("SELECT count(*) FROM person_search WHERE person_search MATCH 'الرجب'") > 0);
	/* the folded name and key the duplicate check made are the ones person_save makes */
	char folded[1024], key[NAME_KEY_SIZE], sql[2048];
	assert_int_equal(person_name_derive("محمد محمد العلي", folded, sizeof folded, key, sizeof key), 0);
	assert_true(*key != '\0');
	snprintf(sql, sizeof sql, "SELECT count(*) FROM people WHERE id > %lld AND name_ar = 'محمد محمد العلي'"
		 " AND name_folded = '%s' AND name_key = '%s'", people, folded, key);
	assert_int_equal(count(sql), (n + 4351) / 4352);
	assert_int_equal(count("SELECT count(*) FROM people WHERE name_key = '' OR name_folded = ''"), 0);
	/* the search's setting is back to FTS5's default */
	assert_int_equal(count("SELECT v FROM person_search_config WHERE k = 'hashsize'"), 1 << 20);
	free(before);
	free(after);
}

/* Into a registry more than twice the file, the indexes stay (inserting
 * costs less than sorting the whole table again). */
static void test_larger_registry(void **state)
{
	(void)state;
	long long people = count("SELECT count(*) FROM people");
	assert_true(people > 2 * (IMPORT_BULK_MIN_ROWS + 100));
	struct watch wa = { .stop = 0 };
	assert_int_equal(import_big(IMPORT_BULK_MIN_ROWS + 100, -1, &wa), IMPORT_BULK_MIN_ROWS + 100);
	assert_true(wa.calls >= 1);
	assert_true(wa.writer_has_index);
	assert_string_equal(db_integrity(db_handle(db_read())), "ok");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cancelled),
		cmocka_unit_test(test_failed),
		cmocka_unit_test(test_written),
		cmocka_unit_test(test_larger_registry),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
