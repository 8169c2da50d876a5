/* cohorts — the incubation cycles: the list (by office and status), a new
 * cohort and its edit (name, office, facilitators, start, end = start + 9
 * months by default, status), and the cohort's page: its candidates ranked
 * by need with their decisions, the add-a-candidate picker, the enrolled
 * organizations with their assessments and plan progress. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "incubation/perms.h"
#include "registry/registry.h"
#include "registry/picker.h"
#include "auth/audit.h"
#include "auth/users.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "http/assets.h"
#include "core/banned.h"

#define MAX_OFFICES 32

static int ar(void)
{
	return i18n_lang() == LANG_AR;
}

void incub_styles(struct req *r)
{
	html_fmt(&r->out, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("incubation.css"));
}

static const char SQL_LIST[] =
	"SELECT c.id, c.name, f.name_ar, f.name_en, c.start_date, c.end_date, c.status,"
	" (SELECT count(*) FROM candidates k WHERE k.cohort_id = c.id AND k.status IN ('enrolled','graduated'))"
	" FROM cohorts c JOIN offices f ON f.id = c.office_id WHERE (?1 = 0 OR c.office_id = ?1) AND (?2 = '' OR c.status = ?2)"
	" ORDER BY c.start_date DESC, c.id DESC LIMIT ?3 OFFSET ?4";
static const char SQL_COUNT[] = "SELECT count(*) FROM cohorts c WHERE (?1 = 0 OR c.office_id = ?1) AND (?2 = '' OR c.status = ?2)";

void cohorts_list(struct req *r)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	const char *status = req_str(r, "status");
	long long page = req_has(r, "page") ? req_int(r, "page") : 1;
	struct db *d = db_read();
	long long total = db_int(d, 0, SQL_COUNT, "It", (long long)sc.office, status);
	page_begin(r, _("Incubation cohorts"));
	html_fmt(o, "<h1>%s</h1><p class=\"actions\">", _("Incubation cohorts"));
	if (r->user->perms & PERM_INCUB_WRITE)
		html_fmt(o, "<a class=\"button\" href=\"/cohorts/new\">%s</a> ", _("New cohort"));
	html_fmt(o, "<a class=\"button secondary\" href=\"/incubation/overdue\">%s</a> "
		 "<a class=\"button secondary\" href=\"/incubation/criteria\">%s</a> "
		 "<a class=\"button secondary\" href=\"/incubation/framework\">%s</a> "
		 "<a class=\"button secondary\" href=\"/incubation/library\">%s</a></p>",
		 _("Overdue actions"), _("Selection criteria"), _("Assessment framework"), _("Library of actions"));
	html_raw(o, "<form method=\"get\" action=\"/cohorts\" class=\"filters\"><div>");
	const char *labels[5] = { _("Any"), cohort_status_label("planned"), cohort_status_label("open"),
		cohort_status_label("running"), cohort_status_label("closed") };
	const char *keys[5] = { "", "planned", "open", "running", "closed" };
	form_select(r, "status", _("Status"), keys, labels, 5, status);
	html_fmt(o, "</div><button>%s</button></form>", _("Filter"));
	if (!total) {
		if (*status)
			empty_state(r, _("No cohort has this status. Clear the filter to see them all."), "/cohorts",
				    _("Clear the filters"));
		else if (r->user->perms & PERM_INCUB_WRITE)
			empty_state(r, _("No incubation cohort yet. Start the first one: a name and a start date are enough."),
				    "/cohorts/new", _("New cohort"));
		else
			empty_state(r, _("No incubation cohort in your office yet."), NULL, NULL);
	} else {
		const char *cols[] = { _("Cohort"), _("Office"), _("Start"), _("End"), _("Status"), _("Organizations"), NULL };
		table_begin(r, cols);
		sqlite3_stmt *st = db_q(d, SQL_LIST, "ItII", (long long)sc.office, status, (long long)LIMIT_PAGE_ROWS,
					(page - 1) * LIMIT_PAGE_ROWS);
		while (db_row(st) == 1) {
			row_begin(r);
			cell_link(r, arena_printf(&r->arena, "/cohorts/%lld", (long long)sqlite3_column_int64(st, 0)),
				  db_text(st, 1));
			cell_text(r, db_text(st, ar() ? 2 : 3));
			cell_begin(r);
			incub_date(o, db_text(st, 4));
			cell_end(r);
			cell_begin(r);
			incub_date(o, db_text(st, 5));
			cell_end(r);
			cell_text(r, cohort_status_label(db_text(st, 6)));
			cell_int(r, sqlite3_column_int64(st, 7));
			row_end(r);
		}
		table_end(r);
	}
	struct strbuf q = STRBUF_INIT;
	static const char *const keep[] = { "status", NULL };
	query_keep(r, &q, keep);
	pager(r, "/cohorts", sb_str(&q), page, total, LIMIT_PAGE_ROWS);
	sb_release(&q);
	page_end(r);
}

/* ---- the cohort's form ---- */

struct cohort_row {
	int64_t id, office;
	const char *name, *start, *end, *status;
};

static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";
static const char SQL_FACILITATOR_CHOICES[] =
	"SELECT id, display_name, name FROM users WHERE disabled = 0 AND role IN ('program_officer','trainer')"
	" AND (?1 = 0 OR office_id IS NULL OR office_id = ?1) ORDER BY display_name, id LIMIT 200";
static const char SQL_FACILITATORS_OF[] = "SELECT user_id FROM cohort_facilitators WHERE cohort_id = ?1";

static void cohort_form(struct req *r, const struct cohort_row *c)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	form_error_summary(r);
	form_begin(r, c->id ? arena_printf(&r->arena, "/cohorts/%lld", (long long)c->id) : "/cohorts", "form");
	form_input(r, "name", _("Name"), "text", c->name, 1, _("For example: Raqqa cohort, spring 2026"));
	if (!sc.office) {
		const char *keys[MAX_OFFICES + 1], *labels[MAX_OFFICES + 1];
		int n = 0;
		keys[n] = "";
		labels[n++] = "—";
		sqlite3_stmt *st = db_q(db_read(), SQL_OFFICES, "");
		while (db_row(st) == 1)
			if (n <= MAX_OFFICES) {
				keys[n] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
				labels[n++] = arena_strdup(&r->arena, db_text(st, ar() ? 1 : 2));
			}
		form_select(r, "office", _("Office"), keys, labels, n,
			    c->office ? arena_printf(&r->arena, "%lld", (long long)c->office) : "");
	}
	form_input(r, "start", _("Start date"), "date", c->start, 1, NULL);
	form_input(r, "end", _("End date"), "date", c->end, 0, _("Left empty: nine months after the start."));
	if (c->id) {
		const char *labels[4] = { cohort_status_label("planned"), cohort_status_label("open"),
			cohort_status_label("running"), cohort_status_label("closed") };
		form_radios(r, "status", _("Status"), cohort_status_keys, labels, 4, c->status);
	}
	/* facilitators: the office's program officers and trainers */
	const char *fkeys[200], *flabels[200], *checked[LIMIT_COHORT_FACILITATORS];
	int nf = 0, nc = 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_FACILITATOR_CHOICES, "I", (long long)(sc.office ? sc.office : c->office));
	while (db_row(st) == 1 && nf < 200) {
		fkeys[nf] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
		flabels[nf++] = arena_strdup(&r->arena, *db_text(st, 1) ? db_text(st, 1) : db_text(st, 2));
	}
	if (c->id) {
		st = db_q(db_read(), SQL_FACILITATORS_OF, "I", (long long)c->id);
		while (db_row(st) == 1 && nc < LIMIT_COHORT_FACILITATORS)
			checked[nc++] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
	}
	if (nf)
		form_checks(r, "facilitator", _("Facilitators"), fkeys, flabels, nf, checked, nc);
	form_end(r, c->id ? _("Save") : _("Create the cohort"));
	(void)o;
}

void cohort_new_page(struct req *r)
{
	page_begin(r, _("New cohort"));
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/cohorts\">%s</a></p><h1>%s</h1>", _("Incubation cohorts"),
		 _("New cohort"));
	struct cohort_row c = { 0, 0, "", "", "", "planned" };
	cohort_form(r, &c);
	page_end(r);
}

struct cohort_in {
	int64_t actor, id, office;
	const char *name, *start, *end, *status;
	int64_t fac[LIMIT_COHORT_FACILITATORS];
	int nfac;
};

static const char SQL_INSERT[] =
	"INSERT INTO cohorts (name, office_id, start_date, end_date, status, created_by, created_at)"
	" VALUES (?1, ?2, ?3, ?4, 'planned', ?5, ?6)";
static const char SQL_UPDATE[] =
	"UPDATE cohorts SET name = ?1, office_id = ?2, start_date = ?3, end_date = ?4, status = ?5 WHERE id = ?6";
static const char SQL_FAC_DEL[] = "DELETE FROM cohort_facilitators WHERE cohort_id = ?1";
static const char SQL_FAC_ADD[] = "INSERT OR IGNORE INTO cohort_facilitators (cohort_id, user_id) VALUES (?1, ?2)";

static int cohort_save_fn(struct db *w, void *arg)
{
	struct cohort_in *c = arg;
	if (c->id) {
		if (db_do(w, SQL_UPDATE, "tItttI", c->name, (long long)c->office, c->start, c->end, c->status,
			  (long long)c->id) < 0)
			return -1;
		if (db_changes(w) != 1)
			return 1;
	} else {
		if (db_do(w, SQL_INSERT, "tIttII", c->name, (long long)c->office, c->start, c->end, (long long)c->actor,
			  (long long)time(NULL)) < 0)
			return -1;
		c->id = db_last_id(w);
	}
	if (db_do(w, SQL_FAC_DEL, "I", (long long)c->id) < 0)
		return -1;
	for (int i = 0; i < c->nfac; i++)
		if (db_do(w, SQL_FAC_ADD, "II", (long long)c->id, (long long)c->fac[i]) < 0)
			return -1;
	return audit_write(w, c->actor, c->status ? "update" : "create", "cohort", c->id, "");
}

static const char SQL_IS_FACILITATOR[] =
	"SELECT count(*) FROM users WHERE id = ?1 AND disabled = 0 AND role IN ('program_officer','trainer')"
	" AND (office_id IS NULL OR office_id = ?2)";

/* Reads and checks the form into c; errors are recorded per field. */
static void cohort_read(struct req *r, struct cohort_in *c, char end_buf[11])
{
	struct scope sc;
	scope_of(r, &sc);
	c->actor = r->user->id;
	c->name = req_str(r, "name");
	c->office = sc.office ? sc.office : req_int(r, "office");
	if (!sc.office && (!req_has(r, "office") || !office_exists(db_read(), c->office)))
		req_field_error(r, "office", _("Choose the office."));
	c->start = req_str(r, "start");
	c->end = req_str(r, "end");
	if (req_has(r, "start") && !*c->end) {
		incub_add_months(c->start, 9, end_buf);
		c->end = end_buf;
	}
	if (req_has(r, "start") && *c->end && strcmp(c->end, c->start) <= 0)
		req_field_error(r, "end", _("The end must come after the start."));
	const char *vals[LIMIT_COHORT_FACILITATORS + 1];
	int n = req_form_values(r, "facilitator", vals, LIMIT_COHORT_FACILITATORS + 1);
	if (n > LIMIT_COHORT_FACILITATORS)
		req_field_error(r, "facilitator", _("Too many facilitators for one cohort."));
	for (int i = 0; i < n && i < LIMIT_COHORT_FACILITATORS; i++) {
		char *end;
		long long id = strtoll(vals[i], &end, 10);
		if (*end || id <= 0 || db_int(db_read(), 0, SQL_IS_FACILITATOR, "II", id, (long long)c->office) != 1) {
			req_field_error(r, "facilitator", _("Choose facilitators among the office's staff listed."));
			break;
		}
		c->fac[c->nfac++] = id;
	}
}

void cohort_create_submit(struct req *r)
{
	struct cohort_in c = { 0 };
	char end[11];
	cohort_read(r, &c, end);
	if (r->nerrors) {
		r->status = 400;
		page_begin(r, _("New cohort"));
		html_fmt(&r->out, "<h1>%s</h1>", _("New cohort"));
		struct cohort_row row = { 0, c.office, c.name, c.start, req_str(r, "end"), "planned" };
		cohort_form(r, &row);
		page_end(r);
		return;
	}
	if (db_write(cohort_save_fn, &c) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The cohort was created. Add its candidates below."));
	req_redirect(r, arena_printf(&r->arena, "/cohorts/%lld", (long long)c.id));
}

static const char SQL_GET[] =
	"SELECT c.name, c.office_id, c.start_date, c.end_date, c.status, f.name_ar, f.name_en"
	" FROM cohorts c JOIN offices f ON f.id = c.office_id WHERE c.id = ?1";

static int cohort_load(struct req *r, int64_t id, struct cohort_row *c, const char **office_name)
{
	if (!incub_sees_cohort(r, id))
		return -1;
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", (long long)id);
	if (db_row(st) != 1)
		return -1;
	c->id = id;
	c->name = arena_strdup(&r->arena, db_text(st, 0));
	c->office = sqlite3_column_int64(st, 1);
	c->start = arena_strdup(&r->arena, db_text(st, 2));
	c->end = arena_strdup(&r->arena, db_text(st, 3));
	c->status = arena_strdup(&r->arena, db_text(st, 4));
	if (office_name)
		*office_name = arena_strdup(&r->arena, db_text(st, ar() ? 5 : 6));
	sqlite3_reset(st);
	return 0;
}

void cohort_edit_page(struct req *r)
{
	struct cohort_row c;
	if (cohort_load(r, req_int(r, "id"), &c, NULL) < 0) {
		req_error(r, 404);
		return;
	}
	page_begin(r, c.name);
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/cohorts/%lld\">%s</a></p><h1>%s</h1>", (long long)c.id, c.name,
		 _("Edit the cohort"));
	cohort_form(r, &c);
	page_end(r);
}

void cohort_update_submit(struct req *r)
{
	struct cohort_row row;
	if (cohort_load(r, req_int(r, "id"), &row, NULL) < 0) {
		req_error(r, 404);
		return;
	}
	struct cohort_in c = { 0 };
	char end[11];
	cohort_read(r, &c, end);
	c.id = row.id;
	c.status = req_has(r, "status") ? req_str(r, "status") : row.status;
	if (r->nerrors) {
		r->status = 400;
		page_begin(r, row.name);
		html_fmt(&r->out, "<h1>%s</h1>", _("Edit the cohort"));
		cohort_form(r, &row);
		page_end(r);
		return;
	}
	int rc = db_write(cohort_save_fn, &c);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("Saved."));
	req_redirect(r, arena_printf(&r->arena, "/cohorts/%lld", (long long)c.id));
}

/* ---- the cohort's page ---- */

static const char SQL_FAC_NAMES[] =
	"SELECT u.display_name, u.name FROM cohort_facilitators x JOIN users u ON u.id = x.user_id WHERE x.cohort_id = ?1"
	" ORDER BY u.display_name";
static const char SQL_CANDIDATES[] =
	"SELECT k.id, o.id, o.name_ar, o.name_en, k.score, k.status, k.reason FROM candidates k JOIN orgs o ON o.id = k.org_id"
	" WHERE k.cohort_id = ?1 ORDER BY k.score IS NULL, k.score DESC, o.name_ar LIMIT 500";
static const char SQL_ENROLLED[] =
	"SELECT o.id, o.name_ar, o.name_en, k.status,"
	" (SELECT a.id || ':' || a.status FROM assessments a WHERE a.org_id = o.id AND a.kind = 'baseline' AND a.status <> 'replaced' ORDER BY a.id DESC LIMIT 1),"
	" (SELECT a.id || ':' || a.status FROM assessments a WHERE a.org_id = o.id AND a.kind = 'midline' AND a.status <> 'replaced' ORDER BY a.id DESC LIMIT 1),"
	" (SELECT a.id || ':' || a.status FROM assessments a WHERE a.org_id = o.id AND a.kind = 'endline' AND a.status <> 'replaced' ORDER BY a.id DESC LIMIT 1),"
	" (SELECT count(*) FROM plan_actions p WHERE p.plan_id = (SELECT max(id) FROM plans WHERE org_id = o.id) AND p.status = 'done'),"
	" (SELECT count(*) FROM plan_actions p WHERE p.plan_id = (SELECT max(id) FROM plans WHERE org_id = o.id) AND p.status <> 'dropped')"
	" FROM candidates k JOIN orgs o ON o.id = k.org_id WHERE k.cohort_id = ?1 AND k.status IN ('enrolled','graduated')"
	" ORDER BY o.name_ar LIMIT 500";

/* "12:final" → a link to the assessment with its status, or "—". */
static void assessment_cell(struct req *r, const char *v)
{
	cell_begin(r);
	long long id = strtoll(v, NULL, 10);
	const char *colon = strchr(v, ':');
	if (id > 0 && colon)
		html_fmt(&r->out, "<a href=\"/assessments/%lld\">%s</a>", id, assess_status_label(colon + 1));
	else
		html_raw(&r->out, "—");
	cell_end(r);
}

void cohort_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct cohort_row c;
	const char *office_name;
	if (cohort_load(r, req_int(r, "id"), &c, &office_name) < 0) {
		req_error(r, 404);
		return;
	}
	struct db *d = db_read();
	int write = (r->user->perms & PERM_INCUB_WRITE) != 0;
	page_begin(r, c.name);
	html_fmt(o, "<p class=\"back\"><a href=\"/cohorts\">%s</a></p><h1>%s</h1><p class=\"actions\">", _("Incubation cohorts"),
		 c.name);
	if (write)
		html_fmt(o, "<a class=\"button\" href=\"/cohorts/%lld/edit\">%s</a> ", (long long)c.id, _("Edit"));
	html_fmt(o, "<a class=\"button secondary\" href=\"/cohorts/%lld/results\">%s</a></p>", (long long)c.id,
		 _("Results of the cohort"));
	html_fmt(o, "<section class=\"card\"><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", _("Office"),
		 office_name, _("Start"));
	incub_date(o, c.start);
	html_fmt(o, "</dd><dt>%s</dt><dd>", _("End"));
	incub_date(o, c.end);
	html_fmt(o, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", _("Status"), cohort_status_label(c.status),
		 _("Facilitators"));
	sqlite3_stmt *st = db_q(d, SQL_FAC_NAMES, "I", (long long)c.id);
	int n = 0;
	for (; db_row(st) == 1; n++) {
		html_raw(o, n ? (ar() ? "، " : ", ") : "");
		html_bdi(o, *db_text(st, 0) ? db_text(st, 0) : db_text(st, 1));
	}
	if (!n)
		html_fmt(o, "<span class=\"hint\">%s</span>", _("None chosen yet"));
	html_raw(o, "</dd></dl></section>");

	/* enrolled organizations */
	html_fmt(o, "<section class=\"card\" id=\"enrolled\"><h2>%s</h2>", _("Enrolled organizations"));
	const char *ecols[] = { _("Organization"), _("Baseline"), _("Midline"), _("Endline"), _("Plan: actions done"), NULL };
	st = db_q(d, SQL_ENROLLED, "I", (long long)c.id);
	long long done_all = 0, total_all = 0;
	n = 0;
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, ecols);
		row_begin(r);
		const char *name = db_text(st, ar() || !*db_text(st, 2) ? 1 : 2);
		cell_link(r, arena_printf(&r->arena, "/orgs/%lld", (long long)sqlite3_column_int64(st, 0)), name);
		for (int k = 4; k <= 6; k++)
			assessment_cell(r, db_text(st, k));
		long long done = sqlite3_column_int64(st, 7), total = sqlite3_column_int64(st, 8);
		done_all += done;
		total_all += total;
		cell_begin(r);
		if (total) {
			html_bdi_begin(o, 1);
			fmt_int(o, done);
			html_raw(o, " / ");
			fmt_int(o, total);
			html_bdi_end(o);
		} else
			html_raw(o, "—");
		cell_end(r);
		row_end(r);
	}
	if (n) {
		table_end(r);
		html_fmt(o, "<p class=\"count\">%s: ", _("Plan actions done in the cohort"));
		html_bdi_begin(o, 1);
		fmt_int(o, done_all);
		html_raw(o, " / ");
		fmt_int(o, total_all);
		html_bdi_end(o);
		html_raw(o, "</p>");
	} else
		empty_state(r, _("No organization is enrolled yet: score the candidates, decide, then enroll those accepted."),
			    NULL, NULL);
	html_raw(o, "</section>");

	/* candidates, ranked by need */
	html_fmt(o, "<section class=\"card\" id=\"candidates\"><h2>%s</h2><p class=\"hint\">%s</p>", _("Candidates by need"),
		 _("Ranked by their weighted need score (0–100) on the selection criteria."));
	const char *ccols[] = { _("Organization"), _("Need score"), _("Status"), _("Reason"), NULL };
	st = db_q(d, SQL_CANDIDATES, "I", (long long)c.id);
	n = 0;
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, ccols);
		row_begin(r);
		const char *name = db_text(st, ar() || !*db_text(st, 3) ? 2 : 3);
		cell_link(r, arena_printf(&r->arena, "/candidates/%lld", (long long)sqlite3_column_int64(st, 0)), name);
		cell_begin(r);
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			html_fmt(o, "<span class=\"hint\">%s</span>", _("Not scored"));
		else
			fmt_int(o, (long long)(sqlite3_column_double(st, 4) + 0.5));
		cell_end(r);
		cell_text(r, candidate_status_label(db_text(st, 5)));
		cell_text(r, db_text(st, 6));
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No candidate yet. Add the organizations that applied with the form below."), NULL, NULL);
	if (write) {
		const char *page = arena_printf(&r->arena, "/cohorts/%lld", (long long)c.id);
		const char *typed = r->method == M_POST ? req_form_raw(r, "org") : NULL;
		struct picker p = { .kind = PICK_ORG, .field = "org", .q = "org_q", .legend = _("Organization"),
				    .page = page, .selected = typed };
		html_fmt(o, "<h3>%s</h3>", _("Add a candidate"));
		picker_find_form(r, &p);
		form_begin(r, arena_printf(&r->arena, "/cohorts/%lld/candidates", (long long)c.id), "form");
		if (picker_field(r, &p))
			form_end(r, _("Add as a candidate"));
		else
			html_raw(o, "</form>");
	}
	html_raw(o, "</section>");
	page_end(r);
}

struct cand_add {
	int64_t actor, cohort, org, id;
	const char *source;
};

static const char SQL_CAND_ADD[] =
	"INSERT OR IGNORE INTO candidates (cohort_id, org_id, status, created_at) VALUES (?1, ?2, 'applied', ?3)";

static int cand_add_fn(struct db *w, void *arg)
{
	struct cand_add *a = arg;
	if (db_do(w, SQL_CAND_ADD, "III", (long long)a->cohort, (long long)a->org, (long long)time(NULL)) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;  /* already a candidate */
	a->id = db_last_id(w);
	return audit_write(w, a->actor, "create", "candidate", a->id, a->source);
}

void candidate_add_submit(struct req *r)
{
	int64_t cohort = req_int(r, "id");
	if (!incub_sees_cohort(r, cohort)) {
		req_error(r, 404);
		return;
	}
	if (!req_has(r, "org")) {
		req_field_error(r, "org", _("Find the organization by its name, then choose it."));
		r->status = 400;
		cohort_page(r);
		return;
	}
	int64_t org = req_int(r, "org");
	if (!scope_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	struct cand_add a = { r->user->id, cohort, org, 0, "" };
	int rc = db_write(cand_add_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? _("This organization is already a candidate of the cohort.")
			: _("The candidate was added. Score it on the selection criteria."));
	req_redirect(r, rc ? arena_printf(&r->arena, "/cohorts/%lld#candidates", (long long)cohort)
			   : arena_printf(&r->arena, "/candidates/%lld", (long long)a.id));
}

/* A partner applies for its own organization to an open cohort of its
 * office (the portal); anyone else, or another cohort, finds nothing. */
static const char SQL_OPEN_FOR[] =
	"SELECT count(*) FROM cohorts c JOIN orgs o ON o.id = ?2 WHERE c.id = ?1 AND c.status = 'open'"
	" AND c.office_id = o.office_id";

void cohort_apply_submit(struct req *r)
{
	struct scope sc;
	scope_of(r, &sc);
	int64_t cohort = req_int(r, "id");
	if (sc.org <= 0 || db_int(db_read(), 0, SQL_OPEN_FOR, "II", (long long)cohort, (long long)sc.org) != 1) {
		req_error(r, 404);
		return;
	}
	struct cand_add a = { r->user->id, cohort, sc.org, 0, "portal" };
	int rc = db_write(cand_add_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? _("Your organization has already applied to this cohort.")
			: _("Your application was received. The center's team will study it and tell you its decision."));
	req_redirect(r, arena_printf(&r->arena, "/orgs/%lld#incubation", (long long)sc.org));
}
