/* import_table — how a reader other than the CSV parser (import_xlsx.c)
 * fills an import job's table: the same cells, trimmed the same way, with
 * the same limits, so that mapping, checks and writing never know where the
 * table came from.  Internal to the import (import.c owns the table). */
#ifndef DAAM_IMPORT_TABLE_H
#define DAAM_IMPORT_TABLE_H
#include <stddef.h>
#include "registry/import.h"

/* The next cell of the current row; 0, or -1 with j->fatal set. */
int import_table_cell(struct import_job *j, const char *s, size_t len);
/* Ends the current row (the first is the header); 0, or -1 with j->fatal set. */
int import_table_row(struct import_job *j);
/* Bytes of cell text held so far. */
size_t import_table_bytes(const struct import_job *j);
/* After the last row: 0, or -1 with j->fatal set (no header, no rows). */
int import_table_finish(struct import_job *j);
/* Messages of import.c that the workbook reader shares. */
const char *import_msg_too_many_rows(void);
const char *import_msg_too_many_cols(void);
const char *import_msg_nomem(void);
const char *import_msg_not_xlsx(void);

/* import_xlsx.c: the table from a sheet of a workbook (by name or number;
 * NULL or "": the first with rows below its header).  0, or -1 with j->fatal set. */
int import_load_xlsx(struct import_job *j, const char *data, size_t len, const char *sheet);
#endif
