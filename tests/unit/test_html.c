/*
 * Unit tests for src/html/html.c and fmt.c: HTML escaping (text and
 * attributes), html_fmt with every printf conversion (numbers as snprintf
 * writes them, text cut then escaped, numbered arguments, invalid formats
 * read at run time), html_raw, and url_encode (checked against libevent's
 * decoder too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <errno.h>
#include <sys/types.h>
#include <wchar.h>

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

/* html_fmt(fmt, …) must equal snprintf(fmt, …) where nothing is escaped. */
#define SAME_AS_PRINTF(...) do { \
	char want_[1024]; \
	snprintf(want_, sizeof want_, __VA_ARGS__); \
	struct strbuf sb_ = STRBUF_INIT; \
	html_fmt(&sb_, __VA_ARGS__); \
	if (strcmp(sb_str(&sb_), want_) != 0) \
		fail_msg("%s: got \"%s\" want \"%s\"", #__VA_ARGS__, sb_str(&sb_), want_); \
	sb_release(&sb_); \
} while (0)

#define FMT_IS(want, ...) do { \
	struct strbuf sb_ = STRBUF_INIT; \
	html_fmt(&sb_, __VA_ARGS__); \
	if (strcmp(sb_str(&sb_), (want)) != 0) \
		fail_msg("%s: got \"%s\" want \"%s\"", #__VA_ARGS__, sb_str(&sb_), (want)); \
	sb_release(&sb_); \
} while (0)

/* What used to stop the page at "(?)": the rest of the format goes on. */
static void test_fmt_rest_kept(void **state)
{
	(void)state;
	FMT_IS("   42|abc|1.500000|&lt;end&gt;", "%5d|%.3s|%f|%s", 42, "abcdef", 1.5, "<end>");
}

/* Integers: flags, width, precision, '*', every length modifier. */
static void test_fmt_int_conversions(void **state)
{
	(void)state;
	FMT_IS("[   42]", "[%5d]", 42);
	FMT_IS("[42   ]", "[%-5d]", 42);
	FMT_IS("[00042]", "[%05d]", 42);
	FMT_IS("[+42][ 42][-42]", "[%+d][% d][%+d]", 42, 42, -42);
	FMT_IS("[  007]", "[%5.3d]", 7);
	FMT_IS("[0xff][0377][FF]", "[%#x][%#o][%X]", 255u, 255u, 255u);
	SAME_AS_PRINTF("[%*d][%-*d][%*d]", 6, 1, 6, 2, -6, 3);
	SAME_AS_PRINTF("[%.*d][%.*d]", 4, 5, -1, 6);
	SAME_AS_PRINTF("%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	SAME_AS_PRINTF("%ld %lu %lx %lld %llu %llX", LONG_MIN, ULONG_MAX, 0xdeadL, LLONG_MIN, ULLONG_MAX, 0xabcULL);
	SAME_AS_PRINTF("%zu %zd %zx %jd %ju %td", SIZE_MAX, (ssize_t)-5, (size_t)4096, INTMAX_MIN, UINTMAX_MAX, (ptrdiff_t)-7);
	SAME_AS_PRINTF("%i %u %o %x %'d %Ld %qd", -1, UINT_MAX, 8u, 0u, 1234567, 5LL, -5LL);
	SAME_AS_PRINTF("%-+8d|%8.3d|%#08x|% 05d", 12, 12, 12u, 12);
}

/* Floating point: %f %e %g %a in both cases, with long double too; a
 * number longer than any small buffer is written whole. */
static void test_fmt_float_conversions(void **state)
{
	(void)state;
	FMT_IS("3.141593|3.14|     3.142|3.1       |", "%f|%.2f|%10.3f|%-10.1f|", 3.14159265, 3.14159265, 3.14159265,
	       3.14159265);
	FMT_IS("1.500000e+03|1.5E+03|0.0001|1E+20", "%e|%.1E|%g|%G", 1500.0, 1500.0, 0.0001, 1e20);
	SAME_AS_PRINTF("%a %A %.2a", 1.0, 255.5, 3.0);
	SAME_AS_PRINTF("%lf %Lf %Le %Lg %.20Lf", 2.5, 2.5L, 1e-300L, 1e4000L, 1.0L / 3);
	SAME_AS_PRINTF("%f %F %e %g", 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0, -0.0);
	SAME_AS_PRINTF("%+.3f % .1e %#g %08.2f %-8.2f|", 2.0, 2.0, 2.0, -2.5, 2.5);
	SAME_AS_PRINTF("%*.*f|%.*g", 12, 4, 2.0 / 3, 3, 123456.0);
	SAME_AS_PRINTF("%f", 1e300);     /* 308 digits: past the 128-byte fast path */
	SAME_AS_PRINTF("%.400f", 0.1);
}

/* %s: precision cuts before escaping, width pads what the escaped text
 * stands for (bytes of the original, as printf), NULL prints nothing. */
static void test_fmt_string_width_precision(void **state)
{
	(void)state;
	FMT_IS("[   &lt;b&gt;]", "[%6s]", "<b>");
	FMT_IS("[&lt;b&gt;   ]", "[%-6s]", "<b>");
	FMT_IS("[&lt;b&gt;]", "[%2s]", "<b>");
	FMT_IS("[&lt;b]", "[%.2s]", "<b>x");
	FMT_IS("[&amp;]", "[%.1s]", "&amp;");            /* escaped after the cut */
	FMT_IS("[    &quot;]", "[%5.1s]", "\"'");
	FMT_IS("[&#39;    ]", "[%-5.*s]", 1, "'\"");
	FMT_IS("[]", "[%.0s]", "<script>");
	FMT_IS("[&lt;&gt;]", "[%.*s]", -1, "<>");      /* negative precision: none */
	const char arr[3] = { '<', 'a', '>' };          /* no NUL: precision bounds it */
	FMT_IS("&lt;a&gt;|", "%.*s|", 3, arr);
	const char *volatile none = NULL;
	FMT_IS("[]|[  ]", "[%s]|[%2s]", none, none);
	/* the cut never splits a UTF-8 character: س is 2 bytes, ع too */
	FMT_IS("س", "%.3s", "سوريا");
	FMT_IS("سو", "%.4s", "سوريا");
	FMT_IS("a", "%.2s", "aعb");
	FMT_IS("aع", "%.3s", "aعb");
	FMT_IS("", "%.2s", "😀x");                      /* 4 bytes */
	FMT_IS("😀", "%.4s", "😀x");
	FMT_IS("[ مركز]", "[%9s]", "مركز");             /* 8 bytes, one space */
}

/* %c, %lc (%C), %ls (%S) and %%: escaped, padded, wide text as UTF-8. */
static void test_fmt_chars_and_wide(void **state)
{
	(void)state;
	FMT_IS("[  &lt;][&amp;  ][a]", "[%3c][%-3c][%c]", '<', '&', 'a');
	FMT_IS("%|%%", "%%|%%%%");
	FMT_IS("[ع][ ع][ع]", "[%lc][%3lc][%C]", (wint_t)L'ع', (wint_t)L'ع', (wint_t)L'ع');
	FMT_IS("&lt;سوريا&gt;|&lt;س|😀", "%ls|%.3ls|%S", L"<سوريا>", L"<سو", L"😀");
	FMT_IS("[  &amp;x]", "[%4ls]", L"&x");
	FMT_IS("\xef\xbf\xbd", "%lc", (wint_t)0xD800); /* a surrogate is not text */
	const wchar_t *volatile wnone = NULL;
	FMT_IS("[]", "[%ls]", wnone);
}

/* %p as printf; %m is strerror(errno), escaped, and errno is kept; %n
 * stores nothing and writes nothing. */
static void test_fmt_p_m_n(void **state)
{
	(void)state;
	int x = 0;
	SAME_AS_PRINTF("%p|%20p|%-20p|", (void *)&x, (void *)&x, (void *)NULL);
	char want[256];
	snprintf(want, sizeof want, "[%s][%.3s]", strerror(ENOENT), strerror(ENOENT));
	errno = ENOENT;
	FMT_IS(want, "[%m][%.3m]");
	assert_int_equal(errno, ENOENT);
	int n = 77;
	signed char hhn = 5;
	FMT_IS("abcd|x", "ab%ncd|%hhn%s", &n, &hhn, "x");
	assert_int_equal(n, 77);
	assert_int_equal(hhn, 5);
}

/* Numbered arguments, as a translation reorders them. */
static void test_fmt_positional(void **state)
{
	(void)state;
	FMT_IS("b &lt;a&gt; b", "%2$s %1$s %2$s", "<a>", "b");
	FMT_IS("[  7][x]", "[%2$*1$d][%3$s]", 3, 7, "x");
	FMT_IS("[&lt;b][9]", "[%3$.*1$s][%2$lld]", 2, 9LL, "<bc");
	FMT_IS("2.50 ‎x 5", "%3$.2f ‎%2$s %1$zu", (size_t)5, "x", 2.5);
	SAME_AS_PRINTF("%3$s|%1$Lf|%2$c|%1$.1Lf", 1.25L, 'q', "s");
}

/* A format read at run time that is not valid is written with "(?)" for
 * its conversions from the first bad one on, and reads no argument past it
 * (none at all with numbered arguments, checked whole first). */
static void test_fmt_invalid_at_run_time(void **state)
{
	(void)state;
	const char *volatile bad[] = {
		"a%yb<i>%s</i>",     /* unknown conversion */
		"a%1$s %s",          /* numbered and unnumbered mixed */
		"%2$s",              /* argument 1 never used: its type is unknown */
		"%1$s %1$d",         /* one argument, two types */
		"%99$s",             /* past the highest numbered argument */
		"50%",               /* a lone % at the end */
		"%s|%y|%s",          /* arguments before the bad conversion are used */
	};
	const char *want[] = { "a(?)b<i>(?)</i>", "a(?) (?)", "(?)", "(?) (?)", "(?)", "50(?)", "x|(?)|(?)" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		html_fmt(&sb, bad[i], "x");
		if (strcmp(sb_str(&sb), want[i]) != 0)
			fail_msg("bad %zu: got \"%s\"", i, sb_str(&sb));
		sb_release(&sb);
	}
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
		cmocka_unit_test(test_fmt_rest_kept),
		cmocka_unit_test(test_fmt_int_conversions),
		cmocka_unit_test(test_fmt_float_conversions),
		cmocka_unit_test(test_fmt_string_width_precision),
		cmocka_unit_test(test_fmt_chars_and_wide),
		cmocka_unit_test(test_fmt_p_m_n),
		cmocka_unit_test(test_fmt_positional),
		cmocka_unit_test(test_fmt_invalid_at_run_time),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_url_roundtrip),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
