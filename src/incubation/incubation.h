/* incubation — cohorts, selection, the assessment framework, assessments,
 * results and capacity-building plans (issue 10).  The vocabulary and the
 * pure computations (scores, statistics, plan choices, the radar chart)
 * are here so the pages, the API, the demo and the unit tests share them;
 * pages are declared in incubation_pages.h. */
#ifndef DAAM_INCUBATION_H
#define DAAM_INCUBATION_H
#include <stddef.h>
#include <stdint.h>
struct strbuf;
struct req;
struct db;

/* The ten dimensions of the center's framework (PRODUCT.md), in order. */
#define DIMENSIONS 10
extern const char *const dim_keys[DIMENSIONS + 1];   /* NULL-terminated: PT_ENUM */
/* The translated name of dimension i (0..9), or of a key ("" unknown). */
const char *dim_label(int i);
/* 0..9, or -1 for an unknown key. */
int dim_index(const char *key);

/* Vocabularies: stored keys (NULL-terminated) and their labels. */
extern const char *const assess_kind_keys[];     /* baseline midline endline */
extern const char *const cohort_status_keys[];   /* planned open running closed */
extern const char *const candidate_status_keys[];/* applied accepted rejected enrolled graduated */
extern const char *const decision_keys[];        /* accepted rejected */
extern const char *const action_status_keys[];   /* planned in_progress done dropped */
extern const char *const action_kind_keys[];     /* training coaching consultation template */
const char *assess_kind_label(const char *key);
const char *assess_status_label(const char *key); /* draft final replaced */
const char *cohort_status_label(const char *key);
const char *candidate_status_label(const char *key);
const char *action_status_label(const char *key);
const char *action_kind_label(const char *key);

/* ---- scores (scoring.c: no database, no request) ---- */

/* A score per dimension: has[i] 0 when no indicator of it was scored. */
struct dim_scores {
	double v[DIMENSIONS];
	int has[DIMENSIONS];
};
/* The mean score of each dimension from n indicator scores: dim[k] is the
 * indicator's dimension (0..9), score[k] its score 1..4 (0: not scored,
 * left out). */
void dims_from_scores(const int *dim, const int *score, int n, struct dim_scores *out);
/* The mean of the dimensions that have a score, or 0 when none has. */
double dims_overall(const struct dim_scores *d);
/* Up to max dimensions with a score, weakest first (ties: framework
 * order), into out; returns how many. */
int dims_weakest(const struct dim_scores *d, int *out, int max);
/* The dimensions scored below threshold, weakest first: what a plan
 * addresses.  Returns how many (at most DIMENSIONS). */
int plan_dimensions(const struct dim_scores *d, double threshold, int *out);

/* Running mean and spread (Welford): stats_add each value, then read. */
struct stats {
	int n;
	double mean, m2;
};
void stats_add(struct stats *s, double x);
/* The population standard deviation (0 for fewer than two values). */
double stats_sd(const struct stats *s);

/* A candidate's weighted need score, 0..100: the sum of score × weight over
 * the criteria scored (1..5, 0 = not scored) divided by the most they could
 * give (5 × weight).  -1 when no criterion with a weight was scored. */
double candidate_score(const int *weights, const int *scores, int n);

/* The type of an evidence file from its first bytes: "image/jpeg",
 * "image/png", "image/webp" or "application/pdf"; NULL for anything else
 * (files.c).  What a browser or a name says is not trusted. */
const char *evidence_type(const void *data, size_t len);

/* ---- the radar chart (radar.c) ---- */
struct radar_series {
	const char *label;           /* "Baseline", translated */
	struct dim_scores s;
};
/* Writes an <svg> radar of n series (at most 3) on the ten dimensions, with
 * axis labels in the page's language (labels[i] for dimension i), mirrored
 * for right-to-left (rtl 1: the axes turn counter-clockwise from the top),
 * a title, one <polygon class="series sN"> per series and a legend.  Every
 * text is escaped; numbers are ASCII. */
void radar_svg(struct strbuf *o, const char *title, const char *const *labels, int rtl,
	       const struct radar_series *series, int n);

/* ---- shared by the pages (incubation.c) ---- */
/* 1 when the signed-in user may see the organization's incubation records
 * (its office's staff, everyone's for office 0, a partner its own). */
int incub_sees_org(struct req *r, int64_t org_id);
/* 1 when the user may see the cohort (its office, or office 0). */
int incub_sees_cohort(struct req *r, int64_t cohort_id);
/* The audit log's name and link of a cohort the reader sees (module.h). */
struct audit_ref;
void cohort_audit_name(struct req *r, int64_t id, struct audit_ref *ref);
/* The newest framework version's id. */
int64_t framework_current(struct db *d);
/* Today in Syria's time as YYYY-MM-DD (11 bytes). */
void incub_today(char out[11]);
/* date + months (clamped to the month's last day) as YYYY-MM-DD; -1 when
 * date is not a date. */
int incub_add_months(const char *date, int months, char out[11]);
/* The organization's name in the page's language. */
const char *incub_org_name(struct req *r, int64_t org_id);
/* Writes an ISO date for people ("12 آذار 2026"), or "—". */
void incub_date(struct strbuf *o, const char *iso);
/* Writes a score with one decimal in the user's digits ("2.5"), or "—" for < 0. */
void incub_score(struct strbuf *o, double v);

/* A <textarea> field with its label, the submitted text when the form came
 * back (else value) and its error, like form_input. */
void incub_textarea(struct req *r, const char *name, const char *label, const char *value, int required);
/* A select of the scores 1..max with a first "—" (not scored), selected
 * 0 none; the options only (the caller writes the <select>). */
void incub_score_options(struct req *r, int max, int selected);

/* Answers 409 with a page saying why nothing changed (a final assessment),
 * and a link back (NULL: none). */
void incub_conflict(struct req *r, const char *text, const char *back);

/* The dimension scores of an assessment: from assessment_dims when final,
 * else computed from its agreed (else facilitator) scores. */
void assessment_dims_load(struct db *d, int64_t assessment_id, struct dim_scores *out);
/* Recomputes an assessment's dimension scores into assessment_dims and
 * marks the organization's newest final assessment latest, inside w.  0/-1. */
int assessment_dims_store(struct db *w, int64_t assessment_id);
/* Makes a plan for the assessment inside w: one action per library action of
 * each dimension below threshold (weakest first), due one month apart from
 * today.  Returns the plan's id, or -1. */
int64_t plan_generate(struct db *w, int64_t actor, int64_t assessment_id, double threshold);
#endif
