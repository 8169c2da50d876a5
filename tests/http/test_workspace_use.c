/* test_workspace_use — what the rooms show beyond their staff: the use of
 * the rooms (hours of approved bookings by who booked, month and room)
 * agrees with the database, an officer reports on their office only, a
 * donor reads figures and no requester; the public free/busy week and a
 * room's calendar list the approved bookings' times and nothing of who
 * booked or why, a deactivated room has no calendar; an approved booking
 * linked to a registry person counts in the people reached at once (the
 * start page's kept figure too), and a refused one does not.
 *
 * Pages are read in English; expected values come from the server's
 * database file (sqlite3), never from the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

static struct server *srv;

static struct response *get_as(const char *user, const char *path)
{
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	if (user)
		sign_in(&b, user);
	struct response *r = http_get(&b, path);
	assert_non_null(r);
	browser_free(&b);
	return r;
}

static int count_of(const char *body, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(body, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The tile of the hours booked: "<b><bdi dir="ltr">H.D</bdi></b><span>Hours booked" */
static void test_use_matches_the_database(void **state)
{
	(void)state;
	long long minutes = sql_int("SELECT coalesce(sum(CAST(round((julianday(end_at) - julianday(start_at)) * 1440)"
				    " AS INTEGER)), 0) FROM bookings WHERE status = 'approved'"
				    " AND start_at >= '2000-01-01' AND start_at < '2100-01-01T24'", NULL);
	long long n = sql_int("SELECT count(*) FROM bookings WHERE status = 'approved'", NULL);
	assert_true(n > 0);
	struct response *r = get_as("director", "/rooms/use?from=2000-01&to=2100-01");
	assert_int_equal(r->status, 200);
	char tile[96];
	snprintf(tile, sizeof tile, "<b><bdi dir=\"ltr\">%lld.%lld</bdi></b><span>Hours booked", minutes / 60,
		 (minutes % 60) * 10 / 60);
	if (!resp_contains(r, tile))
		print_message("no %s\n", tile);
	assert_true(resp_contains(r, tile));
	snprintf(tile, sizeof tile, "<b>%lld</b><span>Bookings", n);
	assert_true(resp_contains(r, tile));
	assert_int_equal(count_of(r->body, "<svg class=\"chart\""), 3);
	response_free(r);

	/* the workbook */
	r = get_as("director", "/rooms/use.xlsx?from=2000-01&to=2100-01");
	assert_int_equal(r->status, 200);
	assert_true(r->body_len > 1000 && memcmp(r->body, "PK", 2) == 0);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "spreadsheetml"));
	response_free(r);

	/* a month written otherwise is a field error, not a guess */
	r = get_as("director", "/rooms/use?from=2026-13");
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Write a month as 2026-03"));
	response_free(r);
	r = get_as("director", "/rooms/use.xlsx?to=12-2026");
	assert_int_equal(r->status, 400);
	response_free(r);

	/* an empty period says so */
	r = get_as("director", "/rooms/use?from=1990-01&to=1990-12");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "No approved booking in this period."));
	response_free(r);
}

/* The kept monthly use (room_use_months, kept by triggers) follows every
 * write of a booking: approved, cancelled, moved, deleted. */
static void test_use_follows_writes(void **state)
{
	(void)state;
	static const char *const diff =
		"SELECT count(*) FROM (SELECT substr(start_at, 1, 7) m, office_id o, coalesce(room_id, 0) r, requester_kind k,"
		" sum(CAST(round((julianday(end_at) - julianday(start_at)) * 1440) AS INTEGER)) mi, count(*) n FROM bookings"
		" WHERE status = 'approved' GROUP BY 1, 2, 3, 4 EXCEPT SELECT month, office_id, room_id, kind, minutes, bookings"
		" FROM room_use_months WHERE bookings > 0)";
	assert_int_equal(sql_int(diff, NULL), 0);
	long long a = sql_int("SELECT id FROM bookings WHERE status = 'approved' ORDER BY id LIMIT 1", NULL);
	long long q = sql_int("SELECT id FROM bookings WHERE status = 'requested' ORDER BY id LIMIT 1", NULL);
	assert_true(a > 0 && q > 0);
	sql_int("UPDATE bookings SET status = 'cancelled' WHERE id = ?1 RETURNING id", "i", a);
	sql_int("UPDATE bookings SET status = 'approved' WHERE id = ?1 RETURNING id", "i", q);
	sql_int("UPDATE bookings SET end_at = substr(start_at, 1, 11) || '23:30' WHERE id = ?1 RETURNING id", "i", q);
	assert_int_equal(sql_int(diff, NULL), 0);
	sql_int("UPDATE bookings SET status = 'approved' WHERE id = ?1 RETURNING id", "i", a);
	sql_int("UPDATE bookings SET status = 'requested' WHERE id = ?1 RETURNING id", "i", q);
	assert_int_equal(sql_int(diff, NULL), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM room_use_months WHERE bookings < 0 OR minutes < 0", NULL), 0);
}

static void test_use_scope(void **state)
{
	(void)state;
	long long raqqa = sql_int("SELECT id FROM offices WHERE code = 'raqqa'", NULL);
	long long tabqa = sql_int("SELECT id FROM offices WHERE code = 'tabqa'", NULL);
	char path[128];
	/* the Raqqa officer: their office, never another */
	snprintf(path, sizeof path, "/rooms/use?office=%lld", tabqa);
	struct response *r = get_as("officer", path);
	assert_int_equal(r->status, 404);
	response_free(r);
	snprintf(path, sizeof path, "/rooms/use.xlsx?office=%lld", tabqa);
	r = get_as("officer", path);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = get_as("officer", "/rooms/use?from=2000-01&to=2100-01");
	assert_int_equal(r->status, 200);
	long long mine = sql_int("SELECT count(*) FROM bookings WHERE status = 'approved' AND office_id = ?1", "i", raqqa);
	snprintf(path, sizeof path, "<b>%lld</b><span>Bookings", mine);
	assert_true(resp_contains(r, path));
	response_free(r);
	/* a donor: the figures, no requester, no link to a room's page */
	r = get_as("donor", "/rooms/use?from=2000-01&to=2100-01");
	assert_int_equal(r->status, 200);
	sqlite3_stmt *st = sql_vprep("SELECT DISTINCT public_name FROM bookings WHERE public_name <> ''", NULL, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		assert_false(resp_contains(r, (const char *)sqlite3_column_text(st, 0)));
	sqlite3_finalize(st);
	for (const char *h = strstr(r->body, "href=\"/rooms/"); h; h = strstr(h + 1, "href=\"/rooms/"))
		assert_false(h[14] >= '0' && h[14] <= '9');   /* the workbook's link, never a room's page */
	response_free(r);
	/* a partner: not theirs to see */
	r = get_as("partner", "/rooms/use");
	assert_int_equal(r->status, 403);
	response_free(r);
}

/* The week of today, Sunday first, as [first, after) days. */
static void this_week(char first[11], char after[11])
{
	time_t now = time(NULL) + 3 * 3600;
	struct tm tm;
	gmtime_r(&now, &tm);
	time_t sunday = now - (time_t)tm.tm_wday * 86400;
	gmtime_r(&sunday, &tm);
	strftime(first, 11, "%Y-%m-%d", &tm);
	time_t next = sunday + 7 * 86400;
	gmtime_r(&next, &tm);
	strftime(after, 11, "%Y-%m-%d", &tm);
}

static void test_free_busy_shows_times_only(void **state)
{
	(void)state;
	long long office = sql_int("SELECT office_id FROM bookings WHERE status = 'approved' GROUP BY office_id"
				   " ORDER BY count(*) DESC LIMIT 1", NULL);
	char first[11], after[11], path[128];
	this_week(first, after);
	long long busy = sql_int("SELECT count(*) FROM bookings b JOIN rooms r ON r.id = b.room_id WHERE b.office_id = ?1"
				 " AND r.active = 1 AND b.status = 'approved' AND b.start_at >= ?2 AND b.start_at < ?3",
				 "itt", office, first, after);
	snprintf(path, sizeof path, "/space/free?office=%lld&day=%s", office, first);
	struct response *r = get_as(NULL, path);   /* nobody signed in */
	assert_int_equal(r->status, 200);
	assert_int_equal(count_of(r->body, "class=\"ws-item ws-approved\""), busy);
	sqlite3_stmt *st = sql_vprep("SELECT purpose, public_name, public_phone FROM bookings WHERE office_id = ?1", NULL, NULL);
	sqlite3_bind_int64(st, 1, office);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < 3; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			if (v && strlen(v) > 3 && resp_contains(r, v))
				fail_msg("the free/busy page shows \"%s\"", v);
		}
	sqlite3_finalize(st);
	response_free(r);
	r = get_as(NULL, "/space/free?office=999999");
	assert_int_equal(r->status, 404);
	response_free(r);
}

static void test_room_calendar(void **state)
{
	(void)state;
	long long room = sql_int("SELECT room_id FROM bookings WHERE status = 'approved' AND room_id IS NOT NULL"
				 " GROUP BY room_id ORDER BY count(*) DESC LIMIT 1", NULL);
	long long approved = sql_int("SELECT count(*) FROM bookings WHERE room_id = ?1 AND status = 'approved'"
				     " AND start_at >= date('now', '+3 hours', '-31 days')"
				     " AND start_at < date('now', '+3 hours', '+366 days')", "i", room);
	char path[96];
	snprintf(path, sizeof path, "/space/rooms/%lld/calendar.ics", room);
	struct response *r = get_as(NULL, path);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/calendar"));
	assert_int_equal(count_of(r->body, "BEGIN:VEVENT"), approved);
	assert_null(strstr(r->body, "DESCRIPTION"));
	response_free(r);
	/* a deactivated room has none */
	long long old = sql_int("SELECT id FROM rooms ORDER BY id DESC LIMIT 1", NULL);
	sql_int("UPDATE rooms SET active = 0 WHERE id = ?1 RETURNING id", "i", old);
	snprintf(path, sizeof path, "/space/rooms/%lld/calendar.ics", old);
	r = get_as(NULL, path);
	assert_int_equal(r->status, 404);
	response_free(r);
	sql_int("UPDATE rooms SET active = 1 WHERE id = ?1 RETURNING id", "i", old);
}

/* The people reached this year on the director's start page. */
static long long home_reach(void)
{
	struct response *r = get_as("director", "/");
	const char *at = strstr(r->body, "id=\"reach\"");
	assert_non_null(at);
	at = strstr(at, "<b>");
	assert_non_null(at);
	long long n = 0;
	for (at += 3; *at && *at != '<'; at++)
		if (*at >= '0' && *at <= '9')
			n = n * 10 + (*at - '0');
	response_free(r);
	return n;
}

static void test_bookings_count_in_the_people_reached(void **state)
{
	(void)state;
	/* a person nobody reached, and a booking today approved for them */
	long long person = sql_int("SELECT id FROM people WHERE merged_into IS NULL AND id NOT IN"
				   " (SELECT person_id FROM activity_people) AND id NOT IN"
				   " (SELECT person_id FROM bookings WHERE person_id IS NOT NULL) ORDER BY id LIMIT 1", NULL);
	long long booking = sql_int("SELECT id FROM bookings WHERE status = 'approved' AND person_id IS NULL"
				    " AND substr(start_at, 1, 4) = strftime('%Y', 'now', '+3 hours') ORDER BY id LIMIT 1", NULL);
	long long refused = sql_int("SELECT id FROM bookings WHERE status <> 'approved' AND person_id IS NULL"
				    " ORDER BY id LIMIT 1", NULL);
	assert_true(person > 0 && booking > 0 && refused > 0);
	long long before = home_reach();
	/* a booking not approved changes nothing */
	sql_int("UPDATE bookings SET person_id = ?1 WHERE id = ?2 RETURNING id", "ii", person, refused);
	assert_int_equal(home_reach(), before);
	sql_int("UPDATE bookings SET person_id = ?1 WHERE id = ?2 RETURNING id", "ii", person, booking);
	assert_int_equal(home_reach(), before + 1);
	sql_int("UPDATE bookings SET person_id = NULL WHERE id IN (?1, ?2) RETURNING id", "ii", booking, refused);
	assert_int_equal(home_reach(), before);
}

/* The unread notifications show beside "Room bookings" in the navigation
 * (a module's nav badge), on every page, and go once read. */
static void test_unread_in_the_navigation(void **state)
{
	(void)state;
	long long user = sql_int("SELECT id FROM users WHERE name = 'space'", NULL);
	long long booking = sql_int("SELECT min(id) FROM bookings", NULL);
	sql_int("UPDATE booking_notices SET read_at = 1 WHERE user_id = ?1 RETURNING id", "i", user);
	struct response *r = get_as("space", "/rooms");
	assert_int_equal(r->status, 200);
	assert_false(resp_contains(r, "nav-count"));
	response_free(r);
	for (int i = 0; i < 3; i++)
		sql_int("INSERT INTO booking_notices (user_id, booking_id, kind, created_at) VALUES (?1, ?2, 'new', 1)"
			" RETURNING id", "ii", user, booking);
	r = get_as("space", "/rooms");
	assert_true(resp_contains(r, "href=\"/bookings\">Room bookings <span class=\"badge nav-count\">3</span>"));
	response_free(r);
	/* another user's count is theirs */
	r = get_as("officer", "/rooms");
	assert_false(resp_contains(r, "nav-count\">3<"));
	response_free(r);
	sql_int("UPDATE booking_notices SET read_at = 2 WHERE user_id = ?1 RETURNING id", "i", user);
	r = get_as("space", "/rooms");
	assert_false(resp_contains(r, "nav-count"));
	response_free(r);
}

/* Equipment is asked for by the number of each item: eight of the office's
 * ten laptops in one room leave two for the same hours in another; a third
 * is refused naming the slot, and nothing is saved from it. */
static void test_equipment_by_number(void **state)
{
	(void)state;
	long long office = sql_int("SELECT office_id FROM users WHERE name = 'space'", NULL);
	long long laptops = sql_int("SELECT id FROM equipment WHERE office_id = ?1 AND count = 10 ORDER BY id LIMIT 1", "i", office);
	long long room_a = sql_int("SELECT min(id) FROM rooms WHERE office_id = ?1 AND active = 1", "i", office);
	long long room_b = sql_int("SELECT max(id) FROM rooms WHERE office_id = ?1 AND active = 1", "i", office);
	assert_true(laptops > 0 && room_a > 0 && room_b != room_a);
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "space");   /* the coordinator's own bookings are approved at once */
	char *csrf = page_csrf(&b, "/bookings/new");
	assert_non_null(csrf);
	struct response *r = http_get(&b, "/bookings/new");
	char option[64];
	snprintf(option, sizeof option, "<option value=\"%lld:10\">", laptops);
	assert_true(resp_contains(r, option));   /* as many as the office has */
	response_free(r);
	char ra[24], rb[24], eight[32], three[32], two[32];
	snprintf(ra, sizeof ra, "%lld", room_a);
	snprintf(rb, sizeof rb, "%lld", room_b);
	snprintf(eight, sizeof eight, "%lld:8", laptops);
	snprintf(three, sizeof three, "%lld:3", laptops);
	snprintf(two, sizeof two, "%lld:2", laptops);
	const char *first[] = { "room", ra, "day", "2030-01-08", "start", "10:00", "end", "12:00", "purpose", "تدريب على الحاسوب",
				"attendees", "8", "equip", "", "equip", eight, NULL };
	r = post_kv(&b, "/bookings", csrf, first, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(sql_int("SELECT be.count FROM booking_equipment be JOIN bookings k ON k.id = be.booking_id"
				 " WHERE be.equipment_id = ?1 AND k.start_at = '2030-01-08T10:00' AND k.status = 'approved'",
				 "i", laptops), 8);
	long long before = sql_int("SELECT count(*) FROM bookings", NULL);
	const char *more[] = { "room", rb, "day", "2030-01-08", "start", "11:00", "end", "13:00", "purpose", "ورشة ثانية",
			       "attendees", "3", "equip", three, NULL };
	r = post_kv(&b, "/bookings", csrf, more, NULL, NULL);
	assert_int_equal(r->status, 409);
	assert_true(resp_contains(r, "10:00"));   /* the slot that holds them */
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM bookings", NULL), before);
	more[13] = two;
	r = post_kv(&b, "/bookings", csrf, more, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(sql_int("SELECT sum(be.count) FROM booking_equipment be JOIN bookings k ON k.id = be.booking_id"
				 " WHERE be.equipment_id = ?1 AND substr(k.start_at, 1, 10) = '2030-01-08' AND k.status = 'approved'",
				 "i", laptops), 10);
	/* a number the chooser does not offer */
	const char *bad[] = { "room", rb, "day", "2030-01-09", "start", "11:00", "end", "13:00", "purpose", "ورشة",
			      "attendees", "3", "equip", "x:2", NULL };
	r = post_kv(&b, "/bookings", csrf, bad, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "Choose among the equipment listed."));
	response_free(r);
	free(csrf);
	browser_free(&b);
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
		cmocka_unit_test(test_use_matches_the_database),
		cmocka_unit_test(test_use_follows_writes),
		cmocka_unit_test(test_use_scope),
		cmocka_unit_test(test_free_busy_shows_times_only),
		cmocka_unit_test(test_room_calendar),
		cmocka_unit_test(test_bookings_count_in_the_people_reached),
		cmocka_unit_test(test_unread_in_the_navigation),
		cmocka_unit_test(test_equipment_by_number),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
