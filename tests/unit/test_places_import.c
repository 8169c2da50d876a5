/* test_places_import — `daam places import` (src/registry/places_import.c)
 * on a real database with the places seeded by migration 002: the HDX
 * COD-AB fixture (tests/unit/places_cod_ab.csv: real Syrian names, p-codes
 * of the official style, the community codes invented) adds the places it
 * lacks and matches the seeded ones by p-code or name (no duplicates), a
 * name it replaces stays an alias, a place in use and not in the file is
 * kept, a dry run writes nothing, a second run changes nothing, a changed
 * name is an update, ADM1_PCODE-style headers are read, and malformed files
 * are refused whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "registry/places_import.h"
#include "registry/place_match.h"
#include "registry/registry.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static char dir[64];
static char dbpath[128];
static char *fixture;
static size_t fixture_len;

static long long q(const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(db_handle(db_read()), sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A person living in Ratla (1005), a seeded community the file lacks. */
static int fixtures_fn(struct db *w, void *arg)
{
	(void)arg;
	struct person_in p = { 0 };
	p.name_ar = "سعاد تجربة القائمة";
	p.name_latin = p.gender = p.displacement = p.education = p.consent_date = p.consent_purpose = "";
	p.place_id = 1005;
	return person_save(w, -1, 0, &p) > 0 ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	FILE *f = fopen("tests/unit/places_cod_ab.csv", "rb");
	if (!f)
		return -1;
	fixture = malloc(1 << 16);
	fixture_len = fixture ? fread(fixture, 1, (1 << 16) - 1, f) : 0;
	fclose(f);
	if (!fixture_len)
		return -1;
	fixture[fixture_len] = 0;
	snprintf(dir, sizeof dir, "/tmp/daam-test-places-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	if (i18n_init() < 0 || db_open(dbpath) < 0)
		return -1;
	return db_write(fixtures_fn, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close();
	free(fixture);
	char path[160];
	const char *files[] = { "t.db", "t.db-wal", "t.db-shm", "t.db.lock" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

static const char AUDITS[] = "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'places'";

/* A dry run says what would change and writes nothing. */
static void test_dry_run(void **state)
{
	(void)state;
	long long before = q("SELECT count(*) FROM places"), audits = q(AUDITS);
	struct places_import_result res;
	assert_int_equal(places_import(fixture, fixture_len, 1, "cod.csv", &res), 0);
	assert_int_equal(res.rows, 34);
	assert_int_equal(res.units, 63);
	assert_int_equal(res.added, 8);
	assert_int_equal(res.updated + res.unchanged, 55);
	assert_int_equal(q("SELECT count(*) FROM places"), before);
	assert_int_equal(q("SELECT count(*) FROM places WHERE pcode = 'SY1100'"), 0);
	assert_int_equal(q(AUDITS), audits);
}

/* The import: the seeded places matched (by p-code or by name, aliases
 * included), the others added, nothing deleted, audited once. */
static void test_import(void **state)
{
	(void)state;
	long long before = q("SELECT count(*) FROM places"), audits = q(AUDITS);
	struct places_import_result res;
	assert_int_equal(places_import(fixture, fixture_len, 0, "cod.csv", &res), 0);
	assert_int_equal(res.added, 8);
	assert_int_equal(q("SELECT count(*) FROM places"), before + 8);
	assert_int_equal(q(AUDITS), audits + 1);
	assert_int_equal(q("SELECT count(*) FROM audit_log WHERE entity = 'places' AND detail LIKE 'new=8 updated=% file=cod.csv'"), 1);
	/* governorates by p-code; districts and subdistricts by name without
	 * their generic word; Tabqa's district by its alias منطقة الثورة */
	assert_int_equal(q("SELECT id FROM places WHERE pcode = 'SY11'"), 1);
	assert_int_equal(q("SELECT id FROM places WHERE pcode = 'SY1100'"), 10);
	assert_int_equal(q("SELECT id FROM places WHERE pcode = 'SY1101'"), 11);
	assert_int_equal(q("SELECT id FROM places WHERE pcode = 'SY110000'"), 100);
	assert_int_equal(q("SELECT id FROM places WHERE pcode = 'SY110100'"), 110);
	/* the city, by its alias الرقة; its old name is now an alias */
	assert_int_equal(q("SELECT id FROM places WHERE pcode = 'C5710'"), 1000);
	assert_int_equal(q("SELECT count(*) FROM places WHERE id = 1000 AND name_ar = 'الرقة' AND name_en = 'Ar-Raqqa'"), 1);
	assert_int_equal(q("SELECT count(*) FROM place_aliases WHERE place_id = 1000 AND alias = 'مدينة الرقة'"
			   " AND folded = 'مدينه الرقه'"), 1);
	assert_int_equal(q("SELECT id FROM places WHERE pcode = 'C5750'"), 1010);
	/* no place twice: one per name under a parent */
	assert_int_equal(q("SELECT count(*) FROM (SELECT parent_id, name_ar FROM places GROUP BY parent_id, name_ar"
			   " HAVING count(*) > 1)"), 0);
	/* the new ones in the tree */
	assert_int_equal(q("SELECT count(*) FROM places WHERE pcode = 'C5713' AND parent_id = 100 AND level = 4"
			   " AND name_ar = 'الحمرات' AND name_en = 'Hamrat'"), 1);
	assert_int_equal(q("SELECT count(*) FROM places WHERE pcode = 'C4410' AND parent_id = 220"), 1);
	/* Ratla, in use and not in the file, is kept as it was */
	assert_int_equal(q("SELECT count(*) FROM places WHERE id = 1005 AND name_ar = 'رطلة' AND pcode IS NULL"), 1);
	assert_int_equal(q("SELECT count(*) FROM people WHERE place_id = 1005"), 1);
	assert_true(res.kept >= 5);
	/* the matcher still finds the city by the names people use */
	struct place_matcher *m = place_matcher_load(db_read());
	assert_non_null(m);
	assert_int_equal(place_match(m, "الرقة", NULL, 0, NULL), 1000);
	assert_int_equal(place_match(m, "مدينة الرقة", NULL, 0, NULL), 1000);
	assert_int_equal(place_match(m, "الطبقة", NULL, 0, NULL), 1010);
	assert_int_equal(place_match(m, "Hamrat", NULL, 0, NULL), q("SELECT id FROM places WHERE pcode = 'C5713'"));
	place_matcher_free(m);

	/* again: nothing changes, and it is still audited */
	long long count = q("SELECT count(*) FROM places");
	assert_int_equal(places_import(fixture, fixture_len, 0, "cod.csv", &res), 0);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.updated, 0);
	assert_int_equal(res.unchanged, 63);
	assert_int_equal(q("SELECT count(*) FROM places"), count);
	assert_int_equal(q(AUDITS), audits + 2);
}

/* A new release renames a community and moves none: one update. */
static void test_update_and_adm_headers(void **state)
{
	(void)state;
	static const char csv[] =
		"ADM4_EN,ADM4_AR,ADM4_PCODE,ADM3_EN,ADM3_AR,ADM3_PCODE,ADM2_EN,ADM2_AR,ADM2_PCODE,ADM1_EN,ADM1_AR,ADM1_PCODE,ADM0_EN,ADM0_PCODE\r\n"
		"Hamrat Al-Jadida,الحمرات الجديدة,C5713,Ar-Raqqa,مركز الرقة,SY110000,Ar-Raqqa,الرقة,SY1100,Ar-Raqqa,الرقة,SY11,Syria,SY\r\n"
		"Hazima,حزيمة,C5711,Ar-Raqqa,مركز الرقة,SY110000,Ar-Raqqa,الرقة,SY1100,Ar-Raqqa,الرقة,SY11,Syria,SY\r\n";
	long long count = q("SELECT count(*) FROM places"), id = q("SELECT id FROM places WHERE pcode = 'C5713'");
	struct places_import_result res;
	assert_int_equal(places_import(csv, strlen(csv), 0, "adm.csv", &res), 0);
	assert_int_equal(res.rows, 2);
	assert_int_equal(res.units, 5);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.updated, 1);
	assert_int_equal(res.unchanged, 4);
	assert_int_equal(q("SELECT count(*) FROM places"), count);
	assert_int_equal(q("SELECT id FROM places WHERE name_ar = 'الحمرات الجديدة'"), id);
	assert_int_equal(q("SELECT count(*) FROM place_aliases WHERE alias = 'الحمرات'"), 1);
}

static void refused(const char *csv, const char *why, long row)
{
	struct places_import_result res;
	long long count = q("SELECT count(*) FROM places"), audits = q(AUDITS);
	assert_int_equal(places_import(csv, strlen(csv), 0, "bad.csv", &res), 1);
	if (!strstr(res.error, why))
		fail_msg("expected \"%s\", got \"%s\"", why, res.error);
	assert_int_equal(res.error_row, row);
	assert_int_equal(q("SELECT count(*) FROM places"), count);
	assert_int_equal(q(AUDITS), audits);
}

static void test_refused(void **state)
{
	(void)state;
	refused("name,phone\nأحمد,0933\n", "no column admin1Pcode", 1);
	refused("admin1Pcode,admin1Name_en\n", "no rows", 0);
	refused("", "empty", 0);
	refused("admin1Pcode,admin1Name_en\n,Raqqa\n", "no row has an admin1Pcode", 0);
	refused("admin1Pcode,admin1Name_en,admin3Pcode,admin3Name_en\nSY11,Raqqa,SY110000,X\n", "admin3Pcode but not admin2Pcode", 1);
	refused("admin1Pcode,admin1Name_en,admin2Pcode,admin2Name_en\nSY11,Raqqa,SY1100,A\nSY09,Deir,SY1100,A\n",
		"SY1100 is under SY11 on row 2 and under SY09 here", 3);
	refused("admin1Pcode,admin1Name_en\nSY 11,Raqqa\n", "is not a p-code", 2);
	refused("admin1Pcode,admin1Name_en,admin1Name_ar\nSY77,,\n", "SY77 has no name", 2);
	refused("admin1Pcode,admin1Name_en\nSY11,\"Raqqa\n", "never closed", 2);
	refused("admin1Pcode,admin1Name_en\nSY11,\xff\xfe\n", "not UTF-8", 0);
	char *big = malloc(2000);
	assert_non_null(big);
	int n = snprintf(big, 2000, "admin1Pcode,admin1Name_en\nSY11,");
	memset(big + n, 'a', 300);
	big[n + 300] = 0;
	refused(big, "longer than 200 characters", 2);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dry_run),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_update_and_adm_headers),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests_name("places_import", tests, setup, teardown);
}
