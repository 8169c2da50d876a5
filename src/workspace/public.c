/* public — asking for a room with no account: a form (name, phone,
 * initiative, purpose, attendees, room, day and times) checked field by
 * field, rate-limited per client address (auth/throttle.h, the sign-in's
 * table), and, once sent, a status page behind a private link: a random
 * secret (32 bytes, base64url) of which only the hash is kept
 * (bookings.public_token_hash), as the calendar links and sessions do.
 * Nothing is saved from a form with an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "workspace/pages.h"
#include "workspace/workspace.h"
#include "auth/throttle.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/phone.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/assets.h"
#include "http/request.h"
#include "core/banned.h"

const char *const ws_public_kind_keys[] = { "initiative", "individual", NULL };

static const char SQL_ROOMS[] =
	"SELECT r.id, r.name, r.capacity, r.opens, r.closes, f.name_ar, f.name_en FROM rooms r"
	" JOIN offices f ON f.id = r.office_id WHERE r.active = 1 ORDER BY r.office_id, r.name";

static void form_page(struct req *r)
{
	struct strbuf *o = &r->out;
	page_begin(r, _("Ask for a room"));
	html_fmt(o, "<h1>%s</h1><p>%s</p>", _("Ask for a room"),
		 _("Initiatives and people may ask for a room of the center for a workshop, a training or a meeting. "
		   "The space coordinator answers; you follow the answer on the page you get after sending."));
	html_fmt(o, "<p><a href=\"/space/free\">%s</a></p>", _("See first when the rooms are free"));
	form_error_summary(r);
	form_begin(r, "/space/request", "form");
	form_input(r, "name", _("Your name"), "text", "", 1, NULL);
	form_input(r, "phone", _("Phone"), "tel", "", 1, _("For example 0944 123 456"));
	const char *klabels[] = { _("For an initiative"), _("For myself") };
	form_radios(r, "kind", _("The request is"), ws_public_kind_keys, klabels, 2, "initiative");
	form_input(r, "initiative", _("Initiative (if any)"), "text", "", 0, NULL);
	form_input(r, "purpose", _("Purpose"), "text", "", 1, _("For example: a workshop on children's rights"));
	form_input(r, "attendees", _("Expected attendees"), "number", "", 1, NULL);
	long long room = 0;
	const char *typed = req_form_raw(r, "room");
	if (typed)
		room = strtoll(typed, NULL, 10);
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-room\">%s</label><select id=\"f-room\" name=\"room\" required>"
		    "<option value=\"\">%s</option>", req_error_for(r, "room") ? " has-error" : "", _("Room"), _("Choose a room"));
	sqlite3_stmt *st = db_q(db_read(), SQL_ROOMS, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		html_fmt(o, "<option value=\"%lld\"%s>%s — %s (%d, %s–%s)</option>", id, id == room ? " selected" : "",
			 db_text(st, 1), db_text(st, ws_ar() ? 5 : 6), sqlite3_column_int(st, 2), db_text(st, 3), db_text(st, 4));
	}
	html_raw(o, "</select>");
	if (req_error_for(r, "room"))
		html_fmt(o, "<p class=\"error\" id=\"e-room\">%s</p>", req_error_for(r, "room"));
	html_raw(o, "</div>");
	form_input(r, "day", _("Day"), "date", "", 1, NULL);
	form_input(r, "start", _("From"), "time", "", 1, NULL);
	form_input(r, "end", _("To"), "time", "", 1, NULL);
	form_end(r, _("Send the request"));
	page_end(r);
}

void public_request_page(struct req *r)
{
	form_page(r);
}

struct make {
	struct ws_booking_in in;
	struct ws_result res;
	unsigned char hash[32];
};

static int make_fn(struct db *w, void *arg)
{
	struct make *m = arg;
	if (ws_booking_make(w, &m->in, &m->res) < 0)
		return -1;
	return m->res.code == WS_OK ? 0 : 1;
}

void public_request_submit(struct req *r)
{
	char phone[PHONE_NORM_SIZE];
	if (req_has(r, "phone") && phone_normalize(req_str(r, "phone"), phone, sizeof phone) < 0)
		req_field_error(r, "phone", _("Write a phone number, for example 0944 123 456."));
	long long room = req_int(r, "room");
	if (req_has(r, "room") && !db_int(db_read(), 0, "SELECT count(*) FROM rooms WHERE id = ?1 AND active = 1", "I", room))
		req_field_error(r, "room", _("Choose a room from the list."));
	if (req_has(r, "start") && ws_hm(req_str(r, "start")) < 0)
		req_field_error(r, "start", _("Write the time as hours and minutes, for example 09:30."));
	if (req_has(r, "end") && ws_hm(req_str(r, "end")) < 0)
		req_field_error(r, "end", _("Write the time as hours and minutes, for example 09:30."));
	if (req_has(r, "kind") && req_int(r, "kind") == 0 && !req_has(r, "initiative"))
		req_field_error(r, "initiative", _("Give the initiative's name, or choose \"For myself\"."));
	if (r->nerrors) {
		r->status = 400;
		form_page(r);
		return;
	}
	/* the requests saved from this address (a form refused or not saved
	 * does not count) */
	if (throttle_event("w", r->client_ip, LIMIT_WS_PUBLIC_PER_ADDRESS, 0)) {
		req_error(r, 429);
		return;
	}
	struct make m;
	memset(&m, 0, sizeof m);
	unsigned char secret[32];
	char token[64];
	randombytes_buf(secret, sizeof secret);
	sodium_bin2base64(token, sizeof token, secret, sizeof secret, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_generichash(m.hash, sizeof m.hash, (const unsigned char *)token, strlen(token), NULL, 0);
	const char *day = req_str(r, "day");
	m.in.room_id = room;
	m.in.start = arena_printf(&r->arena, "%sT%s", day, req_str(r, "start"));
	m.in.end = arena_printf(&r->arena, "%sT%s", day, req_str(r, "end"));
	m.in.purpose = req_str(r, "purpose");
	m.in.attendees = (int)req_int(r, "attendees");
	m.in.kind = req_int(r, "kind") == 1 ? "individual" : "initiative";
	m.in.public_name = req_str(r, "name");
	m.in.public_phone = phone;
	m.in.public_initiative = req_str(r, "initiative");
	m.in.token_hash = m.hash;
	if (db_write(make_fn, &m) < 0) {
		req_error(r, 503);
		return;
	}
	if (m.res.code != WS_OK) {
		r->status = m.res.code == WS_E_TAKEN ? 409 : 400;
		const char *field = m.res.code == WS_E_CAPACITY ? "attendees" : m.res.code == WS_E_NOT_FOUND ? "room" : "start";
		req_field_error(r, field, ws_result_message(r, &m.res));
		form_page(r);
		return;
	}
	throttle_event("w", r->client_ip, LIMIT_WS_PUBLIC_PER_ADDRESS, 1);
	req_redirect(r, arena_printf(&r->arena, "/space/status/%s", token));
}

static const char SQL_STATUS[] =
	"SELECT b.start_at, b.end_at, b.status, b.purpose, b.refusal_reason, coalesce(r.name, ''), f.name_ar, f.name_en,"
	" b.public_name FROM bookings b JOIN offices f ON f.id = b.office_id LEFT JOIN rooms r ON r.id = b.room_id"
	" WHERE b.public_token_hash = ?1";

void public_status_page(struct req *r)
{
	const char *token = req_str(r, "token");
	unsigned char hash[32];
	crypto_generichash(hash, sizeof hash, (const unsigned char *)token, strlen(token), NULL, 0);
	sqlite3_stmt *st = db_q(db_read(), SQL_STATUS, "b", hash, 32);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	struct strbuf *o = &r->out;
	r->is_private = 1;
	page_begin(r, _("Your room request"));
	html_fmt(o, "<link rel=\"stylesheet\" href=\"%s\">", asset_url("workspace.css"));
	html_fmt(o, "<h1>%s</h1>", _("Your room request"));
	html_fmt(o, "<p>%s</p>", _("Keep the address of this page: it is the only way to see the answer."));
	html_raw(o, "<p>");
	ws_status_badge(o, db_text(st, 2));
	html_raw(o, "</p><dl class=\"facts\">");
	html_fmt(o, "<dt>%s</dt><dd>%s</dd>", _("Name"), db_text(st, 8));
	html_fmt(o, "<dt>%s</dt><dd>%s — %s</dd>", _("Room"), db_text(st, 5), db_text(st, ws_ar() ? 6 : 7));
	html_fmt(o, "<dt>%s</dt><dd>", _("When"));
	ws_day(o, db_text(st, 0));
	html_raw(o, " ");
	ws_span(o, db_text(st, 0), db_text(st, 1));
	html_fmt(o, "</dd><dt>%s</dt><dd>%s</dd>", _("Purpose"), db_text(st, 3));
	if (*db_text(st, 4))
		html_fmt(o, "<dt>%s</dt><dd>%s</dd>", _("Reason of the refusal"), db_text(st, 4));
	html_raw(o, "</dl>");
	sqlite3_reset(st);
	page_end(r);
}
