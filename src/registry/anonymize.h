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
 * stay, so every count by them stays the same; anonymized_at is set to now;
 * the search index is marked as owing a compaction (below).
 * Not audited here (the caller says why).  Returns the number of records
 * changed (0: no such person, or already anonymized), or -1. */
int person_anonymize(struct db *w, int64_t id, int64_t now);

/* The name search index (FTS5 on SQLite 3.40, without its secure-delete
 * option) keeps a deleted row's words in its segments until they are
 * merged.  person_anonymize marks the index as owing a compaction
 * (settings 'search.compact_pending'); person_search_compact rewrites it
 * whole ('optimize': about 2 s at 200,000 people, so the purge does it, on
 * a worker, not an erasure on the event loop) and clears the mark; with
 * secure_delete the freed pages are zeroed.  0 or -1. */
int person_search_compact(struct db *w);
/* 1 when a compaction is owed, else 0. */
int person_search_compact_pending(struct db *d);
#endif
