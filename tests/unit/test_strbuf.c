/*
 * Unit tests for src/core/strbuf.c: appending, growth, formatting, the hard
 * maximum size and its sticky failure, reset, detach and release.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/strbuf.h"

/* Appends of every kind accumulate in order and stay NUL-terminated. */
static void test_append_kinds(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_string_equal(sb_str(&sb), "");
	assert_int_equal(sb_adds(&sb, "سلام"), 0);
	assert_int_equal(sb_addc(&sb, ' '), 0);
	assert_int_equal(sb_add(&sb, "abcdef", 3), 0);
	assert_int_equal(sb_addf(&sb, "-%d-%s-%05.1f", 42, "x", 2.25), 0);
	assert_string_equal(sb_str(&sb), "سلام abc-42-x-002.2");
	assert_int_equal(sb.len, strlen("سلام abc-42-x-002.2"));
	assert_int_equal(sb.buf[sb.len], 0);
	assert_false(sb.failed);
	sb_release(&sb);
	assert_null(sb.buf);
	assert_string_equal(sb_str(&sb), "");
}

/* An empty append on a fresh buffer gives an empty string, not NULL. */
static void test_empty_append(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(sb_add(&sb, "", 0), 0);
	assert_non_null(sb.buf);
	assert_string_equal(sb_str(&sb), "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb_addf(&sb, "%s", ""), 0);
	assert_int_equal(sb.len, 0);
	sb_release(&sb);
}

/* Bytes with embedded NULs are kept; len counts them. */
static void test_binary_bytes(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(sb_add(&sb, "a\0b\0c", 5), 0);
	assert_int_equal(sb_addc(&sb, 0), 0);
	assert_int_equal(sb.len, 6);
	assert_memory_equal(sb.buf, "a\0b\0c\0", 7);
	sb_release(&sb);
}

/* Many small appends cross several reallocations without losing bytes. */
static void test_growth(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 20000; i++)
		assert_int_equal(sb_addc(&sb, (char)('a' + i % 26)), 0);
	assert_int_equal(sb.len, 20000);
	assert_true(sb.alloc > sb.len);
	for (int i = 0; i < 20000; i++)
		assert_int_equal(sb.buf[i], 'a' + i % 26);
	assert_int_equal(sb.buf[20000], 0);

	/* one formatted append far longer than the initial allocation */
	struct strbuf f = STRBUF_INIT;
	char big[5000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_int_equal(sb_addf(&f, "<%s|%s>", big, big), 0);
	assert_int_equal(f.len, 2 * 4999 + 3);
	assert_int_equal(f.buf[0], '<');
	assert_int_equal(f.buf[5000], '|');
	assert_int_equal(f.buf[f.len - 1], '>');
	assert_int_equal(f.buf[f.len], 0);
	sb_release(&sb);
	sb_release(&f);
}

/* A step of a max-size scenario: what to append and the expected outcome. */
struct max_step {
	const char *add;    /* appended with sb_adds (or sb_addf "%s" when fmt) */
	int fmt;
	int rc;             /* expected return */
	const char *after;  /* expected contents afterwards */
	int failed;         /* expected sticky flag afterwards */
};

struct max_case {
	size_t max;
	struct max_step steps[5];
};

static const struct max_case max_cases[] = {
	/* exactly max bytes fit; one more fails and stays failed */
	{ 5, { { "abc", 0, 0, "abc", 0 }, { "de", 0, 0, "abcde", 0 },
	       { "f", 0, -1, "abcde", 1 }, { "", 0, -1, "abcde", 1 }, { NULL, 0, 0, NULL, 0 } } },
	/* a failed big append poisons later small ones that would fit */
	{ 10, { { "12345", 0, 0, "12345", 0 }, { "678901", 0, -1, "12345", 1 },
		{ "6", 0, -1, "12345", 1 }, { "7", 1, -1, "12345", 1 }, { NULL, 0, 0, NULL, 0 } } },
	/* formatted appends obey the same limit */
	{ 8, { { "1234", 1, 0, "1234", 0 }, { "56789", 1, -1, "1234", 1 },
	       { "5", 0, -1, "1234", 1 }, { NULL, 0, 0, NULL, 0 } } },
	/* a single append larger than max on an empty buffer */
	{ 3, { { "abcd", 0, -1, "", 1 }, { "a", 0, -1, "", 1 }, { NULL, 0, 0, NULL, 0 } } },
	/* max 1: one byte fits */
	{ 1, { { "x", 0, 0, "x", 0 }, { "y", 0, -1, "x", 1 }, { NULL, 0, 0, NULL, 0 } } },
};

static void test_max_is_sticky(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof max_cases / sizeof max_cases[0]; c++) {
		struct strbuf sb;
		sb_init(&sb, max_cases[c].max);
		for (const struct max_step *s = max_cases[c].steps; s->add; s++) {
			int rc = s->fmt ? sb_addf(&sb, "%s", s->add) : sb_adds(&sb, s->add);
			if (rc != s->rc || strcmp(sb_str(&sb), s->after) != 0 || sb.failed != s->failed)
				print_message("max case %zu, step adding \"%s\": rc %d, \"%s\", failed %d\n",
					      c, s->add, rc, sb_str(&sb), sb.failed);
			assert_int_equal(rc, s->rc);
			assert_string_equal(sb_str(&sb), s->after);
			assert_int_equal(sb.failed, s->failed);
			assert_true(sb.len <= max_cases[c].max);
		}
		/* sb_addc is sticky too, and reset clears the failure */
		if (sb.failed) {
			assert_int_equal(sb_addc(&sb, 'q'), -1);
			sb_reset(&sb);
			assert_false(sb.failed);
			assert_int_equal(sb.len, 0);
			assert_string_equal(sb_str(&sb), "");
			assert_int_equal(sb_addc(&sb, 'q'), 0);
			assert_string_equal(sb_str(&sb), "q");
		}
		sb_release(&sb);
	}
}

/* The default maximum (64 MiB) refuses huge appends before allocating, and
 * sizes near SIZE_MAX do not wrap around. */
static void test_default_max_and_overflow(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(sb_adds(&sb, "ok"), 0);
	/* data pointer is never read when the size is refused */
	assert_int_equal(sb_add(&sb, "x", ((size_t)64 << 20) + 1), -1);
	assert_true(sb.failed);
	assert_string_equal(sb_str(&sb), "ok");
	sb_reset(&sb);
	assert_int_equal(sb_adds(&sb, "ab"), 0);
	assert_int_equal(sb_add(&sb, "x", SIZE_MAX), -1);
	assert_true(sb.failed);
	sb_reset(&sb);
	assert_int_equal(sb_adds(&sb, "ab"), 0);
	assert_int_equal(sb_add(&sb, "x", SIZE_MAX - 1), -1);
	assert_string_equal(sb_str(&sb), "ab");
	sb_release(&sb);

	/* an explicit max near SIZE_MAX: len > max - n must not wrap */
	struct strbuf big;
	sb_init(&big, SIZE_MAX);
	assert_int_equal(sb_adds(&big, "abc"), 0);
	assert_int_equal(sb_add(&big, "x", SIZE_MAX - 1), -1);
	assert_true(big.failed);
	assert_string_equal(sb_str(&big), "abc");
	sb_release(&big);
}

/* Reset keeps the allocation and empties; detach hands the buffer over. */
static void test_reset_detach(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "hello world");
	char *old = sb.buf;
	sb_reset(&sb);
	assert_ptr_equal(sb.buf, old);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb_str(&sb), "");
	sb_adds(&sb, "مرحبا");

	size_t len = 0;
	char *d = sb_detach(&sb, &len);
	assert_string_equal(d, "مرحبا");
	assert_int_equal(len, strlen("مرحبا"));
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	free(d);

	/* the buffer is usable again after detach */
	assert_int_equal(sb_adds(&sb, "again"), 0);
	assert_string_equal(sb_str(&sb), "again");
	sb_release(&sb);

	/* detaching a never-used buffer gives an allocated empty string */
	struct strbuf e = STRBUF_INIT;
	len = 99;
	d = sb_detach(&e, &len);
	assert_non_null(d);
	assert_string_equal(d, "");
	assert_int_equal(len, 0);
	free(d);

	/* detach clears a failure too */
	struct strbuf f;
	sb_init(&f, 2);
	sb_adds(&f, "abc");
	assert_true(f.failed);
	d = sb_detach(&f, NULL);
	free(d);
	assert_false(f.failed);
	sb_release(&f);
}

/* sb_vaddf consumes a va_list correctly, including when called twice. */
static int vadd_twice(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = sb_vaddf(sb, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	r |= sb_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

static void test_vaddf(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(vadd_twice(&sb, "[%s:%lld]", "k", -9223372036854775807LL - 1), 0);
	assert_string_equal(sb_str(&sb), "[k:-9223372036854775808][k:-9223372036854775808]");
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_kinds),
		cmocka_unit_test(test_empty_append),
		cmocka_unit_test(test_binary_bytes),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_max_is_sticky),
		cmocka_unit_test(test_default_max_and_overflow),
		cmocka_unit_test(test_reset_detach),
		cmocka_unit_test(test_vaddf),
	};
	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
