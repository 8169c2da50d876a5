/* test_workspace — the workspace on a real server: 100 simultaneous
 * overlapping booking requests, each on its own connection with the space
 * coordinator's bearer token, of which exactly one is made (201) and the
 * others answer 409 naming the slot taken; the public form with bad input
 * (field errors, nothing saved), its private status link (only a hash
 * kept) and its rate limit per address; a partner asks for a room and sees
 * its own requests only; the coordinator of another office, or an officer
 * of another office, finds nothing (404); approval and refusal reach the
 * requester's notifications.
 *
 * Pages are read in English; expected values come from the server's
 * database file (sqlite3). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

#define PARALLEL 100

static struct server *srv;

static char *make_token(const char *user)
{
	char out[512];
	const char *args[] = { "token", "create", "--user", user, "--label", "workspace test", "--db", srv->db, NULL };
	if (run_daam(out, sizeof out, args) != 0)
		fail_msg("daam token create --user %s failed", user);
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = 0;
	assert_int_equal(strlen(out), 43);
	return strdup(out);
}

/* the first active room of an office by code */
static long long room_of(const char *office)
{
	return sql_int("SELECT min(r.id) FROM rooms r JOIN offices f ON f.id = r.office_id WHERE f.code = ?1 AND r.active = 1",
		       "t", office);
}

struct shot {
	const char *token;
	long long room;
	int i;
	pthread_barrier_t *start;
	long status;
	char body[512];
};

static void *fire(void *arg)
{
	struct shot *s = arg;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	char auth[128], json[256];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", s->token);
	/* all contain 11:00–12:00, so every pair overlaps */
	snprintf(json, sizeof json, "{\"room\":%lld,\"start\":\"2027-03-10T10:%02d\",\"end\":\"2027-03-10T12:00\","
		 "\"purpose\":\"طلب متزامن %d\"}", s->room, s->i % 50, s->i);
	const char *hdrs[] = { auth, "Content-Type: application/json", NULL };
	pthread_barrier_wait(s->start);
	struct response *r = http_request(&b, "POST", "/api/v1/bookings", json, strlen(json), hdrs);
	s->status = r ? r->status : 0;
	if (r && r->body)
		snprintf(s->body, sizeof s->body, "%s", r->body);
	response_free(r);
	browser_free(&b);
	return NULL;
}

static void test_hundred_simultaneous_requests(void **state)
{
	(void)state;
	char *token = make_token("space");
	long long room = room_of("deir-ez-zor");
	assert_true(room > 0);
	static struct shot shots[PARALLEL];
	pthread_t th[PARALLEL];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, PARALLEL);
	for (int i = 0; i < PARALLEL; i++) {
		shots[i] = (struct shot){ .token = token, .room = room, .i = i, .start = &start };
		assert_int_equal(pthread_create(&th[i], NULL, fire, &shots[i]), 0);
	}
	int made = 0, taken = 0, winner = -1;
	for (int i = 0; i < PARALLEL; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < PARALLEL; i++) {
		if (shots[i].status == 201) {
			made++;
			winner = i;
		} else if (shots[i].status == 409)
			taken++;
		else
			print_message("request %d: status %ld %s\n", i, shots[i].status, shots[i].body);
	}
	assert_int_equal(made, 1);
	assert_int_equal(taken, PARALLEL - 1);
	/* each refusal names the slot the winner holds */
	char want[96];
	snprintf(want, sizeof want, "\"conflict\":{\"start\":\"2027-03-10T10:%02d\",\"end\":\"2027-03-10T12:00\"}", winner % 50);
	for (int i = 0; i < PARALLEL; i++)
		if (i != winner && !strstr(shots[i].body, want))
			fail_msg("request %d: %s does not name %s", i, shots[i].body, want);
	assert_int_equal(sql_int("SELECT count(*) FROM bookings WHERE room_id = ?1 AND start_at LIKE '2027-03-10%'", "i", room), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM bookings WHERE room_id = ?1 AND start_at LIKE '2027-03-10%'"
				 " AND status = 'approved'", "i", room), 1);
	/* the API lists it; touching the end is free */
	struct browser b;
	browser_init(&b, srv);
	char auth[128];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	const char *hdrs[] = { auth, "Content-Type: application/json", NULL };
	char path[96];
	snprintf(path, sizeof path, "/api/v1/rooms/%lld/bookings?from=2027-03-10&to=2027-03-10", room);
	struct response *r = http_request(&b, "GET", path, NULL, 0, hdrs);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "\"end\":\"2027-03-10T12:00\""));
	response_free(r);
	char json[200];
	snprintf(json, sizeof json, "{\"room\":%lld,\"start\":\"2027-03-10T12:00\",\"end\":\"2027-03-10T13:00\",\"purpose\":\"بعدها\"}",
		 room);
	r = http_request(&b, "POST", "/api/v1/bookings", json, strlen(json), hdrs);
	assert_int_equal(r->status, 201);
	response_free(r);
	/* a room of another office: not found */
	snprintf(json, sizeof json, "{\"room\":%lld,\"start\":\"2027-03-10T12:00\",\"end\":\"2027-03-10T13:00\",\"purpose\":\"غيرها\"}",
		 room_of("raqqa"));
	r = http_request(&b, "POST", "/api/v1/bookings", json, strlen(json), hdrs);
	assert_int_equal(r->status, 404);
	response_free(r);
	/* no token: 401; a session without CSRF cannot post JSON */
	const char *nohdr[] = { "Content-Type: application/json", NULL };
	r = http_request(&b, "POST", "/api/v1/bookings", json, strlen(json), nohdr);
	assert_int_equal(r->status, 401);
	response_free(r);
	browser_free(&b);
	free(token);
}

static long long public_count(void)
{
	return sql_int("SELECT count(*) FROM bookings WHERE public_name <> ''", NULL);
}

static void test_public_form(void **state)
{
	(void)state;
	struct browser v;
	browser_init(&v, srv);
	v.accept_language = "en";
	char *csrf = page_csrf(&v, "/space/request");
	assert_non_null(csrf);
	char room[24];
	snprintf(room, sizeof room, "%lld", room_of("tabqa"));
	long long before = public_count();
	const char *bad[] = { "name", "", "phone", "12ab", "kind", "initiative", "initiative", "", "purpose", "ورشة",
			      "attendees", "10", "room", room, "day", "2027-02-30", "start", "25:00", "end", "12:00", NULL };
	struct response *r = post_kv(&v, "/space/request", csrf, bad, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "id=\"e-name\""));
	assert_true(resp_contains(r, "id=\"e-phone\""));
	assert_true(resp_contains(r, "id=\"e-day\""));
	assert_true(resp_contains(r, "id=\"e-start\""));
	assert_true(resp_contains(r, "id=\"e-initiative\""));
	response_free(r);
	assert_int_equal(public_count(), before);
	/* a good one: a status page behind a private link */
	const char *good[] = { "name", "سلمى العبد الله", "phone", "0944 123 456", "kind", "initiative", "initiative",
			       "مبادرة أطفالنا أملنا", "purpose", "ورشة توعية", "attendees", "12", "room", room, "day",
			       "2027-04-05", "start", "10:00", "end", "12:00", NULL };
	r = post_kv(&v, "/space/request", csrf, good, NULL, NULL);
	assert_int_equal(r->status, 303);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/space/status/", 14), 0);
	char link[128];
	snprintf(link, sizeof link, "%s", loc);
	response_free(r);
	assert_int_equal(public_count(), before + 1);
	assert_int_equal(sql_int("SELECT count(*) FROM bookings WHERE public_phone = '+963944123456' AND status = 'requested'"
				 " AND length(public_token_hash) = 32", NULL), 1);
	/* the secret itself is stored nowhere */
	assert_int_equal(sql_int("SELECT count(*) FROM bookings WHERE CAST(public_token_hash AS TEXT) = ?1", "t", link + 14), 0);
	struct browser other;
	browser_init(&other, srv);
	other.accept_language = "en";
	r = http_get(&other, link);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "سلمى العبد الله"));
	assert_true(resp_contains(r, "Requested"));
	assert_false(resp_contains(r, "944"));   /* no phone on the page */
	response_free(r);
	link[strlen(link) - 1] = link[strlen(link) - 1] == 'A' ? 'B' : 'A';
	r = http_get(&other, link);
	assert_int_equal(r->status, 404);
	response_free(r);
	browser_free(&other);
	/* the rate limit: LIMIT_WS_PUBLIC_PER_ADDRESS (5) requests, then 429 and nothing saved */
	const char *days[] = { "2027-04-06", "2027-04-07", "2027-04-08", "2027-04-11", "2027-04-12" };
	int made = 1, refused = 0;
	for (int i = 0; i < 5; i++) {
		const char *kv[] = { "name", "محمد الحسن", "phone", "0933 222 111", "kind", "individual", "purpose", "تدريب",
				     "attendees", "5", "room", room, "day", days[i], "start", "10:00", "end", "11:00", NULL };
		r = post_kv(&v, "/space/request", csrf, kv, NULL, NULL);
		if (r->status == 303)
			made++;
		else if (r->status == 429)
			refused++;
		else
			fail_msg("public request %d: status %ld", i, r->status);
		response_free(r);
	}
	assert_int_equal(made, 5);
	assert_int_equal(refused, 1);
	assert_int_equal(public_count(), before + 5);
	free(csrf);
	browser_free(&v);
}

static char *post_303(struct browser *b, const char *csrf, const char *path, const char *const *kv)
{
	struct response *r = post_kv(b, path, csrf, kv, NULL, NULL);
	if (r->status != 303)
		print_message("POST %s: status %ld\n%.600s\n", path, r->status, r->body);
	assert_int_equal(r->status, 303);
	char *loc = strdup(resp_header(r, "Location"));
	response_free(r);
	return loc;
}

static long status_of(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	long st = r->status;
	response_free(r);
	return st;
}

static void test_partner_and_approval(void **state)
{
	(void)state;
	struct browser partner, space, officer;
	browser_init(&partner, srv);
	browser_init(&space, srv);
	browser_init(&officer, srv);
	partner.accept_language = space.accept_language = officer.accept_language = "en";
	sign_in(&partner, "partner");
	sign_in(&space, "space");
	sign_in(&officer, "officer");
	char *pcsrf = page_csrf(&partner, "/bookings/new");
	char room[24];
	long long deir = room_of("deir-ez-zor");
	snprintf(room, sizeof room, "%lld", deir);
	const char *kv[] = { "room", room, "day", "2027-05-03", "start", "09:00", "end", "11:00", "purpose",
			     "اجتماع مجلس إدارة الجمعية", "attendees", "9", NULL };
	char *loc = post_303(&partner, pcsrf, "/bookings", kv);
	long long id = 0;
	assert_int_equal(sscanf(loc, "/bookings/%lld", &id), 1);
	free(loc);
	long long org = sql_int("SELECT org_id FROM users WHERE name = 'partner'", NULL);
	assert_int_equal(sql_int("SELECT count(*) FROM bookings WHERE id = ?1 AND org_id = ?2 AND status = 'requested'"
				 " AND requester_kind = 'partner'", "ii", id, org), 1);
	/* the coordinator of the room's office was told */
	assert_int_equal(sql_int("SELECT count(*) FROM booking_notices n JOIN users u ON u.id = n.user_id"
				 " WHERE n.booking_id = ?1 AND u.name = 'space' AND n.kind = 'new'", "i", id), 1);
	/* another organization's request: the partner finds nothing */
	long long other_org = sql_int("SELECT min(id) FROM orgs WHERE id <> ?1", "i", org);
	long long other = sql_int("SELECT min(id) FROM bookings WHERE org_id IS NOT NULL AND org_id <> ?1", "i", org);
	assert_true(other_org > 0 && other > 0);
	char path[96];
	snprintf(path, sizeof path, "/bookings/%lld", other);
	assert_int_equal(status_of(&partner, path), 404);
	snprintf(path, sizeof path, "/bookings/%lld/cancel", other);
	struct response *r = post_kv(&partner, path, pcsrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = http_get(&partner, "/bookings");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "اجتماع مجلس إدارة الجمعية"));
	char *other_purpose = sql_text("SELECT purpose FROM bookings WHERE id = ?1", "i", other);
	long long same = sql_int("SELECT count(*) FROM bookings WHERE org_id = ?1 AND purpose = ?2", "it", org, other_purpose);
	if (!same)
		assert_false(resp_contains(r, other_purpose));
	free(other_purpose);
	response_free(r);
	/* the partner does not see the schedule or a room's page */
	assert_int_equal(status_of(&partner, "/schedule"), 403);
	/* an officer of another office: the booking and the room are not found */
	snprintf(path, sizeof path, "/bookings/%lld", id);
	assert_int_equal(status_of(&officer, path), 404);
	snprintf(path, sizeof path, "/rooms/%lld", deir);
	assert_int_equal(status_of(&officer, path), 404);
	/* the coordinator refuses with a reason, then the partner asks again and it is approved */
	char *scsrf = page_csrf(&space, "/bookings");
	snprintf(path, sizeof path, "/bookings/%lld/refuse", id);
	const char *noreason[] = { "reason", "", NULL };
	r = post_kv(&space, path, scsrf, noreason, NULL, NULL);
	assert_int_equal(r->status, 400);
	response_free(r);
	const char *reason[] = { "reason", "القاعة محجوزة لصيانة", NULL };
	free(post_303(&space, scsrf, path, reason));
	assert_int_equal(sql_int("SELECT count(*) FROM bookings WHERE id = ?1 AND status = 'refused'"
				 " AND refusal_reason = 'القاعة محجوزة لصيانة'", "i", id), 1);
	snprintf(path, sizeof path, "/bookings/%lld", id);
	r = http_get(&partner, path);
	assert_true(resp_contains(r, "Refused"));
	assert_true(resp_contains(r, "القاعة محجوزة لصيانة"));
	response_free(r);
	loc = post_303(&partner, pcsrf, "/bookings", kv);
	long long id2 = 0;
	assert_int_equal(sscanf(loc, "/bookings/%lld", &id2), 1);
	free(loc);
	snprintf(path, sizeof path, "/bookings/%lld/approve", id2);
	free(post_303(&space, scsrf, path, NULL));
	assert_int_equal(sql_int("SELECT count(*) FROM bookings WHERE id = ?1 AND status = 'approved'", "i", id2), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM booking_notices n JOIN users u ON u.id = n.user_id"
				 " WHERE n.booking_id = ?1 AND u.name = 'partner' AND n.kind = 'approved'", "i", id2), 1);
	r = http_get(&partner, "/notices");
	assert_true(resp_contains(r, "Your request was approved"));
	response_free(r);
	/* a second request of the same slot is refused at once, naming it */
	struct response *again = post_kv(&partner, "/bookings", pcsrf, kv, NULL, NULL);
	assert_int_equal(again->status, 409);
	assert_true(resp_contains(again, "already booked"));
	assert_true(resp_contains(again, "09:00"));
	assert_true(resp_contains(again, "11:00"));
	response_free(again);
	/* the week of the room shows it to the coordinator */
	snprintf(path, sizeof path, "/rooms/%lld?day=2027-05-03", deir);
	r = http_get(&space, path);
	assert_int_equal(r->status, 200);
	char href[64];
	snprintf(href, sizeof href, "/bookings/%lld\"", id2);
	assert_true(resp_contains(r, href));
	response_free(r);
	free(pcsrf);
	free(scsrf);
	browser_free(&partner);
	browser_free(&space);
	browser_free(&officer);
}

/* staff link an approved booking's requester to a person of their scope:
 * it then counts in reach_bookings; a person out of scope is refused */
static void test_person_link(void **state)
{
	(void)state;
	struct browser officer;
	browser_init(&officer, srv);
	officer.accept_language = "en";
	sign_in(&officer, "officer");
	long long office = sql_int("SELECT office_id FROM users WHERE name = 'officer'", NULL);
	long long id = sql_int("SELECT min(id) FROM bookings WHERE office_id = ?1 AND status = 'approved' AND person_id IS NULL",
			       "i", office);
	long long mine = sql_int("SELECT min(id) FROM people WHERE office_id = ?1 AND merged_into IS NULL", "i", office);
	long long other = sql_int("SELECT min(p.id) FROM people p WHERE p.office_id <> ?1 AND p.merged_into IS NULL"
				  " AND NOT EXISTS (SELECT 1 FROM memberships m JOIN orgs o ON o.id = m.org_id"
				  " WHERE m.person_id = p.id AND o.office_id = ?1)"
				  " AND NOT EXISTS (SELECT 1 FROM person_offices x WHERE x.person_id = p.id AND x.office_id = ?1)",
				  "i", office);
	assert_true(id > 0 && mine > 0 && other > 0);
	char path[96], sid[24];
	snprintf(path, sizeof path, "/bookings/%lld", id);
	char *csrf = page_csrf(&officer, path);
	snprintf(path, sizeof path, "/bookings/%lld/person", id);
	long long before = sql_int("SELECT count(*) FROM reach_bookings", NULL);
	snprintf(sid, sizeof sid, "%lld", other);
	const char *bad[] = { "person", sid, NULL };
	struct response *r = post_kv(&officer, path, csrf, bad, NULL, NULL);
	assert_int_equal(r->status, 400);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM reach_bookings", NULL), before);
	snprintf(sid, sizeof sid, "%lld", mine);
	const char *good[] = { "person", sid, NULL };
	free(post_303(&officer, csrf, path, good));
	assert_int_equal(sql_int("SELECT count(*) FROM reach_bookings WHERE person_id = ?1 AND office_id = ?2", "ii", mine,
				 office), 1);
	free(csrf);
	browser_free(&officer);
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
		cmocka_unit_test(test_hundred_simultaneous_requests),
		cmocka_unit_test(test_public_form),
		cmocka_unit_test(test_partner_and_approval),
		cmocka_unit_test(test_person_link),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
