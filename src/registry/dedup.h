/* dedup — finding people registered twice and merging them.  Candidate
 * pairs share a phone, or the same phonetic name key with birth years at
 * most one apart; each is scored from name similarity (namematch), phone,
 * birth year and community.  A person reviews the pairs: merge (memberships
 * and phones move to the kept record, the other is marked merged_into and
 * leaves every list and count; the merge is recorded with its score and
 * reasons) or "not the same" (the pair is never proposed again). */
#ifndef DAAM_DEDUP_H
#define DAAM_DEDUP_H
#include <stdint.h>
struct db;
struct req;

#define DUP_MIN_SCORE 0.70

struct dup_features {
	double name;        /* name_similarity of the Arabic names (or best of Latin) */
	int same_phone;
	int birth_gap;      /* years apart; -1 unknown */
	int same_place;
};
/* The pair score in [0,1] from its features (a pure function, unit-tested). */
double dup_score(const struct dup_features *f);
/* Recomputes dup_candidates: scores through this thread's read connection,
 * then takes the writer only to store the pairs (and audits it).
 * Returns the number of pairs, or -1. */
long dedup_refresh(void);
/* Merges person `gone` into `kept` inside w (audited as actor). 0 or -1. */
int dedup_merge(struct db *w, int64_t actor, int64_t kept, int64_t gone);

void duplicates_page(struct req *r);
void duplicates_refresh_submit(struct req *r);
void duplicates_merge_submit(struct req *r);
void duplicates_distinct_submit(struct req *r);
void api_people_duplicates(struct req *r);
#endif
