/* test_account_safety — account changes that must not leave the center
 * locked out or leave a door open: the only active administrator cannot be
 * demoted or disabled (another admin first), a disabled account's API
 * tokens are revoked for good (enabling it again does not bring them back),
 * and a password change revokes the tokens when the person ticks the box
 * offered (and keeps them when not); what a token reads is marked
 * Cache-Control: no-store.  Against a real server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

#define LAST_ADMIN_EN "This is the only active administrator."

static char *make_token(const struct server *s, const char *user)
{
	char out[512];
	const char *args[] = { "token", "create", "--user", user, "--label", "safety test", "--db", s->db, NULL };
	if (run_daam(out, sizeof out, args) != 0)
		fail_msg("daam token create --user %s failed", user);
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = 0;
	assert_int_equal(strlen(out), 43);
	return strdup(out);
}

/* The status of GET /api/v1/orgs with this bearer token. */
static long api_status(const struct server *s, const char *token)
{
	struct browser b;
	browser_init(&b, s);
	char auth[128];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	const char *hdrs[] = { auth, NULL };
	struct response *r = http_request(&b, "GET", "/api/v1/orgs", NULL, 0, hdrs);
	long st = r ? r->status : 0;
	/* personal data read with a token is never kept by a cache */
	if (st == 200)
		assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	response_free(r);
	browser_free(&b);
	return st;
}

static char *role_of(const char *name)
{
	return sql_text("SELECT role FROM users WHERE name = ?1", "t", name);
}

static struct response *set_role(struct browser *admin, long id, const char *role)
{
	char path[64];
	snprintf(path, sizeof path, "/admin/users/%ld", id);
	char *csrf = page_csrf(admin, path);
	assert_non_null(csrf);
	struct response *r = http_post_form(admin, path, "csrf", csrf, "display_name", "", "role", role,
					    "office", "", "org", "", NULL);
	free(csrf);
	return r;
}

/* The only admin demoting themself is refused beside the role, nothing
 * changes; with a second admin the demotion goes through, and then the
 * second one (now the only one) cannot demote themself either. */
static void test_last_admin_kept(void **state)
{
	struct browser admin;
	browser_init(&admin, *state);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	long admin_id = find_user_id(&admin, "admin");
	assert_true(admin_id > 0);

	struct response *r = set_role(&admin, admin_id, "director");
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, LAST_ADMIN_EN));
	response_free(r);
	char *role = role_of("admin");
	assert_string_equal(role, "admin");
	free(role);

	/* a second administrator */
	char *csrf = page_csrf(&admin, "/admin/users/new");
	r = http_post_form(&admin, "/admin/users", "csrf", csrf, "name", "second.admin", "display_name", "Second",
			   "role", "admin", "office", "", "org", "", "password", "quiet-harbour-lamp-51", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(csrf);
	long second = find_user_id(&admin, "second.admin");
	assert_true(second > 0);

	r = set_role(&admin, admin_id, "director");
	assert_int_equal(r->status, 303);
	response_free(r);
	role = role_of("admin");
	assert_string_equal(role, "director");
	free(role);

	struct browser b2;
	browser_init(&b2, *state);
	b2.accept_language = "en";
	struct response *lr = login_attempt(&b2, "second.admin", "quiet-harbour-lamp-51");
	assert_int_equal(lr->status, 303);
	response_free(lr);
	r = set_role(&b2, second, "program_officer");
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, LAST_ADMIN_EN));
	response_free(r);
	role = role_of("second.admin");
	assert_string_equal(role, "admin");
	free(role);
	/* the CLI refuses to disable the last admin as well */
	char out[512];
	const struct server *s = *state;
	const char *args[] = { "user", "disable", "--name", "second.admin", "--db", s->db, NULL };
	assert_int_not_equal(run_daam(out, sizeof out, args), 0);
	assert_int_equal(sql_int("SELECT disabled FROM users WHERE name = 'second.admin'", ""), 0);

	/* put things back for the other tests: admin is admin again */
	r = set_role(&b2, admin_id, "admin");
	assert_int_equal(r->status, 303);
	response_free(r);
	browser_free(&b2);
	browser_free(&admin);
}

/* Disabling revokes the tokens; enabling the account again does not bring
 * them back, and the audit entry says how many were revoked. */
static void test_disable_revokes_tokens(void **state)
{
	const struct server *s = *state;
	char *token = make_token(s, "grants");
	assert_int_equal(api_status(s, token), 200);

	struct browser admin;
	browser_init(&admin, s);
	sign_in(&admin, "admin");
	long id = find_user_id(&admin, "grants");
	assert_true(id > 0);
	char path[64];
	snprintf(path, sizeof path, "/admin/users/%ld/disable", id);
	char *csrf = page_csrf(&admin, "/admin/users");
	struct response *r = http_post_form(&admin, path, "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(api_status(s, token), 401);
	snprintf(path, sizeof path, "/admin/users/%ld/enable", id);
	r = http_post_form(&admin, path, "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(api_status(s, token), 401);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'disable' AND entity = 'user' "
				 "AND entity_id = ?1 AND detail = 'tokens_revoked=1'", "i", (long long)id), 1);
	free(csrf);
	free(token);
	browser_free(&admin);
}

/* The own password form offers to revoke the tokens (ticked); unticked,
 * the token keeps working; ticked, it stops. */
static void test_password_change_offers_revoke(void **state)
{
	const struct server *s = *state;
	char *token = make_token(s, "monitoring");
	struct browser b;
	browser_init(&b, s);
	b.accept_language = "en";
	sign_in(&b, "monitoring");
	struct response *page = http_get(&b, "/account");
	assert_int_equal(page->status, 200);
	assert_true(resp_contains(page, "name=\"revoke_tokens\" value=\"1\" checked"));
	assert_true(resp_contains(page, "Also revoke its 1 API token"));
	response_free(page);

	/* unticked: the box is absent from the form */
	char *csrf = page_csrf(&b, "/account");
	struct response *r = http_post_form(&b, "/account/password", "csrf", csrf, "current", DEMO_PASSWORD,
					    "password", "olive-river-stone-72", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(csrf);
	assert_int_equal(api_status(s, token), 200);

	csrf = page_csrf(&b, "/account");
	r = http_post_form(&b, "/account/password", "csrf", csrf, "current", "olive-river-stone-72",
			   "password", "copper-field-night-19", "revoke_tokens", "1", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(csrf);
	assert_int_equal(api_status(s, token), 401);
	long long uid = sql_int("SELECT id FROM users WHERE name = 'monitoring'", "");
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'revoke_tokens' AND entity_id = ?1",
				 "i", uid), 1);
	/* no token left: the box is no longer offered */
	page = http_get(&b, "/account");
	assert_false(resp_contains(page, "revoke_tokens"));
	response_free(page);
	free(token);
	browser_free(&b);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_last_admin_kept),
		cmocka_unit_test(test_disable_revokes_tokens),
		cmocka_unit_test(test_password_change_offers_revoke),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup_db, group_teardown);
}
