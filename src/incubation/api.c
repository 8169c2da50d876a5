/* api — the incubation module's JSON reads (docs/api.md), with the same
 * scope as the pages: the cohorts of the user's office; an organization's
 * assessments with their score per dimension; its current plan. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "registry/registry.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

/* Scores as 2.33, not 2.3300000000000001. */
static void send(struct req *r, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(4)) : NULL;
	json_decref(j);
	if (!s) {
		req_error(r, 500);
		return;
	}
	req_json(r, 200, s);
	free(s);
}

static const char SQL_COHORTS[] =
	"SELECT c.id, c.name, c.office_id, c.start_date, c.end_date, c.status,"
	" (SELECT count(*) FROM candidates k WHERE k.cohort_id = c.id AND k.status IN ('enrolled','graduated'))"
	" FROM cohorts c WHERE (?1 = 0 OR c.office_id = ?1) ORDER BY c.start_date DESC, c.id DESC LIMIT 500";

void api_cohorts(struct req *r)
{
	struct scope sc;
	scope_of(r, &sc);
	json_t *items = json_array();
	sqlite3_stmt *st = db_q(db_read(), SQL_COHORTS, "I", (long long)sc.office);
	while (db_row(st) == 1)
		json_array_append_new(items, json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)sqlite3_column_int64(st, 0),
			"name", db_text(st, 1), "office_id", (json_int_t)sqlite3_column_int64(st, 2), "start", db_text(st, 3),
			"end", db_text(st, 4), "status", db_text(st, 5), "enrolled", (json_int_t)sqlite3_column_int64(st, 6)));
	req_json_value(r, json_pack("{s:o}", "items", items));
}

static const char SQL_ASSESSMENTS[] =
	"SELECT a.id, a.kind, a.status, a.version, f.version, coalesce(a.cohort_id, 0) FROM assessments a"
	" JOIN frameworks f ON f.id = a.framework_id WHERE a.org_id = ?1 ORDER BY a.id LIMIT 100";

void api_org_assessments(struct req *r)
{
	int64_t org = req_int(r, "id");
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	struct db *d = db_read();
	int64_t ids[100];
	json_t *items = json_array(), *rows[100];
	int n = 0;
	sqlite3_stmt *st = db_q(d, SQL_ASSESSMENTS, "I", (long long)org);
	while (db_row(st) == 1 && n < 100) {
		ids[n] = sqlite3_column_int64(st, 0);
		rows[n] = json_pack("{s:I,s:s,s:s,s:i,s:i,s:I}", "id", (json_int_t)ids[n], "kind", db_text(st, 1),
				      "status", db_text(st, 2), "version", sqlite3_column_int(st, 3), "framework_version",
				      sqlite3_column_int(st, 4), "cohort_id", (json_int_t)sqlite3_column_int64(st, 5));
		n++;
	}
	for (int i = 0; i < n; i++) {
		struct dim_scores ds;
		assessment_dims_load(d, ids[i], &ds);
		json_t *scores = json_object();
		for (int k = 0; k < DIMENSIONS; k++)
			json_object_set_new(scores, dim_keys[k], ds.has[k] ? json_real((double)(long long)(ds.v[k] * 100 + 0.5) / 100)
									  : json_null());
		json_object_set_new(rows[i], "scores", scores);
		json_array_append_new(items, rows[i]);
	}
	send(r, json_pack("{s:o}", "items", items));
}

static const char SQL_PLAN[] =
	"SELECT id, coalesce(assessment_id, 0), threshold FROM plans WHERE org_id = ?1 ORDER BY id DESC LIMIT 1";
static const char SQL_ACTIONS[] =
	"SELECT id, dimension, description, owner, due_date, status FROM plan_actions WHERE plan_id = ?1"
	" ORDER BY due_date, id LIMIT " LIMIT_STR(LIMIT_PLAN_ACTIONS);
static const char SQL_LINKS[] = "SELECT kind, ref_id FROM plan_action_links WHERE action_id = ?1 ORDER BY id LIMIT 20";

void api_org_plan(struct req *r)
{
	int64_t org = req_int(r, "id");
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	struct db *d = db_read();
	json_t *out = json_object(), *actions = json_array();
	sqlite3_stmt *st = db_q(d, SQL_PLAN, "I", (long long)org);
	int64_t plan = 0;
	if (db_row(st) == 1) {
		plan = sqlite3_column_int64(st, 0);
		json_object_set_new(out, "id", json_integer(plan));
		json_object_set_new(out, "assessment_id", json_integer(sqlite3_column_int64(st, 1)));
		json_object_set_new(out, "threshold", json_real(sqlite3_column_double(st, 2)));
		sqlite3_reset(st);
	} else {
		json_object_set_new(out, "id", json_null());
	}
	int done = 0, total = 0;
	int64_t ids[LIMIT_PLAN_ACTIONS];
	json_t *rows[LIMIT_PLAN_ACTIONS];
	int n = 0;
	if (plan) {
		st = db_q(d, SQL_ACTIONS, "I", (long long)plan);
		while (db_row(st) == 1 && n < LIMIT_PLAN_ACTIONS) {
			const char *status = db_text(st, 5);
			done += !strcmp(status, "done");
			total += strcmp(status, "dropped") != 0;
			ids[n] = sqlite3_column_int64(st, 0);
			rows[n] = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)ids[n], "dimension", db_text(st, 1),
					      "description", db_text(st, 2), "owner", db_text(st, 3), "due", db_text(st, 4),
					      "status", status);
			n++;
		}
	}
	for (int i = 0; i < n; i++) {
		json_t *links = json_array();
		st = db_q(d, SQL_LINKS, "I", (long long)ids[i]);
		while (db_row(st) == 1)
			json_array_append_new(links, json_pack("{s:s,s:I}", "kind", db_text(st, 0), "ref_id",
							       (json_int_t)sqlite3_column_int64(st, 1)));
		json_object_set_new(rows[i], "links", links);
		json_array_append_new(actions, rows[i]);
	}
	json_object_set_new(out, "actions", actions);
	json_object_set_new(out, "done", json_integer(done));
	json_object_set_new(out, "total", json_integer(total));
	send(r, out);
}
