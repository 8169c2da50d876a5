/*
 * Unit tests for src/core/typo.c: one typing error between a typed and a
 * stored Arabic word, weighed by its kind; anything else is not a typo.
 * And through name_search_score (namematch.c), that a mistyped word now
 * ranks the person it was meant for above an unrelated name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/typo.h"
#include "core/namematch.h"

static double typo(const char *typed, const char *stored)
{
	return typo_similarity(typed, strlen(typed), stored, strlen(stored));
}

static void test_kinds_of_error(void **state)
{
	(void)state;
	assert_float_equal(typo("ممد", "محمد"), 0.85, 1e-9);    /* a letter dropped */
	assert_float_equal(typo("حدم", "حمد"), 0.85, 1e-9);     /* neighbours swapped */
	assert_float_equal(typo("سعيص", "سعيس"), 0.85, 1e-9);   /* a similar letter (ص for س) */
	assert_float_equal(typo("خالج", "خالد"), 0.75, 1e-9);   /* another letter */
	assert_float_equal(typo("محمدد", "محمد"), 0.80, 1e-9);  /* a letter too many */
	assert_float_equal(typo("خليل", "جليل"), 0.85, 1e-9);   /* dots: خ for ج */
}

static void test_not_a_typo(void **state)
{
	(void)state;
	assert_float_equal(typo("محمد", "محمد"), 0.0, 1e-9);   /* equal: the caller's 1 */
	assert_float_equal(typo("حسن", "حسين"), 0.85, 1e-9);   /* one letter: still a typo, ranked below the exact name */
	assert_float_equal(typo("ممد", "محمود"), 0.0, 1e-9);   /* two letters away */
	assert_float_equal(typo("حمد", "دحم"), 0.0, 1e-9);     /* two swaps */
	assert_float_equal(typo("عي", "عل"), 0.0, 1e-9);       /* the stored word under three letters */
	assert_float_equal(typo("", "علي"), 0.0, 1e-9);
	/* malformed UTF-8 and words too long are no typo, never a crash */
	assert_float_equal(typo("\xd9", "علي"), 0.0, 1e-9);
	char longw[200];
	memset(longw, 'a', sizeof longw - 1);
	longw[sizeof longw - 1] = 0;
	assert_float_equal(typo(longw, longw + 1), 0.0, 1e-9);
}

/* The cases the search evaluation missed before (bench/search_eval.py):
 * the person meant now scores above the names that outranked them. */
static void test_search_ranking(void **state)
{
	(void)state;
	struct { const char *q, *meant, *other; } cases[] = {
		{ "سعاد الحدم", "سعاد علي الحمد", "هدى سعد الأحمد" },
		{ "ألم العلي", "أمل محمد العلي", "علي محمد المطر" },
		{ "محمود محمد الممد", "محمود محمد المحمد", "محمود محمد الحمد" },
		{ "هدى محمد العر", "هدى محمد العمر", "هدى محمد العلي" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct name_searcher *s = name_searcher_new(cases[i].q);
		assert_non_null(s);
		double meant = name_searcher_score(s, cases[i].meant), other = name_searcher_score(s, cases[i].other);
		if (!(meant > other))
			fail_msg("%s: %s scores %.3f, %s %.3f", cases[i].q, cases[i].meant, meant, cases[i].other, other);
		/* the exact name stays first */
		assert_true(name_searcher_score(s, cases[i].q) > meant);
		name_searcher_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_of_error),
		cmocka_unit_test(test_not_a_typo),
		cmocka_unit_test(test_search_ranking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
