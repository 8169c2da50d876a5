/* attend — a session's attendance list, made for a phone in a village hall:
 * one button per person, one tap marks them present (or takes the mark
 * back).  Without JavaScript each button is a small POST form and the page
 * comes back; with assets/attendance.js the tap is shown at once, queued in
 * the browser (localStorage) with an id of its own and sent when the link
 * allows, again until the server has answered.  The server keeps one row
 * per session and person whatever the number of sendings
 * (attendance_set), so no mark is lost or counted twice.  A walk-in is
 * chosen with the registry's person picker and marked present at once. */
#include <stdio.h>
#include <string.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "registry/perms.h"
#include "registry/picker.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/phone.h"
#include "core/utf8.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/assets.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_SESSION[] =
	"SELECT s.activity_id, s.day, s.start_time, s.end_time, a.title FROM activity_sessions s"
	" JOIN activities a ON a.id = s.activity_id WHERE s.id = ?1";
static const char SQL_LIST[] =
	"SELECT ap.person_id, p.name_ar, p.name_latin, ap.status,"
	" EXISTS (SELECT 1 FROM attendance x WHERE x.session_id = ?2 AND x.person_id = ap.person_id)"
	" FROM activity_people ap JOIN people p ON p.id = ap.person_id WHERE ap.activity_id = ?1"
	" ORDER BY ap.status = 'waiting', p.name_ar, ap.id LIMIT 1000";
static const char SQL_PRESENT[] = "SELECT count(*) FROM attendance WHERE session_id = ?1";

struct walk_pick {
	const char *words, *selected, *phone;
	int birth_year, confirm;
};
static _Thread_local const struct walk_pick *walk_back;

void attendance_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	long long sid = req_int(r, "id");
	int64_t activity = session_activity(r, sid);
	if (!activity) {
		req_error(r, 404);
		return;
	}
	sqlite3_stmt *st = db_q(d, SQL_SESSION, "I", sid);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *day = arena_strdup(&r->arena, db_text(st, 1)), *start = arena_strdup(&r->arena, db_text(st, 2)),
		   *title = arena_strdup(&r->arena, db_text(st, 4));
	sqlite3_reset(st);
	page_begin(r, _("Attendance"));
	html_fmt(o, "<p class=\"back\"><a href=\"/activities/%lld#sessions\"><bdi>%s</bdi></a></p>", (long long)activity,
		 title);
	html_fmt(o, "<h1>%s — ", _("Attendance"));
	act_days(o, day, day);
	if (*start) {
		html_raw(o, " <bdi dir=\"ltr\">");
		fmt_digits(o, start);
		html_raw(o, "</bdi>");
	}
	html_raw(o, "</h1>");
	form_error_summary(r);
	long long present = db_int(d, 0, SQL_PRESENT, "I", sid);
	/* the script updates this line and the queue's state below it */
	html_fmt(o, "<p class=\"attend-count\" id=\"attend-count\" data-label=\"%s\">", _("Present:"));
	html_fmt(o, "%s ", _("Present:"));
	fmt_int(o, present);
	html_raw(o, "</p><p class=\"attend-queue\" id=\"attend-queue\" role=\"status\" aria-live=\"polite\" hidden"
		    " data-waiting=\"");
	html_fmt(o, "%s\" data-sent=\"%s\" data-login=\"%s\"></p>", _("Marks waiting for the connection: "),
		 _("Every mark has been sent."), _("Sign in again in another tab to send the marks waiting here."));
	html_fmt(o, "<ul class=\"attend\" id=\"attend\" data-session=\"%lld\">", sid);
	int n = 0;
	st = db_q(d, SQL_LIST, "II", (long long)activity, sid);
	while (db_row(st) == 1) {
		long long pid = sqlite3_column_int64(st, 0);
		int here = sqlite3_column_int(st, 4);
		const char *name = i18n_lang() != LANG_AR && *db_text(st, 2) ? db_text(st, 2) : db_text(st, 1);
		n++;
		html_fmt(o, "<li class=\"%s\" id=\"p%lld\"><form method=\"post\" action=\"/sessions/%lld/attendance\" class=\"mark\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"person\" value=\"%lld\">"
			 "<input type=\"hidden\" name=\"present\" value=\"%d\">"
			 "<button aria-pressed=\"%s\" data-on=\"%s\" data-off=\"%s\"><span class=\"who\"><bdi>%s</bdi></span>"
			 "<span class=\"state\">%s</span></button></form>",
			 here ? "here" : "", pid, sid, form_csrf(r), pid, here ? 0 : 1, here ? "true" : "false",
			 _("Present ✓"), _("Tap when present"), name, here ? _("Present ✓") : _("Tap when present"));
		if (!strcmp(db_text(st, 3), "waiting"))
			html_fmt(o, "<span class=\"hint\">%s</span>", _("On the waiting list"));
		html_raw(o, "</li>");
	}
	html_raw(o, "</ul>");
	if (!n)
		empty_state(r, _("Nobody is registered yet. Add walk-ins below."), NULL, NULL);
	html_fmt(o, "<script src=\"%s\" defer></script>", asset_url("attendance.js"));
	attendance_import_form(r, sid);

	/* walk-ins */
	struct picker p = { .kind = PICK_PERSON, .field = "person", .q = "walk_q", .legend = _("Person"),
			    .page = arena_printf(&r->arena, "/sessions/%lld", sid),
			    .offer_new = (r->user->perms & PERM_PEOPLE_WRITE) != 0 };
	if (walk_back) {
		p.words = walk_back->words;
		p.selected = walk_back->selected;
		p.phone = walk_back->phone;
		p.birth_year = walk_back->birth_year;
		p.confirm = walk_back->confirm;
	}
	html_fmt(o, "<section class=\"card\" id=\"walkin\"><h2>%s</h2>", _("A walk-in"));
	picker_find_form(r, &p);
	form_begin(r, arena_printf(&r->arena, "/sessions/%lld/walkin", sid), "form");
	if (picker_field(r, &p) || r->method == M_POST)
		form_end(r, _("Mark present"));
	else
		form_end(r, NULL);
	html_raw(o, "</section>");
	page_end(r);
}

static const char SQL_ACT_OFFICE[] = "SELECT office_id FROM activities WHERE id = ?1";

struct mark {
	struct req *r;
	int64_t session, activity, person;
	int present, result;
	const char *name;
	int created;
};

static int mark_fn(struct db *w, void *arg)
{
	struct mark *m = arg;
	struct req *r = m->r;
	if (!m->person) {
		m->person = person_quick_add(w, r->user->id, m->name, "", 0,
					     db_int(w, 0, SQL_ACT_OFFICE, "I", (long long)m->activity));
		if (m->person <= 0)
			return -1;
		m->created = 1;
	}
	const char *mark_id = req_declares(r, "mark") ? req_str(r, "mark") : "";
	m->result = attendance_set(w, m->session, m->person, m->present, mark_id, r->user->id);
	if (m->result < 0)
		return m->result == -2 ? 1 : -1;
	if (m->result == 0)
		return 0;   /* already so: nothing to audit */
	return audit_write(w, r->user->id, m->present ? "mark_present" : "mark_absent", "activity", m->activity,
			   arena_printf(&r->arena, "session=%lld person=%lld%s%s", (long long)m->session,
					(long long)m->person, *mark_id ? " mark=" : "", mark_id));
}

static const char SQL_REGISTERED[] = "SELECT count(*) FROM activity_people WHERE activity_id = ?1 AND person_id = ?2";

void attendance_submit(struct req *r)
{
	long long sid = req_int(r, "id");
	int js = (int)req_int(r, "js");
	int64_t activity = session_activity(r, sid);
	if (!activity) {
		req_error(r, 404);
		return;
	}
	int64_t person = req_int(r, "person");
	/* only people registered for the activity, or whom the user may see (a walk-in) */
	if (r->nerrors || (!db_int(db_read(), 0, SQL_REGISTERED, "II", (long long)activity, (long long)person)
			   && !scope_sees_person(r, person))) {
		if (js) {
			req_json(r, 400, "{\"ok\":false}");
			return;
		}
		req_error(r, 400);
		return;
	}
	struct mark m = { r, sid, activity, person, req_has(r, "present") ? (int)req_int(r, "present") : 1, 0, NULL, 0 };
	int rc = db_write(mark_fn, &m);
	if (rc != 0) {
		if (js)
			req_json(r, 503, "{\"ok\":false}");
		else
			req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	if (js) {
		char body[96];
		snprintf(body, sizeof body, "{\"ok\":true,\"present\":%d,\"count\":%lld}", m.present,
			 db_int(db_read(), 0, SQL_PRESENT, "I", sid));
		r->is_private = 1;
		req_json(r, 200, body);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/sessions/%lld#p%lld", sid, (long long)person));
}

void walkin_submit(struct req *r)
{
	long long sid = req_int(r, "id");
	int64_t activity = session_activity(r, sid);
	if (!activity) {
		req_error(r, 404);
		return;
	}
	int chose = req_has(r, "person");
	int64_t person = req_int(r, "person");
	int is_new = chose && person == 0;
	const char *name = req_str(r, "walk_q");
	struct walk_pick wp = { name, is_new ? "0" : req_str(r, "person"), "", 0, 0 };
	walk_back = &wp;
	if (!r->nerrors && !chose)
		req_field_error(r, "person", *name ? _("Choose the person in the list, or the new person.")
						   : _("Type part of the person's name, press Find, then choose them in the list."));
	if (!r->nerrors && person && !scope_sees_person(r, person))
		req_field_error(r, "person", _("No person has this number."));
	if (!r->nerrors && is_new && !(r->user->perms & PERM_PEOPLE_WRITE))
		req_field_error(r, "person", _("Choose the person in the list, or the new person."));
	if (!r->nerrors && is_new && utf8_count(name, strlen(name)) < 2)
		req_field_error(r, "person", _("Type the new person's name, at least two letters, and press Find."));
	if (!r->nerrors && is_new && !req_int(r, "confirm_new") && picker_people_like(r, name, "", 0)) {
		req_field_error(r, "person", _("People with a similar name or the same phone are already registered. "
					       "Choose the person if they are one of them; if not, tick "
					       "«None of these» to add a new person."));
		wp.confirm = 1;
		r->status = 409;
	}
	if (r->nerrors) {
		if (r->status == 200 || !r->status)
			r->status = 400;
		attendance_page(r);
		walk_back = NULL;
		return;
	}
	walk_back = NULL;
	struct mark m = { r, sid, activity, person, 1, 0, name, 0 };
	if (db_write(mark_fn, &m) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, m.created ? _("A new person was registered and marked present.") : _("Marked present."));
	req_redirect(r, arena_printf(&r->arena, "/sessions/%lld#p%lld", sid, (long long)m.person));
}
