/* test_incubation — the incubation cycle through the web, as the Raqqa
 * program officer works it: a cohort (its end nine months after its start),
 * a candidate scored on the weighted criteria, accepted with a reason and
 * enrolled (its stage incubated), a baseline started, refused to finalize
 * while scores are missing, filled, finalized (read-only after: 409, nothing
 * changed), corrected by a new version with a reason (the scores copied,
 * the old one replaced once the correction is final), a plan made from it
 * (one action per library action of each dimension below the threshold),
 * an action done (progress on the organization's page), the JSON API; the
 * framework edited by the admin into a new version while assessments keep
 * theirs; a criterion about religion refused; and who sees what: the
 * partner only its own organization (it fills self-scores and nothing
 * else), another office's cohort and assessment 404 for the officer, the
 * donor only the totals.
 *
 * Expected values come from the server's database file (sqlite3), never
 * from the pages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

static struct server *srv;

struct user {
	struct browser b;
	char *csrf;
};

static void as(struct user *u, const char *name)
{
	browser_init(&u->b, srv);
	u->b.accept_language = "en";
	sign_in(&u->b, name);
	u->csrf = page_csrf(&u->b, "/");
	assert_non_null(u->csrf);
}

static void done(struct user *u)
{
	browser_free(&u->b);
	free(u->csrf);
}

static long status_of(struct user *u, const char *method, const char *path, const char *const *kv)
{
	struct response *r = !strcmp(method, "GET") ? http_get(&u->b, path) : post_kv(&u->b, path, u->csrf, kv, NULL, NULL);
	long st = r->status;
	response_free(r);
	return st;
}

/* POST answering 303 to a path starting with prefix; the number after it. */
static long long post_to(struct user *u, const char *path, const char *const *kv, const char *prefix)
{
	struct response *r = post_kv(&u->b, path, u->csrf, kv, NULL, NULL);
	if (r->status != 303)
		fail_msg("POST %s: %ld\n%.800s", path, r->status, r->body);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	if (strncmp(loc, prefix, strlen(prefix)) != 0)
		fail_msg("POST %s: went to %s, expected %s…", path, loc, prefix);
	long long id = strtoll(loc + strlen(prefix), NULL, 10);
	response_free(r);
	return id;
}

static unsigned long long digest(const char *table)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT total(length(quote(x.rowid)) + 7 * x.rowid) || '/' || count(*) FROM %s x", table);
	char *s = sql_text(sql, "");
	unsigned long long h = 1469598103934665603ULL;
	for (char *p = s; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	free(s);
	char sql2[256];
	snprintf(sql2, sizeof sql2, "SELECT group_concat(quote(x.%s)) FROM %s x",
		 !strcmp(table, "assessment_scores") ? "self_score || fac_score || agreed_score || evidence" : "status", table);
	s = sql_text(sql2, "");
	for (char *p = s; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	free(s);
	return h;
}

/* The form of every indicator of a framework: ind, self, fac, agreed,
 * evidence repeated; agreed = level(dimension position), or missing ones
 * left empty when skip > 0 (every skip-th). */
static const char **scores_form(long long fw, int base, int skip, int self_only)
{
	static const char *kv[1024];
	static char vals[200][4][48];
	int n = 0, k = 0;
	sqlite3_stmt *st = sql_vprep("SELECT id FROM fw_indicators WHERE framework_id = ? ORDER BY id", NULL, NULL);
	sqlite3_bind_int64(st, 1, fw);
	while (sqlite3_step(st) == SQLITE_ROW && k < 200) {
		snprintf(vals[k][0], 48, "%lld", (long long)sqlite3_column_int64(st, 0));
		snprintf(vals[k][1], 48, "%d", 1 + (k + base) % 4);
		snprintf(vals[k][2], 48, "%d", skip && k % skip == 0 ? 0 : 1 + (k + base + 1) % 4);
		kv[n++] = "ind";
		kv[n++] = vals[k][0];
		kv[n++] = "self";
		kv[n++] = vals[k][1];
		if (!self_only) {
			kv[n++] = "fac";
			kv[n++] = vals[k][1];
			kv[n++] = "agreed";
			kv[n++] = vals[k][2][0] == '0' ? "" : vals[k][2];
			kv[n++] = "evidence";
			kv[n++] = "محاضر الاجتماعات";
		}
		k++;
	}
	sqlite3_finalize(st);
	kv[n] = NULL;
	return kv;
}

static void test_full_cycle(void **state)
{
	struct user o;
	as(&o, "officer");
	long long raqqa = sql_int("SELECT id FROM offices WHERE code = 'raqqa'", "");
	/* a cohort: its office is the officer's, its end nine months on */
	const char *cohort_form[] = { "name", "دورة الاختبار", "start", "2026-05-31", "office", "3", NULL };
	long long cohort = post_to(&o, "/cohorts", cohort_form, "/cohorts/");
	assert_int_equal(sql_int("SELECT office_id FROM cohorts WHERE id = ?", "i", cohort), raqqa);
	char *end = sql_text("SELECT end_date FROM cohorts WHERE id = ?", "i", cohort);
	assert_string_equal(end, "2027-02-28");
	free(end);
	/* an organization of Raqqa not yet a candidate anywhere */
	long long org = sql_int("SELECT min(id) FROM orgs WHERE office_id = ? AND id NOT IN (SELECT org_id FROM candidates)", "i", raqqa);
	assert_true(org > 0);
	char path[128], orgs[32];
	snprintf(orgs, sizeof orgs, "%lld", org);
	snprintf(path, sizeof path, "/cohorts/%lld/candidates", cohort);
	const char *add[] = { "org", orgs, NULL };
	long long cand = post_to(&o, path, add, "/candidates/");
	/* need scores: 5 on the first criterion, 1 on the others */
	const char *kv[64];
	char crit[20][16];
	int n = 0, c = 0;
	sqlite3_stmt *st = sql_vprep("SELECT id FROM selection_criteria WHERE active = 1 ORDER BY position, id", NULL, NULL);
	while (sqlite3_step(st) == SQLITE_ROW && c < 20) {
		snprintf(crit[c], 16, "%lld", (long long)sqlite3_column_int64(st, 0));
		kv[n++] = "crit";
		kv[n++] = crit[c];
		kv[n++] = "score";
		kv[n++] = c ? "1" : "5";
		c++;
	}
	sqlite3_finalize(st);
	kv[n] = NULL;
	snprintf(path, sizeof path, "/candidates/%lld/scores", cand);
	post_to(&o, path, kv, "/candidates/");
	double want = 100.0 * sql_int("SELECT 5 * w1 + (tot - w1) FROM (SELECT (SELECT weight FROM selection_criteria WHERE"
				      " active = 1 ORDER BY position, id LIMIT 1) w1, sum(weight) tot FROM selection_criteria"
				      " WHERE active = 1)", "") /
		      (5.0 * sql_int("SELECT sum(weight) FROM selection_criteria WHERE active = 1", ""));
	char *got = sql_text("SELECT score FROM candidates WHERE id = ?", "i", cand);
	assert_true(fabs(strtod(got, NULL) - want) < 1e-6);
	free(got);
	/* a decision needs its reason; then accepted, enrolled */
	snprintf(path, sizeof path, "/candidates/%lld/decision", cand);
	const char *no_reason[] = { "decision", "accepted", "reason", "", NULL };
	assert_int_equal(status_of(&o, "POST", path, no_reason), 400);
	const char *decide[] = { "decision", "accepted", "reason", "احتياج واضح في منطقة متضررة", NULL };
	post_to(&o, path, decide, "/candidates/");
	snprintf(path, sizeof path, "/candidates/%lld/enroll", cand);
	post_to(&o, path, NULL, "/candidates/");
	char *s = sql_text("SELECT status || ' ' || reason FROM candidates WHERE id = ?", "i", cand);
	assert_string_equal(s, "enrolled احتياج واضح في منطقة متضررة");
	free(s);
	s = sql_text("SELECT stage FROM orgs WHERE id = ?", "i", org);
	assert_string_equal(s, "incubated");
	free(s);

	/* the baseline: a draft, refused to finalize while scores are missing */
	snprintf(path, sizeof path, "/orgs/%lld/assessments", org);
	const char *base[] = { "kind", "baseline", NULL };
	long long a = post_to(&o, path, base, "/assessments/");
	assert_int_equal(post_to(&o, path, base, "/assessments/"), a);   /* the same again: no second baseline */
	long long fw = sql_int("SELECT framework_id FROM assessments WHERE id = ?", "i", a);
	snprintf(path, sizeof path, "/assessments/%lld/scores", a);
	post_to(&o, path, scores_form(fw, 0, 7, 0), "/assessments/");
	snprintf(path, sizeof path, "/assessments/%lld/finalize", a);
	post_to(&o, path, NULL, "/assessments/");
	s = sql_text("SELECT status FROM assessments WHERE id = ?", "i", a);
	assert_string_equal(s, "draft");
	free(s);
	/* a score of 5 or an indicator of no framework is refused, nothing saved */
	snprintf(path, sizeof path, "/assessments/%lld/scores", a);
	unsigned long long before = digest("assessment_scores");
	const char *bad[] = { "ind", "1", "self", "5", "fac", "", "agreed", "", "evidence", "", NULL };
	assert_int_equal(status_of(&o, "POST", path, bad), 400);
	const char *alien[] = { "ind", "999999", "self", "1", "fac", "", "agreed", "", "evidence", "", NULL };
	assert_int_equal(status_of(&o, "POST", path, alien), 400);
	assert_true(digest("assessment_scores") == before);
	post_to(&o, path, scores_form(fw, 0, 0, 0), "/assessments/");
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_scores WHERE assessment_id = ? AND agreed_score IS NOT NULL", "i", a),
			 sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ?", "i", fw));
	snprintf(path, sizeof path, "/assessments/%lld/finalize", a);
	post_to(&o, path, NULL, "/assessments/");
	s = sql_text("SELECT status || ' ' || latest FROM assessments WHERE id = ?", "i", a);
	assert_string_equal(s, "final 1");
	free(s);
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_dims WHERE assessment_id = ?", "i", a), 10);
	/* each dimension's score is the mean of its agreed scores */
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_dims d WHERE d.assessment_id = ?1 AND abs(d.score -"
				 " (SELECT avg(s.agreed_score) FROM assessment_scores s JOIN fw_indicators i ON i.id = s.indicator_id"
				 " WHERE s.assessment_id = ?1 AND i.dimension = d.dimension)) < 1e-9", "i", a), 10);
	/* final: read-only */
	before = digest("assessment_scores");
	snprintf(path, sizeof path, "/assessments/%lld/scores", a);
	assert_int_equal(status_of(&o, "POST", path, scores_form(fw, 1, 0, 0)), 409);
	snprintf(path, sizeof path, "/assessments/%lld/self", a);
	assert_int_equal(status_of(&o, "POST", path, scores_form(fw, 1, 0, 1)), 409);
	assert_true(digest("assessment_scores") == before);

	/* a correction: a reason, a new version with the scores copied */
	snprintf(path, sizeof path, "/assessments/%lld/correct", a);
	const char *no[] = { "reason", "", NULL };
	assert_int_equal(status_of(&o, "POST", path, no), 400);
	const char *why[] = { "reason", "خطأ في إدخال درجة الحوكمة", NULL };
	long long a2 = post_to(&o, path, why, "/assessments/");
	assert_true(a2 > a);
	s = sql_text("SELECT status || ' ' || version || ' ' || replaces_id || ' ' || reason FROM assessments WHERE id = ?", "i", a2);
	char expect[256];
	snprintf(expect, sizeof expect, "draft 2 %lld خطأ في إدخال درجة الحوكمة", a);
	assert_string_equal(s, expect);
	free(s);
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_scores WHERE assessment_id = ?", "i", a2),
			 sql_int("SELECT count(*) FROM assessment_scores WHERE assessment_id = ?", "i", a));
	s = sql_text("SELECT status FROM assessments WHERE id = ?", "i", a);
	assert_string_equal(s, "final");   /* counts until the correction is final */
	free(s);
	snprintf(path, sizeof path, "/assessments/%lld/scores", a2);
	post_to(&o, path, scores_form(fw, 2, 0, 0), "/assessments/");
	snprintf(path, sizeof path, "/assessments/%lld/finalize", a2);
	post_to(&o, path, NULL, "/assessments/");
	s = sql_text("SELECT group_concat(status || latest, ',') FROM (SELECT status, latest FROM assessments WHERE id IN (?, ?) ORDER BY id)",
		     "ii", a, a2);
	assert_string_equal(s, "replaced0,final1");
	free(s);

	/* the plan: one action per library action of each dimension below 3 */
	snprintf(path, sizeof path, "/assessments/%lld/plan", a2);
	const char *plan_form[] = { "threshold", "3", NULL };
	long long plan = post_to(&o, path, plan_form, "/plans/");
	long long expect_actions = sql_int("SELECT count(*) FROM action_library l JOIN assessment_dims d ON d.dimension = l.dimension"
					   " WHERE d.assessment_id = ? AND d.score < 3 AND l.active = 1", "i", a2);
	assert_true(expect_actions > 0);
	assert_int_equal(sql_int("SELECT count(*) FROM plan_actions WHERE plan_id = ?", "i", plan), expect_actions);
	assert_int_equal(post_to(&o, path, plan_form, "/plans/"), plan);   /* once per assessment */
	long long action = sql_int("SELECT min(id) FROM plan_actions WHERE plan_id = ?", "i", plan);
	snprintf(path, sizeof path, "/plan-actions/%lld", action);
	const char *upd[] = { "status", "done", "owner", "منسق المنظمة", "due", "2026-12-01", NULL };
	post_to(&o, path, upd, "/plans/");
	snprintf(path, sizeof path, "/orgs/%lld", org);
	struct response *r = http_get(&o.b, path);
	char progress[96];
	snprintf(progress, sizeof progress, "1 / %lld</bdi> actions done", expect_actions);
	if (!resp_contains(r, progress))
		fail_msg("the organization's page does not say \"%s\"", progress);
	response_free(r);

	/* the API */
	snprintf(path, sizeof path, "/api/v1/orgs/%lld/assessments", org);
	r = http_get(&o.b, path);
	assert_int_equal(r->status, 200);
	json_t *j = json_loads(r->body, 0, NULL);
	assert_non_null(j);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	json_t *last = json_array_get(items, 1);
	assert_string_equal(json_string_value(json_object_get(last, "kind")), "baseline");
	assert_string_equal(json_string_value(json_object_get(last, "status")), "final");
	double gov = json_real_value(json_object_get(json_object_get(last, "scores"), "governance"));
	char *want_gov = sql_text("SELECT round(score, 2) FROM assessment_dims WHERE assessment_id = ? AND dimension = 'governance'", "i", a2);
	assert_true(fabs(gov - strtod(want_gov, NULL)) < 0.006);
	free(want_gov);
	json_decref(j);
	response_free(r);
	snprintf(path, sizeof path, "/api/v1/orgs/%lld/plan", org);
	r = http_get(&o.b, path);
	j = json_loads(r->body, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "actions")), expect_actions);
	assert_int_equal(json_integer_value(json_object_get(j, "done")), 1);
	json_decref(j);
	response_free(r);
	r = http_get(&o.b, "/api/v1/cohorts");
	assert_int_equal(r->status, 200);
	char cid[48];
	snprintf(cid, sizeof cid, "\"id\":%lld,", cohort);
	assert_true(resp_contains(r, cid));
	response_free(r);

	/* results pages answer, with a radar of the two kinds */
	snprintf(path, sizeof path, "/orgs/%lld/results", org);
	r = http_get(&o.b, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "class=\"series s0\""));
	response_free(r);
	snprintf(path, sizeof path, "/cohorts/%lld/results", cohort);
	assert_int_equal(status_of(&o, "GET", path, NULL), 200);
	/* the report as a PDF, in Arabic: the organization's name and the
	 * dimensions shaped as text (pdftotext reads them back), the plan */
	{
		struct browser ar;
		browser_init(&ar, srv);
		ar.accept_language = "ar";
		sign_in(&ar, "officer");
		snprintf(path, sizeof path, "/orgs/%lld/results.pdf", org);
		struct response *pr = http_get(&ar, path);
		assert_int_equal(pr->status, 200);
		assert_non_null(strstr(resp_header(pr, "Content-Type"), "application/pdf"));
		assert_true(pr->body_len > 1000 && memcmp(pr->body, "%PDF", 4) == 0);
		char *text = malloc(65536);
		assert_non_null(text);
		assert_int_equal(pdf_to_text(pr->body, pr->body_len, text, 65536), 0);
		char *name = sql_text("SELECT name_ar FROM orgs WHERE id = ?", "i", org);
		text_squeeze(text);
		text_squeeze(name);
		if (!strstr(text, name))
			fail_msg("the report does not name %s:\n%.600s", name, text);
		assert_non_null(strstr(text, "المبادئ"));    /* a dimension, in Arabic letters, not boxes */
		assert_non_null(strstr(text, "الحوكمة"));
		free(name);
		free(text);
		response_free(pr);
		browser_free(&ar);
	}
	/* an audit entry for each step */
	assert_true(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'assessment' AND entity_id IN (?, ?)", "ii", a, a2) >= 6);

	/* graduation waits for a final endline */
	snprintf(path, sizeof path, "/candidates/%lld/graduate", cand);
	post_to(&o, path, NULL, "/candidates/");
	s = sql_text("SELECT status FROM candidates WHERE id = ?", "i", cand);
	assert_string_equal(s, "enrolled");
	free(s);
	snprintf(path, sizeof path, "/orgs/%lld/assessments", org);
	const char *endline[] = { "kind", "endline", NULL };
	long long e = post_to(&o, path, endline, "/assessments/");
	snprintf(path, sizeof path, "/assessments/%lld/scores", e);
	post_to(&o, path, scores_form(sql_int("SELECT framework_id FROM assessments WHERE id = ?", "i", e), 3, 0, 0), "/assessments/");
	snprintf(path, sizeof path, "/assessments/%lld/finalize", e);
	post_to(&o, path, NULL, "/assessments/");
	snprintf(path, sizeof path, "/candidates/%lld/graduate", cand);
	post_to(&o, path, NULL, "/candidates/");
	s = sql_text("SELECT k.status || ' ' || o.stage || ' ' || (k.graduated_at > 0) FROM candidates k JOIN orgs o ON o.id = k.org_id"
		     " WHERE k.id = ?", "i", cand);
	assert_string_equal(s, "graduated alumni 1");
	free(s);
	/* the endline is now the organization's latest */
	assert_int_equal(sql_int("SELECT id FROM assessments WHERE org_id = ? AND latest = 1", "i", org), e);
	done(&o);
}

/* The cohort's end must follow its start; nothing is saved otherwise. */
static void test_cohort_validation(void **state)
{
	struct user o;
	as(&o, "officer");
	long long before = sql_int("SELECT count(*) FROM cohorts", "");
	const char *bad[] = { "name", "دورة", "start", "2026-05-01", "end", "2026-04-01", NULL };
	struct response *r = post_kv(&o.b, "/cohorts", o.csrf, bad, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "The end must come after the start."));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM cohorts", ""), before);
	done(&o);
}

/* A selection criterion about religion, sect, tribe or ethnicity is refused. */
static void test_criteria_refuse_identity(void **state)
{
	struct user o;
	as(&o, "officer");
	long long before = sql_int("SELECT count(*) FROM selection_criteria", "");
	const char *bad[] = { "name_ar", "الانتماء الديني للأعضاء", "name_en", "Members' religion", "weight", "2", NULL };
	struct response *r = post_kv(&o.b, "/incubation/criteria", o.csrf, bad, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "cannot be about ethnicity, religion, sect or tribe"));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM selection_criteria", ""), before);
	const char *good[] = { "name_ar", "عدد النازحين في منطقة العمل", "name_en", "Displaced people in its area", "weight", "2", NULL };
	post_to(&o, "/incubation/criteria", good, "/incubation/criteria");
	assert_int_equal(sql_int("SELECT count(*) FROM selection_criteria", ""), before + 1);
	/* a weight changed: the candidates not yet enrolled are scored again with it */
	long long cand = sql_int("SELECT min(k.id) FROM candidates k WHERE k.status = 'applied' AND EXISTS"
				 " (SELECT 1 FROM candidate_scores s WHERE s.candidate_id = k.id)", "");
	long long crit = sql_int("SELECT min(criterion_id) FROM candidate_scores WHERE candidate_id = ?", "i", cand);
	assert_true(cand > 0 && crit > 0);
	char *name_ar = sql_text("SELECT name_ar FROM selection_criteria WHERE id = ?", "i", crit);
	char *name_en = sql_text("SELECT name_en FROM selection_criteria WHERE id = ?", "i", crit);
	char path[64];
	snprintf(path, sizeof path, "/incubation/criteria/%lld", crit);
	const char *heavier[] = { "name_ar", name_ar, "name_en", name_en, "weight", "10", "active", "1", NULL };
	post_to(&o, path, heavier, "/incubation/criteria");
	free(name_ar);
	free(name_en);
	/* the expected score, computed here from the stored scores and weights */
	char *got = sql_text("SELECT score FROM candidates WHERE id = ?", "i", cand);
	char *want = sql_text("SELECT 100.0 * sum(s.score * c.weight) / sum(5 * c.weight) FROM candidate_scores s"
			      " JOIN selection_criteria c ON c.id = s.criterion_id WHERE s.candidate_id = ? AND c.active = 1 AND c.weight > 0",
			      "i", cand);
	assert_true(fabs(strtod(got, NULL) - strtod(want, NULL)) < 1e-6);
	free(got);
	free(want);
	done(&o);
}

/* An admin's change makes a new version; assessments keep theirs, a new
 * one takes the newest. */
static void test_framework_versions(void **state)
{
	struct user adm, o;
	as(&adm, "admin");
	as(&o, "officer");
	long long fw1 = sql_int("SELECT max(id) FROM frameworks", "");
	long long ind = sql_int("SELECT min(id) FROM fw_indicators WHERE framework_id = ?", "i", fw1);
	char path[96];
	snprintf(path, sizeof path, "/incubation/framework/indicators/%lld", ind);
	assert_int_equal(status_of(&o, "GET", path, NULL), 403);
	const char *kv[] = { "text_ar", "مؤشر معدّل", "text_en", "An edited indicator", "l1_ar", "لا شيء", "l1_en", "Nothing",
		"l2_ar", "قليل", "l2_en", "A little", "l3_ar", "كثير", "l3_en", "Much", "l4_ar", "كامل", "l4_en", "All",
		"note", "تجربة", NULL };
	long long old_assessments = sql_int("SELECT count(*) FROM assessments WHERE framework_id = ?", "i", fw1);
	post_to(&adm, path, kv, "/incubation/framework");
	long long fw2 = sql_int("SELECT max(id) FROM frameworks", "");
	assert_true(fw2 > fw1);
	assert_int_equal(sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ?", "i", fw2),
			 sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ?", "i", fw1));
	assert_int_equal(sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ? AND text_en = 'An edited indicator'", "i", fw2), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ? AND text_en = 'An edited indicator'", "i", fw1), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM assessments WHERE framework_id = ?", "i", fw1), old_assessments);
	/* the old version's indicator can no longer be edited */
	assert_int_equal(status_of(&adm, "POST", path, kv), 404);
	/* a new assessment takes the newest version: an enrolled Raqqa org without an endline */
	long long org = sql_int("SELECT k.org_id FROM candidates k JOIN orgs o ON o.id = k.org_id WHERE k.status = 'enrolled'"
				" AND o.office_id = (SELECT id FROM offices WHERE code = 'raqqa') AND k.org_id NOT IN"
				" (SELECT org_id FROM assessments WHERE kind = 'endline') ORDER BY k.org_id LIMIT 1", "");
	assert_true(org > 0);
	snprintf(path, sizeof path, "/orgs/%lld/assessments", org);
	const char *end[] = { "kind", "endline", NULL };
	long long a = post_to(&o, path, end, "/assessments/");
	assert_int_equal(sql_int("SELECT framework_id FROM assessments WHERE id = ?", "i", a), fw2);

	/* an indicator added to a dimension: a new version with one more there,
	 * the assessment just made keeping its version */
	static const char COUNT_DIM[] = "SELECT count(*) FROM fw_indicators WHERE framework_id = ? AND dimension = 'funding'";
	long long funding = sql_int(COUNT_DIM, "i", fw2);
	assert_int_equal(status_of(&o, "GET", "/incubation/framework/new?dim=funding", NULL), 403);
	assert_int_equal(status_of(&adm, "GET", "/incubation/framework/new?dim=funding", NULL), 200);
	const char *add[] = { "dim", "funding", "text_ar", "مؤشر جديد للتمويل", "text_en", "A new funding indicator",
		"l1_ar", "لا شيء", "l1_en", "Nothing", "l2_ar", "قليل", "l2_en", "A little", "l3_ar", "كثير", "l3_en", "Much",
		"l4_ar", "كامل", "l4_en", "All", NULL };
	post_to(&adm, "/incubation/framework/indicators", add, "/incubation/framework");
	long long fw3 = sql_int("SELECT max(id) FROM frameworks", "");
	assert_true(fw3 > fw2);
	assert_int_equal(sql_int(COUNT_DIM, "i", fw3), funding + 1);
	assert_int_equal(sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ?", "i", fw3),
			 sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ?", "i", fw2) + 1);
	assert_int_equal(sql_int("SELECT framework_id FROM assessments WHERE id = ?", "i", a), fw2);
	/* a field missing: refused, nothing saved */
	const char *bad[] = { "dim", "funding", "text_ar", "ناقص", NULL };
	assert_int_equal(status_of(&adm, "POST", "/incubation/framework/indicators", bad), 400);
	assert_int_equal(sql_int("SELECT max(id) FROM frameworks", ""), fw3);
	/* removed again: a new version without it */
	long long added = sql_int("SELECT id FROM fw_indicators WHERE framework_id = ? AND text_en = 'A new funding indicator'",
				  "i", fw3);
	snprintf(path, sizeof path, "/incubation/framework/indicators/%lld/remove", added);
	assert_int_equal(status_of(&o, "POST", path, NULL), 403);
	post_to(&adm, path, NULL, "/incubation/framework");
	long long fw4 = sql_int("SELECT max(id) FROM frameworks", "");
	assert_true(fw4 > fw3);
	assert_int_equal(sql_int(COUNT_DIM, "i", fw4), funding);
	assert_int_equal(sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ? AND text_en = 'A new funding indicator'",
				 "i", fw4), 0);
	/* a dimension keeps one indicator: removing all of one stops at the last */
	for (int k = 0; k < 10; k++) {
		long long cur = sql_int("SELECT max(id) FROM frameworks", "");
		long long one = sql_int("SELECT min(id) FROM fw_indicators WHERE framework_id = ? AND dimension = 'context'", "i", cur);
		snprintf(path, sizeof path, "/incubation/framework/indicators/%lld/remove", one);
		post_to(&adm, path, NULL, "/incubation/framework");
	}
	long long last = sql_int("SELECT max(id) FROM frameworks", "");
	assert_int_equal(sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ? AND dimension = 'context'", "i", last), 1);
	done(&adm);
	done(&o);
}

/* The partner sees and fills only its own organization's self-scores. */
static void test_partner_own_org_only(void **state)
{
	struct user p, o;
	as(&p, "partner");
	as(&o, "officer");
	long long own = sql_int("SELECT org_id FROM users WHERE name = 'partner'", "");
	long long own_a = sql_int("SELECT max(id) FROM assessments WHERE org_id = ? AND status = 'final'", "i", own);
	long long other_a = sql_int("SELECT min(id) FROM assessments WHERE org_id <> ?", "i", own);
	assert_true(own_a > 0 && other_a > 0);
	char path[96];
	snprintf(path, sizeof path, "/assessments/%lld", own_a);
	assert_int_equal(status_of(&p, "GET", path, NULL), 200);
	snprintf(path, sizeof path, "/assessments/%lld", other_a);
	struct response *r = http_get(&p.b, path);
	assert_int_equal(r->status, 404);
	char *other_name = sql_text("SELECT o.name_ar FROM assessments a JOIN orgs o ON o.id = a.org_id WHERE a.id = ?", "i", other_a);
	assert_false(resp_contains(r, other_name));
	free(other_name);
	response_free(r);
	snprintf(path, sizeof path, "/orgs/%lld/results", own);
	assert_int_equal(status_of(&p, "GET", path, NULL), 200);
	snprintf(path, sizeof path, "/api/v1/orgs/%lld/assessments", own + 1);
	assert_int_equal(status_of(&p, "GET", path, NULL), 404);
	assert_int_equal(status_of(&p, "GET", "/cohorts", NULL), 403);
	assert_int_equal(status_of(&p, "GET", "/api/v1/cohorts", NULL), 403);
	/* a correction opened by the officer: the partner fills its self-scores only */
	snprintf(path, sizeof path, "/assessments/%lld/correct", own_a);
	const char *why[] = { "reason", "مراجعة مع المنظمة", NULL };
	long long draft = post_to(&o, path, why, "/assessments/");
	long long fw = sql_int("SELECT framework_id FROM assessments WHERE id = ?", "i", draft);
	char *agreed_before = sql_text("SELECT group_concat(coalesce(agreed_score, '-') || fac_score || evidence) FROM"
				       " (SELECT * FROM assessment_scores WHERE assessment_id = ? ORDER BY indicator_id)", "i", draft);
	snprintf(path, sizeof path, "/assessments/%lld/scores", draft);
	assert_int_equal(status_of(&p, "POST", path, scores_form(fw, 3, 0, 0)), 403);
	snprintf(path, sizeof path, "/assessments/%lld/self", draft);
	post_to(&p, path, scores_form(fw, 3, 0, 1), "/assessments/");
	char *agreed_after = sql_text("SELECT group_concat(coalesce(agreed_score, '-') || fac_score || evidence) FROM"
				      " (SELECT * FROM assessment_scores WHERE assessment_id = ? ORDER BY indicator_id)", "i", draft);
	assert_string_equal(agreed_before, agreed_after);
	free(agreed_before);
	free(agreed_after);
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_scores s WHERE s.assessment_id = ? AND s.self_score ="
				 " 1 + ((SELECT count(*) FROM fw_indicators i WHERE i.framework_id = ? AND i.id < s.indicator_id) + 3) % 4",
				 "ii", draft, fw), sql_int("SELECT count(*) FROM fw_indicators WHERE framework_id = ?", "i", fw));
	/* another organization's draft: 404, nothing changed */
	long long foreign_draft = sql_int("SELECT min(id) FROM assessments WHERE org_id <> ? AND status = 'draft'", "i", own);
	assert_true(foreign_draft > 0);
	unsigned long long before = digest("assessment_scores");
	snprintf(path, sizeof path, "/assessments/%lld/self", foreign_draft);
	long long ffw = sql_int("SELECT framework_id FROM assessments WHERE id = ?", "i", foreign_draft);
	assert_int_equal(status_of(&p, "POST", path, scores_form(ffw, 1, 0, 1)), 404);
	assert_true(digest("assessment_scores") == before);
	/* it applies to an open cohort of its office, not to a running one */
	long long open_c = sql_int("SELECT c.id FROM cohorts c JOIN orgs o ON o.id = ? WHERE c.status = 'open' AND c.office_id = o.office_id",
				   "i", own);
	long long running = sql_int("SELECT min(id) FROM cohorts WHERE status = 'running'", "");
	assert_true(open_c > 0 && running > 0);
	snprintf(path, sizeof path, "/orgs/%lld", own);
	r = http_get(&p.b, path);
	char apply[64];
	snprintf(apply, sizeof apply, "action=\"/cohorts/%lld/apply\"", open_c);
	assert_true(resp_contains(r, apply));
	response_free(r);
	snprintf(path, sizeof path, "/cohorts/%lld/apply", running);
	long long cands = sql_int("SELECT count(*) FROM candidates", "");
	assert_int_equal(status_of(&p, "POST", path, NULL), 404);
	assert_int_equal(sql_int("SELECT count(*) FROM candidates", ""), cands);
	snprintf(path, sizeof path, "/cohorts/%lld/apply", open_c);
	post_to(&p, path, NULL, "/orgs/");
	assert_int_equal(sql_int("SELECT count(*) FROM candidates WHERE cohort_id = ? AND org_id = ? AND status = 'applied'", "ii",
				 open_c, own), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'candidate' AND detail = 'portal'", ""), 1);
	/* staff do not apply in an organization's name: they add candidates */
	assert_int_equal(status_of(&o, "POST", path, NULL), 404);
	/* its own plan: an action's status, not another's */
	long long own_action = sql_int("SELECT min(id) FROM plan_actions WHERE org_id = ?", "i", own);
	long long other_action = sql_int("SELECT min(id) FROM plan_actions WHERE org_id <> ?", "i", own);
	const char *upd[] = { "status", "in_progress", "owner", "نور", "due", "2026-12-20", NULL };
	snprintf(path, sizeof path, "/plan-actions/%lld", own_action);
	post_to(&p, path, upd, "/plans/");
	before = digest("plan_actions");
	snprintf(path, sizeof path, "/plan-actions/%lld", other_action);
	assert_int_equal(status_of(&p, "POST", path, upd), 404);
	assert_true(digest("plan_actions") == before);
	done(&p);
	done(&o);
}

/* Another office's cohort, candidate and assessment do not exist for the
 * Raqqa officer; the director sees them. */
static void test_office_scope(void **state)
{
	struct user o, d;
	as(&o, "officer");
	as(&d, "director");
	long long tabqa_cohort = sql_int("SELECT c.id FROM cohorts c JOIN offices f ON f.id = c.office_id WHERE f.code = 'tabqa' LIMIT 1", "");
	long long tabqa_a = sql_int("SELECT a.id FROM assessments a JOIN orgs o ON o.id = a.org_id JOIN offices f ON f.id = o.office_id"
				    " WHERE f.code = 'tabqa' AND a.status = 'draft' LIMIT 1", "");
	long long tabqa_cand = sql_int("SELECT min(id) FROM candidates WHERE cohort_id = ?", "i", tabqa_cohort);
	assert_true(tabqa_cohort > 0 && tabqa_a > 0 && tabqa_cand > 0);
	char path[96];
	char *name = sql_text("SELECT name FROM cohorts WHERE id = ?", "i", tabqa_cohort);
	snprintf(path, sizeof path, "/cohorts/%lld", tabqa_cohort);
	assert_int_equal(status_of(&d, "GET", path, NULL), 200);
	struct response *r = http_get(&o.b, path);
	assert_int_equal(r->status, 404);
	assert_false(resp_contains(r, name));
	response_free(r);
	r = http_get(&o.b, "/cohorts");
	assert_false(resp_contains(r, name));
	response_free(r);
	r = http_get(&o.b, "/api/v1/cohorts");
	assert_false(resp_contains(r, name));
	response_free(r);
	free(name);
	snprintf(path, sizeof path, "/cohorts/%lld/results", tabqa_cohort);
	assert_int_equal(status_of(&o, "GET", path, NULL), 404);
	snprintf(path, sizeof path, "/candidates/%lld", tabqa_cand);
	assert_int_equal(status_of(&o, "GET", path, NULL), 404);
	snprintf(path, sizeof path, "/assessments/%lld", tabqa_a);
	assert_int_equal(status_of(&o, "GET", path, NULL), 404);
	unsigned long long before = digest("assessment_scores");
	long long fw = sql_int("SELECT framework_id FROM assessments WHERE id = ?", "i", tabqa_a);
	snprintf(path, sizeof path, "/assessments/%lld/scores", tabqa_a);
	assert_int_equal(status_of(&o, "POST", path, scores_form(fw, 0, 0, 0)), 404);
	assert_true(digest("assessment_scores") == before);
	/* the director reads every office but changes nothing */
	snprintf(path, sizeof path, "/assessments/%lld", tabqa_a);
	assert_int_equal(status_of(&d, "GET", path, NULL), 200);
	snprintf(path, sizeof path, "/assessments/%lld/scores", tabqa_a);
	assert_int_equal(status_of(&d, "POST", path, scores_form(fw, 0, 0, 0)), 403);
	assert_true(digest("assessment_scores") == before);
	done(&o);
	done(&d);
}

/* The donor sees the totals across organizations, no organization. */
static void test_donor_sees_totals_only(void **state)
{
	struct user dn;
	as(&dn, "donor");
	struct response *r = http_get(&dn.b, "/incubation/gaps");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "Most common gaps"));
	sqlite3_stmt *st = sql_vprep("SELECT DISTINCT o.name_ar, o.name_en, o.id FROM assessments a JOIN orgs o ON o.id = a.org_id", NULL, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (resp_contains(r, (const char *)sqlite3_column_text(st, 0)) ||
		    (*sqlite3_column_text(st, 1) && resp_contains(r, (const char *)sqlite3_column_text(st, 1))))
			fail_msg("the gaps page names organization %lld", (long long)sqlite3_column_int64(st, 2));
	}
	sqlite3_finalize(st);
	assert_false(resp_contains(r, "href=\"/orgs/"));
	response_free(r);
	assert_int_equal(status_of(&dn, "GET", "/cohorts", NULL), 403);
	assert_int_equal(status_of(&dn, "GET", "/orgs/1/results", NULL), 403);
	assert_int_equal(status_of(&dn, "GET", "/api/v1/orgs/1/assessments", NULL), 403);
	assert_int_equal(status_of(&dn, "GET", "/assessments/1", NULL), 403);
	done(&dn);
}

/* A multipart upload of one file with the CSRF token; returns the status. */
static long upload(struct user *u, const char *path, const char *filename, const void *data, size_t len, char **location)
{
	static const char boundary[] = "daamtestboundary7d1";
	char *body = malloc(len + 1024);
	int n = snprintf(body, 1024, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n--%s\r\n"
			 "Content-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n",
			 boundary, u->csrf, boundary, filename);
	memcpy(body + n, data, len);
	n += (int)len;
	n += snprintf(body + n, 64, "\r\n--%s--\r\n", boundary);
	char ct[128];
	snprintf(ct, sizeof ct, "Content-Type: multipart/form-data; boundary=%s", boundary);
	const char *hdrs[] = { ct, NULL };
	struct response *r = http_request(&u->b, "POST", path, body, (size_t)n, hdrs);
	long st = r->status;
	if (location)
		*location = resp_header(r, "Location") ? strdup(resp_header(r, "Location")) : NULL;
	response_free(r);
	free(body);
	return st;
}

/* Evidence files: a photo attached to a draft and downloaded as it was;
 * anything but JPEG, PNG, WebP or PDF refused whatever its name; nothing
 * attached to a final assessment; another office's file not found. */
static void test_evidence_files(void **state)
{
	struct user o, p;
	as(&o, "officer");
	as(&p, "partner");
	long long raqqa = sql_int("SELECT id FROM offices WHERE code = 'raqqa'", "");
	long long draft = sql_int("SELECT min(a.id) FROM assessments a JOIN orgs g ON g.id = a.org_id WHERE a.status = 'draft'"
				  " AND g.office_id = ?", "i", raqqa);
	long long final = sql_int("SELECT min(a.id) FROM assessments a JOIN orgs g ON g.id = a.org_id WHERE a.status = 'final'"
				  " AND g.office_id = ?", "i", raqqa);
	assert_true(draft > 0 && final > 0);
	static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 2, 3, 0xFF, 0xD9 };
	char path[96], *loc = NULL;
	snprintf(path, sizeof path, "/assessments/%lld/files", draft);
	long long before = sql_int("SELECT count(*) FROM assessment_files", "");
	assert_int_equal(upload(&o, path, "محضر الاجتماع.jpg", jpeg, sizeof jpeg, &loc), 303);
	free(loc);
	long long f = sql_int("SELECT max(id) FROM assessment_files", "");
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_files", ""), before + 1);
	char *s = sql_text("SELECT name || ' ' || mime || ' ' || bytes FROM assessment_files WHERE id = ?", "i", f);
	assert_string_equal(s, "محضر الاجتماع.jpg image/jpeg 16");
	free(s);
	/* a script named .jpg is refused, as is an empty file */
	static const char html[] = "<script>alert(1)</script>";
	assert_int_equal(upload(&o, path, "photo.jpg", html, sizeof html - 1, NULL), 400);
	assert_int_equal(upload(&o, path, "empty.pdf", "", 0, NULL), 400);
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_files", ""), before + 1);
	/* a final assessment takes no file */
	snprintf(path, sizeof path, "/assessments/%lld/files", final);
	assert_int_equal(upload(&o, path, "late.jpg", jpeg, sizeof jpeg, NULL), 409);
	assert_int_equal(sql_int("SELECT count(*) FROM assessment_files", ""), before + 1);
	/* downloaded as it was, as an attachment, audited */
	snprintf(path, sizeof path, "/assessment-files/%lld", f);
	struct response *r = http_get(&o.b, path);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "image/jpeg");
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "attachment"));
	assert_int_equal(r->body_len, sizeof jpeg);
	assert_memory_equal(r->body, jpeg, sizeof jpeg);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'download' AND entity = 'evidence_file' AND entity_id = ?",
				 "i", f), 1);
	/* the partner: not another organization's file; the director: yes, but cannot attach */
	long long org = sql_int("SELECT org_id FROM assessments WHERE id = ?", "i", draft);
	long long partner_org = sql_int("SELECT org_id FROM users WHERE name = 'partner'", "");
	if (org != partner_org)
		assert_int_equal(status_of(&p, "GET", path, NULL), 404);
	struct user d;
	as(&d, "director");
	assert_int_equal(status_of(&d, "GET", path, NULL), 200);
	snprintf(path, sizeof path, "/assessments/%lld/files", draft);
	assert_int_equal(upload(&d, path, "x.jpg", jpeg, sizeof jpeg, NULL), 403);
	done(&d);
	done(&o);
	done(&p);
}

static void test_server_stops_cleanly(void **state)
{
	if (test_db)
		sqlite3_close(test_db);
	test_db = NULL;
	assert_int_equal(server_stop(*state), 0);
}

static int setup(void **state)
{
	if (group_setup_db(state) < 0)
		return -1;
	srv = *state;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_cycle),
		cmocka_unit_test(test_cohort_validation),
		cmocka_unit_test(test_criteria_refuse_identity),
		cmocka_unit_test(test_framework_versions),
		cmocka_unit_test(test_partner_own_org_only),
		cmocka_unit_test(test_office_scope),
		cmocka_unit_test(test_donor_sees_totals_only),
		cmocka_unit_test(test_evidence_files),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
