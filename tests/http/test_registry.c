/* test_registry — the partners registry through the web, as its users work
 * with it: an organization created with every field of the form (its
 * Arabic name written with tashkeel and hamza) and edited; a member added
 * by name and found again under other spellings (hamza, taa marbuta,
 * tashkeel, Latin letters) and by phone in local and international form;
 * the filters and paging of the people and organization lists against
 * counts read from the database; forms refused with the error beside the
 * field, what was typed kept and nothing saved; duplicates found by
 * `daam dedup`, merged (the old number leads to the kept record, which has
 * both memberships, the count drops by one, the audit log has the merge;
 * the compare page, choices and undo are test_merge's)
 * or marked "not the same" for good; a schema without any column for
 * ethnicity, religion, sect or tribe; and the counts past a thousand rows
 * ("1,000+", every page still reachable) and per scope.
 *
 * Pages are read in English (Accept-Language: en) so labels can be matched;
 * expected numbers come from the server's database file (sqlite3, read
 * only), never from the pages themselves. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <jansson.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

/* POST of csrf and the pairs of kv (a name may repeat, as checkboxes do). */
static struct response *post_form(struct browser *b, const char *path, const char *csrf, const char *const *kv)
{
	return post_kv(b, path, csrf, kv, NULL, NULL);
}

static struct server *srv;
static struct browser admin;
static char *admin_csrf;
static int prepared;

/* ---- the server's database file ---- */




static long long people_alive(void)
{
	return sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", "");
}

/* ---- requests ---- */



/* POST that must answer 303; returns the id at the end of its Location
 * when it starts with loc_prefix (0 if loc_prefix is NULL). */
static long long post_303(struct browser *b, const char *csrf, const char *path, const char *const *kv,
			  const char *loc_prefix)
{
	struct response *r = post_form(b, path, csrf, kv);
	if (r->status != 303)
		print_message("POST %s: status %ld\n%.600s\n", path, r->status, r->body);
	assert_int_equal(r->status, 303);
	long long id = 0;
	if (loc_prefix) {
		const char *loc = resp_header(r, "Location");
		assert_non_null(loc);
		size_t n = strlen(loc_prefix);
		if (strncmp(loc, loc_prefix, n) != 0)
			fail_msg("POST %s: Location %s, expected %s…", path, loc, loc_prefix);
		id = strtoll(loc + n, NULL, 10);
		assert_true(id > 0);
	}
	response_free(r);
	return id;
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

/* GET of path with ?q= (or &q=) the escaped text appended. */
static struct response *get_q(struct browser *b, const char *path, const char *q)
{
	char esc[800], url[1024];
	url_escape(q, esc, sizeof esc);
	snprintf(url, sizeof url, "%s%cq=%s", path, strchr(path, '?') ? '&' : '?', esc);
	return get_200(b, url);
}

/* The number after "label: " in the page (thousands separators skipped), or -1. */
static long long count_after(const char *body, const char *label)
{
	char pat[128];
	snprintf(pat, sizeof pat, "%s: ", label);
	const char *p = strstr(body, pat);
	if (!p)
		return -1;
	long long n = 0;
	for (p += strlen(pat); isdigit((unsigned char)*p) || *p == ','; p++)
		if (*p != ',')
			n = n * 10 + (*p - '0');
	return n;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static int links_to(const char *body, const char *kind, long long id)
{
	char a[64];
	snprintf(a, sizeof a, "href=\"/%s/%lld\"", kind, id);
	return strstr(body, a) != NULL;
}

/* 1 when the JSON answer's "items" (or "pairs", by a or b) hold the id. */
static int json_has(const char *body, const char *array, long long id)
{
	json_t *j = json_loads(body, 0, NULL);
	assert_non_null(j);
	int found = 0;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(j, array), i, it) {
		if (json_integer_value(json_object_get(it, "id")) == id ||
		    json_integer_value(json_object_get(it, "a")) == id || json_integer_value(json_object_get(it, "b")) == id)
			found = 1;
	}
	json_decref(j);
	return found;
}


/* `daam dedup` on the server's database, while it runs. */
static void run_dedup(void)
{
	char out[512];
	const char *args[] = { "dedup", "--db", srv->db, NULL };
	int st = run_daam(out, sizeof out, args);
	if (st != 0)
		print_message("daam dedup: exit %d: %s\n", st, out);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "pairs of possible duplicates"));
}

/* 1 when an audit row of this user (the page's filter) has exactly this
 * action label, record kind label and record id (English labels, in the
 * row's details), and its stored detail contains `detail`. */
static int audit_has(const char *action_key, const char *user, const char *action, const char *kind, long long id,
		     const char *detail)
{
	char url[128], act[160], knd[160], rec[80];
	snprintf(url, sizeof url, "/admin/audit?action=%s&user=%s", action_key, user);
	struct response *r = get_200(&admin, url);
	snprintf(act, sizeof act, "<dd>%s <bdi dir=\"ltr\">%s</bdi></dd>", action, action_key);
	snprintf(knd, sizeof knd, "<dd>%s <bdi dir=\"ltr\">", kind);
	snprintf(rec, sizeof rec, "<dt>Record</dt><dd><bdi dir=\"ltr\">%lld</bdi></dd>", id);
	int found = 0;
	const char *tbody = strstr(r->body, "<tbody>");
	for (const char *row = tbody; row && !found && (row = strstr(row, "<tr>"));) {
		const char *end = strstr(row, "</tr>");
		if (!end)
			break;
		const char *a = strstr(row, act), *k = strstr(row, knd), *i = strstr(row, rec);
		const char *d = detail ? strstr(row, detail) : row;
		found = a && k && i && d && a < end && k < end && i < end && d < end;
		row = end;
	}
	response_free(r);
	return found;
}

static void prepare(void)
{
	if (prepared)
		return;
	browser_init(&admin, srv);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	admin_csrf = page_csrf(&admin, "/");
	assert_non_null(admin_csrf);
	prepared = 1;
}

/* A signed-in English browser for one demo user (browser_free it). */
static char *user_browser(struct browser *b, const char *name)
{
	browser_init(b, srv);
	b->accept_language = "en";
	sign_in(b, name);
	char *csrf = page_csrf(b, "/");
	assert_non_null(csrf);
	return csrf;
}

/* ---- organizations ---- */

static const char ORG_AR[] = "جَمْعِيَّة إشْراقة الأمل للتنمية";

/* Every field of the new-organization form; the Arabic name with tashkeel
 * and hamza is found again written plainly; the edit form shows what was
 * saved and an edit changes it; both are in the audit log and the history. */
static void test_org_create_edit_and_find(void **state)
{
	prepare();
	long long total = sql_int("SELECT count(*) FROM orgs", "");
	struct response *r = get_200(&admin, "/orgs");
	assert_int_equal(count_after(r->body, "Organizations found"), total);
	response_free(r);

	const char *kv[] = { "name_ar", ORG_AR, "name_en", "Ishraqat Al-Amal Development Association",
		"kind", "association", "stage", "incubated", "maturity", "development", "reg_status", "registered",
		"reg_number", "RQ-2023-117", "reg_date", "2023-05-01", "founded", "2019-11-20", "office", "2",
		"place", "1010", "contact_phone", "0933 222 111", "contact_email", "info@ishraqa.example",
		"sector", "1", "sector", "7", NULL };
	long long id = post_303(&admin, admin_csrf, "/orgs", kv, "/orgs/");
	/* stored as sent */
	assert_int_equal(sql_int("SELECT count(*) FROM orgs WHERE id = ? AND name_ar = ? AND kind = 'association'"
				 " AND stage = 'incubated' AND maturity = 'development' AND reg_status = 'registered'"
				 " AND reg_number = 'RQ-2023-117' AND reg_date = '2023-05-01' AND founded = '2019-11-20'"
				 " AND office_id = 2 AND place_id = 1010 AND contact_email = 'info@ishraqa.example'",
				 "it", id, ORG_AR), 1);
	assert_int_equal(sql_int("SELECT group_concat(sector_id, '') FROM (SELECT sector_id FROM org_sectors"
				 " WHERE org_id = ? ORDER BY sector_id)", "i", id), 17);

	char path[64];
	snprintf(path, sizeof path, "/orgs/%lld", id);
	r = get_200(&admin, path);
	static const char *const shown[] = { "Ishraqat Al-Amal Development Association", "Association", "Incubated",
		"Community development", "Registered", "RQ-2023-117", "2023", "Education", "Women", "Tabqa city",
		"0933 222 111", "info@ishraqa.example", "No members registered yet.", NULL };
	for (int i = 0; shown[i]; i++)
		if (!resp_contains(r, shown[i]))
			fail_msg("%s does not show \"%s\"", path, shown[i]);
	char *office = sql_text("SELECT name_en FROM offices WHERE id = 2", "");
	assert_true(resp_contains(r, office));
	free(office);
	response_free(r);
	r = get_200(&admin, "/orgs");
	assert_int_equal(count_after(r->body, "Organizations found"), total + 1);
	response_free(r);

	/* found written without tashkeel and hamza, with ه for ة, and in English */
	static const char *const spellings[] = { "جمعية اشراقة الامل", "جمعيه إشراقه الأمل", "اشراقة", "Ishraqat", NULL };
	for (int i = 0; spellings[i]; i++) {
		r = get_q(&admin, "/search", spellings[i]);
		if (!links_to(r->body, "orgs", id))
			fail_msg("/search?q=%s does not find organization %lld", spellings[i], id);
		response_free(r);
		r = get_q(&admin, "/api/v1/orgs", spellings[i]);
		if (!json_has(r->body, "items", id))
			fail_msg("/api/v1/orgs?q=%s does not find organization %lld", spellings[i], id);
		response_free(r);
		r = get_q(&admin, "/orgs", spellings[i]);
		assert_true(links_to(r->body, "orgs", id));
		response_free(r);
	}

	/* the edit form holds what was saved */
	snprintf(path, sizeof path, "/orgs/%lld/edit", id);
	r = get_200(&admin, path);
	char want[256];
	snprintf(want, sizeof want, "value=\"%s\"", ORG_AR);
	assert_true(resp_contains(r, want));
	assert_true(resp_contains(r, "value=\"RQ-2023-117\""));
	assert_true(resp_contains(r, "value=\"2019-11-20\""));
	assert_true(resp_contains(r, "value=\"1\" checked"));
	assert_true(resp_contains(r, "value=\"7\" checked"));
	assert_false(resp_contains(r, "value=\"3\" checked"));
	assert_true(resp_contains(r, "value=\"1010\" selected"));
	response_free(r);

	/* an edit: new name, stage and sectors */
	const char *edit[] = { "name_ar", "جمعية إشراقة الأمل", "name_en", "Ishraqat Al-Amal Association",
		"kind", "association", "stage", "alumni", "reg_status", "registered", "reg_number", "RQ-2023-117",
		"office", "2", "sector", "3", NULL };
	snprintf(path, sizeof path, "/orgs/%lld", id);
	assert_int_equal(post_303(&admin, admin_csrf, path, edit, "/orgs/"), id);
	r = get_200(&admin, path);
	assert_true(resp_contains(r, "Ishraqat Al-Amal Association"));
	assert_false(resp_contains(r, "Development Association"));
	assert_true(resp_contains(r, "Alumni"));
	assert_true(resp_contains(r, "Protection"));
	assert_false(resp_contains(r, "Education"));
	/* the history on the page: created, then changed */
	const char *hist = strstr(r->body, "class=\"history\"");
	assert_non_null(hist);
	const char *ch = strstr(hist, "Change"), *cr = strstr(hist, "Creation");
	assert_true(ch && cr && ch < cr); /* newest first */
	response_free(r);
	r = get_200(&admin, "/orgs");
	assert_int_equal(count_after(r->body, "Organizations found"), total + 1);
	response_free(r);
	/* the search follows the new name */
	r = get_q(&admin, "/api/v1/orgs", "للتنمية");
	assert_false(json_has(r->body, "items", id));
	response_free(r);
	r = get_q(&admin, "/api/v1/orgs", "اشراقه");
	assert_true(json_has(r->body, "items", id));
	response_free(r);

	assert_true(audit_has("create", "admin", "Creation", "Organization", id, NULL));
	assert_true(audit_has("update", "admin", "Change", "Organization", id, NULL));
}

/* An office-bound user creates organizations in their own office only,
 * whatever office the form names. */
static void test_org_created_in_own_office(void **state)
{
	prepare();
	struct browser o;
	char *csrf = user_browser(&o, "officer");
	const char *kv[] = { "name_ar", "مبادرة ضفاف الفرات", "kind", "initiative", "stage", "applicant",
		"reg_status", "pending", "office", "2", NULL };
	long long id = post_303(&o, csrf, "/orgs", kv, "/orgs/");
	assert_int_equal(sql_int("SELECT office_id FROM orgs WHERE id = ?", "i", id),
			 sql_int("SELECT office_id FROM users WHERE name = 'officer'", ""));
	char path[64];
	snprintf(path, sizeof path, "/orgs/%lld", id);
	response_free(get_200(&o, path));
	free(csrf);
	browser_free(&o);
}

/* ---- people: adding, finding ---- */

static const char MEMBER_AR[] = "أَحْمَد نجيب العطوة";

/* A member added by a new name is found under other spellings: without
 * hamza, with ه for ة, with tashkeel typed in the query, and in Latin
 * letters once the Latin name is set (Ahmad and Ahmed alike). */
static void test_member_added_and_found_by_spelling(void **state)
{
	prepare();
	long long org = 5;
	long long before = people_alive();
	const char *kv[] = { "name_ar", MEMBER_AR, "role", "منسق مشروع", "start", "2024-02-01", NULL };
	char path[64];
	snprintf(path, sizeof path, "/orgs/%lld/members", org);
	post_303(&admin, admin_csrf, path, kv, "/orgs/");
	long long id = sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", MEMBER_AR);
	assert_true(id > 0);
	assert_int_equal(people_alive(), before + 1);
	assert_int_equal(sql_int("SELECT count(*) FROM memberships WHERE person_id = ? AND org_id = ? AND role = ?"
				 " AND start_date = '2024-02-01'", "iit", id, org, "منسق مشروع"), 1);
	/* the member takes the organization's office */
	assert_int_equal(sql_int("SELECT office_id FROM people WHERE id = ?", "i", id),
			 sql_int("SELECT office_id FROM orgs WHERE id = ?", "i", org));
	snprintf(path, sizeof path, "/orgs/%lld", org);
	struct response *r = get_200(&admin, path);
	assert_true(links_to(r->body, "people", id));
	assert_true(resp_contains(r, "منسق مشروع"));
	response_free(r);
	snprintf(path, sizeof path, "/people/%lld", id);
	r = get_200(&admin, path);
	assert_true(links_to(r->body, "orgs", org));
	response_free(r);

	static const char *const arabic[] = {
		"احمد نجيب العطوة",   /* no hamza, no tashkeel */
		"أحمد نجيب العطوه",   /* ه for ة */
		"أَحْمَد نَجِيب",       /* tashkeel in the query */
		"العطوه",
		NULL };
	for (int i = 0; arabic[i]; i++) {
		r = get_q(&admin, "/search", arabic[i]);
		if (!links_to(r->body, "people", id))
			fail_msg("/search?q=%s does not find person %lld", arabic[i], id);
		response_free(r);
		r = get_q(&admin, "/api/v1/people", arabic[i]);
		if (!json_has(r->body, "items", id))
			fail_msg("/api/v1/people?q=%s does not find person %lld", arabic[i], id);
		response_free(r);
		r = get_q(&admin, "/people", arabic[i]);
		assert_true(links_to(r->body, "people", id));
		response_free(r);
	}
	/* another family name is another person */
	r = get_q(&admin, "/api/v1/people", "احمد نجيب الحلبي");
	assert_false(json_has(r->body, "items", id));
	response_free(r);

	/* the Latin name, then Latin searches */
	const char *edit[] = { "name_ar", MEMBER_AR, "name_latin", "Ahmad Najib Al-Atwa", "gender", "m", NULL };
	assert_int_equal(post_303(&admin, admin_csrf, path, edit, "/people/"), id);
	static const char *const latin[] = { "Ahmad Najib", "Ahmed Najib", "ahmad al-atwa", "AHMED", NULL };
	for (int i = 0; latin[i]; i++) {
		r = get_q(&admin, "/api/v1/people", latin[i]);
		json_t *j = json_loads(r->body, 0, NULL);
		long long total = json_integer_value(json_object_get(j, "total"));
		json_decref(j);
		/* "AHMED" alone matches many: look further than the first page */
		response_free(r);
		char url[256], esc[128];
		url_escape(latin[i], esc, sizeof esc);
		snprintf(url, sizeof url, "/api/v1/people?limit=200&q=%s", esc);
		r = get_200(&admin, url);
		if (!json_has(r->body, "items", id))
			fail_msg("/api/v1/people?q=%s (%lld found) does not find person %lld", latin[i], total, id);
		response_free(r);
	}
	r = get_q(&admin, "/search", "Ahmed Najib");
	assert_true(links_to(r->body, "people", id));
	assert_true(resp_contains(r, "Ahmad Najib Al-Atwa"));
	response_free(r);
}

/* A phone is found typed in local or international form by roles that see
 * phones; a role that does not see phones cannot search by them. */
static void test_phone_search_local_and_international(void **state)
{
	prepare();
	struct browser o, g;
	char *csrf = user_browser(&o, "officer");
	const char *kv[] = { "name_ar", "سعاد كريم الموسى", "gender", "f", "phone", "0991 234 567", "birth_year", "1988", NULL };
	long long id = post_303(&o, csrf, "/people", kv, "/people/");
	assert_int_equal(sql_int("SELECT count(*) FROM person_phones WHERE person_id = ? AND phone_norm = '+963991234567'",
				 "i", id), 1);
	static const char *const forms[] = { "0991234567", "0991 234 567", "+963 991 234 567", "+963991234567",
		"00963991234567", "0991-234-567", NULL };
	struct browser *who[] = { &admin, &o };
	for (int w = 0; w < 2; w++)
		for (int i = 0; forms[i]; i++) {
			struct response *r = get_q(who[w], "/search", forms[i]);
			if (!links_to(r->body, "people", id))
				fail_msg("%s: /search?q=%s does not find person %lld", w ? "officer" : "admin", forms[i], id);
			response_free(r);
			r = get_q(who[w], "/api/v1/people", forms[i]);
			assert_true(json_has(r->body, "items", id));
			response_free(r);
		}
	/* another number does not find her */
	struct response *r = get_q(&admin, "/api/v1/people", "0991 234 568");
	assert_false(json_has(r->body, "items", id));
	response_free(r);
	/* grants (same office, no personal fields) finds her by name, not by phone */
	char *gcsrf = user_browser(&g, "grants");
	r = get_q(&g, "/api/v1/people", "سعاد الموسى");
	assert_true(json_has(r->body, "items", id));
	response_free(r);
	for (int i = 0; forms[i]; i++) {
		r = get_q(&g, "/api/v1/people", forms[i]);
		if (json_has(r->body, "items", id))
			fail_msg("grants finds person %lld by the phone %s", id, forms[i]);
		response_free(r);
	}
	free(gcsrf);
	free(csrf);
	browser_free(&g);
	browser_free(&o);
}

/* ---- lists: filters, counts, paging ---- */

static int current_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* The href of the link rel (next/prev) of a page, with &amp; made &; 0 or -1. */
static int rel_href(const char *body, const char *rel, char *out, size_t size)
{
	char needle[32];
	snprintf(needle, sizeof needle, "\" rel=\"%s\"", rel);
	const char *end = strstr(body, needle);
	if (!end)
		return -1;
	const char *start = end;
	while (start > body && strncmp(start, "href=\"", 6) != 0)
		start--;
	start += 6;
	size_t n = 0;
	for (const char *p = start; p < end && n + 1 < size; p++) {
		out[n++] = *p;
		if (strncmp(p, "&amp;", 5) == 0)
			p += 4;
	}
	out[n] = 0;
	return 0;
}

/* The row ids of a page, in order, into ids (up to max); their number. */
static int page_ids(const char *body, const char *row_prefix, long long *ids, int max)
{
	int n = 0;
	size_t len = strlen(row_prefix);
	for (const char *p = strstr(body, row_prefix); p && n < max; p = strstr(p + len, row_prefix))
		ids[n++] = strtoll(p + len, NULL, 10);
	return n;
}

/* Walks a list paged by key (pager_keyed): from base, follows each page's
 * next link (which must carry after= and the list's filters) to the end,
 * checking 50 rows a page, no row twice, expect rows in all; then follows
 * the previous links back to the first page, which must show the same rows
 * as on the way forward.  Returns the number of rows. */
static long long walk_keyed(const char *base, const char *row_prefix, long long expect)
{
	enum { MAXPAGES = 400 };
	long long pages = (expect + 49) / 50, seen = 0;
	assert_true(pages > 0 && pages < MAXPAGES);
	long long(*ids)[50] = calloc(MAXPAGES, sizeof *ids);
	int *counts = calloc(MAXPAGES, sizeof *counts);
	assert_true(ids && counts);
	const char *q = strchr(base, '?');
	char url[600];
	snprintf(url, sizeof url, "%s", base);
	for (long long page = 1; page <= pages; page++) {
		struct response *r = get_200(&admin, url);
		counts[page] = page_ids(r->body, row_prefix, ids[page], 50);
		long long want = page < pages ? 50 : expect - 50 * (pages - 1);
		if (counts[page] != want)
			fail_msg("%s: %d rows, expected %lld", url, counts[page], want);
		for (int i = 0; i < counts[page]; i++)
			for (long long pg = 1; pg <= page; pg++)
				for (int k = 0; k < (pg == page ? i : counts[pg]); k++)
					if (ids[pg][k] == ids[page][i])
						fail_msg("%s: row %lld on two pages", url, ids[page][i]);
		seen += counts[page];
		char next[600];
		int has_next = rel_href(r->body, "next", next, sizeof next) == 0;
		if (has_next != (page < pages))
			fail_msg("%s: next link %s", url, has_next ? "present" : "missing");
		assert_int_equal(resp_contains(r, "rel=\"prev\""), page > 1);
		response_free(r);
		if (!has_next)
			break;
		char want_page[40];
		snprintf(want_page, sizeof want_page, "?page=%lld&after=%lld", page + 1, ids[page][49]);
		if (!strstr(next, want_page) || (q && !strstr(next, q + 1)))
			fail_msg("%s: the next link %s lacks %s or the filters %s", url, next, want_page, q ? q + 1 : "");
		snprintf(url, sizeof url, "%s", next);
	}
	/* back from the last page: each previous page as it was on the way forward */
	for (long long page = pages; page > 1; page--) {
		struct response *r = get_200(&admin, url);
		char prev[600];
		assert_int_equal(rel_href(r->body, "prev", prev, sizeof prev), 0);
		response_free(r);
		r = get_200(&admin, prev);
		long long back[50];
		int n = page_ids(r->body, row_prefix, back, 50);
		if (n != counts[page - 1] || memcmp(back, ids[page - 1], sizeof *back * (size_t)n) != 0)
			fail_msg("%s: the previous page is not page %lld as shown going forward", prev, page - 1);
		response_free(r);
		snprintf(url, sizeof url, "%s", prev);
	}
	free(ids);
	free(counts);
	return seen;
}

/* The people list: each filter's count is the database's, the pages hold
 * every row once, and the counts follow a new person. */
static void test_people_filters_and_paging(void **state)
{
	prepare();
	int y = current_year();
	struct { const char *query; long long expect; } cases[] = {
		{ "/people", people_alive() },
		{ "/people?gender=f", sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND gender = 'f'", "") },
		{ "/people?gender=m", sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND gender = 'm'", "") },
		{ "/people?age=26-35", sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND birth_year BETWEEN ? AND ?",
					       "ii", (long long)y - 35, (long long)y - 26) },
		{ "/people?age=51%2B", sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND birth_year <= ?",
					       "i", (long long)y - 51) },
		{ "/people?office=2", sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND office_id = 2", "") },
		{ "/people?org=6", sql_int("SELECT count(DISTINCT m.person_id) FROM memberships m JOIN people p ON p.id = m.person_id"
					   " WHERE m.org_id = 6 AND p.merged_into IS NULL", "") },
		{ "/people?gender=f&office=3", sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND gender = 'f'"
						       " AND office_id = 3", "") },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_true(cases[i].expect > 0);
		struct response *r = get_200(&admin, cases[i].query);
		long long shown = count_after(r->body, "People found");
		if (shown != cases[i].expect)
			fail_msg("%s says %lld people, the database has %lld", cases[i].query, shown, cases[i].expect);
		response_free(r);
	}
	/* every page: 50 rows, no row twice, all of them */
	assert_int_equal(walk_keyed("/people", "<tr><td data-label=\"Name\"><a href=\"/people/", cases[0].expect), cases[0].expect);
	assert_int_equal(walk_keyed("/people?gender=f", "<tr><td data-label=\"Name\"><a href=\"/people/", cases[1].expect), cases[1].expect);
	assert_true(cases[0].expect > 100); /* several pages */

	/* a new woman in organization 6: the counts move by one */
	long long women = cases[1].expect;
	const char *kv[] = { "name_ar", "هالة سمير الديري", "gender", "f", NULL };
	long long id = post_303(&admin, admin_csrf, "/people", kv, "/people/");
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", id);
	const char *member[] = { "person", sid, "role", "متطوعة", NULL };
	post_303(&admin, admin_csrf, "/orgs/6/members", member, "/orgs/");
	struct response *r = get_200(&admin, "/people");
	assert_int_equal(count_after(r->body, "People found"), cases[0].expect + 1);
	response_free(r);
	r = get_200(&admin, "/people?gender=f");
	assert_int_equal(count_after(r->body, "People found"), women + 1);
	response_free(r);
	r = get_200(&admin, "/people?gender=m");
	assert_int_equal(count_after(r->body, "People found"), cases[2].expect);
	response_free(r);
	r = get_200(&admin, "/people?org=6");
	assert_int_equal(count_after(r->body, "People found"), cases[6].expect + 1);
	assert_true(links_to(r->body, "people", id));
	response_free(r);
}

/* The organizations list: filters against the database, newest first, and
 * paging once there are more than 50. */
static void test_orgs_filters_and_paging(void **state)
{
	prepare();
	struct { const char *query; const char *sql; } cases[] = {
		{ "/orgs?kind=initiative", "SELECT count(*) FROM orgs WHERE kind = 'initiative'" },
		{ "/orgs?stage=incubated", "SELECT count(*) FROM orgs WHERE stage = 'incubated'" },
		{ "/orgs?office=3", "SELECT count(*) FROM orgs WHERE office_id = 3" },
		{ "/orgs?sector=4", "SELECT count(*) FROM org_sectors WHERE sector_id = 4" },
		{ "/orgs?kind=initiative&office=1", "SELECT count(*) FROM orgs WHERE kind = 'initiative' AND office_id = 1" },
		/* a governorate: its organizations and those of every place under it, and those serving it */
		{ "/orgs?place=1", "WITH RECURSIVE sub(id) AS (SELECT 1 UNION SELECT pl.id FROM places pl JOIN sub ON pl.parent_id = sub.id)"
				   " SELECT count(*) FROM orgs WHERE place_id IN (SELECT id FROM sub)"
				   " OR id IN (SELECT org_id FROM org_areas WHERE place_id = 1)" },
		{ "/orgs?place=1&kind=initiative", "WITH RECURSIVE sub(id) AS (SELECT 1 UNION SELECT pl.id FROM places pl"
				   " JOIN sub ON pl.parent_id = sub.id) SELECT count(*) FROM orgs WHERE kind = 'initiative'"
				   " AND (place_id IN (SELECT id FROM sub) OR id IN (SELECT org_id FROM org_areas WHERE place_id = 1))" },
	};
	/* the demo writes its organizations through org_save, as the page does:
	 * each has its folded name and its search row */
	assert_int_equal(sql_int("SELECT count(*) FROM orgs WHERE name_folded = ''", ""), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM orgs WHERE id NOT IN (SELECT rowid FROM org_search)", ""), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM orgs WHERE name_ar = 'جمعية شباب الرقة التطوعية'"
				 " AND name_folded = 'جمعيه شباب الرقه التطوعيه'", ""), 1);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long long expect = sql_int(cases[i].sql, "");
		assert_true(expect > 0);
		struct response *r = get_200(&admin, cases[i].query);
		long long shown = count_after(r->body, "Organizations found");
		if (shown != expect)
			fail_msg("%s says %lld organizations, the database has %lld", cases[i].query, shown, expect);
		assert_int_equal(count_of(r->body, "<tr><td data-label=\"Name\"><a href=\"/orgs/"), expect < 50 ? expect : 50);
		response_free(r);
	}
	/* three pages (the link back from page 3 is found by key): add
	 * organizations up to 121 */
	long long total = sql_int("SELECT count(*) FROM orgs", "");
	for (int i = 0; total < 121; i++, total++) {
		char name[64];
		snprintf(name, sizeof name, "فريق التجربة %d", i + 1);
		const char *kv[] = { "name_ar", name, "kind", "network", "stage", "external", "reg_status", "unregistered", NULL };
		post_303(&admin, admin_csrf, "/orgs", kv, "/orgs/");
	}
	assert_int_equal(walk_keyed("/orgs", "<tr><td data-label=\"Name\"><a href=\"/orgs/", total), total);
	assert_int_equal(walk_keyed("/orgs?sort=new", "<tr><td data-label=\"Name\"><a href=\"/orgs/", total), total);
	/* newest first: the first row is the last organization made */
	struct response *r = get_200(&admin, "/orgs?sort=new");
	char first[64];
	snprintf(first, sizeof first, "<tr><td data-label=\"Name\"><a href=\"/orgs/%lld\"", sql_int("SELECT max(id) FROM orgs", ""));
	const char *p = strstr(r->body, "<tr><td data-label=\"Name\"><a href=\"/orgs/");
	assert_non_null(p);
	assert_int_equal(strncmp(p, first, strlen(first)), 0);
	response_free(r);
	r = get_200(&admin, "/orgs?kind=network&stage=external");
	assert_int_equal(count_after(r->body, "Organizations found"),
			 sql_int("SELECT count(*) FROM orgs WHERE kind = 'network' AND stage = 'external'", ""));
	response_free(r);
}

/* ---- lists past the counted thousand, and per scope ---- */

/* The number in the start page's tile linking to href ("1,234" or
 * "1,000+"; *more set for the latter), or -1. */
static long long tile_count(struct browser *b, const char *href, int *more)
{
	struct response *r = get_200(b, "/");
	char pat[96];
	snprintf(pat, sizeof pat, "<a class=\"tile\" href=\"%s\"><b><bdi dir=\"ltr\">", href);
	const char *p = strstr(r->body, pat);
	long long n = -1;
	if (p) {
		n = 0;
		for (p += strlen(pat); isdigit((unsigned char)*p) || *p == ','; p++)
			if (*p != ',')
				n = n * 10 + (*p - '0');
		*more = *p == '+';
	}
	response_free(r);
	return n;
}

/* The people list's count as shown: the number, and whether "+" follows. */
static long long people_found(struct browser *b, const char *path, int *more)
{
	struct response *r = get_200(b, path);
	long long n = count_after(r->body, "People found");
	const char *p = strstr(r->body, "People found: ");
	assert_non_null(p);
	p += strlen("People found: ");
	while (isdigit((unsigned char)*p) || *p == ',')
		p++;
	*more = *p == '+';
	response_free(r);
	return n;
}

/* More than a thousand young women imported (no office, no organization):
 * a filtered count stops at the thousand and says "1,000+", the pages still
 * hold every row once (the next link comes from one row more than the
 * page, not from the count); the director's unfiltered count stays exact;
 * an officer counts only their office's people, on the list and the start
 * page; the place and organization filters count from their own indexes
 * what the database holds. */
static void test_counts_past_the_thousand_and_per_scope(void **state)
{
	prepare();
	int y = current_year();
	static const char *const first[] = { "سلمى", "ريم", "هدى", "نور", "لينا", "رنا", "ميس", "دانة", "جنى", "ليال", "روان" };
	static const char *const father[] = { "خالد", "محمود", "سعيد", "ياسر", "فيصل", "عادل", "ماهر", "نبيل", "وليد", "حسام" };
	static const char *const family[] = { "الحمود", "العبيد", "الصالح", "الخلف", "الجاسم", "العيسى", "الدرويش", "الموسى",
					       "الشيخ", "الفارس" };
	char csv[600];
	snprintf(csv, sizeof csv, "%s.women.csv", srv->db);
	FILE *f = fopen(csv, "w");
	assert_non_null(f);
	fprintf(f, "name,gender,birth_year\n");
	int rows = 0;
	for (size_t a = 0; a < 11; a++)
		for (size_t b = 0; b < 10; b++)
			for (size_t c = 0; c < 10; c++, rows++)
				fprintf(f, "%s %s %s,f,%d\n", first[a], father[b], family[c], y - 20);
	fclose(f);
	char out[2048];
	const char *args[] = { "import", "people", csv, "--db", srv->db, NULL };
	int st = run_daam(out, sizeof out, args);
	if (st != 0)
		print_message("daam import: exit %d: %s\n", st, out);
	assert_int_equal(st, 0);
	unlink(csv);
	long long young_women = sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND gender = 'f'"
					" AND birth_year BETWEEN ? AND ?", "ii", (long long)y - 25, (long long)y - 18);
	assert_true(young_women >= rows && young_women > 1000);

	/* filtered: counted up to the thousand, then "1,000+" */
	int more = 0;
	assert_int_equal(people_found(&admin, "/people?gender=f&age=18-25", &more), 1000);
	assert_true(more);
	/* …and every row is still reachable: next links past page 20 */
	assert_int_equal(walk_keyed("/people?gender=f&age=18-25", "<tr><td data-label=\"Name\"><a href=\"/people/", young_women),
			 young_women);
	/* fewer than the thousand: the exact number, no "+" */
	long long men = sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND gender = 'm'", "");
	assert_true(men > 0 && men <= 1000);
	assert_int_equal(people_found(&admin, "/people?gender=m", &more), men);
	assert_false(more);
	/* unfiltered, every office: exact, on the list and the start page */
	assert_true(people_alive() > 1000);
	assert_int_equal(people_found(&admin, "/people", &more), people_alive());
	assert_false(more);
	assert_int_equal(tile_count(&admin, "/people", &more), people_alive());
	assert_false(more);

	/* an officer: only the office's people and its organizations' members
	 * (none of the imported women), on the list and the start page */
	struct browser o;
	free(user_browser(&o, "officer"));
	long long office = sql_int("SELECT office_id FROM users WHERE name = 'officer'", "");
	assert_true(office > 0);
	static const char VISIBLE[] =
		"SELECT count(*) FROM people p WHERE p.merged_into IS NULL AND (p.office_id = ?1 OR p.id IN"
		" (SELECT m.person_id FROM memberships m JOIN orgs g ON g.id = m.org_id WHERE g.office_id = ?1))";
	long long mine = sql_int(VISIBLE, "i", office);
	assert_true(mine > 0 && mine < 1000);
	assert_int_equal(people_found(&o, "/people", &more), mine);
	assert_false(more);
	assert_int_equal(tile_count(&o, "/people", &more), mine);
	assert_false(more);
	char sql[600];
	snprintf(sql, sizeof sql, "%s AND p.gender = 'f'", VISIBLE);
	assert_int_equal(people_found(&o, "/people?gender=f", &more), sql_int(sql, "i", office));
	assert_int_equal(people_found(&o, "/people?gender=f&age=18-25", &more),
			 sql_int("SELECT count(*) FROM people p WHERE p.merged_into IS NULL AND p.gender = 'f'"
				 " AND p.birth_year BETWEEN ?2 AND ?3 AND (p.office_id = ?1 OR p.id IN (SELECT m.person_id"
				 " FROM memberships m JOIN orgs g ON g.id = m.org_id WHERE g.office_id = ?1))",
				 "iii", office, (long long)y - 25, (long long)y - 18));
	/* a key out of the officer's scope does not place the page: a person of
	 * another office, neither a member of the office's organizations, as
	 * the key of after= or before= gives the first page, as if absent */
	long long hidden = sql_int("SELECT id FROM people p WHERE merged_into IS NULL AND office_id <> ?1 AND id NOT IN"
				   " (SELECT m.person_id FROM memberships m JOIN orgs g ON g.id = m.org_id WHERE g.office_id = ?1)"
				   " AND id NOT IN (SELECT person_id FROM person_offices WHERE office_id = ?1)"
				   " ORDER BY name_folded DESC LIMIT 1", "i", office);
	assert_true(hidden > 0);
	{
		long long first[50], keyed[50];
		struct response *r0 = get_200(&o, "/people?gender=f");
		int n0 = page_ids(r0->body, "<a href=\"/people/", first, 50);
		response_free(r0);
		assert_true(n0 > 10);
		for (int k = 0; k < 2; k++) {
			char url[96];
			snprintf(url, sizeof url, "/people?gender=f&%s=%lld", k ? "before" : "after", hidden);
			struct response *r1 = get_200(&o, url);
			int n1 = page_ids(r1->body, "<a href=\"/people/", keyed, 50);
			response_free(r1);
			if (n1 != n0 || memcmp(first, keyed, sizeof *first * (size_t)n0) != 0)
				fail_msg("%s: a key out of scope moved the page", url);
		}
	}
	/* the organizations: the office's own, exact */
	assert_int_equal(tile_count(&o, "/orgs", &more), sql_int("SELECT count(*) FROM orgs WHERE office_id = ?1", "i", office));
	struct response *r = get_200(&o, "/orgs");
	assert_int_equal(count_after(r->body, "Organizations found"),
			 sql_int("SELECT count(*) FROM orgs WHERE office_id = ?1", "i", office));
	response_free(r);

	/* a place and what lies under it, counted from people_place: the
	 * community of most people, then its governorate */
	static const char SUBTREE[] =
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT pl.id FROM places pl JOIN sub ON pl.parent_id = sub.id)"
		" SELECT count(*) FROM people WHERE merged_into IS NULL AND place_id IN (SELECT id FROM sub)";
	long long community = sql_int("SELECT place_id FROM people WHERE merged_into IS NULL AND place_id IS NOT NULL"
				       " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", "");
	long long top = community;
	while (sql_int("SELECT coalesce(parent_id, 0) FROM places WHERE id = ?1", "i", top))
		top = sql_int("SELECT parent_id FROM places WHERE id = ?1", "i", top);
	assert_true(community > 0 && top != community);
	long long places[] = { community, top };
	for (int i = 0; i < 2; i++) {
		char url[96];
		long long expect = sql_int(SUBTREE, "i", places[i]);
		assert_true(expect > 0);
		snprintf(url, sizeof url, "/people?place=%lld", places[i]);
		long long shown = people_found(&admin, url, &more);
		if (expect > 1000)
			assert_true(shown == 1000 && more);
		else if (shown != expect || more)
			fail_msg("%s says %lld people, the database has %lld", url, shown, expect);
		/* the pages: every one of them once (a few are sorted from people_place) */
		assert_int_equal(walk_keyed(url, "<tr><td data-label=\"Name\"><a href=\"/people/", expect), expect);
		/* with gender and the officer's scope too */
		snprintf(url, sizeof url, "/people?place=%lld&gender=f", places[i]);
		snprintf(sql, sizeof sql, "%s AND gender = 'f' AND (office_id = ?2 OR id IN (SELECT m.person_id FROM memberships m"
			 " JOIN orgs g ON g.id = m.org_id WHERE g.office_id = ?2))", SUBTREE);
		assert_int_equal(people_found(&o, url, &more), sql_int(sql, "ii", places[i], office));
	}
	/* an organization's members, driven by its memberships, in any scope */
	long long org = sql_int("SELECT m.org_id FROM memberships m JOIN orgs g ON g.id = m.org_id WHERE g.office_id = ?1"
				" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", "i", office);
	char url[96];
	snprintf(url, sizeof url, "/people?org=%lld", org);
	long long members = sql_int("SELECT count(DISTINCT m.person_id) FROM memberships m JOIN people p ON p.id = m.person_id"
				    " WHERE m.org_id = ?1 AND p.merged_into IS NULL", "i", org);
	assert_true(members > 0);
	assert_int_equal(people_found(&o, url, &more), members);
	assert_int_equal(people_found(&admin, url, &more), members);

	/* 1,100 more young women, members of an organization of the officer's
	 * office (so of the office): the officer's counts pass the thousand —
	 * counted from the office's own people — while what stays under it is
	 * still exact */
	char *org_name = sql_text("SELECT name_ar FROM orgs o WHERE office_id = ?1 AND (SELECT count(*) FROM orgs x"
				  " WHERE x.name_folded = o.name_folded) = 1 ORDER BY id LIMIT 1", "i", office);
	assert_true(org_name && *org_name);
	snprintf(csv, sizeof csv, "%s.office.csv", srv->db);
	f = fopen(csv, "w");
	assert_non_null(f);
	fprintf(f, "name,gender,birth_year,organization\n");
	for (size_t a = 0; a < 11; a++)
		for (size_t b = 0; b < 10; b++)
			for (size_t c = 0; c < 10; c++)
				fprintf(f, "%s %s %s,f,%d,%s\n", first[a], family[c], father[b], y - 22, org_name);
	fclose(f);
	free(org_name);
	const char *args2[] = { "import", "people", csv, "--db", srv->db, NULL };
	st = run_daam(out, sizeof out, args2);
	if (st != 0)
		print_message("daam import: exit %d: %s\n", st, out);
	assert_int_equal(st, 0);
	unlink(csv);
	mine = sql_int(VISIBLE, "i", office);
	assert_true(sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL AND office_id = ?1", "i", office) > 1000);
	assert_int_equal(people_found(&o, "/people", &more), 1000);
	assert_true(more);
	assert_int_equal(tile_count(&o, "/people", &more), 1000);
	assert_true(more);
	assert_int_equal(people_found(&o, "/people?gender=f&age=18-25", &more), 1000);
	assert_true(more);
	assert_int_equal(people_found(&o, "/people?gender=f", &more), 1000);
	assert_true(more);
	/* the men of the office and its organizations: under the thousand, exact */
	snprintf(sql, sizeof sql, "%s AND p.gender = 'm'", VISIBLE);
	long long office_men = sql_int(sql, "i", office);
	assert_true(office_men > 0 && office_men <= 1000);
	assert_int_equal(people_found(&o, "/people?gender=m", &more), office_men);
	assert_false(more);
	/* an age band without the imported women: exact too */
	assert_int_equal(people_found(&o, "/people?age=51%2B", &more),
			 sql_int("SELECT count(*) FROM people p WHERE p.merged_into IS NULL AND p.birth_year <= ?2 AND"
				 " (p.office_id = ?1 OR p.id IN (SELECT m.person_id FROM memberships m JOIN orgs g ON g.id = m.org_id"
				 " WHERE g.office_id = ?1))", "ii", office, (long long)y - 51));
	assert_true(mine > 1000);
	browser_free(&o);
}

/* ---- validation ---- */

/* The <input ...> tag of the form field with this id (malloc'd), or NULL. */
static char *input_tag(const char *html, const char *field)
{
	char id[80];
	snprintf(id, sizeof id, "<input id=\"f-%s\"", field);
	const char *p = strstr(html, id);
	const char *end = p ? strchr(p, '>') : NULL;
	return end ? strndup(p, (size_t)(end - p + 1)) : NULL;
}

static void expect_kept(const char *html, const char *field, const char *value)
{
	char *tag = input_tag(html, field);
	char want[256];
	snprintf(want, sizeof want, "value=\"%s\"", value);
	if (!tag || !strstr(tag, want))
		fail_msg("field %s does not keep %s: %s", field, want, tag ? tag : "(no input)");
	free(tag);
}

/* The error is inside the field's own block. */
static void expect_field_error(const char *html, const char *field, const char *message)
{
	char id[64];
	snprintf(id, sizeof id, "id=\"f-%s\"", field);
	const char *f = strstr(html, id);
	assert_non_null(f);
	const char *close = strstr(f, "</div>");
	snprintf(id, sizeof id, "id=\"e-%s\">", field);
	const char *e = strstr(f, id);
	if (!e || !close || e > close)
		fail_msg("no error beside the field %s", field);
	if (message && (!strstr(e, message) || strstr(e, message) > close))
		fail_msg("the error beside %s is not \"%s\"", field, message);
}

/* A picker with an error: the message inside its own fieldset. */
static void expect_picker_error(const char *html, const char *field, const char *message)
{
	char id[64];
	snprintf(id, sizeof id, "<fieldset class=\"picker has-error\" id=\"f-%s\"", field);
	const char *f = strstr(html, id);
	assert_non_null(f);
	const char *close = strstr(f, "</fieldset>");
	snprintf(id, sizeof id, "<p class=\"error\" id=\"e-%s\">", field);
	const char *e = strstr(f, id);
	if (!e || !close || e > close || !strstr(e, message) || strstr(e, message) > close)
		fail_msg("no error \"%s\" in the picker %s", message, field);
}

/* A <select> with an error: the message inside its own field block. */
static void expect_select_error(const char *html, const char *field, const char *message)
{
	char id[64];
	snprintf(id, sizeof id, "<select id=\"f-%s\"", field);
	const char *f = strstr(html, id);
	assert_non_null(f);
	const char *close = strstr(f, "</div>");
	const char *e = strstr(f, "<p class=\"error\"");
	if (!e || !close || e > close || !strstr(e, message) || strstr(e, message) > close)
		fail_msg("no error \"%s\" beside the select %s", message, field);
}

/* Refused forms: 400, the error beside the field, the summary, what was
 * typed kept, nothing saved. */
static void test_validation_errors_keep_input(void **state)
{
	prepare();
	long long orgs = sql_int("SELECT count(*) FROM orgs", ""), people = people_alive();
	long long members = sql_int("SELECT count(*) FROM memberships", "");

	/* organization without a name */
	const char *no_name[] = { "name_ar", "", "name_en", "Typed Org Name", "kind", "association", "stage", "incubated",
		"reg_status", "registered", "reg_number", "R-55", "sector", "2", NULL };
	struct response *r = post_form(&admin, "/orgs", admin_csrf, no_name);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "class=\"error-summary\""));
	expect_field_error(r->body, "name_ar", "This field is required.");
	expect_kept(r->body, "name_en", "Typed Org Name");
	expect_kept(r->body, "reg_number", "R-55");
	assert_true(resp_contains(r, "value=\"association\" selected"));
	assert_true(resp_contains(r, "value=\"2\" checked"));
	response_free(r);
	/* a one-letter name, an unknown kind, a bad date */
	const char *bad[] = { "name_ar", "ج", "name_en", "Short", "kind", "bogus", "stage", "incubated",
		"reg_status", "registered", "founded", "2019-13-40", NULL };
	r = post_form(&admin, "/orgs", admin_csrf, bad);
	assert_int_equal(r->status, 400);
	expect_field_error(r->body, "name_ar", "Too short");
	expect_select_error(r->body, "kind", "Choose one of the listed options.");
	/* the stage is a group of radio buttons: the one chosen stays chosen */
	assert_true(resp_contains(r, "name=\"stage\" value=\"incubated\" checked"));
	expect_field_error(r->body, "founded", NULL);
	expect_kept(r->body, "name_en", "Short");
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM orgs", ""), orgs);
	r = get_200(&admin, "/orgs");
	assert_int_equal(count_after(r->body, "Organizations found"), orgs);
	assert_false(resp_contains(r, "Typed Org Name"));
	response_free(r);

	/* person without a name; then with a phone we cannot read; then a
	 * consent purpose without its date */
	const char *p1[] = { "name_ar", "", "name_latin", "Huda Typed", "phone", "0944 555 666", NULL };
	r = post_form(&admin, "/people", admin_csrf, p1);
	assert_int_equal(r->status, 400);
	expect_field_error(r->body, "name_ar", "This field is required.");
	expect_kept(r->body, "name_latin", "Huda Typed");
	expect_kept(r->body, "phone", "0944 555 666");
	response_free(r);
	const char *p2[] = { "name_ar", "هدى المطيع", "phone", "12ab", NULL };
	r = post_form(&admin, "/people", admin_csrf, p2);
	assert_int_equal(r->status, 400);
	expect_field_error(r->body, "phone", "This is not a phone number we can read.");
	expect_kept(r->body, "name_ar", "هدى المطيع");
	response_free(r);
	const char *p3[] = { "name_ar", "هدى المطيع", "consent_purpose", "التدريب", NULL };
	r = post_form(&admin, "/people", admin_csrf, p3);
	assert_int_equal(r->status, 400);
	expect_field_error(r->body, "consent_date", NULL);
	expect_kept(r->body, "consent_purpose", "التدريب");
	response_free(r);
	assert_int_equal(people_alive(), people);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = 'هدى المطيع'", ""), 0);

	/* a member with neither number nor name; a number nobody has */
	const char *m1[] = { "person", "", "name_ar", "", "role", "عضو", NULL };
	r = post_form(&admin, "/orgs/5/members", admin_csrf, m1);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "id=\"e-person\""));
	expect_kept(r->body, "role", "عضو");
	response_free(r);
	const char *m2[] = { "person", "999999", NULL };
	r = post_form(&admin, "/orgs/5/members", admin_csrf, m2);
	assert_int_equal(r->status, 400);
	expect_picker_error(r->body, "person", "No person has this number.");
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM memberships", ""), members);
	assert_int_equal(people_alive(), people);
}

/* ---- duplicates ---- */

/* The pairs the API offers now, as (a, b) into pairs; returns how many. */
static int api_pairs(long long (*pairs)[2], int max)
{
	struct response *r = get_200(&admin, "/api/v1/people/duplicates?limit=200");
	json_t *j = json_loads(r->body, 0, NULL);
	assert_non_null(j);
	int n = 0;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(j, "pairs"), i, it) {
		if (n < max) {
			pairs[n][0] = json_integer_value(json_object_get(it, "a"));
			pairs[n][1] = json_integer_value(json_object_get(it, "b"));
		}
		n++;
	}
	json_decref(j);
	response_free(r);
	return n < max ? n : max;
}

static int has_pair(long long (*pairs)[2], int n, long long a, long long b)
{
	for (int i = 0; i < n; i++)
		if ((pairs[i][0] == a && pairs[i][1] == b) || (pairs[i][0] == b && pairs[i][1] == a))
			return 1;
	return 0;
}

/* `daam dedup` proposes the demo's re-registered people; merging one pair
 * keeps one record with both memberships, the other's number leads to it,
 * the count drops by one and the audit log has the merge. */
static void test_duplicates_merge(void **state)
{
	prepare();
	run_dedup();
	long long pairs[256][2];
	int n = api_pairs(pairs, 256);
	print_message("daam dedup proposes %d pairs\n", n);
	assert_true(n >= 5);
	/* the duplicates page lists as many */
	struct response *r = get_200(&admin, "/people/duplicates");
	assert_int_equal(count_after(r->body, "Pairs to review"), n);
	response_free(r);

	long long keep = pairs[0][0], gone = pairs[0][1];
	char *keep_name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", keep);
	char *gone_name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", gone);
	/* give the second record a membership of its own, elsewhere */
	long long keep_org = sql_int("SELECT min(org_id) FROM memberships WHERE person_id = ?", "i", keep);
	long long other_org = sql_int("SELECT min(id) FROM orgs WHERE id <> ? AND id >= 5", "i", keep_org);
	assert_true(keep_org > 0 && other_org > 0);
	char sid[24], path[64], pair[64];
	snprintf(sid, sizeof sid, "%lld", gone);
	snprintf(path, sizeof path, "/orgs/%lld/members", other_org);
	const char *member[] = { "person", sid, "role", "عضو", NULL };
	post_303(&admin, admin_csrf, path, member, "/orgs/");
	r = get_200(&admin, "/people");
	long long before = count_after(r->body, "People found");
	response_free(r);
	assert_int_equal(before, people_alive());

	/* confirmed on the compare page (test_merge walks its choices): the
	 * pair's first is kept */
	snprintf(pair, sizeof pair, "%lld:%lld", keep, gone);
	const char *kv[] = { "pair", pair, NULL };
	r = post_form(&admin, "/people/duplicates/merge", admin_csrf, kv);
	assert_int_equal(r->status, 303);
	char *merged_at = strdup(resp_header(r, "Location"));
	assert_true(strncmp(merged_at, "/people/duplicates?merged=", 26) == 0);
	response_free(r);

	/* the old number leads to the kept record */
	snprintf(path, sizeof path, "/people/%lld", gone);
	r = http_get(&admin, path);
	assert_int_equal(r->status, 303);
	char loc[64];
	snprintf(loc, sizeof loc, "/people/%lld", keep);
	assert_string_equal(resp_header(r, "Location"), loc);
	response_free(r);
	/* which has both memberships */
	r = get_200(&admin, loc);
	assert_true(links_to(r->body, "orgs", keep_org));
	assert_true(links_to(r->body, "orgs", other_org));
	response_free(r);
	snprintf(path, sizeof path, "/orgs/%lld", other_org);
	r = get_200(&admin, path);
	assert_true(links_to(r->body, "people", keep));
	assert_false(links_to(r->body, "people", gone));
	response_free(r);
	/* one person fewer, in the list and the API */
	r = get_200(&admin, "/people");
	assert_int_equal(count_after(r->body, "People found"), before - 1);
	assert_false(links_to(r->body, "people", gone));
	response_free(r);
	snprintf(path, sizeof path, "/api/v1/people/%lld", gone);
	r = http_get(&admin, path);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = get_q(&admin, "/api/v1/people", gone_name);
	assert_false(json_has(r->body, "items", gone));
	assert_true(json_has(r->body, "items", keep));
	response_free(r);
	/* no pair with the merged record is proposed any more */
	long long after[256][2];
	int m = api_pairs(after, 256);
	assert_int_equal(m, n - 1);
	for (int i = 0; i < m; i++)
		assert_true(after[i][0] != gone && after[i][1] != gone);
	/* the audit log: a merge of the kept person naming the other */
	char detail[48];
	snprintf(detail, sizeof detail, "merged=%lld ", gone);
	assert_true(audit_has("merge", "admin", "Merged", "Person", keep, detail));
	assert_int_equal(sql_int("SELECT count(*) FROM person_merges WHERE kept_id = ? AND merged_id = ?", "ii", keep, gone), 1);
	/* the same merge again (a second tap): its message again, nothing more merged */
	r = post_form(&admin, "/people/duplicates/merge", admin_csrf, kv);
	assert_int_equal(r->status, 303);
	assert_string_equal(resp_header(r, "Location"), merged_at);
	response_free(r);
	free(merged_at);
	assert_int_equal(people_alive(), before - 1);
	assert_int_equal(sql_int("SELECT count(*) FROM person_merges", ""), 1);
	free(keep_name);
	free(gone_name);
}

/* "Not the same person" removes a pair for good: neither `daam dedup` nor
 * the page's refresh proposes it again, while the other pairs stay. */
static void test_duplicates_not_the_same(void **state)
{
	prepare();
	run_dedup();
	long long pairs[256][2];
	int n = api_pairs(pairs, 256);
	assert_true(n >= 2);
	long long a = pairs[n - 1][0], b = pairs[n - 1][1];
	char pair[64];
	snprintf(pair, sizeof pair, "%lld:%lld", b, a); /* either order */
	const char *kv[] = { "pair", pair, NULL };
	struct response *r = post_form(&admin, "/people/duplicates/distinct", admin_csrf, kv);
	assert_int_equal(r->status, 303);
	response_free(r);
	long long now[256][2];
	int m = api_pairs(now, 256);
	assert_int_equal(m, n - 1);
	assert_false(has_pair(now, m, a, b));
	/* computed again from scratch, by the command and by the page */
	run_dedup();
	m = api_pairs(now, 256);
	assert_int_equal(m, n - 1);
	assert_false(has_pair(now, m, a, b));
	assert_true(has_pair(now, m, pairs[0][0], pairs[0][1]));
	char *csrf = page_csrf(&admin, "/people/duplicates");
	assert_non_null(csrf);
	r = post_form(&admin, "/people/duplicates/refresh", csrf, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(csrf);
	/* the page's refresh is a background job: the button comes back when it is done */
	int done = 0;
	for (int tries = 0; tries < 100 && !done; tries++) {
		r = http_get(&admin, "/people/duplicates");
		done = r->status == 200 && strstr(r->body, "action=\"/people/duplicates/refresh\"") != NULL;
		response_free(r);
		if (!done)
			usleep(100 * 1000);
	}
	assert_true(done);
	m = api_pairs(now, 256);
	assert_false(has_pair(now, m, a, b));
	assert_int_equal(m, n - 1);
	/* both people are still there, and the decision is in the audit log */
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE id IN (?, ?) AND merged_into IS NULL", "ii", a, b), 2);
	char detail[48];
	snprintf(detail, sizeof detail, "other=%lld", a > b ? a : b);
	assert_true(audit_has("not_duplicate", "admin", "Marked not the same", "Person", a < b ? a : b, detail));
}

/* ---- the schema ---- */

/* 1 when a table or column name names a protected characteristic.  Short
 * English words count as whole parts of the name ("sect" is, "sector" is
 * not); the others and the Arabic words anywhere in it. */
static int protected_name(const char *name)
{
	static const char *const anywhere[] = { "ethnic", "religio", "tribe", "tribal",
		"عرق", "دين", "مذهب", "طائفة", "طائفه", "عشيرة", "عشيره", "قبيلة", "قبيله", NULL };
	static const char *const words[] = { "sect", "sects", "sectarian", "clan", "clans", NULL };
	char low[256];
	size_t n = 0;
	for (; name[n] && n + 1 < sizeof low; n++)
		low[n] = (char)tolower((unsigned char)name[n]);
	low[n] = 0;
	for (int i = 0; anywhere[i]; i++)
		if (strstr(low, anywhere[i]))
			return 1;
	for (char *p = low; *p;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		char *start = p;
		while (*p && isalnum((unsigned char)*p))
			p++;
		for (int i = 0; words[i] && p > start; i++)
			if ((size_t)(p - start) == strlen(words[i]) && strncmp(start, words[i], (size_t)(p - start)) == 0)
				return 1;
	}
	return 0;
}

/* No table or column for ethnicity, religion, sect or tribe, in English or
 * Arabic (QUALITY.md: "a test checks the schema"). */
static void test_schema_has_no_protected_characteristics(void **state)
{
	prepare();
	/* the matcher itself */
	static const char *const flagged[] = { "ethnicity", "Ethnic_group", "religion", "is_religious", "sect", "person_sect",
		"tribe", "tribal_affiliation", "clan_id", "عرق", "الدين", "مذهب", "طائفة", "عشيرة", "قبيلة", NULL };
	static const char *const fine[] = { "sector_id", "org_sectors", "sectors", "name_ar", "consent_purpose",
		"displacement", "section", NULL };
	for (int i = 0; flagged[i]; i++)
		if (!protected_name(flagged[i]))
			fail_msg("the schema check would miss \"%s\"", flagged[i]);
	for (int i = 0; fine[i]; i++)
		if (protected_name(fine[i]))
			fail_msg("the schema check flags \"%s\"", fine[i]);

	int tables = 0, columns = 0;
	sqlite3_stmt *t = sql_vprep("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
				" ORDER BY name", NULL, NULL);
	while (sqlite3_step(t) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(t, 0);
		tables++;
		if (protected_name(table))
			fail_msg("table %s names a protected characteristic", table);
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", table);
		sqlite3_stmt *c = sql_vprep(sql, NULL, NULL);
		while (sqlite3_step(c) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(c, 0);
			columns++;
			if (protected_name(col))
				fail_msg("column %s.%s names a protected characteristic", table, col);
		}
		sqlite3_finalize(c);
	}
	sqlite3_finalize(t);
	print_message("schema: %d tables, %d columns checked\n", tables, columns);
	/* the registry is there: the check read the real schema */
	assert_true(tables >= 15);
	assert_true(sql_int("SELECT count(*) FROM pragma_table_info('people') WHERE name = 'name_ar'", "") == 1);
}

static void test_server_stops_cleanly(void **state)
{
	if (prepared) {
		browser_free(&admin);
		free(admin_csrf);
	}
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
		cmocka_unit_test(test_org_create_edit_and_find),
		cmocka_unit_test(test_org_created_in_own_office),
		cmocka_unit_test(test_member_added_and_found_by_spelling),
		cmocka_unit_test(test_phone_search_local_and_international),
		cmocka_unit_test(test_people_filters_and_paging),
		cmocka_unit_test(test_orgs_filters_and_paging),
		cmocka_unit_test(test_validation_errors_keep_input),
		cmocka_unit_test(test_duplicates_merge),
		cmocka_unit_test(test_duplicates_not_the_same),
		cmocka_unit_test(test_schema_has_no_protected_characteristics),
		cmocka_unit_test(test_counts_past_the_thousand_and_per_scope),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
