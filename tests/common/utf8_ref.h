/* utf8_ref — a second, independent UTF-8 validator written from the Unicode
 * standard's table of well-formed byte sequences (Table 3-7), shared by the
 * unit test and the fuzz target of src/core/utf8.c to compare against. */
#ifndef DAAM_TEST_UTF8_REF_H
#define DAAM_TEST_UTF8_REF_H
#include <stddef.h>

/* Length of the well-formed sequence at s[0..n), or 0 when there is none
 * (Unicode Table 3-7 read row by row). */
static inline size_t ref_seq(const unsigned char *s, size_t n)
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
#endif
