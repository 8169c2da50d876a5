/* test_audit — the audit log reads as sentences in the reader's language:
 * after a day's work of every known kind (viewing, adding and merging people,
 * "not the same", a new member, an organization, an import with rows left
 * out, an export, a failed sign-in, accounts, places, sectors, offices,
 * jobs), the Arabic page's sentences hold no English word and no raw
 * key=value (those stay in each entry's <details>), users are named by
 * their display names, records by name with a link; a reader bound to
 * another office sees a record out of their scope as "record N", without
 * its name or link, where the administrator sees both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "harness.h"
#include "forms.h"
#include "core/banned.h"

#define BOUNDARY "----daamAuditBoundary0x41"

static struct server *srv;
static long long raqqa_person;   /* seen from the Raqqa office only */

static void browser_as(struct browser *b, const char *who, const char *lang)
{
	browser_init(b, srv);
	b->accept_language = lang;
	sign_in(b, who);
}

static void post_ok(struct browser *b, const char *path, const char *csrf, const char *const *kv)
{
	struct response *r = post_kv(b, path, csrf, kv, NULL, NULL);
	if (r->status != 303 && r->status != 200)
		fail_msg("POST %s: %ld", path, r->status);
	response_free(r);
}

/* An upload with a bad row, imported without it (a job; waits for it). */
static void import_leaving_out(struct browser *b, const char *csrf)
{
	const char csv[] = "name,phone\nسجل مستورد أول,0933 600 001\nسجل مستورد سيئ,12\nسجل مستورد ثان,0933 600 002\n";
	char body[2048];
	int len = snprintf(body, sizeof body,
			   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npeople\r\n"
			   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"day list.csv\"\r\n"
			   "Content-Type: text/csv\r\n\r\n%s\r\n--" BOUNDARY "--\r\n", csrf, csv);
	const char *const hdrs[] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY, "Expect:", NULL };
	struct response *r = http_request(b, "POST", "/import", body, (size_t)len, hdrs);
	assert_int_equal(r->status, 303);
	char review[64];
	snprintf(review, sizeof review, "%s", strstr(resp_header(r, "Location"), "/import/"));
	response_free(r);
	const char *const kv[] = { "action", "commit_valid", "col0", "name", "col1", "phone", "ready", "2", "left_out", "1", NULL };
	r = post_kv(b, review, csrf, kv, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	for (int tries = 0; tries < 200; tries++) {
		if (sql_int("SELECT count(*) FROM audit_log WHERE action = 'import' AND detail LIKE '%day list.csv'", NULL))
			return;
		sleep_ms(50);
	}
	fail_msg("the import job did not write its audit entry");
}

/* The text of s with every <details>…</details> and every <bdi>…</bdi>
 * (names, numbers, file names: data, not words of the page) left out, and
 * the tags removed (malloc'd). */
static char *words_only(const char *s, const char *end)
{
	char *out = malloc((size_t)(end - s) + 1), *o = out;
	assert_non_null(out);
	while (s < end) {
		if (!strncmp(s, "<details>", 9)) {
			const char *e = strstr(s, "</details>");
			s = e ? e + 10 : end;
		} else if (!strncmp(s, "<bdi", 4)) {
			const char *e = strstr(s, "</bdi>");
			s = e ? e + 6 : end;
		} else if (*s == '<') {
			const char *e = strchr(s, '>');
			s = e ? e + 1 : end;
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	return out;
}

/* Every kind of entry: the Arabic sentences hold no English and no key=value. */
static void test_arabic_sentences(void **state)
{
	(void)state;
	struct browser dir, admin, bad;
	browser_as(&dir, "director", "en");
	browser_as(&admin, "admin", "en");
	char *csrf = page_csrf(&dir, "/"), *acsrf = page_csrf(&admin, "/");
	assert_non_null(csrf);
	assert_non_null(acsrf);

	/* people: viewed, added as a member, merged, "not the same" */
	char path[96];
	snprintf(path, sizeof path, "/people/%lld", raqqa_person);
	struct response *r = http_get(&dir, path);
	assert_int_equal(r->status, 200);
	response_free(r);
	const char *const member[] = { "name_ar", "عضو جديد للتدقيق", "role", "عضو", NULL };
	post_ok(&dir, "/orgs/1/members", csrf, member);
	long long a1 = sql_int("SELECT a FROM dup_candidates ORDER BY score DESC, a LIMIT 1", NULL);
	long long b1 = sql_int("SELECT b FROM dup_candidates ORDER BY score DESC, a LIMIT 1", NULL);
	char pair[64];
	snprintf(pair, sizeof pair, "%lld:%lld", a1, b1);
	const char *const merge[] = { "pair", pair, NULL };
	post_ok(&dir, "/people/duplicates/merge", csrf, merge);
	long long a2 = sql_int("SELECT a FROM dup_candidates ORDER BY score DESC, a LIMIT 1", NULL);
	long long b2 = sql_int("SELECT b FROM dup_candidates ORDER BY score DESC, a LIMIT 1", NULL);
	snprintf(pair, sizeof pair, "%lld:%lld", a2, b2);
	const char *const distinct[] = { "pair", pair, NULL };
	post_ok(&dir, "/people/duplicates/distinct", csrf, distinct);
	/* an organization, an import leaving a row out, an export */
	post_ok(&dir, "/orgs", csrf, F_ORG);
	import_leaving_out(&dir, csrf);
	r = http_get(&dir, "/people/export?format=csv");
	assert_int_equal(r->status, 200);
	response_free(r);
	/* accounts, places, sectors, offices */
	post_ok(&admin, "/admin/users", acsrf, F_USER_NEW);
	long uid = find_user_id(&admin, "walk.intruder");
	assert_true(uid > 0);
	snprintf(path, sizeof path, "/admin/users/%ld/password", uid);
	post_ok(&admin, path, acsrf, F_PASSWORD);
	snprintf(path, sizeof path, "/admin/users/%ld/disable", uid);
	post_ok(&admin, path, acsrf, NULL);
	post_ok(&admin, "/admin/sectors", acsrf, F_SECTOR);
	post_ok(&admin, "/admin/places", acsrf, F_NAMES);
	const char *const office[] = { "name_ar", "مكتب الرقة", "name_en", "Raqqa office", NULL };
	post_ok(&admin, "/admin/offices/1", acsrf, office);
	/* a failed sign-in */
	browser_init(&bad, srv);
	response_free(login_attempt(&bad, "officer", "not-the-password"));
	browser_free(&bad);

	/* the Arabic page: every row's sentence, without its details */
	struct browser ar;
	browser_as(&ar, "director", "ar");
	r = http_get(&ar, "/admin/audit");
	assert_int_equal(r->status, 200);
	static const char *const kinds[] = { "view", "merge", "not_duplicate", "add_member", "import", "export", "job_start",
					     "login_failed", "set_password", "disable", "login", NULL };
	for (int k = 0; kinds[k]; k++) {
		char needle[80];
		snprintf(needle, sizeof needle, "<bdi dir=\"ltr\">%s</bdi></dd>", kinds[k]);
		if (!resp_contains(r, needle))
			fail_msg("the first page has no '%s' entry", kinds[k]);
	}
	const char *tbody = strstr(r->body, "<tbody>"), *end = strstr(r->body, "</tbody>");
	assert_non_null(tbody);
	int rows = 0;
	for (const char *row = strstr(tbody, "<tr>"); row && row < end; row = strstr(row + 1, "<tr>")) {
		const char *what = strstr(row, "<td data-label=\"ما جرى\">"), *stop = strstr(row, "</tr>");
		assert_true(what && stop && what < stop);
		char *words = words_only(what, stop);
		for (const char *c = words; *c; c++)
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '=')
				fail_msg("an Arabic audit sentence has Latin words or key=value: \"%s\"", words);
		free(words);
		rows++;
	}
	assert_true(rows >= 20);
	/* some sentences in full: the merge names the kept person, linked */
	long long kept = a1, gone = b1;
	char said[400];
	char *kept_name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", kept);
	snprintf(said, sizeof said, "دمج السجل <bdi dir=\"ltr\">%lld</bdi> في <a href=\"/people/%lld\"><bdi>%s</bdi></a>.",
		 gone, kept, kept_name);
	if (!resp_contains(r, said))
		fail_msg("no merge sentence %s", said);
	free(kept_name);
	assert_true(resp_contains(r, "استيراد شخصين من الملف <bdi dir=\"ltr\">day list.csv</bdi>."));
	assert_true(resp_contains(r, "استُبعد صف واحد فيه أخطاء."));
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">rows=2 skipped=1 skipped_rows=3 file=day list.csv</bdi>"));
	/* users by display name; the stored words kept in the details */
	assert_true(resp_contains(r, "<td data-label=\"من\"><bdi>هدى الخلف</bdi></td>"));
	assert_false(resp_contains(r, "<td data-label=\"من\">director</td>"));
	response_free(r);
	browser_free(&ar);
	free(csrf);
	free(acsrf);
	browser_free(&dir);
	browser_free(&admin);
}

/* A director bound to the Tabqa office reads "record N" for a Raqqa
 * person: no name, no link; the administrator reads the name, linked. */
static void test_scope_of_the_reader(void **state)
{
	(void)state;
	struct browser admin;
	browser_as(&admin, "admin", "en");
	char *acsrf = page_csrf(&admin, "/");
	const char *const tabqa[] = { "name", "director.tabqa", "display_name", "مدير الطبقة", "role", "director", "office",
				      "2", "password", "cedar-lantern-88", NULL };
	post_ok(&admin, "/admin/users", acsrf, tabqa);
	free(acsrf);
	char *name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", raqqa_person);
	char link[64], rec[160];
	snprintf(link, sizeof link, "href=\"/people/%lld\"", raqqa_person);
	snprintf(rec, sizeof rec, "Viewed the page of record <bdi dir=\"ltr\">%lld</bdi>.", raqqa_person);

	struct response *r = http_get(&admin, "/admin/audit?action=view&user=director");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, link));
	assert_true(resp_contains(r, name));
	response_free(r);

	struct browser t;
	browser_init(&t, srv);
	t.accept_language = "en";
	response_free(login_attempt(&t, "director.tabqa", "cedar-lantern-88"));
	r = http_get(&t, "/admin/audit?action=view&user=director");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, rec));
	assert_false(resp_contains(r, link));
	assert_false(resp_contains(r, name));
	response_free(r);
	free(name);
	browser_free(&t);
	browser_free(&admin);
}

static int setup(void **state)
{
	if (group_setup(state) < 0)
		return -1;
	srv = *state;
	if (sqlite3_open_v2(srv->db, &test_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(test_db, 10000);
	char out[4096];
	const char *const args[] = { "dedup", "--db", srv->db, NULL };
	if (run_daam(out, sizeof out, args) != 0)
		return -1;
	/* a person of the Raqqa office, member of no organization elsewhere, in no pair */
	raqqa_person = sql_int("SELECT min(p.id) FROM people p WHERE p.office_id = 1 AND p.merged_into IS NULL"
			       " AND NOT EXISTS (SELECT 1 FROM memberships m JOIN orgs o ON o.id = m.org_id"
			       " WHERE m.person_id = p.id AND o.office_id <> 1)"
			       " AND NOT EXISTS (SELECT 1 FROM dup_candidates c WHERE c.a = p.id OR c.b = p.id)", NULL);
	return raqqa_person > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	if (test_db)
		sqlite3_close(test_db);
	test_db = NULL;
	return group_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arabic_sentences),
		cmocka_unit_test(test_scope_of_the_reader),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
