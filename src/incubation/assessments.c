/* assessments — baseline, midline and endline of an enrolled organization:
 * made as a draft, filled one dimension at a time over several visits (per
 * indicator the organization's self-score, the facilitator's score, the
 * agreed score and evidence notes), finalized (then read-only), corrected
 * by a new version with a written reason.  A partner fills in its own
 * organization's self-scores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "incubation/perms.h"
#include "auth/audit.h"
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

struct assess {
	int64_t id, org, cohort, framework, replaces;
	const char *kind, *status, *reason;
	int version, fw_version;
};

static const char SQL_GET[] =
	"SELECT a.org_id, coalesce(a.cohort_id, 0), a.kind, a.status, a.version, coalesce(a.replaces_id, 0), a.reason,"
	" a.framework_id, f.version FROM assessments a JOIN frameworks f ON f.id = a.framework_id WHERE a.id = ?1";

/* Loads the assessment when the user may see its organization; -1 else. */
static int assess_load(struct req *r, int64_t id, struct assess *a)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", (long long)id);
	if (db_row(st) != 1)
		return -1;
	a->id = id;
	a->org = sqlite3_column_int64(st, 0);
	a->cohort = sqlite3_column_int64(st, 1);
	a->kind = arena_strdup(&r->arena, db_text(st, 2));
	a->status = arena_strdup(&r->arena, db_text(st, 3));
	a->version = sqlite3_column_int(st, 4);
	a->replaces = sqlite3_column_int64(st, 5);
	a->reason = arena_strdup(&r->arena, db_text(st, 6));
	a->framework = sqlite3_column_int64(st, 7);
	a->fw_version = sqlite3_column_int(st, 8);
	sqlite3_reset(st);
	return incub_sees_org(r, a->org) ? 0 : -1;
}

/* ---- making one ---- */

static const char SQL_ENROLLED_IN[] =
	"SELECT cohort_id FROM candidates WHERE org_id = ?1 AND status IN ('enrolled','graduated') ORDER BY id DESC LIMIT 1";
static const char SQL_EXISTING[] =
	"SELECT id FROM assessments WHERE org_id = ?1 AND kind = ?2 AND status <> 'replaced' ORDER BY id LIMIT 1";
static const char SQL_ADD[] =
	"INSERT INTO assessments (org_id, cohort_id, kind, framework_id, status, created_by, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?6)";

struct assess_new {
	int64_t actor, org, cohort, id;
	const char *kind;
};

static int assess_new_fn(struct db *w, void *arg)
{
	struct assess_new *a = arg;
	a->id = db_int(w, 0, SQL_EXISTING, "It", (long long)a->org, a->kind);
	if (a->id)
		return 1;
	if (db_do(w, SQL_ADD, "IItIII", (long long)a->org, (long long)a->cohort, a->kind, (long long)framework_current(w),
		  (long long)a->actor, (long long)time(NULL)) < 0)
		return -1;
	a->id = db_last_id(w);
	return audit_write(w, a->actor, "create", "assessment", a->id, a->kind);
}

void assessment_create_submit(struct req *r)
{
	int64_t org = req_int(r, "id");
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		req_error(r, 400);
		return;
	}
	int64_t cohort = db_int(db_read(), 0, SQL_ENROLLED_IN, "I", (long long)org);
	if (!cohort) {
		req_flash(r, _("Enroll the organization in a cohort first: assessments belong to its incubation."));
		req_redirect(r, arena_printf(&r->arena, "/orgs/%lld#incubation", (long long)org));
		return;
	}
	struct assess_new a = { r->user->id, org, cohort, 0, req_str(r, "kind") };
	int rc = db_write(assess_new_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? _("This assessment already exists: here it is.")
			: _("The assessment was started as a draft. Fill it in over as many visits as needed."));
	req_redirect(r, arena_printf(&r->arena, "/assessments/%lld", (long long)a.id));
}

/* ---- the page ---- */

static const char SQL_INDICATORS[] =
	"SELECT i.id, i.dimension, i.text_ar, i.text_en, i.l1_ar, i.l1_en, i.l2_ar, i.l2_en, i.l3_ar, i.l3_en, i.l4_ar, i.l4_en,"
	" coalesce(s.self_score, 0), coalesce(s.fac_score, 0), coalesce(s.agreed_score, 0), coalesce(s.evidence, '')"
	" FROM fw_indicators i LEFT JOIN assessment_scores s ON s.indicator_id = i.id AND s.assessment_id = ?1"
	" WHERE i.framework_id = ?2 AND (?3 = '' OR i.dimension = ?3) ORDER BY i.position, i.id";
static const char SQL_DIM_COUNTS[] =
	"SELECT i.dimension, count(*), count(s.agreed_score) FROM fw_indicators i LEFT JOIN assessment_scores s"
	" ON s.indicator_id = i.id AND s.assessment_id = ?1 WHERE i.framework_id = ?2 GROUP BY i.dimension";
static const char SQL_NEWER[] = "SELECT id, status FROM assessments WHERE replaces_id = ?1 ORDER BY id DESC LIMIT 1";

/* What the form sent for indicator id, when the page is shown again after a
 * refused POST (else NULL). */
struct typed {
	const char *ind[LIMIT_FW_INDICATORS], *self[LIMIT_FW_INDICATORS], *fac[LIMIT_FW_INDICATORS],
		*agreed[LIMIT_FW_INDICATORS], *ev[LIMIT_FW_INDICATORS];
	int n;
};

static int typed_index(const struct typed *t, long long id)
{
	for (int i = 0; t && i < t->n; i++)
		if (strtoll(t->ind[i], NULL, 10) == id)
			return i;
	return -1;
}

static void score_select(struct req *r, const char *name, long long ind, const char *label, int value, const char *typed)
{
	if (typed)
		value = (int)strtol(typed, NULL, 10);
	html_fmt(&r->out, "<div class=\"field\"><label for=\"%s-%lld\">%s</label><select id=\"%s-%lld\" name=\"%s\">", name,
		 ind, label, name, ind, name);
	incub_score_options(r, 4, value);
	html_raw(&r->out, "</select></div>");
}

static void score_text(struct req *r, const char *label, int v)
{
	html_fmt(&r->out, "<div class=\"field\"><span class=\"label\">%s:</span> ", label);
	if (v)
		fmt_int(&r->out, v);
	else
		html_raw(&r->out, "—");
	html_raw(&r->out, "</div>");
}

/* One dimension's indicators: the descriptors, then the fields (mode 2:
 * staff on a draft, 1: the partner's self-scores, 0: read-only). */
static void dimension_block(struct req *r, const struct assess *a, const char *dim, int mode, const struct typed *t)
{
	struct strbuf *o = &r->out;
	int l = ar() ? 0 : 1;
	sqlite3_stmt *st = db_q(db_read(), SQL_INDICATORS, "IIt", (long long)a->id, (long long)a->framework, dim);
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		int ti = typed_index(t, id);
		html_fmt(o, "<div class=\"indicator\"><h3>%s</h3><ol class=\"levels\">", db_text(st, 2 + l));
		for (int k = 0; k < 4; k++) {
			char num[8];
			snprintf(num, sizeof num, "%d", k + 1);
			html_raw(o, "<li><b>");
			fmt_digits(o, num);
			html_fmt(o, "</b> %s</li>", db_text(st, 4 + 2 * k + l));
		}
		html_raw(o, "</ol><div class=\"scores\">");
		int self = sqlite3_column_int(st, 12), fac = sqlite3_column_int(st, 13), agreed = sqlite3_column_int(st, 14);
		const char *ev = db_text(st, 15);
		if (mode == 2) {
			html_fmt(o, "<input type=\"hidden\" name=\"ind\" value=\"%lld\">", id);
			score_select(r, "self", id, _("Self-score (the organization)"), self, ti >= 0 ? t->self[ti] : NULL);
			score_select(r, "fac", id, _("Facilitator's score"), fac, ti >= 0 ? t->fac[ti] : NULL);
			score_select(r, "agreed", id, _("Agreed score"), agreed, ti >= 0 ? t->agreed[ti] : NULL);
			html_raw(o, "</div>");
			html_fmt(o, "<div class=\"field\"><label for=\"ev-%lld\">%s</label><textarea id=\"ev-%lld\" name=\"evidence\""
				 " rows=\"2\">%s</textarea></div>", id, _("Evidence notes (documents seen, what was said)"), id,
				 ti >= 0 ? t->ev[ti] : ev);
		} else if (mode == 1) {
			html_fmt(o, "<input type=\"hidden\" name=\"ind\" value=\"%lld\">", id);
			score_select(r, "self", id, _("Our self-score"), self, ti >= 0 ? t->self[ti] : NULL);
			score_text(r, _("Facilitator's score"), fac);
			score_text(r, _("Agreed score"), agreed);
			html_raw(o, "</div>");
		} else {
			score_text(r, _("Self-score (the organization)"), self);
			score_text(r, _("Facilitator's score"), fac);
			score_text(r, _("Agreed score"), agreed);
			html_raw(o, "</div>");
			if (*ev)
				html_fmt(o, "<p><b>%s:</b> %s</p>", _("Evidence"), ev);
		}
		html_raw(o, "</div>");
	}
}

static void assessment_render(struct req *r, const struct assess *a, const struct typed *t)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	int write = (r->user->perms & PERM_INCUB_WRITE) != 0, draft = !strcmp(a->status, "draft");
	int mode = draft ? (write ? 2 : 1) : 0;
	const char *org = incub_org_name(r, a->org);
	const char *title = arena_printf(&r->arena, "%s — %s", assess_kind_label(a->kind), org);
	page_begin(r, title);
	incub_styles(r);
	html_fmt(o, "<p class=\"back\"><a href=\"/orgs/%lld#incubation\">%s</a></p><h1>%s</h1>", (long long)a->org, org,
		 assess_kind_label(a->kind));
	html_fmt(o, "<section class=\"card\"><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", _("Status"),
		 assess_status_label(a->status), _("Version"));
	fmt_int(o, a->version);
	html_fmt(o, "</dd><dt>%s</dt><dd><a href=\"/incubation/framework?version=%d\">", _("Framework"), a->fw_version);
	fmt_int(o, a->fw_version);
	html_raw(o, "</a></dd>");
	if (a->replaces)
		html_fmt(o, "<dt>%s</dt><dd>%s (<a href=\"/assessments/%lld\">%s</a>)</dd>", _("Correction of the final version"),
			 a->reason, (long long)a->replaces, _("the version it corrects"));
	html_raw(o, "</dl></section>");
	sqlite3_stmt *st = db_q(d, SQL_NEWER, "I", (long long)a->id);
	if (db_row(st) == 1) {
		html_fmt(o, "<p class=\"readonly-note\">%s <a href=\"/assessments/%lld\">%s</a></p>",
			 !strcmp(a->status, "replaced") ? _("A correction replaced this version.")
							: _("A correction of this version is being prepared."),
			 (long long)sqlite3_column_int64(st, 0), _("Open the correction"));
		sqlite3_reset(st);
	}
	if (!draft)
		html_fmt(o, "<p class=\"readonly-note\">%s</p>", _("This assessment is final: it cannot be changed. A correction makes a new version, with its reason."));

	/* how far each dimension is */
	int total[DIMENSIONS] = { 0 }, agreed[DIMENSIONS] = { 0 }, missing = 0;
	st = db_q(d, SQL_DIM_COUNTS, "II", (long long)a->id, (long long)a->framework);
	while (db_row(st) == 1) {
		int i = dim_index(db_text(st, 0));
		if (i >= 0) {
			total[i] = sqlite3_column_int(st, 1);
			agreed[i] = sqlite3_column_int(st, 2);
			missing += total[i] - agreed[i];
		}
	}
	const char *dim = req_declares(r, "dim") && req_has(r, "dim") ? req_str(r, "dim") : NULL;
	if (draft && !dim)
		for (int i = 0; i < DIMENSIONS && !dim; i++)
			if (agreed[i] < total[i])
				dim = dim_keys[i];
	if (draft && !dim)
		dim = dim_keys[0];
	if (draft) {
		html_fmt(o, "<nav aria-label=\"%s\"><ul class=\"dimnav\">", _("Dimensions"));
		for (int i = 0; i < DIMENSIONS; i++) {
			html_fmt(o, "<li><a class=\"button%s\" href=\"/assessments/%lld?dim=%s#form\"%s>%s ",
				 strcmp(dim, dim_keys[i]) ? " secondary" : "", (long long)a->id, dim_keys[i],
				 strcmp(dim, dim_keys[i]) ? "" : " aria-current=\"page\"", dim_label(i));
			html_bdi_begin(o, 1);
			fmt_int(o, agreed[i]);
			html_raw(o, "/");
			fmt_int(o, total[i]);
			html_bdi_end(o);
			html_raw(o, "</a></li>");
		}
		html_raw(o, "</ul></nav>");
		int di = dim_index(dim);
		html_fmt(o, "<section class=\"card\" id=\"form\"><h2>%s</h2>", dim_label(di));
		form_error_summary(r);
		form_begin(r, arena_printf(&r->arena, "/assessments/%lld/%s", (long long)a->id, mode == 2 ? "scores" : "self"), "form");
		html_fmt(o, "<input type=\"hidden\" name=\"dim\" value=\"%s\">", dim);
		dimension_block(r, a, dim, mode, t);
		form_end(r, _("Save this dimension"));
		html_raw(o, "</section>");
	} else {
		for (int i = 0; i < DIMENSIONS; i++) {
			html_fmt(o, "<section class=\"card\" id=\"%s\"><h2>%s</h2>", dim_keys[i], dim_label(i));
			dimension_block(r, a, dim_keys[i], 0, NULL);
			html_raw(o, "</section>");
		}
	}

	evidence_files_section(r, a->id, draft && write);

	/* the scores so far */
	struct dim_scores ds;
	assessment_dims_load(d, a->id, &ds);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Score per dimension"));
	const char *cols[] = { _("Dimension"), _("Score"), NULL };
	table_begin(r, cols);
	for (int i = 0; i < DIMENSIONS; i++) {
		row_begin(r);
		cell_text(r, dim_label(i));
		cell_begin(r);
		incub_score(o, ds.has[i] ? ds.v[i] : -1);
		cell_end(r);
		row_end(r);
	}
	table_end(r);
	html_fmt(o, "<p><a href=\"/orgs/%lld/results\">%s</a></p></section>", (long long)a->org, _("Results and radar chart"));

	if (write) {
		html_fmt(o, "<section class=\"card actions\"><h2>%s</h2>", _("Next steps"));
		if (draft && missing)
			html_fmt(o, "<p class=\"hint\">%s</p>",
				 arena_printf(&r->arena, i18n_ngettext("%d indicator still needs an agreed score before the assessment can be finalized.",
								       "%d indicators still need an agreed score before the assessment can be finalized.", missing), missing));
		else if (draft)
			form_confirm(r, arena_printf(&r->arena, "/assessments/%lld/finalize", (long long)a->id), _("Finalize…"),
				     _("A final assessment can no longer be changed; a correction would make a new version with its reason."),
				     _("Yes, finalize it"), NULL, NULL);
		if (!strcmp(a->status, "final")) {
			html_fmt(o, "<details><summary>%s</summary>", _("Correct this assessment…"));
			form_begin(r, arena_printf(&r->arena, "/assessments/%lld/correct", (long long)a->id), "form");
			incub_textarea(r, "reason", _("Reason of the correction"), "", 1);
			form_end(r, _("Open a correction"));
			html_raw(o, "</details>");
			html_fmt(o, "<h3>%s</h3>", _("Capacity-building plan"));
			form_begin(r, arena_printf(&r->arena, "/assessments/%lld/plan", (long long)a->id), "form");
			extern const char *const threshold_keys[];
			const char *labels[5];
			for (int k = 0; k < 5; k++)
				labels[k] = threshold_keys[k];
			form_select(r, "threshold", _("Suggest actions for each dimension scored below"), threshold_keys, labels, 5, "2.5");
			form_end(r, _("Make the plan"));
		}
		html_raw(o, "</section>");
	}
	page_end(r);
}

void assessment_page(struct req *r)
{
	struct assess a;
	if (assess_load(r, req_int(r, "id"), &a) < 0) {
		req_error(r, 404);
		return;
	}
	assessment_render(r, &a, NULL);
}

/* ---- saving scores ---- */

struct scores_in {
	int64_t actor, id;
	int self_only, n;
	long long ind[LIMIT_FW_INDICATORS];
	int self[LIMIT_FW_INDICATORS], fac[LIMIT_FW_INDICATORS], agreed[LIMIT_FW_INDICATORS];
	const char *ev[LIMIT_FW_INDICATORS];
};

static const char SQL_UPSERT[] =
	"INSERT INTO assessment_scores (assessment_id, indicator_id, self_score, fac_score, agreed_score, evidence)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, indicator_id) DO UPDATE SET"
	" self_score = excluded.self_score, fac_score = excluded.fac_score, agreed_score = excluded.agreed_score,"
	" evidence = excluded.evidence";
static const char SQL_UPSERT_SELF[] =
	"INSERT INTO assessment_scores (assessment_id, indicator_id, self_score) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (assessment_id, indicator_id) DO UPDATE SET self_score = excluded.self_score";
static const char SQL_TOUCH[] = "UPDATE assessments SET updated_at = ?1 WHERE id = ?2 AND status = 'draft'";

static int scores_fn(struct db *w, void *arg)
{
	struct scores_in *s = arg;
	if (db_do(w, SQL_TOUCH, "II", (long long)time(NULL), (long long)s->id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;  /* finalized meanwhile */
	for (int i = 0; i < s->n; i++) {
		int rc = s->self_only
			 ? db_do(w, SQL_UPSERT_SELF, "IIo", (long long)s->id, s->ind[i], (long long)s->self[i])
			 : db_do(w, SQL_UPSERT, "IIooot", (long long)s->id, s->ind[i], (long long)s->self[i],
				 (long long)s->fac[i], (long long)s->agreed[i], s->ev[i]);
		if (rc < 0)
			return -1;
	}
	return audit_write(w, s->actor, "score", "assessment", s->id, s->self_only ? "self" : "");
}

static const char SQL_IND_OF[] = "SELECT count(*) FROM fw_indicators WHERE id = ?1 AND framework_id = ?2";

/* A score field: "" (none) or 1..4; -1 when neither. */
static int score_value(const char *v)
{
	if (!v || !*v)
		return 0;
	if (v[0] >= '1' && v[0] <= '4' && !v[1])
		return v[0] - '0';
	return -1;
}

static void scores_submit(struct req *r, int self_only)
{
	struct assess a;
	if (assess_load(r, req_int(r, "id"), &a) < 0) {
		req_error(r, 404);
		return;
	}
	if (strcmp(a.status, "draft") != 0) {
		incub_conflict(r, _("This assessment is final: it cannot be changed. A correction makes a new version, with its reason."), arena_printf(&r->arena, "/assessments/%lld", (long long)a.id));
		return;
	}
	static struct param_spec ev_spec = { "evidence", PT_LONGTEXT, IN_FORM, 0, 0, LIMIT_EVIDENCE_CHARS, NULL };
	struct typed *t = arena_alloc(&r->arena, sizeof *t);
	struct scores_in *s = arena_alloc(&r->arena, sizeof *s);
	if (!t || !s) {
		req_error(r, 503);
		return;
	}
	memset(s, 0, sizeof *s);
	s->actor = r->user->id;
	s->id = a.id;
	s->self_only = self_only;
	int n = req_form_values(r, "ind", t->ind, LIMIT_FW_INDICATORS);
	int ns = req_form_values(r, "self", t->self, LIMIT_FW_INDICATORS);
	int nf = self_only ? n : req_form_values(r, "fac", t->fac, LIMIT_FW_INDICATORS);
	int na = self_only ? n : req_form_values(r, "agreed", t->agreed, LIMIT_FW_INDICATORS);
	int ne = self_only ? n : req_form_values(r, "evidence", t->ev, LIMIT_FW_INDICATORS);
	if (!n || ns != n || nf != n || na != n || ne != n) {
		req_error(r, 400);
		return;
	}
	t->n = n;
	for (int i = 0; i < n; i++) {
		char *end;
		long long id = strtoll(t->ind[i], &end, 10);
		if (*end || id <= 0 || db_int(db_read(), 0, SQL_IND_OF, "II", id, (long long)a.framework) != 1) {
			req_error(r, 400);
			return;
		}
		s->ind[i] = id;
		s->self[i] = score_value(t->self[i]);
		s->fac[i] = self_only ? 0 : score_value(t->fac[i]);
		s->agreed[i] = self_only ? 0 : score_value(t->agreed[i]);
		if (s->self[i] < 0 || s->fac[i] < 0 || s->agreed[i] < 0) {
			req_error(r, 400);
			return;
		}
		if (!self_only) {
			struct param_value pv;
			char buf[256];
			if (param_check(&ev_spec, t->ev[i], &pv, buf, sizeof buf)) {
				req_field_error(r, "evidence", _("An evidence note is too long or holds characters that are not text: "
								 "shorten it (at most 2,000 characters)."));
				break;
			}
			s->ev[i] = pv.s ? pv.s : "";
		}
	}
	s->n = n;
	if (r->nerrors) {
		r->status = 400;
		assessment_render(r, &a, t);
		return;
	}
	int rc = db_write(scores_fn, s);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc > 0) {
		incub_conflict(r, _("This assessment is final: it cannot be changed. A correction makes a new version, with its reason."), arena_printf(&r->arena, "/assessments/%lld", (long long)a.id));
		return;
	}
	/* on to the next dimension that still lacks agreed scores (or this one) */
	const char *dim = req_has(r, "dim") ? req_str(r, "dim") : dim_keys[0];
	int di = dim_index(dim);
	const char *next = di >= 0 && di + 1 < DIMENSIONS ? dim_keys[di + 1] : dim;
	req_flash(r, _("Saved. You can go on now or later: the draft keeps what was entered."));
	req_redirect(r, arena_printf(&r->arena, "/assessments/%lld?dim=%s#form", (long long)a.id, self_only ? dim : next));
}

void assessment_scores_submit(struct req *r)
{
	scores_submit(r, 0);
}

void assessment_self_submit(struct req *r)
{
	scores_submit(r, 1);
}

/* ---- finalize, correct ---- */

struct step {
	int64_t actor, id, replaces, new_id;
	const char *reason;
};

static const char SQL_MISSING[] =
	"SELECT count(*) FROM fw_indicators i LEFT JOIN assessment_scores s ON s.indicator_id = i.id AND s.assessment_id = ?1"
	" WHERE i.framework_id = (SELECT framework_id FROM assessments WHERE id = ?1) AND s.agreed_score IS NULL";
static const char SQL_FINAL[] =
	"UPDATE assessments SET status = 'final', finalized_by = ?1, finalized_at = ?2, updated_at = ?2 WHERE id = ?3 AND status = 'draft'";
static const char SQL_REPLACED[] = "UPDATE assessments SET status = 'replaced', latest = 0 WHERE id = ?1 AND status = 'final'";

static int finalize_fn(struct db *w, void *arg)
{
	struct step *s = arg;
	if (db_int(w, 1, SQL_MISSING, "I", (long long)s->id) > 0)
		return 2;
	if (db_do(w, SQL_FINAL, "III", (long long)s->actor, (long long)time(NULL), (long long)s->id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	if (s->replaces) {
		if (db_do(w, SQL_REPLACED, "I", (long long)s->replaces) < 0 ||
		    db_do(w, "DELETE FROM assessment_dims WHERE assessment_id = ?1", "I", (long long)s->replaces) < 0)
			return -1;
	}
	if (assessment_dims_store(w, s->id) < 0)
		return -1;
	return audit_write(w, s->actor, "finalize", "assessment", s->id, "");
}

void assessment_finalize_submit(struct req *r)
{
	struct assess a;
	if (assess_load(r, req_int(r, "id"), &a) < 0) {
		req_error(r, 404);
		return;
	}
	struct step s = { r->user->id, a.id, a.replaces, 0, NULL };
	int rc = db_write(finalize_fn, &s);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc == 1) {
		incub_conflict(r, _("Only a draft can be finalized."), arena_printf(&r->arena, "/assessments/%lld", (long long)a.id));
		return;
	}
	req_flash(r, rc == 2 ? _("Every indicator needs an agreed score before the assessment is finalized.")
			     : _("The assessment is final. Its results and a plan can be made from it now."));
	req_redirect(r, arena_printf(&r->arena, "/assessments/%lld", (long long)a.id));
}

static const char SQL_OPEN_CORRECTION[] = "SELECT id FROM assessments WHERE replaces_id = ?1 AND status = 'draft'";
static const char SQL_CORRECT[] =
	"INSERT INTO assessments (org_id, cohort_id, kind, framework_id, status, version, replaces_id, reason, created_by,"
	" created_at, updated_at) SELECT org_id, cohort_id, kind, framework_id, 'draft', version + 1, id, ?1, ?2, ?3, ?3"
	" FROM assessments WHERE id = ?4 AND status = 'final'";
static const char SQL_COPY_SCORES[] =
	"INSERT INTO assessment_scores (assessment_id, indicator_id, self_score, fac_score, agreed_score, evidence)"
	" SELECT ?1, indicator_id, self_score, fac_score, agreed_score, evidence FROM assessment_scores WHERE assessment_id = ?2";

static int correct_fn(struct db *w, void *arg)
{
	struct step *s = arg;
	s->new_id = db_int(w, 0, SQL_OPEN_CORRECTION, "I", (long long)s->id);
	if (s->new_id)
		return 2;
	if (db_do(w, SQL_CORRECT, "tIII", s->reason, (long long)s->actor, (long long)time(NULL), (long long)s->id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	s->new_id = db_last_id(w);
	if (db_do(w, SQL_COPY_SCORES, "II", (long long)s->new_id, (long long)s->id) < 0)
		return -1;
	return audit_write(w, s->actor, "correct", "assessment", s->new_id, "");
}

void assessment_correct_submit(struct req *r)
{
	struct assess a;
	if (assess_load(r, req_int(r, "id"), &a) < 0) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		assessment_render(r, &a, NULL);
		return;
	}
	struct step s = { r->user->id, a.id, 0, 0, req_str(r, "reason") };
	int rc = db_write(correct_fn, &s);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc == 1) {
		incub_conflict(r, _("Only a final assessment can be corrected."), arena_printf(&r->arena, "/assessments/%lld", (long long)a.id));
		return;
	}
	req_flash(r, rc == 2 ? _("A correction of this assessment is already open: here it is.")
			     : _("A correction was opened as a new version. The final version counts until it is finalized."));
	req_redirect(r, arena_printf(&r->arena, "/assessments/%lld", (long long)s.new_id));
}
