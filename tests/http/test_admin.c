/* test_admin — who may open the administration pages (403 by role, 303 to
 * the sign-in page with next= when signed out), 404 and 405, and the admin
 * forms: a weak password refused beside its field with what was typed kept
 * and nothing saved; a new office listed and recorded in the audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

static long get_status(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	assert_non_null(r);
	long st = r->status;
	response_free(r);
	return st;
}

static void expect(struct browser *b, const char *who, const char *path, long status)
{
	long st = get_status(b, path);
	if (st != status)
		print_message("%s GET %s: status %ld, expected %ld\n", who, path, st, status);
	assert_int_equal(st, status);
}

/* Trainer, partner and donor are refused every administration page. */
static void test_roles_denied_admin_pages(void **state)
{
	static const char *const who[] = { "trainer", "partner", "donor", "reviewer", NULL };
	static const char *const paths[] = { "/admin/users", "/admin/users/new", "/admin/users/1",
					     "/admin/offices", "/admin/offices/1", "/admin/audit", NULL };
	for (int i = 0; who[i]; i++) {
		struct browser b;
		browser_init(&b, *state);
		sign_in(&b, who[i]);
		for (int k = 0; paths[k]; k++)
			expect(&b, who[i], paths[k], 403);
		/* and the navigation does not offer them */
		struct response *r = http_get(&b, "/");
		assert_int_equal(r->status, 200);
		assert_false(resp_contains(r, "href=\"/admin/users\""));
		assert_false(resp_contains(r, "href=\"/admin/audit\""));
		response_free(r);
		browser_free(&b);
	}
}

/* A director reads the audit log but does not manage users or offices. */
static void test_director_reads_audit_only(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	sign_in(&b, "director");
	expect(&b, "director", "/admin/audit", 200);
	expect(&b, "director", "/admin/audit?action=login", 200);
	expect(&b, "director", "/admin/users", 403);
	expect(&b, "director", "/admin/users/new", 403);
	expect(&b, "director", "/admin/offices", 403);
	browser_free(&b);
}

/* A POST by a role without the permission is refused even with a valid
 * token, and changes nothing. */
static void test_role_denied_post(void **state)
{
	struct browser t, admin;
	browser_init(&t, *state);
	browser_init(&admin, *state);
	sign_in(&t, "trainer");
	sign_in(&admin, "admin");
	char *token = page_csrf(&t, "/");
	assert_non_null(token);
	struct response *r = http_post_form(&t, "/admin/offices", "csrf", token, "code", "hasakah",
					    "name_ar", "الحسكة", "name_en", "Hasakah", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http_post_form(&t, "/admin/users", "csrf", token, "name", "intruder", "role", "admin",
			   "password", "correct-horse-battery", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http_get(&admin, "/admin/offices");
	assert_int_equal(r->status, 200);
	assert_false(resp_contains(r, "hasakah"));
	response_free(r);
	assert_int_equal(find_user_id(&admin, "intruder"), -1);
	free(token);
	browser_free(&t);
	browser_free(&admin);
}

/* Signed out: 303 to /login?next=<the page>, and signing in from there
 * comes back to the page. */
static void test_signed_out_redirects_to_login(void **state)
{
	static const struct { const char *path, *location; } cases[] = {
		{ "/", "/login?next=%2F" },
		{ "/admin/users", "/login?next=%2Fadmin%2Fusers" },
		{ "/admin/offices", "/login?next=%2Fadmin%2Foffices" },
		{ "/admin/audit", "/login?next=%2Fadmin%2Faudit" },
		{ "/account", "/login?next=%2Faccount" },
		{ NULL, NULL },
	};
	struct browser b;
	browser_init(&b, *state);
	for (int i = 0; cases[i].path; i++) {
		struct response *r = http_get(&b, cases[i].path);
		assert_int_equal(r->status, 303);
		assert_non_null(resp_header(r, "Location"));
		assert_string_equal(resp_header(r, "Location"), cases[i].location);
		response_free(r);
	}
	char *token = page_csrf(&b, "/login?next=%2Fadmin%2Faudit");
	assert_non_null(token);
	struct response *r = http_get(&b, "/login?next=%2Fadmin%2Faudit");
	assert_true(resp_contains(r, "name=\"next\" value=\"/admin/audit\""));
	response_free(r);
	r = http_post_form(&b, "/login", "csrf", token, "name", "director", "password", DEMO_PASSWORD,
			   "next", "/admin/audit", NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/admin/audit");
	response_free(r);
	expect(&b, "director", "/admin/audit", 200);
	free(token);
	browser_free(&b);
}

/* Unknown paths and ids are 404; a known path with another method is 405. */
static void test_not_found_and_method(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	sign_in(&b, "admin");
	expect(&b, "admin", "/nothing-here", 404);
	expect(&b, "admin", "/admin/users/abc", 404);
	expect(&b, "admin", "/admin/users/0", 404);
	expect(&b, "admin", "/admin/users/999999", 404);
	expect(&b, "admin", "/admin/offices/999999", 404);
	expect(&b, "admin", "/logout", 405);
	struct response *r = http_request(&b, "DELETE", "/admin/users/1", NULL, 0, NULL);
	assert_int_equal(r->status, 405);
	response_free(r);
	r = http_request(&b, "PUT", "/", "x", 1, NULL);
	assert_int_equal(r->status, 405);
	response_free(r);
	r = http_post_form(&b, "/healthz", "a", "b", NULL);
	assert_int_equal(r->status, 405);
	response_free(r);
	browser_free(&b);
}

/* The <input ...> tag of the form field with this name (malloc'd); fails the test if absent. */
static char *input_tag(const char *html, const char *field)
{
	char id[80];
	snprintf(id, sizeof id, "<input id=\"f-%s\"", field);
	const char *p = strstr(html, id);
	if (!p)
		print_message("no %s> in the page\n", id);
	assert_non_null(p);
	const char *end = strchr(p, '>');
	assert_non_null(end);
	return strndup(p, (size_t)(end - p + 1));
}

/* The new-user form refused: 400, the message beside the password field,
 * the typed user name kept, the password not echoed, no account made. */
static void check_refused_user_form(struct browser *admin, const char *name, const char *password,
				    const char *message)
{
	char *token = page_csrf(admin, "/admin/users/new");
	assert_non_null(token);
	struct response *r = http_post_form(admin, "/admin/users", "csrf", token, "name", name,
					    "display_name", "Huda K.", "role", "program_officer",
					    "office", "", "org", "", "password", password, NULL);
	assert_int_equal(r->status, 400);
	const char *field = strstr(r->body, "id=\"f-password\"");
	assert_non_null(field);
	const char *err = strstr(field, "<p class=\"error\" id=\"e-password\">");
	assert_non_null(err);
	const char *close = strstr(field, "</div>");
	assert_non_null(close);
	assert_true(err < close); /* inside the password field's block */
	assert_non_null(strstr(err, message));
	assert_true(strstr(err, message) < close);
	assert_non_null(strstr(field, "aria-invalid=\"true\""));
	char typed[128];
	snprintf(typed, sizeof typed, "value=\"%s\"", name);
	char *tag = input_tag(r->body, "name");
	assert_non_null(strstr(tag, typed));
	free(tag);
	tag = input_tag(r->body, "display_name");
	assert_non_null(strstr(tag, "value=\"Huda K.\""));
	free(tag);
	tag = input_tag(r->body, "password");
	assert_non_null(strstr(tag, "value=\"\""));
	free(tag);
	assert_false(resp_contains(r, password));
	assert_true(resp_contains(r, "class=\"error-summary\""));
	response_free(r);
	assert_int_equal(find_user_id(admin, name), -1);
	free(token);
}

static void test_user_form_short_password(void **state)
{
	struct browser admin;
	browser_init(&admin, *state);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	check_refused_user_form(&admin, "huda.k", "short7", "The password must have at least 8 characters.");
	browser_free(&admin);
}

static void test_user_form_common_password(void **state)
{
	struct browser admin;
	browser_init(&admin, *state);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	check_refused_user_form(&admin, "huda.k", "password123",
				"This password is among the most common ones; choose another.");
	check_refused_user_form(&admin, "huda.k", "PassWord123",
				"This password is among the most common ones; choose another.");
	browser_free(&admin);
}

/* The same form with a good password creates the account; the name is then taken. */
static void test_user_form_creates(void **state)
{
	struct browser admin;
	browser_init(&admin, *state);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	char *token = page_csrf(&admin, "/admin/users/new");
	assert_non_null(token);
	struct response *r = http_post_form(&admin, "/admin/users", "csrf", token, "name", "layla.m",
					    "display_name", "Layla M.", "role", "trainer", "office", "1",
					    "org", "", "password", "cedar-lantern-88", NULL);
	assert_int_equal(r->status, 303);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/admin/users/", 13), 0);
	long id = strtol(loc + 13, NULL, 10);
	assert_true(id > 0);
	response_free(r);
	assert_int_equal(find_user_id(&admin, "layla.m"), id);
	r = http_post_form(&admin, "/admin/users", "csrf", token, "name", "layla.m", "role", "trainer",
			   "password", "another-fine-phrase", NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "This user name is taken."));
	response_free(r);
	/* the new account signs in */
	struct browser u;
	browser_init(&u, *state);
	r = login_attempt(&u, "layla.m", "cedar-lantern-88");
	assert_int_equal(r->status, 303);
	response_free(r);
	free(token);
	browser_free(&u);
	browser_free(&admin);
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* 1 when a row of the audit table names this user (display name) and this
 * record id (in the row's details). */
static int has_audit_row(const char *html, const char *user, long id)
{
	char who[120], rec[80];
	snprintf(who, sizeof who, "<bdi>%s</bdi>", user);
	snprintf(rec, sizeof rec, "<dt>Record</dt><dd><bdi dir=\"ltr\">%ld</bdi></dd>", id);
	const char *tbody = strstr(html, "<tbody>");
	for (const char *row = tbody; row && (row = strstr(row, "<tr>"));) {
		const char *end = strstr(row, "</tr>");
		if (!end)
			break;
		const char *a = strstr(row, who), *b = strstr(row, rec);
		if (a && b && a < end && b < end)
			return 1;
		row = end;
	}
	return 0;
}

/* A new office: 303 to its page, in the list, and in the audit log as a
 * "create office" entry by admin; the same code again is refused. */
static void test_office_create_listed_and_audited(void **state)
{
	struct browser admin;
	browser_init(&admin, *state);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	char *token = page_csrf(&admin, "/admin/offices");
	assert_non_null(token);
	struct response *r = http_post_form(&admin, "/admin/offices", "csrf", token, "code", "manbij",
					    "name_ar", "منبج", "name_en", "Manbij", NULL);
	assert_int_equal(r->status, 303);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/admin/offices/", 15), 0);
	long id = strtol(loc + 15, NULL, 10);
	assert_true(id > 3); /* the demo has three offices */
	char *page = strdup(loc);
	response_free(r);

	r = http_get(&admin, page);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "Manbij"));
	assert_true(resp_contains(r, ">manbij<"));
	response_free(r);
	r = http_get(&admin, "/admin/offices");
	assert_int_equal(r->status, 200);
	assert_int_equal(count_of(r->body, ">manbij<"), 1);
	assert_true(resp_contains(r, "منبج"));
	response_free(r);

	/* the filter selects create/office entries: one is by admin, for this id */
	r = http_get(&admin, "/admin/audit?entity=office&action=create&user=admin");
	assert_int_equal(r->status, 200);
	if (!has_audit_row(r->body, "مدير النظام", id))
		print_message("the audit page has no row by admin for office %ld\n", id);
	assert_true(has_audit_row(r->body, "مدير النظام", id));
	/* as a sentence naming the office, linked to its page */
	char said[160];
	snprintf(said, sizeof said, "Added the office <a href=\"/admin/offices/%ld\"><bdi>Manbij</bdi></a>.", id);
	assert_true(resp_contains(r, said));
	response_free(r);
	r = http_get(&admin, "/admin/audit?entity=office&action=update");
	assert_int_equal(r->status, 200);
	assert_false(has_audit_row(r->body, "مدير النظام", id));
	response_free(r);

	/* the same code again: 400 beside the code field, still one office */
	r = http_post_form(&admin, "/admin/offices", "csrf", token, "code", "manbij", "name_ar", "منبج ٢",
			   "name_en", "Manbij 2", NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "id=\"e-code\""));
	assert_true(resp_contains(r, "This code is taken."));
	char *tag = input_tag(r->body, "name_en");
	assert_non_null(strstr(tag, "value=\"Manbij 2\""));
	free(tag);
	response_free(r);
	/* a code with capitals and spaces is refused too */
	r = http_post_form(&admin, "/admin/offices", "csrf", token, "code", "Ain Issa", "name_ar", "عين عيسى",
			   "name_en", "Ain Issa", NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "id=\"e-code\""));
	response_free(r);
	r = http_get(&admin, "/admin/offices");
	assert_int_equal(count_of(r->body, ">manbij<"), 1);
	assert_false(resp_contains(r, "Manbij 2"));
	assert_false(resp_contains(r, "Ain Issa"));
	response_free(r);
	free(page);
	free(token);
	browser_free(&admin);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_denied_admin_pages),
		cmocka_unit_test(test_director_reads_audit_only),
		cmocka_unit_test(test_role_denied_post),
		cmocka_unit_test(test_signed_out_redirects_to_login),
		cmocka_unit_test(test_not_found_and_method),
		cmocka_unit_test(test_user_form_short_password),
		cmocka_unit_test(test_user_form_common_password),
		cmocka_unit_test(test_user_form_creates),
		cmocka_unit_test(test_office_create_listed_and_audited),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
