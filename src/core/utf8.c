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

int utf8_is_bidi_control(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	return u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
				(u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9));
}

size_t utf8_strip_bidi_controls(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		if (utf8_is_bidi_control(r)) {
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = 0;
	return (size_t)(w - s);
}
