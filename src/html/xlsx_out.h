/* xlsx_out — a small Excel workbook as a page's answer: written by
 * libxlsxwriter into a memory file (memfd, never the disk: reports hold
 * personal figures) and sent from there.  For the report pages' downloads
 * (the people reached, the use of the rooms); the registry's long exports
 * run as jobs (registry/export.c). */
#ifndef DAAM_XLSX_OUT_H
#define DAAM_XLSX_OUT_H
#include <xlsxwriter.h>
struct req;

struct xlsx_out {
	lxw_workbook *wb;
	lxw_worksheet *ws;     /* its one sheet, right to left in Arabic */
	lxw_format *bold;
	int fd;
};

/* Opens a workbook of one sheet; 0, or -1 (nothing to close). */
int xlsx_out_open(struct xlsx_out *x);
/* Closes the workbook and sends it as the answer, downloaded as filename
 * (ASCII); 500 when writing it failed. */
void xlsx_out_send(struct req *r, struct xlsx_out *x, const char *filename);
#endif
