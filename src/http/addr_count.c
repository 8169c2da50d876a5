/* addr_count — linear probing over ADDR_COUNT_SLOTS; a slot whose count
 * drops to zero is freed with backward-shift deletion, so no tombstones
 * pile up however many clients come and go. */
#include "http/addr_count.h"
#include "core/banned.h"

#define MASK (ADDR_COUNT_SLOTS - 1)

static unsigned slot_of(uint32_t addr)
{
	return (addr * 2654435761u) >> 19 & MASK; /* Fibonacci hashing */
}

int addr_count_add(struct addr_count *t, uint32_t addr)
{
	unsigned i = slot_of(addr);
	for (unsigned n = 0; n < ADDR_COUNT_SLOTS; n++, i = (i + 1) & MASK) {
		if (t->count[i] == 0) {
			t->addr[i] = addr;
			return t->count[i] = 1;
		}
		if (t->addr[i] == addr)
			return ++t->count[i];
	}
	return -1;
}

void addr_count_remove(struct addr_count *t, uint32_t addr)
{
	unsigned i = slot_of(addr);
	for (unsigned n = 0; n < ADDR_COUNT_SLOTS && t->count[i]; n++, i = (i + 1) & MASK) {
		if (t->addr[i] != addr)
			continue;
		if (--t->count[i] > 0)
			return;
		/* free the slot; move back the entries of the run after it that
		 * hash at or before it, so every lookup still finds its key */
		unsigned hole = i;
		for (unsigned j = (i + 1) & MASK; t->count[j]; j = (j + 1) & MASK) {
			unsigned home = slot_of(t->addr[j]);
			/* j may move to hole when home is not cyclically in (hole, j] */
			if (((j - home) & MASK) >= ((j - hole) & MASK)) {
				t->addr[hole] = t->addr[j];
				t->count[hole] = t->count[j];
				t->count[j] = 0;
				hole = j;
			}
		}
		return;
	}
}
