/* test_early_errors — requests that evhttp would refuse with its own bare
 * page (a body over the limit, a malformed request line or header line,
 * headers over the limit, an unknown method) are answered by daam's
 * connection guard instead: a whole HTTP/1.1 response with daam's security
 * headers, Connection: close, and a short page in the language the request
 * asked for (lang cookie, then Accept-Language, else Arabic).  The body
 * limit follows the route table: an upload to /import is taken up to
 * LIMIT_UPLOAD_BYTES (32 MiB) exactly, any other request is refused past
 * LIMIT_BODY_BYTES (1 MiB). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/socket.h>
#include "harness.h"
#include "core/limits.h"
#include "core/banned.h"

#define UPLOAD_MAX LIMIT_UPLOAD_BYTES
#define OTHER_MAX LIMIT_BODY_BYTES
#define BOUNDARY "----daamEarlyBoundary"

/* Titles of the pages, from po/ar.po and the English msgids. */
#define AR_TOO_LARGE "الحجم كبير جداً"
#define EN_TOO_LARGE "Too large"
#define AR_BAD_REQUEST "طلب غير صالح"
#define EN_BAD_REQUEST "Bad request"
#define AR_HEADERS_TOO_LARGE "الطلب كبير جداً"
#define EN_HEADERS_TOO_LARGE "Request too large"
#define AR_NOT_SUPPORTED "غير مدعوم"

static struct server *srv;

struct reply {
	char *raw;          /* all that came back, NUL-terminated */
	size_t len;
	int status;
	const char *body;   /* after the blank line */
	size_t body_len;
};

/* Sends the bytes (as much as the server reads) and reads until the server
 * closes or 5 s pass. */
static void exchange(const void *data, size_t len, struct reply *out)
{
	memset(out, 0, sizeof *out);
	int fd = tcp_connect(srv->port);
	assert_true(fd >= 0);
	size_t cap = 65536;
	out->raw = malloc(cap);
	assert_non_null(out->raw);
	size_t sent = 0;
	double give_up = mono_now() + 5;
	int eof = 0;
	while (!eof && mono_now() < give_up) {
		struct pollfd p = { fd, POLLIN | (sent < len ? POLLOUT : 0), 0 };
		if (poll(&p, 1, 100) <= 0)
			continue;
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			if (out->len + 4096 > cap) {
				cap *= 2;
				out->raw = realloc(out->raw, cap);
				assert_non_null(out->raw);
			}
			ssize_t k = recv(fd, out->raw + out->len, cap - out->len - 1, 0);
			if (k <= 0)
				eof = 1;
			else
				out->len += (size_t)k;
		} else if (p.revents & POLLOUT) {
			size_t chunk = len - sent < 65536 ? len - sent : 65536;
			ssize_t k = send(fd, (const char *)data + sent, chunk, MSG_NOSIGNAL);
			if (k > 0)
				sent += (size_t)k;
			else if (errno != EAGAIN && errno != EINTR)
				sent = len; /* the server stopped reading: fine */
		}
	}
	close(fd);
	out->raw[out->len] = 0;
	if (sscanf(out->raw, "HTTP/1.1 %d ", &out->status) != 1)
		out->status = 0;
	const char *end = strstr(out->raw, "\r\n\r\n");
	out->body = end ? end + 4 : "";
	out->body_len = end ? out->len - (size_t)(end + 4 - out->raw) : 0;
}

/* The value of a header in the reply's head, or NULL (static buffer). */
static const char *header(const struct reply *r, const char *name)
{
	static char value[512];
	size_t n = strlen(name);
	for (const char *p = strstr(r->raw, "\r\n"); p && p + 2 < r->body; p = strstr(p + 2, "\r\n")) {
		const char *line = p + 2;
		if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			const char *e = strstr(v, "\r\n");
			snprintf(value, sizeof value, "%.*s", (int)(e - v), v);
			return value;
		}
	}
	return NULL;
}

/* daam's refusal: the status, the security headers of every page, a page
 * in lang ("ar" or "en") with the title, and the connection closed. */
static void expect_page(const char *what, const struct reply *r, int status, const char *lang, const char *title)
{
	if (r->status != status)
		fail_msg("%s: status %d, want %d; got:\n%.400s", what, r->status, status, r->raw);
	const char *v;
	assert_non_null(v = header(r, "Content-Security-Policy"));
	assert_non_null(strstr(v, "frame-ancestors 'none'"));
	assert_non_null(strstr(v, "default-src 'none'"));
	assert_non_null(v = header(r, "X-Content-Type-Options"));
	assert_string_equal(v, "nosniff");
	assert_non_null(v = header(r, "X-Frame-Options"));
	assert_string_equal(v, "DENY");
	assert_non_null(v = header(r, "Referrer-Policy"));
	assert_string_equal(v, "same-origin");
	assert_non_null(v = header(r, "Cache-Control"));
	assert_string_equal(v, "no-store");
	assert_non_null(v = header(r, "Connection"));
	assert_string_equal(v, "close");
	assert_non_null(v = header(r, "Content-Type"));
	assert_string_equal(v, "text/html; charset=utf-8");
	assert_non_null(v = header(r, "Content-Length"));
	assert_int_equal(strtoul(v, NULL, 10), r->body_len);
	char want[64];
	snprintf(want, sizeof want, "<html lang=\"%s\" dir=\"%s\">", lang, strcmp(lang, "ar") == 0 ? "rtl" : "ltr");
	if (!strstr(r->body, want) || !strstr(r->body, title))
		fail_msg("%s: the page is not in %s with \"%s\":\n%s", what, lang, title, r->body);
	assert_null(strstr(r->raw, "<HTML>")); /* not evhttp's page */
}

/* A request head (request line first) with the extra header lines. */
static char *head(const char *line, const char *extra)
{
	char *h = malloc(strlen(line) + strlen(extra) + 64);
	assert_non_null(h);
	snprintf(h, strlen(line) + strlen(extra) + 64, "%s\r\nHost: 127.0.0.1\r\n%s\r\n", line, extra);
	return h;
}

/* The head followed by n bytes of body. */
static char *with_body(const char *h, size_t n, size_t *len)
{
	size_t hl = strlen(h);
	char *p = malloc(hl + n + 1);
	assert_non_null(p);
	memcpy(p, h, hl);
	memset(p + hl, 'a', n);
	*len = hl + n;
	return p;
}

static void assert_alive(void)
{
	struct browser b;
	browser_init(&b, srv);
	struct response *r = http_get(&b, "/healthz");
	assert_int_equal(r->status, 200);
	response_free(r);
	browser_free(&b);
}

/* 2 MiB to /login: 413, in Arabic by default, in English when asked by
 * Accept-Language or by the lang cookie (which wins over the header). */
static void test_body_too_large(void **state)
{
	(void)state;
	static const struct {
		const char *extra, *lang, *title;
	} asks[] = {
		{ "", "ar", AR_TOO_LARGE },
		{ "Accept-Language: en-GB,en;q=0.8\r\n", "en", EN_TOO_LARGE },
		{ "Accept-Language: ar\r\nCookie: sid=x; lang=en\r\n", "en", EN_TOO_LARGE },
		{ "Accept-Language: en\r\nCookie: lang=ar\r\n", "ar", AR_TOO_LARGE },
	};
	for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
		char extra[256];
		snprintf(extra, sizeof extra, "%sContent-Type: application/x-www-form-urlencoded\r\n"
			 "Content-Length: %zu\r\n", asks[i].extra, 2 * OTHER_MAX);
		char *h = head("POST /login HTTP/1.1", extra);
		size_t len;
		char *req = with_body(h, 2 * OTHER_MAX, &len);
		struct reply r;
		exchange(req, len, &r);
		expect_page("2 MiB body", &r, 413, asks[i].lang, asks[i].title);
		free(r.raw);
		free(req);
		free(h);
	}
	assert_alive();
}

/* A malformed request line: 400 (505 for a version past HTTP/1, 501 for an
 * unknown method), the headers after it still read for the language. */
static void test_malformed_request_line(void **state)
{
	(void)state;
	struct reply r;
	char *h = head("GET /login HTTQ/1.1", "");
	exchange(h, strlen(h), &r);
	expect_page("HTTQ/1.1", &r, 400, "ar", AR_BAD_REQUEST);
	free(r.raw);
	free(h);

	h = head("GET /login HTTQ/1.1", "Accept-Language: en\r\n");
	exchange(h, strlen(h), &r);
	expect_page("HTTQ/1.1 in English", &r, 400, "en", EN_BAD_REQUEST);
	free(r.raw);
	free(h);

	h = head("GET /login HTTP/3.0", "");
	exchange(h, strlen(h), &r);
	expect_page("HTTP/3.0", &r, 505, "ar", AR_NOT_SUPPORTED);
	free(r.raw);
	free(h);

	h = head("BREW /login HTTP/1.1", "");
	exchange(h, strlen(h), &r);
	expect_page("BREW", &r, 501, "ar", AR_NOT_SUPPORTED);
	free(r.raw);
	free(h);

	h = head("GET //h:x/ HTTP/1.1", "Cookie: lang=en\r\n");
	exchange(h, strlen(h), &r);
	expect_page("a target evhttp cannot parse", &r, 400, "en", EN_BAD_REQUEST);
	free(r.raw);
	free(h);

	static const char nul[] = "GET /lo\0gin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	exchange(nul, sizeof nul - 1, &r);
	expect_page("NUL in the path", &r, 400, "ar", AR_BAD_REQUEST);
	free(r.raw);
	assert_alive();
}

/* A header line without a colon: 400, in the language of the headers. */
static void test_malformed_header(void **state)
{
	(void)state;
	struct reply r;
	char *h = head("GET /login HTTP/1.1", "Accept-Language: en\r\nthis is not a header\r\n");
	exchange(h, strlen(h), &r);
	expect_page("header without colon", &r, 400, "en", EN_BAD_REQUEST);
	free(r.raw);
	free(h);
	h = head("POST /login HTTP/1.1", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n");
	exchange(h, strlen(h), &r);
	expect_page("Content-Length with chunked", &r, 400, "ar", AR_BAD_REQUEST);
	free(r.raw);
	free(h);
	assert_alive();
}

/* 20 KB of headers (the limit is 16 KiB): 431; HEAD gets the head only. */
static void test_headers_too_large(void **state)
{
	(void)state;
	char *filler = malloc(20 * 1024 + 32);
	assert_non_null(filler);
	int k = snprintf(filler, 32, "X-Filler: ");
	memset(filler + k, 'a', 20 * 1024);
	memcpy(filler + k + 20 * 1024, "\r\n", 3);
	char extra[20 * 1024 + 128];

	snprintf(extra, sizeof extra, "%s", filler);
	char *h = head("GET /login HTTP/1.1", extra);
	struct reply r;
	exchange(h, strlen(h), &r);
	expect_page("20 KB header", &r, 431, "ar", AR_HEADERS_TOO_LARGE);
	free(r.raw);
	free(h);

	snprintf(extra, sizeof extra, "Accept-Language: en\r\n%s", filler);
	h = head("GET /login HTTP/1.1", extra);
	exchange(h, strlen(h), &r);
	expect_page("20 KB header in English", &r, 431, "en", EN_HEADERS_TOO_LARGE);
	free(r.raw);
	free(h);

	snprintf(extra, sizeof extra, "%s", filler);
	h = head("HEAD /login HTTP/1.1", extra);
	exchange(h, strlen(h), &r);
	assert_int_equal(r.status, 431);
	assert_non_null(header(&r, "Content-Security-Policy"));
	assert_int_equal(r.body_len, 0);
	free(r.raw);
	free(h);
	free(filler);
	assert_alive();
}

/* A multipart body of exactly n bytes: the token, the kind, a small good
 * CSV file, and a padding file part filling the rest. */
static char *upload_body(const char *csrf, size_t n)
{
	char *b = malloc(n + 1);
	assert_non_null(b);
	int k = snprintf(b, n + 1,
			 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npeople\r\n"
			 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n"
			 "Content-Type: text/csv\r\n\r\nname\r\nعبير حدود الرفع\r\n"
			 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"padding\"; filename=\"pad.bin\"\r\n"
			 "Content-Type: application/octet-stream\r\n\r\n", csrf);
	static const char tail[] = "\r\n--" BOUNDARY "--\r\n";
	assert_true((size_t)k + sizeof tail - 1 < n);
	memset(b + k, 'x', n - (size_t)k - (sizeof tail - 1));
	memcpy(b + n - (sizeof tail - 1), tail, sizeof tail - 1);
	b[n] = 0;
	return b;
}

/* The limit follows the route: POST /import takes a body of exactly 32 MiB
 * (the upload is stored: 303), one byte more is 413 before the body is
 * sent; /login and /import/N (not an upload route) are refused past 1 MiB,
 * an anonymous upload to /import of 2 MiB reaches daam (redirect to the
 * sign-in page). */
static void test_upload_limits(void **state)
{
	(void)state;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	b.timeout_ms = 60000;
	sign_in(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	char *body = upload_body(csrf, UPLOAD_MAX);
	static const char *const mp[] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY, "Expect:", NULL };
	struct response *resp = http_request(&b, "POST", "/import", body, UPLOAD_MAX, mp);
	if (resp->status != 303)
		fail_msg("32 MiB upload: status %ld\n%.600s", resp->status, resp->body ? resp->body : "");
	response_free(resp);
	free(body);
	free(csrf);
	browser_free(&b);

	struct reply r;
	char extra[256];
	snprintf(extra, sizeof extra, "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
		 "Content-Length: %zu\r\nAccept-Language: en\r\n", UPLOAD_MAX + 1);
	char *h = head("POST /import HTTP/1.1", extra);
	exchange(h, strlen(h), &r);
	expect_page("32 MiB + 1 to /import", &r, 413, "en", EN_TOO_LARGE);
	free(r.raw);
	free(h);

	static const char *const others[] = { "POST /login HTTP/1.1", "POST /import/1 HTTP/1.1", "POST /people HTTP/1.1" };
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		snprintf(extra, sizeof extra, "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
			 "Content-Length: %zu\r\n", OTHER_MAX + 1);
		h = head(others[i], extra);
		size_t len;
		char *req = with_body(h, OTHER_MAX + 1, &len);
		exchange(req, len, &r);
		expect_page(others[i], &r, 413, "ar", AR_TOO_LARGE);
		free(r.raw);
		free(req);
		free(h);
	}

	snprintf(extra, sizeof extra, "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
		 "Content-Length: %zu\r\nConnection: close\r\n", 2 * OTHER_MAX);
	h = head("POST /import HTTP/1.1", extra);
	size_t len;
	char *req = with_body(h, 2 * OTHER_MAX, &len);
	exchange(req, len, &r);
	if (r.status != 303 || !strstr(r.raw, "/login"))
		fail_msg("2 MiB anonymous upload: %.300s", r.raw);
	free(r.raw);
	free(req);
	free(h);
	assert_alive();
}

/* A keep-alive connection: a good POST with its body, then a refused one;
 * the first is answered as usual, the second by the guard. */
static void test_keep_alive_then_refused(void **state)
{
	(void)state;
	char extra[256];
	snprintf(extra, sizeof extra, "Accept-Language: en\r\nContent-Type: application/x-www-form-urlencoded\r\n"
		 "Content-Length: 3\r\n");
	char *first = head("POST /healthz HTTP/1.1", extra);
	int fd = tcp_connect(srv->port);
	assert_true(fd >= 0);
	size_t fl = strlen(first);
	assert_int_equal(send(fd, first, fl, MSG_NOSIGNAL), (ssize_t)fl);
	assert_int_equal(send(fd, "a=b", 3, MSG_NOSIGNAL), 3);
	char buf[8192];
	size_t got = 0;
	/* read the first response whole (its Content-Length) */
	double give_up = mono_now() + 5;
	while (mono_now() < give_up) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t k = recv(fd, buf + got, sizeof buf - 1 - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
		buf[got] = 0;
		const char *e = strstr(buf, "\r\n\r\n"), *cl = strcasestr(buf, "Content-Length:");
		if (e && cl && (size_t)(e + 4 - buf) + strtoul(cl + 15, NULL, 10) <= got)
			break;
	}
	assert_int_equal(strncmp(buf, "HTTP/1.1 405", 12), 0);
	assert_null(strstr(buf, "Connection: close"));
	static const char bad[] = "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\nbroken\r\n\r\n";
	assert_int_equal(send(fd, bad, sizeof bad - 1, MSG_NOSIGNAL), (ssize_t)(sizeof bad - 1));
	got = 0;
	give_up = mono_now() + 5;
	while (mono_now() < give_up && got < sizeof buf - 1) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t k = recv(fd, buf + got, sizeof buf - 1 - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	buf[got] = 0;
	close(fd);
	assert_int_equal(strncmp(buf, "HTTP/1.1 400", 12), 0);
	assert_non_null(strstr(buf, EN_BAD_REQUEST));
	free(first);
	assert_alive();
}

static void test_server_stops_cleanly(void **state)
{
	(void)state;
	assert_int_equal(server_stop(srv), 0);
}

static int setup(void **state)
{
	if (group_setup(state) < 0)
		return -1;
	srv = *state;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_too_large),
		cmocka_unit_test(test_malformed_request_line),
		cmocka_unit_test(test_malformed_header),
		cmocka_unit_test(test_headers_too_large),
		cmocka_unit_test(test_upload_limits),
		cmocka_unit_test(test_keep_alive_then_refused),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
