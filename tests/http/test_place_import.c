/* test_place_import — places as people name them, through the web import:
 * a file of people whose community column says الرقة, Raqqa, دير الزور,
 * ديرالزور or Tabqa checks clean and each person gets the city (not the
 * governorate); a name two communities share is asked once per distinct
 * value (not once per row), the place chosen is taken by every row with
 * that value, a choice that is not one of the value's places is ignored,
 * and a malformed choice is refused.  An administrator sees and changes a
 * place's other names (audited; repeats dropped; too long refused) and the
 * import then finds the place by them; other roles cannot.
 *
 * Pages are read in English; counts come from the server's database file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

#define BOUNDARY "----daamPlaceBoundary0x7c1d"

static struct server *srv;

static const char *const MP_HEADERS[] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY, "Expect:", NULL };

/* Uploads a people CSV and returns the review page's path (malloc'd). */
static char *upload_people(struct browser *b, const char *csrf, const char *csv)
{
	size_t cap = strlen(csv) + 1024;
	char *body = malloc(cap);
	assert_non_null(body);
	int n = snprintf(body, cap,
			 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npeople\r\n"
			 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"places.csv\"\r\n"
			 "Content-Type: text/csv\r\n\r\n%s\r\n--" BOUNDARY "--\r\n", csrf, csv);
	assert_true(n > 0 && (size_t)n < cap);
	struct response *r = http_request(b, "POST", "/import", body, (size_t)n, MP_HEADERS);
	free(body);
	assert_non_null(r);
	if (r->status != 303)
		fail_msg("upload: status %ld\n%s", r->status, r->body);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	char *out = strdup(strstr(loc, "/import/"));
	response_free(r);
	return out;
}

/* Waits for the import job a commit answered with (303 to /jobs/N). */
static void wait_job(struct browser *b, struct response *commit)
{
	if (commit->status != 303)
		fail_msg("commit: status %ld\n%s", commit->status, commit->body);
	long long id = 0;
	assert_int_equal(sscanf(resp_header(commit, "Location"), "/jobs/%lld", &id), 1);
	char api[64];
	snprintf(api, sizeof api, "/api/v1/jobs/%lld", id);
	for (int tries = 0; tries < 200; tries++) {
		struct response *r = http_get(b, api);
		int done = resp_contains(r, "\"state\":\"done\"");
		if (!done && !resp_contains(r, "\"state\":\"queued\"") && !resp_contains(r, "\"state\":\"running\""))
			fail_msg("import job: %s", r->body);
		response_free(r);
		if (done)
			return;
		sleep_ms(50);
	}
	fail_msg("the import job did not end");
}

/* How many times needle is in the body. */
static int occurrences(const struct response *r, const char *needle)
{
	int n = 0;
	for (const char *p = r->body; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static long long place_of(const char *name)
{
	return sql_int("SELECT coalesce(place_id, -1) FROM people WHERE name_ar = ?", "t", name);
}

static const char CITY_CSV[] =
	"الاسم,الجنس,التجمع\n"
	"سلمى تجربة الأماكن,أنثى,الرقة\n"
	"خالد تجربة الأماكن,ذكر,Raqqa\n"
	"عمر تجربة الأماكن,ذكر,دير الزور\n"
	"هدى تجربة الأماكن,أنثى,ديرالزور\n"
	"ريم تجربة الأماكن,أنثى,Tabqa\n"
	"منى تجربة الأماكن,أنثى,الرَّقَّة\n";

/* الرقة and its other names in the community column: accepted, the city. */
static void test_city_names_accepted(void **state)
{
	(void)state;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	char *review = upload_people(&b, csrf, CITY_CSV);
	struct response *r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "No errors"));
	assert_false(resp_contains(r, "No community in daam has this name."));
	assert_false(resp_contains(r, "Which place is meant?"));
	response_free(r);
	r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "col0", "name", "col1", "gender", "col2",
			   "community", NULL);
	wait_job(&b, r);
	response_free(r);
	assert_int_equal(place_of("سلمى تجربة الأماكن"), 1000);
	assert_int_equal(place_of("خالد تجربة الأماكن"), 1000);
	assert_int_equal(place_of("عمر تجربة الأماكن"), 2000);
	assert_int_equal(place_of("هدى تجربة الأماكن"), 2000);
	assert_int_equal(place_of("ريم تجربة الأماكن"), 1010);
	assert_int_equal(place_of("منى تجربة الأماكن"), 1000);
	free(review);
	free(csrf);
	browser_free(&b);
}

static const char SHARED_CSV[] =
	"الاسم,التجمع\n"
	"أحمد تجربة التسمية,الحمرا\n"
	"فاطمة تجربة التسمية,Al Hamra\n"
	"يوسف تجربة التسمية,الحَمرا\n"
	"زينب تجربة التسمية,الحمرا\n"
	"علي تجربة التسمية,Al-Hamra\n"
	"ليلى تجربة التسمية,الرقة\n";

/* A name two communities share: one question per distinct value; the
 * choice goes to every row with that value. */
static void test_ambiguous_asked_once(void **state)
{
	(void)state;
	char *err = NULL;
	if (sqlite3_exec(test_db, "INSERT INTO places (id, parent_id, level, name_ar, name_en) VALUES"
			 " (9101, 101, 4, 'الحمرا', 'Al-Hamra'), (9102, 201, 4, 'الحمرا', 'Al-Hamra')", NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s", err);
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	char *review = upload_people(&b, csrf, SHARED_CSV);
	struct response *r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "Which place is meant?"));
	/* five rows, two distinct values (الحمرا with or without its vowel mark
	 * is one; Al Hamra and Al-Hamra are one): two questions */
	assert_int_equal(occurrences(r, "<select id=\"f-pp"), 2);
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">3</bdi> rows"));
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">2</bdi> rows"));
	assert_true(resp_contains(r, "<option value=\"9101\">"));
	assert_true(resp_contains(r, "<option value=\"9102\">"));
	assert_true(resp_contains(r, "More than one place in daam has this name."));
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">5</bdi> rows have errors."));
	response_free(r);

	/* a place that is not one of the value's is no answer */
	r = http_post_form(&b, review, "csrf", csrf, "action", "check", "col0", "name", "col1", "community", "pv0",
			   "الحمرا", "pp0", "1000", NULL);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">5</bdi> rows have errors."));
	response_free(r);
	/* a malformed answer is refused */
	r = http_post_form(&b, review, "csrf", csrf, "action", "check", "col0", "name", "col1", "community", "pv0",
			   "الحمرا", "pp0", "9101x", NULL);
	assert_int_equal(r->status, 400);
	response_free(r);

	/* one answer: its three rows are right, the other two still asked */
	r = http_post_form(&b, review, "csrf", csrf, "action", "check", "col0", "name", "col1", "community", "pv0",
			   "الحمرا", "pp0", "9102", NULL);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">2</bdi> rows have errors."));
	assert_true(resp_contains(r, "<option value=\"9102\" selected>"));
	/* the choice travels with every form of the page */
	assert_true(occurrences(r, "<input type=\"hidden\" name=\"pp0\" value=\"9102\">") >= 1);
	response_free(r);

	/* both answered: no errors, and the import gives each row its place */
	r = http_post_form(&b, review, "csrf", csrf, "action", "check", "col0", "name", "col1", "community", "pv0",
			   "الحمرا", "pp0", "9102", "pv1", "Al Hamra", "pp1", "9101", NULL);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "No errors"));
	assert_true(resp_contains(r, "value=\"commit\""));
	response_free(r);
	long long before = sql_int("SELECT count(*) FROM people", NULL);
	r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "col0", "name", "col1", "community", "pv0",
			   "الحمرا", "pp0", "9102", "pv1", "Al Hamra", "pp1", "9101", NULL);
	wait_job(&b, r);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people", NULL), before + 6);
	assert_int_equal(place_of("أحمد تجربة التسمية"), 9102);
	assert_int_equal(place_of("يوسف تجربة التسمية"), 9102);
	assert_int_equal(place_of("زينب تجربة التسمية"), 9102);
	assert_int_equal(place_of("فاطمة تجربة التسمية"), 9101);
	assert_int_equal(place_of("علي تجربة التسمية"), 9101);
	assert_int_equal(place_of("ليلى تجربة التسمية"), 1000);
	free(review);
	free(csrf);
	browser_free(&b);
}

/* An administrator sees a place's other names, changes them (audited), and
 * the import finds the place by a new one. */
static void test_admin_aliases(void **state)
{
	(void)state;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "admin");
	struct response *r = http_get(&b, "/admin/places/2000");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "Other names"));
	assert_true(resp_contains(r, "Deir Ezzor\n"));
	assert_true(resp_contains(r, "ديرالزور\n"));
	response_free(r);
	char *csrf = page_csrf(&b, "/admin/places/2000");
	long long audits = sql_int("SELECT count(*) FROM audit_log WHERE action = 'set_aliases' AND entity_id = 2000", NULL);
	/* repeats after folding and empty lines are dropped */
	r = http_post_form(&b, "/admin/places/2000/aliases", "csrf", csrf, "aliases",
			   "دير الزور\r\nDeir Ezzor\r\n\r\n  ديرالزور  \nDEIR EZZOR\nالديرة الجديدة تجربة", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM place_aliases WHERE place_id = 2000", NULL), 4);
	assert_int_equal(sql_int("SELECT count(*) FROM place_aliases WHERE place_id = 2000 AND alias = 'ديرالزور'"
				 " AND folded = 'ديرالزور'", NULL), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'set_aliases' AND entity_id = 2000"
				 " AND detail = 'aliases=4'", NULL), audits + 1);
	/* a name too long: refused, shown again, nothing changed */
	char longname[400];
	memset(longname, 'a', 150);
	longname[150] = 0;
	r = http_post_form(&b, "/admin/places/2000/aliases", "csrf", csrf, "aliases", longname, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "A name is too long"));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM place_aliases WHERE place_id = 2000", NULL), 4);
	/* no such place */
	r = http_post_form(&b, "/admin/places/987654/aliases", "csrf", csrf, "aliases", "x", NULL);
	assert_int_equal(r->status, 404);
	response_free(r);

	/* the import finds the city by its new name */
	char *import_csrf = page_csrf(&b, "/import");
	char *review = upload_people(&b, import_csrf,
				     "الاسم,التجمع\nنور تجربة الأسماء,الديرة الجديدة تجربة\nرامي تجربة الأسماء,Deir Ezzor\n");
	r = http_post_form(&b, review, "csrf", import_csrf, "action", "commit", "col0", "name", "col1", "community", NULL);
	wait_job(&b, r);
	response_free(r);
	assert_int_equal(place_of("نور تجربة الأسماء"), 2000);
	assert_int_equal(place_of("رامي تجربة الأسماء"), 2000);
	free(review);
	free(import_csrf);
	free(csrf);
	browser_free(&b);
}

/* The places page draws the tree: each community under its subdistrict. */
static void test_places_tree(void **state)
{
	(void)state;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "admin");
	struct response *r = http_get(&b, "/admin/places");
	assert_int_equal(r->status, 200);
	const char *s100 = strstr(r->body, "href=\"/admin/places/100\""), *s1001 = strstr(r->body, "href=\"/admin/places/1001\""),
		   *s103 = strstr(r->body, "href=\"/admin/places/103\""), *s102 = strstr(r->body, "href=\"/admin/places/102\""),
		   *s1003 = strstr(r->body, "href=\"/admin/places/1003\""), *s101 = strstr(r->body, "href=\"/admin/places/101\"");
	assert_true(s100 && s1001 && s103 && s102 && s1003 && s101);
	/* siblings by Arabic name: السبخة, الكرامة, مركز الرقة, معدان */
	assert_true(s102 < s1003 && s1003 < s101 && s101 < s100 && s100 < s1001 && s1001 < s103);
	response_free(r);
	browser_free(&b);
}

/* Other roles cannot change a place's names. */
static void test_aliases_admin_only(void **state)
{
	(void)state;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "officer");
	char *csrf = page_csrf(&b, "/people");
	struct response *r = http_post_form(&b, "/admin/places/1000/aliases", "csrf", csrf, "aliases", "x", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM place_aliases WHERE place_id = 1000 AND alias = 'x'", NULL), 0);
	free(csrf);
	browser_free(&b);
}

static int setup(void **state)
{
	if (group_setup_db(state) < 0)
		return -1;
	srv = *state;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_city_names_accepted),
		cmocka_unit_test(test_ambiguous_asked_once),
		cmocka_unit_test(test_admin_aliases),
		cmocka_unit_test(test_aliases_admin_only),
		cmocka_unit_test(test_places_tree),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
