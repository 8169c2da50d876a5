/* store — the activities' vocabulary, scope and the one set of writers
 * (activity, session, participant, attendance) that pages, API, import and
 * demo share, so activity_people's counters always agree with the marks. */
#include <string.h>
#include <time.h>
#include "activities/activities.h"
#include "activities/perms.h"
#include "auth/audit.h"
#include "admin/audit_text.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

const char *const activity_kind_keys[] = { "training", "workshop", "networking", "advocacy", "local_admin",
	"sharek", "other", NULL };
static const char *const activity_kind_labels[] = { N_("Training course"), N_("Workshop"), N_("Networking event"),
	N_("Advocacy event"), N_("Meeting with a local administration"), N_("Sharek session"), N_("Other activity"),
	NULL };
/* the ten dimensions of PRODUCT.md, as fixed keys */
const char *const dimension_keys[] = { "principles", "planning", "knowledge", "context", "advocacy", "networking",
	"influence", "funding", "volunteering", "governance", NULL };
static const char *const dimension_labels[] = { N_("Principles and values"), N_("Strategic planning"),
	N_("Knowledge and skills"), N_("Understanding the context"), N_("Advocacy"), N_("Networking"),
	N_("Influence"), N_("Funding"), N_("Volunteering"), N_("Governance"), NULL };
static const char *const status_keys[] = { "registered", "waiting", "walk_in", NULL };
static const char *const status_labels[] = { N_("Signed up"), N_("On the waiting list"), N_("Walk-in"), NULL };

const struct vocab activity_kinds = { activity_kind_keys, activity_kind_labels };
const struct vocab activity_dimensions = { dimension_keys, dimension_labels };
const struct vocab participant_statuses = { status_keys, status_labels };

static const char SQL_INSERT[] =
	"INSERT INTO activities (kind, title, office_id, room, facilitators, target_group, capacity, threshold,"
	" created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)";
static const char SQL_UPDATE[] =
	"UPDATE activities SET kind = ?1, title = ?2, office_id = ?3, room = ?4, facilitators = ?5, target_group = ?6,"
	" capacity = ?7, threshold = ?8, updated_at = ?9 WHERE id = ?10";
static const char SQL_DIMS_CLEAR[] = "DELETE FROM activity_dimensions WHERE activity_id = ?1";
static const char SQL_DIM_ADD[] = "INSERT OR IGNORE INTO activity_dimensions (activity_id, dimension) VALUES (?1, ?2)";
static const char SQL_TRAINERS_CLEAR[] = "DELETE FROM activity_trainers WHERE activity_id = ?1";
static const char SQL_TRAINER_ADD[] =
	"INSERT OR IGNORE INTO activity_trainers (activity_id, user_id) SELECT ?1, id FROM users WHERE id = ?2";
static const char SQL_OFFICE_PEOPLE[] = "UPDATE activity_people SET office_id = ?1 WHERE activity_id = ?2";
static const char SQL_OLD_OFFICE[] = "SELECT office_id FROM activities WHERE id = ?1";
static const char SQL_REACHED[] = "SELECT person_id FROM activity_people WHERE activity_id = ?1 AND attended > 0";

int64_t activity_save(struct db *w, int64_t actor, int64_t id, const struct activity_in *a)
{
	long long now = (long long)time(NULL);
	int is_new = !id;
	if (!id) {
		if (db_do(w, SQL_INSERT, "ttItttiioI", a->kind, a->title, (long long)a->office_id, a->room ? a->room : "",
			  a->facilitators ? a->facilitators : "", a->target_group ? a->target_group : "", a->capacity,
			  a->threshold, (long long)(actor > 0 ? actor : 0), now) < 0)
			return -1;
		id = db_last_id(w);
	} else {
		long long old_office = db_int(w, 0, SQL_OLD_OFFICE, "I", (long long)id);
		if (db_do(w, SQL_UPDATE, "ttItttiiII", a->kind, a->title, (long long)a->office_id, a->room ? a->room : "",
			  a->facilitators ? a->facilitators : "", a->target_group ? a->target_group : "", a->capacity,
			  a->threshold, now, (long long)id) < 0)
			return -1;
		if (db_changes(w) != 1)
			return -1;
		if (db_do(w, SQL_DIMS_CLEAR, "I", (long long)id) < 0 || db_do(w, SQL_TRAINERS_CLEAR, "I", (long long)id) < 0
		    || db_do(w, SQL_OFFICE_PEOPLE, "II", (long long)a->office_id, (long long)id) < 0)
			return -1;
		if (old_office != a->office_id) {
			/* the people reached move with the activity to its new office */
			int64_t people[1024];
			int n = 0;
			sqlite3_stmt *st = db_q(w, SQL_REACHED, "I", (long long)id);
			while (db_row(st) == 1)
				if (n < 1024)
					people[n++] = sqlite3_column_int64(st, 0);
			for (int i = 0; i < n; i++)
				if (reach_all_sync(w, people[i], old_office) < 0 || reach_all_sync(w, people[i], a->office_id) < 0)
					return -1;
		}
	}
	for (int i = 0; i < a->ndims; i++)
		if (db_do(w, SQL_DIM_ADD, "It", (long long)id, a->dims[i]) < 0)
			return -1;
	for (int i = 0; i < a->ntrainers; i++)
		if (db_do(w, SQL_TRAINER_ADD, "II", (long long)id, (long long)a->trainers[i]) < 0)
			return -1;
	if (actor > 0 && audit_write(w, actor, is_new ? "create" : "update", "activity", id, "") < 0)
		return -1;
	return id;
}

static const char SQL_SESSION_ADD[] =
	"INSERT INTO activity_sessions (activity_id, day, start_time, end_time) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_DAYS[] =
	"UPDATE activities SET first_day = coalesce((SELECT min(day) FROM activity_sessions WHERE activity_id = ?1), ''),"
	" last_day = coalesce((SELECT max(day) FROM activity_sessions WHERE activity_id = ?1), '') WHERE id = ?1";

int64_t session_add(struct db *w, int64_t activity, const char *day, const char *start, const char *end)
{
	if (db_do(w, SQL_SESSION_ADD, "Ittt", (long long)activity, day, start ? start : "", end ? end : "") < 0)
		return -1;
	int64_t id = db_last_id(w);
	if (db_do(w, SQL_DAYS, "I", (long long)activity) < 0)
		return -1;
	return id;
}

static const char SQL_PART_STATUS[] = "SELECT status FROM activity_people WHERE activity_id = ?1 AND person_id = ?2";
static const char SQL_CAPACITY[] = "SELECT capacity, office_id FROM activities WHERE id = ?1";
static const char SQL_TAKEN[] =
	"SELECT count(*) FROM activity_people WHERE activity_id = ?1 AND status IN ('registered', 'walk_in')";
static const char SQL_PART_ADD[] =
	"INSERT INTO activity_people (activity_id, person_id, office_id, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_PART_PROMOTE[] =
	"UPDATE activity_people SET status = 'walk_in' WHERE activity_id = ?1 AND person_id = ?2 AND status = 'waiting'";

int participant_add(struct db *w, int64_t activity, int64_t person, int walk_in)
{
	sqlite3_stmt *st = db_q(w, SQL_PART_STATUS, "II", (long long)activity, (long long)person);
	if (!st)
		return -1;
	if (db_row(st) == 1) {
		int waiting = strcmp(db_text(st, 0), "waiting") == 0;
		sqlite3_reset(st);
		/* a person waiting who comes anyway is let in */
		if (walk_in && waiting && db_do(w, SQL_PART_PROMOTE, "II", (long long)activity, (long long)person) < 0)
			return -1;
		return 3;
	}
	st = db_q(w, SQL_CAPACITY, "I", (long long)activity);
	if (db_row(st) != 1)
		return -1;
	int capacity = sqlite3_column_int(st, 0);
	long long office = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	const char *status = "registered";
	if (walk_in)
		status = "walk_in";
	else if (capacity > 0 && db_int(w, 0, SQL_TAKEN, "I", (long long)activity) >= capacity)
		status = "waiting";
	if (db_do(w, SQL_PART_ADD, "IIItI", (long long)activity, (long long)person, office, status,
		  (long long)time(NULL)) < 0)
		return -1;
	return status[0] == 'w' && status[1] == 'a' ? 2 : 1;
}

static const char SQL_PART_ATTENDED[] =
	"SELECT attended FROM activity_people WHERE activity_id = ?1 AND person_id = ?2";
static const char SQL_PART_DROP[] = "DELETE FROM activity_people WHERE activity_id = ?1 AND person_id = ?2";
/* the one waiting longest, let in when there is room again */
static const char SQL_FIRST_WAITING[] =
	"SELECT person_id FROM activity_people WHERE activity_id = ?1 AND status = 'waiting' ORDER BY id LIMIT 1";
static const char SQL_LET_IN[] =
	"UPDATE activity_people SET status = 'registered' WHERE activity_id = ?1 AND person_id = ?2";

int participant_remove(struct db *w, int64_t activity, int64_t person, int64_t *promoted)
{
	*promoted = 0;
	long long attended = db_int(w, -1, SQL_PART_ATTENDED, "II", (long long)activity, (long long)person);
	if (attended < 0)
		return 1;
	if (attended > 0)
		return 2;
	if (db_do(w, SQL_PART_DROP, "II", (long long)activity, (long long)person) < 0)
		return -1;
	long long next = db_int(w, 0, SQL_FIRST_WAITING, "I", (long long)activity);
	sqlite3_stmt *st = db_q(w, SQL_CAPACITY, "I", (long long)activity);
	if (!next || db_row(st) != 1)
		return 0;
	int capacity = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (capacity > 0 && db_int(w, 0, SQL_TAKEN, "I", (long long)activity) >= capacity)
		return 0;
	if (db_do(w, SQL_LET_IN, "II", (long long)activity, next) < 0)
		return -1;
	*promoted = next;
	return 0;
}

static const char SQL_SESSION_OF[] = "SELECT activity_id FROM activity_sessions WHERE id = ?1";
static const char SQL_MARK[] =
	"INSERT INTO attendance (session_id, person_id, mark_id, marked_by, marked_at) VALUES (?1, ?2, ?3, ?4, ?5)"
	" ON CONFLICT (session_id, person_id) DO NOTHING";
static const char SQL_UNMARK[] = "DELETE FROM attendance WHERE session_id = ?1 AND person_id = ?2";
/* the participation's counters from its marks (a few rows) */
static const char SQL_COUNTERS[] =
	"UPDATE activity_people SET"
	" attended = (SELECT count(*) FROM attendance a JOIN activity_sessions s ON s.id = a.session_id"
	"  WHERE s.activity_id = ?1 AND a.person_id = ?2),"
	" first_day = coalesce((SELECT min(s.day) FROM attendance a JOIN activity_sessions s ON s.id = a.session_id"
	"  WHERE s.activity_id = ?1 AND a.person_id = ?2), ''),"
	" last_day = coalesce((SELECT max(s.day) FROM attendance a JOIN activity_sessions s ON s.id = a.session_id"
	"  WHERE s.activity_id = ?1 AND a.person_id = ?2), '')"
	" WHERE activity_id = ?1 AND person_id = ?2";

static const char SQL_REACH_DROP[] =
	"DELETE FROM reach_all WHERE person_id = ?1 AND office_id = ?2 AND NOT EXISTS (SELECT 1 FROM activity_people"
	" WHERE person_id = ?1 AND office_id = ?2 AND attended > 0)";
static const char SQL_REACH_KEEP[] =
	"INSERT OR IGNORE INTO reach_all (person_id, office_id) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM activity_people"
	" WHERE person_id = ?1 AND office_id = ?2 AND attended > 0)";

int reach_all_sync(struct db *w, int64_t person, int64_t office)
{
	if (db_do(w, SQL_REACH_DROP, "II", (long long)person, (long long)office) < 0
	    || db_do(w, SQL_REACH_KEEP, "II", (long long)person, (long long)office) < 0)
		return -1;
	return 0;
}

static const char SQL_ACT_OFFICE_OF[] = "SELECT office_id FROM activities WHERE id = ?1";

int attendance_set(struct db *w, int64_t session, int64_t person, int present, const char *mark_id, int64_t by)
{
	long long activity = db_int(w, 0, SQL_SESSION_OF, "I", (long long)session);
	if (!activity)
		return -2;
	int changed;
	if (present) {
		if (participant_add(w, activity, person, 1) < 0)
			return -1;
		if (db_do(w, SQL_MARK, "IItoI", (long long)session, (long long)person, mark_id ? mark_id : "",
			  (long long)(by > 0 ? by : 0), (long long)time(NULL)) < 0)
			return -1;
	} else if (db_do(w, SQL_UNMARK, "II", (long long)session, (long long)person) < 0) {
		return -1;
	}
	changed = db_changes(w);
	if (changed && (db_do(w, SQL_COUNTERS, "II", activity, (long long)person) < 0
			|| reach_all_sync(w, person, db_int(w, 0, SQL_ACT_OFFICE_OF, "I", activity)) < 0))
		return -1;
	return changed ? 1 : 0;
}

static const char SQL_VISIBLE[] = "SELECT count(*) FROM activities WHERE id = ?1 AND (?2 = 0 OR office_id = ?2)";
static const char SQL_SESSION_VISIBLE[] =
	"SELECT s.activity_id FROM activity_sessions s JOIN activities a ON a.id = s.activity_id"
	" WHERE s.id = ?1 AND (?2 = 0 OR a.office_id = ?2)";

int64_t act_office(struct req *r)
{
	return r->user ? r->user->office_id : -1;
}

int act_visible(struct req *r, int64_t activity)
{
	if (!r->user || !(r->user->perms & PERM_ACT_READ))
		return 0;
	return db_int(db_read(), 0, SQL_VISIBLE, "II", (long long)activity, (long long)act_office(r)) > 0;
}

static const char SQL_TITLE[] = "SELECT title FROM activities WHERE id = ?1";

void activity_audit_name(struct req *r, int64_t id, struct audit_ref *ref)
{
	if (act_visible(r, id))
		audit_ref_fill(r, ref, SQL_TITLE, id, "/activities/");
}

int64_t session_activity(struct req *r, int64_t session)
{
	if (!r->user || !(r->user->perms & PERM_ACT_READ))
		return 0;
	return db_int(db_read(), 0, SQL_SESSION_VISIBLE, "II", (long long)session, (long long)act_office(r));
}

static const char SQL_NAME[] = "SELECT name_ar, name_latin FROM people WHERE id = ?1";

const char *person_name(struct req *r, struct db *d, int64_t person)
{
	sqlite3_stmt *st = db_q(d, SQL_NAME, "I", (long long)person);
	if (db_row(st) != 1)
		return "";
	const char *n = i18n_lang() != LANG_AR && *db_text(st, 1) ? db_text(st, 1) : db_text(st, 0);
	const char *out = arena_strdup(&r->arena, n);
	sqlite3_reset(st);
	return out ? out : "";
}
