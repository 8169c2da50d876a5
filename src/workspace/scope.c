/* scope — who sees which rooms and bookings (staff: their office's, or
 * all with office 0; a partner: their organization's requests, and every
 * active room to ask for), and the sentence that tells a requester why a
 * booking was not made. */
#include <stdio.h>
#include <string.h>
#include "workspace/workspace.h"
#include "workspace/perms.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

int ws_is_partner(struct req *r)
{
	return r->user && r->user->role == ROLE_PARTNER && r->user->org_id > 0;
}

int64_t ws_office(struct req *r)
{
	return r->user ? r->user->office_id : -1;
}

static const char SQL_BOOKING_SCOPE[] = "SELECT office_id, coalesce(org_id, 0) FROM bookings WHERE id = ?1";
static const char SQL_ROOM_SCOPE[] = "SELECT office_id, active FROM rooms WHERE id = ?1";

int ws_booking_visible(struct req *r, int64_t booking)
{
	if (!r->user)
		return 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_BOOKING_SCOPE, "I", (long long)booking);
	if (db_row(st) != 1)
		return 0;
	int64_t office = sqlite3_column_int64(st, 0), org = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (ws_is_partner(r))
		return (r->user->perms & PERM_WS_REQUEST) && org == r->user->org_id;
	if (!(r->user->perms & PERM_WS_READ))
		return 0;
	return ws_office(r) == 0 || ws_office(r) == office;
}

int ws_room_visible(struct req *r, int64_t room)
{
	if (!r->user)
		return 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_ROOM_SCOPE, "I", (long long)room);
	if (db_row(st) != 1)
		return 0;
	int64_t office = sqlite3_column_int64(st, 0);
	int active = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	if (ws_is_partner(r))
		return active && (r->user->perms & PERM_WS_REQUEST);
	if (!(r->user->perms & PERM_WS_READ))
		return 0;
	return ws_office(r) == 0 || ws_office(r) == office;
}

/* "10 كانون الأول 2026" of a booking time's day */
static void day_of(struct strbuf *o, const char *t)
{
	int y, m, d;
	if (ws_time_parse(t, &y, &m, &d, NULL) == 0)
		date_format(o, y, m, d);
}

const char *ws_result_message(struct req *r, const struct ws_result *res)
{
	struct strbuf sb = STRBUF_INIT;
	char a[64], b[64];
	switch (res->code) {
	case WS_OK:
		sb_adds(&sb, _("Saved."));
		break;
	case WS_E_TAKEN:
	case WS_E_EQUIPMENT: {
		struct strbuf day = STRBUF_INIT;
		day_of(&day, res->conflict.start);
		if (!res->conflict.start[0]) {
			sb_adds(&sb, _("This equipment is not available at this office."));
			sb_release(&day);
			break;
		}
		snprintf(a, sizeof a, "%s", res->conflict.start + 11);
		snprintf(b, sizeof b, "%s", res->conflict.end + 11);
		char *msg = arena_printf(&r->arena,
			res->code == WS_E_TAKEN ? _("This room is already booked on %s from %s to %s. Choose another time or another room.")
						: _("Not enough of this equipment is free on %s from %s to %s."),
			sb_str(&day), a, b);
		sb_adds(&sb, msg);
		sb_release(&day);
		break;
	}
	case WS_E_QUOTA: {
		long left = (long)res->quota_hours * 60 - res->used_minutes;
		if (left < 0)
			left = 0;
		snprintf(a, sizeof a, "%ld:%02ld", res->used_minutes / 60, res->used_minutes % 60);
		snprintf(b, sizeof b, "%ld:%02ld", left / 60, left % 60);
		sb_adds(&sb, arena_printf(&r->arena,
			_("Over your organization's quota of %d hours a month: %s hours used this month, %s left."),
			res->quota_hours, a, b));
		break;
	}
	case WS_E_NOT_FOUND:
		sb_adds(&sb, _("This room is not available."));
		break;
	case WS_E_CAPACITY:
		sb_adds(&sb, arena_printf(&r->arena, _("This room holds at most %d people."), res->capacity));
		break;
	case WS_E_SERIES:
		sb_adds(&sb, _("Some dates of the series are taken or the room is closed then. Make the other dates "
			       "without them, or drop the series."));
		break;
	case WS_E_RULE:
		sb_adds(&sb, arena_printf(&r->arena, _("A repetition needs a last day or a number of times, and at "
						       "most %d dates."), LIMIT_WS_OCCURRENCES));
		break;
	case WS_E_STATE:
		sb_adds(&sb, _("This booking was already decided or cancelled."));
		break;
	case WS_E_FIT:
		switch (res->fit) {
		case WS_FIT_ORDER:
			sb_adds(&sb, _("The end must be after the start."));
			break;
		case WS_FIT_SPAN:
			sb_adds(&sb, _("A booking starts and ends on the same day."));
			break;
		case WS_FIT_CLOSED_DAY:
			sb_adds(&sb, _("The room is closed on that day of the week."));
			break;
		case WS_FIT_HOURS:
			sb_adds(&sb, _("The room is not open at that time: choose a time within its opening hours."));
			break;
		default:
			sb_adds(&sb, _("Give the day as 2026-12-10 and the times as 10:00."));
		}
		break;
	}
	const char *out = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	return out;
}
