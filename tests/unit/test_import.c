/* test_import — the CSV import engine (src/registry/import.c) on a real
 * database in a temporary directory: header mapping in Arabic and English,
 * the file checks (BOM, quoted commas and newlines, semicolons, Windows-1256
 * and UTF-16 converted, old spreadsheets refused, empty files), value validation per row and column,
 * matching of communities, organizations, offices and sectors by folded
 * name, duplicate flags against registered people and within the file,
 * that nothing is written unless the whole file is accepted — or, when the
 * caller leaves out the rows with errors, that only the others are written
 * and the rows left out are listed (as ranges) in the audit entry — and
 * that a cell neutralized against formulas ('=…) reads without its
 * apostrophe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "registry/import.h"
#include "registry/registry.h"
#include "core/encoding.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static char dir[64];
static char dbpath[128];
static long long org_raqqa, org_tabqa;

/* The first column of sql's first row (-1 when none).  Prepared here, not
 * through db_q: db_q caches statements by the address of their text, and
 * the tests build queries in reused buffers. */
static long long count(const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(db_handle(db_read()), sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Two offices, an organization in each, one registered person. */
static int fixtures_fn(struct db *w, void *arg)
{
	(void)arg;
	int ok = db_do(w, "INSERT INTO offices (code, name_ar, name_en, created_at) VALUES ('raqqa', 'مكتب الرقة', 'Raqqa office', 0)", "") == 0 &&
		 db_do(w, "INSERT INTO offices (code, name_ar, name_en, created_at) VALUES ('tabqa', 'مكتب الطبقة', 'Tabqa office', 0)", "") == 0 &&
		 db_do(w, "INSERT INTO orgs (name_ar, name_en, office_id, created_at) VALUES ('جمعية شباب الرقة التطوعية', 'Raqqa Youth Volunteer Association', 1, 0)", "") == 0;
	org_raqqa = db_last_id(w);
	ok = ok && db_do(w, "INSERT INTO orgs (name_ar, name_en, office_id, created_at) VALUES ('مبادرة نساء الطبقة', 'Tabqa Women Initiative', 2, 0)", "") == 0;
	org_tabqa = db_last_id(w);
	/* a registered person for the duplicate flags */
	struct person_in p = { 0 };
	p.name_ar = "محمد أحمد العلي";
	p.name_latin = p.gender = p.displacement = p.education = p.consent_date = p.consent_purpose = "";
	p.phones[0] = "0944 123 456";
	p.birth_year = 1990;
	ok = ok && person_save(w, -1, 0, &p) > 0;
	return ok ? 0 : -1;
}

struct commit_args {
	struct import_job *j;
	const struct import_ctx *c;
	const char *filename;
	long written;
};

/* import_commit inside db_write; fails (rolled back) when it returns -1. */
static int commit_fn(struct db *w, void *arg)
{
	struct commit_args *a = arg;
	a->written = import_commit(a->j, w, a->c, 0, a->filename);
	return a->written < 0 ? -1 : 0;
}

static long commit(struct import_job *j, const struct import_ctx *c, const char *filename)
{
	struct commit_args a = { j, c, filename, -2 };
	int rc = db_write(commit_fn, &a);
	assert_int_equal(rc, a.written < 0 ? -1 : 0);
	return a.written;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/daam-test-import-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	if (i18n_init() < 0 || db_open(dbpath) < 0)
		return -1;
	i18n_set_lang(LANG_EN);
	return db_write(fixtures_fn, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close();
	char path[160];
	const char *files[] = { "t.db", "t.db-wal", "t.db-shm", "t.db.lock" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

/* Loads, maps from the header and checks a CSV text; fails the test when
 * the file itself is refused. */
static void load_check(struct import_job *j, enum import_kind kind, const char *csv, int dups)
{
	if (import_load(j, kind, csv, strlen(csv)) < 0)
		fail_msg("refused: %s", j->fatal);
	import_guess_map(j);
	struct import_ctx c = { 0, dups, NULL, NULL, NULL, 0 };
	assert_true(import_check(j, db_read(), &c) >= 0);
}

/* The issue at (row, col) with this msgid, or NULL. */
static const struct import_issue *find_issue(const struct import_job *j, long row, int col, const char *msgid)
{
	for (size_t i = 0; i < j->nissues; i++)
		if (j->issues[i].row == row && j->issues[i].col == col && !strcmp(j->issues[i].msgid, msgid))
			return &j->issues[i];
	return NULL;
}

static void dump(const struct import_job *j)
{
	for (size_t i = 0; i < j->nissues; i++)
		print_message("  row %ld col %d sev %d: %s\n", j->issues[i].row, j->issues[i].col, j->issues[i].severity,
			      j->issues[i].msgid);
}

static void expect_issue(const struct import_job *j, long row, int col, const char *msgid)
{
	if (!find_issue(j, row, col, msgid)) {
		dump(j);
		fail_msg("no issue row %ld col %d: %s", row, col, msgid);
	}
}

/* Header names in English and Arabic, with spelling variants, go to their fields. */
static void test_header_mapping(void **state)
{
	(void)state;
	static const struct { const char *header; const char *key; } people[] = {
		{ "name", "name" }, { "Name", "name" }, { " NAME ", "name" }, { "الاسم", "name" }, { "الإسم", "name" },
		{ "name_latin", "name_latin" }, { "Name in Latin letters", "name_latin" },
		{ "الاسم باللاتينية", "name_latin" }, { "gender", "gender" }, { "الجنس", "gender" }, { "Sex", "gender" },
		{ "birth_year", "birth_year" }, { "Year of birth", "birth_year" }, { "سنة الميلاد", "birth_year" },
		{ "phone", "phone" }, { "Phone number", "phone" }, { "الهاتف", "phone" }, { "رقم الجوال", "phone" },
		{ "community", "community" }, { "التجمع/المكان", "community" }, { "التجمع", "community" },
		{ "organization", "organization" }, { "Organisation", "organization" }, { "المنظمة", "organization" },
		{ "phone 2", "phone2" }, { "role", "role" },
	};
	for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
		int f = import_guess_field(IMPORT_PEOPLE, people[i].header);
		if (f < 0 || strcmp(import_fields(IMPORT_PEOPLE)[f].key, people[i].key) != 0)
			fail_msg("people header '%s' gave %d, expected %s", people[i].header, f, people[i].key);
	}
	static const struct { const char *header; const char *key; } orgs[] = {
		{ "name", "name" }, { "اسم المنظمة", "name" }, { "name_en", "name_en" }, { "English name", "name_en" },
		{ "kind", "kind" }, { "نوع المنظمة", "kind" }, { "stage", "stage" }, { "office", "office" },
		{ "المكتب", "office" }, { "community", "community" }, { "sectors", "sectors" }, { "القطاعات", "sectors" },
	};
	for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++) {
		int f = import_guess_field(IMPORT_ORGS, orgs[i].header);
		if (f < 0 || strcmp(import_fields(IMPORT_ORGS)[f].key, orgs[i].key) != 0)
			fail_msg("orgs header '%s' gave %d, expected %s", orgs[i].header, f, orgs[i].key);
	}
	assert_int_equal(import_guess_field(IMPORT_PEOPLE, "religion"), -1);
	assert_int_equal(import_guess_field(IMPORT_PEOPLE, ""), -1);
	assert_int_equal(import_guess_field(IMPORT_PEOPLE, "---"), -1);

	/* a field goes to its first column only; unknown columns are ignored */
	struct import_job j;
	const char four[] = "الاسم,foo,name,الهاتف\nا,b,c,d\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, four, strlen(four)), 0);
	import_guess_map(&j);
	assert_int_equal(j.ncols, 4);
	assert_int_equal(j.map[0], import_field_index(IMPORT_PEOPLE, "name"));
	assert_int_equal(j.map[1], -1);
	assert_int_equal(j.map[2], -1);
	assert_int_equal(j.map[3], import_field_index(IMPORT_PEOPLE, "phone"));
	assert_int_equal(import_map_column(&j, 1, "gender"), 0);
	assert_int_equal(j.map[1], import_field_index(IMPORT_PEOPLE, "gender"));
	assert_int_equal(import_map_column(&j, 1, "no_such_field"), -1);
	assert_int_equal(import_map_column(&j, 1, ""), 0);
	assert_int_equal(j.map[1], -1);
	import_free(&j);
}

/* A UTF-8 BOM is not part of the first header; CRLF line ends work. */
static void test_bom(void **state)
{
	(void)state;
	const char csv[] = "\xef\xbb\xbfname,phone\r\nسارة الحسن,0933111222\r\n";
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, csv, 0);
	assert_int_equal(j.had_bom, 1);
	assert_string_equal(import_header(&j, 0), "name");
	assert_int_equal(j.map[0], import_field_index(IMPORT_PEOPLE, "name"));
	assert_int_equal(j.nrows, 1);
	assert_string_equal(import_cell(&j, 0, 1), "0933111222");
	assert_int_equal(j.nerrors, 0);
	assert_int_equal(j.nready, 1);
	import_free(&j);
}

/* Quoted cells keep commas, quotes and newlines; the report counts records. */
static void test_quoted_fields(void **state)
{
	(void)state;
	const char csv[] = "name,name_latin,role,organization\n"
			   "\"خالد, الابن\",\"Khaled \"\"Abu Omar\"\" Al-Hassan\",\"line one\nline two\",\n"
			   "  فاطمة  ,\"  kept spaces  \",,\n";
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, csv, 0);
	assert_int_equal(j.nrows, 2);
	assert_string_equal(import_cell(&j, 0, 0), "خالد, الابن");
	assert_string_equal(import_cell(&j, 0, 1), "Khaled \"Abu Omar\" Al-Hassan");
	assert_string_equal(import_cell(&j, 0, 2), "line one\nline two");
	/* spaces around a value are not part of it */
	assert_string_equal(import_cell(&j, 1, 0), "فاطمة");
	assert_string_equal(import_cell(&j, 1, 1), "kept spaces");
	/* a newline inside a role is refused for that cell of row 2 only */
	expect_issue(&j, 2, 2, "This cell contains characters that are not allowed.");
	assert_int_equal(j.nerrors, 1);
	assert_int_equal(j.nerror_rows, 1);
	assert_int_equal(j.nready, 1);
	import_free(&j);
}

/* A name with a right-to-left override (U+202E) or an isolate (U+2066)
 * is refused in its cell, as control characters are; the direction marks
 * (U+200F) are not. */
static void test_bidi_controls(void **state)
{
	(void)state;
	const char csv[] = "name,name_latin\n"
			   "\xe2\x80\xae" "خالد الحسن,\n"
			   "سعاد العلي,Suad \xe2\x81\xa6" "Ali\n"
			   "منى الخلف\xe2\x80\x8f,\n";
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, csv, 0);
	assert_int_equal(j.nrows, 3);
	expect_issue(&j, 2, 0, "This cell contains characters that are not allowed.");
	expect_issue(&j, 3, 1, "This cell contains characters that are not allowed.");
	assert_int_equal(j.nerrors, 2);
	assert_int_equal(j.nready, 1);
	import_free(&j);
}

/* A sheet saved with semicolons or tabs is read with its delimiter. */
static void test_delimiters(void **state)
{
	(void)state;
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, "الاسم;الجنس\nعلي, الصغير;ذكر\n", 0);
	assert_int_equal(j.delimiter, ';');
	assert_string_equal(import_cell(&j, 0, 0), "علي, الصغير");
	assert_int_equal(j.nerrors, 0);
	import_free(&j);
	load_check(&j, IMPORT_PEOPLE, "name\tgender\nعلي\tm\n", 0);
	assert_int_equal(j.delimiter, '\t');
	assert_string_equal(import_cell(&j, 0, 1), "m");
	assert_int_equal(j.nerrors, 0);
	import_free(&j);
}

/* Files that are not UTF-8 CSV are refused whole with advice. */
/* Windows-1256 (Arabic Excel's "CSV") and UTF-16 ("Unicode text") are
 * converted and read; other encodings, old .xls files and damaged
 * workbooks are refused with advice. */
static void test_encodings(void **state)
{
	(void)state;
	struct import_job j;
	/* "الاسم,الهاتف" then "محمد" in Windows-1256 */
	const char cp1256[] = "\xc7\xe1\xc7\xd3\xe3,\xc7\xe1\xe5\xc7\xca\xdd\n\xe3\xcd\xe3\xcf,0944123456\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, cp1256, sizeof cp1256 - 1), 0);
	assert_string_equal(j.encoding, "Windows-1256");
	assert_string_equal(import_header(&j, 0), "الاسم");
	assert_string_equal(import_header(&j, 1), "الهاتف");
	assert_string_equal(import_cell(&j, 0, 0), "محمد");
	import_guess_map(&j);
	assert_int_equal(j.map[0], import_field_index(IMPORT_PEOPLE, "name"));
	import_free(&j);
	/* UTF-16 with its BOM, as "Unicode text": "name\tالاسم" is not needed, a tab-separated file */
	const char utf16[] = "\xff\xfen\0a\0m\0e\0\t\0p\0h\0o\0n\0e\0\r\0\n\0'\x06\x44\x06\x45\x06\x44\x06\t\0" "0\0" "9\0\r\0\n\0";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, utf16, sizeof utf16 - 1), 0);
	assert_string_equal(j.encoding, "UTF-16");
	assert_int_equal(j.delimiter, '\t');
	assert_string_equal(import_header(&j, 1), "phone");
	assert_string_equal(import_cell(&j, 0, 0), "\xd8\xa7\xd9\x84\xd9\x85\xd9\x84"); /* U+0627 U+0644 U+0645 U+0644 */
	import_free(&j);
	/* the detection itself */
	const unsigned char mixed[] = "Ahmad,\xc3\xcd\xe3\xcf \xc7\xe1\xda\xe1\xed,0944123456\n"; /* أحمد العلي */
	assert_int_equal(encoding_detect(mixed, sizeof mixed - 1), ENC_CP1256);
	const unsigned char be[] = "\0n\0a\0m\0e\0\n\x06'\x06" "D\0\n";  /* UTF-16BE without its mark */
	assert_int_equal(encoding_detect(be, sizeof be - 1), ENC_UTF16BE);
	const unsigned char le[] = "n\0a\0m\0e\0\n\0'\x06" "D\x06\n\0";
	assert_int_equal(encoding_detect(le, sizeof le - 1), ENC_UTF16LE);
	assert_int_equal(encoding_detect((const unsigned char *)"أحمد", strlen("أحمد")), ENC_UTF8);
	assert_int_equal(encoding_detect((const unsigned char *)"Ren\xe9" "e", 5), ENC_UNKNOWN);   /* é is no Arabic */
	assert_int_equal(encoding_detect((const unsigned char *)"\xd7\xd7", 2), ENC_UNKNOWN);  /* × alone: no letter */
	char *conv;
	size_t clen;
	assert_int_equal(encoding_to_utf8(ENC_CP1256, (const char *)mixed, sizeof mixed - 1, &conv, &clen), 0);
	assert_string_equal(conv, "Ahmad,أحمد العلي,0944123456\n");
	assert_int_equal(clen, strlen(conv));
	free(conv);
	assert_int_equal(encoding_to_utf8(ENC_UTF16LE, "\xff\xfe\0\xd8", 4, &conv, &clen), -1);  /* a lone surrogate */
	assert_null(conv);
	/* UTF-8 stays UTF-8 */
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, "name\nأحمد\n", strlen("name\nأحمد\n")), 0);
	assert_string_equal(j.encoding, "UTF-8");
	import_free(&j);
	/* French in Windows-1252 is not Arabic: refused, not garbled */
	const char latin1[] = "name\nH\xe9l\xe8ne Fran\xe7ois\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, latin1, sizeof latin1 - 1), -1);
	assert_non_null(strstr(j.fatal, "CSV UTF-8"));
	assert_non_null(strstr(j.fatal, "neither UTF-8"));
	import_free(&j);
	/* a damaged .xlsx file (a zip archive cut short) */
	const char xlsx[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, xlsx, sizeof xlsx - 1), -1);
	assert_non_null(strstr(j.fatal, "damaged"));
	import_free(&j);
	/* an old .xls file */
	const char xls[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, xls, sizeof xls - 1), -1);
	assert_non_null(strstr(j.fatal, ".xls)"));
	import_free(&j);
	/* a valid file with one overlong UTF-8 sequence in the middle: not Arabic either */
	const char overlong[] = "name\nok\n\xc0\xaf\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, overlong, sizeof overlong - 1), -1);
	assert_non_null(strstr(j.fatal, "neither UTF-8"));
	import_free(&j);
}

/* Empty files, a header alone, too many columns, an unclosed quote. */
static void test_file_shape(void **state)
{
	(void)state;
	struct import_job j;
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, "", 0), -1);
	assert_non_null(strstr(j.fatal, "empty"));
	import_free(&j);
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, "name,phone\n", 11), -1); /* 11 bytes */
	assert_non_null(strstr(j.fatal, "no rows"));
	import_free(&j);
	char wide[400] = "";
	size_t n = 0;
	for (int i = 0; i < 65; i++)
		n += (size_t)snprintf(wide + n, sizeof wide - n, "c%d,", i);
	wide[n - 1] = '\n';
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, wide, n), -1);
	assert_non_null(strstr(j.fatal, "64 columns"));
	import_free(&j);
	const char unclosed[] = "name\nok\n\"never closed\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, unclosed, sizeof unclosed - 1), -1);
	assert_non_null(strstr(j.fatal, "never closed"));
	assert_int_equal(j.fatal_row, 3);
	import_free(&j);
	const char stray[] = "name,size\nok,1\nTV,32\" screen\nradio,1\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, stray, sizeof stray - 1), -1);
	assert_non_null(strstr(j.fatal, "quote mark"));
	assert_int_equal(j.fatal_row, 3);
	import_free(&j);
}

/* Each value is checked against its field; errors name the row and column. */
static void test_people_values(void **state)
{
	(void)state;
	const char csv[] =
		"name,gender,birth_year,phone,community,organization,disability\n"
		"سارة الحسن,f,1990,0933 111 222,مدينة الرقة,جمعية شباب الرقة التطوعية,no\n" /* 2: good */
		"Sara Hassan,أنثى,١٩٨٥,+963 933 111 223,Raqqa city,Raqqa Youth Volunteer Association,نعم\n" /* 3: good */
		"علي,ذكر,1990-05-01,,مدينه الرقه,جمعيه شباب الرقه التطوعيه,\n" /* 4: good, folded spellings */
		"عمر,male,5/1/1990,,,,\n" /* 5: good */
		"منى,x,19,123,nowhere,no such org,maybe\n" /* 6: six errors */
		",f,1850,,,,\n" /* 7: no name, impossible year */
		"---,m,,0944 1,,,\n" /* 8: no letters, bad phone */
		",,,,,,\n" /* 9: empty, skipped */
		"هدى,F,2999,0933111224;0933111225;0933111226;0933111227,,,\n"; /* 10: future year, 4 phones */
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, csv, 0);
	assert_int_equal(j.nrows, 9);
	for (long row = 2; row <= 5; row++)
		for (size_t i = 0; i < j.nissues; i++)
			if (j.issues[i].row == row) {
				dump(&j);
				fail_msg("row %ld should be accepted", row);
			}
	expect_issue(&j, 6, 1, "Write the gender as f or m (female or male, أنثى or ذكر).");
	expect_issue(&j, 6, 2, "Write the birth year with four digits, for example 1990.");
	expect_issue(&j, 6, 3, "This is not a phone number we can read.");
	expect_issue(&j, 6, 4, "No community in daam has this name.");
	expect_issue(&j, 6, 5, "No organization in daam has this name.");
	expect_issue(&j, 6, 6, "Write yes or no.");
	expect_issue(&j, 7, 0, "The name is missing.");
	expect_issue(&j, 7, 2, "This birth year is not possible.");
	expect_issue(&j, 8, 0, "The name has no letters.");
	expect_issue(&j, 8, 3, "This is not a phone number we can read.");
	expect_issue(&j, 10, 2, "This birth year is not possible.");
	expect_issue(&j, 10, 3, "At most three phone numbers per person.");
	assert_int_equal(j.nerrors, 12);
	assert_int_equal(j.nerror_rows, 4);
	assert_int_equal(j.nempty, 1);
	assert_int_equal(j.nready, 4);
	import_free(&j);
}

/* The mapping needs a name column, and a field in one column only. */
static void test_mapping_errors(void **state)
{
	(void)state;
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, "phone,gender\n0933111222,f\n", 0);
	expect_issue(&j, 0, -1, "No column is chosen for the name.");
	import_free(&j);
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, "a,b\nx,y\n", 8), 0); /* 8 bytes */
	assert_int_equal(import_map_column(&j, 0, "name"), 0);
	assert_int_equal(import_map_column(&j, 1, "name"), 0);
	struct import_ctx c = { 0, 0, NULL, NULL, NULL, 0 };
	assert_int_equal(import_check(&j, db_read(), &c), 1);
	expect_issue(&j, 0, 1, "Two columns are chosen for the same field.");
	/* mapped again, the same job checks clean */
	assert_int_equal(import_map_column(&j, 1, ""), 0);
	assert_int_equal(import_check(&j, db_read(), &c), 0);
	assert_int_equal(j.nready, 1);
	import_free(&j);
}

/* Cells past the header's columns are an error when not empty. */
static void test_extra_cells(void **state)
{
	(void)state;
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, "name,gender\nعلي,m,\nسارة,f,surprise\n", 0);
	assert_int_equal(j.nerrors, 1);
	expect_issue(&j, 3, -1, "This row has more cells than the header row.");
	import_free(&j);
}

/* Likely duplicates: a registered phone, a registered similar name with a
 * close birth year, and the same within the file; a far birth year is not. */
static void test_duplicates(void **state)
{
	(void)state;
	const char csv[] =
		"name,birth_year,phone\n"
		"سامر خليل,1980,+963944123456\n"        /* 2: registered phone */
		"محمد احمد العلي,1991,\n"              /* 3: registered name, folded, year ±1 */
		"Mohammed Ahmad Al-Ali,1990,\n"        /* 4: the same name in Latin letters */
		"محمد أحمد العلي,1950,\n"              /* 5: same name, 40 years apart: not flagged */
		"ليلى حسن,1999,0955 000 111\n"          /* 6 */
		"نور الدين,2000,0955000111\n"          /* 7: phone of row 6 */
		"ليلى حسن,,\n";                        /* 8: name of row 6, birth year unknown */
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, csv, 1);
	assert_int_equal(j.nerrors, 0);
	long long registered = count("SELECT id FROM people WHERE name_ar = 'محمد أحمد العلي'");
	const struct import_issue *is = find_issue(&j, 2, 2, "Possible duplicate: a registered person has the same phone.");
	assert_non_null(is);
	assert_int_equal(is->ref_kind, IMPORT_REF_PERSON);
	assert_int_equal(is->ref, registered);
	is = find_issue(&j, 3, 0, "Possible duplicate: a registered person has a similar name.");
	assert_non_null(is);
	assert_int_equal(is->ref, registered);
	is = find_issue(&j, 4, 0, "Possible duplicate: a registered person has a similar name.");
	assert_non_null(is);
	assert_int_equal(is->ref, registered);
	for (size_t i = 0; i < j.nissues; i++)
		assert_int_not_equal(j.issues[i].row, 5);
	is = find_issue(&j, 7, 2, "Possible duplicate: an earlier row has the same phone.");
	assert_non_null(is);
	assert_int_equal(is->ref_kind, IMPORT_REF_ROW);
	assert_int_equal(is->ref, 6);
	is = find_issue(&j, 8, 0, "Possible duplicate: an earlier row has a similar name.");
	assert_non_null(is);
	assert_int_equal(is->ref, 6);
	assert_int_equal(j.nwarnings, 5);
	/* flags are warnings: the file can still be imported */
	assert_int_equal(j.nready, 7);
	import_free(&j);
	/* without duplicate checks, no flags */
	load_check(&j, IMPORT_PEOPLE, csv, 0);
	assert_int_equal(j.nwarnings, 0);
	import_free(&j);
}

/* Nothing is written when a row has an error; a good file is written whole
 * with memberships and one audit entry. */
static void test_commit(void **state)
{
	(void)state;
	long long people = count("SELECT count(*) FROM people"), audits = count("SELECT count(*) FROM audit_log");
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, "name,phone\nأمل,0933 222 333\nبلال,12\n", 1);
	assert_int_equal(j.nerrors, 1);
	struct import_ctx c = { 0, 1, NULL, NULL, NULL, 0 };
	assert_int_equal(commit(&j, &c, "bad.csv"), -1); /* rolled back */
	import_free(&j);
	assert_int_equal(count("SELECT count(*) FROM people"), people);

	const char good[] = "الاسم,الهاتف,الجنس,سنة الميلاد,التجمع/المكان,المنظمة,الدور\n"
			    "أمل يوسف,0933 222 333,أنثى,1992,مدينة الطبقة,مبادرة نساء الطبقة,منسقة\n"
			    "بلال عيسى,,ذكر,,,,\n";
	load_check(&j, IMPORT_PEOPLE, good, 1);
	assert_int_equal(j.nerrors, 0);
	assert_int_equal(commit(&j, &c, "good\ncsv"), 2);
	import_free(&j);
	assert_int_equal(count("SELECT count(*) FROM people"), people + 2);
	assert_int_equal(count("SELECT count(*) FROM audit_log"), audits + 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'people'"
			       " AND detail = 'rows=2 file=good_csv'"), 1);
	long long amal = count("SELECT id FROM people WHERE name_ar = 'أمل يوسف' AND gender = 'f' AND birth_year = 1992"
			       " AND place_id = 1010 AND office_id = 2");
	assert_true(amal > 0);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM memberships WHERE person_id = %lld AND org_id = %lld AND role = 'منسقة'",
		 amal, org_tabqa);
	assert_int_equal(count(sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM person_phones WHERE person_id = %lld AND phone_norm = '+963933222333'", amal);
	assert_int_equal(count(sql), 1);
	/* the search index knows the new people */
	assert_int_equal(count("SELECT count(*) FROM person_search WHERE person_search MATCH 'بلال'"), 1);
}

/* Leaving out the rows with errors: refused without the flag or when the
 * choice of columns is wrong; with it, the others are written and the audit
 * entry lists the rows left out, runs as ranges. */
static void test_commit_skipping_bad_rows(void **state)
{
	(void)state;
	long long people = count("SELECT count(*) FROM people");
	const char csv[] = "name,phone\n"
			   "صف جيد أول,0933 500 001\n"   /* 2 */
			   "صف سيئ,1\n"                 /* 3 */
			   "صف سيئ,2\n"                 /* 4 */
			   "صف سيئ,3\n"                 /* 5 */
			   "صف جيد ثان,0933 500 002\n"   /* 6 */
			   "صف سيئ,4\n"                 /* 7 */
			   ",\n"                         /* 8: empty, skipped */
			   "صف جيد ثالث,\n";             /* 9 */
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, csv, 0);
	assert_int_equal(j.nerror_rows, 4);
	assert_int_equal(j.nready, 3);
	assert_true(import_skippable(&j));
	assert_true(import_row_bad(&j, 1) && import_row_bad(&j, 5) && !import_row_bad(&j, 0) && !import_row_bad(&j, 6));
	struct import_ctx c = { 0, 0, NULL, NULL, NULL, 0 };
	assert_int_equal(commit(&j, &c, "mixed.csv"), -1);   /* all or nothing */
	c.skip_bad = 1;
	assert_int_equal(commit(&j, &c, "mixed.csv"), 3);
	import_free(&j);
	assert_int_equal(count("SELECT count(*) FROM people"), people + 3);
	assert_int_equal(count("SELECT count(*) FROM people WHERE name_ar = 'صف سيئ'"), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'import'"
			       " AND detail = 'rows=3 skipped=4 skipped_rows=3-5,7 file=mixed.csv'"), 1);
	/* a wrong choice of columns cannot be skipped: nothing is ready */
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, csv, sizeof csv - 1), 0);
	assert_int_equal(import_map_column(&j, 1, "phone"), 0);
	assert_int_equal(import_check(&j, db_read(), &c), 1);
	assert_false(import_skippable(&j));
	assert_int_equal(commit(&j, &c, "mixed.csv"), -1);
	import_free(&j);
	assert_int_equal(count("SELECT count(*) FROM people"), people + 3);
}

/* A cell daam (or a spreadsheet) neutralized with an apostrophe before
 * = + - @ reads as what follows; other apostrophes stay. */
static void test_neutralized_cells(void **state)
{
	(void)state;
	struct import_job j;
	const char csv[] = "name,phone,role\n\"'=HYPERLINK(\"\"x\"\")\",'+963 944 000 111,'@x\n"
			   "'Ali O'Hara,'0944 000 112,'-\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, csv, sizeof csv - 1), 0);
	assert_string_equal(import_cell(&j, 0, 0), "=HYPERLINK(\"x\")");
	assert_string_equal(import_cell(&j, 0, 1), "+963 944 000 111");
	assert_string_equal(import_cell(&j, 0, 2), "@x");
	assert_string_equal(import_cell(&j, 1, 0), "'Ali O'Hara");
	assert_string_equal(import_cell(&j, 1, 1), "'0944 000 112");
	assert_string_equal(import_cell(&j, 1, 2), "-");
	import_free(&j);
}

/* An office-bound user matches only the organizations of the office. */
static void test_office_scope(void **state)
{
	(void)state;
	struct import_job j;
	const char two[] = "name,organization\nرنا,مبادرة نساء الطبقة\nرامي,جمعية شباب الرقة التطوعية\n";
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, two, strlen(two)), 0);
	import_guess_map(&j);
	struct import_ctx c = { 1, 0, NULL, NULL, NULL, 0 }; /* the Raqqa office */
	assert_int_equal(import_check(&j, db_read(), &c), 1);
	expect_issue(&j, 2, 1, "No organization in daam has this name.");
	import_free(&j);
	(void)org_raqqa;
}

/* Values as spreadsheets write them: phones Excel made numbers
 * (9.44123456E+08, 944123456.0, the leading zero lost), birth years as
 * 1990.0, as a date or an Excel serial, Arabic-Indic and Persian digits
 * everywhere, dates day first with - . / and a time after, or as serials. */
static void test_spreadsheet_values(void **state)
{
	(void)state;
	const char csv[] =
		"name,birth_year,phone\n"
		"ليلى المحمد,1990.0,9.44123456E+08\n"                         /* 2 */
		"رنا الخلف,٣٢٨٧٤,944123457.0\n"                               /* 3: 32874 is 1990-01-01 */
		"هند العبدالله,۱۹۹۲,۰۹۴۴۱۲۳۴۵۸\n"                             /* 4: Persian digits */
		"سلمى الأحمد,1/5/1991 00:00,963944123459\n"                   /* 5 */
		"نور الحسين,١٩٩٣٫٠,٩٫٤٤١٢٣٤٥٥E+08\n"                          /* 6: Arabic decimal point */
		"x1,1990.5,9.44E+20\n";                                        /* 7: two errors */
	struct import_job j;
	load_check(&j, IMPORT_PEOPLE, csv, 0);
	for (size_t i = 0; i < j.nissues; i++)
		if (j.issues[i].row != 7) {
			dump(&j);
			fail_msg("row %ld should be accepted", j.issues[i].row);
		}
	expect_issue(&j, 7, 1, "Write the birth year with four digits, for example 1990.");
	expect_issue(&j, 7, 2, "This is not a phone number we can read.");
	struct import_ctx c = { 0, 0, NULL, NULL, NULL, 1 };
	assert_int_equal(commit(&j, &c, "excel.csv"), 5);
	import_free(&j);
	assert_int_equal(count("SELECT count(*) FROM person_phones WHERE phone = '944123456' AND phone_norm = '+963944123456'"), 1);
	assert_int_equal(count("SELECT count(*) FROM person_phones WHERE phone = '944123457' AND phone_norm = '+963944123457'"), 1);
	assert_int_equal(count("SELECT count(*) FROM person_phones WHERE phone_norm = '+963944123458'"), 1);
	assert_int_equal(count("SELECT count(*) FROM person_phones WHERE phone_norm = '+963944123459'"), 1);
	assert_int_equal(count("SELECT count(*) FROM person_phones WHERE phone = '944123455' AND phone_norm = '+963944123455'"), 1);
	assert_int_equal(count("SELECT birth_year FROM people WHERE name_ar = 'ليلى المحمد'"), 1990);
	assert_int_equal(count("SELECT birth_year FROM people WHERE name_ar = 'رنا الخلف'"), 1990);
	assert_int_equal(count("SELECT birth_year FROM people WHERE name_ar = 'هند العبدالله'"), 1992);
	assert_int_equal(count("SELECT birth_year FROM people WHERE name_ar = 'سلمى الأحمد'"), 1991);
	assert_int_equal(count("SELECT birth_year FROM people WHERE name_ar = 'نور الحسين'"), 1993);

	/* organizations' dates: d-m-yyyy, d.m.yyyy, yyyy/m/d, Arabic digits, a serial */
	const char orgs[] =
		"اسم المنظمة,founded,registration date\n"
		"فريق أ,12-3-2018,٢٠١٩/٧/٤\n"
		"فريق ب,12.03.2018 13:45,43171\n"
		"فريق ج,2018-13-01,60\n";
	load_check(&j, IMPORT_ORGS, orgs, 0);
	for (size_t i = 0; i < j.nissues; i++)
		assert_int_equal(j.issues[i].row, 4);
	expect_issue(&j, 4, 1, "Enter a date as year-month-day, for example 2018-03-12.");
	expect_issue(&j, 4, 2, "Enter a date as year-month-day, for example 2018-03-12.");
	c.skip_bad = 1;
	assert_int_equal(commit(&j, &c, "orgs.csv"), 2);
	import_free(&j);
	assert_int_equal(count("SELECT count(*) FROM orgs WHERE name_ar = 'فريق أ' AND founded = '2018-03-12' AND reg_date = '2019-07-04'"), 1);
	assert_int_equal(count("SELECT count(*) FROM orgs WHERE name_ar = 'فريق ب' AND founded = '2018-03-12' AND reg_date = '2018-03-12'"), 1);
}

/* Organizations: Arabic kinds, sectors by name or code, offices by code,
 * dates day first, and a name already registered flagged. */
static void test_orgs(void **state)
{
	(void)state;
	const char csv[] =
		"اسم المنظمة,name_en,النوع,stage,office,community,القطاعات,founded,email\n"
		"رابطة الفرات,Euphrates League,جمعية,incubated,raqqa,الكسرة,\"education, الصحة\",12/3/2018,info@euphrates.org\n"
		"جمعية شباب الرقة التطوعية,,organization,,tabqa,,youth,2019-01-31,\n"
		"مبادرة جديدة,,club,later,mars,nowhere,\"education, cooking\",31/31/2018,not-an-email\n";
	struct import_job j;
	load_check(&j, IMPORT_ORGS, csv, 1);
	for (size_t i = 0; i < j.nissues; i++)
		assert_true(j.issues[i].row == 4 || j.issues[i].severity == IMPORT_WARNING);
	const struct import_issue *is = find_issue(&j, 3, 0, "An organization with this name is already registered.");
	assert_non_null(is);
	assert_int_equal(is->ref_kind, IMPORT_REF_ORG);
	assert_int_equal(is->ref, org_raqqa);
	expect_issue(&j, 4, 2, "Write organization, association, initiative, network, international or local_admin.");
	expect_issue(&j, 4, 3, "Write applicant, incubated, alumni or external.");
	expect_issue(&j, 4, 4, "No office has this name or code.");
	expect_issue(&j, 4, 5, "No community in daam has this name.");
	expect_issue(&j, 4, 6, "One of these sectors is not in daam's list of sectors.");
	expect_issue(&j, 4, 7, "Enter a date as year-month-day, for example 2018-03-12.");
	expect_issue(&j, 4, 8, "This is not an e-mail address.");
	assert_int_equal(j.nerrors, 7);
	/* an office-bound user may not import into another office */
	import_free(&j);
	assert_int_equal(import_load(&j, IMPORT_ORGS, csv, sizeof csv - 1), 0);
	import_guess_map(&j);
	struct import_ctx c = { 1, 0, NULL, NULL, NULL, 0 };
	assert_true(import_check(&j, db_read(), &c) > 0);
	expect_issue(&j, 3, 4, "You can import only into your own office.");
	import_free(&j);

	/* the two good rows, written */
	const char good[] =
		"اسم المنظمة,name_en,النوع,office,community,القطاعات,founded\n"
		"رابطة الفرات,Euphrates League,جمعية,raqqa,الكسرة,\"education, الصحة\",12/3/2018\n";
	load_check(&j, IMPORT_ORGS, good, 1);
	assert_int_equal(j.nerrors, 0);
	c.office = 0;
	assert_int_equal(commit(&j, &c, "orgs.csv"), 1);
	import_free(&j);
	long long id = count("SELECT id FROM orgs WHERE name_ar = 'رابطة الفرات' AND kind = 'association' AND founded = '2018-03-12'"
			     " AND office_id = 1 AND stage = 'applicant' AND reg_status = 'unregistered'");
	assert_true(id > 0);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM org_sectors x JOIN sectors s ON s.id = x.sector_id"
		 " WHERE x.org_id = %lld AND s.code IN ('education', 'health')", id);
	assert_int_equal(count(sql), 2);
	assert_int_equal(count("SELECT count(*) FROM org_search WHERE org_search MATCH 'euphrates'"), 1);
	/* folded the way the page folds (org_save) */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM orgs WHERE id = %lld AND name_folded = 'رابطه الفرات'", id);
	assert_int_equal(count(sql), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_mapping),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_bidi_controls),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_file_shape),
		cmocka_unit_test(test_people_values),
		cmocka_unit_test(test_mapping_errors),
		cmocka_unit_test(test_extra_cells),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_commit_skipping_bad_rows),
		cmocka_unit_test(test_neutralized_cells),
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_office_scope),
		cmocka_unit_test(test_orgs),
		cmocka_unit_test(test_spreadsheet_values),
	};
	return cmocka_run_group_tests_name("import", tests, setup, teardown);
}
