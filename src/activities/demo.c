/* demo — the activities' demo data (`daam demo`): a handful of named
 * trainings, workshops and events of the three offices with their
 * sessions, participants, marks and scores (make run); with the large
 * scale, 20,000 generated activities and about 2,000,000 marks over six
 * years for the benchmarks, written with the store's statements directly
 * (counters computed here) inside the demo's one transaction. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "registry/demo_names.h"
#include "auth/audit.h"
#include "auth/users.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_PEOPLE_RANGE[] = "SELECT min(id), max(id) FROM people WHERE merged_into IS NULL";
static const char SQL_PERSON_OFFICE[] = "SELECT id FROM people WHERE office_id = ?1 AND merged_into IS NULL ORDER BY id LIMIT 40";
static const char SQL_SCORE[] = "UPDATE activity_people SET pre_score = ?1, post_score = ?2 WHERE activity_id = ?3 AND person_id = ?4";

static const struct {
	const char *kind, *title, *office, *room, *target, *dims[3];
	int capacity, sessions, people, past;
} named[] = {
	{ "training", "دورة إدارة المشاريع للمبادرات الناشئة", "raqqa", "قاعة التدريب - الطابق الثاني",
	  "أعضاء المبادرات الناشئة", { "planning", "knowledge", "funding" }, 20, 3, 14, 1 },
	{ "workshop", "ورشة كتابة المقترحات التمويلية", "tabqa", "قاعة المركز", "منسقو المشاريع",
	  { "funding", "planning", NULL }, 15, 2, 12, 1 },
	{ "networking", "لقاء تشبيك منظمات المجتمع المدني في الرقة", "raqqa", "قاعة الاجتماعات الكبرى",
	  "مديرو المنظمات", { "networking", "influence", NULL }, 0, 1, 18, 1 },
	{ "advocacy", "جلسة مناصرة حول حقوق ذوي الإعاقة", "deir-ez-zor", "مكتب دير الزور", "ناشطون ومتطوعون",
	  { "advocacy", "principles", NULL }, 25, 1, 10, 1 },
	{ "local_admin", "اجتماع مع لجنة البلديات حول خدمات المياه", "raqqa", "مبنى البلدية", "ممثلو المبادرات",
	  { "influence", "context", NULL }, 12, 1, 6, 1 },
	{ "sharek", "جلسة شارك: الحوكمة الداخلية للمبادرات", "tabqa", "قاعة المركز", "مجالس إدارة المبادرات",
	  { "governance", "volunteering", NULL }, 20, 2, 9, 1 },
	{ "training", "دورة المتابعة والتقييم", "raqqa", "قاعة التدريب - الطابق الثاني", "موظفو المتابعة",
	  { "knowledge", "planning", NULL }, 16, 3, 0, 0 },
};

/* Today's date in Syria, plus days. */
static void day_from_now(char *out, size_t size, int days)
{
	time_t t = time(NULL) + 3 * 3600 + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

static int demo_small(struct db *w)
{
	int64_t trainer = user_id_by_name(w, "trainer"), officer = user_id_by_name(w, "officer");
	uint64_t s = 1107;
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		struct activity_in a = { 0 };
		a.kind = named[i].kind;
		a.title = named[i].title;
		a.room = named[i].room;
		a.target_group = named[i].target;
		a.office_id = office_id_by_code(w, named[i].office);
		a.capacity = named[i].capacity;
		a.threshold = 75;
		for (int k = 0; k < 3 && named[i].dims[k]; k++)
			a.dims[a.ndims++] = named[i].dims[k];
		int64_t tr[1] = { strcmp(named[i].office, "tabqa") == 0 ? trainer : officer };
		if (tr[0] > 0) {
			a.trainers = tr;
			a.ntrainers = 1;
		}
		a.facilitators = i == 0 ? "م. سامر الحسين" : "";
		int64_t id = activity_save(w, -1, 0, &a);
		if (id < 0 || audit_write(w, 0, "create", "activity", id, "demo") < 0)
			return -1;
		int64_t sessions[4];
		int start = named[i].past ? -40 + 9 * (int)i : 7 + (int)i;
		for (int k = 0; k < named[i].sessions; k++) {
			char day[16];
			day_from_now(day, sizeof day, start + k);
			sessions[k] = session_add(w, id, day, "10:00", "13:00");
			if (sessions[k] < 0)
				return -1;
		}
		sqlite3_stmt *st = db_q(w, SQL_PERSON_OFFICE, "I", (long long)a.office_id);
		int64_t people[40];
		int np = 0;
		while (db_row(st) == 1)
			if (np < 40)
				people[np++] = sqlite3_column_int64(st, 0);
		int want = named[i].people < np ? named[i].people : np;
		int offset = (int)(demo_rand(&s) % 10);
		for (int k = 0; k < want; k++) {
			int64_t p = people[(k + offset) % np];
			if (participant_add(w, id, p, 0) < 0)
				return -1;
			if (!named[i].past)
				continue;
			for (int j = 0; j < named[i].sessions; j++)
				if (demo_rand(&s) % 10 < 8 && attendance_set(w, sessions[j], p, 1, "", 0) < 0)
					return -1;
			if (a.kind[0] == 't' || a.kind[0] == 'w') {
				int pre = 30 + (int)(demo_rand(&s) % 40);
				if (db_do(w, SQL_SCORE, "iiII", pre, pre + 5 + (int)(demo_rand(&s) % 30), (long long)id,
					  (long long)p) < 0)
					return -1;
			}
		}
	}
	return 0;
}

/* ---- the large scale ---- */

static const char SQL_ACT_ADD[] =
	"INSERT INTO activities (kind, title, office_id, room, capacity, threshold, first_day, last_day, created_at,"
	" updated_at) VALUES (?1, ?2, ?3, ?4, 0, 75, ?5, ?6, ?7, ?7)";
static const char SQL_DIM_ADD[] = "INSERT INTO activity_dimensions (activity_id, dimension) VALUES (?1, ?2)";
static const char SQL_SESSION_ADD[] =
	"INSERT INTO activity_sessions (activity_id, day, start_time, end_time) VALUES (?1, ?2, '10:00', '13:00')";
static const char SQL_PART_ADD[] =
	"INSERT INTO activity_people (activity_id, person_id, office_id, status, attended, first_day, last_day,"
	" pre_score, post_score, created_at) VALUES (?1, ?2, ?3, 'registered', ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_MARK_ADD[] =
	"INSERT INTO attendance (session_id, person_id, marked_at) VALUES (?1, ?2, ?3)";
static const char SQL_OFFICE_NTH[] = "SELECT id FROM offices ORDER BY id LIMIT 1 OFFSET ?1";

static const char SQL_REACH_FILL[] =
	"INSERT OR IGNORE INTO reach_all (person_id, office_id) SELECT person_id, office_id FROM activity_people"
	" WHERE attended > 0";

#define LARGE_ACTIVITIES 20000
#define MAX_SESSIONS 6
#define MAX_PEOPLE 40

static int demo_large(struct db *w)
{
	static const char *const words[] = { "دورة", "ورشة", "لقاء", "جلسة", "تدريب" };
	static const char *const topics[] = { "إدارة المشاريع", "كتابة المقترحات", "المناصرة", "الحوكمة", "التطوع",
		"التخطيط الاستراتيجي", "المتابعة والتقييم", "إدارة المتطوعين", "التشبيك", "الشفافية المالية" };
	sqlite3_stmt *st = db_q(w, SQL_PEOPLE_RANGE, "");
	if (db_row(st) != 1)
		return -1;
	long long lo = sqlite3_column_int64(st, 0), hi = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (hi <= lo)
		return 0;
	long long offices[3];
	for (int i = 0; i < 3; i++)
		offices[i] = db_int(w, 1, SQL_OFFICE_NTH, "i", i);
	uint64_t s = 424242;
	long long now = (long long)time(NULL), marks = 0;
	/* six years back from today */
	time_t base = time(NULL) - (time_t)6 * 365 * 86400;
	for (int i = 0; i < LARGE_ACTIVITIES; i++) {
		int nsess = 2 + (int)(demo_rand(&s) % 5), npeople = 18 + (int)(demo_rand(&s) % 21);
		time_t t0 = base + (time_t)(demo_rand(&s) % (6 * 365)) * 86400;
		char days[MAX_SESSIONS][16], title[256];
		for (int k = 0; k < nsess; k++) {
			time_t t = t0 + (time_t)k * 86400;
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(days[k], sizeof days[k], "%Y-%m-%d", &tm);
		}
		const char *kind = activity_kind_keys[demo_rand(&s) % 7];
		snprintf(title, sizeof title, "%s %s %d", words[demo_rand(&s) % 5], topics[demo_rand(&s) % 10], i + 1);
		long long office = offices[demo_rand(&s) % 3];
		if (db_do(w, SQL_ACT_ADD, "ttIttt" "I", kind, title, office, "قاعة المركز", days[0], days[nsess - 1], now) < 0)
			return -1;
		int64_t id = db_last_id(w);
		if (db_do(w, SQL_DIM_ADD, "It", (long long)id, dimension_keys[demo_rand(&s) % 10]) < 0)
			return -1;
		int64_t sess[MAX_SESSIONS];
		for (int k = 0; k < nsess; k++) {
			if (db_do(w, SQL_SESSION_ADD, "It", (long long)id, days[k]) < 0)
				return -1;
			sess[k] = db_last_id(w);
		}
		int64_t chosen[MAX_PEOPLE];
		int nchosen = 0;
		for (int p = 0; p < npeople; p++) {
			int64_t person = lo + (int64_t)(demo_rand(&s) % (uint64_t)(hi - lo + 1));
			int dup = 0;
			for (int q = 0; q < nchosen; q++)
				dup |= chosen[q] == person;
			if (dup)
				continue;
			chosen[nchosen++] = person;
			int attended = 0, first = -1, last = -1;
			for (int k = 0; k < nsess; k++) {
				if (demo_rand(&s) % 10 == 0)
					continue;   /* one in ten sessions missed */
				if (db_do(w, SQL_MARK_ADD, "III", (long long)sess[k], (long long)person, now) < 0)
					return -1;
				attended++;
				if (first < 0)
					first = k;
				last = k;
			}
			marks += attended;
			int pre = 30 + (int)(demo_rand(&s) % 40);
			if (db_do(w, SQL_PART_ADD, "IIIittiiI", (long long)id, (long long)person, office, attended,
				  first < 0 ? "" : days[first], last < 0 ? "" : days[last], pre,
				  pre + (int)(demo_rand(&s) % 35), now) < 0)
				return -1;
		}
	}
	if (db_do(w, SQL_REACH_FILL, "") < 0)
		return -1;
	char detail[64];
	snprintf(detail, sizeof detail, "demo activities=%d marks=%lld", LARGE_ACTIVITIES, marks);
	return audit_write(w, 0, "create", "activity", 0, detail);
}

int activities_demo(struct db *w, int scale)
{
	if (demo_small(w) < 0)
		return -1;
	return scale ? demo_large(w) : 0;
}
