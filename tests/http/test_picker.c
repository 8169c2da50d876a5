/* test_picker — choosing a person or an organization by name, and the
 * place chooser, as a server answers them:
 *  - Find (a GET of the form's own page with member_q) lists the people of
 *    the user's scope found by another spelling, with what tells them apart:
 *    organizations, and birth year, community and the phone's last two
 *    digits only for roles that see personal fields (a trainer, on the test
 *    module's page: none of them); the words kept, no one chosen for the user;
 *  - a candidate chosen is added (303, the message with its link);
 *  - a new person whose name (any spelling) or phone is already registered
 *    comes back 409 with those people to choose and "None of these", and
 *    nothing is written; with "None of these" ticked one person is made,
 *    with the birth year and phone given, in the organization's office;
 *  - the user form chooses the partner's organization by name;
 *  - the place chooser groups communities under their subdistrict's path
 *    and shows the path of every place that may be chosen.
 * The server is daam-probe (daam plus tests/http/probe_module.c, whose page
 * uses the picker as a module to come would).  Pages are read in English
 * unless said. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

#define NADIA "نادية سليم الحمدان"
#define NADIA_TYPED "ناديه سليم الحمدان"   /* ه for ة, as often typed */
#define NADIA_Q "%D9%86%D8%A7%D8%AF%D9%8A%D9%87+%D8%B3%D9%84%D9%8A%D9%85+%D8%A7%D9%84%D8%AD%D9%85%D8%AF%D8%A7%D9%86"
#define OTHER_NAME "وداد كامل الشمري"

static struct server *srv;
static struct browser dir, admin;
static char *dir_csrf, *admin_csrf;
static long long nadia_a, nadia_b;   /* two people of one name: Raqqa and Tabqa, Deir-ez-Zor */
static int prepared;

static void browser_as(struct browser *b, const char *who, const char *lang)
{
	browser_init(b, srv);
	b->accept_language = lang;
	sign_in(b, who);
}

static struct response *get_200(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	assert_non_null(r);
	if (r->status != 200)
		fail_msg("GET %s: %ld", path, r->status);
	return r;
}

static struct response *post(struct browser *b, const char *csrf, const char *path, const char *const *kv,
			     long expect)
{
	struct response *r = post_kv(b, path, csrf, kv, NULL, NULL);
	if (r->status != expect)
		fail_msg("POST %s: %ld, expected %ld\n%.600s", path, r->status, expect, r->body);
	return r;
}

/* The text between the picker's opening and its end. */
static char *picker_of(const struct response *r, const char *field)
{
	char open[80];
	snprintf(open, sizeof open, " id=\"f-%s\"", field);
	const char *a = strstr(r->body, open), *b = a ? strstr(a, "</fieldset>") : NULL;
	if (!a || !b)
		return NULL;
	return strndup(a, (size_t)(b - a));
}

static int radio_for(const char *html, const char *field, long long id)
{
	char radio[80];
	snprintf(radio, sizeof radio, "name=\"%s\" value=\"%lld\"", field, id);
	return strstr(html, radio) != NULL;
}

static long long count_rows(const char *table)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return sql_int(sql, NULL);
}

/* Two people of one name, told apart by birth year, phone and community;
 * the first a member in Raqqa (organization 1) and Tabqa (2), the second
 * in Deir-ez-Zor (3). */
static void prepare(void)
{
	if (prepared)
		return;
	browser_as(&dir, "director", "en");
	browser_as(&admin, "admin", "en");
	dir_csrf = page_csrf(&dir, "/");
	admin_csrf = page_csrf(&admin, "/");
	assert_non_null(dir_csrf);
	assert_non_null(admin_csrf);
	const char *a[] = { "name_ar", NADIA, "birth_year", "1988", "phone", "0944 100 201", "place", "1002", NULL };
	const char *b[] = { "name_ar", NADIA, "birth_year", "1975", "phone", "0933 300 402", "place", "2001", NULL };
	response_free(post(&dir, dir_csrf, "/people", a, 303));
	nadia_a = sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", NADIA);
	response_free(post(&dir, dir_csrf, "/people", b, 303));
	nadia_b = sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", NADIA);
	assert_true(nadia_a > 0 && nadia_b > nadia_a);
	char id[24];
	for (int k = 0; k < 3; k++) {
		snprintf(id, sizeof id, "%lld", k < 2 ? nadia_a : nadia_b);
		const char *member[] = { "person", id, "role", "عضو", NULL };
		const char *path = k == 0 ? "/orgs/1/members" : k == 1 ? "/orgs/2/members" : "/orgs/3/members";
		response_free(post(&dir, dir_csrf, path, member, 303));
	}
	prepared = 1;
}

/* Find lists both people of the name, typed another way, with what tells
 * them apart; the words stay; nobody is chosen for the user; the GET form
 * carries the words only. */
static void test_find_lists_the_candidates_told_apart(void **state)
{
	prepare();
	struct response *r = get_200(&dir, "/orgs/5?member_q=" NADIA_Q);
	assert_true(resp_contains(r, "<form id=\"pick-person\" method=\"get\" action=\"/orgs/5#f-person\"></form>"));
	assert_true(resp_contains(r, "<input id=\"q-person\" name=\"member_q\" form=\"pick-person\" type=\"search\" dir=\"auto\" value=\"" NADIA_TYPED "\">"));
	assert_true(resp_contains(r, "<button form=\"pick-person\" class=\"secondary\">Find</button>"));
	char *p = picker_of(r, "person");
	assert_non_null(p);
	assert_true(radio_for(p, "person", nadia_a));
	assert_true(radio_for(p, "person", nadia_b));
	assert_non_null(strstr(p, "<input type=\"hidden\" name=\"member_q\" value=\"" NADIA_TYPED "\">"));
	assert_non_null(strstr(p, "Birth year: <bdi dir=\"ltr\">1988</bdi>"));
	assert_non_null(strstr(p, "Birth year: <bdi dir=\"ltr\">1975</bdi>"));
	assert_non_null(strstr(p, "Phone ends in: <bdi dir=\"ltr\">01</bdi>"));
	assert_non_null(strstr(p, "Phone ends in: <bdi dir=\"ltr\">02</bdi>"));
	assert_non_null(strstr(p, "Community: <bdi>Al-Karama town</bdi>"));
	assert_non_null(strstr(p, "Community: <bdi>Al-Busayrah town</bdi>"));
	assert_non_null(strstr(p, "Organizations: <bdi>"));
	/* a new person named as typed is the last choice; nothing is chosen */
	assert_non_null(strstr(p, "name=\"person\" value=\"0\""));
	assert_non_null(strstr(p, "A new person named «<bdi>" NADIA_TYPED "</bdi>»"));
	assert_null(strstr(p, " checked"));
	assert_null(strstr(p, "confirm_new"));
	free(p);
	/* the rest of the form is there once there is someone to choose */
	assert_true(resp_contains(r, "id=\"f-role\""));
	/* the GET form holds nothing: no CSRF token goes into an address */
	const char *find = strstr(r->body, "<form id=\"pick-person\"");
	assert_int_equal(strncmp(strstr(find, ">") + 1, "</form>", 7), 0);
	response_free(r);

	/* before Find: the words box alone, no button to send nobody */
	r = get_200(&dir, "/orgs/5");
	p = picker_of(r, "person");
	assert_non_null(p);
	assert_null(strstr(p, "name=\"person\""));
	free(p);
	assert_false(resp_contains(r, "id=\"f-role\""));
	response_free(r);
}

/* The candidates are the user's scope's: the Raqqa officer finds the Raqqa
 * Nadia only; a trainer (the test module's picker) finds the Tabqa one
 * without birth year, community or phone; roles that do not add people get
 * no picker on an organization's page. */
static void test_candidates_by_scope_and_role(void **state)
{
	prepare();
	struct browser off, tr;
	browser_as(&off, "officer", "en");
	browser_as(&tr, "trainer", "en");
	struct response *r = get_200(&off, "/orgs/5?member_q=" NADIA_Q);
	char *p = picker_of(r, "person");
	assert_non_null(p);
	assert_true(radio_for(p, "person", nadia_a));
	assert_false(radio_for(p, "person", nadia_b));
	assert_null(strstr(p, "0933"));
	assert_non_null(strstr(p, "Birth year:"));
	free(p);
	response_free(r);

	r = get_200(&tr, "/probe?probe_q=" NADIA_Q);
	p = picker_of(r, "person");
	assert_non_null(p);
	assert_true(radio_for(p, "person", nadia_a));
	assert_false(radio_for(p, "person", nadia_b));
	assert_null(strstr(p, "Birth year"));
	assert_null(strstr(p, "Community"));
	assert_null(strstr(p, "Phone ends in"));
	assert_null(strstr(p, "1988"));
	assert_non_null(strstr(p, "Organizations: <bdi>"));
	/* a phone is searched as a phone only by roles that see phones */
	assert_true(resp_contains(r, "<label for=\"q-person\">Name</label>"));
	free(p);
	response_free(r);
	r = get_200(&tr, "/probe?probe_q=0944100201");
	assert_false(resp_contains(r, "name=\"person\" value="));
	response_free(r);
	r = get_200(&tr, "/orgs/2?member_q=" NADIA_Q);
	assert_false(resp_contains(r, "name=\"person\""));
	assert_false(resp_contains(r, "id=\"f-person\""));
	response_free(r);
	/* the officer finds by phone, and the director reads Arabic labels */
	r = get_200(&off, "/orgs/5?member_q=0944100201");
	p = picker_of(r, "person");
	assert_true(radio_for(p, "person", nadia_a));
	free(p);
	response_free(r);
	browser_free(&off);
	browser_free(&tr);
}

/* A candidate chosen is added: the membership, no new person, the message
 * with a link to them. */
static void test_choosing_a_candidate_adds_them(void **state)
{
	prepare();
	long long people = count_rows("people");
	char id[24], chosen[80];
	snprintf(id, sizeof id, "%lld", nadia_b);
	/* refused for another field: the one chosen stays chosen, even when no
	 * words find them */
	const char *bad[] = { "person", id, "start", "2024-13-40", NULL };
	struct response *r = post(&dir, dir_csrf, "/orgs/5/members", bad, 400);
	char *p = picker_of(r, "person");
	assert_non_null(p);
	snprintf(chosen, sizeof chosen, "name=\"person\" value=\"%lld\" checked", nadia_b);
	assert_non_null(strstr(p, chosen));
	assert_non_null(strstr(p, "Birth year: <bdi dir=\"ltr\">1975</bdi>"));
	free(p);
	response_free(r);
	const char *kv[] = { "member_q", NADIA_TYPED, "person", id, "role", "أمينة الصندوق", NULL };
	r = post(&dir, dir_csrf, "/orgs/5/members", kv, 303);
	assert_string_equal(resp_header(r, "Location"), "/orgs/5");
	response_free(r);
	assert_int_equal(count_rows("people"), people);
	assert_int_equal(sql_int("SELECT count(*) FROM memberships WHERE person_id = ? AND org_id = 5 AND role = ?", "it",
				 nadia_b, "أمينة الصندوق"), 1);
	r = get_200(&dir, "/orgs/5");
	char msg[200];
	snprintf(msg, sizeof msg, "role=\"status\">The member was added: <a href=\"/people/%lld\">" NADIA "</a>", nadia_b);
	assert_true(resp_contains(r, msg));
	response_free(r);
}

/* A new person of a registered name (any spelling) or phone: 409, the
 * people to choose and "None of these", nothing written. */
static void test_new_person_already_registered_comes_back(void **state)
{
	prepare();
	long long people = count_rows("people"), members = count_rows("memberships"), audit = count_rows("audit_log");
	const char *kv[] = { "member_q", NADIA_TYPED, "person", "0", "role", "عضو", NULL };
	struct response *r = post(&dir, dir_csrf, "/orgs/5/members", kv, 409);
	assert_true(resp_contains(r, "class=\"error-summary\" role=\"alert\""));
	char *p = picker_of(r, "person");
	assert_non_null(p);
	assert_non_null(strstr(p, "<p class=\"error\" id=\"e-person\">People with a similar name or the same phone are already registered."));
	assert_true(radio_for(p, "person", nadia_a));
	assert_true(radio_for(p, "person", nadia_b));
	assert_non_null(strstr(p, "name=\"person\" value=\"0\" checked"));
	assert_non_null(strstr(p, "<input type=\"checkbox\" name=\"confirm_new\" value=\"1\">"));
	assert_non_null(strstr(p, "None of these: create a new person named «<bdi>" NADIA_TYPED "</bdi>»"));
	free(p);
	assert_true(resp_contains(r, "value=\"عضو\""));   /* what was typed stays */
	response_free(r);

	/* a name sent without the picker (the API's way) is checked alike */
	const char *direct[] = { "name_ar", NADIA, "role", "عضو", NULL };
	response_free(post(&dir, dir_csrf, "/orgs/5/members", direct, 409));
	/* another name with a registered phone: that phone's holder, first */
	const char *phone[] = { "member_q", OTHER_NAME, "person", "0", "phone", "0944 100 201", NULL };
	r = post(&dir, dir_csrf, "/orgs/5/members", phone, 409);
	p = picker_of(r, "person");
	assert_true(radio_for(p, "person", nadia_a));
	assert_false(radio_for(p, "person", nadia_b));
	assert_non_null(strstr(p, "Phone ends in: <strong><bdi dir=\"ltr\">01</bdi></strong>"));
	free(p);
	response_free(r);
	/* the same birth year comes first */
	const char *year[] = { "member_q", NADIA, "person", "0", "birth_year", "1975", NULL };
	r = post(&dir, dir_csrf, "/orgs/5/members", year, 409);
	char ra[64], rb[64];
	snprintf(ra, sizeof ra, "name=\"person\" value=\"%lld\"", nadia_a);
	snprintf(rb, sizeof rb, "name=\"person\" value=\"%lld\"", nadia_b);
	assert_true(strstr(r->body, rb) && strstr(r->body, ra) && strstr(r->body, rb) < strstr(r->body, ra));
	response_free(r);
	/* refused forms write nothing either */
	const char *none[] = { "role", "عضو", NULL };
	response_free(post(&dir, dir_csrf, "/orgs/5/members", none, 400));
	const char *bad_phone[] = { "member_q", "اسم لا يشبه أحدا", "person", "0", "phone", "12ab", NULL };
	r = post(&dir, dir_csrf, "/orgs/5/members", bad_phone, 400);
	assert_true(resp_contains(r, "<p class=\"error\" id=\"e-phone\">This is not a phone number we can read.</p>"));
	response_free(r);
	assert_int_equal(count_rows("people"), people);
	assert_int_equal(count_rows("memberships"), members);
	assert_int_equal(count_rows("audit_log"), audit);
}

/* With "None of these" ticked, one person is made: the name as typed, the
 * birth year and phone given, the organization's office, disability not
 * recorded; the membership and both audit entries; the message says so.  A
 * name nobody has needs no confirmation. */
static void test_confirmed_new_person_is_made_once(void **state)
{
	prepare();
	long long people = count_rows("people");
	const char *kv[] = { "member_q", NADIA_TYPED, "person", "0", "confirm_new", "1", "birth_year", "1990",
		"phone", "0955 123 456", "role", "عضو", NULL };
	response_free(post(&dir, dir_csrf, "/orgs/5/members", kv, 303));
	assert_int_equal(count_rows("people"), people + 1);
	long long id = sql_int("SELECT max(id) FROM people", NULL);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE id = ? AND name_ar = ? AND birth_year = 1990"
				 " AND disability IS NULL AND office_id = (SELECT office_id FROM orgs WHERE id = 5)", "it",
				 id, NADIA_TYPED), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM person_phones WHERE person_id = ? AND phone = '0955 123 456'", "i", id), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM memberships WHERE person_id = ? AND org_id = 5", "i", id), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'person' AND entity_id = ? AND action = 'create'",
				 "i", id), 1);
	char detail[40];
	snprintf(detail, sizeof detail, "person=%lld", id);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'org' AND entity_id = 5 AND action = 'add_member'"
				 " AND detail = ?", "t", detail), 1);
	struct response *r = get_200(&dir, "/orgs/5");
	assert_true(resp_contains(r, "role=\"status\">A new person was registered and added as a member: <a href=\"/people/"));
	response_free(r);

	const char *fresh[] = { "member_q", "ضحى مروان القطيفي", "person", "0", NULL };
	response_free(post(&dir, dir_csrf, "/orgs/5/members", fresh, 303));
	assert_int_equal(count_rows("people"), people + 2);
}

/* The user form: the partner's organization found by name, chosen, saved;
 * the account's page shows it chosen; a partner without one is refused
 * beside the picker. */
static void test_user_form_chooses_the_organization(void **state)
{
	prepare();
	char *name = sql_text("SELECT name_ar FROM orgs WHERE id = 1", NULL), esc[400], path[600];
	url_escape(name, esc, sizeof esc);
	snprintf(path, sizeof path, "/admin/users/new?org_q=%s", esc);
	struct response *r = get_200(&admin, path);
	assert_true(resp_contains(r, "<form id=\"pick-org\" method=\"get\" action=\"/admin/users/new#f-org\"></form>"));
	char *p = picker_of(r, "org");
	assert_non_null(p);
	assert_true(radio_for(p, "org", 1));
	assert_non_null(strstr(p, "Kind: <bdi>"));
	free(p);
	response_free(r);
	const char *none[] = { "name", "pick.partner", "role", "partner", "password", "cedar-lantern-88", NULL };
	r = post(&admin, admin_csrf, "/admin/users", none, 400);
	p = picker_of(r, "org");
	assert_non_null(p);
	assert_non_null(strstr(p, "<p class=\"error\" id=\"e-org\">"));
	free(p);
	response_free(r);
	const char *kv[] = { "name", "pick.partner", "role", "partner", "org", "1", "password", "cedar-lantern-88", NULL };
	r = post(&admin, admin_csrf, "/admin/users", kv, 303);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	snprintf(path, sizeof path, "%s", loc);
	response_free(r);
	assert_int_equal(sql_int("SELECT org_id FROM users WHERE name = 'pick.partner'", NULL), 1);
	r = get_200(&admin, path);
	p = picker_of(r, "org");
	assert_non_null(strstr(p, "name=\"org\" value=\"1\" checked"));
	free(p);
	response_free(r);
	free(name);
}

/* The place chooser's <select> of a page (malloc'd). */
static char *place_list(const struct response *r)
{
	const char *sel = strstr(r->body, "<select id=\"f-place\" name=\"place\">");
	assert_non_null(sel);
	const char *end = strstr(sel, "</select>");
	assert_non_null(end);
	return strndup(sel, (size_t)(end - sel));
}

/* The place chooser: each subdistrict a group labelled with its path,
 * holding itself and its communities; governorates and districts, where
 * they may be chosen, show their path; every place once; in Arabic too. */
static void test_place_chooser_shows_the_tree(void **state)
{
	prepare();
	struct response *r = get_200(&dir, "/orgs?place=101");
	char *list = place_list(r);
	assert_non_null(strstr(list, "<option value=\"1\">Ar-Raqqa</option>"));
	assert_non_null(strstr(list, "<option value=\"10\">Ar-Raqqa › Ar-Raqqa district</option>"));
	assert_non_null(strstr(list, "<optgroup label=\"Ar-Raqqa › Ar-Raqqa district › Al-Karama\">"
				     "<option value=\"101\" selected>Al-Karama subdistrict</option>"
				     "<option value=\"1002\">Al-Karama town</option></optgroup>"));
	/* every place is one choice */
	long long places = sql_int("SELECT count(*) FROM places", NULL), options = 0;
	for (const char *o = strstr(list, "<option value=\""); o; o = strstr(o + 1, "<option value=\""))
		options += o[15] != '"';
	assert_int_equal(options, places);
	free(list);
	response_free(r);

	/* a person's community: subdistricts and communities only */
	r = get_200(&dir, "/people/new");
	list = place_list(r);
	assert_null(strstr(list, "<option value=\"1\">"));
	assert_null(strstr(list, "<option value=\"10\">"));
	assert_non_null(strstr(list, "<option value=\"101\">Al-Karama subdistrict</option><option value=\"1002\">Al-Karama town</option>"));
	free(list);
	response_free(r);
	/* an organization's place: a district and below */
	r = get_200(&dir, "/orgs/new");
	list = place_list(r);
	assert_null(strstr(list, "<option value=\"1\">"));
	assert_non_null(strstr(list, "<option value=\"10\">Ar-Raqqa › Ar-Raqqa district</option>"));
	free(list);
	response_free(r);
	char path[64];
	snprintf(path, sizeof path, "/people/%lld/edit", nadia_a);
	r = get_200(&dir, path);
	assert_true(resp_contains(r, "<option value=\"1002\" selected>Al-Karama town</option>"));
	response_free(r);

	struct browser ar;
	browser_as(&ar, "director", "ar");
	r = get_200(&ar, "/orgs");
	assert_true(resp_contains(r, "<option value=\"10\">الرقة › منطقة الرقة</option>"));
	assert_true(resp_contains(r, "<optgroup label=\"الرقة › منطقة الرقة › الكرامة\"><option value=\"101\">ناحية الكرامة</option>"
				     "<option value=\"1002\">الكرامة</option></optgroup>"));
	response_free(r);
	browser_free(&ar);
}

static int setup(void **state)
{
	if (group_setup_db(state) < 0)
		return -1;
	srv = *state;
	return 0;
}

static int teardown(void **state)
{
	if (prepared) {
		free(dir_csrf);
		free(admin_csrf);
		browser_free(&dir);
		browser_free(&admin);
	}
	return group_teardown(state);
}

int main(void)
{
	/* daam-probe: its test module's page uses the picker too */
	harness_use_probe();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_lists_the_candidates_told_apart),
		cmocka_unit_test(test_candidates_by_scope_and_role),
		cmocka_unit_test(test_choosing_a_candidate_adds_them),
		cmocka_unit_test(test_new_person_already_registered_comes_back),
		cmocka_unit_test(test_confirmed_new_person_is_made_once),
		cmocka_unit_test(test_user_form_chooses_the_organization),
		cmocka_unit_test(test_place_chooser_shows_the_tree),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
