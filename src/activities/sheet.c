/* sheet — the attendance sheet reader (see sheet.h): libcsv for CSV, the
 * project's streaming workbook reader for XLSX, both into one bounded
 * table of trimmed UTF-8 cells. */
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "activities/sheet.h"
#include "core/utf8.h"
#include "core/xlsx.h"
#include "core/banned.h"

struct fill {
	struct sheet *s;
	int row, col, status;
};

static int put(struct fill *f, int row, int col, const char *text, size_t len)
{
	if (f->status)
		return -1;
	if (row >= SHEET_MAX_ROWS || col >= SHEET_MAX_COLS || len > SHEET_MAX_CELL) {
		f->status = SHEET_E_TOO_BIG;
		return -1;
	}
	while (len && (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')) {
		text++;
		len--;
	}
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r' || text[len - 1] == '\n'))
		len--;
	/* a UTF-8 byte-order mark at the very start of a CSV */
	if (row == 0 && col == 0 && len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (!len)
		goto grow;
	if (utf8_count(text, len) < 0) {
		f->status = SHEET_E_ENCODING;
		return -1;
	}
	char *c = malloc(len + 1);
	if (!c) {
		f->status = SHEET_E_NOMEM;
		return -1;
	}
	memcpy(c, text, len);
	c[len] = 0;
	free(f->s->cell[row * SHEET_MAX_COLS + col]);
	f->s->cell[row * SHEET_MAX_COLS + col] = c;
grow:
	if (row + 1 > f->s->rows)
		f->s->rows = row + 1;
	if (col + 1 > f->s->cols)
		f->s->cols = col + 1;
	return 0;
}

static void csv_field(void *text, size_t len, void *arg)
{
	struct fill *f = arg;
	put(f, f->row, f->col++, text, len);
}

static void csv_row(int c, void *arg)
{
	(void)c;
	struct fill *f = arg;
	f->row++;
	f->col = 0;
}

static int xlsx_cell(void *arg, long row, int col, const char *text, size_t len)
{
	return put(arg, (int)(row < SHEET_MAX_ROWS ? row : SHEET_MAX_ROWS), col, text, len);
}

/* ';' when the first line has more semicolons than commas (a spreadsheet
 * saved with an Arabic or European list separator) */
static unsigned char delimiter(const char *data, size_t len)
{
	size_t commas = 0, semis = 0;
	for (size_t i = 0; i < len && data[i] != '\n'; i++) {
		commas += data[i] == ',';
		semis += data[i] == ';';
	}
	return semis > commas ? ';' : ',';
}

int sheet_read(const char *data, size_t len, struct sheet *s)
{
	memset(s, 0, sizeof *s);
	s->cell = calloc((size_t)SHEET_MAX_ROWS * SHEET_MAX_COLS, sizeof *s->cell);
	if (!s->cell)
		return SHEET_E_NOMEM;
	struct fill f = { s, 0, 0, 0 };
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
		struct xlsx_limits lim;
		xlsx_default_limits(&lim, SHEET_MAX_ROWS);
		int st;
		struct xlsx *x = xlsx_open(data, len, &lim, &st);
		if (!x) {
			f.status = st == XLSX_E_TOO_MANY_ROWS || st == XLSX_E_PART_TOO_BIG ? SHEET_E_TOO_BIG : SHEET_E_FORMAT;
		} else {
			st = xlsx_read_sheet(x, 0, xlsx_cell, &f);
			if (st != XLSX_OK && !f.status)
				f.status = st == XLSX_E_TOO_MANY_ROWS || st == XLSX_E_TOO_MANY_COLS || st == XLSX_E_CELL_TOO_LONG
					   ? SHEET_E_TOO_BIG : SHEET_E_FORMAT;
			xlsx_close(x);
		}
	} else {
		struct csv_parser p;
		if (csv_init(&p, CSV_APPEND_NULL) != 0) {
			f.status = SHEET_E_NOMEM;
		} else {
			csv_set_delim(&p, delimiter(data, len));
			if (csv_parse(&p, data, len, csv_field, csv_row, &f) != len && !f.status)
				f.status = SHEET_E_FORMAT;
			if (!f.status && csv_fini(&p, csv_field, csv_row, &f) != 0)
				f.status = SHEET_E_FORMAT;
			csv_free(&p);
		}
	}
	if (!f.status && s->rows < 2)
		f.status = SHEET_E_EMPTY;
	if (f.status) {
		sheet_free(s);
		return f.status;
	}
	return SHEET_OK;
}

const char *sheet_get(const struct sheet *s, int row, int col)
{
	if (!s->cell || row < 0 || row >= s->rows || col < 0 || col >= SHEET_MAX_COLS)
		return "";
	const char *c = s->cell[row * SHEET_MAX_COLS + col];
	return c ? c : "";
}

void sheet_free(struct sheet *s)
{
	if (s->cell)
		for (int i = 0; i < SHEET_MAX_ROWS * SHEET_MAX_COLS; i++)
			free(s->cell[i]);
	free(s->cell);
	memset(s, 0, sizeof *s);
}
