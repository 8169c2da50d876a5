/* xlsx — reads the cells of one sheet of an Excel workbook (.xlsx: Office
 * Open XML, a zip of XML parts) held in memory, as text, row by row.
 *
 * The zip is read with libzip and the XML with expat, both kept libraries
 * from Debian; the sheet is streamed through expat in chunks and never held
 * whole.  Parts read: _rels/.rels (where the workbook is), the workbook
 * (sheet names, their relationship ids, workbookPr date1904), the
 * workbook's relationships (each sheet's part, the shared strings, the
 * styles), xl/sharedStrings.xml (rich-text runs joined, phonetic runs left
 * out), xl/styles.xml (the number formats of cellXfs, to tell the numeric
 * cells that are dates) and the chosen sheet.
 *
 * A cell's text is what a person sees in Excel, as far as daam needs it:
 * shared, inline and formula strings as written; numbers without exponent
 * or trailing ".0" when they are whole ("9.44123456E8" → "944123456",
 * "1990.0" → "1990"); numbers with a date format as YYYY-MM-DD (the 1900
 * date system with its phantom 29 February 1900, or the 1904 one); booleans
 * TRUE / FALSE; errors as written (#N/A).
 *
 * Bounded by struct xlsx_limits: each part's unpacked size (its declared
 * size and the bytes actually inflated are both checked), rows, columns,
 * sheets, shared strings (count and bytes) and one cell's bytes.  A DTD is
 * refused, so no entity is ever expanded. */
#ifndef DAAM_CORE_XLSX_H
#define DAAM_CORE_XLSX_H
#include <stddef.h>

enum xlsx_status {
	XLSX_OK = 0,
	XLSX_E_NOMEM,
	XLSX_E_NOT_ZIP,        /* not a zip archive, or a damaged one */
	XLSX_E_NOT_XLSX,       /* a zip without a workbook (.ods, .docx…) */
	XLSX_E_ENCRYPTED,      /* a part is encrypted (a workbook with a password) */
	XLSX_E_DAMAGED,        /* a part is not the XML expected, or fails its checksum */
	XLSX_E_NO_SHEET,       /* no sheet, or none of the name asked */
	XLSX_E_PART_TOO_BIG,   /* a part unpacks to more than limits.part_bytes */
	XLSX_E_TOO_MANY_ROWS,
	XLSX_E_TOO_MANY_COLS,
	XLSX_E_TOO_MANY_SHEETS,
	XLSX_E_TOO_MANY_STRINGS, /* shared strings: count or bytes */
	XLSX_E_CELL_TOO_LONG,
	XLSX_E_STOPPED,        /* the cell callback asked to stop */
};

struct xlsx_limits {
	unsigned long long part_bytes;
	long rows;             /* the last row number read (1-based) */
	int cols;              /* the last column number read (1-based; Excel's own is 16,384) */
	int sheets;
	size_t strings, strings_bytes;
	size_t cell_bytes;
};

/* daam's limits (core/limits.h), for rows and columns of a sheet of up to
 * `rows` rows. */
void xlsx_default_limits(struct xlsx_limits *l, long rows);

struct xlsx;

/* Opens the workbook in data[0..len) (not copied: it must outlive the
 * handle) and reads its sheet names.  NULL with *status set when it cannot. */
struct xlsx *xlsx_open(const void *data, size_t len, const struct xlsx_limits *lim, int *status);
void xlsx_close(struct xlsx *x);

int xlsx_nsheets(const struct xlsx *x);
const char *xlsx_sheet_name(const struct xlsx *x, int i);
/* The index of the sheet with this name (exact), else of "N" for the N-th
 * sheet (1-based), else -1. */
int xlsx_find_sheet(const struct xlsx *x, const char *name);

/* Calls cell() for every non-empty cell of sheet i, in the order of the
 * sheet: rows ascending, columns ascending within a row; row and col are
 * 0-based (A1 is 0, 0).  text is NUL-terminated UTF-8 (as the XML holds it;
 * valid UTF-8 since expat checked it).  cell() returns 0 to go on, else the
 * reading stops with XLSX_E_STOPPED.  Returns an enum xlsx_status. */
int xlsx_read_sheet(struct xlsx *x, int i,
		    int (*cell)(void *arg, long row, int col, const char *text, size_t len), void *arg);

/* Helpers, exposed for the tests. */
/* An Excel date serial as a calendar day: 1900 system (serial 1 is
 * 1900-01-01; Excel counts a 29 February 1900 that never was, serial 60,
 * so from serial 61 = 1900-03-01 on the count is one day ahead) or 1904
 * (serial 0 is 1904-01-01).  The time of day (the fraction) is dropped.
 * 0, or -1 for serial 60, before the epoch or after 9999-12-31. */
int xlsx_serial_date(double serial, int date1904, int *y, int *m, int *d);
/* A numeric cell's value v ("9.44123456E8") as text into out: whole
 * numbers below 10^15 without exponent or decimals, others with up to 15
 * significant digits.  Returns 0, or -1 when v is not a number (out then
 * holds v, cut to fit). */
int xlsx_number_text(const char *v, char *out, size_t outsz);
/* 1 when an Excel number format is a date or time format: built-in ids
 * 14–22, 27–36, 45–47, 50–58, or a format code with d, m with y, or y
 * outside quotes, brackets and escapes. */
int xlsx_format_is_date(int id, const char *code);
#endif
