/* test_malformed — broken and hostile requests sent as raw bytes over TCP.
 * Each must be answered with a 4xx within 2 s or have its connection closed,
 * and the server must go on answering normal requests afterwards.  Where the
 * malformed request is a variation of a valid one (Content-Length framing),
 * the valid form is sent first to show that the refusal is about the framing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

#define QUICK_MS 2000

struct buf {
	char *p;
	size_t len;
};

static void add(struct buf *b, const void *data, size_t n)
{
	char *p = realloc(b->p, b->len + n + 1);
	assert_non_null(p);
	b->p = p;
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = 0;
}

static void adds(struct buf *b, const char *s)
{
	add(b, s, strlen(s));
}

static void add_repeat(struct buf *b, char c, size_t n)
{
	char *chunk = malloc(n);
	assert_non_null(chunk);
	memset(chunk, c, n);
	add(b, chunk, n);
	free(chunk);
}

/* The server still answers GET /healthz normally and quickly. */
static void assert_server_alive(const struct server *s)
{
	struct browser b;
	browser_init(&b, s);
	struct response *r = http_get(&b, "/healthz");
	assert_non_null(r);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "\"status\":\"ok\""));
	assert_true(r->seconds < 2.0);
	response_free(r);
	browser_free(&b);
}

/* Sends the bytes and requires a 4xx (or one of the extra codes) within
 * QUICK_MS, or the connection closed; then checks the server is fine. */
static void expect_refused(const struct server *s, const char *what, const void *data, size_t len,
			   const int *extra_ok)
{
	struct raw_result res;
	assert_int_equal(raw_exchange(s->port, data, len, QUICK_MS + 1000, &res), 0);
	int ok_status = res.status >= 400 && res.status < 500;
	for (int i = 0; extra_ok && extra_ok[i]; i++)
		if (res.status == extra_ok[i])
			ok_status = 1;
	int ok = (ok_status || (res.status == 0 && res.closed)) && !res.timed_out && res.ms <= QUICK_MS;
	if (!ok) {
		char first[120];
		snprintf(first, sizeof first, "%.119s", res.head);
		char *nl = strpbrk(first, "\r\n");
		if (nl)
			*nl = 0;
		print_message("%s: status %d, closed %d, timed out %d, after %ld ms, first line \"%s\"\n",
			      what, res.status, res.closed, res.timed_out, res.ms, first);
	}
	assert_true(ok);
	assert_server_alive(s);
}

/* A request line and headers of 20 KB (limit 16 KiB). */
static void test_header_20k(void **state)
{
	struct buf b = { 0 };
	adds(&b, "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ");
	add_repeat(&b, 'a', 20 * 1024);
	adds(&b, "\r\n\r\n");
	expect_refused(*state, "20 KB header", b.p, b.len, NULL);
	free(b.p);
}

/* Many small headers adding up to 20 KB. */
static void test_many_headers_20k(void **state)
{
	struct buf b = { 0 };
	adds(&b, "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n");
	for (int i = 0; i < 640; i++) {
		char line[40];
		snprintf(line, sizeof line, "X-H%d: aaaaaaaaaaaaaaaaaaaa\r\n", i);
		adds(&b, line);
	}
	adds(&b, "\r\n");
	expect_refused(*state, "640 headers", b.p, b.len, NULL);
	free(b.p);
}

/* A 10 KB path. */
static void test_url_10k(void **state)
{
	struct buf b = { 0 };
	adds(&b, "GET /");
	add_repeat(&b, 'a', 10 * 1024);
	adds(&b, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	expect_refused(*state, "10 KB URL", b.p, b.len, NULL);
	free(b.p);
}

/* A 10 KB query string. */
static void test_query_10k(void **state)
{
	struct buf b = { 0 };
	adds(&b, "GET /login?next=/");
	add_repeat(&b, 'a', 10 * 1024);
	adds(&b, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	expect_refused(*state, "10 KB query", b.p, b.len, NULL);
	free(b.p);
}

/* A body of 2 MB with its Content-Length (limit 1 MiB): refused up front. */
static void test_body_over_1mib(void **state)
{
	const size_t n = 2 * 1024 * 1024;
	struct buf b = { 0 };
	char head[256];
	snprintf(head, sizeof head, "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\n", n);
	adds(&b, head);
	add_repeat(&b, 'a', n);
	struct raw_result res;
	assert_int_equal(raw_exchange(((struct server *)*state)->port, b.p, b.len, QUICK_MS + 1000, &res), 0);
	assert_false(res.timed_out);
	assert_true(res.ms <= QUICK_MS);
	assert_true(res.status == 413 || (res.status == 0 && res.closed));
	free(b.p);
	assert_server_alive(*state);
}

/* A form body of 300 KB (forms are limited to 256 KiB): 413. */
static void test_form_over_256k(void **state)
{
	struct browser br;
	browser_init(&br, *state);
	char *token = page_csrf(&br, "/login");
	assert_non_null(token);
	struct buf body = { 0 };
	adds(&body, "csrf=");
	adds(&body, token);
	adds(&body, "&name=admin&password=");
	add_repeat(&body, 'x', 300 * 1024);
	static const char *const ct[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	struct response *r = http_request(&br, "POST", "/login", body.p, body.len, ct);
	assert_int_equal(r->status, 413);
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	free(body.p);
	free(token);
	browser_free(&br);
	assert_server_alive(*state);
}

/* An encoded NUL (%00) in a form value or a query: 400, as a raw NUL is —
 * never a value silently cut at the NUL (a sign-in as "admin" with
 * "admin%00x" would otherwise go through as "admin"). */
static void test_encoded_nul_refused(void **state)
{
	struct browser br;
	browser_init(&br, *state);
	char *token = page_csrf(&br, "/login");
	assert_non_null(token);
	char body[256];
	snprintf(body, sizeof body, "csrf=%s&name=director%%00x&password=daam-demo-2026&next=%%2F", token);
	static const char *const ct[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	struct response *r = http_request(&br, "POST", "/login", body, strlen(body), ct);
	assert_int_equal(r->status, 400);
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	r = http_get(&br, "/login?next=%2Fpeople%00x");
	assert_int_equal(r->status, 400);
	response_free(r);
	/* the same form without the %00 signs in: the refusal was the NUL */
	free(token);
	token = page_csrf(&br, "/login");
	snprintf(body, sizeof body, "csrf=%s&name=director&password=daam-demo-2026&next=%%2F", token);
	r = http_request(&br, "POST", "/login", body, strlen(body), ct);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(token);
	browser_free(&br);
}

/* A POST /prefs that is valid apart from its framing headers: a csrf cookie
 * and the same token in the body.  Returns the request up to the end of the
 * headers' common part (caller adds framing, blank line and body). */
static char *prefs_body(const struct server *s, char **cookie_token)
{
	struct browser br;
	browser_init(&br, s);
	char *token = page_csrf(&br, "/login");
	assert_non_null(token);
	browser_free(&br);
	*cookie_token = token;
	return form_encode("csrf", token, "lang", "en", "next", "/login", NULL);
}

static void start_prefs(struct buf *b, const char *token)
{
	adds(b, "POST /prefs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		"Content-Type: application/x-www-form-urlencoded\r\nCookie: csrf=");
	adds(b, token);
	adds(b, "\r\n");
}

/* Two different Content-Length headers (request smuggling): RFC 9112 §6.3
 * makes this an unrecoverable error. */
static void test_conflicting_content_length(void **state)
{
	const struct server *s = *state;
	char *token;
	char *body = prefs_body(s, &token);
	char cl[128];
	/* first the valid request: it is accepted (303) */
	struct buf ok = { 0 };
	start_prefs(&ok, token);
	snprintf(cl, sizeof cl, "Content-Length: %zu\r\n\r\n", strlen(body));
	adds(&ok, cl);
	adds(&ok, body);
	struct raw_result res;
	assert_int_equal(raw_exchange(s->port, ok.p, ok.len, QUICK_MS, &res), 0);
	assert_int_equal(res.status, 303);

	struct buf bad = { 0 };
	start_prefs(&bad, token);
	snprintf(cl, sizeof cl, "Content-Length: %zu\r\nContent-Length: %zu\r\n\r\n", strlen(body),
		 strlen(body) + 7);
	adds(&bad, cl);
	adds(&bad, body);
	expect_refused(s, "two Content-Length headers", bad.p, bad.len, NULL);
	free(ok.p);
	free(bad.p);
	free(body);
	free(token);
}

/* Content-Length together with Transfer-Encoding: chunked. */
static void test_content_length_and_chunked(void **state)
{
	const struct server *s = *state;
	char *token;
	char *body = prefs_body(s, &token);
	char line[128];
	/* chunked alone is fine */
	struct buf ok = { 0 };
	start_prefs(&ok, token);
	snprintf(line, sizeof line, "Transfer-Encoding: chunked\r\n\r\n%zx\r\n", strlen(body));
	adds(&ok, line);
	adds(&ok, body);
	adds(&ok, "\r\n0\r\n\r\n");
	struct raw_result res;
	assert_int_equal(raw_exchange(s->port, ok.p, ok.len, QUICK_MS, &res), 0);
	assert_int_equal(res.status, 303);

	struct buf bad = { 0 };
	start_prefs(&bad, token);
	snprintf(line, sizeof line, "Content-Length: %zu\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n",
		 strlen(body), strlen(body));
	adds(&bad, line);
	adds(&bad, body);
	adds(&bad, "\r\n0\r\n\r\n");
	expect_refused(s, "Content-Length with chunked", bad.p, bad.len, NULL);
	free(ok.p);
	free(bad.p);
	free(body);
	free(token);
}

/* NUL bytes inside the request line. */
static void test_nul_in_request_line(void **state)
{
	static const char req[] = "GET /lo\0gin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "NUL in the path", req, sizeof req - 1, NULL);
	static const char req2[] = "GET\0/login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "NUL after the method", req2, sizeof req2 - 1, NULL);
}

/* A NUL byte at the end of the request line: libevent parses the line as a
 * C string, so "HTTP/1.1\0junk" would pass for "HTTP/1.1" unless daam
 * checks the raw bytes itself. */
static void test_nul_after_version(void **state)
{
	static const char req[] = "GET /login HTTP/1.1\0\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "NUL after the version", req, sizeof req - 1, NULL);
	static const char req2[] = "GET /login HTTP/1.1\0 junk\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "NUL and text after the version", req2, sizeof req2 - 1, NULL);
}

/* Methods that are not HTTP methods daam knows; 501 Not Implemented is the
 * RFC 9110 answer to an unknown method and is accepted besides 4xx. */
static void test_invalid_method(void **state)
{
	static const int not_impl[] = { 501, 0 };
	static const char brew[] = "BREW /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "method BREW", brew, sizeof brew - 1, not_impl);
	static const char junk[] = "G\x01T /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "method with a control byte", junk, sizeof junk - 1, not_impl);
	static const char lower[] = "get /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "lower-case method", lower, sizeof lower - 1, not_impl);
}

/* An HTTP version that does not exist; 505 is accepted besides 4xx. */
static void test_http_9_9(void **state)
{
	static const int not_supported[] = { 505, 0 };
	static const char req[] = "GET /login HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "HTTP/9.9", req, sizeof req - 1, not_supported);
	static const char req2[] = "GET /login HTTQ/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "HTTQ/1.1", req2, sizeof req2 - 1, not_supported);
}

/* %00 in the path decodes to a NUL: 400. */
static void test_path_with_encoded_nul(void **state)
{
	static const char req[] = "GET /login%00.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "%00 in the path", req, sizeof req - 1, NULL);
	static const char req2[] = "GET /admin/users/1%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	expect_refused(*state, "%00 after an id", req2, sizeof req2 - 1, NULL);
}

/* A header line without a colon. */
static void test_header_without_colon(void **state)
{
	static const char req[] = "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nthis is not a header\r\n\r\n";
	expect_refused(*state, "header without colon", req, sizeof req - 1, NULL);
}

/* After all of that, a normal client signs in as usual. */
static void test_still_serves_normally(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	sign_in(&b, "admin");
	struct response *r = http_get(&b, "/admin/users");
	assert_int_equal(r->status, 200);
	response_free(r);
	browser_free(&b);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_20k),
		cmocka_unit_test(test_many_headers_20k),
		cmocka_unit_test(test_url_10k),
		cmocka_unit_test(test_query_10k),
		cmocka_unit_test(test_body_over_1mib),
		cmocka_unit_test(test_form_over_256k),
		cmocka_unit_test(test_encoded_nul_refused),
		cmocka_unit_test(test_conflicting_content_length),
		cmocka_unit_test(test_content_length_and_chunked),
		cmocka_unit_test(test_nul_in_request_line),
		cmocka_unit_test(test_nul_after_version),
		cmocka_unit_test(test_invalid_method),
		cmocka_unit_test(test_http_9_9),
		cmocka_unit_test(test_path_with_encoded_nul),
		cmocka_unit_test(test_header_without_colon),
		cmocka_unit_test(test_still_serves_normally),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
