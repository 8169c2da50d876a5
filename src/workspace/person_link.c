/* person_link — staff link a booking's requester to a person of the
 * registry (chosen with the registry's picker), so a booking by a person
 * can count among the people reached (the view reach_bookings of
 * migration 022); "unlink" takes the link back.  Only staff who see people
 * (PERM_PEOPLE_READ), and only people of their scope. */
#include <stdio.h>
#include <string.h>
#include "workspace/pages.h"
#include "workspace/perms.h"
#include "workspace/workspace.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "registry/perms.h"
#include "registry/picker.h"
#include "registry/registry.h"
#include "core/banned.h"

static const char SQL_LINKED[] =
	"SELECT coalesce(b.person_id, 0), coalesce(p.name_ar, '') FROM bookings b LEFT JOIN people p ON p.id = b.person_id"
	" WHERE b.id = ?1";

void person_link_section(struct req *r, long long booking)
{
	if (ws_is_partner(r) || !(r->user->perms & PERM_PEOPLE_READ) || !(r->user->perms & PERM_WS_READ))
		return;
	struct strbuf *o = &r->out;
	sqlite3_stmt *st = db_q(db_read(), SQL_LINKED, "I", booking);
	if (db_row(st) != 1)
		return;
	long long person = sqlite3_column_int64(st, 0);
	const char *name = arena_strdup(&r->arena, db_text(st, 1));
	sqlite3_reset(st);
	html_fmt(o, "<section class=\"card\" id=\"person\"><h2>%s</h2>", _("Person in the registry"));
	if (person && scope_sees_person(r, person)) {
		html_fmt(o, "<p><a href=\"/people/%lld\">%s</a></p>", person, name);
		form_button(r, arena_printf(&r->arena, "/bookings/%lld/person", booking), _("Unlink"), "person", "0",
			    "secondary");
	} else {
		html_fmt(o, "<p class=\"hint\">%s</p>", _("Link the requester to their record, so the booking counts among "
						      "the people reached."));
		char *page = arena_printf(&r->arena, "/bookings/%lld", booking);
		struct picker p = { .kind = PICK_PERSON, .field = "person", .q = "person_q", .legend = _("Person"),
				    .page = page };
		picker_find_form(r, &p);
		form_begin(r, arena_printf(&r->arena, "/bookings/%lld/person", booking), "form");
		if (picker_field(r, &p))
			form_end(r, _("Link"));
		else
			html_raw(o, "</form>");
	}
	html_raw(o, "</section>");
}

static const char SQL_SET[] = "UPDATE bookings SET person_id = ?2 WHERE id = ?1";

struct link {
	struct req *r;
	long long booking, person;
};

static int link_fn(struct db *w, void *arg)
{
	struct link *a = arg;
	if (db_do(w, SQL_SET, "Io", a->booking, a->person) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	return audit_write(w, a->r->user->id, "book_person", "booking", a->booking,
			   arena_printf(&a->r->arena, "person=%lld", a->person));
}

void booking_person_submit(struct req *r)
{
	long long id = req_int(r, "id"), person = req_int(r, "person");
	if (!ws_booking_visible(r, id) || ws_is_partner(r)) {
		req_error(r, 404);
		return;
	}
	if (person && !scope_sees_person(r, person))
		req_field_error(r, "person", _("Choose a person from the list."));
	if (r->nerrors) {
		r->status = 400;
		booking_page(r);
		return;
	}
	struct link a = { r, id, person };
	int rc = db_write(link_fn, &a);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash(r, person ? _("The person was linked.") : _("The link was taken back."));
	req_redirect(r, arena_printf(&r->arena, "/bookings/%lld", id));
}
