/* test_merge — merging two records of one person as the review is used:
 * the duplicates page says whether the search ran and offers no one-tap
 * merge; a pair opens its compare page; a field is chosen and the merge
 * confirmed; the next page says "Merged into …" with the undo; the kept
 * person has the chosen values and both memberships; the undo gives back
 * both records, their memberships, phones, pairs and search rows exactly
 * (the rows are compared before and after); a merge sent twice merges
 * nothing more; a pair out of the user's scope, or not suggested, is not
 * found (404) and changes nothing; an undo after the kept record changed,
 * or after its time, is refused and changes nothing.
 *
 * Pages are read in English; expected values come from the server's
 * database file (sqlite3), never from the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "harness.h"
#include "core/banned.h"

static struct server *srv;
static struct browser admin;
static char *admin_csrf;
static int prepared;

static void prepare(void)
{
	if (prepared)
		return;
	browser_init(&admin, srv);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	admin_csrf = page_csrf(&admin, "/");
	assert_non_null(admin_csrf);
	prepared = 1;
}

static struct response *get_200(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	assert_non_null(r);
	if (r->status != 200)
		print_message("GET %s: status %ld\n", path, r->status);
	assert_int_equal(r->status, 200);
	return r;
}

/* POST that must answer 303; returns its Location (malloc'd). */
static char *post_303(struct browser *b, const char *csrf, const char *path, const char *const *kv)
{
	struct response *r = post_kv(b, path, csrf, kv, NULL, NULL);
	if (r->status != 303)
		print_message("POST %s: status %ld\n%.600s\n", path, r->status, r->body);
	assert_int_equal(r->status, 303);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	char *out = strdup(loc);
	response_free(r);
	return out;
}

static long post_status(struct browser *b, const char *csrf, const char *path, const char *const *kv)
{
	struct response *r = post_kv(b, path, csrf, kv, NULL, NULL);
	long st = r->status;
	response_free(r);
	return st;
}

/* `daam dedup` on the server's database, while it runs. */
static void run_dedup(void)
{
	char out[512];
	const char *args[] = { "dedup", "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, args), 0);
}

/* Everything a merge may change about people a and b, as text: both rows,
 * their memberships and phones (ids included), the pairs they are in,
 * their search rows, and the records merged into them. */
static char *rows_of(long long a, long long b)
{
	static const char *const sql[] = {
		"SELECT * FROM people WHERE id IN (?1, ?2) ORDER BY id",
		"SELECT * FROM memberships WHERE person_id IN (?1, ?2) ORDER BY id",
		"SELECT * FROM person_phones WHERE person_id IN (?1, ?2) ORDER BY id",
		"SELECT * FROM dup_candidates WHERE a IN (?1, ?2) OR b IN (?1, ?2) ORDER BY a, b",
		"SELECT rowid, text FROM person_search WHERE rowid IN (?1, ?2) ORDER BY rowid",
		"SELECT id, merged_into FROM people WHERE merged_into IN (?1, ?2) ORDER BY id",
		"SELECT * FROM person_merges WHERE kept_id IN (?1, ?2) OR merged_id IN (?1, ?2) ORDER BY id",
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	for (size_t q = 0; q < sizeof sql / sizeof *sql; q++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(test_db, sql[q], -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		fprintf(f, "-- %s\n", sql[q]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				fprintf(f, "%s|", v ? (const char *)v : "NULL");
			}
			fputc('\n', f);
		}
		sqlite3_finalize(st);
	}
	fclose(f);
	return buf;
}

static int alive(long long id)
{
	return sql_int("SELECT count(*) FROM people WHERE id = ? AND merged_into IS NULL", "i", id) == 1;
}

/* ---- the review page before and after the search ---- */

/* Before the search ran the page says so and offers to start it, instead
 * of a bare "0 pairs"; after, it says when it ran; with nothing left to
 * review, it says that and what to do. */
static void test_duplicates_page_says_whether_the_search_ran(void **state)
{
	prepare();
	assert_int_equal(sql_int("SELECT count(*) FROM dup_candidates", ""), 0);
	struct response *r = get_200(&admin, "/people/duplicates");
	assert_true(resp_contains(r, "The search for duplicates has not run yet."));
	assert_true(resp_contains(r, "action=\"/people/duplicates/refresh\""));
	assert_true(resp_contains(r, ">Look for duplicates<"));
	assert_false(resp_contains(r, "<table"));
	response_free(r);

	run_dedup();
	r = get_200(&admin, "/people/duplicates");
	assert_false(resp_contains(r, "has not run yet"));
	assert_true(resp_contains(r, "Last search for duplicates: "));
	assert_true(resp_contains(r, ">Look for duplicates again<"));
	assert_false(resp_contains(r, "No possible duplicates are waiting"));
	/* each pair leads to its compare page, by both numbers; no one-tap merge */
	long long a = sql_int("SELECT a FROM dup_candidates ORDER BY score DESC, a LIMIT 1", "");
	long long b = sql_int("SELECT b FROM dup_candidates ORDER BY score DESC, a LIMIT 1", "");
	char href[96];
	snprintf(href, sizeof href, "href=\"/people/duplicates/%lld/%lld\"", a, b);
	assert_true(resp_contains(r, href));
	assert_false(resp_contains(r, "action=\"/people/duplicates/merge\""));
	assert_true(resp_contains(r, "<table class=\"cards\">"));
	response_free(r);

	/* a partner with the right to see people but not to merge them: no page */
	struct browser p;
	browser_init(&p, srv);
	sign_in(&p, "partner");
	r = http_get(&p, "/people/duplicates");
	assert_int_equal(r->status, 403);
	response_free(r);
	browser_free(&p);
}

/* ---- compare, confirm, merged, undo ---- */

static void test_compare_merge_and_undo(void **state)
{
	prepare();
	/* a pair whose birth years differ: a field to choose */
	long long a = sql_int("SELECT c.a FROM dup_candidates c JOIN people x ON x.id = c.a JOIN people y ON y.id = c.b"
			      " WHERE x.birth_year <> y.birth_year ORDER BY c.a LIMIT 1", "");
	long long b = sql_int("SELECT b FROM dup_candidates WHERE a = ?", "i", a);
	assert_true(a > 0 && b > a);
	/* the second record gets a membership and a phone of its own */
	long long org_a = sql_int("SELECT coalesce(min(org_id), 0) FROM memberships WHERE person_id = ?", "i", a);
	long long org_b = sql_int("SELECT min(id) FROM orgs WHERE id >= 5 AND id <> ?", "i", org_a);
	char sid[24], path[96];
	snprintf(sid, sizeof sid, "%lld", b);
	snprintf(path, sizeof path, "/orgs/%lld/members", org_b);
	const char *member[] = { "person", sid, "role", "متطوعة", NULL };
	free(post_303(&admin, admin_csrf, path, member));
	char *name_a = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", a);
	char *name_b = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", b);
	long long year_b = sql_int("SELECT birth_year FROM people WHERE id = ?", "i", b);
	long long alive_before = sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", "");
	char *before = rows_of(a, b);

	/* the compare page: both records, a choice where they differ */
	snprintf(path, sizeof path, "/people/duplicates/%lld/%lld", a, b);
	struct response *r = get_200(&admin, path);
	assert_true(resp_contains(r, name_a));
	assert_true(resp_contains(r, name_b));
	char want[160];
	snprintf(want, sizeof want, "<input type=\"hidden\" name=\"pair\" value=\"%lld:%lld\">", a, b);
	assert_true(resp_contains(r, want));
	snprintf(want, sizeof want, "name=\"birth_year\" value=\"%lld\"", b);
	assert_true(resp_contains(r, want));
	assert_true(resp_contains(r, "name=\"keep\""));
	assert_true(resp_contains(r, "7 days"));
	assert_true(resp_contains(r, "<table class=\"cards compare\">"));
	response_free(r);
	/* either order of the numbers is the same pair */
	snprintf(path, sizeof path, "/people/duplicates/%lld/%lld", b, a);
	response_free(get_200(&admin, path));

	/* confirm: keep a's number, b's birth year and Arabic name */
	char pair[64], keep[24], from_b[24];
	snprintf(pair, sizeof pair, "%lld:%lld", a, b);
	snprintf(keep, sizeof keep, "%lld", a);
	snprintf(from_b, sizeof from_b, "%lld", b);
	const char *kv[] = { "pair", pair, "keep", keep, "birth_year", from_b, "name_ar", from_b, NULL };
	char *loc = post_303(&admin, admin_csrf, "/people/duplicates/merge", kv);
	assert_true(strncmp(loc, "/people/duplicates?merged=", 26) == 0);
	long long merge = strtoll(loc + 26, NULL, 10);
	assert_int_equal(merge, sql_int("SELECT id FROM person_merges WHERE kept_id = ? AND merged_id = ?", "ii", a, b));

	/* the next page: the message, the kept person, the undo and its time */
	r = get_200(&admin, loc);
	snprintf(want, sizeof want, "<p class=\"notice\" role=\"status\">Merged into %s.</p>", name_b);
	assert_true(resp_contains(r, want));
	snprintf(want, sizeof want, "href=\"/people/%lld\"", a);
	assert_true(resp_contains(r, want));
	snprintf(want, sizeof want, "action=\"/people/merges/%lld/undo\"", merge);
	assert_true(resp_contains(r, want));
	assert_true(resp_contains(r, "You can undo this merge until"));
	response_free(r);

	/* the kept person: the chosen values, both memberships; one person fewer */
	assert_true(alive(a));
	assert_false(alive(b));
	assert_int_equal(sql_int("SELECT merged_into FROM people WHERE id = ?", "i", b), a);
	assert_int_equal(sql_int("SELECT birth_year FROM people WHERE id = ?", "i", a), year_b);
	char *now_name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", a);
	assert_string_equal(now_name, name_b);
	free(now_name);
	if (org_a)
		assert_int_equal(sql_int("SELECT count(*) FROM memberships WHERE person_id = ? AND org_id = ?", "ii", a, org_a), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM memberships WHERE person_id = ? AND org_id = ?", "ii", a, org_b), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", ""), alive_before - 1);
	snprintf(path, sizeof path, "/people/%lld", a);
	r = get_200(&admin, path);
	snprintf(want, sizeof want, "href=\"/orgs/%lld\"", org_b);
	assert_true(resp_contains(r, want));
	snprintf(want, sizeof want, "action=\"/people/merges/%lld/undo\"", merge);
	assert_true(resp_contains(r, want)); /* the undo stays on the kept person's page */
	response_free(r);
	snprintf(path, sizeof path, "/people/%lld", b);
	r = http_get(&admin, path);
	assert_int_equal(r->status, 303);
	response_free(r);
	snprintf(want, sizeof want, "merged=%lld ", b);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'merge' AND entity = 'person' AND entity_id = ?"
				 " AND instr(detail, ?) > 0 AND instr(detail, 'birth_year') > 0", "it", a, want), 1);

	/* undo: both records back, exactly */
	snprintf(path, sizeof path, "/people/merges/%lld/undo", merge);
	char *back = post_303(&admin, admin_csrf, path, NULL);
	snprintf(want, sizeof want, "/people/duplicates?undone=%lld:%lld", a, b);
	assert_string_equal(back, want);
	r = get_200(&admin, back);
	assert_true(resp_contains(r, "role=\"status\">The merge is undone"));
	response_free(r);
	char *after = rows_of(a, b);
	if (strcmp(before, after) != 0)
		print_message("before the merge:\n%s\nafter the undo:\n%s\n", before, after);
	assert_string_equal(before, after);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", ""), alive_before);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'unmerge' AND entity_id = ?", "i", a), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM merge_undo", ""), 0);
	/* an undo is done once */
	assert_int_equal(post_status(&admin, admin_csrf, path, NULL), 404);
	/* and the pair is back in the review */
	snprintf(path, sizeof path, "/people/duplicates/%lld/%lld", a, b);
	response_free(get_200(&admin, path));
	free(before);
	free(after);
	free(back);
	free(loc);
	free(name_a);
	free(name_b);
}

/* The same merge sent twice (a double tap, the back button) answers with
 * the same message and merges nothing else — the list moved up, but the
 * form names both people, not a row. */
static void test_double_submit_merges_nothing_else(void **state)
{
	prepare();
	long long a = sql_int("SELECT a FROM dup_candidates ORDER BY score DESC, a LIMIT 1", "");
	long long b = sql_int("SELECT b FROM dup_candidates ORDER BY score DESC, a LIMIT 1", "");
	long long pairs = sql_int("SELECT count(*) FROM dup_candidates", "");
	long long merges = sql_int("SELECT count(*) FROM person_merges", "");
	long long people = sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", "");
	char pair[64];
	snprintf(pair, sizeof pair, "%lld:%lld", a, b);
	const char *kv[] = { "pair", pair, NULL };
	char *first = post_303(&admin, admin_csrf, "/people/duplicates/merge", kv);
	char *second = post_303(&admin, admin_csrf, "/people/duplicates/merge", kv);
	assert_string_equal(first, second);
	assert_int_equal(sql_int("SELECT count(*) FROM person_merges", ""), merges + 1);
	assert_int_equal(sql_int("SELECT count(*) FROM people WHERE merged_into IS NULL", ""), people - 1);
	assert_true(sql_int("SELECT count(*) FROM dup_candidates", "") >= pairs - 1);
	/* without a keep, the pair's first is kept */
	assert_true(alive(a));
	assert_false(alive(b));
	free(first);
	free(second);
}

/* ---- scope and suggestions ---- */

/* Two records of one woman, one in Raqqa (organization 1) and one in
 * Deir-ez-Zor (organization 3): a pair the Raqqa officer must not open or
 * merge; a pair never suggested is not merged by anyone. */
static void test_pairs_out_of_scope_or_not_suggested_are_not_found(void **state)
{
	prepare();
	static const char NAME[] = "سلمى راضي الكردي";
	/* (the second record is made on purpose: "None of these") */
	const char *add[] = { "name_ar", NAME, "role", "عضو", "confirm_new", "1", NULL };
	free(post_303(&admin, admin_csrf, "/orgs/1/members", add));
	long long x = sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", NAME);
	free(post_303(&admin, admin_csrf, "/orgs/3/members", add));
	long long y = sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", NAME);
	assert_true(x > 0 && y > x);
	char path[96];
	for (int i = 0; i < 2; i++) {
		const char *edit[] = { "name_ar", NAME, "gender", "f", "phone", "0933777111", "birth_year", "1994", NULL };
		snprintf(path, sizeof path, "/people/%lld", i ? y : x);
		free(post_303(&admin, admin_csrf, path, edit));
	}
	run_dedup();
	assert_int_equal(sql_int("SELECT count(*) FROM dup_candidates WHERE a = ? AND b = ?", "ii", x, y), 1);

	struct browser o;
	browser_init(&o, srv);
	o.accept_language = "en";
	sign_in(&o, "officer");
	char *csrf = page_csrf(&o, "/");
	snprintf(path, sizeof path, "/people/duplicates/%lld/%lld", x, y);
	struct response *r = http_get(&o, path);
	assert_int_equal(r->status, 404);
	assert_false(resp_contains(r, "0933"));
	response_free(r);
	char pair[64], keep[24];
	snprintf(pair, sizeof pair, "%lld:%lld", x, y);
	snprintf(keep, sizeof keep, "%lld", x);
	const char *kv[] = { "pair", pair, "keep", keep, NULL };
	assert_int_equal(post_status(&o, csrf, "/people/duplicates/merge", kv), 404);
	assert_true(alive(x) && alive(y));
	/* the director sees both: the fixture is real */
	struct browser d;
	browser_init(&d, srv);
	d.accept_language = "en";
	sign_in(&d, "director");
	response_free(get_200(&d, path));

	/* two people the officer sees, never suggested as a pair: no compare
	 * page, no merge, for the officer nor the admin */
	long long p = sql_int("SELECT min(id) FROM people WHERE merged_into IS NULL AND office_id = (SELECT office_id FROM users"
			      " WHERE name = 'officer')", "");
	long long q = sql_int("SELECT min(id) FROM people WHERE merged_into IS NULL AND id > ? AND office_id = (SELECT office_id"
			      " FROM users WHERE name = 'officer') AND id NOT IN (SELECT b FROM dup_candidates WHERE a = ?)", "ii", p, p);
	assert_true(p > 0 && q > p);
	snprintf(path, sizeof path, "/people/duplicates/%lld/%lld", p, q);
	r = http_get(&o, path);
	assert_int_equal(r->status, 404);
	response_free(r);
	snprintf(pair, sizeof pair, "%lld:%lld", p, q);
	const char *kv2[] = { "pair", pair, NULL };
	assert_int_equal(post_status(&o, csrf, "/people/duplicates/merge", kv2), 404);
	assert_int_equal(post_status(&admin, admin_csrf, "/people/duplicates/merge", kv2), 404);
	assert_true(alive(p) && alive(q));
	/* a number outside the pair is no choice */
	snprintf(pair, sizeof pair, "%lld:%lld", x, y);
	char other[24];
	snprintf(other, sizeof other, "%lld", p);
	const char *kv3[] = { "pair", pair, "keep", other, NULL };
	assert_int_equal(post_status(&admin, admin_csrf, "/people/duplicates/merge", kv3), 400);
	assert_true(alive(x) && alive(y));
	free(csrf);
	browser_free(&o);
	browser_free(&d);
}

/* A merge keeps every office's view: a person registered in Tabqa and a
 * member of a Raqqa organization, merged by the Raqqa officer into the
 * Raqqa record, is still seen by Tabqa's trainer (the kept record is
 * linked to Tabqa); the undo takes the link away and Tabqa sees its own
 * record again. */
static void test_merge_keeps_every_office_view(void **state)
{
	prepare();
	static const char NAME[] = "نوال عبد الكريم الشواخ";
	long long raqqa = sql_int("SELECT office_id FROM users WHERE name = 'officer'", "");
	long long tabqa = sql_int("SELECT office_id FROM users WHERE name = 'trainer'", "");
	long long org = sql_int("SELECT min(id) FROM orgs WHERE office_id = ?", "i", raqqa);
	assert_true(raqqa > 0 && tabqa > 0 && raqqa != tabqa && org > 0);
	char path[96];
	snprintf(path, sizeof path, "/orgs/%lld/members", org);
	const char *add[] = { "name_ar", NAME, "role", "عضو", "confirm_new", "1", NULL };
	free(post_303(&admin, admin_csrf, path, add));
	long long x = sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", NAME);
	free(post_303(&admin, admin_csrf, path, add));
	long long y = sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", NAME);
	assert_true(x > 0 && y > x);
	/* y was registered by the Tabqa office */
	sql_int("UPDATE people SET office_id = ?1 WHERE id = ?2", "ii", tabqa, y);
	for (int i = 0; i < 2; i++) {
		const char *edit[] = { "name_ar", NAME, "gender", "f", "phone", "0933888222", "birth_year", "1991", NULL };
		snprintf(path, sizeof path, "/people/%lld", i ? y : x);
		free(post_303(&admin, admin_csrf, path, edit));
	}
	run_dedup();
	assert_int_equal(sql_int("SELECT count(*) FROM dup_candidates WHERE a = ? AND b = ?", "ii", x, y), 1);

	struct browser o, t;
	browser_init(&o, srv);
	o.accept_language = "en";
	sign_in(&o, "officer");
	browser_init(&t, srv);
	t.accept_language = "en";
	sign_in(&t, "trainer");
	snprintf(path, sizeof path, "/people/%lld", y);
	response_free(get_200(&t, path));      /* Tabqa sees its record */
	char *csrf = page_csrf(&o, "/");
	char pair[64], keep[24];
	snprintf(pair, sizeof pair, "%lld:%lld", x, y);
	snprintf(keep, sizeof keep, "%lld", x);
	const char *kv[] = { "pair", pair, "keep", keep, NULL };
	assert_int_equal(post_status(&o, csrf, "/people/duplicates/merge", kv), 303);
	assert_false(alive(y));
	snprintf(path, sizeof path, "/people/%lld", x);
	response_free(get_200(&t, path));      /* …and the kept one after the merge */
	assert_int_equal(sql_int("SELECT count(*) FROM person_offices WHERE person_id = ? AND office_id = ?", "ii", x, tabqa), 1);

	long long merge = sql_int("SELECT max(id) FROM person_merges WHERE kept_id = ?", "i", x);
	snprintf(path, sizeof path, "/people/merges/%lld/undo", merge);
	assert_int_equal(post_status(&o, csrf, path, NULL), 303);
	assert_true(alive(x) && alive(y));
	assert_int_equal(sql_int("SELECT count(*) FROM person_offices WHERE person_id = ?", "i", x), 0);
	snprintf(path, sizeof path, "/people/%lld", x);
	struct response *r = http_get(&t, path);
	assert_int_equal(r->status, 404);       /* the Raqqa record is Raqqa's again */
	response_free(r);
	snprintf(path, sizeof path, "/people/%lld", y);
	response_free(get_200(&t, path));
	free(csrf);
	browser_free(&o);
	browser_free(&t);
}

/* ---- refused undos ---- */

/* An undo after the kept record was changed (it would lose the change) or
 * after its 7 days is refused, and changes nothing. */
static void test_undo_refused_after_a_change_or_its_time(void **state)
{
	prepare();
	long long a = sql_int("SELECT a FROM dup_candidates ORDER BY a LIMIT 1", "");
	long long b = sql_int("SELECT b FROM dup_candidates WHERE a = ?", "i", a);
	char pair[64];
	snprintf(pair, sizeof pair, "%lld:%lld", a, b);
	const char *kv[] = { "pair", pair, NULL };
	char *loc = post_303(&admin, admin_csrf, "/people/duplicates/merge", kv);
	long long merge = strtoll(loc + 26, NULL, 10);
	free(loc);
	/* the kept record is edited after the merge */
	char path[96];
	snprintf(path, sizeof path, "/people/%lld", a);
	char *name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", a);
	sleep(1); /* a change in a later second than the merge's */
	const char *edit[] = { "name_ar", name, "gender", "m", "phone", "0944555666", NULL };
	free(post_303(&admin, admin_csrf, path, edit));
	char *rows = rows_of(a, b);
	snprintf(path, sizeof path, "/people/merges/%lld/undo", merge);
	struct response *r = post_kv(&admin, path, admin_csrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 409);
	assert_true(resp_contains(r, "was changed after the merge"));
	response_free(r);
	char *same = rows_of(a, b);
	assert_string_equal(rows, same);
	free(rows);
	free(same);

	/* another merge, whose 7 days are over */
	long long c = sql_int("SELECT a FROM dup_candidates ORDER BY a LIMIT 1", "");
	long long d = sql_int("SELECT b FROM dup_candidates WHERE a = ?", "i", c);
	assert_true(c > 0 && d > 0);
	snprintf(pair, sizeof pair, "%lld:%lld", c, d);
	loc = post_303(&admin, admin_csrf, "/people/duplicates/merge", kv);
	merge = strtoll(loc + 26, NULL, 10);
	free(loc);
	assert_int_equal(sqlite3_exec(test_db, "UPDATE merge_undo SET until = strftime('%s','now') - 1", NULL, NULL, NULL),
			 SQLITE_OK);
	r = get_200(&admin, "/people/duplicates");
	assert_false(resp_contains(r, "You can undo this merge until"));
	response_free(r);
	snprintf(path, sizeof path, "/people/merges/%lld/undo", merge);
	r = post_kv(&admin, path, admin_csrf, NULL, NULL, NULL);
	assert_int_equal(r->status, 409);
	assert_true(resp_contains(r, "The time to undo this merge has passed."));
	response_free(r);
	assert_false(alive(d));
	free(name);
}

static void test_server_stops_cleanly(void **state)
{
	if (prepared) {
		browser_free(&admin);
		free(admin_csrf);
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
		cmocka_unit_test(test_duplicates_page_says_whether_the_search_ran),
		cmocka_unit_test(test_compare_merge_and_undo),
		cmocka_unit_test(test_double_submit_merges_nothing_else),
		cmocka_unit_test(test_pairs_out_of_scope_or_not_suggested_are_not_found),
		cmocka_unit_test(test_merge_keeps_every_office_view),
		cmocka_unit_test(test_undo_refused_after_a_change_or_its_time),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
