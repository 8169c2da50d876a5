/* test_second_factor — two-step sign-in against a real server whose codes
 * are checked at a fixed time (`daam serve --test-clock`, test-only), with
 * the requirement switched on (the demo data switches it off):
 *  - an admin without a factor is sent to enrol after the right password,
 *    reaches no other page before, and a session from before the
 *    requirement ends;
 *  - enrolment: the QR code and the key, a wrong first code refused, the
 *    right one turns it on and shows ten recovery codes once;
 *  - sign-in: the password starts no session, a code is taken once (a
 *    replay within its window is refused), ±1 step of drift, a recovery
 *    code once (audited), "keep me signed in" carried through;
 *  - wrong codes are throttled: five per step, then the account's code
 *    counter refuses even the right code;
 *  - the admin's reset (audited) and `daam user reset-2fa`; enrolling by
 *    choice from My account, new recovery codes, turning it off;
 *  - a password changed meanwhile ends the second step.
 * The codes are computed here with liboath from the key the page shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <liboath/oath.h>
#include "harness.h"
#include "core/banned.h"

#define T0 1700000000LL   /* the server's fixed clock */
#define EN_WRONG_CODE "This code is not right."
#define EN_REPLAY "This code was already used."

static struct server *srv;

struct factor {
	char key[64];        /* base32 as shown */
	char codes[10][16];  /* recovery codes as shown */
};
static struct factor admin_f, director_f;

static void code_at(const struct factor *f, long long t, char out[7])
{
	char *secret = NULL;
	size_t n = 0;
	assert_int_equal(oath_base32_decode(f->key, strlen(f->key), &secret, &n), OATH_OK);
	assert_int_equal(oath_totp_generate(secret, n, (time_t)t, 30, 0, 6, out), OATH_OK);
	free(secret);
}

static void set_policy(int on)
{
	sql_int(on ? "UPDATE settings SET value = '1' WHERE key = 'second_factor_required'"
		   : "UPDATE settings SET value = '0' WHERE key = 'second_factor_required'", "");
}

/* The key on an enrolment page, spaces dropped. */
static void read_key(const struct response *r, char *out, size_t n)
{
	const char *p = strstr(r->body, "<p class=\"secret\"><code dir=\"ltr\">");
	assert_non_null(p);
	p += strlen("<p class=\"secret\"><code dir=\"ltr\">");
	size_t k = 0;
	for (; *p && *p != '<' && k + 1 < n; p++)
		if (*p != ' ')
			out[k++] = *p;
	out[k] = 0;
	assert_int_equal(strlen(out), 32);
}

/* The recovery codes on the page shown after enrolment; returns how many. */
static int read_codes(const struct response *r, char codes[10][16])
{
	const char *p = strstr(r->body, "class=\"recovery-codes\"");
	int n = 0;
	while (p && n < 10 && (p = strstr(p, "<li><code>")) != NULL) {
		p += strlen("<li><code>");
		const char *e = strchr(p, '<');
		snprintf(codes[n++], 16, "%.*s", (int)(e - p), p);
	}
	return n;
}

static struct response *post_code(struct browser *b, const char *path, const char *code)
{
	char *csrf = page_csrf(b, strncmp(path, "/login/", 7) == 0 ? path : "/account");
	assert_non_null(csrf);
	struct response *r = http_post_form(b, path, "csrf", csrf, "code", code, NULL);
	free(csrf);
	return r;
}

static struct response *password_step(struct browser *b, const char *name, int keep)
{
	char *csrf = page_csrf(b, "/login");
	struct response *r = http_post_form(b, "/login", "csrf", csrf, "name", name, "password", DEMO_PASSWORD,
					    "next", "/people", "keep", keep ? "1" : "", NULL);
	free(csrf);
	return r;
}

static long get_status(struct browser *b, const char *path, const char **loc_prefix)
{
	struct response *r = http_get(b, path);
	long st = r->status;
	const char *loc = resp_header(r, "Location");
	if (loc_prefix)
		*loc_prefix = loc && strncmp(loc, "/login", 6) == 0 ? "/login" : "";
	response_free(r);
	return st;
}

static long long audits(const char *action, const char *user)
{
	return sql_int("SELECT count(*) FROM audit_log WHERE action = ?1 AND entity = 'user'"
		       " AND entity_id = (SELECT id FROM users WHERE name = ?2)", "tt", action, user);
}

/* Signed in before the requirement held: the next request ends the session. */
static void test_session_from_before_ends(void **state)
{
	struct browser b;
	browser_init(&b, srv);
	set_policy(0);
	sign_in(&b, "director");
	assert_int_equal(get_status(&b, "/", NULL), 200);
	set_policy(1);
	const char *where;
	assert_int_equal(get_status(&b, "/", &where), 303);
	assert_string_equal(where, "/login");
	browser_free(&b);
}

/* An admin without a factor: the password leads to the enrolment and to
 * nothing else; a wrong first code is refused; the right one signs in and
 * shows the recovery codes once. */
static void test_admin_must_enrol(void **state)
{
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	struct response *r = password_step(&b, "admin", 0);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/login/enrol");
	assert_null(resp_set_cookie(r, "sid"));
	assert_non_null(resp_set_cookie(r, "mfa"));
	response_free(r);
	/* every page that needs a signed-in user, from the route table, sends
	 * to the sign-in page (API routes: 401) */
	static struct route_line routes[256];
	int nroutes = daam_routes(routes, 256), walked = 0;
	for (int i = 0; i < nroutes; i++) {
		if (strcmp(routes[i].method, "GET") != 0 || !routes[i].perm)
			continue;
		char path[200];
		size_t k = 0;
		for (const char *p = routes[i].pattern; *p && k + 2 < sizeof path; p++) {
			if (*p == '{') {            /* a path parameter: 1 */
				path[k++] = '1';
				while (*p && *p != '}')
					p++;
				continue;
			}
			path[k++] = *p;
		}
		path[k] = 0;
		struct response *g = http_get(&b, path);
		const char *loc = resp_header(g, "Location");
		int api = strstr(routes[i].flags, "api") != NULL;
		if (api ? g->status != 401 : g->status != 303 || !loc || strncmp(loc, "/login", 6) != 0)
			fail_msg("GET %s before enrolling: status %ld", path, g->status);
		response_free(g);
		walked++;
	}
	assert_true(walked >= 30);
	r = http_get(&b, "/login/enrol");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "<svg class=\"qr\""));
	read_key(r, admin_f.key, sizeof admin_f.key);
	response_free(r);

	r = post_code(&b, "/login/enrol", "123456");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, EN_WRONG_CODE));
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM second_factor f JOIN users u ON u.id = f.user_id"
				 " WHERE u.name = 'admin' AND f.confirmed_at IS NOT NULL", ""), 0);

	char code[7];
	code_at(&admin_f, T0, code);
	r = post_code(&b, "/login/enrol", code);
	assert_int_equal(r->status, 200);
	assert_non_null(resp_set_cookie(r, "sid"));
	assert_int_equal(read_codes(r, admin_f.codes), 10);
	assert_true(resp_contains(r, "href=\"/people\""));   /* where the sign-in was going */
	response_free(r);
	assert_int_equal(get_status(&b, "/admin/users", NULL), 200);
	assert_int_equal(audits("second_factor_enrol", "admin"), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM recovery_codes r JOIN users u ON u.id = r.user_id"
				 " WHERE u.name = 'admin' AND r.used_at IS NULL", ""), 10);
	/* the codes are stored hashed, never as shown */
	assert_int_equal(sql_int("SELECT count(*) FROM recovery_codes WHERE code_hash = ?1", "t", admin_f.codes[0]), 0);
	/* never shown again */
	r = http_get(&b, "/account");
	assert_false(resp_contains(r, admin_f.key));
	assert_false(resp_contains(r, admin_f.codes[0]));
	response_free(r);
	browser_free(&b);
}

/* The code step: the password alone starts no session; a code is taken
 * once; ±1 step; a recovery code once; "keep me signed in" carried. */
static void test_code_sign_in(void **state)
{
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	struct response *r = password_step(&b, "admin", 0);
	assert_string_equal(resp_header(r, "Location"), "/login/code");
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	assert_int_equal(get_status(&b, "/login/code", NULL), 200);

	char now[7], later[7], earlier[7], too_late[7];
	code_at(&admin_f, T0, now);
	code_at(&admin_f, T0 + 30, later);
	code_at(&admin_f, T0 - 30, earlier);
	code_at(&admin_f, T0 + 60, too_late);
	/* the enrolment took the code of T0: given again it is a replay */
	r = post_code(&b, "/login/code", now);
	assert_true(resp_contains(r, EN_REPLAY));
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	/* an earlier step is older than the last one used: refused too */
	r = post_code(&b, "/login/code", earlier);
	assert_true(resp_contains(r, EN_REPLAY));
	response_free(r);
	/* two steps ahead: outside the window */
	if (strcmp(too_late, later) != 0) {
		r = post_code(&b, "/login/code", too_late);
		assert_true(resp_contains(r, EN_WRONG_CODE));
		response_free(r);
	}
	/* one step ahead (the phone's clock 30 s early): accepted, with
	 * spaces and Arabic-Indic digits as a phone's keyboard may type them */
	char typed[64];
	static const char *const ar[] = { "٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩" };
	snprintf(typed, sizeof typed, "%s%s%s %s%s%s", ar[later[0] - '0'], ar[later[1] - '0'], ar[later[2] - '0'],
		 ar[later[3] - '0'], ar[later[4] - '0'], ar[later[5] - '0']);
	r = post_code(&b, "/login/code", typed);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), "/people");
	const char *sid = resp_set_cookie(r, "sid");
	assert_non_null(sid);
	assert_null(strstr(sid, "Max-Age"));   /* not kept: a browser-session cookie */
	response_free(r);
	assert_int_equal(get_status(&b, "/admin/users", NULL), 200);
	browser_free(&b);

	/* the same code in another browser: taken already */
	browser_init(&b, srv);
	b.accept_language = "en";
	response_free(password_step(&b, "admin", 1));
	r = post_code(&b, "/login/code", later);
	assert_true(resp_contains(r, EN_REPLAY));
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	/* a recovery code instead (typed in capitals): signed in, kept */
	char upper[16];
	for (int i = 0; i < 16; i++)
		upper[i] = (char)(admin_f.codes[0][i] >= 'a' && admin_f.codes[0][i] <= 'z' ? admin_f.codes[0][i] - 32
											: admin_f.codes[0][i]);
	r = post_code(&b, "/login/code", upper);
	assert_int_equal(r->status, 303);
	sid = resp_set_cookie(r, "sid");
	assert_non_null(sid);
	assert_non_null(strstr(sid, "Max-Age"));   /* "keep me signed in" carried through */
	response_free(r);
	assert_int_equal(audits("recovery_code_used", "admin"), 1);
	browser_free(&b);

	/* used once: the same recovery code no longer works */
	browser_init(&b, srv);
	b.accept_language = "en";
	response_free(password_step(&b, "admin", 0));
	r = post_code(&b, "/login/code", admin_f.codes[0]);
	assert_true(resp_contains(r, EN_WRONG_CODE));
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	browser_free(&b);
	assert_true(sql_int("SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND detail LIKE '%step=code%'", "") >= 3);
}

/* Enrols a user who must (the director) in a browser left signed in. */
static void enrol_required(struct browser *b, const char *name, struct factor *f, long long t)
{
	browser_init(b, srv);
	b->accept_language = "en";
	struct response *r = password_step(b, name, 0);
	assert_string_equal(resp_header(r, "Location"), "/login/enrol");
	response_free(r);
	r = http_get(b, "/login/enrol");
	read_key(r, f->key, sizeof f->key);
	response_free(r);
	char code[7];
	code_at(f, t, code);
	r = post_code(b, "/login/enrol", code);
	assert_int_equal(read_codes(r, f->codes), 10);
	response_free(r);
}

/* Guessing codes: five wrong codes end the step; then the account's code
 * counter refuses even the right code (429) although the password was
 * given again. */
static void test_code_guesses_throttled(void **state)
{
	struct browser b;
	enrol_required(&b, "director", &director_f, T0);
	browser_free(&b);
	browser_init(&b, srv);
	b.accept_language = "en";
	response_free(password_step(&b, "director", 0));
	static const char *const guesses[] = { "000000", "111111", "222222", "333333", "444444" };
	struct response *r;
	for (int i = 0; i < 5; i++) {
		r = post_code(&b, "/login/code", guesses[i]);
		if (i < 4) {
			assert_int_equal(r->status, 200);
			assert_true(resp_contains(r, EN_WRONG_CODE));
		} else {
			/* the fifth ends the step: back to the password */
			assert_int_equal(r->status, 303);
			assert_string_equal(resp_header(r, "Location"), "/login");
		}
		response_free(r);
	}
	assert_int_equal(get_status(&b, "/login/code", NULL), 303);
	r = password_step(&b, "director", 0);
	assert_string_equal(resp_header(r, "Location"), "/login/code");
	response_free(r);
	char right[7];
	code_at(&director_f, T0 + 30, right);
	r = post_code(&b, "/login/code", right);
	assert_int_equal(r->status, 429);
	assert_null(resp_set_cookie(r, "sid"));
	response_free(r);
	browser_free(&b);
}

/* Another admin resets the director's factor (a lost phone): audited, the
 * director's sessions end, and the next sign-in enrols again.  The command
 * line does the same for the only admin. */
static void test_reset_by_admin_and_cli(void **state)
{
	struct browser director;
	browser_init(&director, srv);
	director.accept_language = "en";
	/* the director signs in with a recovery code (the counter of codes
	 * refuses codes for now: wait for it in a real office) — here the
	 * admin resets first, and the director's old session must end */
	struct browser admin;
	browser_init(&admin, srv);
	admin.accept_language = "en";
	response_free(password_step(&admin, "admin", 0));
	struct response *r = post_code(&admin, "/login/code", admin_f.codes[1]);
	assert_int_equal(r->status, 303);
	response_free(r);
	long id = find_user_id(&admin, "director");
	assert_true(id > 0);
	char path[64];
	snprintf(path, sizeof path, "/admin/users/%ld", id);
	r = http_get(&admin, path);
	assert_true(resp_contains(r, "reset-2fa"));
	response_free(r);
	snprintf(path, sizeof path, "/admin/users/%ld/reset-2fa", id);
	char *csrf = page_csrf(&admin, "/admin/users");
	r = http_post_form(&admin, path, "csrf", csrf, NULL);
	free(csrf);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(audits("second_factor_reset", "director"), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM second_factor f JOIN users u ON u.id = f.user_id WHERE u.name = 'director'", ""), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.name = 'director'", ""), 0);
	/* the director's recovery codes no longer exist; the next sign-in enrols */
	r = password_step(&director, "director", 0);
	assert_string_equal(resp_header(r, "Location"), "/login/enrol");
	response_free(r);
	browser_free(&director);

	/* the only admin lost their phone: the command line */
	char out[512];
	const char *args[] = { "user", "reset-2fa", "--name", "admin", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, args), 0);
	assert_int_equal(audits("second_factor_reset", "admin"), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'second_factor_reset' AND user_id IS NULL", ""), 1);
	/* and their session ended */
	const char *where;
	assert_int_equal(get_status(&admin, "/admin/users", &where), 303);
	assert_string_equal(where, "/login");
	browser_free(&admin);
}

/* By choice, from My account: set up, new recovery codes (the old ones stop
 * working), the code step at sign-in, turning it off. */
static void test_optional_from_account(void **state)
{
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "officer");
	char *csrf = page_csrf(&b, "/account");
	struct response *r = http_post_form(&b, "/account/2fa/start", "csrf", csrf, NULL);
	free(csrf);
	assert_int_equal(r->status, 200);
	struct factor f;
	read_key(r, f.key, sizeof f.key);
	response_free(r);
	r = post_code(&b, "/account/2fa/confirm", "654321");
	assert_true(resp_contains(r, EN_WRONG_CODE));
	response_free(r);
	char code[7];
	code_at(&f, T0, code);
	r = post_code(&b, "/account/2fa/confirm", code);
	assert_int_equal(read_codes(r, f.codes), 10);
	response_free(r);
	assert_int_equal(audits("second_factor_enrol", "officer"), 1);
	/* new recovery codes with the next code: the old ones stop working */
	struct factor g;
	code_at(&f, T0 + 30, code);
	r = post_code(&b, "/account/2fa/recovery", code);
	assert_int_equal(read_codes(r, g.codes), 10);
	response_free(r);
	assert_int_equal(audits("recovery_codes_new", "officer"), 1);
	browser_free(&b);

	browser_init(&b, srv);
	b.accept_language = "en";
	r = password_step(&b, "officer", 0);
	assert_string_equal(resp_header(r, "Location"), "/login/code");
	response_free(r);
	r = post_code(&b, "/login/code", f.codes[0]);
	assert_true(resp_contains(r, EN_WRONG_CODE));
	response_free(r);
	r = post_code(&b, "/login/code", g.codes[0]);
	assert_int_equal(r->status, 303);
	response_free(r);
	/* turned off with another recovery code */
	r = post_code(&b, "/account/2fa/remove", g.codes[1]);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(audits("second_factor_remove", "officer"), 1);
	browser_free(&b);
	browser_init(&b, srv);
	r = password_step(&b, "officer", 0);
	assert_string_equal(resp_header(r, "Location"), "/people");
	assert_non_null(resp_set_cookie(r, "sid"));
	response_free(r);
	browser_free(&b);
}

/* A password changed while the second step waits ends the step. */
static void test_password_change_ends_the_step(void **state)
{
	struct browser b;
	browser_init(&b, srv);
	struct response *r = password_step(&b, "director", 0);
	assert_string_equal(resp_header(r, "Location"), "/login/enrol");
	response_free(r);
	assert_int_equal(get_status(&b, "/login/enrol", NULL), 200);
	sql_int("UPDATE users SET password_changed_at = strftime('%s', 'now') + 5 WHERE name = 'director'", "");
	const char *where;
	assert_int_equal(get_status(&b, "/login/enrol", &where), 303);
	assert_string_equal(where, "/login");
	browser_free(&b);
}

/* No key or code in the server's log. */
static void test_secrets_not_logged(void **state)
{
	FILE *f = fopen(srv->err_path, "r");
	assert_non_null(f);
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	assert_null(strstr(buf, admin_f.key));
	assert_null(strstr(buf, director_f.key));
	assert_null(strstr(buf, admin_f.codes[2]));
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(srv), 0);
}

static int setup(void **state)
{
	if (harness_setup() < 0)
		return -1;
	static const char *const args[] = { "--test-clock", "1700000000", NULL };
	srv = server_start(args);
	if (!srv)
		return -1;
	*state = srv;
	if (sqlite3_open_v2(srv->db, &test_db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(test_db, 10000);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_from_before_ends),
		cmocka_unit_test(test_admin_must_enrol),
		cmocka_unit_test(test_code_sign_in),
		cmocka_unit_test(test_code_guesses_throttled),
		cmocka_unit_test(test_reset_by_admin_and_cli),
		cmocka_unit_test(test_optional_from_account),
		cmocka_unit_test(test_password_change_ends_the_step),
		cmocka_unit_test(test_secrets_not_logged),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
