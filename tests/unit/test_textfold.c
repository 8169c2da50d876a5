/*
 * Unit tests for src/core/textfold.c: Arabic and Latin folding for matching,
 * separators, invalid UTF-8, buffer variant and size limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/textfold.h"

struct fold_case {
	const char *in;
	const char *want;
};

static const struct fold_case cases[] = {
	/* tashkeel, superscript alef, Quranic marks, tatweel */
	{ "أَحْمَد", "احمد" },
	{ "مُحَمَّدٌ", "محمد" },
	{ "مـــحمد", "محمد" },
	{ "رَحْمٰن", "رحمن" },
	{ "الرَّحِيمِ ۝", "الرحيم" },
	/* hamza-carrying alefs, alef wasla */
	{ "إبراهيم", "ابراهيم" },
	{ "آية", "ايه" },
	{ "ٱلله", "الله" },
	{ "أسامة", "اسامه" },
	/* decomposed input: alef + combining hamza above (U+0654) */
	{ "\xd8\xa7\xd9\x94\xd8\xad\xd9\x85\xd8\xaf", "احمد" },
	/* ى→ي, ة→ه, ؤ→و, ئ→ي */
	{ "مصطفى", "مصطفي" },
	{ "فاطمة", "فاطمه" },
	{ "فؤاد", "فواد" },
	{ "عائشة", "عايشه" },
	{ "مسؤول", "مسوول" },
	/* Persian letters */
	{ "کریم", "كريم" },
	{ "ی", "ي" },
	/* digits */
	{ "٠١٢٣٤٥٦٧٨٩", "0123456789" },
	{ "۰۱۲۳۴۵۶۷۸۹", "0123456789" },
	{ "رقم ٤٥", "رقم 45" },
	/* presentation forms (as pasted from some PDFs) */
	{ "\xef\xbb\xb7\xef\xbb\xa3\xef\xba\x8e\xef\xbb\xa5", "لامان" },
	/* Latin: case, accents, ligatures, full width, sharp s */
	{ "Mohammed", "mohammed" },
	{ "MUHAMMAD", "muhammad" },
	{ "Éloïse Müller", "eloise muller" },
	{ "Straße", "strasse" },
	{ "ﬁle", "file" },
	{ "ＡＢＣ１２", "abc12" },
	{ "İstanbul", "istanbul" },
	{ "Cafe\xcc\x81", "cafe" },
	/* separators: whitespace, punctuation, symbols collapse and trim */
	{ "  عبد   الله  ", "عبد الله" },
	{ "al-Hassan, Ali.", "al hassan ali" },
	{ "محمد،أحمد؛ علي؟", "محمد احمد علي" },
	{ "a\tb\nc\r\nd", "a b c d" },
	{ "x\xc2\xa0y", "x y" },
	{ "--++--", "" },
	{ "", "" },
	{ "O'Neil", "o neil" },
	/* format characters are dropped without a space */
	{ "نور\xe2\x80\x8cالدين", "نورالدين" },
	{ "\xe2\x80\x8f" "محمد" "\xe2\x80\x8e", "محمد" },
	{ "so\xc2\xad" "ft", "soft" },
	{ "\xd8\x9c" "علي", "علي" },
	/* mixed scripts */
	{ "Ali علي 12", "ali علي 12" },
};

static void test_fold_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_fold(cases[i].in, strlen(cases[i].in));
		assert_non_null(got);
		if (strcmp(got, cases[i].want) != 0)
			print_error("case %zu: fold(\"%s\") = \"%s\", want \"%s\"\n",
					i, cases[i].in, got, cases[i].want);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Pairs that must fold to the same string. */
static const char *const equal_pairs[][2] = {
	{ "مدرسة", "مدرسه" },
	{ "أحمد", "احمد" },
	{ "إيمان", "ايمان" },
	{ "هدى", "هدي" },
	{ "عبدالله", "عَبْدُالله" },
	{ "Zoë", "ZOE" },
	{ "Ahmed  Ali", "ahmed-ali" },
	{ "٠٩٤٤", "0944" },
	{ "مؤمن", "مومن" },
};

static void test_fold_equal_pairs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof equal_pairs / sizeof equal_pairs[0]; i++) {
		char *a = text_fold(equal_pairs[i][0], strlen(equal_pairs[i][0]));
		char *b = text_fold(equal_pairs[i][1], strlen(equal_pairs[i][1]));
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

/* Compound names as typed: folding removes what hides the words (tashkeel,
 * tatweel, a zero-width non-joiner glues the two halves) but keeps words
 * apart where they were typed apart; joining عبد + الله is the search
 * terms' job (namematch's name_terms), so both spellings reach it clean. */
static void test_fold_compounds(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "عبـد الله", "عبد الله" },
		{ "عَبْدُ اللهِ", "عبد الله" },
		{ "عبد\xe2\x80\x8c" "الله", "عبدالله" },
		{ "عبد\xc2\xa0الله", "عبد الله" },
		{ "أبو بكر", "ابو بكر" },
		{ "أبوبكر", "ابوبكر" },
		{ "Abd-Allah", "abd allah" },
		{ "ABDUL RAHMAN", "abdul rahman" },
		{ "العبد الله", "العبد الله" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_fold(cases[i][0], strlen(cases[i][0]));
		assert_non_null(got);
		if (strcmp(got, cases[i][1]) != 0)
			print_error("fold(\"%s\") = \"%s\", want \"%s\"\n", cases[i][0], got, cases[i][1]);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

static const char *const invalid_utf8[] = {
	"\xff",
	"abc\x80",
	"\xc3",              /* truncated two-byte sequence */
	"\xe2\x82",          /* truncated three-byte sequence */
	"\xc0\x80",          /* overlong NUL */
	"\xe0\x80\xaf",      /* overlong slash */
	"\xed\xa0\x80",      /* UTF-16 surrogate */
	"\xf4\x90\x80\x80",  /* above U+10FFFF */
	"\xd9\x85\xd8",      /* Arabic letter then a truncated one */
};

static void test_fold_invalid(void **state)
{
	(void)state;
	char buf[64];
	for (size_t i = 0; i < sizeof invalid_utf8 / sizeof invalid_utf8[0]; i++) {
		const char *s = invalid_utf8[i];
		assert_null(text_fold(s, strlen(s)));
		assert_int_equal(text_fold_buf(s, strlen(s), buf, sizeof buf), -1);
		assert_string_equal(buf, "");
	}
	/* length bounds the input: a valid prefix of an invalid string is fine */
	char *p = text_fold("ab\xff", 2);
	assert_non_null(p);
	assert_string_equal(p, "ab");
	free(p);
	/* a multibyte character cut by len is invalid */
	assert_null(text_fold("\xd9\x85", 1));
}

static void test_fold_embedded_nul(void **state)
{
	(void)state;
	const char in[] = { 'a', '\0', 'b' };
	char *p = text_fold(in, sizeof in);
	assert_non_null(p);
	assert_string_equal(p, "a b");
	free(p);
}

static void test_fold_null_input(void **state)
{
	(void)state;
	char buf[4];
	char *p = text_fold(NULL, 0);
	assert_non_null(p);
	assert_string_equal(p, "");
	free(p);
	assert_null(text_fold(NULL, 3));
	assert_int_equal(text_fold_buf(NULL, 0, buf, sizeof buf), 0);
	assert_int_equal(text_fold_buf("a", 1, NULL, 10), -1);
	assert_int_equal(text_fold_buf("a", 1, buf, 0), -1);
}

static void test_fold_buf(void **state)
{
	(void)state;
	char buf[16];
	const char *s = "أَحْمَد";
	int n = text_fold_buf(s, strlen(s), buf, sizeof buf);
	assert_int_equal(n, 8);
	assert_string_equal(buf, "احمد");

	/* exactly enough room: 8 bytes + NUL */
	char small[9];
	assert_int_equal(text_fold_buf(s, strlen(s), small, sizeof small), 8);
	assert_string_equal(small, "احمد");
	/* one byte short */
	char tiny[8];
	assert_int_equal(text_fold_buf(s, strlen(s), tiny, sizeof tiny), -1);
	assert_string_equal(tiny, "");
}

static void test_fold_flags(void **state)
{
	(void)state;
	char buf[64];
	const char *s = "فاطمة مصطفى عائشة فؤاد";
	assert_true(text_fold_buf_ex(s, strlen(s), buf, sizeof buf,
			TEXT_FOLD_KEEP_TEH_MARBUTA | TEXT_FOLD_KEEP_ALEF_MAKSURA |
			TEXT_FOLD_KEEP_HAMZA_SEATS) > 0);
	assert_string_equal(buf, "فاطمة مصطفى عائشة فؤاد");
	assert_true(text_fold_buf_ex(s, strlen(s), buf, sizeof buf,
			TEXT_FOLD_KEEP_TEH_MARBUTA) > 0);
	assert_string_equal(buf, "فاطمة مصطفي عايشة فواد");
	char *p = text_fold_ex("أُمّ", strlen("أُمّ"), TEXT_FOLD_KEEP_HAMZA_SEATS);
	assert_non_null(p);
	assert_string_equal(p, "ام");
	free(p);
}

/* Text that grows when folded (the ligature ﷺ is 3 bytes and folds to 33) must be
 * handled by the growing buffer of text_fold and rejected by a small fixed
 * buffer. */
static void test_fold_growth(void **state)
{
	(void)state;
	char in[4 * 40 + 1];
	size_t n = 0;
	for (int i = 0; i < 40; i++) {
		memcpy(in + n, "\xef\xb7\xba ", 4);
		n += 4;
	}
	in[n] = '\0';
	char *p = text_fold(in, n);
	assert_non_null(p);
	assert_true(strlen(p) > 40 * 30);
	assert_int_equal(strncmp(p, "صلي الله عليه وسلم صلي", strlen("صلي الله عليه وسلم صلي")), 0);
	free(p);
	char buf[64];
	assert_int_equal(text_fold_buf(in, n, buf, sizeof buf), -1);
}

/* Folding is idempotent: folding folded text changes nothing. */
static void test_fold_idempotent(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *a = text_fold(cases[i].in, strlen(cases[i].in));
		assert_non_null(a);
		char *b = text_fold(a, strlen(a));
		assert_non_null(b);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

/* A long input of mixed text folds without error and without separators at
 * either end. */
static void test_fold_long(void **state)
{
	(void)state;
	const char *unit = " مُحَمَّد Müller، ";
	size_t ul = strlen(unit);
	size_t reps = 5000;
	char *in = malloc(ul * reps);
	assert_non_null(in);
	for (size_t i = 0; i < reps; i++)
		memcpy(in + i * ul, unit, ul);
	char *p = text_fold(in, ul * reps);
	assert_non_null(p);
	size_t pl = strlen(p);
	assert_true(pl > 0);
	assert_true(p[0] != ' ' && p[pl - 1] != ' ');
	assert_null(strstr(p, "  "));
	assert_int_equal(strncmp(p, "محمد muller محمد", strlen("محمد muller محمد")), 0);
	free(p);
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_fold_equal_pairs),
		cmocka_unit_test(test_fold_compounds),
		cmocka_unit_test(test_fold_invalid),
		cmocka_unit_test(test_fold_embedded_nul),
		cmocka_unit_test(test_fold_null_input),
		cmocka_unit_test(test_fold_buf),
		cmocka_unit_test(test_fold_flags),
		cmocka_unit_test(test_fold_growth),
		cmocka_unit_test(test_fold_idempotent),
		cmocka_unit_test(test_fold_long),
	};
	return cmocka_run_group_tests_name("textfold", tests, NULL, NULL);
}
