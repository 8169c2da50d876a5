/* portal — partner organizations register their own people: a partner
 * user (bound to one organization) sees the activities of their
 * organization's office still to come and registers its members (and only
 * them) as staff would, the waiting list included.  Staff and others get
 * a page saying what it is for; a POST from them, or for an activity not
 * open to the partner, is "not found". */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_OPEN[] =
	"SELECT a.id, a.title, a.kind, a.first_day, a.last_day, a.room FROM activities a"
	" WHERE a.office_id = (SELECT office_id FROM orgs WHERE id = ?1) AND a.last_day >= ?2"
	" ORDER BY a.first_day, a.id LIMIT 100";
static const char SQL_IS_OPEN[] =
	"SELECT count(*) FROM activities a WHERE a.id = ?1 AND a.office_id = (SELECT office_id FROM orgs WHERE id = ?2)"
	" AND a.last_day >= ?3";
static const char SQL_MEMBERS[] =
	"SELECT DISTINCT p.id, p.name_ar FROM memberships m JOIN people p ON p.id = m.person_id"
	" WHERE m.org_id = ?1 AND p.merged_into IS NULL"
	" AND p.id NOT IN (SELECT person_id FROM activity_people WHERE activity_id = ?2) ORDER BY p.name_ar LIMIT 500";
static const char SQL_IS_MEMBER[] =
	"SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.org_id = ?1 AND m.person_id = ?2"
	" AND p.merged_into IS NULL";
static const char SQL_MINE[] =
	"SELECT p.name_ar, ap.status FROM activity_people ap JOIN memberships m ON m.person_id = ap.person_id"
	" AND m.org_id = ?2 JOIN people p ON p.id = ap.person_id WHERE ap.activity_id = ?1 GROUP BY ap.id ORDER BY p.name_ar";

static void today(char out[16])
{
	time_t t = time(NULL) + DATES_TZ_OFFSET;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

void portal_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	int64_t org = r->user->org_id;
	page_begin(r, _("Activities open for registration"));
	html_fmt(o, "<h1>%s</h1>", _("Activities open for registration"));
	if (!org) {
		empty_state(r, _("This page is for partner organizations, to register their members."), "/activities",
			    _("Activities"));
		page_end(r);
		return;
	}
	form_error_summary(r);
	char day[16];
	today(day);
	int n = 0;
	sqlite3_stmt *st = db_q(d, SQL_OPEN, "It", (long long)org, day);
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		n++;
		html_fmt(o, "<section class=\"card\" id=\"a%lld\"><h2><bdi>%s</bdi></h2><p>%s — ", id, db_text(st, 1),
			 _(vocab_label(&activity_kinds, db_text(st, 2))));
		act_days(o, db_text(st, 3), db_text(st, 4));
		if (*db_text(st, 5))
			html_fmt(o, " — <bdi>%s</bdi>", db_text(st, 5));
		html_raw(o, "</p>");
		sqlite3_stmt *m = db_q(d, SQL_MINE, "II", id, (long long)org);
		int k = 0;
		while (db_row(m) == 1) {
			if (!k++)
				html_fmt(o, "<p>%s</p><ul>", _("Registered from your organization:"));
			html_fmt(o, "<li><bdi>%s</bdi> — %s</li>", db_text(m, 0),
				 _(vocab_label(&participant_statuses, db_text(m, 1))));
		}
		if (k)
			html_raw(o, "</ul>");
		const char *keys[500], *labels[500];
		int nm = 0;
		m = db_q(d, SQL_MEMBERS, "II", (long long)org, id);
		while (db_row(m) == 1)
			if (nm < 500) {
				keys[nm] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(m, 0));
				labels[nm++] = arena_strdup(&r->arena, db_text(m, 1));
			}
		if (nm) {
			form_begin(r, arena_printf(&r->arena, "/portal/activities/%lld/people", id), "form");
			form_select(r, "person", _("Member of your organization"), keys, labels, nm, NULL);
			form_end(r, _("Register"));
		}
		html_raw(o, "</section>");
	}
	if (!n)
		empty_state(r, _("No activity of your office is open for registration now."), NULL, NULL);
	page_end(r);
}

struct portal_reg {
	struct req *r;
	int64_t activity, person;
	int result;
};

static int portal_fn(struct db *w, void *arg)
{
	struct portal_reg *p = arg;
	p->result = participant_add(w, p->activity, p->person, 0);
	if (p->result < 0)
		return -1;
	if (p->result == 3)
		return 1;
	return audit_write(w, p->r->user->id, "register", "activity", p->activity,
			   arena_printf(&p->r->arena, "person=%lld partner=1%s", (long long)p->person,
					p->result == 2 ? " waiting" : ""));
}

void portal_register_submit(struct req *r)
{
	int64_t org = r->user->org_id, activity = req_int(r, "id");
	char day[16];
	today(day);
	if (!org || !db_int(db_read(), 0, SQL_IS_OPEN, "IIt", (long long)activity, (long long)org, day)) {
		req_error(r, 404);
		return;
	}
	struct portal_reg p = { r, activity, req_int(r, "person"), 0 };
	if (!r->nerrors && !db_int(db_read(), 0, SQL_IS_MEMBER, "II", (long long)org, (long long)p.person))
		req_field_error(r, "person", _("Choose a member of your organization."));
	if (r->nerrors) {
		r->status = 400;
		portal_page(r);
		return;
	}
	int rc = db_write(portal_fn, &p);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, p.result == 3 ? _("This person is already registered for this activity.")
		     : p.result == 2 ? _("The activity is full: this person is on the waiting list.")
				     : _("Registered."));
	req_redirect(r, arena_printf(&r->arena, "/portal/activities#a%lld", (long long)activity));
}

/* On a partner's start page: the way to the activities open to them. */
void portal_home_section(struct req *r, int64_t unused)
{
	(void)unused;
	if (!r->user->org_id)
		return;
	html_fmt(&r->out, "<section class=\"card\" id=\"portal\"><h2>%s</h2><p><a href=\"/portal/activities\">%s</a></p></section>",
		 _("Activities"), _("Register your members for the center's coming activities"));
}
