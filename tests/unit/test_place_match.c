/* test_place_match — the place matcher (src/registry/place_match.c) on the
 * places and aliases seeded by migrations 002 and 008: Arabic folding, the
 * aliases in Arabic and Latin letters, the community preferred over the
 * governorate or district of the same name, the generic words (مدينة,
 * ناحية, "district"…) read as the level meant, and two communities of one
 * name left ambiguous with both candidates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "registry/place_match.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static char dir[64];
static char dbpath[128];
static struct place_matcher *pm;

/* Two communities called الحمرا, under two subdistricts, and a third
 * written حمرة under a third: the first two tie. */
static int fixtures_fn(struct db *w, void *arg)
{
	(void)arg;
	return db_do(w, "INSERT INTO places (id, parent_id, level, name_ar, name_en) VALUES"
		     " (9001, 101, 4, 'الحمرا', 'Al-Hamra'), (9002, 201, 4, 'الحَمرا', 'Al Hamra'),"
		     " (9003, 211, 4, 'قرية الجديدة', 'Al-Jdeideh village')", "");
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/daam-test-placematch-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	if (i18n_init() < 0 || db_open(dbpath) < 0)
		return -1;
	if (db_write(fixtures_fn, NULL) != 0)
		return -1;
	pm = place_matcher_load(db_read());
	return pm ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	place_matcher_free(pm);
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

static int64_t match(const char *s)
{
	return place_match(pm, s, NULL, 0, NULL);
}

/* الرقة is the city, however it is written; the governorate by its own word. */
static void test_community_over_governorate(void **state)
{
	(void)state;
	assert_int_equal(match("الرقة"), 1000);
	assert_int_equal(match("الرقه"), 1000);
	assert_int_equal(match("الرَّقَّة"), 1000);      /* diacritics */
	assert_int_equal(match("  رقة "), 1000);
	assert_int_equal(match("مدينة الرقة"), 1000);
	assert_int_equal(match("Raqqa"), 1000);
	assert_int_equal(match("RAQQA"), 1000);
	assert_int_equal(match("Ar-Raqqa"), 1000);       /* also the governorate's English name */
	assert_int_equal(match("Al-Raqqah"), 1000);
	assert_int_equal(match("Raqqah"), 1000);
	assert_int_equal(match("محافظة الرقة"), 1);
	assert_int_equal(match("Raqqa governorate"), 1);
	assert_int_equal(match("منطقة الرقة"), 10);      /* the district's own name */
	assert_int_equal(match("مركز الرقة"), 100);      /* never read without مركز */
	assert_int_equal(place_match_level(pm, 1000), 4);
	assert_int_equal(place_match_level(pm, 1), 1);
	assert_int_equal(place_match_level(pm, 123456), 0);
}

static void test_aliases(void **state)
{
	(void)state;
	const char *deir[] = { "دير الزور", "ديرالزور", "Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zor",
			       "deir-ez-zor", "مدينة دير الزور", NULL };
	for (int i = 0; deir[i]; i++)
		assert_int_equal(match(deir[i]), 2000);
	const char *tabqa[] = { "الطبقة", "مدينة الثورة", "Tabqa", "Al-Thawrah", "الطبقه", NULL };
	for (int i = 0; tabqa[i]; i++)
		assert_int_equal(match(tabqa[i]), 1010);
	assert_int_equal(match("منطقة الطبقة"), 11);
	assert_int_equal(match("Tabqa district"), 11);
	assert_int_equal(match("تل ابيض"), 1020);        /* hamza folded */
	assert_int_equal(match("Tal Abyad"), 1020);
	assert_int_equal(match("Ain Issa"), 1023);
	assert_int_equal(match("البوكمال"), 220);        /* no community of the name: the subdistrict */
	assert_int_equal(match("Abu Kamal"), 220);
	assert_int_equal(match("Nowhere at all"), 0);
	assert_int_equal(match(""), 0);
	assert_int_equal(match("   "), 0);
}

/* A generic word is dropped only when the name as written matches nothing,
 * and then it says the level. */
static void test_generic_words(void **state)
{
	(void)state;
	assert_int_equal(match("الكرامة"), 1002);        /* the town over its subdistrict */
	assert_int_equal(match("ناحية الكرامة"), 101);
	assert_int_equal(match("ناحية السوسة"), 222);
	assert_int_equal(match("بلدة السوسة"), 2022);
	assert_int_equal(match("قرية الهيشة"), 1024);
	assert_int_equal(match("Hisha village"), 1024);
	assert_int_equal(match("Al-Karama town"), 1002);
	assert_int_equal(match("Al-Karama subdistrict"), 101);
	assert_int_equal(match("city of Raqqa"), 1000);
	assert_int_equal(match("الجديدة"), 9003);         /* a stored name found without its word */
	assert_int_equal(match("ناحية الجديدة"), 9003);   /* no subdistrict of the name: the village */
	/* a word alone is no place */
	assert_int_equal(match("مدينة"), 0);
	assert_int_equal(match("district"), 0);
}

static void test_ambiguous(void **state)
{
	(void)state;
	int64_t c[PLACE_MATCH_MAX_CANDIDATES];
	int n = -1;
	assert_int_equal(place_match(pm, "الحمرا", c, PLACE_MATCH_MAX_CANDIDATES, &n), -1);
	assert_int_equal(n, 2);
	assert_true((c[0] == 9001 && c[1] == 9002) || (c[0] == 9002 && c[1] == 9001));
	assert_int_equal(place_match(pm, "Al Hamra", c, PLACE_MATCH_MAX_CANDIDATES, &n), -1);
	assert_int_equal(n, 2);
	/* the candidates kept are bounded by the caller's room */
	assert_int_equal(place_match(pm, "الحمرا", c, 1, &n), -1);
	assert_int_equal(n, 1);
	/* a found place leaves no candidates */
	assert_int_equal(place_match(pm, "الرقة", c, PLACE_MATCH_MAX_CANDIDATES, &n), 1000);
	assert_int_equal(n, 0);
}

/* The aliases seeded without their folded form are folded at start. */
static void test_fold_pending(void **state)
{
	(void)state;
	assert_int_equal(db_int(db_read(), -1, "SELECT count(*) FROM place_aliases WHERE folded = ''", "") > 0, 1);
	assert_int_equal(place_aliases_fold_pending(), 0);
	assert_int_equal(db_int(db_read(), -1, "SELECT count(*) FROM place_aliases WHERE folded = ''", ""), 0);
	assert_int_equal(db_int(db_read(), -1, "SELECT place_id FROM place_aliases WHERE folded = 'deir ezzor'", ""), 2000);
	assert_int_equal(db_int(db_read(), -1, "SELECT place_id FROM place_aliases WHERE folded = 'الرقه'", ""), 1000);
	assert_int_equal(place_aliases_fold_pending(), 0);   /* nothing left: only read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_community_over_governorate),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_generic_words),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_fold_pending),
	};
	return cmocka_run_group_tests_name("place_match", tests, setup, teardown);
}
