/*
 * Unit tests for src/http/addr_count.c, the per-address connection counts:
 * counts go up and down per address, a freed slot does not hide addresses
 * stored after it (backward-shift deletion), a full table says so, and a
 * long random run of opens and closes matches a plain reference count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/addr_count.h"

static struct addr_count table;

static void test_counts_per_address(void **state)
{
	memset(&table, 0, sizeof table);
	assert_int_equal(addr_count_add(&table, 0x0100007f), 1);
	assert_int_equal(addr_count_add(&table, 0x0100007f), 2);
	assert_int_equal(addr_count_add(&table, 0x0200007f), 1);
	addr_count_remove(&table, 0x0100007f);
	assert_int_equal(addr_count_add(&table, 0x0100007f), 2);
	addr_count_remove(&table, 0x0200007f);
	assert_int_equal(addr_count_add(&table, 0x0200007f), 1);
}

/* Many addresses, then every other one removed: the rest keep their counts
 * (each probe chain stays whole after deletions). */
static void test_removal_keeps_others(void **state)
{
	memset(&table, 0, sizeof table);
	for (uint32_t a = 1; a <= 6000; a++)
		assert_int_equal(addr_count_add(&table, a * 7919u), 1);
	for (uint32_t a = 1; a <= 6000; a += 2)
		addr_count_remove(&table, a * 7919u);
	for (uint32_t a = 2; a <= 6000; a += 2)
		assert_int_equal(addr_count_add(&table, a * 7919u), 2);
	for (uint32_t a = 1; a <= 6000; a += 2)
		assert_int_equal(addr_count_add(&table, a * 7919u), 1);
}

static void test_full_table(void **state)
{
	memset(&table, 0, sizeof table);
	for (uint32_t a = 1; a <= ADDR_COUNT_SLOTS; a++)
		assert_int_equal(addr_count_add(&table, a), 1);
	assert_int_equal(addr_count_add(&table, ADDR_COUNT_SLOTS + 1), -1);
	assert_int_equal(addr_count_add(&table, 5), 2); /* known ones still count */
	addr_count_remove(&table, 9);
	assert_int_equal(addr_count_add(&table, ADDR_COUNT_SLOTS + 1), 1);
}

#define ADDRS 3000
static int reference[ADDRS];

/* 200,000 random opens and closes over 3,000 addresses: the table's count
 * after each open equals the reference count. */
static void test_random_against_reference(void **state)
{
	memset(&table, 0, sizeof table);
	memset(reference, 0, sizeof reference);
	srand(12345);
	for (int step = 0; step < 200000; step++) {
		int k = rand() % ADDRS;
		uint32_t addr = (uint32_t)k * 2654435761u + 17; /* spread, with collisions in the hash */
		if (reference[k] > 0 && rand() % 2) {
			addr_count_remove(&table, addr);
			reference[k]--;
		} else {
			assert_int_equal(addr_count_add(&table, addr), ++reference[k]);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_per_address),
		cmocka_unit_test(test_removal_keeps_others),
		cmocka_unit_test(test_full_table),
		cmocka_unit_test(test_random_against_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
