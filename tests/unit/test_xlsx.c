/* test_xlsx — the workbook reader (src/core/xlsx.c) and its import
 * (src/registry/import_xlsx.c): a workbook written by libxlsxwriter as
 * daam's export writes it (constant memory, right to left, a bold header),
 * and workbooks made here with libzip from XML written in the test (shared
 * strings with rich-text and phonetic runs, inline and formula strings,
 * booleans, numbers in exponent form, dates by built-in and custom formats,
 * the 1904 date system, gaps between cells and rows, several sheets); the
 * refusals (a zip bomb, too many rows, strings or columns, a long cell, a
 * DTD, an encrypted or damaged file); and the value helpers (date serials,
 * numbers, date formats). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>
#include "core/i18n.h"
#include "core/numtext.h"
#include "core/xlsx.h"
#include "registry/import.h"
#include "core/banned.h"

static char dir[64];

/* ---- making workbooks ---- */

struct part {
	const char *name, *xml;
	size_t len;   /* 0: strlen(xml) */
};

/* The bytes of a file, malloc'd. */
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

/* A zip of these parts, in memory (malloc'd). */
static char *make_zip(const struct part *parts, size_t *len)
{
	char path[128];
	snprintf(path, sizeof path, "%s/t.zip", dir);
	unlink(path);
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (int i = 0; parts[i].name; i++) {
		size_t n = parts[i].len ? parts[i].len : strlen(parts[i].xml);
		zip_source_t *src = zip_source_buffer(za, parts[i].xml, n, 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	char *b = slurp(path, len);
	unlink(path);
	return b;
}

static const char RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";

static const char WB_RELS[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";

/* Two sheets; the first ("ملاحظات") is notes, the second the data. */
static const char WORKBOOK[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<workbookPr/><sheets>"
	"<sheet name=\"ملاحظات\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"People\" sheetId=\"2\" r:id=\"rId2\"/>"
	"</sheets></workbook>";

static const char WORKBOOK_1904[] =
	"<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<x:workbookPr date1904=\"1\"/><x:sheets>"
	"<x:sheet name=\"ملاحظات\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<x:sheet name=\"People\" sheetId=\"2\" r:id=\"rId2\"/>"
	"</x:sheets></x:workbook>";

/* 0 الاسم, 1 الهاتف, 2 a rich-text name in two runs with a phonetic run, 3 سنة الميلاد, 4 تاريخ التسجيل, 5 "a_x000D_b" */
static const char SST[] =
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"6\" uniqueCount=\"6\">"
	"<si><t>الاسم</t></si><si><t>الهاتف</t></si>"
	"<si><r><rPr><b/></rPr><t xml:space=\"preserve\">محمد </t></r><r><t>العلي</t></r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>"
	"<si><t>سنة الميلاد</t></si><si><t>تاريخ التسجيل</t></si><si><t>a_x000D_b</t></si>"
	"</sst>";

/* cellXfs: 0 General, 1 built-in 14 (a date), 2 custom 164 d/m/yyyy, 3 custom 165 0.00 */
static const char STYLES[] =
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"d/m/yyyy;@\"/><numFmt numFmtId=\"165\" formatCode=\"0.00&quot;d&quot;\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>"
	"</styleSheet>";

static const char SHEET_NOTES[] =
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>from the partner</t></is></c></row>"
	"</sheetData></worksheet>";

/* Row 1 the header (A–D, with a styled empty cell at Z1); row 2 a
 * person; rows 3–4 missing; row 5 with a gap at B and the cells without
 * r attributes after it. */
static const char SHEET_PEOPLE[] =
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:Z5\"/><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>3</v></c>"
	"<c r=\"D1\" t=\"s\"><v>4</v></c><c r=\"Z1\" s=\"2\"/></row>"
	"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>9.44123456E8</v></c><c r=\"C2\"><v>1990.0</v></c>"
	"<c r=\"D2\" s=\"2\"><v>43171</v></c><c r=\"E2\" t=\"b\"><v>1</v></c><c r=\"F2\" t=\"str\"><f>A2&amp;\"\"</f><v>محمد العلي</v></c></row>"
	"<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><r><t>فاطمة</t></r><r><t xml:space=\"preserve\"> الحسن</t></r></is></c>"
	"<c r=\"C5\" s=\"1\"><v>32874.75</v></c><c s=\"3\"><v>0.5</v></c><c t=\"s\"><v>5</v></c><c t=\"e\"><v>#N/A</v></c></row>"
	"</sheetData></worksheet>";

static char *book(const char *workbook, const char *people, size_t *len)
{
	struct part parts[] = {
		{ "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", 0 },
		{ "_rels/.rels", RELS, 0 },
		{ "xl/workbook.xml", workbook, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS, 0 },
		{ "xl/sharedStrings.xml", SST, 0 },
		{ "xl/styles.xml", STYLES, 0 },
		{ "xl/worksheets/sheet1.xml", SHEET_NOTES, 0 },
		{ "xl/worksheets/sheet2.xml", people, 0 },
		{ NULL, NULL, 0 },
	};
	return make_zip(parts, len);
}

/* ---- reading every cell ---- */

#define MAXC 64
struct cells {
	int n;
	long row[MAXC];
	int col[MAXC];
	char text[MAXC][80];
};

static int collect(void *arg, long row, int col, const char *text, size_t len)
{
	struct cells *c = arg;
	assert_int_equal(strlen(text), len);
	if (c->n == MAXC)
		return 0;   /* counted no further: a sheet may have more */
	c->row[c->n] = row;
	c->col[c->n] = col;
	snprintf(c->text[c->n], sizeof c->text[0], "%s", text);
	c->n++;
	return 0;
}

/* The text read at (row, col), or NULL. */
static const char *at(const struct cells *c, long row, int col)
{
	for (int i = 0; i < c->n; i++)
		if (c->row[i] == row && c->col[i] == col)
			return c->text[i];
	return NULL;
}

static int read_all(const char *data, size_t len, const struct xlsx_limits *lim, const char *sheet, struct cells *c)
{
	int st;
	memset(c, 0, sizeof *c);
	struct xlsx *x = xlsx_open(data, len, lim, &st);
	if (!x)
		return st;
	int i = sheet ? xlsx_find_sheet(x, sheet) : 0;
	st = i < 0 ? XLSX_E_NO_SHEET : xlsx_read_sheet(x, i, collect, c);
	xlsx_close(x);
	return st;
}

/* ---- the tests ---- */

/* Shared, inline and formula strings, numbers, dates, booleans, gaps and
 * two sheets, read cell by cell. */
static void test_cells(void **state)
{
	(void)state;
	size_t len;
	char *data = book(WORKBOOK, SHEET_PEOPLE, &len);
	int st;
	struct xlsx *x = xlsx_open(data, len, NULL, &st);
	assert_non_null(x);
	assert_int_equal(xlsx_nsheets(x), 2);
	assert_string_equal(xlsx_sheet_name(x, 0), "ملاحظات");
	assert_string_equal(xlsx_sheet_name(x, 1), "People");
	assert_int_equal(xlsx_find_sheet(x, "People"), 1);
	assert_int_equal(xlsx_find_sheet(x, "2"), 1);
	assert_int_equal(xlsx_find_sheet(x, "3"), -1);
	assert_int_equal(xlsx_find_sheet(x, "people"), -1);
	xlsx_close(x);

	struct cells c;
	assert_int_equal(read_all(data, len, NULL, NULL, &c), XLSX_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(at(&c, 0, 0), "from the partner");

	assert_int_equal(read_all(data, len, NULL, "People", &c), XLSX_OK);
	assert_string_equal(at(&c, 0, 0), "الاسم");
	assert_string_equal(at(&c, 0, 3), "تاريخ التسجيل");
	assert_null(at(&c, 0, 25));                       /* a styled empty cell is no cell */
	assert_string_equal(at(&c, 1, 0), "محمد العلي");  /* the runs joined, the phonetic run left out */
	assert_string_equal(at(&c, 1, 1), "944123456");   /* the phone Excel made a number */
	assert_string_equal(at(&c, 1, 2), "1990");
	assert_string_equal(at(&c, 1, 3), "2018-03-12");  /* d/m/yyyy: a date */
	assert_string_equal(at(&c, 1, 4), "TRUE");
	assert_string_equal(at(&c, 1, 5), "محمد العلي");  /* a formula's cached text */
	assert_string_equal(at(&c, 4, 0), "فاطمة الحسن");
	assert_null(at(&c, 4, 1));                        /* the gap */
	assert_string_equal(at(&c, 4, 2), "1990-01-01");  /* built-in date format; the time dropped */
	assert_string_equal(at(&c, 4, 3), "0.5");         /* a number format that is not a date */
	assert_string_equal(at(&c, 4, 4), "a\rb");        /* _x000D_ */
	assert_string_equal(at(&c, 4, 5), "#N/A");
	/* in the order of the sheet */
	for (int i = 1; i < c.n; i++)
		assert_true(c.row[i] > c.row[i - 1] || (c.row[i] == c.row[i - 1] && c.col[i] > c.col[i - 1]));

	/* a sheet part in UTF-16 (the format allows it): expat reads it, the text comes as UTF-8 */
	const char ascii[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet><sheetData><row><c t=\"inlineStr\">"
			     "<is><t>utf16</t></is></c></row></sheetData></worksheet>";
	char wide[2 * sizeof ascii + 2];
	size_t wn = 0;
	wide[wn++] = (char)0xff;
	wide[wn++] = (char)0xfe;
	for (size_t i = 0; i + 1 < sizeof ascii; i++) {
		wide[wn++] = ascii[i];
		wide[wn++] = 0;
	}
	struct part wparts[] = {
		{ "xl/workbook.xml", WORKBOOK, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS, 0 },
		{ "xl/worksheets/sheet1.xml", wide, wn },
		{ NULL, NULL, 0 },
	};
	free(data);
	data = make_zip(wparts, &len);
	assert_int_equal(read_all(data, len, NULL, NULL, &c), XLSX_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(at(&c, 0, 0), "utf16");
	free(data);

	/* the 1904 date system (and prefixed element names) */
	data = book(WORKBOOK_1904, SHEET_PEOPLE, &len);
	assert_int_equal(read_all(data, len, NULL, "People", &c), XLSX_OK);
	assert_string_equal(at(&c, 1, 3), "2022-03-13");  /* 43171 days after 1904-01-01 */
	free(data);
}

/* The same workbook as an import: the header, empty rows kept so row
 * numbers are the sheet's, the cells as text, the sheet chosen by name. */
static void test_import_book(void **state)
{
	(void)state;
	size_t len;
	char *data = book(WORKBOOK, SHEET_PEOPLE, &len);
	struct import_job j;
	/* the first sheet has only a header: without a choice the second is read */
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, data, len), 0);
	assert_int_equal(j.nsheets, 2);
	assert_int_equal(j.sheet, 1);
	import_free(&j);
	assert_int_equal(import_load_sheet(&j, IMPORT_PEOPLE, data, len, "ملاحظات"), -1);
	assert_non_null(strstr(j.fatal, "no rows"));
	assert_int_equal(j.sheet, 0);
	import_free(&j);
	assert_int_equal(import_load_sheet(&j, IMPORT_PEOPLE, data, len, "Nothing"), -1);
	assert_non_null(strstr(j.fatal, "no sheet of this name"));
	import_free(&j);

	assert_int_equal(import_load_sheet(&j, IMPORT_PEOPLE, data, len, "People"), 0);
	assert_null(j.encoding);
	assert_int_equal(j.sheet, 1);
	assert_string_equal(j.sheets[1], "People");
	assert_int_equal(j.ncols, 4);
	assert_int_equal(j.nrows, 4);                     /* rows 2–5 of the sheet */
	assert_string_equal(import_header(&j, 2), "سنة الميلاد");
	assert_string_equal(import_cell(&j, 0, 1), "944123456");
	assert_string_equal(import_cell(&j, 0, 3), "2018-03-12");
	assert_string_equal(import_cell(&j, 1, 0), "");   /* row 3: empty */
	assert_string_equal(import_cell(&j, 3, 0), "فاطمة الحسن");
	assert_string_equal(import_cell(&j, 3, 1), "");
	assert_string_equal(import_cell(&j, 3, 2), "1990-01-01");
	import_guess_map(&j);
	assert_int_equal(j.map[0], import_field_index(IMPORT_PEOPLE, "name"));
	assert_int_equal(j.map[1], import_field_index(IMPORT_PEOPLE, "phone"));
	assert_int_equal(j.map[2], import_field_index(IMPORT_PEOPLE, "birth_year"));
	import_free(&j);
	free(data);
}

/* Empty rows above the header (a blank line left at the top of the
 * sheet): the header is the first row with a cell, and the rows keep the
 * sheet's numbers in what is reported. */
static const char SHEET_LOW[] =
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c></row>"
	"<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c><c r=\"B4\"><v>9.44123456E8</v></c></row>"
	"<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>سعاد</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>abc</t></is></c></row>"
	"</sheetData></worksheet>";

static void test_header_below_empty_rows(void **state)
{
	(void)state;
	size_t len;
	char *data = book(WORKBOOK, SHEET_LOW, &len);
	struct import_job j;
	assert_int_equal(import_load_sheet(&j, IMPORT_PEOPLE, data, len, "People"), 0);
	assert_int_equal(j.header_row, 2);              /* rows 1 and 2 left out */
	assert_int_equal(j.ncols, 2);
	assert_int_equal(j.nrows, 2);
	assert_string_equal(import_header(&j, 1), "الهاتف");
	assert_string_equal(import_cell(&j, 0, 0), "محمد العلي");
	assert_string_equal(import_cell(&j, 0, 1), "944123456");
	assert_string_equal(import_cell(&j, 1, 0), "سعاد");
	import_free(&j);
	free(data);
}

/* A workbook as daam's export writes it with libxlsxwriter (constant
 * memory, right to left, a bold header), with a number, a date and a
 * second sheet added. */
static void test_libxlsxwriter(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/export.xlsx", dir);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = dir, .use_zip64 = LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "ثاني");
	assert_non_null(ws2);
	worksheet_right_to_left(ws);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *datef = workbook_add_format(wb);
	format_set_num_format(datef, "dd/mm/yyyy");
	const char *head[] = { "الرمز", "الاسم", "الهاتف", "سنة الميلاد", "تاريخ التسجيل" };
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
	worksheet_write_string(ws, 1, 0, "PABCDEFGHJ", NULL);
	worksheet_write_string(ws, 1, 1, "خالد العمر", NULL);
	worksheet_write_string(ws, 1, 2, "+963944123456", NULL);
	worksheet_write_number(ws, 1, 3, 1985, NULL);
	lxw_datetime dt = { 2019, 7, 4, 0, 0, 0 };
	worksheet_write_datetime(ws, 1, 4, &dt, datef);
	worksheet_write_string(ws, 3, 1, "=1+1", NULL);   /* a leading = stays text */
	worksheet_write_number(ws, 3, 2, 944123456, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	size_t len;
	char *data = slurp(path, &len);
	unlink(path);
	struct cells c;
	assert_int_equal(read_all(data, len, NULL, NULL, &c), XLSX_OK);
	assert_string_equal(at(&c, 0, 1), "الاسم");
	assert_string_equal(at(&c, 1, 1), "خالد العمر");
	assert_string_equal(at(&c, 1, 2), "+963944123456");
	assert_string_equal(at(&c, 1, 3), "1985");
	assert_string_equal(at(&c, 1, 4), "2019-07-04");
	assert_null(at(&c, 2, 0));
	assert_string_equal(at(&c, 3, 1), "=1+1");
	assert_string_equal(at(&c, 3, 2), "944123456");
	assert_int_equal(read_all(data, len, NULL, "ثاني", &c), XLSX_OK);
	assert_int_equal(c.n, 0);
	struct import_job j;
	assert_int_equal(import_load(&j, IMPORT_PEOPLE, data, len), 0);
	assert_int_equal(j.nsheets, 2);
	assert_int_equal(j.nrows, 3);
	assert_string_equal(import_cell(&j, 0, 1), "خالد العمر");
	import_free(&j);
	free(data);
}

/* A sheet that unpacks far beyond its limit (a zip bomb: 8 MB of the same
 * row, a few KB packed), too many rows, strings, columns, a long cell, a
 * DTD with entities, damaged and encrypted files: each refused with its
 * status. */
static void test_refusals(void **state)
{
	(void)state;
	struct xlsx_limits lim;
	xlsx_default_limits(&lim, 100);
	lim.part_bytes = 1 << 20;
	size_t big = 8u << 20, len;
	char *bomb = malloc(big + 256);
	assert_non_null(bomb);
	size_t n = (size_t)snprintf(bomb, 256, "<worksheet><sheetData>");
	const char row[] = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
	while (n + sizeof row < big) {
		memcpy(bomb + n, row, sizeof row - 1);
		n += sizeof row - 1;
	}
	n += (size_t)snprintf(bomb + n, 256, "</sheetData></worksheet>");
	struct part parts[] = {
		{ "xl/workbook.xml", WORKBOOK, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS, 0 },
		{ "xl/worksheets/sheet1.xml", bomb, n },
		{ NULL, NULL, 0 },
	};
	char *data = make_zip(parts, &len);
	assert_true(len < big / 50);
	struct cells c;
	assert_int_equal(read_all(data, len, &lim, NULL, &c), XLSX_E_PART_TOO_BIG);
	/* within the size, the rows are counted: 100 at most */
	lim.part_bytes = 64 << 20;
	assert_int_equal(read_all(data, len, &lim, NULL, &c), XLSX_E_TOO_MANY_ROWS);
	free(data);
	free(bomb);

	/* the import's own limit: a row numbered past the header and 1,000,000 rows */
	size_t blen;
	char *b = book(WORKBOOK, "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>name</t></is></c></row>"
			     "<row r=\"1000002\"><c t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>", &blen);
	struct import_job j;
	assert_int_equal(import_load_sheet(&j, IMPORT_PEOPLE, b, blen, "People"), -1);
	assert_non_null(strstr(j.fatal, "1,000,000 rows"));
	import_free(&j);
	free(b);
	/* a header past 64 columns */
	b = book(WORKBOOK, "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c>"
			   "<c r=\"BM1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>", &blen);
	assert_int_equal(import_load_sheet(&j, IMPORT_PEOPLE, b, blen, "People"), -1);
	assert_non_null(strstr(j.fatal, "64 columns"));
	import_free(&j);
	free(b);
	/* a cell past Excel's last column */
	b = book(WORKBOOK, "<worksheet><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>", &blen);
	assert_int_equal(read_all(b, blen, NULL, "People", &c), XLSX_E_TOO_MANY_COLS);
	free(b);
	/* shared strings: 6 when 5 are allowed; a cell longer than allowed */
	b = book(WORKBOOK, SHEET_PEOPLE, &blen);
	xlsx_default_limits(&lim, 100);
	lim.strings = 5;
	assert_int_equal(read_all(b, blen, &lim, "People", &c), XLSX_E_TOO_MANY_STRINGS);
	xlsx_default_limits(&lim, 100);
	lim.strings_bytes = 40;
	assert_int_equal(read_all(b, blen, &lim, "People", &c), XLSX_E_TOO_MANY_STRINGS);
	xlsx_default_limits(&lim, 100);
	lim.cell_bytes = 8;
	assert_int_equal(read_all(b, blen, &lim, "People", &c), XLSX_E_CELL_TOO_LONG);
	free(b);
	/* a DTD (the billion laughs) is refused before any entity */
	b = book(WORKBOOK, "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
			   "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>", &blen);
	assert_int_equal(read_all(b, blen, NULL, "People", &c), XLSX_E_DAMAGED);
	free(b);
	/* a shared string index past the table; broken XML */
	b = book(WORKBOOK, "<worksheet><sheetData><row><c t=\"s\"><v>99</v></c></row></sheetData></worksheet>", &blen);
	assert_int_equal(read_all(b, blen, NULL, "People", &c), XLSX_E_DAMAGED);
	free(b);
	b = book(WORKBOOK, "<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>", &blen);
	assert_int_equal(read_all(b, blen, NULL, "People", &c), XLSX_E_DAMAGED);
	free(b);
	/* a zip that is not a workbook; a zip cut short */
	struct part odt[] = { { "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0 }, { NULL, NULL, 0 } };
	b = make_zip(odt, &blen);
	assert_int_equal(read_all(b, blen, NULL, NULL, &c), XLSX_E_NOT_XLSX);
	assert_int_equal(read_all(b, blen / 2, NULL, NULL, &c), XLSX_E_NOT_ZIP);
	free(b);
	/* an encrypted part (traditional PKWARE encryption) */
	char path[128];
	snprintf(path, sizeof path, "%s/enc.zip", dir);
	int err;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	zip_source_t *src = zip_source_buffer(za, WORKBOOK, strlen(WORKBOOK), 0);
	zip_int64_t idx = zip_file_add(za, "xl/workbook.xml", src, 0);
	assert_true(idx >= 0);
	if (zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_TRAD_PKWARE, "secret") == 0) {
		assert_int_equal(zip_close(za), 0);
		b = slurp(path, &blen);
		assert_int_equal(read_all(b, blen, NULL, NULL, &c), XLSX_E_ENCRYPTED);
		assert_int_equal(import_load(&j, IMPORT_PEOPLE, b, blen), -1);
		assert_non_null(strstr(j.fatal, "password"));
		import_free(&j);
		free(b);
	} else {
		zip_discard(za);   /* a libzip built without encryption */
	}
	unlink(path);
}

/* Date serials in both systems, numbers as text, date formats. */
static void test_values(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(xlsx_serial_date(1, 0, &y, &m, &d), 0);
	assert_true(y == 1900 && m == 1 && d == 1);
	assert_int_equal(xlsx_serial_date(59, 0, &y, &m, &d), 0);
	assert_true(y == 1900 && m == 2 && d == 28);
	assert_int_equal(xlsx_serial_date(60, 0, &y, &m, &d), -1);   /* 1900-02-29 never was */
	assert_int_equal(xlsx_serial_date(61, 0, &y, &m, &d), 0);
	assert_true(y == 1900 && m == 3 && d == 1);
	assert_int_equal(xlsx_serial_date(43171, 0, &y, &m, &d), 0);
	assert_true(y == 2018 && m == 3 && d == 12);
	assert_int_equal(xlsx_serial_date(2958465, 0, &y, &m, &d), 0);
	assert_true(y == 9999 && m == 12 && d == 31);
	assert_int_equal(xlsx_serial_date(2958466, 0, &y, &m, &d), -1);
	assert_int_equal(xlsx_serial_date(0, 0, &y, &m, &d), -1);
	assert_int_equal(xlsx_serial_date(-1, 1, &y, &m, &d), -1);
	assert_int_equal(xlsx_serial_date(0, 1, &y, &m, &d), 0);
	assert_true(y == 1904 && m == 1 && d == 1);
	assert_int_equal(xlsx_serial_date(41709, 1, &y, &m, &d), 0);  /* 43171 − 1462 */
	assert_true(y == 2018 && m == 3 && d == 12);

	char out[64];
	assert_int_equal(xlsx_number_text("9.44123456E8", out, sizeof out), 0);
	assert_string_equal(out, "944123456");
	assert_int_equal(xlsx_number_text("963944123456", out, sizeof out), 0);
	assert_string_equal(out, "963944123456");
	assert_int_equal(xlsx_number_text("1990.0", out, sizeof out), 0);
	assert_string_equal(out, "1990");
	assert_int_equal(xlsx_number_text("-0", out, sizeof out), 0);
	assert_string_equal(out, "0");
	assert_int_equal(xlsx_number_text("0.1", out, sizeof out), 0);
	assert_string_equal(out, "0.1");
	assert_int_equal(xlsx_number_text("1E20", out, sizeof out), 0);
	assert_string_equal(out, "1e+20");
	assert_int_equal(xlsx_number_text("abc", out, sizeof out), -1);
	assert_string_equal(out, "abc");

	/* text cells of numbers, as a CSV from Excel holds them */
	assert_int_equal(number_digits("9.44123456E+08", out, sizeof out), 0);
	assert_string_equal(out, "944123456");
	assert_int_equal(number_digits(" 9,44123456e8 ", out, sizeof out), 0);
	assert_string_equal(out, "944123456");
	assert_int_equal(number_digits("٩٫٤٤١٢٣٤٥٦E+08", out, sizeof out), 0);
	assert_string_equal(out, "944123456");
	assert_int_equal(number_digits("۰۹۴۴۱۲۳۴۵۶", out, sizeof out), 0);
	assert_string_equal(out, "0944123456");
	assert_int_equal(number_digits("944123456.00", out, sizeof out), 0);
	assert_string_equal(out, "944123456");
	assert_int_equal(number_digits("9.4E+1", out, sizeof out), 0);
	assert_string_equal(out, "94");
	assert_int_equal(number_digits("9.45E+1", out, sizeof out), -1);   /* 94.5: not whole */
	assert_int_equal(number_digits("944123456.5", out, sizeof out), -1);
	assert_int_equal(number_digits("9.44E+20", out, sizeof out), -1);  /* 21 digits */
	assert_int_equal(number_digits("E8", out, sizeof out), -1);
	assert_int_equal(number_digits("9E", out, sizeof out), -1);
	assert_int_equal(number_digits("1.2.3", out, sizeof out), -1);
	assert_int_equal(number_digits("0944 123 456", out, sizeof out), -1);
	assert_int_equal(number_digits("", out, sizeof out), -1);
	assert_string_equal(out, "");

	assert_true(xlsx_format_is_date(14, NULL));
	assert_true(xlsx_format_is_date(22, NULL));
	assert_false(xlsx_format_is_date(0, NULL));
	assert_false(xlsx_format_is_date(49, NULL));     /* @: text */
	assert_true(xlsx_format_is_date(-1, "d/m/yyyy"));
	assert_true(xlsx_format_is_date(-1, "[$-ar-SY]dd\\/mm\\/yyyy"));
	assert_true(xlsx_format_is_date(-1, "yyyy-mm-dd;@"));
	assert_false(xlsx_format_is_date(-1, "0.00\"d\""));
	assert_false(xlsx_format_is_date(-1, "[Red]0;[Blue]-0"));
	assert_false(xlsx_format_is_date(-1, "mm:ss"));   /* minutes, not months */
	assert_false(xlsx_format_is_date(-1, "#,##0"));
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/daam-test-xlsx-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	if (i18n_init() < 0)
		return -1;
	i18n_set_lang(LANG_EN);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_import_book),
		cmocka_unit_test(test_header_below_empty_rows),
		cmocka_unit_test(test_libxlsxwriter),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_values),
	};
	return cmocka_run_group_tests_name("xlsx", tests, setup, teardown);
}
