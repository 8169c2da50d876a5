/*
 * fuzz_utf8 — libFuzzer target for utf8_count (src/core/utf8.c), which
 * guards every text field: a differential test against a validator written
 * from the Unicode standard's table of well-formed byte sequences (Table
 * 3-7).  Any disagreement, in validity or in the count, aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include "core/utf8.h"
#include "../common/utf8_ref.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long want = 0;
	for (size_t i = 0; i < size; want++) {
		size_t l = ref_seq(data + i, size - i);
		if (!l) {
			want = -1;
			break;
		}
		i += l;
	}
	long got = utf8_count((const char *)data, size);
	if (got != want)
		abort();
	/* every prefix that ends on a character boundary agrees too */
	if (got > 0 && size > 1) {
		size_t cut = size - 1;
		while (cut > 0 && (data[cut] & 0xc0) == 0x80)
			cut--;
		if (utf8_count((const char *)data, cut) != got - 1)
			abort();
	}
	return 0;
}
