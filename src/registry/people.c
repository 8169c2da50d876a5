/* people — the people of the registry: list with filters and paging, the
 * person page (personal fields only for roles that need them; every view is
 * written to the audit log without the data), create and edit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/perms.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "registry/search.h"
#include "registry/people_query.h"
#include "registry/age_bands.h"
#include "registry/registry_pages.h"
#include "module.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/phone.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_GET[] =
	"SELECT name_ar, name_latin, gender, birth_year, place_id, displacement, disability, education,"
	" office_id, consent_date, consent_purpose, created_at FROM people WHERE id = ?1 AND merged_into IS NULL";
static const char SQL_PHONES[] = "SELECT phone FROM person_phones WHERE person_id = ?1 ORDER BY id LIMIT 3";
static const char SQL_MEMBERSHIPS[] =
	"SELECT o.id, o.name_ar, o.name_en, m.role, m.start_date FROM memberships m JOIN orgs o ON o.id = m.org_id"
	" WHERE m.person_id = ?1 AND" ORG_VISIBLE("o", "?2", "?3") /* only organizations in the user's scope */
	" ORDER BY m.id";
static const char SQL_MERGES[] =
	"SELECT m.merged_id, m.at, u.name, m.score, m.reason, g.name_ar FROM person_merges m"
	" LEFT JOIN users u ON u.id = m.user_id JOIN people g ON g.id = m.merged_id"
	" WHERE m.kept_id = ?1 ORDER BY m.id";

/* Why the list is empty, and what to do: filters that match no one, a
 * partner's organization with no members registered yet, or an empty
 * registry. */
static void people_empty(struct req *r, const struct people_filter *f)
{
	int filtered = *f->q || *f->gender || *f->age || f->place || f->office;
	if (filtered)
		empty_state(r, _("No one matches these filters. Change or clear them to see more."),
			    f->org ? arena_printf(&r->arena, "/people?org=%lld", (long long)f->org) : "/people",
			    _("Clear the filters"));
	else if (f->scope.org)
		empty_state(r, _("No one is registered as a member of your organization yet. The center's staff register "
				 "members when they attend or join an activity; ask your contact at the center to add the "
				 "members you work with."), NULL, NULL);
	else if (f->org)
		empty_state(r, _("This organization has no members registered yet. Add them from the organization's page."),
			    arena_printf(&r->arena, "/orgs/%lld", (long long)f->org), _("The organization's page"));
	else if (r->user->perms & PERM_PEOPLE_WRITE)
		empty_state(r, _("No one is registered yet. Add a person, or import a list from Excel."), "/people/new",
			    _("New person"));
	else
		empty_state(r, _("No one is registered in your office yet."), NULL, NULL);
}

void people_list(struct req *r)
{
	struct strbuf *o = &r->out;
	struct people_filter f;
	people_filter_init(r, &f);
	long long page = req_has(r, "page") ? req_int(r, "page") : 1;
	struct db *d = db_read();
	long long total = people_filter_count(d, &f);
	/* a page reached by a pager link starts at its key, not at an OFFSET */
	people_filter_seek(d, &f, req_int(r, "after"), req_int(r, "before"));
	if (req_has(r, "before") && !f.after)
		page = 1;  /* the page before was the first (or the key is gone) */
	page_begin(r, _("People"));
	html_fmt(o, "<h1>%s</h1><p>", _("People"));
	if (r->user->perms & PERM_PEOPLE_WRITE)
		html_fmt(o, "<a class=\"button\" href=\"/people/new\">%s</a> <a href=\"/people/duplicates\">%s</a> ",
			 _("New person"), _("Possible duplicates"));
	html_raw(o, "</p><form method=\"get\" action=\"/people\" class=\"filters\">");
	html_fmt(o, "<label>%s <input name=\"q\" type=\"search\" dir=\"auto\" value=\"%s\"></label>", _("Name"), f.q);
	html_raw(o, "<div>");
	vocab_select(r, "gender", _("Gender"), &genders, f.gender, VOCAB_ANY);
	html_raw(o, "</div><div>");
	vocab_select(r, "age", _("Age"), &age_bands, f.age, VOCAB_ANY);
	html_raw(o, "</div>");
	if (f.scope.personal) {
		/* the community is a personal field: only roles that see it filter by it */
		html_raw(o, "<div>");
		place_select(r, "place", _("Place"), f.place, 1);
		html_raw(o, "</div>");
	}
	if (req_has(r, "org"))
		html_fmt(o, "<input type=\"hidden\" name=\"org\" value=\"%lld\">", f.org);
	html_fmt(o, "<button>%s</button></form><p class=\"count\">%s: ", _("Filter"), _("People found"));
	/* counted up to LIMIT_LIST_COUNT + 1 (people_query.h): past it, "1,000+" */
	int capped = !people_filter_exact(&f) && total > LIMIT_LIST_COUNT;
	fmt_int(o, capped ? LIMIT_LIST_COUNT : total);
	if (capped)
		html_raw(o, "+");
	html_raw(o, "</p>");
	/* the same filters, exported (pseudonymous unless asked and allowed) */
	static const char *const keep[] = { "q", "gender", "age", "office", "org", NULL };
	struct strbuf filters = STRBUF_INIT;
	query_keep(r, &filters, keep);
	if (f.place)  /* the place chosen, or found by the name typed */
		sb_addf(&filters, "&place=%lld", f.place);
	if (r->user->perms & PERM_EXPORT) {
		html_fmt(o, "<div class=\"actions exports\"><span>%s:</span> <a class=\"button secondary\" href=\"/people/export?format=xlsx%s\">XLSX</a> "
			 "<a class=\"button secondary\" href=\"/people/export?format=csv%s\">CSV</a>", _("Export this list"), sb_str(&filters),
			 sb_str(&filters));
		if (r->user->perms & PERM_EXPORT_IDENTIFIED)
			html_fmt(o, " <a class=\"button secondary\" href=\"/people/export?format=xlsx&amp;identified=1%s\">%s</a>",
				 sb_str(&filters), _("XLSX with names and phones"));
		/* a long list is exported by a job: the user's jobs keep its file */
		html_fmt(o, " <a href=\"/jobs\">%s</a></div>", _("My jobs"));
	}
	if (!total)
		people_empty(r, &f);
	const char *cols[6];
	int nc = 0;
	cols[nc++] = _("Name");
	cols[nc++] = _("Name in Latin letters");
	cols[nc++] = _("Gender");
	if (f.scope.personal)
		cols[nc++] = _("Birth year");
	cols[nc++] = _("Organizations");
	cols[nc] = NULL;
	if (total)
		table_begin(r, cols);
	/* one row more than the page: whether there is a next page, past the
	 * counted thousand too */
	int keyed = f.after || req_has(r, "before");
	sqlite3_stmt *st = people_filter_rows(d, &f, LIMIT_PAGE_ROWS + 1, keyed ? 0 : (page - 1) * LIMIT_PAGE_ROWS);
	int shown = 0, more = 0;
	long long first_id = 0, last_id = 0;
	while (st && db_row(st) == 1) {
		if (shown++ == LIMIT_PAGE_ROWS) {
			more = 1;
			sqlite3_reset(st);
			break;
		}
		last_id = sqlite3_column_int64(st, PQ_ID);
		if (!first_id)
			first_id = last_id;
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/people/%lld", (long long)sqlite3_column_int64(st, PQ_ID)),
			  db_text(st, PQ_NAME));
		cell_begin(r);
		html_bdi(o, db_text(st, PQ_LATIN));
		cell_end(r);
		cell_text(r, vocab_label(&genders, db_text(st, PQ_GENDER)));
		if (f.scope.personal) {
			cell_begin(r);
			if (sqlite3_column_type(st, PQ_BIRTH) != SQLITE_NULL)
				fmt_int(o, sqlite3_column_int64(st, PQ_BIRTH));
			cell_end(r);
		}
		cell_text(r, db_text(st, PQ_ORGS));
		row_end(r);
	}
	if (total)
		table_end(r);
	if (*f.q)  /* a name search pages by OFFSET, in the search index's order */
		pager(r, "/people", sb_str(&filters), page, more ? page * LIMIT_PAGE_ROWS + 1 : 0, LIMIT_PAGE_ROWS);
	else
		pager_keyed(r, "/people", sb_str(&filters), page, first_id, last_id, more);
	sb_release(&filters);
	people_filter_release(&f);
	page_end(r);
}

struct person_row {
	struct person_in in;
	const char *phones[3];
	long long created;
};

static int person_load(struct req *r, int64_t id, struct person_row *p)
{
	memset(p, 0, sizeof *p);
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", (long long)id);
	if (db_row(st) != 1)
		return -1;
	struct arena *a = &r->arena;
	p->in.name_ar = arena_strdup(a, db_text(st, 0));
	p->in.name_latin = arena_strdup(a, db_text(st, 1));
	p->in.gender = arena_strdup(a, db_text(st, 2));
	p->in.birth_year = sqlite3_column_int(st, 3);
	p->in.place_id = sqlite3_column_int64(st, 4);
	p->in.displacement = arena_strdup(a, db_text(st, 5));
	p->in.disability = sqlite3_column_type(st, 6) == SQLITE_NULL ? DISABILITY_UNSET : sqlite3_column_int(st, 6);
	p->in.education = arena_strdup(a, db_text(st, 7));
	p->in.office_id = sqlite3_column_int64(st, 8);
	p->in.consent_date = arena_strdup(a, db_text(st, 9));
	p->in.consent_purpose = arena_strdup(a, db_text(st, 10));
	p->created = sqlite3_column_int64(st, 11);
	sqlite3_reset(st);
	st = db_q(db_read(), SQL_PHONES, "I", (long long)id);
	for (int i = 0; i < 3 && db_row(st) == 1; i++)
		p->in.phones[i] = arena_strdup(a, db_text(st, 0));
	sqlite3_reset(st);
	return 0;
}

/* A fact of the person; "Not recorded" when nobody gave it. */
static void fact_or_unset(struct req *r, const char *label, const char *value)
{
	html_fmt(&r->out, "<dt>%s</dt>", label);
	if (value)
		html_fmt(&r->out, "<dd>%s</dd>", value);
	else
		html_fmt(&r->out, "<dd class=\"hint\">%s</dd>", _("Not recorded"));
}

struct person_args {
	struct req *r;
	int64_t id;                    /* the person viewed, or saved (0: a new one) */
	const struct person_in *in;
};

/* The access log: who opened which person's page, never the data. */
static int view_fn(struct db *w, void *arg)
{
	const struct person_args *a = arg;
	return audit_write(w, a->r->user->id, "view", "person", a->id, "");
}

void person_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t id = req_int(r, "id");
	struct person_row p;
	struct scope sc;
	scope_of(r, &sc);
	if (!scope_sees_person(r, id) || person_load(r, id, &p) < 0) {
		/* a merged record's old number leads to the record it was merged into */
		long long kept = db_int(db_read(), 0, "SELECT merged_into FROM people WHERE id = ?1", "I", (long long)id);
		if (kept && scope_sees_person(r, kept))
			req_redirect(r, arena_printf(&r->arena, "/people/%lld", kept));
		else
			req_error(r, 404);
		return;
	}
	/* no record of the view, no view */
	struct person_args va = { r, id, NULL };
	if (db_write(view_fn, &va) != 0) {
		req_error(r, 503);
		return;
	}
	page_begin(r, p.in.name_ar);
	html_fmt(o, "<p class=\"back\"><a href=\"/people\">%s</a></p><h1>%s</h1>", _("People"), p.in.name_ar);
	if (*p.in.name_latin)
		html_fmt(o, "<p class=\"hint\"><bdi>%s</bdi></p>", p.in.name_latin);
	if (r->user->perms & PERM_PEOPLE_WRITE)
		html_fmt(o, "<p><a class=\"button\" href=\"/people/%lld/edit\">%s</a></p>", (long long)id, _("Edit"));
	html_fmt(o, "<section class=\"card\"><dl class=\"facts\"><dt>%s</dt><dd>", _("Number"));
	html_bdi_begin(o, 1);
	fmt_int(o, id);
	html_bdi_end(o);
	html_raw(o, "</dd>");
	fact_or_unset(r, _("Gender"), *p.in.gender ? vocab_label(&genders, p.in.gender) : NULL);
	fact_or_unset(r, _("Displacement"), *p.in.displacement ? vocab_label(&displacements, p.in.displacement) : NULL);
	fact_or_unset(r, _("Education"), *p.in.education ? vocab_label(&educations, p.in.education) : NULL);
	fact_or_unset(r, _("Disability"), p.in.disability == DISABILITY_UNSET ? NULL : p.in.disability ? _("Yes") : _("No"));
	if (sc.personal) {
		if (p.in.birth_year) {
			html_fmt(o, "<dt>%s</dt><dd>", _("Birth year"));
			fmt_int(o, p.in.birth_year);
			html_raw(o, "</dd>");
		}
		for (int i = 0; i < 3; i++)
			if (p.in.phones[i]) {
				html_fmt(o, "<dt>%s</dt><dd>", _("Phone"));
				html_ltr(o, p.in.phones[i]);
				html_raw(o, "</dd>");
			}
		if (p.in.place_id) {
			html_fmt(o, "<dt>%s</dt><dd>", _("Community"));
			place_path(db_read(), o, p.in.place_id);
			html_raw(o, "</dd>");
		}
	} else {
		html_fmt(o, "<dt>%s</dt><dd class=\"hint\">%s</dd>", _("Personal details"),
			 _("Hidden: your role does not see phones, birth year or community."));
	}
	if (*p.in.consent_date) {
		int y, m, d;
		html_fmt(o, "<dt>%s</dt><dd>", _("Consent"));
		if (date_parse_iso(p.in.consent_date, &y, &m, &d) == 0)
			date_format(o, y, m, d);
		html_fmt(o, " — %s</dd>", p.in.consent_purpose);
	}
	html_fmt(o, "</dl></section><section class=\"card\"><h2>%s</h2>", _("Organizations"));
	sqlite3_stmt *st = db_q(db_read(), SQL_MEMBERSHIPS, "III", (long long)id, (long long)sc.office,
				(long long)sc.org);
	int orgs = 0;
	while (db_row(st) == 1) {
		if (!orgs++)
			html_raw(o, "<ul class=\"links\">");
		long long org = sqlite3_column_int64(st, 0);
		const char *name = db_text(st, i18n_lang() == LANG_AR ? 1 : 2);
		html_fmt(o, "<li><a href=\"/orgs/%lld\"><bdi>%s</bdi></a>", org, *name ? name : db_text(st, 1));
		if (*db_text(st, 3))
			html_fmt(o, " — %s", db_text(st, 3));
		html_raw(o, "</li>");
	}
	if (orgs)
		html_raw(o, "</ul>");
	else
		empty_state(r, _("Not a member of any organization you can see. Add the membership from the organization's page."),
			    NULL, NULL);
	html_raw(o, "</section>");
	/* merges into this record, so they can be explained later */
	st = db_q(db_read(), SQL_MERGES, "I", (long long)id);
	int merges = 0;
	while (db_row(st) == 1) {
		if (!merges++)
			html_fmt(o, "<section class=\"card\"><h2>%s</h2><ul>", _("Records merged into this one"));
		/* each part isolated: a name, its number, a date, a user name */
		html_raw(o, "<li>");
		html_bdi(o, db_text(st, 5));
		html_raw(o, " (");
		html_bdi_begin(o, 1);
		fmt_int(o, sqlite3_column_int64(st, 0));
		html_bdi_end(o);
		html_raw(o, ") — ");
		html_bdi_begin(o, 0);
		date_format_time(o, sqlite3_column_int64(st, 1));
		html_bdi_end(o);
		html_raw(o, " — ");
		if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			html_fmt(o, "%s", _("system"));
		else
			html_ltr(o, db_text(st, 2));
		html_fmt(o, " — %s ", _("Score"));
		html_bdi_begin(o, 1);
		fmt_int(o, (int)(sqlite3_column_double(st, 3) * 100 + 0.5));
		html_raw(o, "%");
		html_bdi_end(o);
		html_raw(o, " — ");
		html_bdi(o, db_text(st, 4));
		html_raw(o, "</li>");
	}
	if (merges)
		html_raw(o, "</ul></section>");
	/* what other modules add: attendance, consultations, certificates */
	modules_person_sections(r, id);
	page_end(r);
}

static void person_form(struct req *r, int64_t id, const struct person_in *p)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	page_begin(r, id ? _("Edit person") : _("New person"));
	html_fmt(o, "<p class=\"back\"><a href=\"/people\">%s</a></p><h1>%s</h1>", _("People"), id ? _("Edit person") : _("New person"));
	html_fmt(o, "<p class=\"hint\">%s</p>", _("Collect only what the center needs. Never record ethnicity, religion, sect or tribe."));
	form_error_summary(r);
	char action[64];
	snprintf(action, sizeof action, id ? "/people/%lld" : "/people", (long long)id);
	form_begin(r, action, "form");
	form_input(r, "name_ar", _("Name in Arabic"), "text", p->name_ar, 1, _("First name, father's name and family name"));
	form_input(r, "name_latin", _("Name in Latin letters"), "text", p->name_latin, 0, NULL);
	vocab_select(r, "gender", _("Gender"), &genders, p->gender, VOCAB_NONE);
	vocab_select(r, "displacement", _("Displacement"), &displacements, p->displacement, VOCAB_NONE);
	vocab_select(r, "education", _("Education"), &educations, p->education, VOCAB_NONE);
	/* "—" first: nobody's disability is recorded as "no" unless they said so */
	const char *bkeys[] = { "", "0", "1" }, *blabels[] = { "—", _("No"), _("Yes") };
	form_select(r, "disability", _("Disability"), bkeys, blabels, 3,
		    p->disability == DISABILITY_UNSET ? "" : p->disability ? "1" : "0");
	if (sc.personal) {
		char by[16] = "";
		if (p->birth_year)
			snprintf(by, sizeof by, "%d", p->birth_year);
		form_input(r, "birth_year", _("Birth year"), "text", by, 0, NULL);
		form_input(r, "phone", _("Phone"), "tel", p->phones[0], 0, _("For example 0944 123 456 or +963 944 123 456"));
		form_input(r, "phone2", _("Second phone"), "tel", p->phones[1], 0, NULL);
		place_select(r, "place", _("Community"), p->place_id, 3);
	}
	form_input(r, "consent_date", _("Consent given on"), "date", p->consent_date, 0, NULL);
	form_input(r, "consent_purpose", _("Consent for"), "text", p->consent_purpose, 0, _("For example: trainings and follow-up"));
	form_end(r, _("Save"));
	page_end(r);
}

void person_new_page(struct req *r)
{
	struct person_in p = { 0 };
	p.name_ar = p.name_latin = p.gender = p.displacement = p.education = p.consent_date = p.consent_purpose = "";
	p.disability = DISABILITY_UNSET;
	person_form(r, 0, &p);
}

void person_edit_page(struct req *r)
{
	int64_t id = req_int(r, "id");
	struct person_row p;
	if (!scope_sees_person(r, id) || person_load(r, id, &p) < 0) {
		req_error(r, 404);
		return;
	}
	person_form(r, id, &p.in);
}

/* Saves the person (audited by person_save); a->id becomes the saved id. */
static int save_fn(struct db *w, void *arg)
{
	struct person_args *a = arg;
	int64_t saved = person_save(w, a->r->user->id, a->id, a->in);
	if (saved <= 0)
		return -1;
	a->id = saved;
	return 0;
}

static void person_save_submit(struct req *r, int64_t id)
{
	struct scope sc;
	scope_of(r, &sc);
	struct person_row old;
	if (id && (!scope_sees_person(r, id) || person_load(r, id, &old) < 0)) {
		req_error(r, 404);
		return;
	}
	struct person_in p = { 0 };
	p.name_ar = req_str(r, "name_ar");
	p.name_latin = req_str(r, "name_latin");
	p.gender = req_str(r, "gender");
	p.displacement = req_str(r, "displacement");
	p.education = req_str(r, "education");
	p.disability = req_has(r, "disability") ? (int)req_int(r, "disability") : DISABILITY_UNSET;
	p.consent_date = req_str(r, "consent_date");
	p.consent_purpose = req_str(r, "consent_purpose");
	p.office_id = id ? old.in.office_id : (sc.office ? sc.office : 0);
	if (sc.personal) {
		p.birth_year = (int)req_int(r, "birth_year");
		p.place_id = place_param(r, "place", 3);
		p.phones[0] = req_str(r, "phone");
		p.phones[1] = req_str(r, "phone2");
	} else if (id) {
		/* roles that do not see personal fields cannot erase them either */
		p.birth_year = old.in.birth_year;
		p.place_id = old.in.place_id;
		memcpy(p.phones, old.in.phones, sizeof p.phones);
	}
	char norm[64];
	for (int i = 0; i < 2; i++)
		if (p.phones[i] && *p.phones[i] && phone_normalize(p.phones[i], norm, sizeof norm) < 0)
			req_field_error(r, i ? "phone2" : "phone", _("This is not a phone number we can read."));
	if (*p.consent_purpose && !*p.consent_date)
		req_field_error(r, "consent_date", _("Give the date the consent was given."));
	if (sc.personal && p.place_id && !place_exists(db_read(), p.place_id, 3))
		req_field_error(r, "place", _("Choose a community from the list."));
	if (r->nerrors) {
		r->status = 400;
		person_form(r, id, &p);
		return;
	}
	struct person_args a = { r, id, &p };
	if (db_write(save_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	if (id)
		req_flash(r, _("Saved."));
	else
		req_flash_link(r, _("The person was added."), "/people/new", _("Add another person"));
	req_redirect(r, arena_printf(&r->arena, "/people/%lld", (long long)a.id));
}

void person_create_submit(struct req *r)
{
	person_save_submit(r, 0);
}

void person_update_submit(struct req *r)
{
	person_save_submit(r, req_int(r, "id"));
}
