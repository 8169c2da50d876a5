/* jobs — the job runner: a table of recent jobs in memory, a queue, a few
 * niced worker threads, results in sealed memory files (see jobs.h). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "core/jobs.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "core/banned.h"

#define WORKERS_CAP 8
#define NICE 10          /* workers yield to the event loops on a busy machine */
#define IDLE_SWEEP_S 60  /* an idle worker frees expired results this often */

struct job {
	int64_t id;
	uint64_t seq;                 /* submission order: the queue's order */
	struct job_spec spec;         /* spec.key points to key */
	char *key;
	enum job_state state;
	int held;
	atomic_int cancel;
	const char *stage;
	long long done, total;
	int64_t created, started, finished, expires;
	int expired;
	int fd;                       /* the result, -1 none */
	size_t result_len;
	char content_type[96], filename[96], link[256];
	const char *link_label, *error;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_cond = PTHREAD_COND_INITIALIZER;
static struct job *table[JOBS_TABLE];
static pthread_t workers[WORKERS_CAP];
static int nworkers, max_running = JOBS_MAX_RUNNING, ttl_s = JOBS_TTL, stopping, env_read;
static atomic_int pace_ms;
static int64_t next_id;
static uint64_t next_seq;

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

static int active(const struct job *j)
{
	return j->state == JOB_QUEUED || j->state == JOB_RUNNING;
}

static void close_result(struct job *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	j->result_len = 0;
}

static void entry_free(struct job *j)
{
	close_result(j);
	free(j->key);
	free(j);
}

static struct job *find_locked(int64_t id)
{
	for (int i = 0; i < JOBS_TABLE; i++)
		if (table[i] && table[i]->id == id)
			return table[i];
	return NULL;
}

static void sweep_locked(int64_t now)
{
	for (int i = 0; i < JOBS_TABLE; i++) {
		struct job *j = table[i];
		if (!j || active(j))
			continue;
		if (j->fd >= 0 && j->expires <= now) {
			close_result(j);
			j->expired = 1;
		}
		if (j->finished + JOBS_KEEP <= now) {
			entry_free(j);
			table[i] = NULL;
		}
	}
}

/* A free slot, making one by forgetting the job that ended first; -1 if
 * every slot holds a queued or running job. */
static int slot_locked(void)
{
	int oldest = -1;
	for (int i = 0; i < JOBS_TABLE; i++) {
		if (!table[i])
			return i;
		if (!active(table[i]) && (oldest < 0 || table[i]->finished < table[oldest]->finished))
			oldest = i;
	}
	if (oldest >= 0) {
		entry_free(table[oldest]);
		table[oldest] = NULL;
	}
	return oldest;
}

/* The oldest queued job that may start, or NULL. */
static struct job *next_queued_locked(void)
{
	struct job *best = NULL;
	for (int i = 0; i < JOBS_TABLE; i++) {
		struct job *j = table[i];
		if (j && j->state == JOB_QUEUED && !j->held && (!best || j->seq < best->seq))
			best = j;
	}
	return best;
}

static void finish_locked(struct job *j, int rc)
{
	int64_t now = now_s();
	j->finished = now;
	if (rc == 0) {
		j->state = JOB_DONE;
		if (j->fd >= 0) {
			struct stat sb;
			/* sealed: what is downloaded is what was written */
			fcntl(j->fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL);
			j->result_len = fstat(j->fd, &sb) == 0 ? (size_t)sb.st_size : 0;
			j->expires = now + ttl_s;
		}
	} else {
		j->state = atomic_load(&j->cancel) ? JOB_CANCELLED : JOB_FAILED;
		close_result(j);
	}
}

static void *worker_main(void *unused)
{
	/* per thread on Linux: this worker only */
	setpriority(PRIO_PROCESS, (id_t)gettid(), NICE);
	pthread_mutex_lock(&lock);
	for (;;) {
		struct job *j = NULL;
		while (!stopping && !(j = next_queued_locked())) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += IDLE_SWEEP_S;
			pthread_cond_timedwait(&work_cond, &lock, &until);
			sweep_locked(now_s());
		}
		if (!j)
			break;
		j->state = JOB_RUNNING;
		j->started = now_s();
		pthread_mutex_unlock(&lock);
		i18n_set_lang((enum lang)j->spec.lang);
		int rc = j->spec.run(j, j->spec.arg);
		if (j->spec.free_arg)
			j->spec.free_arg(j->spec.arg);
		pthread_mutex_lock(&lock);
		j->spec.arg = NULL;
		finish_locked(j, rc);
	}
	pthread_mutex_unlock(&lock);
	db_thread_done(); /* the worker's read connection, if a job opened it */
	return NULL;
}

/* Starts workers up to max_running (under the lock). */
static void workers_locked(void)
{
	while (nworkers < max_running && nworkers < WORKERS_CAP) {
		if (pthread_create(&workers[nworkers], NULL, worker_main, NULL) != 0) {
			log_error("jobs: cannot start a worker thread");
			return;
		}
		nworkers++;
	}
}

static void read_env_locked(void)
{
	if (env_read)
		return;
	env_read = 1;
	const char *p = getenv("DAAM_JOB_PACE_MS");
	if (p && *p && !atomic_load(&pace_ms))
		atomic_store(&pace_ms, (int)strtol(p, NULL, 10));
	if (!next_id) {
		/* ids start somewhere random: a link to a job from before a
		 * restart finds nothing rather than a newer job */
		uint32_t r = 0;
		if (getrandom(&r, sizeof r, 0) != sizeof r)
			r = (uint32_t)now_s();
		next_id = 1000 + (int64_t)(r % 900000000u);
	}
}

static int same_work(const struct job *j, const struct job_spec *s)
{
	if (!active(j) || atomic_load(&j->cancel) || strcmp(j->spec.kind, s->kind) != 0)
		return 0;
	if (s->single)
		return 1;
	return s->key && j->key && j->spec.user_id == s->user_id && strcmp(j->key, s->key) == 0;
}

int64_t jobs_submit(const struct job_spec *spec, int held, int64_t *same)
{
	struct job *j = calloc(1, sizeof *j);
	char *key = spec->key ? strdup(spec->key) : NULL;
	int64_t rc = JOBS_ERROR;
	pthread_mutex_lock(&lock);
	read_env_locked();
	sweep_locked(now_s());
	if (!j || (spec->key && !key) || stopping)
		goto refused;
	int mine = 0;
	for (int i = 0; i < JOBS_TABLE; i++) {
		struct job *o = table[i];
		if (o && same_work(o, spec)) {
			if (same)
				*same = o->id;
			rc = JOBS_SAME;
			goto refused;
		}
		if (o && active(o) && o->spec.user_id == spec->user_id)
			mine++;
	}
	int slot = spec->user_id && mine >= JOBS_PER_USER ? -1 : slot_locked();
	if (slot < 0) {
		rc = JOBS_BUSY;
		goto refused;
	}
	j->id = next_id++;
	j->seq = next_seq++;
	j->spec = *spec;
	j->key = key;
	j->spec.key = key;
	j->state = JOB_QUEUED;
	j->held = held;
	j->fd = -1;
	j->created = now_s();
	if (spec->link) {
		snprintf(j->link, sizeof j->link, "%s", spec->link);
		j->link_label = spec->link_label;
	}
	atomic_init(&j->cancel, 0);
	table[slot] = j;
	workers_locked();
	pthread_cond_broadcast(&work_cond);
	rc = j->id;
	pthread_mutex_unlock(&lock);
	return rc;
refused:
	pthread_mutex_unlock(&lock);
	free(j);
	free(key);
	if (spec->free_arg)
		spec->free_arg(spec->arg);
	return rc;
}

void jobs_release(int64_t id, int run)
{
	struct job *drop = NULL;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < JOBS_TABLE; i++) {
		struct job *j = table[i];
		if (!j || j->id != id || !j->held)
			continue;
		if (run) {
			j->held = 0;
			pthread_cond_broadcast(&work_cond);
		} else {
			drop = j;
			table[i] = NULL;
		}
	}
	pthread_mutex_unlock(&lock);
	if (drop) {
		if (drop->spec.free_arg)
			drop->spec.free_arg(drop->spec.arg);
		entry_free(drop);
	}
}

int job_cancelled(struct job *j)
{
	int ms = atomic_load(&pace_ms);
	if (ms > 0) {
		struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
	return atomic_load(&j->cancel);
}

void job_progress(struct job *j, const char *stage, long long done, long long total)
{
	pthread_mutex_lock(&lock);
	j->stage = stage;
	j->done = done;
	j->total = total;
	pthread_mutex_unlock(&lock);
}

int job_result_fd(struct job *j)
{
	pthread_mutex_lock(&lock);
	if (j->fd < 0)
		j->fd = memfd_create("daam-job", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	int fd = j->fd;
	pthread_mutex_unlock(&lock);
	return fd;
}

void job_result_meta(struct job *j, const char *content_type, const char *filename)
{
	pthread_mutex_lock(&lock);
	snprintf(j->content_type, sizeof j->content_type, "%s", content_type);
	snprintf(j->filename, sizeof j->filename, "%s", filename);
	pthread_mutex_unlock(&lock);
}

void job_link(struct job *j, const char *href, const char *label)
{
	pthread_mutex_lock(&lock);
	snprintf(j->link, sizeof j->link, "%s", href);
	j->link_label = label;
	pthread_mutex_unlock(&lock);
}

void job_error(struct job *j, const char *msgid)
{
	pthread_mutex_lock(&lock);
	j->error = msgid;
	pthread_mutex_unlock(&lock);
}

int64_t job_id(const struct job *j)
{
	return j->id;
}

static void info_of(const struct job *j, struct job_info *o)
{
	memset(o, 0, sizeof *o);
	o->id = j->id;
	o->user_id = j->spec.user_id;
	o->kind = j->spec.kind;
	o->label = j->spec.label ? j->spec.label : j->spec.kind;
	o->state = j->state;
	o->stage = j->stage;
	o->done = j->done;
	o->total = j->total;
	o->created = j->created;
	o->started = j->started;
	o->finished = j->finished;
	o->expires = j->fd >= 0 ? j->expires : 0;
	o->expired = j->expired;
	o->cancel_asked = atomic_load(&j->cancel);
	o->perms = j->spec.perms;
	o->result_len = j->state == JOB_DONE ? j->result_len : 0;
	memcpy(o->content_type, j->content_type, sizeof o->content_type);
	memcpy(o->filename, j->filename, sizeof o->filename);
	memcpy(o->link, j->link, sizeof o->link);
	o->link_label = j->link_label;
	o->error = j->error;
}

int jobs_get(int64_t id, struct job_info *out)
{
	pthread_mutex_lock(&lock);
	sweep_locked(now_s());
	struct job *j = find_locked(id);
	if (j && !j->held)
		info_of(j, out);
	pthread_mutex_unlock(&lock);
	return j && !j->held ? 0 : -1;
}

int jobs_list(int64_t user_id, struct job_info *out, int max)
{
	struct job *mine[JOBS_TABLE];
	int n = 0;
	pthread_mutex_lock(&lock);
	sweep_locked(now_s());
	for (int i = 0; i < JOBS_TABLE; i++)
		if (table[i] && !table[i]->held && table[i]->spec.user_id == user_id)
			mine[n++] = table[i];
	/* newest first (a few dozen entries: insertion sort) */
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && mine[k]->seq > mine[k - 1]->seq; k--) {
			struct job *t = mine[k];
			mine[k] = mine[k - 1];
			mine[k - 1] = t;
		}
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++)
		info_of(mine[i], &out[i]);
	pthread_mutex_unlock(&lock);
	return n;
}

int jobs_cancel(int64_t id)
{
	void (*free_arg)(void *) = NULL;
	void *arg = NULL;
	int rc = -1;
	pthread_mutex_lock(&lock);
	struct job *j = find_locked(id);
	if (j && !j->held) {
		rc = active(j) ? 1 : 0;
		if (active(j))
			atomic_store(&j->cancel, 1);
		if (j->state == JOB_QUEUED) {
			/* never started: it ends now */
			j->state = JOB_CANCELLED;
			j->finished = now_s();
			free_arg = j->spec.free_arg;
			arg = j->spec.arg;
			j->spec.arg = NULL;
		}
	}
	pthread_mutex_unlock(&lock);
	if (free_arg)
		free_arg(arg);
	return rc;
}

int jobs_result_open(int64_t id, size_t *len)
{
	int fd = -1;
	pthread_mutex_lock(&lock);
	sweep_locked(now_s());
	struct job *j = find_locked(id);
	if (j && j->state == JOB_DONE && j->fd >= 0) {
		/* a description of its own (its own offset), read-only */
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", j->fd);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) /* no /proc: a duplicate (its offset shared; libevent maps the file anyway) */
			fd = fcntl(j->fd, F_DUPFD_CLOEXEC, 0);
		*len = j->result_len;
	}
	pthread_mutex_unlock(&lock);
	return fd;
}

int64_t jobs_active(const char *kind)
{
	struct job *best = NULL;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < JOBS_TABLE; i++) {
		struct job *j = table[i];
		if (j && active(j) && !j->held && strcmp(j->spec.kind, kind) == 0 && (!best || j->seq < best->seq))
			best = j;
	}
	int64_t id = best ? best->id : 0;
	pthread_mutex_unlock(&lock);
	return id;
}

void jobs_configure(int max, int ttl, int pace)
{
	pthread_mutex_lock(&lock);
	if (max > 0)
		max_running = max < WORKERS_CAP ? max : WORKERS_CAP;
	if (ttl > 0)
		ttl_s = ttl;
	if (pace > 0)
		atomic_store(&pace_ms, pace);
	pthread_mutex_unlock(&lock);
}

void jobs_sweep(int64_t now)
{
	pthread_mutex_lock(&lock);
	sweep_locked(now ? now : now_s());
	pthread_mutex_unlock(&lock);
}

void jobs_shutdown(void)
{
	struct {
		void (*fn)(void *);
		void *arg;
	} frees[JOBS_TABLE];
	int nfrees = 0;
	pthread_mutex_lock(&lock);
	stopping = 1;
	for (int i = 0; i < JOBS_TABLE; i++) {
		struct job *j = table[i];
		if (!j || !active(j))
			continue;
		atomic_store(&j->cancel, 1);
		if (j->state == JOB_QUEUED) {
			j->state = JOB_CANCELLED;
			j->finished = now_s();
			if (j->spec.free_arg) {
				frees[nfrees].fn = j->spec.free_arg;
				frees[nfrees++].arg = j->spec.arg;
			}
			j->spec.arg = NULL;
		}
	}
	pthread_cond_broadcast(&work_cond);
	int n = nworkers;
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < nfrees; i++)
		frees[i].fn(frees[i].arg);
	/* a running job stops at its next check; a write it is in rolls back */
	for (int i = 0; i < n; i++)
		pthread_join(workers[i], NULL);
	pthread_mutex_lock(&lock);
	nworkers = 0;
	for (int i = 0; i < JOBS_TABLE; i++) {
		if (table[i])
			entry_free(table[i]);
		table[i] = NULL;
	}
	stopping = 0;
	pthread_mutex_unlock(&lock);
}
