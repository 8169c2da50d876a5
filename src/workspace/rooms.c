/* rooms — the rooms and equipment an office lends: the list, the form that
 * adds or changes a room (name, capacity, opening hours, closed days,
 * active) and the equipment page.  Office admins and the space coordinator
 * (PERM_WS_MANAGE) change them, for their office only. */
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

static void styles(struct req *r)
{
	html_fmt(&r->out, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("workspace.css"));
}

/* "Sunday, Friday" of a room's closed days */
static const char *closed_text(struct req *r, const char *days)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = days; *p; p++)
		if (*p >= '0' && *p <= '6') {
			if (sb.len)
				sb_adds(&sb, ws_ar() ? "، " : ", ");
			sb_adds(&sb, ws_weekday_label(*p - '0'));
		}
	const char *out = arena_strdup(&r->arena, sb.len ? sb_str(&sb) : "—");
	sb_release(&sb);
	return out;
}

void rooms_list(struct req *r)
{
	struct strbuf *o = &r->out;
	int manage = (r->user->perms & PERM_WS_MANAGE) != 0;
	page_begin(r, _("Rooms"));
	styles(r);
	html_fmt(o, "<h1>%s</h1>", _("Rooms"));
	html_raw(o, "<p class=\"actions\">");
	html_fmt(o, "<a class=\"button\" href=\"/schedule\">%s</a>", _("Room schedule"));
	if (manage)
		html_fmt(o, "<a class=\"button secondary\" href=\"/rooms/new\">%s</a>"
			    "<a class=\"button secondary\" href=\"/equipment\">%s</a>",
			 _("Add a room"), _("Equipment"));
	if (manage)
		html_fmt(o, "<a class=\"button secondary\" href=\"/quotas\">%s</a>", _("Monthly quotas"));
	html_raw(o, "</p>");
	const char *cols[] = { _("Room"), _("Office"), _("Capacity"), _("Opening hours"), _("Closed on"), _("State"), NULL };
	int n = 0;
	sqlite3_stmt *st = ws_rooms_q(db_read(), ws_office(r), 0);
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		long long id = sqlite3_column_int64(st, 0);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/rooms/%lld", id), db_text(st, 2));
		cell_text(r, db_text(st, ws_ar() ? 8 : 9));
		cell_int(r, sqlite3_column_int(st, 3));
		cell_begin(r);
		html_bdi_begin(o, 1);
		fmt_digits(o, db_text(st, 4));
		html_raw(o, "–");
		fmt_digits(o, db_text(st, 5));
		html_bdi_end(o);
		cell_end(r);
		cell_text(r, closed_text(r, db_text(st, 6)));
		cell_text(r, sqlite3_column_int(st, 7) ? _("In use") : _("Deactivated"));
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No room yet."), manage ? "/rooms/new" : NULL, manage ? _("Add a room") : NULL);
	page_end(r);
}

static const char SQL_ROOM[] =
	"SELECT office_id, name, capacity, opens, closes, closed_days, active FROM rooms WHERE id = ?1";

static void room_form(struct req *r, long long id)
{
	long long office = ws_office(r), capacity = 0;
	const char *name = "", *opens = "08:00", *closes = "16:00";
	const char *closed[7] = { "5" };
	int nclosed = 1, active = 1;
	if (id) {
		sqlite3_stmt *st = db_q(db_read(), SQL_ROOM, "I", id);
		if (db_row(st) == 1) {
			office = sqlite3_column_int64(st, 0);
			name = arena_strdup(&r->arena, db_text(st, 1));
			capacity = sqlite3_column_int(st, 2);
			opens = arena_strdup(&r->arena, db_text(st, 3));
			closes = arena_strdup(&r->arena, db_text(st, 4));
			const char *days = db_text(st, 5);
			nclosed = 0;
			for (const char *p = days; *p && nclosed < 7; p++)
				closed[nclosed++] = arena_printf(&r->arena, "%c", *p);
			active = sqlite3_column_int(st, 6);
			sqlite3_reset(st);
		}
	}
	if (r->method == M_POST)
		nclosed = req_form_values(r, "closed", closed, 7);
	form_error_summary(r);
	form_begin(r, id ? arena_printf(&r->arena, "/rooms/%lld", id) : "/rooms", "form");
	form_input(r, "name", _("Name"), "text", name, 1, _("For example: the training hall"));
	ws_office_select(r, "office", office);
	form_input(r, "capacity", _("Capacity (people)"), "number", capacity ? arena_printf(&r->arena, "%lld", capacity) : "",
		   0, NULL);
	form_input(r, "opens", _("Opens at"), "time", opens, 1, NULL);
	form_input(r, "closes", _("Closes at"), "time", closes, 1, NULL);
	const char *labels[7];
	for (int i = 0; i < 7; i++)
		labels[i] = ws_weekday_label(i);
	form_checks(r, "closed", _("Closed on"), ws_weekday_keys, labels, 7, closed, nclosed);
	if (id) {
		int on = r->method == M_POST ? req_int(r, "active") != 0 : active;
		html_fmt(&r->out, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"%s> %s</label>"
				  "<p class=\"hint\">%s</p></div>",
			 on ? " checked" : "", _("In use"), _("Untick to deactivate the room: it can no longer be booked; its bookings are kept."));
	}
	form_end(r, id ? _("Save") : _("Add the room"));
}

void room_new_page(struct req *r)
{
	page_begin(r, _("Add a room"));
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/rooms\">%s</a></p><h1>%s</h1>", _("Rooms"), _("Add a room"));
	room_form(r, 0);
	page_end(r);
}

/* a room of the user's office, or 0 */
static int room_in_scope(struct req *r, long long id)
{
	return ws_room_visible(r, id) && !ws_is_partner(r);
}

void room_edit_page(struct req *r)
{
	long long id = req_int(r, "id");
	if (!room_in_scope(r, id)) {
		req_error(r, 404);
		return;
	}
	page_begin(r, _("Change the room"));
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/rooms/%lld\">%s</a></p><h1>%s</h1>", id, _("Back to the room"),
		 _("Change the room"));
	room_form(r, id);
	page_end(r);
}

struct room_write {
	struct req *r;
	long long id;
	struct ws_room_in in;
};

static int room_fn(struct db *w, void *arg)
{
	struct room_write *a = arg;
	int64_t id = ws_room_save(w, a->r->user->id, a->id, &a->in);
	if (id < 0)
		return -1;
	a->id = id;
	return 0;
}

static int read_room(struct req *r, struct room_write *a)
{
	struct ws_room_in *in = &a->in;
	in->name = req_str(r, "name");
	in->capacity = (int)req_int(r, "capacity");
	in->opens = req_str(r, "opens");
	in->closes = req_str(r, "closes");
	in->active = a->id ? req_int(r, "active") != 0 : 1;
	in->office_id = ws_office(r) ? ws_office(r) : req_int(r, "office");
	if (!ws_office(r) && !db_int(db_read(), 0, "SELECT count(*) FROM offices WHERE id = ?1", "I", (long long)in->office_id))
		req_field_error(r, "office", _("Choose the office."));
	int o = ws_hm(in->opens), c = ws_hm(in->closes);
	if (!req_error_for(r, "opens") && o < 0)
		req_field_error(r, "opens", _("Write the time as hours and minutes, for example 09:30."));
	if (!req_error_for(r, "closes") && c < 0)
		req_field_error(r, "closes", _("Write the time as hours and minutes, for example 09:30."));
	if (o >= 0 && c >= 0 && c <= o)
		req_field_error(r, "closes", _("The room must close after it opens."));
	const char *days[8];
	int nd = req_form_values(r, "closed", days, 8);
	char buf[8] = "";
	int nb = 0;
	for (int i = 0; i < nd; i++) {
		if (strlen(days[i]) != 1 || days[i][0] < '0' || days[i][0] > '6') {
			req_field_error(r, "closed", _("Choose among the days listed."));
			break;
		}
		if (!strchr(buf, days[i][0]) && nb < 7) {
			buf[nb++] = days[i][0];
			buf[nb] = 0;
		}
	}
	in->closed_days = arena_strdup(&r->arena, buf);
	return r->nerrors ? 1 : 0;
}

void room_create_submit(struct req *r)
{
	struct room_write a = { r, 0, { 0 } };
	if (read_room(r, &a)) {
		r->status = 400;
		room_new_page(r);
		return;
	}
	if (db_write(room_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The room was added."));
	req_redirect(r, arena_printf(&r->arena, "/rooms/%lld", a.id));
}

void room_update_submit(struct req *r)
{
	long long id = req_int(r, "id");
	if (!room_in_scope(r, id)) {
		req_error(r, 404);
		return;
	}
	struct room_write a = { r, id, { 0 } };
	if (read_room(r, &a)) {
		r->status = 400;
		room_edit_page(r);
		return;
	}
	if (db_write(room_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, a.in.active ? _("The room was saved.") : _("The room was deactivated."));
	req_redirect(r, arena_printf(&r->arena, "/rooms/%lld", id));
}

/* ---- equipment ---- */

static const char SQL_EQUIPMENT[] =
	"SELECT e.id, e.name, e.count, e.active, f.name_ar, f.name_en FROM equipment e JOIN offices f ON f.id = e.office_id"
	" WHERE (?1 = 0 OR e.office_id = ?1) ORDER BY e.office_id, e.active DESC, e.name";

void equipment_page(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Equipment"));
	html_fmt(o, "<p class=\"back\"><a href=\"/rooms\">%s</a></p><h1>%s</h1>", _("Rooms"), _("Equipment"));
	html_fmt(o, "<p>%s</p>", _("Items lent with a room or alone: a projector, laptops, a sound system."));
	const char *cols[] = { _("Item"), _("Office"), _("How many"), _("Change"), NULL };
	int n = 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_EQUIPMENT, "I", (long long)ws_office(r));
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		long long id = sqlite3_column_int64(st, 0);
		row_begin(r);
		cell_text(r, db_text(st, 1));
		cell_text(r, db_text(st, ws_ar() ? 4 : 5));
		cell_begin(r);
		fmt_int(o, sqlite3_column_int(st, 2));
		if (!sqlite3_column_int(st, 3))
			html_fmt(o, " (%s)", _("Deactivated"));
		cell_end(r);
		cell_action_begin(r);
		html_fmt(o, "<details><summary>%s</summary>", _("Change"));
		form_begin(r, arena_printf(&r->arena, "/equipment/%lld", id), "form");
		html_fmt(o, "<div class=\"field\"><label for=\"e%lld-name\">%s</label><input id=\"e%lld-name\" name=\"name\" value=\"%s\" required></div>",
			 id, _("Name"), id, db_text(st, 1));
		html_fmt(o, "<div class=\"field\"><label for=\"e%lld-count\">%s</label><input id=\"e%lld-count\" type=\"number\" name=\"count\" min=\"1\" value=\"%d\"></div>",
			 id, _("How many"), id, sqlite3_column_int(st, 2));
		html_fmt(o, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"%s> %s</label></div>",
			 sqlite3_column_int(st, 3) ? " checked" : "", _("In use"));
		form_end(r, _("Save"));
		html_raw(o, "</details>");
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No equipment yet."), NULL, NULL);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Add an item"));
	form_error_summary(r);
	form_begin(r, "/equipment", "form");
	form_input(r, "name", _("Name"), "text", "", 1, _("For example: projector"));
	ws_office_select(r, "office", ws_office(r));
	form_input(r, "count", _("How many"), "number", "1", 1, NULL);
	form_end(r, _("Add the item"));
	html_raw(o, "</section>");
	page_end(r);
}

struct equip_write {
	struct req *r;
	long long id, office;
	const char *name;
	int count, active;
};

static int equip_fn(struct db *w, void *arg)
{
	struct equip_write *a = arg;
	int64_t id = ws_equipment_save(w, a->r->user->id, a->id, a->office, a->name, a->count, a->active);
	return id < 0 ? -1 : 0;
}

void equipment_create_submit(struct req *r)
{
	struct equip_write a = { r, 0, ws_office(r) ? ws_office(r) : req_int(r, "office"), req_str(r, "name"),
				 (int)req_int(r, "count"), 1 };
	if (!ws_office(r) && !db_int(db_read(), 0, "SELECT count(*) FROM offices WHERE id = ?1", "I", a.office))
		req_field_error(r, "office", _("Choose the office."));
	if (r->nerrors) {
		r->status = 400;
		equipment_page(r);
		return;
	}
	if (db_write(equip_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The item was added."));
	req_redirect(r, "/equipment");
}

static const char SQL_EQUIP_OFFICE[] = "SELECT office_id FROM equipment WHERE id = ?1";

void equipment_update_submit(struct req *r)
{
	long long id = req_int(r, "id");
	long long office = db_int(db_read(), 0, SQL_EQUIP_OFFICE, "I", id);
	if (!office || (ws_office(r) && ws_office(r) != office)) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		equipment_page(r);
		return;
	}
	struct equip_write a = { r, id, office, req_str(r, "name"), (int)req_int(r, "count"), req_int(r, "active") != 0 };
	if (db_write(equip_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("Saved."));
	req_redirect(r, "/equipment");
}
