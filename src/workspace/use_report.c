/* use_report — the use of the rooms for those who report on it (staff and
 * donors: figures only, no requester's name): for a period and an office,
 * the hours of the approved bookings by who booked (partner organizations,
 * initiatives, individuals, the center's activities, staff), by month and
 * by room, as tables and bar charts drawn by the server, and the same
 * tables as an XLSX workbook.  The period is in whole months, read from
 * room_use_months (migration 027), which triggers keep on every write of a
 * booking: a few thousand rows for years of bookings. */
#include <stdio.h>
#include <string.h>
#include "workspace/pages.h"
#include "workspace/perms.h"
#include "workspace/workspace.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/chart.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/xlsx_out.h"
#include "http/request.h"
#include "core/banned.h"

#define USE_KINDS 5        /* ws_kind_keys: staff, partner, initiative, individual, center */
#define USE_MAX_ROOMS 120  /* rooms listed (the rest under "other rooms") */
#define USE_MAX_MONTHS 61  /* a period of five years */

struct use_room {
	int64_t id;               /* 0: equipment alone; -1: the other rooms */
	const char *name, *office;
	long minutes, bookings;
};
struct use_month {
	char month[8];            /* YYYY-MM */
	long minutes[USE_KINDS], total;
};
struct use {
	long minutes[USE_KINDS], bookings[USE_KINDS], total, nbookings;
	struct use_room room[USE_MAX_ROOMS + 1];
	int nrooms;
	struct use_month month[USE_MAX_MONTHS];
	int nmonths;
};

/* ?1 ?2 the months [from, to] (YYYY-MM); ?3 the office (0 all).  Rows by
 * room, month and kind of requester: 0 room id (0 none), 1 room name,
 * 2 office name (ar), 3 (en), 4 YYYY-MM, 5 kind, 6 minutes, 7 bookings. */
static const char SQL_USE[] =
	"SELECT u.room_id, coalesce(r.name, ''), f.name_ar, f.name_en, u.month, u.kind, u.minutes, u.bookings"
	" FROM room_use_months u JOIN offices f ON f.id = u.office_id LEFT JOIN rooms r ON r.id = u.room_id"
	" WHERE u.bookings > 0 AND u.month >= ?1 AND u.month <= ?2 AND (?3 = 0 OR u.office_id = ?3)"
	" ORDER BY 3, 2, 1, 5";
static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";

static int kind_index(const char *key)
{
	for (int k = 0; k < USE_KINDS; k++)
		if (strcmp(ws_kind_keys[k], key) == 0)
			return k;
	return 0;
}

/* 1 for a month written YYYY-MM */
static int month_ok(const char *m)
{
	return strlen(m) == 7 && m[4] == '-' && m[0] >= '1' && m[0] <= '2' && m[1] >= '0' && m[1] <= '9' && m[2] >= '0'
	       && m[2] <= '9' && m[3] >= '0' && m[3] <= '9' && ((m[5] == '0' && m[6] >= '1' && m[6] <= '9')
							      || (m[5] == '1' && m[6] >= '0' && m[6] <= '2'));
}

/* The months asked for (from / to, YYYY-MM, included), by default this
 * year up to this month; given the wrong way round, turned.  -1 after a
 * field error for a month written otherwise. */
static int period(struct req *r, char from[8], char to[8])
{
	char today[11];
	ws_today(today);
	snprintf(to, 8, "%.7s", req_has(r, "to") ? req_str(r, "to") : today);
	if (req_has(r, "from"))
		snprintf(from, 8, "%.7s", req_str(r, "from"));
	else
		snprintf(from, 8, "%.4s-01", to);
	int bad = 0;
	if (req_has(r, "from") && (!month_ok(from) || strlen(req_str(r, "from")) != 7)) {
		req_field_error(r, "from", _("Write a month as 2026-03 (the year, then the month)."));
		bad = 1;
	}
	if (req_has(r, "to") && (!month_ok(to) || strlen(req_str(r, "to")) != 7)) {
		req_field_error(r, "to", _("Write a month as 2026-03 (the year, then the month)."));
		bad = 1;
	}
	if (bad)
		return -1;
	if (strcmp(from, to) > 0) {
		char t[8];
		memcpy(t, from, 8);
		memcpy(from, to, 8);
		memcpy(to, t, 8);
	}
	return 0;
}

/* The office the user may report on: theirs, or the one asked (0 all);
 * -1 when they asked for another office than theirs. */
static int64_t use_office(struct req *r)
{
	int64_t mine = ws_office(r);
	int64_t asked = req_has(r, "office") ? req_int(r, "office") : 0;
	if (mine > 0)
		return asked && asked != mine ? -1 : mine;
	return asked;
}

/* Reads the use of the months [from, to] into u; 0 or -1. */
static int use_read(struct req *r, const char *from, const char *to, int64_t office, struct use *u)
{
	memset(u, 0, sizeof *u);
	sqlite3_stmt *st = db_q(db_read(), SQL_USE, "ttI", from, to, (long long)office);
	if (!st)
		return -1;
	int rc, ar = ws_ar();
	while ((rc = db_row(st)) == 1) {
		int64_t room = sqlite3_column_int64(st, 0);
		const char *month = db_text(st, 4);
		int k = kind_index(db_text(st, 5));
		long minutes = (long)sqlite3_column_int64(st, 6), n = (long)sqlite3_column_int64(st, 7);
		u->minutes[k] += minutes;
		u->bookings[k] += n;
		u->total += minutes;
		u->nbookings += n;
		/* the room (rows come room by room) */
		struct use_room *ur = u->nrooms ? &u->room[u->nrooms - 1] : NULL;
		if (!ur || ur->id != room) {
			if (u->nrooms < USE_MAX_ROOMS) {
				ur = &u->room[u->nrooms++];
				ur->id = room;
				ur->name = room ? arena_strdup(&r->arena, db_text(st, 1)) : _("Equipment only");
				ur->office = arena_strdup(&r->arena, db_text(st, ar ? 2 : 3));
			} else {
				ur = &u->room[USE_MAX_ROOMS];
				ur->id = -1;
				ur->name = _("Other rooms");
				ur->office = "";
			}
		}
		ur->minutes += minutes;
		ur->bookings += n;
		/* the month, kept in order */
		int m = 0;
		while (m < u->nmonths && strcmp(u->month[m].month, month) < 0)
			m++;
		if (m == u->nmonths || strcmp(u->month[m].month, month) != 0) {
			if (u->nmonths == USE_MAX_MONTHS)
				continue;
			memmove(&u->month[m + 1], &u->month[m], (size_t)(u->nmonths - m) * sizeof *u->month);
			memset(&u->month[m], 0, sizeof *u->month);
			snprintf(u->month[m].month, sizeof u->month[m].month, "%.7s", month);
			u->nmonths++;
		}
		u->month[m].minutes[k] += minutes;
		u->month[m].total += minutes;
	}
	return rc < 0 ? -1 : 0;
}

/* Hours of minutes, one decimal, in the user's digits. */
static void hours(struct strbuf *o, long minutes)
{
	char t[32];
	snprintf(t, sizeof t, "%ld.%ld", minutes / 60, (minutes % 60) * 10 / 60);
	html_bdi_begin(o, 1);
	fmt_digits(o, t);
	html_bdi_end(o);
}

static void cell_hours(struct req *r, long minutes)
{
	cell_begin(r);
	hours(&r->out, minutes);
	cell_end(r);
}

/* "كانون الأول 2026" of YYYY-MM, the year in the user's digits */
static const char *month_label(struct req *r, const char *ym)
{
	struct strbuf sb = STRBUF_INIT;
	char year[8];
	snprintf(year, sizeof year, "%.4s", ym);
	sb_adds(&sb, date_month_name(((ym[5] - '0') * 10 + (ym[6] - '0')), i18n_lang()));
	sb_adds(&sb, " ");
	fmt_digits(&sb, year);
	const char *out = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	return out ? out : ym;
}

static void filters(struct req *r, const char *from, const char *to, int64_t office)
{
	struct strbuf *o = &r->out;
	html_raw(o, "<form method=\"get\" action=\"/rooms/use\" class=\"filters\">");
	static const char *const names[] = { "from", "to" };
	const char *labels[] = { _("From the month"), _("To the month") }, *values[] = { from, to };
	for (int i = 0; i < 2; i++) {
		const char *err = req_error_for(r, names[i]);
		html_fmt(o, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><input id=\"f-%s\" name=\"%s\" type=\"month\""
			 " placeholder=\"2026-03\" value=\"%s\"%s>", err ? " has-error" : "", names[i], labels[i], names[i], names[i],
			 req_has(r, names[i]) ? req_str(r, names[i]) : values[i], err ? " aria-invalid=\"true\"" : "");
		if (err)
			html_fmt(o, "<p class=\"error\">%s</p>", err);
		html_raw(o, "</div>");
	}
	if (ws_office(r) == 0) {
		html_fmt(o, "<div class=\"field\"><label for=\"f-office\">%s</label><select id=\"f-office\" name=\"office\">"
			 "<option value=\"\">%s</option>", _("Office"), _("All offices"));
		sqlite3_stmt *st = db_q(db_read(), SQL_OFFICES, "");
		while (db_row(st) == 1) {
			long long id = sqlite3_column_int64(st, 0);
			html_fmt(o, "<option value=\"%lld\"%s>%s</option>", id, id == office ? " selected" : "",
				 db_text(st, ws_ar() ? 1 : 2));
		}
		html_raw(o, "</select></div>");
	}
	html_fmt(o, "<button>%s</button></form>", _("Show"));
}

void use_page(struct req *r)
{
	struct strbuf *o = &r->out;
	char from[8], to[8];
	int bad = period(r, from, to) < 0;
	int64_t office = use_office(r);
	struct use *u = arena_alloc(&r->arena, sizeof *u);
	if (office < 0) {
		req_error(r, 404);
		return;
	}
	if (!u || (!bad && use_read(r, from, to, office, u) < 0)) {
		req_error(r, 503);
		return;
	}
	page_begin(r, _("Use of the rooms"));
	if (bad) {   /* the form again, with what was wrong */
		r->status = 400;
		html_fmt(o, "<h1>%s</h1>", _("Use of the rooms"));
		filters(r, from, to, office);
		page_end(r);
		return;
	}
	html_fmt(o, "<h1>%s</h1><p>%s</p>", _("Use of the rooms"),
		 _("Hours of the approved bookings in the months chosen, by who booked, by month and by room."));
	filters(r, from, to, office);
	html_raw(o, "<div class=\"tiles\"><div class=\"tile\"><b>");
	hours(o, u->total);
	html_fmt(o, "</b><span>%s</span></div><div class=\"tile\"><b>", _("Hours booked"));
	fmt_int(o, u->nbookings);
	html_fmt(o, "</b><span>%s</span></div></div>", _("Bookings"));
	html_fmt(o, "<p class=\"exports\"><a href=\"/rooms/use.xlsx?from=%s&amp;to=%s", from, to);
	if (office)
		html_fmt(o, "&amp;office=%lld", (long long)office);
	html_fmt(o, "\" download>%s</a></p>", _("Download as Excel (XLSX)"));
	if (!u->nbookings) {
		empty_state(r, _("No approved booking in this period."), NULL, NULL);
		page_end(r);
		return;
	}

	/* by who booked */
	const char *labels[USE_MAX_ROOMS + USE_MAX_MONTHS + 1];
	long long values[USE_MAX_ROOMS + USE_MAX_MONTHS + 1];
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("By who booked"));
	const char *kcols[] = { _("Booked by"), _("Hours"), _("Bookings"), NULL };
	table_begin(r, kcols);
	for (int k = 0; k < USE_KINDS; k++) {
		row_begin(r);
		cell_text(r, ws_kind_label(ws_kind_keys[k]));
		cell_hours(r, u->minutes[k]);
		cell_int(r, u->bookings[k]);
		row_end(r);
		labels[k] = ws_kind_label(ws_kind_keys[k]);
		values[k] = (u->minutes[k] + 30) / 60;
	}
	table_end(r);
	chart_bars(r, _("Hours by who booked"), labels, values, USE_KINDS);
	html_raw(o, "</section>");

	/* by month */
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("By month"));
	const char *mcols[] = { _("Month"), ws_kind_label("partner"), ws_kind_label("initiative"), ws_kind_label("individual"),
				ws_kind_label("center"), ws_kind_label("staff"), _("All"), NULL };
	static const int order[] = { 1, 2, 3, 4, 0 };
	table_begin(r, mcols);
	for (int m = 0; m < u->nmonths; m++) {
		row_begin(r);
		labels[m] = month_label(r, u->month[m].month);
		values[m] = (u->month[m].total + 30) / 60;
		cell_text(r, labels[m]);
		for (int i = 0; i < USE_KINDS; i++)
			cell_hours(r, u->month[m].minutes[order[i]]);
		cell_hours(r, u->month[m].total);
		row_end(r);
	}
	table_end(r);
	chart_bars(r, _("Hours by month"), labels, values, u->nmonths);
	html_raw(o, "</section>");

	/* by room */
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("By room"));
	const char *rcols[] = { _("Room"), _("Office"), _("Hours"), _("Bookings"), NULL };
	table_begin(r, rcols);
	int nr = u->nrooms + (u->room[USE_MAX_ROOMS].bookings > 0);
	for (int i = 0; i < nr; i++) {
		const struct use_room *ur = i < u->nrooms ? &u->room[i] : &u->room[USE_MAX_ROOMS];
		row_begin(r);
		if (ur->id > 0 && (r->user->perms & PERM_WS_READ))   /* a donor has the figures only */
			cell_link(r, arena_printf(&r->arena, "/rooms/%lld", (long long)ur->id), ur->name);
		else
			cell_text(r, ur->name);
		cell_text(r, ur->office);
		cell_hours(r, ur->minutes);
		cell_int(r, ur->bookings);
		row_end(r);
		/* rooms of several offices may share a name */
		const char *both = office || !*ur->office ? NULL : arena_printf(&r->arena, "%s · %s", ur->name, ur->office);
		labels[i] = both ? both : ur->name;
		values[i] = (ur->minutes + 30) / 60;
	}
	table_end(r);
	chart_bars(r, _("Hours by room"), labels, values, nr);
	html_raw(o, "</section>");
	page_end(r);
}

/* The three tables on one sheet, under the period. */
static void write_sheet(struct xlsx_out *xo, const char *from, const char *to, const struct use *u)
{
	lxw_worksheet *ws = xo->ws;
	lxw_format *bold = xo->bold;
	lxw_format *num = workbook_add_format(xo->wb);
	format_set_num_format(num, "0.0");
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 7, 14, NULL);
	lxw_row_t y = 0;
	worksheet_write_string(ws, y++, 0, _("Use of the rooms"), bold);
	worksheet_write_string(ws, y, 0, _("From"), NULL);
	worksheet_write_string(ws, y++, 1, from, NULL);
	worksheet_write_string(ws, y, 0, _("To"), NULL);
	worksheet_write_string(ws, y++, 1, to, NULL);
	worksheet_write_string(ws, y, 0, _("Hours booked"), bold);
	worksheet_write_number(ws, y++, 1, (double)u->total / 60.0, num);
	worksheet_write_string(ws, y, 0, _("Bookings"), bold);
	worksheet_write_number(ws, y++, 1, (double)u->nbookings, NULL);

	y++;
	worksheet_write_string(ws, y, 0, _("Booked by"), bold);
	worksheet_write_string(ws, y, 1, _("Hours"), bold);
	worksheet_write_string(ws, y++, 2, _("Bookings"), bold);
	for (int k = 0; k < USE_KINDS; k++) {
		worksheet_write_string(ws, y, 0, ws_kind_label(ws_kind_keys[k]), NULL);
		worksheet_write_number(ws, y, 1, (double)u->minutes[k] / 60.0, num);
		worksheet_write_number(ws, y++, 2, (double)u->bookings[k], NULL);
	}

	y++;
	worksheet_write_string(ws, y, 0, _("Month"), bold);
	for (int k = 0; k < USE_KINDS; k++)
		worksheet_write_string(ws, y, (lxw_col_t)(k + 1), ws_kind_label(ws_kind_keys[k]), bold);
	worksheet_write_string(ws, y++, USE_KINDS + 1, _("All"), bold);
	for (int m = 0; m < u->nmonths; m++) {
		worksheet_write_string(ws, y, 0, u->month[m].month, NULL);
		for (int k = 0; k < USE_KINDS; k++)
			worksheet_write_number(ws, y, (lxw_col_t)(k + 1), (double)u->month[m].minutes[k] / 60.0, num);
		worksheet_write_number(ws, y++, USE_KINDS + 1, (double)u->month[m].total / 60.0, num);
	}

	y++;
	worksheet_write_string(ws, y, 0, _("Room"), bold);
	worksheet_write_string(ws, y, 1, _("Office"), bold);
	worksheet_write_string(ws, y, 2, _("Hours"), bold);
	worksheet_write_string(ws, y++, 3, _("Bookings"), bold);
	int nr = u->nrooms + (u->room[USE_MAX_ROOMS].bookings > 0);
	for (int i = 0; i < nr; i++) {
		const struct use_room *ur = i < u->nrooms ? &u->room[i] : &u->room[USE_MAX_ROOMS];
		/* a room's name is typed by staff: written as a string, never a formula */
		worksheet_write_string(ws, y, 0, ur->name, NULL);
		worksheet_write_string(ws, y, 1, ur->office, NULL);
		worksheet_write_number(ws, y, 2, (double)ur->minutes / 60.0, num);
		worksheet_write_number(ws, y++, 3, (double)ur->bookings, NULL);
	}
}

void use_xlsx(struct req *r)
{
	char from[8], to[8];
	if (period(r, from, to) < 0) {
		req_error(r, 400);
		return;
	}
	int64_t office = use_office(r);
	struct use *u = arena_alloc(&r->arena, sizeof *u);
	if (office < 0) {
		req_error(r, 404);
		return;
	}
	if (!u || use_read(r, from, to, office, u) < 0) {
		req_error(r, 503);
		return;
	}
	struct xlsx_out xo;
	if (xlsx_out_open(&xo) < 0) {
		req_error(r, 503);
		return;
	}
	write_sheet(&xo, from, to, u);
	xlsx_out_send(r, &xo, "daam-room-use.xlsx");
}
