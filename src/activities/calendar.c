/* calendar — ICS feeds of the sessions, for a phone's or a laptop's
 * calendar: one per office (its activities) and one per trainer (the
 * activities they train).  A feed is reached by a private link holding a
 * random secret (32 bytes, base64url); only its hash is kept
 * (calendar_feeds), so the link is shown once, when it is made, and can be
 * revoked: then it answers 404.  Written with libical (Debian's
 * libical-dev): sessions from 90 days back, times in UTC from Syria's
 * time, a session without a time as a whole day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/ics_out.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

#define FEED_BACK_DAYS 90
#define FEED_MAX_EVENTS 5000

static const char SQL_MINE[] =
	"SELECT f.id, f.kind, f.target_id, f.created_at, o.name_ar, o.name_en FROM calendar_feeds f"
	" LEFT JOIN offices o ON f.kind = 'office' AND o.id = f.target_id"
	" WHERE f.created_by = ?1 AND f.revoked_at IS NULL ORDER BY f.id";

static void feeds_list(struct req *r)
{
	struct strbuf *o = &r->out;
	const char *cols[] = { _("Calendar"), _("Made"), _("Revoke"), NULL };
	int n = 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_MINE, "I", (long long)r->user->id);
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		if (strcmp(db_text(st, 1), "office") == 0)
			cell_text(r, arena_printf(&r->arena, "%s: %s", _("Office"),
						  db_text(st, i18n_lang() == LANG_AR ? 4 : 5)));
		else
			cell_text(r, _("My sessions as a trainer"));
		cell_begin(r);
		date_format_time(o, sqlite3_column_int64(st, 3));
		cell_end(r);
		cell_action_begin(r);
		form_button(r, arena_printf(&r->arena, "/calendar/%lld/revoke", id), _("Revoke the link"), NULL, NULL, "danger");
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, _("No calendar link yet."), NULL, NULL);
}

/* The page: the user's links, and the form that makes one; link is a new
 * link to show once (NULL none). */
static void render(struct req *r, const char *link)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Calendar links"));
	html_fmt(o, "<h1>%s</h1>", _("Calendar links"));
	html_fmt(o, "<p>%s</p>", _("A private link adds the sessions to the calendar of your phone or computer "
				   "(subscribe to it by address). Anyone with the link sees the sessions: revoke it when it is no "
				   "longer needed."));
	if (link) {
		html_fmt(o, "<section class=\"card notice\" role=\"status\"><p>%s</p><p><code dir=\"ltr\">%s</code></p></section>",
			 _("Your new link (shown only now; copy it into your calendar):"), link);
	}
	feeds_list(r);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Make a link"));
	form_begin(r, "/calendar", "form");
	static const char *const keys[] = { "office", "trainer" };
	const char *labels[] = { _("The sessions of my office"), _("My sessions as a trainer") };
	form_radios(r, "kind", _("Calendar"), keys, labels, 2, "office");
	if (!act_office(r))
		html_fmt(o, "<p class=\"hint\">%s</p>", _("For an office's calendar, choose the office:"));
	if (!act_office(r)) {
		html_fmt(o, "<div class=\"field\"><label for=\"f-office\">%s</label><select id=\"f-office\" name=\"office\">",
			 _("Office"));
		sqlite3_stmt *st = db_q(db_read(), "SELECT id, name_ar, name_en FROM offices ORDER BY id", "");
		while (db_row(st) == 1)
			html_fmt(o, "<option value=\"%lld\">%s</option>", (long long)sqlite3_column_int64(st, 0),
				 db_text(st, i18n_lang() == LANG_AR ? 1 : 2));
		html_raw(o, "</select></div>");
	}
	form_end(r, _("Make the link"));
	html_raw(o, "</section>");
	page_end(r);
}

void calendar_page(struct req *r)
{
	render(r, NULL);
}

static const char SQL_FEED_ADD[] =
	"INSERT INTO calendar_feeds (kind, target_id, token_hash, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";

struct feed_new {
	struct req *r;
	const char *kind;
	int64_t target;
	unsigned char hash[32];
};

static int feed_fn(struct db *w, void *arg)
{
	struct feed_new *f = arg;
	if (db_do(w, SQL_FEED_ADD, "tIbII", f->kind, (long long)f->target, f->hash, 32, (long long)f->r->user->id,
		  (long long)time(NULL)) < 0)
		return -1;
	return audit_write(w, f->r->user->id, "calendar_link", "activity", 0,
			   arena_printf(&f->r->arena, "feed=%lld kind=%s", (long long)db_last_id(w), f->kind));
}

void calendar_create_submit(struct req *r)
{
	const char *kind = req_str(r, "kind");
	int64_t target = strcmp(kind, "trainer") == 0 ? r->user->id : act_office(r) ? act_office(r) : req_int(r, "office");
	if (strcmp(kind, "office") == 0 && !act_office(r)
	    && !db_int(db_read(), 0, "SELECT count(*) FROM offices WHERE id = ?1", "I", (long long)target))
		req_field_error(r, "office", _("Choose the office."));
	if (r->nerrors) {
		r->status = 400;
		render(r, NULL);
		return;
	}
	unsigned char secret[32];
	char token[64];
	randombytes_buf(secret, sizeof secret);
	sodium_bin2base64(token, sizeof token, secret, sizeof secret, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	struct feed_new f = { r, kind, target, { 0 } };
	crypto_generichash(f.hash, sizeof f.hash, (const unsigned char *)token, strlen(token), NULL, 0);
	if (db_write(feed_fn, &f) != 0) {
		req_error(r, 503);
		return;
	}
	const char *host = req_header(r, "Host");
	const char *base = getenv("DAAM_PUBLIC_URL");
	const char *link = base && *base ? arena_printf(&r->arena, "%s/ics/%s", base, token)
			   : arena_printf(&r->arena, "%s://%s/ics/%s", r->is_https ? "https" : "http", host ? host : "", token);
	r->is_private = 1;
	render(r, link);
}

static const char SQL_REVOKE[] =
	"UPDATE calendar_feeds SET revoked_at = ?1 WHERE id = ?2 AND created_by = ?3 AND revoked_at IS NULL";

struct revoke {
	struct req *r;
	long long id;
};

static int revoke_fn(struct db *w, void *arg)
{
	struct revoke *v = arg;
	if (db_do(w, SQL_REVOKE, "III", (long long)time(NULL), v->id, (long long)v->r->user->id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;   /* not the user's, or revoked already */
	return audit_write(w, v->r->user->id, "calendar_revoke", "activity", 0,
			   arena_printf(&v->r->arena, "feed=%lld", v->id));
}

void calendar_revoke_submit(struct req *r)
{
	struct revoke v = { r, req_int(r, "id") };
	int rc = db_write(revoke_fn, &v);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, _("The link was revoked: it no longer shows anything."));
	req_redirect(r, "/calendar");
}

/* ---- the feed itself ---- */

static const char SQL_FEED[] = "SELECT kind, target_id FROM calendar_feeds WHERE token_hash = ?1 AND revoked_at IS NULL";
static const char SQL_OFFICE_SESSIONS[] =
	"SELECT s.id, s.day, s.start_time, s.end_time, a.title, a.room, a.id FROM activity_sessions s"
	" JOIN activities a ON a.id = s.activity_id WHERE a.office_id = ?1 AND s.day >= ?2 ORDER BY s.day LIMIT ?3";
static const char SQL_TRAINER_SESSIONS[] =
	"SELECT s.id, s.day, s.start_time, s.end_time, a.title, a.room, a.id FROM activity_sessions s"
	" JOIN activities a ON a.id = s.activity_id JOIN activity_trainers t ON t.activity_id = a.id"
	" WHERE t.user_id = ?1 AND s.day >= ?2 ORDER BY s.day LIMIT ?3";

void calendar_ics(struct req *r)
{
	const char *token = req_str(r, "token");
	unsigned char hash[32];
	crypto_generichash(hash, sizeof hash, (const unsigned char *)token, strlen(token), NULL, 0);
	struct db *d = db_read();
	sqlite3_stmt *st = db_q(d, SQL_FEED, "b", hash, 32);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	int office = strcmp(db_text(st, 0), "office") == 0;
	long long target = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	char from[16];
	time_t back = time(NULL) + DATES_TZ_OFFSET - (time_t)FEED_BACK_DAYS * 86400;
	struct tm tm;
	gmtime_r(&back, &tm);
	strftime(from, sizeof from, "%Y-%m-%d", &tm);
	icalcomponent *cal = ics_calendar("-//daam//activities//AR");
	st = db_q(d, office ? SQL_OFFICE_SESSIONS : SQL_TRAINER_SESSIONS, "Iti", target, from, FEED_MAX_EVENTS);
	while (db_row(st) == 1) {
		char uid[64];
		snprintf(uid, sizeof uid, "session-%lld", (long long)sqlite3_column_int64(st, 0));
		const char *day = db_text(st, 1), *start = db_text(st, 2), *end = db_text(st, 3);
		ics_event(r, cal, uid, ics_local(day, start), *start && *end ? ics_local(day, end) : icaltime_null_time(),
			  db_text(st, 4), db_text(st, 5));
	}
	r->is_private = 1;   /* a private link's feed */
	ics_send(r, cal);
}
