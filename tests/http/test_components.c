/* test_components — the shell's components as a server answers them: the
 * message after an action (a signed, HttpOnly, SameSite=Strict cookie
 * shown once, escaped, never one daam did not sign), the language switch
 * that comes back with the query, tables whose cells carry their labels,
 * phones isolated in Arabic, the error summary that leads to the field, a
 * disability nobody gave stored as NULL, empty lists that explain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

static struct server *srv;

/* An English admin browser and its CSRF token. */
static char *admin(struct browser *b)
{
	browser_init(b, srv);
	b->accept_language = "en";
	sign_in(b, "admin");
	char *csrf = page_csrf(b, "/");
	assert_non_null(csrf);
	return csrf;
}

static struct response *get_200(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	assert_non_null(r);
	if (r->status != 200)
		fail_msg("GET %s: %ld", path, r->status);
	return r;
}

/* The number of times needle is in hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* After a save: 303 and the flash cookie (HttpOnly, SameSite=Strict, a
 * minute); the next page says it once with role=status, then clears it. */
static void test_message_after_a_save(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	struct response *r = http_post_form(&b, "/admin/offices/1", "csrf", csrf, "name_ar", "مكتب الرقة",
					    "name_en", "Raqqa office", NULL);
	assert_int_equal(r->status, 303);
	const char *set = resp_set_cookie(r, "flash");
	assert_non_null(set);
	assert_non_null(strstr(set, "HttpOnly"));
	assert_non_null(strstr(set, "SameSite=Strict"));
	assert_non_null(strstr(set, "Max-Age=60"));
	assert_string_equal(resp_header(r, "Location"), "/admin/offices/1");
	response_free(r);
	r = get_200(&b, "/admin/offices/1");
	assert_true(resp_contains(r, "<p class=\"notice\" role=\"status\">Saved. <a href=\"/admin/offices\">All offices</a></p>"));
	const char *clear = resp_set_cookie(r, "flash");
	assert_non_null(clear);
	assert_non_null(strstr(clear, "Max-Age=0"));
	response_free(r);
	r = get_200(&b, "/admin/offices/1");
	assert_false(resp_contains(r, "role=\"status\""));
	response_free(r);
	free(csrf);
	browser_free(&b);
}

/* A cookie daam did not sign, or one changed by a byte, shows nothing. */
static void test_message_cannot_be_forged(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	browser_set_cookie(&b, "flash", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg.AAAA");
	struct response *r = get_200(&b, "/admin/offices");
	assert_false(resp_contains(r, "role=\"status\""));
	assert_false(resp_contains(r, "<script"));
	response_free(r);
	/* a real one, one character changed */
	r = http_post_form(&b, "/admin/offices/1", "csrf", csrf, "name_ar", "مكتب الرقة", "name_en", "Raqqa office", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	char *v = strdup(browser_cookie(&b, "flash"));
	v[2] = v[2] == 'A' ? 'B' : 'A';
	browser_set_cookie(&b, "flash", v);
	r = get_200(&b, "/admin/offices/1");
	assert_false(resp_contains(r, "role=\"status\""));
	response_free(r);
	free(v);
	free(csrf);
	browser_free(&b);
}

/* A name typed by a user travels in the message as text: escaped. */
static void test_message_text_is_escaped(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	struct response *r = http_post_form(&b, "/orgs/1/members", "csrf", csrf, "name_ar", "<b>سامر</b> & شركاه", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get_200(&b, "/orgs/1");
	assert_true(resp_contains(r, "role=\"status\">A new person was registered and added as a member: <a href=\"/people/"));
	assert_true(resp_contains(r, "&lt;b&gt;سامر&lt;/b&gt; &amp; شركاه</a>"));
	assert_false(resp_contains(r, "<b>سامر"));
	response_free(r);
	free(csrf);
	browser_free(&b);
}

/* The language form of a list comes back to the list with its filters;
 * /prefs sends there, and still refuses another host. */
static void test_language_switch_keeps_the_query(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	struct response *r = get_200(&b, "/orgs?kind=association&q=%D8%AC%D9%85%D8%B9%D9%8A%D8%A9");
	assert_true(resp_contains(r, "name=\"next\" value=\"/orgs?kind=association&amp;q=%D8%AC%D9%85%D8%B9%D9%8A%D8%A9\""));
	response_free(r);
	r = http_post_form(&b, "/prefs", "csrf", csrf, "lang", "ar", "next", "/orgs?kind=association&q=%D8%AC", NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/orgs?kind=association&q=%D8%AC");
	response_free(r);
	r = http_post_form(&b, "/prefs", "csrf", csrf, "lang", "en", "next", "//evil.example/?x=1", NULL);
	assert_string_equal(resp_header(r, "Location"), "/");
	response_free(r);
	free(csrf);
	browser_free(&b);
}

/* Tables: <table class="cards">, each cell with its column's label; the
 * organization's phone isolated left to right. */
static void test_tables_and_phones(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	struct response *r = http_post_form(&b, "/orgs", "csrf", csrf, "name_ar", "جمعية الهاتف", "kind", "association",
					    "stage", "applicant", "reg_status", "pending", "contact_phone", "0944 123 456", NULL);
	assert_int_equal(r->status, 303);
	char path[64];
	snprintf(path, sizeof path, "%s", resp_header(r, "Location"));
	response_free(r);
	r = get_200(&b, path);
	assert_true(resp_contains(r, "<dd><bdi dir=\"ltr\">0944 123 456</bdi></dd>"));
	response_free(r);
	r = get_200(&b, "/orgs");
	assert_true(resp_contains(r, "<table class=\"cards\">"));
	int rows = count_of(r->body, "<tr><td data-label=\"Name\"><a href=\"/orgs/");
	assert_true(rows > 10);
	assert_int_equal(count_of(r->body, "<td data-label=\"Kind\">"), rows);
	assert_int_equal(count_of(r->body, "<td data-label=\"Members\">"), rows);
	assert_int_equal(count_of(r->body, "<td>"), 0);
	response_free(r);
	/* the hint of the phone field: its example numbers isolated */
	r = get_200(&b, "/people/new");
	assert_true(resp_contains(r, "For example <bdi dir=\"ltr\">0944 123 456</bdi> or <bdi dir=\"ltr\">+963 944 123 456</bdi>"));
	response_free(r);
	free(csrf);
	browser_free(&b);
}

/* A refused form: the summary links to the field, which has autofocus (the
 * picker: its words box while there is nothing to choose). */
static void test_error_summary_leads_to_the_field(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	struct response *r = http_post_form(&b, "/orgs/1/members", "csrf", csrf, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "<div class=\"error-summary\" role=\"alert\">"));
	assert_true(resp_contains(r, "<li><a href=\"#f-person\">Type part of the person&#39;s name, press Find, then choose them in the list.</a></li>"));
	assert_true(resp_contains(r, "<fieldset class=\"picker has-error\" id=\"f-person\" data-q=\"member_q\" aria-describedby=\"e-person\">"));
	assert_true(resp_contains(r, "<input id=\"q-person\" name=\"member_q\" form=\"pick-person\" type=\"search\" dir=\"auto\" value=\"\" autofocus>"));
	assert_int_equal(count_of(r->body, " autofocus"), 1);
	response_free(r);
	free(csrf);
	browser_free(&b);
}

/* The new person form has no silent default: a disability nobody gave is
 * NULL, shown "Not recorded"; "No" is stored when chosen. */
static void test_disability_left_unset(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	struct response *r = get_200(&b, "/people/new");
	assert_true(resp_contains(r, "<option value=\"\" selected>—</option><option value=\"0\">No</option>"));
	response_free(r);
	r = http_post_form(&b, "/people", "csrf", csrf, "name_ar", "وفاء غير المسؤولة", "disability", "", NULL);
	assert_int_equal(r->status, 303);
	long long id = strtoll(resp_header(r, "Location") + 8, NULL, 10);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE id = ?1 AND disability IS NULL", "i", id), 1);
	char path[64];
	snprintf(path, sizeof path, "/people/%lld", id);
	r = get_200(&b, path);
	assert_true(resp_contains(r, "<dt>Disability</dt><dd class=\"hint\">Not recorded</dd>"));
	response_free(r);
	r = http_post_form(&b, "/people", "csrf", csrf, "name_ar", "وفاء المسؤولة", "disability", "0", NULL);
	id = strtoll(resp_header(r, "Location") + 8, NULL, 10);
	response_free(r);
	assert_int_equal(sql_int("SELECT disability FROM people WHERE id = ?1", "i", id), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE id = ?1 AND disability IS NOT NULL", "i", id), 1);
	free(csrf);
	browser_free(&b);
}

/* Lists with no rows say why: filters that match nothing, a partner whose
 * organization has no members yet. */
static void test_empty_lists_explain(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	struct response *r = get_200(&b, "/orgs?q=zzzqqq");
	assert_true(resp_contains(r, "No organization matches these filters."));
	assert_true(resp_contains(r, "<a class=\"button secondary\" href=\"/orgs\">Clear the filters</a>"));
	assert_false(resp_contains(r, "<table"));
	response_free(r);
	/* a partner bound to a new organization with nobody in it */
	r = http_post_form(&b, "/orgs", "csrf", csrf, "name_ar", "مبادرة بلا أعضاء", "kind", "initiative", "stage",
			   "applicant", "reg_status", "unregistered", NULL);
	assert_int_equal(r->status, 303);
	char org[32];
	snprintf(org, sizeof org, "%s", resp_header(r, "Location") + 6);
	response_free(r);
	r = http_post_form(&b, "/admin/users", "csrf", csrf, "name", "empty.partner", "role", "partner", "office", "1",
			   "org", org, "password", "quiet-river-stone-9", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	struct browser p;
	browser_init(&p, srv);
	p.accept_language = "en";
	r = login_attempt(&p, "empty.partner", "quiet-river-stone-9");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get_200(&p, "/people");
	assert_true(resp_contains(r, "No one is registered as a member of your organization yet."));
	assert_true(resp_contains(r, "ask your contact at the center"));
	response_free(r);
	browser_free(&p);
	free(csrf);
	browser_free(&b);
}

/* Disabling an account is behind a confirmation (a <details>), the form
 * and its button inside it. */
static void test_disable_asks_first(void **state)
{
	struct browser b;
	char *csrf = admin(&b);
	long id = find_user_id(&b, "trainer");
	assert_true(id > 0);
	char path[64];
	snprintf(path, sizeof path, "/admin/users/%ld", id);
	struct response *r = get_200(&b, path);
	const char *d = strstr(r->body, "<details class=\"confirm\"><summary>Disable this account…</summary>");
	assert_non_null(d);
	snprintf(path, sizeof path, "action=\"/admin/users/%ld/disable\"", id);
	const char *f = strstr(r->body, path), *end = d ? strstr(d, "</details>") : NULL;
	assert_true(f && end && f > d && f < end);
	response_free(r);
	free(csrf);
	browser_free(&b);
}

static void test_server_stops_cleanly(void **state)
{
	if (test_db)
		sqlite3_close(test_db);
	test_db = NULL;
	assert_int_equal(server_stop(*state), 0);
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
		cmocka_unit_test(test_message_after_a_save),
		cmocka_unit_test(test_message_cannot_be_forged),
		cmocka_unit_test(test_message_text_is_escaped),
		cmocka_unit_test(test_language_switch_keeps_the_query),
		cmocka_unit_test(test_tables_and_phones),
		cmocka_unit_test(test_error_summary_leads_to_the_field),
		cmocka_unit_test(test_disability_left_unset),
		cmocka_unit_test(test_empty_lists_explain),
		cmocka_unit_test(test_disable_asks_first),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
