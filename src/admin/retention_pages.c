/* retention_pages — /admin/retention: how long each kind of personal data
 * is kept (what each period means, in plain words), what the purge would
 * do now (the same counts as `daam purge --dry-run`), and the purge itself
 * after a confirmation.  Saving the periods and purging are audited. */
#include <stdio.h>
#include <time.h>
#include "admin/admin.h"
#include "admin/retention.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

/* "5 years", "30 days", or "Kept for ever" */
static const char *period_text(struct req *r, int k, int period)
{
	if (k == RK_MERGE_UNDO)
		return arena_printf(&r->arena, i18n_ngettext("%d day", "%d days", 7), 7);
	if (period <= 0)
		return _("Kept for ever");
	return arena_printf(&r->arena, retention_kinds[k].years ? i18n_ngettext("%d year", "%d years", period)
							       : i18n_ngettext("%d day", "%d days", period), period);
}

static void render(struct req *r)
{
	struct strbuf *o = &r->out;
	struct retention ret;
	long long n[RK_COUNT];
	retention_load(db_read(), &ret);
	int counted = retention_count(db_read(), &ret, (int64_t)time(NULL), n) == 0;
	page_begin(r, _("Retention of personal data"));
	html_fmt(o, "<h1>%s</h1><p>%s</p>", _("Retention of personal data"),
		 _("daam keeps personal data only as long as the center needs it. Each kind below has its period; once a "
		   "day, and whenever you ask, what is past its period is removed, or anonymized so that every count and "
		   "report stays the same. The audit log records each purge."));
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("What the purge would do now"));
	const char *cols[] = { _("Kind of data"), _("Kept for"), _("What happens then"), _("Past their period now"), NULL };
	table_begin(r, cols);
	for (int k = 0; k < RK_COUNT; k++) {
		row_begin(r);
		cell_text(r, _(retention_kinds[k].label));
		cell_text(r, period_text(r, k, ret.period[k]));
		cell_text(r, _(retention_kinds[k].action));
		if (counted && (k == RK_MERGE_UNDO || ret.period[k] > 0))
			cell_int(r, n[k]);
		else
			cell_text(r, "—");
		row_end(r);
	}
	table_end(r);
	html_fmt(o, "<p class=\"hint\">%s</p>",
		 _("Files made by background jobs (exports) are never written to disk: they are kept in memory for "
		   "30 minutes after the job ends, and are gone at a restart."));
	form_confirm(r, "/admin/retention/purge", _("Purge now…"),
		     _("Everything counted in the table is removed or anonymized now, in one step. Anonymized people keep "
		       "their gender, birth year, community, office and memberships, without name or phones. This cannot be "
		       "undone."),
		     _("Yes, purge now"), NULL, NULL);
	html_raw(o, "</section>");

	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Periods"));
	form_error_summary(r);
	form_begin(r, "/admin/retention", "form");
	for (int k = 0; k < RK_COUNT; k++) {
		const struct retention_kind_info *ki = &retention_kinds[k];
		if (!ki->max)
			continue;
		char value[16];
		snprintf(value, sizeof value, "%d", ret.period[k]);
		const char *label = arena_printf(&r->arena, "%s (%s)", _(ki->label), ki->years ? _("years") : _("days"));
		form_input(r, ki->key, label, "number", value, 1, _(ki->meaning));
	}
	form_end(r, _("Save"));
	html_raw(o, "</section>");
	page_end(r);
}

void retention_page(struct req *r)
{
	render(r);
}

struct save_args {
	struct req *r;
	struct retention ret;
};

static int save_fn(struct db *w, void *arg)
{
	struct save_args *a = arg;
	if (retention_save(w, &a->ret) < 0)
		return -1;
	char detail[160];
	size_t len = 0;
	for (int k = 0; k < RK_COUNT; k++)
		if (retention_kinds[k].max)
			len += (size_t)snprintf(detail + len, sizeof detail - len, "%s%s=%d", len ? " " : "",
						retention_kinds[k].key, a->ret.period[k]);
	return audit_write(w, a->r->user->id, "update", "retention", 0, detail);
}

void retention_save_submit(struct req *r)
{
	if (r->nerrors) {
		r->status = 400;
		render(r);
		return;
	}
	struct save_args a = { r, { { 0 } } };
	for (int k = 0; k < RK_COUNT; k++)
		if (retention_kinds[k].max)
			a.ret.period[k] = (int)req_int(r, retention_kinds[k].key);
	if (db_write(save_fn, &a) != 0) {
		req_field_error(r, retention_kinds[0].key, _("The periods could not be saved. Try again in a moment."));
		r->status = 503;
		render(r);
		return;
	}
	req_flash(r, _("Saved. The next purge uses these periods."));
	req_redirect(r, "/admin/retention");
}

void retention_purge_submit(struct req *r)
{
	long long n[RK_COUNT];
	if (retention_purge(r->user->id, (int64_t)time(NULL), n) < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, arena_printf(&r->arena,
				  _("The purge is done: %lld people anonymized, %lld uploaded files, %lld addresses and "
				    "%lld sessions removed. The audit log records it."),
				  n[RK_PEOPLE], n[RK_UPLOADS], n[RK_AUDIT], n[RK_SESSIONS]));
	req_redirect(r, "/admin/retention");
}
