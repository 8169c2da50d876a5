/* encoding — Windows-1256 and UTF-16 text recognised and converted to
 * UTF-8 (see encoding.h). */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "core/encoding.h"
#include "core/utf8.h"
#include "core/banned.h"

/* The bytes of Windows-1256 that Arabic text is made of: letters (with the
 * Persian and Urdu ones), the Arabic comma, semicolon and question mark,
 * tatweel, the harakat, no-break space, and the direction marks and
 * joiners that Arabic editors put in. */
static int cp1256_arabic(unsigned char c)
{
	if (c >= 0xc1 && c <= 0xd6)      /* ء … ض (0xd7 is ×) */
		return 1;
	if (c >= 0xd8 && c <= 0xdf)      /* ط … ك (0xdc is the tatweel) */
		return 1;
	switch (c) {
	case 0xe1: case 0xe3: case 0xe4: case 0xe5: case 0xe6:  /* ل م ن ه و */
	case 0xec: case 0xed:                                   /* ى ي */
	case 0xf0: case 0xf1: case 0xf2: case 0xf3: case 0xf5: case 0xf6: case 0xf8: case 0xfa: /* harakat */
	case 0x81: case 0x8d: case 0x8e: case 0x90: case 0x98: case 0x9f: case 0xaa: case 0xc0: /* پ چ ژ گ ک ں ھ ہ */
	case 0xa1: case 0xba: case 0xbf:                        /* ، ؛ ؟ */
	case 0xa0: case 0x9d: case 0x9e: case 0xfd: case 0xfe:  /* nbsp, ZWNJ, ZWJ, LRM, RLM */
		return 1;
	}
	return 0;
}

static int is_letter(unsigned char c)
{
	return (c >= 0xc1 && c <= 0xdf && c != 0xd7 && c != 0xdc) || c == 0xe1 || (c >= 0xe3 && c <= 0xe6) ||
	       c == 0xec || c == 0xed;
}

int encoding_detect(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xff && s[1] == 0xfe)
		return ENC_UTF16LE;
	if (n >= 2 && s[0] == 0xfe && s[1] == 0xff)
		return ENC_UTF16BE;
	/* UTF-16 without its mark: the NULs of ASCII characters fall on one side */
	size_t look = n < 4096 ? n : 4096, even = 0, odd = 0;
	for (size_t i = 0; i < look; i++)
		if (!s[i]) {
			if (i & 1)
				odd++;
			else
				even++;
		}
	if (look >= 4 && (even + odd) * 4 >= look) {
		if (odd > even * 4)
			return ENC_UTF16LE;
		if (even > odd * 4)
			return ENC_UTF16BE;
		return ENC_UNKNOWN;
	}
	if (memchr(s, 0, n))
		return ENC_UNKNOWN;
	if (utf8_count((const char *)s, n) >= 0)
		return ENC_UTF8;
	size_t high = 0, arabic = 0, letters = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x80) {
			high++;
			arabic += cp1256_arabic(s[i]);
			letters += is_letter(s[i]);
		}
	/* nearly every byte above ASCII is Arabic: a file in French or Turkish
	 * (Windows-1252, -1254) has accented letters that are not */
	if (letters && arabic * 10 >= high * 9)
		return ENC_CP1256;
	return ENC_UNKNOWN;
}

int encoding_to_utf8(int enc, const char *s, size_t n, char **out, size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	const char *from = enc == ENC_CP1256 ? "CP1256" : enc == ENC_UTF16LE ? "UTF-16LE" : enc == ENC_UTF16BE ? "UTF-16BE" : NULL;
	if (!from)
		return -1;
	if (enc != ENC_CP1256 && n >= 2 &&
	    (((unsigned char)s[0] == 0xff && (unsigned char)s[1] == 0xfe) ||
	     ((unsigned char)s[0] == 0xfe && (unsigned char)s[1] == 0xff))) {
		s += 2;
		n -= 2;
	}
	/* a byte of Windows-1256 is at most 3 bytes of UTF-8; two bytes of
	 * UTF-16 at most 3 (four for a pair of surrogates) */
	size_t cap = enc == ENC_CP1256 ? n * 3 + 1 : n / 2 * 3 + 4;
	if (cap < n)
		return -1;
	char *buf = malloc(cap);
	if (!buf)
		return -1;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		free(buf);
		return -1;
	}
	char *in = (char *)s, *o = buf;
	size_t inleft = n, outleft = cap - 1;
	size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
	iconv_close(cd);
	if (rc == (size_t)-1 || inleft) {
		free(buf);
		return -1;
	}
	*o = 0;
	*out = buf;
	*outlen = (size_t)(o - buf);
	return 0;
}

const char *encoding_name(int enc)
{
	switch (enc) {
	case ENC_UTF8: return "UTF-8";
	case ENC_CP1256: return "Windows-1256";
	case ENC_UTF16LE: case ENC_UTF16BE: return "UTF-16";
	}
	return "?";
}
