/*
 * Unit tests for src/core/dates.c: strict ISO date parsing with real
 * calendar days, the Levantine Arabic and English month names, dates and
 * times written for people in both languages with Latin or Arabic-Indic
 * digits, and Syria's time (UTC+3).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include <cmocka.h>

#include "core/dates.h"
#include "core/i18n.h"

struct iso_case {
	const char *s;
	int ok;
	int y, m, d;
};

static const struct iso_case iso_cases[] = {
	{ "2018-03-12", 1, 2018, 3, 12 },
	{ "2024-02-29", 1, 2024, 2, 29 },   /* leap year */
	{ "2023-02-29", 0, 0, 0, 0 },       /* not a leap year */
	{ "2023-02-28", 1, 2023, 2, 28 },
	{ "2000-02-29", 1, 2000, 2, 29 },   /* divisible by 400 */
	{ "1900-02-29", 0, 0, 0, 0 },       /* divisible by 100, not 400 */
	{ "2100-02-29", 0, 0, 0, 0 },
	{ "1900-01-01", 1, 1900, 1, 1 },    /* range limits */
	{ "1899-12-31", 0, 0, 0, 0 },
	{ "2200-12-31", 1, 2200, 12, 31 },
	{ "2201-01-01", 0, 0, 0, 0 },
	{ "2018-01-31", 1, 2018, 1, 31 },
	{ "2018-04-31", 0, 0, 0, 0 },       /* April has 30 days */
	{ "2018-04-30", 1, 2018, 4, 30 },
	{ "2018-06-31", 0, 0, 0, 0 },
	{ "2018-09-31", 0, 0, 0, 0 },
	{ "2018-11-31", 0, 0, 0, 0 },
	{ "2018-12-31", 1, 2018, 12, 31 },
	{ "2018-12-32", 0, 0, 0, 0 },
	{ "2018-13-01", 0, 0, 0, 0 },
	{ "2018-00-10", 0, 0, 0, 0 },
	{ "2018-03-00", 0, 0, 0, 0 },
	{ "2018-3-12", 0, 0, 0, 0 },        /* exact shape only */
	{ "2018-03-2", 0, 0, 0, 0 },
	{ "18-03-12", 0, 0, 0, 0 },
	{ "2018-03-12 ", 0, 0, 0, 0 },
	{ " 2018-03-12", 0, 0, 0, 0 },
	{ "2018-03-12T00:00", 0, 0, 0, 0 },
	{ "2018/03/12", 0, 0, 0, 0 },
	{ "2018_03_12", 0, 0, 0, 0 },
	{ "12-03-2018", 0, 0, 0, 0 },
	{ "+018-03-12", 0, 0, 0, 0 },
	{ "2018-+3-12", 0, 0, 0, 0 },
	{ "2018-03-1a", 0, 0, 0, 0 },
	{ "201a-03-12", 0, 0, 0, 0 },
	{ "2018--3-12", 0, 0, 0, 0 },
	{ "\xd9\xa2\xd9\xa0\xd9\xa1\xd9\xa8-03-12", 0, 0, 0, 0 }, /* Arabic-Indic digits */
	{ "", 0, 0, 0, 0 },
	{ "----------", 0, 0, 0, 0 },
};

static void test_parse_iso(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof iso_cases / sizeof iso_cases[0]; i++) {
		const struct iso_case *c = &iso_cases[i];
		int y = -7, m = -7, d = -7;
		int rc = date_parse_iso(c->s, &y, &m, &d);
		if ((rc == 0) != c->ok)
			print_message("date \"%s\": rc %d, want %s\n", c->s, rc, c->ok ? "ok" : "error");
		assert_int_equal(rc, c->ok ? 0 : -1);
		if (c->ok) {
			assert_int_equal(y, c->y);
			assert_int_equal(m, c->m);
			assert_int_equal(d, c->d);
		} else {
			/* outputs untouched on failure */
			assert_int_equal(y, -7);
			assert_int_equal(m, -7);
			assert_int_equal(d, -7);
		}
	}
	int y, m, d;
	assert_int_equal(date_parse_iso(NULL, &y, &m, &d), -1);
}

/* Every day of 1900..2200 that parses is a real day: the count per year is
 * 365 or 366 exactly when the Gregorian rule says so. */
static void test_parse_iso_every_day(void **state)
{
	(void)state;
	for (int y = 1900; y <= 2200; y++) {
		int days = 0;
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= 31; d++) {
				char s[48];
				snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
				int yy, mm, dd;
				if (date_parse_iso(s, &yy, &mm, &dd) == 0) {
					assert_int_equal(yy * 10000 + mm * 100 + dd, y * 10000 + m * 100 + d);
					days++;
				}
			}
		}
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (days != 365 + leap)
			fail_msg("year %d has %d days", y, days);
	}
}

static const char *const levantine[12] = {
	"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
	"تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
};
static const char *const english[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

static void test_month_names(void **state)
{
	(void)state;
	for (int m = 1; m <= 12; m++) {
		assert_string_equal(date_month_name(m, LANG_AR), levantine[m - 1]);
		assert_string_equal(date_month_name(m, LANG_EN), english[m - 1]);
	}
	assert_string_equal(date_month_name(0, LANG_AR), "?");
	assert_string_equal(date_month_name(13, LANG_EN), "?");
	assert_string_equal(date_month_name(-1, LANG_EN), "?");
}

/* Formats with the language and digit preference given; returns a static copy. */
static const char *fmt_date(enum lang l, int arabic_digits, int y, int m, int d)
{
	static char out[128];
	i18n_set_lang(l);
	i18n_set_arabic_digits(arabic_digits);
	struct strbuf sb = STRBUF_INIT;
	date_format(&sb, y, m, d);
	snprintf(out, sizeof out, "%s", sb_str(&sb));
	sb_release(&sb);
	i18n_set_lang(LANG_AR);
	i18n_set_arabic_digits(0);
	return out;
}

struct fmt_case {
	enum lang lang;
	int digits;
	int y, m, d;
	const char *want;
};

static const struct fmt_case fmt_cases[] = {
	{ LANG_AR, 0, 2018, 3, 12, "12 آذار 2018" },
	{ LANG_AR, 1, 2018, 3, 12, "١٢ آذار ٢٠١٨" },
	{ LANG_EN, 0, 2018, 3, 12, "12 March 2018" },
	{ LANG_EN, 1, 2018, 3, 12, "12 March 2018" },  /* Arabic digits only in Arabic */
	{ LANG_AR, 0, 2024, 1, 5, "5 كانون الثاني 2024" },  /* no leading zero */
	{ LANG_AR, 1, 2024, 1, 5, "٥ كانون الثاني ٢٠٢٤" },
	{ LANG_AR, 1, 1990, 10, 31, "٣١ تشرين الأول ١٩٩٠" },
	{ LANG_EN, 0, 2011, 12, 1, "1 December 2011" },
	{ LANG_AR, 0, 2011, 12, 1, "1 كانون الأول 2011" },
};

static void test_date_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fmt_cases / sizeof fmt_cases[0]; i++) {
		const struct fmt_case *c = &fmt_cases[i];
		const char *got = fmt_date(c->lang, c->digits, c->y, c->m, c->d);
		if (strcmp(got, c->want) != 0)
			print_message("format case %zu: got \"%s\" want \"%s\"\n", i, got, c->want);
		assert_string_equal(got, c->want);
	}
	/* all twelve months, both languages */
	for (int m = 1; m <= 12; m++) {
		char want[128];
		snprintf(want, sizeof want, "15 %s 2020", levantine[m - 1]);
		assert_string_equal(fmt_date(LANG_AR, 0, 2020, m, 15), want);
		snprintf(want, sizeof want, "15 %s 2020", english[m - 1]);
		assert_string_equal(fmt_date(LANG_EN, 0, 2020, m, 15), want);
	}
}

static void test_digits(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	i18n_set_lang(LANG_AR);
	i18n_set_arabic_digits(1);
	fmt_digits(&sb, "0123456789 -:/ab");
	assert_string_equal(sb_str(&sb), "٠١٢٣٤٥٦٧٨٩ -:/ab");
	sb_reset(&sb);
	fmt_int(&sb, -1234);
	assert_string_equal(sb_str(&sb), "-١٢٣٤");
	sb_reset(&sb);
	fmt_int(&sb, 0);
	assert_string_equal(sb_str(&sb), "٠");
	sb_reset(&sb);
	fmt_int(&sb, LLONG_MIN);
	assert_string_equal(sb_str(&sb), "-٩٢٢٣٣٧٢٠٣٦٨٥٤٧٧٥٨٠٨");
	sb_reset(&sb);

	i18n_set_arabic_digits(0);
	fmt_int(&sb, LLONG_MAX);
	assert_string_equal(sb_str(&sb), "9223372036854775807");
	sb_reset(&sb);

	/* English ignores the Arabic-digit preference */
	i18n_set_lang(LANG_EN);
	i18n_set_arabic_digits(1);
	fmt_int(&sb, 2018);
	assert_string_equal(sb_str(&sb), "2018");
	i18n_set_lang(LANG_AR);
	i18n_set_arabic_digits(0);
	sb_release(&sb);
}

struct time_case {
	int64_t t;
	enum lang lang;
	int digits;
	const char *want;
};

static const struct time_case time_cases[] = {
	{ 0, LANG_EN, 0, "1 January 1970, 03:00" },
	{ 0, LANG_AR, 0, "1 كانون الثاني 1970، 03:00" },
	{ -1, LANG_EN, 0, "1 January 1970, 02:59" },
	/* 21:30 UTC on 11 March is already 12 March in Syria */
	{ 1520803800, LANG_EN, 0, "12 March 2018, 00:30" },
	{ 1520803800, LANG_AR, 0, "12 آذار 2018، 00:30" },
	{ 1520803800, LANG_AR, 1, "١٢ آذار ٢٠١٨، ٠٠:٣٠" },
	{ 1709240340, LANG_EN, 0, "29 February 2024, 23:59" },
	/* 21:00 UTC on 31 December is the new year in Syria */
	{ 1735678800, LANG_EN, 0, "1 January 2025, 00:00" },
	{ 1735678800, LANG_AR, 0, "1 كانون الثاني 2025، 00:00" },
};

static void test_date_format_time(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof time_cases / sizeof time_cases[0]; i++) {
		const struct time_case *c = &time_cases[i];
		struct strbuf sb = STRBUF_INIT;
		i18n_set_lang(c->lang);
		i18n_set_arabic_digits(c->digits);
		date_format_time(&sb, c->t);
		if (strcmp(sb_str(&sb), c->want) != 0)
			print_message("time case %zu: got \"%s\" want \"%s\"\n", i, sb_str(&sb), c->want);
		assert_string_equal(sb_str(&sb), c->want);
		sb_release(&sb);
	}
	i18n_set_lang(LANG_AR);
	i18n_set_arabic_digits(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_parse_iso_every_day),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_date_format_time),
	};
	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
