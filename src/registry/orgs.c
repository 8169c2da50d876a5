/* orgs — the organizations of the registry: the list with filters, sorting
 * and paging; the organization page (facts, sectors, areas, members, its
 * history from the audit log, room for what later modules add); create and
 * edit.  Adding a member is org_members.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/perms.h"
#include "registry/registry.h"
#include "auth/users.h"
#include "registry/org_count.h"
#include "registry/scope_sql.h"
#include "registry/search.h"
#include "registry/registry_pages.h"
#include "module.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

/* Filters are optional ('' / 0 = any): ?1 scope office, ?2 scope org,
 * ?3 kind, ?4 stage, ?5 office, ?6 sector, ?7 name match, ?8 place. */
#define ORG_WHERE " WHERE" ORG_CONDS
#define ORG_CONDS \
	ORG_VISIBLE("o", "?1", "?2") \
	" AND (?3 = '' OR o.kind = ?3) AND (?4 = '' OR o.stage = ?4) AND (?5 = 0 OR o.office_id = ?5)" \
	" AND (?6 = 0 OR EXISTS (SELECT 1 FROM org_sectors s WHERE s.org_id = o.id AND s.sector_id = ?6))" \
	" AND (?7 = '' OR o.id IN (SELECT rowid FROM org_search WHERE org_search MATCH ?7))" \
	" AND (?8 = 0 OR o.id IN (SELECT org_id FROM org_areas WHERE place_id = ?8) OR o.place_id IN " PLACE_TREE ")"
/* the place bound as p and what lies under it */
#define PLACE_TREE_AT(p) "(SELECT id FROM places WHERE id = " p " OR parent_id = " p \
	" OR parent_id IN (SELECT id FROM places WHERE parent_id = " p ")" \
	" OR parent_id IN (SELECT id FROM places WHERE parent_id IN (SELECT id FROM places WHERE parent_id = " p ")))"
#define PLACE_TREE PLACE_TREE_AT("?8")
static const char SQL_COUNT[] = "SELECT count(*) FROM orgs o" ORG_WHERE;
/* Filtered by a place, counted up to LIMIT_LIST_COUNT + 1 as the people
 * list is ("1,000+"), where the exact count tested every one of 10,000
 * organizations (5.5 ms at a governorate, measured).  A place with more
 * than that many organizations (counted in orgs_place, migration 019) is
 * counted by the general test, which stops at the cap after a few
 * thousand; a smaller one is driven from its organizations and those
 * serving it (org_areas_place), a few hundred lookups instead of 10,000
 * tests. */
#define ORG_CAP " LIMIT " LIMIT_STR(LIMIT_LIST_COUNT) " + 1)"
static const char SQL_PLACE_SIZE[] = "SELECT count(*) FROM (SELECT 1 FROM orgs WHERE place_id IN " PLACE_TREE_AT("?1") ORG_CAP;
static const char SQL_COUNT_CAPPED[] = "SELECT count(*) FROM (SELECT 1 FROM orgs o" ORG_WHERE ORG_CAP;
static const char SQL_COUNT_PLACE[] = "SELECT count(*) FROM (SELECT 1 FROM orgs o WHERE o.id IN"
	" (SELECT org_id FROM org_areas WHERE place_id = ?8 UNION SELECT id FROM orgs WHERE place_id IN " PLACE_TREE ")"
	" AND" ORG_CONDS ORG_CAP;
/* Keyset paging (pager_keyed): the page after an organization, by name
 * (?11 its name, ?12 its id) or newest first (?11 its id); and the
 * organization the page before starts after: LIMIT_PAGE_ROWS + 1 rows back
 * from the page's first (by name: ?9 name, ?10 id, ?11 how far back;
 * newest: ?9 id, ?10 how far back). */
#define ORG_PAGE_COLUMNS "SELECT o.id, o.name_ar, o.name_en, o.kind, o.stage, f.name_ar, f.name_en," \
	" (SELECT count(*) FROM memberships m WHERE m.org_id = o.id) FROM orgs o LEFT JOIN offices f ON f.id = o.office_id"
static const char SQL_PAGE_NAME[] = ORG_PAGE_COLUMNS ORG_WHERE " ORDER BY o.name_ar, o.id LIMIT ?9 OFFSET ?10";
static const char SQL_PAGE_NEW[] = ORG_PAGE_COLUMNS ORG_WHERE " ORDER BY o.id DESC LIMIT ?9 OFFSET ?10";
static const char SQL_PAGE_NAME_AFTER[] = ORG_PAGE_COLUMNS ORG_WHERE " AND (o.name_ar, o.id) > (?11, ?12)"
	" ORDER BY o.name_ar, o.id LIMIT ?9 OFFSET ?10";
static const char SQL_PAGE_NEW_AFTER[] = ORG_PAGE_COLUMNS ORG_WHERE " AND o.id < ?11 ORDER BY o.id DESC LIMIT ?9 OFFSET ?10";
static const char SQL_BACK_NAME[] = "SELECT o.id, o.name_ar FROM orgs o WHERE" ORG_CONDS
	" AND (o.name_ar, o.id) < (?9, ?10) ORDER BY o.name_ar DESC, o.id DESC LIMIT 1 OFFSET ?11";
static const char SQL_BACK_NEW[] = "SELECT o.id, o.name_ar FROM orgs o WHERE" ORG_CONDS
	" AND o.id > ?9 ORDER BY o.id LIMIT 1 OFFSET ?10";
static const char SQL_KEY[] = "SELECT o.name_ar FROM orgs o WHERE o.id = ?3 AND" ORG_VISIBLE("o", "?1", "?2");
static const char SQL_SECTORS[] = "SELECT id, name_ar, name_en FROM sectors ORDER BY id";
static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";
static const char SQL_GET[] =
	"SELECT o.name_ar, o.name_en, o.kind, o.reg_status, o.reg_number, o.reg_date, o.founded, o.stage,"
	" o.maturity, o.place_id, o.office_id, o.contact_phone, o.contact_email, f.name_ar, f.name_en"
	" FROM orgs o LEFT JOIN offices f ON f.id = o.office_id WHERE o.id = ?1";
static const char SQL_ORG_SECTORS[] =
	"SELECT s.id, s.name_ar, s.name_en FROM org_sectors x JOIN sectors s ON s.id = x.sector_id WHERE x.org_id = ?1 ORDER BY s.id";
static const char SQL_MEMBERS[] =
	"SELECT p.id, p.name_ar, p.name_latin, m.role, m.start_date, m.end_date FROM memberships m"
	" JOIN people p ON p.id = m.person_id WHERE m.org_id = ?1 AND p.merged_into IS NULL ORDER BY p.name_ar LIMIT 500";
static const char SQL_HISTORY[] =
	"SELECT a.at, u.name, a.action FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE a.entity = 'org' AND a.entity_id = ?1 ORDER BY a.id DESC LIMIT 20";
static const char SQL_HAS_SECTOR[] = "SELECT sector_id FROM org_sectors WHERE org_id = ?1";
/* areas served: subdistricts (level 3) */
static const char SQL_AREA_CHOICES[] =
	"SELECT s.id, s.name_ar, s.name_en, d.id, d.name_ar, d.name_en"
	" FROM places s JOIN places d ON d.id = s.parent_id WHERE s.level = 3 ORDER BY d.id, s.id";
static const char SQL_HAS_AREA[] = "SELECT place_id FROM org_areas WHERE org_id = ?1";
static const char SQL_ORG_AREAS[] =
	"SELECT p.name_ar, p.name_en FROM org_areas a JOIN places p ON p.id = a.place_id WHERE a.org_id = ?1 ORDER BY p.id";

static int ar(void)
{
	return i18n_lang() == LANG_AR;
}

/* A select filled from a (id, name_ar, name_en) query; the submitted
 * choice when a form came back. */
static void table_select(struct req *r, const char *name, const char *label, const char *sql, long long selected,
			 const char *none_label)
{
	struct strbuf *o = &r->out;
	const char *typed = r->method == M_POST ? req_form_raw(r, name) : NULL;
	if (typed)
		selected = strtoll(typed, NULL, 10);
	html_fmt(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\"><option value=\"\">%s</option>",
		 name, label, name, name, none_label);
	sqlite3_stmt *st = db_q(db_read(), sql, "");
	while (db_row(st) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		html_fmt(o, "<option value=\"%lld\"%s>%s</option>", id, id == selected ? " selected" : "",
			 db_text(st, ar() ? 1 : 2));
	}
	html_raw(o, "</select></div>");
}

/* The list's filters, bound as ?1…?8 of ORG_WHERE. */
struct org_filter_args {
	const struct scope *sc;
	const char *kind, *stage;
	long long office, sector;
	const char *match;
	long long place;
};
#define ORG_FILTER_TYPES "IIttIItI"
#define ORG_FILTER_ARGS(a) (long long)(a)->sc->office, (long long)(a)->sc->org, (a)->kind, (a)->stage, (a)->office, \
	(a)->sector, (a)->match, (a)->place

/* Where a keyed page starts: after organization id (0: at the top), whose
 * name is name. */
struct org_key {
	long long id;
	struct strbuf name;
};

/* The name of an organization the user can see into out; 0 or -1. */
static int org_key_of(struct db *d, const struct scope *sc, long long id, struct strbuf *out)
{
	return db_str(d, out, SQL_KEY, "III", (long long)sc->office, (long long)sc->org, id);
}

/* Reads the pager's key (after= or before=) into key: 1 when the page is
 * keyed, 0 when it is not (no key, or one the user cannot see: the page
 * then goes by its number).  A before= key is left negative: the row the
 * page before starts after depends on the filters, which org_page_rows
 * has. */
static int org_seek(struct db *d, const struct scope *sc, long long after, long long before, struct org_key *key)
{
	key->id = 0;
	if (after > 0 && org_key_of(d, sc, after, &key->name) == 0) {
		key->id = after;
		return 1;
	}
	if (before > 0 && org_key_of(d, sc, before, &key->name) == 0) {
		key->id = -before;  /* resolved by org_page_rows, which has the filters */
		return 1;
	}
	return 0;
}

/* The rows of the page (LIMIT_PAGE_ROWS + 1, to know whether one follows):
 * after key, or the page before -key->id (org_seek), or at offset. */
static sqlite3_stmt *org_page_rows(struct db *d, const struct org_filter_args *a, int newest, struct org_key *key,
				   long long offset)
{
	long long rows = LIMIT_PAGE_ROWS + 1;
	if (key->id < 0) {
		long long before = -key->id;
		sqlite3_stmt *st = newest ? db_q(d, SQL_BACK_NEW, ORG_FILTER_TYPES "II", ORG_FILTER_ARGS(a), before,
						 (long long)LIMIT_PAGE_ROWS)
					  : db_q(d, SQL_BACK_NAME, ORG_FILTER_TYPES "tII", ORG_FILTER_ARGS(a),
						 sb_str(&key->name), before, (long long)LIMIT_PAGE_ROWS);
		key->id = 0;
		if (st && db_row(st) == 1) {
			key->id = sqlite3_column_int64(st, 0);
			sb_reset(&key->name);
			sb_adds(&key->name, db_text(st, 1));
		}
		if (st)
			sqlite3_reset(st);
	}
	if (key->id && newest)
		return db_q(d, SQL_PAGE_NEW_AFTER, ORG_FILTER_TYPES "III", ORG_FILTER_ARGS(a), rows, offset, key->id);
	if (key->id)
		return db_q(d, SQL_PAGE_NAME_AFTER, ORG_FILTER_TYPES "IItI", ORG_FILTER_ARGS(a), rows, offset,
			    sb_str(&key->name), key->id);
	return db_q(d, newest ? SQL_PAGE_NEW : SQL_PAGE_NAME, ORG_FILTER_TYPES "II", ORG_FILTER_ARGS(a), rows, offset);
}

void orgs_list(struct req *r)
{
	struct strbuf *o = &r->out, expr = STRBUF_INIT, query = STRBUF_INIT;
	struct scope sc;
	scope_of(r, &sc);
	const char *q = req_str(r, "q"), *kind = req_str(r, "kind"), *stage = req_str(r, "stage");
	long long office = req_int(r, "office"), sector = req_int(r, "sector"), place = place_param(r, "place", 1);
	long long page = req_has(r, "page") ? req_int(r, "page") : 1;
	int newest = strcmp(req_str(r, "sort"), "new") == 0;
	search_match_expr(q, &expr);
	const char *match = sb_str(&expr);
	if (*q && !*match)
		match = "\"\"";  /* a query with no searchable letters finds nothing */
	struct db *d = db_read();
	int filtered = *q || *kind || *stage || office || sector || place;
	const char *count_sql = SQL_COUNT;
	if (place)
		count_sql = db_int(d, 0, SQL_PLACE_SIZE, "I", place) > LIMIT_LIST_COUNT
				    ? SQL_COUNT_CAPPED : SQL_COUNT_PLACE;
	long long total = filtered ? db_int(d, 0, count_sql, "IIttIItI", (long long)sc.office, (long long)sc.org, kind, stage,
					    office, sector, match, place)
				   : org_count_visible(d, &sc);
	page_begin(r, _("Organizations"));
	html_fmt(o, "<h1>%s</h1>", _("Organizations"));
	if (r->user->perms & PERM_ORGS_WRITE)
		html_fmt(o, "<p><a class=\"button\" href=\"/orgs/new\">%s</a></p>", _("New organization"));
	html_raw(o, "<form method=\"get\" action=\"/orgs\" class=\"filters\">");
	html_fmt(o, "<label>%s <input name=\"q\" type=\"search\" value=\"%s\"></label>", _("Name"), q);
	html_raw(o, "<div>");
	vocab_select(r, "kind", _("Kind"), &org_kinds, kind, VOCAB_ANY);
	html_raw(o, "</div><div>");
	vocab_select(r, "stage", _("Stage"), &org_stages, stage, VOCAB_ANY);
	html_raw(o, "</div><div>");
	table_select(r, "sector", _("Sector"), SQL_SECTORS, sector, _("Any"));
	html_raw(o, "</div>");
	if (!sc.office) {
		html_raw(o, "<div>");
		table_select(r, "office", _("Office"), SQL_OFFICES, office, _("Any"));
		html_raw(o, "</div>");
	}
	html_raw(o, "<div>");
	place_select(r, "place", _("Place"), place, 1);
	html_raw(o, "</div>");
	html_fmt(o, "<label>%s <select name=\"sort\"><option value=\"name\">%s</option><option value=\"new\"%s>%s</option></select></label>",
		 _("Order"), _("By name"), newest ? " selected" : "", _("Newest first"));
	html_fmt(o, "<button>%s</button></form><p class=\"count\">%s: ", _("Filter"), _("Organizations found"));
	int capped = place && total > LIMIT_LIST_COUNT;
	fmt_int(o, capped ? LIMIT_LIST_COUNT : total);
	if (capped)
		html_raw(o, "+");
	html_raw(o, "</p>");
	if (!total) {
		if (filtered)
			empty_state(r, _("No organization matches these filters. Change or clear them to see more."), "/orgs",
				    _("Clear the filters"));
		else if (r->user->perms & PERM_ORGS_WRITE)
			empty_state(r, _("No organization is registered yet. Add the first one: its name is enough to start."),
				    "/orgs/new", _("New organization"));
		else
			empty_state(r, _("No organization is registered in your office yet. The center's staff add them."),
				    NULL, NULL);
	}
	const char *cols[] = { _("Name"), _("Kind"), _("Stage"), _("Office"), _("Members"), NULL };
	struct org_key key = { 0, STRBUF_INIT };
	int keyed = org_seek(d, &sc, req_int(r, "after"), req_int(r, "before"), &key);
	struct org_filter_args fa = { &sc, kind, stage, office, sector, match, place };
	sqlite3_stmt *st = org_page_rows(d, &fa, newest, &key, keyed ? 0 : (page - 1) * LIMIT_PAGE_ROWS);
	if (keyed && !key.id)
		page = 1;  /* the page before was the first (or the key is gone) */
	if (total)
		table_begin(r, cols);
	int shown = 0, more = 0;
	long long first_id = 0, last_id = 0;
	while (db_row(st) == 1) {
		if (shown++ == LIMIT_PAGE_ROWS) {
			more = 1;
			sqlite3_reset(st);
			break;
		}
		last_id = sqlite3_column_int64(st, 0);
		if (!first_id)
			first_id = last_id;
		const char *name = db_text(st, ar() ? 1 : 2);
		if (!*name)
			name = db_text(st, 1);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/orgs/%lld", (long long)sqlite3_column_int64(st, 0)), name);
		cell_text(r, vocab_label(&org_kinds, db_text(st, 3)));
		cell_text(r, vocab_label(&org_stages, db_text(st, 4)));
		cell_text(r, db_text(st, ar() ? 5 : 6));
		cell_int(r, sqlite3_column_int64(st, 7));
		row_end(r);
	}
	if (total)
		table_end(r);
	static const char *const keep[] = { "q", "kind", "stage", "sector", "office", "sort", NULL };
	query_keep(r, &query, keep);
	if (place)  /* the place chosen, or found by the name typed */
		sb_addf(&query, "&place=%lld", place);
	pager_keyed(r, "/orgs", sb_str(&query), page, first_id, last_id, more);
	sb_release(&key.name);
	sb_release(&expr);
	sb_release(&query);
	page_end(r);
}

struct org_row {
	const char *name_ar, *name_en, *kind, *reg_status, *reg_number, *reg_date, *founded, *stage,
		*maturity, *phone, *email, *office_name;
	long long place_id, office_id;
};

static int org_load(struct req *r, int64_t id, struct org_row *o)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", (long long)id);
	if (db_row(st) != 1)
		return -1;
	struct arena *a = &r->arena;
	o->name_ar = arena_strdup(a, db_text(st, 0));
	o->name_en = arena_strdup(a, db_text(st, 1));
	o->kind = arena_strdup(a, db_text(st, 2));
	o->reg_status = arena_strdup(a, db_text(st, 3));
	o->reg_number = arena_strdup(a, db_text(st, 4));
	o->reg_date = arena_strdup(a, db_text(st, 5));
	o->founded = arena_strdup(a, db_text(st, 6));
	o->stage = arena_strdup(a, db_text(st, 7));
	o->maturity = arena_strdup(a, db_text(st, 8));
	o->place_id = sqlite3_column_int64(st, 9);
	o->office_id = sqlite3_column_int64(st, 10);
	o->phone = arena_strdup(a, db_text(st, 11));
	o->email = arena_strdup(a, db_text(st, 12));
	o->office_name = arena_strdup(a, db_text(st, ar() ? 13 : 14));
	sqlite3_reset(st);
	return 0;
}

static void fact(struct req *r, const char *label, const char *value)
{
	if (value && *value)
		html_fmt(&r->out, "<dt>%s</dt><dd>%s</dd>", label, value);
}

/* A fact read left to right whatever the page's direction: a phone, an
 * e-mail, a registration number. */
static void fact_ltr(struct req *r, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	html_fmt(&r->out, "<dt>%s</dt><dd>", label);
	html_ltr(&r->out, value);
	html_raw(&r->out, "</dd>");
}

static void iso_date_fact(struct req *r, const char *label, const char *iso)
{
	int y, m, d;
	if (date_parse_iso(iso, &y, &m, &d) < 0)
		return;
	html_fmt(&r->out, "<dt>%s</dt><dd>", label);
	date_format(&r->out, y, m, d);
	html_raw(&r->out, "</dd>");
}

/* The members table and, for those who may add people, the form to add
 * one (with its errors when it came back: the page then opens there). */
static void members(struct req *r, int64_t id, const struct member_pick *mp)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<section class=\"card\" id=\"members\"><h2>%s</h2>", _("Members"));
	const char *cols[] = { _("Name"), _("Role"), _("Since"), NULL };
	sqlite3_stmt *st = db_q(db_read(), SQL_MEMBERS, "I", (long long)id);
	int n = 0;
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/people/%lld", (long long)sqlite3_column_int64(st, 0)), db_text(st, 1));
		cell_text(r, db_text(st, 3));
		cell_begin(r);
		int y, m, dd;
		if (date_parse_iso(db_text(st, 4), &y, &m, &dd) == 0)
			date_format(o, y, m, dd);
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		empty_state(r, r->user->perms & PERM_PEOPLE_WRITE
			    ? _("No members registered yet. Add the first one with the form below: find them by name if they are already registered, or add a new person.")
			    : _("No members registered yet."), NULL, NULL);
	if (r->user->perms & PERM_PEOPLE_WRITE)
		member_form(r, id, mp);
	html_raw(o, "</section>");
}

/* The last changes of the organization, from the audit log. */
static void history(struct req *r, int64_t id)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<section class=\"card\"><h2>%s</h2><ul class=\"history\">", _("History"));
	sqlite3_stmt *st = db_q(db_read(), SQL_HISTORY, "I", (long long)id);
	while (db_row(st) == 1) {
		html_raw(o, "<li>");
		html_bdi_begin(o, 0);
		date_format_time(o, sqlite3_column_int64(st, 0));
		html_bdi_end(o);
		html_raw(o, " — ");
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			html_fmt(o, "%s", _("system"));
		else
			html_ltr(o, db_text(st, 1));   /* user names are Latin */
		html_fmt(o, " — %s</li>", audit_action_label(db_text(st, 2)));
	}
	html_raw(o, "</ul></section>");
}

void org_page_with(struct req *r, const struct member_pick *mp)
{
	struct strbuf *o = &r->out;
	int64_t id = req_int(r, "id");
	struct org_row g;
	if (!scope_sees_org(r, id) || org_load(r, id, &g) < 0) {
		req_error(r, 404);
		return;
	}
	struct db *d = db_read();
	const char *title = ar() || !*g.name_en ? g.name_ar : g.name_en;
	page_begin(r, title);
	html_fmt(o, "<p class=\"back\"><a href=\"/orgs\">%s</a></p><h1>%s</h1>", _("Organizations"), title);
	if (*g.name_en && ar())
		html_fmt(o, "<p class=\"hint\"><bdi lang=\"en\">%s</bdi></p>", g.name_en);
	if (r->user->perms & PERM_ORGS_WRITE)
		html_fmt(o, "<p><a class=\"button\" href=\"/orgs/%lld/edit\">%s</a></p>", (long long)id, _("Edit"));
	html_raw(o, "<section class=\"card\"><dl class=\"facts\">");
	fact(r, _("Kind"), vocab_label(&org_kinds, g.kind));
	fact(r, _("Stage with the center"), vocab_label(&org_stages, g.stage));
	fact(r, _("Maturity"), vocab_label(&org_maturity, g.maturity));
	fact(r, _("Registration"), vocab_label(&reg_statuses, g.reg_status));
	fact_ltr(r, _("Registration number"), g.reg_number);
	iso_date_fact(r, _("Registration date"), g.reg_date);
	iso_date_fact(r, _("Founded"), g.founded);
	fact(r, _("Office"), g.office_name);
	if (g.place_id) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Place"));
		place_path(d, o, g.place_id);
		html_raw(o, "</dd>");
	}
	fact_ltr(r, _("Contact phone"), g.phone);
	if (*g.email)
		html_fmt(o, "<dt>%s</dt><dd><bdi dir=\"ltr\" class=\"token\">%s</bdi></dd>", _("Contact email"), g.email);
	html_fmt(o, "<dt>%s</dt><dd>", _("Sectors"));
	sqlite3_stmt *st = db_q(d, SQL_ORG_SECTORS, "I", (long long)id);
	int n = 0;
	for (; db_row(st) == 1; n++)
		html_fmt(o, "%s%s", n ? (ar() ? "، " : ", ") : "", db_text(st, ar() ? 1 : 2));
	if (!n)
		html_fmt(o, "<span class=\"hint\">%s</span>", _("Not recorded"));
	html_fmt(o, "</dd><dt>%s</dt><dd>", _("Areas served"));
	st = db_q(d, SQL_ORG_AREAS, "I", (long long)id);
	for (n = 0; db_row(st) == 1; n++)
		html_fmt(o, "%s%s", n ? (ar() ? "، " : ", ") : "", db_text(st, ar() ? 0 : 1));
	if (!n)
		html_fmt(o, "<span class=\"hint\">%s</span>", _("Not recorded"));
	html_raw(o, "</dd></dl></section>");

	members(r, id, mp);
	/* what other modules add: assessments, plan, activities, bookings, grants */
	modules_org_sections(r, id);
	history(r, id);
	page_end(r);
}

void org_page(struct req *r)
{
	org_page_with(r, NULL);
}

#define MAX_CHECKS 128

/* The ids linked to the org (linked_sql), as keys for form_checks. */
static int linked_keys(struct req *r, int64_t org, const char *linked_sql, const char **ticked)
{
	int n = 0;
	if (!org)
		return 0;
	sqlite3_stmt *st = db_q(db_read(), linked_sql, "I", (long long)org);
	while (db_row(st) == 1) {
		if (n == MAX_CHECKS) {
			sqlite3_reset(st);
			break;
		}
		ticked[n++] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
	}
	return n;
}

/* The sectors: one group of checkboxes, ticked from the saved links
 * (form_checks ticks the submitted ones instead when the form came back). */
static void sector_checks(struct req *r, int64_t org)
{
	const char *keys[MAX_CHECKS], *labels[MAX_CHECKS], *ticked[MAX_CHECKS];
	int n = 0, nticked = linked_keys(r, org, SQL_HAS_SECTOR, ticked);
	sqlite3_stmt *st = db_q(db_read(), SQL_SECTORS, "");
	while (db_row(st) == 1) {
		if (n == MAX_CHECKS) {
			sqlite3_reset(st);
			break;
		}
		keys[n] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
		labels[n++] = arena_strdup(&r->arena, db_text(st, ar() ? 1 : 2));
	}
	form_checks(r, "sector", _("Sectors"), keys, labels, n, ticked, nticked);
}

/* The areas served: subdistricts, grouped under their district so each
 * label is a short name and several fit on a line. */
static void area_checks(struct req *r, int64_t org)
{
	const char *keys[MAX_CHECKS], *labels[MAX_CHECKS], *ticked[MAX_CHECKS], *district = NULL;
	int n = 0, nticked = linked_keys(r, org, SQL_HAS_AREA, ticked);
	long long group = 0;
	form_checks_begin(r, "area", _("Areas served"));
	sqlite3_stmt *st = db_q(db_read(), SQL_AREA_CHOICES, "");
	for (;;) {
		int more = db_row(st) == 1;
		if (more && n == MAX_CHECKS) {
			sqlite3_reset(st);
			more = 0;
		}
		if (n && (!more || sqlite3_column_int64(st, 3) != group)) {
			form_checks_group(r, "area", district, keys, labels, n, ticked, nticked);
			n = 0;
		}
		if (!more)
			break;
		group = sqlite3_column_int64(st, 3);
		district = arena_strdup(&r->arena, db_text(st, ar() ? 4 : 5));
		keys[n] = arena_printf(&r->arena, "%lld", (long long)sqlite3_column_int64(st, 0));
		labels[n++] = arena_strdup(&r->arena, db_text(st, ar() ? 1 : 2));
	}
	form_checks_end(r, "area");
}

static void org_form(struct req *r, int64_t id, const struct org_row *g)
{
	struct strbuf *o = &r->out;
	page_begin(r, id ? _("Edit organization") : _("New organization"));
	html_fmt(o, "<p class=\"back\"><a href=\"/orgs\">%s</a></p><h1>%s</h1>", _("Organizations"),
		 id ? _("Edit organization") : _("New organization"));
	form_error_summary(r);
	char action[64];
	if (id)
		snprintf(action, sizeof action, "/orgs/%lld", (long long)id);
	else
		snprintf(action, sizeof action, "/orgs");
	form_begin(r, action, "form");
	form_input(r, "name_ar", _("Name in Arabic"), "text", g->name_ar, 1, NULL);
	form_input(r, "name_en", _("Name in English"), "text", g->name_en, 0, NULL);
	/* facts are chosen, never defaulted: a new organization starts with
	 * nothing chosen, and a required one left so is refused */
	vocab_select(r, "kind", _("Kind"), &org_kinds, g->kind, VOCAB_NONE);
	vocab_radios(r, "stage", _("Stage with the center"), &org_stages, g->stage);
	vocab_select(r, "maturity", _("Maturity"), &org_maturity, g->maturity, VOCAB_NONE);
	vocab_radios(r, "reg_status", _("Registration with the local administration"), &reg_statuses, g->reg_status);
	form_input(r, "reg_number", _("Registration number"), "text", g->reg_number, 0, NULL);
	form_input(r, "reg_date", _("Registration date"), "date", g->reg_date, 0, NULL);
	form_input(r, "founded", _("Founded"), "date", g->founded, 0, NULL);
	struct scope sc;
	scope_of(r, &sc);
	if (!sc.office)
		table_select(r, "office", _("Office"), SQL_OFFICES, g->office_id, "—");
	place_select(r, "place", _("Place"), g->place_id, 2);
	form_input(r, "contact_phone", _("Contact phone"), "tel", g->phone, 0, NULL);
	form_input(r, "contact_email", _("Contact email"), "email", g->email, 0, NULL);
	sector_checks(r, id);
	area_checks(r, id);
	form_end(r, _("Save"));
	page_end(r);
}

void org_new_page(struct req *r)
{
	struct org_row g = { "", "", "", "", "", "", "", "", "", "", "", "", 0, 0 };
	org_form(r, 0, &g);
}

void org_edit_page(struct req *r)
{
	int64_t id = req_int(r, "id");
	struct org_row g;
	if (!scope_sees_org(r, id) || org_load(r, id, &g) < 0) {
		req_error(r, 404);
		return;
	}
	org_form(r, id, &g);
}

#define MAX_SECTORS 32
#define MAX_AREAS 64

struct org_args {
	struct req *r;
	int64_t id;             /* 0: a new organization; then the one saved */
	const struct org_in *in;
};

static int save_fn(struct db *w, void *arg)
{
	struct org_args *a = arg;
	int64_t id = org_save(w, a->r->user->id, a->id, a->in);
	if (id < 0)
		return -1;
	a->id = id;
	return 0;
}

/* The ticked ids of a checkbox list. */
static int form_ids(struct req *r, const char *name, int64_t *ids, int max)
{
	const char *v[MAX_AREAS];
	int n = req_form_values(r, name, v, max < MAX_AREAS ? max : MAX_AREAS);
	for (int i = 0; i < n; i++)
		ids[i] = strtoll(v[i], NULL, 10);
	return n;
}

/* Creates (id 0) or updates from the validated form. */
static void org_submit(struct req *r, int64_t id)
{
	struct scope sc;
	scope_of(r, &sc);
	if (id && !scope_sees_org(r, id)) {
		req_error(r, 404);
		return;
	}
	/* ids from the form that do not exist: field errors, the form kept */
	int64_t place = place_param(r, "place", 2);
	if (place && !place_exists(db_read(), place, 2))
		req_field_error(r, "place", _("Choose a place from the list."));
	if (!sc.office && req_int(r, "office") && !office_exists(db_read(), req_int(r, "office")))
		req_field_error(r, "office", _("Choose an office from the list."));
	int64_t chosen[MAX_SECTORS];
	int nchosen = form_ids(r, "sector", chosen, MAX_SECTORS);
	for (int i = 0; i < nchosen; i++)
		if (!sector_exists(db_read(), chosen[i])) {
			req_field_error(r, "sector", _("Choose the sectors from the list."));
			break;
		}
	if (r->nerrors) {
		struct org_row g = { "", "", "", "", "", "", "", "", "", "", "", "", 0, 0 };
		r->status = 400;
		org_form(r, id, &g);
		return;
	}
	int64_t sectors[MAX_SECTORS], areas[MAX_AREAS];
	struct org_in in = { 0 };
	in.name_ar = req_str(r, "name_ar");
	in.name_en = req_str(r, "name_en");
	in.kind = req_str(r, "kind");
	in.reg_status = req_str(r, "reg_status");
	in.reg_number = req_str(r, "reg_number");
	in.reg_date = req_str(r, "reg_date");
	in.founded = req_str(r, "founded");
	in.stage = req_str(r, "stage");
	in.maturity = req_str(r, "maturity");
	in.phone = req_str(r, "contact_phone");
	in.email = req_str(r, "contact_email");
	in.place_id = place;
	in.office_id = sc.office ? sc.office : req_int(r, "office");
	in.sectors = sectors;
	in.nsectors = form_ids(r, "sector", sectors, MAX_SECTORS);
	in.areas = areas;
	in.nareas = form_ids(r, "area", areas, MAX_AREAS);
	struct org_args a = { r, id, &in };
	if (db_write(save_fn, &a) != 0) {
		req_error(r, 503);
		return;
	}
	req_flash(r, id ? _("Saved.") : _("The organization was added."));
	req_redirect(r, arena_printf(&r->arena, "/orgs/%lld", (long long)a.id));
}

void org_create_submit(struct req *r)
{
	org_submit(r, 0);
}

void org_update_submit(struct req *r)
{
	org_submit(r, req_int(r, "id"));
}
