/* retention — how long daam keeps each kind of personal data, and the purge
 * that removes or anonymizes what is past its period.  The periods are set
 * by an admin (/admin/retention) and kept in settings ('retention.KEY');
 * the purge runs from `daam purge`, the admin page, and once a day in the
 * server (retention_daily.c).  One write transaction per purge; counts
 * first (a dry run) with the very same conditions. */
#ifndef DAAM_RETENTION_H
#define DAAM_RETENTION_H
#include <stdint.h>
struct db;

enum retention_kind {
	RK_PEOPLE,        /* people whose record and memberships have not changed: anonymized */
	RK_UPLOADS,       /* files uploaded for import and left there: deleted */
	RK_AUDIT,         /* the network addresses in the audit log (failed sign-ins): blanked */
	RK_SESSIONS,      /* sign-in sessions unused: deleted */
	RK_MERGE_UNDO,    /* the copies a merge keeps for its undo, once the undo is over: deleted (fixed) */
	RK_COUNT
};

struct retention_kind_info {
	const char *key;        /* settings key suffix, dry-run label, audit detail key */
	int years;              /* 1: the period is in years, 0: in days */
	int min, max, dflt;     /* 0 in min: "keep for ever" allowed */
	const char *label;      /* msgid: the kind */
	const char *meaning;    /* msgid: what the period means, in plain words */
	const char *action;     /* msgid: what the purge does to it */
};
extern const struct retention_kind_info retention_kinds[RK_COUNT];

struct retention {
	int period[RK_COUNT];   /* years or days (retention_kinds[k].years); 0: kept for ever; RK_MERGE_UNDO unused */
};

/* The saved periods, the defaults where none is saved. */
void retention_load(struct db *d, struct retention *out);
/* Saves the periods (inside the writer transaction w).  0 or -1. */
int retention_save(struct db *w, const struct retention *r);
/* How many records of each kind are past their period at time now.  0 or -1. */
int retention_count(struct db *d, const struct retention *r, int64_t now, long long n[RK_COUNT]);
/* Purges at time now, with the saved periods, in one write transaction:
 * the counts of what was done in n, one audit entry "purge" with them
 * (when something was done or actor is a user), one "anonymize" per
 * person.  actor 0: the system (daily job, command line).  0 or -1
 * (nothing was changed). */
int retention_purge(int64_t actor, int64_t now, long long n[RK_COUNT]);

/* The daily purge in the server: a thread that queues a purge job once a
 * day (first 15 minutes after the start; DAAM_PURGE_EVERY_S sets both, for
 * tests).  start: 0 or -1; stop: before the jobs and the database close. */
int retention_daily_start(void);
void retention_daily_stop(void);
#endif
