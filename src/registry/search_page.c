/* search_page — the search page: one box for a name or a phone; people
 * found (closest names first) with what tells them apart, then
 * organizations.  Both lists are cards on a phone (table.cards). */
#include "registry/perms.h"
#include "registry/registry.h"
#include "registry/search.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

#define RESULTS 50

/* One person found: the name (the row's link), then what tells people of
 * the same name apart — the personal fields only for roles that see them. */
static void person_row(struct req *r, const struct person_hit *h, int personal, int ar)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<tr><td data-label=\"%s\"><a href=\"/people/%lld\">%s</a>", _("Name"), h->id, h->name);
	if (*h->latin)
		html_fmt(o, "<br><bdi dir=\"ltr\">%s</bdi>", h->latin);
	html_raw(o, "</td>");
	if (personal) {
		html_fmt(o, "<td data-label=\"%s\">", _("Birth year"));
		if (h->birth_year) {
			html_raw(o, "<bdi dir=\"ltr\">");
			fmt_int(o, h->birth_year);
			html_raw(o, "</bdi>");
		}
		const char *community = ar || !*h->community_en ? h->community_ar : h->community_en;
		html_fmt(o, "</td><td data-label=\"%s\">", _("Community"));
		if (*community)
			html_fmt(o, "<bdi>%s</bdi>", community);
		html_raw(o, "</td>");
	}
	html_fmt(o, "<td data-label=\"%s\">", _("Organizations"));
	for (int i = 0; i < h->norgs; i++) {
		const char *name = ar || !*h->orgs[i].name_en ? h->orgs[i].name_ar : h->orgs[i].name_en;
		html_fmt(o, "%s<bdi>%s</bdi>", i ? "، " : "", name);
	}
	html_raw(o, "</td>");
	if (personal) {
		html_fmt(o, "<td data-label=\"%s\">", _("Phone ends in"));
		if (*h->phone_end)
			html_fmt(o, "<bdi dir=\"ltr\">%s</bdi>", h->phone_end);
		html_raw(o, "</td>");
	}
	html_raw(o, "</tr>");
}

static void people_results(struct req *r, const char *q, int personal, int ar)
{
	struct strbuf *o = &r->out;
	/* the index finds every spelling (and, by the coarse key, some near
	 * names such as محمود for محمد): search_people ranks them all, the
	 * closest first */
	struct person_hit *hits = arena_alloc(&r->arena, RESULTS * sizeof *hits);
	long long total = 0;
	int n = hits ? search_people(r, q, RESULTS, 0, hits, RESULTS, &total) : 0;
	html_fmt(o, "<section class=\"card\"><h2>%s (", _("People"));
	fmt_int(o, total > LIMIT_LIST_COUNT ? LIMIT_LIST_COUNT : total);
	html_fmt(o, "%s)</h2>", total > LIMIT_LIST_COUNT ? "+" : "");
	if (n) {
		html_fmt(o, "<table class=\"cards\"><thead><tr><th>%s</th>", _("Name"));
		if (personal)
			html_fmt(o, "<th>%s</th><th>%s</th>", _("Birth year"), _("Community"));
		html_fmt(o, "<th>%s</th>", _("Organizations"));
		if (personal)
			html_fmt(o, "<th>%s</th>", _("Phone ends in"));
		html_raw(o, "</tr></thead><tbody>");
		for (int i = 0; i < n; i++)
			person_row(r, &hits[i], personal, ar);
		html_raw(o, "</tbody></table>");
	}
	html_raw(o, "</section>");
}

static void org_results(struct req *r, const char *q, int ar)
{
	struct strbuf *o = &r->out;
	long long total = 0;
	sqlite3_stmt *st = search_orgs(r, q, RESULTS, 0, &total);
	html_fmt(o, "<section class=\"card\"><h2>%s (", _("Organizations"));
	fmt_int(o, total > LIMIT_LIST_COUNT ? LIMIT_LIST_COUNT : total);
	html_fmt(o, "%s)</h2>", total > LIMIT_LIST_COUNT ? "+" : "");
	if (total)
		html_fmt(o, "<table class=\"cards\"><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>", _("Name"),
			 _("Kind"));
	while (st && db_row(st) == 1) {
		const char *name = db_text(st, ar ? 1 : 2);
		html_fmt(o, "<tr><td data-label=\"%s\"><a href=\"/orgs/%lld\">%s</a>", _("Name"),
			 (long long)sqlite3_column_int64(st, 0), *name ? name : db_text(st, 1));
		if (*db_text(st, 2)) /* the other name, when it has both */
			html_fmt(o, "<br><bdi dir=\"%s\">%s</bdi>", ar ? "ltr" : "rtl", db_text(st, ar ? 2 : 1));
		html_fmt(o, "</td><td data-label=\"%s\">%s</td></tr>", _("Kind"), vocab_label(&org_kinds, db_text(st, 3)));
	}
	if (total)
		html_raw(o, "</tbody></table>");
	html_raw(o, "</section>");
}

void search_page(struct req *r)
{
	struct strbuf *o = &r->out;
	const char *q = req_str(r, "q");
	int ar = i18n_lang() == LANG_AR;
	struct scope sc;
	scope_of(r, &sc);
	page_begin(r, _("Search"));
	html_fmt(o, "<h1>%s</h1><form method=\"get\" action=\"/search\" class=\"filters\" role=\"search\">"
		 "<label>%s <input name=\"q\" type=\"search\" dir=\"auto\" value=\"%s\" autofocus></label><button>%s</button></form>",
		 _("Search"), sc.personal ? _("Name or phone") : _("Name"), q, _("Search"));
	if (*q) {
		if (r->user->perms & PERM_PEOPLE_READ)
			people_results(r, q, sc.personal, ar);
		org_results(r, q, ar);
	}
	page_end(r);
}
