/* home — the start page after signing in (what the center holds, at a
 * glance) and the health check used by tests and monitoring. */
#include "registry/perms.h"
#include "home/home.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_COUNTS[] =
	"SELECT (SELECT count(*) FROM offices), (SELECT count(*) FROM users WHERE disabled = 0),"
	" (SELECT count(*) FROM orgs), (SELECT count(*) FROM people WHERE merged_into IS NULL)";

static void stat_tile(struct req *r, const char *label, long long n)
{
	html_raw(&r->out, "<div class=\"tile\"><b>");
	fmt_int(&r->out, n);
	html_fmt(&r->out, "</b><span>%s</span></div>", label);
}

void home_page(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Home"));
	html_fmt(o, "<h1>%s</h1>", _("Welcome"));
	html_fmt(o, "<p>%s <b>%s</b> — %s</p>", _("Signed in as"),
		 *r->user->display_name ? r->user->display_name : r->user->name, _(role_table[r->user->role].label));
	sqlite3_stmt *st = db_q(db_read(), SQL_COUNTS, "");
	if (db_row(st) == 1) {
		html_raw(o, "<div class=\"tiles\">");
		stat_tile(r, _("Offices"), sqlite3_column_int64(st, 0));
		stat_tile(r, _("Active users"), sqlite3_column_int64(st, 1));
		stat_tile(r, _("Organizations"), sqlite3_column_int64(st, 2));
		if (r->user->perms & PERM_PEOPLE_READ)
			stat_tile(r, _("People (counted once)"), sqlite3_column_int64(st, 3));
		html_raw(o, "</div>");
		sqlite3_reset(st);
	}
	page_end(r);
}

void health_json(struct req *r)
{
	r->is_private = 1;
	long long n = db_int(db_read(), -1, "SELECT count(*) FROM schema_migrations", "");
	if (n < 0) {
		req_error(r, 503);
		return;
	}
	req_json(r, 200, "{\"status\":\"ok\"}");
}
