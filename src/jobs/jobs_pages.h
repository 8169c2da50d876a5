/* jobs_pages — the web side of long work (the runner is core/jobs.c):
 * the pages of a job and of a user's jobs, cancel, download, the JSON
 * state, and how a handler starts a job for the signed-in user.  A job is
 * seen only by the user who started it: anyone else gets 404, as with any
 * record out of scope.  Routes: the "jobs (src/jobs/)" block of routes.c. */
#ifndef DAAM_JOBS_PAGES_H
#define DAAM_JOBS_PAGES_H
#include <stdint.h>

struct req;
struct job_spec;

/* Starts a job for the signed-in user and answers for the handler: a
 * redirect (303) to the job's page — a new job, or the same work already
 * queued or running for this user (same kind and key) — or an error page
 * (429 when the user has JOBS_PER_USER jobs queued or running, 503).  The
 * start is in the audit log (action job_start, with detail: what the job
 * is, never personal data) before the job may run.  spec->user_id and
 * spec->lang are taken from r.  When the work is already running for
 * someone else (a kind with spec->single), the user is sent to elsewhere.
 * spec->arg belongs to the runner in every case.  Returns the job id or -1. */
int64_t jobs_start_web(struct req *r, struct job_spec *spec, const char *detail, const char *elsewhere);

/* GET /jobs: the signed-in user's recent jobs. */
void jobs_list_page(struct req *r);
/* GET /jobs/{id}: what the job is, its progress (the page reloads itself
 * every 2 s while the job is queued or running), Cancel, and when done the
 * download link or the link to what it made. */
void job_page(struct req *r);
/* POST /jobs/{id}/cancel */
void job_cancel_submit(struct req *r);
/* GET /jobs/{id}/download: the result, for its owner (audited). */
void job_download(struct req *r);
/* GET /api/v1/jobs/{id}: state and progress as JSON. */
void api_job_get(struct req *r);
#endif
