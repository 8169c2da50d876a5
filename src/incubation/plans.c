/* plans — capacity-building plans: generated from a final assessment (the
 * library's actions for each dimension below a threshold), then adjusted by
 * staff and the organization (each action: dimension, description, owner,
 * due date, status, and what delivered it, plan_action_links); the
 * library of actions; overdue actions per office; and the incubation
 * section of an organization's page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "incubation/perms.h"
#include "registry/registry.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

static int ar(void)
{
	return i18n_lang() == LANG_AR;
}

/* ---- generation ---- */

struct gen {
	int64_t actor, assessment, plan;
	double threshold;
};

static const char SQL_PLAN_OF[] = "SELECT id FROM plans WHERE assessment_id = ?1";
static const char SQL_A_ORG[] = "SELECT org_id, status FROM assessments WHERE id = ?1";

static int gen_fn(struct db *w, void *arg)
{
	struct gen *g = arg;
	g->plan = db_int(w, 0, SQL_PLAN_OF, "I", (long long)g->assessment);
	if (g->plan)
		return 1;
	g->plan = plan_generate(w, g->actor, g->assessment, g->threshold);
	if (g->plan < 0)
		return -1;
	return audit_write(w, g->actor, "create", "plan", g->plan, "");
}

void plan_generate_submit(struct req *r)
{
	int64_t id = req_int(r, "id");
	sqlite3_stmt *st = db_q(db_read(), SQL_A_ORG, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	int64_t org = sqlite3_column_int64(st, 0);
	int final = !strcmp(db_text(st, 1), "final");
	sqlite3_reset(st);
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	if (!final) {
		incub_conflict(r, _("A plan is made from a final assessment: finalize it first."),
			       arena_printf(&r->arena, "/assessments/%lld", (long long)id));
		return;
	}
	if (r->nerrors) {
		req_error(r, 400);
		return;
	}
	struct gen g = { r->user->id, id, 0, strtod(req_str(r, "threshold"), NULL) };
	int rc = db_write(gen_fn, &g);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? _("A plan was already made from this assessment: here it is.")
			: _("The plan was made from the assessment. Adjust it with the organization."));
	req_redirect(r, arena_printf(&r->arena, "/plans/%lld", (long long)g.plan));
}

/* ---- the plan's page ---- */

struct plan {
	int64_t id, org, assessment;
	double threshold;
	const char *kind;
};

static const char SQL_PLAN[] =
	"SELECT p.org_id, coalesce(p.assessment_id, 0), p.threshold, coalesce(a.kind, '') FROM plans p"
	" LEFT JOIN assessments a ON a.id = p.assessment_id WHERE p.id = ?1";

static int plan_load(struct req *r, int64_t id, struct plan *p)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_PLAN, "I", (long long)id);
	if (db_row(st) != 1)
		return -1;
	p->id = id;
	p->org = sqlite3_column_int64(st, 0);
	p->assessment = sqlite3_column_int64(st, 1);
	p->threshold = sqlite3_column_double(st, 2);
	p->kind = arena_strdup(&r->arena, db_text(st, 3));
	sqlite3_reset(st);
	return incub_sees_org(r, p->org) ? 0 : -1;
}

static const char SQL_ACTIONS[] =
	"SELECT id, dimension, description, owner, due_date, status FROM plan_actions WHERE plan_id = ?1"
	" ORDER BY due_date, id LIMIT " LIMIT_STR(LIMIT_PLAN_ACTIONS);
static const char SQL_LINKS[] =
	"SELECT kind, ref_id FROM plan_action_links WHERE action_id = ?1 ORDER BY id LIMIT 20";

static void link_list(struct req *r, int64_t action)
{
	static const char *const paths[] = { "activity", "/activities/", "consultation", "/consultations/", "grant", "/grants/", NULL };
	sqlite3_stmt *st = db_q(db_read(), SQL_LINKS, "I", (long long)action);
	int n = 0;
	while (db_row(st) == 1) {
		const char *k = db_text(st, 0);
		const char *label = !strcmp(k, "activity") ? _("Activity") : !strcmp(k, "consultation") ? _("Consultation") : _("Grant");
		const char *path = "";
		for (int i = 0; paths[i]; i += 2)
			if (!strcmp(paths[i], k))
				path = paths[i + 1];
		html_fmt(&r->out, "%s<a href=\"%s%lld\">%s ", n++ ? " " : "<br>", path, (long long)sqlite3_column_int64(st, 1), label);
		html_bdi_begin(&r->out, 1);
		fmt_int(&r->out, sqlite3_column_int64(st, 1));
		html_bdi_end(&r->out);
		html_raw(&r->out, "</a>");
	}
}

void plan_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct plan p;
	if (plan_load(r, req_int(r, "id"), &p) < 0) {
		req_error(r, 404);
		return;
	}
	int write = (r->user->perms & PERM_INCUB_WRITE) != 0;
	const char *org = incub_org_name(r, p.org);
	const char *title = arena_printf(&r->arena, "%s — %s", _("Capacity-building plan"), org);
	char today[11];
	incub_today(today);
	page_begin(r, title);
	incub_styles(r);
	html_fmt(o, "<p class=\"back\"><a href=\"/orgs/%lld#incubation\">%s</a></p><h1>%s</h1>", (long long)p.org, org, title);
	if (p.assessment) {
		html_fmt(o, "<p class=\"hint\">%s <a href=\"/assessments/%lld\">%s</a> — %s ", _("Made from the"),
			 (long long)p.assessment, assess_kind_label(p.kind), _("for the dimensions scored below"));
		incub_score(o, p.threshold);
		html_raw(o, "</p>");
	}
	const char *cols[] = { _("Action"), _("Dimension"), _("Owner"), _("Due"), _("Status"), _("Change"), NULL };
	sqlite3_stmt *st = db_q(db_read(), SQL_ACTIONS, "I", (long long)p.id);
	int n = 0, done = 0, total = 0;
	struct { long long id; } ids[LIMIT_PLAN_ACTIONS];
	(void)ids;
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		long long id = sqlite3_column_int64(st, 0);
		const char *status = db_text(st, 5), *due = db_text(st, 4);
		done += !strcmp(status, "done");
		total += strcmp(status, "dropped") != 0;
		int late = *due && strcmp(due, today) < 0 && (!strcmp(status, "planned") || !strcmp(status, "in_progress"));
		row_begin(r);
		cell_begin(r);
		html_fmt(o, "<span id=\"a%lld\">%s</span>", id, db_text(st, 2));
		cell_end(r);
		cell_text(r, dim_label(dim_index(db_text(st, 1))));
		cell_text(r, db_text(st, 3));
		cell_begin(r);
		incub_date(o, due);
		if (late)
			html_fmt(o, " <strong>%s</strong>", _("overdue"));
		cell_end(r);
		cell_text(r, action_status_label(status));
		cell_action_begin(r);
		const char *owner = arena_strdup(&r->arena, db_text(st, 3)), *due_c = arena_strdup(&r->arena, due);
		html_fmt(o, "<details><summary>%s</summary>", _("Update"));
		form_begin(r, arena_printf(&r->arena, "/plan-actions/%lld", id), "form");
		const char *sl[4] = { action_status_label("planned"), action_status_label("in_progress"),
			action_status_label("done"), action_status_label("dropped") };
		html_fmt(o, "<div class=\"field\"><label for=\"st-%lld\">%s</label><select id=\"st-%lld\" name=\"status\">", id,
			 _("Status"), id);
		for (int k = 0; k < 4; k++)
			html_fmt(o, "<option value=\"%s\"%s>%s</option>", action_status_keys[k],
				 strcmp(status, action_status_keys[k]) ? "" : " selected", sl[k]);
		html_fmt(o, "</select></div><div class=\"field\"><label for=\"ow-%lld\">%s</label><input id=\"ow-%lld\""
			 " name=\"owner\" value=\"%s\"></div><div class=\"field\"><label for=\"du-%lld\">%s</label>"
			 "<input id=\"du-%lld\" type=\"date\" name=\"due\" value=\"%s\"></div>", id, _("Owner"), id, owner, id,
			 _("Due"), id, due_c);
		form_end(r, _("Save"));
		html_raw(o, "</details>");
		link_list(r, id);
		cell_end(r);
		row_end(r);
	}
	if (n) {
		table_end(r);
		html_fmt(o, "<p class=\"count\">%s: ", _("Actions done"));
		html_bdi_begin(o, 1);
		fmt_int(o, done);
		html_raw(o, " / ");
		fmt_int(o, total);
		html_bdi_end(o);
		html_raw(o, "</p>");
	} else
		empty_state(r, _("No action in this plan: every dimension was at or above the threshold. Add actions below if needed."),
			    NULL, NULL);
	if (write) {
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Add an action"));
		form_error_summary(r);
		form_begin(r, arena_printf(&r->arena, "/plans/%lld/actions", (long long)p.id), "form");
		const char *dl[DIMENSIONS];
		for (int i = 0; i < DIMENSIONS; i++)
			dl[i] = dim_label(i);
		form_select(r, "dimension", _("Dimension"), dim_keys, dl, DIMENSIONS, NULL);
		form_input(r, "description", _("What is done"), "text", "", 1, NULL);
		form_input(r, "owner", _("Owner"), "text", "", 0, NULL);
		form_input(r, "due", _("Due date"), "date", "", 0, NULL);
		form_end(r, _("Add"));
		html_raw(o, "</section>");
	}
	page_end(r);
}

struct action_in {
	int64_t actor, plan, org, id;
	const char *dimension, *description, *owner, *due, *status;
};

static const char SQL_ACTION_ADD[] =
	"INSERT INTO plan_actions (plan_id, org_id, dimension, description, owner, due_date, status, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planned', ?7, ?7)";
static const char SQL_ACTION_SET[] =
	"UPDATE plan_actions SET status = ?1, owner = ?2, due_date = ?3, updated_at = ?4 WHERE id = ?5";

static int action_add_fn(struct db *w, void *arg)
{
	struct action_in *a = arg;
	if (db_int(w, 0, "SELECT count(*) FROM plan_actions WHERE plan_id = ?1", "I", (long long)a->plan) >= LIMIT_PLAN_ACTIONS)
		return 1;
	if (db_do(w, SQL_ACTION_ADD, "IIttttI", (long long)a->plan, (long long)a->org, a->dimension, a->description, a->owner,
		  a->due, (long long)time(NULL)) < 0)
		return -1;
	a->id = db_last_id(w);
	return audit_write(w, a->actor, "create", "plan_action", a->id, "");
}

void plan_action_add_submit(struct req *r)
{
	struct plan p;
	if (plan_load(r, req_int(r, "id"), &p) < 0) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		plan_page(r);
		return;
	}
	struct action_in a = { r->user->id, p.id, p.org, 0, req_str(r, "dimension"), req_str(r, "description"),
		req_str(r, "owner"), req_str(r, "due"), NULL };
	int rc = db_write(action_add_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? _("This plan has as many actions as daam allows: nothing was added.") : _("The action was added."));
	req_redirect(r, arena_printf(&r->arena, "/plans/%lld", (long long)p.id));
}

static int action_set_fn(struct db *w, void *arg)
{
	struct action_in *a = arg;
	if (db_do(w, SQL_ACTION_SET, "tttII", a->status, a->owner, a->due, (long long)time(NULL), (long long)a->id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	return audit_write(w, a->actor, "update", "plan_action", a->id, a->status);
}

static const char SQL_ACTION_GET[] = "SELECT plan_id, org_id FROM plan_actions WHERE id = ?1";

void plan_action_update_submit(struct req *r)
{
	int64_t id = req_int(r, "id");
	sqlite3_stmt *st = db_q(db_read(), SQL_ACTION_GET, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	int64_t plan = sqlite3_column_int64(st, 0), org = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		req_flash(r, _("The action was not changed: check the status, the owner and the date."));
		req_redirect(r, arena_printf(&r->arena, "/plans/%lld", (long long)plan));
		return;
	}
	struct action_in a = { r->user->id, plan, org, id, NULL, NULL, req_str(r, "owner"), req_str(r, "due"), req_str(r, "status") };
	int rc = db_write(action_set_fn, &a);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("The action was updated."));
	req_redirect(r, arena_printf(&r->arena, "/plans/%lld#a%lld", (long long)plan, (long long)id));
}

/* ---- the library of actions ---- */

static const char SQL_LIBRARY[] =
	"SELECT id, dimension, kind, text_ar, text_en, active FROM action_library ORDER BY CASE dimension"
	" WHEN 'principles' THEN 0 WHEN 'planning' THEN 1 WHEN 'knowledge' THEN 2 WHEN 'context' THEN 3"
	" WHEN 'advocacy' THEN 4 WHEN 'networking' THEN 5 WHEN 'influence' THEN 6 WHEN 'funding' THEN 7"
	" WHEN 'volunteering' THEN 8 ELSE 9 END, id LIMIT 500";

static void library_fields(struct req *r, const char *dim, const char *kind, const char *text_ar, const char *text_en, int active)
{
	const char *dl[DIMENSIONS], *kl[4];
	for (int i = 0; i < DIMENSIONS; i++)
		dl[i] = dim_label(i);
	for (int i = 0; i < 4; i++)
		kl[i] = action_kind_label(action_kind_keys[i]);
	form_select(r, "dimension", _("Dimension"), dim_keys, dl, DIMENSIONS, dim);
	form_select(r, "kind", _("Kind"), action_kind_keys, kl, 4, kind);
	form_input(r, "text_ar", _("Action in Arabic"), "text", text_ar, 1, NULL);
	form_input(r, "text_en", _("Action in English"), "text", text_en, 1, NULL);
	const char *keys[2] = { "1", "0" }, *labels[2] = { _("In use"), _("Not in use") };
	form_select(r, "active", _("Use"), keys, labels, 2, active ? "1" : "0");
}

void library_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int write = (r->user->perms & PERM_INCUB_WRITE) != 0;
	page_begin(r, _("Library of actions"));
	html_fmt(o, "<p class=\"back\"><a href=\"/cohorts\">%s</a></p><h1>%s</h1><p class=\"hint\">%s</p>",
		 _("Incubation cohorts"), _("Library of actions"),
		 _("A plan made from an assessment suggests these actions for each dimension below its threshold."));
	form_error_summary(r);
	const char *cols[] = { _("Action"), _("Dimension"), _("Kind"), _("Use"), NULL };
	table_begin(r, cols);
	sqlite3_stmt *st = db_q(db_read(), SQL_LIBRARY, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		row_begin(r);
		cell_text(r, db_text(st, ar() ? 3 : 4));
		cell_text(r, dim_label(dim_index(db_text(st, 1))));
		cell_text(r, action_kind_label(db_text(st, 2)));
		cell_text(r, sqlite3_column_int(st, 5) ? _("In use") : _("Not in use"));
		if (write) {
			cell_action_begin(r);
			html_fmt(o, "<details><summary>%s</summary>", _("Edit"));
			form_begin(r, arena_printf(&r->arena, "/incubation/library/%lld", id), "form");
			library_fields(r, db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4), sqlite3_column_int(st, 5));
			form_end(r, _("Save"));
			html_raw(o, "</details>");
			cell_end(r);
		}
		row_end(r);
	}
	table_end(r);
	if (write) {
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Add an action to the library"));
		form_begin(r, "/incubation/library", "form");
		library_fields(r, NULL, NULL, "", "", 1);
		form_end(r, _("Add"));
		html_raw(o, "</section>");
	}
	page_end(r);
}

struct lib_in {
	int64_t actor, id;
	const char *dim, *kind, *text_ar, *text_en;
	int active;
};

static const char SQL_LIB_ADD[] =
	"INSERT INTO action_library (dimension, kind, text_ar, text_en, active) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_LIB_SET[] =
	"UPDATE action_library SET dimension = ?1, kind = ?2, text_ar = ?3, text_en = ?4, active = ?5 WHERE id = ?6";

static int lib_fn(struct db *w, void *arg)
{
	struct lib_in *l = arg;
	int created = !l->id;
	if (l->id) {
		if (db_do(w, SQL_LIB_SET, "ttttiI", l->dim, l->kind, l->text_ar, l->text_en, l->active, (long long)l->id) < 0)
			return -1;
		if (db_changes(w) != 1)
			return 1;
	} else {
		if (db_do(w, SQL_LIB_ADD, "tttti", l->dim, l->kind, l->text_ar, l->text_en, l->active) < 0)
			return -1;
		l->id = db_last_id(w);
	}
	return audit_write(w, l->actor, created ? "create" : "update", "library_action", l->id, "");
}

static void lib_submit(struct req *r, int64_t id)
{
	if (r->nerrors) {
		r->status = 400;
		library_page(r);
		return;
	}
	struct lib_in l = { r->user->id, id, req_str(r, "dimension"), req_str(r, "kind"), req_str(r, "text_ar"),
		req_str(r, "text_en"), !req_has(r, "active") || req_int(r, "active") == 1 };
	int rc = db_write(lib_fn, &l);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("The library was saved."));
	req_redirect(r, "/incubation/library");
}

void library_add_submit(struct req *r)
{
	lib_submit(r, 0);
}

void library_update_submit(struct req *r)
{
	lib_submit(r, req_int(r, "id"));
}

/* ---- overdue actions per office ---- */

static const char SQL_OVERDUE[] =
	"SELECT p.id, p.plan_id, p.description, p.due_date, p.owner, o.id, o.name_ar, o.name_en, f.name_ar, f.name_en"
	" FROM plan_actions p JOIN orgs o ON o.id = p.org_id LEFT JOIN offices f ON f.id = o.office_id"
	" WHERE p.status IN ('planned','in_progress') AND p.due_date <> '' AND p.due_date < ?1"
	" AND (?2 = 0 OR o.office_id = ?2) ORDER BY f.id, p.due_date, p.id LIMIT 500";

void overdue_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	char today[11];
	incub_today(today);
	page_begin(r, _("Overdue actions"));
	html_fmt(o, "<p class=\"back\"><a href=\"/cohorts\">%s</a></p><h1>%s</h1><p class=\"hint\">%s</p>",
		 _("Incubation cohorts"), _("Overdue actions"),
		 _("Actions of the capacity-building plans past their due date and not done, per office."));
	sqlite3_stmt *st = db_q(db_read(), SQL_OVERDUE, "tI", today, (long long)sc.office);
	const char *cols[] = { _("Action"), _("Organization"), _("Owner"), _("Due"), NULL };
	char office[256] = "\x01";
	int n = 0;
	while (db_row(st) == 1) {
		const char *off = db_text(st, ar() ? 8 : 9);
		if (strcmp(off, office) != 0) {
			if (n)
				table_end(r);
			snprintf(office, sizeof office, "%s", off);
			html_fmt(o, "<h2>%s</h2>", *off ? off : _("No office"));
			table_begin(r, cols);
		}
		n++;
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/plans/%lld#a%lld", (long long)sqlite3_column_int64(st, 1),
					  (long long)sqlite3_column_int64(st, 0)), db_text(st, 2));
		cell_link(r, arena_printf(&r->arena, "/orgs/%lld", (long long)sqlite3_column_int64(st, 5)),
			  db_text(st, ar() || !*db_text(st, 7) ? 6 : 7));
		cell_text(r, db_text(st, 4));
		cell_begin(r);
		incub_date(o, db_text(st, 3));
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No overdue action: every plan is on time."), NULL, NULL);
	page_end(r);
}

/* ---- the organization's page ---- */

static const char SQL_ORG_COHORTS[] =
	"SELECT c.id, c.name, k.status, k.id FROM candidates k JOIN cohorts c ON c.id = k.cohort_id WHERE k.org_id = ?1"
	" ORDER BY c.start_date DESC LIMIT 10";
static const char SQL_ORG_ASSESSMENTS[] =
	"SELECT id, kind, status, version FROM assessments WHERE org_id = ?1 ORDER BY id LIMIT 30";
static const char SQL_ORG_PLAN[] =
	"SELECT p.id, (SELECT count(*) FROM plan_actions x WHERE x.plan_id = p.id AND x.status = 'done'),"
	" (SELECT count(*) FROM plan_actions x WHERE x.plan_id = p.id AND x.status <> 'dropped')"
	" FROM plans p WHERE p.org_id = ?1 ORDER BY p.id DESC LIMIT 1";

static const char SQL_OPEN_COHORTS[] =
	"SELECT c.id, c.name, c.start_date FROM cohorts c JOIN orgs o ON o.id = ?1 WHERE c.status = 'open'"
	" AND c.office_id = o.office_id AND NOT EXISTS (SELECT 1 FROM candidates k WHERE k.cohort_id = c.id AND k.org_id = ?1)"
	" ORDER BY c.start_date LIMIT 5";

void incubation_org_section(struct req *r, int64_t org)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	int staff = (r->user->perms & PERM_INCUB_READ) != 0, write = (r->user->perms & PERM_INCUB_WRITE) != 0;
	html_fmt(o, "<section class=\"card\" id=\"incubation\"><h2>%s</h2>", _("Incubation"));
	sqlite3_stmt *st = db_q(d, SQL_ORG_COHORTS, "I", (long long)org);
	int enrolled = 0, n = 0;
	while (db_row(st) == 1) {
		const char *status = db_text(st, 2);
		enrolled |= !strcmp(status, "enrolled") || !strcmp(status, "graduated");
		html_raw(o, n++ ? "<br>" : "<p>");
		if (staff)
			html_fmt(o, "<a href=\"/cohorts/%lld\">%s</a>", (long long)sqlite3_column_int64(st, 0), db_text(st, 1));
		else
			html_fmt(o, "%s", db_text(st, 1));
		html_fmt(o, " — %s", candidate_status_label(status));
	}
	if (n)
		html_raw(o, "</p>");
	st = db_q(d, SQL_ORG_ASSESSMENTS, "I", (long long)org);
	n = 0;
	const char *cols[] = { _("Assessment"), _("Status"), _("Version"), NULL };
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/assessments/%lld", (long long)sqlite3_column_int64(st, 0)),
			  assess_kind_label(db_text(st, 1)));
		cell_text(r, assess_status_label(db_text(st, 2)));
		cell_int(r, sqlite3_column_int(st, 3));
		row_end(r);
	}
	if (n) {
		table_end(r);
		html_fmt(o, "<p><a href=\"/orgs/%lld/results\">%s</a></p>", (long long)org, _("Results and radar chart"));
	} else
		html_fmt(o, "<p class=\"hint\">%s</p>", enrolled ? _("No assessment yet.") : _("Not enrolled in an incubation cohort."));
	st = db_q(d, SQL_ORG_PLAN, "I", (long long)org);
	if (db_row(st) == 1) {
		html_fmt(o, "<p><a href=\"/plans/%lld\">%s</a>: ", (long long)sqlite3_column_int64(st, 0), _("Capacity-building plan"));
		html_bdi_begin(o, 1);
		fmt_int(o, sqlite3_column_int64(st, 1));
		html_raw(o, " / ");
		fmt_int(o, sqlite3_column_int64(st, 2));
		html_bdi_end(o);
		html_fmt(o, " %s</p>", _("actions done"));
		sqlite3_reset(st);
	}
	/* a partner: the open cohorts of its office it may apply to */
	struct scope sc;
	scope_of(r, &sc);
	if (sc.org == org) {
		st = db_q(d, SQL_OPEN_COHORTS, "I", (long long)org);
		while (db_row(st) == 1) {
			int64_t c = sqlite3_column_int64(st, 0);
			html_fmt(o, "<p>%s: <b>%s</b> (", _("Open for applications"), db_text(st, 1));
			incub_date(o, db_text(st, 2));
			html_raw(o, ")</p>");
			form_button(r, arena_printf(&r->arena, "/cohorts/%lld/apply", (long long)c), _("Apply to this cohort"), NULL,
				    NULL, NULL);
		}
	}
	if (write && enrolled) {
		form_begin(r, arena_printf(&r->arena, "/orgs/%lld/assessments", (long long)org), "form inline");
		const char *kl[3] = { assess_kind_label("baseline"), assess_kind_label("midline"), assess_kind_label("endline") };
		form_select(r, "kind", _("Start an assessment"), assess_kind_keys, kl, 3, "baseline");
		form_end(r, _("Start"));
	}
	html_raw(o, "</section>");
}
