/* freebusy — what anyone may know of the rooms without an account: an
 * office's week of free and busy time per room (GET /space/free), and
 * each room's calendar as an ICS feed (GET /space/rooms/{id}/calendar.ics)
 * for a phone's or a computer's calendar.  Both show only the approved
 * bookings' times: never who booked, why, or a request still waiting —
 * the same as the public request form lets anyone find out.  (A calendar
 * application cannot sign in, so the feed carries nothing more.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "workspace/pages.h"
#include "workspace/workspace.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/ics_out.h"
#include "html/layout.h"
#include "http/assets.h"
#include "http/request.h"
#include "core/banned.h"

/* a room's calendar: this far back and ahead, at most this many events */
#define ICS_BACK_DAYS 31
#define ICS_AHEAD_DAYS 366
#define ICS_MAX_EVENTS 3000

static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";
static const char SQL_OFFICE[] = "SELECT name_ar, name_en FROM offices WHERE id = ?1";
static const char SQL_BUSY[] =
	"SELECT start_at, end_at FROM bookings WHERE room_id = ?1 AND status = 'approved'"
	" AND start_at >= ?2 AND start_at < ?3 ORDER BY start_at LIMIT ?4";
static const char SQL_ICS[] =
	"SELECT id, start_at, end_at FROM bookings WHERE room_id = ?1 AND status = 'approved'"
	" AND start_at >= ?2 AND start_at < ?3 ORDER BY start_at LIMIT ?4";
static const char SQL_ROOM[] = "SELECT name FROM rooms WHERE id = ?1 AND active = 1";

/* The offices, each a link to its week. */
static void office_links(struct req *r, int64_t current)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<nav class=\"ws-offices\" aria-label=\"%s\"><ul>", _("Offices"));
	sqlite3_stmt *st = db_q(db_read(), SQL_OFFICES, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		html_fmt(o, "<li><a href=\"/space/free?office=%lld\"%s>%s</a></li>", id,
			 id == current ? " aria-current=\"page\"" : "", db_text(st, ws_ar() ? 1 : 2));
	}
	html_raw(o, "</ul></nav>");
}

/* One room's week: per day, closed, free, or its busy times. */
static void room_week(struct req *r, struct db *d, sqlite3_stmt *room, const char *first, const char *after)
{
	struct strbuf *o = &r->out;
	long long id = sqlite3_column_int64(room, 0);
	const char *closed = db_text(room, 6);
	html_fmt(o, "<section class=\"card ws-free-room\"><h2>%s</h2><p class=\"hint\">", db_text(room, 2));
	if (sqlite3_column_int(room, 3) > 0) {
		html_fmt(o, "%s ", _("Capacity"));
		fmt_int(o, sqlite3_column_int(room, 3));
		html_raw(o, " · ");
	}
	html_fmt(o, "%s ", _("Opening hours"));
	html_bdi_begin(o, 1);
	fmt_digits(o, db_text(room, 4));
	html_raw(o, "–");
	fmt_digits(o, db_text(room, 5));
	html_bdi_end(o);
	html_fmt(o, " · <a href=\"/space/rooms/%lld/calendar.ics\">%s</a></p>", id, _("Calendar (ICS)"));
	sqlite3_stmt *st = db_q(d, SQL_BUSY, "Itti", id, first, after, 7 * 48);
	int has = st ? db_row(st) : -1;
	html_raw(o, "<div class=\"ws-days ws-week\">");
	char day[11];
	snprintf(day, sizeof day, "%s", first);
	for (int i = 0; i < 7; i++) {
		int y, m, dd;
		date_parse_iso(day, &y, &m, &dd);
		int wd = ws_weekday(y, m, dd);
		html_fmt(o, "<section class=\"ws-day\"><h3>%s <span class=\"ws-date\">", ws_weekday_label(wd));
		ws_day(o, day);
		html_raw(o, "</span></h3><ul class=\"ws-items\">");
		int n = 0;
		while (has == 1 && strncmp(db_text(st, 0), day, 10) == 0) {
			html_fmt(o, "<li class=\"ws-item ws-approved\">%s ", _("Taken"));
			ws_span(o, db_text(st, 0), db_text(st, 1));
			html_raw(o, "</li>");
			n++;
			has = db_row(st);
		}
		if (strchr(closed, '0' + wd))
			html_fmt(o, "<li class=\"ws-free\">%s</li>", _("Room closed"));
		else if (!n)
			html_fmt(o, "<li class=\"ws-free\">%s</li>", _("Free all day"));
		html_raw(o, "</ul></section>");
		char next[11];
		if (ws_day_add(day, 1, next) < 0)
			break;
		memcpy(day, next, sizeof day);
	}
	html_raw(o, "</div></section>");
	if (has == 1)
		sqlite3_reset(st);
}

void freebusy_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	long long office = req_has(r, "office") ? req_int(r, "office") : 0;
	const char *office_name = NULL;
	if (office) {
		sqlite3_stmt *st = db_q(d, SQL_OFFICE, "I", office);
		if (db_row(st) != 1) {
			req_error(r, 404);
			return;
		}
		office_name = arena_strdup(&r->arena, db_text(st, ws_ar() ? 0 : 1));
		sqlite3_reset(st);
	}
	char day[11], first[11], after[11];
	if (req_has(r, "day"))
		snprintf(day, sizeof day, "%s", req_str(r, "day"));
	else
		ws_today(day);
	ws_week_of(day, first, after);
	page_begin(r, _("Free and busy rooms"));
	html_fmt(o, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("workspace.css"));
	html_fmt(o, "<h1>%s</h1><p>%s <a href=\"/space/request\">%s</a></p>", office_name ? office_name : _("Free and busy rooms"),
		 _("The times the rooms are already booked, week by week. To ask for a room, no account is needed:"),
		 _("ask for a room"));
	office_links(r, office);
	if (!office) {
		page_end(r);
		return;
	}
	char *base = arena_printf(&r->arena, "/space/free?office=%lld&", office);
	ws_move_links(r, base, first, 7);
	sqlite3_stmt *rooms = ws_rooms_q(d, office, 1);
	int n = 0;
	while (rooms && db_row(rooms) == 1) {
		/* the room list's statement stays open while each room's week is read on the same connection */
		room_week(r, d, rooms, first, after);
		n++;
	}
	if (!n)
		empty_state(r, _("This office has no room to lend yet."), NULL, NULL);
	page_end(r);
}

/* A booking time 'YYYY-MM-DDTHH:MM' (Syria) as a UTC time. */
static struct icaltimetype ics_time(const char *t)
{
	char day[11];
	snprintf(day, sizeof day, "%.10s", t);
	return ws_time_parse(t, NULL, NULL, NULL, NULL) < 0 ? icaltime_null_time() : ics_local(day, t + 11);
}

void room_ics(struct req *r)
{
	long long id = req_int(r, "id");
	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_ROOM, "I", id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	char summary[300];
	snprintf(summary, sizeof summary, "%s — %s", db_text(st, 0), _("Taken"));
	sqlite3_reset(st);
	char today[11], from[11], until[11];
	ws_today(today);
	ws_day_add(today, -ICS_BACK_DAYS, from);
	ws_day_add(today, ICS_AHEAD_DAYS, until);
	icalcomponent *cal = ics_calendar("-//daam//rooms//AR");
	st = db_q(d, SQL_ICS, "Itti", id, from, until, ICS_MAX_EVENTS);
	while (st && db_row(st) == 1) {
		char uid[64];
		snprintf(uid, sizeof uid, "booking-%lld", (long long)sqlite3_column_int64(st, 0));
		ics_event(r, cal, uid, ics_time(db_text(st, 1)), ics_time(db_text(st, 2)), summary, NULL);
	}
	ics_send(r, cal);
}
