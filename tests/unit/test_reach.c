/* test_reach — the counting rules of the people reached
 * (src/activities/reach.c) on a small database written through the
 * activities' store: a person present at one session is reached, one only
 * registered is not; two records of one person merged count once; a
 * period counts the days present in it (also for a participation whose
 * first and last days lie outside it); an office counts its own; a mark
 * sent twice is one mark, a mark taken back takes the person out; the
 * whole history (read from reach_all) agrees with the same count by days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "activities/activities.h"
#include "activities/reach.h"
#include "registry/registry.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static char dir[64];
static char dbpath[128];
static int64_t A, B, C, D, E;            /* people: B is A registered again; C only registers */
static int64_t s1, s2, s3, s4, s5;       /* sessions */
static int64_t act1, act2, act3;

static int64_t person(struct db *w, const char *name, const char *gender, int64_t office)
{
	struct person_in p = { 0 };
	p.name_ar = name;
	p.name_latin = p.displacement = p.education = p.consent_date = p.consent_purpose = "";
	p.gender = gender;
	p.birth_year = 1990;
	p.disability = DISABILITY_UNSET;
	p.office_id = office;
	return person_save(w, -1, 0, &p);
}

static int64_t activity(struct db *w, const char *title, int64_t office)
{
	struct activity_in a = { 0 };
	a.kind = "training";
	a.title = title;
	a.office_id = office;
	a.threshold = 75;
	return activity_save(w, -1, 0, &a);
}

static int fixtures_fn(struct db *w, void *arg)
{
	(void)arg;
	if (db_do(w, "INSERT INTO offices (code, name_ar, name_en, created_at) VALUES ('raqqa', 'مكتب الرقة', 'Raqqa', 0),"
		     " ('tabqa', 'فرع الطبقة', 'Tabqa', 0)", "") < 0)
		return -1;
	A = person(w, "محمد أحمد العلي", "m", 1);
	B = person(w, "محمد احمد العلى", "m", 1);
	C = person(w, "سارة خالد الحسن", "f", 1);
	D = person(w, "ريم عمر الجاسم", "f", 2);
	E = person(w, "خالد يوسف الأحمد", "m", 1);
	act1 = activity(w, "دورة إدارة المشاريع", 1);
	act2 = activity(w, "ورشة المناصرة", 2);
	act3 = activity(w, "لقاء طويل", 1);
	s1 = session_add(w, act1, "2026-03-01", "10:00", "12:00");
	s2 = session_add(w, act1, "2026-03-02", "10:00", "12:00");
	s3 = session_add(w, act2, "2026-05-10", "", "");
	s4 = session_add(w, act3, "2026-01-01", "", "");
	s5 = session_add(w, act3, "2026-12-31", "", "");
	if (A <= 0 || B <= 0 || C <= 0 || D <= 0 || E <= 0 || s5 <= 0)
		return -1;
	if (participant_add(w, act1, C, 0) != 1)
		return -1;
	int ok = attendance_set(w, s1, A, 1, "m-1", 0) == 1 && attendance_set(w, s1, B, 1, "m-2", 0) == 1
		 && attendance_set(w, s2, B, 1, "m-3", 0) == 1 && attendance_set(w, s3, D, 1, "m-4", 0) == 1
		 && attendance_set(w, s4, E, 1, "", 0) == 1 && attendance_set(w, s5, E, 1, "", 0) == 1;
	return ok ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/daam-test-reach-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	if (i18n_init() < 0 || db_open(dbpath) < 0)
		return -1;
	i18n_set_lang(LANG_EN);
	return db_write(fixtures_fn, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close();
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static long long people(const char *from, const char *to, int64_t office)
{
	long long n = -1;
	assert_int_equal(reach_people(db_read(), from, to, office, &n), 0);
	return n;
}

static int merge_fn(struct db *w, void *arg)
{
	(void)arg;
	/* as the registry's merge marks the record merged away */
	return db_do(w, "UPDATE people SET merged_into = ?1 WHERE id = ?2", "II", (long long)A, (long long)B);
}

/* A, B, D, E present (C only registered): four, then three once B is A's */
static void test_merged_pair_counts_once(void **state)
{
	(void)state;
	assert_int_equal(people("", "", 0), 4);
	assert_int_equal(db_write(merge_fn, NULL), 0);
	assert_int_equal(people("", "", 0), 3);
	struct reach x;
	assert_int_equal(reach_count(db_read(), "", "", 0, &x), 0);
	assert_int_equal(x.people, 3);
	assert_int_equal(x.gender[0], 1);   /* D */
	assert_int_equal(x.gender[1], 2);   /* A (with B), E */
	long long sum = 0;
	for (int i = 0; i <= x.nages; i++)
		sum += x.age[i];
	assert_int_equal(sum, 3);
	/* both of the kept person's offices once each: Raqqa (A, E), Tabqa (D) */
	assert_int_equal(x.noffices, 2);
	for (int i = 0; i < x.noffices; i++)
		assert_int_equal(x.office[i].n, x.office[i].id == 1 ? 2 : 1);
}

static void test_only_registered_is_not_reached(void **state)
{
	(void)state;
	/* C is registered for act1 and nothing else: only A/B there */
	assert_int_equal(people("2026-03-01", "2026-03-02", 1), 1);
	struct reach x;
	assert_int_equal(reach_count(db_read(), "2026-03-01", "2026-03-02", 0, &x), 0);
	assert_int_equal(x.gender[0], 0);   /* C, a woman, is not counted */
}

static void test_periods(void **state)
{
	(void)state;
	assert_int_equal(people("2026-03-02", "2026-03-02", 0), 1);   /* B's second day, counted as A */
	assert_int_equal(people("2026-05-10", "2026-05-10", 0), 1);   /* D */
	assert_int_equal(people("2026-05-10", "", 2), 1);
	assert_int_equal(people("2026-05-10", "", 1), 1);             /* E on the last day of the year */
	/* E present on 1 January and 31 December only: not in June */
	assert_int_equal(people("2026-06-01", "2026-06-30", 0), 0);
	assert_int_equal(people("2027-01-01", "", 0), 0);
	/* counted by days (not the whole history) the same as from reach_all */
	assert_int_equal(people("2026-01-02", "", 0), people("", "", 0) - 0);
	assert_int_equal(people("2026-01-02", "", 0), 3);
}

static int again_fn(struct db *w, void *arg)
{
	int *rc = arg;
	rc[0] = attendance_set(w, s3, D, 1, "m-4", 0);      /* the same mark sent again */
	rc[1] = attendance_set(w, s3, D, 0, "", 0);         /* then taken back */
	rc[2] = attendance_set(w, s3, D, 0, "", 0);
	return 0;
}

static void test_marks_idempotent_and_taken_back(void **state)
{
	(void)state;
	assert_int_equal(people("", "", 2), 1);
	int rc[3];
	assert_int_equal(db_write(again_fn, rc), 0);
	assert_int_equal(rc[0], 0);
	assert_int_equal(rc[1], 1);
	assert_int_equal(rc[2], 0);
	assert_int_equal(people("", "", 2), 0);
	assert_int_equal(people("2026-05-01", "2026-05-31", 0), 0);
	assert_int_equal(db_int(db_read(), -1, "SELECT count(*) FROM reach_all WHERE person_id = ?1", "I", (long long)D), 0);
	assert_int_equal(db_int(db_read(), -1, "SELECT count(*) FROM attendance WHERE session_id = ?1", "I", (long long)s1), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merged_pair_counts_once),
		cmocka_unit_test(test_only_registered_is_not_reached),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_marks_idempotent_and_taken_back),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
