/* numtext — whole numbers as spreadsheets write them into text cells: a
 * phone number that Excel took for a number comes back as "9.44123456E+08"
 * or "944123456.0" (its leading zero lost), in Arabic-Indic or Persian
 * digits as often as ASCII ones. */
#ifndef DAAM_CORE_NUMTEXT_H
#define DAAM_CORE_NUMTEXT_H
#include <stddef.h>

/* The ASCII digits of the whole number s writes: digits (ASCII, Arabic-Indic
 * ٠-٩ or Persian ۰-۹), optionally a decimal point ("." "," or the Arabic
 * "٫") with only zeros after it, or a mantissa with an exponent (E or e,
 * optionally signed +) that leaves no fraction.  Surrounding spaces are
 * ignored.  Writes them into out (NUL-terminated; at most 20 digits).
 * Returns 0, or -1 when s is not such a number (out then ""). */
int number_digits(const char *s, char *out, size_t outsz);
#endif
