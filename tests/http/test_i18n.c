/* test_i18n — the language of pages: Arabic and right-to-left by default,
 * English from Accept-Language, the choice saved by POST /prefs (which wins
 * over Accept-Language), for signed-in pages too, and error pages in the
 * user's language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

#define HTML_AR "<html lang=\"ar\" dir=\"rtl\">"
#define HTML_EN "<html lang=\"en\" dir=\"ltr\">"

static struct response *get_ok(struct browser *b, const char *path, long status)
{
	struct response *r = http_get(b, path);
	assert_non_null(r);
	assert_int_equal(r->status, status);
	return r;
}

/* No cookie and no Accept-Language: Arabic, right to left. */
static void test_default_is_arabic(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	struct response *r = get_ok(&b, "/login", 200);
	assert_true(resp_contains(r, HTML_AR));
	assert_true(resp_contains(r, AR_SIGN_IN));
	assert_false(resp_contains(r, ">Sign in<"));
	/* the switch offers English */
	assert_true(resp_contains(r, "name=\"lang\" value=\"en\""));
	response_free(r);
	browser_free(&b);
}

/* Accept-Language picks English; an unknown language falls back to Arabic. */
static void test_accept_language(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	b.accept_language = "en";
	struct response *r = get_ok(&b, "/login", 200);
	assert_true(resp_contains(r, HTML_EN));
	assert_true(resp_contains(r, ">Sign in<"));
	assert_false(resp_contains(r, AR_SIGN_IN "<"));
	response_free(r);

	b.accept_language = "fr, en;q=0.8";
	r = get_ok(&b, "/login", 200);
	assert_true(resp_contains(r, HTML_EN));
	response_free(r);

	b.accept_language = "de";
	r = get_ok(&b, "/login", 200);
	assert_true(resp_contains(r, HTML_AR));
	response_free(r);
	browser_free(&b);
}

/* POST /prefs lang=en sets the lang cookie; then pages are English even
 * when the browser asks for Arabic, and lang=ar switches back. */
static void test_prefs_sets_language(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	b.accept_language = "ar";
	char *token = page_csrf(&b, "/login");
	assert_non_null(token);
	struct response *r = http_post_form(&b, "/prefs", "csrf", token, "lang", "en", "next", "/login", NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");
	assert_non_null(resp_set_cookie(r, "lang"));
	response_free(r);
	assert_non_null(browser_cookie(&b, "lang"));
	assert_string_equal(browser_cookie(&b, "lang"), "en");
	r = get_ok(&b, "/login", 200);
	assert_true(resp_contains(r, HTML_EN));
	assert_true(resp_contains(r, ">Sign in<"));
	/* and now the switch offers Arabic */
	assert_true(resp_contains(r, "name=\"lang\" value=\"ar\""));
	response_free(r);

	r = http_post_form(&b, "/prefs", "csrf", token, "lang", "ar", "next", "/login", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get_ok(&b, "/login", 200);
	assert_true(resp_contains(r, HTML_AR));
	response_free(r);

	/* a language daam does not have is not stored */
	r = http_post_form(&b, "/prefs", "csrf", token, "lang", "de", "next", "/login", NULL);
	assert_true(r->status == 303 || r->status == 400);
	assert_null(resp_set_cookie(r, "lang"));
	response_free(r);
	assert_string_equal(browser_cookie(&b, "lang"), "ar");
	free(token);
	browser_free(&b);
}

/* Signed in: the choice applies to the application's pages. */
static void test_signed_in_pages_follow_choice(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	sign_in(&b, "admin");
	struct response *r = get_ok(&b, "/account", 200);
	assert_true(resp_contains(r, HTML_AR));
	assert_false(resp_contains(r, ">My account<"));
	response_free(r);
	char *token = page_csrf(&b, "/");
	assert_non_null(token);
	r = http_post_form(&b, "/prefs", "csrf", token, "lang", "en", "next", "/account", NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/account");
	response_free(r);
	static const char *const pages[] = { "/", "/account", "/admin/users", "/admin/offices", "/admin/audit", NULL };
	for (int i = 0; pages[i]; i++) {
		r = get_ok(&b, pages[i], 200);
		if (!resp_contains(r, HTML_EN))
			print_message("%s is not in English\n", pages[i]);
		assert_true(resp_contains(r, HTML_EN));
		response_free(r);
	}
	r = get_ok(&b, "/account", 200);
	assert_true(resp_contains(r, ">My account<"));
	response_free(r);
	free(token);
	browser_free(&b);
}

/* 404 and 403 pages speak the user's language. */
static void test_error_pages_in_user_language(void **state)
{
	struct browser ar, en;
	browser_init(&ar, *state);
	browser_init(&en, *state);
	browser_set_cookie(&en, "lang", "en");
	struct response *r = get_ok(&ar, "/no-such-page", 404);
	assert_true(resp_contains(r, HTML_AR));
	assert_true(resp_contains(r, "غير موجود"));
	response_free(r);
	r = get_ok(&en, "/no-such-page", 404);
	assert_true(resp_contains(r, HTML_EN));
	assert_true(resp_contains(r, "Not found"));
	assert_false(resp_contains(r, "غير موجود"));
	response_free(r);

	sign_in(&ar, "donor");
	sign_in(&en, "donor");
	r = get_ok(&ar, "/admin/users", 403);
	assert_true(resp_contains(r, HTML_AR));
	assert_true(resp_contains(r, "غير مسموح"));
	response_free(r);
	r = get_ok(&en, "/admin/users", 403);
	assert_true(resp_contains(r, HTML_EN));
	assert_true(resp_contains(r, "Not allowed"));
	response_free(r);
	browser_free(&ar);
	browser_free(&en);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_is_arabic),
		cmocka_unit_test(test_accept_language),
		cmocka_unit_test(test_prefs_sets_language),
		cmocka_unit_test(test_signed_in_pages_follow_choice),
		cmocka_unit_test(test_error_pages_in_user_language),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
