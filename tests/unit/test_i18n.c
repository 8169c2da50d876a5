/*
 * Unit tests for src/core/i18n.c: the embedded catalogs (every entry of
 * po/ar.po and po/en.po is found by the .mo lookup), language codes and
 * Accept-Language, the per-thread language and digit preference, plurals,
 * and that both catalogs are complete (no untranslated or fuzzy entries,
 * checked with msgfmt --statistics; tests run from the repository root).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "core/i18n.h"
#include "core/strbuf.h"

static int setup(void **state)
{
	(void)state;
	return i18n_init();
}

static int teardown_each(void **state)
{
	(void)state;
	i18n_set_lang(LANG_AR);
	i18n_set_arabic_digits(0);
	return 0;
}

struct tr_case {
	const char *msgid;
	const char *ar;
};

static const struct tr_case tr_cases[] = {
	{ "Sign in", "تسجيل الدخول" },
	{ "The user name or the password is wrong.", "اسم المستخدم أو كلمة المرور غير صحيحة." },
	{ "Enter a whole number.", "أدخل عدداً صحيحاً." },
	{ "This field is required.", "هذا الحقل مطلوب." },
};

static void test_gettext(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof tr_cases / sizeof tr_cases[0]; i++) {
		i18n_set_lang(LANG_AR);
		assert_int_equal(i18n_lang(), LANG_AR);
		assert_string_equal(_(tr_cases[i].msgid), tr_cases[i].ar);
		i18n_set_lang(LANG_EN);
		assert_int_equal(i18n_lang(), LANG_EN);
		assert_string_equal(_(tr_cases[i].msgid), tr_cases[i].msgid);
	}
	/* unknown texts come back unchanged (the same pointer) in both languages */
	static const char unknown[] = "No such message in any catalog 7f3a";
	i18n_set_lang(LANG_AR);
	assert_ptr_equal(_(unknown), unknown);
	assert_ptr_equal(_(""), _(""));
	i18n_set_lang(LANG_EN);
	assert_ptr_equal(_(unknown), unknown);
	/* prefixes and extensions of a known msgid are not matches */
	i18n_set_lang(LANG_AR);
	assert_string_equal(_("Sign"), "Sign");
	assert_string_equal(_("Sign in!"), "Sign in!");
	assert_string_equal(_("sign in"), "sign in");
}

/* Out-of-range languages are ignored. */
static void test_set_lang_bounds(void **state)
{
	(void)state;
	i18n_set_lang(LANG_EN);
	i18n_set_lang(LANG_COUNT);
	assert_int_equal(i18n_lang(), LANG_EN);
	i18n_set_lang((enum lang)-1);
	assert_int_equal(i18n_lang(), LANG_EN);
	i18n_set_lang((enum lang)99);
	assert_int_equal(i18n_lang(), LANG_EN);
	assert_string_equal(lang_table[LANG_AR].code, "ar");
	assert_string_equal(lang_table[LANG_AR].dir, "rtl");
	assert_string_equal(lang_table[LANG_AR].name, "العربية");
	assert_string_equal(lang_table[LANG_EN].code, "en");
	assert_string_equal(lang_table[LANG_EN].dir, "ltr");
}

struct code_case {
	const char *in;
	int want;
};

static const struct code_case code_cases[] = {
	{ "ar", LANG_AR }, { "AR", LANG_AR }, { "ar-SY", LANG_AR }, { "ar_SY", LANG_AR },
	{ "en", LANG_EN }, { "En", LANG_EN }, { "en-GB", LANG_EN }, { "en_US", LANG_EN },
	{ "eng", -1 }, { "english", -1 }, { "arabic", -1 }, { "e", -1 }, { "a", -1 },
	{ "", -1 }, { "fr", -1 }, { "ku", -1 }, { "-en", -1 }, { " en", -1 }, { "*", -1 },
	{ NULL, -1 },
};

static void test_lang_from_code(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof code_cases / sizeof code_cases[0]; i++) {
		int got = i18n_lang_from_code(code_cases[i].in);
		if (got != code_cases[i].want)
			print_message("code \"%s\": got %d want %d\n",
				      code_cases[i].in ? code_cases[i].in : "(null)", got, code_cases[i].want);
		assert_int_equal(got, code_cases[i].want);
	}
}

static const struct code_case accept_cases[] = {
	{ "en-GB,en;q=0.9", LANG_EN },
	{ "fr", -1 },
	{ "ar", LANG_AR },
	{ "ar-SY,ar;q=0.9,en-US;q=0.8,en;q=0.7", LANG_AR },
	{ "fr-FR, ar;q=0.5", LANG_AR },
	{ "de,fr;q=0.8,en;q=0.5", LANG_EN },
	{ "de-DE,de;q=0.9", -1 },
	{ "en-US", LANG_EN },
	{ " , ,en", LANG_EN },
	{ "tr;q=0.9,  en", LANG_EN },
	{ "x-a-very-long-private-language-tag-that-is-long,ar", LANG_AR },
	{ "*", -1 },
	{ "", -1 },
	{ ",,,;;;", -1 },
	{ "english,ar", LANG_AR },
	{ NULL, -1 },
};

static void test_lang_from_accept(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof accept_cases / sizeof accept_cases[0]; i++) {
		int got = i18n_lang_from_accept(accept_cases[i].in);
		if (got != accept_cases[i].want)
			print_message("Accept-Language \"%s\": got %d want %d\n",
				      accept_cases[i].in ? accept_cases[i].in : "(null)", got, accept_cases[i].want);
		assert_int_equal(got, accept_cases[i].want);
	}
}

/* Arabic-Indic digits are on only when asked for and the language is Arabic. */
static void test_arabic_digits(void **state)
{
	(void)state;
	i18n_set_lang(LANG_AR);
	i18n_set_arabic_digits(0);
	assert_int_equal(i18n_arabic_digits(), 0);
	i18n_set_arabic_digits(5);
	assert_int_equal(i18n_arabic_digits(), 1);
	i18n_set_lang(LANG_EN);
	assert_int_equal(i18n_arabic_digits(), 0);
	i18n_set_lang(LANG_AR);
	assert_int_equal(i18n_arabic_digits(), 1);
}

struct thread_result {
	enum lang initial;
	int initial_digits;
	const char *sign_in;
};

static void *other_thread(void *arg)
{
	struct thread_result *res = arg;
	res->initial = i18n_lang();
	res->initial_digits = i18n_arabic_digits();
	res->sign_in = _("Sign in");
	/* changing here must not leak into the main thread */
	i18n_set_lang(LANG_AR);
	i18n_set_arabic_digits(1);
	return NULL;
}

/* The language is per thread: a new thread starts in Arabic with Latin
 * digits whatever the creating thread chose, and its changes stay its own. */
static void test_per_thread(void **state)
{
	(void)state;
	i18n_set_lang(LANG_EN);
	i18n_set_arabic_digits(0);
	struct thread_result res = { LANG_COUNT, -1, NULL };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, other_thread, &res), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(res.initial, LANG_AR);
	assert_int_equal(res.initial_digits, 0);
	assert_string_equal(res.sign_in, "تسجيل الدخول");
	assert_int_equal(i18n_lang(), LANG_EN);
	assert_string_equal(_("Sign in"), "Sign in");
}

/* Without a catalog entry, plurals fall back to English rules. */
static void test_ngettext_fallback(void **state)
{
	(void)state;
	static const char one[] = "%ld item not in catalog", many[] = "%ld items not in catalog";
	for (int l = 0; l < LANG_COUNT; l++) {
		i18n_set_lang((enum lang)l);
		assert_ptr_equal(i18n_ngettext(one, many, 1), one);
		assert_ptr_equal(i18n_ngettext(one, many, 0), many);
		assert_ptr_equal(i18n_ngettext(one, many, 2), many);
		assert_ptr_equal(i18n_ngettext(one, many, -1), many);
		assert_ptr_equal(i18n_ngettext(one, many, 1000000), many);
	}
	/* a key too long for the lookup buffer still falls back safely */
	char longid[600];
	memset(longid, 'm', sizeof longid - 1);
	longid[sizeof longid - 1] = 0;
	assert_ptr_equal(i18n_ngettext(longid, many, 1), longid);
}

/* --- reading a .po file (enough of the format for daam's catalogs) ------ */

struct po_entry {
	struct strbuf id, plural, str[6];
	int nstr;
	int fuzzy;
};

/* Appends the C-escaped contents of the quoted string at p. */
static void po_unquote(struct strbuf *sb, const char *p)
{
	p = strchr(p, '"');
	if (!p)
		return;
	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			switch (*p) {
			case 'n': sb_addc(sb, '\n'); break;
			case 't': sb_addc(sb, '\t'); break;
			default: sb_addc(sb, *p); break;
			}
		} else {
			sb_addc(sb, *p);
		}
	}
}

static void po_entry_clear(struct po_entry *e)
{
	sb_release(&e->id);
	sb_release(&e->plural);
	for (int i = 0; i < 6; i++)
		sb_release(&e->str[i]);
	memset(e, 0, sizeof *e);
}

/* Calls check(entry) for each entry of path (entries are separated by
 * blank lines); returns the number of entries. */
static int po_each(const char *path, void (*check)(const struct po_entry *, void *), void *ctx)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s (tests run from the repository root)", path);
	char line[4096];
	struct po_entry e;
	memset(&e, 0, sizeof e);
	struct strbuf *cur = NULL;
	int have = 0, count = 0;
	while (1) {
		char *got = fgets(line, sizeof line, f);
		if (!got || line[0] == '\n' || line[0] == '\r') {
			if (have && e.nstr) {
				check(&e, ctx);
				count++;
			}
			po_entry_clear(&e);
			have = 0;
			cur = NULL;
			if (!got)
				break;
			continue;
		}
		if (strncmp(line, "#,", 2) == 0 && strstr(line, "fuzzy")) {
			e.fuzzy = 1;
		} else if (strncmp(line, "msgid_plural ", 13) == 0) {
			cur = &e.plural;
			po_unquote(cur, line + 12);
		} else if (strncmp(line, "msgid ", 6) == 0) {
			have = 1;
			cur = &e.id;
			po_unquote(cur, line + 5);
		} else if (strncmp(line, "msgstr[", 7) == 0) {
			int k = line[7] - '0';
			assert_in_range(k, 0, 5);
			cur = &e.str[k];
			if (k + 1 > e.nstr)
				e.nstr = k + 1;
			po_unquote(cur, line + 9);
		} else if (strncmp(line, "msgstr ", 7) == 0) {
			cur = &e.str[0];
			e.nstr = 1;
			po_unquote(cur, line + 6);
		} else if (line[0] == '"' && cur) {
			po_unquote(cur, line);
		} else if (line[0] != '#') {
			cur = NULL;
		}
	}
	fclose(f);
	po_entry_clear(&e);
	return count;
}

struct lookup_ctx {
	enum lang lang;
	int checked;
};

static void check_lookup(const struct po_entry *e, void *arg)
{
	struct lookup_ctx *ctx = arg;
	if (e->id.len == 0 || e->fuzzy)
		return; /* header; fuzzy entries are not compiled (and fail below) */
	i18n_set_lang(ctx->lang);
	if (e->plural.len == 0) {
		const char *got = _(sb_str(&e->id));
		if (strcmp(got, sb_str(&e->str[0])) != 0)
			fail_msg("%s: \"%s\" looks up as \"%s\", catalog says \"%s\"",
				 lang_table[ctx->lang].code, sb_str(&e->id), got, sb_str(&e->str[0]));
	} else {
		/* one n for each plural form, in the language's order */
		static const long ar_n[6] = { 0, 1, 2, 3, 11, 100 };
		static const long en_n[2] = { 1, 2 };
		const long *ns = ctx->lang == LANG_AR ? ar_n : en_n;
		for (int k = 0; k < e->nstr; k++) {
			const char *got = i18n_ngettext(sb_str(&e->id), sb_str(&e->plural), ns[k]);
			if (strcmp(got, sb_str(&e->str[k])) != 0)
				fail_msg("%s: plural form %d of \"%s\" is \"%s\", catalog says \"%s\"",
					 lang_table[ctx->lang].code, k, sb_str(&e->id), got, sb_str(&e->str[k]));
		}
	}
	ctx->checked++;
}

/* Every entry of each .po file is found by the embedded .mo lookup, which
 * checks the binary search over the whole sorted table. */
static void test_every_catalog_entry(void **state)
{
	(void)state;
	static const char *const files[LANG_COUNT] = { "po/ar.po", "po/en.po" };
	for (int l = 0; l < LANG_COUNT; l++) {
		struct lookup_ctx ctx = { (enum lang)l, 0 };
		int n = po_each(files[l], check_lookup, &ctx);
		print_message("%s: %d entries looked up\n", files[l], ctx.checked);
		assert_true(n > 50);
		assert_true(ctx.checked >= n - 1);
	}
}

/* Runs msgfmt --statistics on a catalog and returns its output. */
static void msgfmt_stats(const char *po, struct strbuf *out)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "msgfmt --statistics -o /dev/null %s 2>&1", po);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char buf[512];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		sb_add(out, buf, n);
	int st = pclose(p);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_msg("%s failed: %s", cmd, sb_str(out));
}

/* Both catalogs are complete: msgfmt counts translated messages and finds
 * nothing untranslated or fuzzy. */
static void test_catalogs_complete(void **state)
{
	(void)state;
	static const char *const files[] = { "po/ar.po", "po/en.po" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct strbuf out = STRBUF_INIT;
		msgfmt_stats(files[i], &out);
		print_message("%s: %s", files[i], sb_str(&out));
		if (!strstr(sb_str(&out), "translated message"))
			fail_msg("%s: unexpected msgfmt output: %s", files[i], sb_str(&out));
		if (strstr(sb_str(&out), "untranslated") || strstr(sb_str(&out), "fuzzy"))
			fail_msg("%s is incomplete: %s", files[i], sb_str(&out));
		sb_release(&out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_gettext, teardown_each),
		cmocka_unit_test_teardown(test_set_lang_bounds, teardown_each),
		cmocka_unit_test(test_lang_from_code),
		cmocka_unit_test(test_lang_from_accept),
		cmocka_unit_test_teardown(test_arabic_digits, teardown_each),
		cmocka_unit_test_teardown(test_per_thread, teardown_each),
		cmocka_unit_test_teardown(test_ngettext_fallback, teardown_each),
		cmocka_unit_test_teardown(test_every_catalog_entry, teardown_each),
		cmocka_unit_test(test_catalogs_complete),
	};
	return cmocka_run_group_tests_name("i18n", tests, setup, NULL);
}
