/* dedup — finding people registered twice.  Candidate pairs share a
 * phone, or the same phonetic name key with birth years at most one apart;
 * each is scored from name similarity (namematch), phone, birth year and
 * community.  The review page lists the pairs the user sees (both people
 * in scope), says when the search last ran, and leads each pair to its
 * compare page, where it is merged (merge.h); or a pair is marked "not the
 * same" (never proposed again). */
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

void duplicates_page(struct req *r);
void duplicates_refresh_submit(struct req *r);
void duplicates_distinct_submit(struct req *r);
void api_people_duplicates(struct req *r);
#endif
