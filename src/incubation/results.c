/* results — what the assessments show: an organization's score per
 * dimension at baseline, midline and endline, its weakest dimensions, the
 * change and the radar chart; a cohort's mean and spread per dimension, the
 * organizations that moved most and the cohort's change; across every
 * assessed organization (its latest final assessment) the most common gaps
 * per dimension, per office and per kind of organization.  Every page
 * prints (assets/incubation.css). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "incubation/perms.h"
#include "registry/registry.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

static int ar(void)
{
	return i18n_lang() == LANG_AR;
}

static void dim_labels(const char *labels[DIMENSIONS])
{
	for (int i = 0; i < DIMENSIONS; i++)
		labels[i] = dim_label(i);
}

static void score_cell(struct req *r, int has, double v)
{
	cell_begin(r);
	incub_score(&r->out, has ? v : -1);
	cell_end(r);
}

/* A change as "+0.5" / "−0.3" in the user's digits. */
static void change_cell(struct req *r, int has, double v)
{
	cell_begin(r);
	if (!has)
		html_raw(&r->out, "—");
	else {
		html_bdi_begin(&r->out, 1);
		html_raw(&r->out, v >= 0.05 ? "+" : v <= -0.05 ? "−" : "");
		incub_score(&r->out, v < 0 ? -v : v);
		html_bdi_end(&r->out);
	}
	cell_end(r);
}

/* ---- one organization ---- */

static const char SQL_FINALS[] =
	"SELECT id, kind FROM assessments WHERE org_id = ?1 AND status = 'final' ORDER BY id";

void org_results_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t org = req_int(r, "id");
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	struct db *d = db_read();
	const char *name = incub_org_name(r, org);
	struct radar_series series[3];
	int64_t ids[3] = { 0 };
	int kinds[3], n = 0;
	sqlite3_stmt *st = db_q(d, SQL_FINALS, "I", (long long)org);
	while (db_row(st) == 1) {
		const char *k = db_text(st, 1);
		int ki = !strcmp(k, "baseline") ? 0 : !strcmp(k, "midline") ? 1 : 2;
		ids[ki] = sqlite3_column_int64(st, 0);  /* the newest final of each kind */
	}
	for (int k = 0; k < 3; k++)
		if (ids[k]) {
			assessment_dims_load(d, ids[k], &series[n].s);
			series[n].label = assess_kind_label(assess_kind_keys[k]);
			kinds[n++] = k;
		}
	const char *title = arena_printf(&r->arena, "%s — %s", _("Assessment results"), name);
	page_begin(r, title);
	incub_styles(r);
	html_fmt(o, "<p class=\"back\"><a href=\"/orgs/%lld#incubation\">%s</a></p><h1>%s</h1><p class=\"hint\">%s</p>",
		 (long long)org, name, title, _("Scores 1 to 4, the mean of the agreed scores of each dimension's indicators."));
	if (!n) {
		empty_state(r, _("No final assessment yet: results appear once the baseline is finalized."), NULL, NULL);
		page_end(r);
		return;
	}
	html_fmt(o, "<p class=\"no-print\"><a class=\"button secondary\" href=\"/orgs/%lld/results.pdf\" download>%s</a></p>",
		 (long long)org, _("The report as a PDF"));
	const struct dim_scores *last = &series[n - 1].s, *first = &series[0].s;
	int weak[3], nw = dims_weakest(last, weak, 3);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2><p>", _("Weakest dimensions"));
	for (int i = 0; i < nw; i++) {
		html_fmt(o, "%s<span class=\"weak\">%s</span> (", i ? (ar() ? "، " : ", ") : "", dim_label(weak[i]));
		incub_score(o, last->v[weak[i]]);
		html_raw(o, ")");
	}
	html_raw(o, "</p></section>");
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Score per dimension"));
	const char *cols[7];
	int nc = 0;
	cols[nc++] = _("Dimension");
	for (int s = 0; s < n; s++)
		cols[nc++] = series[s].label;
	if (n > 1)
		cols[nc++] = arena_printf(&r->arena, _("Change since the %s"), assess_kind_label(assess_kind_keys[kinds[0]]));
	cols[nc] = NULL;
	table_begin(r, cols);
	for (int i = 0; i < DIMENSIONS; i++) {
		row_begin(r);
		cell_text(r, dim_label(i));
		for (int s = 0; s < n; s++)
			score_cell(r, series[s].s.has[i], series[s].s.v[i]);
		if (n > 1)
			change_cell(r, first->has[i] && last->has[i], last->v[i] - first->v[i]);
		row_end(r);
	}
	row_begin(r);
	cell_text(r, _("All dimensions"));
	for (int s = 0; s < n; s++)
		score_cell(r, 1, dims_overall(&series[s].s));
	if (n > 1)
		change_cell(r, 1, dims_overall(last) - dims_overall(first));
	row_end(r);
	table_end(r);
	html_raw(o, "</section>");
	const char *labels[DIMENSIONS];
	dim_labels(labels);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Radar chart"));
	radar_svg(o, title, labels, ar(), series, n);
	html_raw(o, "</section>");
	page_end(r);
}

/* ---- a cohort ---- */

static const char SQL_COHORT[] = "SELECT name FROM cohorts WHERE id = ?1";
static const char SQL_COHORT_DIMS[] =
	"SELECT a.org_id, a.kind, d.dimension, d.score FROM assessments a JOIN assessment_dims d ON d.assessment_id = a.id"
	" WHERE a.cohort_id = ?1 AND a.status = 'final' ORDER BY a.org_id";

#define COHORT_ORGS 1000

struct org_move {
	int64_t org;
	double sum[3];
	int cnt[3];
};

static int by_move(const void *a, const void *b)
{
	const struct org_move *x = a, *y = b;
	double dx = x->sum[2] / (x->cnt[2] ? x->cnt[2] : 1) - x->sum[0] / (x->cnt[0] ? x->cnt[0] : 1);
	double dy = y->sum[2] / (y->cnt[2] ? y->cnt[2] : 1) - y->sum[0] / (y->cnt[0] ? y->cnt[0] : 1);
	return dx < dy ? 1 : dx > dy ? -1 : (x->org > y->org) - (x->org < y->org);
}

void cohort_results_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t id = req_int(r, "id");
	if (!incub_sees_cohort(r, id)) {
		req_error(r, 404);
		return;
	}
	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_COHORT, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *name = arena_strdup(&r->arena, db_text(st, 0));
	sqlite3_reset(st);
	struct stats agg[3][DIMENSIONS];
	memset(agg, 0, sizeof agg);
	struct org_move *moves = arena_alloc(&r->arena, COHORT_ORGS * sizeof *moves);
	int nm = 0;
	if (!moves) {
		req_error(r, 503);
		return;
	}
	st = db_q(d, SQL_COHORT_DIMS, "I", (long long)id);
	while (db_row(st) == 1) {
		int64_t org = sqlite3_column_int64(st, 0);
		const char *k = db_text(st, 1);
		int ki = !strcmp(k, "baseline") ? 0 : !strcmp(k, "midline") ? 1 : 2;
		int di = dim_index(db_text(st, 2));
		double v = sqlite3_column_double(st, 3);
		if (di < 0)
			continue;
		stats_add(&agg[ki][di], v);
		if (!nm || moves[nm - 1].org != org) {
			if (nm == COHORT_ORGS)
				continue;
			memset(&moves[nm], 0, sizeof moves[nm]);
			moves[nm++].org = org;
		}
		moves[nm - 1].sum[ki] += v;
		moves[nm - 1].cnt[ki]++;
	}
	/* the latest stage reached: endline, else midline */
	int have[3] = { 0 };
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < DIMENSIONS; i++)
			have[k] |= agg[k][i].n > 0;
	int lastk = have[2] ? 2 : have[1] ? 1 : 0;
	const char *title = arena_printf(&r->arena, "%s — %s", _("Results of the cohort"), name);
	page_begin(r, title);
	incub_styles(r);
	html_fmt(o, "<p class=\"back\"><a href=\"/cohorts/%lld\">%s</a></p><h1>%s</h1>", (long long)id, name, title);
	if (!have[0] && !have[1] && !have[2]) {
		empty_state(r, _("No final assessment in this cohort yet."), NULL, NULL);
		page_end(r);
		return;
	}
	html_fmt(o, "<section class=\"card\"><h2>%s</h2><p class=\"hint\">%s</p>", _("Mean and spread per dimension"),
		 _("Mean score of the organizations (1 to 4), with the standard deviation in brackets."));
	const char *cols[6];
	int nc = 0;
	cols[nc++] = _("Dimension");
	for (int k = 0; k < 3; k++)
		if (have[k])
			cols[nc++] = assess_kind_label(assess_kind_keys[k]);
	if (have[0] && lastk)
		cols[nc++] = _("Cohort change");
	cols[nc] = NULL;
	table_begin(r, cols);
	struct radar_series series[3];
	int ns = 0;
	for (int k = 0; k < 3; k++)
		if (have[k]) {
			series[ns].label = assess_kind_label(assess_kind_keys[k]);
			for (int i = 0; i < DIMENSIONS; i++) {
				series[ns].s.has[i] = agg[k][i].n > 0;
				series[ns].s.v[i] = agg[k][i].mean;
			}
			ns++;
		}
	for (int i = 0; i < DIMENSIONS; i++) {
		row_begin(r);
		cell_text(r, dim_label(i));
		for (int k = 0; k < 3; k++)
			if (have[k]) {
				cell_begin(r);
				incub_score(o, agg[k][i].n ? agg[k][i].mean : -1);
				if (agg[k][i].n) {
					html_raw(o, " (");
					incub_score(o, stats_sd(&agg[k][i]));
					html_raw(o, ")");
				}
				cell_end(r);
			}
		if (have[0] && lastk)
			change_cell(r, agg[0][i].n && agg[lastk][i].n, agg[lastk][i].mean - agg[0][i].mean);
		row_end(r);
	}
	table_end(r);
	html_raw(o, "</section>");
	if (have[0] && lastk && nm) {
		for (int m = 0; m < nm; m++) {
			/* compare with the latest stage reached by the cohort */
			moves[m].sum[2] = moves[m].sum[lastk];
			moves[m].cnt[2] = moves[m].cnt[lastk];
		}
		qsort(moves, (size_t)nm, sizeof *moves, by_move);
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Organizations that moved most"));
		const char *mcols[] = { _("Organization"), _("Baseline"), assess_kind_label(assess_kind_keys[lastk]), _("Score change"), NULL };
		table_begin(r, mcols);
		for (int m = 0, shown = 0; m < nm && shown < 5; m++) {
			if (!moves[m].cnt[0] || !moves[m].cnt[2])
				continue;
			double b = moves[m].sum[0] / moves[m].cnt[0], e = moves[m].sum[2] / moves[m].cnt[2];
			row_begin(r);
			cell_link(r, arena_printf(&r->arena, "/orgs/%lld/results", (long long)moves[m].org),
				  incub_org_name(r, moves[m].org));
			score_cell(r, 1, b);
			score_cell(r, 1, e);
			change_cell(r, 1, e - b);
			row_end(r);
			shown++;
		}
		table_end(r);
		html_raw(o, "</section>");
	}
	const char *labels[DIMENSIONS];
	dim_labels(labels);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Radar chart of the cohort's means"));
	radar_svg(o, title, labels, ar(), series, ns);
	html_raw(o, "</section>");
	page_end(r);
}

/* ---- across organizations ---- */

/* one row per assessed organization: its latest final assessment's scores */
static const char SQL_GAPS[] =
	"SELECT coalesce(o.office_id, 0), o.kind, a.d_principles, a.d_planning, a.d_knowledge, a.d_context, a.d_advocacy,"
	" a.d_networking, a.d_influence, a.d_funding, a.d_volunteering, a.d_governance FROM assessments a"
	" JOIN orgs o ON o.id = a.org_id WHERE a.latest = 1";
static const char SQL_OFFICE_NAMES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id LIMIT 32";

#define GAP_GROUPS 32
/* Groups smaller than this show no share (a share of one or two
 * organizations would tell about them). */
#define GAP_MIN_GROUP 3

struct gap {
	int n, below;
};

static void gap_cell(struct req *r, const struct gap *g)
{
	cell_begin(r);
	if (g->n < GAP_MIN_GROUP)
		html_raw(&r->out, "—");
	else {
		char pct[16];
		snprintf(pct, sizeof pct, "%d%%", (int)(100.0 * g->below / g->n + 0.5));
		html_bdi_begin(&r->out, 1);
		fmt_digits(&r->out, pct);
		html_bdi_end(&r->out);
	}
	cell_end(r);
}

static void gap_matrix(struct req *r, const char *heading, const char *first_col, const char *const *names, int ngroups,
		       struct gap (*g)[DIMENSIONS])
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", heading);
	const char *cols[DIMENSIONS + 2];
	cols[0] = first_col;
	for (int i = 0; i < DIMENSIONS; i++)
		cols[1 + i] = dim_label(i);
	cols[DIMENSIONS + 1] = NULL;
	table_begin(r, cols);
	for (int k = 0; k < ngroups; k++) {
		int any = 0;
		for (int i = 0; i < DIMENSIONS; i++)
			any |= g[k][i].n > 0;
		if (!any)
			continue;
		row_begin(r);
		cell_text(r, names[k]);
		for (int i = 0; i < DIMENSIONS; i++)
			gap_cell(r, &g[k][i]);
		row_end(r);
	}
	table_end(r);
	html_raw(o, "</section>");
}

void gaps_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	double threshold = req_has(r, "threshold") ? strtod(req_str(r, "threshold"), NULL) : 2.5;
	struct gap all[DIMENSIONS];
	struct stats mean[DIMENSIONS];
	static struct gap zero_g[GAP_GROUPS][DIMENSIONS];
	struct gap (*office)[DIMENSIONS] = arena_alloc(&r->arena, sizeof zero_g);
	struct gap (*kind)[DIMENSIONS] = arena_alloc(&r->arena, sizeof zero_g);
	if (!office || !kind) {
		req_error(r, 503);
		return;
	}
	memset(all, 0, sizeof all);
	memset(mean, 0, sizeof mean);
	memset(office, 0, sizeof zero_g);
	memset(kind, 0, sizeof zero_g);
	int64_t office_ids[GAP_GROUPS];
	const char *office_names[GAP_GROUPS], *kind_names[GAP_GROUPS];
	int noffices = 0, nkinds = 0;
	sqlite3_stmt *st = db_q(d, SQL_OFFICE_NAMES, "");
	while (db_row(st) == 1 && noffices < GAP_GROUPS - 1) {
		office_ids[noffices] = sqlite3_column_int64(st, 0);
		office_names[noffices++] = arena_strdup(&r->arena, db_text(st, ar() ? 1 : 2));
	}
	office_ids[noffices] = 0;
	office_names[noffices++] = _("No office");
	for (; org_kinds.keys[nkinds] && nkinds < GAP_GROUPS - 1; nkinds++)
		kind_names[nkinds] = vocab_label(&org_kinds, org_kinds.keys[nkinds]);
	long long assessed = 0;
	st = db_q(d, SQL_GAPS, "");
	while (db_row(st) == 1) {
		int64_t off = sqlite3_column_int64(st, 0);
		const char *k = db_text(st, 1);
		int oi = noffices - 1, ki = -1;
		for (int i = 0; i < noffices - 1; i++)
			if (office_ids[i] == off) {
				oi = i;
				break;
			}
		for (int i = 0; i < nkinds; i++)
			if (!strcmp(org_kinds.keys[i], k)) {
				ki = i;
				break;
			}
		assessed++;
		for (int di = 0; di < DIMENSIONS; di++) {
			if (sqlite3_column_type(st, 2 + di) == SQLITE_NULL)
				continue;
			double v = sqlite3_column_double(st, 2 + di);
			int below = v < threshold - 1e-9;
			all[di].n++;
			all[di].below += below;
			stats_add(&mean[di], v);
			office[oi][di].n++;
			office[oi][di].below += below;
			if (ki >= 0) {
				kind[ki][di].n++;
				kind[ki][di].below += below;
			}
		}
	}
	page_begin(r, _("What civil society needs"));
	incub_styles(r);
	html_fmt(o, "<h1>%s</h1><p class=\"hint\">%s</p>", _("What civil society needs"),
		 _("From the latest final assessment of every assessed organization: the share of organizations scoring "
		   "below the threshold in each dimension. Groups of fewer than 3 organizations show no share."));
	html_raw(o, "<form method=\"get\" action=\"/incubation/gaps\" class=\"filters\"><div>");
	extern const char *const threshold_keys[];
	const char *tl[5];
	for (int k = 0; k < 5; k++)
		tl[k] = threshold_keys[k];
	form_select(r, "threshold", _("A gap is a score below"), threshold_keys, tl, 5, req_has(r, "threshold") ? req_str(r, "threshold") : "2.5");
	html_fmt(o, "</div><button>%s</button></form><p class=\"count\">%s: ", _("Show"), _("Organizations assessed"));
	fmt_int(o, assessed);
	html_raw(o, "</p>");
	if (!assessed) {
		empty_state(r, _("No organization has a final assessment yet."), NULL, NULL);
		page_end(r);
		return;
	}
	/* the most common gaps first */
	int order[DIMENSIONS];
	for (int i = 0; i < DIMENSIONS; i++) {
		int k = i;
		while (k > 0 && (long long)all[order[k - 1]].below * all[i].n < (long long)all[i].below * all[order[k - 1]].n) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Most common gaps"));
	const char *cols[] = { _("Dimension"), _("Organizations with a gap"), _("Share"), _("Mean score"), NULL };
	table_begin(r, cols);
	for (int j = 0; j < DIMENSIONS; j++) {
		int i = order[j];
		row_begin(r);
		cell_text(r, dim_label(i));
		cell_int(r, all[i].below);
		gap_cell(r, &all[i]);
		score_cell(r, mean[i].n > 0, mean[i].mean);
		row_end(r);
	}
	table_end(r);
	html_raw(o, "</section>");
	gap_matrix(r, _("Share with a gap, per office"), _("Office"), office_names, noffices, office);
	gap_matrix(r, _("Share with a gap, per kind of organization"), _("Kind"), kind_names, nkinds, kind);
	page_end(r);
}
