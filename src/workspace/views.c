/* views — a room's page with its week, and an office's schedule of all its
 * rooms by day or by week.  Plain lists of days (a grid of seven columns on
 * a laptop, one column on a phone) moved with links: no JavaScript. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "workspace/pages.h"
#include "workspace/perms.h"
#include "workspace/workspace.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/assets.h"
#include "http/request.h"
#include "core/banned.h"

/* The first day (Sunday) of the week holding day, and the day after the
 * seventh. */
void ws_week_of(const char *day, char first[11], char after[11])
{
	int y, m, d;
	if (date_parse_iso(day, &y, &m, &d) < 0 || ws_day_add(day, -ws_weekday(y, m, d), first) < 0)
		snprintf(first, 11, "%s", day);
	if (ws_day_add(first, 7, after) < 0)
		snprintf(after, 11, "%s", first);
}

/* The day asked for (?day=), or today. */
static void asked_day(struct req *r, char out[11])
{
	if (req_has(r, "day"))
		snprintf(out, 11, "%s", req_str(r, "day"));
	else
		ws_today(out);
}

/* The days first … first+ndays-1 with the bookings st returns (ordered by
 * start), each under its day's heading. */
static void days_list(struct req *r, sqlite3_stmt *st, const char *first, int ndays, int show_room)
{
	struct strbuf *o = &r->out;
	char day[11];
	snprintf(day, sizeof day, "%s", first);
	int has = db_row(st);
	html_fmt(o, "<div class=\"ws-days%s\">", ndays == 7 ? " ws-week" : "");
	for (int i = 0; i < ndays; i++) {
		int y, m, d;
		date_parse_iso(day, &y, &m, &d);
		html_fmt(o, "<section class=\"ws-day\"><h3>%s <span class=\"ws-date\">", ws_weekday_label(ws_weekday(y, m, d)));
		ws_day(o, day);
		html_raw(o, "</span></h3><ul class=\"ws-items\">");
		int n = 0;
		while (has == 1 && strncmp(db_text(st, 2), day, 10) < 0)
			has = db_row(st);
		while (has == 1 && strncmp(db_text(st, 2), day, 10) == 0) {
			const char *status = db_text(st, 4);
			html_fmt(o, "<li class=\"ws-item ws-%s\"><a href=\"/bookings/%lld\">", status,
				 (long long)sqlite3_column_int64(st, 0));
			ws_span(o, db_text(st, 2), db_text(st, 3));
			html_raw(o, "</a> ");
			if (show_room)
				html_fmt(o, "<strong>%s</strong> ", *db_text(st, 9) ? db_text(st, 9) : _("Equipment only"));
			html_bdi(o, db_text(st, 10));
			html_raw(o, " ");
			ws_status_badge(o, status);
			html_raw(o, "</li>");
			n++;
			has = db_row(st);
		}
		if (!n)
			html_fmt(o, "<li class=\"ws-free\">%s</li>", _("Nothing booked"));
		html_raw(o, "</ul></section>");
		char next[11];
		if (ws_day_add(day, 1, next) < 0)
			break;
		memcpy(day, next, sizeof day);
	}
	html_raw(o, "</div>");
	if (has == 1)
		sqlite3_reset(st);
}

/* "‹ Previous week · This week · Next week ›" links to base?day=… (base
 * ends with '?' or '&') */
void ws_move_links(struct req *r, const char *base, const char *day, int step)
{
	struct strbuf *o = &r->out;
	char prev[11], next[11], today[11];
	ws_day_add(day, -step, prev);
	ws_day_add(day, step, next);
	ws_today(today);
	html_fmt(o, "<nav class=\"pager ws-move\" aria-label=\"%s\">", step == 7 ? _("Weeks") : _("Days"));
	html_fmt(o, "<a rel=\"prev\" href=\"%sday=%s\">%s</a>", base, prev, step == 7 ? _("Previous week") : _("Previous day"));
	html_fmt(o, "<a href=\"%sday=%s\">%s</a>", base, today, _("Today"));
	html_fmt(o, "<a rel=\"next\" href=\"%sday=%s\">%s</a>", base, next, step == 7 ? _("Next week") : _("Next day"));
	html_raw(o, "</nav>");
}

static const char SQL_ROOM[] =
	"SELECT r.name, r.capacity, r.opens, r.closes, r.closed_days, r.active, f.name_ar, f.name_en, r.office_id"
	" FROM rooms r JOIN offices f ON f.id = r.office_id WHERE r.id = ?1";

void room_page(struct req *r)
{
	long long id = req_int(r, "id");
	if (!ws_room_visible(r, id) || ws_is_partner(r)) {
		req_error(r, 404);
		return;
	}
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_ROOM, "I", id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *name = arena_strdup(&r->arena, db_text(st, 0));
	int capacity = sqlite3_column_int(st, 1);
	const char *opens = arena_strdup(&r->arena, db_text(st, 2)), *closes = arena_strdup(&r->arena, db_text(st, 3));
	const char *closed = arena_strdup(&r->arena, db_text(st, 4));
	int active = sqlite3_column_int(st, 5);
	const char *office = arena_strdup(&r->arena, db_text(st, ws_ar() ? 6 : 7));
	sqlite3_reset(st);
	page_begin(r, name);
	html_fmt(o, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("workspace.css"));
	html_fmt(o, "<p class=\"back\"><a href=\"/rooms\">%s</a></p><h1>%s</h1>", _("Rooms"), name);
	html_raw(o, "<dl class=\"facts\">");
	html_fmt(o, "<dt>%s</dt><dd>%s</dd>", _("Office"), office);
	html_fmt(o, "<dt>%s</dt><dd>", _("Capacity"));
	fmt_int(o, capacity);
	html_fmt(o, "</dd><dt>%s</dt><dd>", _("Opening hours"));
	html_bdi_begin(o, 1);
	fmt_digits(o, opens);
	html_raw(o, "–");
	fmt_digits(o, closes);
	html_bdi_end(o);
	html_fmt(o, "</dd><dt>%s</dt><dd>", _("Closed on"));
	int any = 0;
	for (const char *p = closed; *p; p++)
		html_fmt(o, "%s%s", any++ ? (ws_ar() ? "، " : ", ") : "", ws_weekday_label(*p - '0'));
	if (!any)
		html_raw(o, "—");
	html_fmt(o, "</dd><dt>%s</dt><dd>%s</dd></dl>", _("State"), active ? _("In use") : _("Deactivated"));
	html_raw(o, "<p class=\"actions\">");
	if (active && (r->user->perms & PERM_WS_REQUEST))
		html_fmt(o, "<a class=\"button\" href=\"/bookings/new?room=%lld\">%s</a>", id, _("Book this room"));
	if (r->user->perms & PERM_WS_MANAGE)
		html_fmt(o, "<a class=\"button secondary\" href=\"/rooms/%lld/edit\">%s</a>", id, _("Change the room"));
	html_raw(o, "</p>");
	char day[11], first[11], after[11];
	asked_day(r, day);
	ws_week_of(day, first, after);
	html_fmt(o, "<h2>%s</h2>", _("The week"));
	char *base = arena_printf(&r->arena, "/rooms/%lld?", id);
	ws_move_links(r, base, first, 7);
	days_list(r, ws_room_bookings_q(d, id, first, after, 0), first, 7, 0);
	page_end(r);
}

const char *const ws_view_keys[] = { "week", "day", NULL };

void schedule_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	long long office = ws_office(r) ? ws_office(r) : req_int(r, "office");
	int week = !req_has(r, "view") || req_int(r, "view") == 0;
	char day[11], first[11], after[11];
	asked_day(r, day);
	if (week)
		ws_week_of(day, first, after);
	else {
		snprintf(first, sizeof first, "%s", day);
		ws_day_add(day, 1, after);
	}
	page_begin(r, _("Room schedule"));
	html_fmt(o, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("workspace.css"));
	html_fmt(o, "<h1>%s</h1>", _("Room schedule"));
	/* the filters: office (staff of all offices), day or week */
	html_raw(o, "<form method=\"get\" action=\"/schedule\" class=\"filters\">");
	if (!ws_office(r)) {
		html_fmt(o, "<div class=\"field\"><label for=\"f-office\">%s</label><select id=\"f-office\" name=\"office\">"
			    "<option value=\"\">%s</option>", _("Office"), _("All offices"));
		sqlite3_stmt *st = db_q(d, "SELECT id, name_ar, name_en FROM offices ORDER BY id", "");
		while (db_row(st) == 1) {
			long long oid = sqlite3_column_int64(st, 0);
			html_fmt(o, "<option value=\"%lld\"%s>%s</option>", oid, oid == office ? " selected" : "",
				 db_text(st, ws_ar() ? 1 : 2));
		}
		html_raw(o, "</select></div>");
	}
	html_fmt(o, "<div class=\"field\"><label for=\"f-day\">%s</label><input id=\"f-day\" type=\"date\" name=\"day\" value=\"%s\"></div>",
		 _("Day"), day);
	html_fmt(o, "<div class=\"field\"><label for=\"f-view\">%s</label><select id=\"f-view\" name=\"view\">"
		    "<option value=\"week\"%s>%s</option><option value=\"day\"%s>%s</option></select></div>",
		 _("Show"), week ? " selected" : "", _("The week"), week ? "" : " selected", _("The day"));
	html_fmt(o, "<button type=\"submit\">%s</button></form>", _("Show"));
	char *base = arena_printf(&r->arena, "/schedule?view=%s&%s", week ? "week" : "day",
				  office && !ws_office(r) ? arena_printf(&r->arena, "office=%lld&", office) : "");
	ws_move_links(r, base, first, week ? 7 : 1);
	days_list(r, ws_office_bookings_q(d, office, first, after, 0), first, week ? 7 : 1, 1);
	page_end(r);
}
