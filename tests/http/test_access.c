/* test_access — the access-control walk QUALITY.md asks for: every route of
 * src/routes.c × every demo role × objects of another office and of another
 * organization, through the cookie session and through API bearer tokens.
 *
 * What "no leak" means here, checked on every answer:
 *  - the status follows the permission table (200 or 403, never 500);
 *  - an object out of the user's scope answers 404, and its name is not in
 *    the answer;
 *  - no page links to (so names) a person or an organization out of scope,
 *    and no JSON answer lists one;
 *  - roles without personal fields never get a phone number (09xxxxxxxx,
 *    +963…), a birth year or a community, in pages, JSON or exports; a phone
 *    typed into a search does not find anyone for them;
 *  - a POST by a role without the permission answers 403, a POST on an
 *    object out of scope answers 404, and neither changes the database;
 *    no POST does anything without the session's CSRF token;
 *  - an import upload is seen only by the user who uploaded it.
 *
 * The scope rules the test holds the server to (the "oracle", written here
 * in SQL against the server's database file, independently of src/):
 * users bound to an office see the organizations of that office and the
 * people of that office or members of its organizations; a partner user
 * sees only their own organization and its members.
 *
 * Fixtures made through the web as admin before the walk: a woman added to
 * organization 1 (the partner's) and to organization 2 (Tabqa), with a
 * phone; a second record with the same name and phone in organization 3
 * (Deir-ez-Zor), so that the duplicate finder pairs a Raqqa person with a
 * person the Raqqa officer must not see; two records of one man in
 * organization 3 (Deir-ez-Zor), merged by the admin, whose merge (its
 * message, its undo) the Raqqa officer must not reach; a CSV uploaded for
 * import by the director. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <jansson.h>
#include <sqlite3.h>
#include "admin/perms.h"
#include "registry/perms.h"
#include "incubation/perms.h"
#include "activities/perms.h"
#include "workspace/perms.h"
#include "harness.h"
#include "forms.h"
#include "auth/roles.h"
#include "core/banned.h"

/* ---- what the roles may do (a copy of the table in src/auth/roles.c:
 * the test holds the server to it) ---- */

#define P_S  PERM_SIGNED_IN
#define P_UA PERM_USERS_ADMIN
#define P_OA PERM_OFFICES_ADMIN
#define P_AU PERM_AUDIT_READ
#define P_OR PERM_ORGS_READ
#define P_OW PERM_ORGS_WRITE
#define P_PR PERM_PEOPLE_READ
#define P_PW PERM_PEOPLE_WRITE
#define P_PF PERM_PERSONAL_FIELDS
#define P_EX PERM_EXPORT
#define P_EI PERM_EXPORT_IDENTIFIED
#define P_IM PERM_IMPORT
#define P_RA PERM_RETENTION_ADMIN
#define P_IR PERM_INCUB_READ
#define P_IW PERM_INCUB_WRITE
#define P_IO PERM_INCUB_OWN
#define P_IG PERM_INCUB_GAPS
#define INCUB_STAFF (P_IR | P_IO | P_IG)
#define P_AR PERM_ACT_READ
#define P_AW PERM_ACT_WRITE
#define P_RE PERM_REACH
#define P_CE PERM_CERTS
#define P_RUN (P_AR | P_AW | P_RE | P_CE)   /* who runs activities */
#define P_WR PERM_WS_READ
#define P_WQ PERM_WS_REQUEST
#define P_WM PERM_WS_MANAGE
#define P_WS (P_WR | P_WQ | PERM_WS_USE)   /* the office staff's rights on the rooms */
#define P_PROBE PERM_BIT(56) /* tests/http/probe_module.c: trainers only */
#define READ_BASE (P_S | P_OR)

struct who {
	const char *name;
	const char *role;         /* users.role expected in the demo */
	perm_t perms;
	long long id, office, org; /* from the users table; 0: none */
	long long own_org, foreign_org, own_person, foreign_person;
	/* incubation: a cohort, a candidate, an assessment, a plan and a plan
	 * action in and out of the user's scope (0: none) */
	long long own_cohort, foreign_cohort, own_cand, foreign_cand, own_assess, foreign_assess;
	long long own_plan, foreign_plan, own_action, foreign_action, own_file, foreign_file;
	long long own_act, foreign_act, own_session, foreign_session;  /* activities of the user's office / another */
	/* workspace: a room, an item, a booking of the user's office (a partner:
	 * of its organization) and of another (0: none) */
	long long own_room, foreign_room, own_equip, foreign_equip, own_booking, foreign_booking;
	char token[64];           /* API bearer token */
	struct browser b;         /* signed in, English pages */
	char *csrf;
};

static struct who users[] = {
	{ .name = "admin", .role = "admin", .perms = ~(perm_t)0 },
	{ .name = "director", .role = "director", .perms = READ_BASE | P_OW | P_PR | P_PW | P_PF | P_EX | P_EI | P_AU | P_IM | INCUB_STAFF | P_RUN | P_WS },
	{ .name = "officer", .role = "program_officer", .perms = READ_BASE | P_OW | P_PR | P_PW | P_PF | P_EX | P_IM | INCUB_STAFF | P_IW | P_RUN | P_WS },
	{ .name = "trainer", .role = "trainer", .perms = READ_BASE | P_PR | P_PROBE | INCUB_STAFF | P_IW | P_RUN | P_WS },
	{ .name = "grants", .role = "grants_officer", .perms = READ_BASE | P_PR | P_EX | P_WS },
	{ .name = "monitoring", .role = "me_officer", .perms = READ_BASE | P_PR | P_EX | INCUB_STAFF | P_AR | P_RE | P_WS },
	{ .name = "space", .role = "space_coordinator", .perms = READ_BASE | P_WS | P_WM },
	{ .name = "expert", .role = "expert", .perms = READ_BASE },
	{ .name = "partner", .role = "partner", .perms = READ_BASE | P_PR | P_IO | P_WQ },
	{ .name = "reviewer", .role = "reviewer", .perms = P_S | P_IG },
	{ .name = "donor", .role = "donor", .perms = P_S | P_IG | P_RE | PERM_WS_USE },
};
#define NUSERS ((int)(sizeof users / sizeof *users))

static struct server *srv;
static int prepared;
static struct browser admin;
static char *admin_csrf;
static long long fx_layla, fx_twin;   /* the fixture people (see the top) */
static char stylesheet[128];          /* the file part of /assets/app.HASH.css */
static long long fx_upload;           /* an import upload of the director's */
static long long fx_sheet, fx_sheet_session;  /* a typed attendance sheet of the officer's, for a session of his office */
static const char SHEET_PHONE[] = "0944000888";  /* in that sheet only */
static long long fx_job;              /* a background job of the admin's */
static long long fx_merge;            /* the admin's merge of two records in Deir-ez-Zor */
static const char HAMZA[] = "حمزة منصور الشمري";  /* their name */
static const char HAMZA_PHONE[] = "0955222333";
static const char LAYLA[] = "ليلى فاضل الزعبي";
static const char LAYLA_PHONE[] = "0944111222";
static const char TWIN_PHONE[] = "+963 944 111 222";

/* Leaks found by the walks: each is printed, the test fails at its end so
 * one run lists all of them. */
static int nfail;
#define LEAK(...) do { print_message(__VA_ARGS__); nfail++; } while (0)

static struct who *who_named(const char *name)
{
	for (int i = 0; i < NUSERS; i++)
		if (strcmp(users[i].name, name) == 0)
			return &users[i];
	fail_msg("no demo user %s in the test's table", name);
	return NULL;
}

static int has_perm(const struct who *w, perm_t perm)
{
	return (w->perms & perm) == perm;
}

/* ---- the database file of the server (read side only) ---- */




/* The scope rules (see the top): ?1 the object, ?2 the user's office, ?3
 * the user's organization (0: not bound). */
#define ORG_VISIBLE "((?2 = 0 OR o.office_id = ?2) AND (?3 = 0 OR o.id = ?3))"
#define PERSON_VISIBLE \
	"(p.merged_into IS NULL AND (?2 = 0 OR p.office_id = ?2 OR EXISTS (SELECT 1 FROM memberships m" \
	" JOIN orgs o ON o.id = m.org_id WHERE m.person_id = p.id AND o.office_id = ?2)" \
	" OR EXISTS (SELECT 1 FROM person_offices x WHERE x.person_id = p.id AND x.office_id = ?2))" \
	" AND (?3 = 0 OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.org_id = ?3)))"
#define HAS_PHONE "EXISTS (SELECT 1 FROM person_phones f WHERE f.person_id = p.id)"

static int sees_org(const struct who *w, long long id)
{
	return sql_int("SELECT count(*) FROM orgs o WHERE o.id = ?1 AND " ORG_VISIBLE, "iii", id, w->office, w->org) > 0;
}

static int sees_person(const struct who *w, long long id)
{
	return sql_int("SELECT count(*) FROM people p WHERE p.id = ?1 AND " PERSON_VISIBLE, "iii", id, w->office,
		       w->org) > 0;
}

static long long visible_people(const struct who *w)
{
	return sql_int("SELECT count(*) FROM people p WHERE ?1 = ?1 AND " PERSON_VISIBLE, "iii", 0LL, w->office, w->org);
}

/* A digest of everything a POST could change (not sessions nor the audit
 * log, which reads also write): equal digests, nothing changed. */
static unsigned long long db_digest(void)
{
	static const char *const tables[] = { "users", "offices", "places", "sectors", "orgs", "org_sectors",
		"org_areas", "people", "person_phones", "memberships", "dup_candidates", "dup_decisions",
		"person_merges", "merge_undo", "merge_undo_memberships", "merge_undo_phones", "merge_undo_people",
		"merge_undo_pairs", "api_tokens", "import_uploads", "person_offices", NULL };
	unsigned long long h = 1469598103934665603ULL;
	for (int t = 0; tables[t]; t++) {
		char sql[128];
		if (!sql_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", "t", tables[t]))
			continue;
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", tables[t]);
		sqlite3_stmt *st = sql_vprep(sql, NULL, NULL);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				for (const unsigned char *p = v ? v : (const unsigned char *)"\x01NULL"; *p; p++)
					h = (h ^ *p) * 1099511628211ULL;
				h = (h ^ 0x1f) * 1099511628211ULL;
			}
		}
		sqlite3_finalize(st);
	}
	return h;
}

/* ---- small helpers ---- */




/* Where a Syrian phone number appears in s (09 and eight digits, or +963),
 * or NULL. Digits glued to letters or other digits (tokens) do not count. */
static const char *find_phone(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (p[0] == '+' && strncmp(p, "+963", 4) == 0)
			return p;
		if (p[0] != '0' || p[1] != '9' || (p > s && isalnum((unsigned char)p[-1])))
			continue;
		int k = 2;
		while (k < 10 && isdigit((unsigned char)p[k]))
			k++;
		if (k == 10 && !isalnum((unsigned char)p[10]))
			return p;
	}
	return NULL;
}

static void excerpt(const char *at, char *out, size_t n)
{
	snprintf(out, n, "%.40s", at);
}

static int is_json(const struct response *r)
{
	const char *ct = resp_header(r, "Content-Type");
	return ct && strncmp(ct, "application/json", 16) == 0;
}

static int is_csv(const struct response *r)
{
	const char *ct = resp_header(r, "Content-Type");
	return ct && strncmp(ct, "text/csv", 8) == 0;
}

/* 1 when the HTML links to /people/ID (or the JSON lists it). */
static int links_person(const char *body, long long id)
{
	char a[64];
	snprintf(a, sizeof a, "href=\"/people/%lld\"", id);
	return strstr(body, a) != NULL;
}

static int json_lists_id(const char *body, long long id)
{
	json_t *j = json_loads(body, 0, NULL);
	int found = 0;
	json_t *items = j ? json_object_get(j, "items") : NULL;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			found = 1;
	json_decref(j);
	return found;
}

/* Every /people/N and /orgs/N link of an HTML page must point to an
 * object the user sees. */
static void check_links(const struct who *w, const char *mode, const char *path, const char *body)
{
	static const struct { const char *prefix; int person; } kinds[] = {
		{ "href=\"/people/", 1 }, { "href=\"/orgs/", 0 },
	};
	for (int k = 0; k < 2; k++) {
		size_t n = strlen(kinds[k].prefix);
		long long last = -1;
		for (const char *p = strstr(body, kinds[k].prefix); p; p = strstr(p + 1, kinds[k].prefix)) {
			if (!isdigit((unsigned char)p[n]))
				continue;
			long long id = strtoll(p + n, NULL, 10);
			if (id == last)
				continue;
			last = id;
			int ok = kinds[k].person ? sees_person(w, id) : sees_org(w, id);
			if (!ok)
				LEAK("LEAK %s (%s) GET %s links to %s %lld, which is out of the user's scope\n", w->name,
				     mode, path, kinds[k].person ? "person" : "organization", id);
		}
	}
}

/* The JSON answers: every person / organization listed is in scope; no
 * personal field for roles without them. */
static void check_json(const struct who *w, const char *mode, const char *path, const char *body)
{
	json_error_t err;
	json_t *j = json_loads(body, 0, &err);
	if (!j) {
		LEAK("%s (%s) GET %s: not JSON: %s\n", w->name, mode, path, err.text);
		return;
	}
	size_t i;
	json_t *it;
	if (strncmp(path, "/api/v1/people/duplicates", 25) == 0) {
		json_array_foreach(json_object_get(j, "pairs"), i, it) {
			long long a = json_integer_value(json_object_get(it, "a")), b = json_integer_value(json_object_get(it, "b"));
			if (!sees_person(w, a) || !sees_person(w, b))
				LEAK("LEAK %s (%s) GET %s lists the pair %lld:%lld with a person out of scope\n", w->name, mode,
				     path, a, b);
		}
	} else if (strncmp(path, "/api/v1/orgs/", 13) == 0 && strstr(path, "/assessments")) {
		/* an organization's assessments: each of that organization, seen */
		json_array_foreach(json_object_get(j, "items"), i, it) {
			long long org = sql_int("SELECT org_id FROM assessments WHERE id = ?", "i",
						(long long)json_integer_value(json_object_get(it, "id")));
			if (org != strtoll(path + 13, NULL, 10) || !sees_org(w, org))
				LEAK("LEAK %s (%s) GET %s lists an assessment of organization %lld\n", w->name, mode, path, org);
		}
	} else if (strncmp(path, "/api/v1/people?", 15) == 0 || strncmp(path, "/api/v1/orgs?", 13) == 0) {
		int person = path[8] == 'p';
		json_array_foreach(json_object_get(j, "items"), i, it) {
			long long id = json_integer_value(json_object_get(it, "id"));
			if (person ? !sees_person(w, id) : !sees_org(w, id))
				LEAK("LEAK %s (%s) GET %s lists %s %lld, out of scope\n", w->name, mode, path,
				     person ? "person" : "organization", id);
		}
	} else if (strncmp(path, "/api/v1/people/", 15) == 0) {
		json_array_foreach(json_object_get(j, "memberships"), i, it) {
			long long org = json_integer_value(json_object_get(it, "org_id"));
			if (!sees_org(w, org))
				LEAK("LEAK %s (%s) GET %s names organization %lld, out of scope\n", w->name, mode, path, org);
		}
		static const char *const personal[] = { "phones", "birth_year", "place_id", NULL };
		for (int k = 0; personal[k]; k++) {
			int has = json_object_get(j, personal[k]) != NULL;
			if (has && !has_perm(w, P_PF))
				LEAK("LEAK %s (%s) GET %s has the personal field %s\n", w->name, mode, path, personal[k]);
			if (!has && has_perm(w, P_PF) && k == 0)
				LEAK("%s (%s) GET %s: no phones for a role with personal fields\n", w->name, mode, path);
		}
	}
	json_decref(j);
}

/* Checks a 200 answer: links or ids in scope, personal fields only for
 * roles that have them.  echo (may be NULL) is what the user typed into
 * the search: the page shows it back in the search box, which is no leak. */
static void check_body(const struct who *w, const char *mode, const char *path, const struct response *r,
		       const char *echo)
{
	char ex[64];
	if (is_json(r))
		check_json(w, mode, path, r->body);
	else if (!is_csv(r))
		check_links(w, mode, path, r->body);
	char *body = strdup(r->body);
	assert_non_null(body);
	for (char *e = echo && *echo ? strstr(body, echo) : NULL; e; e = strstr(e, echo))
		memset(e, 'x', strlen(echo));
	const char *ph = find_phone(body);
	/* pseudonymous exports carry no phone, whoever asks */
	if (ph && (!has_perm(w, P_PF) || is_csv(r))) {
		excerpt(ph, ex, sizeof ex);
		LEAK("LEAK %s (%s) GET %s shows a phone number: \"%s\"\n", w->name, mode, path, ex);
	}
	if (!has_perm(w, P_PF) && !is_csv(r)) {
		static const char *const labels[] = { ">Birth year<", "Birth year:", ">Community<", NULL };
		for (int k = 0; labels[k]; k++)
			if (strstr(body, labels[k]))
				LEAK("LEAK %s (%s) GET %s shows %s\n", w->name, mode, path, labels[k]);
	}
	free(body);
}

/* One GET: the status must be `expect`; `secret` (may be NULL) must not be
 * in the answer, whatever its status; echo: see check_body.  Returns the
 * response (free it). */
static struct response *probe_q(struct who *w, struct browser *b, const char *const *hdrs, const char *mode,
				const char *path, long expect, const char *secret, const char *echo)
{
	struct response *r = http_request(b, "GET", path, NULL, 0, hdrs);
	assert_non_null(r);
	if (r->status >= 500 || r->status == 0)
		LEAK("%s (%s) GET %s: status %ld (server error)\n", w->name, mode, path, r->status);
	else if (expect && r->status != expect)
		LEAK("%s (%s) GET %s: status %ld, expected %ld\n", w->name, mode, path, r->status, expect);
	if (r->status == 200)
		check_body(w, mode, path, r, echo);
	if (secret && *secret && strstr(r->body, secret))
		LEAK("LEAK %s (%s) GET %s (status %ld) contains \"%s\"\n", w->name, mode, path, r->status, secret);
	return r;
}

static struct response *probe(struct who *w, struct browser *b, const char *const *hdrs, const char *mode,
			      const char *path, long expect, const char *secret)
{
	return probe_q(w, b, hdrs, mode, path, expect, secret, NULL);
}

/* ---- fixtures ---- */

static long long person_named_last(const char *name)
{
	return sql_int("SELECT max(id) FROM people WHERE name_ar = ?", "t", name);
}

static void admin_post_303(const char *path, const char *const *kv)
{
	struct response *r = post_kv(&admin, path, admin_csrf, kv, NULL, NULL);
	if (r->status != 303)
		fail_msg("fixture: admin POST %s answered %ld", path, r->status);
	response_free(r);
}

static void make_token(struct who *w)
{
	char out[512];
	const char *args[] = { "token", "create", "--user", w->name, "--label", "access walk", "--db", srv->db, NULL };
	int st = run_daam(out, sizeof out, args);
	if (st != 0)
		fail_msg("daam token create --user %s: exit %d", w->name, st);
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = 0;
	assert_int_equal(strlen(out), 43);
	snprintf(w->token, sizeof w->token, "%s", out);
}

/* A CSV of people uploaded for import (not committed) by a demo user,
 * through the multipart form; returns the upload's id from the redirect. */
/* The fixture sheet: the officer sends a typed attendance sheet to a
 * session of his office and leaves it waiting for its review. */
static void sheet_as(const char *name)
{
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, name);
	fx_sheet_session = sql_int("SELECT min(s.id) FROM activity_sessions s JOIN activities a ON a.id = s.activity_id"
				   " WHERE a.office_id = (SELECT office_id FROM users WHERE name = ?)", "t", name);
	char *csrf = page_csrf(&b, "/activities");
	assert_non_null(csrf);
	static const char bnd[] = "daamWalkBoundary7MA4YWxk";
	char body[1024], ct[128], path[64];
	int len = snprintf(body, sizeof body,
			   "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			   "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sheet.csv\"\r\n"
			   "Content-Type: text/csv\r\n\r\nname,phone\r\nسميرة الخطيب,%s\r\n\r\n--%s--\r\n",
			   bnd, csrf, bnd, SHEET_PHONE, bnd);
	snprintf(ct, sizeof ct, "Content-Type: multipart/form-data; boundary=%s", bnd);
	snprintf(path, sizeof path, "/sessions/%lld/import", fx_sheet_session);
	const char *hdrs[] = { ct, NULL };
	struct response *r = http_request(&b, "POST", path, body, (size_t)len, hdrs);
	const char *loc = resp_header(r, "Location");
	if (r->status != 303 || !loc || sscanf(loc, "/sessions/%*d/sheets/%lld", &fx_sheet) != 1)
		fail_msg("fixture: %s sending a sheet to %s: status %ld", name, path, r->status);
	response_free(r);
	free(csrf);
	browser_free(&b);
}

static long long upload_as(const char *name)
{
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, name);
	char *csrf = page_csrf(&b, "/import");
	assert_non_null(csrf);
	static const char bnd[] = "daamWalkBoundary7MA4YWxk";
	char *body = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&body, &len);
	assert_non_null(f);
	fprintf(f, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", bnd, csrf);
	fprintf(f, "--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npeople\r\n", bnd);
	fprintf(f, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
		"Content-Type: text/csv\r\n\r\nname,phone\r\nسميرة الخطيب,0944000777\r\n\r\n--%s--\r\n", bnd, bnd);
	fclose(f);
	char ct[128];
	snprintf(ct, sizeof ct, "Content-Type: multipart/form-data; boundary=%s", bnd);
	const char *hdrs[] = { ct, NULL };
	struct response *r = http_request(&b, "POST", "/import", body, len, hdrs);
	free(body);
	const char *loc = resp_header(r, "Location");
	if (r->status != 303 || !loc || strncmp(loc, "/import/", 8) != 0)
		fail_msg("fixture: %s uploading a CSV to /import: status %ld", name, r->status);
	long long id = strtoll(loc + 8, NULL, 10);
	response_free(r);
	free(csrf);
	browser_free(&b);
	return id;
}

/* Once per binary: the fixture people, every demo user signed in with
 * their scope, ids to probe and an API token. */
static void prepare(void)
{
	if (prepared > 0)
		return;
	if (prepared < 0)
		fail_msg("the fixtures failed in an earlier test");
	prepared = -1;
	browser_init(&admin, srv);
	admin.accept_language = "en";
	sign_in(&admin, "admin");
	admin_csrf = page_csrf(&admin, "/");
	assert_non_null(admin_csrf);
	struct response *home = http_get(&admin, "/");
	const char *css = strstr(home->body, "href=\"/assets/");
	assert_non_null(css);
	css += strlen("href=\"/assets/");
	snprintf(stylesheet, sizeof stylesheet, "%.*s", (int)strcspn(css, "\""), css);
	response_free(home);

	/* Layla: member of organization 1 (Raqqa, the partner's) and of 2 (Tabqa) */
	/* (the twins are made on purpose: "None of these" said each time) */
	const char *add[] = { "name_ar", LAYLA, "role", "عضو", "confirm_new", "1", NULL };
	admin_post_303("/orgs/1/members", add);
	fx_layla = person_named_last(LAYLA);
	assert_true(fx_layla > 0);
	char path[64], id[24];
	snprintf(path, sizeof path, "/people/%lld", fx_layla);
	const char *edit[] = { "name_ar", LAYLA, "gender", "f", "phone", LAYLA_PHONE, "birth_year", "1990", NULL };
	admin_post_303(path, edit);
	snprintf(id, sizeof id, "%lld", fx_layla);
	const char *again[] = { "person", id, "role", "متطوعة", NULL };
	admin_post_303("/orgs/2/members", again);
	/* her twin record in Deir-ez-Zor, same name and phone */
	admin_post_303("/orgs/3/members", add);
	fx_twin = person_named_last(LAYLA);
	assert_true(fx_twin > fx_layla);
	snprintf(path, sizeof path, "/people/%lld", fx_twin);
	const char *edit2[] = { "name_ar", LAYLA, "gender", "f", "phone", TWIN_PHONE, "birth_year", "1990", NULL };
	admin_post_303(path, edit2);
	/* Hamza, twice in Deir-ez-Zor: a pair the admin merges below */
	const char *hamza[] = { "name_ar", HAMZA, "role", "عضو", "confirm_new", "1", NULL };
	long long hz[2];
	for (int i = 0; i < 2; i++) {
		admin_post_303("/orgs/3/members", hamza);
		hz[i] = person_named_last(HAMZA);
		snprintf(path, sizeof path, "/people/%lld", hz[i]);
		const char *hedit[] = { "name_ar", HAMZA, "gender", "m", "phone", HAMZA_PHONE, "birth_year", "1987", NULL };
		admin_post_303(path, hedit);
	}
	admin_post_303("/people/duplicates/refresh", NULL);
	/* the refresh runs as a background job: wait for its result (10 s at most) */
	int found = 0;
	for (int tries = 0; tries < 100 && !found; tries++) {
		found = sql_int("SELECT count(*) FROM dup_candidates WHERE a = ? AND b = ?", "ii", fx_layla, fx_twin) == 1;
		if (!found)
			usleep(100 * 1000);
	}
	assert_true(found);
	char hpair[64];
	snprintf(hpair, sizeof hpair, "%lld:%lld", hz[0], hz[1]);
	const char *merge[] = { "pair", hpair, NULL };
	struct response *mr = post_kv(&admin, "/people/duplicates/merge", admin_csrf, merge, NULL, NULL);
	const char *mloc = resp_header(mr, "Location");
	if (mr->status != 303 || !mloc || strncmp(mloc, "/people/duplicates?merged=", 26) != 0)
		fail_msg("fixture: the admin's merge of %s answered %ld", hpair, mr->status);
	fx_merge = strtoll(mloc + 26, NULL, 10);
	response_free(mr);
	assert_true(fx_merge > 0);
	/* that search is the admin's job: its page is listed on /jobs */
	struct response *jobs = http_get(&admin, "/jobs");
	const char *link = strstr(jobs->body, "href=\"/jobs/");
	assert_non_null(link);
	fx_job = strtoll(link + strlen("href=\"/jobs/"), NULL, 10);
	response_free(jobs);
	assert_true(fx_job > 0);
	fx_upload = upload_as("director");
	assert_true(fx_upload > 0);
	sheet_as("officer");

	for (int i = 0; i < NUSERS; i++) {
		struct who *w = &users[i];
		sqlite3_stmt *st = sql_vprep("SELECT id, role, coalesce(office_id, 0), coalesce(org_id, 0) FROM users WHERE name = ?",
					 NULL, NULL);
		sqlite3_bind_text(st, 1, w->name, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		w->id = sqlite3_column_int64(st, 0);
		if (strcmp((const char *)sqlite3_column_text(st, 1), w->role) != 0)
			fail_msg("demo user %s has role %s, the test expects %s", w->name, sqlite3_column_text(st, 1), w->role);
		w->office = sqlite3_column_int64(st, 2);
		w->org = sqlite3_column_int64(st, 3);
		sqlite3_finalize(st);
		/* only partners are bound to an organization */
		if (strcmp(w->role, "partner") != 0)
			assert_int_equal(w->org, 0);
		w->own_org = sql_int("SELECT min(o.id) FROM orgs o WHERE ?1 = ?1 AND " ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->foreign_org = sql_int("SELECT min(o.id) FROM orgs o WHERE ?1 = ?1 AND NOT " ORG_VISIBLE, "iii", 0LL,
					 w->office, w->org);
		w->own_person = sql_int("SELECT min(p.id) FROM people p WHERE ?1 = ?1 AND " PERSON_VISIBLE " AND " HAS_PHONE,
					"iii", 0LL, w->office, w->org);
		w->foreign_person = sql_int("SELECT min(p.id) FROM people p WHERE p.merged_into IS NULL AND NOT "
					    PERSON_VISIBLE " AND " HAS_PHONE, "iii", 0LL, w->office, w->org);
		/* incubation: cohorts by office (none for a partner), the rest by
		 * their organization */
#define COHORT_SEEN "(?3 = 0 AND (?2 = 0 OR c.office_id = ?2))"
		w->own_cohort = sql_int("SELECT min(c.id) FROM cohorts c WHERE ?1 = ?1 AND " COHORT_SEEN, "iii", 0LL, w->office, w->org);
		w->foreign_cohort = sql_int("SELECT min(c.id) FROM cohorts c WHERE ?1 = ?1 AND NOT " COHORT_SEEN, "iii", 0LL,
					    w->office, w->org);
		w->own_cand = sql_int("SELECT min(k.id) FROM candidates k JOIN cohorts c ON c.id = k.cohort_id JOIN orgs o ON"
				      " o.id = k.org_id WHERE ?1 = ?1 AND " COHORT_SEEN " AND " ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->foreign_cand = sql_int("SELECT min(k.id) FROM candidates k JOIN cohorts c ON c.id = k.cohort_id JOIN orgs o ON"
					  " o.id = k.org_id WHERE ?1 = ?1 AND NOT (" COHORT_SEEN " AND " ORG_VISIBLE ")", "iii", 0LL,
					  w->office, w->org);
		w->own_assess = sql_int("SELECT min(a.id) FROM assessments a JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND "
					ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->foreign_assess = sql_int("SELECT min(a.id) FROM assessments a JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND NOT "
					    ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->own_plan = sql_int("SELECT min(a.id) FROM plans a JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND "
				      ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->foreign_plan = sql_int("SELECT min(a.id) FROM plans a JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND NOT "
					  ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->own_action = sql_int("SELECT min(a.id) FROM plan_actions a JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND "
					ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->own_file = sql_int("SELECT min(f.id) FROM assessment_files f JOIN assessments a ON a.id = f.assessment_id"
				      " JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND " ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->foreign_file = sql_int("SELECT min(f.id) FROM assessment_files f JOIN assessments a ON a.id = f.assessment_id"
					  " JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND NOT " ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->foreign_action = sql_int("SELECT min(a.id) FROM plan_actions a JOIN orgs o ON o.id = a.org_id WHERE ?1 = ?1 AND NOT "
					    ORG_VISIBLE, "iii", 0LL, w->office, w->org);
		w->own_act = sql_int("SELECT min(id) FROM activities WHERE ?1 = 0 OR office_id = ?1", "i", w->office);
		w->foreign_act = sql_int("SELECT coalesce(min(id), 0) FROM activities WHERE ?1 <> 0 AND office_id <> ?1", "i",
					 w->office);
		w->own_session = sql_int("SELECT min(id) FROM activity_sessions WHERE activity_id = ?1", "i", w->own_act);
		w->foreign_session = sql_int("SELECT coalesce(min(id), 0) FROM activity_sessions WHERE activity_id = ?1", "i",
					     w->foreign_act);
		w->own_room = sql_int("SELECT coalesce(min(id), 0) FROM rooms WHERE ?1 = 0 OR office_id = ?1", "i", w->office);
		w->foreign_room = sql_int("SELECT coalesce(min(id), 0) FROM rooms WHERE ?1 <> 0 AND office_id <> ?1", "i", w->office);
		w->own_equip = sql_int("SELECT coalesce(min(id), 0) FROM equipment WHERE ?1 = 0 OR office_id = ?1", "i", w->office);
		w->foreign_equip = sql_int("SELECT coalesce(min(id), 0) FROM equipment WHERE ?1 <> 0 AND office_id <> ?1", "i",
					   w->office);
#define BOOKING_SEEN "(CASE WHEN ?2 <> 0 THEN coalesce(b.org_id, 0) = ?2 ELSE ?1 = 0 OR b.office_id = ?1 END)"
		w->own_booking = sql_int("SELECT coalesce(min(b.id), 0) FROM bookings b WHERE " BOOKING_SEEN, "ii", w->office, w->org);
		w->foreign_booking = sql_int("SELECT coalesce(min(b.id), 0) FROM bookings b WHERE NOT " BOOKING_SEEN, "ii",
					     w->office, w->org);
		browser_init(&w->b, srv);
		w->b.accept_language = "en";
		sign_in(&w->b, w->name);
		w->csrf = page_csrf(&w->b, "/");
		assert_non_null(w->csrf);
		make_token(w);
	}
	/* the demo's scopes are what the walk needs: office-bound users with
	 * objects they must not see, a partner bound to organization 1 */
	struct who *officer = who_named("officer"), *partner = who_named("partner");
	assert_true(officer->office > 0 && officer->foreign_org > 0 && officer->foreign_person > 0);
	assert_int_equal(partner->org, 1);
	assert_int_equal(partner->own_person, fx_layla);
	assert_true(partner->foreign_person > 0 && partner->foreign_org > 0);
	assert_int_equal(who_named("admin")->foreign_person, 0);
	prepared = 1;
}

/* ---- the GET walk ---- */

enum kind {
	K_NONE, K_ORG, K_PERSON, K_USER, K_OFFICE, K_PLACE,
	K_ORG_FILTER,   /* ?org= another organization: a filter, 200 */
	K_NAME,         /* ?q= the name of a person out of scope (or one in scope) */
	K_PHONE,        /* ?q= a phone in scope, then one out of scope */
	K_ORG_NAME,     /* ?q= the name of an organization out of scope */
	K_PAIR,         /* pair=own:foreign (POST) */
	K_SELF,         /* the user's own account (POST) */
	K_ASSET,        /* the stylesheet named by the pages */
	K_UPLOAD,       /* an import upload of another user (the director's) */
	K_SHEET,        /* the officer's typed attendance sheet: /sessions/SESSION/sheets/SHEET */
	K_JOB,          /* a background job of another user (the admin's) */
	K_PAIR_PATH,    /* /people/duplicates/A/B: Layla and her twin, then own:foreign */
	K_MERGE,        /* the admin's merge in Deir-ez-Zor (fx_merge) */
	K_PICK,         /* the add-member picker's Find: own organization, ?member_q= a person's name */
	K_COHORT, K_CANDIDATE, K_ASSESS, K_PLAN, K_ACTION, K_FILE, /* incubation: own, then foreign (404) */
	K_INDICATOR,    /* an indicator of the framework (1), a criterion (1), a library action (1) */
	K_ACTIVITY,     /* an activity of the user's office, then of another */
	K_SESSION,      /* a session of such an activity */
	K_CERT,         /* /activities/A/people/P/certificate.pdf: a participant who met the threshold */
	K_CODE,         /* /verify/CODE, /ics/TOKEN: no such code, for everyone */
	K_FEED,         /* a calendar link of another user (none is the user's): 404 */
	K_ROOM, K_EQUIP, K_BOOKING, /* workspace: of the user's office (a partner: organization), then another's */
	K_ANY_ROOM,     /* a room's public calendar: every active room for everyone, none for an unknown one */
};

/* The user's own and foreign record of an incubation kind. */
static void incub_ids(const struct who *w, enum kind k, long long *own, long long *foreign)
{
	*own = k == K_COHORT ? w->own_cohort : k == K_CANDIDATE ? w->own_cand : k == K_ASSESS ? w->own_assess
	       : k == K_PLAN ? w->own_plan : k == K_FILE ? w->own_file : w->own_action;
	*foreign = k == K_COHORT ? w->foreign_cohort : k == K_CANDIDATE ? w->foreign_cand : k == K_ASSESS ? w->foreign_assess
		   : k == K_PLAN ? w->foreign_plan : k == K_FILE ? w->foreign_file : w->foreign_action;
}

enum { F_API = 1, F_PUBLIC = 2, F_ANY_OK = 4 };

struct get_case {
	const char *path;  /* with %lld or %s for the kind's argument */
	perm_t perm;
	enum kind kind;
	int flags;
};

/* The GET cases: every GET route of every module with what it needs to show
 * a leak (an object out of scope, a name, a phone). */
static const struct get_case get_routes[] = {
	{ "/", P_S, K_NONE, 0 },
	{ "/healthz", 0, K_NONE, F_PUBLIC | F_API },
	{ "/assets/%s", 0, K_ASSET, F_PUBLIC },
	{ "/login", 0, K_NONE, F_PUBLIC | F_ANY_OK },
	/* the second step of signing in: without its cookie, back to a page */
	{ "/login/code", 0, K_NONE, F_PUBLIC | F_ANY_OK },
	{ "/login/enrol", 0, K_NONE, F_PUBLIC | F_ANY_OK },
	{ "/account", P_S, K_NONE, 0 },
	{ "/admin/users", P_UA, K_NONE, 0 },
	{ "/admin/users/new", P_UA, K_NONE, 0 },
	{ "/admin/users/%lld", P_UA, K_USER, 0 },
	{ "/admin/offices", P_OA, K_NONE, 0 },
	{ "/admin/offices/%lld", P_OA, K_OFFICE, 0 },
	{ "/admin/audit", P_AU, K_NONE, 0 },
	{ "/admin/retention", P_RA, K_NONE, 0 },
	{ "/admin/places", P_OA, K_NONE, 0 },
	{ "/admin/places/%lld", P_OA, K_PLACE, 0 },
	{ "/admin/sectors", P_OA, K_NONE, 0 },
	{ "/search?q=%s", P_OR, K_NAME, 0 },
	{ "/search?q=%s", P_OR, K_PHONE, 0 },
	{ "/search?q=%s", P_OR, K_ORG_NAME, 0 },
	{ "/orgs", P_OR, K_NONE, 0 },
	{ "/orgs?q=%s", P_OR, K_ORG_NAME, 0 },
	{ "/orgs?sort=new", P_OR, K_NONE, 0 },
	{ "/orgs?place=2", P_OR, K_NONE, 0 },  /* Deir-ez-Zor governorate and below */
	{ "/orgs/new", P_OW, K_NONE, 0 },
	{ "/orgs/%lld", P_OR, K_ORG, 0 },
	{ "/orgs/%lld/edit", P_OW, K_ORG, 0 },
	{ "/orgs/%lld?member_q=%s", P_OR, K_PICK, 0 },
	{ "/people", P_PR, K_NONE, 0 },
	{ "/people?org=%lld", P_PR, K_ORG_FILTER, 0 },
	{ "/people?q=%s", P_PR, K_NAME, 0 },
	{ "/people?place=2", P_PR, K_NONE, 0 },
	{ "/people/new", P_PW, K_NONE, 0 },
	{ "/people/duplicates", P_PW, K_NONE, 0 },
	{ "/people/duplicates/%lld/%lld", P_PW, K_PAIR_PATH, 0 },
	{ "/people/duplicates?merged=%lld", P_PW, K_MERGE, 0 },
	{ "/people/export?format=csv", P_PR | P_EX, K_NONE, 0 },
	{ "/people/%lld", P_PR, K_PERSON, 0 },
	{ "/people/%lld/edit", P_PW, K_PERSON, 0 },
	{ "/people/%lld/data", P_PW | P_PF, K_PERSON, 0 },
	{ "/people/%lld/data.json", P_PW | P_PF, K_PERSON, 0 },
	{ "/api/v1/people?q=%s", P_PR, K_NAME, F_API },
	{ "/api/v1/people?q=%s", P_PR, K_PHONE, F_API },
	{ "/api/v1/people/duplicates", P_PW, K_NONE, F_API },
	{ "/api/v1/people/%lld", P_PR, K_PERSON, F_API },
	{ "/api/v1/people/%lld/data", P_PW | P_PF, K_PERSON, F_API },
	{ "/api/v1/orgs?q=%s", P_OR, K_ORG_NAME, F_API },
	{ "/import", P_IM, K_NONE, 0 },
	{ "/import?kind=orgs", P_IM, K_NONE, 0 },
	{ "/import/%lld", P_IM, K_UPLOAD, 0 },
	{ "/import/%lld/problems", P_IM, K_UPLOAD, 0 },
	{ "/jobs", P_S, K_NONE, 0 },
	{ "/jobs/%lld", P_S, K_JOB, 0 },
	{ "/jobs/%lld/download", P_S, K_JOB, 0 },
	{ "/api/v1/jobs/%lld", P_S, K_JOB, F_API },
	/* incubation */
	{ "/cohorts", P_IR, K_NONE, 0 },
	{ "/cohorts?status=running", P_IR, K_NONE, 0 },
	{ "/cohorts/new", P_IW, K_NONE, 0 },
	{ "/cohorts/%lld", P_IR, K_COHORT, 0 },
	{ "/cohorts/%lld/edit", P_IW, K_COHORT, 0 },
	{ "/cohorts/%lld/results", P_IR, K_COHORT, 0 },
	{ "/candidates/%lld", P_IR, K_CANDIDATE, 0 },
	{ "/assessments/%lld", P_IO, K_ASSESS, 0 },
	{ "/assessments/%lld?dim=governance", P_IO, K_ASSESS, 0 },
	{ "/plans/%lld", P_IO, K_PLAN, 0 },
	{ "/assessment-files/%lld", P_IO, K_FILE, 0 },
	{ "/orgs/%lld/results", P_IO, K_ORG, 0 },
	{ "/orgs/%lld/results.pdf", P_IO, K_ORG, 0 },
	{ "/incubation/criteria", P_IR, K_NONE, 0 },
	{ "/incubation/library", P_IR, K_NONE, 0 },
	{ "/incubation/overdue", P_IR, K_NONE, 0 },
	{ "/incubation/framework", P_IO, K_NONE, 0 },
	{ "/incubation/framework?version=1", P_IO, K_NONE, 0 },
	{ "/incubation/framework/indicators/%lld", P_OA, K_INDICATOR, 0 },
	{ "/incubation/framework/new?dim=funding", P_OA, K_NONE, 0 },
	{ "/incubation/gaps", P_IG, K_NONE, 0 },
	{ "/incubation/gaps?threshold=3", P_IG, K_NONE, 0 },
	{ "/api/v1/cohorts", P_IR, K_NONE, F_API },
	{ "/api/v1/orgs/%lld/assessments", P_IO, K_ORG, F_API },
	{ "/api/v1/orgs/%lld/plan", P_IO, K_ORG, F_API },
	{ "/activities", P_AR, K_NONE, 0 },
	{ "/activities?kind=training&from=2020-01-01", P_AR, K_NONE, 0 },
	{ "/activities/new", P_AW, K_NONE, 0 },
	{ "/activities/%lld", P_AR, K_ACTIVITY, 0 },
	{ "/activities/%lld/edit", P_AW, K_ACTIVITY, 0 },
	{ "/activities/%lld/people/%lld/certificate.pdf", P_CE, K_CERT, 0 },
	{ "/sessions/%lld", P_AW, K_SESSION, 0 },
	{ "/sessions/%lld/sheets/%lld", P_AW, K_SHEET, 0 },
	{ "/sessions/%lld/sheets/%lld/problems.csv", P_AW, K_SHEET, 0 },
	{ "/reach", P_RE, K_NONE, 0 },
	{ "/reach?from=2020-01-01&to=2030-12-31", P_RE, K_NONE, 0 },
	{ "/reach.xlsx", P_RE, K_NONE, 0 },
	{ "/verify/%s", 0, K_CODE, F_PUBLIC },
	{ "/api/v1/activities", P_AR, K_NONE, F_API },
	{ "/api/v1/activities/%lld", P_AR, K_ACTIVITY, F_API },
	{ "/api/v1/reach?from=2020-01-01", P_RE, K_NONE, F_API },
	{ "/calendar", P_AW, K_NONE, 0 },
	{ "/portal/activities", P_PR, K_NONE, 0 },
	{ "/ics/%s", 0, K_CODE, F_PUBLIC },
	{ "/rooms/%lld", P_WR, K_ROOM, 0 },
	{ "/rooms/%lld/edit", P_WM, K_ROOM, 0 },
	{ "/bookings/%lld", P_WQ, K_BOOKING, 0 },
	{ "/api/v1/rooms/%lld/bookings", P_WR, K_ROOM, F_API },
	{ "/space/status/%s", 0, K_CODE, F_PUBLIC },
	{ "/space/free", 0, K_NONE, F_PUBLIC },
	{ "/space/free?office=1", 0, K_NONE, F_PUBLIC },
	{ "/space/rooms/%lld/calendar.ics", 0, K_ANY_ROOM, F_PUBLIC },
	{ "/rooms/use", PERM_WS_USE, K_NONE, 0 },
	{ "/rooms/use?from=2020-01&to=2030-12", PERM_WS_USE, K_NONE, 0 },
	{ "/rooms/use.xlsx", PERM_WS_USE, K_NONE, 0 },
};

/* The name of a person / organization if no other record has it (else NULL:
 * it cannot serve as a secret to look for). */
static char *unique_person_name(long long id)
{
	char *n = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", id);
	if (sql_int("SELECT count(*) FROM people WHERE name_ar = ?", "t", n) != 1) {
		free(n);
		return NULL;
	}
	return n;
}

static char *unique_org_name(long long id)
{
	char *n = sql_text("SELECT name_ar FROM orgs WHERE id = ?", "i", id);
	if (sql_int("SELECT count(*) FROM orgs WHERE name_ar = ?", "t", n) != 1) {
		free(n);
		return NULL;
	}
	return n;
}

static void path_id(char *out, size_t n, const char *fmt, long long id)
{
	snprintf(out, n, fmt, id);
}

static void path_q(char *out, size_t n, const char *fmt, const char *q)
{
	char esc[600];
	url_escape(q, esc, sizeof esc);
	snprintf(out, n, fmt, esc);
}

static void walk_case(struct who *w, const struct get_case *c, struct browser *b, const char *const *hdrs,
		      const char *mode)
{
	int ok = has_perm(w, c->perm);
	long allowed = ok ? 200 : 403;
	char path[1024];
	struct response *r;
	switch (c->kind) {
	case K_NONE:
		r = probe(w, b, hdrs, mode, c->path,
			  c->flags & F_ANY_OK ? 0 : c->flags & F_PUBLIC ? 200 : allowed, NULL);
		if ((c->flags & F_ANY_OK) && r->status != 200 && r->status != 303)
			LEAK("%s (%s) GET %s: status %ld\n", w->name, mode, c->path, r->status);
		response_free(r);
		break;
	case K_ORG:
	case K_PERSON: {
		int org = c->kind == K_ORG;
		long long own = org ? w->own_org : w->own_person, foreign = org ? w->foreign_org : w->foreign_person;
		path_id(path, sizeof path, c->path, own);
		response_free(probe(w, b, hdrs, mode, path, allowed, NULL));
		if (foreign) {
			char *secret = org ? unique_org_name(foreign) : unique_person_name(foreign);
			path_id(path, sizeof path, c->path, foreign);
			response_free(probe(w, b, hdrs, mode, path, ok ? 404 : 403, secret));
			free(secret);
		}
		break;
	}
	case K_COHORT:
	case K_CANDIDATE:
	case K_ASSESS:
	case K_PLAN:
	case K_ACTION:
	case K_FILE: {
		long long own, foreign;
		incub_ids(w, c->kind, &own, &foreign);
		if (own) {
			path_id(path, sizeof path, c->path, own);
			response_free(probe(w, b, hdrs, mode, path, allowed, NULL));
		}
		if (foreign) {
			char *secret = c->kind == K_COHORT ? sql_text("SELECT name FROM cohorts WHERE id = ?", "i", foreign) : NULL;
			path_id(path, sizeof path, c->path, foreign);
			response_free(probe(w, b, hdrs, mode, path, ok ? 404 : 403, secret));
			free(secret);
		}
		break;
	}
	case K_ACTIVITY:
	case K_SESSION: {
		/* an activity (a session) of the user's office answers; another office's is not found */
		int act = c->kind == K_ACTIVITY;
		path_id(path, sizeof path, c->path, act ? w->own_act : w->own_session);
		response_free(probe(w, b, hdrs, mode, path, allowed, NULL));
		if (act ? w->foreign_act : w->foreign_session) {
			path_id(path, sizeof path, c->path, act ? w->foreign_act : w->foreign_session);
			response_free(probe(w, b, hdrs, mode, path, ok ? 404 : 403, NULL));
		}
		break;
	}
	case K_ROOM:
	case K_BOOKING: {
		/* a room (a booking) of the user's office answers; another office's
		 * (for a partner: another organization's booking) is not found */
		int room = c->kind == K_ROOM;
		long long own = room ? w->own_room : w->own_booking, foreign = room ? w->foreign_room : w->foreign_booking;
		if (own) {
			path_id(path, sizeof path, c->path, own);
			response_free(probe(w, b, hdrs, mode, path, allowed, NULL));
		}
		if (foreign) {
			char *secret = room ? NULL : sql_text("SELECT purpose FROM bookings WHERE id = ?", "i", foreign);
			if (secret && sql_int("SELECT count(*) FROM bookings WHERE purpose = ?", "t", secret) != 1) {
				free(secret);
				secret = NULL;
			}
			path_id(path, sizeof path, c->path, foreign);
			response_free(probe(w, b, hdrs, mode, path, ok ? 404 : 403, secret));
			free(secret);
		}
		break;
	}
	case K_ANY_ROOM: {
		/* what anyone may know: the busy times of any office's active room
		 * (never who booked: the purpose of none of its bookings shows) */
		long long room = sql_int("SELECT min(id) FROM rooms WHERE active = 1", NULL);
		char *secret = sql_text("SELECT purpose FROM bookings WHERE room_id = ?1 AND status = 'approved' AND purpose <> ''"
					" ORDER BY id LIMIT 1", "i", room);
		path_id(path, sizeof path, c->path, room);
		response_free(probe(w, b, hdrs, mode, path, 200, *secret ? secret : NULL));
		free(secret);
		path_id(path, sizeof path, c->path, 999999);
		response_free(probe(w, b, hdrs, mode, path, 404, NULL));
		break;
	}
	case K_CERT: {
		/* a participant who met the threshold, in the user's office: the PDF; in another office: not found */
		for (int f = 0; f < 2; f++) {
			long long act = f ? w->foreign_act : w->own_act;
			if (!act)
				continue;
			long long who = sql_int("SELECT ap.person_id FROM activity_people ap JOIN activities a ON a.id = ap.activity_id"
						" WHERE a.office_id = (SELECT office_id FROM activities WHERE id = ?1) AND ap.attended * 100"
						" >= a.threshold * (SELECT count(*) FROM activity_sessions s WHERE s.activity_id = a.id)"
						" AND ap.attended > 0 ORDER BY ap.id LIMIT 1", "i", act);
			long long in = sql_int("SELECT activity_id FROM activity_people WHERE person_id = ?1 AND attended > 0"
					       " AND activity_id IN (SELECT id FROM activities WHERE office_id ="
					       " (SELECT office_id FROM activities WHERE id = ?2)) ORDER BY id LIMIT 1", "ii", who, act);
			snprintf(path, sizeof path, c->path, in, who);
			response_free(probe(w, b, hdrs, mode, path, !ok ? 403 : f ? 404 : 200, NULL));
		}
		break;
	}
	case K_CODE:
		snprintf(path, sizeof path, c->path, "NOSUCHCODE");
		response_free(probe(w, b, hdrs, mode, path, 404, NULL));
		break;
	case K_USER:
	case K_OFFICE:
	case K_PLACE:
	case K_INDICATOR:
		path_id(path, sizeof path, c->path, c->kind == K_USER ? 2 : c->kind == K_OFFICE ? 2 : c->kind == K_INDICATOR ? 1 : 1000);
		response_free(probe(w, b, hdrs, mode, path, allowed, NULL));
		break;
	case K_UPLOAD:
	{
		/* the uploader reviews it; other users, even with the right to
		 * import, do not find it nor read its rows */
		int owner = strcmp(w->name, "director") == 0;
		path_id(path, sizeof path, c->path, fx_upload);
		response_free(probe(w, b, hdrs, mode, path, !ok ? 403 : owner ? 200 : 404, owner ? NULL : "0944000777"));
		break;
	}
	case K_SHEET: {
		/* only the officer who sent it finds it and reads its rows */
		int owner = strcmp(w->name, "officer") == 0;
		snprintf(path, sizeof path, c->path, fx_sheet_session, fx_sheet);
		/* the sender's own rows come back to them (echo): no leak */
		response_free(probe_q(w, b, hdrs, mode, path, !ok ? 403 : owner ? 200 : 404, owner ? NULL : SHEET_PHONE,
				      owner ? SHEET_PHONE : NULL));
		break;
	}
	case K_JOB: {
		/* only the one who asked sees a job; for everyone else it does
		 * not exist (its download neither: a search has no file) */
		int owner = strcmp(w->name, "admin") == 0;
		path_id(path, sizeof path, c->path, fx_job);
		long expect = !ok ? 403 : !owner ? 404 : strstr(c->path, "download") ? 0 : 200;
		response_free(probe(w, b, hdrs, mode, path, expect, NULL));
		break;
	}
	case K_PAIR_PATH: {
		/* the compare page of a suggested pair: only with both people in
		 * scope; a pair with someone out of it, suggested or not, is not
		 * found, and shows neither name nor phone */
		int both = sees_person(w, fx_layla) && sees_person(w, fx_twin);
		snprintf(path, sizeof path, c->path, fx_layla, fx_twin);
		response_free(probe(w, b, hdrs, mode, path, !ok ? 403 : both ? 200 : 404, both ? NULL : TWIN_PHONE));
		if (w->own_person && w->foreign_person) {
			snprintf(path, sizeof path, c->path, w->own_person, w->foreign_person);
			char *secret = unique_person_name(w->foreign_person);
			response_free(probe(w, b, hdrs, mode, path, ok ? 404 : 403, secret));
			free(secret);
		}
		break;
	}
	case K_MERGE: {
		/* the message of a merge names the kept person: only to those
		 * who see them (the page itself is there for everyone allowed) */
		long long kept = sql_int("SELECT kept_id FROM person_merges WHERE id = ?", "i", fx_merge);
		path_id(path, sizeof path, c->path, fx_merge);
		r = probe(w, b, hdrs, mode, path, allowed, sees_person(w, kept) ? NULL : HAMZA);
		if (r->status == 200 && sees_person(w, kept) && !resp_contains(r, "Merged into"))
			LEAK("%s (%s) GET %s does not show the message of the merge\n", w->name, mode, path);
		if (r->status == 200 && !sees_person(w, kept) && resp_contains(r, "/undo"))
			LEAK("LEAK %s (%s) GET %s offers the undo of a merge out of scope\n", w->name, mode, path);
		response_free(r);
		break;
	}
	case K_ORG_FILTER:
		path_id(path, sizeof path, c->path, w->foreign_org ? w->foreign_org : w->own_org);
		response_free(probe(w, b, hdrs, mode, path, allowed, NULL));
		break;
	case K_NAME: {
		long long p = w->foreign_person ? w->foreign_person : w->own_person;
		char *name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", p);
		path_q(path, sizeof path, c->path, name);
		r = probe_q(w, b, hdrs, mode, path, allowed, NULL, name);
		/* the search itself works: a name in scope is found */
		if (r->status == 200 && !w->foreign_person && p &&
		    !(is_json(r) ? json_lists_id(r->body, p) : links_person(r->body, p)) && has_perm(w, P_PR))
			LEAK("%s (%s) GET %s does not find person %lld by their name\n", w->name, mode, path, p);
		response_free(r);
		free(name);
		break;
	}
	case K_PHONE: {
		/* a phone in scope: found only by roles that see phones */
		char *phone = sql_text("SELECT phone FROM person_phones WHERE person_id = ? ORDER BY id LIMIT 1", "i",
				       w->own_person);
		if (*phone) {
			path_q(path, sizeof path, c->path, phone);
			r = probe_q(w, b, hdrs, mode, path, allowed, NULL, phone);
			if (r->status == 200 && has_perm(w, P_PR)) {
				int found = is_json(r) ? json_lists_id(r->body, w->own_person) : links_person(r->body, w->own_person);
				if (found && !has_perm(w, P_PF))
					LEAK("LEAK %s (%s) GET %s finds person %lld by phone without seeing phones\n", w->name,
					     mode, path, w->own_person);
				if (!found && has_perm(w, P_PF))
					LEAK("%s (%s) GET %s does not find person %lld by their phone\n", w->name, mode, path,
					     w->own_person);
			}
			response_free(r);
		}
		free(phone);
		if (w->foreign_person) {
			phone = sql_text("SELECT phone FROM person_phones WHERE person_id = ? ORDER BY id LIMIT 1", "i",
					 w->foreign_person);
			path_q(path, sizeof path, c->path, phone);
			r = probe_q(w, b, hdrs, mode, path, allowed, NULL, phone);
			if (r->status == 200 && (is_json(r) ? json_lists_id(r->body, w->foreign_person)
							    : links_person(r->body, w->foreign_person)))
				LEAK("LEAK %s (%s) GET %s finds person %lld, out of scope\n", w->name, mode, path,
				     w->foreign_person);
			response_free(r);
			free(phone);
		}
		break;
	}
	case K_ASSET:
		path_q(path, sizeof path, c->path, stylesheet);
		r = probe(w, b, hdrs, mode, path, 200, NULL);
		if (!resp_header(r, "Content-Type") || strncmp(resp_header(r, "Content-Type"), "text/css", 8) != 0)
			LEAK("%s (%s) GET %s is not the stylesheet\n", w->name, mode, path);
		response_free(r);
		break;
	case K_PICK: {
		/* the picker lists people in scope only, and only to those who
		 * may add them (test_picker: the probe's picker for a trainer) */
		long long p = w->foreign_person ? w->foreign_person : w->own_person;
		if (!p || !w->own_org)
			break;
		char *name = sql_text("SELECT name_ar FROM people WHERE id = ?", "i", p), esc[600], radio[64];
		url_escape(name, esc, sizeof esc);
		snprintf(path, sizeof path, c->path, w->own_org, esc);
		r = probe_q(w, b, hdrs, mode, path, allowed, NULL, name);
		int may = ok && has_perm(w, P_PW);
		snprintf(radio, sizeof radio, "name=\"person\" value=\"%lld\"", p);
		int listed = r->status == 200 && resp_contains(r, radio);
		if (listed && (w->foreign_person || !may))
			LEAK("LEAK %s (%s) GET %s lists person %lld to choose%s\n", w->name, mode, path, p,
			     w->foreign_person ? ", out of scope" : "");
		if (!listed && !w->foreign_person && may && r->status == 200)
			LEAK("%s (%s) GET %s does not list person %lld to choose\n", w->name, mode, path, p);
		response_free(r);
		free(name);
		break;
	}
	case K_ORG_NAME: {
		long long o = w->foreign_org ? w->foreign_org : w->own_org;
		char *name = sql_text("SELECT name_ar FROM orgs WHERE id = ?", "i", o);
		path_q(path, sizeof path, c->path, name);
		response_free(probe_q(w, b, hdrs, mode, path, allowed, NULL, name));
		free(name);
		break;
	}
	default:
		break;
	}
}

/* ---- the routes the server declares ----
 * `daam routes` lists every route of every module (the binary under test is
 * daam-probe: daam plus tests/http/probe_module.c).  Each case of the walks
 * below marks the route it reaches; test_every_declared_route_is_walked then
 * walks whatever no case reached, so a new route cannot skip the walk. */
static struct route_line declared[256];
static int ndeclared;

static void load_declared(void)
{
	ndeclared = daam_routes(declared, 256);
	assert_true(ndeclared >= 50);
}

/* Does a case's path ("/orgs/%lld/edit?x=1") reach a route's pattern
 * ("/orgs/{id}/edit")?  A {param} or a %-conversion stands for a segment. */
static int case_reaches(const char *case_path, const char *pattern)
{
	char c[256];
	snprintf(c, sizeof c, "%s", case_path);
	c[strcspn(c, "?")] = 0;
	const char *a = c, *b = pattern;
	while (*a && *b) {
		size_t la = strcspn(a + 1, "/") + 1, lb = strcspn(b + 1, "/") + 1;
		int wild = memchr(b, '{', lb) != NULL;
		if (!wild && (la != lb || memcmp(a, b, la) != 0))
			return 0;
		a += la;
		b += lb;
	}
	return !*a && !*b;
}

static void mark_walked(const char *method, const char *case_path)
{
	if (!ndeclared)
		load_declared();
	for (int i = 0; i < ndeclared; i++)
		if (strcmp(declared[i].method, method) == 0 && case_reaches(case_path, declared[i].pattern))
			declared[i].walked = 1;
}

/* Every GET route × every role through the cookie session. */
static void test_walk_get_routes(void **state)
{
	prepare();
	nfail = 0;
	int requests = 0;
	for (int i = 0; i < NUSERS; i++) {
		struct who *w = &users[i];
		for (size_t k = 0; k < sizeof get_routes / sizeof *get_routes; k++) {
			mark_walked("GET", get_routes[k].path);
			walk_case(w, &get_routes[k], &w->b, NULL, "session");
			requests++;
		}
	}
	print_message("walked %d route cases for %d roles; %d problems\n", requests, NUSERS, nfail);
	assert_int_equal(nfail, 0);
}

/* Roles with personal fields see the phone of a person in scope (so the
 * phone checks of the walk are not blind); others see the hidden note. */
static void test_personal_fields_by_role(void **state)
{
	prepare();
	nfail = 0;
	for (int i = 0; i < NUSERS; i++) {
		struct who *w = &users[i];
		if (!has_perm(w, P_PR))
			continue;
		char path[64];
		snprintf(path, sizeof path, "/people/%lld", w->own_person);
		struct response *r = http_get(&w->b, path);
		assert_int_equal(r->status, 200);
		char *phone = sql_text("SELECT phone FROM person_phones WHERE person_id = ? ORDER BY id LIMIT 1", "i",
				       w->own_person);
		assert_true(*phone);
		int shows = strstr(r->body, phone) != NULL && find_phone(r->body) != NULL;
		if (has_perm(w, P_PF) && !shows)
			LEAK("%s: the page of person %lld does not show their phone %s\n", w->name, w->own_person, phone);
		if (!has_perm(w, P_PF) && (strstr(r->body, phone) || !resp_contains(r, "your role does not see phones")))
			LEAK("%s: the page of person %lld shows the phone or lacks the hidden note\n", w->name, w->own_person);
		free(phone);
		response_free(r);
	}
	/* Layla's birth year (1990) is shown to the director, not to the partner */
	char path[64];
	snprintf(path, sizeof path, "/people/%lld", fx_layla);
	struct response *r = http_get(&who_named("director")->b, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "1990"));
	assert_true(resp_contains(r, LAYLA_PHONE));
	response_free(r);
	r = http_get(&who_named("partner")->b, path);
	assert_int_equal(r->status, 200);
	assert_false(resp_contains(r, "1990"));
	assert_false(resp_contains(r, LAYLA_PHONE));
	response_free(r);
	assert_int_equal(nfail, 0);
}

/* The JSON API with each role's bearer token: the same statuses and
 * checks as with the session; a token opens no HTML page; a wrong or
 * revoked token is 401. */
static void test_walk_api_with_tokens(void **state)
{
	prepare();
	nfail = 0;
	for (int i = 0; i < NUSERS; i++) {
		struct who *w = &users[i];
		struct browser b;
		browser_init(&b, srv);
		char auth[128];
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", w->token);
		const char *hdrs[] = { auth, NULL };
		for (size_t k = 0; k < sizeof get_routes / sizeof *get_routes; k++)
			if (get_routes[k].flags & F_API)
				walk_case(w, &get_routes[k], &b, hdrs, "token");
		/* pages are for people with a session: a token is not signed in there */
		static const char *const pages[] = { "/people", "/orgs/1", "/", "/people/export?format=csv", NULL };
		for (int k = 0; pages[k]; k++) {
			struct response *r = http_request(&b, "GET", pages[k], NULL, 0, hdrs);
			if (r->status != 303 || !resp_header(r, "Location") ||
			    strncmp(resp_header(r, "Location"), "/login", 6) != 0)
				LEAK("%s (token) GET %s: status %ld, expected 303 to /login\n", w->name, pages[k], r->status);
			response_free(r);
		}
		assert_int_equal(b.ncookies, 0);
		browser_free(&b);
	}
	/* no token, a wrong one, one of the right length but unknown: 401 */
	struct browser b;
	browser_init(&b, srv);
	static const char *const bad[] = { NULL, "Authorization: Bearer nope",
		"Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Authorization: Basic YWRtaW46eA==", NULL };
	for (int k = 0; k < 4; k++) {
		const char *hdrs[] = { bad[k], NULL };
		struct response *r = http_request(&b, "GET", "/api/v1/people?q=x", NULL, 0, k ? hdrs : NULL);
		if (r->status != 401)
			LEAK("GET /api/v1/people with %s: status %ld, expected 401\n", bad[k] ? bad[k] : "no token", r->status);
		response_free(r);
	}
	/* a revoked token stops working at once */
	struct who *o = who_named("officer");
	char auth[128], out[4096], id[32];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", o->token);
	const char *hdrs[] = { auth, NULL };
	struct response *r = http_request(&b, "GET", "/api/v1/orgs?q=a", NULL, 0, hdrs);
	assert_int_equal(r->status, 200);
	response_free(r);
	long long tid = sql_int("SELECT max(t.id) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.name = 'officer'", "");
	snprintf(id, sizeof id, "%lld", tid);
	const char *args[] = { "token", "revoke", "--id", id, "--db", srv->db, NULL };
	assert_int_equal(run_daam(out, sizeof out, args), 0);
	r = http_request(&b, "GET", "/api/v1/orgs?q=a", NULL, 0, hdrs);
	assert_int_equal(r->status, 401);
	response_free(r);
	browser_free(&b);
	assert_int_equal(nfail, 0);
}

/* ---- the POST walk ---- */

struct post_case {
	const char *path;
	perm_t perm;
	enum kind kind;
	const char *const *fields;
};

static const char *const F_PLACE_ALIASES[] = { "aliases", "اسم آخر\nAnother name", NULL };

/* The POST cases: every POST route that needs a permission, with a form. */
static const struct post_case post_routes[] = {
	{ "/admin/users", P_UA, K_NONE, F_USER_NEW },
	{ "/admin/users/%lld", P_UA, K_SELF, F_USER_EDIT },
	{ "/admin/users/%lld/disable", P_UA, K_USER, NULL },
	{ "/admin/users/%lld/enable", P_UA, K_USER, NULL },
	{ "/admin/users/%lld/password", P_UA, K_USER, F_PASSWORD },
	{ "/admin/users/%lld/reset-2fa", P_UA, K_USER, NULL },
	{ "/admin/offices", P_OA, K_NONE, F_OFFICE },
	{ "/admin/offices/%lld", P_OA, K_OFFICE, F_NAMES },
	{ "/admin/places", P_OA, K_NONE, F_NAMES },
	{ "/admin/places/%lld", P_OA, K_PLACE, F_NAMES },
	{ "/admin/places/%lld/add", P_OA, K_PLACE, F_NAMES },
	{ "/admin/places/%lld/aliases", P_OA, K_PLACE, F_PLACE_ALIASES },
	{ "/admin/sectors", P_OA, K_NONE, F_SECTOR },
	{ "/admin/sectors/1", P_OA, K_NONE, F_NAMES },
	{ "/orgs", P_OW, K_NONE, F_ORG },
	{ "/orgs/%lld", P_OW, K_ORG, F_ORG },
	{ "/orgs/%lld/members", P_PW, K_ORG, F_MEMBER },
	{ "/people/duplicates/refresh", P_PW, K_NONE, NULL },
	{ "/people/duplicates/merge", P_PW, K_PAIR, NULL },
	{ "/people/duplicates/distinct", P_PW, K_PAIR, NULL },
	{ "/people/merges/%lld/undo", P_PW, K_MERGE, NULL },
	{ "/people", P_PW, K_NONE, F_PERSON },
	{ "/people/%lld", P_PW, K_PERSON, F_PERSON },
	{ "/people/%lld/erase", P_PW | P_PF, K_PERSON, NULL },
	{ "/admin/retention", P_RA, K_NONE, F_RETENTION },
	{ "/admin/retention/purge", P_RA, K_NONE, NULL },
	{ "/import", P_IM, K_NONE, F_IMPORT_KIND },
	{ "/import/%lld", P_IM, K_UPLOAD, F_IMPORT_COMMIT },
	{ "/import/%lld/delete", P_IM, K_UPLOAD, NULL },
	{ "/jobs/%lld/cancel", P_S, K_JOB, NULL },
	/* incubation */
	{ "/cohorts", P_IW, K_NONE, F_COHORT },
	{ "/cohorts/%lld", P_IW, K_COHORT, F_COHORT },
	{ "/cohorts/%lld/candidates", P_IW, K_COHORT, F_CANDIDATE },
	{ "/cohorts/%lld/apply", P_IO, K_COHORT, NULL },
	{ "/candidates/%lld/scores", P_IW, K_CANDIDATE, F_CAND_SCORES },
	{ "/candidates/%lld/decision", P_IW, K_CANDIDATE, F_DECISION },
	{ "/candidates/%lld/enroll", P_IW, K_CANDIDATE, NULL },
	{ "/candidates/%lld/graduate", P_IW, K_CANDIDATE, NULL },
	{ "/incubation/criteria", P_IW, K_NONE, F_CRITERION },
	{ "/incubation/criteria/%lld", P_IW, K_INDICATOR, F_CRITERION },
	{ "/incubation/library", P_IW, K_NONE, F_LIBRARY },
	{ "/incubation/library/%lld", P_IW, K_INDICATOR, F_LIBRARY },
	{ "/incubation/framework/indicators/%lld", P_OA, K_INDICATOR, F_INDICATOR },
	{ "/incubation/framework/indicators", P_OA, K_NONE, F_IND_NEW },
	{ "/incubation/framework/indicators/%lld/remove", P_OA, K_INDICATOR, NULL },
	{ "/orgs/%lld/assessments", P_IW, K_ORG, F_ASSESS_KIND },
	{ "/assessments/%lld/scores", P_IW, K_ASSESS, F_SCORES },
	{ "/assessments/%lld/self", P_IO, K_ASSESS, F_SELF },
	{ "/assessments/%lld/finalize", P_IW, K_ASSESS, NULL },
	{ "/assessments/%lld/correct", P_IW, K_ASSESS, F_REASON },
	{ "/assessments/%lld/plan", P_IW, K_ASSESS, F_THRESHOLD },
	{ "/assessments/%lld/files", P_IW, K_ASSESS, NULL },
	{ "/plans/%lld/actions", P_IW, K_PLAN, F_ACTION },
	{ "/plan-actions/%lld", P_IO, K_ACTION, F_ACTION_EDIT },
	{ "/activities", P_AW, K_NONE, F_ACTIVITY },
	{ "/activities/%lld", P_AW, K_ACTIVITY, F_ACTIVITY },
	{ "/activities/%lld/sessions", P_AW, K_ACTIVITY, F_SESSION },
	{ "/activities/%lld/people", P_AW | P_PR, K_ACTIVITY, F_REGISTER },
	{ "/activities/%lld/people/1/scores", P_AW, K_ACTIVITY, F_TEST_SCORES },
	{ "/activities/%lld/people/1/remove", P_AW, K_ACTIVITY, NULL },
	{ "/activities/%lld/certificates", P_CE, K_ACTIVITY, NULL },
	{ "/activities/%lld/plan-links", P_AW, K_ACTIVITY, F_PLAN_LINK },
	{ "/activities/%lld/plan-links/1/remove", P_AW, K_ACTIVITY, NULL },
	{ "/sessions/%lld/attendance", P_AW, K_SESSION, F_MARK },
	{ "/sessions/%lld/walkin", P_AW | P_PR, K_SESSION, F_WALKIN },
	{ "/sessions/%lld/import", P_AW, K_SESSION, NULL },
	{ "/sessions/%lld/sheets/%lld", P_AW, K_SHEET, NULL },
	{ "/sessions/%lld/sheets/%lld/discard", P_AW, K_SHEET, NULL },
	{ "/calendar", P_AW, K_NONE, F_FEED },
	{ "/portal/activities/%lld/people", P_PR, K_ACTIVITY, F_PORTAL },
	{ "/calendar/%lld/revoke", P_AW, K_FEED, NULL },
	{ "/rooms/%lld", P_WM, K_ROOM, F_WS_ROOM },
	{ "/equipment/%lld", P_WM, K_EQUIP, F_WS_EQUIP },
	{ "/bookings/%lld/approve", P_WM, K_BOOKING, NULL },
	{ "/bookings/%lld/refuse", P_WM, K_BOOKING, F_WS_REFUSE },
	{ "/bookings/%lld/cancel", P_WQ, K_BOOKING, F_WS_CANCEL },
	{ "/bookings/%lld/person", P_WR | P_PR, K_BOOKING, F_WS_PERSON },
};

static int incub_kind(enum kind k)
{
	return k == K_COHORT || k == K_CANDIDATE || k == K_ASSESS || k == K_PLAN || k == K_ACTION || k == K_FILE;
}

/* A role without the permission: 403 with a valid CSRF token.  A role with
 * it, on an object out of its scope: 404.  Either way nothing changes.
 * (Allowed writes in scope are test_registry's.) */
static void test_walk_post_routes(void **state)
{
	prepare();
	nfail = 0;
	int probes = 0;
	for (int i = 0; i < NUSERS; i++) {
		struct who *w = &users[i];
		for (size_t k = 0; k < sizeof post_routes / sizeof *post_routes; k++) {
			const struct post_case *c = &post_routes[k];
			mark_walked("POST", c->path);
			int ok = has_perm(w, c->perm);
			long long person = w->foreign_person ? w->foreign_person : w->own_person;
			long long org = w->foreign_org ? w->foreign_org : w->own_org;
			int scoped = c->kind == K_ORG || c->kind == K_PERSON || c->kind == K_PAIR;
			int foreign = c->kind == K_FEED ? 1 : c->kind == K_ROOM ? w->foreign_room != 0
				      : c->kind == K_EQUIP ? w->foreign_equip != 0 : c->kind == K_BOOKING ? w->foreign_booking != 0
				      : c->kind == K_ACTIVITY ? w->foreign_act != 0 : c->kind == K_SESSION ? w->foreign_session != 0
				      : c->kind == K_UPLOAD ? strcmp(w->name, "director") != 0
				      : c->kind == K_SHEET ? strcmp(w->name, "officer") != 0
				      : c->kind == K_JOB ? strcmp(w->name, "admin") != 0
				      : c->kind == K_MERGE ? !sees_person(w, sql_int("SELECT kept_id FROM person_merges"
									     " WHERE id = ?", "i", fx_merge))
				      : scoped && (c->kind == K_ORG ? w->foreign_org : w->foreign_person);
			long long incub_own = 0, incub_foreign = 0;
			if (incub_kind(c->kind)) {
				incub_ids(w, c->kind, &incub_own, &incub_foreign);
				foreign = incub_foreign != 0;
			}
			if (ok && !foreign)
				continue;
			long expect = ok ? 404 : 403;
			char path[128], pair[64];
			long long arg = c->kind == K_ORG ? org : c->kind == K_PERSON ? person : c->kind == K_SELF ? w->id
					: c->kind == K_USER ? 2 : c->kind == K_OFFICE ? 2 : c->kind == K_PLACE ? 1000
					: c->kind == K_UPLOAD ? fx_upload : c->kind == K_JOB ? fx_job
					: c->kind == K_MERGE ? fx_merge : c->kind == K_INDICATOR ? 1
					: incub_kind(c->kind) ? (incub_foreign ? incub_foreign : incub_own ? incub_own : 1)
					: c->kind == K_ACTIVITY ? (w->foreign_act ? w->foreign_act : w->own_act)
					: c->kind == K_SESSION ? (w->foreign_session ? w->foreign_session : w->own_session)
					: c->kind == K_ROOM ? (w->foreign_room ? w->foreign_room : w->own_room ? w->own_room : 1)
					: c->kind == K_EQUIP ? (w->foreign_equip ? w->foreign_equip : w->own_equip ? w->own_equip : 1)
					: c->kind == K_BOOKING ? (w->foreign_booking ? w->foreign_booking : w->own_booking ? w->own_booking : 1)
					: c->kind == K_FEED ? 999999 : 0;
			if (c->kind == K_SHEET)
				snprintf(path, sizeof path, c->path, fx_sheet_session, fx_sheet);
			else
				snprintf(path, sizeof path, c->path, arg);
			snprintf(pair, sizeof pair, "%lld:%lld", w->own_person ? w->own_person : 1, person);
			unsigned long long before = db_digest();
			struct response *r = post_kv(&w->b, path, w->csrf, c->fields, c->kind == K_PAIR ? "pair" : NULL, pair);
			probes++;
			if (r->status != expect)
				LEAK("%s POST %s%s%s: status %ld, expected %ld\n", w->name, path, c->kind == K_PAIR ? " pair=" : "",
				     c->kind == K_PAIR ? pair : "", r->status, expect);
			if (db_digest() != before)
				LEAK("LEAK %s POST %s (status %ld) changed the database\n", w->name, path, r->status);
			response_free(r);
		}
	}
	print_message("%d refused POSTs checked; %d problems\n", probes, nfail);
	assert_true(probes > 100);
	assert_int_equal(nfail, 0);
}

/* Without the right CSRF token no POST does anything, even the admin's
 * (and signing out needs it too). */
static void test_post_routes_need_csrf(void **state)
{
	prepare();
	nfail = 0;
	struct browser b;
	browser_init(&b, srv);
	b.accept_language = "en";
	sign_in(&b, "admin");
	static const char *const F_PREFS[] = { "lang", "ar", "next", "/", NULL };
	static const char *const F_OWN_PASSWORD[] = { "current", DEMO_PASSWORD, "password", "cedar-lantern-88", NULL };
	static const char *const F_LOGIN[] = { "name", "admin", "password", DEMO_PASSWORD, "next", "/", NULL };
	const struct post_case more[] = {
		{ "/login", 0, K_NONE, F_LOGIN }, { "/logout", P_S, K_NONE, NULL }, { "/prefs", 0, K_NONE, F_PREFS },
		{ "/account/password", P_S, K_NONE, F_OWN_PASSWORD },
	};
	struct who *a = who_named("admin");
	char pair[64];
	snprintf(pair, sizeof pair, "%lld:%lld", fx_layla, fx_twin);
	static const char *const tokens[] = { NULL, "", "not-the-token" };
	size_t n = sizeof post_routes / sizeof *post_routes, m = sizeof more / sizeof *more;
	for (size_t k = 0; k < n + m; k++) {
		const struct post_case *c = k < n ? &post_routes[k] : &more[k - n];
		mark_walked("POST", c->path);
		char path[128];
		long long arg = c->kind == K_ORG ? 1 : c->kind == K_PERSON ? fx_layla : c->kind == K_SELF ? a->id
				: c->kind == K_USER ? 2 : c->kind == K_OFFICE ? 2 : c->kind == K_PLACE ? 1000
				: c->kind == K_UPLOAD ? fx_upload : c->kind == K_JOB ? fx_job
				: c->kind == K_MERGE ? fx_merge : c->kind == K_INDICATOR || incub_kind(c->kind) ? 1
				: c->kind == K_ACTIVITY ? 1 : c->kind == K_SESSION ? 1 : c->kind == K_ROOM || c->kind == K_EQUIP || c->kind == K_BOOKING ? 1
				: c->kind == K_FEED ? 999999 : 0;
		if (c->kind == K_SHEET)
			snprintf(path, sizeof path, c->path, fx_sheet_session, fx_sheet);
		else
			snprintf(path, sizeof path, c->path, arg);
		for (int t = 0; t < 3; t++) {
			unsigned long long before = db_digest();
			struct response *r;
			if (tokens[t])
				r = post_kv(&b, path, tokens[t], c->fields, c->kind == K_PAIR ? "pair" : NULL, pair);
			else
				r = post_kv(&b, path, NULL, NULL, NULL, NULL);
			if (r->status != 403)
				LEAK("admin POST %s with %s CSRF token: status %ld, expected 403\n", path,
				     t == 0 ? "an empty body and no" : t == 1 ? "an empty" : "a wrong", r->status);
			if (db_digest() != before)
				LEAK("LEAK admin POST %s without the CSRF token changed the database\n", path);
			response_free(r);
		}
	}
	/* still signed in: the refused /logout did not sign out */
	struct response *r = http_get(&b, "/account");
	assert_int_equal(r->status, 200);
	response_free(r);
	browser_free(&b);
	assert_int_equal(nfail, 0);
}

/* A person out of scope cannot be attached, by number, to an organization
 * in scope (which would bring them, phone and all, into the user's view). */
static void test_member_add_refuses_person_out_of_scope(void **state)
{
	prepare();
	struct who *o = who_named("officer");
	assert_false(sees_person(o, fx_twin));
	assert_true(sees_org(o, 4));
	char id[24], path[64];
	snprintf(id, sizeof id, "%lld", fx_twin);
	const char *kv[] = { "person", id, "role", "عضو", NULL };
	unsigned long long before = db_digest();
	struct response *r = post_kv(&o->b, "/orgs/4/members", o->csrf, kv, NULL, NULL);
	long st = r->status;
	response_free(r);
	unsigned long long after = db_digest();
	snprintf(path, sizeof path, "/people/%lld", fx_twin);
	r = http_get(&o->b, path);
	long seen = r->status;
	int phone = resp_contains(r, "944 111 222");
	response_free(r);
	if (st != 404 && st != 400)
		print_message("officer POST /orgs/4/members person=%lld (Deir-ez-Zor): status %ld, expected 404 or 400\n",
			      fx_twin, st);
	if (after != before)
		print_message("... and the database changed: person %lld is now a member of organization 4\n", fx_twin);
	if (seen != 404)
		print_message("... and the officer now opens /people/%lld: status %ld%s\n", fx_twin, seen,
			      phone ? ", with the phone" : "");
	assert_true(st == 404 || st == 400);
	assert_true(after == before);
	assert_int_equal(seen, 404);
}

/* The duplicates review of an office-bound user offers only pairs of people
 * they see (here: Layla of Raqqa and her twin of Deir-ez-Zor must not be
 * offered to the Raqqa officer, who would read the twin's name, birth year
 * and community, and could merge across offices). */
static void test_duplicates_stay_in_scope(void **state)
{
	prepare();
	nfail = 0;
	struct who *o = who_named("officer");
	struct response *r = probe(o, &o->b, NULL, "session", "/people/duplicates", 200, NULL);
	char a[96];
	snprintf(a, sizeof a, "value=\"%lld:%lld\"", fx_layla, fx_twin);
	if (resp_contains(r, a))
		LEAK("LEAK officer: /people/duplicates offers the pair %lld:%lld (the second is in Deir-ez-Zor)\n", fx_layla,
		     fx_twin);
	response_free(r);
	r = probe(o, &o->b, NULL, "session", "/api/v1/people/duplicates", 200, NULL);
	response_free(r);
	/* the director (all offices) is offered the pair: the fixture is real */
	struct who *d = who_named("director");
	r = http_get(&d->b, "/people/duplicates");
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, a));
	response_free(r);
	assert_int_equal(nfail, 0);
}

/* The partner sees their organization and its members only: the lists
 * count exactly those, and no page names another organization. */
static void test_partner_sees_own_org_only(void **state)
{
	prepare();
	nfail = 0;
	struct who *p = who_named("partner");
	struct response *r = probe(p, &p->b, NULL, "session", "/orgs", 200, NULL);
	assert_true(resp_contains(r, "Organizations found: 1<"));
	assert_true(resp_contains(r, "href=\"/orgs/1\""));
	response_free(r);
	r = probe(p, &p->b, NULL, "session", "/people", 200, NULL);
	char count[64];
	snprintf(count, sizeof count, "People found: %lld<", visible_people(p));
	assert_int_equal(visible_people(p), 1);
	if (!resp_contains(r, count))
		LEAK("partner: /people does not say \"%s\"\n", count);
	assert_true(links_person(r->body, fx_layla));
	/* Layla is also a member of organization 2: the partner's views of her
	 * (the list's organizations column, her page, the API) must not name it */
	char *org2 = sql_text("SELECT name_ar FROM orgs WHERE id = 2", "");
	char *org2_en = sql_text("SELECT name_en FROM orgs WHERE id = 2", "");
	if (resp_contains(r, org2))
		LEAK("LEAK partner: /people names organization 2 (%s) among Layla's organizations\n", org2_en);
	response_free(r);
	char path[64];
	snprintf(path, sizeof path, "/people/%lld", fx_layla);
	r = probe(p, &p->b, NULL, "session", path, 200, NULL);
	if (resp_contains(r, org2) || resp_contains(r, org2_en))
		LEAK("LEAK partner: %s names organization 2 (%s)\n", path, org2_en);
	response_free(r);
	free(org2_en);
	snprintf(path, sizeof path, "/api/v1/people/%lld", fx_layla);
	response_free(probe(p, &p->b, NULL, "session", path, 200, NULL));
	/* searching another organization's name finds nothing */
	char q[512], esc[400];
	url_escape(org2, esc, sizeof esc);
	snprintf(q, sizeof q, "/api/v1/orgs?q=%s", esc);
	r = probe(p, &p->b, NULL, "session", q, 200, NULL);
	assert_true(resp_contains(r, "\"total\":0"));
	response_free(r);
	free(org2);
	assert_int_equal(nfail, 0);
}

/* ---- exports ---- */

/* The number after "Entries: " on the audit page. */
static long audit_entries(const char *query)
{
	struct response *r = http_get(&admin, query);
	assert_int_equal(r->status, 200);
	const char *p = strstr(r->body, "Entries: ");
	assert_non_null(p);
	long n = 0;
	for (p += 9; isdigit((unsigned char)*p) || *p == ','; p++)
		if (*p != ',')
			n = n * 10 + (*p - '0');
	response_free(r);
	return n;
}

/* Data lines of a CSV export (after the header). */
static long csv_rows(const char *csv)
{
	long n = 0;
	const char *p = strstr(csv, "\r\n");
	while (p && p[2]) {
		n++;
		p = strstr(p + 2, "\r\n");
	}
	return n;
}

static struct response *export_as(struct who *w, const char *query)
{
	struct response *r = http_get(&w->b, query);
	assert_non_null(r);
	return r;
}

/* Pseudonymous by default (codes, no names, no phones), identified only for
 * roles with the right; refused without the export permission; each export
 * in the audit log. */
static void test_export_pseudonymous_identified_audited(void **state)
{
	prepare();
	long before = audit_entries("/admin/audit?action=export");
	long officer_before = audit_entries("/admin/audit?action=export&user=officer");
	int done = 0;
	struct who *o = who_named("officer");

	/* officer: coded CSV of exactly the people of the Raqqa scope */
	struct response *r = export_as(o, "/people/export?format=csv");
	assert_int_equal(r->status, 200);
	done++;
	assert_true(is_csv(r));
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "coded"));
	const char *header = r->body + 3; /* after the BOM */
	assert_int_equal(strncmp(header, "\"Code\",\"Age\",\"Gender\"", 21), 0);
	assert_false(resp_contains(r, "Name in Arabic"));
	assert_int_equal(csv_rows(r->body), visible_people(o));
	for (const char *line = strstr(r->body, "\r\n"); line && line[2]; line = strstr(line + 2, "\r\n")) {
		const char *c = line + 3; /* every field quoted */
		int ok = c[-1] == '"' && c[0] == 'P' && c[1] == '-' && c[12] == '"' && c[13] == ',';
		/* the code alphabet: A–Z without I and O, digits 2–9 (never a phone) */
		for (int k = 2; ok && k < 12; k++)
			ok = strchr("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", c[k]) != NULL && c[k] != 0;
		if (!ok)
			fail_msg("export line without a P-xxxxxxxxxx code: %.60s", c);
	}
	assert_null(find_phone(r->body));
	/* no person's name, Arabic or Latin */
	sqlite3_stmt *st = sql_vprep("SELECT name_ar, name_latin FROM people WHERE merged_into IS NULL", NULL, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < 2; c++) {
			const char *n = (const char *)sqlite3_column_text(st, c);
			if (n && *n && strstr(r->body, n))
				fail_msg("the coded export contains the name %s", n);
		}
	sqlite3_finalize(st);
	response_free(r);

	/* the officer may not ask for names */
	r = export_as(o, "/people/export?format=csv&identified=1");
	assert_int_equal(r->status, 403);
	assert_null(find_phone(r->body));
	response_free(r);
	r = export_as(o, "/people/export?format=xlsx&identified=1");
	assert_int_equal(r->status, 403);
	response_free(r);
	/* roles without the export permission */
	static const char *const refused[] = { "trainer", "partner", "space", "reviewer", "donor", NULL };
	for (int i = 0; refused[i]; i++) {
		r = export_as(who_named(refused[i]), "/people/export?format=csv");
		if (r->status != 403)
			print_message("%s: export status %ld\n", refused[i], r->status);
		assert_int_equal(r->status, 403);
		response_free(r);
	}
	/* grants (Raqqa) gets its scope only */
	struct who *g = who_named("grants");
	r = export_as(g, "/people/export?format=csv");
	assert_int_equal(r->status, 200);
	done++;
	assert_int_equal(csv_rows(r->body), visible_people(g));
	response_free(r);

	/* the director asks for names: names and phones are there */
	struct who *d = who_named("director");
	r = export_as(d, "/people/export?format=csv&identified=1");
	assert_int_equal(r->status, 200);
	done++;
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "identified"));
	assert_int_equal(csv_rows(r->body), visible_people(d));
	assert_true(resp_contains(r, LAYLA));
	assert_true(resp_contains(r, LAYLA_PHONE));
	assert_non_null(find_phone(r->body));
	st = sql_vprep("SELECT name_ar FROM people WHERE merged_into IS NULL", NULL, NULL);
	int missing = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		missing += strstr(r->body, (const char *)sqlite3_column_text(st, 0)) == NULL;
	sqlite3_finalize(st);
	assert_int_equal(missing, 0);
	response_free(r);
	r = export_as(d, "/people/export?format=xlsx");
	assert_int_equal(r->status, 200);
	done++;
	assert_true(r->body_len > 2048);
	assert_int_equal(memcmp(r->body, "PK", 2), 0);
	response_free(r);

	/* every export that answered 200 is in the audit log, no refused one */
	long after = audit_entries("/admin/audit?action=export");
	if (after - before != done)
		print_message("audit: %ld export entries added, %d exports made\n", after - before, done);
	assert_int_equal(after - before, done);
	assert_int_equal(audit_entries("/admin/audit?action=export&user=officer") - officer_before, 1);
	r = http_get(&admin, "/admin/audit?action=export&user=director");
	char detail[96];
	snprintf(detail, sizeof detail, "rows=%lld format=csv identified=1", visible_people(d));
	assert_true(resp_contains(r, detail));
	assert_true(resp_contains(r, "format=xlsx identified=0"));
	response_free(r);
}

static void test_server_stops_cleanly(void **state)
{
	for (int i = 0; prepared > 0 && i < NUSERS; i++) {
		browser_free(&users[i].b);
		free(users[i].csrf);
	}
	if (prepared > 0)
		browser_free(&admin);
	free(admin_csrf);
	if (test_db)
		sqlite3_close(test_db);
	test_db = NULL;
	assert_int_equal(server_stop(*state), 0);
}

/* The walk of a route no case reached: for each role, a GET answers 200
 * with the permission and 403 without (public routes 200); a POST with the
 * session's CSRF token and an empty form answers 403 without the permission
 * and changes nothing, and no answer is a server error.  Signed out, the
 * route sends to the sign-in page (API routes: 401).  Returns the problems. */
static int walk_declared(const struct route_line *d, const char *name, perm_t perms, struct browser *b,
			 const char *csrf)
{
	int before_fail = nfail;
	int ok = (perms & d->perm) == d->perm;
	if (strcmp(d->method, "GET") == 0) {
		struct response *r = http_request(b, "GET", d->pattern, NULL, 0, NULL);
		long expect = ok ? 200 : 403;
		if (r->status >= 500 || r->status == 0)
			LEAK("%s GET %s: status %ld (server error)\n", name, d->pattern, r->status);
		else if (r->status != expect)
			LEAK("%s GET %s: status %ld, expected %ld\n", name, d->pattern, r->status, expect);
		response_free(r);
	} else {
		unsigned long long before = db_digest();
		struct response *r = post_kv(b, d->pattern, csrf, NULL, NULL, NULL);
		if (r->status >= 500 || r->status == 0)
			LEAK("%s POST %s: status %ld (server error)\n", name, d->pattern, r->status);
		else if (!ok && r->status != 403)
			LEAK("%s POST %s: status %ld, expected 403\n", name, d->pattern, r->status);
		if (!ok && db_digest() != before)
			LEAK("LEAK %s POST %s (status %ld) changed the database\n", name, d->pattern, r->status);
		response_free(r);
		r = post_kv(b, d->pattern, "not-the-token", NULL, NULL, NULL);
		if (r->status != 403)
			LEAK("%s POST %s with a wrong CSRF token: status %ld, expected 403\n", name, d->pattern, r->status);
		response_free(r);
	}
	return nfail - before_fail;
}

static void walk_signed_out(const struct route_line *d)
{
	if (!d->perm)
		return;
	struct browser b;
	browser_init(&b, srv);
	struct response *r = strcmp(d->method, "GET") == 0 ? http_request(&b, "GET", d->pattern, NULL, 0, NULL)
							   : post_kv(&b, d->pattern, NULL, NULL, NULL, NULL);
	int api = strstr(d->flags, "api") != NULL;
	const char *loc = resp_header(r, "Location");
	if (api ? r->status != 401 : !(r->status == 403 || (r->status == 303 && loc && strncmp(loc, "/login", 6) == 0)))
		LEAK("signed out %s %s: status %ld\n", d->method, d->pattern, r->status);
	response_free(r);
	browser_free(&b);
}

/* Every route `daam routes` lists is walked: by its case above, or here.
 * A route with a path parameter names an object, whose scope only a case
 * with an object out of scope can check: it must have one. */
static void test_every_declared_route_is_walked(void **state)
{
	prepare();
	nfail = 0;
	if (!ndeclared)
		load_declared();
	int generic = 0, probe_routes = 0;
	for (int k = 0; k < ndeclared; k++) {
		struct route_line *d = &declared[k];
		if (d->walked)
			continue;
		if (strchr(d->pattern, '{')) {
			LEAK("%s %s (module %s) has a path parameter and no case in test_access.c: add one with an "
			     "object out of scope\n", d->method, d->pattern, d->module);
			continue;
		}
		for (int i = 0; i < NUSERS; i++)
			walk_declared(d, users[i].name, users[i].perms, &users[i].b, users[i].csrf);
		walk_signed_out(d);
		d->walked = 1;
		generic++;
		probe_routes += strcmp(d->module, "probe") == 0;
		print_message("walked %s %s (module %s) from the route table\n", d->method, d->pattern, d->module);
	}
	/* the test module's routes came from its descriptor alone */
	assert_int_equal(probe_routes, 2);
	assert_true(generic >= 2);
	assert_int_equal(nfail, 0);
}

/* What a module adds shows up for the roles its permission names: the
 * probe's navigation entry and its section on an organization's page are
 * the trainer's (who holds probe.use), not the expert's. */
static void test_module_sections_and_navigation(void **state)
{
	prepare();
	struct who *t = who_named("trainer"), *e = who_named("expert");
	char path[64];
	snprintf(path, sizeof path, "/orgs/%lld", t->own_org ? t->own_org : 1);
	struct response *r = http_get(&t->b, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "id=\"probe-section\""));
	assert_true(resp_contains(r, "href=\"/probe\""));
	response_free(r);
	snprintf(path, sizeof path, "/orgs/%lld", e->own_org ? e->own_org : 1);
	r = http_get(&e->b, path);
	assert_int_equal(r->status, 200);
	assert_false(resp_contains(r, "probe-section"));
	assert_false(resp_contains(r, "href=\"/probe\""));
	response_free(r);
}

/* The walk catches a broken route: the same probe module, made to answer
 * 500 (DAAM_PROBE_BROKEN=1), is reported for the roles that reach it. */
static void test_walk_catches_a_broken_route(void **state)
{
	prepare();
	if (!ndeclared)
		load_declared();
	setenv("DAAM_PROBE_BROKEN", "1", 1);
	struct server *broken = server_start(NULL);
	unsetenv("DAAM_PROBE_BROKEN");
	assert_non_null(broken);
	struct browser b;
	browser_init(&b, broken);
	b.accept_language = "en";
	sign_in(&b, "trainer");
	char *csrf = page_csrf(&b, "/");
	int saved = nfail, found = 0, walked = 0;
	for (int k = 0; k < ndeclared; k++)
		if (strcmp(declared[k].module, "probe") == 0) {
			found += walk_declared(&declared[k], "trainer (broken probe)", who_named("trainer")->perms, &b, csrf);
			walked++;
		}
	nfail = saved;
	free(csrf);
	browser_free(&b);
	assert_int_equal(server_stop(broken), 0);
	assert_int_equal(walked, 2);
	assert_int_equal(found, 2);   /* the GET and the POST answered 500 */
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
	/* the walk runs daam-probe: daam with the test module (see the top) */
	harness_use_probe();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_get_routes),
		cmocka_unit_test(test_personal_fields_by_role),
		cmocka_unit_test(test_walk_api_with_tokens),
		cmocka_unit_test(test_walk_post_routes),
		cmocka_unit_test(test_post_routes_need_csrf),
		cmocka_unit_test(test_every_declared_route_is_walked),
		cmocka_unit_test(test_module_sections_and_navigation),
		cmocka_unit_test(test_walk_catches_a_broken_route),
		cmocka_unit_test(test_duplicates_stay_in_scope),
		cmocka_unit_test(test_partner_sees_own_org_only),
		cmocka_unit_test(test_export_pseudonymous_identified_audited),
		/* last: when it fails it has changed who sees whom */
		cmocka_unit_test(test_member_add_refuses_person_out_of_scope),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, group_teardown);
}
