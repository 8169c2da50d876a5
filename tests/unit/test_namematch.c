/*
 * Unit tests for src/core/namematch.c: cross-script name similarity around
 * NAME_MATCH_THRESHOLD, the phonetic key, the search terms (compound names
 * such as عبد الله / عبدالله give the same terms; Alahmad keyed as الأحمد),
 * the ranking of search results (name_search_score), and robustness against
 * hostile input. The broader accuracy measurement lives in namematch_eval.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/namematch.h"

struct name_pair {
	const char *a;
	const char *b;
};

/* Spellings of the same name: must score at or above the threshold. */
static const struct name_pair same[] = {
	{ "Mohammed", "MUHAMMAD" },
	{ "محمد", "Mohammed" },
	{ "محمد", "Mohamed" },
	{ "مُحَمَّد", "Muhammad" },
	{ "محمد", "Mhd" },
	{ "أحمد", "Ahmed" },
	{ "احمد", "أحمد" },
	{ "عبد الله", "Abdullah" },
	{ "عبدالله", "Abd Allah" },
	{ "عبد الرحمن", "Abdel-Rahman" },
	{ "عبد الرحمن", "Abdurrahman" },
	{ "عبد القادر", "Abdelkader" },
	{ "نور الدين", "Noureddine" },
	{ "أبو بكر", "Abu Bakr" },
	{ "حسين", "Hussein" },
	{ "حسن", "Hassan" },
	{ "خالد", "Khalid" },
	{ "عمر", "Omar" },
	{ "علي", "Ali" },
	{ "يوسف", "Youssef" },
	{ "إبراهيم", "Ibrahim" },
	{ "مصطفى", "Mostafa" },
	{ "فاطمة", "Fatima" },
	{ "فاطمة", "فاطمه" },
	{ "عائشة", "Aisha" },
	{ "زينب", "Zeinab" },
	{ "هدى", "Huda" },
	{ "آية", "Aya" },
	{ "مريم", "Maryam" },
	{ "رهف", "Rahaf" },
	{ "سعيد", "Sa'eed" },
	{ "شادي", "Chadi" },
	{ "الحسن", "Al-Hassan" },
	{ "الجاسم", "al Jasem" },
	{ "العلي", "Ali" },
	{ "محمد أحمد العلي", "Mohammad Ahmad Al-Ali" },
	{ "محمد أحمد العلي", "Al-Ali, Mohammed Ahmed" },
	{ "خالد عمر الحسن", "KHALED OMAR ALHASSAN" },
	{ "عبد الله محمد الجاسم", "Abdullah Mohammed Al-Jasem" },
	{ "محمد العلي", "محمد أحمد العلي" },
};

/* Different names that look alike: must score below the threshold. */
static const struct name_pair different[] = {
	{ "محمد", "محمود" },
	{ "Mohammed", "Mahmoud" },
	{ "محمد", "Mahmoud" },
	{ "حسن", "حسين" },
	{ "Hassan", "Hussein" },
	{ "أحمد", "حامد" },
	{ "Ahmad", "Hamid" },
	{ "علي", "عليا" },
	{ "Ali", "Alia" },
	{ "سعيد", "سعد" },
	{ "Amal", "Amani" },
	{ "عمر", "عمرو" },
	{ "خالد", "خليل" },
	{ "نور", "نورا" },
	{ "عبد الله", "عبد الرحمن" },
	{ "محمد أحمد العلي", "محمود أحمد العلي" },
	{ "حسن علي الخلف", "حسين علي الخلف" },
	{ "محمد أحمد العلي", "محمد أحمد الحسن" },
	{ "Fatima Ali Al-Khalaf", "Fatima Ali Al-Jasem" },
	{ "محمد", "Sara" },
};

static void test_similarity_same(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		double s = name_similarity(same[i].a, same[i].b);
		if (s < NAME_MATCH_THRESHOLD)
			print_error("same %zu: \"%s\" vs \"%s\" = %.3f\n", i,
					same[i].a, same[i].b, s);
		assert_true(s >= NAME_MATCH_THRESHOLD);
		assert_true(s <= 1.0);
	}
}

static void test_similarity_different(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof different / sizeof different[0]; i++) {
		double s = name_similarity(different[i].a, different[i].b);
		if (s >= NAME_MATCH_THRESHOLD)
			print_error("different %zu: \"%s\" vs \"%s\" = %.3f\n", i,
					different[i].a, different[i].b, s);
		assert_true(s < NAME_MATCH_THRESHOLD);
		assert_true(s >= 0.0);
	}
}

static void test_similarity_properties(void **state)
{
	(void)state;
	/* identical names, and spellings that fold to the same text */
	assert_true(name_similarity("محمد", "محمد") == 1.0);
	assert_true(name_similarity("Ahmad Ali", "ahmad   ALI") == 1.0);
	assert_true(name_similarity("أَحْمَد", "احمد") == 1.0);
	/* word order does not matter */
	assert_true(name_similarity("علي محمد", "محمد علي") == 1.0);
	/* symmetric */
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		double x = name_similarity(same[i].a, same[i].b);
		double y = name_similarity(same[i].b, same[i].a);
		assert_true(x == y);
	}
	for (size_t i = 0; i < sizeof different / sizeof different[0]; i++) {
		double x = name_similarity(different[i].a, different[i].b);
		double y = name_similarity(different[i].b, different[i].a);
		assert_true(x == y);
	}
	/* a left-out word lowers the score but the names still match */
	double full = name_similarity("محمد أحمد العلي", "محمد أحمد العلي");
	double part = name_similarity("محمد العلي", "محمد أحمد العلي");
	assert_true(part < full);
	assert_true(part >= NAME_MATCH_THRESHOLD);
}

static void test_similarity_bad_input(void **state)
{
	(void)state;
	assert_true(name_similarity(NULL, "Ali") == 0.0);
	assert_true(name_similarity("Ali", NULL) == 0.0);
	assert_true(name_similarity("", "") == 0.0);
	assert_true(name_similarity("   ", "Ali") == 0.0);
	assert_true(name_similarity("12345", "12345") == 0.0);
	assert_true(name_similarity("...", "Ali") == 0.0);
	assert_true(name_similarity("Al\xff", "Ali") == 0.0);
	assert_true(name_similarity("\xd8", "\xd8") == 0.0);

	char big[NAME_INPUT_MAX + 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_true(name_similarity(big, big) == 0.0);
	big[NAME_INPUT_MAX] = '\0';
	double s = name_similarity(big, big);
	assert_true(s >= 0.0 && s <= 1.0);
}

/* Long names, many words, long words and odd characters stay in range and
 * do not crash (run under -fsanitize=address,undefined). */
static void test_similarity_stress(void **state)
{
	(void)state;
	char a[NAME_INPUT_MAX + 1], b[NAME_INPUT_MAX + 1];
	/* 40 words: only the first NAME_MAX_WORDS count */
	size_t n = 0;
	for (int i = 0; i < 40 && n + 8 < sizeof a; i++)
		n += (size_t)snprintf(a + n, sizeof a - n, "%s ",
				i % 2 ? "محمد" : "Ali");
	a[n] = '\0';
	double s = name_similarity(a, a);
	assert_true(s > 0.99 && s <= 1.0);
	/* one Arabic word of 250 letters */
	n = 0;
	while (n + 2 < sizeof b - 1) {
		memcpy(b + n, "\xd9\x85", 2);
		n += 2;
	}
	b[n] = '\0';
	s = name_similarity(b, "محمد");
	assert_true(s >= 0.0 && s <= 1.0);
	s = name_similarity(b, b);
	assert_true(s >= 0.0 && s <= 1.0);
	/* compound words that would overflow when joined */
	n = 0;
	for (int i = 0; i < 60 && n + 9 < sizeof a; i++)
		n += (size_t)snprintf(a + n, sizeof a - n, "%s ",
				i % 2 ? "الله" : "عبد");
	a[n] = '\0';
	s = name_similarity(a, "عبد الله");
	assert_true(s >= 0.0 && s <= 1.0);
	/* pseudo-random bytes from a fixed seed */
	uint32_t seed = 12345;
	for (int round = 0; round < 2000; round++) {
		size_t la = 1 + round % 60, lb = 1 + (round * 7) % 60;
		for (size_t i = 0; i < la; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = (char)(seed >> 16);
		}
		a[la] = '\0';
		for (size_t i = 0; i < lb; i++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly Arabic letters and ASCII */
			unsigned r = (seed >> 16) & 0xff;
			b[i] = (char)(r < 128 ? r : (i % 2 ? 0xd8 : 0x80 + (r & 0x3f)));
		}
		b[lb] = '\0';
		s = name_similarity(a, b);
		assert_true(s >= 0.0 && s <= 1.0);
		char key[NAME_KEY_SIZE];
		int k = name_key(a, key, sizeof key);
		assert_true(k >= -1 && k < (int)sizeof key);
		k = name_key(b, key, sizeof key);
		assert_true(k >= -1 && k < (int)sizeof key);
	}
}

static void test_key_values(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		const char *key;
	} cases[] = {
		{ "محمد", "mhmd" },
		{ "Mohammed", "mhmd" },
		{ "Muhammad", "mhmd" },
		{ "محمد أحمد العلي", "hmd l mhmd" },
		{ "Ahmed Al-Ali Mohammad", "hmd l mhmd" },
		{ "عبد الرحمن", "bdlrhmn" },
		{ "Abdulrahman", "bdlrhmn" },
		{ "Abdel Rahman", "bdlrhmn" },
		{ "Abd al-Rahman", "bdlrhmn" },
		{ "عبد الله", "bdl" },
		{ "Abdallah", "bdl" },
		{ "حسين", "hsn" },
		{ "Hussein", "hsn" },
		{ "خالد", "xld" },
		{ "Khaled", "xld" },
		{ "يوسف", "ysf" },
		{ "Youssef", "ysf" },
		{ "الحسن", "hsn" },
		{ "Al-Hassan", "hsn" },
		{ "شادي", "sd" },
		{ "Chadi", "sd" },
		{ "آية", "_" },
		{ "Aya", "_" },
		{ "", "" },
		{ "  ...  ", "" },
	};
	char key[NAME_KEY_SIZE];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int n = name_key(cases[i].name, key, sizeof key);
		if (n < 0 || strcmp(key, cases[i].key) != 0)
			print_error("key(\"%s\") = %d \"%s\", want \"%s\"\n",
					cases[i].name, n, key, cases[i].key);
		assert_int_equal(n, (int)strlen(cases[i].key));
		assert_string_equal(key, cases[i].key);
	}
}

/* Every "same" pair of first names in one script against the other gets
 * the same key, except where the key is documented to be coarse. */
static void test_key_same_pairs(void **state)
{
	(void)state;
	char ka[NAME_KEY_SIZE], kb[NAME_KEY_SIZE];
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		/* a left-out father's name changes the key */
		if (i == sizeof same / sizeof same[0] - 1)
			continue;
		assert_true(name_key(same[i].a, ka, sizeof ka) >= 0);
		assert_true(name_key(same[i].b, kb, sizeof kb) >= 0);
		if (strcmp(ka, kb) != 0)
			print_error("key %zu: \"%s\" [%s] vs \"%s\" [%s]\n", i,
					same[i].a, ka, same[i].b, kb);
		assert_string_equal(ka, kb);
	}
}

static void test_key_bad_input(void **state)
{
	(void)state;
	char key[NAME_KEY_SIZE];
	memset(key, 'x', sizeof key);
	assert_int_equal(name_key(NULL, key, sizeof key), -1);
	assert_string_equal(key, "");
	assert_int_equal(name_key("Ali", NULL, 10), -1);
	assert_int_equal(name_key("Ali", key, 0), -1);
	assert_int_equal(name_key("Al\xff", key, sizeof key), -1);
	assert_string_equal(key, "");
	/* "hmd l mhmd" needs 11 bytes */
	char small[11];
	assert_int_equal(name_key("محمد أحمد العلي", small, sizeof small), 10);
	assert_string_equal(small, "hmd l mhmd");
	char tiny[10];
	assert_int_equal(name_key("محمد أحمد العلي", tiny, sizeof tiny), -1);
	assert_string_equal(tiny, "");
	char big[NAME_INPUT_MAX + 2];
	memset(big, 'b', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(name_key(big, key, sizeof key), -1);
}

/* ---- search terms ---- */

/* "text|key text|key …" of a name's terms. */
static void terms_str(const char *name, char *out, size_t n)
{
	struct name_term t[16];
	int k = name_terms(name, t, 16);
	assert_true(k >= 0);
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < k; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s|%s", i ? " " : "", t[i].text, t[i].key);
}

/* Spellings of one name, written apart or together, with tashkeel, tatweel,
 * a zero-width non-joiner or a hyphen: the search sees the same terms, so
 * each finds what the others find. */
static void test_terms_compounds_written_apart_or_together(void **state)
{
	(void)state;
	static const char *const groups[][6] = {
		{ "عبد الله", "عبدالله", "عَبْدُ الله", "عبـد الله", "عبد\xe2\x80\x8c" "الله", NULL },
		{ "عبد الرحمن", "عبدالرحمن", "عبد  الرحمن", NULL },
		{ "أبو بكر", "ابوبكر", "ابو بكر", NULL },
		{ "نور الدين", "نورالدين", NULL },
		{ "العبد الله", "العبدالله", NULL },
		{ "محمد عبد الله العلي", "محمد عبدالله العلي", "محمد عبدالله ال علي", NULL },
		{ "Abd Allah", "Abd-Allah", "abdallah", NULL },
		{ "Abdul Rahman", "Abdulrahman", "Abdul-Rahman", NULL },
		{ "Abu Bakr", "Abubakr", "ABU BAKR", NULL },
		{ "Al Ali", "Al-Ali", "alali", NULL },
	};
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
		char first[512], other[512];
		terms_str(groups[g][0], first, sizeof first);
		for (int i = 1; groups[g][i]; i++) {
			terms_str(groups[g][i], other, sizeof other);
			if (strcmp(first, other) != 0)
				print_error("terms(\"%s\") = %s, terms(\"%s\") = %s\n", groups[g][0], first, groups[g][i], other);
			assert_string_equal(first, other);
		}
	}
	/* across scripts and Latin spellings the key is shared */
	static const char *const abdullah[] = { "عبد الله", "Abdullah", "Abdallah", "Abd Allah", "Abdulla", NULL };
	for (int i = 0; abdullah[i]; i++) {
		struct name_term t[4];
		assert_int_equal(name_terms(abdullah[i], t, 4), 1);
		assert_string_equal(t[0].key, "bdl");
	}
}

static void test_terms_values(void **state)
{
	(void)state;
	static const struct {
		const char *name, *terms;
	} cases[] = {
		{ "عبد الله محمد العلي", "عبدالله|bdl محمد|mhmd العلي|l" },
		{ "جمعية شباب الرقة التطوعية", "جمعيه|jm شباب|sb الرقه|rk التطوعيه|t" },
		{ "Raqqa Youth Volunteer Association", "raqqa|rk youth|yt volunteer|flntr association|sktn" },
		{ "عبد الرح", "عبدالرح|bdlr" },   /* a compound typed halfway */
		{ "عبد", "عبد|bd" },
		{ "Sa'id", "said|sd" },
		{ "هدى", "هدي|hd" },               /* text_fold's default: ى → ي */
		{ "آية", "ايه|" },                /* no consonant: no key */
		{ "جمعية 12", "جمعيه|jm 12|" },    /* digits are a word without a key */
		{ "", "" },
		{ " ... ", "" },
	};
	char got[512];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		terms_str(cases[i].name, got, sizeof got);
		if (strcmp(got, cases[i].terms) != 0)
			print_error("terms(\"%s\") = \"%s\", want \"%s\"\n", cases[i].name, got, cases[i].terms);
		assert_string_equal(got, cases[i].terms);
	}
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The terms' keys are the words of name_key: the index and the duplicate
 * finder's blocking read names alike. */
static void test_terms_keys_are_name_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		const char *names[2] = { same[i].a, same[i].b };
		for (int j = 0; j < 2; j++) {
			struct name_term t[NAME_MAX_WORDS];
			int n = name_terms(names[j], t, NAME_MAX_WORDS);
			assert_true(n >= 0);
			const char *keys[NAME_MAX_WORDS];
			int nk = 0;
			for (int k = 0; k < n; k++)
				keys[nk++] = *t[k].key ? t[k].key : "_";
			qsort(keys, (size_t)nk, sizeof *keys, cmp_cstr);
			char joined[NAME_KEY_SIZE] = "", key[NAME_KEY_SIZE];
			size_t len = 0;
			for (int k = 0; k < nk; k++)
				len += (size_t)snprintf(joined + len, sizeof joined - len, "%s%s", k ? " " : "", keys[k]);
			assert_true(name_key(names[j], key, sizeof key) >= 0);
			if (strcmp(joined, key) != 0)
				print_error("\"%s\": terms' keys \"%s\", name_key \"%s\"\n", names[j], joined, key);
			assert_string_equal(joined, key);
		}
	}
}

static void test_terms_bad_input(void **state)
{
	(void)state;
	struct name_term t[4];
	assert_int_equal(name_terms(NULL, t, 4), -1);
	assert_int_equal(name_terms("Ali", NULL, 4), -1);
	assert_int_equal(name_terms("Ali", t, 0), -1);
	assert_int_equal(name_terms("Al\xff", t, 4), -1);
	char big[NAME_INPUT_MAX + 2];
	memset(big, 'b', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(name_terms(big, t, 4), -1);
	/* at most max terms; a word longer than a term holds is left out */
	assert_int_equal(name_terms("a b c d e f", t, 4), 4);
	char longword[200];
	memset(longword, 'k', sizeof longword - 1);
	longword[sizeof longword - 1] = '\0';
	assert_int_equal(name_terms(longword, t, 4), 0);
}

/* A Latin family name with al- joined to a vowel (Alahmad, Alomar, Alissa)
 * has a second key: that of the Arabic name it transliterates, so that
 * search finds الأحمد, العمر, العيسى (it found nothing).  al- before a
 * consonant (Alhassan) is an article already; Alaa, Alawi get none. */
static void test_terms_second_key(void **state)
{
	(void)state;
	static const struct {
		const char *latin, *arabic;
	} cases[] = {
		{ "Alahmad", "الأحمد" }, { "Alomar", "العمر" }, { "Alissa", "العيسى" },
		{ "Aleissa", "العيسى" }, { "Elahmed", "الأحمد" }, { "Alibrahim", "الإبراهيم" },
		{ "Alobaid", "العبيد" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct name_term l[2], a[2];
		assert_int_equal(name_terms(cases[i].latin, l, 2), 1);
		assert_int_equal(name_terms(cases[i].arabic, a, 2), 1);
		if (strcmp(l[0].key2, a[0].key) != 0)
			print_error("%s: second key \"%s\", %s keyed \"%s\"\n", cases[i].latin, l[0].key2,
				    cases[i].arabic, a[0].key);
		assert_string_equal(l[0].key2, a[0].key);
		assert_string_not_equal(l[0].key, a[0].key);  /* the first key alone missed it */
		assert_string_equal(a[0].key2, "");           /* Arabic: one key */
	}
	static const char *const none[] = { "Alhassan", "Al-Ahmad", "Alaa", "Alawi", "Ali", "Alali", "Ahmad" };
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		struct name_term t[2];
		assert_true(name_terms(none[i], t, 2) >= 1);
		assert_string_equal(t[0].key2, "");
	}
}

/* The rank (1 = first) of want among names by name_search_score to query:
 * 1 + the names scoring above it (a name as close, of the same words in
 * the same places, is as right). */
static int search_rank(const char *query, const char *want, const char *const *names)
{
	double ws = name_search_score(query, want);
	int rank = 1;
	for (const char *const *n = names; *n; n++)
		if (name_search_score(query, *n) > ws)
			rank++;
	return rank;
}

/* Search ranks the exact transliteration of a word first (Mahmoud: محمود
 * before محمد; Hassan: حسن before حسين; Khalil: الخليل before الخلف); a
 * full name in the order people type it before the same words in other
 * places; a family name asked (Al-Ahmad) before the first name. */
static void test_search_score_ranks(void **state)
{
	(void)state;
	static const char *const names[] = {
		"محمد خالد العلي", "محمود خالد العلي", "حسن أحمد الخلف", "حسين أحمد الخلف",
		"يوسف محمد الخليل", "يوسف محمد الخلف", "محمد خالد الأحمد", "أحمد محمد الأحمد",
		"أحمد حسن العمر", "خالد أحمد العمر", "عيسى علي الحسن", "محمد علي العيسى",
		"محمد عيسى العلي", "عائشة محمد العيسى", "فاطمة أحمد الحسين", "فاطمة حسن الحسن", NULL,
	};
	static const struct {
		const char *query, *want, *below;  /* below: a near name ranked after want */
	} cases[] = {
		{ "Mahmoud", "محمود خالد العلي", "محمد خالد العلي" },
		{ "Mohammad", "محمد خالد العلي", "محمود خالد العلي" },
		{ "Hassan", "حسن أحمد الخلف", "حسين أحمد الخلف" },
		{ "Hussein", "حسين أحمد الخلف", "حسن أحمد الخلف" },
		{ "Khalil", "يوسف محمد الخليل", "يوسف محمد الخلف" },
		{ "Issa", "عيسى علي الحسن", "عائشة محمد العيسى" },
		{ "Al-Ahmad", "محمد خالد الأحمد", "أحمد حسن العمر" },
		{ "Mohammad Alahmad", "محمد خالد الأحمد", "أحمد محمد الأحمد" },
		{ "Mohammed Al Ahmad", "محمد خالد الأحمد", "أحمد محمد الأحمد" },
		{ "Alahmad Mohammad", "محمد خالد الأحمد", "أحمد محمد الأحمد" },  /* family name first */
		{ "Ahmad Mohammad Alahmad", "أحمد محمد الأحمد", "محمد خالد الأحمد" },
		{ "Khaled Alomar", "خالد أحمد العمر", "أحمد حسن العمر" },
		{ "Yousef Al-Khalil", "يوسف محمد الخليل", "يوسف محمد الخلف" },
		{ "Muhammad Al-Issa", "محمد علي العيسى", "محمد عيسى العلي" },
		{ "Mouhamed Aleissa", "محمد علي العيسى", "محمد عيسى العلي" },
		{ "Fatma Alhussain", "فاطمة أحمد الحسين", "فاطمة حسن الحسن" },
		{ "محمد الاحد", "محمد خالد الأحمد", "محمد خالد العلي" },  /* a letter left out */
		{ "حسن الخف", "حسن أحمد الخلف", "حسين أحمد الخلف" },      /* and another */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int rank = search_rank(cases[i].query, cases[i].want, names);
		double w = name_search_score(cases[i].query, cases[i].want);
		double b = name_search_score(cases[i].query, cases[i].below);
		if (rank != 1 || !(w > b))
			print_error("%s: %s ranked %d (%.3f), %s %.3f\n", cases[i].query, cases[i].want, rank, w,
				    cases[i].below, b);
		assert_int_equal(rank, 1);
		assert_true(w > b);
	}
	/* only an order over name_similarity: never below it but for an
	 * article (0.05), above it by the other words and the order only */
	for (const char *const *n = names; *n; n++) {
		double s = name_search_score("Mohammad Alahmad", *n), t = name_similarity("Mohammad Alahmad", *n);
		assert_true(s >= t - 0.05 - 1e-9 && s <= t + 0.25 * (1 - t) + 0.07 + 1e-9);
	}
	/* the searcher (a query read once, words and names remembered) gives
	 * the same scores, asked twice, in any order */
	static const char *const queries[] = { "Mohammad Alahmad", "Hassan", "محمد الاحد", "Al-Ahmad", NULL };
	for (const char *const *q = queries; *q; q++) {
		struct name_searcher *ns = name_searcher_new(*q);
		assert_non_null(ns);
		for (int round = 0; round < 2; round++)
			for (const char *const *n = names; *n; n++)
				assert_true(name_searcher_score(ns, *n) == name_search_score(*q, *n));
		assert_true(name_searcher_score(ns, "") == 0.0);
		assert_true(name_searcher_score(ns, NULL) == 0.0);
		name_searcher_free(ns);
	}
	assert_null(name_searcher_new(NULL));
	assert_true(name_searcher_score(NULL, "محمد") == 0.0);
	name_searcher_free(NULL);
	assert_true(name_search_score(NULL, "محمد") == 0.0);
	assert_true(name_search_score("Mohammad", "") == 0.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_similarity_same),
		cmocka_unit_test(test_similarity_different),
		cmocka_unit_test(test_similarity_properties),
		cmocka_unit_test(test_similarity_bad_input),
		cmocka_unit_test(test_similarity_stress),
		cmocka_unit_test(test_key_values),
		cmocka_unit_test(test_key_same_pairs),
		cmocka_unit_test(test_key_bad_input),
		cmocka_unit_test(test_terms_compounds_written_apart_or_together),
		cmocka_unit_test(test_terms_values),
		cmocka_unit_test(test_terms_keys_are_name_key),
		cmocka_unit_test(test_terms_bad_input),
		cmocka_unit_test(test_terms_second_key),
		cmocka_unit_test(test_search_score_ranks),
	};
	return cmocka_run_group_tests_name("namematch", tests, NULL, NULL);
}
