/* jobs — background threads for long work (see jobs.h). */
#include <pthread.h>
#include <stdlib.h>
#include "core/jobs.h"
#include "db/db.h"
#include "core/banned.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static int running[JOB_KINDS];
static int total;

struct job {
	enum job_kind kind;
	void (*fn)(void *);
	void *arg;
};

static void *job_main(void *p)
{
	struct job *j = p;
	j->fn(j->arg);
	db_thread_done(); /* the job's read connection, if it opened one */
	pthread_mutex_lock(&lock);
	running[j->kind] = 0;
	total--;
	pthread_cond_broadcast(&done);
	pthread_mutex_unlock(&lock);
	free(j);
	return NULL;
}

int jobs_start(enum job_kind kind, void (*fn)(void *), void *arg)
{
	struct job *j = malloc(sizeof *j);
	if (!j)
		return -1;
	j->kind = kind;
	j->fn = fn;
	j->arg = arg;
	pthread_mutex_lock(&lock);
	if (running[kind]) {
		pthread_mutex_unlock(&lock);
		free(j);
		return 0;
	}
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &attr, job_main, j);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		pthread_mutex_unlock(&lock);
		free(j);
		return -1;
	}
	running[kind] = 1;
	total++;
	pthread_mutex_unlock(&lock);
	return 1;
}

int jobs_running(enum job_kind kind)
{
	pthread_mutex_lock(&lock);
	int r = running[kind];
	pthread_mutex_unlock(&lock);
	return r;
}

void jobs_wait_all(void)
{
	pthread_mutex_lock(&lock);
	while (total > 0)
		pthread_cond_wait(&done, &lock);
	pthread_mutex_unlock(&lock);
}
