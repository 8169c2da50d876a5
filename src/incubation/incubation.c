/* incubation — what the module's pages share: scope checks, dates, names,
 * how a score is written, the dimension scores of an assessment (computed,
 * stored when it is finalized, the organization's latest marked) and the
 * generation of a plan from an assessment. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "admin/audit_text.h"
#include "registry/registry.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "http/request.h"
#include "html/layout.h"
#include "core/banned.h"

int incub_sees_org(struct req *r, int64_t org_id)
{
	return scope_sees_org(r, org_id);
}

static const char SQL_COHORT_VISIBLE[] = "SELECT count(*) FROM cohorts WHERE id = ?1 AND (?2 = 0 OR office_id = ?2)";

int incub_sees_cohort(struct req *r, int64_t cohort_id)
{
	struct scope sc;
	scope_of(r, &sc);
	if (sc.org)
		return 0;
	return db_int(db_read(), 0, SQL_COHORT_VISIBLE, "II", (long long)cohort_id, (long long)sc.office) > 0;
}

static const char SQL_COHORT_NAME[] = "SELECT name FROM cohorts WHERE id = ?1";

void cohort_audit_name(struct req *r, int64_t id, struct audit_ref *ref)
{
	if (incub_sees_cohort(r, id))
		audit_ref_fill(r, ref, SQL_COHORT_NAME, id, "/cohorts/");
}

static const char SQL_FW_CURRENT[] = "SELECT id FROM frameworks ORDER BY version DESC LIMIT 1";

int64_t framework_current(struct db *d)
{
	return db_int(d, 0, SQL_FW_CURRENT, "");
}

void incub_today(char out[11])
{
	time_t t = time(NULL) + DATES_TZ_OFFSET;
	struct tm tm;
	gmtime_r(&t, &tm);
	char b[48];
	snprintf(b, sizeof b, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	memcpy(out, b, 10);
	out[10] = 0;
}

int incub_add_months(const char *date, int months, char out[11])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	if (date_parse_iso(date, &y, &m, &d) < 0)
		return -1;
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > last)
		d = last;
	char b[48];
	snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
	memcpy(out, b, 10);
	out[10] = 0;
	return 0;
}

static const char SQL_ORG_NAME[] = "SELECT name_ar, name_en FROM orgs WHERE id = ?1";

const char *incub_org_name(struct req *r, int64_t org_id)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_ORG_NAME, "I", (long long)org_id);
	if (db_row(st) != 1)
		return "";
	const char *n = db_text(st, i18n_lang() == LANG_AR || !*db_text(st, 1) ? 0 : 1);
	const char *out = arena_strdup(&r->arena, n);
	sqlite3_reset(st);
	return out ? out : "";
}

void incub_date(struct strbuf *o, const char *iso)
{
	int y, m, d;
	if (iso && date_parse_iso(iso, &y, &m, &d) == 0)
		date_format(o, y, m, d);
	else
		html_raw(o, "—");
}

void incub_score(struct strbuf *o, double v)
{
	if (v < 0) {
		html_raw(o, "—");
		return;
	}
	char buf[32];
	snprintf(buf, sizeof buf, "%.1f", v);
	fmt_digits(o, buf);
}

static const char SQL_DIMS_STORED[] = "SELECT dimension, score FROM assessment_dims WHERE assessment_id = ?1";
static const char SQL_STATUS[] = "SELECT status FROM assessments WHERE id = ?1";
static const char SQL_SCORES[] =
	"SELECT i.dimension, coalesce(s.agreed_score, s.fac_score, 0) FROM assessment_scores s"
	" JOIN fw_indicators i ON i.id = s.indicator_id WHERE s.assessment_id = ?1";

/* From the indicator scores (agreed, else the facilitator's). */
static void dims_compute(struct db *d, int64_t id, struct dim_scores *out)
{
	int dim[LIMIT_FW_INDICATORS], score[LIMIT_FW_INDICATORS], n = 0;
	sqlite3_stmt *st = db_q(d, SQL_SCORES, "I", (long long)id);
	while (db_row(st) == 1) {
		if (n == LIMIT_FW_INDICATORS)
			continue;
		dim[n] = dim_index(db_text(st, 0));
		score[n++] = sqlite3_column_int(st, 1);
	}
	dims_from_scores(dim, score, n, out);
}

void assessment_dims_load(struct db *d, int64_t id, struct dim_scores *out)
{
	sqlite3_stmt *st = db_q(d, SQL_STATUS, "I", (long long)id);
	int stored = db_row(st) == 1 && strcmp(db_text(st, 0), "draft") != 0;
	sqlite3_reset(st);
	if (!stored) {
		dims_compute(d, id, out);
		return;
	}
	memset(out, 0, sizeof *out);
	st = db_q(d, SQL_DIMS_STORED, "I", (long long)id);
	while (db_row(st) == 1) {
		int i = dim_index(db_text(st, 0));
		if (i >= 0) {
			out->v[i] = sqlite3_column_double(st, 1);
			out->has[i] = 1;
		}
	}
}

static const char SQL_DIMS_DEL[] = "DELETE FROM assessment_dims WHERE assessment_id = ?1";
static const char SQL_DIMS_ADD[] = "INSERT INTO assessment_dims (assessment_id, dimension, score) VALUES (?1, ?2, ?3)";
static const char SQL_DIMS_ROW[] =
	"UPDATE assessments SET d_principles = nullif(?1, -1), d_planning = nullif(?2, -1), d_knowledge = nullif(?3, -1),"
	" d_context = nullif(?4, -1), d_advocacy = nullif(?5, -1), d_networking = nullif(?6, -1), d_influence = nullif(?7, -1),"
	" d_funding = nullif(?8, -1), d_volunteering = nullif(?9, -1), d_governance = nullif(?10, -1) WHERE id = ?11";
static const char SQL_ORG_OF[] = "SELECT org_id FROM assessments WHERE id = ?1";
static const char SQL_LATEST_CLEAR[] = "UPDATE assessments SET latest = 0 WHERE org_id = ?1 AND latest = 1";
static const char SQL_LATEST_SET[] =
	"UPDATE assessments SET latest = 1 WHERE id = (SELECT id FROM assessments WHERE org_id = ?1 AND status = 'final'"
	" ORDER BY CASE kind WHEN 'baseline' THEN 1 WHEN 'midline' THEN 2 ELSE 3 END DESC, id DESC LIMIT 1)";

int assessment_dims_store(struct db *w, int64_t id)
{
	struct dim_scores ds;
	dims_compute(w, id, &ds);
	if (db_do(w, SQL_DIMS_DEL, "I", (long long)id) < 0)
		return -1;
	for (int i = 0; i < DIMENSIONS; i++)
		if (ds.has[i] && db_do(w, SQL_DIMS_ADD, "Itd", (long long)id, dim_keys[i], ds.v[i]) < 0)
			return -1;
	double v[DIMENSIONS];
	for (int i = 0; i < DIMENSIONS; i++)
		v[i] = ds.has[i] ? ds.v[i] : -1;
	if (db_do(w, SQL_DIMS_ROW, "ddddddddddI", v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], (long long)id) < 0)
		return -1;
	long long org = db_int(w, 0, SQL_ORG_OF, "I", (long long)id);
	if (db_do(w, SQL_LATEST_CLEAR, "I", org) < 0 || db_do(w, SQL_LATEST_SET, "I", org) < 0)
		return -1;
	return 0;
}

static const char SQL_PLAN_ADD[] =
	"INSERT INTO plans (org_id, assessment_id, threshold, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_LIBRARY[] =
	"SELECT id, text_ar, text_en FROM action_library WHERE dimension = ?1 AND active = 1 ORDER BY id";
static const char SQL_ACTION_ADD[] =
	"INSERT INTO plan_actions (plan_id, org_id, dimension, description, owner, due_date, status, library_id,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planned', ?7, ?8, ?8)";

int64_t plan_generate(struct db *w, int64_t actor, int64_t assessment_id, double threshold)
{
	long long org = db_int(w, 0, SQL_ORG_OF, "I", (long long)assessment_id);
	if (!org)
		return -1;
	struct dim_scores ds;
	assessment_dims_load(w, assessment_id, &ds);
	int dims[DIMENSIONS];
	int n = plan_dimensions(&ds, threshold, dims);
	long long now = (long long)time(NULL);
	if (db_do(w, SQL_PLAN_ADD, "IIdoI", org, (long long)assessment_id, threshold, (long long)actor, now) < 0)
		return -1;
	int64_t plan = db_last_id(w);
	char today[11], due[11];
	incub_today(today);
	int ar = i18n_lang() == LANG_AR, made = 0;
	/* the library's texts first (a statement is reset before the next one runs) */
	for (int k = 0; k < n; k++) {
		struct { long long id; char text[LIMIT_INCUB_TEXT_CHARS * 4 + 1]; } acts[8];
		int na = 0;
		sqlite3_stmt *st = db_q(w, SQL_LIBRARY, "t", dim_keys[dims[k]]);
		while (db_row(st) == 1)
			if (na < 8) {
				acts[na].id = sqlite3_column_int64(st, 0);
				snprintf(acts[na].text, sizeof acts[na].text, "%s", db_text(st, ar ? 1 : 2));
				na++;
			}
		incub_add_months(today, k + 1, due);
		for (int a = 0; a < na && made < LIMIT_PLAN_ACTIONS; a++, made++)
			if (db_do(w, SQL_ACTION_ADD, "IIttttoI", (long long)plan, org, dim_keys[dims[k]], acts[a].text,
				  _("The organization"), due, acts[a].id, now) < 0)
				return -1;
	}
	return plan;
}

void incub_textarea(struct req *r, const char *name, const char *label, const char *value, int required)
{
	struct strbuf *o = &r->out;
	const char *typed = r->method == M_POST ? req_form_raw(r, name) : NULL;
	const char *err = req_error_for(r, name);
	html_fmt(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><textarea id=\"f-%s\" name=\"%s\" rows=\"3\"%s%s>%s"
		 "</textarea>", name, label, name, name, required ? " required" : "", err ? " aria-invalid=\"true\"" : "",
		 typed ? typed : value ? value : "");
	if (err)
		html_fmt(o, "<p class=\"error\" id=\"e-%s\">%s</p>", name, err);
	html_raw(o, "</div>");
}

void incub_score_options(struct req *r, int max, int selected)
{
	html_fmt(&r->out, "<option value=\"\">—</option>");
	for (int v = 1; v <= max; v++) {
		html_fmt(&r->out, "<option value=\"%d\"%s>", v, v == selected ? " selected" : "");
		char d[16];
		snprintf(d, sizeof d, "%d", v);
		fmt_digits(&r->out, d);
		html_raw(&r->out, "</option>");
	}
}

void incub_conflict(struct req *r, const char *text, const char *back)
{
	r->status = 409;
	page_begin(r, _("Not changed"));
	html_fmt(&r->out, "<h1>%s</h1><p>%s</p>", _("Not changed"), text);
	if (back)
		html_fmt(&r->out, "<p><a class=\"button secondary\" href=\"%s\">%s</a></p>", back, _("Back"));
	page_end(r);
}
