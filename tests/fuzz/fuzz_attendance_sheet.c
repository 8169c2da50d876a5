/*
 * fuzz_attendance_sheet — libFuzzer target for the attendance sheet reader
 * (src/activities/sheet.c): any bytes, read as CSV or (starting "PK") as a
 * workbook.  A sheet read has at least a header and a row, no more rows or
 * columns than its limits, and every cell is NUL-terminated valid UTF-8
 * without surrounding spaces.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "activities/sheet.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet s;
	if (sheet_read((const char *)data, size, &s) != SHEET_OK)
		return 0;
	if (s.rows < 2 || s.rows > SHEET_MAX_ROWS || s.cols < 0 || s.cols > SHEET_MAX_COLS)
		abort();
	for (int r = 0; r < s.rows; r++)
		for (int c = 0; c < SHEET_MAX_COLS; c++) {
			const char *v = sheet_get(&s, r, c);
			size_t n = strlen(v);
			if (n > SHEET_MAX_CELL || utf8_count(v, n) < 0 || (n && (v[0] == ' ' || v[n - 1] == ' ')))
				abort();
		}
	sheet_free(&s);
	return 0;
}
