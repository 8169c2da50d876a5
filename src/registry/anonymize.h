/* anonymize — takes a person's identity out of the registry while keeping
 * what the counts need.  Used by the retention purge (admin/retention.c)
 * and by erasure on the person's own request (person_data.c). */
#ifndef DAAM_ANONYMIZE_H
#define DAAM_ANONYMIZE_H
#include <stdint.h>
struct db;

/* What an anonymized record shows instead of a name. */
#define ANON_NAME_AR "بيانات محذوفة"
#define ANON_NAME_LATIN "Erased"

/* Inside the writer transaction w: the person id and every record merged
 * into it lose their names (replaced by ANON_NAME_*), folded names and
 * phonetic keys, phones, search rows and duplicate suggestions; the merges
 * that involve them lose the copies kept for their undo (old names and
 * phones), so they can no longer be undone.  Gender, birth year, place,
 * office, displacement, education, disability, consent and memberships
 * stay, so every count by them stays the same; anonymized_at is set to now.
 * Not audited here (the caller says why).  Returns the number of records
 * changed (0: no such person, or already anonymized), or -1. */
int person_anonymize(struct db *w, int64_t id, int64_t now);

/* After anonymizing: rewrites the name search index so the deleted names
 * leave its pages (FTS5 keeps a deleted row's words until its segments are
 * merged; with secure_delete the freed pages are zeroed).  0 or -1. */
int person_search_compact(struct db *w);
#endif
