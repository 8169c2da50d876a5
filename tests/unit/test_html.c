/*
 * Unit tests for src/html/html.c: HTML escaping (text and attributes), the
 * escaping html_fmt with its number conversions, html_raw, and url_encode
 * (checked against libevent's decoder too).
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
#include <event2/http.h>

#include "html/html.h"

struct esc_case {
	const char *in;
	size_t n;          /* bytes of in (for embedded NULs); 0 = strlen */
	const char *want;
};

static const struct esc_case esc_cases[] = {
	{ "plain text", 0, "plain text" },
	{ "", 0, "" },
	{ "<script>alert('x')</script>", 0, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" },
	{ "a & b && c", 0, "a &amp; b &amp;&amp; c" },
	{ "\"quoted\" value", 0, "&quot;quoted&quot; value" },
	{ "\" onmouseover=\"alert(1)", 0, "&quot; onmouseover=&quot;alert(1)" },
	{ "' autofocus onfocus='x", 0, "&#39; autofocus onfocus=&#39;x" },
	{ "&amp;", 0, "&amp;amp;" },
	{ "&#60;", 0, "&amp;#60;" },
	{ "<<>>", 0, "&lt;&lt;&gt;&gt;" },
	{ "مركز <دعم> \"المجتمع\"", 0, "مركز &lt;دعم&gt; &quot;المجتمع&quot;" },
	{ "</textarea><img src=x>", 0, "&lt;/textarea&gt;&lt;img src=x&gt;" },
	/* NUL bytes are dropped, the rest kept */
	{ "a\0b", 3, "ab" },
	{ "\0<\0", 3, "&lt;" },
	{ "\0\0\0", 3, "" },
	{ "x\0", 2, "x" },
	/* other characters (backtick, =, newline, slash) pass unchanged */
	{ "`=/\n\t", 0, "`=/\n\t" },
};

static void test_escape(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof esc_cases / sizeof esc_cases[0]; i++) {
		const struct esc_case *c = &esc_cases[i];
		struct strbuf sb = STRBUF_INIT;
		if (c->n)
			html_escape_n(&sb, c->in, c->n);
		else
			html_escape(&sb, c->in);
		if (strcmp(sb_str(&sb), c->want) != 0)
			print_message("escape case %zu: got \"%s\" want \"%s\"\n", i, sb_str(&sb), c->want);
		assert_string_equal(sb_str(&sb), c->want);
		assert_int_equal(sb.len, strlen(c->want));
		/* the escaped form never contains a raw markup character */
		assert_null(strpbrk(sb_str(&sb), "<>\"'"));
		sb_release(&sb);
	}
}

/* html_escape of NULL writes nothing; html_escape appends to what is there. */
static void test_escape_null_and_append(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "<b>");
	html_escape(&sb, NULL);
	html_escape(&sb, "1<2");
	html_raw(&sb, "</b>");
	html_raw(&sb, NULL);
	assert_string_equal(sb_str(&sb), "<b>1&lt;2</b>");
	sb_release(&sb);
}

/* Every byte value: only the five markup characters change, NUL vanishes. */
static void test_escape_all_bytes(void **state)
{
	(void)state;
	for (int b = 0; b < 256; b++) {
		char in[3] = { 'x', (char)b, 'y' };
		struct strbuf sb = STRBUF_INIT;
		html_escape_n(&sb, in, 3);
		const char *want;
		char same[4] = { 'x', (char)b, 'y', 0 };
		switch (b) {
		case 0: want = "xy"; break;
		case '&': want = "x&amp;y"; break;
		case '<': want = "x&lt;y"; break;
		case '>': want = "x&gt;y"; break;
		case '"': want = "x&quot;y"; break;
		case '\'': want = "x&#39;y"; break;
		default: want = same; break;
		}
		if (strcmp(sb_str(&sb), want) != 0)
			fail_msg("byte 0x%02x: got \"%s\"", b, sb_str(&sb));
		sb_release(&sb);
	}
}

static void test_fmt_escapes_strings(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	html_fmt(&sb, "<input name=\"q\" value=\"%s\">", "\"><script>alert(1)</script>");
	assert_string_equal(sb_str(&sb),
			    "<input name=\"q\" value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">");
	sb_reset(&sb);
	html_fmt(&sb, "<p title='%s'>%s</p>", "it's", "Tom & Jerry");
	assert_string_equal(sb_str(&sb), "<p title='it&#39;s'>Tom &amp; Jerry</p>");
	sb_reset(&sb);
	/* NULL prints nothing; literal text around is kept as written */
	const char *volatile none = NULL; /* hidden from -Wformat-overflow */
	html_fmt(&sb, "[%s][%s]", none, "ok");
	assert_string_equal(sb_str(&sb), "[][ok]");
	sb_reset(&sb);
	/* %c is escaped too, %% is a percent sign */
	html_fmt(&sb, "%c%c%%%c", '<', 'a', '&');
	assert_string_equal(sb_str(&sb), "&lt;a%&amp;");
	sb_reset(&sb);
	/* a format with no conversions is copied */
	html_fmt(&sb, "<div class=\"x\">نص</div>");
	assert_string_equal(sb_str(&sb), "<div class=\"x\">نص</div>");
	sb_reset(&sb);
	/* a %s argument that looks like a conversion is not expanded again */
	html_fmt(&sb, "%s|%d", "%d%s<", 5);
	assert_string_equal(sb_str(&sb), "%d%s&lt;|5");
	sb_release(&sb);
}

/* Numbers: each conversion takes the right argument size from the va_list,
 * checked with extreme values and with a marker string after them. */
static void test_fmt_numbers(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char want[256];

	html_fmt(&sb, "%d|%d|%s", INT_MIN, INT_MAX, "<end>");
	snprintf(want, sizeof want, "%d|%d|&lt;end&gt;", INT_MIN, INT_MAX);
	assert_string_equal(sb_str(&sb), want);
	sb_reset(&sb);

	html_fmt(&sb, "%lld|%lld|%s", LLONG_MIN, LLONG_MAX, "e");
	assert_string_equal(sb_str(&sb), "-9223372036854775808|9223372036854775807|e");
	sb_reset(&sb);

	html_fmt(&sb, "%zu|%zu|%s", (size_t)0, SIZE_MAX, "e");
	snprintf(want, sizeof want, "0|%zu|e", SIZE_MAX);
	assert_string_equal(sb_str(&sb), want);
	sb_reset(&sb);

	html_fmt(&sb, "%ld|%u|%x|%i|%s", -123456789012L, UINT_MAX, 255u, -1, "e");
	snprintf(want, sizeof want, "%ld|%u|ff|-1|e", -123456789012L, UINT_MAX);
	assert_string_equal(sb_str(&sb), want);
	sb_reset(&sb);

	html_fmt(&sb, "%llu|%lu|%llx", ULLONG_MAX, ULONG_MAX, 0xabcdefULL);
	snprintf(want, sizeof want, "%llu|%lu|abcdef", ULLONG_MAX, ULONG_MAX);
	assert_string_equal(sb_str(&sb), want);
	sb_reset(&sb);

	/* mixed sizes in one call: a wrong va_arg width would shift the rest */
	html_fmt(&sb, "%d %lld %zu %d %s", 1, 2LL, (size_t)3, 4, "five");
	assert_string_equal(sb_str(&sb), "1 2 3 4 five");
	sb_release(&sb);
}

/* An unsupported conversion shows "(?)" and stops rather than reading
 * arguments with the wrong type. */
static void test_fmt_unsupported(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	html_fmt(&sb, "a%fb%s", 1.0, "never");
	assert_string_equal(sb_str(&sb), "a(?)");
	sb_release(&sb);
}

struct url_case {
	const char *in;
	const char *want;
};

static const struct url_case url_cases[] = {
	{ "", "" },
	{ "abcXYZ019", "abcXYZ019" },
	{ "-_.~", "-_.~" },
	{ "a b", "a%20b" },
	{ "/admin/users?x=1&y=2#f", "%2Fadmin%2Fusers%3Fx%3D1%26y%3D2%23f" },
	{ "+%", "%2B%25" },
	{ "سوريا", "%D8%B3%D9%88%D8%B1%D9%8A%D8%A7" },
	{ "الرقة 2", "%D8%A7%D9%84%D8%B1%D9%82%D8%A9%202" },
	{ "\"<'>", "%22%3C%27%3E" },
	{ "\x01\x7f\xff", "%01%7F%FF" },
};

static void test_url_encode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof url_cases / sizeof url_cases[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		url_encode(&sb, url_cases[i].in);
		if (strcmp(sb_str(&sb), url_cases[i].want) != 0)
			print_message("url case %zu: got \"%s\"\n", i, sb_str(&sb));
		assert_string_equal(sb_str(&sb), url_cases[i].want);
		sb_release(&sb);
	}
	struct strbuf sb = STRBUF_INIT;
	url_encode(&sb, NULL);
	assert_string_equal(sb_str(&sb), "");
	sb_release(&sb);
}

/* url_encode then libevent's decoder (as daam decodes queries) gives back
 * the original for every byte value 1..255. */
static void test_url_roundtrip(void **state)
{
	(void)state;
	char all[256];
	for (int b = 1; b < 256; b++)
		all[b - 1] = (char)b;
	all[255] = 0;
	struct strbuf sb = STRBUF_INIT;
	url_encode(&sb, all);
	/* only unreserved characters and %XX remain */
	for (const char *p = sb_str(&sb); *p; p++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%", *p));
	size_t n = 0;
	char *back = evhttp_uridecode(sb_str(&sb), 1, &n);
	assert_non_null(back);
	assert_int_equal(n, 255);
	assert_memory_equal(back, all, 255);
	free(back);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_null_and_append),
		cmocka_unit_test(test_escape_all_bytes),
		cmocka_unit_test(test_fmt_escapes_strings),
		cmocka_unit_test(test_fmt_numbers),
		cmocka_unit_test(test_fmt_unsupported),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_url_roundtrip),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
