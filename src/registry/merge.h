/* merge — two records of one person made one, field by field, and undone.
 *
 * From the duplicates review a suggested pair opens a compare page
 * (merge_compare.c): both records side by side, a choice for each field
 * that differs (the more complete value chosen at first), and one button
 * that merges.  The merge (merge.c) keeps one record's number, gives it the
 * chosen values, moves the other's memberships (and phones, as chosen) to
 * it and marks the other merged_into it; what it changed is kept
 * (migrations/006) so that for MERGE_UNDO_DAYS the merge can be undone,
 * both records, their memberships and phones coming back exactly.  Merges
 * and undos are audited.  Only suggested pairs (dup_candidates) whose two
 * people the user sees are merged; every form names both people by number,
 * never by a position in a list. */
#ifndef DAAM_MERGE_H
#define DAAM_MERGE_H
#include <stdint.h>
struct db;
struct req;
struct scope;

#define MERGE_UNDO_DAYS 7

/* The fields a merge chooses between, in the order the compare page shows them. */
enum merge_field {
	MF_NAME_AR, MF_NAME_LATIN, MF_GENDER, MF_BIRTH_YEAR, MF_PHONES, MF_PLACE,
	MF_DISPLACEMENT, MF_EDUCATION, MF_DISABILITY, MF_CONSENT, MF_COUNT
};
/* The form parameter of each field ("name_ar", "phones"…). */
extern const char *const merge_field_param[MF_COUNT];

/* What to merge: the number kept, the one merged into it, and for each
 * field whether the kept record takes the merged one's value.  Phones:
 * phones_both keeps both records' phones (then take[MF_PHONES] is 0). */
struct merge_plan {
	int64_t kept, gone;
	int take[MF_COUNT];
	int phones_both;
};

/* Merges inside w (audited as actor): 0 with *merge_id set; 1 when the two
 * are no longer a suggested pair of living records (merged or judged
 * meanwhile); -1 when the database failed. */
int merge_apply(struct db *w, int64_t actor, const struct merge_plan *p, int64_t *merge_id);

enum { UNDO_OK = 0, UNDO_NOT_FOUND = 1, UNDO_EXPIRED = 2, UNDO_CHANGED = 3 };
/* Undoes merge merge_id inside w (audited as actor): both records, their
 * memberships, phones, earlier merges and pairs back as they were.
 * UNDO_NOT_FOUND also when, put back, the two would not both be in the
 * scope (office, org) of the user; UNDO_CHANGED when the kept record was
 * changed (or merged again) after the merge; -1 when the database failed.
 * *kept and *gone are set when found. */
int merge_undo(struct db *w, int64_t actor, int64_t office, int64_t org, int64_t merge_id, int64_t *kept,
	       int64_t *gone);

/* One record as the compare page shows it (strings in the request's arena). */
#define MERGE_MAX_PHONES 6
#define MERGE_MAX_ORGS 12
struct merge_side {
	long long id;
	const char *name_ar, *name_latin, *gender, *displacement, *education, *consent_date, *consent_purpose;
	int birth_year, disability;
	long long place_id, created_at;
	const char *phones[MERGE_MAX_PHONES];
	int nphones;
	const char *orgs[MERGE_MAX_ORGS];    /* memberships in the user's scope: "name — role" */
	int norgs;
	int filled;                          /* how complete: fields given, phones, memberships */
};
/* Loads a living person (the caller checked the scope); 0, or -1. */
int merge_side_load(struct req *r, long long id, struct merge_side *s);
/* 1 when the two records hold different values for field f. */
int merge_differs(const struct merge_side *a, const struct merge_side *b, int f);
/* The number of the record whose value of field f is chosen at first (the
 * more complete one); for MF_PHONES 0 means both records' phones. */
long long merge_default(const struct merge_side *a, const struct merge_side *b, int f);
/* The record number kept at first: the one registered first. */
long long merge_default_kept(const struct merge_side *a, const struct merge_side *b);

/* pages (merge_compare.c, merge_pages.c) */
void merge_compare_page(struct req *r);
void merge_submit(struct req *r);
void merge_undo_submit(struct req *r);
/* The message after a merge (?merged=ID) or an undo (?undone=A:B) on the
 * duplicates page; nothing when the request has neither. */
void merge_notice(struct req *r);
/* The person page's section: merges into this person that can be undone. */
void merge_person_section(struct req *r, int64_t person_id);
#endif
