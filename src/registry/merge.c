/* merge — the merge of two people and its undo, inside the writer's
 * transaction (see merge.h).  A merge first copies what it will change
 * into the merge_undo tables (migrations/007), then changes it; an undo
 * writes the copies back and deletes them.  Rows keep their ids both ways,
 * so an undo gives back the very rows the merge found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/merge.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "auth/audit.h"
#include "db/db.h"
#include "core/banned.h"

const char *const merge_field_param[MF_COUNT] = {
	[MF_NAME_AR] = "name_ar", [MF_NAME_LATIN] = "name_latin", [MF_GENDER] = "gender",
	[MF_BIRTH_YEAR] = "birth_year", [MF_PHONES] = "phones", [MF_PLACE] = "place",
	[MF_DISPLACEMENT] = "displacement", [MF_EDUCATION] = "education", [MF_DISABILITY] = "disability",
	[MF_CONSENT] = "consent",
};

/* The kept record (?1) takes field f of the merged one (?2).  The folded
 * name and key go with the name; the consent's date, purpose and who
 * recorded it go together. */
static const char *const SQL_TAKE[MF_COUNT] = {
	[MF_NAME_AR] = "UPDATE people SET (name_ar, name_folded, name_key) ="
		" (SELECT name_ar, name_folded, name_key FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_NAME_LATIN] = "UPDATE people SET name_latin = (SELECT name_latin FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_GENDER] = "UPDATE people SET gender = (SELECT gender FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_BIRTH_YEAR] = "UPDATE people SET birth_year = (SELECT birth_year FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_PLACE] = "UPDATE people SET place_id = (SELECT place_id FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_DISPLACEMENT] = "UPDATE people SET displacement = (SELECT displacement FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_EDUCATION] = "UPDATE people SET education = (SELECT education FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_DISABILITY] = "UPDATE people SET disability = (SELECT disability FROM people WHERE id = ?2) WHERE id = ?1",
	[MF_CONSENT] = "UPDATE people SET (consent_date, consent_purpose, consent_by) ="
		" (SELECT consent_date, consent_purpose, consent_by FROM people WHERE id = ?2) WHERE id = ?1",
};

static const char SQL_ALIVE[] = "SELECT count(*) FROM people WHERE id IN (?1, ?2) AND merged_into IS NULL";
static const char SQL_PAIR[] = "SELECT score, name_score, same_phone FROM dup_candidates WHERE a = ?1 AND b = ?2";
static const char SQL_RECORD[] =
	"INSERT INTO person_merges (kept_id, merged_id, user_id, at, score, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* ---- the copies: ?1 the merge ---- */
static const char SQL_SNAP_KEPT[] =
	"INSERT INTO merge_undo (merge_id, until, kept_updated, gone_updated, name_ar, name_latin, name_folded, name_key,"
	" gender, birth_year, place_id, displacement, disability, education, consent_date, consent_purpose, consent_by,"
	" updated_at) SELECT ?1, ?2, ?3, g.updated_at, k.name_ar, k.name_latin, k.name_folded, k.name_key, k.gender,"
	" k.birth_year, k.place_id, k.displacement, k.disability, k.education, k.consent_date, k.consent_purpose,"
	" k.consent_by, k.updated_at FROM people k JOIN people g ON g.id = ?5 WHERE k.id = ?4";
static const char SQL_SNAP_MEMBERSHIPS[] =
	"INSERT INTO merge_undo_memberships (merge_id, id, person_id, org_id, role, start_date, end_date)"
	" SELECT ?1, id, person_id, org_id, role, start_date, end_date FROM memberships WHERE person_id = ?2";
static const char SQL_SNAP_PHONES[] =
	"INSERT INTO merge_undo_phones (merge_id, id, person_id, phone, phone_norm)"
	" SELECT ?1, id, person_id, phone, phone_norm FROM person_phones WHERE person_id IN (?2, ?3)";
static const char SQL_SNAP_PEOPLE[] =
	"INSERT INTO merge_undo_people (merge_id, person_id) SELECT ?1, id FROM people WHERE merged_into = ?2";
static const char SQL_SNAP_PAIRS[] =
	"INSERT INTO merge_undo_pairs (merge_id, a, b, score, name_score, same_phone)"
	" SELECT ?1, a, b, score, name_score, same_phone FROM dup_candidates WHERE a = ?2 OR b = ?2";

/* ---- the merge: ?1 kept, ?2 gone ---- */
static const char SQL_MOVE_MEMBERSHIPS[] =
	"UPDATE memberships SET person_id = ?1 WHERE person_id = ?2 AND org_id NOT IN"
	" (SELECT org_id FROM memberships WHERE person_id = ?1)";
static const char SQL_DROP_MEMBERSHIPS[] = "DELETE FROM memberships WHERE person_id = ?1";
/* The offices that saw the record merged away (its own, and those linked
 * to it by earlier merges) keep seeing the kept one: linked by this merge
 * (?3), unless it is the kept record's own office. */
static const char SQL_LINK_OFFICES[] =
	"INSERT OR IGNORE INTO person_offices (person_id, office_id, merge_id)"
	" SELECT ?1, o, ?3 FROM (SELECT office_id AS o FROM people WHERE id = ?2"
	" UNION SELECT office_id FROM person_offices WHERE person_id = ?2)"
	" WHERE o IS NOT NULL AND o IS NOT (SELECT office_id FROM people WHERE id = ?1)";
/* both records' phones: the merged one's that the kept one lacks move */
static const char SQL_MOVE_PHONES[] =
	"UPDATE person_phones SET person_id = ?1 WHERE person_id = ?2 AND phone_norm NOT IN"
	" (SELECT phone_norm FROM person_phones WHERE person_id = ?1)";
/* the merged record's phones: the two records exchange them (nothing is deleted) */
static const char SQL_SWAP_PHONES[] =
	"UPDATE person_phones SET person_id = CASE WHEN person_id = ?1 THEN ?2 ELSE ?1 END WHERE person_id IN (?1, ?2)";
static const char SQL_MARK[] = "UPDATE people SET merged_into = ?1, updated_at = ?2 WHERE id = ?3 AND merged_into IS NULL";
static const char SQL_KEPT_TOUCH[] = "UPDATE people SET updated_at = ?1 WHERE id = ?2";
static const char SQL_MERGED_TO_KEPT[] = "UPDATE people SET merged_into = ?1 WHERE merged_into = ?2";
static const char SQL_DROP_PAIRS[] = "DELETE FROM dup_candidates WHERE a = ?1 OR b = ?1";
static const char SQL_NAMES[] = "SELECT name_ar, name_latin FROM people WHERE id = ?1";

/* ---- copies past their time: ?1 now ---- */
#define EXPIRED " WHERE merge_id IN (SELECT merge_id FROM merge_undo WHERE until <= ?1)"
static const char *const SQL_PURGE[] = {
	"DELETE FROM merge_undo_memberships" EXPIRED, "DELETE FROM merge_undo_phones" EXPIRED,
	"DELETE FROM merge_undo_people" EXPIRED, "DELETE FROM merge_undo_pairs" EXPIRED,
	"DELETE FROM merge_undo WHERE until <= ?1",
};

/* Indexes the person's names as they are now in w. */
static int reindex(struct db *w, int64_t id)
{
	sqlite3_stmt *st = db_q(w, SQL_NAMES, "I", (long long)id);
	if (!st || db_row(st) != 1)
		return -1;
	char *ar = strdup(db_text(st, 0)), *latin = strdup(db_text(st, 1));
	sqlite3_reset(st);
	int rc = ar && latin ? person_index(w, id, ar, latin) : -1;
	free(ar);
	free(latin);
	return rc;
}

int merge_apply(struct db *w, int64_t actor, const struct merge_plan *p, int64_t *merge_id)
{
	long long k = p->kept, g = p->gone, now = time(NULL);
	if (k == g || db_int(w, 0, SQL_ALIVE, "II", k, g) != 2)
		return 1;
	/* only a suggested pair: the compare page showed it, nothing else */
	sqlite3_stmt *st = db_q(w, SQL_PAIR, "II", k < g ? k : g, k < g ? g : k);
	int rc = st ? db_row(st) : -1;
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	double score = sqlite3_column_double(st, 0), name = sqlite3_column_double(st, 1);
	int phone = sqlite3_column_int(st, 2);
	sqlite3_reset(st);
	char reason[128], took[160] = "";
	snprintf(reason, sizeof reason, "name=%.2f phone=%s", name, phone ? "same" : "different");
	size_t n = 0;
	for (int f = 0; f < MF_COUNT; f++)
		if (p->take[f] || (f == MF_PHONES && p->phones_both))
			n += (size_t)snprintf(took + n, sizeof took - n, "%s%s%s", n ? "," : "", merge_field_param[f],
					      f == MF_PHONES && p->phones_both ? ":both" : "");
	if (db_do(w, SQL_RECORD, "IIIIdt", k, g, (long long)actor, now, score, reason) < 0)
		return -1;
	long long id = db_last_id(w);
	/* what the merge will change, first */
	if (db_do(w, SQL_SNAP_KEPT, "IIIII", id, now + MERGE_UNDO_DAYS * 86400LL, now, k, g) < 0 ||
	    db_do(w, SQL_SNAP_MEMBERSHIPS, "II", id, g) < 0 || db_do(w, SQL_SNAP_PHONES, "III", id, k, g) < 0 ||
	    db_do(w, SQL_SNAP_PEOPLE, "II", id, g) < 0 || db_do(w, SQL_SNAP_PAIRS, "II", id, g) < 0)
		return -1;
	for (int f = 0; f < MF_COUNT; f++)
		if (p->take[f] && SQL_TAKE[f] && db_do(w, SQL_TAKE[f], "II", k, g) < 0)
			return -1;
	if (p->phones_both ? db_do(w, SQL_MOVE_PHONES, "II", k, g) < 0
	    : p->take[MF_PHONES] && db_do(w, SQL_SWAP_PHONES, "II", k, g) < 0)
		return -1;
	if (db_do(w, SQL_LINK_OFFICES, "III", k, g, id) < 0 ||
	    db_do(w, SQL_MOVE_MEMBERSHIPS, "II", k, g) < 0 || db_do(w, SQL_DROP_MEMBERSHIPS, "I", g) < 0 ||
	    db_do(w, SQL_MARK, "III", k, now, g) < 0 || db_changes(w) != 1 ||
	    db_do(w, SQL_KEPT_TOUCH, "II", now, k) < 0 || db_do(w, SQL_MERGED_TO_KEPT, "II", k, g) < 0 ||
	    db_do(w, SQL_DROP_PAIRS, "I", g) < 0 || search_unindex_person(w, g) < 0 || reindex(w, k) < 0)
		return -1;
	for (size_t i = 0; i < sizeof SQL_PURGE / sizeof *SQL_PURGE; i++)
		if (db_do(w, SQL_PURGE[i], "I", now) < 0)
			return -1;
	char detail[400];
	snprintf(detail, sizeof detail, "merged=%lld %s took=%s", g, reason, *took ? took : "-");
	if (audit_write(w, actor, "merge", "person", k, detail) < 0)
		return -1;
	*merge_id = id;
	return 0;
}

/* ---- undo: ?1 the merge ---- */
static const char SQL_UNDO_GET[] =
	"SELECT m.kept_id, m.merged_id, u.until, u.kept_updated FROM person_merges m"
	" JOIN merge_undo u ON u.merge_id = m.id WHERE m.id = ?1";
/* still as the merge left it: ?1 the merge, ?2 kept, ?3 gone, ?4 the kept record's updated_at then */
static const char SQL_UNDO_INTACT[] =
	"SELECT (SELECT count(*) FROM people WHERE id = ?2 AND merged_into IS NULL AND updated_at = ?4)"
	" + (SELECT count(*) FROM people WHERE id = ?3 AND merged_into = ?2)"
	" - (SELECT count(*) FROM person_merges WHERE kept_id = ?2 AND id > ?1)";
static const char SQL_RESTORE_KEPT[] =
	"UPDATE people SET (name_ar, name_latin, name_folded, name_key, gender, birth_year, place_id, displacement,"
	" disability, education, consent_date, consent_purpose, consent_by, updated_at) = (SELECT name_ar, name_latin,"
	" name_folded, name_key, gender, birth_year, place_id, displacement, disability, education, consent_date,"
	" consent_purpose, consent_by, updated_at FROM merge_undo WHERE merge_id = ?1) WHERE id = ?2";
static const char SQL_RESTORE_GONE[] =
	"UPDATE people SET merged_into = NULL, updated_at = (SELECT gone_updated FROM merge_undo WHERE merge_id = ?1)"
	" WHERE id = ?2";
static const char SQL_OFFICE_LINKS_DEL[] = "DELETE FROM person_offices WHERE merge_id = ?1";
static const char SQL_MEMBERSHIPS_DEL[] =
	"DELETE FROM memberships WHERE id IN (SELECT id FROM merge_undo_memberships WHERE merge_id = ?1)";
static const char SQL_MEMBERSHIPS_BACK[] =
	"INSERT INTO memberships (id, person_id, org_id, role, start_date, end_date)"
	" SELECT id, person_id, org_id, role, start_date, end_date FROM merge_undo_memberships WHERE merge_id = ?1";
static const char SQL_PHONES_DEL[] =
	"DELETE FROM person_phones WHERE id IN (SELECT id FROM merge_undo_phones WHERE merge_id = ?1)";
static const char SQL_PHONES_BACK[] =
	"INSERT INTO person_phones (id, person_id, phone, phone_norm)"
	" SELECT id, person_id, phone, phone_norm FROM merge_undo_phones WHERE merge_id = ?1";
static const char SQL_PEOPLE_BACK[] =
	"UPDATE people SET merged_into = ?2 WHERE id IN (SELECT person_id FROM merge_undo_people WHERE merge_id = ?1)";
static const char SQL_PAIRS_BACK[] =
	"INSERT INTO dup_candidates (a, b, score, name_score, same_phone) SELECT u.a, u.b, u.score, u.name_score,"
	" u.same_phone FROM merge_undo_pairs u WHERE u.merge_id = ?1"
	" AND NOT EXISTS (SELECT 1 FROM dup_candidates d WHERE d.a = u.a AND d.b = u.b)"
	" AND (SELECT count(*) FROM people WHERE id IN (u.a, u.b) AND merged_into IS NULL) = 2";
static const char *const SQL_UNDO_FORGET[] = {
	"DELETE FROM merge_undo_memberships WHERE merge_id = ?1", "DELETE FROM merge_undo_phones WHERE merge_id = ?1",
	"DELETE FROM merge_undo_people WHERE merge_id = ?1", "DELETE FROM merge_undo_pairs WHERE merge_id = ?1",
	"DELETE FROM merge_undo WHERE merge_id = ?1", "DELETE FROM person_merges WHERE id = ?1",
};
/* both back in the user's scope: ?1 ?4 the people, ?2 ?3 the scope */
static const char SQL_BOTH_VISIBLE[] =
	"SELECT count(*) FROM people p WHERE p.id IN (?1, ?4) AND" PERSON_VISIBLE("p", "?2", "?3");

int merge_undo(struct db *w, int64_t actor, int64_t office, int64_t org, int64_t merge_id, int64_t *kept,
	       int64_t *gone)
{
	long long m = merge_id, now = time(NULL);
	sqlite3_stmt *st = db_q(w, SQL_UNDO_GET, "I", m);
	int rc = st ? db_row(st) : -1;
	if (rc <= 0)
		return rc < 0 ? -1 : UNDO_NOT_FOUND;
	long long k = sqlite3_column_int64(st, 0), g = sqlite3_column_int64(st, 1);
	long long until = sqlite3_column_int64(st, 2), kept_updated = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	*kept = k;
	*gone = g;
	if (until <= now)
		return UNDO_EXPIRED;
	if (db_int(w, -1, SQL_UNDO_INTACT, "IIII", m, k, g, kept_updated) != 2)
		return UNDO_CHANGED;
	if (db_do(w, SQL_RESTORE_KEPT, "II", m, k) < 0 || db_do(w, SQL_RESTORE_GONE, "II", m, g) < 0 ||
	    db_do(w, SQL_OFFICE_LINKS_DEL, "I", m) < 0 ||
	    db_do(w, SQL_MEMBERSHIPS_DEL, "I", m) < 0 || db_do(w, SQL_MEMBERSHIPS_BACK, "I", m) < 0 ||
	    db_do(w, SQL_PHONES_DEL, "I", m) < 0 || db_do(w, SQL_PHONES_BACK, "I", m) < 0 ||
	    db_do(w, SQL_PEOPLE_BACK, "II", m, g) < 0 || db_do(w, SQL_PAIRS_BACK, "I", m) < 0 ||
	    reindex(w, k) < 0 || reindex(w, g) < 0)
		return -1;
	for (size_t i = 0; i < sizeof SQL_UNDO_FORGET / sizeof *SQL_UNDO_FORGET; i++)
		if (db_do(w, SQL_UNDO_FORGET[i], "I", m) < 0)
			return -1;
	/* the rule of who sees whom, on the records as they are back */
	rc = db_int(w, -1, SQL_BOTH_VISIBLE, "IIII", k, (long long)office, (long long)org, g);
	if (rc < 0)
		return -1;
	if (rc != 2)
		return UNDO_NOT_FOUND;
	char detail[64];
	snprintf(detail, sizeof detail, "merged=%lld undone", g);
	return audit_write(w, actor, "unmerge", "person", k, detail) < 0 ? -1 : UNDO_OK;
}
