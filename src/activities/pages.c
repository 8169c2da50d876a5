/* pages — the list of activities, the form that adds or changes one, and an
 * activity's page: what it is, its sessions (each with its attendance
 * list), the people registered and the forms that run it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "auth/audit.h"
#include "auth/users.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

static int ar(void)
{
	return i18n_lang() == LANG_AR;
}

/* ---- the list ---- */

/* ?1 scope office, ?2 office filter, ?3 kind, ?4 from, ?5 to */
#define LIST_WHERE \
	" WHERE (?1 = 0 OR a.office_id = ?1) AND (?2 = 0 OR a.office_id = ?2) AND (?3 = '' OR a.kind = ?3)" \
	" AND (?4 = '' OR a.last_day >= ?4) AND (?5 = '' OR a.first_day <= ?5)"
static const char SQL_COUNT[] = "SELECT count(*) FROM activities a" LIST_WHERE;
static const char SQL_PAGE[] =
	"SELECT a.id, a.title, a.kind, a.first_day, a.last_day, f.name_ar, f.name_en,"
	" (SELECT count(*) FROM activity_people p WHERE p.activity_id = a.id AND p.status <> 'waiting')"
	" FROM activities a JOIN offices f ON f.id = a.office_id" LIST_WHERE
	" ORDER BY a.first_day DESC, a.id DESC LIMIT ?6 OFFSET ?7";
static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";

/* A period "12 آذار 2026 – 14 آذار 2026" from two ISO days (either may be ""). */
void act_days(struct strbuf *o, const char *first, const char *last)
{
	int y, m, d;
	if (date_parse_iso(first, &y, &m, &d) == 0) {
		html_bdi_begin(o, 0);
		date_format(o, y, m, d);
		html_bdi_end(o);
	}
	if (strcmp(first, last) != 0 && date_parse_iso(last, &y, &m, &d) == 0) {
		html_raw(o, " – ");
		html_bdi_begin(o, 0);
		date_format(o, y, m, d);
		html_bdi_end(o);
	}
}

/* <select> of the offices, "" first labelled none_label. */
static void office_select(struct req *r, const char *name, const char *label, long long selected, const char *none_label)
{
	struct strbuf *o = &r->out;
	const char *typed = req_form_raw(r, name);
	if (typed)
		selected = strtoll(typed, NULL, 10);
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">",
		 req_error_for(r, name) ? " has-error" : "", name, label, name, name);
	if (none_label)
		html_fmt(o, "<option value=\"\">%s</option>", none_label);
	sqlite3_stmt *st = db_q(db_read(), SQL_OFFICES, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		html_fmt(o, "<option value=\"%lld\"%s>%s</option>", id, id == selected ? " selected" : "",
			 db_text(st, ar() ? 1 : 2));
	}
	html_raw(o, "</select>");
	if (req_error_for(r, name))
		html_fmt(o, "<p class=\"error\">%s</p>", req_error_for(r, name));
	html_raw(o, "</div>");
}

void activities_list(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	long long scope = act_office(r), office = req_int(r, "office"), page = req_has(r, "page") ? req_int(r, "page") : 1;
	const char *kind = req_str(r, "kind"), *from = req_str(r, "from"), *to = req_str(r, "to");
	long long total = db_int(d, 0, SQL_COUNT, "IIttt", scope, office, kind, from, to);
	page_begin(r, _("Activities"));
	html_fmt(o, "<h1>%s</h1>", _("Activities"));
	if (r->user->perms & PERM_ACT_WRITE)
		html_fmt(o, "<p class=\"actions\"><a class=\"button\" href=\"/activities/new\">%s</a> "
			 "<a href=\"/calendar\">%s</a></p>", _("Add an activity"), _("Calendar links"));
	html_raw(o, "<form method=\"get\" action=\"/activities\" class=\"filters\">");
	vocab_select(r, "kind", _("Kind"), &activity_kinds, kind, VOCAB_ANY);
	if (!scope)
		office_select(r, "office", _("Office"), office, _("Any"));
	html_fmt(o, "<div class=\"field\"><label for=\"f-from\">%s</label><input id=\"f-from\" name=\"from\" type=\"date\" value=\"%s\"></div>",
		 _("From"), from);
	html_fmt(o, "<div class=\"field\"><label for=\"f-to\">%s</label><input id=\"f-to\" name=\"to\" type=\"date\" value=\"%s\"></div>",
		 _("To"), to);
	html_fmt(o, "<button>%s</button></form>", _("Show"));
	const char *cols[] = { _("Title"), _("Kind"), _("Dates"), _("Office"), _("Participants"), NULL };
	int n = 0;
	sqlite3_stmt *st = db_q(d, SQL_PAGE, "IItttII", scope, office, kind, from, to, (long long)LIMIT_PAGE_ROWS,
				(page - 1) * LIMIT_PAGE_ROWS);
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/activities/%lld", (long long)sqlite3_column_int64(st, 0)), db_text(st, 1));
		cell_text(r, vocab_label(&activity_kinds, db_text(st, 2)));
		cell_begin(r);
		act_days(o, db_text(st, 3), db_text(st, 4));
		cell_end(r);
		cell_text(r, db_text(st, ar() ? 5 : 6));
		cell_int(r, sqlite3_column_int64(st, 7));
		row_end(r);
	}
	if (n)
		table_end(r);
	else if (*kind || office || *from || *to)
		empty_state(r, _("No activity matches these filters."), "/activities", _("Clear the filters"));
	else
		empty_state(r, _("No activity yet."), (r->user->perms & PERM_ACT_WRITE) ? "/activities/new" : NULL,
			    _("Add an activity"));
	struct strbuf q = STRBUF_INIT;
	static const char *const keep[] = { "kind", "office", "from", "to", NULL };
	query_keep(r, &q, keep);
	pager(r, "/activities", sb_str(&q), page, total, LIMIT_PAGE_ROWS);
	sb_release(&q);
	page_end(r);
}

/* ---- the form ---- */

static const char SQL_ACT[] =
	"SELECT kind, title, office_id, room, facilitators, target_group, capacity, threshold, first_day, last_day"
	" FROM activities WHERE id = ?1";
static const char SQL_DIMS[] = "SELECT dimension FROM activity_dimensions WHERE activity_id = ?1";
static const char SQL_TRAINERS[] = "SELECT user_id FROM activity_trainers WHERE activity_id = ?1";
/* who may be named a trainer: active staff who run activities, of the office (0 all) */
static const char SQL_STAFF[] =
	"SELECT id, CASE WHEN display_name <> '' THEN display_name ELSE name END FROM users"
	" WHERE disabled = 0 AND role IN ('trainer', 'program_officer', 'director') AND (?1 = 0 OR office_id = ?1"
	" OR office_id IS NULL) ORDER BY 2";

static void activity_form(struct req *r, long long id)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	const char *kind = "training", *title = "", *room = "", *facilitators = "", *target = "";
	long long office = act_office(r), capacity = 0, threshold = 75;
	const char *checked_dims[ACT_DIMENSIONS];
	int ndims = 0;
	const char *checked_tr[64];
	int ntr = 0;
	if (id) {
		sqlite3_stmt *st = db_q(d, SQL_ACT, "I", id);
		if (db_row(st) == 1) {
			kind = arena_strdup(&r->arena, db_text(st, 0));
			title = arena_strdup(&r->arena, db_text(st, 1));
			office = sqlite3_column_int64(st, 2);
			room = arena_strdup(&r->arena, db_text(st, 3));
			facilitators = arena_strdup(&r->arena, db_text(st, 4));
			target = arena_strdup(&r->arena, db_text(st, 5));
			capacity = sqlite3_column_int(st, 6);
			threshold = sqlite3_column_int(st, 7);
			sqlite3_reset(st);
		}
		st = db_q(d, SQL_DIMS, "I", id);
		while (db_row(st) == 1)
			if (ndims < ACT_DIMENSIONS)
				checked_dims[ndims++] = arena_strdup(&r->arena, db_text(st, 0));
			else
				continue;
		st = db_q(d, SQL_TRAINERS, "I", id);
		while (db_row(st) == 1)
			if (ntr < 64)
				checked_tr[ntr++] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
	}
	if (r->method == M_POST) {
		ndims = req_form_values(r, "dims", checked_dims, ACT_DIMENSIONS);
		ntr = req_form_values(r, "trainers", checked_tr, 64);
	}
	form_error_summary(r);
	form_begin(r, id ? arena_printf(&r->arena, "/activities/%lld", id) : "/activities", "form");
	vocab_select(r, "kind", _("Kind"), &activity_kinds, kind, 0);
	form_input(r, "title", _("Title"), "text", title, 1, NULL);
	if (!act_office(r))
		office_select(r, "office", _("Office"), office, NULL);
	form_input(r, "room", _("Room or place"), "text", room, 0, NULL);
	/* the trainers among daam's users, then others by name */
	const char *tkeys[64], *tlabels[64];
	int nt = 0;
	sqlite3_stmt *st = db_q(d, SQL_STAFF, "I", act_office(r));
	while (db_row(st) == 1)
		if (nt < 64) {
			tkeys[nt] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
			tlabels[nt++] = arena_strdup(&r->arena, db_text(st, 1));
		}
	if (nt)
		form_checks(r, "trainers", _("Trainers"), tkeys, tlabels, nt, checked_tr, ntr);
	form_input(r, "facilitators", _("Other trainers and facilitators"), "text", facilitators, 0,
		   _("Names, separated by commas"));
	form_input(r, "target_group", _("Target group"), "text", target, 0, _("For example: members of women's initiatives"));
	const char *dim_labels[ACT_DIMENSIONS];
	for (int i = 0; i < ACT_DIMENSIONS; i++)
		dim_labels[i] = _(activity_dimensions.labels[i]);
	form_checks(r, "dims", _("Dimensions it builds"), dimension_keys, dim_labels, ACT_DIMENSIONS, checked_dims, ndims);
	form_input(r, "capacity", _("Places"), "number", capacity ? arena_printf(&r->arena, "%lld", capacity) : "", 0,
		   _("Leave empty for no limit; when it is full, people go on a waiting list"));
	form_input(r, "threshold", _("Attendance needed for a certificate (%)"), "number",
		   arena_printf(&r->arena, "%lld", threshold), 0, NULL);
	if (!id) {
		html_fmt(o, "<fieldset class=\"group-fields\"><legend>%s</legend>", _("First session (optional)"));
		form_input(r, "day", _("Date"), "date", "", 0, NULL);
		form_input(r, "start", _("Starts at"), "time", "", 0, NULL);
		form_input(r, "end", _("Ends at"), "time", "", 0, NULL);
		html_raw(o, "</fieldset>");
	}
	form_end(r, id ? _("Save") : _("Add the activity"));
}

void activity_new_page(struct req *r)
{
	page_begin(r, _("Add an activity"));
	html_fmt(&r->out, "<h1>%s</h1>", _("Add an activity"));
	activity_form(r, 0);
	page_end(r);
}

void activity_edit_page(struct req *r)
{
	long long id = req_int(r, "id");
	if (!act_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	page_begin(r, _("Change the activity"));
	html_fmt(&r->out, "<h1>%s</h1>", _("Change the activity"));
	activity_form(r, id);
	page_end(r);
}

/* "HH:MM" or "" */
int act_time_ok(const char *t)
{
	if (!*t)
		return 1;
	return strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' && t[2] == ':' && t[3] >= '0'
	       && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' && (t[0] < '2' || t[1] <= '3');
}

struct act_write {
	struct req *r;
	int64_t id;
	struct activity_in in;
	int64_t trainers[64];
	int64_t session;
};

static int act_fn(struct db *w, void *arg)
{
	struct act_write *a = arg;
	struct req *r = a->r;
	int64_t id = activity_save(w, r->user->id, a->id, &a->in);
	if (id < 0)
		return a->id ? 1 : -1;
	a->id = id;
	if (req_declares(r, "day") && *req_str(r, "day")) {
		a->session = session_add(w, id, req_str(r, "day"), req_str(r, "start"), req_str(r, "end"));
		if (a->session < 0)
			return -1;
	}
	return 0;
}

/* Reads and checks the form; 0, or 1 after recording the errors. */
static int read_form(struct req *r, struct act_write *a)
{
	struct activity_in *in = &a->in;
	memset(in, 0, sizeof *in);
	in->kind = req_str(r, "kind");
	in->title = req_str(r, "title");
	in->room = req_str(r, "room");
	in->facilitators = req_str(r, "facilitators");
	in->target_group = req_str(r, "target_group");
	in->capacity = (int)req_int(r, "capacity");
	in->threshold = req_has(r, "threshold") ? (int)req_int(r, "threshold") : 75;
	in->office_id = act_office(r) ? act_office(r) : req_int(r, "office");
	if (!act_office(r) && !r->nerrors && !office_exists(db_read(), in->office_id))
		req_field_error(r, "office", _("Choose the office."));
	const char *dims[ACT_DIMENSIONS + 4];
	int nd = req_form_values(r, "dims", dims, ACT_DIMENSIONS + 4);
	for (int i = 0; i < nd; i++) {
		int k = 0;
		while (dimension_keys[k] && strcmp(dimension_keys[k], dims[i]) != 0)
			k++;
		if (!dimension_keys[k]) {
			req_field_error(r, "dims", _("Choose among the dimensions listed."));
			break;
		}
		if (in->ndims < ACT_DIMENSIONS)
			in->dims[in->ndims++] = dimension_keys[k];
	}
	const char *tr[64];
	int nt = req_form_values(r, "trainers", tr, 64);
	for (int i = 0; i < nt; i++) {
		char *end;
		long long v = strtoll(tr[i], &end, 10);
		if (*end || v <= 0) {
			req_field_error(r, "trainers", _("Choose among the trainers listed."));
			break;
		}
		a->trainers[in->ntrainers++] = v;
	}
	in->trainers = a->trainers;
	if (req_declares(r, "day")) {
		if (!act_time_ok(req_str(r, "start")))
			req_field_error(r, "start", _("Write the time as hours and minutes, for example 09:30."));
		if (!act_time_ok(req_str(r, "end")))
			req_field_error(r, "end", _("Write the time as hours and minutes, for example 09:30."));
	}
	return r->nerrors ? 1 : 0;
}

void activity_create_submit(struct req *r)
{
	struct act_write a = { r, 0, { 0 }, { 0 }, 0 };
	if (read_form(r, &a)) {
		r->status = 400;
		activity_new_page(r);
		return;
	}
	if (db_write(act_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The activity was added."));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld", (long long)a.id));
}

void activity_update_submit(struct req *r)
{
	long long id = req_int(r, "id");
	if (!act_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	struct act_write a = { r, id, { 0 }, { 0 }, 0 };
	if (read_form(r, &a)) {
		r->status = 400;
		activity_edit_page(r);
		return;
	}
	int rc = db_write(act_fn, &a);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("Saved."));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld", id));
}

/* ---- sessions ---- */

struct session_write {
	struct req *r;
	int64_t activity, id;
};

static int session_fn(struct db *w, void *arg)
{
	struct session_write *s = arg;
	struct req *r = s->r;
	s->id = session_add(w, s->activity, req_str(r, "day"), req_str(r, "start"), req_str(r, "end"));
	if (s->id < 0)
		return -1;
	return audit_write(w, r->user->id, "add_session", "activity", s->activity,
			   arena_printf(&r->arena, "session=%lld day=%s", (long long)s->id, req_str(r, "day")));
}

void session_create_submit(struct req *r)
{
	long long id = req_int(r, "id");
	if (!act_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	if (!r->nerrors && !act_time_ok(req_str(r, "start")))
		req_field_error(r, "start", _("Write the time as hours and minutes, for example 09:30."));
	if (!r->nerrors && !act_time_ok(req_str(r, "end")))
		req_field_error(r, "end", _("Write the time as hours and minutes, for example 09:30."));
	if (!r->nerrors && *req_str(r, "end") && strcmp(req_str(r, "end"), req_str(r, "start")) < 0)
		req_field_error(r, "end", _("The session ends before it starts."));
	if (r->nerrors) {
		r->status = 400;
		activity_page(r);
		return;
	}
	struct session_write s = { r, id, 0 };
	if (db_write(session_fn, &s) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The session was added."));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld#sessions", id));
}

/* ---- the activity's page ---- */

static const char SQL_ACT_PAGE[] =
	"SELECT a.kind, a.title, a.room, a.facilitators, a.target_group, a.capacity, a.threshold, a.first_day,"
	" a.last_day, f.name_ar, f.name_en FROM activities a JOIN offices f ON f.id = a.office_id WHERE a.id = ?1";
static const char SQL_TRAINER_NAMES[] =
	"SELECT CASE WHEN u.display_name <> '' THEN u.display_name ELSE u.name END FROM activity_trainers t"
	" JOIN users u ON u.id = t.user_id WHERE t.activity_id = ?1 ORDER BY 1";
static const char SQL_SESSIONS[] =
	"SELECT s.id, s.day, s.start_time, s.end_time, (SELECT count(*) FROM attendance a WHERE a.session_id = s.id)"
	" FROM activity_sessions s WHERE s.activity_id = ?1 ORDER BY s.day, s.start_time, s.id";
static const char SQL_NSESSIONS[] = "SELECT count(*) FROM activity_sessions WHERE activity_id = ?1";

static void fact(struct strbuf *o, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	html_fmt(o, "<dt>%s</dt><dd><bdi>%s</bdi></dd>", label, value);
}

void activity_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	long long id = req_int(r, "id");
	if (!act_visible(r, id)) {
		req_error(r, 404);
		return;
	}
	sqlite3_stmt *st = db_q(d, SQL_ACT_PAGE, "I", id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *kind = arena_strdup(&r->arena, db_text(st, 0)), *title = arena_strdup(&r->arena, db_text(st, 1)),
		   *room = arena_strdup(&r->arena, db_text(st, 2)), *facil = arena_strdup(&r->arena, db_text(st, 3)),
		   *target = arena_strdup(&r->arena, db_text(st, 4)), *first = arena_strdup(&r->arena, db_text(st, 7)),
		   *last = arena_strdup(&r->arena, db_text(st, 8)),
		   *office = arena_strdup(&r->arena, db_text(st, ar() ? 9 : 10));
	int capacity = sqlite3_column_int(st, 5), threshold = sqlite3_column_int(st, 6);
	sqlite3_reset(st);
	int write = (r->user->perms & PERM_ACT_WRITE) != 0;

	page_begin(r, title);
	html_fmt(o, "<p class=\"back\"><a href=\"/activities\">%s</a></p>", _("Activities"));
	html_fmt(o, "<h1><bdi>%s</bdi></h1>", title);
	form_error_summary(r);
	html_raw(o, "<section class=\"card\"><dl class=\"facts\">");
	fact(o, _("Kind"), _(vocab_label(&activity_kinds, kind)));
	fact(o, _("Office"), office);
	if (*first) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Dates"));
		act_days(o, first, last);
		html_raw(o, "</dd>");
	}
	fact(o, _("Room or place"), room);
	struct strbuf names = STRBUF_INIT;
	st = db_q(d, SQL_TRAINER_NAMES, "I", id);
	while (db_row(st) == 1) {
		if (names.len)
			sb_adds(&names, "، ");
		sb_adds(&names, db_text(st, 0));
	}
	if (*facil) {
		if (names.len)
			sb_adds(&names, "، ");
		sb_adds(&names, facil);
	}
	fact(o, _("Trainers"), sb_str(&names));
	sb_release(&names);
	fact(o, _("Target group"), target);
	struct strbuf dims = STRBUF_INIT;
	st = db_q(d, SQL_DIMS, "I", id);
	while (db_row(st) == 1) {
		if (dims.len)
			sb_adds(&dims, "، ");
		sb_adds(&dims, _(vocab_label(&activity_dimensions, db_text(st, 0))));
	}
	fact(o, _("Dimensions it builds"), sb_str(&dims));
	sb_release(&dims);
	if (capacity) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Places"));
		fmt_int(o, capacity);
		html_raw(o, "</dd>");
	}
	html_fmt(o, "<dt>%s</dt><dd>", _("Attendance needed for a certificate"));
	html_bdi_begin(o, 1);
	fmt_int(o, threshold);
	html_raw(o, "%");
	html_bdi_end(o);
	html_raw(o, "</dd></dl>");
	if (write)
		html_fmt(o, "<p class=\"actions\"><a href=\"/activities/%lld/edit\">%s</a></p>", id, _("Change"));
	html_raw(o, "</section>");

	/* sessions */
	html_fmt(o, "<section class=\"card\" id=\"sessions\"><h2>%s</h2>", _("Sessions"));
	const char *cols[] = { _("Date"), _("Time"), _("Present"), _("Attendance"), NULL };
	int n = 0;
	st = db_q(d, SQL_SESSIONS, "I", id);
	while (db_row(st) == 1) {
		long long sid = sqlite3_column_int64(st, 0);
		int y, m, dd;
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_begin(r);
		if (date_parse_iso(db_text(st, 1), &y, &m, &dd) == 0)
			date_format(o, y, m, dd);
		cell_end(r);
		cell_begin(r);
		if (*db_text(st, 2)) {
			html_bdi_begin(o, 1);
			fmt_digits(o, db_text(st, 2));
			if (*db_text(st, 3)) {
				html_raw(o, "–");
				fmt_digits(o, db_text(st, 3));
			}
			html_bdi_end(o);
		}
		cell_end(r);
		cell_int(r, sqlite3_column_int64(st, 4));
		if (write)
			cell_link(r, arena_printf(&r->arena, "/sessions/%lld", sid), _("Take attendance"));
		else
			cell_text(r, "");
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No session yet. Add the first below."), NULL, NULL);
	if (write) {
		html_fmt(o, "<details class=\"inline-edit\"%s><summary>%s</summary>", r->nerrors && req_declares(r, "day") && !req_declares(r, "title") ? " open" : "",
			 _("Add a session"));
		form_begin(r, arena_printf(&r->arena, "/activities/%lld/sessions", id), "form");
		form_input(r, "day", _("Date"), "date", "", 1, NULL);
		form_input(r, "start", _("Starts at"), "time", "", 0, NULL);
		form_input(r, "end", _("Ends at"), "time", "", 0, NULL);
		form_end(r, _("Add the session"));
		html_raw(o, "</details>");
	}
	html_raw(o, "</section>");
	participants_section(r, id, (int)db_int(d, 0, SQL_NSESSIONS, "I", id), threshold);
	plan_links_section(r, id);
	page_end(r);
}
