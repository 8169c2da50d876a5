/* merge_compare — the compare page of a suggested pair (GET
 * /people/duplicates/{a}/{b}): both records field by field, a choice for
 * each field that differs, the more complete value chosen at first, then
 * one button that merges (merge_pages.c).  Also what the submit reuses:
 * loading a record and the first choices. */
#include <stdio.h>
#include <string.h>
#include "registry/merge.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/phone.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_SIDE[] =
	"SELECT name_ar, name_latin, gender, birth_year, place_id, displacement, education, disability, consent_date,"
	" consent_purpose, created_at FROM people WHERE id = ?1 AND merged_into IS NULL";
static const char SQL_SIDE_PHONES[] = "SELECT phone FROM person_phones WHERE person_id = ?1 ORDER BY id";
static const char SQL_SIDE_ORGS[] =
	"SELECT o.name_ar, o.name_en, m.role FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = ?1"
	" AND" ORG_VISIBLE("o", "?2", "?3") " ORDER BY m.id";
static const char SQL_IS_PAIR[] = "SELECT score, name_score, same_phone FROM dup_candidates WHERE a = ?1 AND b = ?2";

int merge_side_load(struct req *r, long long id, struct merge_side *s)
{
	struct arena *a = &r->arena;
	struct db *d = db_read();
	memset(s, 0, sizeof *s);
	sqlite3_stmt *st = db_q(d, SQL_SIDE, "I", id);
	if (!st || db_row(st) != 1)
		return -1;
	s->id = id;
	s->name_ar = arena_strdup(a, db_text(st, 0));
	s->name_latin = arena_strdup(a, db_text(st, 1));
	s->gender = arena_strdup(a, db_text(st, 2));
	s->birth_year = sqlite3_column_int(st, 3);
	s->place_id = sqlite3_column_int64(st, 4);
	s->displacement = arena_strdup(a, db_text(st, 5));
	s->education = arena_strdup(a, db_text(st, 6));
	s->disability = sqlite3_column_type(st, 7) == SQLITE_NULL ? DISABILITY_UNSET : sqlite3_column_int(st, 7);
	s->consent_date = arena_strdup(a, db_text(st, 8));
	s->consent_purpose = arena_strdup(a, db_text(st, 9));
	s->created_at = sqlite3_column_int64(st, 10);
	sqlite3_reset(st);
	st = db_q(d, SQL_SIDE_PHONES, "I", id);
	while (st && s->nphones < MERGE_MAX_PHONES && db_row(st) == 1)
		s->phones[s->nphones++] = arena_strdup(a, db_text(st, 0));
	if (st && s->nphones == MERGE_MAX_PHONES)
		sqlite3_reset(st);
	struct scope sc;
	scope_of(r, &sc);
	int ar = i18n_lang() == LANG_AR;
	st = db_q(d, SQL_SIDE_ORGS, "III", id, (long long)sc.office, (long long)sc.org);
	while (st && s->norgs < MERGE_MAX_ORGS && db_row(st) == 1) {
		const char *name = db_text(st, ar || !*db_text(st, 1) ? 0 : 1), *role = db_text(st, 2);
		s->orgs[s->norgs++] = *role ? arena_printf(a, "%s — %s", name, role) : arena_strdup(a, name);
	}
	if (st && s->norgs == MERGE_MAX_ORGS)
		sqlite3_reset(st);
	const char *given[] = { s->name_latin, s->gender, s->displacement, s->education, s->consent_date };
	for (size_t i = 0; i < sizeof given / sizeof *given; i++)
		s->filled += *given[i] != '\0';
	s->filled += (s->birth_year != 0) + (s->place_id != 0) + s->nphones + s->norgs;
	return 0;
}

/* 1 when every phone of a is one of b's (compared as normalized numbers). */
static int phones_within(const struct merge_side *a, const struct merge_side *b)
{
	for (int i = 0; i < a->nphones; i++) {
		char x[64], y[64];
		int found = 0;
		if (phone_normalize(a->phones[i], x, sizeof x) < 0)
			snprintf(x, sizeof x, "%s", a->phones[i]);
		for (int j = 0; j < b->nphones && !found; j++)
			found = (phone_normalize(b->phones[j], y, sizeof y) == 0 ? strcmp(x, y) : strcmp(x, b->phones[j])) == 0;
		if (!found)
			return 0;
	}
	return 1;
}

int merge_differs(const struct merge_side *a, const struct merge_side *b, int f)
{
	switch (f) {
	case MF_NAME_AR: return strcmp(a->name_ar, b->name_ar) != 0;
	case MF_NAME_LATIN: return strcmp(a->name_latin, b->name_latin) != 0;
	case MF_GENDER: return strcmp(a->gender, b->gender) != 0;
	case MF_BIRTH_YEAR: return a->birth_year != b->birth_year;
	case MF_PHONES: return !phones_within(a, b) || !phones_within(b, a);
	case MF_PLACE: return a->place_id != b->place_id;
	case MF_DISPLACEMENT: return strcmp(a->displacement, b->displacement) != 0;
	case MF_EDUCATION: return strcmp(a->education, b->education) != 0;
	case MF_DISABILITY: return a->disability != b->disability;
	case MF_CONSENT:
		return strcmp(a->consent_date, b->consent_date) != 0 || strcmp(a->consent_purpose, b->consent_purpose) != 0;
	default: return 0;
	}
}

/* 1 when the record holds nothing for field f. */
static int is_empty(const struct merge_side *s, int f)
{
	switch (f) {
	case MF_NAME_LATIN: return !*s->name_latin;
	case MF_GENDER: return !*s->gender;
	case MF_BIRTH_YEAR: return !s->birth_year;
	case MF_PHONES: return !s->nphones;
	case MF_PLACE: return !s->place_id;
	case MF_DISPLACEMENT: return !*s->displacement;
	case MF_EDUCATION: return !*s->education;
	case MF_CONSENT: return !*s->consent_date;
	default: return 0;
	}
}

static int words(const char *s)
{
	int n = 0;
	for (const char *p = s; *p; p++)
		n += *p != ' ' && (p == s || p[-1] == ' ');
	return n;
}

long long merge_default_kept(const struct merge_side *a, const struct merge_side *b)
{
	if (a->created_at != b->created_at)
		return a->created_at < b->created_at ? a->id : b->id;
	return a->id < b->id ? a->id : b->id;
}

long long merge_default(const struct merge_side *a, const struct merge_side *b, int f)
{
	int ea = is_empty(a, f), eb = is_empty(b, f);
	if (ea != eb)
		return ea ? b->id : a->id;       /* a value rather than none */
	if (f == MF_PHONES)
		return 0;                        /* both records' phones */
	if (f == MF_NAME_AR || f == MF_NAME_LATIN) {
		const char *x = f == MF_NAME_AR ? a->name_ar : a->name_latin, *y = f == MF_NAME_AR ? b->name_ar : b->name_latin;
		if (words(x) != words(y))
			return words(x) > words(y) ? a->id : b->id;   /* the father's name too */
		if (strlen(x) != strlen(y))
			return strlen(x) > strlen(y) ? a->id : b->id;
	}
	if (f == MF_CONSENT && strcmp(a->consent_date, b->consent_date) != 0)
		return strcmp(a->consent_date, b->consent_date) > 0 ? a->id : b->id;   /* the latest consent */
	if (a->filled != b->filled)
		return a->filled > b->filled ? a->id : b->id;
	return merge_default_kept(a, b);
}

/* ---- the page ---- */

static const char *const field_label[MF_COUNT] = {
	[MF_NAME_AR] = N_("Name in Arabic"), [MF_NAME_LATIN] = N_("Name in Latin letters"), [MF_GENDER] = N_("Gender"),
	[MF_BIRTH_YEAR] = N_("Birth year"), [MF_PHONES] = N_("Phones"), [MF_PLACE] = N_("Community"),
	[MF_DISPLACEMENT] = N_("Displacement"), [MF_EDUCATION] = N_("Education"), [MF_DISABILITY] = N_("Disability"),
	[MF_CONSENT] = N_("Consent"),
};

static int is_personal(int f)
{
	return f == MF_BIRTH_YEAR || f == MF_PHONES || f == MF_PLACE;
}

/* The record's value of field f, as shown ("—" when none). */
static void field_value(struct req *r, const struct merge_side *s, int f)
{
	struct strbuf *o = &r->out;
	if (is_empty(s, f)) {
		html_raw(o, "—");
		return;
	}
	switch (f) {
	case MF_NAME_AR: html_fmt(o, "<bdi>%s</bdi>", s->name_ar); break;
	case MF_NAME_LATIN: html_fmt(o, "<bdi dir=\"ltr\">%s</bdi>", s->name_latin); break;
	case MF_GENDER: html_fmt(o, "%s", vocab_label(&genders, s->gender)); break;
	case MF_BIRTH_YEAR:
		html_raw(o, "<bdi dir=\"ltr\">");
		fmt_int(o, s->birth_year);
		html_raw(o, "</bdi>");
		break;
	case MF_PHONES:
		for (int i = 0; i < s->nphones; i++)
			html_fmt(o, "%s<bdi dir=\"ltr\">%s</bdi>", i ? "<br>" : "", s->phones[i]);
		break;
	case MF_PLACE:
		html_raw(o, "<bdi>");
		place_path(db_read(), o, s->place_id);
		html_raw(o, "</bdi>");
		break;
	case MF_DISPLACEMENT: html_fmt(o, "%s", vocab_label(&displacements, s->displacement)); break;
	case MF_EDUCATION: html_fmt(o, "%s", vocab_label(&educations, s->education)); break;
	case MF_DISABILITY:
		html_fmt(o, "%s", s->disability == DISABILITY_UNSET ? _("Not recorded") : s->disability ? _("Yes") : _("No"));
		break;
	case MF_CONSENT: {
		int y, m, d;
		if (date_parse_iso(s->consent_date, &y, &m, &d) == 0)
			date_format(o, y, m, d);
		if (*s->consent_purpose)
			html_fmt(o, " — <bdi>%s</bdi>", s->consent_purpose);
		break;
	}
	default: break;
	}
}

/* One cell of a record: with a radio when the field differs. */
static void choice_cell(struct req *r, const struct merge_side *s, int side, int f, int differs, long long chosen)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<td data-label=\"%s\">", side ? _("Second record") : _("First record"));
	if (differs && f != MF_PHONES) {
		html_fmt(o, "<label class=\"check\"><input type=\"radio\" name=\"%s\" value=\"%lld\"%s> ", merge_field_param[f],
			 s->id, chosen == s->id ? " checked" : "");
		field_value(r, s, f);
		html_raw(o, "</label>");
	} else {
		field_value(r, s, f);
	}
	html_raw(o, "</td>");
}

/* The phones: both records' (at first), or one record's. */
static void phones_choice(struct req *r, const struct merge_side *a, const struct merge_side *b, long long chosen)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<tr><th scope=\"row\">%s</th><td colspan=\"2\" data-label=\"%s\"><fieldset><legend>%s</legend>",
		 _("Phones kept"), _("Phones kept"), _("Phones kept"));
	const struct { long long value; const char *label; } opts[] = {
		{ 0, _("Both records' phones") }, { a->id, _("Only the first record's phones") },
		{ b->id, _("Only the second record's phones") },
	};
	for (int i = 0; i < 3; i++)
		html_fmt(o, "<label class=\"check\"><input type=\"radio\" name=\"phones\" value=\"%lld\"%s> %s</label>",
			 opts[i].value, chosen == opts[i].value ? " checked" : "", opts[i].label);
	html_raw(o, "</fieldset></td></tr>");
}

/* The record kept: its number stays, the other leads to it. */
static void keep_row(struct req *r, const struct merge_side *a, const struct merge_side *b)
{
	struct strbuf *o = &r->out;
	long long kept = merge_default_kept(a, b);
	html_fmt(o, "<tr><th scope=\"row\">%s</th>", _("Record number kept"));
	for (int side = 0; side < 2; side++) {
		const struct merge_side *s = side ? b : a;
		html_fmt(o, "<td data-label=\"%s\"><label class=\"check\"><input type=\"radio\" name=\"keep\" value=\"%lld\"%s> "
			 "<bdi dir=\"ltr\">%lld</bdi></label><br><small>%s ", side ? _("Second record") : _("First record"), s->id,
			 kept == s->id ? " checked" : "", s->id, _("Registered on"));
		date_format_time(o, s->created_at);
		html_fmt(o, "</small> <a href=\"/people/%lld\">%s</a></td>", s->id, _("Open"));
	}
	html_raw(o, "</tr>");
}

static void orgs_cell(struct req *r, const struct merge_side *s, int side)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<td data-label=\"%s\">", side ? _("Second record") : _("First record"));
	for (int i = 0; i < s->norgs; i++)
		html_fmt(o, "%s<bdi>%s</bdi>", i ? "<br>" : "", s->orgs[i]);
	if (!s->norgs)
		html_raw(o, "—");
	html_raw(o, "</td>");
}

struct view_args {
	struct req *r;
	long long a, b;
};

/* Both records are read (with their personal fields): each view is audited. */
static int view_fn(struct db *w, void *arg)
{
	const struct view_args *v = arg;
	long long uid = v->r->user->id;
	char detail[48];
	snprintf(detail, sizeof detail, "compare=%lld", v->b);
	if (audit_write(w, uid, "view", "person", v->a, detail) < 0)
		return -1;
	snprintf(detail, sizeof detail, "compare=%lld", v->a);
	return audit_write(w, uid, "view", "person", v->b, detail);
}

void merge_compare_page(struct req *r)
{
	struct strbuf *o = &r->out;
	long long x = req_int(r, "a"), y = req_int(r, "b");
	long long a_id = x < y ? x : y, b_id = x < y ? y : x;
	struct merge_side a, b;
	/* a suggested pair whose two people the user sees, or nothing at all */
	sqlite3_stmt *st = x != y ? db_q(db_read(), SQL_IS_PAIR, "II", a_id, b_id) : NULL;
	if (!st || db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	double score = sqlite3_column_double(st, 0), name = sqlite3_column_double(st, 1);
	int same_phone = sqlite3_column_int(st, 2);
	sqlite3_reset(st);
	if (!scope_sees_person(r, a_id) || !scope_sees_person(r, b_id) || merge_side_load(r, a_id, &a) < 0 ||
	    merge_side_load(r, b_id, &b) < 0) {
		req_error(r, 404);
		return;
	}
	struct view_args va = { r, a_id, b_id };
	if (db_write(view_fn, &va) != 0) {
		req_error(r, 503);
		return;
	}
	struct scope sc;
	scope_of(r, &sc);
	page_begin(r, _("Compare two records"));
	html_fmt(o, "<p><a href=\"/people/duplicates\">%s</a></p><h1>%s</h1><p>%s %d%% · %s %d%%", _("Possible duplicates"),
		 _("Compare two records"), _("Score"), (int)(score * 100 + 0.5), _("Names alike"), (int)(name * 100 + 0.5));
	if (same_phone)
		html_fmt(o, " · %s", _("Same phone"));
	html_raw(o, "</p>");
	html_fmt(o, "<p class=\"hint\">%s</p>", _("Where the two records differ, choose the value to keep; the more complete one is chosen already. The other record is not deleted: its number leads to the kept one, and you can undo the merge for 7 days."));
	form_begin(r, "/people/duplicates/merge", "form merge");
	html_fmt(o, "<input type=\"hidden\" name=\"pair\" value=\"%lld:%lld\">", a_id, b_id);
	html_fmt(o, "<table class=\"cards compare\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 _("Field"), _("First record"), _("Second record"));
	keep_row(r, &a, &b);
	for (int f = 0; f < MF_COUNT; f++) {
		if (is_personal(f) && !sc.personal)
			continue;
		int differs = merge_differs(&a, &b, f);
		long long chosen = merge_default(&a, &b, f);
		html_fmt(o, differs ? "<tr class=\"differs\"><th scope=\"row\">%s</th>" : "<tr><th scope=\"row\">%s</th>",
			 _(field_label[f]));
		choice_cell(r, &a, 0, f, differs, chosen);
		choice_cell(r, &b, 1, f, differs, chosen);
		html_raw(o, "</tr>");
		if (f == MF_PHONES && differs && a.nphones && b.nphones)
			phones_choice(r, &a, &b, chosen);
	}
	html_fmt(o, "<tr><th scope=\"row\">%s</th>", _("Organizations"));
	orgs_cell(r, &a, 0);
	orgs_cell(r, &b, 1);
	html_raw(o, "</tr></tbody></table>");
	html_fmt(o, "<p class=\"hint\">%s</p>", _("The memberships of both records are kept."));
	if (!sc.personal)
		html_fmt(o, "<p class=\"hint\">%s</p>", _("Phones, birth year and community, hidden to your role, are taken from the more complete record."));
	html_fmt(o, "<div class=\"actions\"><button type=\"submit\">%s</button></div>", _("Merge the two records"));
	form_end(r, NULL);
	char pair[48];
	snprintf(pair, sizeof pair, "%lld:%lld", a_id, b_id);
	html_raw(o, "<div class=\"actions\">");
	form_button(r, "/people/duplicates/distinct", _("Not the same person"), "pair", pair, "link");
	html_raw(o, "</div>");
	page_end(r);
}
