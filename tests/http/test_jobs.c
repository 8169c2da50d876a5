/* test_jobs — long work as jobs, through the web.  Two servers on copies of
 * the demo database, both with DAAM_JOB_DIRECT_MAX=0 so that every people
 * export is a job:
 *  - "quick": an identified CSV export by the admin is followed (JSON) to
 *    done, its page offers the file, the download has one row per person
 *    of the registry and the phones; a program officer's coded export has
 *    exactly the people of their office (counted by SQL here), codes and no
 *    phone, and the identified one is refused; an XLSX export is a zip;
 *    the start, the export and the download are in the audit log; another
 *    user gets 404 on the job, its download, its JSON and its cancel;
 *  - "slow" (DAAM_JOB_PACE_MS: each job pauses at every check of its
 *    cancel flag): a running job's page shows a progress bar, reloads
 *    itself and offers Cancel; /healthz and a page answer at once while it
 *    runs; the same export asked again leads to the same job; a fifth job
 *    of one user is refused (429); a cancelled job ends cancelled with no
 *    file; a cancelled import writes nothing and keeps its file, the same
 *    file then imports whole; a spreadsheet export cancelled midway leaves
 *    no temporary file open; the server stops cleanly while a job runs.
 *
 * Pages are read in English; expected numbers come from the server's
 * database file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

static struct server *quick, *slow;
static sqlite3 *quick_db, *slow_db;

static void browser_en(struct browser *b, const struct server *s, const char *who)
{
	browser_init(b, s);
	b->accept_language = "en";
	sign_in(b, who);
}

/* GET that must answer 303 to /jobs/N: returns N. */
static long long start_job(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	if (r->status != 303)
		fail_msg("GET %s: status %ld, expected 303 to a job\n%.400s", path, r->status, r->body);
	const char *loc = resp_header(r, "Location");
	long long id = 0;
	if (!loc || sscanf(loc, "/jobs/%lld", &id) != 1 || id <= 0)
		fail_msg("GET %s: Location %s", path, loc ? loc : "(none)");
	response_free(r);
	return id;
}

/* The job's JSON (the caller json_decref's it). */
static json_t *job_json(struct browser *b, long long id)
{
	char path[64];
	snprintf(path, sizeof path, "/api/v1/jobs/%lld", id);
	struct response *r = http_get(b, path);
	assert_int_equal(r->status, 200);
	json_t *j = json_loads(r->body, 0, NULL);
	assert_non_null(j);
	response_free(r);
	return j;
}

static const char *state_of(json_t *j)
{
	return json_string_value(json_object_get(j, "state"));
}

/* Polls the job until it has left queued/running (15 s at most); returns its final state. */
static char *follow(struct browser *b, long long id)
{
	for (int tries = 0; tries < 300; tries++) {
		json_t *j = job_json(b, id);
		const char *s = state_of(j);
		if (strcmp(s, "queued") != 0 && strcmp(s, "running") != 0) {
			char *out = strdup(s);
			json_decref(j);
			return out;
		}
		json_decref(j);
		sleep_ms(50);
	}
	fail_msg("job %lld did not end within 15 s", id);
	return NULL;
}

static void wait_running(struct browser *b, long long id)
{
	for (int tries = 0; tries < 200; tries++) {
		json_t *j = job_json(b, id);
		int running = strcmp(state_of(j), "running") == 0;
		json_decref(j);
		if (running)
			return;
		sleep_ms(25);
	}
	fail_msg("job %lld never ran", id);
}

static struct response *download(struct browser *b, long long id)
{
	char path[64];
	snprintf(path, sizeof path, "/jobs/%lld/download", id);
	struct response *r = http_get(b, path);
	assert_non_null(r);
	return r;
}

/* Rows of a CSV body after its header (every row ends in CRLF; names hold no line break). */
static long csv_rows(const struct response *r)
{
	long n = 0;
	for (const char *p = r->body; (p = strstr(p, "\r\n")); p += 2)
		n++;
	return n - 1;
}

/* 1 when s holds a Syrian mobile number as daam stores it (09 and 8 digits). */
static int has_phone(const char *s)
{
	for (; (s = strstr(s, "09")); s++) {
		int k = 2;
		while (k < 10 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k == 10)
			return 1;
	}
	return 0;
}

static long long audit_count(const char *action, const char *entity, long long entity_id, const char *detail_like)
{
	return sql_int("SELECT count(*) FROM audit_log WHERE action = ? AND entity = ? AND (? = 0 OR entity_id = ?)"
		       " AND detail LIKE ?", "ttiit", action, entity, entity_id, entity_id, detail_like);
}

/* The admin's identified CSV: every person of the registry, with phones. */
static void test_identified_export_as_job(void **state)
{
	(void)state;
	test_db = quick_db;
	struct browser b;
	browser_en(&b, quick, "admin");
	long long id = start_job(&b, "/people/export?format=csv&identified=1");
	char *st = follow(&b, id);
	assert_string_equal(st, "done");
	free(st);
	json_t *j = job_json(&b, id);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "people-export");
	assert_string_equal(json_string_value(json_object_get(j, "file")), "daam-people-identified.csv");
	char want[64];
	snprintf(want, sizeof want, "/jobs/%lld/download", id);
	assert_string_equal(json_string_value(json_object_get(j, "download")), want);
	json_decref(j);

	char page[64];
	snprintf(page, sizeof page, "/jobs/%lld", id);
	struct response *r = http_get(&b, page);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, want));
	assert_true(resp_contains(r, "The file is ready."));
	assert_false(resp_contains(r, "http-equiv=\"refresh\"")); /* done: no more reloading */
	response_free(r);
	/* the list of the user's jobs has it */
	r = http_get(&b, "/jobs");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, page));
	response_free(r);

	r = download(&b, id);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/csv"));
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "attachment; filename=\"daam-people-identified.csv\""));
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	assert_true(resp_contains(r, "Phone"));
	assert_true(has_phone(r->body));
	long long people = sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", NULL);
	assert_true(people > 100);
	assert_int_equal(csv_rows(r), people);
	response_free(r);

	/* started, exported and downloaded: three entries */
	assert_int_equal(audit_count("job_start", "job", id, "kind=people-export format=csv identified=1%"), 1);
	char like[64];
	snprintf(like, sizeof like, "rows=%lld format=csv identified=1 job=%lld", people, id);
	assert_int_equal(audit_count("export", "people", 0, like), 1);
	assert_int_equal(audit_count("download", "job", id, "kind=people-export file=daam-people-identified.csv%"), 1);
	browser_free(&b);
}

/* A program officer: coded only, and exactly the people of their office. */
static void test_officer_export_in_scope(void **state)
{
	(void)state;
	test_db = quick_db;
	struct browser b;
	browser_en(&b, quick, "officer");
	struct response *r = http_get(&b, "/people/export?format=csv&identified=1");
	assert_int_equal(r->status, 403);
	response_free(r);

	long long id = start_job(&b, "/people/export?format=csv");
	char *st = follow(&b, id);
	assert_string_equal(st, "done");
	free(st);
	r = download(&b, id);
	assert_int_equal(r->status, 200);
	long long office = sql_int("SELECT office_id FROM users WHERE name = 'officer'", NULL);
	assert_true(office > 0);
	long long in_scope = sql_int("SELECT count(*) FROM people p WHERE p.merged_into IS NULL AND (p.office_id = ?"
				     " OR EXISTS (SELECT 1 FROM memberships m JOIN orgs o ON o.id = m.org_id"
				     " WHERE m.person_id = p.id AND o.office_id = ?))", "ii", office, office);
	long long all = sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", NULL);
	assert_true(in_scope > 0 && in_scope < all);
	assert_int_equal(csv_rows(r), in_scope);
	assert_true(resp_contains(r, "\r\n\"P-"));
	assert_false(resp_contains(r, "Phone"));
	assert_false(has_phone(r->body));
	response_free(r);

	/* the spreadsheet too: a zip with the spreadsheet's type */
	id = start_job(&b, "/people/export?format=xlsx&gender=f");
	st = follow(&b, id);
	assert_string_equal(st, "done");
	free(st);
	r = download(&b, id);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "spreadsheetml"));
	assert_true(r->body_len > 1000);
	assert_memory_equal(r->body, "PK", 2);
	response_free(r);
	browser_free(&b);
}

/* Nobody else sees a job, its file, its state, or may cancel it. */
static void test_someone_elses_job(void **state)
{
	(void)state;
	test_db = quick_db;
	struct browser owner, other, anon;
	browser_en(&owner, quick, "admin");
	browser_en(&other, quick, "director");
	long long id = start_job(&owner, "/people/export?format=csv&gender=m");
	char *st = follow(&owner, id);
	assert_string_equal(st, "done");
	free(st);
	char path[96];
	const char *const forms[] = { "/jobs/%lld", "/jobs/%lld/download", "/api/v1/jobs/%lld", NULL };
	for (int i = 0; forms[i]; i++) {
		snprintf(path, sizeof path, forms[i], id);
		struct response *r = http_get(&other, path);
		if (r->status != 404)
			fail_msg("director GET %s: %ld, expected 404", path, r->status);
		assert_false(resp_contains(r, "daam-people"));
		response_free(r);
	}
	char *csrf = page_csrf(&other, "/jobs");
	assert_non_null(csrf);
	snprintf(path, sizeof path, "/jobs/%lld/cancel", id);
	struct response *r = http_post_form(&other, path, "csrf", csrf, NULL);
	assert_int_equal(r->status, 404);
	response_free(r);
	free(csrf);
	r = http_get(&other, "/jobs");
	snprintf(path, sizeof path, "/jobs/%lld", id);
	assert_false(resp_contains(r, path));
	response_free(r);
	/* nothing at a made-up number either, and nothing without signing in */
	r = http_get(&owner, "/jobs/999999999999");
	assert_int_equal(r->status, 404);
	response_free(r);
	browser_init(&anon, quick);
	snprintf(path, sizeof path, "/api/v1/jobs/%lld", id);
	r = http_get(&anon, path);
	assert_int_equal(r->status, 401);
	response_free(r);
	snprintf(path, sizeof path, "/jobs/%lld/download", id);
	r = http_get(&anon, path);
	assert_int_equal(r->status, 303);
	assert_non_null(strstr(resp_header(r, "Location"), "/login"));
	response_free(r);
	/* the owner still has it */
	r = download(&owner, id);
	assert_int_equal(r->status, 200);
	response_free(r);
	browser_free(&anon);
	browser_free(&other);
	browser_free(&owner);
}

/* While a (slowed) job runs: its page, other requests, the same export
 * again, the per-user limit, then cancel. */
static void test_running_job_and_cancel(void **state)
{
	(void)state;
	test_db = slow_db;
	struct browser b;
	browser_en(&b, slow, "admin");
	long long id = start_job(&b, "/people/export?format=csv&identified=1");
	wait_running(&b, id);
	char page[64];
	snprintf(page, sizeof page, "/jobs/%lld", id);
	struct response *r = http_get(&b, page);
	assert_int_equal(r->status, 200);
	const char *head_end = strstr(r->body, "</head>"), *meta = strstr(r->body, "<meta http-equiv=\"refresh\" content=\"2\">");
	assert_non_null(meta);
	assert_true(meta < head_end);
	assert_true(resp_contains(r, "<progress"));
	char action[80];
	snprintf(action, sizeof action, "action=\"/jobs/%lld/cancel\"", id);
	assert_true(resp_contains(r, action));
	assert_true(resp_contains(r, "Running"));
	char *csrf = html_csrf(r->body);
	assert_non_null(csrf);
	response_free(r);

	/* the loops are free: health and a page answer at once */
	for (int i = 0; i < 5; i++) {
		r = http_get(&b, "/healthz");
		assert_int_equal(r->status, 200);
		assert_true(r->seconds < 0.5);
		response_free(r);
		r = http_get(&b, "/orgs");
		assert_int_equal(r->status, 200);
		assert_true(r->seconds < 0.5);
		response_free(r);
	}
	json_t *j = job_json(&b, id);
	assert_string_equal(state_of(j), "running");
	json_decref(j);

	/* asked again while it runs: the same job */
	assert_int_equal(start_job(&b, "/people/export?format=csv&identified=1"), id);
	/* three more exports make four; a fifth is refused */
	long long more[3];
	const char *const queries[] = { "/people/export?format=csv&gender=f", "/people/export?format=csv&gender=m",
					"/people/export?format=xlsx" };
	for (int i = 0; i < 3; i++)
		more[i] = start_job(&b, queries[i]);
	r = http_get(&b, "/people/export?format=xlsx&gender=f");
	assert_int_equal(r->status, 429);
	assert_true(resp_contains(r, "/jobs"));
	response_free(r);

	snprintf(action, sizeof action, "/jobs/%lld/cancel", id);
	r = http_post_form(&b, action, "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), page);
	response_free(r);
	char *st = follow(&b, id);
	assert_string_equal(st, "cancelled");
	free(st);
	j = job_json(&b, id);
	assert_null(json_object_get(j, "download"));
	assert_true(json_is_true(json_object_get(j, "cancel_asked")));
	json_decref(j);
	r = http_get(&b, page);
	assert_true(resp_contains(r, "Cancelled. Nothing was kept."));
	assert_false(resp_contains(r, "http-equiv=\"refresh\""));
	response_free(r);
	/* no file: the download link leads back to the page */
	r = download(&b, id);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), page);
	response_free(r);
	assert_int_equal(audit_count("job_cancel", "job", id, "people-export"), 1);
	char like[48];
	snprintf(like, sizeof like, "%%job=%lld", id);
	assert_int_equal(audit_count("export", "people", 0, like), 0);

	/* the others: one is cancelled while it waits; the rest are left to the shutdown below */
	snprintf(action, sizeof action, "/jobs/%lld/cancel", more[2]);
	r = http_post_form(&b, action, "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	st = follow(&b, more[2]);
	assert_string_equal(st, "cancelled");
	free(st);
	free(csrf);
	browser_free(&b);
}

/* Uploads a people CSV for import; returns the review page's path (malloc'd). */
static char *upload_people(struct browser *b, const char *csrf, const char *csv)
{
	char *body = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&body, &len);
	assert_non_null(f);
	fprintf(f, "--XbX\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
		   "--XbX\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npeople\r\n"
		   "--XbX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"jobs.csv\"\r\n"
		   "Content-Type: text/csv\r\n\r\n%s\r\n--XbX--\r\n", csrf, csv);
	fclose(f);
	static const char *const headers[] = { "Content-Type: multipart/form-data; boundary=XbX", "Expect:", NULL };
	struct response *r = http_request(b, "POST", "/import", body, len, headers);
	free(body);
	assert_int_equal(r->status, 303);
	char *path = strdup(resp_header(r, "Location"));
	response_free(r);
	return path;
}

/* A cancelled import writes nothing (its transaction rolls back), keeps the
 * file, and its page leads back to it; done, it leads to the result. */
static void test_import_job_cancel_rolls_back(void **state)
{
	(void)state;
	test_db = slow_db;
	struct browser b;
	browser_en(&b, slow, "director");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	static const char csv[] = "name,phone\nنور اختبار المهام,0933 777 101\nسعاد اختبار المهام,0933 777 102\n";
	char *review = upload_people(&b, csrf, csv);
	long long upload = 0;
	assert_int_equal(sscanf(review, "/import/%lld", &upload), 1);
	struct response *r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "col0", "name", "col1", "phone", NULL);
	assert_int_equal(r->status, 303);
	long long id = 0;
	assert_int_equal(sscanf(resp_header(r, "Location"), "/jobs/%lld", &id), 1);
	response_free(r);
	/* pressed while it runs: the paced job checks the flag once more before its commit */
	wait_running(&b, id);
	char path[64];
	snprintf(path, sizeof path, "/jobs/%lld/cancel", id);
	r = http_post_form(&b, path, "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	char *st = follow(&b, id);
	assert_string_equal(st, "cancelled");
	free(st);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar LIKE '%اختبار المهام'", NULL), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads WHERE id = ?", "i", upload), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'import' AND detail LIKE '%jobs.csv'", NULL), 0);
	snprintf(path, sizeof path, "/jobs/%lld", id);
	r = http_get(&b, path);
	char back[80];
	snprintf(back, sizeof back, "href=\"%s\"", review);
	assert_true(resp_contains(r, back));
	response_free(r);

	/* the same file again, left to finish: written whole, the upload gone */
	r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "col0", "name", "col1", "phone", NULL);
	assert_int_equal(r->status, 303);
	assert_int_equal(sscanf(resp_header(r, "Location"), "/jobs/%lld", &id), 1);
	response_free(r);
	st = follow(&b, id);
	assert_string_equal(st, "done");
	free(st);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar LIKE '%اختبار المهام'", NULL), 2);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads WHERE id = ?", "i", upload), 0);
	json_t *j = job_json(&b, id);
	assert_string_equal(json_string_value(json_object_get(j, "link")), "/import?done=2&kind=people");
	json_decref(j);
	free(review);
	free(csrf);
	browser_free(&b);
}

/* Descriptors of the server on temporary files in /dev/shm (spreadsheet rows). */
static int shm_files(const struct server *s)
{
	char dir[64];
	snprintf(dir, sizeof dir, "/proc/%d/fd", (int)s->pid);
	int n = 0;
	for (int fd = 0; fd < 1024; fd++) {
		char path[96], target[256];
		snprintf(path, sizeof path, "%s/%d", dir, fd);
		ssize_t k = readlink(path, target, sizeof target - 1);
		if (k > 0) {
			target[k] = 0;
			n += strncmp(target, "/dev/shm/", 9) == 0;
		}
	}
	return n;
}

/* A spreadsheet export stopped midway leaves nothing behind; the server
 * stops at once and cleanly though a job is running (it is cancelled). */
static void test_stops_while_job_runs(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, slow, "director");
	long long id = start_job(&b, "/people/export?format=xlsx&identified=1");
	wait_running(&b, id);
	char path[64];
	snprintf(path, sizeof path, "/jobs/%lld", id);
	char *csrf = page_csrf(&b, path);
	assert_non_null(csrf);
	snprintf(path, sizeof path, "/jobs/%lld/cancel", id);
	struct response *r = http_post_form(&b, path, "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(csrf);
	char *st = follow(&b, id);
	assert_string_equal(st, "cancelled");
	free(st);
	assert_int_equal(shm_files(slow), 0);

	id = start_job(&b, "/people/export?format=xlsx&identified=1&gender=f");
	wait_running(&b, id);
	browser_free(&b);
	sqlite3_close(slow_db);
	slow_db = NULL;
	double t0 = mono_now();
	assert_int_equal(server_stop(slow), 0);
	assert_true(mono_now() - t0 < 5);
	if (quick_db)
		sqlite3_close(quick_db);
	quick_db = test_db = NULL;
	assert_int_equal(server_stop(quick), 0);
}

static int setup(void **state)
{
	(void)state;
	if (harness_setup() < 0)
		return -1;
	setenv("DAAM_JOB_DIRECT_MAX", "0", 1);
	quick = server_start(NULL);
	setenv("DAAM_JOB_PACE_MS", "300", 1);
	slow = server_start(NULL);
	unsetenv("DAAM_JOB_PACE_MS");
	unsetenv("DAAM_JOB_DIRECT_MAX");
	if (!quick || !slow)
		return -1;
	if (sqlite3_open_v2(quick->db, &quick_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(slow->db, &slow_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(quick_db, 10000);
	sqlite3_busy_timeout(slow_db, 10000);
	return 0;
}

static int teardown(void **state)
{
	if (quick_db)
		sqlite3_close(quick_db);
	if (slow_db)
		sqlite3_close(slow_db);
	test_db = NULL;
	harness_teardown();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identified_export_as_job),
		cmocka_unit_test(test_officer_export_in_scope),
		cmocka_unit_test(test_someone_elses_job),
		cmocka_unit_test(test_running_job_and_cancel),
		cmocka_unit_test(test_import_job_cancel_rolls_back),
		cmocka_unit_test(test_stops_while_job_runs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
