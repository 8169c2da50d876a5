/* store — the workspace's one set of writers and its shared reads (see
 * workspace.h).  Every check that decides whether a slot is free runs on
 * the writer's connection inside the caller's db_write, so two requests for
 * the same slot can never both pass it. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "workspace/workspace.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

const char *const ws_status_keys[] = { "requested", "approved", "refused", "cancelled", NULL };
static const char *const status_labels[] = { N_("Requested"), N_("Approved"), N_("Refused"), N_("Cancelled"), NULL };
const char *const ws_kind_keys[] = { "staff", "partner", "initiative", "individual", "center", NULL };
static const char *const kind_labels[] = { N_("Staff"), N_("Partner organization"), N_("Initiative"),
	N_("Individual"), N_("Center activity"), NULL };
const char *const ws_weekday_keys[] = { "0", "1", "2", "3", "4", "5", "6", NULL };
static const char *const weekday_labels[] = { N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	N_("Thursday"), N_("Friday"), N_("Saturday") };

static const char *label_of(const char *const *keys, const char *const *labels, const char *key)
{
	for (int i = 0; keys[i]; i++)
		if (key && strcmp(keys[i], key) == 0)
			return _(labels[i]);
	return key ? key : "";
}

const char *ws_status_label(const char *key)
{
	return label_of(ws_status_keys, status_labels, key);
}

const char *ws_kind_label(const char *key)
{
	return label_of(ws_kind_keys, kind_labels, key);
}

const char *ws_weekday_label(int wd)
{
	return wd >= 0 && wd < 7 ? _(weekday_labels[wd]) : "";
}

/* ---- reads ---- */

static const char SQL_ROOMS[] =
	"SELECT r.id, r.office_id, r.name, r.capacity, r.opens, r.closes, r.closed_days, r.active, f.name_ar, f.name_en"
	" FROM rooms r JOIN offices f ON f.id = r.office_id WHERE (?1 = 0 OR r.office_id = ?1) AND (?2 = 0 OR r.active = 1)"
	" ORDER BY r.office_id, r.active DESC, r.name, r.id";

sqlite3_stmt *ws_rooms_q(struct db *d, int64_t office, int active_only)
{
	return db_q(d, SQL_ROOMS, "Ii", (long long)office, active_only);
}

#define BOOKING_COLS \
	"SELECT b.id, coalesce(b.room_id, 0), b.start_at, b.end_at, b.status, b.purpose, b.requester_kind," \
	" coalesce(b.org_id, 0), b.attendees, coalesce(r.name, ''), CASE WHEN b.org_id IS NOT NULL THEN o.name_ar" \
	" WHEN b.public_name <> '' THEN b.public_name ELSE coalesce(nullif(u.display_name, ''), u.name, '') END" \
	" FROM bookings b LEFT JOIN rooms r ON r.id = b.room_id LEFT JOIN orgs o ON o.id = b.org_id" \
	" LEFT JOIN users u ON u.id = b.created_by"
/* a booking lies within one day: one that meets [?2, ?3) starts on ?2's
 * day or later, which lets the start's index bound the range */
static const char SQL_ROOM_BOOKINGS[] = BOOKING_COLS
	" WHERE b.room_id = ?1 AND b.start_at >= substr(?2, 1, 10) AND b.start_at < ?3 AND b.end_at > ?2"
	" AND (?4 = 1 OR b.status IN ('requested', 'approved')) ORDER BY b.start_at, b.id";
static const char SQL_OFFICE_BOOKINGS[] = BOOKING_COLS
	" WHERE (?1 = 0 OR b.office_id = ?1) AND b.start_at >= substr(?2, 1, 10) AND b.start_at < ?3 AND b.end_at > ?2"
	" AND (?4 = 1 OR b.status IN ('requested', 'approved')) ORDER BY b.start_at, b.id LIMIT 2000";

sqlite3_stmt *ws_room_bookings_q(struct db *d, int64_t room, const char *from, const char *to, int all_statuses)
{
	return db_q(d, SQL_ROOM_BOOKINGS, "Itti", (long long)room, from, to, all_statuses);
}

sqlite3_stmt *ws_office_bookings_q(struct db *d, int64_t office, const char *from, const char *to, int all_statuses)
{
	return db_q(d, SQL_OFFICE_BOOKINGS, "Itti", (long long)office, from, to, all_statuses);
}

static const char SQL_MONTH_MINUTES[] =
	"SELECT coalesce(sum(round((julianday(end_at) - julianday(start_at)) * 1440)), 0) FROM bookings"
	" WHERE org_id = ?1 AND status IN ('requested', 'approved') AND start_at >= ?2 AND start_at < ?3";
static const char SQL_QUOTA[] = "SELECT hours FROM booking_quotas WHERE org_id = ?1";

long ws_org_month_minutes(struct db *d, int64_t org, const char *day)
{
	char from[24], to[24];
	int y = 0, m = 0;
	if (!day || sscanf(day, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return 0;
	snprintf(from, sizeof from, "%04d-%02d-01", y, m);
	snprintf(to, sizeof to, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	return (long)db_int(d, 0, SQL_MONTH_MINUTES, "Itt", (long long)org, from, to);
}

int ws_org_quota(struct db *d, int64_t org)
{
	return (int)db_int(d, 0, SQL_QUOTA, "I", (long long)org);
}

/* ---- rooms and equipment ---- */

static const char SQL_ROOM_ADD[] =
	"INSERT INTO rooms (office_id, name, capacity, opens, closes, closed_days, active, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_ROOM_SET[] =
	"UPDATE rooms SET office_id = ?1, name = ?2, capacity = ?3, opens = ?4, closes = ?5, closed_days = ?6,"
	" active = ?7 WHERE id = ?8";

int64_t ws_room_save(struct db *w, int64_t actor, int64_t id, const struct ws_room_in *in)
{
	int is_new = !id;
	if (!id) {
		if (db_do(w, SQL_ROOM_ADD, "ItitttiI", (long long)in->office_id, in->name, in->capacity, in->opens,
			  in->closes, in->closed_days, in->active, (long long)time(NULL)) < 0)
			return -1;
		id = db_last_id(w);
	} else {
		if (db_do(w, SQL_ROOM_SET, "ItitttiI", (long long)in->office_id, in->name, in->capacity, in->opens,
			  in->closes, in->closed_days, in->active, (long long)id) < 0 || db_changes(w) != 1)
			return -1;
	}
	if (actor > 0 && audit_write(w, actor, is_new ? "create" : !in->active ? "deactivate" : "update", "room", id, "") < 0)
		return -1;
	return id;
}

static const char SQL_EQUIP_ADD[] =
	"INSERT INTO equipment (office_id, name, count, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_EQUIP_SET[] = "UPDATE equipment SET name = ?1, count = ?2, active = ?3 WHERE id = ?4";

int64_t ws_equipment_save(struct db *w, int64_t actor, int64_t id, int64_t office, const char *name, int count,
			  int active)
{
	int is_new = !id;
	if (!id) {
		if (db_do(w, SQL_EQUIP_ADD, "ItiiI", (long long)office, name, count, active, (long long)time(NULL)) < 0)
			return -1;
		id = db_last_id(w);
	} else if (db_do(w, SQL_EQUIP_SET, "tiiI", name, count, active, (long long)id) < 0 || db_changes(w) != 1)
		return -1;
	if (actor > 0 && audit_write(w, actor, is_new ? "create" : active ? "update" : "deactivate", "equipment", id, "") < 0)
		return -1;
	return id;
}

/* ---- bookings ---- */

static const char SQL_ROOM_RULES[] =
	"SELECT office_id, capacity, opens, closes, closed_days FROM rooms WHERE id = ?1 AND active = 1";
/* an approved booking of the room meeting the slot (bookings lie within
 * one day, so only that day's are read: ?4 is the day) */
static const char SQL_CLASH[] =
	"SELECT start_at, end_at FROM bookings WHERE room_id = ?1 AND status = 'approved' AND start_at >= ?4"
	" AND start_at < ?3 AND end_at > ?2 AND id <> ?5 ORDER BY start_at LIMIT 1";
static const char SQL_EQUIP_OF[] = "SELECT count FROM equipment WHERE id = ?1 AND office_id = ?2 AND active = 1";
static const char SQL_EQUIP_USED[] =
	"SELECT coalesce(sum(be.count), 0), min(b.start_at), min(b.end_at) FROM booking_equipment be"
	" JOIN bookings b ON b.id = be.booking_id WHERE be.equipment_id = ?1 AND b.status = 'approved'"
	" AND b.start_at >= ?4 AND b.start_at < ?3 AND b.end_at > ?2 AND b.id <> ?5";
static const char SQL_BOOKING_ADD[] =
	"INSERT INTO bookings (room_id, office_id, start_at, end_at, status, purpose, attendees, requester_kind, org_id,"
	" activity_id, person_id, public_name, public_phone, public_initiative, public_token_hash, series_id,"
	" created_by, created_at, decided_by, decided_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
static const char SQL_BOOKING_ADD_NOTOKEN[] =
	"INSERT INTO bookings (room_id, office_id, start_at, end_at, status, purpose, attendees, requester_kind, org_id,"
	" activity_id, person_id, public_name, public_phone, public_initiative, series_id,"
	" created_by, created_at, decided_by, decided_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
static const char SQL_BOOKING_EQUIP[] =
	"INSERT INTO booking_equipment (booking_id, equipment_id, count) VALUES (?1, ?2, ?3)";
static const char SQL_SERIES_ADD[] =
	"INSERT INTO booking_series (freq, until_day, times, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_NOTIFY_COORD[] =
	"INSERT INTO booking_notices (user_id, booking_id, kind, created_at) SELECT id, ?1, 'new', ?2 FROM users"
	" WHERE role = 'space_coordinator' AND disabled = 0 AND (office_id IS NULL OR office_id = ?3) AND id <> ?4";
static const char SQL_NOTIFY_USER[] =
	"INSERT INTO booking_notices (user_id, booking_id, kind, created_at)"
	" SELECT created_by, id, ?2, ?3 FROM bookings WHERE id = ?1 AND created_by IS NOT NULL AND created_by <> ?4";

/* Is the slot free for the room and the items?  Fills res->conflict and
 * returns WS_E_TAKEN / WS_E_EQUIPMENT, WS_OK, or -1 when the database
 * failed.  self: a booking to leave out (the one being approved). */
static int slot_free(struct db *w, int64_t room, int64_t office, const char *start, const char *end,
		     const int64_t *equip, const int *count, int nequip, int64_t self, struct ws_result *res)
{
	char day[11];
	memcpy(day, start, 10);
	day[10] = 0;
	if (room) {
		sqlite3_stmt *st = db_q(w, SQL_CLASH, "ItttI", (long long)room, start, end, day, (long long)self);
		if (!st)
			return -1;
		int rc = db_row(st);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			snprintf(res->conflict.start, sizeof res->conflict.start, "%s", db_text(st, 0));
			snprintf(res->conflict.end, sizeof res->conflict.end, "%s", db_text(st, 1));
			sqlite3_reset(st);
			return WS_E_TAKEN;
		}
	}
	for (int i = 0; i < nequip; i++) {
		long long have = db_int(w, -1, SQL_EQUIP_OF, "II", (long long)equip[i], (long long)office);
		if (have < 0) {
			res->conflict.start[0] = res->conflict.end[0] = 0;
			return WS_E_EQUIPMENT;
		}
		sqlite3_stmt *st = db_q(w, SQL_EQUIP_USED, "ItttI", (long long)equip[i], start, end, day, (long long)self);
		if (!st || db_row(st) != 1)
			return -1;
		long long used = sqlite3_column_int64(st, 0);
		if (used + count[i] > have) {
			snprintf(res->conflict.start, sizeof res->conflict.start, "%s", db_text(st, 1));
			snprintf(res->conflict.end, sizeof res->conflict.end, "%s", db_text(st, 2));
			sqlite3_reset(st);
			return WS_E_EQUIPMENT;
		}
		sqlite3_reset(st);
	}
	return WS_OK;
}

static const char *const freq_keys[] = { "once", "daily", "weekly" };

int ws_booking_make(struct db *w, const struct ws_booking_in *in, struct ws_result *res)
{
	memset(res, 0, sizeof *res);
	int64_t office = in->office_id;
	const char *opens = NULL, *closes = NULL, *closed = NULL;
	char o_buf[8] = "", c_buf[8] = "", d_buf[16] = "";
	if (in->room_id) {
		sqlite3_stmt *st = db_q(w, SQL_ROOM_RULES, "I", (long long)in->room_id);
		if (!st)
			return -1;
		if (db_row(st) != 1) {
			res->code = WS_E_NOT_FOUND;
			return 0;
		}
		office = sqlite3_column_int64(st, 0);
		int capacity = sqlite3_column_int(st, 1);
		snprintf(o_buf, sizeof o_buf, "%s", db_text(st, 2));
		snprintf(c_buf, sizeof c_buf, "%s", db_text(st, 3));
		snprintf(d_buf, sizeof d_buf, "%s", db_text(st, 4));
		sqlite3_reset(st);
		opens = o_buf;
		closes = c_buf;
		closed = d_buf;
		if (capacity > 0 && in->attendees > capacity) {
			res->code = WS_E_CAPACITY;
			res->capacity = capacity;
			return 0;
		}
	} else if (!office || in->nequip == 0) {
		res->code = WS_E_NOT_FOUND;
		return 0;
	}
	struct ws_slot slots[LIMIT_WS_OCCURRENCES];
	int n = ws_expand(in->start, in->end, in->freq, in->until, in->times, slots, LIMIT_WS_OCCURRENCES);
	if (n < 0) {
		res->fit = ws_fit(in->start, in->end, NULL, NULL, NULL);
		res->code = n == -1 && res->fit != WS_FIT_OK ? WS_E_FIT : WS_E_RULE;
		return 0;
	}
	/* first every date's check, so a series is refused whole or made whole */
	char ok[LIMIT_WS_OCCURRENCES];
	int nfree = 0;
	for (int i = 0; i < n; i++) {
		enum ws_fit fit = ws_fit(slots[i].start, slots[i].end, opens, closes, closed);
		int rc = WS_OK;
		if (fit != WS_FIT_OK) {
			if (n == 1) {
				res->code = WS_E_FIT;
				res->fit = fit;
				return 0;
			}
			rc = WS_E_FIT;
		} else {
			rc = slot_free(w, in->room_id, office, slots[i].start, slots[i].end, in->equip, in->equip_count,
				       in->nequip, 0, res);
			if (rc < 0)
				return -1;
			if (rc != WS_OK && n == 1) {
				res->code = rc;
				return 0;
			}
		}
		ok[i] = rc == WS_OK;
		if (ok[i])
			nfree++;
		else if (res->ntaken < LIMIT_WS_OCCURRENCES)
			res->taken[res->ntaken++] = slots[i];
	}
	if (res->ntaken && (!in->skip_taken || !nfree)) {
		res->code = WS_E_SERIES;
		return 0;
	}
	int64_t series = 0;
	long long now = (long long)time(NULL);
	if (in->freq != WS_ONCE) {
		if (db_do(w, SQL_SERIES_ADD, "ttioI", freq_keys[in->freq], in->until ? in->until : "", in->times,
			  (long long)in->actor, now) < 0)
			return -1;
		series = db_last_id(w);
	}
	int quota = in->org_id ? ws_org_quota(w, in->org_id) : 0;
	const char *status = in->approve ? "approved" : "requested";
	for (int i = 0; i < n; i++) {
		if (!ok[i])
			continue;
		if (quota > 0) {
			long used = ws_org_month_minutes(w, in->org_id, slots[i].start);
			if (!ws_quota_ok(used, ws_minutes(slots[i].start, slots[i].end), quota)) {
				res->code = WS_E_QUOTA;
				res->used_minutes = used;
				res->quota_hours = quota;
				res->made = 0;
				return 0;   /* the caller rolls back what this series made */
			}
		}
		int rc;
		if (in->token_hash)
			rc = db_do(w, SQL_BOOKING_ADD, "oIttttitooottt" "boo" "Ioo", (long long)in->room_id, (long long)office,
				   slots[i].start, slots[i].end, status, in->purpose ? in->purpose : "", in->attendees,
				   in->kind, (long long)in->org_id, (long long)in->activity_id, (long long)in->person_id,
				   in->public_name ? in->public_name : "", in->public_phone ? in->public_phone : "",
				   in->public_initiative ? in->public_initiative : "", in->token_hash, 32,
				   (long long)series, (long long)in->actor, now, (long long)(in->approve ? in->actor : 0),
				   (long long)(in->approve ? now : 0));
		else
			rc = db_do(w, SQL_BOOKING_ADD_NOTOKEN, "oIttttitooottt" "oo" "Ioo", (long long)in->room_id,
				   (long long)office, slots[i].start, slots[i].end, status, in->purpose ? in->purpose : "",
				   in->attendees, in->kind, (long long)in->org_id, (long long)in->activity_id,
				   (long long)in->person_id, in->public_name ? in->public_name : "",
				   in->public_phone ? in->public_phone : "", in->public_initiative ? in->public_initiative : "",
				   (long long)series, (long long)in->actor, now, (long long)(in->approve ? in->actor : 0),
				   (long long)(in->approve ? now : 0));
		if (rc < 0)
			return -1;
		int64_t id = db_last_id(w);
		for (int e = 0; e < in->nequip; e++)
			if (db_do(w, SQL_BOOKING_EQUIP, "IIi", (long long)id, (long long)in->equip[e], in->equip_count[e]) < 0)
				return -1;
		if (!res->made++) {
			res->id = id;
			char detail[96];
			snprintf(detail, sizeof detail, "%s %s series=%lld", slots[i].start, status, (long long)series);
			if (audit_write(w, in->actor, "book_request", "booking", id, detail) < 0)
				return -1;
			if (!in->approve && db_do(w, SQL_NOTIFY_COORD, "IIII", (long long)id, now, (long long)office,
						  (long long)in->actor) < 0)
				return -1;
		}
	}
	res->code = WS_OK;
	return 0;
}

static const char SQL_BOOKING_STATE[] =
	"SELECT coalesce(room_id, 0), office_id, start_at, end_at, status FROM bookings WHERE id = ?1";
static const char SQL_BOOKING_ITEMS[] = "SELECT equipment_id, count FROM booking_equipment WHERE booking_id = ?1";
static const char SQL_DECIDE[] =
	"UPDATE bookings SET status = ?2, refusal_reason = ?3, decided_by = ?4, decided_at = ?5"
	" WHERE id = ?1 AND status = 'requested'";

int ws_booking_decide(struct db *w, int64_t actor, int64_t id, int approve, const char *reason, struct ws_result *res)
{
	memset(res, 0, sizeof *res);
	sqlite3_stmt *st = db_q(w, SQL_BOOKING_STATE, "I", (long long)id);
	if (!st)
		return -1;
	if (db_row(st) != 1) {
		res->code = WS_E_NOT_FOUND;
		return 0;
	}
	int64_t room = sqlite3_column_int64(st, 0), office = sqlite3_column_int64(st, 1);
	char start[WS_TIME_LEN + 1], end[WS_TIME_LEN + 1];
	snprintf(start, sizeof start, "%s", db_text(st, 2));
	snprintf(end, sizeof end, "%s", db_text(st, 3));
	int requested = strcmp(db_text(st, 4), "requested") == 0;
	sqlite3_reset(st);
	if (!requested) {
		res->code = WS_E_STATE;
		return 0;
	}
	if (approve) {
		int64_t items[LIMIT_WS_EQUIPMENT];
		int counts[LIMIT_WS_EQUIPMENT], n = 0;
		st = db_q(w, SQL_BOOKING_ITEMS, "I", (long long)id);
		while (db_row(st) == 1)
			if (n < LIMIT_WS_EQUIPMENT) {
				items[n] = sqlite3_column_int64(st, 0);
				counts[n++] = sqlite3_column_int(st, 1);
			}
		int rc = slot_free(w, room, office, start, end, items, counts, n, id, res);
		if (rc < 0)
			return -1;
		if (rc != WS_OK) {
			res->code = rc;
			return 0;
		}
	}
	long long now = (long long)time(NULL);
	const char *status = approve ? "approved" : "refused";
	if (db_do(w, SQL_DECIDE, "IttoI", (long long)id, status, approve ? "" : reason, (long long)actor, now) < 0)
		return -1;
	if (db_changes(w) != 1) {
		res->code = WS_E_STATE;
		return 0;
	}
	if (db_do(w, SQL_NOTIFY_USER, "ItII", (long long)id, status, now, (long long)actor) < 0)
		return -1;
	if (audit_write(w, actor, approve ? "book_approve" : "book_refuse", "booking", id, approve ? "" : reason) < 0)
		return -1;
	res->id = id;
	res->made = 1;
	res->code = WS_OK;
	return 0;
}

static const char SQL_SERIES_OF[] = "SELECT coalesce(series_id, 0) FROM bookings WHERE id = ?1";
static const char SQL_CANCEL[] =
	"UPDATE bookings SET status = 'cancelled', cancelled_by = ?5, cancelled_at = ?6"
	" WHERE status IN ('requested', 'approved') AND (id = ?1 OR (?2 <> 0 AND series_id = ?2"
	" AND ((?3 = '' OR start_at >= ?3) AND (?4 = '' OR start_at < ?4))))";
static const char SQL_CANCEL_ONE[] =
	"UPDATE bookings SET status = 'cancelled', cancelled_by = ?2, cancelled_at = ?3"
	" WHERE id = ?1 AND status IN ('requested', 'approved')";
static const char SQL_NOTIFY_CANCEL[] =
	"INSERT INTO booking_notices (user_id, booking_id, kind, created_at)"
	" SELECT created_by, id, 'cancelled', ?2 FROM bookings WHERE id = ?1 AND created_by IS NOT NULL AND created_by <> ?3";

int ws_booking_cancel(struct db *w, int64_t actor, int64_t id, int what, const char *from, const char *to,
		      struct ws_result *res)
{
	memset(res, 0, sizeof *res);
	long long now = (long long)time(NULL);
	long long series = db_int(w, -1, SQL_SERIES_OF, "I", (long long)id);
	if (series < 0) {
		res->code = WS_E_NOT_FOUND;
		return 0;
	}
	int rc;
	if (what == 0 || !series)
		rc = db_do(w, SQL_CANCEL_ONE, "IoI", (long long)id, (long long)actor, now);
	else {
		/* a range: days from "from" to "to" included */
		char until[11] = "";
		if (what == 1 && to && *to && ws_day_add(to, 1, until) < 0)
			until[0] = 0;
		rc = db_do(w, SQL_CANCEL, "IIttoI", -1LL, series, what == 1 && from ? from : "", what == 1 ? until : "",
			   (long long)actor, now);
	}
	if (rc < 0)
		return -1;
	res->made = db_changes(w);
	if (!res->made) {
		res->code = WS_E_STATE;
		return 0;
	}
	if (db_do(w, SQL_NOTIFY_CANCEL, "IIo", (long long)id, now, (long long)actor) < 0)
		return -1;
	char detail[64];
	snprintf(detail, sizeof detail, "what=%d count=%d", what, res->made);
	if (audit_write(w, actor, "book_cancel", "booking", id, detail) < 0)
		return -1;
	res->id = id;
	res->code = WS_OK;
	return 0;
}
