/* ui — small pieces the workspace's pages share: the office chooser, days
 * and time spans in the user's language and digits, today, a status badge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "workspace/pages.h"
#include "workspace/workspace.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "http/request.h"
#include "core/banned.h"

int ws_ar(void)
{
	return i18n_lang() == LANG_AR;
}

static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";

void ws_office_select(struct req *r, const char *name, long long selected)
{
	struct strbuf *o = &r->out;
	if (ws_office(r) > 0)
		return;
	const char *typed = req_form_raw(r, name);
	if (typed)
		selected = strtoll(typed, NULL, 10);
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">",
		 req_error_for(r, name) ? " has-error" : "", name, _("Office"), name, name);
	sqlite3_stmt *st = db_q(db_read(), SQL_OFFICES, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		html_fmt(o, "<option value=\"%lld\"%s>%s</option>", id, id == selected ? " selected" : "",
			 db_text(st, ws_ar() ? 1 : 2));
	}
	html_raw(o, "</select>");
	if (req_error_for(r, name))
		html_fmt(o, "<p class=\"error\">%s</p>", req_error_for(r, name));
	html_raw(o, "</div>");
}

void ws_day(struct strbuf *o, const char *t)
{
	int y, m, d;
	char day[11];
	snprintf(day, sizeof day, "%s", t ? t : "");
	if (date_parse_iso(day, &y, &m, &d) < 0)
		return;
	html_bdi_begin(o, 0);
	date_format(o, y, m, d);
	html_bdi_end(o);
}

void ws_span(struct strbuf *o, const char *start, const char *end)
{
	html_bdi_begin(o, 1);
	if (strlen(start) >= WS_TIME_LEN)
		fmt_digits(o, start + 11);
	html_raw(o, "–");
	if (strlen(end) >= WS_TIME_LEN)
		fmt_digits(o, end + 11);
	html_bdi_end(o);
}

void ws_today(char out[11])
{
	time_t t = time(NULL) + DATES_TZ_OFFSET;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void ws_status_badge(struct strbuf *o, const char *status)
{
	html_fmt(o, "<span class=\"badge ws-%s\">%s</span>", status, ws_status_label(status));
}
