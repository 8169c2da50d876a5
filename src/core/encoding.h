/* encoding — text files that are not UTF-8, as spreadsheets save them in
 * the region: "CSV" from Arabic Excel is Windows-1256, "Unicode text" is
 * UTF-16.  They are recognised here and converted to UTF-8 with iconv
 * (glibc), so an import reads them as they are instead of refusing them. */
#ifndef DAAM_CORE_ENCODING_H
#define DAAM_CORE_ENCODING_H
#include <stddef.h>

enum text_encoding {
	ENC_UTF8 = 0,     /* valid UTF-8 (a BOM, if any, left to the caller) */
	ENC_CP1256,       /* Windows Arabic */
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_UNKNOWN,      /* none of these: neither UTF-8 nor text that reads as Arabic */
};

/* Which encoding s[0..n) is in: a UTF-16 byte order mark, or many NUL
 * bytes on one side of each pair of bytes, is UTF-16; valid UTF-8 is UTF-8;
 * else text with bytes above 0x7F that are, nearly all, the letters, marks
 * and punctuation of Arabic in Windows-1256 (and at least one letter) is
 * Windows-1256.  Anything else is ENC_UNKNOWN. */
int encoding_detect(const unsigned char *s, size_t n);

/* Converts s[0..n) from enc (ENC_CP1256, ENC_UTF16LE or ENC_UTF16BE; a
 * UTF-16 byte order mark is dropped) into a malloc'd NUL-terminated UTF-8
 * buffer *out of *outlen bytes.  0, or -1 when the text is not valid in
 * that encoding or memory is short (*out NULL). */
int encoding_to_utf8(int enc, const char *s, size_t n, char **out, size_t *outlen);

/* The name of an encoding as people know it ("Windows-1256"), not translated. */
const char *encoding_name(int enc);
#endif
