/* age_bands — the one table of age bands (see age_bands.h). */
#include <string.h>
#include <time.h>
#include "registry/age_bands.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/banned.h"

/* key, label (msgid), ages from and to (whole years, both included).  The
 * last band is open: its birth years start at LIMIT_BIRTH_YEAR_MIN. */
#define AGE_BANDS(X) \
	X("u18",   N_("Under 18"),     0,  17) \
	X("18-25", N_("18 to 25"),    18,  25) \
	X("26-35", N_("26 to 35"),    26,  35) \
	X("36-50", N_("36 to 50"),    36,  50) \
	X("51+",   N_("51 and over"), 51, 999)

#define BAND_KEY(key, label, from, to) key,
#define BAND_LABEL(key, label, from, to) label,
#define BAND_AGES(key, label, from, to) { from, to },
const char *const age_band_keys[] = { AGE_BANDS(BAND_KEY) NULL };
static const char *const age_band_labels[] = { AGE_BANDS(BAND_LABEL) NULL };
static const int band_ages[][2] = { AGE_BANDS(BAND_AGES) };
#define NBANDS ((int)(sizeof band_ages / sizeof *band_ages))
const struct vocab age_bands = { age_band_keys, age_band_labels };

static long long this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

void age_band_years(const char *key, long long *from, long long *to)
{
	*from = *to = 0;
	for (int i = 0; i < NBANDS; i++) {
		if (strcmp(age_band_keys[i], key) != 0)
			continue;
		long long y = this_year();
		*from = y - band_ages[i][1];
		if (*from < LIMIT_BIRTH_YEAR_MIN)
			*from = LIMIT_BIRTH_YEAR_MIN;
		*to = y - band_ages[i][0];
		return;
	}
}

const char *age_band_of(long long birth_year)
{
	if (!birth_year)
		return "";
	long long age = this_year() - birth_year;
	/* a year ahead of this one (a typing slip) counts with the youngest */
	int i = 0;
	while (i < NBANDS - 1 && age > band_ages[i][1])
		i++;
	return _(age_band_labels[i]);
}
