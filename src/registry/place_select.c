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
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/html.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_PLACES[] = "SELECT id, parent_id, level, name_ar, name_en FROM places ORDER BY id";
static const char SQL_COUNT[] = "SELECT count(*) FROM places";

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

/* Reads the places in id order and links each to its parent (children in
 * id order: the seed's order, the centre first).  0, or -1. */
static int tree_load(struct req *r, struct tree *t)
{
	int ar = i18n_lang() == LANG_AR;
	long long max = db_int(db_read(), 0, SQL_COUNT, "");
	if (max > LIMIT_PLACES)
		max = LIMIT_PLACES;
	long long *parents = arena_alloc(&r->arena, (size_t)(max + 1) * sizeof *parents);
	t->n = arena_alloc(&r->arena, (size_t)(max + 1) * sizeof *t->n);
	t->count = 0;
	if (!t->n || !parents)
		return -1;
	sqlite3_stmt *st = db_q(db_read(), SQL_PLACES, "");
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
 * min_level lets it be chosen) and its communities; nothing when empty. */
static void subdistrict(struct req *r, const struct tree *t, int i, long long selected, int min_level)
{
	struct strbuf *o = &r->out;
	const struct node *s = &t->n[i];
	if (min_level > 3 && s->child < 0)
		return;
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

void place_select(struct req *r, const char *name, const char *label, int64_t selected, int min_level)
{
	struct strbuf *o = &r->out;
	const char *typed = req_form_raw(r, name);
	if (typed)
		selected = strtoll(typed, NULL, 10);
	const char *err = req_error_for(r, name);
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\"",
		 err ? " has-error" : "", name, label, name, name);
	if (err)
		html_fmt(o, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	html_raw(o, "><option value=\"\">—</option>");
	struct tree t;
	if (tree_load(r, &t) == 0)
		for (int i = 0; i < t.count; i++)
			if (t.n[i].parent < 0 && t.n[i].level == 1)
				walk(r, &t, i, selected, min_level, 1);
	html_raw(o, "</select>");
	if (err)
		html_fmt(o, "<p class=\"error\" id=\"e-%s\">%s</p>", name, err);
	html_raw(o, "</div>");
}
