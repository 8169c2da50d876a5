/* test_hardening — what a careless day (or an attacker) found in the
 * registry forms, each now answered properly: an id of a place, office or
 * sector that does not exist is a field error with the form kept (was 503
 * "server busy"), nothing saved; the same person cannot be added twice to
 * one organization; bidirectional override characters are dropped from
 * names.  Against a real server, as the director (all offices). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

static struct browser dir;
static char *csrf;

static int setup(void **state)
{
	if (group_setup_db(state) < 0)
		return -1;
	browser_init(&dir, *state);
	dir.accept_language = "en";
	sign_in(&dir, "director");
	csrf = page_csrf(&dir, "/people/new");
	return csrf ? 0 : -1;
}

static int teardown(void **state)
{
	free(csrf);
	browser_free(&dir);
	return group_teardown(state);
}

static long long people(void)
{
	return sql_int("SELECT count(*) FROM people", "");
}

/* A person with community 999999: 400, the message beside the place, the
 * name kept in the form, nobody saved. */
static void test_person_bad_place(void **state)
{
	long long before = people();
	const char *kv[] = { "name_ar", "سلمى المكان", "gender", "f", "place", "999999", NULL };
	struct response *r = post_kv(&dir, "/people", csrf, kv, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Choose a community from the list."));
	assert_true(resp_contains(r, "سلمى المكان"));
	response_free(r);
	assert_int_equal(people(), before);
}

/* An organization with a place, an office or a sector that does not exist:
 * 400 with the field's message each time, nothing saved. */
static void test_org_bad_ids(void **state)
{
	long long before = sql_int("SELECT count(*) FROM orgs", "");
	const char *place[] = { "name_ar", "جمعية المكان", "kind", "association", "stage", "applicant",
				"reg_status", "unregistered", "office", "1", "place", "999999", NULL };
	struct response *r = post_kv(&dir, "/orgs", csrf, place, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Choose a place from the list."));
	response_free(r);
	const char *office[] = { "name_ar", "جمعية المكتب", "kind", "association", "stage", "applicant",
				 "reg_status", "unregistered", "office", "777", NULL };
	r = post_kv(&dir, "/orgs", csrf, office, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Choose an office from the list."));
	response_free(r);
	const char *sector[] = { "name_ar", "جمعية القطاع", "kind", "association", "stage", "applicant",
				 "reg_status", "unregistered", "office", "1", "sector", "888", NULL };
	r = post_kv(&dir, "/orgs", csrf, sector, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Choose the sectors from the list."));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM orgs", ""), before);
}

/* An account with an office that does not exist: 400 beside the office. */
static void test_user_bad_office(void **state)
{
	struct browser admin;
	browser_init(&admin, *state);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	char *t = page_csrf(&admin, "/admin/users/new");
	const char *kv[] = { "name", "no.office", "role", "trainer", "office", "4242", "password", "cedar-lantern-88", NULL };
	struct response *r = post_kv(&admin, "/admin/users", t, kv, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Choose an office from the list."));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM users WHERE name = 'no.office'", ""), 0);
	free(t);
	browser_free(&admin);
}

/* A member added again: 409 with the message, still one membership. */
static void test_member_once(void **state)
{
	long long person = sql_int("SELECT person_id FROM memberships ORDER BY id LIMIT 1", "");
	long long org = sql_int("SELECT org_id FROM memberships ORDER BY id LIMIT 1", "");
	char path[64], pid[24];
	snprintf(path, sizeof path, "/orgs/%lld/members", org);
	snprintf(pid, sizeof pid, "%lld", person);
	const char *kv[] = { "person", pid, "role", "عضو", NULL };
	struct response *r = post_kv(&dir, path, csrf, kv, NULL, NULL);
	assert_int_equal(r->status, 409);
	assert_true(resp_contains(r, "This person is already a member of this organization."));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM memberships WHERE person_id = ?1 AND org_id = ?2", "ii",
				 person, org), 1);
	/* the database holds the rule for every writer */
	assert_int_equal(sql_int("SELECT count(*) FROM sqlite_master WHERE name = 'memberships_person' AND sql LIKE '%UNIQUE%'", ""), 1);
}

/* A name with U+202E (right-to-left override) and U+2066 (isolate) is saved
 * without them; the marks U+200F are kept. */
static void test_bidi_controls_dropped(void **state)
{
	const char *kv[] = { "name_ar", "\xe2\x80\xae" "مريم" "\xe2\x81\xa6" " الجاسم\xe2\x80\x8f", "gender", "f", NULL };
	struct response *r = post_kv(&dir, "/people", csrf, kv, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	char *name = sql_text("SELECT name_ar FROM people ORDER BY id DESC LIMIT 1", "");
	assert_string_equal(name, "مريم الجاسم\xe2\x80\x8f");
	free(name);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_bad_place),
		cmocka_unit_test(test_org_bad_ids),
		cmocka_unit_test(test_user_bad_office),
		cmocka_unit_test(test_member_once),
		cmocka_unit_test(test_bidi_controls_dropped),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
