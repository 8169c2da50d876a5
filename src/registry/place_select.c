/* place_select — the place chooser: a <select> that shows the place tree
 * (governorate › district › subdistrict › community) in the user's
 * language.  Each subdistrict is an <optgroup> labelled with its whole
 * path, holding the subdistrict itself ("Al-Karama subdistrict", when that
 * level may be chosen) and its communities; governorates and districts,
 * where they may be chosen, are options showing their path.  So two places
 * of one name — a subdistrict and its seat town — are never confused. */
#include <stdlib.h>
#include <string.h>
#include "registry/registry.h"
#include "registry/place_match.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/html.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_PLACES[] = "SELECT id, parent_id, level, name_ar, name_en FROM places ORDER BY id";
/* a long list: governorates, districts and subdistricts (places_level, 019) */
static const char SQL_SHALLOW[] =
	"SELECT id, parent_id, level, name_ar, name_en FROM places WHERE level <= 3 ORDER BY level, id";
static const char SQL_COUNT[] = "SELECT count(*) FROM places";
static const char SQL_COUNT_SHALLOW[] = "SELECT count(*) FROM places WHERE level <= 3";

struct node {
	long long id;
	int parent, level;            /* parent: an index, -1 none */
	int child, next;              /* first child, next sibling: indexes, -1 none */
	const char *name, *path;      /* path: "governorate › … › name" */
};

struct tree {
	struct node *n;
	int count;
};

static int by_id(const void *key, const void *elem)
{
	long long id = *(const long long *)key, other = ((const struct node *)elem)->id;
	return (id > other) - (id < other);
}

/* Sorts the nodes (and their parents' ids, alongside) by id. */
static void sort_by_id(struct tree *t, long long *parents)
{
	/* insertion sort: a few hundred places, already in id order per level */
	for (int i = 1; i < t->count; i++) {
		struct node n = t->n[i];
		long long p = parents[i];
		int j = i - 1;
		for (; j >= 0 && t->n[j].id > n.id; j--) {
			t->n[j + 1] = t->n[j];
			parents[j + 1] = parents[j];
		}
		t->n[j + 1] = n;
		parents[j + 1] = p;
	}
}

/* Reads the places in id order (shallow: down to the subdistricts) and
 * links each to its parent (children in id order: the seed's order, the
 * centre first).  0, or -1. */
static int tree_load(struct req *r, struct tree *t, int shallow)
{
	int ar = i18n_lang() == LANG_AR;
	long long max = db_int(db_read(), 0, shallow ? SQL_COUNT_SHALLOW : SQL_COUNT, "");
	if (max > LIMIT_PLACES)
		max = LIMIT_PLACES;
	long long *parents = arena_alloc(&r->arena, (size_t)(max + 1) * sizeof *parents);
	t->n = arena_alloc(&r->arena, (size_t)(max + 1) * sizeof *t->n);
	t->count = 0;
	if (!t->n || !parents)
		return -1;
	sqlite3_stmt *st = db_q(db_read(), shallow ? SQL_SHALLOW : SQL_PLACES, "");
	while (db_row(st) == 1) {
		if (t->count == max) {
			sqlite3_reset(st);
			break;
		}
		struct node *n = &t->n[t->count];
		n->id = sqlite3_column_int64(st, 0);
		parents[t->count] = sqlite3_column_int64(st, 1);
		n->level = sqlite3_column_int(st, 2);
		n->name = arena_strdup(&r->arena, db_text(st, ar || !*db_text(st, 4) ? 3 : 4));
		n->parent = n->child = n->next = -1;
		n->path = NULL;
		t->count++;
	}
	if (shallow)  /* read level by level (places_level); linked in id order */
		sort_by_id(t, parents);
	int *last = arena_alloc(&r->arena, (size_t)(t->count + 1) * sizeof *last);
	if (!last)
		return -1;
	for (int i = 0; i < t->count; i++)
		last[i] = -1;
	for (int i = 0; i < t->count; i++) {
		struct node *p = parents[i] ? bsearch(&parents[i], t->n, (size_t)t->count, sizeof *t->n, by_id) : NULL;
		if (!p)
			continue;
		int pi = (int)(p - t->n);
		t->n[i].parent = pi;
		if (last[pi] < 0)
			p->child = i;
		else
			t->n[last[pi]].next = i;
		last[pi] = i;
	}
	/* parents come before their children (smaller ids), so one pass makes
	 * every path from its parent's */
	for (int i = 0; i < t->count; i++) {
		struct node *n = &t->n[i];
		const char *up = n->parent >= 0 && n->parent < i ? t->n[n->parent].path : NULL;
		n->path = up ? arena_printf(&r->arena, "%s › %s", up, n->name) : n->name;
	}
	return 0;
}

/* "{name} subdistrict" with the name put in: option text is plain text. */
static const char *subdistrict_label(struct req *r, const char *name)
{
	const char *tmpl = _("{name} subdistrict"), *at = strstr(tmpl, "{name}");
	if (!at)
		return name;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(at - tmpl), tmpl, name, at + 6);
}

static void option(struct strbuf *o, long long id, long long selected, const char *text)
{
	html_fmt(o, "<option value=\"%lld\"%s>%s</option>", id, id == selected ? " selected" : "", text);
}

/* One subdistrict: its group, labelled with its path, holding itself (when
 * min_level lets it be chosen) and its communities; nothing when empty.
 * A shallow tree (a long list) has no communities: the subdistrict is an
 * option showing its path. */
static void subdistrict(struct req *r, const struct tree *t, int i, long long selected, int min_level)
{
	struct strbuf *o = &r->out;
	const struct node *s = &t->n[i];
	if (min_level > 3 && s->child < 0)
		return;
	if (s->child < 0 && min_level <= 3) {
		option(o, s->id, selected, s->path);
		return;
	}
	html_fmt(o, "<optgroup label=\"%s\">", s->path);
	if (min_level <= 3)
		option(o, s->id, selected, subdistrict_label(r, s->name));
	for (int c = s->child; c >= 0; c = t->n[c].next)
		option(o, t->n[c].id, selected, t->n[c].name);
	html_raw(o, "</optgroup>");
}

/* A governorate or a district (an option with its path when min_level lets
 * it be chosen), then what lies under it. */
static void walk(struct req *r, const struct tree *t, int i, long long selected, int min_level, int depth)
{
	const struct node *n = &t->n[i];
	if (n->level >= 3 || depth > 2) {
		if (n->level == 3)
			subdistrict(r, t, i, selected, min_level);
		return;
	}
	if (n->level >= min_level)
		option(&r->out, n->id, selected, n->path);
	for (int c = n->child; c >= 0; c = t->n[c].next)
		walk(r, t, c, selected, min_level, depth + 1);
}

/* What the name typed in NAME_q means (place_match): > 0 its id, 0 none
 * typed or none found, -1 several (their ids in cands, their number in
 * *ncand); *text is what was typed. */
static int64_t typed_place(struct req *r, const char *name, int64_t *cands, int *ncand, const char **text)
{
	const char *qname = arena_printf(&r->arena, "%s_q", name);
	*text = req_declares(r, qname) ? req_str(r, qname) : "";  /* a form's first view: nothing typed */
	*ncand = 0;
	if (!**text)
		return 0;
	struct place_matcher *m = place_matcher_load(db_read());
	if (!m)
		return 0;
	int64_t id = place_match(m, *text, cands, PLACE_MATCH_MAX_CANDIDATES, ncand);
	place_matcher_free(m);
	if (*ncand > PLACE_MATCH_MAX_CANDIDATES)
		*ncand = PLACE_MATCH_MAX_CANDIDATES;
	return id;
}

int64_t place_param(struct req *r, const char *name, int min_level)
{
	int64_t cands[PLACE_MATCH_MAX_CANDIDATES], chosen = req_int(r, name);
	int n;
	const char *text;
	int64_t id = typed_place(r, name, cands, &n, &text);
	if (!*text)
		return chosen;
	if (id > 0 && place_exists(db_read(), id, min_level))
		return id;
	if (id > 0) {
		req_field_error(r, name, _("This place is too large here: type the community's name, or choose a subdistrict."));
		return 0;
	}
	if (id < 0) {
		for (int i = 0; i < n; i++)
			if (cands[i] == chosen)
				return chosen;  /* one of them, chosen from the list */
		req_field_error(r, name, _("Several places have this name: choose the one you mean from the list."));
		return 0;
	}
	req_field_error(r, name, _("No place has this name. Check the spelling, or choose from the list."));
	return 0;
}

/* An option for a place outside the shallow tree (a community), labelled
 * with its community and subdistrict. */
static void place_option(struct req *r, int64_t id, int64_t selected)
{
	struct strbuf path = STRBUF_INIT;
	place_path_text(db_read(), &path, id);
	if (path.len)
		option(&r->out, id, selected, sb_str(&path));
	sb_release(&path);
}

void place_select(struct req *r, const char *name, const char *label, int64_t selected, int min_level)
{
	struct strbuf *o = &r->out;
	const char *typed = req_form_raw(r, name);
	if (typed)
		selected = strtoll(typed, NULL, 10);
	/* a long list: the larger places, and the community by name */
	int shallow = db_int(db_read(), 0, SQL_COUNT, "") > LIMIT_PLACE_OPTIONS;
	int64_t cands[PLACE_MATCH_MAX_CANDIDATES];
	int ncand = 0;
	const char *text = "";
	if (shallow) {
		int64_t id = typed_place(r, name, cands, &ncand, &text);
		if (id > 0) {
			selected = id;  /* found: shown as the choice, the field emptied */
			text = "";
		}
	}
	const char *err = req_error_for(r, name);
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\"",
		 err ? " has-error" : "", name, label, name, name);
	if (err)
		html_fmt(o, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	html_raw(o, "><option value=\"\">—</option>");
	if (ncand > 0) {
		html_fmt(o, "<optgroup label=\"%s\">", _("Places of the name typed"));
		for (int i = 0; i < ncand; i++)
			place_option(r, cands[i], selected);
		html_raw(o, "</optgroup>");
	} else if (shallow && selected > 0 && place_exists(db_read(), selected, 4)) {
		place_option(r, selected, selected);  /* the community chosen before */
	}
	struct tree t;
	if (tree_load(r, &t, shallow) == 0)
		for (int i = 0; i < t.count; i++)
			if (t.n[i].parent < 0 && t.n[i].level == 1)
				walk(r, &t, i, selected, min_level, 1);
	html_raw(o, "</select>");
	if (shallow)
		html_fmt(o, "<label class=\"sub\" for=\"f-%s_q\">%s</label><input id=\"f-%s_q\" name=\"%s_q\" type=\"search\""
			 " dir=\"auto\" value=\"%s\" maxlength=\"%d\">",
			 name, _("or type the community's name"), name, name, text, LIMIT_COMMUNITY_CHARS);
	if (err)
		html_fmt(o, "<p class=\"error\" id=\"e-%s\">%s</p>", name, err);
	html_raw(o, "</div>");
}
