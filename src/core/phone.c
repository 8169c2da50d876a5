/*
 * phone — normalize phone numbers for matching. See phone.h for the rules
 * and the Syrian numbering plan they follow.
 */
#include "core/phone.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

/* E.164 allows at most 15 digits after the +. */
#define PHONE_DIGITS_MAX 15
#define PHONE_DIGITS_MIN 8

/* Returns the value of an ASCII, Arabic-Indic, Persian or full-width digit
 * code point, or -1. */
static int digit_value(int32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0x0660 && cp <= 0x0669)
		return (int)(cp - 0x0660);
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return (int)(cp - 0x06F0);
	if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width */
		return (int)(cp - 0xFF10);
	return -1;
}

/* Formatting characters that may stand between digits and are ignored:
 * spaces, dashes, dots, slashes, parentheses, and the invisible direction
 * marks that right-to-left editors and messaging apps insert. */
static bool is_filler(int32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '-': case '.': case '/': case '(': case ')':
	case 0x00A0: /* no-break space */
	case 0x061C: /* Arabic letter mark */
	case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F:
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: /* hyphens and dashes */
	case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
	case 0x202F: /* narrow no-break space */
	case 0x2066: case 0x2067: case 0x2068: case 0x2069:
	case 0x2212: /* minus sign */
	case 0xFEFF: /* BOM / zero width no-break space */
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200A; /* typographic spaces */
	}
}

/* Checks a Syrian national significant number (without trunk 0 or country
 * code): mobile 9[1-9] + 7 digits, or landline with area code [1-5][1-9]
 * and 8 or 9 digits in all. */
static bool syrian_nsn_ok(const char *nsn, size_t n)
{
	if (n < 2)
		return false;
	if (nsn[0] == '9')
		return n == 9 && nsn[1] != '0';
	if (nsn[0] >= '1' && nsn[0] <= '5' && nsn[1] != '0')
		return n == 8 || n == 9;
	return false;
}

/* Writes "+" + prefix + digits into out. Returns 0, or -1 if it does not fit. */
static int put_number(char *out, size_t outsz, const char *prefix,
		const char *digits, size_t n)
{
	size_t pl = strlen(prefix);
	if (1 + pl + n + 1 > outsz)
		return -1;
	out[0] = '+';
	memcpy(out + 1, prefix, pl);
	memcpy(out + 1 + pl, digits, n);
	out[1 + pl + n] = '\0';
	return 0;
}

static int put_syrian(char *out, size_t outsz, const char *nsn, size_t n)
{
	if (!syrian_nsn_ok(nsn, n))
		return -1;
	return put_number(out, outsz, "963", nsn, n);
}

/* Turns the collected digits (nd > 0; plus says a + came first) into the
 * normalized form. Returns 0, or -1 if the digits are not a plausible
 * number. */
static int classify(const char *d, size_t nd, bool plus, char *out,
		size_t outsz)
{
	const char *intl; /* digits after an international prefix */
	size_t ni;

	if (plus) {
		intl = d;
		ni = nd;
	} else if (nd > 2 && d[0] == '0' && d[1] == '0') {
		intl = d + 2;
		ni = nd - 2;
	} else if (d[0] == '0') {
		return put_syrian(out, outsz, d + 1, nd - 1);
	} else if ((nd == 11 || nd == 12) && memcmp(d, "963", 3) == 0) {
		return put_syrian(out, outsz, d + 3, nd - 3);
	} else if (nd == 9 && d[0] == '9') {
		return put_syrian(out, outsz, d, nd);
	} else {
		return -1;
	}

	if (ni >= 3 && memcmp(intl, "963", 3) == 0) {
		const char *nsn = intl + 3;
		size_t nn = ni - 3;
		/* "+963 0944…": a trunk 0 kept after the country code. */
		if (nn > 0 && nsn[0] == '0') {
			nsn++;
			nn--;
		}
		return put_syrian(out, outsz, nsn, nn);
	}
	if (ni < PHONE_DIGITS_MIN || ni > PHONE_DIGITS_MAX || intl[0] == '0')
		return -1;
	return put_number(out, outsz, "", intl, ni);
}

int phone_normalize(const char *in, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return -1;
	out[0] = '\0';
	if (!in)
		return -1;
	size_t len = strnlen(in, PHONE_INPUT_MAX + 1);
	if (len > PHONE_INPUT_MAX)
		return -1;

	/* Collect the digits; at most one + and only before any digit. */
	char d[PHONE_INPUT_MAX + 1];
	size_t nd = 0;
	bool plus = false;
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(s + i,
				(utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			return -1;
		i += (size_t)k;
		int v = digit_value(cp);
		if (v >= 0) {
			d[nd++] = (char)('0' + v);
		} else if (cp == '+' || cp == 0xFF0B) {
			if (plus || nd > 0)
				return -1;
			plus = true;
		} else if (!is_filler(cp)) {
			return -1;
		}
	}
	d[nd] = '\0';
	if (nd == 0)
		return -1;

	int rc = classify(d, nd, plus, out, outsz);
	if (rc != 0)
		out[0] = '\0';
	return rc;
}
