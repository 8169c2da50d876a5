/* org_members — adding a member on an organization's page: the form,
 * which chooses the person with the picker (by name in any spelling, or a
 * new person named as typed), and its POST, which checks a new person
 * against those already registered before making them. */
#include <string.h>
#include "registry/perms.h"
#include "registry/registry.h"
#include "registry/picker.h"
#include "registry/registry_pages.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "core/phone.h"
#include "core/utf8.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_ORG_OFFICE[] = "SELECT office_id FROM orgs WHERE id = ?1";
static const char SQL_PERSON_NAME[] = "SELECT name_ar FROM people WHERE id = ?1";
static const char SQL_IS_MEMBER[] = "SELECT count(*) FROM memberships WHERE person_id = ?1 AND org_id = ?2";
static const char SQL_MEMBER_ADD[] =
	"INSERT INTO memberships (person_id, org_id, role, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5)";

/* The add-member form: the person is chosen with the picker (by name, in
 * any spelling, or a new person named as typed); the rest of the form
 * appears once there is someone to choose (or when the form came back, to
 * keep what was typed). */
void member_form(struct req *r, int64_t id, const struct member_pick *mp)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	struct picker p = { .kind = PICK_PERSON, .field = "person", .q = "member_q", .legend = _("Person"),
			    .page = arena_printf(&r->arena, "/orgs/%lld", (long long)id), .offer_new = 1 };
	if (mp) {
		p.words = mp->words;
		p.selected = mp->selected;
		p.phone = mp->phone;
		p.birth_year = mp->birth_year;
		p.confirm = mp->confirm;
	}
	html_fmt(o, "<h3>%s</h3>", _("Add a member"));
	form_error_summary(r);
	picker_find_form(r, &p);
	form_begin(r, arena_printf(&r->arena, "/orgs/%lld/members", (long long)id), "form");
	if (!picker_field(r, &p) && r->method != M_POST) {
		form_end(r, NULL);
		return;
	}
	if (sc.personal) {
		/* a new person's facts: they make the duplicate check surer */
		html_fmt(o, "<fieldset class=\"group-fields\"><legend>%s</legend>", _("If it is a new person (optional)"));
		form_input(r, "birth_year", _("Birth year"), "text", "", 0, NULL);
		form_input(r, "phone", _("Phone"), "tel", "", 0, _("For example 0944 123 456 or +963 944 123 456"));
		html_raw(o, "</fieldset>");
	}
	form_input(r, "role", _("Role in the organization"), "text", "", 0, _("For example: director, volunteer, board member"));
	form_input(r, "start", _("Since"), "date", "", 0, NULL);
	form_end(r, _("Add member"));
}

/* A member to add: an existing person (person > 0) or a new one (name). */
struct member_add {
	struct req *r;
	int64_t org, person;
	const char *name, *phone;
	int birth_year;
	int created;              /* a new person was made */
	int already;              /* refused: the person is a member already */
};

/* Adds the member (making the new person first) and audits it. */
static int member_fn(struct db *w, void *arg)
{
	struct member_add *a = arg;
	struct req *r = a->r;
	if (!a->person) {
		a->person = person_quick_add(w, r->user->id, a->name, a->phone, a->birth_year,
					     db_int(w, 0, SQL_ORG_OFFICE, "I", (long long)a->org));
		if (a->person <= 0)
			return -1;
		a->created = 1;
	} else if (db_int(w, 0, SQL_IS_MEMBER, "II", (long long)a->person, (long long)a->org) > 0) {
		/* checked in the write: two clicks of "Add" make one membership */
		a->already = 1;
		return 1;
	}
	if (db_do(w, SQL_MEMBER_ADD, "IIttt", (long long)a->person, (long long)a->org, req_str(r, "role"),
		  req_str(r, "start"), "") < 0)
		return -1;
	if (!a->created) {
		sqlite3_stmt *st = db_q(w, SQL_PERSON_NAME, "I", (long long)a->person);
		if (db_row(st) == 1) {
			a->name = arena_strdup(&r->arena, db_text(st, 0));
			sqlite3_reset(st);
		}
	}
	return audit_write(w, r->user->id, "add_member", "org", a->org,
			   arena_printf(&r->arena, "person=%lld", (long long)a->person));
}

/* Adds a member: the person chosen (person, a number: the picker's radio
 * button or the API), or a new person — the picker's "new person" (person
 * 0, named by member_q) or a name_ar sent without a person.  A new person
 * whose name (or phone) is already registered in the user's scope is only
 * made with confirm_new: until then the form comes back (409) listing those
 * people, each to choose. */
void org_member_submit(struct req *r)
{
	int64_t org = req_int(r, "id");
	if (!scope_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	int chose = req_has(r, "person");
	int64_t person = req_int(r, "person");
	const char *typed = req_str(r, "name_ar");
	struct member_add a = { r, org, person, *typed ? typed : req_str(r, "member_q"), req_str(r, "phone"),
				(int)req_int(r, "birth_year"), 0, 0 };
	int is_new = chose ? person == 0 : *typed != 0;
	struct member_pick mp = { a.name, is_new ? "0" : req_str(r, "person"), a.phone, a.birth_year, 0 };
	if (!r->nerrors && !chose && !is_new)
		req_field_error(r, "person", *req_str(r, "member_q")
				? _("Choose the person in the list, or the new person.")
				: _("Type part of the person's name, press Find, then choose them in the list."));
	/* only people this user may see: an id from another office is "not found" */
	if (!r->nerrors && person && !scope_sees_person(r, person))
		req_field_error(r, "person", _("No person has this number."));
	if (!r->nerrors && is_new && utf8_count(a.name, strlen(a.name)) < 2)
		req_field_error(r, "person", _("Type the new person's name, at least two letters, and press Find."));
	char norm[64];
	if (!r->nerrors && is_new && *a.phone && phone_normalize(a.phone, norm, sizeof norm) < 0)
		req_field_error(r, "phone", _("This is not a phone number we can read."));
	if (r->nerrors) {
		r->status = 400;
		org_page_with(r, &mp);
		return;
	}
	if (is_new && !req_int(r, "confirm_new")) {
		if (picker_people_like(r, a.name, a.phone, a.birth_year)) {
			/* maybe already registered: nothing is made until someone says it is not one of these */
			req_field_error(r, "person", _("People with a similar name or the same phone are already registered. "
						       "Choose the person if they are one of them; if not, tick "
						       "«None of these» to add a new person."));
			mp.confirm = 1;
			r->status = 409;
			org_page_with(r, &mp);
			return;
		}
	}
	if (!is_new)
		a.name = "";
	int rc = db_write(member_fn, &a);
	if (rc > 0 && a.already) {
		req_field_error(r, "person", _("This person is already a member of this organization."));
		r->status = 409;
		org_page_with(r, &mp);
		return;
	}
	if (rc != 0) {
		req_error(r, 503);
		return;
	}
	req_flash_link(r, a.created ? _("A new person was registered and added as a member:") : _("The member was added:"),
		       arena_printf(&r->arena, "/people/%lld", (long long)a.person), a.name);
	req_redirect(r, arena_printf(&r->arena, "/orgs/%lld", (long long)org));
}
