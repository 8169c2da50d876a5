/* test_retention — retention and a person's own data, through the web and
 * the command line, against the server's database file:
 *  - the purge: `daam purge --dry-run` and the admin page count what is past
 *    its period (people unchanged for 7 years, an upload of 3 days, a failed
 *    sign-in's address of 100 days, a session unused for 40 days) and change
 *    nothing; the purge then anonymizes exactly those people (names, phones,
 *    search rows gone), keeps every count by gender, birth year, place,
 *    office and organization, deletes or blanks the rest, and audits it;
 *  - the daily purge of a server started with DAAM_PURGE_EVERY_S=1;
 *  - the export of one person: their record, phones, memberships, merged
 *    records and audit entries, nobody else's; out of scope 404, without the
 *    permission 403; audited;
 *  - erasure: the identity gone with that of the records merged into them
 *    and the merge's undo copies, the counts kept, audited; a second
 *    erasure changes nothing; out of scope 404.
 * Expected values come from the database, never from the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

#define ANON "بيانات محذوفة"
#define YEAR 31556952LL

static struct server *srv;
static struct browser admin, officer;
static char *admin_csrf, *officer_csrf;
static int prepared;

static void exec_sql(const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(test_db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("sql: %s\n%s", err, sql);
}

static void prepare(void)
{
	if (prepared)
		return;
	browser_init(&admin, srv);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	admin_csrf = page_csrf(&admin, "/");
	browser_init(&officer, srv);
	officer.accept_language = "en";
	sign_in(&officer, "officer");
	officer_csrf = page_csrf(&officer, "/");
	assert_non_null(admin_csrf);
	assert_non_null(officer_csrf);
	prepared = 1;
}

/* Every count a report could make of the people, as one text: by gender,
 * birth year, place, office, displacement, education, disability; and the
 * members of each organization. */
static char *aggregates(void)
{
	return sql_text("SELECT (SELECT group_concat(k || '=' || n, ';') FROM (SELECT k, count(*) AS n FROM (SELECT gender"
			" || '/' || coalesce(birth_year, '') || '/' || coalesce(place_id, '') || '/' || coalesce(office_id, '') || '/'"
			" || displacement || '/' || education || '/' || coalesce(disability, '') AS k FROM people"
			" WHERE merged_into IS NULL) GROUP BY k ORDER BY k)) || '|' || (SELECT group_concat(y, ';') FROM"
			" (SELECT org_id || '=' || count(*) AS y FROM memberships GROUP BY org_id ORDER BY org_id))", NULL);
}

/* The people, phones, search rows, uploads, the addresses in the audit
 * log and the old sessions, as one text (what a purge could change; signing
 * in adds entries and sessions of its own). */
static char *state_text(void)
{
	return sql_text("SELECT (SELECT group_concat(id || name_ar || name_latin || coalesce(anonymized_at, ''), ',') FROM people)"
			" || (SELECT count(*) || group_concat(phone) FROM person_phones) || (SELECT count(*) FROM person_search)"
			" || (SELECT count(*) FROM import_uploads) || (SELECT group_concat(detail) FROM audit_log WHERE detail LIKE '%address=%')"
			" || (SELECT count(*) FROM sessions WHERE last_seen < strftime('%s','now') - 86400)", NULL);
}

/* Ages the fixtures (see the top); the people: 15 of Deir-ez-Zor's, with phones. */
static void age_fixtures(void)
{
	char sql[2048];
	long long now = (long long)time(NULL);
	exec_sql("CREATE TEMP TABLE IF NOT EXISTS aged (id INTEGER PRIMARY KEY)");
	exec_sql("DELETE FROM aged");
	exec_sql("INSERT INTO aged SELECT p.id FROM people p JOIN offices o ON o.id = p.office_id WHERE o.code = 'deir-ez-zor'"
		 " AND p.merged_into IS NULL AND p.anonymized_at IS NULL"
		 " AND EXISTS (SELECT 1 FROM person_phones f WHERE f.person_id = p.id) ORDER BY p.id LIMIT 15");
	snprintf(sql, sizeof sql,
		 "UPDATE people SET created_at = %lld, updated_at = %lld WHERE id IN (SELECT id FROM aged);"
		 "UPDATE memberships SET start_date = '2017-03-01', end_date = '' WHERE person_id IN (SELECT id FROM aged);"
		 "INSERT INTO import_uploads (user_id, kind, filename, data, created_at) VALUES"
		 " ((SELECT id FROM users WHERE name = 'director'), 'people', 'old.csv', X'6e616d650a', %lld);"
		 "INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES"
		 " (%lld, NULL, 'login_failed', 'user', 1, 'address=198.51.100.7');"
		 "INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen) VALUES"
		 " (randomblob(32), (SELECT id FROM users WHERE name = 'grants'), 'x', %lld, %lld);",
		 now - 7 * YEAR, now - 7 * YEAR, now - 3 * 86400, now - 100 * 86400, now - 41 * 86400, now - 40 * 86400);
	exec_sql(sql);
	assert_int_equal(sql_int("SELECT count(*) FROM aged", NULL), 15);
}

/* The number `daam purge` printed for a kind ("  people   15  (…)"), or -1. */
static long long purge_count(const char *out, const char *kind)
{
	char key[64];
	snprintf(key, sizeof key, "  %s ", kind);
	const char *p = strstr(out, key);
	return p ? strtoll(p + strlen(key), NULL, 10) : -1;
}

static void test_dry_run_then_purge(void **state)
{
	prepare();
	/* the page is the admin's alone (a sign-in ends expired sessions: before the fixtures) */
	struct browser director;
	browser_init(&director, srv);
	sign_in(&director, "director");
	struct response *r = http_get(&director, "/admin/retention");
	assert_int_equal(r->status, 403);
	response_free(r);
	browser_free(&director);
	age_fixtures();
	char *agg = aggregates(), *before = state_text(), out[2048];
	long long named = sql_int("SELECT count(*) FROM people WHERE anonymized_at IS NULL", NULL);
	const char *dry[] = { "purge", "--dry-run", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, dry), 0);
	print_message("%s", out);
	assert_int_equal(purge_count(out, "people"), 15);
	assert_int_equal(purge_count(out, "uploads"), 1);
	assert_int_equal(purge_count(out, "audit_addresses"), 1);
	assert_int_equal(purge_count(out, "sessions"), 1);
	/* the page shows the same preview */
	r = http_get(&admin, "/admin/retention");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "People no longer active"));
	assert_true(resp_contains(r, "data-label=\"Past their period now\">15</td>"));
	assert_true(resp_contains(r, "action=\"/admin/retention/purge\""));
	response_free(r);
	/* nothing changed by the dry run nor the page */
	char *after = state_text();
	assert_string_equal(before, after);
	free(after);

	r = post_kv(&admin, "/admin/retention/purge", admin_csrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	/* exactly the aged people lost their identity */
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE anonymized_at IS NOT NULL AND id IN (SELECT id FROM aged)"
				 " AND name_ar = ? AND name_folded <> '' AND name_key = ''", "t", ANON), 15);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE anonymized_at IS NULL", NULL), named - 15);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE anonymized_at IS NOT NULL AND id NOT IN (SELECT id FROM aged)"
				 " AND merged_into IS NULL", NULL), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM person_phones WHERE person_id IN (SELECT id FROM aged)", NULL), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM person_search WHERE rowid IN (SELECT id FROM aged)", NULL), 0);
	/* the counts are the same */
	char *agg2 = aggregates();
	assert_string_equal(agg, agg2);
	free(agg2);
	/* the rest */
	assert_int_equal(sql_int("SELECT count(*) FROM import_uploads WHERE filename = 'old.csv'", NULL), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%198.51.100.7%'", NULL), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = 'grants')", NULL), 0);
	/* audited: by whom, what */
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'purge' AND entity = 'retention'"
				 " AND user_id = (SELECT id FROM users WHERE name = 'admin') AND detail LIKE 'people=15 uploads=1"
				 " audit_addresses=1 sessions=1 %'", NULL), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'anonymize' AND entity = 'person'"
				 " AND entity_id IN (SELECT id FROM aged)", NULL), 15);
	/* the audit page says it in words */
	r = http_get(&admin, "/admin/audit?action=purge");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "Purged what was past its retention period"));
	assert_true(resp_contains(r, "href=\"/admin/retention\""));   /* the way to the page */
	response_free(r);
	/* nothing is left past its period */
	assert_int_equal(run_daam(out, sizeof out, dry), 0);
	assert_int_equal(purge_count(out, "people"), 0);
	assert_int_equal(purge_count(out, "uploads"), 0);
	free(agg);
	free(before);
}

static void test_periods_saved_and_checked(void **state)
{
	prepare();
	const char *const bad[] = { "people", "99", "uploads", "1", "audit_addresses", "90", "sessions", "30", NULL };
	struct response *r = post_kv(&admin, "/admin/retention", admin_csrf, bad, NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_true(resp_contains(r, "role=\"alert\""));
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM settings WHERE key LIKE 'retention.%'", NULL), 0);
	const char *const good[] = { "people", "0", "uploads", "2", "audit_addresses", "30", "sessions", "7", NULL };
	r = post_kv(&admin, "/admin/retention", admin_csrf, good, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(sql_int("SELECT value FROM settings WHERE key = 'retention.people'", NULL), 0);
	assert_int_equal(sql_int("SELECT value FROM settings WHERE key = 'retention.sessions'", NULL), 7);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'retention'", NULL), 1);
	/* people kept for ever: an old record is not counted */
	exec_sql("UPDATE people SET created_at = 1000, updated_at = 1000 WHERE id = (SELECT min(id) FROM people WHERE"
		 " anonymized_at IS NULL AND merged_into IS NULL)");
	char out[2048];
	const char *dry[] = { "purge", "--dry-run", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, dry), 0);
	char kept[128];   /* "-": kept for ever */
	snprintf(kept, sizeof kept, "  %-16s %6s  (kept for ever)", "people", "-");
	assert_non_null(strstr(out, kept));
	const char *const back[] = { "people", "5", "uploads", "1", "audit_addresses", "90", "sessions", "30", NULL };
	r = post_kv(&admin, "/admin/retention", admin_csrf, back, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	exec_sql("UPDATE people SET created_at = strftime('%s','now'), updated_at = strftime('%s','now') WHERE updated_at = 1000");
}

/* A person the officer (Raqqa) sees, with a phone and a membership, and one
 * they do not see. */
static long long own_person(void)
{
	return sql_int("SELECT p.id FROM people p JOIN offices o ON o.id = p.office_id WHERE o.code = 'raqqa'"
		       " AND p.merged_into IS NULL AND p.anonymized_at IS NULL"
		       " AND EXISTS (SELECT 1 FROM person_phones f WHERE f.person_id = p.id)"
		       " AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id) ORDER BY p.id LIMIT 1", NULL);
}

static long long foreign_person(void)
{
	return sql_int("SELECT p.id FROM people p JOIN offices o ON o.id = p.office_id WHERE o.code = 'tabqa'"
		       " AND p.merged_into IS NULL AND p.anonymized_at IS NULL AND NOT EXISTS (SELECT 1 FROM memberships m"
		       " JOIN orgs g ON g.id = m.org_id WHERE m.person_id = p.id AND g.office_id = (SELECT id FROM offices"
		       " WHERE code = 'raqqa')) ORDER BY p.id LIMIT 1", NULL);
}

static void test_export_of_one_person(void **state)
{
	prepare();
	long long id = own_person(), other = foreign_person();
	assert_true(id > 0);
	assert_true(other > 0);
	char path[128], sql[512];
	/* a membership added for them (audited on the organization) and a pair
	 * judged "not the same" with them as its second record */
	snprintf(sql, sizeof sql, "INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES"
		 " (strftime('%%s','now'), NULL, 'add_member', 'org', 1, 'person=%lld');"
		 "INSERT INTO dup_decisions (a, b, user_id, at) VALUES (%lld, %lld, NULL, 1)", id, other < id ? other : 1, id);
	exec_sql(sql);
	long long audits = sql_int("SELECT count(*) FROM audit_log WHERE action = 'data_export' AND entity_id = ?", "i", id);
	snprintf(path, sizeof path, "/people/%lld/data.json", id);
	struct response *r = http_get(&officer, path);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "attachment"));
	json_error_t jerr;
	json_t *j = json_loads(r->body, 0, &jerr);
	assert_non_null(j);
	json_t *p = json_object_get(j, "person");
	assert_int_equal(json_integer_value(json_object_get(p, "id")), id);
	char *name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", id);
	assert_string_equal(json_string_value(json_object_get(p, "name_ar")), name);
	/* every phone and every membership, and only theirs */
	assert_int_equal(json_array_size(json_object_get(j, "phones")),
			 sql_int("SELECT count(*) FROM person_phones WHERE person_id = ?", "i", id));
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "phones"), i, v)
		assert_int_equal(sql_int("SELECT count(*) FROM person_phones WHERE person_id = ? AND phone = ?", "it", id,
					 json_string_value(v)), 1);
	long long visible_members = sql_int("SELECT count(*) FROM memberships m JOIN orgs g ON g.id = m.org_id"
					    " WHERE m.person_id = ? AND g.office_id = (SELECT id FROM offices WHERE code = 'raqqa')", "i", id);
	assert_int_equal(json_array_size(json_object_get(j, "memberships")), visible_members);
	assert_int_equal(json_integer_value(json_object_get(j, "memberships_outside_your_scope")),
			 sql_int("SELECT count(*) FROM memberships WHERE person_id = ?", "i", id) - visible_members);
	json_array_foreach(json_object_get(j, "memberships"), i, v)
		assert_int_equal(sql_int("SELECT count(*) FROM memberships WHERE person_id = ? AND org_id = ?", "ii", id,
					 (long long)json_integer_value(json_object_get(v, "org_id"))), 1);
	/* the audit entries are about them: the views of their page at least */
	json_array_foreach(json_object_get(j, "audit"), i, v) {
		const char *entity = json_string_value(json_object_get(v, "entity"));
		const char *detail = json_string_value(json_object_get(v, "detail"));
		char mention[64];
		snprintf(mention, sizeof mention, "person=%lld", id);
		assert_true((strcmp(entity, "person") == 0 && json_integer_value(json_object_get(v, "entity_id")) == id) ||
			    strstr(detail, mention));
	}
	int member_added = 0;
	json_array_foreach(json_object_get(j, "audit"), i, v)
		member_added += strcmp(json_string_value(json_object_get(v, "action")), "add_member") == 0;
	assert_int_equal(member_added, 1);
	assert_int_equal(json_array_size(json_object_get(j, "not_the_same_as")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j, "not_the_same_as"), 0), "id")),
			 other < id ? other : 1);
	/* nobody else: another member of their first organization is not named */
	char *neighbour = sql_text("SELECT p.name_ar FROM memberships a JOIN memberships b ON b.org_id = a.org_id AND b.person_id <> a.person_id"
				   " JOIN people p ON p.id = b.person_id WHERE a.person_id = ? AND p.name_ar <> ? LIMIT 1", "it", id, name);
	if (*neighbour)
		assert_null(strstr(r->body, neighbour));
	free(neighbour);
	json_decref(j);
	response_free(r);
	/* the printable page says the same */
	snprintf(path, sizeof path, "/people/%lld/data", id);
	r = http_get(&officer, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, name));
	char *phone = sql_text("SELECT phone FROM person_phones WHERE person_id = ? LIMIT 1", "i", id);
	assert_true(resp_contains(r, phone));
	assert_true(resp_contains(r, "/erase"));
	free(phone);
	response_free(r);
	/* the person page links to it */
	snprintf(path, sizeof path, "/people/%lld", id);
	r = http_get(&officer, path);
	char link[64];
	snprintf(link, sizeof link, "href=\"/people/%lld/data\"", id);
	assert_true(resp_contains(r, link));
	response_free(r);
	/* both answers audited */
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'data_export' AND entity = 'person' AND entity_id = ?"
				 " AND user_id = (SELECT id FROM users WHERE name = 'officer')", "i", id), audits + 2);
	/* out of scope: not found, and no name; without the right: 403 */
	char *secret = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", other);
	const char *const fmts[] = { "/people/%lld/data", "/people/%lld/data.json" };
	for (int k = 0; k < 2; k++) {
		snprintf(path, sizeof path, fmts[k], other);
		r = http_get(&officer, path);
		assert_int_equal(r->status, 404);
		assert_false(resp_contains(r, secret));
		response_free(r);
	}
	snprintf(path, sizeof path, "/api/v1/people/%lld/data", other);
	r = http_get(&officer, path);
	assert_int_equal(r->status, 404);
	assert_false(resp_contains(r, secret));
	response_free(r);
	struct browser trainer;
	browser_init(&trainer, srv);
	sign_in(&trainer, "trainer");
	snprintf(path, sizeof path, "/people/%lld/data.json", id);
	r = http_get(&trainer, path);
	assert_int_equal(r->status, 403);
	response_free(r);
	browser_free(&trainer);
	/* the API answers the same file, without the download header */
	snprintf(path, sizeof path, "/api/v1/people/%lld/data", id);
	r = http_get(&officer, path);
	assert_int_equal(r->status, 200);
	assert_null(resp_header(r, "Content-Disposition"));
	j = json_loads(r->body, 0, &jerr);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "person"), "id")), id);
	json_decref(j);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'data_export' AND entity_id = ?", "i", other), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'data_export' AND entity = 'person' AND entity_id = ?"
				 " AND user_id = (SELECT id FROM users WHERE name = 'officer')", "i", id), audits + 3);
	free(secret);
	free(name);
}

static void test_erasure(void **state)
{
	prepare();
	long long id = own_person(), other = foreign_person();
	/* a record merged into them earlier, with its undo copy */
	long long gone = sql_int("SELECT p.id FROM people p JOIN offices o ON o.id = p.office_id WHERE o.code = 'raqqa'"
				 " AND p.merged_into IS NULL AND p.id <> ? AND NOT EXISTS (SELECT 1 FROM memberships m WHERE"
				 " m.person_id = p.id) ORDER BY p.id DESC LIMIT 1", "i", id);
	assert_true(gone > 0);
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "UPDATE people SET merged_into = %lld WHERE id = %lld;"
		 "INSERT INTO person_merges (kept_id, merged_id, user_id, at, score, reason) VALUES (%lld, %lld, NULL, 1, 0.9, 'test');"
		 "INSERT INTO merge_undo (merge_id, until, kept_updated, gone_updated, name_ar, name_latin, name_folded, name_key,"
		 " gender, displacement, education, consent_date, consent_purpose, updated_at)"
		 " SELECT last_insert_rowid(), strftime('%%s','now') + 86400, 0, 0, name_ar, name_latin, name_folded, name_key,"
		 " gender, displacement, education, '', '', 0 FROM people WHERE id = %lld;"
		 "INSERT INTO merge_undo_phones (merge_id, id, person_id, phone, phone_norm)"
		 " SELECT (SELECT max(merge_id) FROM merge_undo), id, person_id, phone, phone_norm FROM person_phones WHERE person_id = %lld;",
		 id, gone, id, gone, id, id);
	exec_sql(sql);
	char *gone_name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", gone);
	char *agg = aggregates();
	char path[128];
	snprintf(path, sizeof path, "/people/%lld/erase", id);
	/* out of scope first: nothing happens */
	char other_path[128];
	snprintf(other_path, sizeof other_path, "/people/%lld/erase", other);
	char *before = state_text();
	struct response *r = post_kv(&officer, other_path, officer_csrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 404);
	response_free(r);
	char *after = state_text();
	assert_string_equal(before, after);
	free(after);
	free(before);

	r = post_kv(&officer, path, officer_csrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE id IN (?, ?) AND name_ar = ? AND name_latin = 'Erased'"
				 " AND name_key = '' AND anonymized_at IS NOT NULL", "iit", id, gone, ANON), 2);
	assert_int_equal(sql_int("SELECT count(*) FROM person_phones WHERE person_id IN (?, ?)", "ii", id, gone), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM person_search WHERE rowid IN (?, ?)", "ii", id, gone), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM merge_undo m JOIN person_merges p ON p.id = m.merge_id WHERE p.kept_id = ?",
				 "i", id), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM merge_undo_phones WHERE person_id = ?", "i", id), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE name_ar = ?", "t", gone_name), 0);
	char *agg2 = aggregates();
	assert_string_equal(agg, agg2);
	free(agg2);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'erase' AND entity = 'person' AND entity_id = ?"
				 " AND user_id = (SELECT id FROM users WHERE name = 'officer')", "i", id), 1);
	/* the name is not in the search any more */
	r = http_get(&officer, "/people");
	response_free(r);
	/* a second erasure: harmless, not audited again */
	before = state_text();
	r = post_kv(&officer, path, officer_csrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	after = state_text();
	assert_string_equal(before, after);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'erase' AND entity_id = ?", "i", id), 1);
	/* the page says it was erased and offers no second erasure */
	snprintf(path, sizeof path, "/people/%lld/data", id);
	r = http_get(&officer, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "have been erased"));
	assert_false(resp_contains(r, "/erase\""));
	response_free(r);
	free(after);
	free(before);
	/* a later daam deriving every name again keeps them out of the search
	 * and the duplicate suggestions (any command runs the upgrade hooks) */
	exec_sql("DELETE FROM settings WHERE key = 'registry.names'");
	char out[2048];
	const char *dry[] = { "purge", "--dry-run", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, dry), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM settings WHERE key = 'registry.names'", NULL), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE id IN (?, ?) AND name_key = ''", "ii", id, gone), 2);
	assert_int_equal(sql_int("SELECT count(*) FROM person_search WHERE rowid IN (?, ?)", "ii", id, gone), 0);
	assert_true(sql_int("SELECT count(*) FROM person_search", NULL) > 100);
	free(agg);
	free(gone_name);
}

/* 1 when the file holds needle's bytes. */
static int file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = strlen(needle), cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	size_t k;
	while ((k = fread(buf + len, 1, cap - len, f)) > 0) {
		len += k;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	int found = 0;
	for (size_t i = 0; !found && len >= n && i <= len - n; i++)
		found = memcmp(buf + i, needle, n) == 0;
	free(buf);
	return found;
}

/* An erased name, Latin name and phone are nowhere in the database file
 * nor its WAL once the purge has run (it compacts the name index and
 * empties the WAL; secure_delete zeroes freed pages). */
static void test_erased_name_leaves_the_file(void **state)
{
	prepare();
	long long id = sql_int("SELECT p.id FROM people p JOIN offices o ON o.id = p.office_id WHERE o.code = 'raqqa'"
			       " AND p.merged_into IS NULL AND p.anonymized_at IS NULL ORDER BY p.id DESC LIMIT 1", NULL);
	char path[128], wal[600];
	snprintf(path, sizeof path, "/people/%lld", id);
	snprintf(wal, sizeof wal, "%s-wal", srv->db);
	const char *const form[] = { "name_ar", "زنوبيا قرطبونة", "name_latin", "Zenobia Qurtubuna", "gender", "f",
				     "phone", "0933777915", NULL };
	struct response *r = post_kv(&officer, path, officer_csrf, form, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_true(file_has(srv->db, "قرطبونة") || file_has(wal, "قرطبونة"));
	snprintf(path, sizeof path, "/people/%lld/erase", id);
	r = post_kv(&officer, path, officer_csrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	char out[2048];
	const char *purge[] = { "purge", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, purge), 0);
	const char *const gone[] = { "قرطبونة", "urtubuna", "URTUBUNA", "33777915", NULL };
	for (int i = 0; gone[i]; i++) {
		if (file_has(srv->db, gone[i]) || file_has(wal, gone[i]))
			fail_msg("'%s' is still in the database file or its WAL", gone[i]);
	}
}

/* A server with DAAM_PURGE_EVERY_S=1 purges by itself, as the system. */
static void test_daily_purge(void **state)
{
	setenv("DAAM_PURGE_EVERY_S", "1", 1);
	struct server *s2 = server_start(NULL);
	unsetenv("DAAM_PURGE_EVERY_S");
	assert_non_null(s2);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(s2->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	assert_int_equal(sqlite3_exec(db, "UPDATE people SET created_at = 1000, updated_at = 1000 WHERE id IN"
				      " (SELECT id FROM people WHERE merged_into IS NULL ORDER BY id LIMIT 3);"
				      "UPDATE memberships SET start_date = '2001-01-01', end_date = '' WHERE person_id IN"
				      " (SELECT id FROM people WHERE updated_at = 1000)", NULL, NULL, NULL), SQLITE_OK);
	int n = 0;
	for (int tries = 0; tries < 100 && n < 3; tries++) {
		sleep_ms(100);
		sqlite3_stmt *st;
		sqlite3_prepare_v2(db, "SELECT count(*) FROM people WHERE anonymized_at IS NOT NULL AND id IN (SELECT entity_id"
				   " FROM audit_log WHERE action = 'anonymize' AND user_id IS NULL)", -1, &st, NULL);
		sqlite3_step(st);
		n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	assert_int_equal(n, 3);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "SELECT count(*) FROM audit_log WHERE action = 'purge' AND user_id IS NULL AND detail LIKE 'people=3 %'",
			   -1, &st, NULL);
	sqlite3_step(st);
	int audited = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(audited, 1);
	assert_int_equal(server_stop(s2), 0);
}

static void test_server_stops_cleanly(void **state)
{
	if (prepared) {
		browser_free(&admin);
		browser_free(&officer);
		free(admin_csrf);
		free(officer_csrf);
	}
	if (test_db)
		sqlite3_close(test_db);
	test_db = NULL;
	assert_int_equal(server_stop(*state), 0);
}

static int setup(void **state)
{
	if (group_setup_db(state) < 0)
		return -1;
	srv = *state;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dry_run_then_purge),
		cmocka_unit_test(test_periods_saved_and_checked),
		cmocka_unit_test(test_export_of_one_person),
		cmocka_unit_test(test_erasure),
		cmocka_unit_test(test_erased_name_leaves_the_file),
		cmocka_unit_test(test_daily_purge),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
