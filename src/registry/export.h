/* export — people lists to XLSX and CSV, pseudonymous by default (see export.c). */
#ifndef DAAM_EXPORT_H
#define DAAM_EXPORT_H
#include "core/strbuf.h"
struct req;

#define EXPORT_CODE_SIZE 16
/* The installation's secret for export codes (created on first use). 0 or -1. */
int export_key(unsigned char key[32]);
/* "P-" + 10 symbols (A–Z without I/O, 2–9) of HMAC-SHA256(key, id): stable,
 * not reversible without the key, never readable as a phone number. */
void export_code(const unsigned char key[32], long long id, char out[EXPORT_CODE_SIZE]);
/* 1 when a spreadsheet would read the cell as a formula (= + - @ tab CR first). */
int cell_needs_neutralizing(const char *s);
/* Appends one CSV cell: quoted when needed, formulas neutralized with '. */
void csv_cell(struct strbuf *sb, const char *s);
void people_export(struct req *r);
#endif
