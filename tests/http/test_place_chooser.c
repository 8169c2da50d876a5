/* test_place_chooser — the place chooser of a long place list: once the
 * official list is loaded (here 506 places, more than LIMIT_PLACE_OPTIONS)
 * the people list's filter and the person form list the governorates,
 * districts and subdistricts only, and take the community by name: a name
 * typed is found as the importer finds it (and filters the list, with the
 * pager's and export's links carrying the place's id), a name two places
 * share asks which one (and the choice then holds), an unknown name and a
 * place too large for a person's community are field errors, nothing
 * saved.
 *
 * Pages are read in English; the database is read from its file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "core/banned.h"

static struct server *srv;
static struct browser admin;
static char *csrf;

/* A place list in the humanitarian boundaries' columns: one governorate,
 * one district, two subdistricts of 250 communities each ("تجمع N"), and
 * one name both subdistricts have (الدوار). */
static void load_long_list(void)
{
	char path[600];
	snprintf(path, sizeof path, "%s/long-places.csv", harness_dir());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("admin4Name_en,admin4Name_ar,admin4Pcode,admin3Name_en,admin3Name_ar,admin3Pcode,"
	      "admin2Name_en,admin2Name_ar,admin2Pcode,admin1Name_en,admin1Name_ar,admin1Pcode\n", f);
	for (int s = 1; s <= 2; s++) {
		for (int c = 1; c <= 250; c++)
			fprintf(f, "Place %d-%d,تجمع %d,CT%d%03d,Sub %d,ناحية الاختبار %d,SY9901%02d,Testdistrict,منطقة الاختبار,"
				"SY9901,Testgov,محافظة الاختبار,SY99\n", s, c, (s - 1) * 250 + c, s, c, s, s, s);
		fprintf(f, "Ad-Dawwar %d,الدوار,CD%d,Sub %d,ناحية الاختبار %d,SY9901%02d,Testdistrict,منطقة الاختبار,SY9901,"
			"Testgov,محافظة الاختبار,SY99\n", s, s, s, s, s);
	}
	fclose(f);
	char out[2048];
	const char *args[] = { "places", "import", path, "--db", srv->db, NULL };
	int st = run_daam(out, sizeof out, args);
	if (st != 0)
		fail_msg("daam places import: exit %d: %s", st, out);
	unlink(path);
	assert_true(sql_int("SELECT count(*) FROM places", NULL) > 500);
}

static int count_of(const char *body, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(body, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static struct response *get_200(const char *path)
{
	struct response *r = http_get(&admin, path);
	assert_non_null(r);
	if (r->status != 200)
		fail_msg("GET %s: %ld", path, r->status);
	return r;
}

/* The list's filter: the larger places only, and a field for the name. */
static void test_long_list_lists_larger_places(void **state)
{
	struct response *r = get_200("/people");
	const char *sel = strstr(r->body, "<select id=\"f-place\"");
	assert_non_null(sel);
	const char *end = strstr(sel, "</select>");
	assert_non_null(end);
	char *select = strndup(sel, (size_t)(end - sel));
	assert_true(count_of(select, "<option value=\"") < 100);
	assert_null(strstr(select, "Place 1-17<"));  /* no community */
	assert_non_null(strstr(select, "Testdistrict › Sub 1</option>"));  /* a subdistrict, with its path */
	free(select);
	assert_true(resp_contains(r, "name=\"place_q\""));
	response_free(r);
}

/* A person given a community by name; the list filtered by that name. */
static void test_community_by_name(void **state)
{
	long long place = sql_int("SELECT id FROM places WHERE name_ar = 'تجمع 17'", NULL);
	assert_true(place > 0);
	const char *kv[] = { "name_ar", "ريم فاضل الحسين", "gender", "f", "place_q", "تجمع 17", NULL };
	struct response *r = post_kv(&admin, "/people", csrf, kv, NULL, NULL);
	if (r->status != 303)
		fail_msg("POST /people: %ld\n%s", r->status, r->body);
	response_free(r);
	long long id = sql_int("SELECT id FROM people WHERE name_ar = 'ريم فاضل الحسين'", NULL);
	assert_int_equal(sql_int("SELECT place_id FROM people WHERE id = ?1", "i", id), place);

	char url[256], esc[128], want[96];
	url_escape("تجمع 17", esc, sizeof esc);
	snprintf(url, sizeof url, "/people?place_q=%s", esc);
	r = get_200(url);
	snprintf(want, sizeof want, "<option value=\"%lld\" selected>", place);
	assert_true(resp_contains(r, want));           /* found: shown as the choice */
	snprintf(want, sizeof want, "href=\"/people/%lld\"", id);
	assert_true(resp_contains(r, want));
	assert_int_equal(count_of(r->body, "<tr><td data-label=\"Name\">"),
			 sql_int("SELECT count(*) FROM people WHERE place_id = ?1 AND merged_into IS NULL", "i", place));
	/* the export keeps the place by its id, not the name typed */
	snprintf(want, sizeof want, "place=%lld", place);
	assert_true(resp_contains(r, want));
	assert_false(resp_contains(r, "class=\"error\""));
	response_free(r);
}

/* A name two places share: asked once, then the choice holds. */
static void test_shared_name_asks(void **state)
{
	char url[256], esc[128], want[96];
	url_escape("الدوار", esc, sizeof esc);
	snprintf(url, sizeof url, "/people?place_q=%s", esc);
	struct response *r = get_200(url);
	assert_true(resp_contains(r, "Several places have this name"));
	long long a = sql_int("SELECT min(id) FROM places WHERE name_ar = 'الدوار'", NULL);
	long long b = sql_int("SELECT max(id) FROM places WHERE name_ar = 'الدوار'", NULL);
	assert_true(a > 0 && b > a);
	snprintf(want, sizeof want, "<option value=\"%lld\">", a);
	assert_true(resp_contains(r, want));
	snprintf(want, sizeof want, "<option value=\"%lld\">", b);
	assert_true(resp_contains(r, want));
	response_free(r);
	/* one of them chosen from the list, the name still typed */
	snprintf(url, sizeof url, "/people?place=%lld&place_q=%s", b, esc);
	r = get_200(url);
	assert_false(resp_contains(r, "Several places have this name"));
	snprintf(want, sizeof want, "<option value=\"%lld\" selected>", b);
	assert_true(resp_contains(r, want));
	response_free(r);
}

/* An unknown name, and a governorate as a person's community: field
 * errors, and the person is not saved. */
static void test_bad_names_refused(void **state)
{
	char url[256], esc[128];
	url_escape("لا يوجد مكان كهذا", esc, sizeof esc);
	snprintf(url, sizeof url, "/people?place_q=%s", esc);
	struct response *r = get_200(url);
	assert_true(resp_contains(r, "No place has this name"));
	response_free(r);

	long long before = sql_int("SELECT count(*) FROM people", NULL);
	const char *kv[] = { "name_ar", "سامر عادل الخلف", "place_q", "محافظة الاختبار", NULL };
	r = post_kv(&admin, "/people", csrf, kv, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "This place is too large here"));
	assert_true(resp_contains(r, "value=\"سامر عادل الخلف\""));  /* what was typed is kept */
	response_free(r);
	const char *kv2[] = { "name_ar", "سامر عادل الخلف", "place_q", "لا يوجد مكان كهذا", NULL };
	r = post_kv(&admin, "/people", csrf, kv2, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "No place has this name"));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people", NULL), before);
}

static int setup(void **state)
{
	if (group_setup_db(state) < 0)
		return -1;
	srv = *state;
	load_long_list();
	browser_init(&admin, srv);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	csrf = page_csrf(&admin, "/people/new");
	return csrf ? 0 : -1;
}

static int teardown(void **state)
{
	free(csrf);
	browser_free(&admin);
	return group_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_list_lists_larger_places),
		cmocka_unit_test(test_community_by_name),
		cmocka_unit_test(test_shared_name_asks),
		cmocka_unit_test(test_bad_names_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
