/* jobs_web — what the jobs pages and the JSON answer share (jobs_web.c):
 * the ownership rule, the audit entries of jobs, state names. */
#ifndef DAAM_JOBS_WEB_H
#define DAAM_JOBS_WEB_H
#include <stdint.h>
#include "core/jobs.h"

struct req;

/* Reads the job {id} of the request into ji when the signed-in user started
 * it: 0.  Otherwise answers 404 (a job of someone else is "not found",
 * like any record out of scope) and returns -1. */
int jobs_own(struct req *r, struct job_info *ji);
/* One audit entry on entity "job" by the signed-in user, in its own write
 * transaction: 0 or -1. */
int jobs_audit(struct req *r, const char *action, int64_t job, const char *detail);
/* "queued", "running", "done", "failed", "cancelled". */
const char *job_state_key(enum job_state s);
#endif
