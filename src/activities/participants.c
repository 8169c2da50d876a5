/* participants — on an activity's page: the people registered (or waiting,
 * or who walked in), how many sessions each attended, their pre and post
 * test scores and the average gain, their certificates; and the form that
 * registers someone, chosen with the registry's person picker or added new
 * after the registry's duplicate check. */
#include <stdio.h>
#include <string.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "registry/perms.h"
#include "registry/picker.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "admin/sentence.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/phone.h"
#include "core/utf8.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

/* The picker's state when a registration came back (a duplicate warning):
 * set by participant_submit for the page it draws again. */
struct reg_pick {
	const char *words, *selected, *phone;
	int birth_year, confirm;
};
static _Thread_local const struct reg_pick *came_back;

static const char SQL_PEOPLE[] =
	"SELECT ap.person_id, p.name_ar, p.name_latin, ap.status, ap.attended, ap.pre_score, ap.post_score,"
	" (SELECT code FROM certificates c WHERE c.activity_id = ap.activity_id AND c.person_id = ap.person_id)"
	" FROM activity_people ap JOIN people p ON p.id = ap.person_id WHERE ap.activity_id = ?1"
	" ORDER BY ap.status = 'waiting', p.name_ar, ap.id LIMIT ?2";
static const char SQL_GAIN[] =
	"SELECT count(*), avg(post_score - pre_score) FROM activity_people"
	" WHERE activity_id = ?1 AND pre_score IS NOT NULL AND post_score IS NOT NULL";
#define PARTICIPANTS_SHOWN 1000

static void register_form(struct req *r, int64_t activity)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	struct picker p = { .kind = PICK_PERSON, .field = "person", .q = "reg_q", .legend = _("Person"),
			    .page = arena_printf(&r->arena, "/activities/%lld", (long long)activity),
			    .offer_new = (r->user->perms & PERM_PEOPLE_WRITE) != 0 };
	if (came_back) {
		p.words = came_back->words;
		p.selected = came_back->selected;
		p.phone = came_back->phone;
		p.birth_year = came_back->birth_year;
		p.confirm = came_back->confirm;
	}
	html_fmt(o, "<h3 id=\"register\">%s</h3>", _("Register a person"));
	picker_find_form(r, &p);
	form_begin(r, arena_printf(&r->arena, "/activities/%lld/people", (long long)activity), "form");
	if (!picker_field(r, &p) && r->method != M_POST) {
		form_end(r, NULL);
		return;
	}
	if (sc.personal && p.offer_new) {
		html_fmt(o, "<fieldset class=\"group-fields\"><legend>%s</legend>", _("If it is a new person (optional)"));
		form_input(r, "birth_year", _("Birth year"), "text", "", 0, NULL);
		form_input(r, "phone", _("Phone"), "tel", "", 0, _("For example 0944 123 456 or +963 944 123 456"));
		html_raw(o, "</fieldset>");
	}
	form_end(r, _("Register"));
}

void participants_section(struct req *r, int64_t activity, int nsessions, int threshold)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	int write = (r->user->perms & PERM_ACT_WRITE) != 0, certs = (r->user->perms & PERM_CERTS) != 0,
	    links = (r->user->perms & PERM_PEOPLE_READ) != 0;
	html_fmt(o, "<section class=\"card\" id=\"people\"><h2>%s</h2>", _("Participants"));
	const char *cols[] = { _("Name"), _("Status"), _("Sessions attended"), _("Pre-test"), _("Post-test"),
			       _("Certificate"), NULL };
	int n = 0, eligible = 0;
	sqlite3_stmt *st = db_q(d, SQL_PEOPLE, "Ii", (long long)activity, PARTICIPANTS_SHOWN);
	while (db_row(st) == 1) {
		long long pid = sqlite3_column_int64(st, 0);
		int attended = sqlite3_column_int(st, 4);
		const char *name = i18n_lang() != LANG_AR && *db_text(st, 2) ? db_text(st, 2) : db_text(st, 1);
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		/* a walk-in from another office is named, not linked: their record is not this user's to open */
		if (links && scope_sees_person(r, pid))
			cell_link(r, arena_printf(&r->arena, "/people/%lld", pid), name);
		else
			cell_text(r, name);
		cell_text(r, _(vocab_label(&participant_statuses, db_text(st, 3))));
		cell_begin(r);
		sentence(o, _("{n} of {total}"), "n", piece_num(r, attended), "total", piece_num(r, nsessions), NULL);
		cell_end(r);
		for (int c = 5; c <= 6; c++) {
			cell_begin(r);
			if (sqlite3_column_type(st, c) != SQLITE_NULL)
				fmt_int(o, sqlite3_column_int(st, c));
			cell_end(r);
		}
		int ok = nsessions > 0 && attended * 100 >= threshold * nsessions;
		eligible += ok;
		cell_action_begin(r);
		if (ok && certs) {
			html_fmt(o, "<a href=\"/activities/%lld/people/%lld/certificate.pdf\">%s</a> · "
				 "<a href=\"/activities/%lld/people/%lld/certificate.pdf?lang=en\">%s</a>",
				 (long long)activity, pid, _("Certificate (PDF)"), (long long)activity, pid, _("in English"));
		} else if (!ok) {
			html_fmt(o, "%s", _("Not yet eligible"));
		}
		if (write) {
			html_fmt(o, "<details class=\"inline-edit\"><summary>%s</summary>", _("Test scores…"));
			form_begin(r, arena_printf(&r->arena, "/activities/%lld/people/%lld/scores", (long long)activity, pid),
				   "form");
			html_fmt(o, "<div class=\"field\"><label for=\"pre%lld\">%s</label><input id=\"pre%lld\" name=\"pre\" "
				 "type=\"number\" min=\"0\" max=\"100\" value=\"%s\"></div>", pid, _("Pre-test"), pid,
				 sqlite3_column_type(st, 5) == SQLITE_NULL ? "" : db_text(st, 5));
			html_fmt(o, "<div class=\"field\"><label for=\"post%lld\">%s</label><input id=\"post%lld\" name=\"post\" "
				 "type=\"number\" min=\"0\" max=\"100\" value=\"%s\"></div>", pid, _("Post-test"), pid,
				 sqlite3_column_type(st, 6) == SQLITE_NULL ? "" : db_text(st, 6));
			html_fmt(o, "<button>%s</button></form></details>", _("Save"));
			if (!attended)
				form_confirm(r, arena_printf(&r->arena, "/activities/%lld/people/%lld/remove", (long long)activity, pid),
					     _("Take off…"), _("Take this person off the activity? The first on the waiting list "
							      "gets the place."), _("Take off"), NULL, NULL);
		}
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("Nobody is registered yet."), NULL, NULL);
	st = db_q(d, SQL_GAIN, "I", (long long)activity);
	if (db_row(st) == 1) {
		long long scored = sqlite3_column_int64(st, 0);
		if (scored > 0) {
			char gain[32];
			snprintf(gain, sizeof gain, "%+.1f", sqlite3_column_double(st, 1));
			html_fmt(o, "<p>%s <bdi dir=\"ltr\">", _("Average gain between the pre-test and the post-test:"));
			fmt_digits(o, gain);
			html_raw(o, "</bdi> (");
			html_fmt(o, i18n_ngettext("%lld participant with both scores", "%lld participants with both scores",
						  (long)scored), scored);
			html_raw(o, ")</p>");
		}
		sqlite3_reset(st);
	}
	if (certs && eligible)
		form_button(r, arena_printf(&r->arena, "/activities/%lld/certificates", (long long)activity),
			    _("All the certificates in one PDF"), NULL, NULL, "secondary");
	if (write)
		register_form(r, activity);
	html_raw(o, "</section>");
}

/* ---- registering ---- */

static const char SQL_ACT_OFFICE[] = "SELECT office_id FROM activities WHERE id = ?1";

struct reg_add {
	struct req *r;
	int64_t activity, person;
	const char *name, *phone;
	int birth_year, created, result;
};

static int reg_fn(struct db *w, void *arg)
{
	struct reg_add *a = arg;
	struct req *r = a->r;
	if (!a->person) {
		a->person = person_quick_add(w, r->user->id, a->name, a->phone, a->birth_year,
					     db_int(w, 0, SQL_ACT_OFFICE, "I", (long long)a->activity));
		if (a->person <= 0)
			return -1;
		a->created = 1;
	}
	a->result = participant_add(w, a->activity, a->person, 0);
	if (a->result < 0)
		return -1;
	if (a->result == 3)
		return 1;
	return audit_write(w, r->user->id, "register", "activity", a->activity,
			   arena_printf(&r->arena, "person=%lld%s", (long long)a->person, a->result == 2 ? " waiting" : ""));
}

void participant_submit(struct req *r)
{
	int64_t activity = req_int(r, "id");
	if (!act_visible(r, activity)) {
		req_error(r, 404);
		return;
	}
	int chose = req_has(r, "person");
	int64_t person = req_int(r, "person");
	int is_new = chose && person == 0;
	struct reg_add a = { r, activity, person, req_str(r, "reg_q"), req_str(r, "phone"), (int)req_int(r, "birth_year"),
			     0, 0 };
	struct reg_pick rp = { a.name, is_new ? "0" : req_str(r, "person"), a.phone, a.birth_year, 0 };
	came_back = &rp;
	if (!r->nerrors && !chose)
		req_field_error(r, "person", *a.name ? _("Choose the person in the list, or the new person.")
						     : _("Type part of the person's name, press Find, then choose them in the list."));
	if (!r->nerrors && person && !scope_sees_person(r, person))
		req_field_error(r, "person", _("No person has this number."));
	if (!r->nerrors && is_new && !(r->user->perms & PERM_PEOPLE_WRITE))
		req_field_error(r, "person", _("Choose the person in the list, or the new person."));
	if (!r->nerrors && is_new && utf8_count(a.name, strlen(a.name)) < 2)
		req_field_error(r, "person", _("Type the new person's name, at least two letters, and press Find."));
	char norm[64];
	if (!r->nerrors && is_new && *a.phone && phone_normalize(a.phone, norm, sizeof norm) < 0)
		req_field_error(r, "phone", _("This is not a phone number we can read."));
	if (!r->nerrors && is_new && !req_int(r, "confirm_new") && picker_people_like(r, a.name, a.phone, a.birth_year)) {
		req_field_error(r, "person", _("People with a similar name or the same phone are already registered. "
					       "Choose the person if they are one of them; if not, tick "
					       "«None of these» to add a new person."));
		rp.confirm = 1;
		r->status = 409;
	}
	if (r->nerrors) {
		if (!r->status || r->status == 200)
			r->status = 400;
		activity_page(r);
		came_back = NULL;
		return;
	}
	came_back = NULL;
	int rc = db_write(reg_fn, &a);
	if (rc > 0 && a.result == 3) {
		req_flash(r, _("This person is already registered for this activity."));
		req_redirect(r, arena_printf(&r->arena, "/activities/%lld#people", (long long)activity));
		return;
	}
	if (rc != 0) {
		req_error(r, 503);
		return;
	}
	req_flash_link(r, a.result == 2 ? _("The activity is full: this person is on the waiting list:")
					 : _("Registered:"),
		       arena_printf(&r->arena, "/people/%lld", (long long)a.person),
		       a.created ? a.name : person_name(r, db_read(), a.person));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld#people", (long long)activity));
}

/* ---- test scores ---- */

/* a score not given (-1) is NULL: not taken */
static const char SQL_SCORES[] =
	"UPDATE activity_people SET pre_score = CASE WHEN ?1 < 0 THEN NULL ELSE ?1 END,"
	" post_score = CASE WHEN ?2 < 0 THEN NULL ELSE ?2 END WHERE activity_id = ?3 AND person_id = ?4";

struct scores {
	struct req *r;
	int64_t activity, person;
};

static int scores_fn(struct db *w, void *arg)
{
	struct scores *s = arg;
	struct req *r = s->r;
	if (db_do(w, SQL_SCORES, "IIII", req_has(r, "pre") ? req_int(r, "pre") : -1LL,
		  req_has(r, "post") ? req_int(r, "post") : -1LL, (long long)s->activity, (long long)s->person) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	return audit_write(w, r->user->id, "scores", "activity", s->activity,
			   arena_printf(&r->arena, "person=%lld", (long long)s->person));
}

void scores_submit(struct req *r)
{
	int64_t activity = req_int(r, "id");
	if (!act_visible(r, activity)) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		activity_page(r);
		return;
	}
	struct scores s = { r, activity, req_int(r, "pid") };
	int rc = db_write(scores_fn, &s);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("The scores were saved."));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld#people", (long long)activity));
}

/* ---- taking someone off ---- */

struct removal {
	struct req *r;
	int64_t activity, person, promoted;
	int result;
};

static int remove_fn(struct db *w, void *arg)
{
	struct removal *m = arg;
	m->result = participant_remove(w, m->activity, m->person, &m->promoted);
	if (m->result != 0)
		return m->result < 0 ? -1 : 1;
	return audit_write(w, m->r->user->id, "unregister", "activity", m->activity,
			   arena_printf(&m->r->arena, "person=%lld promoted=%lld", (long long)m->person,
					(long long)m->promoted));
}

void participant_remove_submit(struct req *r)
{
	int64_t activity = req_int(r, "id");
	if (!act_visible(r, activity)) {
		req_error(r, 404);
		return;
	}
	struct removal m = { r, activity, req_int(r, "pid"), 0, 0 };
	int rc = db_write(remove_fn, &m);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (m.result == 1) {
		req_error(r, 404);
		return;
	}
	if (m.result == 2)
		req_flash(r, _("This person attended a session: they stay on the list."));
	else if (m.promoted)
		req_flash_link(r, _("Taken off the activity. From the waiting list, now registered:"),
			       arena_printf(&r->arena, "/people/%lld", (long long)m.promoted), person_name(r, db_read(), m.promoted));
	else
		req_flash(r, _("Taken off the activity."));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld#people", (long long)activity));
}
