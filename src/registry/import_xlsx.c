/* import_xlsx — an Excel workbook (.xlsx) as an import's table: the cells
 * of the chosen sheet (core/xlsx.c), with the gaps Excel leaves between
 * cells and rows filled with empty cells and empty rows, so that row and
 * column numbers in the report are the spreadsheet's.  Without a sheet
 * chosen, the first sheet that has rows below its header is read.
 * Everything after
 * (mapping, checks, writing, the review pages) is the CSV path's. */
#include <stdlib.h>
#include <string.h>
#include "registry/import_table.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/xlsx.h"
#include "core/banned.h"

static const char M_XLSX_DAMAGED[] = N_("This Excel file cannot be read: it is damaged. Open it in Excel, save it "
				       "again and import the new file.");
static const char M_XLSX_ENCRYPTED[] = N_("This Excel file is protected by a password. Remove the password in Excel "
					 "(File, Info, Protect workbook), save it and import it again.");
static const char M_XLSX_NO_SHEET[] = N_("The workbook has no sheet of this name.");
static const char M_XLSX_EMPTY_BOOK[] = N_("The workbook has no sheet.");
static const char M_XLSX_PART_BIG[] = N_("This Excel file is too large once unpacked (a part of it is over 512 MB). "
					"Split it into smaller files.");
static const char M_XLSX_SHEETS[] = N_("The workbook has more than 256 sheets.");
static const char M_XLSX_STRINGS[] = N_("This Excel file holds too much text (over 4,000,000 different texts or "
				       "128 MB). Split it into smaller files.");
static const char M_XLSX_CELL[] = N_("A cell of this Excel file holds more than 32,767 characters.");
static const char M_XLSX_COLS[] = N_("The sheet has a cell beyond Excel's last column.");
static const char M_XLSX_TEXT[] = N_("The sheet holds too much text (over 256 MB). Split it into smaller files.");

/* Where the table is: the row being filled (0 is the header) and its next
 * column.  The header is the sheet's first row with a cell: empty rows
 * above it (a title left out, a blank line) are skipped, and the rows
 * reported keep the sheet's numbers (import_job's header_row). */
struct fill {
	struct import_job *j;
	long row;
	int col;
	int started;          /* a cell was put in the current row */
	int any;              /* a cell was seen at all: the header's row is known */
};

static int end_row(struct fill *f)
{
	if (import_table_row(f->j) < 0)
		return -1;
	f->row++;
	f->col = 0;
	return 0;
}

static int on_cell(void *arg, long row, int col, const char *text, size_t len)
{
	struct fill *f = arg;
	struct import_job *j = f->j;
	if (!f->any) {
		f->any = 1;
		j->header_row = row;
	}
	row -= j->header_row;
	/* the rows before this one end; the empty rows between stay as empty rows */
	while (f->row < row)
		if (end_row(f) < 0)
			return -1;
	f->started = 1;
	if (row == 0 && col >= LIMIT_IMPORT_COLUMNS) {
		j->fatal = import_msg_too_many_cols();
		return -1;
	}
	if (row > 0 && col >= j->ncols) {
		/* past the header's columns: one cell there is enough to flag the row */
		if (f->col > j->ncols)
			return 0;
		col = j->ncols;
	}
	for (; f->col < col; f->col++)
		if (import_table_cell(j, "", 0) < 0)
			return -1;
	if (import_table_cell(j, text, len) < 0)
		return -1;
	f->col++;
	if (import_table_bytes(j) > LIMIT_XLSX_TEXT_BYTES) {
		j->fatal = M_XLSX_TEXT;
		return -1;
	}
	return 0;
}

static int has_rows_cell(void *arg, long row, int col, const char *text, size_t len)
{
	*(int *)arg = 1;
	return row > 0;   /* a cell below the header: enough seen */
}

/* The first sheet with a cell below its first row (a workbook often opens
 * with a sheet of notes), else the first. */
static int first_with_rows(struct xlsx *x)
{
	int n = xlsx_nsheets(x);
	for (int i = 0; i < n && n > 1; i++) {
		int seen = 0;
		if (xlsx_read_sheet(x, i, has_rows_cell, &seen) == XLSX_E_STOPPED)
			return i;
	}
	return 0;
}

static const char *status_msg(int st, const char *sheet)
{
	switch (st) {
	case XLSX_E_NOMEM: return import_msg_nomem();
	case XLSX_E_NOT_ZIP: return M_XLSX_DAMAGED;
	case XLSX_E_NOT_XLSX: return import_msg_not_xlsx();
	case XLSX_E_ENCRYPTED: return M_XLSX_ENCRYPTED;
	case XLSX_E_NO_SHEET: return sheet && *sheet ? M_XLSX_NO_SHEET : M_XLSX_EMPTY_BOOK;
	case XLSX_E_PART_TOO_BIG: return M_XLSX_PART_BIG;
	case XLSX_E_TOO_MANY_ROWS: return import_msg_too_many_rows();
	case XLSX_E_TOO_MANY_COLS: return M_XLSX_COLS;
	case XLSX_E_TOO_MANY_SHEETS: return M_XLSX_SHEETS;
	case XLSX_E_TOO_MANY_STRINGS: return M_XLSX_STRINGS;
	case XLSX_E_CELL_TOO_LONG: return M_XLSX_CELL;
	}
	return M_XLSX_DAMAGED;
}

int import_load_xlsx(struct import_job *j, const char *data, size_t len, const char *sheet)
{
	struct xlsx_limits lim;
	/* the header and LIMIT_IMPORT_ROWS rows; Excel's own 16,384 columns (a
	 * data row's cells past the header are flagged, not kept) */
	xlsx_default_limits(&lim, LIMIT_IMPORT_ROWS + 1);
	int st;
	struct xlsx *x = xlsx_open(data, len, &lim, &st);
	if (!x) {
		j->fatal = status_msg(st, sheet);
		return -1;
	}
	int n = xlsx_nsheets(x);
	j->sheets = calloc((size_t)n, sizeof *j->sheets);
	if (!j->sheets) {
		xlsx_close(x);
		j->fatal = import_msg_nomem();
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (!(j->sheets[i] = strdup(xlsx_sheet_name(x, i)))) {
			xlsx_close(x);
			j->fatal = import_msg_nomem();
			return -1;
		}
		j->nsheets = i + 1;
	}
	j->sheet = sheet && *sheet ? xlsx_find_sheet(x, sheet) : first_with_rows(x);
	if (j->sheet < 0) {
		j->sheet = 0;
		xlsx_close(x);
		j->fatal = M_XLSX_NO_SHEET;
		return -1;
	}
	struct fill f = { j, 0, 0, 0, 0 };
	st = xlsx_read_sheet(x, j->sheet, on_cell, &f);
	xlsx_close(x);
	if (st == XLSX_E_STOPPED)
		return -1;   /* on_cell set j->fatal */
	if (st != XLSX_OK) {
		j->fatal = status_msg(st, sheet);
		return -1;
	}
	if (f.started && end_row(&f) < 0)
		return -1;
	return import_table_finish(j);
}
