/* test_multipart — the multipart/form-data parser (src/http/multipart.c):
 * the boundary parameter, fields and files as browsers send them, quoted
 * names with escapes, a preamble and an epilogue, binary contents holding
 * near-boundaries, and every refusal: a missing or truncated end boundary,
 * parts and header blocks over their limits, too many parts, a part
 * without a name or without Content-Disposition. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "http/multipart.h"
#include "core/arena.h"
#include "core/banned.h"

#define B "----daamBoundary7MA4YWxk"

static const struct mp_limits LIM = { 1024, 256, 4096 };

static int parse(const char *body, size_t len, const char *boundary, const struct mp_limits *lim,
		 struct arena *a, struct mp_part *parts, int max, int *n)
{
	arena_init(a, 1 << 20);
	return multipart_parse(body, len, boundary, lim, a, parts, max, n);
}

static void test_boundary(void **state)
{
	(void)state;
	char b[MP_BOUNDARY_MAX + 1];
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=" B, b, sizeof b), (int)strlen(B));
	assert_string_equal(b, B);
	assert_int_equal(multipart_boundary("Multipart/Form-Data;BOUNDARY=\"a b:c\"", b, sizeof b), 5);
	assert_string_equal(b, "a b:c");
	assert_int_equal(multipart_boundary("multipart/form-data; charset=utf-8; boundary=xyz", b, sizeof b), 3);
	assert_string_equal(b, "xyz");
	assert_int_equal(multipart_is_form_data("multipart/form-data"), 1);
	assert_int_equal(multipart_is_form_data("  multipart/form-data ; boundary=x"), 1);
	assert_int_equal(multipart_is_form_data("multipart/form-datax"), 0);
	assert_int_equal(multipart_is_form_data("multipart/mixed; boundary=x"), 0);
	assert_int_equal(multipart_is_form_data(NULL), 0);
	/* refused: no boundary, empty, 71 characters, unclosed quote, not form-data */
	assert_int_equal(multipart_boundary("multipart/form-data", b, sizeof b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b, sizeof b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"\"", b, sizeof b), -1);
	char longb[128];
	snprintf(longb, sizeof longb, "multipart/form-data; boundary=%071d", 7);
	assert_int_equal(multipart_boundary(longb, b, sizeof b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"abc", b, sizeof b), -1);
	assert_int_equal(multipart_boundary("application/x-www-form-urlencoded; boundary=x", b, sizeof b), -1);
	/* does not fit the caller's buffer */
	char small[3];
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=abcd", small, sizeof small), -1);
}

/* A form as Chromium sends it: a token, a choice, a file with CRLFs and a
 * line that starts like the boundary. */
static void test_browser_form(void **state)
{
	(void)state;
	const char body[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
		"tok123\r\n"
		"--" B "\r\n"
		"content-disposition: form-data; name=\"kind\"\r\n\r\n"
		"people\r\n"
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
		"Content-Type: text/csv\r\n\r\n"
		"name,phone\r\n--" B "x is not a boundary\r\nعلي,0944\r\n"
		"\r\n--" B "--\r\n";
	struct arena a;
	struct mp_part p[8];
	int n;
	assert_int_equal(parse(body, sizeof body - 1, B, &LIM, &a, p, 8, &n), MP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(p[0].name, "csrf");
	assert_null(p[0].filename);
	assert_null(p[0].content_type);
	assert_int_equal(p[0].len, 6);
	assert_memory_equal(p[0].data, "tok123", 6);
	assert_string_equal(p[1].name, "kind");
	assert_memory_equal(p[1].data, "people", 6);
	assert_string_equal(p[2].name, "file");
	assert_string_equal(p[2].filename, "people.csv");
	assert_string_equal(p[2].content_type, "text/csv");
	const char want[] = "name,phone\r\n--" B "x is not a boundary\r\nعلي,0944\r\n";
	assert_int_equal(p[2].len, sizeof want - 1);
	assert_memory_equal(p[2].data, want, sizeof want - 1);
	/* contents point into the body: nothing was copied */
	assert_true(p[2].data > body && p[2].data < body + sizeof body);
	arena_free_all(&a);
}

/* A preamble before the first boundary and an epilogue after the last are
 * ignored; an empty part and a part without headers beyond its name work. */
static void test_preamble_epilogue(void **state)
{
	(void)state;
	const char body[] =
		"This is a preamble.\r\n"
		"--" B "  \r\n"
		"Content-Disposition: form-data; name=empty\r\n\r\n"
		"\r\n--" B "\r\n"
		"Content-Disposition: form-data; name=\"bin\"; filename=\"\"\r\n\r\n"
		"a\0b\r\nc\r\n--" B "--\r\nepilogue --" B "\r\n";
	struct arena a;
	struct mp_part p[4];
	int n;
	assert_int_equal(parse(body, sizeof body - 1, B, &LIM, &a, p, 4, &n), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "empty");
	assert_int_equal(p[0].len, 0);
	assert_string_equal(p[1].name, "bin");
	assert_non_null(p[1].filename);
	assert_string_equal(p[1].filename, "");
	assert_int_equal(p[1].len, 6);
	assert_memory_equal(p[1].data, "a\0b\r\nc", 6);
	arena_free_all(&a);
}

/* Quoted names keep escaped quotes, semicolons and spaces; other
 * parameters and unknown headers are skipped. */
static void test_quoted_names(void **state)
{
	(void)state;
	const char body[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"a\\\"b\"; filename=\"my file; v2 \\\\ final.csv\"; x=y\r\n"
		"Content-Transfer-Encoding: binary\r\n\r\n"
		"data\r\n--" B "\r\n"
		"Content-Disposition: form-data; filename=\"ملف.csv\"; NAME=\"الاسم\"\r\n\r\n"
		"x\r\n--" B "--";
	struct arena a;
	struct mp_part p[4];
	int n;
	assert_int_equal(parse(body, sizeof body - 1, B, &LIM, &a, p, 4, &n), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "a\"b");
	assert_string_equal(p[0].filename, "my file; v2 \\ final.csv");
	assert_string_equal(p[1].name, "الاسم");
	assert_string_equal(p[1].filename, "ملف.csv");
	arena_free_all(&a);
}

/* A body that stops before its closing boundary is refused. */
static void test_missing_end_boundary(void **state)
{
	(void)state;
	struct arena a;
	struct mp_part p[4];
	int n;
	const char no_close[] = "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n";
	assert_int_equal(parse(no_close, sizeof no_close - 1, B, &LIM, &a, p, 4, &n), MP_ETRUNCATED);
	arena_free_all(&a);
	const char in_headers[] = "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n";
	assert_int_equal(parse(in_headers, sizeof in_headers - 1, B, &LIM, &a, p, 4, &n), MP_ETRUNCATED);
	arena_free_all(&a);
	const char after_delim[] = "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" B;
	assert_int_equal(parse(after_delim, sizeof after_delim - 1, B, &LIM, &a, p, 4, &n), MP_ETRUNCATED);
	assert_int_equal(n, 1);
	arena_free_all(&a);
	/* a body with no boundary at all, and a wrong boundary */
	const char none[] = "just text";
	assert_int_equal(parse(none, sizeof none - 1, B, &LIM, &a, p, 4, &n), MP_EFORMAT);
	arena_free_all(&a);
	const char good[] = "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" B "--";
	assert_int_equal(parse(good, sizeof good - 1, "other", &LIM, &a, p, 4, &n), MP_EFORMAT);
	arena_free_all(&a);
	assert_int_equal(parse(good, sizeof good - 1, "", &LIM, &a, p, 4, &n), MP_EBOUNDARY);
	arena_free_all(&a);
	/* garbage after the boundary line instead of CRLF */
	const char junk[] = "--" B "junk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" B "--";
	assert_int_equal(parse(junk, sizeof junk - 1, B, &LIM, &a, p, 4, &n), MP_EFORMAT);
	arena_free_all(&a);
}

/* Field, file and header limits, and the number of parts. */
static void test_oversized(void **state)
{
	(void)state;
	static char body[16384];
	struct arena a;
	struct mp_part p[4];
	int n;
	/* a plain field of 257 bytes (limit 256) */
	size_t len = (size_t)snprintf(body, sizeof body, "--" B "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n");
	memset(body + len, 'x', 257);
	len += 257;
	len += (size_t)snprintf(body + len, sizeof body - len, "\r\n--" B "--");
	assert_int_equal(parse(body, len, B, &LIM, &a, p, 4, &n), MP_ETOOBIG);
	arena_free_all(&a);
	/* exactly 256 bytes is fine */
	len = (size_t)snprintf(body, sizeof body, "--" B "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n");
	memset(body + len, 'x', 256);
	len += 256;
	len += (size_t)snprintf(body + len, sizeof body - len, "\r\n--" B "--");
	assert_int_equal(parse(body, len, B, &LIM, &a, p, 4, &n), MP_OK);
	assert_int_equal(p[0].len, 256);
	arena_free_all(&a);
	/* a file of 4097 bytes (limit 4096) */
	len = (size_t)snprintf(body, sizeof body, "--" B "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n");
	memset(body + len, 'y', 4097);
	len += 4097;
	len += (size_t)snprintf(body + len, sizeof body - len, "\r\n--" B "--");
	assert_int_equal(parse(body, len, B, &LIM, &a, p, 4, &n), MP_ETOOBIG);
	arena_free_all(&a);
	/* a header block of 2000 bytes (limit 1024), complete or not */
	len = (size_t)snprintf(body, sizeof body, "--" B "\r\nContent-Disposition: form-data; name=\"f\"\r\nX-Pad: ");
	memset(body + len, 'z', 2000);
	len += 2000;
	assert_int_equal(parse(body, len, B, &LIM, &a, p, 4, &n), MP_ETOOBIG);
	arena_free_all(&a);
	len += (size_t)snprintf(body + len, sizeof body - len, "\r\n\r\nv\r\n--" B "--");
	assert_int_equal(parse(body, len, B, &LIM, &a, p, 4, &n), MP_ETOOBIG);
	arena_free_all(&a);
	/* five parts for an array of four */
	len = 0;
	for (int i = 0; i < 5; i++)
		len += (size_t)snprintf(body + len, sizeof body - len,
					"--" B "\r\nContent-Disposition: form-data; name=\"p%d\"\r\n\r\nv\r\n", i);
	len += (size_t)snprintf(body + len, sizeof body - len, "--" B "--");
	assert_int_equal(parse(body, len, B, &LIM, &a, p, 4, &n), MP_ETOOMANY);
	assert_int_equal(n, 4);
	arena_free_all(&a);
}

/* Part headers that do not say what the part is. */
static void test_bad_part_headers(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		"--" B "\r\nContent-Type: text/plain\r\n\r\nv\r\n--" B "--",                         /* no disposition */
		"--" B "\r\nContent-Disposition: form-data\r\n\r\nv\r\n--" B "--",                     /* no name */
		"--" B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--" B "--",         /* not form-data */
		"--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--" B "--",           /* unclosed quote */
		"--" B "\r\nContent-Disposition: form-data; name\r\n\r\nv\r\n--" B "--",               /* no value */
		"--" B "\r\nno colon here\r\n\r\nv\r\n--" B "--",                                     /* not a header */
		"--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nv\r\n--" B "--",
		"--" B "\r\n\r\nv\r\n--" B "--",                                                      /* no headers */
		NULL,
	};
	for (int i = 0; bodies[i]; i++) {
		struct arena a;
		struct mp_part p[4];
		int n;
		int rc = parse(bodies[i], strlen(bodies[i]), B, &LIM, &a, p, 4, &n);
		if (rc != MP_EFORMAT)
			fail_msg("body %d: %d (%s), expected a format error", i, rc, multipart_strerror(rc));
		arena_free_all(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_browser_form),
		cmocka_unit_test(test_preamble_epilogue),
		cmocka_unit_test(test_quoted_names),
		cmocka_unit_test(test_missing_end_boundary),
		cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_bad_part_headers),
	};
	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
