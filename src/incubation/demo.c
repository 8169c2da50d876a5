/* demo — the incubation module's demo data (`daam demo`).  Small: a running
 * cohort in Raqqa (three organizations enrolled, the partner's among them,
 * with final baseline and midline assessments and a plan each, one
 * candidate not accepted with its reason, one waiting), a running cohort in
 * Tabqa with a final baseline and a draft midline, and a cohort open for
 * applications.  Large: 2,000 organizations in cohorts of fifty, each with
 * three final assessments and a plan, for the benchmarks. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "registry/demo_names.h"
#include "auth/audit.h"
#include "auth/users.h"
#include "db/db.h"
#include "core/limits.h"
#include "core/banned.h"

static const char SQL_OFFICE[] = "SELECT id FROM offices WHERE code = ?1";
static const char SQL_COHORT[] =
	"INSERT INTO cohorts (name, office_id, start_date, end_date, status, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_FAC[] = "INSERT OR IGNORE INTO cohort_facilitators (cohort_id, user_id) VALUES (?1, ?2)";
static const char SQL_CAND[] =
	"INSERT INTO candidates (cohort_id, org_id, status, score, reason, decided_by, decided_at, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
static const char SQL_CAND_SCORE[] =
	"INSERT INTO candidate_scores (candidate_id, criterion_id, score) SELECT ?1, id, ?2 FROM selection_criteria WHERE position = ?3";
static const char SQL_ASSESS[] =
	"INSERT INTO assessments (org_id, cohort_id, kind, framework_id, status, created_by, created_at, updated_at,"
	" finalized_by, finalized_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9)";
static const char SQL_SCORE[] =
	"INSERT INTO assessment_scores (assessment_id, indicator_id, self_score, fac_score, agreed_score, evidence)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_INDICATORS[] = "SELECT id, dimension FROM fw_indicators WHERE framework_id = ?1 ORDER BY id";
static const char SQL_STAGE[] = "UPDATE orgs SET stage = 'incubated' WHERE id = ?1";

static const char *const evidence[] = {
	"اطّلعنا على النظام الداخلي الموقّع من الأعضاء.",
	"محاضر اجتماعات مجلس الإدارة لآخر ستة أشهر.",
	"لا توجد وثيقة مكتوبة؛ حسب حديث المدير التنفيذي.",
	"سجلات الحضور مصنفة حسب الجنس والعمر.",
	"",
	"",
};

struct ctx {
	struct db *w;
	int64_t fw, actor;
	int64_t ind[LIMIT_FW_INDICATORS];
	int dim[LIMIT_FW_INDICATORS], nind;
	uint64_t s;
	long long now;
	int small;
};

static int clamp4(int v)
{
	return v < 1 ? 1 : v > 4 ? 4 : v;
}

/* An assessment of org with the dimension levels base[]: final, or a
 * draft with only the first dimensions filled.  Returns its id or -1. */
static int64_t assess(struct ctx *c, int64_t org, int64_t cohort, const char *kind, const int *base, int final)
{
	if (db_do(c->w, SQL_ASSESS, "IItItoIoo", (long long)org, (long long)cohort, kind, (long long)c->fw,
		  final ? "final" : "draft", (long long)c->actor, c->now, final ? (long long)c->actor : 0LL,
		  final ? c->now : 0LL) < 0)
		return -1;
	int64_t id = db_last_id(c->w);
	for (int k = 0; k < c->nind; k++) {
		if (!final && c->dim[k] > 3)
			continue;
		int agreed = clamp4(base[c->dim[k]] + (demo_rand(&c->s) % 3 == 0));
		int self = clamp4(agreed + (demo_rand(&c->s) % 3 == 0));
		int fac = clamp4(agreed - (demo_rand(&c->s) % 4 == 0));
		const char *ev = c->small ? evidence[demo_rand(&c->s) % 6] : "";
		if (db_do(c->w, SQL_SCORE, "IIiiit", (long long)id, (long long)c->ind[k], self, fac, agreed, ev) < 0)
			return -1;
	}
	if (final && assessment_dims_store(c->w, id) < 0)
		return -1;
	return id;
}

static int64_t cohort(struct ctx *c, const char *name, const char *office, const char *start, const char *status,
		      const char *facilitator)
{
	char end[11];
	incub_add_months(start, 9, end);
	long long off = db_int(c->w, 0, SQL_OFFICE, "t", office);
	if (!off || db_do(c->w, SQL_COHORT, "tItttoI", name, off, start, end, status, (long long)c->actor, c->now) < 0)
		return -1;
	int64_t id = db_last_id(c->w);
	int64_t fac = facilitator ? user_id_by_name(c->w, facilitator) : 0;
	if (fac > 0 && db_do(c->w, SQL_FAC, "II", (long long)id, (long long)fac) < 0)
		return -1;
	return id;
}

/* A candidate with need scores (one per criterion, 1..5) and a status. */
static int64_t candidate(struct ctx *c, int64_t cohort_id, int64_t org, const char *status, const char *reason)
{
	int sc[5], w[5] = { 3, 3, 2, 2, 1 };
	for (int i = 0; i < 5; i++)
		sc[i] = 1 + (int)(demo_rand(&c->s) % 5);
	double score = candidate_score(w, sc, 5);
	if (db_do(c->w, SQL_CAND, "IItdtoo", (long long)cohort_id, (long long)org, status, score, reason,
		  strcmp(status, "applied") ? (long long)c->actor : 0LL, c->now) < 0)
		return -1;
	int64_t id = db_last_id(c->w);
	for (int i = 0; i < 5; i++)
		if (db_do(c->w, SQL_CAND_SCORE, "Iii", (long long)id, sc[i], i + 1) < 0)
			return -1;
	if (!strcmp(status, "enrolled") && db_do(c->w, SQL_STAGE, "I", (long long)org) < 0)
		return -1;
	return id;
}

/* An enrolled organization's journey: baseline, midline (final or draft),
 * endline when asked, and a plan from the baseline with some actions done. */
static int journey(struct ctx *c, int64_t cohort_id, int64_t org, int stages, int midline_final)
{
	int base[DIMENSIONS];
	for (int i = 0; i < DIMENSIONS; i++)
		base[i] = 1 + (int)(demo_rand(&c->s) % 3);
	int64_t baseline = assess(c, org, cohort_id, "baseline", base, 1);
	if (baseline < 0)
		return -1;
	int64_t plan = plan_generate(c->w, c->actor, baseline, 2.5);
	if (plan < 0)
		return -1;
	for (int k = 1; k < stages; k++) {
		for (int i = 0; i < DIMENSIONS; i++)
			base[i] = clamp4(base[i] + (int)(demo_rand(&c->s) % 2));
		int final = k == 2 || midline_final;
		if (assess(c, org, cohort_id, k == 1 ? "midline" : "endline", base, final) < 0)
			return -1;
	}
	/* a third of the actions done, one in five under way */
	if (db_do(c->w, "UPDATE plan_actions SET status = CASE WHEN id % 3 = 0 THEN 'done' WHEN id % 5 = 0 THEN 'in_progress'"
		  " ELSE status END WHERE plan_id = ?1", "I", (long long)plan) < 0)
		return -1;
	return 0;
}

static const char SQL_OFFICE_ORGS[] =
	"SELECT o.id FROM orgs o JOIN offices f ON f.id = o.office_id WHERE f.code = ?1 ORDER BY o.id LIMIT ?2";

static int office_orgs(struct db *w, const char *code, int64_t *out, int max)
{
	int n = 0;
	sqlite3_stmt *st = db_q(w, SQL_OFFICE_ORGS, "ti", code, max);
	while (db_row(st) == 1)
		out[n++] = sqlite3_column_int64(st, 0);
	return n;
}

static int demo_small(struct ctx *c)
{
	int64_t raqqa[8], tabqa[8];
	int nr = office_orgs(c->w, "raqqa", raqqa, 8), nt = office_orgs(c->w, "tabqa", tabqa, 8);
	if (nr < 6 || nt < 4)
		return -1;
	int64_t k1 = cohort(c, "دورة احتضان الرقة — ربيع 2026", "raqqa", "2026-03-01", "running", "officer");
	int64_t k2 = cohort(c, "دورة احتضان الطبقة — 2026", "tabqa", "2026-04-15", "running", "trainer");
	int64_t k3 = cohort(c, "دورة احتضان الرقة — خريف 2026", "raqqa", "2026-10-01", "open", "officer");
	if (k1 < 0 || k2 < 0 || k3 < 0)
		return -1;
	/* Raqqa: the partner's organization (the first) and two more enrolled */
	for (int i = 0; i < 3; i++)
		if (candidate(c, k1, raqqa[i], "enrolled", "احتياج واضح والتزام من مجلس الإدارة بحضور جلسات الاحتضان.") < 0 ||
		    journey(c, k1, raqqa[i], 2, 1) < 0)
			return -1;
	if (candidate(c, k1, raqqa[3], "rejected", "تلقّت احتضاناً كاملاً من جهة أخرى العام الماضي؛ تُوجَّه إلى الاستشارات.") < 0 ||
	    candidate(c, k1, raqqa[4], "accepted", "مبادرة ناشئة في منطقة تضررت كثيراً؛ تُسجَّل بعد استكمال أوراقها.") < 0 ||
	    candidate(c, k3, raqqa[5], "applied", "") < 0)
		return -1;
	/* Tabqa: two enrolled, a final baseline and a midline still in draft */
	for (int i = 0; i < 2; i++)
		if (candidate(c, k2, tabqa[i], "enrolled", "منظمة نسائية تخدم أحياء مكتظة بالنازحين.") < 0 ||
		    journey(c, k2, tabqa[i], 2, 0) < 0)
			return -1;
	if (candidate(c, k2, tabqa[2], "applied", "") < 0)
		return -1;
	/* a scan among the first baseline's evidence (a 1×1 PNG stands for it) */
	static const unsigned char png[] = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44,
		0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
		0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 };
	if (db_do(c->w, "INSERT INTO assessment_files (assessment_id, name, mime, bytes, data, uploaded_by, uploaded_at)"
		  " SELECT min(id), ?1, 'image/png', ?2, ?3, ?4, ?5 FROM assessments", "tIboI", "النظام-الداخلي.png",
		  (long long)sizeof png, png, (int)sizeof png, (long long)c->actor, c->now) < 0)
		return -1;
	/* two actions overdue, for the overdue list */
	if (db_do(c->w, "UPDATE plan_actions SET due_date = '2026-09-15', status = 'planned' WHERE id IN"
		  " (SELECT id FROM plan_actions ORDER BY id LIMIT 2)", "") < 0)
		return -1;
	return audit_write(c->w, 0, "create", "cohort", k1, "demo");
}

#define LARGE_ORGS 2000
#define LARGE_COHORT 50

static int demo_large(struct ctx *c)
{
	static const char *const offices[] = { "raqqa", "tabqa", "deir-ez-zor" };
	static const char *const names[] = { "الرقة", "الطبقة", "دير الزور" };
	static const char *const facil[] = { "officer", "trainer", NULL };
	static int64_t orgs[LARGE_ORGS];
	int made = 0;
	for (int f = 0; f < 3; f++) {
		int want = LARGE_ORGS / 3 + (f < LARGE_ORGS % 3);
		int n = office_orgs(c->w, offices[f], orgs, want);
		for (int i = 0, k = 0; i < n; i += LARGE_COHORT, k++) {
			char name[160], start[32];
			snprintf(name, sizeof name, "دورة احتضان %s %d", names[f], k + 1);
			snprintf(start, sizeof start, "%04d-%02d-01", 2023 + k % 3, 1 + (k * 4) % 12);
			int64_t id = cohort(c, name, offices[f], start, k % 4 == 3 ? "running" : "closed", facil[f]);
			if (id < 0)
				return -1;
			for (int j = i; j < n && j < i + LARGE_COHORT; j++, made++)
				if (candidate(c, id, orgs[j], "enrolled", "احتياج واضح.") < 0 || journey(c, id, orgs[j], 3, 1) < 0)
					return -1;
		}
	}
	char detail[64];
	snprintf(detail, sizeof detail, "demo orgs=%d", made);
	return audit_write(c->w, 0, "create", "cohort", 0, detail);
}

int incubation_demo(struct db *w, int scale)
{
	static struct ctx c;
	memset(&c, 0, sizeof c);
	c.w = w;
	c.fw = framework_current(w);
	c.actor = user_id_by_name(w, "officer");
	if (c.actor < 0)
		c.actor = 0;
	c.s = 20260302;
	c.now = (long long)time(NULL);
	c.small = !scale;
	sqlite3_stmt *st = db_q(w, SQL_INDICATORS, "I", (long long)c.fw);
	while (db_row(st) == 1)
		if (c.nind < LIMIT_FW_INDICATORS) {
			c.ind[c.nind] = sqlite3_column_int64(st, 0);
			c.dim[c.nind++] = dim_index(db_text(st, 1));
		}
	if (!c.fw || !c.nind)
		return -1;
	return scale ? demo_large(&c) : demo_small(&c);
}
