/* age_bands — the age bands of the people list's "age" filter and of the
 * coded export's age column: one table (age_bands.c), so a person counted
 * in a band by the filter is written with that band's label. */
#ifndef DAAM_AGE_BANDS_H
#define DAAM_AGE_BANDS_H
#include "registry/registry.h"

/* The bands' keys and labels, youngest first ("u18", "18-25" …). */
extern const struct vocab age_bands;
/* The keys alone, NULL-terminated, for the "age" parameter (PT_ENUM). */
extern const char *const age_band_keys[];
/* The birth years of band key this year (from ≤ to); 0 and 0 when key is
 * "" or no band. */
void age_band_years(const char *key, long long *from, long long *to);
/* The translated label of the band a person born in birth_year is in this
 * year; "" when the year is unknown (0). */
const char *age_band_of(long long birth_year);
#endif
