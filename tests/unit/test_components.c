/*
 * Unit tests for the pieces of src/html/components.c that need no request
 * (numbers isolated inside text, html_ltr/html_bdi) and for the flash
 * cookie's value (src/http/flash.c): what it encodes comes back, a changed
 * byte, an old or a future value, a forged one is refused, control
 * characters never pass, long texts are cut at a character boundary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html/components.h"
#include "http/flash.h"
#include "core/strbuf.h"

static void expect_numbers(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	html_text_numbers(&sb, in);
	if (strcmp(sb_str(&sb), want) != 0)
		fail_msg("html_text_numbers(\"%s\")\n  got  %s\n  want %s", in, sb_str(&sb), want);
	sb_release(&sb);
}

static void test_numbers_isolated(void **state)
{
	(void)state;
	expect_numbers("For example 0944 123 456 or +963 944 123 456",
		       "For example <bdi dir=\"ltr\">0944 123 456</bdi> or <bdi dir=\"ltr\">+963 944 123 456</bdi>");
	expect_numbers("مثلاً 0944 123 456 أو +963 944 123 456",
		       "مثلاً <bdi dir=\"ltr\">0944 123 456</bdi> أو <bdi dir=\"ltr\">+963 944 123 456</bdi>");
	/* Arabic-Indic digits too */
	expect_numbers("الهاتف ٠٩٤٤ ١٢٣ ٤٥٦", "الهاتف <bdi dir=\"ltr\">٠٩٤٤ ١٢٣ ٤٥٦</bdi>");
	/* dates and times are numbers of several groups */
	expect_numbers("on 2018-03-12 at 10:30", "on <bdi dir=\"ltr\">2018-03-12</bdi> at <bdi dir=\"ltr\">10:30</bdi>");
	/* a single number needs nothing; nor "H2O"; text around is escaped */
	expect_numbers("8 people", "8 people");
	expect_numbers("H2O 3", "H2O 3");
	expect_numbers("<b>1 2</b>", "&lt;b&gt;<bdi dir=\"ltr\">1 2</bdi>&lt;/b&gt;");
	/* separators that end the number stay outside */
	expect_numbers("1 2, 3 4.", "<bdi dir=\"ltr\">1 2</bdi>, <bdi dir=\"ltr\">3 4</bdi>.");
	expect_numbers("", "");
	expect_numbers(NULL, "");
}

static void test_ltr_and_bdi(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	html_ltr(&sb, "0944 123 456");
	html_bdi(&sb, "Ahmad <x>");
	html_ltr(&sb, "");
	html_bdi(&sb, NULL);
	html_bdi_begin(&sb, 1);
	html_bdi_end(&sb);
	assert_string_equal(sb_str(&sb), "<bdi dir=\"ltr\">0944 123 456</bdi><bdi>Ahmad &lt;x&gt;</bdi><bdi dir=\"ltr\"></bdi>");
	sb_release(&sb);
}

static void test_flash_round_trip(void **state)
{
	(void)state;
	struct strbuf v = STRBUF_INIT;
	flash_encode(&v, 1000, "أُضيف العضو:", "/people/12", "أحمد");
	/* a cookie value: base64url, a dot, the signature; nothing to quote */
	assert_null(strpbrk(sb_str(&v), " ;,\"\\=+/"));
	char buf[2048];
	const char *t, *h, *l;
	assert_int_equal(flash_decode(sb_str(&v), 1000, buf, sizeof buf, &t, &h, &l), 0);
	assert_string_equal(t, "أُضيف العضو:");
	assert_string_equal(h, "/people/12");
	assert_string_equal(l, "أحمد");
	/* up to a minute later, not after; never from the future */
	assert_int_equal(flash_decode(sb_str(&v), 1000 + FLASH_MAX_AGE, buf, sizeof buf, &t, &h, &l), 0);
	assert_int_equal(flash_decode(sb_str(&v), 1001 + FLASH_MAX_AGE, buf, sizeof buf, &t, &h, &l), -1);
	assert_int_equal(flash_decode(sb_str(&v), 999, buf, sizeof buf, &t, &h, &l), -1);
	/* no link */
	sb_reset(&v);
	flash_encode(&v, 5, "Saved.", NULL, NULL);
	assert_int_equal(flash_decode(sb_str(&v), 5, buf, sizeof buf, &t, &h, &l), 0);
	assert_string_equal(t, "Saved.");
	assert_string_equal(h, "");
	assert_string_equal(l, "");
	sb_release(&v);
}

static void test_flash_refuses_what_daam_did_not_sign(void **state)
{
	(void)state;
	struct strbuf v = STRBUF_INIT;
	flash_encode(&v, 50, "Saved.", "/admin/offices", "All offices");
	char buf[2048];
	const char *t, *h, *l;
	/* every single changed character */
	for (size_t i = 0; i < v.len; i++) {
		char *copy = strdup(sb_str(&v));
		copy[i] = copy[i] == 'A' ? 'B' : 'A';
		if (flash_decode(copy, 50, buf, sizeof buf, &t, &h, &l) == 0 && strcmp(copy, sb_str(&v)) != 0)
			fail_msg("a value changed at %zu was accepted", i);
		free(copy);
	}
	static const char *const bad[] = { "", ".", "abc", "abc.", ".abc", "PGI-eDwvYj4.AAAA", "a.b.c", NULL };
	for (int i = 0; bad[i]; i++)
		assert_int_equal(flash_decode(bad[i], 50, buf, sizeof buf, &t, &h, &l), -1);
	assert_int_equal(flash_decode(NULL, 50, buf, sizeof buf, &t, &h, &l), -1);
	/* too small a buffer is a refusal, not an overflow */
	assert_int_equal(flash_decode(sb_str(&v), 50, buf, 8, &t, &h, &l), -1);
	sb_release(&v);
}

static void test_flash_text_is_cleaned_and_cut(void **state)
{
	(void)state;
	struct strbuf v = STRBUF_INIT;
	flash_encode(&v, 7, "a\x1f" "b\nc\x7f", "/x\r\n", NULL);
	char buf[4096];
	const char *t, *h, *l;
	assert_int_equal(flash_decode(sb_str(&v), 7, buf, sizeof buf, &t, &h, &l), 0);
	assert_string_equal(t, "a b c ");
	assert_string_equal(h, "/x  ");
	/* 200 two-byte letters: cut at 300 bytes, between letters */
	char longer[401];
	for (int i = 0; i < 200; i++)
		memcpy(longer + 2 * i, "ب", 2);
	longer[400] = 0;
	sb_reset(&v);
	flash_encode(&v, 7, longer, NULL, NULL);
	assert_int_equal(flash_decode(sb_str(&v), 7, buf, sizeof buf, &t, &h, &l), 0);
	assert_int_equal(strlen(t), FLASH_TEXT_MAX);
	assert_memory_equal(t, longer, FLASH_TEXT_MAX);
	sb_release(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_isolated),
		cmocka_unit_test(test_ltr_and_bdi),
		cmocka_unit_test(test_flash_round_trip),
		cmocka_unit_test(test_flash_refuses_what_daam_did_not_sign),
		cmocka_unit_test(test_flash_text_is_cleaned_and_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
