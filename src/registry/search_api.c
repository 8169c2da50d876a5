/* search_api — the registry's JSON reads (docs/api.md): people and
 * organizations found by name (or phone), and one person.  People found
 * carry what tells them apart, under the page's rules: organizations of the
 * user's scope for everyone; birth year, community and the phone's last two
 * digits only for roles that see personal fields. */
#include <jansson.h>
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "registry/search.h"
#include "auth/audit.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

#define RESULTS 50

static json_t *hit_json(const struct person_hit *h, int personal)
{
	json_t *orgs = json_array();
	for (int i = 0; i < h->norgs; i++)
		json_array_append_new(orgs, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)h->orgs[i].id, "name",
						      h->orgs[i].name_ar, "name_en", h->orgs[i].name_en));
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:o}", "id", (json_int_t)h->id, "name", h->name, "name_latin", h->latin,
			      "gender", h->gender, "organizations", orgs);
	if (personal) {
		json_object_set_new(j, "birth_year", h->birth_year ? json_integer(h->birth_year) : json_null());
		json_object_set_new(j, "community", h->place_id ? json_pack("{s:I,s:s,s:s}", "id", (json_int_t)h->place_id,
				    "name", h->community_ar, "name_en", h->community_en) : json_null());
		json_object_set_new(j, "phone_end", *h->phone_end ? json_string(h->phone_end) : json_null());
	}
	return j;
}

void api_people_list(struct req *r)
{
	long long limit = req_has(r, "limit") ? req_int(r, "limit") : RESULTS;
	struct scope sc;
	scope_of(r, &sc);
	struct person_hit *hits = arena_alloc(&r->arena, (size_t)limit * sizeof *hits);
	long long total = 0;
	int n = hits ? search_people(r, req_str(r, "q"), limit, req_int(r, "offset"), hits, (int)limit, &total) : 0;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, hit_json(&hits[i], sc.personal));
	req_json_value(r, json_pack("{s:I,s:o}", "total", (json_int_t)total, "items", items));
}

void api_orgs_list(struct req *r)
{
	long long limit = req_has(r, "limit") ? req_int(r, "limit") : RESULTS;
	long long total = 0;
	sqlite3_stmt *st = search_orgs(r, req_str(r, "q"), limit, req_int(r, "offset"), &total);
	json_t *items = json_array();
	while (st && db_row(st) == 1)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s}", "id",
			(json_int_t)sqlite3_column_int64(st, 0), "name", db_text(st, 1),
			"name_en", db_text(st, 2), "kind", db_text(st, 3), "stage", db_text(st, 4)));
	req_json_value(r, json_pack("{s:I,s:o}", "total", (json_int_t)total, "items", items));
}

static const char SQL_PERSON[] =
	"SELECT id, name_ar, name_latin, gender, birth_year, place_id, displacement, disability, education"
	" FROM people WHERE id = ?1 AND merged_into IS NULL";
static const char SQL_PHONES[] = "SELECT phone FROM person_phones WHERE person_id = ?1 ORDER BY id";
static const char SQL_MEMBERSHIPS[] =
	"SELECT m.org_id, o.name_ar, m.role FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = ?1"
	" AND" ORG_VISIBLE("o", "?2", "?3");

struct view {
	int64_t user, person;
};

static int api_view_fn(struct db *w, void *arg)
{
	const struct view *v = arg;
	return audit_write(w, v->user, "view", "person", v->person, "api");
}

void api_person_get(struct req *r)
{
	int64_t id = req_int(r, "id");
	struct scope sc;
	scope_of(r, &sc);
	if (!scope_sees_person(r, id)) {
		req_error(r, 404);
		return;
	}
	sqlite3_stmt *st = db_q(db_read(), SQL_PERSON, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	json_t *j = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "name", db_text(st, 1),
			      "name_latin", db_text(st, 2), "gender", db_text(st, 3));
	/* null when nobody recorded it */
	json_object_set_new(j, "disability", sqlite3_column_type(st, 7) == SQLITE_NULL ? json_null()
				: json_boolean(sqlite3_column_int(st, 7)));
	json_object_set_new(j, "displacement", json_string(db_text(st, 6)));
	json_object_set_new(j, "education", json_string(db_text(st, 8)));
	if (sc.personal) {
		json_object_set_new(j, "birth_year", sqlite3_column_type(st, 4) == SQLITE_NULL ? json_null()
				    : json_integer(sqlite3_column_int64(st, 4)));
		json_object_set_new(j, "place_id", sqlite3_column_type(st, 5) == SQLITE_NULL ? json_null()
				    : json_integer(sqlite3_column_int64(st, 5)));
	}
	sqlite3_reset(st);
	if (sc.personal) {
		json_t *phones = json_array();
		st = db_q(db_read(), SQL_PHONES, "I", (long long)id);
		while (db_row(st) == 1)
			json_array_append_new(phones, json_string(db_text(st, 0)));
		json_object_set_new(j, "phones", phones);
	}
	json_t *orgs = json_array();
	st = db_q(db_read(), SQL_MEMBERSHIPS, "III", (long long)id, (long long)sc.office, (long long)sc.org);
	while (db_row(st) == 1)
		json_array_append_new(orgs, json_pack("{s:I,s:s,s:s}", "org_id", (json_int_t)sqlite3_column_int64(st, 0),
						      "name", db_text(st, 1), "role", db_text(st, 2)));
	json_object_set_new(j, "memberships", orgs);
	struct view v = { r->user->id, id };
	db_write(api_view_fn, &v);
	req_json_value(r, j);
}
