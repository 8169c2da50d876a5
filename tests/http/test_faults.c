/* test_faults — the fault walk: every route that `daam routes` lists is
 * asked to write while SQLite's Nth write fails (disk full, then an I/O
 * error), for N = 1, 2, … until the request needs fewer writes than N and
 * succeeds; then once with the write lock busy.  The server under test is
 * daam-probe, whose VFS (tests/http/fault_vfs.c) fails the write the test
 * arms through a shared file.  After every request:
 *  - the answer is not a server error other than 503, and a 503 is a page
 *    in the user's language (Arabic here);
 *  - when the request failed, nothing at all was written (every table but
 *    the sessions is as before): no half-written change, no audit entry of a
 *    change that did not happen;
 *  - reads still work (the start page answers), and the writer is free: the
 *    test's own connection can take the write lock at once, and the server
 *    saves the next change;
 * and at the end the database passes integrity_check.  The command line is
 * walked too: `daam backup` and `daam import` on a full disk fail with a
 * message and leave nothing behind. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sqlite3.h>
#include "harness.h"
#include "forms.h"
#include "fault_plan.h"
#include "core/banned.h"

#define MAX_N 400  /* more writes than any single request makes */

static struct server *srv;
static struct browser admin;
static char *csrf;
static volatile struct fault_plan *plan;
static char plan_path[512];
static int nfail;
#define PROBLEM(...) do { print_message(__VA_ARGS__); nfail++; } while (0)

/* The form each write route gets (forms.h); other POSTs get an empty one. */
static const struct { const char *pattern; const char *const *fields; } forms[] = {
	{ "/admin/users", F_USER_NEW }, { "/admin/users/{id}", F_USER_EDIT },
	{ "/admin/users/{id}/password", F_PASSWORD }, { "/admin/offices", F_OFFICE },
	{ "/admin/offices/{id}", F_NAMES }, { "/admin/places", F_NAMES }, { "/admin/places/{id}", F_NAMES },
	{ "/admin/places/{id}/add", F_NAMES }, { "/admin/sectors", F_SECTOR }, { "/admin/sectors/{id}", F_NAMES },
	{ "/orgs", F_ORG }, { "/orgs/{id}", F_ORG }, { "/orgs/{id}/members", F_MEMBER },
	{ "/people", F_PERSON }, { "/people/{id}", F_PERSON }, { "/import", F_IMPORT_KIND },
	{ "/import/{id}", F_IMPORT_COMMIT }, { "/people/duplicates/merge", F_MERGE },
	{ "/admin/retention", F_RETENTION },
	/* incubation */
	{ "/cohorts", F_COHORT }, { "/cohorts/{id}", F_COHORT }, { "/cohorts/{id}/candidates", F_CANDIDATE },
	{ "/candidates/{id}/scores", F_CAND_SCORES }, { "/candidates/{id}/decision", F_DECISION },
	{ "/incubation/criteria", F_CRITERION }, { "/incubation/criteria/{id}", F_CRITERION },
	{ "/incubation/library", F_LIBRARY }, { "/incubation/library/{id}", F_LIBRARY },
	{ "/incubation/framework/indicators/{id}", F_INDICATOR }, { "/incubation/framework/indicators", F_IND_NEW }, { "/orgs/{id}/assessments", F_ASSESS_KIND },
	{ "/assessments/{id}/scores", F_SCORES }, { "/assessments/{id}/self", F_SELF },
	{ "/assessments/{id}/correct", F_REASON }, { "/assessments/{id}/plan", F_THRESHOLD },
	{ "/plans/{id}/actions", F_ACTION }, { "/plan-actions/{id}", F_ACTION_EDIT },
	/* activities */
	{ "/activities", F_ACTIVITY }, { "/activities/{id}", F_ACTIVITY }, { "/activities/{id}/sessions", F_SESSION },
	{ "/activities/{id}/people", F_REGISTER }, { "/activities/{id}/people/{pid}/scores", F_TEST_SCORES },
	{ "/sessions/{id}/attendance", F_MARK }, { "/sessions/{id}/walkin", F_WALKIN }, { "/calendar", F_FEED },
	{ "/portal/activities/{id}/people", F_PORTAL }, { "/activities/{id}/plan-links", F_PLAN_LINK },
	/* workspace */
	{ "/rooms", F_WS_ROOM }, { "/rooms/{id}", F_WS_ROOM }, { "/equipment", F_WS_EQUIP },
	{ "/equipment/{id}", F_WS_EQUIP }, { "/bookings", F_WS_BOOKING }, { "/bookings/{id}/refuse", F_WS_REFUSE },
	{ "/bookings/{id}/cancel", F_WS_CANCEL }, { "/quotas", F_WS_QUOTA }, { "/space/request", F_WS_PUBLIC },
	{ "/bookings/{id}/person", F_WS_PERSON },
};

/* A suggested pair of people (the first by score), found by `daam dedup`
 * when none is stored yet: what the merge's form and compare page name. */
static void live_pair(long long *a, long long *b)
{
	static const char sql_a[] = "SELECT coalesce((SELECT a FROM dup_candidates ORDER BY score DESC, a LIMIT 1), 0)";
	static const char sql_b[] = "SELECT coalesce((SELECT b FROM dup_candidates ORDER BY score DESC, a LIMIT 1), 0)";
	*a = sql_int(sql_a, "");
	if (!*a) {
		char out[512];
		const char *args[] = { "dedup", "--db", srv->db, NULL };
		assert_int_equal(run_daam(out, sizeof out, args), 0);
		*a = sql_int(sql_a, "");
	}
	*b = sql_int(sql_b, "");
	assert_true(*a > 0 && *b > 0);
}

/* The form's values with {a} and {b} made the live pair's numbers (the
 * strings live in store, of n bytes). */
static void form_fill(const char *const *form, const char **out, char *store, size_t n)
{
	long long a = 0, b = 0;
	int k = 0;
	size_t used = 0;
	for (; form && form[k]; k++) {
		if (!strchr(form[k], '{')) {
			out[k] = form[k];
			continue;
		}
		if (!a)
			live_pair(&a, &b);
		char *v = store + used;
		size_t len = 0;
		for (const char *p = form[k]; *p && used + len + 24 < n; p++) {
			if (p[0] == '{' && (p[1] == 'a' || p[1] == 'b') && p[2] == '}') {
				len += (size_t)snprintf(v + len, n - used - len, "%lld", p[1] == 'a' ? a : b);
				p += 2;
			} else {
				v[len++] = *p;
			}
		}
		v[len] = '\0';
		used += len + 1;
		out[k] = v;
	}
	out[k] = NULL;
}

static const char *const *form_for(const char *pattern)
{
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		if (strcmp(forms[i].pattern, pattern) == 0)
			return forms[i].fields;
	return NULL;
}

/* A path for the pattern: {id} becomes a record that exists. */
static void instantiate(const char *pattern, char *out, size_t n)
{
	long long id = 1;
	if (strcmp(pattern, "/people/duplicates/merge") == 0) {
		/* its form names a live pair: found now, before any fault is armed */
		long long a, b;
		live_pair(&a, &b);
	}
	if (strcmp(pattern, "/people/duplicates/{a}/{b}") == 0) {
		long long a, b;
		live_pair(&a, &b);
		snprintf(out, n, "/people/duplicates/%lld/%lld", a, b);
		return;
	}
	if (strncmp(pattern, "/people/merges/", 15) == 0)
		id = sql_int("SELECT coalesce(max(merge_id), 1) FROM merge_undo", "");
	else if (strncmp(pattern, "/people/", 8) == 0 || strncmp(pattern, "/api/v1/people/", 15) == 0)
		id = sql_int("SELECT min(id) FROM people WHERE merged_into IS NULL AND id > 5", "");
	else if (strncmp(pattern, "/admin/users/", 13) == 0)
		id = sql_int("SELECT id FROM users WHERE name = 'monitoring'", "");
	else if (strncmp(pattern, "/admin/offices/", 15) == 0)
		id = 2;
	else if (strncmp(pattern, "/admin/places/", 14) == 0)
		id = sql_int("SELECT min(id) FROM places WHERE level = 3", "");
	else if (strncmp(pattern, "/bookings/", 10) == 0)   /* a request still to decide */
		id = sql_int("SELECT coalesce(min(id), 1) FROM bookings WHERE status = 'requested'", "");
	else if (strncmp(pattern, "/import/", 8) == 0)
		id = sql_int("SELECT coalesce(max(id), 1) FROM import_uploads", "");
	size_t k = 0;
	for (const char *p = pattern; *p && k + 24 < n; p++) {
		if (*p == '{') {
			k += (size_t)snprintf(out + k, n - k, "%lld", id);
			p = strchr(p, '}');
			if (!p)
				break;
		} else {
			out[k++] = *p;
		}
	}
	out[k] = 0;
}

/* Everything but the sessions (a request may touch its session in a
 * transaction of its own before the handler runs) and the settings (the
 * export key is made once, on first use, before the export itself). */
static unsigned long long digest(void)
{
	unsigned long long h = 1469598103934665603ULL;
	sqlite3_stmt *tables = sql_vprep("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('sessions', 'settings')"
					 " ORDER BY name", NULL, NULL);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", (const char *)sqlite3_column_text(tables, 0));
		sqlite3_stmt *st = sql_vprep(sql, NULL, NULL);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				for (const unsigned char *p = v ? v : (const unsigned char *)"\x01"; *p; p++)
					h = (h ^ *p) * 1099511628211ULL;
				h = (h ^ 0x1f) * 1099511628211ULL;
			}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tables);
	return h;
}

static void arm(int n, int code)
{
	plan->countdown = n;
	plan->code = code;
	__sync_synchronize();
	plan->armed = 1;
}

/* Disarms; returns 1 when the armed fault fired. */
static int disarm(int fired_before)
{
	plan->armed = 0;
	__sync_synchronize();
	return plan->fired != fired_before;
}

/* The writer is free: the test's connection takes the write lock at once,
 * and the server saves a change. */
static void check_writer_free(const char *what)
{
	sqlite3 *h = NULL;
	sqlite3_open_v2(srv->db, &h, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_busy_timeout(h, 3000);
	if (sqlite3_exec(h, "BEGIN IMMEDIATE; ROLLBACK;", NULL, NULL, NULL) != SQLITE_OK)
		PROBLEM("after %s: the database's write lock is still held\n", what);
	sqlite3_close(h);
	static const char *const same[] = { "name_ar", "التعليم", "name_en", "Education", NULL };
	struct response *r = post_kv(&admin, "/admin/sectors/1", csrf, same, NULL, NULL);
	if (r->status != 303 || !resp_set_cookie(r, "flash"))
		PROBLEM("after %s: the next change answered %ld (the writer is not free)\n", what, r->status);
	response_free(r);
	r = http_get(&admin, "/");
	if (r->status != 200)
		PROBLEM("after %s: the start page answered %ld\n", what, r->status);
	response_free(r);
}

static struct response *request(const struct route_line *d, const char *path)
{
	if (strcmp(d->method, "GET") == 0)
		return http_get(&admin, path);
	const char *kv[32];
	char store[512];
	form_fill(form_for(d->pattern), kv, store, sizeof store);
	return post_kv(&admin, path, csrf, kv, NULL, NULL);
}

/* Waits (10 s at most) until none of the admin's background jobs runs or
 * waits: a job writing after its request's answer must not take the fault
 * armed for the next request. */
static void wait_for_jobs(void)
{
	for (int tries = 0; tries < 200; tries++) {
		struct response *list = http_get(&admin, "/jobs");
		int busy = 0;
		for (const char *p = strstr(list->body, "href=\"/jobs/"); p && !busy; p = strstr(p + 1, "href=\"/jobs/")) {
			char path[64];
			snprintf(path, sizeof path, "/api/v1/jobs/%lld", strtoll(p + strlen("href=\"/jobs/"), NULL, 10));
			struct response *j = http_get(&admin, path);
			busy = resp_contains(j, "\"running\"") || resp_contains(j, "\"queued\"");
			response_free(j);
		}
		response_free(list);
		if (!busy)
			return;
		usleep(50 * 1000);
	}
	PROBLEM("a background job did not end within 10 s\n");
}

/* One request with the Nth write failing; returns 1 when the fault fired. */
static int attempt(const struct route_line *d, const char *path, int n, int code)
{
	static const char *const names[] = { "", "disk full", "I/O error", "fsync error", "busy" };
	/* the session's touch (a write of its own, once a minute, whose failure
	 * the server rightly ignores) is made fresh first: the write that
	 * fails is then always the request's own, never the touch before a
	 * handler that answers 409 without writing */
	sql_int("UPDATE sessions SET last_seen = CAST(strftime('%s', 'now') AS INTEGER)"
		" WHERE user_id = (SELECT id FROM users WHERE name = 'admin') RETURNING id", NULL);
	unsigned long long before = digest();
	int fired_before = plan->fired;
	arm(n, code);
	struct response *r = request(d, path);
	wait_for_jobs();
	int fired = disarm(fired_before);
	char what[300];
	snprintf(what, sizeof what, "%s %s with write %d failing (%s)", d->method, path, n, names[code]);
	if (r->status == 0)
		PROBLEM("%s: no answer (curl %d)\n", what, r->curl_code);
	else if (r->status >= 500 && r->status != 503)
		PROBLEM("%s: status %ld\n", what, r->status);
	if (fired && r->status >= 400 && r->status != 503)
		PROBLEM("%s: answered %ld; a failed write answers 503\n", what, r->status);
	if (r->status == 503) {
		if (!fired)
			PROBLEM("%s: 503 although no write failed\n", what);
		if (digest() != before)
			PROBLEM("%s: answered 503 but the database changed (half-written)\n", what);
		/* the busy page, or the form again as typed with its error; from
		 * the JSON API, the error object with the same Arabic message */
		if (strstr(d->flags, "api")) {
			const char *type = resp_header(r, "Content-Type");
			if (!type || strncmp(type, "application/json", 16) != 0 || !resp_contains(r, "ربما لم يُحفظ"))
				PROBLEM("%s: the 503 answer is not the JSON error with the Arabic busy message\n", what);
		} else if (!resp_contains(r, "lang=\"ar\"") ||
			   !(resp_contains(r, "ربما لم يُحفظ") || resp_contains(r, "role=\"alert\"")))
			PROBLEM("%s: the 503 answer is neither the Arabic busy page nor the form with its error\n", what);
	}
	response_free(r);
	if (fired)
		check_writer_free(what);
	return fired;
}

static int not_walked(const struct route_line *d)
{
	/* these end the test's session; test_auth covers them, and their
	 * writes go through the same db_write */
	return strcmp(d->pattern, "/logout") == 0 || strcmp(d->pattern, "/account/password") == 0 ||
	       strcmp(d->pattern, "/login") == 0 || strcmp(d->module, "probe") == 0 ||
	       strncmp(d->pattern, "/assets/", 8) == 0;
}

static void test_every_route_survives_failing_writes(void **state)
{
	static struct route_line routes[256];
	int nroutes = daam_routes(routes, 256), walked = 0, faults = 0;
	nfail = 0;
	for (int k = 0; k < nroutes; k++) {
		const struct route_line *d = &routes[k];
		if (not_walked(d))
			continue;
		char path[256];
		instantiate(d->pattern, path, sizeof path);
		if (strcmp(d->pattern, "/people/export") == 0)
			snprintf(path, sizeof path, "/people/export?format=csv");
		walked++;
		int done = 0;
		for (int n = 1; n <= MAX_N && !done; n++)
			for (int code = FAULT_FULL; code <= FAULT_IOERR && !done; code++) {
				if (attempt(d, path, n, code))
					faults++;
				else
					done = 1;   /* fewer than n writes: the request went through */
			}
		if (!done)
			PROBLEM("%s %s: still failing after %d writes\n", d->method, path, MAX_N);
		faults += attempt(d, path, 1, FAULT_BUSY);
	}
	print_message("%d routes walked, %d failing writes survived, %d problems\n", walked, faults, nfail);
	/* the forms reached the writes themselves: a merge and its undo went through */
	assert_true(sql_int("SELECT count(*) FROM audit_log WHERE action = 'merge'", "") >= 1);
	assert_true(sql_int("SELECT count(*) FROM audit_log WHERE action = 'unmerge'", "") >= 1);
	sqlite3_stmt *st = sql_vprep("PRAGMA integrity_check", NULL, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_true(walked >= 50);
	assert_true(faults >= 40);
	assert_int_equal(nfail, 0);
}

/* `daam backup` onto a full disk: a message, a non-zero exit, no file. */
static void test_backup_on_a_full_disk(void **state)
{
	char out[4096], dest[600];
	snprintf(dest, sizeof dest, "%s.backup", srv->db);
	int fired_before = plan->fired;
	arm(3, FAULT_FULL);
	const char *args[] = { "backup", dest, "--plain", "--db", srv->db, NULL };
	int st = run_daam(out, sizeof out, args);
	int fired = disarm(fired_before);
	assert_true(fired);
	assert_int_not_equal(st, 0);
	assert_int_not_equal(access(dest, F_OK), 0);
	/* and with room again it works */
	assert_int_equal(run_daam(out, sizeof out, args), 0);
	assert_int_equal(access(dest, F_OK), 0);
	unlink(dest);
}

/* `daam import` onto a full disk: nothing of the file is imported. */
static void test_import_on_a_full_disk(void **state)
{
	char csv[600], out[8192];
	snprintf(csv, sizeof csv, "%s.people.csv", srv->db);
	FILE *f = fopen(csv, "w");
	assert_non_null(f);
	fprintf(f, "name_ar,gender,birth_year\n");
	for (int i = 0; i < 200; i++)
		fprintf(f, "سامر الفضل %d,m,1990\n", i);
	fclose(f);
	long long people = sql_int("SELECT count(*) FROM people", "");
	for (int n = 1; n <= 6; n++) {
		int fired_before = plan->fired;
		arm(n, FAULT_FULL);
		const char *args[] = { "import", "people", csv, "--db", srv->db, NULL };
		int st = run_daam(out, sizeof out, args);
		int fired = disarm(fired_before);
		if (!fired)
			fail_msg("import with write %d failing: no write failed (exit %d)", n, st);
		if (st == 0)
			fail_msg("import with write %d failing exited 0", n);
		assert_int_equal(sql_int("SELECT count(*) FROM people", ""), people);
	}
	const char *args[] = { "import", "people", csv, "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, args), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM people", ""), people + 200);
	unlink(csv);
}

static int setup(void **state)
{
	/* the plan file, shared with every daam-probe this test starts */
	const char *t = getenv("TMPDIR");
	snprintf(plan_path, sizeof plan_path, "%s/daam-faults-XXXXXX", t && *t ? t : "/tmp");
	int fd = mkstemp(plan_path);
	if (fd < 0 || ftruncate(fd, sizeof(struct fault_plan)) < 0)
		return -1;
	plan = mmap(NULL, sizeof(struct fault_plan), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (plan == MAP_FAILED)
		return -1;
	setenv("DAAM_FAULTS", plan_path, 1);
	if (group_setup_db(state) < 0)
		return -1;
	srv = *state;
	browser_init(&admin, srv);
	admin.accept_language = "ar";
	admin.timeout_ms = 20000;
	sign_in(&admin, "admin");
	csrf = page_csrf(&admin, "/");
	return csrf ? 0 : -1;
}

static int teardown(void **state)
{
	browser_free(&admin);
	free(csrf);
	sqlite3_close(test_db);
	test_db = NULL;
	unlink(plan_path);
	return group_teardown(state);
}

int main(void)
{
	/* daam-probe: daam plus the fault VFS (see the top) */
	harness_use_probe();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_survives_failing_writes),
		cmocka_unit_test(test_backup_on_a_full_disk),
		cmocka_unit_test(test_import_on_a_full_disk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
