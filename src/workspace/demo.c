/* demo — the workspace's demo data (`daam demo`): in every office three
 * rooms and three kinds of equipment, and a week of realistic requests and
 * bookings (staff, a partner organization, an initiative through the public
 * form, a center activity, a person of the registry) from this week's
 * Sunday (make run); with the
 * large scale, 40 rooms and about 50,000 bookings over two years for the
 * benchmarks.  Written with fixed statements inside the demo's write
 * transaction; approved bookings never overlap by construction. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "workspace/pages.h"
#include "workspace/workspace.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_OFFICES[] = "SELECT id FROM offices ORDER BY id LIMIT 16";
static const char SQL_ROOM_ADD[] =
	"INSERT INTO rooms (office_id, name, capacity, opens, closes, closed_days, active, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)";
static const char SQL_EQUIP_ADD[] =
	"INSERT INTO equipment (office_id, name, count, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)";
static const char SQL_ORG_OF[] = "SELECT id FROM orgs WHERE office_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2";
static const char SQL_USER_OF[] =
	"SELECT id FROM users WHERE (office_id = ?1 OR office_id IS NULL) AND role IN ('program_officer', 'trainer',"
	" 'space_coordinator', 'director') ORDER BY office_id IS NULL, id LIMIT 1";
static const char SQL_BOOK[] =
	"INSERT INTO bookings (room_id, office_id, start_at, end_at, status, purpose, attendees, requester_kind, org_id,"
	" public_name, public_phone, public_initiative, refusal_reason, created_by, created_at, decided_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

/* a person of the registry who asked for a room themselves, linked by the
 * coordinator: an approved booking counted in the people reached */
static const char SQL_BOOK_PERSON[] =
	"INSERT INTO bookings (room_id, office_id, start_at, end_at, status, purpose, attendees, requester_kind,"
	" public_name, person_id, created_by, created_at, decided_at)"
	" SELECT ?1, ?2, ?3, ?4, 'approved', 'لقاء تحضيري لمبادرة بيئية في الحي', 8, 'individual', p.name_ar, p.id, ?5, ?6, ?6"
	" FROM people p WHERE p.office_id = ?2 AND p.merged_into IS NULL ORDER BY p.id LIMIT 1 OFFSET 7";

static const struct { const char *name; int capacity; } room_names[] = {
	{ "القاعة الكبرى", 40 }, { "قاعة التدريب", 25 }, { "غرفة الاجتماعات", 12 },
};
static const struct { const char *name; int count; } equip_names[] = {
	{ "جهاز عرض", 2 }, { "حواسيب محمولة", 10 }, { "نظام صوت", 1 },
};

/* A week: day (0 Sunday), room (0–2), times, status, kind, purpose, people. */
static const struct {
	int day, room;
	const char *start, *end, *status, *kind, *purpose;
	int attendees;
	const char *name, *phone, *initiative, *reason;
} week[] = {
	{ 0, 0, "09:00", "12:00", "approved", "center", "دورة إدارة المشاريع للمبادرات الناشئة", 22, "", "", "", "" },
	{ 0, 2, "13:00", "14:30", "approved", "partner", "اجتماع مجلس إدارة الجمعية", 9, "", "", "", "" },
	{ 1, 1, "10:00", "13:00", "approved", "initiative", "ورشة توعية حول حقوق الطفل", 18,
	  "سلمى العبد الله", "0944 123 456", "مبادرة أطفالنا أملنا", "" },
	{ 1, 0, "13:00", "15:00", "requested", "partner", "جلسة تشاورية مع وجهاء الحي", 30, "", "", "", "" },
	{ 2, 2, "09:00", "10:30", "approved", "staff", "اجتماع فريق المتابعة والتقييم", 7, "", "", "", "" },
	{ 2, 1, "11:00", "14:00", "requested", "individual", "تدريب على التصوير الصحفي", 12,
	  "محمد الحسن", "0933 222 111", "", "" },
	{ 3, 0, "10:00", "12:00", "refused", "initiative", "حفل ختام نشاط رياضي", 60,
	  "فاطمة الخلف", "0955 765 432", "فريق شباب الفرات", "القاعة تتسع لأربعين شخصاً فقط" },
	{ 3, 1, "12:00", "15:00", "approved", "center", "ورشة كتابة المقترحات التمويلية", 15, "", "", "", "" },
	{ 4, 2, "10:00", "11:00", "requested", "staff", "مقابلات المتطوعين الجدد", 4, "", "", "", "" },
	{ 6, 0, "09:00", "13:00", "approved", "partner", "تدريب المتطوعين على الإسعافات الأولية", 28, "", "", "", "" },
};

static void this_sunday(char out[11])
{
	time_t t = time(NULL) + 3 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	t -= (time_t)tm.tm_wday * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int small(struct db *w)
{
	long long now = (long long)time(NULL);
	char sunday[11];
	this_sunday(sunday);
	long long offices[16];
	int no = 0;
	sqlite3_stmt *st = db_q(w, SQL_OFFICES, "");
	while (db_row(st) == 1)
		offices[no++] = sqlite3_column_int64(st, 0);
	for (int f = 0; f < no; f++) {
		long long rooms[3];
		for (int i = 0; i < 3; i++) {
			if (db_do(w, SQL_ROOM_ADD, "ItitttI", offices[f], room_names[i].name, room_names[i].capacity, "08:00",
				  "17:00", "5", now) < 0)
				return -1;
			rooms[i] = db_last_id(w);
		}
		for (int i = 0; i < 3; i++)
			if (db_do(w, SQL_EQUIP_ADD, "ItiI", offices[f], equip_names[i].name, equip_names[i].count, now) < 0)
				return -1;
		long long org = db_int(w, 0, SQL_ORG_OF, "Ii", offices[f], 0);
		long long user = db_int(w, 0, SQL_USER_OF, "I", offices[f]);
		for (size_t k = 0; k < sizeof week / sizeof *week; k++) {
			char day[11], start[20], end[20];
			ws_day_add(sunday, week[k].day, day);
			snprintf(start, sizeof start, "%sT%s", day, week[k].start);
			snprintf(end, sizeof end, "%sT%s", day, week[k].end);
			int partner = strcmp(week[k].kind, "partner") == 0;
			int public = *week[k].name != 0;
			if (partner && !org)
				continue;
			if (db_do(w, SQL_BOOK, "IIttttito" "tttt" "oIo", rooms[week[k].room], offices[f], start, end,
				  week[k].status, week[k].purpose, week[k].attendees, week[k].kind, partner ? org : 0LL,
				  week[k].name, week[k].phone, week[k].initiative, week[k].reason, public ? 0LL : user, now,
				  strcmp(week[k].status, "requested") == 0 ? 0LL : now) < 0)
				return -1;
		}
		char day[11], start[20], end[20];
		ws_day_add(sunday, 4, day);
		snprintf(start, sizeof start, "%sT14:00", day);
		snprintf(end, sizeof end, "%sT16:00", day);
		if (db_do(w, SQL_BOOK_PERSON, "IIttII", rooms[2], offices[f], start, end, user, now) < 0)
			return -1;
	}
	return 0;
}

/* ---- the large scale: 40 rooms, two bookings a room and open day over
 * two years (about 50,000) ---- */

static const char *const purposes[] = { "دورة تدريبية", "اجتماع تنسيقي", "ورشة عمل", "جلسة حوارية", "لقاء تشبيك",
	"تدريب المتطوعين", "اجتماع مجلس الإدارة", "جلسة توعية" };
static const char *const kinds[] = { "partner", "staff", "center", "initiative", "individual" };

static int large(struct db *w)
{
	long long now = (long long)time(NULL);
	long long offices[16];
	int no = 0;
	sqlite3_stmt *st = db_q(w, SQL_OFFICES, "");
	while (db_row(st) == 1)
		offices[no++] = sqlite3_column_int64(st, 0);
	if (!no)
		return 0;
	long long rooms[40], room_office[40];
	for (int i = 0; i < 40; i++) {
		char name[64];
		snprintf(name, sizeof name, "قاعة %d", i + 1);
		room_office[i] = offices[i % no];
		if (db_do(w, SQL_ROOM_ADD, "ItitttI", room_office[i], name, 10 + (i % 5) * 10, "08:00", "18:00", "5", now) < 0)
			return -1;
		rooms[i] = db_last_id(w);
	}
	long long orgs[16];
	for (int f = 0; f < no; f++)
		orgs[f] = db_int(w, 0, SQL_ORG_OF, "Ii", offices[f], 1);
	char first[11], day[11];
	this_sunday(first);
	ws_day_add(first, -700, day);
	static const char *const slots[][2] = { { "08:00", "10:00" }, { "10:30", "12:30" }, { "13:00", "15:00" },
		{ "15:30", "17:30" } };
	unsigned seed = 12345;
	for (int dnum = 0; dnum < 760; dnum++) {
		int y, m, d;
		if (sscanf(day, "%4d-%2d-%2d", &y, &m, &d) == 3 && ws_weekday(y, m, d) != 5) {
			for (int i = 0; i < 40; i++) {
				int a = (dnum + i) % 4, b = (a + 2) % 4;
				for (int k = 0; k < 2; k++) {
					int s = k ? b : a;
					seed = seed * 1103515245u + 12345u;
					unsigned v = seed >> 16;
					const char *kind = kinds[v % 5];
					const char *status = v % 10 == 0 ? "cancelled" : v % 17 == 0 ? "refused" : "approved";
					char start[20], end[20];
					snprintf(start, sizeof start, "%sT%s", day, slots[s][0]);
					snprintf(end, sizeof end, "%sT%s", day, slots[s][1]);
					int fidx = i % no;
					int partner = strcmp(kind, "partner") == 0 && orgs[fidx];
					int public = strcmp(kind, "initiative") == 0 || strcmp(kind, "individual") == 0;
					if (db_do(w, SQL_BOOK, "IIttttito" "tttt" "oIo", rooms[i], room_office[i], start, end, status,
						  purposes[v % 8], (int)(5 + v % 30), partner || strcmp(kind, "partner") ? kind : "staff",
						  partner ? orgs[fidx] : 0LL, public ? "مقدم طلب" : "", public ? "0944 000 000" : "",
						  "", "", 0LL, now, now) < 0)
						return -1;
				}
			}
		}
		char next[11];
		ws_day_add(day, 1, next);
		memcpy(day, next, sizeof day);
	}
	return 0;
}

int workspace_demo(struct db *w, int scale)
{
	return scale ? large(w) : small(w);
}
