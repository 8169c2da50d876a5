/* test_import_xlsx — files as they arrive, imported through the web: a CSV
 * saved by Arabic Excel (Windows-1256) is uploaded, its review shows the
 * Arabic text and says it was read as Windows-1256, and it is imported; an
 * Excel workbook (.xlsx, sent with its own content type) of two sheets is
 * uploaded, the sheet with rows is read (a phone Excel made a number, a
 * birth date as a date), the other sheet can be chosen and is kept in the
 * forms, and the workbook is imported; a damaged workbook and an old .xls
 * are refused with their messages, and nothing is stored.
 *
 * Pages are read in English; counts come from the server's database file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <zip.h>
#include "harness.h"
#include "core/banned.h"

#define BOUNDARY "----daamXlsxBoundary0x77ab"
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static struct server *srv;

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

static const char *const MP_HEADERS[] = { "Content-Type: multipart/form-data; boundary=" BOUNDARY, "Expect:", NULL };

/* Uploads a file of this content type as "people"; the response. */
static struct response *upload(struct browser *b, const char *csrf, const char *filename, const char *type,
			       const char *data, size_t len)
{
	struct buf body = { 0 };
	adds(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n");
	adds(&body, csrf);
	adds(&body, "\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npeople\r\n");
	adds(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"");
	adds(&body, filename);
	adds(&body, "\"\r\nContent-Type: ");
	adds(&body, type);
	adds(&body, "\r\n\r\n");
	add(&body, data, len);
	adds(&body, "\r\n--" BOUNDARY "--\r\n");
	struct response *r = http_request(b, "POST", "/import", body.p, body.len, MP_HEADERS);
	free(body.p);
	assert_non_null(r);
	return r;
}

/* Uploads and returns the review page's path ("/import/N", malloc'd). */
static char *upload_ok(struct browser *b, const char *csrf, const char *filename, const char *type, const char *data,
		       size_t len)
{
	struct response *r = upload(b, csrf, filename, type, data, len);
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

/* Follows the import job a commit answered with (303 to /jobs/N) until it
 * is done. */
static void wait_job(struct browser *b, struct response *commit)
{
	if (commit->status != 303)
		fail_msg("commit: status %ld\n%s", commit->status, commit->body);
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
			return;
		sleep_ms(50);
	}
	fail_msg("import job not done");
}

static void browser_en(struct browser *b, const char *who)
{
	browser_init(b, srv);
	b->accept_language = "en";
	sign_in(b, who);
}

/* ---- a workbook made with libzip ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* Notes on the first sheet; on the second ("الأشخاص") a header and two
 * people: a phone Excel made a number, a birth date with a date format. */
static char *workbook(size_t *len)
{
	static const char *const parts[][2] = {
		{ "_rels/.rels",
		  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
		  "</Relationships>" },
		{ "xl/workbook.xml",
		  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
		  "<sheet name=\"Notes\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"الأشخاص\" sheetId=\"2\" r:id=\"rId2\"/>"
		  "</sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels",
		  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
		  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
		  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
		  "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
		  "</Relationships>" },
		{ "xl/sharedStrings.xml",
		  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		  "<si><t>الاسم</t></si><si><t>رقم الجوال</t></si><si><t>تاريخ الميلاد</t></si>"
		  "<si><t>ريم اختبار إكسل</t></si><si><r><t>باسل </t></r><r><t>اختبار إكسل</t></r></si></sst>" },
		{ "xl/styles.xml",
		  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		  "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
		  "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>" },
		{ "xl/worksheets/sheet1.xml",
		  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Received from the partner</t></is></c></row>"
		  "</sheetData></worksheet>" },
		{ "xl/worksheets/sheet2.xml",
		  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
		  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\"><v>9.44777001E8</v></c><c r=\"C2\" s=\"1\"><v>32874</v></c></row>"
		  "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>4</v></c><c r=\"C4\" s=\"1\"><v>36526</v></c></row>"
		  "</sheetData></worksheet>" },
	};
	char path[128];
	snprintf(path, sizeof path, "/tmp/daam-test-xlsx-%d.zip", (int)getpid());
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i][1], strlen(parts[i][1]), 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, parts[i][0], src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	char *b = slurp(path, len);
	unlink(path);
	return b;
}

/* ---- the tests ---- */

/* A CSV from Arabic Excel: the preview shows the Arabic and the encoding,
 * then it is imported. */
static void test_windows_1256(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	/* "الاسم,الهاتف" then "سلوى ويندوز,0944777003" in Windows-1256 */
	const char cp1256[] = "\xc7\xe1\xc7\xd3\xe3,\xc7\xe1\xe5\xc7\xca\xdd\r\n"
			      "\xd3\xe1\xe6\xec \xe6\xed\xe4\xcf\xe6\xd2,0944777003\r\n";
	char *review = upload_ok(&b, csrf, "arabic.csv", "text/csv", cp1256, sizeof cp1256 - 1);
	struct response *r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "سلوى ويندوز"));
	assert_true(resp_contains(r, "<bdi>الهاتف</bdi>"));
	assert_true(resp_contains(r, "This file was saved as <bdi dir=\"ltr\">Windows-1256</bdi> text, not UTF-8"));
	assert_true(resp_contains(r, "No errors"));
	response_free(r);
	/* the review comes before anything is written */
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = 'سلوى ويندوز'", NULL), 0);
	r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "col0", "name", "col1", "phone", NULL);
	wait_job(&b, r);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people p JOIN person_phones f ON f.person_id = p.id"
				 " WHERE p.name_ar = 'سلوى ويندوز' AND f.phone_norm = '+963944777003'", NULL), 1);
	/* a UTF-8 file says so */
	free(review);
	review = upload_ok(&b, csrf, "utf8.csv", "text/csv", "name\nأحمد\n", strlen("name\nأحمد\n"));
	r = http_get(&b, review);
	assert_true(resp_contains(r, "Read as UTF-8 text."));
	response_free(r);
	free(review);
	free(csrf);
	browser_free(&b);
}

/* An Excel workbook: the sheet with rows read, the values as Excel wrote
 * them, the other sheet chosen and kept in the forms, then imported. */
static void test_xlsx(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	struct response *r = http_get(&b, "/import");
	assert_true(resp_contains(r, "accept=\".xlsx,"));
	response_free(r);
	size_t len;
	char *book = workbook(&len);
	long long uploads = sql_int("SELECT count(*) FROM import_uploads", NULL);
	char *review = upload_ok(&b, csrf, "partner.xlsx", XLSX_TYPE, book, len);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads", NULL), uploads + 1);
	r = http_get(&b, review);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "Read from the sheet <bdi>الأشخاص</bdi> of the Excel workbook."));
	assert_true(resp_contains(r, "<option value=\"الأشخاص\" selected>الأشخاص</option>"));
	assert_true(resp_contains(r, "<option value=\"Notes\">Notes</option>"));
	assert_true(resp_contains(r, "ريم اختبار إكسل"));
	assert_true(resp_contains(r, "باسل اختبار إكسل"));
	assert_true(resp_contains(r, "944777001"));
	assert_true(resp_contains(r, "1990-01-01"));
	assert_true(resp_contains(r, "<option value=\"birth_year\" selected>"));
	assert_true(resp_contains(r, "<input type=\"hidden\" name=\"sheet\" value=\"الأشخاص\">"));
	/* in the columns form too, before its first select */
	const char *cols = strstr(r->body, "id=\"columns\"");
	assert_non_null(cols);
	const char *hid = strstr(cols, "name=\"sheet\" value=\"الأشخاص\"");
	assert_non_null(hid);
	assert_true(hid < strstr(cols, "<select"));
	assert_true(resp_contains(r, "No errors"));
	response_free(r);

	/* the notes sheet, chosen: a header without rows, the choice still offered */
	char path[160];
	snprintf(path, sizeof path, "%s?sheet=Notes", review);
	r = http_get(&b, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "The file has a header row but no rows to import."));
	assert_true(resp_contains(r, "<option value=\"Notes\" selected>Notes</option>"));
	response_free(r);
	/* "Check again" reads the sheet the form names: the notes cannot be
	 * checked (400), the people can */
	r = http_post_form(&b, review, "csrf", csrf, "action", "check", "sheet", "Notes", "col0", "name", NULL);
	assert_int_equal(r->status, 400);
	response_free(r);
	r = http_post_form(&b, review, "csrf", csrf, "action", "check", "sheet", "الأشخاص", "col0", "name", NULL);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "<option value=\"الأشخاص\" selected>الأشخاص</option>"));
	response_free(r);
	snprintf(path, sizeof path, "%s?sheet=Nothing", review);
	r = http_get(&b, path);
	assert_true(resp_contains(r, "The workbook has no sheet of this name."));
	response_free(r);

	/* imported from the sheet named in the form */
	r = http_post_form(&b, review, "csrf", csrf, "action", "commit", "sheet", "الأشخاص", "col0", "name", "col1", "phone",
			   "col2", "birth_year", NULL);
	wait_job(&b, r);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people p JOIN person_phones f ON f.person_id = p.id"
				 " WHERE p.name_ar = 'ريم اختبار إكسل' AND p.birth_year = 1990 AND f.phone_norm = '+963944777001'",
				 NULL), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = 'باسل اختبار إكسل' AND birth_year = 2000",
				 NULL), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'import' AND detail = 'rows=2 file=partner.xlsx'",
				 NULL), 1);
	free(review);
	free(book);
	free(csrf);
	browser_free(&b);
}

/* A damaged workbook, an old .xls and a file in neither UTF-8 nor Arabic:
 * refused at the upload with their messages, nothing stored. */
static void test_refused(void **state)
{
	(void)state;
	struct browser b;
	browser_en(&b, "admin");
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	long long uploads = sql_int("SELECT count(*) FROM import_uploads", NULL);
	size_t len;
	char *book = workbook(&len);
	struct response *r = upload(&b, csrf, "cut.xlsx", XLSX_TYPE, book, len / 2);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "This Excel file cannot be read: it is damaged."));
	response_free(r);
	free(book);
	const char xls[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0\0\0\0\0";
	r = upload(&b, csrf, "old.xls", "application/vnd.ms-excel", xls, sizeof xls - 1);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "This is an Excel file of the old kind (.xls)."));
	response_free(r);
	const char latin1[] = "name\nH\xe9l\xe8ne\n";
	r = upload(&b, csrf, "fr.csv", "text/csv", latin1, sizeof latin1 - 1);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "This file is neither UTF-8 text nor Arabic text saved by Windows"));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads", NULL), uploads);
	free(csrf);
	browser_free(&b);
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
		cmocka_unit_test(test_windows_1256),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
