/* picker — choosing a person or an organization by name in a form: the
 * words box and Find, the candidates found in the user's scope as radio
 * buttons with what tells them apart (see picker.h). */
#include <stdlib.h>
#include <string.h>
#include "registry/picker.h"
#include "registry/registry.h"
#include "admin/sentence.h"
#include "core/i18n.h"
#include "core/namematch.h"
#include "core/phone.h"
#include "db/db.h"
#include "html/html.h"
#include "html/components.h"
#include "http/assets.h"
#include "http/request.h"
#include "core/banned.h"

/* Found by the index, of which the closest PICKER_SHOWN are listed; people
 * holding the phone, at most. */
#define PICK_FETCH 50
#define PICK_PHONE_FETCH 10

static int ar(void)
{
	return i18n_lang() == LANG_AR;
}

/* Most likely first: the same phone, the same birth year, the closest
 * name; equal ones by number. */
static int person_cmp(const void *pa, const void *pb)
{
	const struct pick_person *a = pa, *b = pb;
	if (a->same_phone != b->same_phone)
		return b->same_phone - a->same_phone;
	if (a->same_year != b->same_year)
		return b->same_year - a->same_year;
	if (a->h.score != b->h.score)
		return a->h.score < b->h.score ? 1 : -1;
	return a->h.id < b->h.id ? -1 : a->h.id > b->h.id;
}

int picker_people(struct req *r, const char *name, const char *phone, int birth_year, struct pick_person *hits,
		  int max, long long *total)
{
	struct scope sc;
	scope_of(r, &sc);
	struct person_hit *found = arena_alloc(&r->arena, (PICK_FETCH + PICK_PHONE_FETCH) * sizeof *found);
	struct pick_person *all = arena_alloc(&r->arena, (PICK_FETCH + PICK_PHONE_FETCH) * sizeof *all);
	*total = 0;
	if (!found || !all)
		return 0;
	int n = name && *name ? search_people(r, name, PICK_FETCH, 0, found, PICK_FETCH, total) : 0;
	for (int i = 0; i < n; i++)
		all[i] = (struct pick_person){ found[i], 0, 0 };
	/* the holders of the same phone, found or not by the name */
	char norm[64];
	long long by_phone = 0;
	if (sc.personal && phone && *phone && phone_normalize(phone, norm, sizeof norm) == 0) {
		int m = search_people(r, norm, PICK_PHONE_FETCH, 0, found, PICK_PHONE_FETCH, &by_phone);
		for (int i = 0; i < m; i++) {
			int k = 0;
			while (k < n && all[k].h.id != found[i].id)
				k++;
			if (k == n) {
				all[n++] = (struct pick_person){ found[i], 0, 0 };
				++*total;
			}
			all[k].same_phone = 1;
		}
	}
	for (int i = 0; i < n; i++) {
		struct person_hit *h = &all[i].h;
		double a = name_search_score(name, h->name), b = *h->latin ? name_search_score(name, h->latin) : 0;
		h->score = a > b ? a : b;
		all[i].same_year = birth_year && h->birth_year == birth_year;
	}
	qsort(all, (size_t)n, sizeof *all, person_cmp);
	if (n > max)
		n = max;
	memcpy(hits, all, (size_t)n * sizeof *hits);
	return n;
}

int picker_people_like(struct req *r, const char *name, const char *phone, int birth_year)
{
	struct pick_person *like = arena_alloc(&r->arena, (PICK_FETCH + PICK_PHONE_FETCH) * sizeof *like);
	long long total = 0;
	int n = like ? picker_people(r, name, phone, birth_year, like, PICK_FETCH + PICK_PHONE_FETCH, &total) : 0;
	for (int i = 0; i < n; i++)
		if (like[i].same_phone || like[i].h.score >= NAME_MATCH_THRESHOLD)
			return 1;
	return 0;
}

void picker_find_form(struct req *r, const struct picker *p)
{
	/* the script (one file, cached; it prepares each picker once) only
	 * makes Find quicker: the form works the same without it */
	html_fmt(&r->out, "<form id=\"pick-%s\" method=\"get\" action=\"%s#f-%s\"></form><script src=\"%s\" defer></script>",
		 p->field, p->page, p->field, asset_url("picker.js"));
}

/* The opening of one choice: its radio button, checked when chosen, with
 * the focus when the field has the form's first error. */
static void choice_begin(struct req *r, const struct picker *p, const char *key, int checked, int *focus,
			 const char *css)
{
	const char *sel = p->selected ? p->selected : "";
	html_fmt(&r->out, "<label class=\"pick%s\"><input type=\"radio\" name=\"%s\" value=\"%s\"%s%s><span class=\"pick-body\">",
		 css, p->field, key, checked || strcmp(sel, key) == 0 ? " checked" : "", *focus ? " autofocus" : "");
	*focus = 0;
}

/* "label: value" among a candidate's facts; value is markup daam made. */
static void pick_fact(struct strbuf *o, const char *label, const char *value, int strong)
{
	html_fmt(o, "<span>%s: ", label);
	html_raw(o, strong ? "<strong>" : "");
	html_raw(o, value);
	html_raw(o, strong ? "</strong></span> " : "</span> ");
}

/* One person: the name (and the Latin one), then what tells people of the
 * same name apart, the personal fields only when the role sees them
 * (search_people leaves them empty otherwise). */
static void person_choice(struct req *r, const struct picker *p, const struct pick_person *c, int *focus)
{
	struct strbuf *o = &r->out;
	const struct person_hit *h = &c->h;
	choice_begin(r, p, arena_printf(&r->arena, "%lld", h->id), 0, focus, "");
	html_fmt(o, "<span class=\"pick-name\"><bdi>%s</bdi></span>", h->name);
	if (*h->latin)
		html_fmt(o, "<span class=\"pick-other\"><bdi dir=\"ltr\">%s</bdi></span>", h->latin);
	html_raw(o, "<span class=\"pick-facts\">");
	if (h->birth_year)
		pick_fact(o, _("Birth year"), piece_num(r, h->birth_year), c->same_year);
	const char *community = ar() || !*h->community_en ? h->community_ar : h->community_en;
	if (*community)
		pick_fact(o, _("Community"), piece_text(r, community, 0), 0);
	if (*h->phone_end)
		pick_fact(o, _("Phone ends in"), piece_text(r, h->phone_end, 1), c->same_phone);
	if (h->norgs) {
		struct strbuf orgs = STRBUF_INIT;
		for (int i = 0; i < h->norgs; i++) {
			const char *name = ar() || !*h->orgs[i].name_en ? h->orgs[i].name_ar : h->orgs[i].name_en;
			html_fmt(&orgs, "%s<bdi>%s</bdi>", i ? (ar() ? "، " : ", ") : "", name);
		}
		pick_fact(o, _("Organizations"), sb_str(&orgs), 0);
		sb_release(&orgs);
	}
	html_raw(o, "</span></span></label>");
}

/* The people to choose from: found by the words (and the phone), the chosen
 * one first when the words do not find them; then the new person. */
static int person_choices(struct req *r, const struct picker *p, const char *words, int *focus)
{
	struct strbuf *o = &r->out;
	struct pick_person *hits = arena_alloc(&r->arena, (PICKER_SHOWN + 1) * sizeof *hits);
	long long total = 0;
	if (!hits)
		return 0;
	int n = 0;
	long long chosen = p->selected ? strtoll(p->selected, NULL, 10) : 0;
	if (*words || (p->phone && *p->phone))
		n = picker_people(r, words, p->phone, p->birth_year, hits + 1, PICKER_SHOWN, &total);
	int listed = 0;
	for (int i = 1; i <= n; i++)
		listed |= hits[i].h.id == chosen;
	struct pick_person *first = hits + 1;
	if (chosen > 0 && !listed && search_person_get(r, chosen, &hits[0].h)) {
		hits[0].same_phone = hits[0].same_year = 0;
		first = hits;
		n++;
	}
	if (*words && !n)
		html_fmt(o, "<p class=\"hint\">%s</p>", _("No one registered in your scope matches these words."));
	else if (total > PICKER_SHOWN)
		html_fmt(o, "<p class=\"hint\">%s</p>", _("Only the closest are listed. Type more of the name to find the others."));
	if (n || (p->offer_new && *words))
		html_raw(o, "<div class=\"picks\">");
	for (int i = 0; i < n; i++)
		person_choice(r, p, &first[i], focus);
	if (p->offer_new && *words) {
		/* already chosen when no one listed is a likely match (the same
		 * phone, or a name at the matcher's threshold): the search also
		 * lists names a typing error away, in case */
		int likely = 0;
		for (int i = 0; i < n; i++)
			likely |= first[i].same_phone || first[i].h.score >= NAME_MATCH_THRESHOLD || first[i].h.id == chosen;
		choice_begin(r, p, "0", !likely && !(p->selected && *p->selected), focus, " pick-new");
		html_raw(o, "<span class=\"pick-name\">");
		sentence(o, _("A new person named «{name}»"), "name", piece_text(r, words, 0), NULL);
		html_raw(o, "</span></span></label>");
		n++;
	}
	if (n)
		html_raw(o, "</div>");
	if (p->offer_new && p->confirm && *words && n > 1) {
		html_raw(o, "<label class=\"check pick-confirm\"><input type=\"checkbox\" name=\"confirm_new\" value=\"1\"> <span>");
		sentence(o, _("None of these: create a new person named «{name}»"), "name", piece_text(r, words, 0), NULL);
		html_raw(o, "</span></label>");
	}
	return n;
}

/* An organization found: its row's columns as search_orgs gives them. */
struct pick_org {
	long long id;
	const char *name_ar, *name_en, *kind, *place_ar, *place_en;
	double score;
};

static void org_read(struct req *r, sqlite3_stmt *st, struct pick_org *g)
{
	struct arena *a = &r->arena;
	g->id = sqlite3_column_int64(st, 0);
	g->name_ar = arena_strdup(a, db_text(st, 1));
	g->name_en = arena_strdup(a, db_text(st, 2));
	g->kind = arena_strdup(a, db_text(st, 3));
	g->place_ar = arena_strdup(a, db_text(st, 5));
	g->place_en = arena_strdup(a, db_text(st, 6));
}

static int org_cmp(const void *pa, const void *pb)
{
	const struct pick_org *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* One organization: its name in the user's language, the other one, its
 * kind and place. */
static void org_choice(struct req *r, const struct picker *p, const struct pick_org *g, int *focus)
{
	struct strbuf *o = &r->out;
	int own = ar() || !*g->name_en;
	choice_begin(r, p, arena_printf(&r->arena, "%lld", g->id), 0, focus, "");
	html_fmt(o, "<span class=\"pick-name\"><bdi>%s</bdi></span>", own ? g->name_ar : g->name_en);
	if (*g->name_en)
		html_fmt(o, "<span class=\"pick-other\"><bdi>%s</bdi></span>", own ? g->name_en : g->name_ar);
	html_raw(o, "<span class=\"pick-facts\">");
	pick_fact(o, _("Kind"), piece_text(r, vocab_label(&org_kinds, g->kind), 0), 0);
	const char *place = ar() || !*g->place_en ? g->place_ar : g->place_en;
	if (*place)
		pick_fact(o, _("Place"), piece_text(r, place, 0), 0);
	html_raw(o, "</span></span></label>");
}

static int org_choices(struct req *r, const struct picker *p, const char *words, int *focus)
{
	struct strbuf *o = &r->out;
	struct pick_org *g = arena_alloc(&r->arena, (PICK_FETCH + 1) * sizeof *g);
	long long total = 0, chosen = p->selected ? strtoll(p->selected, NULL, 10) : 0;
	int n = 0, listed = 0;
	if (!g)
		return 0;
	sqlite3_stmt *st = *words ? search_orgs(r, words, PICK_FETCH, 0, &total) : NULL;
	while (st && n < PICK_FETCH && db_row(st) == 1) {
		org_read(r, st, &g[1 + n]);
		double a = name_similarity(words, g[1 + n].name_ar), b = *g[1 + n].name_en ? name_similarity(words, g[1 + n].name_en) : 0;
		g[1 + n].score = a > b ? a : b;
		n++;
	}
	if (st && n == PICK_FETCH)
		sqlite3_reset(st);
	qsort(g + 1, (size_t)n, sizeof *g, org_cmp);
	if (n > PICKER_SHOWN)
		n = PICKER_SHOWN;
	for (int i = 1; i <= n; i++)
		listed |= g[i].id == chosen;
	struct pick_org *first = g + 1;
	if (chosen > 0 && !listed && (st = search_org_get(r, chosen)) != NULL) {
		org_read(r, st, &g[0]);
		sqlite3_reset(st);
		first = g;
		n++;
	}
	if (*words && !n)
		html_fmt(o, "<p class=\"hint\">%s</p>", _("No organization in your scope matches these words."));
	else if (total > PICKER_SHOWN)
		html_fmt(o, "<p class=\"hint\">%s</p>", _("Only the closest are listed. Type more of the name to find the others."));
	if (n)
		html_raw(o, "<div class=\"picks\">");
	for (int i = 0; i < n; i++)
		org_choice(r, p, &first[i], focus);
	if (n)
		html_raw(o, "</div>");
	return n;
}

int picker_field(struct req *r, const struct picker *p)
{
	struct strbuf *o = &r->out;
	const char *words = p->words ? p->words : req_declares(r, p->q) ? req_str(r, p->q) : "";
	const char *err = req_error_for(r, p->field);
	int focus = err && r->nerrors && strcmp(r->errors[0].field, p->field) == 0;
	struct scope sc;
	scope_of(r, &sc);
	html_fmt(o, "<fieldset class=\"picker%s\" id=\"f-%s\" data-q=\"%s\"", err ? " has-error" : "", p->field, p->q);
	if (err)
		html_fmt(o, " aria-describedby=\"e-%s\"", p->field);
	html_fmt(o, "><legend>%s</legend>", p->legend);
	/* the words and Find belong to the GET form (picker_find_form) */
	const char *label = p->kind == PICK_PERSON && sc.personal ? _("Name or phone") : _("Name");
	html_fmt(o, "<div class=\"pick-find\"><label for=\"q-%s\">%s</label><div class=\"pick-row\">"
		 "<input id=\"q-%s\" name=\"%s\" form=\"pick-%s\" type=\"search\" dir=\"auto\" value=\"%s\"",
		 p->field, label, p->field, p->q, p->field, words);
	/* nothing to choose yet: the focus goes to the words */
	int empty = !*words && !(p->selected && strtoll(p->selected, NULL, 10) > 0);
	if (focus && empty) {
		html_raw(o, " autofocus");
		focus = 0;
	}
	html_fmt(o, "><button form=\"pick-%s\" class=\"secondary\">%s</button></div><p class=\"hint\">%s</p></div>", p->field,
		 _("Find"), _("Part of the name is enough, in any spelling; then choose below."));
	/* the error before the choices: they are what it is about */
	if (err)
		html_fmt(o, "<p class=\"error\" id=\"e-%s\">%s</p>", p->field, err);
	html_raw(o, "<div class=\"pick-list\" aria-live=\"polite\">");
	/* the words travel with the POST too, so a form shown again lists the same choices */
	if (*words)
		html_fmt(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", p->q, words);
	int n = p->kind == PICK_PERSON ? person_choices(r, p, words, &focus) : org_choices(r, p, words, &focus);
	html_raw(o, "</div></fieldset>");
	return n;
}
