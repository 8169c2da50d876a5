/* test_search — the search as its users meet it: a compound name finds
 * the same people however it is written (عبد الله / عبدالله / Abdullah /
 * Abd Allah), in the search page, the people list and the API; every
 * organization of the demo is found by its own Arabic and English names
 * (organization 1, "جمعية شباب الرقة التطوعية", was not: the demo once
 * wrote its four named organizations without a search row, and a database
 * indexed by an older daam keeps such holes until it is indexed again —
 * which daam now does at start); people found show what tells them apart
 * (organization for everyone; birth year, community and the phone's last
 * two digits only for roles that see personal fields), in the page and in
 * the API; people stored in Arabic only are found by Latin spellings as
 * people type them, the intended one first.
 *
 * Expected sets and values come from the server's database file (sqlite3),
 * never from the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

static struct server *srv;
static struct browser admin;
static int prepared;

static void prepare(void)
{
	if (prepared)
		return;
	browser_init(&admin, srv);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	prepared = 1;
}

static struct response *get_200(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	assert_non_null(r);
	if (r->status != 200)
		print_message("GET %s: status %ld\n", path, r->status);
	assert_int_equal(r->status, 200);
	return r;
}

/* GET of path with q (escaped) appended. */
static struct response *get_q(struct browser *b, const char *path, const char *q)
{
	char esc[800], url[1024];
	url_escape(q, esc, sizeof esc);
	snprintf(url, sizeof url, "%s%cq=%s", path, strchr(path, '?') ? '&' : '?', esc);
	return get_200(b, url);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* Every id /api/v1/people finds for q (page after page), sorted; returns
 * the count (at most max). */
static int api_ids(struct browser *b, const char *q, long long *ids, int max)
{
	int n = 0;
	for (int offset = 0;; offset += 200) {
		char esc[400], url[600];
		url_escape(q, esc, sizeof esc);
		snprintf(url, sizeof url, "/api/v1/people?limit=200&offset=%d&q=%s", offset, esc);
		struct response *r = get_200(b, url);
		json_t *j = json_loads(r->body, 0, NULL);
		assert_non_null(j);
		size_t i;
		json_t *it;
		json_t *items = json_object_get(j, "items");
		json_array_foreach(items, i, it)
			if (n < max)
				ids[n++] = json_integer_value(json_object_get(it, "id"));
		size_t got = json_array_size(items);
		json_decref(j);
		response_free(r);
		if (got < 200)
			break;
	}
	qsort(ids, (size_t)n, sizeof *ids, cmp_ll);
	return n;
}

/* The number after "label: " or "label (" in a page, or -1. */
static long long number_after(const char *body, const char *label)
{
	const char *p = strstr(body, label);
	if (!p)
		return -1;
	p += strlen(label);
	while (*p == ' ' || *p == ':' || *p == '(')
		p++;
	long long n = 0;
	for (; (*p >= '0' && *p <= '9') || *p == ','; p++)
		if (*p != ',')
			n = n * 10 + (*p - '0');
	return n;
}

/* ---- compound names ---- */

/* The people whose name is عبد الله however written, in Arabic or in Latin
 * letters (the oracle, in SQL). */
static int oracle_abdullah(long long *ids, int max)
{
	sqlite3_stmt *st = sql_vprep("SELECT id FROM people WHERE merged_into IS NULL AND (name_ar LIKE '%عبد الله%'"
				     " OR name_ar LIKE '%عبدالله%' OR lower(name_latin) LIKE '%abdullah%'"
				     " OR lower(name_latin) LIKE '%abdallah%' OR lower(name_latin) LIKE '%abd allah%') ORDER BY id",
				     NULL, NULL);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW && n < max)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* عبد الله and عبدالله (and Abdullah, Abd Allah) find the same people:
 * before, each missed people the other found (34 and 61 in the demo). */
static void test_compound_spellings_find_the_same_people(void **state)
{
	prepare();
	/* the demo writes it both ways: the test means something */
	assert_true(sql_int("SELECT count(*) FROM people WHERE name_ar LIKE '%عبد الله%'", "") > 5);
	assert_true(sql_int("SELECT count(*) FROM people WHERE name_ar LIKE '%عبدالله%'", "") > 5);
	static long long want[1000], got[1000];
	int nwant = oracle_abdullah(want, 1000);
	assert_true(nwant > 10);
	static const char *const spellings[] = { "عبد الله", "عبدالله", "عبدُ الله", "Abdullah", "Abd Allah", "Abdallah", NULL };
	long long list_count = -1;
	for (int i = 0; spellings[i]; i++) {
		int n = api_ids(&admin, spellings[i], got, 1000);
		if (n != nwant || memcmp(got, want, (size_t)n * sizeof *got) != 0) {
			print_message("/api/v1/people?q=%s finds %d people, %d are named so\n", spellings[i], n, nwant);
			for (int k = 0, g = 0; k < nwant || g < n;) {
				if (g >= n || (k < nwant && want[k] < got[g]))
					print_message("  missing %lld\n", want[k++]);
				else if (k >= nwant || got[g] < want[k])
					print_message("  extra %lld\n", got[g++]);
				else
					k++, g++;
			}
		}
		assert_int_equal(n, nwant);
		assert_memory_equal(got, want, (size_t)n * sizeof *got);
		/* the search page and the people list count as many */
		struct response *r = get_q(&admin, "/search", spellings[i]);
		assert_int_equal(number_after(r->body, "<h2>People"), nwant);
		response_free(r);
		r = get_q(&admin, "/people", spellings[i]);
		long long c = number_after(r->body, "People found");
		response_free(r);
		assert_int_equal(c, nwant);
		if (list_count >= 0)
			assert_int_equal(c, list_count);
		list_count = c;
	}
	/* another compound: عبد الرحمن, not found by عبد الله */
	int a = api_ids(&admin, "عبد الرحمن", got, 1000);
	int b = api_ids(&admin, "عبدالرحمن", want, 1000);
	assert_true(a > 0);
	assert_int_equal(a, b);
	assert_memory_equal(got, want, (size_t)a * sizeof *got);
	long long rahman = sql_int("SELECT min(id) FROM people WHERE merged_into IS NULL AND name_ar LIKE 'عبد الرحمن%'"
				   " AND name_ar NOT LIKE '%عبد الله%' AND name_ar NOT LIKE '%عبدالله%'", "");
	assert_true(rahman > 0);
	int n = api_ids(&admin, "عبد الله", got, 1000);
	assert_null(bsearch(&rahman, got, (size_t)n, sizeof *got, cmp_ll));
}

/* ---- organizations ---- */

static int links_to(const char *body, const char *kind, long long id)
{
	char a[64];
	snprintf(a, sizeof a, "href=\"/%s/%lld\"", kind, id);
	return strstr(body, a) != NULL;
}

static int json_lists(const char *body, long long id)
{
	json_t *j = json_loads(body, 0, NULL);
	assert_non_null(j);
	int found = 0;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(j, "items"), i, it)
		found |= json_integer_value(json_object_get(it, "id")) == id;
	json_decref(j);
	return found;
}

/* Every organization of the demo — organization 1 first — is found by its
 * own Arabic name and by its English name, in the page and the API. */
static void test_every_demo_org_found_by_its_names(void **state)
{
	prepare();
	char *first = sql_text("SELECT name_ar FROM orgs WHERE id = 1", "");
	assert_string_equal(first, "جمعية شباب الرقة التطوعية");
	free(first);
	sqlite3_stmt *st = sql_vprep("SELECT id, name_ar, name_en FROM orgs ORDER BY id", NULL, NULL);
	int orgs = 0, misses = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *names[2] = { (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2) };
		for (int k = 0; k < 2; k++) {
			if (!*names[k])
				continue;
			struct response *r = get_q(&admin, "/search", names[k]);
			int page = links_to(r->body, "orgs", id);
			response_free(r);
			r = get_q(&admin, "/api/v1/orgs?limit=200", names[k]);
			int api = json_lists(r->body, id);
			response_free(r);
			if (!page || !api) {
				print_message("organization %lld is not found by \"%s\" (%s)\n", id, names[k],
					      !page && !api ? "page and API" : !page ? "page" : "API");
				misses++;
			}
		}
		orgs++;
	}
	sqlite3_finalize(st);
	print_message("%d organizations searched by both names\n", orgs);
	assert_true(orgs >= 40);
	assert_int_equal(misses, 0);
}

/* A database indexed by an older daam (no search row for the demo's named
 * organizations, compound names indexed apart, no version) is indexed
 * again when daam opens it; a database already up to date is not written. */
static void test_index_of_an_older_daam_is_rebuilt(void **state)
{
	prepare();
	char old[600], out[4096];
	snprintf(old, sizeof old, "%s/older.db", harness_dir());
	const char *backup[] = { "backup", old, "--plain", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, backup), 0);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(old, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
		"DELETE FROM org_search WHERE rowid <= 4;"
		"UPDATE orgs SET name_folded = '' WHERE id <= 4;"
		"DELETE FROM person_search WHERE rowid IN (SELECT id FROM people WHERE name_ar LIKE '%عبدالله%');"
		"DELETE FROM settings WHERE key = 'registry.names';", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	const char *migrate[] = { "migrate", "--db", old, NULL };
	assert_int_equal(run_daam(out, sizeof out, migrate), 0);
	assert_int_equal(sqlite3_open(old, &h), SQLITE_OK);
	static const struct { const char *sql; long long want; } checks[] = {
		{ "SELECT count(*) FROM orgs WHERE id NOT IN (SELECT rowid FROM org_search)", 0 },
		{ "SELECT count(*) FROM orgs WHERE name_folded = ''", 0 },
		{ "SELECT count(*) FROM people WHERE merged_into IS NULL AND id NOT IN (SELECT rowid FROM person_search)", 0 },
		{ "SELECT count(*) FROM org_search WHERE org_search MATCH '\"جمعيه\"* AND \"شباب\"* AND \"التطوعيه\"*' AND rowid = 1", 1 },
		{ "SELECT count(*) FROM settings WHERE key = 'registry.names'", 1 },
		{ "SELECT count(*) FROM audit_log WHERE detail = 'search index rebuilt'", 1 },
	};
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(h, checks[i].sql, -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		long long v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (v != checks[i].want)
			print_message("%s: %lld, expected %lld\n", checks[i].sql, v, checks[i].want);
		assert_int_equal(v, checks[i].want);
	}
	sqlite3_close(h);
	/* opened again: nothing to do, nothing written */
	assert_int_equal(run_daam(out, sizeof out, migrate), 0);
	assert_int_equal(sqlite3_open(old, &h), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM audit_log WHERE detail = 'search index rebuilt'", -1,
					    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* ---- people found, told apart ---- */

/* The rows of table.cards: the first person's row as text, from its link
 * to the end of its row. */
static char *row_of(const char *body, long long id)
{
	char a[64];
	snprintf(a, sizeof a, "href=\"/people/%lld\"", id);
	const char *p = strstr(body, a);
	assert_non_null(p);
	const char *end = strstr(p, "</tr>");
	assert_non_null(end);
	return strndup(p, (size_t)(end - p));
}

/* A signed-in English browser for a demo user. */
static void user_browser(struct browser *b, const char *name)
{
	browser_init(b, srv);
	b->accept_language = "en";
	sign_in(b, name);
}

/* The officer (personal fields) sees birth year, community, organizations
 * and the phone's last two digits beside each name; the grants officer
 * (no personal fields) sees the organizations only; the API the same. */
static void test_results_tell_people_apart(void **state)
{
	prepare();
	struct browser o, g;
	user_browser(&o, "officer");
	user_browser(&g, "grants");
	long long office = sql_int("SELECT office_id FROM users WHERE name = 'officer'", "");
	assert_int_equal(office, sql_int("SELECT office_id FROM users WHERE name = 'grants'", ""));
	/* a person of an organization of the officer's office, with a birth year, community and phone */
	long long id = sql_int("SELECT min(p.id) FROM people p JOIN memberships m ON m.person_id = p.id"
			       " JOIN orgs x ON x.id = m.org_id AND x.office_id = ?1"
			       " WHERE p.merged_into IS NULL AND p.birth_year IS NOT NULL AND p.place_id IS NOT NULL"
			       " AND EXISTS (SELECT 1 FROM person_phones f WHERE f.person_id = p.id)",
			       "i", office);
	assert_true(id > 0);
	char *name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", id);
	char *year = sql_text("SELECT birth_year FROM people WHERE id = ?", "i", id);
	char *community = sql_text("SELECT c.name_en FROM people p JOIN places c ON c.id = p.place_id WHERE p.id = ?", "i", id);
	char *phone = sql_text("SELECT phone_norm FROM person_phones WHERE person_id = ? ORDER BY id LIMIT 1", "i", id);
	char *org = sql_text("SELECT o.name_en FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = ?"
			     " AND o.office_id = ? ORDER BY m.id LIMIT 1", "ii", id, office);
	char want[256];

	struct response *r = get_q(&o, "/search", name);
	assert_true(resp_contains(r, "<table class=\"cards\">"));
	static const char *const heads[] = { "<th>Birth year</th>", "<th>Community</th>", "<th>Organizations</th>",
		"<th>Phone ends in</th>", NULL };
	for (int i = 0; heads[i]; i++)
		assert_true(resp_contains(r, heads[i]));
	char *row = row_of(r->body, id);
	snprintf(want, sizeof want, "<td data-label=\"Birth year\"><bdi dir=\"ltr\">%s</bdi></td>", year);
	assert_non_null(strstr(row, want));
	snprintf(want, sizeof want, "<td data-label=\"Community\"><bdi>%s</bdi></td>", community);
	assert_non_null(strstr(row, want));
	snprintf(want, sizeof want, "<bdi>%s</bdi>", org);
	assert_non_null(strstr(row, want));
	snprintf(want, sizeof want, "<td data-label=\"Phone ends in\"><bdi dir=\"ltr\">%s</bdi></td>", phone + strlen(phone) - 2);
	assert_non_null(strstr(row, want));
	/* two digits, never the number */
	assert_null(strstr(r->body, phone + 4));
	free(row);
	response_free(r);

	r = get_q(&g, "/search", name);
	row = row_of(r->body, id);
	snprintf(want, sizeof want, "<bdi>%s</bdi>", org);
	assert_non_null(strstr(row, want));
	static const char *const hidden[] = { "Birth year", "Community", "Phone ends in", NULL };
	for (int i = 0; hidden[i]; i++)
		if (resp_contains(r, hidden[i]))
			fail_msg("the grants officer's search shows \"%s\"", hidden[i]);
	assert_null(strstr(row, year));
	free(row);
	response_free(r);

	/* the API: the same fields under the same rules */
	for (int who = 0; who < 2; who++) {
		r = get_q(who ? &g : &o, "/api/v1/people?limit=200", name);
		json_t *j = json_loads(r->body, 0, NULL);
		assert_non_null(j);
		json_t *it, *hit = NULL;
		size_t i;
		json_array_foreach(json_object_get(j, "items"), i, it)
			if (json_integer_value(json_object_get(it, "id")) == id)
				hit = it;
		assert_non_null(hit);
		json_t *orgs = json_object_get(hit, "organizations");
		assert_true(json_array_size(orgs) >= 1);
		assert_string_equal(json_string_value(json_object_get(json_array_get(orgs, 0), "name_en")), org);
		if (who == 0) {
			assert_int_equal(json_integer_value(json_object_get(hit, "birth_year")), atoll(year));
			assert_string_equal(json_string_value(json_object_get(json_object_get(hit, "community"), "name_en")),
					    community);
			assert_string_equal(json_string_value(json_object_get(hit, "phone_end")), phone + strlen(phone) - 2);
		} else {
			assert_null(json_object_get(hit, "birth_year"));
			assert_null(json_object_get(hit, "community"));
			assert_null(json_object_get(hit, "phone_end"));
		}
		json_decref(j);
		response_free(r);
	}
	free(name);
	free(year);
	free(community);
	free(phone);
	free(org);
	browser_free(&o);
	browser_free(&g);
}

/* ---- Latin spellings as people type them ---- */

/* The position (0 = first) of person id among the first 50 people
 * /api/v1/people lists for q, or -1. */
static int position_of(const char *q, long long id)
{
	char esc[400], url[600];
	url_escape(q, esc, sizeof esc);
	snprintf(url, sizeof url, "/api/v1/people?limit=50&q=%s", esc);
	struct response *r = get_200(&admin, url);
	json_t *j = json_loads(r->body, 0, NULL);
	assert_non_null(j);
	json_t *items = json_object_get(j, "items");
	int pos = -1;
	for (size_t i = 0; i < json_array_size(items) && pos < 0; i++)
		if (json_integer_value(json_object_get(json_array_get(items, i), "id")) == id)
			pos = (int)i;
	json_decref(j);
	response_free(r);
	return pos;
}

static long long person_named(const char *name_ar)
{
	return sql_int("SELECT id FROM people WHERE name_ar = ?", "t", name_ar);
}

/* People stored in Arabic only are found by their names in Latin letters as
 * people type them, before the near names beside them: al- joined to a
 * vowel (Alahmad, Alomar, Alissa found nothing), hyphenated or spaced; a
 * full name in the order typed, not the same words in other places; a
 * one-word query ranks the exact name before a near one (Mahmoud: محمود
 * before محمد, Hassan: حسن before حسين, Khalil: الخليل before الخلف).  The
 * demo's people are there too: the intended one must be among the first
 * ten, and before every near name imported with it. */
static void test_latin_spellings_find_the_person_first(void **state)
{
	prepare();
	char csv[600], out[8192];
	snprintf(csv, sizeof csv, "%s/spellings.csv", harness_dir());
	FILE *f = fopen(csv, "w");
	assert_non_null(f);
	fputs("name,gender\n"
	      "محمد نزار الأحمد,m\nأحمد محمد الأحمد,m\nمحمود نزار الأحمد,m\nمحمد نزار الحمد,m\n"
	      "أحمد نزار الحسن,m\nأحمد نزار الحسين,m\nحسن نزار الأحمد,m\n"
	      "خالد نزار العمر,m\nعمر نزار الخالد,m\n"
	      "يوسف نزار الخليل,m\nيوسف نزار الخلف,m\nخليل نزار اليوسف,m\n"
	      "محمد نزار العيسى,m\nعيسى نزار المحمد,m\nمحمد نزار العلي,m\n"
	      "محمود نزار الجاسم,m\nمحمد نزار الجاسم,m\nحسن نزار الجاسم,m\nحسين نزار الجاسم,m\n", f);
	fclose(f);
	const char *import[] = { "import", "people", csv, "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, import), 0);
	static const struct {
		const char *q, *want, *near[3];
	} cases[] = {
		{ "Mohammad Alahmad", "محمد نزار الأحمد", { "أحمد محمد الأحمد", "محمود نزار الأحمد", "محمد نزار الحمد" } },
		{ "Mohammed Al-Ahmad", "محمد نزار الأحمد", { "أحمد محمد الأحمد", "محمود نزار الأحمد", "محمد نزار الحمد" } },
		{ "Alahmad Mohammad", "محمد نزار الأحمد", { "أحمد محمد الأحمد", "محمود نزار الأحمد", NULL } },
		{ "Ahmed Al Hassan", "أحمد نزار الحسن", { "أحمد نزار الحسين", "حسن نزار الأحمد", NULL } },
		{ "Khaled Alomar", "خالد نزار العمر", { "عمر نزار الخالد", NULL, NULL } },
		{ "Yousef Al-Khalil", "يوسف نزار الخليل", { "يوسف نزار الخلف", "خليل نزار اليوسف", NULL } },
		{ "Muhammad Al-Issa", "محمد نزار العيسى", { "عيسى نزار المحمد", "محمد نزار العلي", NULL } },
		{ "Mahmoud Aljasem", "محمود نزار الجاسم", { "محمد نزار الجاسم", NULL, NULL } },
		{ "Hassan Al-Jassem", "حسن نزار الجاسم", { "حسين نزار الجاسم", NULL, NULL } },
		{ "محمد الاحد", "محمد نزار الأحمد", { "محمد نزار العلي", NULL, NULL } },  /* a letter left out */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int pos = position_of(cases[i].q, person_named(cases[i].want));
		if (pos < 0 || pos >= 10)
			print_message("%s: %s at %d\n", cases[i].q, cases[i].want, pos);
		assert_true(pos >= 0 && pos < 10);
		for (int k = 0; k < 3 && cases[i].near[k]; k++) {
			int other = position_of(cases[i].q, person_named(cases[i].near[k]));
			if (other >= 0 && other <= pos)
				print_message("%s: %s at %d, before %s at %d\n", cases[i].q, cases[i].near[k], other,
					      cases[i].want, pos);
			assert_true(other < 0 || other > pos);
		}
	}
	/* one word: the first person listed carries that very name (many
	 * do: the demo's people too) */
	static const struct {
		const char *q, *word, *or_word;
	} words[] = {
		{ "Alahmad", "الأحمد", NULL }, { "Alomar", "العمر", NULL }, { "Alissa", "العيسى", NULL },
		{ "Khalil", "خليل", "الخليل" }, { "Mahmoud", "محمود", NULL }, { "Hassan", "حسن", "الحسن" },
		{ "Mohammad", "محمد", NULL }, { "Hussein", "حسين", "الحسين" },
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char esc[200], url[400];
		url_escape(words[i].q, esc, sizeof esc);
		snprintf(url, sizeof url, "/api/v1/people?limit=1&q=%s", esc);
		struct response *r = get_200(&admin, url);
		json_t *j = json_loads(r->body, 0, NULL);
		assert_non_null(j);
		const char *name = json_string_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "name"));
		/* as a word: حسن is not حسين, الخليل not خليل */
		char padded[400], want[100], want2[100];
		snprintf(padded, sizeof padded, " %s ", name ? name : "");
		snprintf(want, sizeof want, " %s ", words[i].word);
		snprintf(want2, sizeof want2, " %s ", words[i].or_word ? words[i].or_word : words[i].word);
		int has = strstr(padded, want) || strstr(padded, want2);
		if (!has)
			print_message("%s: first found «%s», without %s\n", words[i].q, name ? name : "", words[i].word);
		assert_true(has);
		json_decref(j);
		response_free(r);
	}
}

static void test_server_stops_cleanly(void **state)
{
	if (prepared)
		browser_free(&admin);
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
		cmocka_unit_test(test_compound_spellings_find_the_same_people),
		cmocka_unit_test(test_every_demo_org_found_by_its_names),
		cmocka_unit_test(test_index_of_an_older_daam_is_rebuilt),
		cmocka_unit_test(test_results_tell_people_apart),
		cmocka_unit_test(test_latin_spellings_find_the_person_first),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
