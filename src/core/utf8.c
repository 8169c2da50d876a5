/* utf8 — strict UTF-8 validation (see utf8.h). */
#include "core/utf8.h"
#include "core/banned.h"

long utf8_count(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	long count = 0;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		unsigned need, cp;
		if (c < 0x80) { i++; count++; continue; }
		else if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
		else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; }
		else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; }
		else return -1;
		if (n - i <= need)
			return -1;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return -1;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return -1;
		i += need + 1;
		count++;
	}
	return count;
}
