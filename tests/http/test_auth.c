/* test_auth — signing in and out against a real server: the session cookie
 * and its flags, a fresh token at each sign-in, the same message for a wrong
 * password and an unknown user, sign-out ending the session on the server,
 * idle and absolute expiry, disabling and password changes ending sessions at
 * once, and the failed-sign-in throttle (also under parallel attempts).
 *
 * One server serves most tests; the expiry tests start their own with short
 * session times.  Each test uses its own demo accounts, so the order of tests
 * does not matter (the throttle counts failures per server process). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

#define SID_CHARS 43 /* base64url of 32 random bytes */

/* GET / and return its status; *location gets a copy of Location when asked. */
static long home_status(struct browser *b, char **location)
{
	struct response *r = http_get(b, "/");
	assert_non_null(r);
	long st = r->status;
	if (location) {
		const char *loc = resp_header(r, "Location");
		*location = loc ? strdup(loc) : NULL;
	}
	response_free(r);
	return st;
}

/* The home page answers with a redirect to the sign-in page. */
static void assert_signed_out(struct browser *b)
{
	char *loc = NULL;
	long st = home_status(b, &loc);
	assert_int_equal(st, 303);
	assert_non_null(loc);
	assert_string_equal(loc, "/login?next=%2F");
	free(loc);
}

static void assert_signed_in(struct browser *b)
{
	assert_int_equal(home_status(b, NULL), 200);
}

/* A successful sign-in: 303 to next, a sid cookie with HttpOnly and
 * SameSite=Lax, and the home page then opens. */
static void test_login_sets_session_cookie(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	struct response *r = login_attempt(&b, "director", DEMO_PASSWORD);
	assert_non_null(r);
	assert_int_equal(r->status, 303);
	assert_non_null(resp_header(r, "Location"));
	assert_string_equal(resp_header(r, "Location"), "/");
	const char *sc = resp_set_cookie(r, "sid");
	assert_non_null(sc);
	assert_non_null(strstr(sc, "; HttpOnly"));
	assert_non_null(strstr(sc, "SameSite=Lax"));
	assert_non_null(strstr(sc, "Path=/"));
	/* a browser-session cookie: closing the browser signs out */
	assert_null(strstr(sc, "Max-Age"));
	assert_null(strstr(sc, "Expires"));
	const char *sid = browser_cookie(&b, "sid");
	assert_non_null(sid);
	assert_int_equal(strlen(sid), SID_CHARS);
	response_free(r);

	r = http_get(&b, "/");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "هدى الخلف")); /* the director's display name */
	response_free(r);
	browser_free(&b);
}

/* "Keep me signed in" ticked: the cookie lasts the session's absolute limit
 * (12 hours), so it survives closing the browser on one's own device. */
static void test_login_keep_signed_in(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	struct response *page = http_get(&b, "/login");
	assert_true(resp_contains(page, "name=\"keep\" value=\"1\""));
	response_free(page);
	char *csrf = page_csrf(&b, "/login");
	struct response *r = http_post_form(&b, "/login", "csrf", csrf, "name", "director", "password", DEMO_PASSWORD,
					    "next", "/", "keep", "1", NULL);
	assert_int_equal(r->status, 303);
	const char *sc = resp_set_cookie(r, "sid");
	assert_non_null(sc);
	assert_non_null(strstr(sc, "Max-Age=43200"));
	response_free(r);
	free(csrf);
	browser_free(&b);
}

/* Two sign-ins of the same account get two different tokens, both valid; a
 * token planted before sign-in is never adopted (session fixation). */
static void test_login_fresh_token_each_time(void **state)
{
	struct browser a, b;
	browser_init(&a, *state);
	browser_init(&b, *state);
	const char *planted = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	browser_set_cookie(&b, "sid", planted);
	sign_in(&a, "director");
	sign_in(&b, "director");
	const char *sa = browser_cookie(&a, "sid"), *sb = browser_cookie(&b, "sid");
	assert_non_null(sa);
	assert_non_null(sb);
	assert_string_not_equal(sa, sb);
	assert_string_not_equal(sb, planted);
	assert_signed_in(&a);
	assert_signed_in(&b);
	browser_free(&a);
	browser_free(&b);
}

/* A wrong password: the page again with the error text, no session. */
static void test_login_wrong_password(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	struct response *r = login_attempt(&b, "director", "not-the-password");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, AR_WRONG_LOGIN));
	assert_null(resp_set_cookie(r, "sid"));
	assert_null(browser_cookie(&b, "sid"));
	response_free(r);
	assert_signed_out(&b);
	browser_free(&b);
}

/* An unknown user gets exactly the same message (no account enumeration). */
static void test_login_unknown_user(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	b.accept_language = "en";
	struct response *r = login_attempt(&b, "nobody-here", DEMO_PASSWORD);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, EN_WRONG_LOGIN));
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	/* and a wrong password shows the same text in the same language */
	r = login_attempt(&b, "director", "still-not-it");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, EN_WRONG_LOGIN));
	response_free(r);
	assert_signed_out(&b);
	browser_free(&b);
}

/* Sign-out clears the cookie and deletes the session on the server: the old
 * token replayed by another client no longer works. */
static void test_logout_ends_session_server_side(void **state)
{
	struct browser b, replay;
	browser_init(&b, *state);
	browser_init(&replay, *state);
	sign_in(&b, "grants");
	char *old_sid = strdup(browser_cookie(&b, "sid"));
	char *csrf = page_csrf(&b, "/");
	assert_non_null(csrf);
	struct response *r = http_post_form(&b, "/logout", "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");
	const char *sc = resp_set_cookie(r, "sid");
	assert_non_null(sc);
	assert_non_null(strstr(sc, "Max-Age=0"));
	assert_null(browser_cookie(&b, "sid"));
	response_free(r);
	assert_signed_out(&b);

	browser_set_cookie(&replay, "sid", old_sid);
	assert_signed_out(&replay);
	free(old_sid);
	free(csrf);
	browser_free(&b);
	browser_free(&replay);
}

/* --session-idle 2: a session left alone for 3 s is over. */
static void test_session_idle_expiry(void **state)
{
	const char *args[] = { "--session-idle", "2", NULL };
	struct server *s = server_start(args);
	assert_non_null(s);
	struct browser b;
	browser_init(&b, s);
	sign_in(&b, "director");
	assert_signed_in(&b);
	sleep_ms(3200);
	assert_signed_out(&b);
	browser_free(&b);
	assert_int_equal(server_stop(s), 0);
}

/* --session-idle 3: a user who is active every second stays signed in (idle
 * means no requests, not time since sign-in). */
static void test_session_idle_refreshed_by_activity(void **state)
{
	const char *args[] = { "--session-idle", "3", NULL };
	struct server *s = server_start(args);
	assert_non_null(s);
	struct browser b;
	browser_init(&b, s);
	sign_in(&b, "director");
	for (int i = 1; i <= 6; i++) {
		sleep_ms(1000);
		long st = home_status(&b, NULL);
		if (st != 200)
			print_message("request %d s after sign-in, each 1 s apart: status %ld\n", i, st);
		assert_int_equal(st, 200);
	}
	browser_free(&b);
	assert_int_equal(server_stop(s), 0);
}

/* --session-max 3: the session ends 3 s after sign-in even while in use. */
static void test_session_absolute_expiry(void **state)
{
	const char *args[] = { "--session-max", "3", NULL };
	struct server *s = server_start(args);
	assert_non_null(s);
	struct browser b;
	browser_init(&b, s);
	sign_in(&b, "director");
	sleep_ms(1000);
	assert_signed_in(&b);
	sleep_ms(1000);
	assert_signed_in(&b);
	sleep_ms(2200);
	assert_signed_out(&b);
	browser_free(&b);
	assert_int_equal(server_stop(s), 0);
}

/* Disabling an account ends its open session at once and blocks sign-in. */
static void test_disable_ends_session(void **state)
{
	struct browser admin, user;
	browser_init(&admin, *state);
	browser_init(&user, *state);
	sign_in(&admin, "admin");
	sign_in(&user, "space");
	assert_signed_in(&user);
	long id = find_user_id(&admin, "space");
	assert_true(id > 0);
	char path[64];
	snprintf(path, sizeof path, "/admin/users/%ld", id);
	char *csrf = page_csrf(&admin, path);
	assert_non_null(csrf);
	snprintf(path, sizeof path, "/admin/users/%ld/disable", id);
	struct response *r = http_post_form(&admin, path, "csrf", csrf, NULL);
	/* done: back to the user's page, with a message for it */
	assert_int_equal(r->status, 303);
	assert_non_null(resp_set_cookie(r, "flash"));
	response_free(r);
	assert_signed_out(&user);
	r = login_attempt(&user, "space", DEMO_PASSWORD);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, AR_WRONG_LOGIN));
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	free(csrf);
	browser_free(&admin);
	browser_free(&user);
}

/* An administrator's password reset ends the user's sessions at once; the
 * new password works and the old one does not. */
static void test_admin_password_reset_ends_session(void **state)
{
	struct browser admin, user;
	browser_init(&admin, *state);
	browser_init(&user, *state);
	sign_in(&admin, "admin");
	sign_in(&user, "trainer");
	assert_signed_in(&user);
	long id = find_user_id(&admin, "trainer");
	assert_true(id > 0);
	char path[64];
	snprintf(path, sizeof path, "/admin/users/%ld", id);
	char *csrf = page_csrf(&admin, path);
	assert_non_null(csrf);
	snprintf(path, sizeof path, "/admin/users/%ld/password", id);
	struct response *r = http_post_form(&admin, path, "csrf", csrf, "password", "river-stone-lamp-42", NULL);
	assert_int_equal(r->status, 303);
	assert_non_null(resp_set_cookie(r, "flash"));
	response_free(r);
	assert_signed_out(&user);

	struct browser again;
	browser_init(&again, *state);
	r = login_attempt(&again, "trainer", DEMO_PASSWORD);
	assert_int_equal(r->status, 200);
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	r = login_attempt(&again, "trainer", "river-stone-lamp-42");
	assert_int_equal(r->status, 303);
	assert_non_null(resp_set_cookie(r, "sid"));
	response_free(r);
	free(csrf);
	browser_free(&admin);
	browser_free(&user);
	browser_free(&again);
}

/* Changing one's own password ends the other sessions of the account; the
 * device that made the change stays signed in with a new token. */
static void test_own_password_change_ends_other_sessions(void **state)
{
	struct browser a, b;
	browser_init(&a, *state);
	browser_init(&b, *state);
	sign_in(&a, "officer");
	sign_in(&b, "officer");
	char *old_sid = strdup(browser_cookie(&a, "sid"));
	char *csrf = page_csrf(&a, "/account");
	assert_non_null(csrf);
	struct response *r = http_post_form(&a, "/account/password", "csrf", csrf,
					    "current", DEMO_PASSWORD, "password", "olive-tree-window-7", NULL);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/account");
	assert_non_null(resp_set_cookie(r, "sid"));
	response_free(r);
	assert_string_not_equal(browser_cookie(&a, "sid"), old_sid);
	assert_signed_in(&a);
	assert_signed_out(&b);
	/* the token from before the change is dead too */
	struct browser replay;
	browser_init(&replay, *state);
	browser_set_cookie(&replay, "sid", old_sid);
	assert_signed_out(&replay);
	free(old_sid);
	free(csrf);
	browser_free(&a);
	browser_free(&b);
	browser_free(&replay);
}

/* Five wrong passwords for one account: the sixth attempt is refused with
 * 429 even with the right password; other accounts are not affected. */
static void test_throttle_after_five_failures(void **state)
{
	struct browser b;
	browser_init(&b, *state);
	for (int i = 0; i < 5; i++) {
		struct response *r = login_attempt(&b, "reviewer", "wrong-guess-123");
		assert_int_equal(r->status, 200);
		assert_true(resp_contains(r, AR_WRONG_LOGIN));
		response_free(r);
	}
	struct response *r = login_attempt(&b, "reviewer", DEMO_PASSWORD);
	assert_int_equal(r->status, 429);
	assert_null(resp_set_cookie(r, "sid"));
	assert_null(browser_cookie(&b, "sid"));
	response_free(r);
	assert_signed_out(&b);

	struct browser other;
	browser_init(&other, *state);
	sign_in(&other, "monitoring");
	assert_signed_in(&other);
	browser_free(&other);
	browser_free(&b);
}

/* Parallel attempts on one account: 18 wrong passwords and the right one,
 * all sent at once.  The check and the count are one step, so at most five
 * wrong passwords are checked (each checked attempt writes one audit entry:
 * login_failed or login); the others are refused with 429 unchecked. */
#define PARALLEL_TRIES 19
struct try {
	const struct server *s;
	struct browser b;
	char *csrf;
	const char *password;
	pthread_barrier_t *start;
	long status;
};

static void *try_login(void *arg)
{
	struct try *t = arg;
	pthread_barrier_wait(t->start);
	struct response *r = http_post_form(&t->b, "/login", "csrf", t->csrf, "name", "expert",
					    "password", t->password, "next", "/", NULL);
	t->status = r ? r->status : 0;
	response_free(r);
	return NULL;
}

static void test_throttle_parallel_attempts(void **state)
{
	long long uid = sql_int("SELECT id FROM users WHERE name = 'expert'", "");
	assert_true(uid > 0);
	static struct try tries[PARALLEL_TRIES];
	pthread_t th[PARALLEL_TRIES];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, PARALLEL_TRIES);
	for (int i = 0; i < PARALLEL_TRIES; i++) {
		tries[i] = (struct try){ .s = *state, .start = &start,
					 .password = i == PARALLEL_TRIES - 1 ? DEMO_PASSWORD : "wrong-guess-456" };
		browser_init(&tries[i].b, *state);
		tries[i].csrf = page_csrf(&tries[i].b, "/login");
		assert_non_null(tries[i].csrf);
	}
	for (int i = 0; i < PARALLEL_TRIES; i++)
		assert_int_equal(pthread_create(&th[i], NULL, try_login, &tries[i]), 0);
	int refused = 0;
	for (int i = 0; i < PARALLEL_TRIES; i++) {
		pthread_join(th[i], NULL);
		assert_true(tries[i].status == 200 || tries[i].status == 303 || tries[i].status == 429);
		refused += tries[i].status == 429;
		free(tries[i].csrf);
		browser_free(&tries[i].b);
	}
	pthread_barrier_destroy(&start);
	long long wrong = sql_int("SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = ?1 "
				  "AND action = 'login_failed'", "i", uid);
	long long checked = wrong + sql_int("SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = ?1 "
					    "AND action = 'login'", "i", uid);
	assert_true(wrong >= 1);
	/* the right password clears the account's failures once no attempt is
	 * in flight: on a loaded machine the threads do not all start at once,
	 * and attempts that begin after the success are counted afresh.  So at
	 * most five wrong ones before the success, and five after it. */
	long long ok_at = sql_int("SELECT coalesce(max(id), 0) FROM audit_log WHERE entity = 'user' AND entity_id = ?1"
				  " AND action = 'login'", "i", uid);
	long long after = sql_int("SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = ?1"
				  " AND action = 'login_failed' AND id > ?2", "ii", uid, ok_at);
	if (wrong - after > 5 || after > 5)
		fail_msg("%lld wrong passwords checked before the right one and %lld after it; at most 5 each", wrong - after,
			 after);
	assert_int_equal(refused, PARALLEL_TRIES - (int)checked);
}

/* SIGTERM stops the server cleanly (exit status 0, no sanitizer report). */
static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_sets_session_cookie),
		cmocka_unit_test(test_login_keep_signed_in),
		cmocka_unit_test(test_login_fresh_token_each_time),
		cmocka_unit_test(test_login_wrong_password),
		cmocka_unit_test(test_login_unknown_user),
		cmocka_unit_test(test_logout_ends_session_server_side),
		cmocka_unit_test(test_session_idle_expiry),
		cmocka_unit_test(test_session_idle_refreshed_by_activity),
		cmocka_unit_test(test_session_absolute_expiry),
		cmocka_unit_test(test_disable_ends_session),
		cmocka_unit_test(test_admin_password_reset_ends_session),
		cmocka_unit_test(test_own_password_change_ends_other_sessions),
		cmocka_unit_test(test_throttle_after_five_failures),
		cmocka_unit_test(test_throttle_parallel_attempts),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup_db, group_teardown);
}
