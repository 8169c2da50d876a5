/* person_data — what daam holds on one person, and its erasure (see
 * person_data.h).  One collector builds the answer as a JSON value; the
 * page draws that same value, so the printed page and the file say the
 * same.  Memberships in organizations outside the reader's scope are
 * counted, not named (a director or an admin sees them all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "registry/person_data.h"
#include "registry/anonymize.h"
#include "registry/perms.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

#define AUDIT_MAX 1000   /* the newest audit entries about the person given */

static const char SQL_PERSON[] =
	"SELECT p.name_ar, p.name_latin, p.gender, p.birth_year, p.place_id, p.displacement, p.disability, p.education,"
	" p.office_id, o.name_ar, o.name_en, p.consent_date, p.consent_purpose, p.created_at, p.updated_at, p.anonymized_at"
	" FROM people p LEFT JOIN offices o ON o.id = p.office_id WHERE p.id = ?1";
static const char SQL_PLACE[] = "SELECT level, name_ar, name_en, parent_id FROM places WHERE id = ?1";
static const char SQL_PHONES[] = "SELECT phone FROM person_phones WHERE person_id = ?1 ORDER BY id";
static const char SQL_MEMBERSHIPS[] =
	"SELECT o.id, o.name_ar, o.name_en, m.role, m.start_date, m.end_date FROM memberships m"
	" JOIN orgs o ON o.id = m.org_id WHERE m.person_id = ?1 AND" ORG_VISIBLE("o", "?2", "?3") " ORDER BY m.id";
static const char SQL_MEMBERSHIPS_ALL[] = "SELECT count(*) FROM memberships WHERE person_id = ?1";
static const char SQL_MERGED[] =
	"SELECT m.merged_id, g.name_ar, g.name_latin, m.at, u.name, m.score, m.reason FROM person_merges m"
	" JOIN people g ON g.id = m.merged_id LEFT JOIN users u ON u.id = m.user_id WHERE m.kept_id = ?1 ORDER BY m.id";
/* entries on the person or a record merged into them (CROSS JOIN: those
 * records first, without planner statistics), and the memberships
 * added for them (on the organization, naming them in the detail); each
 * part read through an index (the log holds every view of every record) */
static const char SQL_AUDIT[] =
	"SELECT a.at, u.name, a.action, a.entity, a.entity_id, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE a.id IN (SELECT id FROM audit_log WHERE entity = 'person' AND entity_id = ?1"
	" UNION ALL SELECT l.id FROM people g CROSS JOIN audit_log l ON l.entity = 'person' AND l.entity_id = g.id"
	" WHERE g.merged_into = ?1"
	" UNION ALL SELECT id FROM audit_log WHERE action = 'add_member' AND detail = 'person=' || ?1)"
	" ORDER BY a.id DESC LIMIT ?2";
/* the records judged to be other people (the duplicate review's "not the same") */
static const char SQL_DISTINCT[] =
	"SELECT d.b, d.at, u.name FROM dup_decisions d LEFT JOIN users u ON u.id = d.user_id WHERE d.a = ?1"
	" UNION ALL SELECT d.a, d.at, u.name FROM dup_decisions d LEFT JOIN users u ON u.id = d.user_id WHERE d.b = ?1";

/* Unix seconds as "2026-12-02T05:30:00Z"; JSON null for 0. */
static json_t *json_time(int64_t t)
{
	if (!t)
		return json_null();
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

static json_t *json_text(sqlite3_stmt *st, int col)
{
	return json_string(db_text(st, col));
}

/* The place and the places above it, the community first. */
static json_t *place_chain(int64_t id)
{
	json_t *a = json_array();
	for (int depth = 0; id && depth < 4; depth++) {
		sqlite3_stmt *st = db_q(db_read(), SQL_PLACE, "I", (long long)id);
		if (db_row(st) != 1)
			break;
		json_array_append_new(a, json_pack("{s:I,s:i,s:o,s:o}", "id", (json_int_t)id, "level",
						   sqlite3_column_int(st, 0), "name_ar", json_text(st, 1), "name_en",
						   json_text(st, 2)));
		id = sqlite3_column_int64(st, 3);
		sqlite3_reset(st);
	}
	return a;
}

/* Everything daam holds on person id for this reader; NULL when the
 * person is not there (or a query failed). */
static json_t *collect(struct req *r, int64_t id)
{
	struct scope sc;
	scope_of(r, &sc);
	sqlite3_stmt *st = db_q(db_read(), SQL_PERSON, "I", (long long)id);
	if (!st || db_row(st) != 1)
		return NULL;
	json_t *p = json_pack("{s:I,s:o,s:o,s:o}", "id", (json_int_t)id, "name_ar", json_text(st, 0), "name_latin",
			      json_text(st, 1), "gender", json_text(st, 2));
	json_object_set_new(p, "birth_year", sqlite3_column_type(st, 3) == SQLITE_NULL ? json_null()
					     : json_integer(sqlite3_column_int(st, 3)));
	int64_t place = sqlite3_column_int64(st, 4);
	json_object_set_new(p, "displacement", json_text(st, 5));
	json_object_set_new(p, "disability", sqlite3_column_type(st, 6) == SQLITE_NULL ? json_null()
					     : json_boolean(sqlite3_column_int(st, 6)));
	json_object_set_new(p, "education", json_text(st, 7));
	json_object_set_new(p, "office", sqlite3_column_type(st, 8) == SQLITE_NULL ? json_null()
				: json_pack("{s:I,s:o,s:o}", "id", (json_int_t)sqlite3_column_int64(st, 8), "name_ar",
					    json_text(st, 9), "name_en", json_text(st, 10)));
	json_object_set_new(p, "consent", json_pack("{s:o,s:o}", "date", json_text(st, 11), "purpose", json_text(st, 12)));
	json_object_set_new(p, "created_at", json_time(sqlite3_column_int64(st, 13)));
	json_object_set_new(p, "updated_at", json_time(sqlite3_column_int64(st, 14)));
	json_object_set_new(p, "anonymized_at", json_time(sqlite3_column_int64(st, 15)));
	sqlite3_reset(st);
	json_object_set_new(p, "place", place_chain(place));

	json_t *phones = json_array();
	st = db_q(db_read(), SQL_PHONES, "I", (long long)id);
	while (st && db_row(st) == 1)
		json_array_append_new(phones, json_text(st, 0));

	json_t *members = json_array();
	st = db_q(db_read(), SQL_MEMBERSHIPS, "III", (long long)id, (long long)sc.office, (long long)sc.org);
	while (st && db_row(st) == 1)
		json_array_append_new(members, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}", "org_id",
							 (json_int_t)sqlite3_column_int64(st, 0), "org_name_ar", json_text(st, 1),
							 "org_name_en", json_text(st, 2), "role", json_text(st, 3),
							 "start_date", json_text(st, 4), "end_date", json_text(st, 5)));
	long long all = db_int(db_read(), 0, SQL_MEMBERSHIPS_ALL, "I", (long long)id);

	json_t *merged = json_array();
	st = db_q(db_read(), SQL_MERGED, "I", (long long)id);
	while (st && db_row(st) == 1)
		json_array_append_new(merged, json_pack("{s:I,s:o,s:o,s:o,s:o,s:f,s:o}", "id",
							(json_int_t)sqlite3_column_int64(st, 0), "name_ar", json_text(st, 1),
							"name_latin", json_text(st, 2), "merged_at",
							json_time(sqlite3_column_int64(st, 3)), "merged_by",
							sqlite3_column_type(st, 4) == SQLITE_NULL ? json_null() : json_text(st, 4),
							"score", sqlite3_column_double(st, 5), "reason", json_text(st, 6)));

	json_t *distinct = json_array();
	st = db_q(db_read(), SQL_DISTINCT, "I", (long long)id);
	while (st && db_row(st) == 1)
		json_array_append_new(distinct, json_pack("{s:I,s:o,s:o}", "id", (json_int_t)sqlite3_column_int64(st, 0),
							  "judged_at", json_time(sqlite3_column_int64(st, 1)), "judged_by",
							  sqlite3_column_type(st, 2) == SQLITE_NULL ? json_null() : json_text(st, 2)));

	json_t *audit = json_array();
	st = db_q(db_read(), SQL_AUDIT, "Ii", (long long)id, AUDIT_MAX + 1);
	int naudit = 0;
	while (st && db_row(st) == 1) {
		if (++naudit > AUDIT_MAX) {
			sqlite3_reset(st);
			break;
		}
		json_array_append_new(audit, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "at",
						       json_time(sqlite3_column_int64(st, 0)), "user",
						       sqlite3_column_type(st, 1) == SQLITE_NULL ? json_null() : json_text(st, 1),
						       "action", json_text(st, 2), "entity", json_text(st, 3), "entity_id",
						       sqlite3_column_type(st, 4) == SQLITE_NULL ? json_null()
						       : json_integer(sqlite3_column_int64(st, 4)),
						       "detail", json_text(st, 5)));
	}
	return json_pack("{s:o,s:s,s:o,s:o,s:o,s:I,s:o,s:o,s:o,s:b}", "generated_at", json_time((int64_t)time(NULL)),
			 "generated_by", r->user->name, "person", p, "phones", phones, "memberships", members,
			 "memberships_outside_your_scope", (json_int_t)(all - (long long)json_array_size(members)),
			 "merged_records", merged, "not_the_same_as", distinct, "audit", audit, "audit_truncated",
			 naudit > AUDIT_MAX);
}

struct audit_args {
	struct req *r;
	int64_t id;
	const char *action, *detail;
};

static int audit_fn(struct db *w, void *arg)
{
	const struct audit_args *a = arg;
	return audit_write(w, a->r->user->id, a->action, "person", a->id, a->detail);
}

/* The answer for the person in the path: NULL after a 404 (out of scope,
 * merged away, none) or a 503 (the audit entry could not be written: no
 * record of the answer, no answer). */
static json_t *answer(struct req *r, const char *format)
{
	int64_t id = req_int(r, "id");
	if (!scope_sees_person(r, id)) {
		req_error(r, 404);
		return NULL;
	}
	json_t *j = collect(r, id);
	if (!j) {
		req_error(r, 503);
		return NULL;
	}
	struct audit_args a = { r, id, "data_export", format };
	if (db_write(audit_fn, &a) != 0) {
		json_decref(j);
		req_error(r, 503);
		return NULL;
	}
	r->is_private = 1;
	return j;
}

void person_data_json(struct req *r)
{
	json_t *j = answer(r, "format=json");
	if (!j)
		return;
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!s) {
		req_error(r, 500);
		return;
	}
	req_json(r, 200, s);
	free(s);
	/* from the page: a file to save (the API answers it as is) */
	if (!(r->route->flags & ROUTE_API))
		req_header_add(r, "Content-Disposition",
			       arena_printf(&r->arena, "attachment; filename=\"daam-person-%lld.json\"", req_int(r, "id")));
}

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* A stored time (ISO text, UTC) in the reader's words and time zone. */
static void when(struct strbuf *o, json_t *t)
{
	const char *s = json_string_value(t);
	struct tm tm = { 0 };
	if (s && sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			&tm.tm_sec) == 6) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		html_bdi_begin(o, 0);
		date_format_time(o, (int64_t)timegm(&tm));
		html_bdi_end(o);
	} else {
		html_raw(o, "—");
	}
}

static void fact(struct strbuf *o, const char *label, const char *value, int ltr)
{
	html_fmt(o, "<dt>%s</dt><dd>", label);
	if (value && *value)
		ltr ? html_ltr(o, value) : html_bdi(o, value);
	else
		html_raw(o, "—");
	html_raw(o, "</dd>");
}

static void render_person(struct req *r, json_t *p)
{
	struct strbuf *o = &r->out;
	int ar = i18n_lang() == LANG_AR;
	html_fmt(o, "<section class=\"card\"><h2>%s</h2><dl class=\"facts\">", _("The record"));
	fact(o, _("Number"), arena_printf(&r->arena, "%lld", (long long)json_integer_value(json_object_get(p, "id"))), 1);
	fact(o, _("Name in Arabic"), jstr(p, "name_ar"), 0);
	fact(o, _("Name in Latin letters"), jstr(p, "name_latin"), 0);
	fact(o, _("Gender"), *jstr(p, "gender") ? vocab_label(&genders, jstr(p, "gender")) : NULL, 0);
	json_t *by = json_object_get(p, "birth_year");
	fact(o, _("Birth year"), json_is_integer(by) ? arena_printf(&r->arena, "%lld", (long long)json_integer_value(by)) : NULL, 1);
	struct strbuf path;
	sb_init(&path, 0);
	size_t i;
	json_t *pl;
	json_array_foreach(json_object_get(p, "place"), i, pl) {
		if (i)
			sb_adds(&path, ar ? "، " : ", ");
		sb_adds(&path, jstr(pl, ar ? "name_ar" : "name_en"));
	}
	fact(o, _("Community"), sb_str(&path), 0);
	sb_release(&path);
	fact(o, _("Displacement"), *jstr(p, "displacement") ? vocab_label(&displacements, jstr(p, "displacement")) : NULL, 0);
	fact(o, _("Education"), *jstr(p, "education") ? vocab_label(&educations, jstr(p, "education")) : NULL, 0);
	json_t *dis = json_object_get(p, "disability");
	fact(o, _("Disability"), json_is_boolean(dis) ? (json_is_true(dis) ? _("Yes") : _("No")) : NULL, 0);
	json_t *office = json_object_get(p, "office");
	fact(o, _("Office"), json_is_object(office) ? jstr(office, ar ? "name_ar" : "name_en") : NULL, 0);
	json_t *consent = json_object_get(p, "consent");
	int y, m, d;
	if (sscanf(jstr(consent, "date"), "%4d-%2d-%2d", &y, &m, &d) == 3) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Consent"));
		html_bdi_begin(o, 0);
		date_format(o, y, m, d);
		html_bdi_end(o);
		html_raw(o, " — ");
		html_bdi(o, jstr(consent, "purpose"));
		html_raw(o, "</dd>");
	} else {
		fact(o, _("Consent"), NULL, 0);
	}
	html_fmt(o, "<dt>%s</dt><dd>", _("Registered on"));
	when(o, json_object_get(p, "created_at"));
	html_fmt(o, "</dd><dt>%s</dt><dd>", _("Last changed"));
	when(o, json_object_get(p, "updated_at"));
	html_raw(o, "</dd>");
	if (!json_is_null(json_object_get(p, "anonymized_at"))) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Anonymized"));
		when(o, json_object_get(p, "anonymized_at"));
		html_raw(o, "</dd>");
	}
	html_raw(o, "</dl></section>");
}

static void render_lists(struct req *r, json_t *j)
{
	struct strbuf *o = &r->out;
	size_t i;
	json_t *v;
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Phones"));
	if (!json_array_size(json_object_get(j, "phones")))
		html_fmt(o, "<p>%s</p>", _("None."));
	json_array_foreach(json_object_get(j, "phones"), i, v) {
		html_raw(o, "<p>");
		html_ltr(o, json_string_value(v));
		html_raw(o, "</p>");
	}
	html_fmt(o, "</section><section class=\"card\"><h2>%s</h2>", _("Memberships"));
	json_t *m = json_object_get(j, "memberships");
	if (json_array_size(m)) {
		const char *cols[] = { _("Organization"), _("Role"), _("From"), _("To"), NULL };
		table_begin(r, cols);
		json_array_foreach(m, i, v) {
			row_begin(r);
			cell_link(r, arena_printf(&r->arena, "/orgs/%lld", (long long)json_integer_value(json_object_get(v, "org_id"))),
				  jstr(v, i18n_lang() == LANG_AR || !*jstr(v, "org_name_en") ? "org_name_ar" : "org_name_en"));
			cell_text(r, jstr(v, "role"));
			cell_ltr(r, jstr(v, "start_date"));
			cell_ltr(r, jstr(v, "end_date"));
			row_end(r);
		}
		table_end(r);
	} else {
		html_fmt(o, "<p>%s</p>", _("None you can see."));
	}
	long long outside = (long long)json_integer_value(json_object_get(j, "memberships_outside_your_scope"));
	if (outside)
		html_fmt(o, "<p class=\"hint\">%s</p>",
			 arena_printf(&r->arena, i18n_ngettext("And %lld membership in an organization of another office: "
							       "a director or an admin gives the complete answer.",
							       "And %lld memberships in organizations of other offices: "
							       "a director or an admin gives the complete answer.", (long)outside),
				      outside));
	html_fmt(o, "</section><section class=\"card\"><h2>%s</h2>", _("Records merged into this one"));
	m = json_object_get(j, "merged_records");
	if (!json_array_size(m))
		html_fmt(o, "<p>%s</p>", _("None."));
	json_array_foreach(m, i, v) {
		html_raw(o, "<p>");
		html_bdi(o, jstr(v, "name_ar"));
		html_fmt(o, " (%lld) — ", (long long)json_integer_value(json_object_get(v, "id")));
		when(o, json_object_get(v, "merged_at"));
		html_raw(o, "</p>");
	}
	m = json_object_get(j, "not_the_same_as");
	if (json_array_size(m)) {
		html_fmt(o, "<p>%s ", _("Judged to be other people than this one, in the duplicate review:"));
		json_array_foreach(m, i, v) {
			if (i)
				html_raw(o, i18n_lang() == LANG_AR ? "، " : ", ");
			html_bdi_begin(o, 1);
			fmt_int(o, (long long)json_integer_value(json_object_get(v, "id")));
			html_bdi_end(o);
		}
		html_raw(o, "</p>");
	}
	html_fmt(o, "</section><section class=\"card\"><h2>%s</h2><p class=\"hint\">%s</p>", _("Audit log entries about them"),
		 _("Who registered, changed, viewed, merged or exported this record, and when."));
	m = json_object_get(j, "audit");
	if (json_array_size(m)) {
		const char *cols[] = { _("When"), _("User"), _("What was done"), NULL };
		table_begin(r, cols);
		json_array_foreach(m, i, v) {
			row_begin(r);
			cell_begin(r);
			when(o, json_object_get(v, "at"));
			cell_end(r);
			cell_ltr(r, json_is_string(json_object_get(v, "user")) ? jstr(v, "user") : _("system"));
			cell_text(r, arena_printf(&r->arena, "%s — %s", audit_action_label(jstr(v, "action")),
						  audit_entity_label(jstr(v, "entity"))));
			row_end(r);
		}
		table_end(r);
	}
	if (json_is_true(json_object_get(j, "audit_truncated")))
		html_fmt(o, "<p class=\"hint\">%s</p>", _("Only the newest 1,000 entries are shown."));
	html_raw(o, "</section>");
}

void person_data_page(struct req *r)
{
	struct strbuf *o = &r->out;
	json_t *j = answer(r, "format=html");
	if (!j)
		return;
	long long id = req_int(r, "id");
	json_t *p = json_object_get(j, "person");
	page_begin(r, _("The person's own data"));
	html_fmt(o, "<p class=\"back\"><a href=\"/people/%lld\">%s</a></p><h1>%s</h1>", id, _("Back to the person"),
		 _("The person's own data"));
	html_fmt(o, "<p>%s</p>",
		 _("Everything daam holds on this person, to give to them when they ask: print this page (from the "
		   "browser's menu) or download the file. This answer is recorded in the audit log."));
	html_fmt(o, "<p><a class=\"button\" href=\"/people/%lld/data.json\" download>%s</a></p>", id, _("Download as a file (JSON)"));
	render_person(r, p);
	render_lists(r, j);
	html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Erase on request"));
	if (!json_is_null(json_object_get(p, "anonymized_at"))) {
		html_fmt(o, "<p>%s</p>", _("This person's name and phones have been erased; the record is counted without them."));
	} else {
		html_fmt(o, "<p>%s</p>", _("When the person asks that the center forget them, erase their identity here. "
					   "Give them their data first, if they want it."));
		form_confirm(r, arena_printf(&r->arena, "/people/%lld/erase", id), _("Erase this person's data…"),
			     _("The name, the phones and the copies kept to undo merges are removed now, for good. Gender, "
			       "birth year, community, office and memberships stay without a name, so the center's counts "
			       "stay the same."),
			     _("Yes, erase for good"), NULL, NULL);
	}
	html_raw(o, "</section>");
	json_decref(j);
	page_end(r);
}

struct erase_args {
	struct req *r;
	int64_t id;
};

/* 1: already anonymized (nothing to do) */
static int erase_fn(struct db *w, void *arg)
{
	struct erase_args *a = arg;
	int changed = person_anonymize(w, a->id, (int64_t)time(NULL));
	if (changed <= 0)
		return changed < 0 ? -1 : 1;
	return audit_write(w, a->r->user->id, "erase", "person", a->id, "why=request");
}

void person_erase_submit(struct req *r)
{
	int64_t id = req_int(r, "id");
	if (!scope_sees_person(r, id)) {
		req_error(r, 404);
		return;
	}
	struct erase_args a = { r, id };
	int rc = db_write(erase_fn, &a);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, rc ? _("This person's data had already been erased. Nothing was changed.")
			: _("Erased: the name and phones are gone; the person is still counted, without them."));
	req_redirect(r, arena_printf(&r->arena, "/people/%lld/data", (long long)id));
}

void person_data_section(struct req *r, int64_t person_id)
{
	if (!(r->user->perms & PERM_PERSONAL_FIELDS))
		return;
	html_fmt(&r->out, "<section class=\"card\"><h2>%s</h2><p>%s</p><p><a href=\"/people/%lld/data\">%s</a></p></section>",
		 _("The person's own data"),
		 _("When this person asks what the center holds on them, or asks to be erased, answer from here."),
		 (long long)person_id, _("See all their data, print it or erase it"));
}
