/* test_home — the start page shows each role its own part of the center:
 * the figures of organizations and people equal the counts of the lists
 * the same user sees (an officer's office, a partner's organization, the
 * whole center for the director and the administrator), the staff figures
 * (offices, active users) only to the administrator; and it links to the
 * user's pending work with its count: the pairs of possible duplicates the
 * user sees (roles that merge people; the same number as the duplicates
 * page), the user's own uploads waiting, their jobs running and the files
 * their jobs made.  The server runs every export as a slow job
 * (DAAM_JOB_DIRECT_MAX=0, DAAM_JOB_PACE_MS) so a running job can be seen.
 *
 * Pages are read in English; figures are read from the markup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

#define BOUNDARY "----daamHomeBoundary0x77"

static struct server *srv;

static void browser_en(struct browser *b, const char *who)
{
	browser_init(b, srv);
	b->accept_language = "en";
	sign_in(b, who);
}

/* The number right after `after` in the page (digits, as written inside
 * the tile's <bdi> or after a list's label), or -1 when absent. */
static long long number_after(const struct response *r, const char *after)
{
	const char *p = strstr(r->body, after);
	if (!p)
		return -1;
	p += strlen(after);
	while (*p && (*p < '0' || *p > '9')) {
		if (*p == '<' && strncmp(p, "<bdi", 4) != 0)
			return -1;
		if (*p == '<')
			p = strchr(p, '>');
		if (!p)
			return -1;
		p++;
	}
	return *p ? strtoll(p, NULL, 10) : -1;
}

static long long tile(struct browser *b, const char *href)
{
	struct response *r = http_get(b, "/");
	assert_int_equal(r->status, 200);
	char after[80];
	snprintf(after, sizeof after, "<a class=\"tile\" href=\"%s\"><b>", href);
	long long n = number_after(r, after);
	response_free(r);
	return n;
}

static long long list_count(struct browser *b, const char *path, const char *label)
{
	struct response *r = http_get(b, path);
	assert_int_equal(r->status, 200);
	long long n = number_after(r, label);
	response_free(r);
	return n;
}

/* The count of a pending item linking to href, 0 when it is not shown. */
static long long pending(struct browser *b, const char *href, const char *words)
{
	struct response *r = http_get(b, "/");
	assert_int_equal(r->status, 200);
	const char *sec = strstr(r->body, "id=\"pending\"");
	assert_non_null(sec);
	char a[80];
	snprintf(a, sizeof a, "<li><a href=\"%s\">", href);
	long long n = 0;
	for (const char *p = strstr(sec, a); p; p = strstr(p + 1, a)) {
		const char *end = strstr(p, "</a>");
		char item[400];
		snprintf(item, sizeof item, "%.*s", (int)(end ? end - p : 0), p);
		if (strstr(item, words)) {
			struct response one = { 0 };
			one.body = item;
			n = number_after(&one, a);
			break;
		}
	}
	response_free(r);
	return n;
}

/* The start page's figures are the lists' counts, for each role. */
static void test_figures_equal_the_lists(void **state)
{
	(void)state;
	/* the partner's organization gets two members, so their list is not empty */
	struct browser dir;
	browser_en(&dir, "director");
	char *csrf = page_csrf(&dir, "/orgs/1");
	assert_non_null(csrf);
	const char *const m1[] = { "name_ar", "عضو شريك أول", "role", "عضو", NULL };
	const char *const m2[] = { "name_ar", "عضو شريك ثان", "role", "عضو", NULL };
	struct response *r = post_kv(&dir, "/orgs/1/members", csrf, m1, NULL, NULL);
	assert_true(r->status == 303 || r->status == 200);
	response_free(r);
	r = post_kv(&dir, "/orgs/1/members", csrf, m2, NULL, NULL);
	response_free(r);
	free(csrf);
	browser_free(&dir);

	const char *const who[] = { "officer", "partner", "director", "admin", "trainer" };
	long long people[5], orgs[5];
	for (int i = 0; i < 5; i++) {
		struct browser b;
		browser_en(&b, who[i]);
		orgs[i] = tile(&b, "/orgs");
		people[i] = tile(&b, "/people");
		assert_int_equal(orgs[i], list_count(&b, "/orgs", "Organizations found:"));
		assert_int_equal(people[i], list_count(&b, "/people", "People found:"));
		r = http_get(&b, "/");
		int admin = strcmp(who[i], "admin") == 0;
		/* the center's staff figures are for the administrator only */
		assert_int_equal(resp_contains(r, "Active users"), admin);
		assert_int_equal(resp_contains(r, "href=\"/admin/users\""), admin);
		response_free(r);
		browser_free(&b);
	}
	/* an officer and a partner see their part, not the center's */
	assert_true(people[0] > 0 && people[0] < people[2]);
	assert_true(orgs[0] > 0 && orgs[0] < orgs[2]);
	assert_int_equal(orgs[1], 1);
	assert_true(people[1] >= 2 && people[1] < people[0]);
	assert_int_equal(people[2], people[3]);
	assert_int_equal(people[2], sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", NULL));
	/* the officer's figures count only their office: its people and the
	 * members of its organizations (each once), its organizations */
	long long office = sql_int("SELECT office_id FROM users WHERE name = 'officer'", NULL);
	assert_true(office > 0);
	assert_int_equal(people[0], sql_int("SELECT count(*) FROM people p WHERE p.merged_into IS NULL AND (p.office_id = ?1"
					    " OR p.id IN (SELECT m.person_id FROM memberships m JOIN orgs g ON g.id = m.org_id"
					    " WHERE g.office_id = ?1))", "i", office));
	assert_int_equal(orgs[0], sql_int("SELECT count(*) FROM orgs WHERE office_id = ?1", "i", office));
	/* the partner's: the members of their organization */
	assert_int_equal(people[1], sql_int("SELECT count(DISTINCT m.person_id) FROM memberships m JOIN people p"
					    " ON p.id = m.person_id WHERE m.org_id = 1 AND p.merged_into IS NULL", NULL));
	/* the partner's page names their organization */
	struct browser p;
	browser_en(&p, "partner");
	r = http_get(&p, "/");
	assert_true(resp_contains(r, "href=\"/orgs/1\""));
	response_free(r);
	browser_free(&p);
}

/* Pending work: duplicates in the user's scope, their own uploads. */
static void test_pending_work(void **state)
{
	(void)state;
	struct browser dir, off, par;
	browser_en(&dir, "director");
	browser_en(&off, "officer");
	browser_en(&par, "partner");
	/* the duplicates: the same number as the review page, per scope */
	long long d_pairs = pending(&dir, "/people/duplicates", "to review");
	long long o_pairs = pending(&off, "/people/duplicates", "to review");
	assert_true(d_pairs > 0);
	assert_int_equal(d_pairs, list_count(&dir, "/people/duplicates", "Pairs to review:"));
	assert_int_equal(o_pairs, list_count(&off, "/people/duplicates", "Pairs to review:"));
	assert_true(o_pairs < d_pairs);
	/* a partner reviews no duplicates and has nothing waiting */
	struct response *r = http_get(&par, "/");
	assert_false(resp_contains(r, "/people/duplicates"));
	assert_true(resp_contains(r, "Nothing is waiting for you."));
	response_free(r);

	/* an upload waits for its import: the uploader's, no one else's */
	assert_int_equal(pending(&off, "/import", "waiting"), 0);
	char *csrf = page_csrf(&off, "/import");
	assert_non_null(csrf);
	char body[1024];
	int len = snprintf(body, sizeof body,
			   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npeople\r\n"
			   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.csv\"\r\n"
			   "Content-Type: text/csv\r\n\r\nname\nانتظار اختبار\n\r\n--" BOUNDARY "--\r\n", csrf);
	const char *const hdrs[] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY, "Expect:", NULL };
	r = http_request(&off, "POST", "/import", body, (size_t)len, hdrs);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(pending(&off, "/import", "waiting"), 1);
	assert_int_equal(pending(&dir, "/import", "waiting"), 0);
	free(csrf);
	browser_free(&dir);
	browser_free(&off);
	browser_free(&par);
}

/* The user's jobs: running, then a file ready; another user sees neither. */
static void test_pending_jobs(void **state)
{
	(void)state;
	struct browser dir, off;
	browser_en(&dir, "director");
	browser_en(&off, "officer");
	assert_int_equal(pending(&dir, "/jobs", "running"), 0);
	struct response *r = http_get(&dir, "/people/export?format=csv");
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(pending(&dir, "/jobs", "running"), 1);
	assert_int_equal(pending(&off, "/jobs", "running"), 0);
	long long ready = 0;
	for (int tries = 0; tries < 300 && !ready; tries++) {
		sleep_ms(50);
		ready = pending(&dir, "/jobs", "ready to download");
	}
	assert_int_equal(ready, 1);
	assert_int_equal(pending(&dir, "/jobs", "running"), 0);
	browser_free(&dir);
	browser_free(&off);
}

/* In Arabic the page is whole: its pending sentences are translated. */
static void test_arabic(void **state)
{
	(void)state;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "ar";
	sign_in(&b, "officer");
	struct response *r = http_get(&b, "/");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "lang=\"ar\""));
	assert_false(resp_contains(r, "to review"));
	assert_false(resp_contains(r, "Waiting for you"));
	response_free(r);
	browser_free(&b);
}

static int setup(void **state)
{
	(void)state;
	if (harness_setup() < 0)
		return -1;
	setenv("DAAM_JOB_DIRECT_MAX", "0", 1);
	setenv("DAAM_JOB_PACE_MS", "150", 1);
	srv = server_start(NULL);
	unsetenv("DAAM_JOB_PACE_MS");
	unsetenv("DAAM_JOB_DIRECT_MAX");
	if (!srv)
		return -1;
	if (sqlite3_open_v2(srv->db, &test_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(test_db, 10000);
	/* the pairs of possible duplicates, as `daam dedup` finds them */
	char out[4096];
	const char *const args[] = { "dedup", "--db", srv->db, NULL };
	return run_daam(out, sizeof out, args) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (test_db)
		sqlite3_close(test_db);
	test_db = NULL;
	harness_teardown();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures_equal_the_lists),
		cmocka_unit_test(test_pending_work),
		cmocka_unit_test(test_pending_jobs),
		cmocka_unit_test(test_arabic),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
