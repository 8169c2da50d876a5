/* import_problems — GET /import/{id}/problems: the rows of an uploaded file
 * that have errors, as a CSV file to correct in a spreadsheet and upload
 * again.  The file's own columns (its header row, its cells as read) and a
 * last column naming each problem in the user's language ("Phone: This is
 * not a phone number we can read."); UTF-8 with a BOM so Excel reads the
 * Arabic; every cell written by the export's csv_cell, so one that starts
 * with = + - @ gets an apostrophe and never runs as a formula (the importer
 * drops that apostrophe again when the corrected file comes back).  The
 * columns are those of the query (col0, col1…, as the review page checked
 * them), else the guess from the header.  Only the uploader reaches it (404
 * otherwise); the rows are theirs, as uploaded, and nothing is written. */
#include <stdio.h>
#include <string.h>
#include "registry/import.h"
#include "registry/import_pages.h"
#include "registry/export.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "http/request.h"
#include "core/banned.h"

/* The problem cell of a row: each error of the row, "Column: problem", from
 * *next on (issues are in row order); *next ends past the row's issues. */
static void problem_text(struct strbuf *cell, const struct import_job *j, long rowno, size_t *next)
{
	size_t i = *next;
	while (i < j->nissues && j->issues[i].row < rowno)
		i++;
	int n = 0;
	for (; i < j->nissues && j->issues[i].row == rowno; i++) {
		const struct import_issue *is = &j->issues[i];
		if (is->severity != IMPORT_ERROR)
			continue;
		if (n++)
			sb_adds(cell, " — ");
		if (is->col >= 0) {
			sb_adds(cell, import_header(j, is->col));
			sb_adds(cell, ": ");
		}
		sb_adds(cell, _(is->msgid));
	}
	if (!n)  /* more problems than the report keeps: the row is bad all the same */
		sb_adds(cell, _("This row has an error."));
	*next = i;
}

/* The whole file: BOM, header row plus the problem column, the bad rows. */
static void write_csv(struct strbuf *o, const struct import_job *j)
{
	struct strbuf cell;
	sb_init(&cell, 0);
	sb_adds(o, "\xef\xbb\xbf");
	for (int c = 0; c < j->ncols; c++) {
		csv_cell(o, import_header(j, c));
		sb_addc(o, ',');
	}
	csv_cell(o, _("Problem"));
	sb_adds(o, "\r\n");
	size_t next = 0;
	for (size_t row = 0; row < j->nrows && !o->failed; row++) {
		if (!import_row_bad(j, row))
			continue;
		for (int c = 0; c < j->ncols; c++) {
			csv_cell(o, import_cell(j, row, c));
			sb_addc(o, ',');
		}
		sb_reset(&cell);
		problem_text(&cell, j, (long)row + 2, &next);
		csv_cell(o, sb_str(&cell));
		sb_adds(o, "\r\n");
	}
	sb_release(&cell);
}

/* Content-Disposition: an ASCII name for every browser, and the upload's own
 * name with "-problems" (RFC 6266 filename*, percent-encoded UTF-8). */
static void disposition(struct req *r, const char *filename)
{
	const char *dot = strrchr(filename, '.');
	size_t base = dot && dot != filename ? (size_t)(dot - filename) : strlen(filename);
	struct strbuf name, enc;
	sb_init(&name, 0);
	sb_init(&enc, 0);
	sb_add(&name, filename, base);
	sb_adds(&name, "-problems.csv");
	url_encode(&enc, sb_str(&name));
	req_header_add(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"import-problems.csv\"; filename*=UTF-8''%s",
				    sb_str(&enc)));
	sb_release(&name);
	sb_release(&enc);
}

void import_problems_csv(struct req *r)
{
	struct upload u;
	struct import_job j;
	struct import_ctx c;
	if (upload_check(r, &u, &j, &c, 0, 404) < 0)
		return;
	write_csv(&r->out, &j);
	import_free(&j);
	if (r->out.failed) {
		req_error(r, 503);
		return;
	}
	r->is_private = 1;
	r->content_type = "text/csv; charset=utf-8";
	disposition(r, u.filename);
}
