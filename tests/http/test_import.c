/* test_import — CSV import through the web as a person does it: a file with
 * one bad row is uploaded (multipart), its report names the row, column
 * and problem (the bad cell marked class="error"), and an attempt to import
 * it writes nothing; a good file (with a BOM, Arabic headers) is imported
 * whole by a job whose page leads to the import's "done" message, its
 * people are found by the API, the upload is gone and the audit log has one
 * entry.  A file with bad rows shows its problems before the preview and
 * offers to import the other rows (the counts said and checked; the rows
 * left out listed by number in the audit entry) or to download the bad rows
 * as CSV (BOM, the file's columns and a problem column, formulas
 * neutralized, read back without the apostrophe).  Uploads expire: purged
 * when listed and at start, the list saying when.  Only the
 * user who uploaded a file sees or imports it; roles without the import
 * permission are refused; a file in neither UTF-8 nor Windows-1256, a missing file or token, a
 * multipart body on another route and a body over 32 MiB are refused.
 *
 * Pages are read in English; counts come from the server's database file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/limits.h"
#include "core/banned.h"

#define BOUNDARY "----daamTestBoundary0x5f3a"

static struct server *srv;


static long long people_count(void)
{
	return sql_int("SELECT count(*) FROM people", NULL);
}

struct buf {
	char *p;
	size_t len, cap;
};

static void add(struct buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = 0;
}

static void adds(struct buf *b, const char *s)
{
	add(b, s, strlen(s));
}

/* A multipart body with the token (when not NULL), the kind and the file. */
static void multipart_body(struct buf *b, const char *csrf, const char *kind, const char *filename,
			   const char *data, size_t len)
{
	if (csrf) {
		adds(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n");
		adds(b, csrf);
		adds(b, "\r\n");
	}
	adds(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n");
	adds(b, kind);
	adds(b, "\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"");
	adds(b, filename);
	adds(b, "\"\r\nContent-Type: text/csv\r\n\r\n");
	add(b, data, len);
	adds(b, "\r\n--" BOUNDARY "--\r\n");
}

static const char *const MP_HEADERS[] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY, "Expect:", NULL };

static struct response *upload(struct browser *b, const char *path, const char *csrf, const char *kind,
			       const char *filename, const char *data, size_t len)
{
	struct buf body = { 0 };
	multipart_body(&body, csrf, kind, filename, data, len);
	struct response *r = http_request(b, "POST", path, body.p, body.len, MP_HEADERS);
	free(body.p);
	assert_non_null(r);
	return r;
}

/* Uploads and returns the review page's path ("/import/N", malloc'd). */
static char *upload_ok(struct browser *b, const char *csrf, const char *kind, const char *filename, const char *csv)
{
	struct response *r = upload(b, "/import", csrf, kind, filename, csv, strlen(csv));
	if (r->status != 303)
		fail_msg("upload: status %ld\n%s", r->status, r->body);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	const char *path = strstr(loc, "/import/");
	assert_non_null(path);
	char *out = strdup(path);
	response_free(r);
	return out;
}

/* Follows the import job a commit answered with (303 to /jobs/N) until it is
 * done; returns the link its page offers (malloc'd). */
static char *follow_import_job(struct browser *b, struct response *commit)
{
	assert_int_equal(commit->status, 303);
	const char *loc = resp_header(commit, "Location");
	assert_non_null(loc);
	long long id = 0;
	if (sscanf(loc, "/jobs/%lld", &id) != 1)
		fail_msg("commit: Location %s, expected /jobs/N", loc);
	char api[64];
	snprintf(api, sizeof api, "/api/v1/jobs/%lld", id);
	for (int tries = 0; tries < 200; tries++) {
		struct response *r = http_get(b, api);
		assert_int_equal(r->status, 200);
		int done = resp_contains(r, "\"state\":\"done\"");
		if (!done && !resp_contains(r, "\"state\":\"queued\"") && !resp_contains(r, "\"state\":\"running\""))
			fail_msg("import job: %s", r->body);
		response_free(r);
		if (done)
			break;
		sleep_ms(50);
	}
	struct response *r = http_get(b, api + strlen("/api/v1"));
	assert_int_equal(r->status, 200);
	const char *a = strstr(r->body, "href=\"/import?done=");
	assert_non_null(a);
	a += strlen("href=\"");
	char *link = strndup(a, strcspn(a, "\""));
	response_free(r);
	return link;
}

/* A read-write connection of the test's own, for fixtures (the server's
 * database is shared: WAL, busy timeout). */
static void sql_exec_rw(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "?");
	sqlite3_close(h);
}

/* The n-th occurrence's offset of needle in the body, or -1. */
static long offset_of(const struct response *r, const char *needle)
{
	const char *p = strstr(r->body, needle);
	return p ? (long)(p - r->body) : -1;
}

static void browser_en(struct browser *b, const char *who)
{
	browser_init(b, srv);
	b->accept_language = "en";
	sign_in(b, who);
}

static const char BAD_CSV[] =
	"الاسم,الهاتف,الجنس,سنة الميلاد\n"
	"وفاء اختبار الاستيراد,0933 444 555,أنثى,1991\n"
	"حسان اختبار الاستيراد,12345,ذكر,1988\n";
/* with a BOM, CRLF line ends, a quoted name with a comma */
static const char GOOD_CSV[] =
	"\xef\xbb\xbf" "الاسم,الاسم باللاتينية,الهاتف,الجنس,سنة الميلاد\r\n"
	"وفاء اختبار الاستيراد,Wafaa Istirad,0933 444 555,أنثى,1991\r\n"
	"\"حسان, اختبار الاستيراد\",,0933 444 556,ذكر,1988\r\n";

/* A bad row: the report names it and nothing is written; then a good file
 * is imported whole and found by the API. */
static void test_report_then_import(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	long long before = people_count(), audits = sql_int("SELECT count(*) FROM audit_log WHERE action = 'import'", NULL);

	char *review = upload_ok(&b, csrf, "people", "bad.csv", BAD_CSV);
	struct response *r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "This is not a phone number we can read."));
	assert_true(resp_contains(r, "12345"));
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">1</bdi> row has errors."));
	assert_true(resp_contains(r, "value=\"check\""));
	assert_false(resp_contains(r, "value=\"commit\""));  /* no import button while there are errors */
	/* the mapping was guessed from the Arabic headers */
	assert_true(resp_contains(r, "<option value=\"phone\" selected>"));
	/* the bad cell is marked (the attribute written once, not escaped) */
	assert_true(resp_contains(r, "<td dir=\"auto\" class=\"error\">12345</td>"));
	assert_false(resp_contains(r, "&quot;error&quot;"));
	response_free(r);

	/* importing anyway: refused with the report, nothing written */
	char path[64];
	snprintf(path, sizeof path, "%s", review);
	r = http_post_form(&b, path, "csrf", csrf, "action", "commit", "col0", "name", "col1", "phone", "col2", "gender",
			   "col3", "birth_year", NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "This is not a phone number we can read."));
	assert_true(resp_contains(r, "Nothing was imported"));
	response_free(r);
	assert_int_equal(people_count(), before);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = 'وفاء اختبار الاستيراد'", NULL), 0);
	/* ignoring the phone column, the same file checks clean */
	r = http_post_form(&b, path, "csrf", csrf, "action", "check", "col0", "name", "col1", "", "col2", "gender",
			   "col3", "birth_year", NULL);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "No errors"));
	assert_true(resp_contains(r, "value=\"commit\""));
	response_free(r);
	assert_int_equal(people_count(), before);
	free(review);

	/* the good file */
	review = upload_ok(&b, csrf, "people", "good.csv", GOOD_CSV);
	r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "No errors"));
	response_free(r);
	long long id = strtoll(review + strlen("/import/"), NULL, 10);
	assert_true(id > 0);
	r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "col0", "name", "col1", "name_latin",
			   "col2", "phone", "col3", "gender", "col4", "birth_year", NULL);
	char *done = follow_import_job(&b, r);
	response_free(r);
	assert_string_equal(done, "/import?done=2&amp;kind=people");
	free(done);
	r = http_get(&b, "/import?done=2&kind=people");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "The import is finished: <bdi dir=\"ltr\">2</bdi> records written."));
	response_free(r);

	assert_int_equal(people_count(), before + 2);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = 'حسان, اختبار الاستيراد' AND gender = 'm'"
				 " AND birth_year = 1988", NULL), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads WHERE id = ?", "i", (long long)id), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'import'", NULL), audits + 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'people'"
				 " AND detail = 'rows=2 file=good.csv' AND user_id = (SELECT id FROM users WHERE name = 'admin')",
				 NULL), 1);
	/* found by the API, in Arabic and by the Latin spelling */
	r = http_get(&b, "/api/v1/people?q=%D9%88%D9%81%D8%A7%D8%A1%20%D8%A7%D8%AE%D8%AA%D8%A8%D8%A7%D8%B1");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "وفاء اختبار الاستيراد"));
	response_free(r);
	r = http_get(&b, "/api/v1/people?q=Wafaa%20Istirad");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "وفاء اختبار الاستيراد"));
	response_free(r);

	/* the same file again: each row is flagged as a possible duplicate */
	review = (free(review), upload_ok(&b, csrf, "people", "good.csv", GOOD_CSV));
	r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "Possible duplicate: a registered person has the same phone."));
	response_free(r);
	free(review);
	free(csrf);
	browser_free(&b);
}

/* Organizations from a file, with sectors by name and code. */
static void test_import_orgs(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "director");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	const char csv[] = "اسم المنظمة,name_en,النوع,office,القطاعات\n"
			   "رابطة اختبار الاستيراد,Import Test League,جمعية,raqqa,\"education, الصحة\"\n";
	char *review = upload_ok(&b, csrf, "orgs", "orgs.csv", csv);
	struct response *r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "col0", "name", "col1", "name_en",
					    "col2", "kind", "col3", "office", "col4", "sectors", NULL);
	free(follow_import_job(&b, r));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM orgs o JOIN org_sectors x ON x.org_id = o.id"
				 " WHERE o.name_ar = 'رابطة اختبار الاستيراد' AND o.kind = 'association'", NULL), 2);
	r = http_get(&b, "/api/v1/orgs?q=Import%20Test%20League");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "رابطة اختبار الاستيراد"));
	response_free(r);
	free(review);
	free(csrf);
	browser_free(&b);
}

/* Another user with the import permission neither sees nor imports it. */
static void test_only_uploader(void **state)
{
	(void)state;
	struct browser owner, other;
	browser_en(&owner, "director");
	browser_en(&other, "officer");
	char *csrf = page_csrf(&owner, "/import"), *other_csrf = page_csrf(&other, "/import");
	assert_non_null(csrf);
	assert_non_null(other_csrf);
	char *review = upload_ok(&owner, csrf, "people", "mine.csv", "name\nسلمى اختبار الخصوصية\n");
	struct response *r = http_get(&other, review);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = http_post_form(&other, review, "csrf", other_csrf, "action", "commit", "col0", "name", NULL);
	assert_int_equal(r->status, 404);
	response_free(r);
	char del[80];
	snprintf(del, sizeof del, "%s/delete", review);
	r = http_post_form(&other, del, "csrf", other_csrf, NULL);
	assert_int_equal(r->status, 404);
	response_free(r);
	/* not listed on the other's page either */
	r = http_get(&other, "/import");
	assert_int_equal(r->status, 200);
	assert_false(resp_contains(r, "mine.csv"));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = 'سلمى اختبار الخصوصية'", NULL), 0);
	/* the owner sees it listed, then discards it */
	r = http_get(&owner, "/import");
	assert_true(resp_contains(r, "mine.csv"));
	response_free(r);
	r = http_post_form(&owner, del, "csrf", csrf, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = http_get(&owner, review);
	assert_int_equal(r->status, 404);
	response_free(r);
	free(review);
	free(csrf);
	free(other_csrf);
	browser_free(&owner);
	browser_free(&other);
}

/* Roles without the import permission, and visitors. */
static void test_permissions(void **state)
{
	(void)state;
	struct browser t, anon;
	browser_en(&t, "trainer");
	char *csrf = page_csrf(&t, "/");
	assert_non_null(csrf);
	struct response *r = http_get(&t, "/import");
	assert_int_equal(r->status, 403);
	response_free(r);
	const char csv[] = "name\nمتسلل\n";
	r = upload(&t, "/import", csrf, "people", "x.csv", csv, sizeof csv - 1);
	assert_int_equal(r->status, 403);
	response_free(r);
	browser_init(&anon, srv);
	r = http_get(&anon, "/import");
	assert_int_equal(r->status, 303);
	assert_non_null(strstr(resp_header(r, "Location"), "/login?next=%2Fimport"));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = 'متسلل'", NULL), 0);
	free(csrf);
	browser_free(&t);
	browser_free(&anon);
}

/* Files and requests that are refused before anything is stored. */
static void test_refused_uploads(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	long long uploads = sql_int("SELECT count(*) FROM import_uploads", NULL);
	/* French saved as Windows-1252: neither UTF-8 nor Arabic (Windows-1256
	 * is read: test_import_xlsx.c) */
	const char latin1[] = "name\nH\xe9l\xe8ne Fran\xe7ois\n";
	struct response *r = upload(&b, "/import", csrf, "people", "french.csv", latin1, sizeof latin1 - 1);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "CSV UTF-8"));
	response_free(r);
	/* an empty file */
	r = upload(&b, "/import", csrf, "people", "empty.csv", "", 0);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Choose an Excel or CSV file to import."));
	response_free(r);
	/* no token */
	r = upload(&b, "/import", NULL, "people", "a.csv", "name\nx\n", 7);
	assert_int_equal(r->status, 403);
	response_free(r);
	/* a multipart body on a route that takes no upload */
	r = upload(&b, "/people", csrf, "people", "a.csv", "name\nx\n", 7);
	assert_int_equal(r->status, 400);
	response_free(r);
	/* a multipart body without its closing boundary */
	const char cut[] = "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n";
	r = http_request(&b, "POST", "/import", cut, sizeof cut - 1, MP_HEADERS);
	assert_int_equal(r->status, 400);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads", NULL), uploads);
	free(csrf);
	browser_free(&b);
}

/* A body over 32 MiB is refused without reading it whole; the server lives on. */
static void test_upload_over_limit(void **state)
{
	(void)state;
	const size_t n = 33u * 1024 * 1024;
	char head[256];
	int hl = snprintf(head, sizeof head, "POST /import HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			  "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\nContent-Length: %zu\r\n\r\n", n);
	char *req = malloc((size_t)hl + n);
	assert_non_null(req);
	memcpy(req, head, (size_t)hl);
	memset(req + hl, 'a', n);
	struct raw_result res;
	assert_int_equal(raw_exchange(srv->port, req, (size_t)hl + n, 10000, &res), 0);
	free(req);
	assert_false(res.timed_out);
	assert_true(res.status == 413 || (res.status == 0 && res.closed));
	struct browser b;
	browser_init(&b, srv);
	struct response *r = http_get(&b, "/healthz");
	assert_int_equal(r->status, 200);
	response_free(r);
	browser_free(&b);
}


/* Rows 3 and 5 have errors; 2, 4 and 6 are fine. */
static const char SKIP_CSV[] =
	"name,phone,gender,birth_year\n"
	"رنا اختبار الاستبعاد,0933 700 001,f,1990\n"
	"باسل اختبار الاستبعاد,12345,m,1985\n"
	"ليلى اختبار الاستبعاد,0933 700 003,f,1992\n"
	"مازن اختبار الاستبعاد,0933 700 004,m,19x5\n"
	"هالة اختبار الاستبعاد,0933 700 005,f,1999\n";
#define SKIP_COLS "col0", "name", "col1", "phone", "col2", "gender", "col3", "birth_year"

/* The problems come before the preview; the explicit choice to leave the bad
 * rows out says its counts, is refused when they no longer fit, and imports
 * the other rows, the rows left out named by number in the audit entry. */
static void test_skip_rows_with_errors(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "director");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	long long before = people_count();
	char *review = upload_ok(&b, csrf, "people", "skip.csv", SKIP_CSV);
	struct response *r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	/* problems first: the summary by column, the choices, then the preview */
	long problems = offset_of(r, "id=\"problems\""), choose = offset_of(r, "id=\"choose\""),
	     preview = offset_of(r, "id=\"preview\"");
	assert_true(problems > 0 && choose > problems && preview > choose);
	assert_true(offset_of(r, "This is not a phone number we can read.") < preview);
	assert_true(resp_contains(r, "<table class=\"cards\">"));
	assert_true(resp_contains(r, "data-label=\"Rows\"><bdi dir=\"ltr\">3</bdi></td>"));
	assert_true(resp_contains(r, "data-label=\"Rows\"><bdi dir=\"ltr\">5</bdi></td>"));
	/* the choice says how many go in and how many stay out */
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">3</bdi> people without errors will be saved."));
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">2</bdi> rows with errors will be left out"));
	assert_true(resp_contains(r, "name=\"ready\" value=\"3\""));
	assert_true(resp_contains(r, "name=\"left_out\" value=\"2\""));
	assert_true(resp_contains(r, "value=\"commit_valid\">Import <bdi dir=\"ltr\">3</bdi> and leave out "
				     "<bdi dir=\"ltr\">2</bdi> rows with errors</button>"));
	assert_false(resp_contains(r, "value=\"commit\""));
	assert_true(resp_contains(r, "/problems?col0=name&amp;col1=phone&amp;col2=gender&amp;col3=birth_year"));
	response_free(r);

	/* counts that do not fit the file (another choice of columns): refused */
	const char *const wrong[] = { "action", "commit_valid", SKIP_COLS, "ready", "4", "left_out", "1", NULL };
	r = post_kv(&b, review, csrf, wrong, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "The file checks differently now"));
	response_free(r);
	/* all or nothing is still refused */
	const char *const all[] = { "action", "commit", SKIP_COLS, NULL };
	r = post_kv(&b, review, csrf, all, NULL, NULL);
	assert_int_equal(r->status, 400);
	response_free(r);
	assert_int_equal(people_count(), before);

	long long audits = sql_int("SELECT count(*) FROM audit_log WHERE action = 'import'", NULL);
	const char *const skip[] = { "action", "commit_valid", SKIP_COLS, "ready", "3", "left_out", "2", NULL };
	r = post_kv(&b, review, csrf, skip, NULL, NULL);
	char *done = follow_import_job(&b, r);
	response_free(r);
	assert_string_equal(done, "/import?done=3&amp;kind=people&amp;left=2");
	free(done);
	r = http_get(&b, "/import?done=3&kind=people&left=2");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "role=\"status\""));
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">3</bdi> records written."));
	assert_true(resp_contains(r, "<bdi dir=\"ltr\">2</bdi> rows with errors were left out."));
	response_free(r);
	assert_int_equal(people_count(), before + 3);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar LIKE '% اختبار الاستبعاد'", NULL), 3);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar IN ('باسل اختبار الاستبعاد', 'مازن اختبار الاستبعاد')",
				 NULL), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'import'", NULL), audits + 1);
	char *detail = sql_text("SELECT detail FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1", NULL);
	assert_string_equal(detail, "rows=3 skipped=2 skipped_rows=3,5 file=skip.csv");
	free(detail);
	/* the upload is gone with the import */
	r = http_get(&b, review);
	assert_int_equal(r->status, 404);
	response_free(r);
	free(review);
	free(csrf);
	browser_free(&b);
}

/* A cell that would run as a formula, in rows with errors. */
static const char FORMULA_CSV[] =
	"name,phone,gender\n"
	"سعاد اختبار التنزيل,0933 800 001,f\n"
	"\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",12345,m\n"
	"وسيم اختبار التنزيل,+963 12,@SUM(1)\n";

/* The rows with problems as CSV: BOM, the file's columns and a problem
 * column, only the bad rows, formulas neutralized; uploaded again, the
 * neutralizing apostrophe is gone.  Another user gets 404. */
static void test_problem_rows_download(void **state)
{
	(void)state;
	struct browser b, other;
	browser_en(&b, "director");
	browser_en(&other, "officer");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	char *review = upload_ok(&b, csrf, "people", "formulas.csv", FORMULA_CSV);
	char path[160];
	snprintf(path, sizeof path, "%s/problems?col0=name&col1=phone&col2=gender", review);
	struct response *r = http_get(&b, path);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/csv"));
	const char *disp = resp_header(r, "Content-Disposition");
	assert_non_null(disp);
	assert_non_null(strstr(disp, "attachment"));
	assert_non_null(strstr(disp, "formulas-problems.csv"));
	assert_non_null(strstr(resp_header(r, "Cache-Control"), "no-store"));
	assert_string_equal(r->body,
		"\xef\xbb\xbf" "\"name\",\"phone\",\"gender\",\"Problem\"\r\n"
		"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"12345\",\"m\",\"phone: This is not a phone number we can read.\"\r\n"
		"\"وسيم اختبار التنزيل\",\"'+963 12\",\"'@SUM(1)\",\"phone: This is not a phone number we can read. — "
		"gender: Write the gender as f or m (female or male, أنثى or ذكر).\"\r\n");
	/* without the columns: the guess from the header, the same rows */
	snprintf(path, sizeof path, "%s/problems", review);
	struct response *guessed = http_get(&b, path);
	assert_int_equal(guessed->status, 200);
	assert_string_equal(guessed->body, r->body);
	response_free(guessed);
	/* in Arabic, the problem column is named and written in Arabic */
	b.accept_language = "ar";
	guessed = http_get(&b, path);
	b.accept_language = "en";
	assert_true(resp_contains(guessed, ",\"المشكلة\"\r\n"));
	response_free(guessed);
	/* only the uploader */
	struct response *o = http_get(&other, path);
	assert_int_equal(o->status, 404);
	response_free(o);

	/* the downloaded file, sent back: the cells read without the apostrophe */
	char *back = upload_ok(&b, csrf, "people", "formulas-problems.csv", r->body);
	response_free(r);
	r = http_get(&b, back);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "<td dir=\"auto\">=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td>"));
	assert_true(resp_contains(r, "<td dir=\"auto\" class=\"error\">@SUM(1)</td>"));
	assert_false(resp_contains(r, "&#39;=HYPERLINK"));
	/* its problem column is not a field: ignored */
	assert_true(resp_contains(r, "<label for=\"f-col3\"><bdi>Problem</bdi></label>"));
	response_free(r);
	free(back);
	free(review);
	free(csrf);
	browser_free(&b);
	browser_free(&other);
}

/* An upload older than LIMIT_IMPORT_KEEP_S is gone when its owner lists
 * the files; the list says when each file will be deleted. */
static void test_uploads_expire(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "director");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	char *old = upload_ok(&b, csrf, "people", "old.csv", "name\nقديم اختبار الانتهاء\n");
	char *fresh = upload_ok(&b, csrf, "people", "fresh.csv", "name\nجديد اختبار الانتهاء\n");
	long long old_id = strtoll(old + strlen("/import/"), NULL, 10);
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE import_uploads SET created_at = strftime('%%s', 'now') - %d WHERE id = %lld",
		 LIMIT_IMPORT_KEEP_S + 60, old_id);
	sql_exec_rw(srv->db, sql);
	/* the review of an expired file: gone */
	struct response *r = http_get(&b, old);
	assert_int_equal(r->status, 404);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads WHERE id = ?", "i", old_id), 1);
	/* listing purges it, and shows the other with its time of deletion */
	r = http_get(&b, "/import");
	assert_int_equal(r->status, 200);
	assert_false(resp_contains(r, "old.csv"));
	assert_true(resp_contains(r, "fresh.csv"));
	assert_true(resp_contains(r, "data-label=\"Deleted unless imported\""));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads WHERE id = ?", "i", old_id), 0);
	/* the review says it too */
	r = http_get(&b, fresh);
	assert_true(resp_contains(r, "Deleted unless imported:"));
	response_free(r);
	free(old);
	free(fresh);
	free(csrf);
	browser_free(&b);
}

static void test_server_stops_cleanly(void **state)
{
	(void)state;
	if (test_db)
		sqlite3_close(test_db);
	test_db = NULL;
	assert_int_equal(server_stop(srv), 0);
}

/* At start, daam deletes the uploads past their time (the server above is
 * stopped: its database gets an expired upload, and daam serves it again). */
static void test_expired_purged_at_start(void **state)
{
	(void)state;
	char sql[300];
	snprintf(sql, sizeof sql, "INSERT INTO import_uploads (user_id, kind, filename, data, created_at) VALUES"
		 " ((SELECT id FROM users WHERE name = 'director'), 'people', 'stale.csv', x'6e616d650a78', strftime('%%s', 'now') - %d)",
		 LIMIT_IMPORT_KEEP_S + 5);
	sql_exec_rw(srv->db, sql);
	const char *const args[] = { "--db", srv->db, NULL };
	struct server *again = server_start(args);
	assert_non_null(again);
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(srv->db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM import_uploads WHERE filename = 'stale.csv'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	assert_int_equal(server_stop(again), 0);
}

static int setup(void **state)
{
	if (group_setup(state) < 0)
		return -1;
	srv = *state;
	if (sqlite3_open_v2(srv->db, &test_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(test_db, 10000);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_then_import),
		cmocka_unit_test(test_import_orgs),
		cmocka_unit_test(test_only_uploader),
		cmocka_unit_test(test_permissions),
		cmocka_unit_test(test_refused_uploads),
		cmocka_unit_test(test_upload_over_limit),
		cmocka_unit_test(test_skip_rows_with_errors),
		cmocka_unit_test(test_problem_rows_download),
		cmocka_unit_test(test_uploads_expire),
		cmocka_unit_test(test_server_stops_cleanly),
		cmocka_unit_test(test_expired_purged_at_start),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
