/* notices — the notifications inside daam: for a requester, the decisions
 * on their requests (approved, refused, cancelled); for the space
 * coordinator, the new requests of their office.  The list marks nothing
 * by itself: "Mark all as read" does (a POST), and the start page and the
 * bookings page show the unread count. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "workspace/pages.h"
#include "workspace/perms.h"
#include "workspace/workspace.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_UNREAD[] = "SELECT count(*) FROM booking_notices WHERE user_id = ?1 AND read_at IS NULL";
static const char SQL_LIST[] =
	"SELECT n.kind, n.created_at, n.read_at IS NULL, b.id, b.start_at, b.end_at, coalesce(r.name, ''),"
	" CASE WHEN b.org_id IS NOT NULL THEN o.name_ar WHEN b.public_name <> '' THEN b.public_name"
	" ELSE coalesce(nullif(u.display_name, ''), u.name, '') END"
	" FROM booking_notices n JOIN bookings b ON b.id = n.booking_id LEFT JOIN rooms r ON r.id = b.room_id"
	" LEFT JOIN orgs o ON o.id = b.org_id LEFT JOIN users u ON u.id = b.created_by"
	" WHERE n.user_id = ?1 ORDER BY n.id DESC LIMIT 100";
static const char SQL_READ_ALL[] =
	"UPDATE booking_notices SET read_at = ?2 WHERE user_id = ?1 AND read_at IS NULL";

int ws_unread(struct req *r)
{
	if (!r->user)
		return 0;
	return (int)db_int(db_read(), 0, SQL_UNREAD, "I", (long long)r->user->id);
}

void notices_page(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Notifications"));
	html_fmt(o, "<p class=\"back\"><a href=\"/bookings\">%s</a></p><h1>%s</h1>", _("Room bookings"), _("Notifications"));
	int unread = ws_unread(r);
	if (unread)
		form_button(r, "/notices/read", _("Mark all as read"), NULL, NULL, "secondary");
	sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "I", (long long)r->user->id);
	int n = 0;
	while (db_row(st) == 1) {
		if (!n++)
			html_raw(o, "<ul class=\"links ws-notices\">");
		const char *kind = db_text(st, 0);
		const char *what = strcmp(kind, "new") == 0 ? _("New request")
				   : strcmp(kind, "approved") == 0 ? _("Your request was approved")
				   : strcmp(kind, "refused") == 0 ? _("Your request was refused")
				   : _("A booking was cancelled");
		html_fmt(o, "<li%s><a href=\"/bookings/%lld\">%s%s</a>: %s, ", sqlite3_column_int(st, 2) ? " class=\"unread\"" : "",
			 (long long)sqlite3_column_int64(st, 3), sqlite3_column_int(st, 2) ? "● " : "", what,
			 *db_text(st, 6) ? db_text(st, 6) : _("Equipment only"));
		ws_day(o, db_text(st, 4));
		html_raw(o, " ");
		ws_span(o, db_text(st, 4), db_text(st, 5));
		html_raw(o, " — ");
		html_bdi(o, db_text(st, 7));
		html_raw(o, "</li>");
	}
	if (n)
		html_raw(o, "</ul>");
	else
		empty_state(r, _("No notification yet."), NULL, NULL);
	page_end(r);
}

struct read_all {
	int64_t user;
	int changed;
};

static int read_fn(struct db *w, void *arg)
{
	struct read_all *a = arg;
	if (db_do(w, SQL_READ_ALL, "II", (long long)a->user, (long long)time(NULL)) < 0)
		return -1;
	a->changed = db_changes(w);
	return 0;
}

void notices_read_submit(struct req *r)
{
	struct read_all a = { r->user->id, 0 };
	if (db_write(read_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, _("Marked as read."));
	req_redirect(r, "/notices");
}

void notices_home_section(struct req *r, int64_t id)
{
	(void)id;
	int unread = ws_unread(r);
	if (!unread)
		return;
	struct strbuf *o = &r->out;
	html_fmt(o, "<section class=\"card notice\"><p><a href=\"/notices\">%s</a></p></section>",
		 arena_printf(&r->arena, i18n_ngettext("%d new notification about room bookings",
						       "%d new notifications about room bookings", unread), unread));
}
