/*
 * Unit tests for src/http/headscan.c, the connection guard's reading of
 * requests ahead of evhttp: which requests it refuses and with which status
 * (request line, header lines, head size, framing, body limits for upload
 * and other routes, chunked bodies), that it follows keep-alive framing to
 * the next request, and that it finds the answer's language (lang cookie,
 * Accept-Language).  Every case is fed at once, byte by byte and in 7-byte
 * pieces, with the same outcome.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/headscan.h"

static const struct headscan_limits lim = { 256, 1000, 5000 };

struct scan_case {
	const char *name;
	const char *bytes;
	size_t len;          /* 0: strlen(bytes) */
	int want;            /* status, 0: accepted */
	const char *lang_cookie;
	const char *accept_language;
};

#define S(x) x, sizeof x - 1

static const struct scan_case cases[] = {
	/* accepted */
	{ "simple GET", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0, 0, "", "" },
	{ "bare LF lines", "GET /login HTTP/1.1\nHost: a\n\n", 0, 0, "", "" },
	{ "HTTP/1.0", "GET /login HTTP/1.0\r\n\r\n", 0, 0, "", "" },
	{ "trailing spaces after the version", "GET /login HTTP/1.1  \r\n\r\n", 0, 0, "", "" },
	{ "POST with a body, then a GET", "POST /login HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcdeGET / HTTP/1.1\r\n\r\n", 0,
	  0, "", "" },
	{ "the body is not read as a head",
	  S("POST /login HTTP/1.1\r\nContent-Length: 20\r\n\r\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\nGET / HTTP/1.1\r\n\r\n"),
	  0, "", "" },
	{ "chunked with a trailer, then a GET",
	  "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\na\r\n0123456789\r\n0\r\n"
	  "X-Sum: 1\r\n\r\nGET / HTTP/1.1\r\n\r\n", 0, 0, "", "" },
	{ "chunk size with a space and text (as evhttp)",
	  "POST /login HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n", 0, 0, "", "" },
	{ "HEAD reads no body", "HEAD / HTTP/1.1\r\nContent-Length: 5000000\r\n\r\nGET / HTTP/1.1\r\n\r\n", 0, 0, "", "" },
	{ "a folded header line", "GET / HTTP/1.1\r\nX-A: 1\r\n  2\r\n\r\n", 0, 0, "", "" },
	{ "upload route: up to max_upload", "POST /import HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", 0, 0, "", "" },
	{ "upload route, encoded path", "POST /%69mport?a=1 HTTP/1.1\r\nContent-Length: 4000\r\n\r\n", 0, 0, "", "" },
	{ "other route: up to max_body", "POST /login HTTP/1.1\r\nContent-Length: 1000\r\n\r\n", 0, 0, "", "" },
	{ "Expect: 100-continue", "POST /login HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\nabc", 0, 0, "",
	  "" },
	{ "Expect other, no body", "GET / HTTP/1.1\r\nExpect: tea\r\n\r\n", 0, 0, "", "" },
	{ "Expect other, HTTP/1.0", "POST /login HTTP/1.0\r\nExpect: tea\r\nContent-Length: 1\r\n\r\nx", 0, 0, "", "" },
	{ "PUT reaches dispatch (405 there)", "PUT / HTTP/1.1\r\n\r\n", 0, 0, "", "" },

	/* the request line */
	{ "empty line first", "\r\nGET / HTTP/1.1\r\n\r\n", 0, 400, "", "" },
	{ "too short", "GET / HTTP/1\r\n\r\n", 0, 400, "", "" },
	{ "no target", "GET HTTP/1.1\r\n\r\n", 0, 400, "", "" },
	{ "empty target", "GET  HTTP/1.1\r\n\r\n", 0, 400, "", "" },
	{ "not HTTP", "GET /login HTTQ/1.1\r\n\r\n", 0, 400, "", "" },
	{ "version with two digits", "GET /login HTTP/1.10\r\n\r\n", 0, 400, "", "" },
	{ "HTTP/2.0", "GET /login HTTP/2.0\r\n\r\n", 0, 505, "", "" },
	{ "HTTP/9.9", "GET /login HTTP/9.9\r\n\r\n", 0, 505, "", "" },
	{ "unknown method", "BREW /login HTTP/1.1\r\n\r\n", 0, 501, "", "" },
	{ "lower-case method", "get /login HTTP/1.1\r\n\r\n", 0, 501, "", "" },
	{ "TRACE", "TRACE /login HTTP/1.1\r\n\r\n", 0, 501, "", "" },
	{ "CONNECT", "CONNECT a:443 HTTP/1.1\r\n\r\n", 0, 501, "", "" },
	{ "control byte in the method", "G\x01T /login HTTP/1.1\r\n\r\n", 0, 400, "", "" },
	{ "a target evhttp cannot parse", "GET //h:x/ HTTP/1.1\r\n\r\n", 0, 400, "", "" },
	{ "NUL in the path", S("GET /lo\0gin HTTP/1.1\r\n\r\n"), 400, "", "" },

	/* header lines */
	{ "no colon", "GET / HTTP/1.1\r\nthis is not a header\r\n\r\n", 0, 400, "", "" },
	{ "space before the colon", "GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\n", 0, 400, "", "" },
	{ "empty name", "GET / HTTP/1.1\r\n: x\r\n\r\n", 0, 400, "", "" },
	{ "continuation first", "GET / HTTP/1.1\r\n x: 1\r\n\r\n", 0, 400, "", "" },
	{ "NUL in a header value", S("GET / HTTP/1.1\r\nX-A: 1\0 2\r\n\r\n"), 400, "", "" },

	/* framing */
	{ "Content-Length not a number", "POST /login HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 0, 400, "", "" },
	{ "negative Content-Length", "POST /login HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 0, 400, "", "" },
	{ "signed Content-Length", "POST /login HTTP/1.1\r\nContent-Length: +1\r\n\r\nx", 0, 400, "", "" },
	{ "two Content-Length", "POST /login HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 0, 400, "", "" },
	{ "Content-Length and chunked",
	  "POST /login HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 0, 400, "", "" },
	{ "a transfer coding other than chunked", "POST /login HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 0,
	  400, "", "" },
	{ "Expect other with a body", "POST /login HTTP/1.1\r\nExpect: tea\r\nContent-Length: 1\r\n\r\nx", 0, 417, "",
	  "" },
	{ "bad chunk size", "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 0, 400, "", "" },
	{ "chunk extension (evhttp refuses it too)",
	  "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nabcde\r\n0\r\n\r\n", 0, 400, "", "" },
	{ "a trailer line without colon",
	  "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnot a trailer\r\n\r\n", 0, 400, "", "" },

	/* body limits */
	{ "other route: one byte over max_body", "POST /login HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", 0, 413, "", "" },
	{ "GET with a large body", "GET /import HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", 0, 413, "", "" },
	{ "not an upload route under /import", "POST /import/3 HTTP/1.1\r\nContent-Length: 2000\r\n\r\n", 0, 413, "", "" },
	{ "upload route: one byte over max_upload", "POST /import HTTP/1.1\r\nContent-Length: 5001\r\n\r\n", 0, 413, "", "" },
	{ "huge Content-Length", "POST /import HTTP/1.1\r\nContent-Length: 999999999999999999\r\n\r\n", 0, 413, "", "" },
	{ "a chunk of max_body", "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n", 0, 0, "", "" },
	{ "a chunk past max_body", "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n", 0, 413, "", "" },
	{ "a chunk size past 64 bits",
	  "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 0, 413, "", "" },
	{ "a refused request after a good one",
	  "POST /login HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcPOST /login HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", 0, 413,
	  "", "" },

	/* language */
	{ "Accept-Language", "GET / HTTP/1.1\r\nAccept-Language: en-GB,en;q=0.9\r\nAccept-Language: ar\r\n\r\n", 0, 0, "",
	  "en-GB,en;q=0.9" },
	{ "lang cookie among others", "GET / HTTP/1.1\r\nCookie: sid=abc; lang=en; x=1\r\n\r\n", 0, 0, "en", "" },
	{ "lang cookie last, quoted, spaces", "GET / HTTP/1.1\r\nCookie: a=1 ;  lang = \"en\" \r\n\r\n", 0, 0, "en", "" },
	{ "not the lang cookie", "GET / HTTP/1.1\r\nCookie: xlang=en; langx=en; a=lang=en\r\n\r\n", 0, 0, "", "" },
	{ "the first lang cookie", "GET / HTTP/1.1\r\nCookie: lang=ar\r\nCookie: lang=en\r\n\r\n", 0, 0, "ar", "" },
	{ "language after a bad request line", "GET /login HTTP/7.0\r\nHost: a\r\nAccept-Language: en\r\nCookie: lang=en\r\n\r\n",
	  0, 505, "en", "en" },
	{ "language after a bad header", "GET / HTTP/1.1\r\nbroken\r\nAccept-Language: en\r\n\r\n", 0, 400, "", "en" },
	{ "a NUL in the lang cookie: what came before it is read", S("GET / HTTP/1.1\r\nCookie: lang=e\0n\r\n\r\n"),
	  400, "e", "" },
	{ "language before a body too large",
	  "POST /login HTTP/1.1\r\nCookie: lang=en\r\nContent-Length: 9999\r\n\r\n", 0, 413, "en", "" },
};

/* Feeds the case in pieces of `step` bytes (0: all at once). */
static void run_case(const struct scan_case *c, size_t step)
{
	size_t len = c->len ? c->len : strlen(c->bytes);
	struct headscan hs;
	headscan_init(&hs, &lim);
	int got = 0;
	for (size_t at = 0; at < len;) {
		size_t k = step && len - at > step ? step : len - at;
		got = headscan_feed(&hs, c->bytes + at, k);
		at += k;
	}
	if (got != c->want)
		fail_msg("%s (step %zu): status %d, want %d", c->name, step, got, c->want);
	if (strcmp(hs.lang_cookie, c->lang_cookie) != 0 || strcmp(hs.accept_language, c->accept_language) != 0)
		fail_msg("%s (step %zu): lang cookie \"%s\", Accept-Language \"%s\"", c->name, step, hs.lang_cookie,
			 hs.accept_language);
	headscan_release(&hs);
}

static void test_cases(void **state)
{
	(void)state;
	static const size_t steps[] = { 0, 1, 7 };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++)
			run_case(&cases[i], steps[s]);
}

/* A request whose head is n bytes: "GET / HTTP/1.1", an X header filled
 * to size, and first (when lang is set) an Accept-Language header. */
static char *head_of(size_t n, const char *lang)
{
	char *p = malloc(n + 1);
	assert_non_null(p);
	int k = snprintf(p, n + 1, "GET / HTTP/1.1\r\n%s%s%sX: ", lang ? "Accept-Language: " : "", lang ? lang : "",
			 lang ? "\r\n" : "");
	assert_true(k > 0 && (size_t)k + 4 <= n);
	memset(p + k, 'a', n - (size_t)k - 4);
	memcpy(p + n - 4, "\r\n\r\n", 4);
	p[n] = 0;
	return p;
}

/* max_head counts the request line and the header lines with their CRLFs:
 * a head of exactly max_head bytes passes, one more byte is 431 (414 while
 * still in the request line), and the language read before it is kept. */
static void test_head_size(void **state)
{
	(void)state;
	struct headscan hs;
	char *h = head_of(lim.max_head, NULL);
	headscan_init(&hs, &lim);
	assert_int_equal(headscan_feed(&hs, h, strlen(h)), 0);
	headscan_release(&hs);
	free(h);

	h = head_of(lim.max_head + 1, "en");
	headscan_init(&hs, &lim);
	assert_int_equal(headscan_feed(&hs, h, strlen(h)), 431);
	assert_string_equal(hs.accept_language, "en");
	headscan_release(&hs);
	free(h);

	char line[400];
	int k = snprintf(line, sizeof line, "GET /");
	memset(line + k, 'a', 300);
	snprintf(line + k + 300, sizeof line - (size_t)k - 300, " HTTP/1.1\r\n\r\n");
	headscan_init(&hs, &lim);
	assert_int_equal(headscan_feed(&hs, line, strlen(line)), 414);
	headscan_release(&hs);
}

/* Chunk sizes add up: within max_body they pass, past it 413, and the
 * data itself is not read as lines. */
static void test_chunk_sum(void **state)
{
	(void)state;
	struct headscan hs;
	static const char head[] = "POST /login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
	char data[0x1f4];
	memset(data, '\n', sizeof data);
	headscan_init(&hs, &lim);
	assert_int_equal(headscan_feed(&hs, head, sizeof head - 1), 0);
	assert_int_equal(headscan_feed(&hs, "1f4\r\n", 5), 0);
	assert_int_equal(headscan_feed(&hs, data, sizeof data), 0);
	assert_int_equal(headscan_feed(&hs, "\r\n1f4\r\n", 7), 0);
	assert_int_equal(headscan_feed(&hs, data, sizeof data), 0);
	assert_int_equal(headscan_feed(&hs, "\r\n1\r\n", 5), 413); /* 1001 */
	headscan_release(&hs);
}

/* A refusal is kept: later bytes, even a good request, return it again. */
static void test_status_is_kept(void **state)
{
	(void)state;
	struct headscan hs;
	headscan_init(&hs, &lim);
	assert_int_equal(headscan_feed(&hs, "BREW / HTTP/1.1\r\n\r\n", 19), 501);
	assert_int_equal(headscan_feed(&hs, "GET / HTTP/1.1\r\n\r\n", 18), 501);
	headscan_release(&hs);
}

/* Many keep-alive requests in a row, each with a body: the framing is
 * followed to each next request, and the upload decision is per request. */
static void test_keep_alive_sequence(void **state)
{
	(void)state;
	struct headscan hs;
	headscan_init(&hs, &lim);
	for (int i = 0; i < 200; i++) {
		char req[128];
		int n = snprintf(req, sizeof req, "POST /login HTTP/1.1\r\nContent-Length: %d\r\n\r\n", i % 50);
		assert_int_equal(headscan_feed(&hs, req, (size_t)n), 0);
		char body[64];
		memset(body, 'x', sizeof body);
		assert_int_equal(headscan_feed(&hs, body, (size_t)(i % 50)), 0);
		static const char up[] = "POST /import HTTP/1.1\r\nContent-Length: 4000\r\n\r\n";
		assert_int_equal(headscan_feed(&hs, up, sizeof up - 1), 0);
		char big[4000];
		memset(big, 'y', sizeof big);
		assert_int_equal(headscan_feed(&hs, big, sizeof big), 0);
	}
	static const char over[] = "POST /login HTTP/1.1\r\nContent-Length: 4000\r\n\r\n";
	assert_int_equal(headscan_feed(&hs, over, sizeof over - 1), 413);
	headscan_release(&hs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_head_size),
		cmocka_unit_test(test_chunk_sum),
		cmocka_unit_test(test_status_is_kept),
		cmocka_unit_test(test_keep_alive_sequence),
	};
	return cmocka_run_group_tests_name("headscan", tests, NULL, NULL);
}
