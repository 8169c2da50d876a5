/* test_db — src/db/db.c on a real database in a temporary directory: the one
 * way to write (db_write commits, a refusal or a failure rolls back, a
 * failing COMMIT saves nothing, and after every outcome the writer is free:
 * its flock and, from another thread, its mutex and transaction), the audit
 * entry saved or lost together with its change, and the binds: numbered
 * binds, the optional-id letter, and the refusal of a type string that does
 * not match the statement (logged with the SQL text; an abort in a
 * DAAM_DEBUG build). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "auth/audit.h"
#include "registry/registry.h"
#include "db/db.h"
#include "core/banned.h"

#define PROBE_TIMEOUT_S 5

static char dir[64];
static char dbpath[128];

/* The first column of sql's first row (-1 when none), read outside db_q's
 * statement cache. */
static long long count(const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(db_handle(db_read()), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("cannot prepare %s", sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int exec_fn(struct db *w, void *arg)
{
	return sqlite3_exec(db_handle(w), (const char *)arg, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/daam-test-db-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	if (db_open(dbpath) < 0)
		return -1;
	return db_write(exec_fn, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t(id));") == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close();
	char path[160];
	const char *files[] = { "t.db", "t.db-wal", "t.db-shm", "t.db.lock", "child.db", "child.db-wal",
				"child.db-shm", "child.db.lock", "child.err" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

/* ---- is the writer free? ---- */

struct probe {
	pthread_mutex_t m;
	pthread_cond_t c;
	int done, rc;
};

static int probe_fn(struct db *w, void *arg)
{
	(void)arg;
	return db_do(w, "INSERT INTO t (v) VALUES ('probe')", "");
}

static void *probe_thread(void *arg)
{
	struct probe *p = arg;
	int rc = db_write(probe_fn, NULL);
	pthread_mutex_lock(&p->m);
	p->rc = rc;
	p->done = 1;
	pthread_cond_signal(&p->c);
	pthread_mutex_unlock(&p->m);
	return NULL;
}

/* Fails unless the writer is free: its flock can be taken through another
 * open file at once, and a db_write from another thread commits within
 * PROBE_TIMEOUT_S (a leaked mutex makes it wait: the test fails instead of
 * hanging; a transaction left open makes its BEGIN fail). */
static void assert_writer_free(void)
{
	char lockpath[160];
	snprintf(lockpath, sizeof lockpath, "%s.lock", dbpath);
	int fd = open(lockpath, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	int got = flock(fd, LOCK_EX | LOCK_NB);
	close(fd);
	if (got < 0)
		fail_msg("the writer's flock is still held");

	long long probes = count("SELECT count(*) FROM t WHERE v = 'probe'");
	/* on a timeout the thread may still wake later: p is then left allocated */
	struct probe *p = calloc(1, sizeof *p);
	assert_non_null(p);
	pthread_mutex_init(&p->m, NULL);
	pthread_cond_init(&p->c, NULL);
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, probe_thread, p), 0);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += PROBE_TIMEOUT_S;
	pthread_mutex_lock(&p->m);
	int rc = 0;
	while (!p->done && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&p->c, &p->m, &until);
	int done = p->done;
	pthread_mutex_unlock(&p->m);
	if (!done) {
		pthread_detach(th);
		fail_msg("a write from another thread still waits for the writer after %d s", PROBE_TIMEOUT_S);
	}
	pthread_join(th, NULL);
	assert_int_equal(p->rc, 0);
	free(p);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v = 'probe'"), probes + 1);
}

/* ---- db_write ---- */

struct put {
	const char *v;
	int ret;        /* what fn returns after its insert */
};

static int put_fn(struct db *w, void *arg)
{
	const struct put *p = arg;
	if (db_do(w, "INSERT INTO t (v) VALUES (?1)", "t", p->v) < 0)
		return -1;
	return p->ret;
}

/* fn returning 0: committed, 0 returned. */
static void test_write_commits(void **state)
{
	(void)state;
	struct put p = { "committed", 0 };
	assert_int_equal(db_write(put_fn, &p), 0);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v = 'committed'"), 1);
	assert_writer_free();
}

/* fn refusing (positive): rolled back, its code returned. */
static void test_write_refused(void **state)
{
	(void)state;
	struct put p = { "refused", 7 };
	assert_int_equal(db_write(put_fn, &p), 7);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v = 'refused'"), 0);
	assert_writer_free();
}

/* fn failing (negative, whatever the number): rolled back, -1 returned. */
static void test_write_failed(void **state)
{
	(void)state;
	struct put p = { "failed", -5 };
	assert_int_equal(db_write(put_fn, &p), -1);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v = 'failed'"), 0);
	assert_writer_free();
}

/* A row of c pointing nowhere, with the foreign key checked only at COMMIT. */
static int dangling_fn(struct db *w, void *arg)
{
	(void)arg;
	if (db_do(w, "PRAGMA defer_foreign_keys = ON", "") < 0 ||
	    db_do(w, "INSERT INTO t (v) VALUES ('before the bad commit')", "") < 0 ||
	    db_do(w, "INSERT INTO c (t_id) VALUES (999999)", "") < 0)
		return -2;
	return 0;
}

/* fn succeeds but the COMMIT fails: -1, nothing saved. */
static void test_commit_fails(void **state)
{
	(void)state;
	assert_int_equal(db_write(dangling_fn, NULL), -1);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v = 'before the bad commit'"), 0);
	assert_int_equal(count("SELECT count(*) FROM c"), 0);
	assert_writer_free();
}

static int inner_fn(struct db *w, void *arg)
{
	(void)w;
	*(int *)arg = db_write(put_fn, &(struct put){ "inner", 0 });
	return 0;
}

/* db_write inside db_write would wait for itself forever: the inner one
 * is refused (-1; an abort in a DAAM_DEBUG build, tested in a child). */
static void test_write_not_reentrant(void **state)
{
	(void)state;
#ifndef DAAM_DEBUG
	int inner = 0;
	assert_int_equal(db_write(inner_fn, &inner), 0);
	assert_int_equal(inner, -1);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v = 'inner'"), 0);
	assert_writer_free();
#endif
}

/* ---- the audit entry and its change: both or neither ---- */

static const char TRIGGER_ON[] =
	"CREATE TEMP TRIGGER audit_refused BEFORE INSERT ON main.audit_log WHEN NEW.entity = 'org'"
	" BEGIN SELECT RAISE(ABORT, 'audit refused'); END";
static const char TRIGGER_OFF[] = "DROP TRIGGER temp.audit_refused";

static int org_fn(struct db *w, void *arg)
{
	const struct org_in *o = arg;
	return org_save(w, 0, 0, o) > 0 ? 0 : -1;
}

/* audit first, then the change fails */
static int half_fn(struct db *w, void *arg)
{
	(void)arg;
	if (audit_write(w, 0, "create", "org", 1, "half") < 0)
		return -1;
	return db_do(w, "INSERT INTO c (t_id) VALUES (999998)", "") < 0 ? -1 : 0;
}

/* When the audit entry cannot be written the change is not saved either
 * (through the organizations' store: no row, no search row, no audit), and
 * an entry written before a change that fails does not stay behind. */
static void test_audit_with_its_change(void **state)
{
	(void)state;
	long long orgs = count("SELECT count(*) FROM orgs"), found = count("SELECT count(*) FROM org_search"),
		  audits = count("SELECT count(*) FROM audit_log");
	struct org_in o = { 0 };
	o.name_ar = "جمعيّة الاختبار";
	o.name_en = "Test Association";
	assert_int_equal(db_write(exec_fn, (void *)TRIGGER_ON), 0);
	assert_int_equal(db_write(org_fn, &o), -1);
	assert_int_equal(db_write(exec_fn, (void *)TRIGGER_OFF), 0);
	assert_int_equal(count("SELECT count(*) FROM orgs"), orgs);
	assert_int_equal(count("SELECT count(*) FROM org_search"), found);
	assert_int_equal(count("SELECT count(*) FROM audit_log"), audits);
	assert_writer_free();

	assert_int_equal(db_write(half_fn, NULL), -1);
	assert_int_equal(count("SELECT count(*) FROM audit_log"), audits);
	assert_writer_free();

	/* and without the trigger the same organization is saved, folded, indexed and audited */
	assert_int_equal(db_write(org_fn, &o), 0);
	assert_int_equal(count("SELECT count(*) FROM orgs WHERE name_ar = 'جمعيّة الاختبار'"
			       " AND name_folded = 'جمعيه الاختبار' AND kind = 'organization' AND stage = 'applicant'"), 1);
	assert_int_equal(count("SELECT count(*) FROM org_search WHERE org_search MATCH 'الاختبار'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log a JOIN orgs o ON o.id = a.entity_id"
			       " WHERE a.action = 'create' AND a.entity = 'org' AND o.name_en = 'Test Association'"), 1);
}

/* ---- binds ---- */

/* Numbered binds take the type letters in number order, a number may come
 * back, and 'o' binds NULL for 0. */
static void test_numbered_binds(void **state)
{
	(void)state;
	struct db *d = db_read();
	assert_int_equal(db_int(d, -1, "SELECT ?2 * 10 + ?1", "II", 1LL, 2LL), 21);
	assert_int_equal(db_int(d, -1, "SELECT ?1 + ?1 * ?2", "ii", 3, 4), 15);
	assert_int_equal(db_int(d, -1, "SELECT ?1 IS NULL", "o", 0LL), 1);
	assert_int_equal(db_int(d, -1, "SELECT ?1", "o", 42LL), 42);
	assert_int_equal(db_int(d, -1, "SELECT ? - ?", "II", 9LL, 4LL), 5);
}

/* Runs body(arg) in a child process on its own database (so that an abort
 * cannot harm this one), its stderr in child.err; returns the wait status. */
static int in_child(int (*body)(void *), void *arg)
{
	char path[160];
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		snprintf(path, sizeof path, "%s/child.err", dir);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(100);
		snprintf(path, sizeof path, "%s/child.db", dir);
		/* the child's writer is its own connection; it never uses the
		 * parent's (db_read would return the parent's) */
		if (db_open(path) < 0)
			_exit(101);
		_exit(body(arg));
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

/* What the child wrote on stderr (static buffer). */
static const char *child_log(void)
{
	static char buf[8192];
	char path[160];
	snprintf(path, sizeof path, "%s/child.err", dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

struct q_args {
	const char *sql, *types;
};

/* 1 when db_q gives a statement (stepped once), 0 when it refuses. */
static int q_fn(struct db *w, void *arg)
{
	const struct q_args *a = arg;
	sqlite3_stmt *st = db_q(w, a->sql, a->types, 1LL, 2LL, 3LL);
	if (!st)
		return 0;
	db_row(st);
	sqlite3_reset(st);
	return 1;
}

/* Exits 0 when db_q refused the statement, 1 when it ran, 2 on a failure. */
static int q_body(void *arg)
{
	int rc = db_write(q_fn, arg);
	return rc == 0 ? 0 : rc == 1 ? 1 : 2;
}

/* A type string that does not fit the statement is refused with the SQL
 * text in the log, and aborts a DAAM_DEBUG build. */
static void expect_binds_refused(const char *sql, const char *types)
{
	struct q_args a = { sql, types };
	int status = in_child(q_body, &a);
#ifdef DAAM_DEBUG
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
		fail_msg("%s with \"%s\": no abort in a debug build (status %#x)", sql, types, status);
#else
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("%s with \"%s\": not refused (status %#x)", sql, types, status);
#endif
	const char *log = child_log();
	if (!strstr(log, sql) || !strstr(log, "sql binds"))
		fail_msg("%s with \"%s\": the log does not show the statement:\n%s", sql, types, log);
}

/* The number of type letters must be the number of binds (the highest ?N),
 * and a statement must not mix ? with ?N or skip a number. */
static void test_binds_checked(void **state)
{
	(void)state;
	expect_binds_refused("SELECT ?1 + ?2", "I");
	expect_binds_refused("SELECT ?1 + ?3", "II");
	expect_binds_refused("SELECT ?", "II");
	expect_binds_refused("SELECT ? + ?", "I");
	expect_binds_refused("SELECT ?1, ?3", "III");
	expect_binds_refused("SELECT ?1, ?", "II");
	/* and the same statements with the right letters run */
	struct q_args ok = { "SELECT ?1 + ?2 + ?2", "II" };
	int status = in_child(q_body, &ok);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
}

/* A failed prepare and a failed step log SQLite's message and the SQL text. */
static void test_errors_logged(void **state)
{
	(void)state;
	struct q_args a = { "SELECT id FROM no_such_table WHERE id = ?1", "I" };
	int status = in_child(q_body, &a);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	const char *log = child_log();
	if (!strstr(log, "no such table: no_such_table") || !strstr(log, a.sql))
		fail_msg("prepare failure not logged with its statement:\n%s", log);

	struct q_args b = { "INSERT INTO sectors (code, name_ar, name_en) VALUES (?1, ?2, ?3)", "nII" };
	status = in_child(q_body, &b);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	log = child_log();
	if (!strstr(log, "NOT NULL constraint failed: sectors.code") || !strstr(log, b.sql))
		fail_msg("step failure not logged with its statement:\n%s", log);
}

#ifdef DAAM_DEBUG
static int nested_body(void *arg)
{
	int inner = 0;
	(void)arg;
	db_write(inner_fn, &inner);
	return 0;
}
#endif

/* In a debug build, db_write inside db_write aborts. */
static void test_write_not_reentrant_debug(void **state)
{
	(void)state;
#ifdef DAAM_DEBUG
	int status = in_child(nested_body, NULL);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	assert_non_null(strstr(child_log(), "db_write called inside db_write"));
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_commits),
		cmocka_unit_test(test_write_refused),
		cmocka_unit_test(test_write_failed),
		cmocka_unit_test(test_commit_fails),
		cmocka_unit_test(test_write_not_reentrant),
		cmocka_unit_test(test_audit_with_its_change),
		cmocka_unit_test(test_numbered_binds),
		cmocka_unit_test(test_binds_checked),
		cmocka_unit_test(test_errors_logged),
		cmocka_unit_test(test_write_not_reentrant_debug),
	};
	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
