/* jobs — long work (recomputing duplicate pairs on a large registry, …)
 * run on their own thread so no event loop waits for them.  One job of each
 * kind at a time; the server waits for running jobs before it closes the
 * database. */
#ifndef DAAM_JOBS_H
#define DAAM_JOBS_H

enum job_kind { JOB_DEDUP, JOB_KINDS };

/* Starts fn(arg) on a new thread unless a job of this kind is running.
 * Returns 1 when started, 0 when one is already running, -1 on error. */
int jobs_start(enum job_kind kind, void (*fn)(void *), void *arg);
/* 1 while a job of this kind runs. */
int jobs_running(enum job_kind kind);
/* Waits for every running job to end. */
void jobs_wait_all(void);
#endif
