/*
 * Unit tests for src/http/cookies.c: splitting a Cookie header into names
 * and values with trimming, quotes, empty names and values, the buffer
 * size limit, the cookie count limit, and lookups.  Each case parses into
 * a heap buffer of exactly the needed size so that the sanitizer build
 * catches any write past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/cookies.h"

struct cookie_case {
	const char *header;
	int n;
	const char *pairs[8][2];
};

static const struct cookie_case cases[] = {
	{ "sid=abc", 1, { { "sid", "abc" } } },
	{ "sid=abc; lang=en", 2, { { "sid", "abc" }, { "lang", "en" } } },
	{ "sid=abc;lang=en;digits=arab", 3, { { "sid", "abc" }, { "lang", "en" }, { "digits", "arab" } } },
	/* spaces and tabs around names and values are trimmed */
	{ "  sid = abc  ;   lang=en ;", 2, { { "sid", "abc" }, { "lang", "en" } } },
	{ "\tsid\t=\tabc\t", 1, { { "sid", "abc" } } },
	/* inner spaces stay */
	{ "a=b c", 1, { { "a", "b c" } } },
	/* quotes around a value are removed once; lone quotes stay */
	{ "a=\"quoted\"", 1, { { "a", "quoted" } } },
	{ "a= \"q v\" ", 1, { { "a", "q v" } } },
	{ "a=\"\"", 1, { { "a", "" } } },
	{ "a=\"", 1, { { "a", "\"" } } },
	{ "a=\"x", 1, { { "a", "\"x" } } },
	{ "a=x\"", 1, { { "a", "x\"" } } },
	{ "a=\"\"\"\"", 1, { { "a", "\"\"" } } },
	/* empty names are skipped, empty values kept */
	{ "=novalue; b=1", 1, { { "b", "1" } } },
	{ " =x;b=2", 1, { { "b", "2" } } },
	{ "a=;b=", 2, { { "a", "" }, { "b", "" } } },
	{ "=", 0, { { NULL, NULL } } },
	/* pairs without '=' are skipped */
	{ "noeq; c=3", 1, { { "c", "3" } } },
	{ "justtext", 0, { { NULL, NULL } } },
	/* only the first '=' splits */
	{ "a=1=2; b==", 2, { { "a", "1=2" }, { "b", "=" } } },
	/* separators only, empty */
	{ ";;;", 0, { { NULL, NULL } } },
	{ " ; ; ", 0, { { NULL, NULL } } },
	{ "", 0, { { NULL, NULL } } },
	{ "a=b;", 1, { { "a", "b" } } },
	{ ";a=b", 1, { { "a", "b" } } },
	/* repeated names are all kept, in order */
	{ "a=1; a=2", 2, { { "a", "1" }, { "a", "2" } } },
	/* UTF-8 and other bytes pass through */
	{ "name=سوريا; x=%D8%A7", 2, { { "name", "سوريا" }, { "x", "%D8%A7" } } },
	{ "sid=Zm9vYmFy+/==", 1, { { "sid", "Zm9vYmFy+/==" } } },
};

static void test_parse_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct cookie_case *c = &cases[i];
		size_t bufsz = strlen(c->header) + 1;
		char *buf = malloc(bufsz);
		assert_non_null(buf);
		struct cookie out[8];
		memset(out, 0, sizeof out);
		int n = cookies_parse(c->header, buf, bufsz, out, 8);
		int same = n == c->n;
		for (int k = 0; same && k < n; k++)
			same = strcmp(out[k].name, c->pairs[k][0]) == 0 && strcmp(out[k].value, c->pairs[k][1]) == 0;
		if (!same) {
			print_message("case %zu \"%s\": %d cookies\n", i, c->header, n);
			for (int k = 0; k < n; k++)
				print_message("  [%s]=[%s]\n", out[k].name, out[k].value);
		}
		assert_int_equal(n, c->n);
		for (int k = 0; k < n; k++) {
			assert_string_equal(out[k].name, c->pairs[k][0]);
			assert_string_equal(out[k].value, c->pairs[k][1]);
			/* results point into the caller's buffer */
			assert_true(out[k].name >= buf && out[k].name < buf + bufsz);
			assert_true(out[k].value >= buf && out[k].value < buf + bufsz);
		}
		free(buf);
	}
}

/* The header is copied: the caller's string is left as it was. */
static void test_header_not_modified(void **state)
{
	(void)state;
	static const char header[] = " a = \"1\" ; b=2 ";
	char copy[sizeof header];
	memcpy(copy, header, sizeof header);
	char buf[64];
	struct cookie out[4];
	assert_int_equal(cookies_parse(copy, buf, sizeof buf, out, 4), 2);
	assert_string_equal(copy, header);
}

/* A header that does not fit the buffer (with its NUL) gives no cookies. */
static void test_too_long(void **state)
{
	(void)state;
	char header[4200];
	memcpy(header, "sid=", 4);
	memset(header + 4, 'v', sizeof header - 5);
	header[sizeof header - 1] = 0;
	size_t len = strlen(header);
	struct cookie out[4];

	char *buf = malloc(len);
	assert_int_equal(cookies_parse(header, buf, len, out, 4), 0);       /* no room for the NUL */
	free(buf);
	buf = malloc(4096);
	assert_int_equal(cookies_parse(header, buf, 4096, out, 4), 0);      /* daam's size */
	free(buf);
	buf = malloc(len + 1);
	assert_int_equal(cookies_parse(header, buf, len + 1, out, 4), 1);   /* just fits */
	assert_string_equal(out[0].name, "sid");
	assert_int_equal(strlen(out[0].value), len - 4);
	free(buf);

	/* zero-size buffer and NULL header */
	char one[1];
	assert_int_equal(cookies_parse("a=b", one, 0, out, 4), 0);
	assert_int_equal(cookies_parse("a=b", one, 1, out, 4), 0);
	assert_int_equal(cookies_parse(NULL, one, 1, out, 4), 0);
}

/* At most max cookies are stored; out[] past max is never written. */
static void test_max_count(void **state)
{
	(void)state;
	char header[512] = "";
	size_t k = 0;
	for (int i = 0; i < 20; i++)
		k += (size_t)snprintf(header + k, sizeof header - k, "c%d=v%d; ", i, i);
	char buf[512];
	struct cookie out[17];
	out[16].name = "guard";
	out[16].value = "guard";
	int n = cookies_parse(header, buf, sizeof buf, out, 16);
	assert_int_equal(n, 16);
	assert_string_equal(out[0].name, "c0");
	assert_string_equal(out[15].name, "c15");
	assert_string_equal(out[15].value, "v15");
	assert_string_equal(out[16].name, "guard");
	assert_int_equal(cookies_parse(header, buf, sizeof buf, out, 0), 0);
	assert_int_equal(cookies_parse(header, buf, sizeof buf, out, 1), 1);
	assert_string_equal(out[0].name, "c0");
}

static void test_get(void **state)
{
	(void)state;
	char buf[128];
	struct cookie out[8];
	int n = cookies_parse("sid=s1; lang=en; sid=s2; Digits=arab; e=", buf, sizeof buf, out, 8);
	assert_int_equal(n, 5);
	assert_string_equal(cookies_get(out, n, "sid"), "s1");     /* the first one */
	assert_string_equal(cookies_get(out, n, "lang"), "en");
	assert_string_equal(cookies_get(out, n, "e"), "");
	assert_null(cookies_get(out, n, "digits"));                 /* names are case-sensitive */
	assert_string_equal(cookies_get(out, n, "Digits"), "arab");
	assert_null(cookies_get(out, n, "csrf"));
	assert_null(cookies_get(out, n, "si"));
	assert_null(cookies_get(out, 0, "sid"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_cases),
		cmocka_unit_test(test_header_not_modified),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_max_count),
		cmocka_unit_test(test_get),
	};
	return cmocka_run_group_tests_name("cookies", tests, NULL, NULL);
}
