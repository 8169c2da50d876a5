/*
 * Unit tests for src/core/arena.c: alignment, zeroing, independence of
 * blocks, the cap on the bytes handed out, big blocks, string helpers and
 * reuse after arena_free_all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"

/* Blocks are aligned for any type; sizes are rounded up to whole
 * max_align_t units (32 bytes on x86-64), which is what the cap counts. */
#define ALIGN (_Alignof(max_align_t))
#define STEP (sizeof(max_align_t))

/* Every block is aligned for any type and zeroed, for all small sizes and
 * across chunk boundaries, and blocks do not overlap. */
static void test_alignment_zero_no_overlap(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	enum { N = 3000 };
	static unsigned char *ptrs[N];
	static size_t sizes[N];
	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(i % 97) + (i % 7 == 0 ? 5000 : 0);
		unsigned char *p = arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % ALIGN, 0);
		for (size_t k = 0; k < n; k++)
			if (p[k] != 0)
				fail_msg("block %d (size %zu) byte %zu not zeroed", i, n, k);
		memset(p, (unsigned char)(i & 0xff), n);
		ptrs[i] = p;
		sizes[i] = n;
	}
	/* no later block overwrote an earlier one */
	for (int i = 0; i < N; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			if (ptrs[i][k] != (unsigned char)(i & 0xff))
				fail_msg("block %d byte %zu overwritten", i, k);
	assert_true(a.used_total >= 3000);
	arena_free_all(&a);
	assert_int_equal(a.used_total, 0);
	assert_null(a.head);
}

/* Alignment holds for the types a request stores in arena memory. */
static void test_typed_alignment(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	for (int i = 0; i < 50; i++) {
		char *c = arena_alloc(&a, 1);
		long double *ld = arena_alloc(&a, sizeof *ld);
		int64_t *q = arena_alloc(&a, sizeof *q);
		assert_non_null(c);
		assert_int_equal((uintptr_t)ld % _Alignof(long double), 0);
		assert_int_equal((uintptr_t)q % _Alignof(int64_t), 0);
		*ld = 1.5L * i;
		*q = -i;
		assert_true(*ld == 1.5L * i);
	}
	arena_free_all(&a);
}

struct cap_case {
	size_t max;
	size_t sizes[8];   /* 0-terminated list of requests */
	int ok[8];         /* expected: 1 non-NULL, 0 NULL */
};

static const struct cap_case cap_cases[] = {
	/* exactly the cap in whole steps, then nothing more */
	{ 4 * STEP, { STEP, STEP, STEP - 1, 1, 1, 0 }, { 1, 1, 1, 1, 0 } },
	/* a single request of the whole cap fits; anything after fails */
	{ 100, { 100, 1, 0 }, { 1, 0 } },
	/* a request above the cap fails but smaller ones still work */
	{ 1000, { 1001, 10, 990, 0 }, { 0, 1, 0 } },
	{ 1000, { 500, 500, 0 }, { 1, 0 } }, /* 500 rounds up to 512 */
	{ 1024, { 512, 512, 0 }, { 1, 1 } },
	/* big requests go to their own chunk and count against the cap */
	{ 20000, { 10000, 9000, 1000, 0 }, { 1, 1, 0 } },
	/* the cap is on bytes handed out, not on malloc'd chunks */
	{ 8192, { 4096, 4096, 1, 0 }, { 1, 1, 0 } },
};

static void test_cap(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof cap_cases / sizeof cap_cases[0]; c++) {
		struct arena a;
		arena_init(&a, cap_cases[c].max);
		for (int i = 0; cap_cases[c].sizes[i]; i++) {
			void *p = arena_alloc(&a, cap_cases[c].sizes[i]);
			if ((p != NULL) != cap_cases[c].ok[i])
				print_message("cap case %zu (max %zu), request %d of %zu: %s, used_total %zu\n",
					      c, cap_cases[c].max, i, cap_cases[c].sizes[i],
					      p ? "granted" : "refused", a.used_total);
			assert_int_equal(p != NULL, cap_cases[c].ok[i]);
			/* never more than one rounding step over the cap */
			assert_true(a.used_total < cap_cases[c].max + STEP);
		}
		arena_free_all(&a);
	}
}

/* Default cap (256 MiB): huge or overflowing sizes are refused without
 * allocating, and the strings helpers return NULL past the cap. */
static void test_cap_default_and_overflow(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_int_equal(a.max, (size_t)256 << 20);
	assert_null(arena_alloc(&a, ((size_t)256 << 20) + 1));
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 7));
	assert_int_equal(a.used_total, 0);
	assert_non_null(arena_alloc(&a, 10));
	arena_free_all(&a);

	/* room for two steps: an 11-byte string takes one step, a string of
	 * STEP bytes plus its NUL does not fit in the other, STEP-1 bytes do */
	char full[2 * STEP + 1];
	memset(full, 'f', sizeof full - 1);
	full[sizeof full - 1] = 0;
	arena_init(&a, 2 * STEP);
	assert_non_null(arena_strdup(&a, "0123456789"));
	assert_int_equal(a.used_total, STEP);
	assert_null(arena_strndup(&a, full, STEP));
	assert_null(arena_printf(&a, "%.*s", (int)STEP, full));
	assert_non_null(arena_strndup(&a, full, STEP - 1));
	assert_int_equal(a.used_total, 2 * STEP);
	assert_null(arena_strndup(&a, "", 0));
	arena_free_all(&a);
}

/* A big block does not waste the head chunk: small blocks after it keep
 * filling the same chunk right after the earlier small block. */
static void test_big_block_keeps_head(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char *p1 = arena_alloc(&a, 10);
	char *big = arena_alloc(&a, 100000);
	char *p2 = arena_alloc(&a, 10);
	assert_non_null(p1);
	assert_non_null(big);
	assert_ptr_equal(p2, p1 + STEP);
	memset(big, 0x5a, 100000);
	assert_int_equal(p1[0], 0);
	assert_int_equal(p2[0], 0);
	/* zero-size requests still return distinct usable pointers */
	char *z1 = arena_alloc(&a, 0), *z2 = arena_alloc(&a, 0);
	assert_non_null(z1);
	assert_non_null(z2);
	assert_ptr_not_equal(z1, z2);
	arena_free_all(&a);
}

static void test_strings(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(arena_strdup(&a, "دعم المجتمع"), "دعم المجتمع");
	assert_string_equal(arena_strdup(&a, ""), "");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	/* strndup copies exactly n bytes (embedded NULs too) and terminates */
	char *s = arena_strndup(&a, "a\0bc", 4);
	assert_memory_equal(s, "a\0bc\0", 5);
	assert_string_equal(arena_printf(&a, "%d/%s/%05.2f", -7, "x", 3.14159), "-7/x/03.14");
	/* printf longer than a chunk */
	char big[20000];
	memset(big, 'k', sizeof big - 1);
	big[sizeof big - 1] = 0;
	char *p = arena_printf(&a, "[%s]", big);
	assert_non_null(p);
	assert_int_equal(strlen(p), sizeof big + 1);
	assert_int_equal(p[0], '[');
	assert_int_equal(p[sizeof big], ']');
	arena_free_all(&a);
}

/* After free_all the arena works again, with fresh zeroed memory. */
static void test_reuse(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 4096);
	for (int round = 0; round < 3; round++) {
		size_t got = 0;
		unsigned char *p;
		while ((p = arena_alloc(&a, 100)) != NULL) {
			for (int k = 0; k < 100; k++)
				assert_int_equal(p[k], 0);
			memset(p, 0xff, 100);
			got++;
		}
		/* 100 rounds up to a whole number of steps (128 on x86-64) */
		assert_int_equal(got, 4096 / ((100 + STEP - 1) / STEP * STEP));
		arena_free_all(&a);
		assert_int_equal(a.used_total, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alignment_zero_no_overlap),
		cmocka_unit_test(test_typed_alignment),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_cap_default_and_overflow),
		cmocka_unit_test(test_big_block_keeps_head),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_reuse),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
