/* dates — parsing ISO dates and writing dates for people: Arabic with the
 * Levantine month names used in Syria ("12 آذار 2018"), English with English
 * names; digits in the user's preference.  Times are shown in Syria's time
 * (UTC+3 all year since 2022). */
#ifndef DAAM_DATES_H
#define DAAM_DATES_H
#include <stdint.h>
#include "core/strbuf.h"

#define DATES_TZ_OFFSET (3 * 3600)

/* Accepts exactly YYYY-MM-DD with a real calendar day, the year within
 * LIMIT_DATE_YEAR_MIN..MAX (1900–2200). Returns 0 or -1. */
int date_parse_iso(const char *s, int *y, int *m, int *d);
const char *date_month_name(int month, int lang);
/* The current year in Syria's time (the maximum of a birth year). */
int date_this_year(void);
/* "12 آذار 2018" / "12 March 2018" in the current thread's language. */
void date_format(struct strbuf *sb, int y, int m, int d);
/* A unix time as date and HH:MM in Syria's time. */
void date_format_time(struct strbuf *sb, int64_t unix_time);
/* Writes an integer with the current digit preference. */
void fmt_int(struct strbuf *sb, long long n);
/* Appends ASCII digits of s converted to Arabic-Indic when the preference says so. */
void fmt_digits(struct strbuf *sb, const char *s);
#endif
