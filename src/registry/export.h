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

/* ---- the writers, shared by the direct answer and the export job ---- */
#include <sqlite3.h>
#define EXPORT_TICK 64             /* rows between two calls of a watch */
#define EXPORT_CHUNK (64 * 1024)   /* bytes of CSV gathered before a write to the file */

/* Watches a long export: tick(arg, rows) every EXPORT_TICK rows with the
 * rows written so far, and with -1 once every row is written and the
 * spreadsheet is being packed; a nonzero answer stops the export. */
struct export_watch {
	int (*tick)(void *arg, long long rows);
	void *arg;
};
/* The rows of st (people_filter_rows) as CSV with a BOM and a header row,
 * into o; with fd >= 0, o is written to fd every EXPORT_CHUNK bytes and at
 * the end.  0, or -1 when stopped or a write failed (st is reset). */
int export_write_csv(struct strbuf *o, int fd, sqlite3_stmt *st, int identified, const unsigned char *key,
		     long long *rows, const struct export_watch *w);
/* The rows of st as an XLSX workbook written to the file fd (a memfd);
 * libxlsxwriter's temporary files go to tmpfs.  0 or -1 (as above). */
int export_write_xlsx(int fd, sqlite3_stmt *st, int identified, const unsigned char *key, long long *rows,
		      const struct export_watch *w);
/* Starts an export job when the list is longer than the direct-answer
 * limit (1,000 rows, or the environment's DAAM_JOB_DIRECT_MAX) and answers
 * with the redirect to its page: 1.  0: small enough, answer directly. */
int export_job_maybe(struct req *r, int identified, int xlsx);
#endif
