/* places — the place tree (governorate › district › subdistrict ›
 * community) for administrators: browse, add a place under another,
 * rename, and set a place's other names (aliases, one per line: what the
 * import and people write for it).  Seeded for Ar-Raqqa and Deir-ez-Zor by
 * migration 002, their aliases by 008; the official list is loaded with
 * `daam places import` (places_import.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "registry/registry.h"
#include "registry/registry_pages.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/textfold.h"
#include "core/utf8.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_TREE[] =
	"SELECT id, coalesce(parent_id, 0), level, name_ar, name_en, coalesce(pcode, '') FROM places"
	" ORDER BY coalesce(parent_id, 0), name_ar";
static const char SQL_COUNT[] = "SELECT count(*) FROM places";
static const char SQL_GET[] = "SELECT level, name_ar, name_en, parent_id FROM places WHERE id = ?1";
static const char SQL_ADD[] = "INSERT INTO places (parent_id, level, name_ar, name_en) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_RENAME[] = "UPDATE places SET name_ar = ?1, name_en = ?2 WHERE id = ?3";
static const char SQL_ALIASES[] = "SELECT alias FROM place_aliases WHERE place_id = ?1 ORDER BY id";
static const char SQL_ALIASES_CLEAR[] = "DELETE FROM place_aliases WHERE place_id = ?1";
static const char SQL_ALIAS_ADD[] = "INSERT INTO place_aliases (place_id, alias, folded) VALUES (?1, ?2, ?3)";
static const char SQL_EXISTS[] = "SELECT count(*) FROM places WHERE id = ?1";

struct place {
	long long id, parent;
	int level;
	const char *ar, *en, *pcode;
};

/* The first place under parent in p (sorted by parent), or n. */
static int first_child(const struct place *p, int n, long long parent)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (p[mid].parent < parent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Writes the subtree under parent as nested lists; the places are sorted
 * by parent, so the official list (thousands of communities) is drawn in
 * n log n. */
static void tree(struct req *r, struct place *p, int n, long long parent, int depth)
{
	int any = 0;
	for (int i = first_child(p, n, parent); i < n && p[i].parent == parent; i++) {
		if (!any++)
			html_raw(&r->out, "<ul class=\"tree\">");
		html_fmt(&r->out, "<li><a href=\"/admin/places/%lld\">%s</a> <span class=\"hint\"><bdi>%s</bdi>", p[i].id,
			 p[i].ar, p[i].en);
		if (*p[i].pcode) {
			html_raw(&r->out, " · ");
			html_ltr(&r->out, p[i].pcode);
		}
		html_raw(&r->out, "</span>");
		if (depth < 4)
			tree(r, p, n, p[i].id, depth + 1);
		html_raw(&r->out, "</li>");
	}
	if (any)
		html_raw(&r->out, "</ul>");
}

static void render_list(struct req *r)
{
	long long max = db_int(db_read(), 0, SQL_COUNT, "");
	if (max > LIMIT_PLACES)
		max = LIMIT_PLACES;
	struct place *p = arena_alloc(&r->arena, (size_t)(max + 1) * sizeof *p);
	int n = 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_TREE, "");
	while (p && db_row(st) == 1) {
		if (n == max) {
			sqlite3_reset(st);
			break;
		}
		p[n].id = sqlite3_column_int64(st, 0);
		p[n].parent = sqlite3_column_int64(st, 1);
		p[n].level = sqlite3_column_int(st, 2);
		p[n].ar = arena_strdup(&r->arena, db_text(st, 3));
		p[n].en = arena_strdup(&r->arena, db_text(st, 4));
		p[n].pcode = arena_strdup(&r->arena, db_text(st, 5));
		n++;
	}
	page_begin(r, _("Places"));
	html_fmt(&r->out, "<h1>%s</h1><p>%s</p>", _("Places"),
		 _("Governorate, district, subdistrict, community. Choose a place to rename it or to add a place under it."));
	if (n)
		tree(r, p, n, 0, 1);
	else
		empty_state(r, _("No place yet. Add a governorate below, then its districts, subdistricts and communities."),
			    NULL, NULL);
	html_fmt(&r->out, "<section class=\"card\"><h2>%s</h2>", _("Add a governorate"));
	form_error_summary(r);
	form_begin(r, "/admin/places", "form");
	form_input(r, "name_ar", _("Name in Arabic"), "text", "", 1, NULL);
	form_input(r, "name_en", _("Name in English"), "text", "", 1, NULL);
	form_end(r, _("Add"));
	html_raw(&r->out, "</section>");
	page_end(r);
}

void places_list(struct req *r)
{
	render_list(r);
}

/* The place's other names, one per line, in a form of their own. */
static void aliases_form(struct req *r, long long id)
{
	struct strbuf *o = &r->out;
	const char *typed = req_form_raw(r, "aliases");
	const char *err = req_error_for(r, "aliases");
	html_fmt(o, "<section class=\"card\" id=\"aliases\"><h2>%s</h2>", _("Other names"));
	form_begin(r, arena_printf(&r->arena, "/admin/places/%lld/aliases", id), "form");
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-aliases\">%s</label>"
		 "<textarea id=\"f-aliases\" name=\"aliases\" rows=\"6\" dir=\"auto\" aria-describedby=\"h-aliases\">",
		 err ? " has-error" : "", _("One name per line"));
	if (typed) {
		html_escape(o, typed);
	} else {
		sqlite3_stmt *st = db_q(db_read(), SQL_ALIASES, "I", id);
		while (db_row(st) == 1) {
			html_escape(o, db_text(st, 0));
			html_raw(o, "\n");
		}
	}
	html_raw(o, "</textarea>");
	if (err)
		html_fmt(o, "<p class=\"error\">%s</p>", err);
	html_fmt(o, "<p class=\"hint\" id=\"h-aliases\">%s</p></div>",
		 _("The names people write for this place, in Arabic or Latin letters (for example الرقة, Raqqa, "
		   "Ar-Raqqa). An import finds the place by any of them."));
	form_end(r, _("Save"));
	html_raw(o, "</section>");
}

static void render_place(struct req *r, long long id)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	int level = sqlite3_column_int(st, 0);
	const char *ar = arena_strdup(&r->arena, db_text(st, 1)), *en = arena_strdup(&r->arena, db_text(st, 2));
	sqlite3_reset(st);
	static const char *const levels[] = { "", N_("Governorate"), N_("District"), N_("Subdistrict"), N_("Community") };
	page_begin(r, ar);
	html_fmt(&r->out, "<p class=\"back\"><a href=\"/admin/places\">%s</a></p><h1>%s</h1><p>%s: %s</p>", _("Places"), ar,
		 _("Level"), _(levels[level]));
	form_error_summary(r);
	char action[64];
	snprintf(action, sizeof action, "/admin/places/%lld", id);
	html_fmt(&r->out, "<section class=\"card\"><h2>%s</h2>", _("Rename"));
	form_begin(r, action, "form");
	form_input(r, "name_ar", _("Name in Arabic"), "text", ar, 1, NULL);
	form_input(r, "name_en", _("Name in English"), "text", en, 1, NULL);
	form_end(r, _("Save"));
	html_raw(&r->out, "</section>");
	aliases_form(r, id);
	if (level < 4) {
		snprintf(action, sizeof action, "/admin/places/%lld/add", id);
		html_fmt(&r->out, "<section class=\"card\"><h2>%s: %s</h2>", _("Add a place under it"), _(levels[level + 1]));
		form_begin(r, action, "form");
		html_raw(&r->out, "<div class=\"field\"><label for=\"f-child_ar\">");
		html_fmt(&r->out, "%s</label><input id=\"f-child_ar\" name=\"name_ar\" dir=\"auto\" required></div>", _("Name in Arabic"));
		html_fmt(&r->out, "<div class=\"field\"><label for=\"f-child_en\">%s</label><input id=\"f-child_en\" name=\"name_en\" dir=\"auto\" required></div>",
			 _("Name in English"));
		form_end(r, _("Add"));
		html_raw(&r->out, "</section>");
	}
	page_end(r);
}

void place_page(struct req *r)
{
	render_place(r, req_int(r, "id"));
}

struct place_args {
	struct req *r;
	long long parent, id;
	int level;
};

static int add_fn(struct db *w, void *arg)
{
	struct place_args *a = arg;
	struct req *r = a->r;
	if (db_do(w, SQL_ADD, "oitt", a->parent, a->level, req_str(r, "name_ar"), req_str(r, "name_en")) < 0)
		return -1;
	a->id = db_last_id(w);
	return audit_write(w, r->user->id, "create", "place", a->id, "");
}

/* Adds a place under parent (0: a governorate). */
static void add_place(struct req *r, long long parent)
{
	int level = 1;
	if (parent) {
		level = (int)db_int(db_read(), 0, "SELECT level FROM places WHERE id = ?1", "I", parent) + 1;
		if (level < 2 || level > 4) {
			req_error(r, 404);
			return;
		}
	}
	if (r->nerrors) {
		r->status = 400;
		if (parent)
			render_place(r, parent);
		else
			render_list(r);
		return;
	}
	struct place_args a = { r, parent, 0, level };
	if (db_write(add_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash_link(r, _("The place was added."), parent ? arena_printf(&r->arena, "/admin/places/%lld", parent) : "/admin/places",
		       parent ? _("Back to the place above it") : _("All places"));
	req_redirect(r, arena_printf(&r->arena, "/admin/places/%lld", a.id));
}

void place_create_submit(struct req *r)
{
	add_place(r, 0);
}

void place_add_child_submit(struct req *r)
{
	add_place(r, req_int(r, "id"));
}

/* Renames the place {id}; 1 when there is none. */
static int rename_fn(struct db *w, void *arg)
{
	struct req *r = arg;
	long long id = req_int(r, "id");
	if (db_do(w, SQL_RENAME, "ttI", req_str(r, "name_ar"), req_str(r, "name_en"), id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return 1;
	return audit_write(w, r->user->id, "update", "place", id, "");
}

void place_rename_submit(struct req *r)
{
	long long id = req_int(r, "id");
	if (r->nerrors) {
		r->status = 400;
		render_place(r, id);
		return;
	}
	int rc = db_write(rename_fn, r);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash_link(r, _("Saved."), "/admin/places", _("All places"));
	req_redirect(r, arena_printf(&r->arena, "/admin/places/%lld", id));
}

/* ---- other names ---- */

struct aliases_args {
	struct req *r;
	long long id;
	const char *lines[LIMIT_PLACE_ALIASES];
	char *folded[LIMIT_PLACE_ALIASES];
	int n;
};

/* Splits the textarea into names (trimmed, empty lines and repeats after
 * folding dropped) into a; 0, or -1 with the field's error set. */
static int aliases_read(struct req *r, struct aliases_args *a)
{
	const char *s = req_str(r, "aliases");
	a->n = 0;
	while (*s) {
		size_t len = strcspn(s, "\r\n");
		const char *start = s;
		s += len;
		while (*s == '\r' || *s == '\n')
			s++;
		while (len && (*start == ' ' || *start == '\t'))
			start++, len--;
		while (len && (start[len - 1] == ' ' || start[len - 1] == '\t'))
			len--;
		if (!len)
			continue;
		if (utf8_count(start, len) > LIMIT_VOCAB_NAME_CHARS) {
			req_field_error(r, "aliases", _("A name is too long: at most 100 characters."));
			return -1;
		}
		char *line = arena_strndup(&r->arena, start, len);
		char *f = line ? text_fold(line, len) : NULL;
		if (!f || !*f) {
			free(f);
			if (!line)
				return -1;
			req_field_error(r, "aliases", _("Each line must hold a name with letters or digits."));
			return -1;
		}
		int dup = 0;
		for (int i = 0; i < a->n && !dup; i++)
			dup = !strcmp(a->folded[i], f);
		if (dup) {
			free(f);
			continue;
		}
		if (a->n == LIMIT_PLACE_ALIASES) {
			free(f);
			req_field_error(r, "aliases", _("At most 30 other names."));
			return -1;
		}
		char *kept = arena_strdup(&r->arena, f);
		free(f);
		if (!kept)
			return -1;
		a->lines[a->n] = line;
		a->folded[a->n++] = kept;
	}
	return 0;
}

/* Replaces the aliases of place a->id; 1 when there is no such place. */
static int aliases_fn(struct db *w, void *arg)
{
	struct aliases_args *a = arg;
	if (db_int(w, 0, SQL_EXISTS, "I", a->id) != 1)
		return 1;
	if (db_do(w, SQL_ALIASES_CLEAR, "I", a->id) < 0)
		return -1;
	for (int i = 0; i < a->n; i++)
		if (db_do(w, SQL_ALIAS_ADD, "Itt", a->id, a->lines[i], a->folded[i]) < 0)
			return -1;
	char detail[32];
	snprintf(detail, sizeof detail, "aliases=%d", a->n);
	return audit_write(w, a->r->user->id, "set_aliases", "place", a->id, detail);
}

void place_aliases_submit(struct req *r)
{
	struct aliases_args a;
	memset(&a, 0, sizeof a);
	a.r = r;
	a.id = req_int(r, "id");
	if (!r->nerrors && aliases_read(r, &a) < 0 && !r->nerrors) {
		req_error(r, 503);
		return;
	}
	if (r->nerrors) {
		r->status = 400;
		render_place(r, a.id);
		return;
	}
	int rc = db_write(aliases_fn, &a);
	if (rc != 0) {
		req_error(r, rc > 0 ? 404 : 503);
		return;
	}
	req_flash_link(r, _("Saved."), "/admin/places", _("All places"));
	req_redirect(r, arena_printf(&r->arena, "/admin/places/%lld#aliases", a.id));
}
