/* admin_audit — browse the audit log with filters (user, action, record
 * kind, dates), newest first, 50 a page. */
#include <stdio.h>
#include <string.h>
#include "admin/admin.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "core/banned.h"

#define DAY 86400

/* Filters are optional: '' / 0 means "any". Portable: no numbered binds. */
static const char SQL_PAGE[] =
	"SELECT a.id, a.at, u.name, a.action, a.entity, a.entity_id, a.detail"
	" FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE (? = '' OR u.name = ?) AND (? = '' OR a.action = ?) AND (? = '' OR a.entity = ?)"
	" AND a.at >= ? AND a.at < ?"
	" ORDER BY a.id DESC LIMIT ? OFFSET ?";
static const char SQL_COUNT[] =
	"SELECT count(*) FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE (? = '' OR u.name = ?) AND (? = '' OR a.action = ?) AND (? = '' OR a.entity = ?)"
	" AND a.at >= ? AND a.at < ?";

static void filter_select(struct req *r, const char *name, const char *label, const char *const *keys,
			  const char *const *labels)
{
	const char *cur = req_str(r, name);
	html_fmt(&r->out, "<label>%s <select name=\"%s\"><option value=\"\">%s</option>", label, name, _("Any"));
	for (int i = 0; keys[i]; i++)
		html_fmt(&r->out, "<option value=\"%s\"%s>%s</option>", keys[i],
			 strcmp(cur, keys[i]) == 0 ? " selected" : "", _(labels[i]));
	html_raw(&r->out, "</select></label>");
}

/* unix time at 00:00 Syria time of a yyyymmdd value */
static long long day_start(long long ymd)
{
	int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100), d = (int)(ymd % 100);
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * DAY - DATES_TZ_OFFSET;
}

void audit_list(struct req *r)
{
	struct strbuf *o = &r->out;
	const char *user = req_str(r, "user"), *action = req_str(r, "action"), *entity = req_str(r, "entity");
	long long from = req_has(r, "from") ? day_start(req_int(r, "from")) : 0;
	long long to = req_has(r, "to") ? day_start(req_int(r, "to")) + DAY : (1LL << 62);
	long long page = req_has(r, "page") ? req_int(r, "page") : 1;
	struct db *d = db_read();
	long long total = db_int(d, 0, SQL_COUNT, "ttttttII", user, user, action, action, entity, entity, from, to);

	page_begin(r, _("Audit log"));
	html_fmt(o, "<h1>%s</h1>", _("Audit log"));
	html_raw(o, "<form method=\"get\" action=\"/admin/audit\" class=\"filters\">");
	html_fmt(o, "<label>%s <input name=\"user\" value=\"%s\"></label>", _("User name"), user);
	const char *const *keys, *const *labels;
	audit_vocabulary(0, &keys, &labels);
	filter_select(r, "action", _("Action"), keys, labels);
	audit_vocabulary(1, &keys, &labels);
	filter_select(r, "entity", _("Record kind"), keys, labels);
	html_fmt(o, "<label>%s <input type=\"date\" name=\"from\" value=\"%s\"></label>", _("From"), req_str(r, "from"));
	html_fmt(o, "<label>%s <input type=\"date\" name=\"to\" value=\"%s\"></label>", _("To"), req_str(r, "to"));
	html_fmt(o, "<button>%s</button></form>", _("Filter"));
	html_fmt(o, "<p class=\"count\">%s: ", _("Entries"));
	fmt_int(o, total);
	html_raw(o, "</p>");
	html_fmt(o, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 _("When"), _("User"), _("Action"), _("Record kind"), _("Record"), _("Details"));
	sqlite3_stmt *st = db_q(d, SQL_PAGE, "ttttttIIII", user, user, action, action, entity, entity, from, to,
				(long long)LIMIT_PAGE_ROWS, (page - 1) * LIMIT_PAGE_ROWS);
	while (db_row(st) == 1) {
		html_raw(o, "<tr><td>");
		date_format_time(o, sqlite3_column_int64(st, 1));
		html_fmt(o, "</td><td>%s</td><td>%s</td><td>%s</td><td>",
			 sqlite3_column_type(st, 2) == SQLITE_NULL ? _("system") : db_text(st, 2),
			 audit_action_label(db_text(st, 3)),
			 audit_entity_label(db_text(st, 4)));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			fmt_int(o, sqlite3_column_int64(st, 5));
		html_fmt(o, "</td><td>%s</td></tr>", db_text(st, 6));
	}
	html_raw(o, "</tbody></table>");
	static const char *const keep[] = { "user", "action", "entity", "from", "to", NULL };
	struct strbuf query = STRBUF_INIT;
	query_keep(r, &query, keep);
	pager(r, "/admin/audit", sb_str(&query), page, total, LIMIT_PAGE_ROWS);
	sb_release(&query);
	page_end(r);
}
