/* retention — the periods and the purge (see retention.h).  Each kind has
 * one condition, written once below as the WHERE of both its count (the dry
 * run, the page's preview) and its change, so the preview and the purge
 * cannot disagree on what is past its period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "admin/retention.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "registry/anonymize.h"
#include "core/banned.h"

const struct retention_kind_info retention_kinds[RK_COUNT] = {
	[RK_PEOPLE] = { "people", 1, 0, 50, 5, N_("People no longer active"),
		N_("A person whose record has not been changed, and who has not joined or left an organization, for this many "
		   "years is anonymized: the name and phones are removed; gender, birth year, community, office and "
		   "memberships stay, so every count and report stays the same. 0 keeps everyone."),
		N_("anonymized") },
	[RK_UPLOADS] = { "uploads", 0, 1, 30, 1, N_("Files uploaded for import"),
		N_("A file uploaded for import and neither imported nor discarded is deleted after this many days."),
		N_("deleted") },
	[RK_AUDIT] = { "audit_addresses", 0, 0, 3650, 90, N_("Network addresses in the audit log"),
		N_("The audit log keeps who did what for good, but the network address of a failed sign-in is removed "
		   "after this many days. 0 keeps the addresses."),
		N_("address removed") },
	[RK_SESSIONS] = { "sessions", 0, 1, 365, 30, N_("Sign-in sessions"),
		N_("A sign-in session not used for this many days is deleted (it had already ended)."), N_("deleted") },
	[RK_MERGE_UNDO] = { "merge_undo", 0, 0, 0, 0, N_("Copies kept to undo a merge"),
		N_("A merge keeps the two records as they were for 7 days, so it can be undone; after that the copies "
		   "are deleted. This period is fixed."),
		N_("deleted") },
};

static const char SQL_GET[] = "SELECT value FROM settings WHERE key = ?1";
static const char SQL_SET[] = "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)";

void retention_load(struct db *d, struct retention *out)
{
	for (int k = 0; k < RK_COUNT; k++) {
		const struct retention_kind_info *ki = &retention_kinds[k];
		char key[64];
		snprintf(key, sizeof key, "retention.%s", ki->key);
		out->period[k] = ki->dflt;
		sqlite3_stmt *st = db_q(d, SQL_GET, "t", key);
		if (st && db_row(st) == 1) {
			long v = strtol(db_text(st, 0), NULL, 10);
			if (v >= ki->min && v <= ki->max)
				out->period[k] = (int)v;
			sqlite3_reset(st);
		}
	}
}

int retention_save(struct db *w, const struct retention *r)
{
	for (int k = 0; k < RK_COUNT; k++) {
		const struct retention_kind_info *ki = &retention_kinds[k];
		if (ki->max == 0)
			continue;   /* fixed */
		char key[64], value[24];
		snprintf(key, sizeof key, "retention.%s", ki->key);
		snprintf(value, sizeof value, "%d", r->period[k]);
		if (db_do(w, SQL_SET, "tt", key, value) < 0)
			return -1;
	}
	return 0;
}

/* ---- the conditions: ?1 the cut-off time (unix seconds), ?2 the same day as
 * text (YYYY-MM-DD, for membership dates), ?3 now ---- */

/* People: live, not anonymized, unchanged since the cut-off, and no
 * membership started or ended since. */
#define PEOPLE_PAST \
	" FROM people p WHERE p.merged_into IS NULL AND p.anonymized_at IS NULL AND p.created_at < ?1" \
	" AND p.updated_at < ?1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id" \
	" AND (m.start_date >= ?2 OR m.end_date >= ?2)) AND ?3 = ?3"
#define UPLOADS_PAST " FROM import_uploads WHERE created_at < ?1 AND ?2 = ?2 AND ?3 = ?3"
/* the typed attendance sheets waiting for their review (activities) */
#define SHEETS_PAST " FROM attendance_uploads WHERE created_at < ?1 AND ?2 = ?2 AND ?3 = ?3"
#define AUDIT_PAST " FROM audit_log WHERE at < ?1 AND detail LIKE '%address=%' AND ?2 = ?2 AND ?3 = ?3"
#define SESSIONS_PAST " FROM sessions WHERE last_seen < ?1 AND ?2 = ?2 AND ?3 = ?3"
#define UNDO_PAST " FROM merge_undo WHERE until < ?3 AND ?1 = ?1 AND ?2 = ?2"

static const char *const SQL_COUNT[RK_COUNT] = {
	"SELECT count(*)" PEOPLE_PAST, "SELECT (SELECT count(*)" UPLOADS_PAST ") + (SELECT count(*)" SHEETS_PAST ")",
	"SELECT count(*)" AUDIT_PAST,
	"SELECT count(*)" SESSIONS_PAST, "SELECT count(*)" UNDO_PAST,
};
static const char SQL_PEOPLE_IDS[] = "SELECT p.id" PEOPLE_PAST " ORDER BY p.id";
static const char SQL_UPLOADS_DEL[] = "DELETE" UPLOADS_PAST;
static const char SQL_SHEETS_DEL[] = "DELETE" SHEETS_PAST;
static const char SQL_AUDIT_BLANK[] = "UPDATE audit_log SET detail = '' WHERE id IN (SELECT id" AUDIT_PAST ")";
static const char SQL_SESSIONS_DEL[] = "DELETE" SESSIONS_PAST;
#define UNDO_IDS "(SELECT merge_id" UNDO_PAST ")"
static const char *const SQL_UNDO_DEL[] = {
	"DELETE FROM merge_undo_memberships WHERE merge_id IN " UNDO_IDS,
	"DELETE FROM merge_undo_phones WHERE merge_id IN " UNDO_IDS,
	"DELETE FROM merge_undo_people WHERE merge_id IN " UNDO_IDS,
	"DELETE FROM merge_undo_pairs WHERE merge_id IN " UNDO_IDS,
	"DELETE" UNDO_PAST,
	NULL,
};

/* The cut-off of kind k at now (as time and as a date), or 0 when the kind
 * is kept for ever. */
static int64_t cutoff(const struct retention *r, int k, int64_t now, char day[16])
{
	if (k == RK_MERGE_UNDO) {
		snprintf(day, 16, "0000-00-00");
		return now;
	}
	if (r->period[k] <= 0)
		return 0;
	int64_t c = now - (int64_t)r->period[k] * (retention_kinds[k].years ? 31556952 : 86400);
	time_t t = (time_t)c;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(day, 16, "%Y-%m-%d", &tm);
	return c;
}

int retention_count(struct db *d, const struct retention *r, int64_t now, long long n[RK_COUNT])
{
	for (int k = 0; k < RK_COUNT; k++) {
		char day[16];
		int64_t c = cutoff(r, k, now, day);
		n[k] = 0;
		if (!c)
			continue;
		n[k] = db_int(d, -1, SQL_COUNT[k], "ItI", (long long)c, day, (long long)now);
		if (n[k] < 0)
			return -1;
	}
	return 0;
}

struct purge_args {
	int64_t actor, now;
	long long *n;
	int changed;   /* something was removed, anonymized or compacted */
};

static int anonymize_people(struct db *w, int64_t actor, int64_t c, const char *day, int64_t now, long long *n)
{
	/* the ids first: anonymizing changes the rows the query walks */
	long long count = db_int(w, -1, SQL_COUNT[RK_PEOPLE], "ItI", (long long)c, day, (long long)now);
	if (count <= 0)
		return count < 0 ? -1 : 0;
	int64_t *ids = malloc((size_t)count * sizeof *ids);
	if (!ids)
		return -1;
	long long got = 0;
	sqlite3_stmt *st = db_q(w, SQL_PEOPLE_IDS, "ItI", (long long)c, day, (long long)now);
	while (st && got < count && db_row(st) == 1)
		ids[got++] = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	int fail = !st;
	for (long long i = 0; i < got && !fail; i++) {
		int changed = person_anonymize(w, ids[i], now);
		if (changed < 0 || (changed > 0 && audit_write(w, actor, "anonymize", "person", ids[i], "why=retention") < 0))
			fail = 1;
		else
			*n += changed > 0;
	}
	free(ids);
	return fail ? -1 : 0;
}

static int purge_fn(struct db *w, void *arg)
{
	struct purge_args *a = arg;
	struct retention r;
	retention_load(w, &r);
	long long *n = a->n;
	for (int k = 0; k < RK_COUNT; k++)
		n[k] = 0;
	char day[16];
	int64_t c;
	if ((c = cutoff(&r, RK_PEOPLE, a->now, day)) && anonymize_people(w, a->actor, c, day, a->now, &n[RK_PEOPLE]) < 0)
		return -1;
	if ((c = cutoff(&r, RK_UPLOADS, a->now, day))) {
		if (db_do(w, SQL_UPLOADS_DEL, "ItI", (long long)c, day, (long long)a->now) < 0)
			return -1;
		n[RK_UPLOADS] = db_changes(w);
		if (db_do(w, SQL_SHEETS_DEL, "ItI", (long long)c, day, (long long)a->now) < 0)
			return -1;
		n[RK_UPLOADS] += db_changes(w);
	}
	if ((c = cutoff(&r, RK_AUDIT, a->now, day))) {
		if (db_do(w, SQL_AUDIT_BLANK, "ItI", (long long)c, day, (long long)a->now) < 0)
			return -1;
		n[RK_AUDIT] = db_changes(w);
	}
	if ((c = cutoff(&r, RK_SESSIONS, a->now, day))) {
		if (db_do(w, SQL_SESSIONS_DEL, "ItI", (long long)c, day, (long long)a->now) < 0)
			return -1;
		n[RK_SESSIONS] = db_changes(w);
	}
	/* the names anonymized now, or erased on request since the last purge,
	 * leave the search index's pages */
	if (person_search_compact_pending(w)) {
		if (person_search_compact(w) < 0)
			return -1;
		a->changed = 1;
	}
	c = cutoff(&r, RK_MERGE_UNDO, a->now, day);
	for (int i = 0; SQL_UNDO_DEL[i]; i++) {
		if (db_do(w, SQL_UNDO_DEL[i], "ItI", (long long)c, day, (long long)a->now) < 0)
			return -1;
		if (!SQL_UNDO_DEL[i + 1])
			n[RK_MERGE_UNDO] = db_changes(w);
	}
	long long total = 0;
	char detail[256];
	size_t len = 0;
	for (int k = 0; k < RK_COUNT; k++) {
		total += n[k];
		len += (size_t)snprintf(detail + len, sizeof detail - len, "%s%s=%lld", k ? " " : "", retention_kinds[k].key, n[k]);
	}
	a->changed |= total > 0;
	if (!total && !a->actor)
		return 0;
	return audit_write(w, a->actor, "purge", "retention", 0, detail);
}

int retention_purge(int64_t actor, int64_t now, long long n[RK_COUNT])
{
	struct purge_args a = { actor, now, n, 0 };
	if (db_write(purge_fn, &a) != 0)
		return -1;
	/* the pages that held what was removed leave the WAL too (secure_delete
	 * zeroes them in the database file) */
	if (a.changed && db_checkpoint() < 0)
		log_error("retention: the WAL could not be emptied now (readers busy); the next checkpoint does it");
	return 0;
}
