/*
 * Unit tests for src/core/jobs.c, the job runner: at most N jobs run and the
 * others wait in order; cancel (running: the work sees the flag and the job
 * ends cancelled without a result; queued: it ends at once, never run);
 * a result is readable while fresh and freed (its memory file closed) once
 * expired; the same work is not queued twice, a user has at most
 * JOBS_PER_USER jobs, a "single" kind runs once at a time; a held job waits
 * for its release; a failure keeps its reason; shutdown stops everything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <cmocka.h>

#include "core/jobs.h"

/* A job the test controls: it runs until go is set (or it is cancelled). */
struct gate {
	atomic_int started, go, freed, ran_to_end;
	int fail;
	const char *write;   /* written to the result when not NULL */
};

static int gated(struct job *j, void *p)
{
	struct gate *g = p;
	atomic_store(&g->started, 1);
	while (!atomic_load(&g->go)) {
		if (job_cancelled(j))
			return -1;
		usleep(1000);
	}
	if (g->write) {
		int fd = job_result_fd(j);
		if (fd < 0 || write(fd, g->write, strlen(g->write)) != (ssize_t)strlen(g->write))
			return -1;
		job_result_meta(j, "text/plain", "result.txt");
	}
	if (g->fail) {
		job_error(j, "It broke.");
		return -1;
	}
	job_progress(j, "Finishing", 1, 1);
	atomic_store(&g->ran_to_end, 1);
	return 0;
}

static void gate_freed(void *p)
{
	struct gate *g = p;
	atomic_store(&g->freed, 1);
}

static int64_t submit(struct gate *g, int64_t user, const char *key, int single, int held)
{
	struct job_spec s = { .kind = single ? "single" : "test", .label = "Test job", .key = key, .user_id = user,
			      .single = single, .run = gated, .arg = g, .free_arg = gate_freed };
	return jobs_submit(&s, held, NULL);
}

static enum job_state state_of(int64_t id)
{
	struct job_info ji;
	assert_int_equal(jobs_get(id, &ji), 0);
	return ji.state;
}

/* Waits up to 5 s for a job to reach a state. */
static void wait_state(int64_t id, enum job_state want)
{
	for (int i = 0; i < 5000 && state_of(id) != want; i++)
		usleep(1000);
	assert_int_equal(state_of(id), want);
}

static void wait_flag(atomic_int *f)
{
	for (int i = 0; i < 5000 && !atomic_load(f); i++)
		usleep(1000);
	assert_true(atomic_load(f));
}

static int teardown(void **state)
{
	(void)state;
	jobs_shutdown();
	jobs_configure(JOBS_MAX_RUNNING, JOBS_TTL, 0);
	return 0;
}

/* Two run at once; the third and fourth wait, and start in the order they came. */
static void test_queue_beyond_limit(void **state)
{
	(void)state;
	jobs_configure(2, 0, 0);
	static struct gate g[4];
	memset(g, 0, sizeof g);
	int64_t id[4];
	for (int i = 0; i < 4; i++) {
		char key[8];
		snprintf(key, sizeof key, "k%d", i);
		id[i] = submit(&g[i], 1, key, 0, 0);
		assert_true(id[i] > 0);
	}
	wait_flag(&g[0].started);
	wait_flag(&g[1].started);
	usleep(20000);
	assert_int_equal(state_of(id[0]), JOB_RUNNING);
	assert_int_equal(state_of(id[1]), JOB_RUNNING);
	assert_int_equal(state_of(id[2]), JOB_QUEUED);
	assert_int_equal(state_of(id[3]), JOB_QUEUED);
	assert_false(atomic_load(&g[2].started));
	/* one ends: the oldest waiting one starts, not the newer */
	atomic_store(&g[1].go, 1);
	wait_state(id[1], JOB_DONE);
	wait_flag(&g[2].started);
	usleep(20000);
	assert_int_equal(state_of(id[3]), JOB_QUEUED);
	for (int i = 0; i < 4; i++)
		atomic_store(&g[i].go, 1);
	for (int i = 0; i < 4; i++) {
		wait_state(id[i], JOB_DONE);
		wait_flag(&g[i].freed);
		assert_true(atomic_load(&g[i].ran_to_end));
	}
	/* newest first in the user's list */
	struct job_info list[8];
	assert_int_equal(jobs_list(1, list, 8), 4);
	assert_int_equal(list[0].id, id[3]);
	assert_int_equal(list[3].id, id[0]);
	assert_int_equal(list[0].done, 1);
	assert_string_equal(list[0].stage, "Finishing");
	assert_int_equal(jobs_list(2, list, 8), 0);
}

/* A running job sees the flag and ends cancelled, without its result; a
 * queued one ends at once and never runs. */
static void test_cancel(void **state)
{
	(void)state;
	jobs_configure(1, 0, 0);
	static struct gate run, wait;
	memset(&run, 0, sizeof run);
	memset(&wait, 0, sizeof wait);
	run.write = "never offered";
	int64_t a = submit(&run, 1, "a", 0, 0), b = submit(&wait, 1, "b", 0, 0);
	wait_flag(&run.started);
	assert_int_equal(state_of(b), JOB_QUEUED);

	assert_int_equal(jobs_cancel(b), 1);
	assert_int_equal(state_of(b), JOB_CANCELLED);
	assert_true(atomic_load(&wait.freed));

	assert_int_equal(jobs_cancel(a), 1);
	wait_state(a, JOB_CANCELLED);
	struct job_info ji;
	assert_int_equal(jobs_get(a, &ji), 0);
	assert_int_equal(ji.result_len, 0);
	assert_true(ji.cancel_asked);
	size_t len = 0;
	assert_int_equal(jobs_result_open(a, &len), -1);
	assert_false(atomic_load(&run.ran_to_end));
	assert_false(atomic_load(&wait.started));
	/* cancelling what has ended changes nothing; an unknown id is unknown */
	assert_int_equal(jobs_cancel(a), 0);
	assert_int_equal(jobs_cancel(1), -1);
}

/* The descriptors of this process that are memory files of jobs. */
static int job_memfds(void)
{
	DIR *d = opendir("/proc/self/fd");
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		char path[300], target[256];
		snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
		ssize_t k = readlink(path, target, sizeof target - 1);
		if (k > 0) {
			target[k] = 0;
			n += strstr(target, "memfd:daam-job") != NULL;
		}
	}
	closedir(d);
	return n;
}

/* The result is readable (sealed) while fresh; past its time it is freed. */
static void test_expiry_frees_result(void **state)
{
	(void)state;
	int before = job_memfds();
	static struct gate g;
	memset(&g, 0, sizeof g);
	g.write = "id,name\r\n1,x\r\n";
	atomic_store(&g.go, 1);
	int64_t id = submit(&g, 3, "r", 0, 0);
	wait_state(id, JOB_DONE);
	struct job_info ji;
	assert_int_equal(jobs_get(id, &ji), 0);
	assert_int_equal(ji.result_len, strlen(g.write));
	assert_string_equal(ji.filename, "result.txt");
	assert_string_equal(ji.content_type, "text/plain");
	assert_true(ji.expires >= ji.finished + JOBS_TTL);
	assert_int_equal(job_memfds(), before + 1);

	size_t len = 0;
	int fd = jobs_result_open(id, &len);
	assert_true(fd >= 0);
	assert_int_equal(len, strlen(g.write));
	char buf[64] = "";
	assert_int_equal(read(fd, buf, sizeof buf - 1), (ssize_t)len);
	assert_string_equal(buf, g.write);
	/* sealed: the file cannot change under a download */
	assert_true(write(fd, "x", 1) < 0);
	close(fd);

	jobs_sweep(ji.expires - 1);
	assert_int_equal(jobs_get(id, &ji), 0);
	assert_int_equal(ji.result_len, strlen(g.write));
	jobs_sweep(ji.expires);
	assert_int_equal(jobs_get(id, &ji), 0);
	assert_true(ji.expired);
	assert_int_equal(ji.result_len, 0);
	assert_int_equal(ji.state, JOB_DONE);
	assert_int_equal(jobs_result_open(id, &len), -1);
	assert_int_equal(job_memfds(), before);
	/* a day later the job itself is forgotten */
	jobs_sweep(ji.finished + JOBS_KEEP);
	assert_int_equal(jobs_get(id, &ji), -1);
}

/* The same work is not queued twice; JOBS_PER_USER per user; one "single". */
static void test_same_busy_single(void **state)
{
	(void)state;
	jobs_configure(2, 0, 0);
	static struct gate g[JOBS_PER_USER + 3];
	memset(g, 0, sizeof g);
	int64_t first = submit(&g[0], 5, "same", 0, 0);
	assert_true(first > 0);
	int64_t same = 0;
	struct job_spec s = { .kind = "test", .label = "Test job", .key = "same", .user_id = 5, .run = gated,
			      .arg = &g[1], .free_arg = gate_freed };
	assert_int_equal(jobs_submit(&s, 0, &same), JOBS_SAME);
	assert_int_equal(same, first);
	assert_true(atomic_load(&g[1].freed)); /* the refused work's argument is freed */
	/* another user's same key is their own job */
	int64_t other = submit(&g[2], 6, "same", 0, 0);
	assert_true(other > 0 && other != first);
	for (int i = 1; i < JOBS_PER_USER; i++) {
		char key[8];
		snprintf(key, sizeof key, "u%d", i);
		assert_true(submit(&g[2 + i], 5, key, 0, 0) > 0);
	}
	assert_int_equal(submit(&g[JOBS_PER_USER + 2], 5, "one-too-many", 0, 0), JOBS_BUSY);
	/* a single kind: whoever asks while it is active gets the active one */
	static struct gate s1, s2;
	memset(&s1, 0, sizeof s1);
	memset(&s2, 0, sizeof s2);
	int64_t single = submit(&s1, 7, NULL, 1, 0);
	assert_true(single > 0);
	struct job_spec t = { .kind = "single", .label = "Test job", .user_id = 8, .single = 1, .run = gated,
			      .arg = &s2, .free_arg = gate_freed };
	assert_int_equal(jobs_submit(&t, 0, &same), JOBS_SAME);
	assert_int_equal(same, single);
	assert_int_equal(jobs_active("single"), single);
	assert_int_equal(jobs_active("nothing"), 0);
}

/* A held job waits for its release; dropped, it leaves no trace. */
static void test_held(void **state)
{
	(void)state;
	static struct gate g, h;
	memset(&g, 0, sizeof g);
	memset(&h, 0, sizeof h);
	atomic_store(&g.go, 1);
	int64_t id = submit(&g, 9, "held", 0, 1);
	assert_true(id > 0);
	usleep(30000);
	assert_false(atomic_load(&g.started));
	struct job_info ji;
	assert_int_equal(jobs_get(id, &ji), -1); /* not visible before its start is recorded */
	jobs_release(id, 1);
	wait_state(id, JOB_DONE);
	int64_t drop = submit(&h, 9, "dropped", 0, 1);
	jobs_release(drop, 0);
	assert_true(atomic_load(&h.freed));
	assert_false(atomic_load(&h.started));
	assert_int_equal(jobs_get(drop, &ji), -1);
}

/* A failure keeps its reason and no result. */
static void test_failure(void **state)
{
	(void)state;
	static struct gate g;
	memset(&g, 0, sizeof g);
	g.fail = 1;
	g.write = "half";
	atomic_store(&g.go, 1);
	int64_t id = submit(&g, 10, "f", 0, 0);
	wait_state(id, JOB_FAILED);
	struct job_info ji;
	assert_int_equal(jobs_get(id, &ji), 0);
	assert_string_equal(ji.error, "It broke.");
	assert_int_equal(ji.result_len, 0);
	size_t len;
	assert_int_equal(jobs_result_open(id, &len), -1);
}

/* Shutdown stops what runs, drops what waits, frees every argument; jobs
 * can be submitted again afterwards. */
static void test_shutdown(void **state)
{
	(void)state;
	jobs_configure(1, 0, 0);
	static struct gate a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	submit(&a, 11, "a", 0, 0);
	submit(&b, 11, "b", 0, 0);
	wait_flag(&a.started);
	jobs_shutdown();
	assert_true(atomic_load(&a.freed));
	assert_true(atomic_load(&b.freed));
	assert_false(atomic_load(&b.started));
	static struct gate c;
	memset(&c, 0, sizeof c);
	atomic_store(&c.go, 1);
	int64_t id = submit(&c, 11, "c", 0, 0);
	assert_true(id > 0);
	wait_state(id, JOB_DONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_queue_beyond_limit, teardown),
		cmocka_unit_test_teardown(test_cancel, teardown),
		cmocka_unit_test_teardown(test_expiry_frees_result, teardown),
		cmocka_unit_test_teardown(test_same_busy_single, teardown),
		cmocka_unit_test_teardown(test_held, teardown),
		cmocka_unit_test_teardown(test_failure, teardown),
		cmocka_unit_test_teardown(test_shutdown, teardown),
	};
	return cmocka_run_group_tests_name("jobs", tests, NULL, NULL);
}
