/*
 * phone — normalize phone numbers typed by staff or beneficiaries so that two
 * spellings of the same number compare equal ("0944 123 456", "+963-944-123456",
 * "٠٩٤٤١٢٣٤٥٦" → "+963944123456").
 *
 * Syrian numbers (country code 963, trunk prefix 0, international prefix 00):
 *   mobile    0 9m nnn nnnn     → +963 9m nnnnnnn  (national number 9 digits)
 *   landline  0 aa nnnnnn[n]    → +963 aa nnnnnn[n] (area code 1x–5x,
 *             national number 8 or 9 digits; e.g. Damascus 11, Aleppo 21,
 *             Raqqa 22, Idlib 23, Homs 31, Hama 33, Latakia 41, Tartus 43,
 *             Deir ez-Zor 51, Hasakah 52)
 * A mobile number typed without its trunk 0 ("944123456") and a Syrian
 * number without the + ("963944123456") are also recognised.
 * Numbers with another country code ("+90 5xx…", "00964 7xx…") are kept as
 * "+" and their digits (8–15 digits in all, as E.164 allows). A national
 * number of another country written without its country code (Turkish
 * "05xx…", Iraqi "07xx…") cannot be told apart and is rejected.
 */
#ifndef DAAM_CORE_PHONE_H
#define DAAM_CORE_PHONE_H

#include <stddef.h>

/* Longest input accepted, in bytes (excluding the NUL). */
#define PHONE_INPUT_MAX 64
/* Buffer size that always fits a normalized number: "+", 15 digits, NUL. */
#define PHONE_NORM_SIZE 17

/* Normalizes a Syrian/international phone to E.164-like digits
 * "+9639nnnnnnnn". `in` is a NUL-terminated UTF-8 string of at most
 * PHONE_INPUT_MAX bytes. Accepts a leading + or 00, a trunk 0, ASCII,
 * Arabic-Indic, Persian and full-width digits, and spaces (including
 * no-break and thin spaces), dashes, dots, slashes, parentheses and
 * invisible direction marks between digits. Writes the result into out
 * (NUL-terminated; outsz of PHONE_NORM_SIZE always suffices). Returns 0 on
 * success, -1 if it is not a plausible phone number (other characters, too
 * long, invalid UTF-8, wrong number of digits) or out is too small; out then
 * holds "" when outsz > 0. */
int phone_normalize(const char *in, char *out, size_t outsz);

#endif
