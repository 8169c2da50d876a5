/* activities — trainings, workshops and events: the vocabulary, the scope
 * rule, and the one store every path writes through (pages, API, import,
 * demo).  An activity belongs to one office; staff of an office see and run
 * its activities, the director (office 0) all of them. */
#ifndef DAAM_ACTIVITIES_H
#define DAAM_ACTIVITIES_H
#include <stdint.h>
#include "registry/registry.h"

struct db;
struct req;

extern const struct vocab activity_kinds, activity_dimensions, participant_statuses;
extern const char *const activity_kind_keys[], *const dimension_keys[];
#define ACT_DIMENSIONS 10

/* An activity as written by the form, the API and the demo. */
struct activity_in {
	const char *kind, *title, *room, *facilitators, *target_group;
	int64_t office_id;
	int capacity;               /* 0: no limit */
	int threshold;              /* % of sessions for a certificate */
	const char *dims[ACT_DIMENSIONS];
	int ndims;
	const int64_t *trainers;    /* users */
	int ntrainers;
};
/* Inserts (id 0) or updates an activity with its dimensions and trainers;
 * audited as actor (negative: not audited).  Returns the id, or -1. */
int64_t activity_save(struct db *w, int64_t actor, int64_t id, const struct activity_in *a);
/* Adds a session; keeps the activity's first and last day.  Returns its id or -1. */
int64_t session_add(struct db *w, int64_t activity, const char *day, const char *start, const char *end);

/* Registers person: "registered" while there is room, else "waiting".
 * Returns 1 registered, 2 waiting, 3 already there, -1 failed. */
int participant_add(struct db *w, int64_t activity, int64_t person, int walk_in);
/* Takes person off the activity (not once they attended a session) and
 * lets in the one waiting longest when there is room: 0 (*promoted: that
 * person, or 0), 1 not registered, 2 attended already, -1 failed. */
int participant_remove(struct db *w, int64_t activity, int64_t person, int64_t *promoted);
/* Marks person present (present 1) or not (0) at session; registers them
 * as a walk-in when they were not.  Idempotent: the same mark twice is one
 * row.  Keeps activity_people's counters.  Returns 1 changed, 0 already so,
 * -1 failed, -2 no such session. */
int attendance_set(struct db *w, int64_t session, int64_t person, int present, const char *mark_id, int64_t by);

/* Keeps reach_all (whether person was reached at all by office) after a
 * change of their participations; 0 or -1. */
int reach_all_sync(struct db *w, int64_t person, int64_t office);

/* Scope: 1 when the user may see activity / session. */
int act_visible(struct req *r, int64_t activity);
/* The audit log's name and link of an activity the reader sees (module.h). */
struct audit_ref;
void activity_audit_name(struct req *r, int64_t id, struct audit_ref *ref);
int64_t session_activity(struct req *r, int64_t session);   /* the activity of a visible session, or 0 */
/* The office of the user's scope (0: all). */
int64_t act_office(struct req *r);

/* A person's name as it should be read (Arabic, or Latin in English when there is one). */
const char *person_name(struct req *r, struct db *d, int64_t person);
#endif
