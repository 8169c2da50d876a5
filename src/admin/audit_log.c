/* admin_audit — the audit log (admins and directors): filters (user,
 * action, record kind, dates), newest first, 50 a page.  Each entry reads
 * as a sentence in the reader's language (audit_text.c): the user by their
 * display name, the records by name with a link when the reader may see
 * them — the scope rule decides (scope_sql.h): an organization or a person
 * out of the reader's scope stays "record N", and people's names only for
 * roles with the right to personal fields — and the stored words underneath
 * in a <details>.  One query a page (plus the count): the records' names come
 * from joins, the person a detail names ("other=", "person=") too; the
 * records of the other modules (an activity, a cohort) are named by their
 * module (module.h, audit_namer): at most one seek per entry. */
#include <stdio.h>
#include <string.h>
#include "admin/admin.h"
#include "admin/audit_text.h"
#include "admin/perms.h"
#include "admin/sentence.h"
#include "module.h"
#include "registry/perms.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "core/banned.h"

#define DAY 86400

/* Filters are optional ('' = any): ?1 user (login or display name),
 * ?2 action, ?3 record kind, ?4 ?5 the time span.  `at` is "a.at", or
 * "+a.at" to keep SQLite off the index of times: without dates the newest
 * entries come straight from the ids (a page of 200,000 entries: 0.1 s
 * sorting by the index → under 1 ms). */
#define FILTERS_AT(at) \
	" WHERE (?1 = '' OR u.name = ?1 OR u.display_name = ?1) AND (?2 = '' OR a.action = ?2)" \
	" AND (?3 = '' OR a.entity = ?3) AND " at " >= ?4 AND " at " < ?5"
#define FILTERS FILTERS_AT("a.at")
static const char SQL_COUNT[] = "SELECT count(*) FROM audit_log a LEFT JOIN users u ON u.id = a.user_id" FILTERS;
/* ?6 ?7 the page; ?8 ?9 the reader's scope (office, organization);
 * ?10 1 when the reader may read people's names (personal fields);
 * ?11 1 for English names.  Columns: 0 id, 1 at, 2 user id, 3 login,
 * 4 display name, 5 action, 6 entity, 7 entity id, 8 detail, 9 the record's
 * name, 10 1 when the reader sees the record, 11 the id of the person the
 * detail names when the reader sees them, 12 that person's name.
 * The page's 50 entries are chosen first (the filters), then the names of
 * their records joined: joins for 50 rows, not for every entry of the log.
 * q is the person a detail names: "other=ID" (not the same), "person=ID"
 * (a new member). */
#define SQL_PAGE(filters) \
	"SELECT a.id, a.at, coalesce(a.user_id, 0), u.name, u.display_name, a.action, a.entity," \
	" coalesce(a.entity_id, 0), a.detail," \
	" CASE a.entity WHEN 'person' THEN CASE WHEN ?10 = 1 THEN p.name_ar END" \
	" WHEN 'org' THEN CASE WHEN ?11 = 1 AND o.name_en <> '' THEN o.name_en ELSE o.name_ar END" \
	" WHEN 'user' THEN CASE WHEN tu.display_name <> '' THEN tu.display_name ELSE tu.name END" \
	" WHEN 'office' THEN CASE WHEN ?11 = 1 THEN f.name_en ELSE f.name_ar END" \
	" WHEN 'place' THEN CASE WHEN ?11 = 1 THEN pl.name_en ELSE pl.name_ar END" \
	" WHEN 'sector' THEN CASE WHEN ?11 = 1 THEN s.name_en ELSE s.name_ar END END," \
	" CASE a.entity WHEN 'person' THEN p.id IS NOT NULL WHEN 'org' THEN o.id IS NOT NULL ELSE 1 END," \
	" coalesce(q.id, 0), CASE WHEN ?10 = 1 THEN q.name_ar END" \
	" FROM (SELECT a.id FROM audit_log a LEFT JOIN users u ON u.id = a.user_id" filters \
	" ORDER BY a.id DESC LIMIT ?6 OFFSET ?7) page JOIN audit_log a ON a.id = page.id" \
	" LEFT JOIN users u ON u.id = a.user_id" \
	" LEFT JOIN people p ON a.entity = 'person' AND p.id = a.entity_id AND" PERSON_VISIBLE("p", "?8", "?9") \
	" LEFT JOIN orgs o ON a.entity = 'org' AND o.id = a.entity_id AND" ORG_VISIBLE("o", "?8", "?9") \
	" LEFT JOIN users tu ON a.entity = 'user' AND tu.id = a.entity_id" \
	" LEFT JOIN offices f ON a.entity = 'office' AND f.id = a.entity_id" \
	" LEFT JOIN places pl ON a.entity = 'place' AND pl.id = a.entity_id" \
	" LEFT JOIN sectors s ON a.entity = 'sector' AND s.id = a.entity_id" \
	" LEFT JOIN people q ON q.id = CASE" \
	" WHEN a.action = 'not_duplicate' AND a.detail LIKE 'other=%' THEN CAST(substr(a.detail, 7) AS INTEGER)" \
	" WHEN a.action = 'add_member' AND a.detail LIKE 'person=%' THEN CAST(substr(a.detail, 8) AS INTEGER) END" \
	" AND" PERSON_VISIBLE("q", "?8", "?9") \
	" ORDER BY a.id DESC"
/* with dates, the index of times; without, the newest ids first */
static const char SQL_PAGE_DATES[] = SQL_PAGE(FILTERS);
static const char SQL_PAGE_NEWEST[] = SQL_PAGE(FILTERS_AT("+a.at"));

static void filter_select(struct req *r, const char *name, const char *label, const char *const *keys,
			  const char *const *labels)
{
	const char *cur = req_str(r, name);
	html_fmt(&r->out, "<label>%s <select name=\"%s\"><option value=\"\">%s</option>", label, name, _("Any"));
	for (int i = 0; keys[i]; i++)
		html_fmt(&r->out, "<option value=\"%s\"%s>%s</option>", keys[i],
			 strcmp(cur, keys[i]) == 0 ? " selected" : "", _(labels[i]));
	html_raw(&r->out, "</select></label>");
}

/* unix time at 00:00 Syria time of a yyyymmdd value */
static long long day_start(long long ymd)
{
	int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100), d = (int)(ymd % 100);
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * DAY - DATES_TZ_OFFSET;
}

/* The page of the entry's record for this reader, or NULL. */
static const char *record_href(struct req *r, const char *entity, int64_t id, int seen, int64_t actor)
{
	perm_t p = r->user->perms;
	if (!id || !seen)
		return NULL;
	if (!strcmp(entity, "person"))
		return arena_printf(&r->arena, "/people/%lld", (long long)id);
	if (!strcmp(entity, "org"))
		return arena_printf(&r->arena, "/orgs/%lld", (long long)id);
	if (!strcmp(entity, "user") && (p & PERM_USERS_ADMIN))
		return arena_printf(&r->arena, "/admin/users/%lld", (long long)id);
	if (!strcmp(entity, "office") && (p & PERM_OFFICES_ADMIN))
		return arena_printf(&r->arena, "/admin/offices/%lld", (long long)id);
	if (!strcmp(entity, "place") && (p & PERM_OFFICES_ADMIN))
		return arena_printf(&r->arena, "/admin/places/%lld", (long long)id);
	if (!strcmp(entity, "job") && actor == r->user->id)   /* a job's page is its owner's only */
		return arena_printf(&r->arena, "/jobs/%lld", (long long)id);
	return NULL;
}

/* The other person of a detail ("other=ID", "person=ID"), as stored. */
static int64_t detail_person(const char *action, const char *detail)
{
	long long id = 0;
	if (!strcmp(action, "not_duplicate") && sscanf(detail, "other=%lld", &id) == 1)
		return id;
	if (!strcmp(action, "add_member") && sscanf(detail, "person=%lld", &id) == 1)
		return id;
	return 0;
}

/* One entry: when, who, what — and the stored words underneath. */
static void entry_row(struct req *r, sqlite3_stmt *st)
{
	struct strbuf *o = &r->out;
	struct audit_entry e;
	memset(&e, 0, sizeof e);
	e.actor_id = sqlite3_column_int64(st, 2);
	e.action = arena_strdup(&r->arena, db_text(st, 5));
	e.entity = arena_strdup(&r->arena, db_text(st, 6));
	e.detail = arena_strdup(&r->arena, db_text(st, 8));
	if (!e.action || !e.entity || !e.detail)
		return;
	e.record.id = sqlite3_column_int64(st, 7);
	if (sqlite3_column_type(st, 9) != SQLITE_NULL)
		e.record.name = arena_strdup(&r->arena, db_text(st, 9));
	e.record.href = record_href(r, e.entity, e.record.id, sqlite3_column_int(st, 10), e.actor_id);
	const struct audit_namer *namer = e.record.id && !e.record.name ? modules_audit_namer(e.entity) : NULL;
	if (namer)   /* a module's record kind: named by the module, within its scope rule */
		namer->name(r, e.record.id, &e.record);
	e.other.id = detail_person(e.action, e.detail);
	if (sqlite3_column_int64(st, 11)) {
		e.other.href = arena_printf(&r->arena, "/people/%lld", (long long)e.other.id);
		if (sqlite3_column_type(st, 12) != SQLITE_NULL)
			e.other.name = arena_strdup(&r->arena, db_text(st, 12));
	}

	html_fmt(o, "<tr><td data-label=\"%s\">", _("When"));
	date_format_time(o, sqlite3_column_int64(st, 1));
	html_fmt(o, "</td><td data-label=\"%s\">", _("Who"));
	if (!e.actor_id || sqlite3_column_type(st, 3) == SQLITE_NULL) {
		html_fmt(o, "%s", _("system"));
	} else {
		const char *who = *db_text(st, 4) ? db_text(st, 4) : db_text(st, 3);
		if (r->user->perms & PERM_USERS_ADMIN)
			html_raw(o, piece_link(r, arena_printf(&r->arena, "/admin/users/%lld", (long long)e.actor_id), who));
		else
			html_raw(o, piece_text(r, who, 0));
	}
	html_fmt(o, "</td><td data-label=\"%s\">", _("What was done"));
	audit_sentence(r, &e);
	/* the stored words, for those who filter or compare */
	html_fmt(o, "<details><summary>%s</summary><dl class=\"facts\"><dt>%s</dt><dd>%s <bdi dir=\"ltr\">%s</bdi></dd>"
		 "<dt>%s</dt><dd>%s <bdi dir=\"ltr\">%s</bdi></dd>",
		 _("Details"), _("Action"), audit_action_label(e.action), e.action, _("Record kind"),
		 audit_entity_label(e.entity), e.entity);
	if (e.record.id) {
		html_fmt(o, "<dt>%s</dt><dd>", _("Record"));
		html_raw(o, piece_num(r, e.record.id));
		html_raw(o, "</dd>");
	}
	if (*e.detail)
		html_fmt(o, "<dt>%s</dt><dd><bdi dir=\"ltr\">%s</bdi></dd>", _("Details"), e.detail);
	html_raw(o, "</dl></details></td></tr>");
}

void audit_list(struct req *r)
{
	struct strbuf *o = &r->out;
	const char *user = req_str(r, "user"), *action = req_str(r, "action"), *entity = req_str(r, "entity");
	long long from = req_has(r, "from") ? day_start(req_int(r, "from")) : 0;
	long long to = req_has(r, "to") ? day_start(req_int(r, "to")) + DAY : (1LL << 62);
	long long page = req_has(r, "page") ? req_int(r, "page") : 1;
	struct scope sc;
	scope_of(r, &sc);
	struct db *d = db_read();
	long long total = db_int(d, 0, SQL_COUNT, "tttII", user, action, entity, from, to);

	page_begin(r, _("Audit log"));
	html_fmt(o, "<h1>%s</h1>", _("Audit log"));
	/* how long what daam keeps is kept: the retention page (admins) */
	if ((r->user->perms & PERM_RETENTION_ADMIN) == PERM_RETENTION_ADMIN)
		html_fmt(o, "<p><a href=\"/admin/retention\">%s</a></p>", _("Retention of personal data"));
	html_raw(o, "<form method=\"get\" action=\"/admin/audit\" class=\"filters\">");
	html_fmt(o, "<label>%s <input name=\"user\" value=\"%s\"></label>", _("User name"), user);
	const char *const *keys, *const *labels;
	audit_vocabulary(0, &keys, &labels);
	filter_select(r, "action", _("Action"), keys, labels);
	audit_vocabulary(1, &keys, &labels);
	filter_select(r, "entity", _("Record kind"), keys, labels);
	html_fmt(o, "<label>%s <input type=\"date\" name=\"from\" value=\"%s\"></label>", _("From"), req_str(r, "from"));
	html_fmt(o, "<label>%s <input type=\"date\" name=\"to\" value=\"%s\"></label>", _("To"), req_str(r, "to"));
	html_fmt(o, "<button>%s</button></form>", _("Filter"));
	html_fmt(o, "<p class=\"count\">%s: ", _("Entries"));
	fmt_int(o, total);
	html_raw(o, "</p>");
	html_fmt(o, "<table class=\"cards\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", _("When"),
		 _("Who"), _("What was done"));
	sqlite3_stmt *st = db_q(d, req_has(r, "from") || req_has(r, "to") ? SQL_PAGE_DATES : SQL_PAGE_NEWEST, "tttIIIIIIii", user, action, entity, from, to, (long long)LIMIT_PAGE_ROWS,
				(page - 1) * LIMIT_PAGE_ROWS, (long long)sc.office, (long long)sc.org, sc.personal ? 1 : 0,
				i18n_lang() == LANG_AR ? 0 : 1);
	while (db_row(st) == 1)
		entry_row(r, st);
	html_raw(o, "</tbody></table>");
	static const char *const keep[] = { "user", "action", "entity", "from", "to", NULL };
	struct strbuf query = STRBUF_INIT;
	query_keep(r, &query, keep);
	pager(r, "/admin/audit", sb_str(&query), page, total, LIMIT_PAGE_ROWS);
	sb_release(&query);
	page_end(r);
}
