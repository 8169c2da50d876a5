/* sheet — a typed paper attendance sheet read as a small table: a CSV file
 * (UTF-8, comma or semicolon) or the first sheet of an Excel workbook
 * (core/xlsx.c), first row the header.  Bounded: SHEET_MAX_ROWS rows,
 * SHEET_MAX_COLS columns, SHEET_MAX_CELL bytes a cell; every cell valid
 * UTF-8, trimmed.  Used by the attendance import (attend_import.c). */
#ifndef DAAM_ACTIVITIES_SHEET_H
#define DAAM_ACTIVITIES_SHEET_H
#include <stddef.h>

#define SHEET_MAX_ROWS 2000
#define SHEET_MAX_COLS 16
#define SHEET_MAX_CELL 400

struct sheet {
	int rows, cols;           /* rows counts the header */
	char **cell;              /* cell[row * SHEET_MAX_COLS + col], NULL when empty */
};

enum sheet_status { SHEET_OK = 0, SHEET_E_FORMAT = -1, SHEET_E_TOO_BIG = -2, SHEET_E_ENCODING = -3,
		    SHEET_E_EMPTY = -4, SHEET_E_NOMEM = -5 };

/* Reads data[0..len) (a zip is taken for a workbook, else CSV) into *s.
 * SHEET_OK, or a negative status (then *s holds nothing to free). */
int sheet_read(const char *data, size_t len, struct sheet *s);
const char *sheet_get(const struct sheet *s, int row, int col);   /* "" when empty */
void sheet_free(struct sheet *s);
#endif
