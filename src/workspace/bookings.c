/* bookings — asking for a room (staff for their office, a partner for its
 * organization: the portal), the list of requests each may see, a
 * booking's page with the coordinator's approval or refusal (with a
 * reason), and cancelling one occurrence, a range of dates or a whole
 * series.  A slot is taken by an approved booking; the check and the
 * insert are one db_write (store.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "workspace/pages.h"
#include "workspace/perms.h"
#include "workspace/workspace.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/assets.h"
#include "http/request.h"
#include "core/banned.h"

const char *const ws_repeat_keys[] = { "once", "daily", "weekly", NULL };
const char *const ws_conflict_keys[] = { "skip", "drop", NULL };
const char *const ws_cancel_keys[] = { "one", "range", "series", NULL };

#define PAGE_SIZE 50

/* ---- the list ---- */

/* ?1 office scope (0 all), ?2 organization (0: not a partner), ?3 status ('' any) */
#define LIST_WHERE \
	" WHERE (?1 = 0 OR b.office_id = ?1) AND (?2 = 0 OR b.org_id = ?2) AND (?3 = '' OR b.status = ?3)"
static const char SQL_LIST[] =
	"SELECT b.id, b.start_at, b.end_at, b.status, b.purpose, coalesce(r.name, ''), b.requester_kind,"
	" CASE WHEN b.org_id IS NOT NULL THEN o.name_ar WHEN b.public_name <> '' THEN b.public_name"
	" ELSE coalesce(nullif(u.display_name, ''), u.name, '') END"
	" FROM bookings b LEFT JOIN rooms r ON r.id = b.room_id LEFT JOIN orgs o ON o.id = b.org_id"
	" LEFT JOIN users u ON u.id = b.created_by" LIST_WHERE " ORDER BY b.start_at DESC, b.id DESC LIMIT ?4 OFFSET ?5";
static const char SQL_LIST_COUNT[] = "SELECT count(*) FROM bookings b" LIST_WHERE;

void bookings_list(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	int partner = ws_is_partner(r);
	long long office = partner ? 0 : ws_office(r);
	long long org = partner ? r->user->org_id : 0;
	const char *status = req_str(r, "status");
	long long page = req_has(r, "page") ? req_int(r, "page") : 1;
	page_begin(r, partner ? _("Our room requests") : _("Room bookings"));
	html_fmt(o, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("workspace.css"));
	html_fmt(o, "<h1>%s</h1>", partner ? _("Our room requests") : _("Room bookings"));
	int unread = ws_unread(r);
	html_raw(o, "<p class=\"actions\">");
	html_fmt(o, "<a class=\"button\" href=\"/bookings/new\">%s</a>", _("Ask for a room"));
	if (!partner)
		html_fmt(o, "<a class=\"button secondary\" href=\"/schedule\">%s</a>", _("Room schedule"));
	html_fmt(o, "<a class=\"button secondary\" href=\"/notices\">%s", _("Notifications"));
	if (unread) {
		html_raw(o, " <span class=\"badge\">");
		fmt_int(o, unread);
		html_raw(o, "</span>");
	}
	html_raw(o, "</a></p>");
	/* the status filter as links */
	html_fmt(o, "<nav class=\"ws-tabs\" aria-label=\"%s\"><a href=\"/bookings\"%s>%s</a>", _("Status"),
		 *status ? "" : " aria-current=\"page\"", _("All"));
	for (int i = 0; ws_status_keys[i]; i++)
		html_fmt(o, " <a href=\"/bookings?status=%s\"%s>%s</a>", ws_status_keys[i],
			 strcmp(status, ws_status_keys[i]) == 0 ? " aria-current=\"page\"" : "", ws_status_label(ws_status_keys[i]));
	html_raw(o, "</nav>");
	long long total = db_int(d, 0, SQL_LIST_COUNT, "IIt", office, org, status);
	const char *cols[] = { _("When"), _("Room"), _("Requester"), _("Purpose"), _("Status"), NULL };
	int n = 0;
	sqlite3_stmt *st = db_q(d, SQL_LIST, "IItII", office, org, status, (long long)PAGE_SIZE, (page - 1) * PAGE_SIZE);
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_begin(r);
		html_fmt(o, "<a href=\"/bookings/%lld\">", (long long)sqlite3_column_int64(st, 0));
		ws_day(o, db_text(st, 1));
		html_raw(o, " ");
		ws_span(o, db_text(st, 1), db_text(st, 2));
		html_raw(o, "</a>");
		cell_end(r);
		cell_text(r, *db_text(st, 5) ? db_text(st, 5) : _("Equipment only"));
		cell_text(r, arena_printf(&r->arena, "%s (%s)", db_text(st, 7), ws_kind_label(db_text(st, 6))));
		cell_text(r, db_text(st, 4));
		cell_begin(r);
		ws_status_badge(o, db_text(st, 3));
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No room request here yet."), "/bookings/new", _("Ask for a room"));
	pager(r, "/bookings", *status ? arena_printf(&r->arena, "&status=%s", status) : "", page, total, PAGE_SIZE);
	page_end(r);
}

/* ---- the form ---- */

static const char SQL_ROOMS_PICK[] =
	"SELECT r.id, r.name, r.capacity, r.opens, r.closes, f.name_ar, f.name_en FROM rooms r"
	" JOIN offices f ON f.id = r.office_id WHERE r.active = 1 AND (?1 = 0 OR r.office_id = ?1)"
	" ORDER BY r.office_id, r.name";
static const char SQL_EQUIP_PICK[] =
	"SELECT e.id, e.name, f.name_ar, f.name_en, e.count FROM equipment e JOIN offices f ON f.id = e.office_id"
	" WHERE e.active = 1 AND (?1 = 0 OR e.office_id = ?1) ORDER BY e.office_id, e.name LIMIT 60";
static const char SQL_ACTS_PICK[] =
	"SELECT id, title FROM activities WHERE (?1 = 0 OR office_id = ?1) AND (last_day = '' OR last_day >= ?2)"
	" ORDER BY first_day DESC LIMIT 100";

/* The rooms a user may ask for: their office's (staff), every office's
 * (partners and staff of all offices). */
static long long pick_office(struct req *r)
{
	return ws_is_partner(r) ? 0 : ws_office(r);
}

/* The equipment: for each item of the office a list "none, 1, 2 … (as
 * many as the office has)", all named equip, each value "ID:N" — no script
 * and no field name of its own per item; what was chosen stays chosen when
 * the form comes back with an error. */
static void equipment_chooser(struct req *r, struct db *d)
{
	struct strbuf *o = &r->out;
	const char *chosen[LIMIT_WS_EQUIPMENT];
	int nchosen = r->method == M_POST ? req_form_values(r, "equip", chosen, LIMIT_WS_EQUIPMENT) : 0;
	sqlite3_stmt *st = db_q(d, SQL_EQUIP_PICK, "I", pick_office(r));
	int n = 0;
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		int have = sqlite3_column_int(st, 4);
		if (have > LIMIT_WS_ITEM_COUNT)
			have = LIMIT_WS_ITEM_COUNT;
		if (!n++)
			html_fmt(o, "<fieldset class=\"group-fields%s\"><legend>%s</legend>",
				 req_error_for(r, "equip") ? " has-error" : "", _("Equipment"));
		int asked = 0;
		for (int i = 0; i < nchosen; i++) {
			long long cid = 0;
			int cn = 1;
			if (sscanf(chosen[i], "%lld:%d", &cid, &cn) >= 1 && cid == id)
				asked = cn;
		}
		html_fmt(o, "<div class=\"field\"><label for=\"f-equip-%lld\">%s", id, db_text(st, 1));
		if (!pick_office(r))
			html_fmt(o, " (%s)", db_text(st, ws_ar() ? 2 : 3));
		html_fmt(o, "</label><select id=\"f-equip-%lld\" name=\"equip\"><option value=\"\">%s</option>", id, _("None"));
		for (int k = 1; k <= have; k++) {
			html_fmt(o, "<option value=\"%lld:%d\"%s>", id, k, k == asked ? " selected" : "");
			fmt_int(o, k);
			html_raw(o, "</option>");
		}
		html_raw(o, "</select></div>");
	}
	if (n) {
		if (req_error_for(r, "equip"))
			html_fmt(o, "<p class=\"error\">%s</p>", req_error_for(r, "equip"));
		html_raw(o, "</fieldset>");
	}
}

/* The form; taken: the dates of a series found taken (then the choice to
 * skip them or drop the series). */
static void booking_form(struct req *r, const struct ws_result *taken)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	long long room = req_declares(r, "room") && req_has(r, "room") ? req_int(r, "room") : 0;
	const char *typed = req_form_raw(r, "room");
	if (typed)
		room = strtoll(typed, NULL, 10);
	form_error_summary(r);
	if (taken && taken->ntaken) {
		html_fmt(o, "<section class=\"card notice\" role=\"alert\"><p>%s</p><ul>",
			 _("These dates are taken or the room is closed then:"));
		for (int i = 0; i < taken->ntaken; i++) {
			html_raw(o, "<li>");
			ws_day(o, taken->taken[i].start);
			html_raw(o, " ");
			ws_span(o, taken->taken[i].start, taken->taken[i].end);
			html_raw(o, "</li>");
		}
		html_raw(o, "</ul></section>");
	}
	form_begin(r, "/bookings", "form");
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-room\">%s</label><select id=\"f-room\" name=\"room\" required>",
		 req_error_for(r, "room") ? " has-error" : "", _("Room"));
	html_fmt(o, "<option value=\"\">%s</option>", _("Choose a room"));
	sqlite3_stmt *st = db_q(d, SQL_ROOMS_PICK, "I", pick_office(r));
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		html_fmt(o, "<option value=\"%lld\"%s>%s — %s (%d, %s–%s)</option>", id, id == room ? " selected" : "",
			 db_text(st, 1), db_text(st, ws_ar() ? 5 : 6), sqlite3_column_int(st, 2), db_text(st, 3), db_text(st, 4));
	}
	if (!ws_is_partner(r) && ws_office(r))
		html_fmt(o, "<option value=\"0\"%s>%s</option>", typed && strcmp(typed, "0") == 0 ? " selected" : "",
			 _("No room: equipment only"));
	html_raw(o, "</select>");
	if (req_error_for(r, "room"))
		html_fmt(o, "<p class=\"error\">%s</p>", req_error_for(r, "room"));
	html_raw(o, "</div>");
	char today[11];
	ws_today(today);
	form_input(r, "day", _("Day"), "date", req_declares(r, "day") && req_has(r, "day") ? req_str(r, "day") : today, 1, NULL);
	form_input(r, "start", _("From"), "time", "10:00", 1, NULL);
	form_input(r, "end", _("To"), "time", "12:00", 1, NULL);
	form_input(r, "purpose", _("Purpose"), "text", "", 1, _("For example: a training on project writing"));
	form_input(r, "attendees", _("Expected attendees"), "number", "", 0, NULL);
	if (!ws_is_partner(r)) {
		/* the activity it serves */
		html_fmt(o, "<div class=\"field\"><label for=\"f-activity\">%s</label><select id=\"f-activity\" name=\"activity\">"
			    "<option value=\"\">%s</option>", _("Activity it serves (optional)"), _("None"));
		const char *ta = req_form_raw(r, "activity");
		st = db_q(d, SQL_ACTS_PICK, "It", (long long)ws_office(r), today);
		while (db_row(st) == 1) {
			long long id = sqlite3_column_int64(st, 0);
			html_fmt(o, "<option value=\"%lld\"%s>%s</option>", id, ta && strtoll(ta, NULL, 10) == id ? " selected" : "",
				 db_text(st, 1));
		}
		html_raw(o, "</select></div>");
	}
	equipment_chooser(r, d);
	html_fmt(o, "<fieldset class=\"group-fields\"><legend>%s</legend>", _("Repeat (optional)"));
	const char *rlabels[] = { _("Once"), _("Every day"), _("Every week") };
	form_select(r, "repeat", _("Repeat"), ws_repeat_keys, rlabels, 3, "once");
	form_input(r, "until", _("Until (the last day)"), "date", "", 0, NULL);
	form_input(r, "times", _("Or a number of times"), "number", "", 0, arena_printf(&r->arena, _("At most %d dates"),
		   LIMIT_WS_OCCURRENCES));
	html_raw(o, "</fieldset>");
	if (taken && taken->ntaken) {
		const char *clabels[] = { _("Skip the taken dates and ask for the others"), _("Drop the whole series") };
		form_radios(r, "on_conflict", _("The taken dates"), ws_conflict_keys, clabels, 2, "skip");
	}
	form_end(r, _("Send the request"));
}

void booking_new_page(struct req *r)
{
	page_begin(r, _("Ask for a room"));
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/bookings\">%s</a></p><h1>%s</h1>", _("Room bookings"),
		 _("Ask for a room"));
	if (ws_is_partner(r))
		html_fmt(&r->out, "<p>%s</p>", _("Your request is for your organization; the space coordinator approves or refuses it, and you see the answer here."));
	booking_form(r, NULL);
	page_end(r);
}

struct make {
	struct ws_booking_in in;
	struct ws_result res;
	int64_t equip[LIMIT_WS_EQUIPMENT];
	int counts[LIMIT_WS_EQUIPMENT];
};

static int make_fn(struct db *w, void *arg)
{
	struct make *m = arg;
	if (ws_booking_make(w, &m->in, &m->res) < 0)
		return -1;
	return m->res.code == WS_OK ? 0 : 1;   /* nothing of a refused series stays */
}

/* The field a result's message goes beside. */
static const char *field_of(const struct ws_result *res)
{
	switch (res->code) {
	case WS_E_CAPACITY:
		return "attendees";
	case WS_E_NOT_FOUND:
		return "room";
	case WS_E_EQUIPMENT:
		return "equip";
	case WS_E_RULE:
		return "repeat";
	case WS_E_FIT:
		return res->fit == WS_FIT_CLOSED_DAY ? "day" : "start";
	default:
		return "start";
	}
}

void booking_create_submit(struct req *r)
{
	struct make m;
	memset(&m, 0, sizeof m);
	struct ws_booking_in *in = &m.in;
	long long room = req_int(r, "room");
	int partner = ws_is_partner(r);
	if (req_has(r, "room") && room > 0 && !ws_room_visible(r, room))
		req_field_error(r, "room", _("Choose a room from the list."));
	if (req_has(r, "room") && room == 0 && (partner || !ws_office(r)))
		req_field_error(r, "room", _("Choose a room from the list."));
	if (req_has(r, "start") && ws_hm(req_str(r, "start")) < 0)
		req_field_error(r, "start", _("Write the time as hours and minutes, for example 09:30."));
	if (req_has(r, "end") && ws_hm(req_str(r, "end")) < 0)
		req_field_error(r, "end", _("Write the time as hours and minutes, for example 09:30."));
	long long activity = partner ? 0 : req_int(r, "activity");
	if (activity && !db_int(db_read(), 0, "SELECT count(*) FROM activities WHERE id = ?1 AND (?2 = 0 OR office_id = ?2)",
				"II", activity, (long long)ws_office(r)))
		req_field_error(r, "activity", _("Choose an activity of your office."));
	/* one value per item listed (60 at most), "" for those left at none */
	const char *eq[64];
	int ne = req_form_values(r, "equip", eq, 64);
	for (int i = 0; i < ne; i++) {
		if (!*eq[i])
			continue;   /* an item left at "none" */
		if (in->nequip == LIMIT_WS_EQUIPMENT) {
			req_field_error(r, "equip", _("Choose among the equipment listed."));
			break;
		}
		/* "ID:N" (N of the item), or "ID" for one */
		char *end;
		long long v = strtoll(eq[i], &end, 10), count = 1;
		if (*end == ':')
			count = strtoll(end + 1, &end, 10);
		if (*end || v <= 0 || v > ID_MAX || count < 1 || count > LIMIT_WS_ITEM_COUNT) {
			req_field_error(r, "equip", _("Choose among the equipment listed."));
			break;
		}
		int k = 0;
		while (k < in->nequip && m.equip[k] != v)
			k++;
		if (k < in->nequip) {   /* the same item twice: one line of the total */
			m.counts[k] += (int)count;
			continue;
		}
		m.equip[in->nequip] = v;
		m.counts[in->nequip++] = (int)count;
	}
	if (req_has(r, "repeat") && req_int(r, "repeat") != WS_ONCE && !req_has(r, "until") && !req_has(r, "times"))
		req_field_error(r, "until", _("Give the last day or a number of times."));
	if (r->nerrors) {
		r->status = 400;
		booking_new_page(r);
		return;
	}
	if (req_has(r, "on_conflict") && req_int(r, "on_conflict") == 1) {
		req_flash(r, _("The series was dropped: nothing was booked."));
		req_redirect(r, "/bookings");
		return;
	}
	const char *day = req_str(r, "day");
	in->room_id = room;
	in->office_id = room ? 0 : ws_office(r);
	in->start = arena_printf(&r->arena, "%sT%s", day, req_str(r, "start"));
	in->end = arena_printf(&r->arena, "%sT%s", day, req_str(r, "end"));
	in->purpose = req_str(r, "purpose");
	in->attendees = (int)req_int(r, "attendees");
	in->kind = partner ? "partner" : activity ? "center" : "staff";
	in->org_id = partner ? r->user->org_id : 0;
	in->activity_id = activity;
	in->actor = r->user->id;
	in->approve = !partner && (r->user->perms & PERM_WS_MANAGE) != 0;
	in->equip = m.equip;
	in->equip_count = m.counts;
	in->freq = (enum ws_freq)req_int(r, "repeat");
	in->until = req_str(r, "until");
	in->times = (int)req_int(r, "times");
	in->skip_taken = req_has(r, "on_conflict") && req_int(r, "on_conflict") == 0;
	int rc = db_write(make_fn, &m);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (m.res.code != WS_OK) {
		r->status = m.res.code == WS_E_TAKEN || m.res.code == WS_E_EQUIPMENT || m.res.code == WS_E_SERIES ? 409 : 400;
		req_field_error(r, field_of(&m.res), ws_result_message(r, &m.res));
		page_begin(r, _("Ask for a room"));
		html_fmt(&r->out, "<p class=\"back\"><a href=\"/bookings\">%s</a></p><h1>%s</h1>", _("Room bookings"),
			 _("Ask for a room"));
		booking_form(r, &m.res);
		page_end(r);
		return;
	}
	if (m.res.made > 1)
		req_flash(r, arena_printf(&r->arena, i18n_ngettext("%d date was booked.", "%d dates were booked.", m.res.made),
					  m.res.made));
	else
		req_flash(r, in->approve ? _("The room is booked.") : _("Your request was sent to the space coordinator."));
	req_redirect(r, arena_printf(&r->arena, "/bookings/%lld", (long long)m.res.id));
}

/* ---- one booking ---- */

static const char SQL_ONE[] =
	"SELECT b.start_at, b.end_at, b.status, b.purpose, b.attendees, b.requester_kind, coalesce(r.name, ''),"
	" f.name_ar, f.name_en, coalesce(o.name_ar, ''), b.public_name, b.public_phone, b.public_initiative,"
	" coalesce(a.title, ''), coalesce(b.activity_id, 0), coalesce(b.series_id, 0), b.refusal_reason,"
	" coalesce(nullif(u.display_name, ''), u.name, ''), b.created_at, coalesce(b.created_by, 0),"
	" coalesce(nullif(dd.display_name, ''), dd.name, ''), b.decided_at, coalesce(b.room_id, 0)"
	" FROM bookings b JOIN offices f ON f.id = b.office_id LEFT JOIN rooms r ON r.id = b.room_id"
	" LEFT JOIN orgs o ON o.id = b.org_id LEFT JOIN activities a ON a.id = b.activity_id"
	" LEFT JOIN users u ON u.id = b.created_by LEFT JOIN users dd ON dd.id = b.decided_by WHERE b.id = ?1";
static const char SQL_ITEMS[] =
	"SELECT e.name, be.count FROM booking_equipment be JOIN equipment e ON e.id = be.equipment_id"
	" WHERE be.booking_id = ?1 ORDER BY e.name";
static const char SQL_SERIES_COUNT[] =
	"SELECT count(*) FROM bookings WHERE series_id = ?1 AND status IN ('requested', 'approved')";

static void fact(struct strbuf *o, const char *label, const char *value)
{
	html_fmt(o, "<dt>%s</dt><dd>%s</dd>", label, value);
}

/* May the user cancel it?  Its requester, a partner of its organization,
 * or the coordinator. */
static int may_cancel(struct req *r, long long created_by)
{
	return (r->user->perms & PERM_WS_MANAGE) || created_by == r->user->id || ws_is_partner(r);
}

void booking_page(struct req *r)
{
	long long id = req_int(r, "id");
	if (!ws_booking_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_ONE, "I", id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *start = arena_strdup(&r->arena, db_text(st, 0)), *end = arena_strdup(&r->arena, db_text(st, 1));
	const char *status = arena_strdup(&r->arena, db_text(st, 2));
	long long series = sqlite3_column_int64(st, 15), created_by = sqlite3_column_int64(st, 19);
	long long room = sqlite3_column_int64(st, 22);
	page_begin(r, _("Room booking"));
	html_fmt(o, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("workspace.css"));
	html_fmt(o, "<p class=\"back\"><a href=\"/bookings\">%s</a></p><h1>%s</h1>", _("Room bookings"), _("Room booking"));
	html_raw(o, "<p>");
	ws_status_badge(o, status);
	html_raw(o, "</p><dl class=\"facts\">");
	if (room && !ws_is_partner(r))
		html_fmt(o, "<dt>%s</dt><dd><a href=\"/rooms/%lld\">%s</a></dd>", _("Room"), room, db_text(st, 6));
	else
		fact(o, _("Room"), *db_text(st, 6) ? db_text(st, 6) : _("Equipment only"));
	fact(o, _("Office"), db_text(st, ws_ar() ? 7 : 8));
	html_fmt(o, "<dt>%s</dt><dd>", _("When"));
	ws_day(o, start);
	html_raw(o, " ");
	ws_span(o, start, end);
	html_raw(o, "</dd>");
	fact(o, _("Purpose"), db_text(st, 3));
	html_fmt(o, "<dt>%s</dt><dd>", _("Expected attendees"));
	fmt_int(o, sqlite3_column_int(st, 4));
	html_raw(o, "</dd>");
	const char *kind = db_text(st, 5);
	fact(o, _("Requester"), ws_kind_label(kind));
	if (*db_text(st, 9))
		fact(o, _("Organization"), db_text(st, 9));
	if (*db_text(st, 10)) {
		fact(o, _("Name"), db_text(st, 10));
		if (!ws_is_partner(r)) {
			html_fmt(o, "<dt>%s</dt><dd>", _("Phone"));
			html_ltr(o, db_text(st, 11));
			html_raw(o, "</dd>");
		}
		if (*db_text(st, 12))
			fact(o, _("Initiative"), db_text(st, 12));
	}
	if (sqlite3_column_int64(st, 14))
		fact(o, _("Activity"), db_text(st, 13));
	if (*db_text(st, 17))
		fact(o, _("Asked by"), db_text(st, 17));
	html_fmt(o, "<dt>%s</dt><dd>", _("Asked on"));
	date_format_time(o, sqlite3_column_int64(st, 18));
	html_raw(o, "</dd>");
	if (sqlite3_column_type(st, 21) != SQLITE_NULL) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Decided"));
		date_format_time(o, sqlite3_column_int64(st, 21));
		if (*db_text(st, 20))
			html_fmt(o, " — %s", db_text(st, 20));
		html_raw(o, "</dd>");
	}
	if (*db_text(st, 16))
		fact(o, _("Reason of the refusal"), db_text(st, 16));
	sqlite3_reset(st);
	st = db_q(d, SQL_ITEMS, "I", id);
	int ni = 0;
	while (db_row(st) == 1) {
		if (!ni++)
			html_fmt(o, "<dt>%s</dt><dd>", _("Equipment"));
		else
			html_raw(o, ws_ar() ? "، " : ", ");
		html_fmt(o, "%s", db_text(st, 0));
		if (sqlite3_column_int(st, 1) > 1) {
			html_raw(o, " ×");
			fmt_int(o, sqlite3_column_int(st, 1));
		}
	}
	if (ni)
		html_raw(o, "</dd>");
	if (series) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Series"));
		fmt_int(o, db_int(d, 0, SQL_SERIES_COUNT, "I", series));
		html_fmt(o, " %s</dd>", _("dates still booked or asked for"));
	}
	html_raw(o, "</dl>");
	int open = strcmp(status, "requested") == 0 || strcmp(status, "approved") == 0;
	if (r->route->method == M_GET || req_declares(r, "person"))
		person_link_section(r, id);
	if (strcmp(status, "requested") == 0 && (r->user->perms & PERM_WS_MANAGE)) {
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Decide"));
		form_button(r, arena_printf(&r->arena, "/bookings/%lld/approve", id), _("Approve"), NULL, NULL, NULL);
		form_error_summary(r);
		form_begin(r, arena_printf(&r->arena, "/bookings/%lld/refuse", id), "form");
		form_input(r, "reason", _("Reason of the refusal"), "text", "", 1, _("The requester sees it"));
		form_end(r, _("Refuse"));
		html_raw(o, "</section>");
	}
	if (open && may_cancel(r, created_by)) {
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Cancel"));
		form_begin(r, arena_printf(&r->arena, "/bookings/%lld/cancel", id), "form");
		if (series) {
			const char *labels[] = { _("This date only"), _("The dates from … to …"), _("The whole series") };
			form_radios(r, "what", _("What to cancel"), ws_cancel_keys, labels, 3, "one");
			form_input(r, "from", _("From"), "date", "", 0, NULL);
			form_input(r, "to", _("To"), "date", "", 0, NULL);
		}
		form_end(r, _("Cancel the booking"));
		html_raw(o, "</section>");
	}
	page_end(r);
}

struct decide {
	struct req *r;
	long long id;
	int approve;
	const char *reason;
	struct ws_result res;
};

static int decide_fn(struct db *w, void *arg)
{
	struct decide *a = arg;
	if (ws_booking_decide(w, a->r->user->id, a->id, a->approve, a->reason, &a->res) < 0)
		return -1;
	return a->res.code == WS_OK ? 0 : 1;
}

static void decide(struct req *r, int approve)
{
	long long id = req_int(r, "id");
	if (!ws_booking_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		booking_page(r);
		return;
	}
	struct decide a = { r, id, approve, approve ? "" : req_str(r, "reason"), { 0 } };
	int rc = db_write(decide_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (a.res.code != WS_OK) {
		r->status = 409;
		req_flash(r, ws_result_message(r, &a.res));
		booking_page(r);
		return;
	}
	req_flash(r, approve ? _("The booking was approved.") : _("The request was refused."));
	req_redirect(r, arena_printf(&r->arena, "/bookings/%lld", id));
}

void booking_approve_submit(struct req *r)
{
	decide(r, 1);
}

void booking_refuse_submit(struct req *r)
{
	decide(r, 0);
}

struct cancel {
	struct req *r;
	long long id;
	int what;
	const char *from, *to;
	struct ws_result res;
};

static int cancel_fn(struct db *w, void *arg)
{
	struct cancel *a = arg;
	if (ws_booking_cancel(w, a->r->user->id, a->id, a->what, a->from, a->to, &a->res) < 0)
		return -1;
	return a->res.code == WS_OK ? 0 : 1;
}

static const char SQL_CREATOR[] = "SELECT coalesce(created_by, 0) FROM bookings WHERE id = ?1";

void booking_cancel_submit(struct req *r)
{
	long long id = req_int(r, "id");
	if (!ws_booking_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	if (!may_cancel(r, db_int(db_read(), 0, SQL_CREATOR, "I", id))) {
		req_error(r, 403);
		return;
	}
	int what = req_has(r, "what") ? (int)req_int(r, "what") : 0;
	if (what == 1 && (!req_has(r, "from") || !req_has(r, "to")))
		req_field_error(r, "from", _("Give the first and the last day to cancel."));
	if (r->nerrors) {
		r->status = 400;
		booking_page(r);
		return;
	}
	struct cancel a = { r, id, what, req_str(r, "from"), req_str(r, "to"), { 0 } };
	int rc = db_write(cancel_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (a.res.code != WS_OK) {
		r->status = 409;
		req_flash(r, ws_result_message(r, &a.res));
		booking_page(r);
		return;
	}
	req_flash(r, arena_printf(&r->arena, i18n_ngettext("%d booking was cancelled.", "%d bookings were cancelled.",
							   a.res.made), a.res.made));
	req_redirect(r, arena_printf(&r->arena, "/bookings/%lld", id));
}
