/* utf8 — validation and counting of UTF-8 text from outside. */
#ifndef DAAM_UTF8_H
#define DAAM_UTF8_H
#include <stddef.h>
/* Returns the number of code points, or -1 when s[0..n) is not valid UTF-8
 * (overlongs, surrogates and code points past U+10FFFF are invalid). */
long utf8_count(const char *s, size_t n);
#endif
