/* jobs — long work off the event loops: a whole-registry export, the commit
 * of a web import, the duplicate search.  A job is queued with its kind, the
 * user who asked and a work function; at most jobs_max_running jobs run at
 * once, each on a worker thread (niced, so event loops come first; with its
 * own read connection: db_read() there is the worker's); the others wait in
 * the order they came.  The work reports progress (done/total units and a
 * stage msgid), polls its cancel flag, and may leave one result: a file in
 * an anonymous memory file (memfd, never on disk) with a content type and a
 * file name.  A result is freed JOBS_TTL seconds after its job ended; the
 * job's entry (without the result) stays listed for JOBS_KEEP seconds.
 *
 * The table is in memory only: after a restart there are neither jobs nor
 * results, so no export with personal data outlives the process
 * (docs/architecture.md, "Long work").  The web side — pages, ownership,
 * audit — is src/jobs/. */
#ifndef DAAM_JOBS_H
#define DAAM_JOBS_H
#include <stddef.h>
#include <stdint.h>

#define JOBS_MAX_RUNNING 2        /* workers: jobs running at once */
#define JOBS_TTL (30 * 60)        /* a result is freed this long after its job ended */
#define JOBS_KEEP (24 * 3600)     /* an ended job is listed this long */
#define JOBS_TABLE 256            /* jobs remembered at most (the oldest ended go first) */
#define JOBS_PER_USER 4           /* jobs queued or running for one user at most */

enum job_state { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED, JOB_CANCELLED };

/* submit's answers besides an id */
#define JOBS_SAME 0               /* the same work is already queued or running (its id in *same) */
#define JOBS_ERROR (-1)           /* out of memory, or shutting down */
#define JOBS_BUSY (-2)            /* the user has JOBS_PER_USER jobs queued or running, or the table is full */

struct job;

struct job_spec {
	const char *kind;        /* "people-export": a static string */
	const char *label;       /* msgid of what the job is ("Export of the people list") */
	const char *key;         /* what exactly (the export's query…): a job of the same user, kind and key
				    queued or running is reused instead of a second one; NULL: never reused */
	int64_t user_id;         /* who asked; 0: the system */
	uint64_t perms;          /* the asker must still hold these to download the result */
	int lang;                /* enum lang the work writes in (file headers) */
	int single;              /* 1: one job of this kind queued or running at a time, whoever asks */
	const char *link, *link_label;  /* NULL, or the link its page shows once it ended (see job_link) */
	/* the work, on a worker thread: 0 done, -1 failed or stopped because cancelled */
	int (*run)(struct job *j, void *arg);
	void *arg;
	void (*free_arg)(void *arg);  /* NULL, or frees arg once the job ended or was not queued */
};

/* Queues a job.  held: it does not start before jobs_release (the caller
 * audits the start first).  Returns the new job's id (> 0), or JOBS_SAME
 * with the active job's id in *same (same may be NULL), JOBS_BUSY or
 * JOBS_ERROR.  spec->arg belongs to the runner in every case. */
int64_t jobs_submit(const struct job_spec *spec, int held, int64_t *same);
/* A held job may start (run 1), or is dropped without a trace (run 0). */
void jobs_release(int64_t id, int run);

/* ---- for the work function ---- */

/* 1 once the job is asked to stop: the work cleans up and returns -1. */
int job_cancelled(struct job *j);
/* done of total units (total 0: unknown), at the stage stage (a msgid). */
void job_progress(struct job *j, const char *stage, long long done, long long total);
/* The result file (an anonymous memory file, created on first call), or -1.
 * The work writes it; it is sealed against writes once the job is done. */
int job_result_fd(struct job *j);
/* What the result is: its MIME type and the file name offered for saving. */
void job_result_meta(struct job *j, const char *content_type, const char *filename);
/* A link shown when the job has ended (the imported records, the pairs
 * found, the file to correct): href and the msgid of its text. */
void job_link(struct job *j, const char *href, const char *label);
/* Why the job failed (a msgid), shown on its page. */
void job_error(struct job *j, const char *msgid);
int64_t job_id(const struct job *j);

/* ---- for everyone else ---- */

struct job_info {
	int64_t id, user_id;
	const char *kind, *label;       /* static */
	enum job_state state;
	const char *stage;              /* msgid, or NULL */
	long long done, total;
	int64_t created, started, finished;  /* unix seconds; 0: not yet */
	int64_t expires;                /* when the result is freed; 0: no result */
	int expired;                    /* the result was freed */
	int cancel_asked;
	uint64_t perms;
	size_t result_len;              /* bytes of the result; 0: none (or not yet) */
	char content_type[96], filename[96], link[256];
	const char *link_label;         /* msgid, or NULL */
	const char *error;              /* msgid, or NULL */
};

/* A job by id: 0, or -1 when there is none (never was, or forgotten). */
int jobs_get(int64_t id, struct job_info *out);
/* The jobs of a user, newest first: how many were written (at most max). */
int jobs_list(int64_t user_id, struct job_info *out, int max);
/* Asks a job to stop (a queued one ends at once).  1 asked, 0 it had
 * already ended, -1 no such job. */
int jobs_cancel(int64_t id);
/* A new read-only descriptor on a done job's result and its length, or -1
 * (no result, not done, expired).  The caller closes it. */
int jobs_result_open(int64_t id, size_t *len);
/* The id of the queued or running job of this kind (the oldest), or 0. */
int64_t jobs_active(const char *kind);

/* Limits (tests; 0 keeps the current value): workers, result lifetime in
 * seconds.  pace_ms > 0 makes every job_cancelled() wait that long, so a
 * test can watch and cancel a running job (also from DAAM_JOB_PACE_MS). */
void jobs_configure(int max_running, int ttl_s, int pace_ms);
/* Frees results past their time and forgets old jobs (now 0: the clock).
 * The workers call it every minute and every call above does too. */
void jobs_sweep(int64_t now);
/* Cancels what is queued or running, waits for the workers and frees every
 * result: before the database closes.  Jobs may be submitted again after. */
void jobs_shutdown(void);
#endif
