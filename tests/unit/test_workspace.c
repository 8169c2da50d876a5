/* test_workspace — the workspace's rules (src/workspace/rules.c) and its
 * store (store.c) on a small database: touching bookings do not overlap;
 * weekdays and day arithmetic across months and leap years; opening hours
 * and closed days; the expansion of daily and weekly repetitions, bounded;
 * quotas; an approved booking takes the slot, requests may overlap each
 * other, approving one checks again; a series with taken dates is refused
 * whole unless the taken dates are skipped; a partner over its monthly
 * quota is refused with the hours used; cancelling a range of a series. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "workspace/rules.h"
#include "workspace/workspace.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static void test_overlap(void **state)
{
	(void)state;
	assert_true(ws_overlap("2026-12-10T10:00", "2026-12-10T12:00", "2026-12-10T11:00", "2026-12-10T13:00"));
	assert_true(ws_overlap("2026-12-10T10:00", "2026-12-10T12:00", "2026-12-10T10:30", "2026-12-10T11:00"));
	assert_true(ws_overlap("2026-12-10T10:30", "2026-12-10T11:00", "2026-12-10T10:00", "2026-12-10T12:00"));
	/* touching ends do not overlap, either way */
	assert_false(ws_overlap("2026-12-10T10:00", "2026-12-10T12:00", "2026-12-10T12:00", "2026-12-10T13:00"));
	assert_false(ws_overlap("2026-12-10T12:00", "2026-12-10T13:00", "2026-12-10T10:00", "2026-12-10T12:00"));
	assert_false(ws_overlap("2026-12-10T10:00", "2026-12-10T12:00", "2026-12-11T10:00", "2026-12-11T12:00"));
}

static void test_times_and_days(void **state)
{
	(void)state;
	int y, m, d, t;
	assert_int_equal(ws_time_parse("2026-12-10T10:05", &y, &m, &d, &t), 0);
	assert_int_equal(t, 605);
	assert_int_equal(ws_time_parse("2026-02-30T10:00", NULL, NULL, NULL, NULL), -1);
	assert_int_equal(ws_time_parse("2026-12-10 10:00", NULL, NULL, NULL, NULL), -1);
	assert_int_equal(ws_time_parse("2026-12-10T24:00", NULL, NULL, NULL, NULL), -1);
	assert_int_equal(ws_time_parse("2026-12-10T10:60", NULL, NULL, NULL, NULL), -1);
	assert_int_equal(ws_hm("24:00"), 1440);
	assert_int_equal(ws_hm("9:30"), -1);
	assert_int_equal(ws_weekday(2026, 12, 2), 3);    /* a Wednesday */
	assert_int_equal(ws_weekday(2024, 2, 29), 4);    /* a Thursday */
	assert_int_equal(ws_weekday(2000, 1, 1), 6);     /* a Saturday */
	char out[11];
	assert_int_equal(ws_day_add("2024-02-28", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(ws_day_add("2025-02-28", 1, out), 0);
	assert_string_equal(out, "2025-03-01");
	assert_int_equal(ws_day_add("2026-12-31", 1, out), 0);
	assert_string_equal(out, "2027-01-01");
	assert_int_equal(ws_day_add("2026-03-01", -1, out), 0);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(ws_minutes("2026-12-10T10:00", "2026-12-10T12:30"), 150);
}

static void test_opening_hours(void **state)
{
	(void)state;
	/* 2026-12-10 is a Thursday (4), 2026-12-11 a Friday (5) */
	assert_int_equal(ws_fit("2026-12-10T08:00", "2026-12-10T16:00", "08:00", "16:00", "5"), WS_FIT_OK);
	assert_int_equal(ws_fit("2026-12-10T07:59", "2026-12-10T09:00", "08:00", "16:00", "5"), WS_FIT_HOURS);
	assert_int_equal(ws_fit("2026-12-10T15:00", "2026-12-10T16:01", "08:00", "16:00", "5"), WS_FIT_HOURS);
	assert_int_equal(ws_fit("2026-12-11T10:00", "2026-12-11T12:00", "08:00", "16:00", "5"), WS_FIT_CLOSED_DAY);
	assert_int_equal(ws_fit("2026-12-11T10:00", "2026-12-11T12:00", "08:00", "16:00", "56"), WS_FIT_CLOSED_DAY);
	assert_int_equal(ws_fit("2026-12-11T10:00", "2026-12-11T12:00", "08:00", "16:00", ""), WS_FIT_OK);
	assert_int_equal(ws_fit("2026-12-10T12:00", "2026-12-10T12:00", "08:00", "16:00", ""), WS_FIT_ORDER);
	assert_int_equal(ws_fit("2026-12-10T12:00", "2026-12-10T11:00", "08:00", "16:00", ""), WS_FIT_ORDER);
	assert_int_equal(ws_fit("2026-12-10T12:00", "2026-12-11T11:00", "08:00", "16:00", ""), WS_FIT_SPAN);
	assert_int_equal(ws_fit("2026-12-10T12:00", "bad", "08:00", "16:00", ""), WS_FIT_BAD_TIME);
	/* equipment alone: no hours */
	assert_int_equal(ws_fit("2026-12-11T20:00", "2026-12-11T22:00", NULL, NULL, NULL), WS_FIT_OK);
}

static void test_recurrence(void **state)
{
	(void)state;
	struct ws_slot s[LIMIT_WS_OCCURRENCES];
	int n = ws_expand("2026-12-28T10:00", "2026-12-28T11:00", WS_DAILY, "2027-01-02", 0, s, LIMIT_WS_OCCURRENCES);
	assert_int_equal(n, 6);
	assert_string_equal(s[0].start, "2026-12-28T10:00");
	assert_string_equal(s[4].start, "2027-01-01T10:00");
	assert_string_equal(s[5].end, "2027-01-02T11:00");
	n = ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_WEEKLY, "", 3, s, LIMIT_WS_OCCURRENCES);
	assert_int_equal(n, 3);
	assert_string_equal(s[2].start, "2026-12-24T10:00");
	/* until and times: the first reached */
	n = ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_WEEKLY, "2026-12-17", 10, s, LIMIT_WS_OCCURRENCES);
	assert_int_equal(n, 2);
	n = ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_ONCE, "", 0, s, LIMIT_WS_OCCURRENCES);
	assert_int_equal(n, 1);
	/* bounded */
	assert_int_equal(ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_DAILY, "2030-01-01", 0, s,
				   LIMIT_WS_OCCURRENCES), -2);
	assert_int_equal(ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_WEEKLY, "", LIMIT_WS_OCCURRENCES, s,
				   LIMIT_WS_OCCURRENCES), LIMIT_WS_OCCURRENCES);
	assert_int_equal(ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_WEEKLY, "", LIMIT_WS_OCCURRENCES + 1, s,
				   LIMIT_WS_OCCURRENCES), -2);
	/* no end, an end before the start, bad times */
	assert_int_equal(ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_DAILY, "", 0, s, LIMIT_WS_OCCURRENCES), -1);
	assert_int_equal(ws_expand("2026-12-10T10:00", "2026-12-10T11:00", WS_DAILY, "2026-12-09", 0, s,
				   LIMIT_WS_OCCURRENCES), -1);
	assert_int_equal(ws_expand("2026-12-10T11:00", "2026-12-10T10:00", WS_DAILY, "", 2, s, LIMIT_WS_OCCURRENCES), -1);
}

static void test_quota_rule(void **state)
{
	(void)state;
	assert_true(ws_quota_ok(0, 120, 2));
	assert_false(ws_quota_ok(1, 120, 2));
	assert_true(ws_quota_ok(60, 60, 2));
	assert_false(ws_quota_ok(61, 60, 2));
	assert_true(ws_quota_ok(100000, 60, 0));   /* no quota */
}

/* ---- the store on a database ---- */

static char dir[64], dbpath[128];
static int64_t room, org;

static int fixtures_fn(struct db *w, void *arg)
{
	(void)arg;
	if (db_do(w, "INSERT INTO offices (code, name_ar, name_en, created_at) VALUES ('raqqa', 'مكتب الرقة', 'Raqqa', 0)", "") < 0
	    || db_do(w, "INSERT INTO orgs (name_ar, office_id, created_at) VALUES ('جمعية الأمل', 1, 0)", "") < 0)
		return -1;
	org = db_last_id(w);
	struct ws_room_in in = { 1, "القاعة الكبرى", "08:00", "16:00", "5", 30, 1 };
	room = ws_room_save(w, -1, 0, &in);
	return room > 0 ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/daam-test-ws-XXXXXX");
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

struct make {
	struct ws_booking_in in;
	struct ws_result res;
};

static int make_fn(struct db *w, void *arg)
{
	struct make *m = arg;
	if (ws_booking_make(w, &m->in, &m->res) < 0)
		return -1;
	return m->res.code == WS_OK ? 0 : 1;
}

static struct ws_result book(const char *start, const char *end, int approve, int64_t for_org)
{
	struct make m;
	memset(&m, 0, sizeof m);
	m.in.room_id = room;
	m.in.start = start;
	m.in.end = end;
	m.in.purpose = "اختبار";
	m.in.kind = for_org ? "partner" : "staff";
	m.in.org_id = for_org;
	m.in.approve = approve;
	int rc = db_write(make_fn, &m);
	assert_true(rc >= 0);
	return m.res;
}

static long long count(const char *sql)
{
	return db_int(db_read(), -1, sql, "");
}

struct decide {
	int64_t id;
	struct ws_result res;
};

static int approve_fn(struct db *w, void *arg)
{
	struct decide *a = arg;
	if (ws_booking_decide(w, 0, a->id, 1, "", &a->res) < 0)
		return -1;
	return a->res.code == WS_OK ? 0 : 1;
}

static void test_store_slots(void **state)
{
	(void)state;
	struct ws_result r = book("2026-12-10T10:00", "2026-12-10T12:00", 1, 0);
	assert_int_equal(r.code, WS_OK);
	/* an approved booking takes the slot */
	r = book("2026-12-10T11:00", "2026-12-10T13:00", 1, 0);
	assert_int_equal(r.code, WS_E_TAKEN);
	assert_string_equal(r.conflict.start, "2026-12-10T10:00");
	assert_string_equal(r.conflict.end, "2026-12-10T12:00");
	r = book("2026-12-10T09:00", "2026-12-10T10:30", 0, 0);
	assert_int_equal(r.code, WS_E_TAKEN);
	/* touching ends are free */
	r = book("2026-12-10T12:00", "2026-12-10T13:00", 1, 0);
	assert_int_equal(r.code, WS_OK);
	r = book("2026-12-10T08:00", "2026-12-10T10:00", 1, 0);
	assert_int_equal(r.code, WS_OK);
	/* two requests may overlap; approving the second after the first is refused */
	struct ws_result q1 = book("2026-12-14T10:00", "2026-12-14T12:00", 0, 0);
	struct ws_result q2 = book("2026-12-14T11:00", "2026-12-14T13:00", 0, 0);
	assert_int_equal(q1.code, WS_OK);
	assert_int_equal(q2.code, WS_OK);
	struct decide a = { q1.id, { 0 } };
	assert_int_equal(db_write(approve_fn, &a), 0);
	struct decide b = { q2.id, { 0 } };
	assert_int_equal(db_write(approve_fn, &b), 1);
	assert_int_equal(b.res.code, WS_E_TAKEN);
	assert_string_equal(b.res.conflict.start, "2026-12-14T10:00");
	/* opening hours and closed days */
	r = book("2026-12-11T10:00", "2026-12-11T11:00", 1, 0);
	assert_int_equal(r.code, WS_E_FIT);
	assert_int_equal(r.fit, WS_FIT_CLOSED_DAY);
	r = book("2026-12-13T15:00", "2026-12-13T17:00", 1, 0);
	assert_int_equal(r.code, WS_E_FIT);
	assert_int_equal(r.fit, WS_FIT_HOURS);
	assert_int_equal(count("SELECT count(*) FROM bookings WHERE status = 'approved'"), 4);
}

static void test_store_series(void **state)
{
	(void)state;
	/* a booking on 2026-12-22 (Tuesday) in the way of a daily series from the 20th */
	assert_int_equal(book("2026-12-22T09:00", "2026-12-22T11:00", 1, 0).code, WS_OK);
	long long before = count("SELECT count(*) FROM bookings");
	struct make m;
	memset(&m, 0, sizeof m);
	m.in.room_id = room;
	m.in.start = "2026-12-20T10:00";
	m.in.end = "2026-12-20T11:00";
	m.in.purpose = "سلسلة";
	m.in.kind = "staff";
	m.in.approve = 1;
	m.in.freq = WS_DAILY;
	m.in.times = 7;   /* 20–26: the 22nd taken, the 25th a Friday */
	assert_int_equal(db_write(make_fn, &m), 1);
	assert_int_equal(m.res.code, WS_E_SERIES);
	assert_int_equal(m.res.ntaken, 2);
	assert_string_equal(m.res.taken[0].start, "2026-12-22T10:00");
	assert_string_equal(m.res.taken[1].start, "2026-12-25T10:00");
	assert_int_equal(count("SELECT count(*) FROM bookings"), before);
	m.in.skip_taken = 1;
	assert_int_equal(db_write(make_fn, &m), 0);
	assert_int_equal(m.res.made, 5);
	assert_int_equal(count("SELECT count(*) FROM bookings WHERE series_id IS NOT NULL"), 5);
}

struct cancel {
	int64_t id;
	struct ws_result res;
};

static int cancel_fn(struct db *w, void *arg)
{
	struct cancel *c = arg;
	return ws_booking_cancel(w, 0, c->id, 1, "2026-12-23", "2026-12-24", &c->res) < 0 ? -1 : 0;
}

static void test_store_cancel_range(void **state)
{
	(void)state;
	struct cancel c = { db_int(db_read(), 0, "SELECT min(id) FROM bookings WHERE series_id IS NOT NULL", ""), { 0 } };
	assert_int_equal(db_write(cancel_fn, &c), 0);
	assert_int_equal(c.res.made, 2);
	assert_int_equal(count("SELECT count(*) FROM bookings WHERE series_id IS NOT NULL AND status = 'cancelled'"
			       " AND start_at >= '2026-12-23' AND start_at < '2026-12-25'"), 2);
	assert_int_equal(count("SELECT count(*) FROM bookings WHERE series_id IS NOT NULL AND status = 'approved'"), 3);
}

static int quota_fn(struct db *w, void *arg)
{
	(void)arg;
	return db_do(w, "INSERT INTO booking_quotas (org_id, hours, updated_at) VALUES (?1, 3, 0)", "I", (long long)org);
}

static void test_store_quota(void **state)
{
	(void)state;
	assert_int_equal(db_write(quota_fn, NULL), 0);
	assert_int_equal(book("2027-01-04T09:00", "2027-01-04T11:00", 0, org).code, WS_OK);
	struct ws_result r = book("2027-01-05T09:00", "2027-01-05T11:00", 0, org);
	assert_int_equal(r.code, WS_E_QUOTA);
	assert_int_equal(r.used_minutes, 120);
	assert_int_equal(r.quota_hours, 3);
	/* another month is counted apart; the hour left fits */
	assert_int_equal(book("2027-02-01T09:00", "2027-02-01T11:00", 0, org).code, WS_OK);
	assert_int_equal(book("2027-01-05T09:00", "2027-01-05T10:00", 0, org).code, WS_OK);
	assert_int_equal(ws_org_month_minutes(db_read(), org, "2027-01-20"), 180);
	/* staff of the center have no quota */
	assert_int_equal(book("2027-01-06T09:00", "2027-01-06T15:00", 0, 0).code, WS_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_times_and_days),
		cmocka_unit_test(test_opening_hours),
		cmocka_unit_test(test_recurrence),
		cmocka_unit_test(test_quota_rule),
		cmocka_unit_test(test_store_slots),
		cmocka_unit_test(test_store_series),
		cmocka_unit_test(test_store_cancel_range),
		cmocka_unit_test(test_store_quota),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
