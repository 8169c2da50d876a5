/* place_match — the place a person means by the name they wrote: the
 * place's Arabic or English name, or one of its aliases (place_aliases,
 * migration 008), compared after text_fold, at any level.
 *
 * When several places answer to a name the community wins over the
 * subdistrict, district or governorate of that name (الرقة is the city,
 * not the governorate), and a place's own name or alias wins over a name
 * read without its generic word.  Generic words: "مدينة", "بلدة", "قرية",
 * "ناحية", "منطقة", "محافظة" before a name, "city of", "town of",
 * "village of" before it, and "city", "town", "village", "subdistrict",
 * "district", "governorate" after it.  Such a word is dropped only on a
 * second try — when the name as written matches nothing — and then it says
 * the level meant ("ناحية الكرامة" is the subdistrict, not the town); a
 * stored name keeps its word and is also found without it (مدينة الرقة is
 * found by الرقة).  "مركز" (centre) is never dropped: مركز الرقة is the
 * subdistrict's name.  Two places still tied are ambiguous: the caller
 * asks the person (the web import asks once per distinct value). */
#ifndef DAAM_PLACE_MATCH_H
#define DAAM_PLACE_MATCH_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct place_matcher;

/* The candidates of an ambiguous name kept at most. */
#define PLACE_MATCH_MAX_CANDIDATES 8

/* Loads every place and alias from d (read connection).  NULL on failure. */
struct place_matcher *place_matcher_load(struct db *d);
void place_matcher_free(struct place_matcher *m);

/* The place text means: > 0 its id; 0 none; -1 ambiguous — then the tied
 * places' ids go to cands (at most max, fewer when NULL/0) and their number
 * to *ncand (may be NULL). */
int64_t place_match(const struct place_matcher *m, const char *text, int64_t *cands, int max, int *ncand);

/* The level (1 governorate … 4 community) of a loaded place, or 0. */
int place_match_level(const struct place_matcher *m, int64_t id);

/* The key two names of one place share: the name folded, without its
 * generic word ("منطقة الرقة" and "Ar-Raqqa district" give "الرقه" and
 * "ar raqqa").  Returns its length, or -1 (empty, too long or not UTF-8). */
int place_name_key(const char *name, char *out, size_t outsz);

/* Folds the aliases stored without their folded form (a migration's seeds);
 * run at start by the registry's upgrade hook.  0 or -1. */
int place_aliases_fold_pending(void);
#endif
