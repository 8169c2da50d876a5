/* typo — how close a word typed in Arabic is to a stored Arabic word that
 * it misses by one typing error (a letter dropped, two neighbours swapped,
 * a similar letter, a letter added).  Used by search ranking
 * (name_searcher_score, namematch.c) only: the phonetic comparison there
 * measures spellings of one name across scripts, and scored a mistyped
 * الحدم against الحمد (0.44) below an unrelated الأحمد.  Not used for
 * duplicates: two names one letter apart (حسن, حسين) are different
 * people. */
#ifndef DAAM_TYPO_H
#define DAAM_TYPO_H
#include <stddef.h>

/* The closeness (0.75–0.85) of typed to stored, both folded Arabic UTF-8
 * of tlen and slen bytes, when they differ by exactly one typing error and
 * the stored word has at least three letters; 0 otherwise (equal words
 * too: the caller's own comparison gives those 1). */
double typo_similarity(const char *typed, size_t tlen, const char *stored, size_t slen);
#endif
