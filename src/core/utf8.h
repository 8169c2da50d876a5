/* utf8 — validation and counting of UTF-8 text from outside. */
#ifndef DAAM_UTF8_H
#define DAAM_UTF8_H
#include <stddef.h>
/* Returns the number of code points, or -1 when s[0..n) is not valid UTF-8
 * (overlongs, surrogates and code points past U+10FFFF are invalid). */
long utf8_count(const char *s, size_t n);
/* 1 when s points at a bidirectional embedding, override or isolate
 * control (U+202A–U+202E, U+2066–U+2069): an unclosed one flips the text
 * after it wherever the value is shown.  (U+200E/U+200F, the marks, are
 * harmless and kept.) */
int utf8_is_bidi_control(const char *s);
/* Removes those controls from s in place; returns the new length. */
size_t utf8_strip_bidi_controls(char *s);
#endif
