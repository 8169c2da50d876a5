/*
 * Unit tests of what the incubation module derives in the database
 * (src/incubation/incubation.c), on a fresh database with the migrations
 * (the center's framework and library of actions): the dimension scores
 * stored when an assessment is finalized (the rows, the copy on the
 * assessment, the organization's latest), and the plan generated from it —
 * one action per library action of each dimension below the threshold,
 * weakest dimension first with the earliest due date, in the user's
 * language; none when every dimension is at or above it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <math.h>

#include <cmocka.h>

#include "incubation/incubation.h"
#include "core/i18n.h"
#include "db/db.h"

static char dir[64], dbpath[128];
static long long assessment;

static long long q_int(const char *sql, long long arg)
{
	return db_int(db_read(), -1, sql, "I", arg);
}

/* An organization and a final baseline: principles scored 1, planning 2,
 * knowledge 4, every other indicator 3. */
static int fixture_fn(struct db *w, void *arg)
{
	(void)arg;
	if (db_do(w, "INSERT INTO orgs (name_ar, created_at) VALUES ('منظمة الاختبار', 0)", "") < 0)
		return -1;
	long long org = db_last_id(w);
	if (db_do(w, "INSERT INTO assessments (org_id, kind, framework_id, status, created_at, updated_at)"
		  " VALUES (?1, 'baseline', 1, 'final', 0, 0)", "I", org) < 0)
		return -1;
	assessment = db_last_id(w);
	if (db_do(w, "INSERT INTO assessment_scores (assessment_id, indicator_id, agreed_score) SELECT ?1, id,"
		  " CASE dimension WHEN 'principles' THEN 1 WHEN 'planning' THEN 2 WHEN 'knowledge' THEN 4 ELSE 3 END"
		  " FROM fw_indicators WHERE framework_id = 1", "I", assessment) < 0)
		return -1;
	return assessment_dims_store(w, assessment);
}

static int setup(void **state)
{
	(void)state;
	if (i18n_init() != 0)
		return -1;
	i18n_set_lang(LANG_EN);
	snprintf(dir, sizeof dir, "/tmp/daam-test-incub-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	if (db_open(dbpath) < 0)
		return -1;
	return db_write(fixture_fn, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close();
	char path[192];
	const char *files[] = { "t.db", "t.db-wal", "t.db-shm", "t.db.lock" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

static void test_dimensions_stored(void **state)
{
	(void)state;
	assert_int_equal(q_int("SELECT count(*) FROM assessment_dims WHERE assessment_id = ?1", assessment), 10);
	struct dim_scores d;
	assessment_dims_load(db_read(), assessment, &d);
	assert_true(fabs(d.v[0] - 1) < 1e-9 && fabs(d.v[1] - 2) < 1e-9 && fabs(d.v[2] - 4) < 1e-9 && fabs(d.v[9] - 3) < 1e-9);
	/* the copy on the assessment row, and the organization's latest */
	assert_int_equal(q_int("SELECT d_principles * 10 + d_planning FROM assessments WHERE id = ?1", assessment), 12);
	assert_int_equal(q_int("SELECT latest FROM assessments WHERE id = ?1", assessment), 1);
}

struct gen {
	double threshold;
	long long plan;
};

static int gen_fn(struct db *w, void *arg)
{
	struct gen *g = arg;
	g->plan = plan_generate(w, 0, assessment, g->threshold);
	return g->plan > 0 ? 0 : -1;
}

static void test_plan_from_the_weak_dimensions(void **state)
{
	(void)state;
	struct gen g = { 2.5, 0 };
	assert_int_equal(db_write(gen_fn, &g), 0);
	/* principles (1) and planning (2): every active library action of each */
	long long want = q_int("SELECT count(*) FROM action_library WHERE active = 1 AND dimension IN ('principles', 'planning')"
			       " AND ?1 = ?1", 0);
	assert_true(want >= 2);
	assert_int_equal(q_int("SELECT count(*) FROM plan_actions WHERE plan_id = ?1", g.plan), want);
	assert_int_equal(q_int("SELECT count(*) FROM plan_actions WHERE plan_id = ?1 AND dimension NOT IN ('principles', 'planning')",
			       g.plan), 0);
	/* weakest first: every principles action is due before every planning one */
	assert_int_equal(q_int("SELECT count(*) FROM plan_actions p, plan_actions q WHERE p.plan_id = ?1 AND q.plan_id = ?1"
			       " AND p.dimension = 'principles' AND q.dimension = 'planning' AND p.due_date >= q.due_date", g.plan), 0);
	/* in the user's language (English here), owned by the organization, planned */
	assert_int_equal(q_int("SELECT count(*) FROM plan_actions p JOIN action_library l ON l.id = p.library_id WHERE p.plan_id = ?1"
			       " AND p.description = l.text_en AND p.owner = 'The organization' AND p.status = 'planned'", g.plan), want);
	assert_int_equal(q_int("SELECT threshold * 10 FROM plans WHERE id = ?1", g.plan), 25);
}

static void test_no_action_above_the_threshold(void **state)
{
	(void)state;
	struct gen g = { 1.0, 0 };
	assert_int_equal(db_write(gen_fn, &g), 0);
	assert_int_equal(q_int("SELECT count(*) FROM plan_actions WHERE plan_id = ?1", g.plan), 0);
	/* 3.5: all but knowledge (4) */
	g.threshold = 3.5;
	assert_int_equal(db_write(gen_fn, &g), 0);
	assert_int_equal(q_int("SELECT count(DISTINCT dimension) FROM plan_actions WHERE plan_id = ?1", g.plan), 9);
	assert_int_equal(q_int("SELECT count(*) FROM plan_actions WHERE plan_id = ?1 AND dimension = 'knowledge'", g.plan), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dimensions_stored),
		cmocka_unit_test(test_plan_from_the_weak_dimensions),
		cmocka_unit_test(test_no_action_above_the_threshold),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
