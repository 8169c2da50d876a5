/* plan_links — the capacity-building plan actions an activity serves (the
 * incubation module's plan_action_links, kind 'activity'): listed on the
 * activity's page with the organization and the dimension, linked from a
 * short list of the open actions of the activity's office on the
 * activity's dimensions, and unlinked.  The plan's page shows the same
 * links the other way (src/incubation/plans.c). */
#include <string.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

/* at most this many open actions are offered (the nearest due first) */
#define PLAN_LINK_CHOICES 200

static const char SQL_LINKED[] =
	"SELECT l.id, a.id, a.dimension, a.description, a.status, o.id, o.name_ar, o.name_en, a.plan_id"
	" FROM plan_action_links l JOIN plan_actions a ON a.id = l.action_id JOIN orgs o ON o.id = a.org_id"
	" WHERE l.kind = 'activity' AND l.ref_id = ?1 ORDER BY l.id LIMIT 100";
/* open actions of organizations of the activity's office, on the
 * activity's dimensions, not linked to it yet */
static const char SQL_CHOICES[] =
	"SELECT a.id, a.dimension, a.description, o.name_ar, o.name_en FROM plan_actions a JOIN orgs o ON o.id = a.org_id"
	" WHERE o.office_id = (SELECT office_id FROM activities WHERE id = ?1) AND a.status IN ('planned', 'in_progress')"
	" AND a.dimension IN (SELECT dimension FROM activity_dimensions WHERE activity_id = ?1)"
	" AND a.id NOT IN (SELECT action_id FROM plan_action_links WHERE kind = 'activity' AND ref_id = ?1)"
	" ORDER BY a.due_date = '', a.due_date, a.id LIMIT " LIMIT_STR(PLAN_LINK_CHOICES);
/* an action the activity may serve: of an organization of its office */
static const char SQL_ACTION_OK[] =
	"SELECT count(*) FROM plan_actions a JOIN orgs o ON o.id = a.org_id"
	" WHERE a.id = ?1 AND o.office_id = (SELECT office_id FROM activities WHERE id = ?2)";
static const char SQL_LINK[] =
	"INSERT INTO plan_action_links (action_id, kind, ref_id) SELECT ?1, 'activity', ?2"
	" WHERE NOT EXISTS (SELECT 1 FROM plan_action_links WHERE action_id = ?1 AND kind = 'activity' AND ref_id = ?2)";
static const char SQL_UNLINK[] = "DELETE FROM plan_action_links WHERE id = ?1 AND kind = 'activity' AND ref_id = ?2";

static const char *dim_text(const char *key)
{
	for (int i = 0; i < ACT_DIMENSIONS; i++)
		if (strcmp(dimension_keys[i], key) == 0)
			return _(activity_dimensions.labels[i]);
	return key;
}

void plan_links_section(struct req *r, int64_t activity)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	int ar = i18n_lang() == LANG_AR, can = (r->user->perms & PERM_ACT_WRITE) != 0;
	html_fmt(o, "<section class=\"card\" id=\"plans\"><h2>%s</h2>", _("Plan actions it serves"));
	sqlite3_stmt *st = db_q(d, SQL_LINKED, "I", (long long)activity);
	int n = 0;
	while (db_row(st) == 1) {
		if (!n++) {
			const char *cols[] = { _("Organization"), _("Dimension"), _("Action"), _("Status"), can ? "" : NULL, NULL };
			table_begin(r, cols);
		}
		const char *org = db_text(st, ar ? 6 : 7);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/plans/%lld", (long long)sqlite3_column_int64(st, 8)),
			  *org ? org : db_text(st, 6));
		cell_text(r, dim_text(db_text(st, 2)));
		cell_text(r, db_text(st, 3));
		cell_text(r, db_text(st, 4));
		if (can) {
			cell_action_begin(r);
			form_button(r, arena_printf(&r->arena, "/activities/%lld/plan-links/%lld/remove", (long long)activity,
						    (long long)sqlite3_column_int64(st, 0)),
				    _("Unlink"), NULL, NULL, "secondary");
			cell_end(r);
		}
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		html_fmt(o, "<p>%s</p>", _("No plan action is linked yet. Link the actions of the organizations' plans "
					   "this activity delivers: the plan then shows it."));
	if (!can) {
		html_raw(o, "</section>");
		return;
	}
	/* the open actions are read when asked for (?link=1): at 23,000 plan
	 * actions they took 17 ms of the page's 18 (bench/results/activities.md) */
	if (!(req_declares(r, "link") && req_int(r, "link"))) {
		html_fmt(o, "<p><a class=\"button secondary\" href=\"/activities/%lld?link=1#plans\">%s</a></p></section>",
			 (long long)activity, _("Link a plan action…"));
		return;
	}
	st = db_q(d, SQL_CHOICES, "I", (long long)activity);
	int k = 0;
	while (db_row(st) == 1) {
		if (!k++) {
			form_begin(r, arena_printf(&r->arena, "/activities/%lld/plan-links", (long long)activity), "form");
			html_fmt(o, "<div class=\"field\"><label for=\"f-action\">%s</label><select id=\"f-action\" name=\"action\">",
				 _("An open action on this activity's dimensions"));
		}
		const char *org = db_text(st, ar ? 3 : 4);
		html_fmt(o, "<option value=\"%lld\">%s — %s: %s</option>", (long long)sqlite3_column_int64(st, 0),
			 *org ? org : db_text(st, 3), dim_text(db_text(st, 1)), db_text(st, 2));
	}
	if (k) {
		html_raw(o, "</select></div>");
		form_end(r, _("Link"));
	} else {
		html_fmt(o, "<p class=\"hint\">%s</p>", _("No open plan action of this office's organizations is on this "
							  "activity's dimensions."));
	}
	html_raw(o, "</section>");
}

struct link_args {
	struct req *r;
	int64_t activity, action, link;
};

static int link_fn(struct db *w, void *arg)
{
	struct link_args *a = arg;
	if (!db_int(w, 0, SQL_ACTION_OK, "II", (long long)a->action, (long long)a->activity))
		return 1;
	if (db_do(w, SQL_LINK, "II", (long long)a->action, (long long)a->activity) < 0)
		return -1;
	if (db_changes(w) == 0)
		return 0;  /* linked already */
	return audit_write(w, a->r->user->id, "plan_link", "activity", a->activity,
			   arena_printf(&a->r->arena, "action=%lld", (long long)a->action));
}

void plan_link_submit(struct req *r)
{
	struct link_args a = { r, req_int(r, "id"), req_int(r, "action"), 0 };
	if (!act_visible(r, a.activity)) {
		req_error(r, 404);
		return;
	}
	int rc = r->nerrors ? 1 : db_write(link_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? _("This plan action cannot be linked to this activity.") : _("The plan action is linked."));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld#plans", (long long)a.activity));
}

static int unlink_fn(struct db *w, void *arg)
{
	struct link_args *a = arg;
	if (db_do(w, SQL_UNLINK, "II", (long long)a->link, (long long)a->activity) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	return audit_write(w, a->r->user->id, "plan_unlink", "activity", a->activity,
			   arena_printf(&a->r->arena, "link=%lld", (long long)a->link));
}

void plan_unlink_submit(struct req *r)
{
	struct link_args a = { r, req_int(r, "id"), 0, req_int(r, "lid") };
	if (!act_visible(r, a.activity)) {
		req_error(r, 404);
		return;
	}
	int rc = db_write(unlink_fn, &a);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("The plan action is unlinked."));
	req_redirect(r, arena_printf(&r->arena, "/activities/%lld#plans", (long long)a.activity));
}
