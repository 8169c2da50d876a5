/* quotas — the monthly hours a partner organization may book (requested
 * and approved bookings count), set by the space coordinator for the
 * organizations of their office; 0 removes the limit.  A request over the
 * quota is refused with the hours used and left (store.c). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "workspace/pages.h"
#include "workspace/workspace.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

/* the organizations with a partner account or a quota, of the office */
static const char SQL_ORGS[] =
	"SELECT o.id, o.name_ar, coalesce(q.hours, 0) FROM orgs o LEFT JOIN booking_quotas q ON q.org_id = o.id"
	" WHERE (?1 = 0 OR o.office_id = ?1) AND (q.org_id IS NOT NULL"
	" OR EXISTS (SELECT 1 FROM users u WHERE u.org_id = o.id AND u.disabled = 0)) ORDER BY o.name_ar LIMIT 500";

void quotas_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	char today[11];
	ws_today(today);
	page_begin(r, _("Monthly quotas"));
	html_fmt(o, "<p class=\"back\"><a href=\"/rooms\">%s</a></p><h1>%s</h1>", _("Rooms"), _("Monthly quotas"));
	html_fmt(o, "<p>%s</p>", _("The hours of rooms a partner organization may book in a month; requests and approved "
				   "bookings count. Without a quota there is no limit."));
	const char *cols[] = { _("Organization"), _("Hours a month"), _("Used this month"), NULL };
	const char *keys[500], *labels[500];
	int n = 0;
	sqlite3_stmt *st = db_q(d, SQL_ORGS, "I", (long long)ws_office(r));
	while (db_row(st) == 1 && n < 500) {
		long long org = sqlite3_column_int64(st, 0);
		if (!n)
			table_begin(r, cols);
		keys[n] = arena_printf(&r->arena, "%lld", org);
		labels[n++] = arena_strdup(&r->arena, db_text(st, 1));
		row_begin(r);
		cell_text(r, db_text(st, 1));
		int hours = sqlite3_column_int(st, 2);
		if (hours)
			cell_int(r, hours);
		else
			cell_text(r, _("No limit"));
		long used = ws_org_month_minutes(d, org, today);
		cell_text(r, arena_printf(&r->arena, "%ld:%02ld", used / 60, used % 60));
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No partner organization with an account yet."), NULL, NULL);
	if (n) {
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Set a quota"));
		form_error_summary(r);
		form_begin(r, "/quotas", "form");
		form_select(r, "org", _("Organization"), keys, labels, n, NULL);
		form_input(r, "hours", _("Hours a month"), "number", "", 1, _("0 removes the limit"));
		form_end(r, _("Save"));
		html_raw(o, "</section>");
	}
	page_end(r);
}

static const char SQL_ORG_OFFICE[] = "SELECT coalesce(office_id, 0) FROM orgs WHERE id = ?1";
static const char SQL_SET[] =
	"INSERT INTO booking_quotas (org_id, hours, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (org_id) DO UPDATE SET hours = excluded.hours, updated_by = excluded.updated_by,"
	" updated_at = excluded.updated_at";
static const char SQL_DROP[] = "DELETE FROM booking_quotas WHERE org_id = ?1";

struct quota {
	struct req *r;
	long long org;
	int hours;
};

static int quota_fn(struct db *w, void *arg)
{
	struct quota *q = arg;
	int rc = q->hours ? db_do(w, SQL_SET, "IiII", q->org, q->hours, (long long)q->r->user->id, (long long)time(NULL))
			  : db_do(w, SQL_DROP, "I", q->org);
	if (rc < 0)
		return -1;
	return audit_write(w, q->r->user->id, "quota_set", "org", q->org, arena_printf(&q->r->arena, "hours=%d", q->hours));
}

void quota_submit(struct req *r)
{
	long long org = req_int(r, "org");
	long long office = db_int(db_read(), -1, SQL_ORG_OFFICE, "I", org);
	if (req_has(r, "org") && (office < 0 || (ws_office(r) && office != ws_office(r)))) {
		req_error(r, 404);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		quotas_page(r);
		return;
	}
	struct quota q = { r, org, (int)req_int(r, "hours") };
	if (db_write(quota_fn, &q) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("The quota was saved."));
	req_redirect(r, "/quotas");
}
