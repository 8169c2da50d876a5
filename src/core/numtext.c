/* numtext — the digits of a whole number written by a spreadsheet (see
 * numtext.h). */
#include <string.h>
#include "core/numtext.h"
#include "core/banned.h"

#define MAX_DIGITS 20

/* The next character of s as ASCII: digits of any of the three scripts as
 * '0'–'9', the Arabic decimal separator as '.', ASCII as itself; 0 for
 * anything else.  Advances *s. */
static char next_ascii(const unsigned char **s)
{
	const unsigned char *c = *s;
	if (c[0] < 0x80) {
		*s += 1;
		return (char)c[0];
	}
	if (c[0] == 0xd9 && c[1] >= 0xa0 && c[1] <= 0xa9) {   /* U+0660–0669 */
		*s += 2;
		return (char)('0' + (c[1] - 0xa0));
	}
	if (c[0] == 0xd9 && c[1] == 0xab) {                   /* U+066B ٫ */
		*s += 2;
		return '.';
	}
	if (c[0] == 0xdb && c[1] >= 0xb0 && c[1] <= 0xb9) {   /* U+06F0–06F9 */
		*s += 2;
		return (char)('0' + (c[1] - 0xb0));
	}
	return 0;
}

int number_digits(const char *s, char *out, size_t outsz)
{
	char a[64];
	size_t n = 0;
	const unsigned char *c = (const unsigned char *)s;
	if (outsz)
		out[0] = 0;
	while (*c) {
		char ch = next_ascii(&c);
		if (!ch || n + 1 >= sizeof a)
			return -1;
		if (ch == ' ' && (n == 0 || !*c))
			continue;   /* leading or trailing space */
		a[n++] = ch == ',' ? '.' : ch;
	}
	while (n && a[n - 1] == ' ')
		n--;
	a[n] = 0;
	/* mantissa: digits [. digits]; then [eE [+] digits] */
	char mant[MAX_DIGITS * 2 + 2];
	size_t nm = 0, nfrac = 0;
	const char *p = a;
	int seen_point = 0;
	for (; *p && *p != 'e' && *p != 'E'; p++) {
		if (*p == '.') {
			if (seen_point)
				return -1;
			seen_point = 1;
		} else if (*p >= '0' && *p <= '9') {
			if (nm + 1 >= sizeof mant)
				return -1;
			mant[nm++] = *p;
			nfrac += seen_point;
		} else {
			return -1;
		}
	}
	if (!nm)
		return -1;
	long exp = 0;
	if (*p) {
		p++;
		if (*p == '+')
			p++;
		if (!*p)
			return -1;
		for (; *p; p++) {
			if (*p < '0' || *p > '9' || exp > MAX_DIGITS)
				return -1;
			exp = exp * 10 + (*p - '0');
		}
	}
	/* the point moves exp places right: what stays after it must be zeros */
	size_t whole = nm - nfrac + (size_t)exp;
	for (size_t i = whole; i < nm; i++)
		if (mant[i] != '0')
			return -1;
	if (whole > MAX_DIGITS || whole + 1 > outsz || whole == 0)
		return -1;
	for (size_t i = 0; i < whole; i++)
		out[i] = i < nm ? mant[i] : '0';
	out[whole] = 0;
	return 0;
}
