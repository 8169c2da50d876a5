/*
 * Unit tests for src/registry/age_bands.c: the people list's age filter and
 * the export's age column read one table, so every birth year the filter
 * puts in a band is written with that band's label, and the bands cover
 * every year from LIMIT_BIRTH_YEAR_MIN to this one without overlap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "registry/age_bands.h"
#include "core/i18n.h"
#include "core/limits.h"

static int setup(void **state)
{
	if (i18n_init() != 0)
		return -1;
	i18n_set_lang(LANG_EN); /* English labels are the msgids */
	return 0;
}

static long long this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* Each year is in exactly one band, and the export names that band. */
static void test_filter_and_export_agree(void **state)
{
	long long y = this_year();
	for (long long by = LIMIT_BIRTH_YEAR_MIN; by <= y; by++) {
		int in = 0;
		for (int i = 0; age_band_keys[i]; i++) {
			long long from, to;
			age_band_years(age_band_keys[i], &from, &to);
			assert_true(from > 0 && from <= to);
			if (by < from || by > to)
				continue;
			in++;
			assert_string_equal(age_band_of(by), vocab_label(&age_bands, age_band_keys[i]));
		}
		assert_int_equal(in, 1);
	}
}

/* The bands as the list and the tests of the pages know them. */
static void test_bands(void **state)
{
	long long y = this_year(), from, to;
	age_band_years("u18", &from, &to);
	assert_true(from == y - 17 && to == y);
	age_band_years("26-35", &from, &to);
	assert_true(from == y - 35 && to == y - 26);
	age_band_years("51+", &from, &to);
	assert_true(from == LIMIT_BIRTH_YEAR_MIN && to == y - 51);
	age_band_years("", &from, &to);
	assert_true(from == 0 && to == 0);
	age_band_years("17-", &from, &to);
	assert_true(from == 0 && to == 0);
	assert_string_equal(age_band_of(0), "");
	assert_string_equal(age_band_of(y + 1), "Under 18");
	assert_string_equal(age_band_of(y - 18), "18 to 25");
	assert_string_equal(age_band_of(y - 51), "51 and over");
	assert_string_equal(age_band_of(LIMIT_BIRTH_YEAR_MIN), "51 and over");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filter_and_export_agree),
		cmocka_unit_test(test_bands),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
