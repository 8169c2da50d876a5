/*
 * fuzz_utf8 — libFuzzer target for utf8_count (src/core/utf8.c), which
 * guards every text field: a differential test against a validator written
 * from the Unicode standard's table of well-formed byte sequences (Table
 * 3-7).  Any disagreement, in validity or in the count, aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include "core/utf8.h"

/* Length of the well-formed sequence at s[0..n), or 0 when there is none. */
static size_t ref_seq(const unsigned char *s, size_t n)
{
	unsigned char b = s[0], lo = 0x80, hi = 0xbf;
	size_t len;
	if (b <= 0x7f)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)
		len = 2;
	else if (b == 0xe0)
		len = 3, lo = 0xa0;
	else if ((b >= 0xe1 && b <= 0xec) || b == 0xee || b == 0xef)
		len = 3;
	else if (b == 0xed)
		len = 3, hi = 0x9f;
	else if (b == 0xf0)
		len = 4, lo = 0x90;
	else if (b >= 0xf1 && b <= 0xf3)
		len = 4;
	else if (b == 0xf4)
		len = 4, hi = 0x8f;
	else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xbf)
			return 0;
	return len;
}

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
