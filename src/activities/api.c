/* api — the activities' JSON reads (docs/api.md), with bearer tokens as the
 * registry's: activities of a period, one activity with its sessions and
 * attendance counts, and the people reached (aggregates only). */
#include <stdio.h>
#include <jansson.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/reach.h"
#include "registry/age_bands.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

#define RESULTS 100

static const char SQL_LIST[] =
	"SELECT a.id, a.kind, a.title, a.office_id, a.first_day, a.last_day,"
	" (SELECT count(*) FROM activity_people p WHERE p.activity_id = a.id AND p.status <> 'waiting'),"
	" (SELECT count(*) FROM activity_sessions s WHERE s.activity_id = a.id)"
	" FROM activities a WHERE (?1 = 0 OR a.office_id = ?1) AND (?2 = '' OR a.last_day >= ?2)"
	" AND (?3 = '' OR a.first_day <= ?3) ORDER BY a.first_day, a.id LIMIT ?4 OFFSET ?5";
static const char SQL_COUNT[] =
	"SELECT count(*) FROM activities a WHERE (?1 = 0 OR a.office_id = ?1) AND (?2 = '' OR a.last_day >= ?2)"
	" AND (?3 = '' OR a.first_day <= ?3)";

void api_activities_list(struct req *r)
{
	struct db *d = db_read();
	long long limit = req_has(r, "limit") ? req_int(r, "limit") : RESULTS;
	const char *from = req_str(r, "from"), *to = req_str(r, "to");
	json_t *items = json_array();
	sqlite3_stmt *st = db_q(d, SQL_LIST, "IttII", (long long)act_office(r), from, to, limit, req_int(r, "offset"));
	while (db_row(st) == 1)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:I,s:I}", "id",
			(json_int_t)sqlite3_column_int64(st, 0), "kind", db_text(st, 1), "title", db_text(st, 2),
			"office", (json_int_t)sqlite3_column_int64(st, 3), "first_day", db_text(st, 4), "last_day",
			db_text(st, 5), "participants", (json_int_t)sqlite3_column_int64(st, 6), "sessions",
			(json_int_t)sqlite3_column_int64(st, 7)));
	long long total = db_int(d, 0, SQL_COUNT, "Itt", (long long)act_office(r), from, to);
	req_json_value(r, json_pack("{s:I,s:o}", "total", (json_int_t)total, "items", items));
}

static const char SQL_ONE[] =
	"SELECT kind, title, office_id, room, target_group, capacity, threshold, first_day, last_day FROM activities"
	" WHERE id = ?1";
static const char SQL_SESSIONS[] =
	"SELECT s.id, s.day, s.start_time, s.end_time, (SELECT count(*) FROM attendance a WHERE a.session_id = s.id)"
	" FROM activity_sessions s WHERE s.activity_id = ?1 ORDER BY s.day, s.start_time, s.id";
static const char SQL_DIMS[] = "SELECT dimension FROM activity_dimensions WHERE activity_id = ?1 ORDER BY 1";
static const char SQL_PEOPLE[] =
	"SELECT sum(status = 'registered'), sum(status = 'waiting'), sum(status = 'walk_in'), sum(attended > 0)"
	" FROM activity_people WHERE activity_id = ?1";

void api_activity_get(struct req *r)
{
	long long id = req_int(r, "id");
	if (!act_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_ONE, "I", id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	json_t *j = json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:i,s:i,s:s,s:s}", "id", (json_int_t)id, "kind", db_text(st, 0),
			      "title", db_text(st, 1), "office", (json_int_t)sqlite3_column_int64(st, 2), "room",
			      db_text(st, 3), "target_group", db_text(st, 4), "capacity", sqlite3_column_int(st, 5),
			      "threshold", sqlite3_column_int(st, 6), "first_day", db_text(st, 7), "last_day",
			      db_text(st, 8));
	sqlite3_reset(st);
	json_t *dims = json_array();
	st = db_q(d, SQL_DIMS, "I", id);
	while (db_row(st) == 1)
		json_array_append_new(dims, json_string(db_text(st, 0)));
	json_object_set_new(j, "dimensions", dims);
	json_t *sessions = json_array();
	st = db_q(d, SQL_SESSIONS, "I", id);
	while (db_row(st) == 1)
		json_array_append_new(sessions, json_pack("{s:I,s:s,s:s,s:s,s:I}", "id",
			(json_int_t)sqlite3_column_int64(st, 0), "day", db_text(st, 1), "start", db_text(st, 2), "end",
			db_text(st, 3), "present", (json_int_t)sqlite3_column_int64(st, 4)));
	json_object_set_new(j, "sessions", sessions);
	st = db_q(d, SQL_PEOPLE, "I", id);
	if (db_row(st) == 1) {
		json_object_set_new(j, "participants", json_pack("{s:I,s:I,s:I,s:I}", "registered",
			(json_int_t)sqlite3_column_int64(st, 0), "waiting", (json_int_t)sqlite3_column_int64(st, 1),
			"walk_in", (json_int_t)sqlite3_column_int64(st, 2), "attended", (json_int_t)sqlite3_column_int64(st, 3)));
		sqlite3_reset(st);
	}
	req_json_value(r, j);
}

/* The office asked, within the user's scope: an office user asking for
 * another office gets their own office's figures refused (404). */
int reach_office_arg(struct req *r, int64_t *office)
{
	int64_t mine = act_office(r), asked = req_int(r, "office");
	if (mine && asked && asked != mine)
		return -1;
	*office = mine ? mine : asked;
	return 0;
}

void api_reach(struct req *r)
{
	int64_t office;
	if (reach_office_arg(r, &office) < 0) {
		req_error(r, 404);
		return;
	}
	struct reach *x = arena_alloc(&r->arena, sizeof *x);
	if (!x || reach_count(db_read(), req_str(r, "from"), req_str(r, "to"), office, x) < 0) {
		req_error(r, 503);
		return;
	}
	json_t *age = json_object(), *offices = json_object(), *places = json_object(), *kinds = json_object();
	for (int i = 0; i < x->nages; i++)
		json_object_set_new(age, age_band_keys[i], json_integer(x->age[i]));
	json_object_set_new(age, "unknown", json_integer(x->age[x->nages]));
	for (int i = 0; i < x->noffices; i++) {
		char k[24];
		snprintf(k, sizeof k, "%lld", (long long)x->office[i].id);
		json_object_set_new(offices, k, json_integer(x->office[i].n));
	}
	for (int i = 0; i < x->ndistricts; i++) {
		char k[24];
		snprintf(k, sizeof k, "%lld", (long long)x->district[i].id);
		json_object_set_new(places, x->district[i].id ? k : "unknown", json_integer(x->district[i].n));
	}
	for (int i = 0; i < x->nkinds; i++)
		json_object_set_new(kinds, org_kind_keys[i], json_integer(x->org_kind[i]));
	json_object_set_new(kinds, "none", json_integer(x->org_kind[x->nkinds]));
	req_json_value(r, json_pack("{s:s,s:s,s:I,s:{s:I,s:I,s:I},s:o,s:o,s:o,s:{s:I,s:I,s:I,s:I},s:{s:I,s:I,s:I},s:o}",
		"from", req_str(r, "from"), "to", req_str(r, "to"), "people", (json_int_t)x->people,
		"by_gender", "f", (json_int_t)x->gender[0], "m", (json_int_t)x->gender[1], "unknown",
		(json_int_t)x->gender[2], "by_age", age, "by_office", offices, "by_district", places,
		"by_displacement", "resident", (json_int_t)x->displacement[0], "displaced",
		(json_int_t)x->displacement[1], "returnee", (json_int_t)x->displacement[2], "unknown",
		(json_int_t)x->displacement[3], "by_disability", "yes", (json_int_t)x->disability[0], "no",
		(json_int_t)x->disability[1], "unknown", (json_int_t)x->disability[2], "by_org_kind", kinds));
}
