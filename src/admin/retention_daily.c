/* retention_daily — the purge once a day while the server runs: a small
 * thread sleeps, then queues a "retention-purge" job on the jobs runner
 * (core/jobs.h), which runs it on a worker with the periods saved at that
 * moment; the purge audits what it did.  No job is queued while one is
 * still running (the kind is single), and a day with nothing past its
 * period does not take the writer.  The first purge comes 15 minutes after
 * the start (an office server restarted after each power cut still purges;
 * a short-lived test server never sees it), then every 24 hours;
 * DAAM_PURGE_EVERY_S (tests) sets both. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "admin/retention.h"
#include "core/jobs.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "registry/anonymize.h"
#include "core/banned.h"

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static int running, stopping;

static int purge_job(struct job *j, void *arg)
{
	(void)arg;
	long long n[RK_COUNT], total = 0;
	struct retention r;
	int64_t now = (int64_t)time(NULL);
	/* counted first, on the worker's read connection: a day with nothing
	 * past its period does not take the writer at all */
	retention_load(db_read(), &r);
	if (retention_count(db_read(), &r, now, n) == 0)
		for (int k = 0; k < RK_COUNT; k++)
			total += n[k];
	else
		total = 1;   /* could not count: let the purge say */
	total += person_search_compact_pending(db_read());   /* names erased since the last purge */
	if (!total)
		return 0;
	job_progress(j, N_("Purging"), 0, 0);
	if (retention_purge(0, now, n) < 0) {
		log_error("retention: the daily purge failed; nothing was changed");
		job_error(j, N_("The purge could not be saved; nothing was changed."));
		return -1;
	}
	return 0;
}

static void queue_purge(void)
{
	struct job_spec spec = { .kind = "retention-purge", .label = N_("Purge of data past its retention period"),
				 .single = 1, .run = purge_job };
	int64_t id = jobs_submit(&spec, 0, NULL);
	if (id < 0)
		log_error("retention: the daily purge could not be queued");
}

static void *daily(void *arg)
{
	(void)arg;
	const char *env = getenv("DAAM_PURGE_EVERY_S");
	long every = env ? strtol(env, NULL, 10) : 0;
	long first = every > 0 ? every : 15 * 60;
	if (every <= 0)
		every = 24 * 3600;
	struct timespec at;
	clock_gettime(CLOCK_MONOTONIC, &at);
	at.tv_sec += first;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		int rc = pthread_cond_timedwait(&wake, &lock, &at);
		if (stopping)
			break;
		if (rc == ETIMEDOUT) {
			pthread_mutex_unlock(&lock);
			queue_purge();
			pthread_mutex_lock(&lock);
			at.tv_sec += every;
		}
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int retention_daily_start(void)
{
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&wake, &ca);
	pthread_condattr_destroy(&ca);
	stopping = 0;
	if (pthread_create(&thread, NULL, daily, NULL) != 0)
		return -1;
	running = 1;
	return 0;
}

void retention_daily_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	pthread_cond_destroy(&wake);
	running = 0;
}
