/* anonymize — a person's identity out, the counts kept (see anonymize.h). */
#include <stddef.h>
#include "registry/anonymize.h"
#include "db/db.h"
#include "core/banned.h"

/* ?1 the person: the records concerned are the person and those merged into it */
#define CONCERNED "(SELECT id FROM people WHERE id = ?1 OR merged_into = ?1)"
#define THEIR_MERGES \
	"(SELECT id FROM person_merges WHERE kept_id IN " CONCERNED " OR merged_id IN " CONCERNED ")"

static const char SQL_LIVE[] =
	"SELECT count(*) FROM people WHERE id = ?1 AND merged_into IS NULL AND anonymized_at IS NULL";
static const char *const steps[] = {
	"DELETE FROM person_search WHERE rowid IN " CONCERNED,
	"DELETE FROM person_phones WHERE person_id IN " CONCERNED,
	"DELETE FROM dup_candidates WHERE a IN " CONCERNED " OR b IN " CONCERNED,
	"DELETE FROM merge_undo_memberships WHERE merge_id IN " THEIR_MERGES,
	"DELETE FROM merge_undo_phones WHERE merge_id IN " THEIR_MERGES,
	"DELETE FROM merge_undo_people WHERE merge_id IN " THEIR_MERGES,
	"DELETE FROM merge_undo_pairs WHERE merge_id IN " THEIR_MERGES,
	"DELETE FROM merge_undo WHERE merge_id IN " THEIR_MERGES,
	NULL,
};
static const char SQL_PEOPLE[] =
	"UPDATE people SET name_ar = ?2, name_latin = ?3, name_folded = '', name_key = '', anonymized_at = ?4,"
	" updated_at = ?4 WHERE id = ?1 OR merged_into = ?1";

int person_anonymize(struct db *w, int64_t id, int64_t now)
{
	long long live = db_int(w, -1, SQL_LIVE, "I", (long long)id);
	if (live <= 0)
		return live < 0 ? -1 : 0;
	for (int i = 0; steps[i]; i++)
		if (db_do(w, steps[i], "I", (long long)id) < 0)
			return -1;
	if (db_do(w, SQL_PEOPLE, "IttI", (long long)id, ANON_NAME_AR, ANON_NAME_LATIN, (long long)now) < 0)
		return -1;
	return db_changes(w);
}

int person_search_compact(struct db *w)
{
	return db_do(w, "INSERT INTO person_search (person_search) VALUES ('optimize')", "");
}
