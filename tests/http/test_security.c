/* test_security — CSRF protection of every kind of POST (sign-out, an admin
 * change, the sign-in form), safe redirects after sign-in and preferences,
 * the security headers on public and private pages, gzip, and the hashed
 * asset URL served as immutable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

static void assert_status(struct browser *b, const char *path, long status)
{
	struct response *r = http_get(b, path);
	assert_non_null(r);
	if (r->status != status)
		print_message("GET %s: status %ld, expected %ld\n", path, r->status, status);
	assert_int_equal(r->status, status);
	response_free(r);
}

/* POST /logout without a token, with a made-up one, with the token of
 * another session of the same user: 403 each time, and still signed in. */
static void test_csrf_logout(void **state)
{
	struct browser b, other;
	browser_init(&b, *state);
	browser_init(&other, *state);
	sign_in(&b, "admin");
	sign_in(&other, "admin");
	char *mine = page_csrf(&b, "/"), *theirs = page_csrf(&other, "/");
	assert_non_null(mine);
	assert_non_null(theirs);
	assert_string_not_equal(mine, theirs);

	struct response *r = http_post_form(&b, "/logout", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http_post_form(&b, "/logout", "csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http_post_form(&b, "/logout", "csrf", theirs, NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	/* a visitor's login-form token is not the session's token either */
	const char *visitor = browser_cookie(&b, "csrf");
	assert_non_null(visitor);
	r = http_post_form(&b, "/logout", "csrf", visitor, NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	assert_status(&b, "/", 200);

	/* the right token works: the refusals above were about the token */
	r = http_post_form(&b, "/logout", "csrf", mine, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_status(&b, "/", 303);
	assert_status(&other, "/", 200);
	free(mine);
	free(theirs);
	browser_free(&b);
	browser_free(&other);
}

static int offices_list_has(struct browser *b, const char *text)
{
	struct response *r = http_get(b, "/admin/offices");
	assert_int_equal(r->status, 200);
	int has = resp_contains(r, text);
	response_free(r);
	return has;
}

/* POST /admin/offices as admin without a valid token is refused and
 * creates nothing; with the token the same form is accepted. */
static void test_csrf_admin_change(void **state)
{
	struct browser b, other;
	browser_init(&b, *state);
	browser_init(&other, *state);
	sign_in(&b, "admin");
	sign_in(&other, "admin");
	char *mine = page_csrf(&b, "/admin/offices"), *theirs = page_csrf(&other, "/admin/offices");
	assert_non_null(mine);
	assert_non_null(theirs);
	assert_false(offices_list_has(&b, "kobani"));

	struct response *r = http_post_form(&b, "/admin/offices", "code", "kobani", "name_ar", "كوباني",
					    "name_en", "Kobani", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http_post_form(&b, "/admin/offices", "csrf", "", "code", "kobani", "name_ar", "كوباني",
			   "name_en", "Kobani", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http_post_form(&b, "/admin/offices", "csrf", theirs, "code", "kobani", "name_ar", "كوباني",
			   "name_en", "Kobani", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	/* the token in the query string instead of the form does not count */
	char path[128];
	snprintf(path, sizeof path, "/admin/offices?csrf=%s", mine);
	r = http_post_form(&b, path, "code", "kobani", "name_ar", "كوباني", "name_en", "Kobani", NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	assert_false(offices_list_has(&b, "kobani"));
	assert_false(offices_list_has(&b, "Kobani"));

	r = http_post_form(&b, "/admin/offices", "csrf", mine, "code", "kobani", "name_ar", "كوباني",
			   "name_en", "Kobani", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_true(offices_list_has(&b, "Kobani"));
	free(mine);
	free(theirs);
	browser_free(&b);
	browser_free(&other);
}

/* The sign-in form needs the csrf cookie and the same value in the form. */
static void test_csrf_login_form(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	char *token = page_csrf(&b, "/login");
	assert_non_null(token);
	assert_non_null(browser_cookie(&b, "csrf"));
	assert_string_equal(browser_cookie(&b, "csrf"), token);

	struct response *r = http_post_form(&b, "/login", "name", "admin", "password", DEMO_PASSWORD, NULL);
	assert_int_equal(r->status, 403);
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	r = http_post_form(&b, "/login", "csrf", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "name", "admin",
			   "password", DEMO_PASSWORD, NULL);
	assert_int_equal(r->status, 403);
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	/* a token without its cookie (another browser's form) */
	struct browser bare;
	browser_init(&bare, *state);
	r = http_post_form(&bare, "/login", "csrf", token, "name", "admin", "password", DEMO_PASSWORD, NULL);
	assert_int_equal(r->status, 403);
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	assert_null(browser_cookie(&b, "sid"));

	r = http_post_form(&b, "/login", "csrf", token, "name", "admin", "password", DEMO_PASSWORD, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(token);
	browser_free(&b);
	browser_free(&bare);
}

/* "next" after sign-in and after a preference change only goes to a local
 * path: other hosts are replaced by "/". */
static void test_no_open_redirect(void **state)
{
	static const char *const bad[] = { "//evil.example/", "https://evil.example/", "/\\evil.example",
					   "/\t/evil.example", "/\n/evil.example", "/\\\\evil.example", NULL };
	for (int i = 0; bad[i]; i++) {
		struct browser b;
		browser_init(&b, *state);
		char *token = page_csrf(&b, "/login");
		struct response *r = http_post_form(&b, "/prefs", "csrf", token, "lang", "en", "next", bad[i], NULL);
		assert_int_equal(r->status, 303);
		assert_string_equal(resp_header(r, "Location"), "/");
		response_free(r);
		r = http_post_form(&b, "/login", "csrf", token, "name", "director", "password", DEMO_PASSWORD,
				   "next", bad[i], NULL);
		assert_int_equal(r->status, 303);
		assert_string_equal(resp_header(r, "Location"), "/");
		response_free(r);
		free(token);
		browser_free(&b);
	}
	struct browser b;
	browser_init(&b, *state);
	char *token = page_csrf(&b, "/login");
	struct response *r = http_post_form(&b, "/login", "csrf", token, "name", "director",
					    "password", DEMO_PASSWORD, "next", "/admin/audit", NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/admin/audit");
	response_free(r);
	free(token);
	browser_free(&b);
}

static void assert_security_headers(const struct response *r)
{
	const char *csp = resp_header(r, "Content-Security-Policy");
	assert_non_null(csp);
	assert_null(strstr(csp, "unsafe-inline"));
	assert_null(strstr(csp, "unsafe-eval"));
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_non_null(strstr(csp, "default-src 'none'"));
	assert_non_null(resp_header(r, "X-Content-Type-Options"));
	assert_string_equal(resp_header(r, "X-Content-Type-Options"), "nosniff");
	const char *rp = resp_header(r, "Referrer-Policy");
	assert_non_null(rp);
	assert_true(strcmp(rp, "same-origin") == 0 || strcmp(rp, "no-referrer") == 0 ||
		    strcmp(rp, "strict-origin") == 0 || strcmp(rp, "strict-origin-when-cross-origin") == 0);
	assert_non_null(resp_header(r, "X-Frame-Options"));
	assert_string_equal(resp_header(r, "X-Frame-Options"), "DENY");
}

/* A public page and an error page carry the security headers. */
static void test_headers_public_pages(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	struct response *r = http_get(&b, "/login");
	assert_int_equal(r->status, 200);
	assert_security_headers(r);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/html"));
	response_free(r);
	r = http_get(&b, "/no/such/page");
	assert_int_equal(r->status, 404);
	assert_security_headers(r);
	response_free(r);
	r = http_get(&b, "/healthz");
	assert_int_equal(r->status, 200);
	assert_security_headers(r);
	response_free(r);
	browser_free(&b);
}

/* Pages of a signed-in user: the same headers and Cache-Control: no-store. */
static void test_headers_private_pages(void **state)
{
	static const char *const paths[] = { "/", "/account", "/admin/users", "/admin/audit", NULL };
	struct browser b;
	browser_init(&b, *state);
	sign_in(&b, "admin");
	for (int i = 0; paths[i]; i++) {
		struct response *r = http_get(&b, paths[i]);
		assert_int_equal(r->status, 200);
		assert_security_headers(r);
		const char *cc = resp_header(r, "Cache-Control");
		if (!cc || !strstr(cc, "no-store"))
			print_message("%s: Cache-Control %s\n", paths[i], cc ? cc : "(none)");
		assert_non_null(cc);
		assert_non_null(strstr(cc, "no-store"));
		response_free(r);
	}
	browser_free(&b);
}

/* Accept-Encoding: gzip gets a gzip body that decodes to the same page. */
static void test_gzip_when_asked(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	sign_in(&b, "admin");
	struct response *plain = http_get(&b, "/admin/users");
	assert_int_equal(plain->status, 200);
	assert_null(resp_header(plain, "Content-Encoding"));
	b.gzip = 1;
	struct response *gz = http_get(&b, "/admin/users");
	assert_int_equal(gz->curl_code, 0);
	assert_int_equal(gz->status, 200);
	assert_non_null(resp_header(gz, "Content-Encoding"));
	assert_string_equal(resp_header(gz, "Content-Encoding"), "gzip");
	assert_non_null(resp_header(gz, "Vary"));
	assert_non_null(strstr(resp_header(gz, "Vary"), "Accept-Encoding"));
	/* what was on the wire is shorter than the page it decodes to */
	const char *cl = resp_header(gz, "Content-Length");
	assert_non_null(cl);
	assert_true(strtol(cl, NULL, 10) < (long)gz->body_len);
	assert_int_equal(gz->body_len, plain->body_len);
	assert_memory_equal(gz->body, plain->body, plain->body_len);
	assert_non_null(strstr(gz->body, "</html>"));
	response_free(plain);
	response_free(gz);
	browser_free(&b);
}

/* The stylesheet named in a page, at its hashed URL, served as immutable. */
static char *stylesheet_url(struct browser *b)
{
	struct response *r = http_get(b, "/login");
	assert_int_equal(r->status, 200);
	const char *p = strstr(r->body, "<link rel=\"stylesheet\" href=\"");
	assert_non_null(p);
	p += strlen("<link rel=\"stylesheet\" href=\"");
	const char *end = strchr(p, '"');
	assert_non_null(end);
	char *url = strndup(p, (size_t)(end - p));
	response_free(r);
	assert_int_equal(strncmp(url, "/assets/app.", 12), 0);
	return url;
}

static void test_asset_immutable(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	char *url = stylesheet_url(&b);
	struct response *r = http_get(&b, url);
	assert_int_equal(r->status, 200);
	const char *cc = resp_header(r, "Cache-Control");
	assert_non_null(cc);
	assert_non_null(strstr(cc, "immutable"));
	assert_non_null(strstr(cc, "max-age=31536000"));
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/css"));
	assert_true(r->body_len > 100);
	b.gzip = 1;
	struct response *gz = http_get(&b, url);
	assert_int_equal(gz->status, 200);
	assert_non_null(resp_header(gz, "Content-Encoding"));
	assert_int_equal(gz->body_len, r->body_len);
	assert_memory_equal(gz->body, r->body, r->body_len);
	response_free(gz);
	response_free(r);
	/* another hash is not that file */
	r = http_get(&b, "/assets/app.0000000000.css");
	assert_int_equal(r->status, 404);
	response_free(r);
	free(url);
	browser_free(&b);
}

/* Assets are responses too: a stylesheet must carry nosniff (browsers then
 * refuse it under any other type). */
static void test_asset_has_nosniff(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	char *url = stylesheet_url(&b);
	struct response *r = http_get(&b, url);
	assert_int_equal(r->status, 200);
	const char *ns = resp_header(r, "X-Content-Type-Options");
	if (!ns)
		print_message("GET %s has no X-Content-Type-Options header\n", url);
	assert_non_null(ns);
	assert_string_equal(ns, "nosniff");
	response_free(r);
	free(url);
	browser_free(&b);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csrf_logout),
		cmocka_unit_test(test_csrf_admin_change),
		cmocka_unit_test(test_csrf_login_form),
		cmocka_unit_test(test_no_open_redirect),
		cmocka_unit_test(test_headers_public_pages),
		cmocka_unit_test(test_headers_private_pages),
		cmocka_unit_test(test_gzip_when_asked),
		cmocka_unit_test(test_asset_immutable),
		cmocka_unit_test(test_asset_has_nosniff),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
