/* anonymize — a person's identity out, the counts kept (see anonymize.h).
 * The records concerned (the person and those merged into them) are found
 * first, then each is changed by its id, so every statement is an index
 * look-up even when a purge anonymizes thousands. */
#include <pthread.h>
#include <stddef.h>
#include "registry/anonymize.h"
#include "registry/registry.h"
#include "core/namematch.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_LIVE[] =
	"SELECT count(*) FROM people WHERE id = ?1 AND merged_into IS NULL AND anonymized_at IS NULL";
static const char SQL_MERGED[] =
	"SELECT id FROM people WHERE merged_into = ?1 AND anonymized_at IS NULL ORDER BY id LIMIT 1";
/* ?1 one record */
#define ITS_MERGES "(SELECT id FROM person_merges WHERE kept_id = ?1 UNION SELECT id FROM person_merges WHERE merged_id = ?1)"
static const char *const steps[] = {
	"DELETE FROM person_search WHERE rowid = ?1",
	"DELETE FROM person_phones WHERE person_id = ?1",
	"DELETE FROM dup_candidates WHERE a = ?1",
	"DELETE FROM dup_candidates WHERE b = ?1",
	"DELETE FROM merge_undo_memberships WHERE merge_id IN " ITS_MERGES,
	"DELETE FROM merge_undo_phones WHERE merge_id IN " ITS_MERGES,
	"DELETE FROM merge_undo_people WHERE merge_id IN " ITS_MERGES,
	"DELETE FROM merge_undo_pairs WHERE merge_id IN " ITS_MERGES,
	"DELETE FROM merge_undo WHERE merge_id IN " ITS_MERGES,
	NULL,
};
/* the folded name is the placeholder's, so the erased sort under it in the
 * lists; the phonetic key is empty, so the duplicate search skips them */
static const char SQL_PERSON[] =
	"UPDATE people SET name_ar = ?2, name_latin = ?3, name_folded = ?5, name_key = '', anonymized_at = ?4,"
	" updated_at = ?4 WHERE id = ?1";
static const char SQL_PENDING[] = "INSERT OR REPLACE INTO settings (key, value) VALUES ('search.compact_pending', '1')";
static const char SQL_PENDING_GET[] = "SELECT count(*) FROM settings WHERE key = 'search.compact_pending'";
static const char SQL_PENDING_DEL[] = "DELETE FROM settings WHERE key = 'search.compact_pending'";
static const char SQL_OPTIMIZE[] = "INSERT INTO person_search (person_search) VALUES ('optimize')";

static char anon_folded[256];

static void fold_placeholder(void)
{
	char key[NAME_KEY_SIZE];
	if (person_name_derive(ANON_NAME_AR, anon_folded, sizeof anon_folded, key, sizeof key) < 0)
		anon_folded[0] = 0;
}

/* One record: out of the search, its phones, suggestions and merge copies, its name. */
static int anonymize_one(struct db *w, int64_t id, int64_t now)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, fold_placeholder);
	for (int i = 0; steps[i]; i++)
		if (db_do(w, steps[i], "I", (long long)id) < 0)
			return -1;
	return db_do(w, SQL_PERSON, "IttIt", (long long)id, ANON_NAME_AR, ANON_NAME_LATIN, (long long)now, anon_folded);
}

int person_anonymize(struct db *w, int64_t id, int64_t now)
{
	long long live = db_int(w, -1, SQL_LIVE, "I", (long long)id);
	if (live <= 0)
		return live < 0 ? -1 : 0;
	int n = 0;
	if (anonymize_one(w, id, now) < 0)
		return -1;
	n++;
	/* the records merged into them, one at a time (each done drops out of the query) */
	long long merged;
	while ((merged = db_int(w, 0, SQL_MERGED, "I", (long long)id)) > 0) {
		if (anonymize_one(w, merged, now) < 0)
			return -1;
		n++;
	}
	if (db_do(w, SQL_PENDING, "") < 0)
		return -1;
	return n;
}

int person_search_compact_pending(struct db *d)
{
	return (int)db_int(d, 0, SQL_PENDING_GET, "");
}

int person_search_compact(struct db *w)
{
	if (db_do(w, SQL_OPTIMIZE, "") < 0)
		return -1;
	return db_do(w, SQL_PENDING_DEL, "");
}
