/*
 * fuzz_xlsx — libFuzzer target for the Excel workbook reader
 * (src/core/xlsx.c) and its import (src/registry/import_xlsx.c).
 *
 * Input: byte 0 chooses the mode.  Bit 0 set: the rest is the .xlsx file
 * itself (the zip as uploaded).  Bit 0 clear: the rest is XML parts
 * separated by 0xFF bytes (never in UTF-8 text), in this order: the first
 * sheet, the shared strings, the styles, the workbook, the workbook's
 * relationships, the second sheet; a part not given gets a valid default,
 * and the zip is made here with libzip (bit 2: stored, else deflated), so
 * the fuzzer works on the XML rather than on compressed bytes.  Bit 1 asks
 * for the second sheet by name.  Each input is read twice: through
 * import_load_sheet (daam's limits; the table must be well formed) and
 * through xlsx_read_sheet with small limits (rows ascending, columns
 * ascending within a row, the text NUL-terminated at its length and valid
 * UTF-8), so the refusals are reached too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "registry/import.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/xlsx.h"

static const char D_SHEET[] =
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
	"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"B2\" s=\"1\"><v>43171</v></c></row>"
	"</sheetData></worksheet>";
static const char D_SST[] =
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>name</t></si>"
	"<si><r><t>birth </t></r><r><t>year</t></r></si></sst>";
static const char D_STYLES[] =
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts><numFmt numFmtId=\"164\" formatCode=\"d/m/yyyy\"/></numFmts>"
	"<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
static const char D_WORKBOOK[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
	"<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"b\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char D_RELS[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";

static const char *const part_names[] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
					  "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml" };
static const char *const part_defaults[] = { D_SHEET, D_SST, D_STYLES, D_WORKBOOK, D_RELS, D_SHEET };
#define NPARTS 6

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (i18n_init() < 0)
		abort();
	i18n_set_lang(LANG_EN);
	return 0;
}

/* A zip of the parts, in memory (malloc'd), or NULL. */
static char *make_zip(const uint8_t *data, size_t size, int stored, size_t *len)
{
	const uint8_t *part[NPARTS];
	size_t plen[NPARTS];
	int n = 0;
	size_t start = 0;
	for (size_t i = 0; i <= size && n < NPARTS; i++)
		if (i == size || data[i] == 0xff) {
			part[n] = data + start;
			plen[n++] = i - start;
			start = i + 1;
		}
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_error_fini(&ze);
	if (!src)
		return NULL;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za) {
		zip_source_free(src);
		zip_source_free(src);
		return NULL;
	}
	for (int i = 0; i < NPARTS; i++) {
		const void *p = i < n ? (const void *)part[i] : part_defaults[i];
		size_t l = i < n ? plen[i] : strlen(part_defaults[i]);
		zip_source_t *s = zip_source_buffer(za, p, l, 0);
		zip_int64_t idx = s ? zip_file_add(za, part_names[i], s, 0) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(za);
			zip_source_free(src);
			return NULL;
		}
		if (stored)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		zip_source_free(src);
		return NULL;
	}
	char *out = NULL;
	zip_stat_t st;
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && zip_source_open(src) == 0) {
		out = malloc(st.size + 1);
		if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
			free(out);
			out = NULL;
		}
		*len = (size_t)st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

struct seen {
	long row;
	int col;
};

static int check_cell(void *arg, long row, int col, const char *text, size_t len)
{
	struct seen *s = arg;
	if (row < 0 || col < 0 || strlen(text) != len || len == 0 || utf8_count(text, len) < 0)
		abort();
	if (row < s->row || (row == s->row && col <= s->col))
		abort();   /* in the order of the sheet */
	s->row = row;
	s->col = col;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int mode = data[0];
	size_t len = size - 1;
	char *book = NULL;
	const char *file = (const char *)data + 1;
	if (!(mode & 1)) {
		book = make_zip(data + 1, size - 1, mode & 4, &len);
		if (!book)
			return 0;
		file = book;
	}
	const char *sheet = mode & 2 ? "b" : NULL;
	struct import_job j;
	if (import_load_sheet(&j, IMPORT_PEOPLE, file, len, sheet) < 0) {
		if (!j.fatal)
			abort();
	} else {
		/* a raw input that is no zip is read as CSV: no sheets then */
		int zip = len >= 4 && !memcmp(file, "PK\x03\x04", 4);
		if (j.fatal || j.ncols < 1 || j.ncols > LIMIT_IMPORT_COLUMNS || j.nrows < 1 ||
		    (zip && (j.nsheets < 1 || j.sheet < 0 || j.sheet >= j.nsheets)) || (!zip && j.nsheets))
			abort();
		for (int c = 0; c < j.ncols; c++)
			(void)strlen(import_header(&j, c));
		for (size_t r = 0; r < j.nrows && r < 64; r++)
			for (int c = 0; c < j.ncols; c++)
				(void)strlen(import_cell(&j, r, c));
	}
	for (int i = 0; i < j.nsheets; i++)
		(void)strlen(j.sheets[i]);
	import_free(&j);

	/* small limits: the refusals */
	struct xlsx_limits lim;
	xlsx_default_limits(&lim, 50);
	lim.cols = 30;
	lim.strings = 20;
	lim.strings_bytes = 400;
	lim.cell_bytes = 100;
	lim.part_bytes = 1 << 16;
	lim.sheets = 4;
	int st;
	struct xlsx *x = xlsx_open(file, len, &lim, &st);
	if (x) {
		if (st != XLSX_OK || xlsx_nsheets(x) < 1 || xlsx_nsheets(x) > lim.sheets)
			abort();
		for (int i = 0; i < xlsx_nsheets(x); i++) {
			struct seen s = { -1, -1 };
			st = xlsx_read_sheet(x, i, check_cell, &s);
			if (st == XLSX_E_STOPPED || s.row >= lim.rows || s.col >= lim.cols)
				abort();
		}
		xlsx_close(x);
	} else if (st == XLSX_OK) {
		abort();
	}
	free(book);
	return 0;
}
