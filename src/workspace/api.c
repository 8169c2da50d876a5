/* api — the workspace's JSON (docs/api.md), with bearer tokens as the
 * registry's: the rooms the caller may book, a room's bookings in a period,
 * and a booking request (JSON body) under the same rule as the form: 201
 * when made, 409 with the conflicting slot when an approved booking holds
 * it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "workspace/pages.h"
#include "workspace/perms.h"
#include "workspace/workspace.h"
#include "core/limits.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

static void json_answer(struct req *r, int status, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!s) {
		req_error(r, 500);
		return;
	}
	req_json(r, status, s);
	free(s);
}

static void json_error(struct req *r, int status, const char *msg)
{
	json_answer(r, status, json_pack("{s:s}", "error", msg));
}

void api_rooms(struct req *r)
{
	json_t *items = json_array();
	sqlite3_stmt *st = ws_rooms_q(db_read(), ws_is_partner(r) ? 0 : ws_office(r), 1);
	while (db_row(st) == 1)
		json_array_append_new(items, json_pack("{s:I,s:s,s:I,s:i,s:s,s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0),
			"name", db_text(st, 2), "office", (json_int_t)sqlite3_column_int64(st, 1), "capacity",
			sqlite3_column_int(st, 3), "opens", db_text(st, 4), "closes", db_text(st, 5)));
	req_json_value(r, json_pack("{s:o}", "items", items));
}

void api_room_bookings(struct req *r)
{
	long long room = req_int(r, "id");
	if (!ws_room_visible(r, room) || ws_is_partner(r)) {
		req_error(r, 404);
		return;
	}
	const char *from = req_has(r, "from") ? req_str(r, "from") : "0000";
	/* to is a day included: up to the next day's start */
	char to[16] = "9999";
	if (req_has(r, "to") && ws_day_add(req_str(r, "to"), 1, to) < 0)
		snprintf(to, sizeof to, "9999");
	json_t *items = json_array();
	sqlite3_stmt *st = ws_room_bookings_q(db_read(), room, from, to, 0);
	int n = 0;
	while (db_row(st) == 1 && n++ < 2000)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:i}", "id",
			(json_int_t)sqlite3_column_int64(st, 0), "start", db_text(st, 2), "end", db_text(st, 3), "status",
			db_text(st, 4), "purpose", db_text(st, 5), "requester_kind", db_text(st, 6), "attendees",
			sqlite3_column_int(st, 8)));
	if (n > 2000)
		sqlite3_reset(st);
	req_json_value(r, json_pack("{s:I,s:o}", "room", (json_int_t)room, "items", items));
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

void api_booking_create(struct req *r)
{
	json_error_t jerr;
	json_t *body = r->body ? json_loadb(r->body, r->body_len, 0, &jerr) : NULL;
	json_int_t room = 0, attendees = 0;
	const char *start = NULL, *end = NULL, *purpose = NULL;
	if (!body || json_unpack_ex(body, &jerr, 0, "{s:I,s:s,s:s,s:s,s?I}", "room", &room, "start", &start, "end", &end,
				    "purpose", &purpose, "attendees", &attendees) < 0) {
		json_decref(body);
		json_error(r, 400, "give room (a number), start and end ('YYYY-MM-DDTHH:MM') and purpose");
		return;
	}
	size_t plen = strlen(purpose);
	if (plen < 2 || plen > LIMIT_WS_TEXT_CHARS * 4 || attendees < 0 || attendees > LIMIT_WS_PEOPLE
	    || ws_time_parse(start, NULL, NULL, NULL, NULL) < 0 || ws_time_parse(end, NULL, NULL, NULL, NULL) < 0) {
		json_decref(body);
		json_error(r, 400, "bad purpose, attendees or times ('YYYY-MM-DDTHH:MM')");
		return;
	}
	if (room <= 0 || room > ID_MAX || !ws_room_visible(r, (int64_t)room)) {
		json_decref(body);
		req_error(r, 404);
		return;
	}
	struct make m;
	memset(&m, 0, sizeof m);
	int partner = ws_is_partner(r);
	m.in.room_id = (int64_t)room;
	m.in.start = arena_strdup(&r->arena, start);
	m.in.end = arena_strdup(&r->arena, end);
	m.in.purpose = arena_strdup(&r->arena, purpose);
	m.in.attendees = (int)attendees;
	m.in.kind = partner ? "partner" : "staff";
	m.in.org_id = partner ? r->user->org_id : 0;
	m.in.actor = r->user->id;
	m.in.approve = !partner && (r->user->perms & PERM_WS_MANAGE) != 0;
	json_decref(body);
	int rc = db_write(make_fn, &m);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	const char *msg = ws_result_message(r, &m.res);
	switch (m.res.code) {
	case WS_OK:
		json_answer(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)m.res.id, "status",
					      m.in.approve ? "approved" : "requested"));
		break;
	case WS_E_TAKEN:
	case WS_E_EQUIPMENT:
		json_answer(r, 409, json_pack("{s:s,s:{s:s,s:s}}", "error", msg, "conflict", "start", m.res.conflict.start,
					      "end", m.res.conflict.end));
		break;
	case WS_E_NOT_FOUND:
		req_error(r, 404);
		break;
	default:
		json_error(r, m.res.code == WS_E_QUOTA ? 409 : 400, msg);
	}
}
