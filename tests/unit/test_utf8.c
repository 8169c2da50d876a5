/*
 * Unit tests for src/core/utf8.c: counting code points of valid UTF-8 and
 * rejecting overlongs, surrogates, code points past U+10FFFF, stray and
 * missing continuation bytes and truncated sequences; then exhaustive
 * comparisons with a reference validator written from the table of
 * well-formed byte sequences in the Unicode standard (Table 3-7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/utf8.h"
#include "../common/utf8_ref.h"

struct u8_case {
	const char *s;
	size_t n;      /* 0: strlen */
	long want;
};

static const struct u8_case cases[] = {
	/* valid */
	{ "", 0, 0 },
	{ "abc", 0, 3 },
	{ "سوريا", 0, 5 },
	{ "دعم المجتمع المدني", 0, 18 },
	{ "Éloïse", 0, 6 },
	{ "€100", 0, 4 },
	{ "😀", 0, 1 },
	{ "a\0b", 3, 3 },                     /* NUL is a valid code point */
	{ "\xc2\x80", 0, 1 },                 /* U+0080, smallest 2-byte */
	{ "\xdf\xbf", 0, 1 },                 /* U+07FF */
	{ "\xe0\xa0\x80", 0, 1 },             /* U+0800, smallest 3-byte */
	{ "\xed\x9f\xbf", 0, 1 },             /* U+D7FF, just below the surrogates */
	{ "\xee\x80\x80", 0, 1 },             /* U+E000, just above */
	{ "\xef\xbf\xbf", 0, 1 },             /* U+FFFF (a noncharacter, still valid) */
	{ "\xef\xbb\xbf", 0, 1 },             /* BOM */
	{ "\xf0\x90\x80\x80", 0, 1 },         /* U+10000, smallest 4-byte */
	{ "\xf4\x8f\xbf\xbf", 0, 1 },         /* U+10FFFF, the last */
	{ "\x7f", 0, 1 },
	/* overlong forms */
	{ "\xc0\x80", 0, -1 },                /* NUL */
	{ "\xc0\xaf", 0, -1 },                /* '/' */
	{ "\xc1\xbf", 0, -1 },
	{ "\xe0\x80\xaf", 0, -1 },
	{ "\xe0\x9f\xbf", 0, -1 },            /* U+07FF in 3 bytes */
	{ "\xf0\x80\x80\xaf", 0, -1 },
	{ "\xf0\x8f\xbf\xbf", 0, -1 },        /* U+FFFF in 4 bytes */
	{ "\xf8\x80\x80\x80\xaf", 0, -1 },    /* 5-byte form */
	{ "\xfc\x80\x80\x80\x80\xaf", 0, -1 },
	/* surrogates, alone and paired (CESU-8) */
	{ "\xed\xa0\x80", 0, -1 },            /* U+D800 */
	{ "\xed\xad\xbf", 0, -1 },            /* U+DB7F */
	{ "\xed\xb0\x80", 0, -1 },            /* U+DC00 */
	{ "\xed\xbf\xbf", 0, -1 },            /* U+DFFF */
	{ "\xed\xa0\xbd\xed\xb8\x80", 0, -1 },
	/* past U+10FFFF */
	{ "\xf4\x90\x80\x80", 0, -1 },
	{ "\xf5\x80\x80\x80", 0, -1 },
	{ "\xf7\xbf\xbf\xbf", 0, -1 },
	/* bytes never used */
	{ "\xfe", 0, -1 },
	{ "\xff", 0, -1 },
	{ "a\xffz", 0, -1 },
	/* stray continuation bytes */
	{ "\x80", 0, -1 },
	{ "\xbf", 0, -1 },
	{ "a\x80", 0, -1 },
	{ "\xc3\xa9\xa9", 0, -1 },
	/* missing continuation */
	{ "\xc3\x41", 0, -1 },
	{ "\xe2\x28\xa1", 0, -1 },
	{ "\xe2\x82\x28", 0, -1 },
	{ "\xf0\x28\x8c\xbc", 0, -1 },
	{ "\xf0\x90\x28\xbc", 0, -1 },
	{ "\xf0\x90\x8c\x28", 0, -1 },
	{ "\xc3\xc3\xa9", 0, -1 },
	/* truncated at the end of the string */
	{ "\xc3", 0, -1 },
	{ "\xe2\x82", 0, -1 },
	{ "\xf0\x9f\x98", 0, -1 },
	{ "abc\xe2\x82", 0, -1 },
	{ "سوري\xd8", 0, -1 },
	/* truncated by n, even if more bytes follow in memory */
	{ "\xc3\xa9", 1, -1 },
	{ "\xe2\x82\xac", 2, -1 },
	{ "\xf0\x9f\x98\x80", 3, -1 },
	{ "ab\xf0\x9f\x98\x80", 5, -1 },
	{ "\xc3\xa9xyz", 2, 1 },
};

static void test_cases(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = cases[i].n ? cases[i].n : strlen(cases[i].s);
		long got = utf8_count(cases[i].s, n);
		if (got != cases[i].want) {
			print_message("case %zu (", i);
			for (size_t k = 0; k < n; k++)
				print_message("%02x ", (unsigned char)cases[i].s[k]);
			print_message("): got %ld want %ld\n", got, cases[i].want);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}


static long ref_count(const unsigned char *s, size_t n)
{
	long count = 0;
	for (size_t i = 0; i < n; count++) {
		size_t l = ref_seq(s + i, n - i);
		if (!l)
			return -1;
		i += l;
	}
	return count;
}

/* Every input of one, two and three bytes agrees with the reference. */
static void test_exhaustive_short(void **state)
{
	(void)state;
	unsigned char s[3];
	for (unsigned a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		assert_int_equal(utf8_count((char *)s, 1), ref_count(s, 1));
		for (unsigned b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			if (utf8_count((char *)s, 2) != ref_count(s, 2))
				fail_msg("%02x %02x: got %ld want %ld", a, b, utf8_count((char *)s, 2), ref_count(s, 2));
			for (unsigned c = 0; c < 256; c++) {
				s[2] = (unsigned char)c;
				long got = utf8_count((char *)s, 3), want = ref_count(s, 3);
				if (got != want)
					fail_msg("%02x %02x %02x: got %ld want %ld", a, b, c, got, want);
			}
		}
	}
}

/* Four-byte inputs: every first two bytes, with the last two from the
 * boundary values of each byte class. */
static void test_four_bytes(void **state)
{
	(void)state;
	static const unsigned char edge[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xe0, 0xf0, 0xf4, 0xff };
	unsigned char s[4];
	for (unsigned a = 0; a < 256; a++) {
		for (unsigned b = 0; b < 256; b++) {
			for (size_t c = 0; c < sizeof edge; c++) {
				for (size_t d = 0; d < sizeof edge; d++) {
					s[0] = (unsigned char)a;
					s[1] = (unsigned char)b;
					s[2] = edge[c];
					s[3] = edge[d];
					long got = utf8_count((char *)s, 4), want = ref_count(s, 4);
					if (got != want)
						fail_msg("%02x %02x %02x %02x: got %ld want %ld", a, b, s[2], s[3], got, want);
				}
			}
		}
	}
}

/* Encodes cp the standard way; returns the byte count. */
static size_t encode(unsigned cp, unsigned char *o)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Every code point encodes to one valid character except the surrogates;
 * a text of all of them counts them all; cut anywhere inside a character
 * it is invalid. */
static void test_every_code_point(void **state)
{
	(void)state;
	size_t cap = 0x110000 * 4;
	unsigned char *all = malloc(cap);
	assert_non_null(all);
	size_t len = 0;
	long expected = 0;
	for (unsigned cp = 0; cp <= 0x10ffff; cp++) {
		unsigned char b[4];
		size_t n = encode(cp, b);
		long got = utf8_count((char *)b, n);
		int surrogate = cp >= 0xd800 && cp <= 0xdfff;
		if (got != (surrogate ? -1 : 1))
			fail_msg("U+%04X: got %ld", cp, got);
		for (size_t cut = 1; cut < n; cut++)
			if (utf8_count((char *)b, cut) != -1)
				fail_msg("U+%04X cut to %zu bytes was accepted", cp, cut);
		if (!surrogate) {
			memcpy(all + len, b, n);
			len += n;
			expected++;
		}
	}
	assert_int_equal(utf8_count((char *)all, len), expected);
	/* one bad byte at the very end spoils the whole text */
	all[len - 1] = 0xff;
	assert_int_equal(utf8_count((char *)all, len), -1);
	free(all);
}

/* The embedding, override and isolate controls go; the marks (U+200E,
 * U+200F), neighbours (U+2029, U+206A) and Arabic letters stay. */
static void test_strip_bidi_controls(void **state)
{
	(void)state;
	char s[] = "\xe2\x80\xaa" "a\xe2\x80\xab" "b\xe2\x80\xac" "c\xe2\x80\xad" "d\xe2\x80\xae" "e"
		   "\xe2\x81\xa6" "f\xe2\x81\xa7" "g\xe2\x81\xa8" "h\xe2\x81\xa9" "i";
	assert_int_equal(utf8_strip_bidi_controls(s), 9);
	assert_string_equal(s, "abcdefghi");
	char keep[] = "\xe2\x80\x8e" "\xe2\x80\x8f" "\xe2\x80\xa9" "\xe2\x81\xaa" "سعيد";
	size_t n = strlen(keep);
	assert_int_equal(utf8_strip_bidi_controls(keep), n);
	char empty[] = "\xe2\x80\xae";
	assert_int_equal(utf8_strip_bidi_controls(empty), 0);
	assert_string_equal(empty, "");
	assert_true(utf8_is_bidi_control("\xe2\x80\xae"));
	assert_false(utf8_is_bidi_control("\xe2\x80\x8f"));
	assert_false(utf8_is_bidi_control("\xe2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_exhaustive_short),
		cmocka_unit_test(test_four_bytes),
		cmocka_unit_test(test_every_code_point),
		cmocka_unit_test(test_strip_bidi_controls),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
