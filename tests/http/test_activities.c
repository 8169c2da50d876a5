/* test_activities — the activities module as its users use it: the Raqqa
 * officer adds a training (its first session with it) and a second
 * session; registers people until it is full, the next goes on the waiting
 * list, a second registration of one person changes nothing; marks
 * attendance, the same mark twice being one row (and the JSON answer of
 * the offline page saying so), a mark taken back, a walk-in registered by
 * the mark; only a participant present at the threshold of the sessions
 * gets a certificate (404 before), whose PDF holds the Arabic name whole
 * (pdftotext) and a code the public page /verify/CODE shows with the name
 * and the activity only; `daam certificates` writes the same; a trainer of
 * another office finds none of it (404), an M&E officer reads but cannot
 * write (403), a donor sees the people reached and not the activities; the
 * API's reach count is the number of distinct people (merged counted once)
 * read from the database directly.
 *
 * Pages are read in English; expected values come from the server's
 * database file (sqlite3), never from the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

static struct server *srv;
static struct browser officer;
static char *csrf;
static long long activity, s1, s2;
static long long p[4];   /* people of the Raqqa office */

static char *post_303(struct browser *b, const char *path, const char *const *kv)
{
	struct response *r = post_kv(b, path, csrf, kv, NULL, NULL);
	if (r->status != 303)
		print_message("POST %s: status %ld\n%.800s\n", path, r->status, r->body);
	assert_int_equal(r->status, 303);
	char *loc = strdup(resp_header(r, "Location"));
	response_free(r);
	return loc;
}

static long status_of(struct browser *b, const char *method, const char *path, const char *const *kv, const char *tok)
{
	struct response *r = strcmp(method, "GET") == 0 ? http_get(b, path) : post_kv(b, path, tok, kv, NULL, NULL);
	assert_non_null(r);
	long st = r->status;
	response_free(r);
	return st;
}

static void prepare(void)
{
	if (csrf)
		return;
	browser_init(&officer, srv);
	officer.accept_language = "en";
	sign_in(&officer, "officer");
	csrf = page_csrf(&officer, "/activities/new");
	assert_non_null(csrf);
	sqlite3_stmt *st = sql_vprep("SELECT id FROM people WHERE office_id = (SELECT id FROM offices WHERE code = 'raqqa')"
				     " AND merged_into IS NULL AND id NOT IN (SELECT person_id FROM activity_people)"
				     " ORDER BY id LIMIT 4", NULL, NULL);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		p[i] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
}

static void test_activity_with_sessions(void **state)
{
	(void)state;
	prepare();
	const char *kv[] = { "kind", "training", "title", "دورة الاختبار للمناصرة", "capacity", "2", "threshold", "100",
			     "dims", "advocacy", "dims", "networking", "day", "2026-04-01", "start", "09:30", "end", "12:00",
			     NULL };
	char *loc = post_303(&officer, "/activities", kv);
	assert_int_equal(sscanf(loc, "/activities/%lld", &activity), 1);
	free(loc);
	char path[96];
	snprintf(path, sizeof path, "/activities/%lld/sessions", activity);
	const char *bad[] = { "day", "2026-04-02", "start", "25:99", NULL };
	assert_int_equal(status_of(&officer, "POST", path, bad, csrf), 400);
	const char *kv2[] = { "day", "2026-04-02", "start", "09:30", "end", "12:00", NULL };
	free(post_303(&officer, path, kv2));
	assert_int_equal(sql_int("SELECT count(*) FROM activity_sessions WHERE activity_id = ?1", "i", activity), 2);
	assert_int_equal(sql_int("SELECT count(*) FROM activity_dimensions WHERE activity_id = ?1", "i", activity), 2);
	char *days = sql_text("SELECT first_day || ' ' || last_day FROM activities WHERE id = ?1", "i", activity);
	assert_string_equal(days, "2026-04-01 2026-04-02");
	free(days);
	s1 = sql_int("SELECT min(id) FROM activity_sessions WHERE activity_id = ?1", "i", activity);
	s2 = sql_int("SELECT max(id) FROM activity_sessions WHERE activity_id = ?1", "i", activity);
	/* the office is the officer's, whatever the form says */
	assert_int_equal(sql_int("SELECT office_id = (SELECT id FROM offices WHERE code = 'raqqa') FROM activities WHERE id = ?1",
				 "i", activity), 1);
}

static void registerp(long long person)
{
	char path[96], id[24];
	snprintf(path, sizeof path, "/activities/%lld/people", activity);
	snprintf(id, sizeof id, "%lld", person);
	const char *kv[] = { "person", id, NULL };
	free(post_303(&officer, path, kv));
}

static void test_registration_and_waiting_list(void **state)
{
	(void)state;
	prepare();
	registerp(p[0]);
	registerp(p[1]);
	registerp(p[2]);   /* capacity 2: waits */
	registerp(p[0]);   /* again: nothing more */
	assert_int_equal(sql_int("SELECT count(*) FROM activity_people WHERE activity_id = ?1", "i", activity), 3);
	assert_int_equal(sql_int("SELECT count(*) FROM activity_people WHERE activity_id = ?1 AND status = 'waiting'"
				 " AND person_id = ?2", "ii", activity, p[2]), 1);
	/* a person out of the officer's scope is not found */
	long long other = sql_int("SELECT min(id) FROM people WHERE office_id = (SELECT id FROM offices WHERE code = 'tabqa')"
				  " AND NOT EXISTS (SELECT 1 FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = people.id"
				  " AND o.office_id = (SELECT id FROM offices WHERE code = 'raqqa'))", NULL);
	char path[96], id[24];
	snprintf(path, sizeof path, "/activities/%lld/people", activity);
	snprintf(id, sizeof id, "%lld", other);
	const char *kv[] = { "person", id, NULL };
	assert_int_equal(status_of(&officer, "POST", path, kv, csrf), 400);
	assert_int_equal(sql_int("SELECT count(*) FROM activity_people WHERE person_id = ?1 AND activity_id = ?2", "ii",
				 other, activity), 0);
}

static struct response *mark(long long session, long long person, const char *present, const char *mark_id)
{
	char path[96], id[24];
	snprintf(path, sizeof path, "/sessions/%lld/attendance", session);
	snprintf(id, sizeof id, "%lld", person);
	const char *kv[] = { "person", id, "present", present, "mark", mark_id, "js", "1", NULL };
	struct response *r = post_kv(&officer, path, csrf, kv, NULL, NULL);
	assert_non_null(r);
	return r;
}

static void test_marks_are_idempotent(void **state)
{
	(void)state;
	prepare();
	for (int i = 0; i < 2; i++) {
		/* the same mark twice (an offline phone whose answer was lost) */
		struct response *r = mark(s1, p[0], "1", "3f1c-mark-a");
		assert_int_equal(r->status, 200);
		assert_true(resp_contains(r, "\"ok\":true"));
		assert_true(resp_contains(r, "\"count\":1"));
		response_free(r);
	}
	assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1 AND person_id = ?2", "ii", s1, p[0]), 1);
	assert_int_equal(sql_int("SELECT attended FROM activity_people WHERE activity_id = ?1 AND person_id = ?2", "ii",
				 activity, p[0]), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'mark_present' AND entity_id = ?1", "i",
				 activity), 1);
	/* taken back, then given again */
	response_free(mark(s1, p[0], "0", "3f1c-mark-b"));
	assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1", "i", s1), 0);
	assert_int_equal(sql_int("SELECT attended FROM activity_people WHERE activity_id = ?1 AND person_id = ?2", "ii",
				 activity, p[0]), 0);
	response_free(mark(s1, p[0], "1", "3f1c-mark-c"));
	response_free(mark(s2, p[0], "1", "3f1c-mark-d"));
	response_free(mark(s1, p[1], "1", "3f1c-mark-e"));
	/* a walk-in (not registered) is registered by the mark */
	response_free(mark(s1, p[3], "1", "3f1c-mark-f"));
	char *st = sql_text("SELECT status FROM activity_people WHERE activity_id = ?1 AND person_id = ?2", "ii", activity, p[3]);
	assert_string_equal(st, "walk_in");
	free(st);
	/* the plain form (no script) answers with the list again */
	char path[96], id[24];
	snprintf(path, sizeof path, "/sessions/%lld/attendance", s2);
	snprintf(id, sizeof id, "%lld", p[1]);
	const char *kv[] = { "person", id, NULL };
	char *loc = post_303(&officer, path, kv);
	assert_non_null(strstr(loc, "/sessions/"));
	free(loc);
	assert_int_equal(sql_int("SELECT attended FROM activity_people WHERE activity_id = ?1 AND person_id = ?2", "ii",
				 activity, p[1]), 2);
}

static void test_certificates(void **state)
{
	(void)state;
	prepare();
	char path[128];
	/* p[1] came to both sessions, p[3] to one of two (threshold 100%) */
	snprintf(path, sizeof path, "/activities/%lld/people/%lld/certificate.pdf", activity, p[3]);
	assert_int_equal(status_of(&officer, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof path, "/activities/%lld/people/%lld/certificate.pdf", activity, p[1]);
	struct response *r = http_get(&officer, path);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "application/pdf");
	char *text = malloc(65536);
	assert_int_equal(pdf_to_text(r->body, r->body_len, text, 65536), 0);
	response_free(r);
	char *name = sql_text("SELECT name_ar FROM people WHERE id = ?1", "i", p[1]);
	char *code = sql_text("SELECT code FROM certificates WHERE activity_id = ?1 AND person_id = ?2", "ii", activity, p[1]);
	/* the name whole, in its order (not boxes, not reversed letters), the
	 * title, a Levantine month, the code */
	char *whole = strdup(name);
	text_squeeze(whole);
	text_squeeze(text);
	if (!strstr(text, whole))
		print_message("name %s not in:\n%s\n", name, text);
	assert_non_null(strstr(text, whole));
	free(whole);
	assert_non_null(strstr(text, "نيسان"));
	assert_non_null(strstr(text, code));
	assert_null(strstr(text, "\xef\xbf\xbd"));   /* no replacement characters */
	/* English on request */
	snprintf(path, sizeof path, "/activities/%lld/people/%lld/certificate.pdf?lang=en", activity, p[1]);
	r = http_get(&officer, path);
	assert_int_equal(r->status, 200);
	assert_int_equal(pdf_to_text(r->body, r->body_len, text, 65536), 0);
	response_free(r);
	assert_non_null(strstr(text, "Certificate of attendance"));
	assert_non_null(strstr(text, "April 2026"));
	/* the public check: no session, name and activity, nothing else */
	struct browser anon;
	browser_init(&anon, srv);   /* in Arabic: the Arabic name */
	snprintf(path, sizeof path, "/verify/%s", code);
	r = http_get(&anon, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, name));
	assert_true(resp_contains(r, "دورة الاختبار للمناصرة"));
	char *phone = sql_text("SELECT coalesce((SELECT phone FROM person_phones WHERE person_id = ?1), 'none-xyz')", "i", p[1]);
	assert_false(resp_contains(r, phone));
	response_free(r);
	assert_int_equal(status_of(&anon, "GET", "/verify/NOSUCHCODE", NULL, NULL), 404);
	browser_free(&anon);
	/* the command line: the activity's certificates in one file */
	char out[512], file[600], id[24];
	snprintf(file, sizeof file, "%s/all.pdf", harness_dir());
	snprintf(id, sizeof id, "%lld", activity);
	const char *args[] = { "certificates", "--activity", id, "--out", file, "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, args), 0);
	assert_non_null(strstr(out, "2 certificates"));   /* p[0] and p[1]: both sessions */
	free(phone);
	free(text);
	free(name);
	free(code);
}

static void test_scope_and_roles(void **state)
{
	(void)state;
	prepare();
	char path[128], sess[96];
	snprintf(path, sizeof path, "/activities/%lld", activity);
	snprintf(sess, sizeof sess, "/sessions/%lld", s1);
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "trainer");   /* the Tabqa office */
	assert_int_equal(status_of(&b, "GET", path, NULL, NULL), 404);
	assert_int_equal(status_of(&b, "GET", sess, NULL, NULL), 404);
	char *tc = page_csrf(&b, "/activities");
	char id[24], mpath[96];
	snprintf(id, sizeof id, "%lld", p[2]);
	snprintf(mpath, sizeof mpath, "/sessions/%lld/attendance", s1);
	const char *kv[] = { "person", id, NULL };
	assert_int_equal(status_of(&b, "POST", mpath, kv, tc), 404);
	assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1 AND person_id = ?2", "ii", s1, p[2]), 0);
	free(tc);
	browser_free(&b);

	browser_init(&b, srv);
	sign_in(&b, "monitoring");   /* reads everything, runs nothing */
	assert_int_equal(status_of(&b, "GET", path, NULL, NULL), 200);
	tc = page_csrf(&b, "/activities");
	assert_int_equal(status_of(&b, "POST", mpath, kv, tc), 403);
	free(tc);
	browser_free(&b);

	browser_init(&b, srv);
	sign_in(&b, "donor");
	assert_int_equal(status_of(&b, "GET", path, NULL, NULL), 403);
	assert_int_equal(status_of(&b, "GET", "/activities", NULL, NULL), 403);
	struct response *r = http_get(&b, "/reach");
	assert_int_equal(r->status, 200);
	char *name = sql_text("SELECT name_ar FROM people WHERE id = ?1", "i", p[1]);
	assert_false(resp_contains(r, name));
	response_free(r);
	free(name);
	browser_free(&b);
}

static void test_reach_counts_people_once(void **state)
{
	(void)state;
	prepare();
	struct browser b;
	browser_init(&b, srv);
	sign_in(&b, "director");
	struct response *r = http_get(&b, "/api/v1/reach");
	/* the API takes tokens; the page's figure is the same count */
	response_free(r);
	r = http_get(&b, "/reach.xlsx");
	assert_int_equal(r->status, 200);
	assert_true(r->body_len > 1000 && memcmp(r->body, "PK", 2) == 0);
	response_free(r);
	char out[256];
	const char *args[] = { "token", "create", "--user", "director", "--label", "reach test", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, args), 0);
	char token[128] = "", auth[200];
	sscanf(out, "%127s", token);
	for (char *t = out; *t; t++)
		if (strncmp(t, "token: ", 7) == 0)
			sscanf(t + 7, "%127s", token);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	const char *hdrs[] = { auth, NULL };
	struct browser api;
	browser_init(&api, srv);
	r = http_request(&api, "GET", "/api/v1/reach", NULL, 0, hdrs);
	if (r->status != 200)
		print_message("token output: %s\n", out);
	assert_int_equal(r->status, 200);
	/* who attended, and who booked a room (an approved booking linked to them) */
	long long want = sql_int("SELECT count(DISTINCT coalesce(p.merged_into, p.id)) FROM people p WHERE p.id IN"
				 " (SELECT person_id FROM attendance UNION SELECT person_id FROM reach_bookings)", NULL);
	char needle[64];
	snprintf(needle, sizeof needle, "\"people\": %lld", want);
	if (!resp_contains(r, needle)) {
		snprintf(needle, sizeof needle, "\"people\":%lld", want);
	}
	if (!resp_contains(r, needle))
		print_message("%s not in %s\n", needle, r->body);
	assert_true(resp_contains(r, needle));
	assert_true(resp_contains(r, "by_gender"));
	response_free(r);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/activities/%lld", activity);
	r = http_request(&api, "GET", path, NULL, 0, hdrs);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "\"sessions\""));
	response_free(r);
	browser_free(&api);
	browser_free(&b);
}

/* Taking off someone who never came lets in the one waiting longest; someone
 * who attended stays (a fresh activity of capacity 1) */
static void test_waiting_list_moves_up(void **state)
{
	(void)state;
	prepare();
	const char *kv[] = { "kind", "workshop", "title", "ورشة المقعد الواحد", "capacity", "1", "day", "2026-05-01", NULL };
	char *loc = post_303(&officer, "/activities", kv);
	long long act;
	assert_int_equal(sscanf(loc, "/activities/%lld", &act), 1);
	free(loc);
	long long keep = activity;
	activity = act;
	registerp(p[0]);
	registerp(p[1]);   /* waits */
	activity = keep;
	char path[128];
	snprintf(path, sizeof path, "/activities/%lld/people/%lld/remove", act, p[0]);
	free(post_303(&officer, path, NULL));
	char *st = sql_text("SELECT group_concat(person_id || ':' || status) FROM activity_people WHERE activity_id = ?1", "i", act);
	char want[64];
	snprintf(want, sizeof want, "%lld:registered", p[1]);
	assert_string_equal(st, want);
	free(st);
	/* someone who attended is not taken off */
	long long sess = sql_int("SELECT id FROM activity_sessions WHERE activity_id = ?1", "i", act);
	response_free(mark(sess, p[1], "1", "m-w1"));
	snprintf(path, sizeof path, "/activities/%lld/people/%lld/remove", act, p[1]);
	free(post_303(&officer, path, NULL));
	assert_int_equal(sql_int("SELECT count(*) FROM activity_people WHERE activity_id = ?1", "i", act), 1);
	/* nobody of that number on the activity */
	snprintf(path, sizeof path, "/activities/%lld/people/%lld/remove", act, p[2]);
	assert_int_equal(status_of(&officer, "POST", path, NULL, csrf), 404);
}

/* The partner registers a member of their organization for a coming
 * activity of its office; not someone else; staff cannot post there */
static void test_partner_portal(void **state)
{
	(void)state;
	prepare();
	long long org = sql_int("SELECT org_id FROM users WHERE name = 'partner'", NULL);
	long long act = sql_int("SELECT min(id) FROM activities WHERE office_id = (SELECT office_id FROM orgs WHERE id = ?1)"
				" AND last_day >= date('now')", "i", org);
	/* the demo's partner organization has no members yet: the officer adds one */
	long long member = sql_int("SELECT max(id) FROM people WHERE office_id = (SELECT office_id FROM orgs WHERE id = ?1)"
				   " AND merged_into IS NULL AND id NOT IN (SELECT person_id FROM activity_people)", "i", org);
	char mpath[64], mid[24];
	snprintf(mpath, sizeof mpath, "/orgs/%lld/members", org);
	snprintf(mid, sizeof mid, "%lld", member);
	const char *mkv[] = { "person", mid, "role", "عضو", NULL };
	free(post_303(&officer, mpath, mkv));
	long long stranger = sql_int("SELECT min(id) FROM people WHERE id NOT IN (SELECT person_id FROM memberships"
				     " WHERE org_id = ?1)", "i", org);
	if (!(act > 0 && member > 0 && stranger > 0))
		print_message("org %lld act %lld member %lld stranger %lld\n", org, act, member, stranger);
	assert_true(act > 0 && member > 0 && stranger > 0);
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "partner");
	struct response *r = http_get(&b, "/portal/activities");
	assert_int_equal(r->status, 200);
	char *pcsrf = html_csrf(r->body);
	response_free(r);
	char path[96], id[24];
	snprintf(path, sizeof path, "/portal/activities/%lld/people", act);
	snprintf(id, sizeof id, "%lld", stranger);
	const char *bad[] = { "person", id, NULL };
	assert_int_equal(status_of(&b, "POST", path, bad, pcsrf), 400);
	snprintf(id, sizeof id, "%lld", member);
	const char *kv[] = { "person", id, NULL };
	r = post_kv(&b, path, pcsrf, kv, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM activity_people WHERE activity_id = ?1 AND person_id = ?2", "ii", act,
				 member), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM activity_people WHERE person_id = ?1 AND activity_id = ?2", "ii",
				 stranger, act), 0);
	/* staff do not register through the portal */
	assert_int_equal(status_of(&officer, "POST", path, kv, csrf), 404);
	free(pcsrf);
	browser_free(&b);
}

/* A typed paper sheet: by number, by phone, one marked absent, one unknown;
 * the same sheet again marks nothing more */
/* Uploads sheet to session sess; returns the review's path (the 303). */
static char *upload_sheet(long long sess, const char *sheet)
{
	char body[2048], ctype[128], path[96];
	const char *b = "----daamTestBoundary7";
	int n = snprintf(body, sizeof body,
			 "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			 "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sheet.csv\"\r\n"
			 "Content-Type: text/csv\r\n\r\n%s\r\n--%s--\r\n", b, csrf, b, sheet, b);
	snprintf(ctype, sizeof ctype, "Content-Type: multipart/form-data; boundary=%s", b);
	const char *hdrs[] = { ctype, NULL };
	snprintf(path, sizeof path, "/sessions/%lld/import", sess);
	struct response *r = http_request(&officer, "POST", path, body, (size_t)n, hdrs);
	assert_int_equal(r->status, 303);
	char *loc = strdup(resp_header(r, "Location"));
	response_free(r);
	return loc;
}

/* A typed paper sheet goes through a review before anyone is marked: the
 * review counts who will be marked and lists the rows with problems; the
 * problem rows come back as CSV; marking with the problems left out marks
 * the people found once (the same sheet again marks nobody more); a sheet
 * is its sender's only; a discarded sheet is gone. */
static void test_import_sheet(void **state)
{
	(void)state;
	prepare();
	long long sess = s2;
	char *phone = sql_text("SELECT phone FROM person_phones WHERE person_id = ?1 LIMIT 1", "i", p[3]);
	char sheet[512], path[160];
	snprintf(sheet, sizeof sheet, "number,phone,present\r\n%lld,,yes\r\n,%s,\r\n%lld,,absent\r\n999999999,,\r\n",
		 p[2], phone, p[0]);
	long long before = sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1", "i", sess);
	for (int round = 0; round < 2; round++) {
		char *review = upload_sheet(sess, sheet);
		long long uid = 0;
		assert_int_equal(sscanf(review, "/sessions/%*d/sheets/%lld", &uid), 1);
		/* nothing marked by the upload */
		assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1", "i", sess),
				 before + (round ? 2 : 0));
		struct response *r = http_get(&officer, review);
		assert_int_equal(r->status, 200);
		assert_true(resp_contains(r, "Nobody was marked yet."));
		assert_true(resp_contains(r, "Not found"));
		assert_true(resp_contains(r, "Absent on the sheet"));
		if (round == 0) {
			assert_true(resp_contains(r, "<bdi dir=\"ltr\">2</bdi> people will be marked present."));
			assert_true(resp_contains(r, "Mark <bdi dir=\"ltr\">2</bdi> present and leave out <bdi dir=\"ltr\">1</bdi> row with a problem"));
		} else {
			assert_true(resp_contains(r, "<bdi dir=\"ltr\">0</bdi> people will be marked present."));
			assert_true(resp_contains(r, "Already present"));
		}
		response_free(r);
		/* the rows with problems, to correct */
		snprintf(path, sizeof path, "%s/problems.csv", review);
		r = http_get(&officer, path);
		assert_int_equal(r->status, 200);
		assert_true(resp_contains(r, "999999999"));
		assert_true(resp_contains(r, "Not found"));
		char id[32];
		snprintf(id, sizeof id, "%lld,", p[2]);
		assert_false(resp_contains(r, id));
		response_free(r);
		/* another office's trainer finds none of it */
		struct browser t;
		browser_init(&t, srv);
		sign_in(&t, "trainer");
		r = http_get(&t, review);
		assert_int_equal(r->status, 404);
		response_free(r);
		browser_free(&t);
		if (round == 0) {
			/* marking must name the problems it leaves out: without, the review again */
			const char *none[] = { NULL };
			char *loc = post_303(&officer, review, none);
			assert_string_equal(loc, review);
			free(loc);
			assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1", "i", sess), before);
			const char *kv[] = { "leave_out", "1", NULL };
			loc = post_303(&officer, review, kv);
			snprintf(path, sizeof path, "/sessions/%lld", sess);
			assert_string_equal(loc, path);
			free(loc);
			assert_int_equal(sql_int("SELECT count(*) FROM attendance_uploads WHERE id = ?1", "i", uid), 0);
		} else {
			snprintf(path, sizeof path, "%s/discard", review);
			free(post_303(&officer, path, NULL));
			assert_int_equal(sql_int("SELECT count(*) FROM attendance_uploads WHERE id = ?1", "i", uid), 0);
			r = http_get(&officer, review);
			assert_int_equal(r->status, 404);
			response_free(r);
		}
		assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1", "i", sess), before + 2);
		free(review);
	}
	assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1 AND person_id = ?2", "ii", sess, p[2]), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM attendance WHERE session_id = ?1 AND person_id = ?2", "ii", sess, p[3]), 1);
	free(phone);
}

/* A private calendar link: the sessions of the office as ICS; revoked, nothing */
static void test_calendar_link(void **state)
{
	(void)state;
	prepare();
	const char *kv[] = { "kind", "office", NULL };
	struct response *r = post_kv(&officer, "/calendar", csrf, kv, NULL, NULL);
	assert_int_equal(r->status, 200);
	const char *at = strstr(r->body, "/ics/");
	assert_non_null(at);
	char path[128];
	int n = 0;
	while (at[n] && at[n] != '<' && n < 120)
		n++;
	snprintf(path, sizeof path, "%.*s", n, at);
	response_free(r);
	struct browser anon;
	browser_init(&anon, srv);
	r = http_get(&anon, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "BEGIN:VCALENDAR"));
	/* the demo's coming training of the Raqqa office, 10:00 in Syria = 07:00 UTC */
	assert_true(resp_contains(r, "SUMMARY:دورة المتابعة والتقييم"));
	assert_true(resp_contains(r, "T070000Z"));
	response_free(r);
	long long id = sql_int("SELECT max(id) FROM calendar_feeds", NULL);
	char rev[64];
	snprintf(rev, sizeof rev, "/calendar/%lld/revoke", id);
	free(post_303(&officer, rev, NULL));
	assert_int_equal(status_of(&anon, "GET", path, NULL, NULL), 404);
	assert_int_equal(sql_int("SELECT count(*) FROM calendar_feeds WHERE token_hash LIKE '%ics%'", NULL), 0);
	browser_free(&anon);
}

/* An activity serves plan actions of its office's organizations: an
 * open action on its dimensions is offered and linked (the plan then shows
 * the activity), unlinked again; another office's action is refused. */
static void test_plan_links(void **state)
{
	(void)state;
	prepare();
	static const char own_sql[] =
		"SELECT coalesce(min(a.id), 0) FROM plan_actions a JOIN orgs o ON o.id = a.org_id WHERE o.office_id ="
		" (SELECT id FROM offices WHERE code = 'raqqa') AND a.status IN ('planned', 'in_progress')";
	long long action = sql_int(own_sql, NULL);
	if (!action)
		skip();  /* the demo made no plan in this office */
	char *dim = sql_text("SELECT dimension FROM plan_actions WHERE id = ?1", "i", action);
	long long plan = sql_int("SELECT plan_id FROM plan_actions WHERE id = ?1", "i", action);
	const char *kv[] = { "kind", "workshop", "title", "ورشة الخطة", "dims", dim, "day", "2026-05-01", "start", "10:00",
			     "end", "12:00", NULL };
	char *loc = post_303(&officer, "/activities", kv);
	long long act = 0;
	assert_int_equal(sscanf(loc, "/activities/%lld", &act), 1);
	free(loc);
	free(dim);
	char path[128], want[64];
	snprintf(path, sizeof path, "/activities/%lld", act);
	struct response *r = http_get(&officer, path);
	snprintf(want, sizeof want, "<option value=\"%lld\">", action);
	assert_false(resp_contains(r, want));  /* the choices are read when asked for */
	assert_true(resp_contains(r, "?link=1#plans"));
	response_free(r);
	snprintf(path, sizeof path, "/activities/%lld?link=1", act);
	r = http_get(&officer, path);
	assert_true(resp_contains(r, want));  /* offered */
	response_free(r);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", action);
	const char *link[] = { "action", sid, NULL };
	snprintf(path, sizeof path, "/activities/%lld/plan-links", act);
	free(post_303(&officer, path, link));
	free(post_303(&officer, path, link));  /* twice: one link */
	assert_int_equal(sql_int("SELECT count(*) FROM plan_action_links WHERE kind = 'activity' AND ref_id = ?1 AND action_id = ?2",
				 "ii", act, action), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'plan_link' AND entity_id = ?1", "i", act), 1);
	/* the plan shows the activity */
	snprintf(path, sizeof path, "/plans/%lld", plan);
	r = http_get(&officer, path);
	snprintf(want, sizeof want, "/activities/%lld", act);
	if (!resp_contains(r, want))
		fail_msg("the plan %lld does not show the activity %lld", plan, act);
	response_free(r);
	/* unlinked */
	long long lid = sql_int("SELECT id FROM plan_action_links WHERE kind = 'activity' AND ref_id = ?1", "i", act);
	snprintf(path, sizeof path, "/activities/%lld/plan-links/%lld/remove", act, lid);
	free(post_303(&officer, path, NULL));
	assert_int_equal(sql_int("SELECT count(*) FROM plan_action_links WHERE kind = 'activity' AND ref_id = ?1", "i", act), 0);
	/* an action of another office's organization: refused, nothing linked */
	long long foreign = sql_int("SELECT coalesce(min(a.id), 0) FROM plan_actions a JOIN orgs o ON o.id = a.org_id"
				    " WHERE o.office_id <> (SELECT id FROM offices WHERE code = 'raqqa')", NULL);
	if (foreign) {
		snprintf(sid, sizeof sid, "%lld", foreign);
		snprintf(path, sizeof path, "/activities/%lld/plan-links", act);
		free(post_303(&officer, path, link));
		assert_int_equal(sql_int("SELECT count(*) FROM plan_action_links WHERE kind = 'activity' AND ref_id = ?1", "i", act),
				 0);
	}
}

/* The audit log names an activity by its title, with a link (its module's
 * namer), where it used to say "record N". */
static void test_audit_names_activities(void **state)
{
	(void)state;
	prepare();
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "director");
	struct response *r = http_get(&b, "/admin/audit?entity=activity");
	assert_int_equal(r->status, 200);
	char href[64];
	snprintf(href, sizeof href, "href=\"/activities/%lld\"", activity);
	assert_true(resp_contains(r, href));
	assert_true(resp_contains(r, "دورة الاختبار للمناصرة"));
	response_free(r);
	browser_free(&b);
}

/* The officer's start page: the number of people reached this year (the
 * tile that links to /reach?from=YEAR-01-01), read from the page. */
static long long home_reach(const char *year_from)
{
	struct response *r = http_get(&officer, "/");
	assert_int_equal(r->status, 200);
	char tile[96];
	snprintf(tile, sizeof tile, "href=\"/reach?from=%s\"><b>", year_from);
	const char *at = strstr(r->body, tile);
	assert_non_null(at);
	long long n = 0;
	for (at += strlen(tile); *at && *at != '<'; at++)
		if (*at >= '0' && *at <= '9')
			n = n * 10 + (*at - '0');
	response_free(r);
	return n;
}

/* The start page's headline is kept between writes (reach_cache.c): a mark
 * shows on it at once, and a mark taken back too. */
static void test_start_page_follows_marks(void **state)
{
	(void)state;
	prepare();
	time_t now = time(NULL) + 3 * 3600;   /* Syria's day */
	struct tm tm;
	gmtime_r(&now, &tm);
	char today[16], year_from[16];
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	strftime(year_from, sizeof year_from, "%Y-01-01", &tm);
	const char *kv[] = { "kind", "workshop", "title", "ورشة عدّاد الصفحة الأولى", "day", today, "start", "10:00",
			     "end", "11:00", NULL };
	char *loc = post_303(&officer, "/activities", kv);
	long long act = 0;
	assert_int_equal(sscanf(loc, "/activities/%lld", &act), 1);
	free(loc);
	long long sess = sql_int("SELECT min(id) FROM activity_sessions WHERE activity_id = ?1", "i", act);
	long long fresh = sql_int("SELECT min(id) FROM people WHERE office_id = (SELECT id FROM offices WHERE code = 'raqqa')"
				  " AND merged_into IS NULL AND id NOT IN (SELECT person_id FROM activity_people)", NULL);
	assert_true(fresh > 0);
	long long before = home_reach(year_from);
	assert_int_equal(home_reach(year_from), before);   /* read twice: the same */
	char mid[48];
	snprintf(mid, sizeof mid, "home-%lld", fresh);
	struct response *r = mark(sess, fresh, "1", mid);
	assert_int_equal(r->status, 200);
	response_free(r);
	assert_int_equal(home_reach(year_from), before + 1);
	snprintf(mid, sizeof mid, "home-%lld-back", fresh);
	r = mark(sess, fresh, "0", mid);
	assert_int_equal(r->status, 200);
	response_free(r);
	assert_int_equal(home_reach(year_from), before);
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
	if (csrf) {
		free(csrf);
		browser_free(&officer);
	}
	return group_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_activity_with_sessions),
		cmocka_unit_test(test_registration_and_waiting_list),
		cmocka_unit_test(test_marks_are_idempotent),
		cmocka_unit_test(test_certificates),
		cmocka_unit_test(test_scope_and_roles),
		cmocka_unit_test(test_reach_counts_people_once),
		cmocka_unit_test(test_calendar_link),
		cmocka_unit_test(test_import_sheet),
		cmocka_unit_test(test_waiting_list_moves_up),
		cmocka_unit_test(test_partner_portal),
		cmocka_unit_test(test_plan_links),
		cmocka_unit_test(test_audit_names_activities),
		cmocka_unit_test(test_start_page_follows_marks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
