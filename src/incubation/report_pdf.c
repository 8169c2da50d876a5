/* report_pdf — an organization's assessment report as a PDF (the shared
 * writer, src/pdf/: cairo and pango, so Arabic is shaped and joined): the
 * score per dimension at the baseline, midline and endline with the change,
 * the weakest dimensions, and the capacity-building plan's actions with
 * their status.  In the user's language; for whoever may see the
 * organization's results (GET /orgs/ID/results.pdf). */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "http/request.h"
#include "pdf/pdf.h"
#include "core/banned.h"

static const char SQL_FINALS[] =
	"SELECT id, kind FROM assessments WHERE org_id = ?1 AND status = 'final' ORDER BY id";
static const char SQL_PLAN[] = "SELECT max(id) FROM plans WHERE org_id = ?1";
static const char SQL_ACTIONS[] =
	"SELECT dimension, description, owner, due_date, status FROM plan_actions WHERE plan_id = ?1"
	" ORDER BY due_date = '', due_date, id LIMIT " LIMIT_STR(LIMIT_PLAN_ACTIONS);

/* Numbers and dates isolated left to right (U+2066 … U+2069), so a sign or
 * a date's order reads as written inside Arabic text: +0.7, 2026-12-02. */
#define LRI "\xE2\x81\xA6"
#define PDI "\xE2\x81\xA9"

/* A score as text ("2.5", or "—" for none) in the arena. */
static const char *score_text(struct req *r, int has, double v)
{
	return has ? arena_printf(&r->arena, "%.1f", v) : "—";
}

static void scores_table(struct req *r, struct pdf *p, enum pdf_dir dir, const struct dim_scores *s, const int *kinds,
			 int n)
{
	int ncols = 1 + n + (n > 1);
	const char **cells = arena_alloc(&r->arena, sizeof *cells * (size_t)ncols * (DIMENSIONS + 1));
	double widths[5];
	if (!cells)
		return;
	cells[0] = _("Dimension");
	for (int k = 0; k < n; k++)
		cells[1 + k] = assess_kind_label(assess_kind_keys[kinds[k]]);
	if (n > 1)
		cells[1 + n] = _("Score change");
	for (int i = 0; i < DIMENSIONS; i++) {
		const char **row = cells + (size_t)(i + 1) * (size_t)ncols;
		row[0] = dim_label(i);
		for (int k = 0; k < n; k++)
			row[1 + k] = score_text(r, s[k].has[i], s[k].v[i]);
		if (n > 1)
			row[1 + n] = s[0].has[i] && s[n - 1].has[i]
					     ? arena_printf(&r->arena, LRI "%+.1f" PDI, s[n - 1].v[i] - s[0].v[i]) : "—";
	}
	widths[0] = 190;
	for (int c = 1; c < ncols; c++)
		widths[c] = 300.0 / (ncols - 1);
	pdf_table(p, ncols, widths, DIMENSIONS + 1, cells, 11, dir);
}

static void plan_table(struct req *r, struct pdf *p, enum pdf_dir dir, int64_t plan)
{
	enum { COLS = 4 };
	const char **cells = arena_alloc(&r->arena, sizeof *cells * COLS * (LIMIT_PLAN_ACTIONS + 1));
	if (!cells)
		return;
	cells[0] = _("Dimension");
	cells[1] = _("Action");
	cells[2] = _("Due");
	cells[3] = _("Status");
	int n = 1;
	sqlite3_stmt *st = db_q(db_read(), SQL_ACTIONS, "I", (long long)plan);
	while (db_row(st) == 1 && n <= LIMIT_PLAN_ACTIONS) {
		const char **row = cells + (size_t)n * COLS;
		int d = dim_index(db_text(st, 0));
		row[0] = d >= 0 ? dim_label(d) : arena_strdup(&r->arena, db_text(st, 0));
		const char *owner = db_text(st, 2);
		row[1] = *owner ? arena_printf(&r->arena, "%s (%s)", db_text(st, 1), owner) : arena_strdup(&r->arena, db_text(st, 1));
		row[2] = *db_text(st, 3) ? arena_printf(&r->arena, LRI "%s" PDI, db_text(st, 3)) : "—";
		row[3] = action_status_label(db_text(st, 4));
		n++;
	}
	const double widths[COLS] = { 110, 240, 70, 75 };
	if (n > 1)
		pdf_table(p, COLS, widths, n, cells, 10, dir);
	else
		pdf_text(p, _("The plan has no action yet."), 11, PDF_REGULAR, dir, PDF_START);
}

/* Writes the report to fd; 0 or -1. */
static int render(struct req *r, int fd, int64_t org)
{
	struct db *d = db_read();
	enum pdf_dir dir = i18n_lang() == LANG_AR ? PDF_RTL : PDF_LTR;
	struct pdf *p = pdf_open(fd, PDF_A4_PORTRAIT);
	if (!p)
		return -1;
	pdf_heading(p, _("Capacity assessment report"), 1, dir, PDF_START);
	pdf_heading(p, incub_org_name(r, org), 2, dir, PDF_START);
	char today[11];
	incub_today(today);
	pdf_text(p, arena_printf(&r->arena, "%s: " LRI "%s" PDI, _("Made on"), today), 10, PDF_REGULAR, dir, PDF_START);
	pdf_space(p, 10);

	struct dim_scores s[3];
	int64_t ids[3] = { 0 };
	int kinds[3], n = 0;
	sqlite3_stmt *st = db_q(d, SQL_FINALS, "I", (long long)org);
	while (db_row(st) == 1) {
		const char *k = db_text(st, 1);
		ids[!strcmp(k, "baseline") ? 0 : !strcmp(k, "midline") ? 1 : 2] = sqlite3_column_int64(st, 0);
	}
	for (int k = 0; k < 3; k++)
		if (ids[k]) {
			assessment_dims_load(d, ids[k], &s[n]);
			kinds[n++] = k;
		}
	if (!n) {
		pdf_text(p, _("No final assessment yet: results appear once the baseline is finalized."), 12, PDF_REGULAR,
			 dir, PDF_START);
		return pdf_close(p);
	}
	pdf_heading(p, _("Score per dimension"), 3, dir, PDF_START);
	pdf_text(p, _("Scores 1 to 4, the mean of the agreed scores of each dimension's indicators."), 10, PDF_REGULAR,
		 dir, PDF_START);
	scores_table(r, p, dir, s, kinds, n);
	pdf_space(p, 12);

	int weak[3], nw = dims_weakest(&s[n - 1], weak, 3);
	if (nw) {
		pdf_heading(p, _("Weakest dimensions"), 3, dir, PDF_START);
		struct strbuf line = STRBUF_INIT;
		for (int i = 0; i < nw; i++)
			sb_addf(&line, "%s%s (%.1f)", i ? (dir == PDF_RTL ? "، " : ", ") : "", dim_label(weak[i]),
				s[n - 1].v[weak[i]]);
		pdf_text(p, sb_str(&line), 12, PDF_REGULAR, dir, PDF_START);
		sb_release(&line);
		pdf_space(p, 12);
	}
	int64_t plan = db_int(d, 0, SQL_PLAN, "I", (long long)org);
	pdf_heading(p, _("Capacity-building plan"), 3, dir, PDF_START);
	if (plan)
		plan_table(r, p, dir, plan);
	else
		pdf_text(p, _("No plan yet: it is made from a final assessment."), 11, PDF_REGULAR, dir, PDF_START);
	return pdf_close(p);
}

void org_results_pdf(struct req *r)
{
	int64_t org = req_int(r, "id");
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	int fd = memfd_create("daam-report", MFD_CLOEXEC);
	if (fd < 0) {
		req_error(r, 503);
		return;
	}
	off_t len = render(r, fd, org) == 0 ? lseek(fd, 0, SEEK_END) : -1;
	if (len <= 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		req_error(r, 500);
		return;
	}
	r->is_private = 1;
	r->content_type = "application/pdf";
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"assessment-report-%lld.pdf\"", (long long)org);
	req_header_add(r, "Content-Disposition", disp);
	req_body_fd(r, fd, (size_t)len);
}
