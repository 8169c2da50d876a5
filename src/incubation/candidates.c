/* candidates — selection: a candidate's page (its need scores on each
 * criterion, the decision with its written reason, enrollment, graduation
 * once its endline is final) and the editable, weighted, need-based
 * selection criteria.  A criterion about ethnicity, religion, sect or tribe
 * is refused: the center selects by need, never by who people are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "incubation/perms.h"
#include "registry/registry.h"
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

/* What a selection criterion may not be about: stems a word starts with
 * (Arabic after its article or a joined particle, English in lower case),
 * and whole English words ("sect", not "sector"). */
static const char *const forbidden_stems[] = {
	"عرق", "إثني", "اثني", "أثني", "دين", "ديان", "مذهب", "طائف", "عشير", "عشائر", "قبيل", "قبائل", "قبلي",
	"ethnic", "race", "racial", "religio", "faith", "sectarian", "tribe", "tribal", "clan", NULL,
};
static const char *const forbidden_words[] = { "sect", "sects", NULL };

static int starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int word_forbidden(const char *w)
{
	for (int k = 0; forbidden_words[k]; k++)
		if (strcmp(w, forbidden_words[k]) == 0)
			return 1;
	/* the word as is, then without an Arabic article or particle joined to it */
	static const char *const prefixes[] = { "", "وال", "بال", "لل", "ال", "و", "ب", "ل", NULL };
	for (int p = 0; prefixes[p]; p++) {
		if (!starts(w, prefixes[p]))
			continue;
		const char *rest = w + strlen(prefixes[p]);
		for (int k = 0; forbidden_stems[k]; k++)
			if (starts(rest, forbidden_stems[k]))
				return 1;
	}
	return 0;
}

int criterion_forbidden(const char *name)
{
	char word[256];
	size_t n = 0;
	for (const char *p = name;; p++) {
		unsigned char ch = (unsigned char)*p;
		int sep = ch == 0 || ch == ' ' || ch == ',' || ch == '.' || ch == '-' || ch == '/' || ch == '(' || ch == ')'
			  || ch == ':' || ch == ';' || ch == '\t';
		if (!sep) {
			if (n < sizeof word - 1)
				word[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
			continue;
		}
		word[n] = 0;
		if (n && word_forbidden(word))
			return 1;
		n = 0;
		if (!ch)
			return 0;
	}
}

struct cand {
	int64_t id, cohort, org;
	const char *status, *reason, *cohort_name, *org_name;
	double score;
	int scored;
};

static const char SQL_CAND[] =
	"SELECT k.cohort_id, k.org_id, k.status, k.reason, k.score, c.name FROM candidates k JOIN cohorts c ON c.id = k.cohort_id"
	" WHERE k.id = ?1";

static int cand_load(struct req *r, int64_t id, struct cand *c)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_CAND, "I", (long long)id);
	if (db_row(st) != 1)
		return -1;
	c->id = id;
	c->cohort = sqlite3_column_int64(st, 0);
	c->org = sqlite3_column_int64(st, 1);
	c->status = arena_strdup(&r->arena, db_text(st, 2));
	c->reason = arena_strdup(&r->arena, db_text(st, 3));
	c->scored = sqlite3_column_type(st, 4) != SQLITE_NULL;
	c->score = sqlite3_column_double(st, 4);
	c->cohort_name = arena_strdup(&r->arena, db_text(st, 5));
	sqlite3_reset(st);
	if (!incub_sees_cohort(r, c->cohort) || !scope_sees_org(r, c->org))
		return -1;
	c->org_name = incub_org_name(r, c->org);
	return 0;
}

static const char SQL_CRITERIA_SCORED[] =
	"SELECT c.id, c.name_ar, c.name_en, c.weight, coalesce(s.score, 0) FROM selection_criteria c"
	" LEFT JOIN candidate_scores s ON s.criterion_id = c.id AND s.candidate_id = ?1 WHERE c.active = 1"
	" ORDER BY c.position, c.id LIMIT " LIMIT_STR(LIMIT_CRITERIA);
static const char SQL_ENDLINE_FINAL[] =
	"SELECT count(*) FROM assessments WHERE org_id = ?1 AND kind = 'endline' AND status = 'final'";

void candidate_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct cand c;
	if (cand_load(r, req_int(r, "id"), &c) < 0) {
		req_error(r, 404);
		return;
	}
	int write = (r->user->perms & PERM_INCUB_WRITE) != 0;
	page_begin(r, c.org_name);
	html_fmt(o, "<p class=\"back\"><a href=\"/cohorts/%lld#candidates\">%s</a></p><h1>%s</h1>", (long long)c.cohort,
		 c.cohort_name, c.org_name);
	html_fmt(o, "<section class=\"card\"><dl class=\"facts\"><dt>%s</dt><dd><a href=\"/orgs/%lld\">%s</a></dd>"
		 "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", _("Organization"), (long long)c.org, c.org_name, _("Status"),
		 candidate_status_label(c.status), _("Need score"));
	if (c.scored)
		fmt_int(o, (long long)(c.score + 0.5));
	else
		html_fmt(o, "<span class=\"hint\">%s</span>", _("Not scored"));
	html_raw(o, "</dd>");
	if (*c.reason)
		html_fmt(o, "<dt>%s</dt><dd>%s</dd>", _("Reason of the decision"), c.reason);
	html_raw(o, "</dl></section>");

	/* the need scores */
	html_fmt(o, "<section class=\"card\" id=\"scores\"><h2>%s</h2><p class=\"hint\">%s</p>", _("Need scores"),
		 _("1 low need, 5 very high need. The weight of each criterion is in brackets."));
	if (write)
		form_begin(r, arena_printf(&r->arena, "/candidates/%lld/scores", (long long)c.id), "form");
	sqlite3_stmt *st = db_q(db_read(), SQL_CRITERIA_SCORED, "I", (long long)c.id);
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		int score = sqlite3_column_int(st, 4);
		html_fmt(o, "<div class=\"field\"><label for=\"crit-%lld\">%s (", id, db_text(st, ar() ? 1 : 2));
		fmt_int(o, sqlite3_column_int(st, 3));
		html_raw(o, ")</label>");
		if (write) {
			html_fmt(o, "<input type=\"hidden\" name=\"crit\" value=\"%lld\"><select id=\"crit-%lld\" name=\"score\">", id, id);
			incub_score_options(r, 5, score);
			html_raw(o, "</select>");
		} else {
			html_raw(o, " ");
			if (score)
				fmt_int(o, score);
			else
				html_raw(o, "—");
		}
		html_raw(o, "</div>");
	}
	if (write)
		form_end(r, _("Save the scores"));
	html_raw(o, "</section>");

	if (write) {
		html_fmt(o, "<section class=\"card\" id=\"decision\"><h2>%s</h2>", _("Decision"));
		if (!strcmp(c.status, "applied") || !strcmp(c.status, "accepted") || !strcmp(c.status, "rejected")) {
			form_error_summary(r);
			form_begin(r, arena_printf(&r->arena, "/candidates/%lld/decision", (long long)c.id), "form");
			const char *labels[2] = { _("Accept"), _("Do not accept") };
			form_radios(r, "decision", _("Decision"), decision_keys, labels, 2,
				    strcmp(c.status, "applied") ? c.status : "");
			incub_textarea(r, "reason", _("Reason (written, shown to the team)"), c.reason, 1);
			form_end(r, _("Record the decision"));
		}
		if (!strcmp(c.status, "accepted"))
			form_button(r, arena_printf(&r->arena, "/candidates/%lld/enroll", (long long)c.id),
				    _("Enroll in the cohort"), NULL, NULL, NULL);
		if (!strcmp(c.status, "enrolled")) {
			if (db_int(db_read(), 0, SQL_ENDLINE_FINAL, "I", (long long)c.org) > 0)
				form_confirm(r, arena_printf(&r->arena, "/candidates/%lld/graduate", (long long)c.id),
					     _("Graduate…"), _("The organization graduates with its endline result and becomes eligible for the end-of-program grants."),
					     _("Yes, it graduates"), NULL, NULL);
			else
				html_fmt(o, "<p class=\"hint\">%s</p>", _("Graduation comes once the endline assessment is final."));
		}
		html_raw(o, "</section>");
	}
	page_end(r);
}

/* ---- writes ---- */

struct cand_scores {
	int64_t actor, id;
	int64_t crit[LIMIT_CRITERIA];
	int score[LIMIT_CRITERIA], n;
};

static const char SQL_SCORE_DEL[] = "DELETE FROM candidate_scores WHERE candidate_id = ?1 AND criterion_id = ?2";
static const char SQL_SCORE_SET[] =
	"INSERT OR REPLACE INTO candidate_scores (candidate_id, criterion_id, score) VALUES (?1, ?2, ?3)";
static const char SQL_WEIGHTS[] =
	"SELECT c.weight, coalesce(s.score, 0) FROM selection_criteria c LEFT JOIN candidate_scores s"
	" ON s.criterion_id = c.id AND s.candidate_id = ?1 WHERE c.active = 1 LIMIT " LIMIT_STR(LIMIT_CRITERIA);
static const char SQL_SET_SCORE[] = "UPDATE candidates SET score = ?1 WHERE id = ?2";

/* The candidate's weighted need score again, from its scores (inside w). */
static int rescore(struct db *w, int64_t id)
{
	int weights[LIMIT_CRITERIA], scores[LIMIT_CRITERIA], n = 0;
	sqlite3_stmt *st = db_q(w, SQL_WEIGHTS, "I", (long long)id);
	while (db_row(st) == 1) {
		weights[n] = sqlite3_column_int(st, 0);
		scores[n++] = sqlite3_column_int(st, 1);
	}
	double s = candidate_score(weights, scores, n);
	if (s < 0)
		return db_do(w, "UPDATE candidates SET score = NULL WHERE id = ?1", "I", (long long)id);
	return db_do(w, SQL_SET_SCORE, "dI", s, (long long)id);
}

static int scores_fn(struct db *w, void *arg)
{
	struct cand_scores *a = arg;
	for (int i = 0; i < a->n; i++) {
		int rc = a->score[i] ? db_do(w, SQL_SCORE_SET, "IIi", (long long)a->id, (long long)a->crit[i], a->score[i])
				     : db_do(w, SQL_SCORE_DEL, "II", (long long)a->id, (long long)a->crit[i]);
		if (rc < 0)
			return -1;
	}
	if (rescore(w, a->id) < 0)
		return -1;
	return audit_write(w, a->actor, "score", "candidate", a->id, "");
}

static const char SQL_CRIT_EXISTS[] = "SELECT count(*) FROM selection_criteria WHERE id = ?1 AND active = 1";

void candidate_scores_submit(struct req *r)
{
	struct cand c;
	if (cand_load(r, req_int(r, "id"), &c) < 0) {
		req_error(r, 404);
		return;
	}
	struct cand_scores a = { .actor = r->user->id, .id = c.id };
	const char *crit[LIMIT_CRITERIA + 1], *score[LIMIT_CRITERIA + 1];
	int nc = req_form_values(r, "crit", crit, LIMIT_CRITERIA + 1), ns = req_form_values(r, "score", score, LIMIT_CRITERIA + 1);
	if (nc != ns || nc > LIMIT_CRITERIA) {
		req_error(r, 400);
		return;
	}
	for (int i = 0; i < nc; i++) {
		char *end;
		long long id = strtoll(crit[i], &end, 10);
		long v = *score[i] ? strtol(score[i], &end, 10) : 0;
		if (id <= 0 || v < 0 || v > 5 || *end || db_int(db_read(), 0, SQL_CRIT_EXISTS, "I", id) != 1) {
			req_error(r, 400);
			return;
		}
		a.crit[a.n] = id;
		a.score[a.n++] = (int)v;
	}
	if (db_write(scores_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The need scores were saved."));
	req_redirect(r, arena_printf(&r->arena, "/candidates/%lld", (long long)c.id));
}

struct cand_step {
	int64_t actor, id, org;
	const char *status, *reason, *from, *action;
};

static const char SQL_STEP[] =
	"UPDATE candidates SET status = ?1, reason = coalesce(?2, reason), decided_by = CASE WHEN ?2 IS NULL THEN decided_by ELSE ?3 END,"
	" decided_at = CASE WHEN ?2 IS NULL THEN decided_at ELSE ?4 END,"
	" graduated_at = CASE WHEN ?1 = 'graduated' THEN ?4 ELSE graduated_at END"
	" WHERE id = ?5 AND instr(?6, ',' || status || ',') > 0";
static const char SQL_ORG_STAGE[] = "UPDATE orgs SET stage = ?1, updated_at = ?2 WHERE id = ?3";

static int step_fn(struct db *w, void *arg)
{
	struct cand_step *a = arg;
	long long now = (long long)time(NULL);
	if (db_do(w, SQL_STEP, "ttIIIt", a->status, a->reason, (long long)a->actor, now, (long long)a->id, a->from) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	/* the registry's stage follows: incubated when enrolled, alumni once graduated */
	const char *stage = !strcmp(a->status, "enrolled") ? "incubated" : !strcmp(a->status, "graduated") ? "alumni" : NULL;
	if (stage && db_do(w, SQL_ORG_STAGE, "tII", stage, now, (long long)a->org) < 0)
		return -1;
	return audit_write(w, a->actor, a->action, "candidate", a->id, a->status);
}

static void step(struct req *r, const char *status, const char *reason, const char *from, const char *action,
		 const char *done, const char *refused)
{
	struct cand c;
	if (cand_load(r, req_int(r, "id"), &c) < 0) {
		req_error(r, 404);
		return;
	}
	struct cand_step a = { r->user->id, c.id, c.org, status, reason, from, action };
	int rc = db_write(step_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? refused : done);
	req_redirect(r, arena_printf(&r->arena, "/candidates/%lld", (long long)c.id));
}

void candidate_decision_submit(struct req *r)
{
	if (r->nerrors) {
		r->status = 400;
		candidate_page(r);
		return;
	}
	step(r, req_str(r, "decision"), req_str(r, "reason"), ",applied,accepted,rejected,", "decide",
	     _("The decision was recorded."), _("This candidate is already enrolled: the decision stays."));
}

void candidate_enroll_submit(struct req *r)
{
	step(r, "enrolled", NULL, ",accepted,", "enroll", _("The organization is enrolled in the cohort."),
	     _("Only an accepted candidate can be enrolled."));
}

void candidate_graduate_submit(struct req *r)
{
	struct cand c;
	if (cand_load(r, req_int(r, "id"), &c) < 0) {
		req_error(r, 404);
		return;
	}
	if (db_int(db_read(), 0, SQL_ENDLINE_FINAL, "I", (long long)c.org) < 1) {
		req_flash(r, _("Graduation comes once the endline assessment is final."));
		req_redirect(r, arena_printf(&r->arena, "/candidates/%lld", (long long)c.id));
		return;
	}
	step(r, "graduated", NULL, ",enrolled,", "graduate", _("The organization graduated."),
	     _("Only an enrolled organization can graduate."));
}

/* ---- the selection criteria ---- */

static const char SQL_CRITERIA[] =
	"SELECT id, name_ar, name_en, weight, active FROM selection_criteria ORDER BY active DESC, position, id";

static void criterion_fields(struct req *r, const char *ar_name, const char *en_name, int weight, int active)
{
	form_input(r, "name_ar", _("Name in Arabic"), "text", ar_name, 1, NULL);
	form_input(r, "name_en", _("Name in English"), "text", en_name, 1, NULL);
	form_input(r, "weight", _("Weight (0–10)"), "number", arena_printf(&r->arena, "%d", weight), 1, NULL);
	const char *keys[2] = { "1", "0" }, *labels[2] = { _("In use"), _("Not in use") };
	form_select(r, "active", _("Use"), keys, labels, 2, active ? "1" : "0");
}

void criteria_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int write = (r->user->perms & PERM_INCUB_WRITE) != 0;
	page_begin(r, _("Selection criteria"));
	html_fmt(o, "<p class=\"back\"><a href=\"/cohorts\">%s</a></p><h1>%s</h1><p class=\"hint\">%s</p>",
		 _("Incubation cohorts"), _("Selection criteria"),
		 _("Candidates are ranked by need on these criteria, each scored 1 to 5 and weighted. Criteria never "
		   "concern ethnicity, religion, sect or tribe."));
	form_error_summary(r);
	const char *cols[] = { _("Criterion"), _("Weight"), _("Use"), NULL };
	table_begin(r, cols);
	sqlite3_stmt *st = db_q(db_read(), SQL_CRITERIA, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		row_begin(r);
		cell_text(r, db_text(st, ar() ? 1 : 2));
		cell_int(r, sqlite3_column_int(st, 3));
		cell_text(r, sqlite3_column_int(st, 4) ? _("In use") : _("Not in use"));
		if (write) {
			cell_action_begin(r);
			html_fmt(o, "<details><summary>%s</summary>", _("Edit"));
			form_begin(r, arena_printf(&r->arena, "/incubation/criteria/%lld", id), "form");
			criterion_fields(r, db_text(st, 1), db_text(st, 2), sqlite3_column_int(st, 3), sqlite3_column_int(st, 4));
			form_end(r, _("Save"));
			html_raw(o, "</details>");
			cell_end(r);
		}
		row_end(r);
	}
	table_end(r);
	if (write) {
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Add a criterion"));
		form_begin(r, "/incubation/criteria", "form");
		criterion_fields(r, "", "", 1, 1);
		form_end(r, _("Add"));
		html_raw(o, "</section>");
	}
	page_end(r);
}

struct crit_in {
	int64_t actor, id;
	int is_new;
	const char *name_ar, *name_en;
	int weight, active;
};

static const char SQL_CRIT_ADD[] =
	"INSERT INTO selection_criteria (name_ar, name_en, weight, active, position)"
	" VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM selection_criteria))";
static const char SQL_CRIT_SET[] =
	"UPDATE selection_criteria SET name_ar = ?1, name_en = ?2, weight = ?3, active = ?4 WHERE id = ?5";
static const char SQL_CRIT_COUNT[] = "SELECT count(*) FROM selection_criteria WHERE active = 1";
static const char SQL_CANDS_OPEN[] =
	"SELECT id FROM candidates WHERE status IN ('applied','accepted','rejected')";

static int crit_fn(struct db *w, void *arg)
{
	struct crit_in *c = arg;
	if (c->id) {
		if (db_do(w, SQL_CRIT_SET, "ttiiI", c->name_ar, c->name_en, c->weight, c->active, (long long)c->id) < 0)
			return -1;
		if (db_changes(w) != 1)
			return 1;
	} else {
		if (db_do(w, SQL_CRIT_ADD, "ttii", c->name_ar, c->name_en, c->weight, c->active) < 0)
			return -1;
		c->id = db_last_id(w);
		c->is_new = 1;
	}
	if (db_int(w, 0, SQL_CRIT_COUNT, "") > LIMIT_CRITERIA)
		return 2;
	/* the candidates not yet enrolled are ranked with the new weights */
	int64_t ids[2048];
	int n = 0;
	sqlite3_stmt *st = db_q(w, SQL_CANDS_OPEN, "");
	while (db_row(st) == 1 && n < 2048)
		ids[n++] = sqlite3_column_int64(st, 0);
	for (int i = 0; i < n; i++)
		if (rescore(w, ids[i]) < 0)
			return -1;
	return audit_write(w, c->actor, c->is_new ? "create" : "update", "criterion", c->id, "");
}

static void crit_submit(struct req *r, int64_t id)
{
	struct crit_in c = { r->user->id, id, 0, req_str(r, "name_ar"), req_str(r, "name_en"), (int)req_int(r, "weight"),
			     !req_has(r, "active") || req_int(r, "active") == 1 };
	if (req_has(r, "name_ar") && criterion_forbidden(c.name_ar))
		req_field_error(r, "name_ar", _("Selection is by need: a criterion cannot be about ethnicity, religion, sect or tribe."));
	if (req_has(r, "name_en") && criterion_forbidden(c.name_en))
		req_field_error(r, "name_en", _("Selection is by need: a criterion cannot be about ethnicity, religion, sect or tribe."));
	if (r->nerrors) {
		r->status = 400;
		criteria_page(r);
		return;
	}
	int rc = db_write(crit_fn, &c);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc == 1) {
		req_error(r, 404);
		return;
	}
	req_flash(r, rc == 2 ? _("There are already as many criteria in use as daam allows: nothing was changed.")
			     : _("The criteria were saved; the candidates not yet enrolled are ranked again."));
	req_redirect(r, "/incubation/criteria");
}

void criterion_create_submit(struct req *r)
{
	crit_submit(r, 0);
}

void criterion_update_submit(struct req *r)
{
	crit_submit(r, req_int(r, "id"));
}
