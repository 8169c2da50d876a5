/* demo_names — realistic names for demo data: Arabic first and family names
 * common in the Raqqa and Deir ez-Zor region with the Latin spellings seen
 * in real lists, and the spelling variants people really write. */
#ifndef DAAM_DEMO_NAMES_H
#define DAAM_DEMO_NAMES_H
#include <stdint.h>

struct demo_name {
	const char *ar;
	const char *latin[3];   /* spellings seen in Latin letters */
	const char *variant;    /* another Arabic spelling people write, or NULL */
};
extern const struct demo_name demo_male[], demo_female[], demo_family[];
extern const int demo_male_n, demo_female_n, demo_family_n;
extern const char *const demo_org_words_ar[], *const demo_org_words_en[];
extern const char *const demo_org_heads_ar[], *const demo_org_heads_en[];
extern const int demo_org_words_n, demo_org_heads_n;

/* A small fast PRNG (xorshift64*) so demo data is the same on every run. */
static inline uint64_t demo_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}
#endif
