/* framework — the assessment framework: the ten dimensions, their
 * indicators and the descriptor of each level 1–4, in the page's language,
 * any version; an administrator's change to an indicator makes a new
 * version (the others copied), so an assessment made with an older version
 * keeps reading the indicators it was scored on. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "admin/perms.h"
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

static const char SQL_VERSIONS[] = "SELECT id, version, note, created_at FROM frameworks ORDER BY version DESC LIMIT 50";
static const char SQL_BY_VERSION[] = "SELECT id FROM frameworks WHERE version = ?1";
static const char SQL_INDICATORS[] =
	"SELECT id, dimension, text_ar, text_en, l1_ar, l1_en, l2_ar, l2_en, l3_ar, l3_en, l4_ar, l4_en"
	" FROM fw_indicators WHERE framework_id = ?1 ORDER BY CASE dimension"
	" WHEN 'principles' THEN 0 WHEN 'planning' THEN 1 WHEN 'knowledge' THEN 2 WHEN 'context' THEN 3"
	" WHEN 'advocacy' THEN 4 WHEN 'networking' THEN 5 WHEN 'influence' THEN 6 WHEN 'funding' THEN 7"
	" WHEN 'volunteering' THEN 8 ELSE 9 END, position";

/* Ends a dimension's section; for an administrator, with the link to add
 * an indicator to it. */
static void dimension_end(struct req *r, const char *dim, int admin)
{
	if (admin)
		html_fmt(&r->out, "<p><a class=\"button secondary\" href=\"/incubation/framework/new?dim=%s\">%s</a></p>", dim,
			 _("Add an indicator to this dimension"));
	html_raw(&r->out, "</section>");
}

void framework_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	int64_t current = framework_current(d), fw = current;
	if (req_has(r, "version")) {
		fw = db_int(d, 0, SQL_BY_VERSION, "I", req_int(r, "version"));
		if (!fw) {
			req_error(r, 404);
			return;
		}
	}
	int admin = (r->user->perms & PERM_OFFICES_ADMIN) && fw == current;
	page_begin(r, _("Assessment framework"));
	incub_styles(r);
	html_fmt(o, "<h1>%s</h1><p class=\"hint\">%s</p>", _("Assessment framework"),
		 _("Ten dimensions of a healthy organization. Each indicator is scored 1 to 4; the descriptor of each "
		   "level says what the facilitator should see."));
	html_fmt(o, "<section class=\"card\"><h2>%s</h2><ul>", _("Versions"));
	sqlite3_stmt *st = db_q(d, SQL_VERSIONS, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0), v = sqlite3_column_int64(st, 1);
		html_fmt(o, "<li><a href=\"/incubation/framework?version=%lld\"%s>%s ", v, id == fw ? " aria-current=\"page\"" : "",
			 _("Version"));
		fmt_int(o, v);
		html_raw(o, "</a> — ");
		html_bdi_begin(o, 0);
		date_format_time(o, sqlite3_column_int64(st, 3));
		html_bdi_end(o);
		if (*db_text(st, 2))
			html_fmt(o, " — %s", db_text(st, 2));
		html_raw(o, "</li>");
	}
	html_raw(o, "</ul></section>");
	st = db_q(d, SQL_INDICATORS, "I", (long long)fw);
	const char *dim = "";
	int n = 0;
	char last[32] = "";
	while (db_row(st) == 1) {
		dim = db_text(st, 1);
		if (strcmp(dim, last) != 0) {
			if (*last)
				dimension_end(r, last, admin);
			snprintf(last, sizeof last, "%s", dim);
			n = 0;
			html_fmt(o, "<section class=\"card\" id=\"%s\"><h2>%s</h2>", dim, dim_label(dim_index(dim)));
		}
		n++;
		int l = ar() ? 0 : 1;
		html_fmt(o, "<div class=\"indicator\"><h3>%s</h3><ol class=\"levels\">", db_text(st, 2 + l));
		for (int k = 0; k < 4; k++) {
			html_raw(o, "<li><b>");
			char num[8];
			snprintf(num, sizeof num, "%d", k + 1);
			fmt_digits(o, num);
			html_fmt(o, "</b> %s</li>", db_text(st, 4 + 2 * k + l));
		}
		html_raw(o, "</ol>");
		if (admin)
			html_fmt(o, "<p><a href=\"/incubation/framework/indicators/%lld\">%s</a></p>",
				 (long long)sqlite3_column_int64(st, 0), _("Edit this indicator"));
		html_raw(o, "</div>");
	}
	if (*last)
		dimension_end(r, last, admin);
	(void)n;
	page_end(r);
}

static const char SQL_INDICATOR[] =
	"SELECT framework_id, dimension, text_ar, text_en, l1_ar, l1_en, l2_ar, l2_en, l3_ar, l3_en, l4_ar, l4_en, position"
	" FROM fw_indicators WHERE id = ?1";
static const char *const fields[] = { "text_ar", "text_en", "l1_ar", "l1_en", "l2_ar", "l2_en", "l3_ar", "l3_en",
	"l4_ar", "l4_en" };

void indicator_edit_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t id = req_int(r, "id");
	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_INDICATOR, "I", (long long)id);
	if (db_row(st) != 1 || sqlite3_column_int64(st, 0) != framework_current(d)) {
		sqlite3_reset(st);
		req_error(r, 404);
		return;
	}
	const char *vals[10];
	for (int k = 0; k < 10; k++)
		vals[k] = arena_strdup(&r->arena, db_text(st, 2 + k));
	int dim = dim_index(db_text(st, 1));
	sqlite3_reset(st);
	static const char *const labels[] = { N_("Indicator in Arabic"), N_("Indicator in English"),
		N_("Level 1 in Arabic"), N_("Level 1 in English"), N_("Level 2 in Arabic"), N_("Level 2 in English"),
		N_("Level 3 in Arabic"), N_("Level 3 in English"), N_("Level 4 in Arabic"), N_("Level 4 in English") };
	page_begin(r, _("Edit an indicator"));
	html_fmt(o, "<p class=\"back\"><a href=\"/incubation/framework#%s\">%s</a></p><h1>%s — %s</h1><p class=\"hint\">%s</p>",
		 dim_keys[dim < 0 ? 0 : dim], _("Assessment framework"), _("Edit an indicator"), dim_label(dim),
		 _("Saving makes a new version of the framework. Assessments already made keep the version they were made with."));
	form_error_summary(r);
	form_begin(r, arena_printf(&r->arena, "/incubation/framework/indicators/%lld", (long long)id), "form");
	for (int k = 0; k < 10; k++)
		incub_textarea(r, fields[k], _(labels[k]), vals[k], 1);
	form_input(r, "note", _("What changed (shown with the version)"), "text", "", 0, NULL);
	form_end(r, _("Save as a new version"));
	form_confirm(r, arena_printf(&r->arena, "/incubation/framework/indicators/%lld/remove", (long long)id),
		     _("Remove this indicator…"),
		     _("Remove this indicator from the framework? A new version is saved without it; assessments already "
		       "made keep theirs."), _("Remove it"), NULL, NULL);
	page_end(r);
}

/* The form of a new indicator of dimension dim (GET /incubation/framework/new). */
void indicator_new_page(struct req *r)
{
	struct strbuf *o = &r->out;
	const char *dim = req_str(r, "dim");
	int d = dim_index(dim);
	if (d < 0) {
		req_error(r, 404);
		return;
	}
	static const char *const labels[] = { N_("Indicator in Arabic"), N_("Indicator in English"),
		N_("Level 1 in Arabic"), N_("Level 1 in English"), N_("Level 2 in Arabic"), N_("Level 2 in English"),
		N_("Level 3 in Arabic"), N_("Level 3 in English"), N_("Level 4 in Arabic"), N_("Level 4 in English") };
	page_begin(r, _("New indicator"));
	html_fmt(o, "<p class=\"back\"><a href=\"/incubation/framework#%s\">%s</a></p><h1>%s — %s</h1><p class=\"hint\">%s</p>",
		 dim_keys[d], _("Assessment framework"), _("New indicator"), dim_label(d),
		 _("Saving makes a new version of the framework. Assessments already made keep the version they were made with."));
	form_error_summary(r);
	form_begin(r, "/incubation/framework/indicators", "form");
	html_fmt(o, "<input type=\"hidden\" name=\"dim\" value=\"%s\">", dim_keys[d]);
	for (int k = 0; k < 10; k++)
		incub_textarea(r, fields[k], _(labels[k]), req_declares(r, fields[k]) ? req_str(r, fields[k]) : "", 1);
	form_input(r, "note", _("What changed (shown with the version)"), "text", "", 0, NULL);
	form_end(r, _("Save as a new version"));
	page_end(r);
}

struct fw_edit {
	int64_t actor, indicator, old_fw, new_fw;
	const char *vals[10], *note;
};

static const char SQL_FW_ADD[] =
	"INSERT INTO frameworks (version, note, created_by, created_at)"
	" VALUES ((SELECT max(version) + 1 FROM frameworks), ?1, ?2, ?3)";
static const char SQL_COPY[] =
	"INSERT INTO fw_indicators (framework_id, dimension, position, text_ar, text_en, l1_ar, l1_en, l2_ar, l2_en,"
	" l3_ar, l3_en, l4_ar, l4_en) SELECT ?1, dimension, position, text_ar, text_en, l1_ar, l1_en, l2_ar, l2_en,"
	" l3_ar, l3_en, l4_ar, l4_en FROM fw_indicators WHERE framework_id = ?2 ORDER BY id";
static const char SQL_SET[] =
	"UPDATE fw_indicators SET text_ar = ?1, text_en = ?2, l1_ar = ?3, l1_en = ?4, l2_ar = ?5, l2_en = ?6,"
	" l3_ar = ?7, l3_en = ?8, l4_ar = ?9, l4_en = ?10 WHERE framework_id = ?11"
	" AND (dimension, position) = (SELECT dimension, position FROM fw_indicators WHERE id = ?12)";

static int fw_edit_fn(struct db *w, void *arg)
{
	struct fw_edit *e = arg;
	/* the indicator must still be of the newest version (two admins at once) */
	if (db_int(w, 0, "SELECT framework_id FROM fw_indicators WHERE id = ?1", "I", (long long)e->indicator)
	    != framework_current(w))
		return 1;
	if (db_do(w, SQL_FW_ADD, "tII", e->note, (long long)e->actor, (long long)time(NULL)) < 0)
		return -1;
	e->new_fw = db_last_id(w);
	if (db_do(w, SQL_COPY, "II", (long long)e->new_fw, (long long)e->old_fw) < 0)
		return -1;
	if (db_do(w, SQL_SET, "ttttttttttII", e->vals[0], e->vals[1], e->vals[2], e->vals[3], e->vals[4], e->vals[5],
		  e->vals[6], e->vals[7], e->vals[8], e->vals[9], (long long)e->new_fw, (long long)e->indicator) < 0)
		return -1;
	if (db_changes(w) != 1)
		return -1;
	return audit_write(w, e->actor, "create", "framework", e->new_fw, "");
}

void indicator_update_submit(struct req *r)
{
	int64_t id = req_int(r, "id");
	struct db *d = db_read();
	int64_t current = framework_current(d);
	if (db_int(d, 0, "SELECT framework_id FROM fw_indicators WHERE id = ?1", "I", (long long)id) != current) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		indicator_edit_page(r);
		return;
	}
	struct fw_edit e = { .actor = r->user->id, .indicator = id, .old_fw = current, .note = req_str(r, "note") };
	for (int k = 0; k < 10; k++)
		e.vals[k] = req_str(r, fields[k]);
	int rc = db_write(fw_edit_fn, &e);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc > 0) {
		req_flash(r, _("The framework changed meanwhile: open the indicator again in its newest version."));
		req_redirect(r, "/incubation/framework");
		return;
	}
	req_flash(r, _("A new version of the framework was saved."));
	req_redirect(r, "/incubation/framework");
}

/* ---- adding and removing an indicator: a new version each ---- */

static const char SQL_ADD_INDICATOR[] =
	"INSERT INTO fw_indicators (framework_id, dimension, position, text_ar, text_en, l1_ar, l1_en, l2_ar, l2_en,"
	" l3_ar, l3_en, l4_ar, l4_en) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM fw_indicators"
	" WHERE framework_id = ?1 AND dimension = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char SQL_DROP_INDICATOR[] =
	"DELETE FROM fw_indicators WHERE framework_id = ?1"
	" AND (dimension, position) = (SELECT dimension, position FROM fw_indicators WHERE id = ?2)";
static const char SQL_DIM_COUNT[] =
	"SELECT count(*) FROM fw_indicators WHERE framework_id = ?1"
	" AND dimension = (SELECT dimension FROM fw_indicators WHERE id = ?2)";

struct fw_change {
	int64_t actor, indicator, new_fw;   /* indicator: the one removed (0 when adding) */
	const char *dim, *vals[10], *note;
};

/* A new version, a copy of the newest; its id in c->new_fw.  0 or -1. */
static int version_copy(struct db *w, struct fw_change *c)
{
	int64_t old = framework_current(w);
	if (db_do(w, SQL_FW_ADD, "tII", c->note, (long long)c->actor, (long long)time(NULL)) < 0)
		return -1;
	c->new_fw = db_last_id(w);
	return db_do(w, SQL_COPY, "II", (long long)c->new_fw, (long long)old);
}

static int fw_add_fn(struct db *w, void *arg)
{
	struct fw_change *c = arg;
	if (version_copy(w, c) < 0)
		return -1;
	const char *const *v = c->vals;
	if (db_do(w, SQL_ADD_INDICATOR, "Ittttttttttt", (long long)c->new_fw, c->dim, v[0], v[1], v[2], v[3], v[4], v[5],
		  v[6], v[7], v[8], v[9]) < 0)
		return -1;
	char detail[48];
	snprintf(detail, sizeof detail, "added=%s", c->dim);
	return audit_write(w, c->actor, "create", "framework", c->new_fw, detail);
}

static int fw_remove_fn(struct db *w, void *arg)
{
	struct fw_change *c = arg;
	int64_t current = framework_current(w);
	if (db_int(w, 0, "SELECT framework_id FROM fw_indicators WHERE id = ?1", "I", (long long)c->indicator) != current)
		return 1;  /* not of the newest version (two admins at once) */
	if (db_int(w, 0, SQL_DIM_COUNT, "II", (long long)current, (long long)c->indicator) <= 1)
		return 2;  /* a dimension keeps at least one indicator */
	if (version_copy(w, c) < 0)
		return -1;
	if (db_do(w, SQL_DROP_INDICATOR, "II", (long long)c->new_fw, (long long)c->indicator) < 0)
		return -1;
	if (db_changes(w) != 1)
		return -1;
	return audit_write(w, c->actor, "create", "framework", c->new_fw, "removed=1");
}

void indicator_create_submit(struct req *r)
{
	if (r->nerrors) {
		r->status = 400;
		indicator_new_page(r);
		return;
	}
	struct fw_change c = { .actor = r->user->id, .dim = req_str(r, "dim"), .note = req_str(r, "note") };
	for (int k = 0; k < 10; k++)
		c.vals[k] = req_str(r, fields[k]);
	if (db_write(fw_add_fn, &c) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("A new version of the framework was saved."));
	req_redirect(r, arena_printf(&r->arena, "/incubation/framework#%s", c.dim));
}

void indicator_remove_submit(struct req *r)
{
	struct fw_change c = { .actor = r->user->id, .indicator = req_int(r, "id"), .note = _("An indicator removed") };
	int rc = db_write(fw_remove_fn, &c);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc == 1) {
		req_error(r, 404);
		return;
	}
	req_flash(r, rc == 2 ? _("A dimension keeps at least one indicator: this one was not removed.")
			     : _("A new version of the framework was saved."));
	req_redirect(r, "/incubation/framework");
}
