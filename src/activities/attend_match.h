/* attend_match — a typed paper attendance sheet read and matched against
 * the registry, without writing anything: each row names a person by
 * number (daam's), by phone, or by name (found as the picker finds them,
 * taken only when one person of the user's scope matches); an optional
 * "present" column leaves out the rows marked absent.  The review page, its
 * CSV of problems and the marking itself (attend_import.c) all read the
 * sheet through here, so what the review says is what marking does. */
#ifndef DAAM_ACTIVITIES_ATTEND_MATCH_H
#define DAAM_ACTIVITIES_ATTEND_MATCH_H
#include <stddef.h>
#include <stdint.h>
#include "activities/sheet.h"
struct req;

/* What a row of the sheet comes to; the last three are problems. */
enum sheet_result { SR_MARK, SR_ALREADY, SR_TWICE, SR_ABSENT, SR_NOT_FOUND, SR_MANY, SR_OUT, SR_COUNT };
/* The columns a sheet may have (headers in Arabic or English). */
enum sheet_col { SC_ID, SC_NAME, SC_PHONE, SC_PRESENT, SC_COUNT };

struct sheet_match {
	struct sheet sh;
	int col[SC_COUNT];        /* the sheet's column of each, -1 when it has none */
	int n;                    /* rows under the header */
	int64_t *person;          /* per row: the person found, 0 none */
	unsigned char *result;    /* per row: enum sheet_result */
	int count[SR_COUNT];
};

/* Reads data[0..len) and matches its rows for session sid of activity,
 * with the user's scope.  NULL, or the msgid of why the file cannot be
 * used (then m holds nothing to free).  Rows are in the request's arena. */
const char *sheet_match(struct req *r, int64_t activity, int64_t sid, const char *data, size_t len,
			struct sheet_match *m);
void sheet_match_free(struct sheet_match *m);
/* The cell of row i (0 the first under the header) in column c, "" none. */
const char *sheet_match_cell(const struct sheet_match *m, int i, enum sheet_col c);
/* 1 for a row with a problem (not found, several people, out of scope). */
int sheet_result_bad(int result);
/* The msgid that says what a row comes to. */
const char *sheet_result_label(int result);
#endif
