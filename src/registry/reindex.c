/* reindex — keeps what the registry derives from names in step with this
 * daam: people's folded name and key, organizations' folded name, and the
 * two search tables.  The registry's upgrade hook (module.c) runs it at
 * every start.  The version of that derivation is kept in settings
 * ('registry.names'); a database written by a daam that folded, keyed or
 * indexed names another way — before compound names were indexed as one
 * word (name_terms), or before the demo's named organizations had a search
 * row, or before a Latin al- joined to a vowel (Alahmad) had its second
 * key — is derived again, once, in one transaction.  An up-to-date
 * database is only read. */
#include <stdlib.h>
#include <string.h>
#include "registry/registry.h"
#include "registry/place_match.h"
#include "auth/audit.h"
#include "core/log.h"
#include "core/namematch.h"
#include "core/textfold.h"
#include "db/db.h"
#include "core/banned.h"

/* Raise it whenever textfold, name_key, name_terms or the text the search
 * rows hold (registry.c) change: every database is then derived again. */
#define NAMES_VERSION "3"

static const char SQL_VERSION[] = "SELECT value FROM settings WHERE key = 'registry.names'";
static const char SQL_VERSION_DEL[] = "DELETE FROM settings WHERE key = 'registry.names'";
static const char SQL_VERSION_SET[] = "INSERT INTO settings (key, value) VALUES ('registry.names', ?1)";
static const char SQL_PEOPLE_CLEAR[] = "DELETE FROM person_search";
static const char SQL_ORGS_CLEAR[] = "DELETE FROM org_search";
static const char SQL_PEOPLE_NEXT[] =
	"SELECT id, name_ar, name_latin, merged_into IS NULL, anonymized_at IS NOT NULL FROM people WHERE id > ?1"
	" ORDER BY id LIMIT ?2";
static const char SQL_PERSON_SET[] = "UPDATE people SET name_folded = ?1, name_key = ?2 WHERE id = ?3";
static const char SQL_ORGS_NEXT[] = "SELECT id, name_ar, name_en FROM orgs WHERE id > ?1 ORDER BY id LIMIT ?2";
static const char SQL_ORG_SET[] = "UPDATE orgs SET name_folded = ?1 WHERE id = ?2";

#define BATCH 512

struct row {
	long long id;
	char *a, *b;
	int alive;
	int anonymized;   /* people: erased or past retention (anonymize.h) */
};

/* Reads the next batch of (id, name, other name[, alive]) after id `after`
 * into rows (copies: the writes below reuse the connection).  Returns the
 * count, or -1. */
static int read_batch(struct db *w, const char *sql, int people, long long after, struct row *rows)
{
	sqlite3_stmt *st = db_q(w, sql, "Ii", after, BATCH);
	if (!st)
		return -1;
	int n = 0, rc;
	while ((rc = db_row(st)) == 1) {
		rows[n].id = sqlite3_column_int64(st, 0);
		rows[n].a = strdup(db_text(st, 1));
		rows[n].b = strdup(db_text(st, 2));
		rows[n].alive = people ? sqlite3_column_int(st, 3) : 1;
		rows[n].anonymized = people ? sqlite3_column_int(st, 4) : 0;
		n++;
		if (!rows[n - 1].a || !rows[n - 1].b) {
			sqlite3_reset(st);
			rc = -1;
			break;
		}
	}
	if (rc < 0) {
		for (int i = 0; i < n; i++) {
			free(rows[i].a);
			free(rows[i].b);
		}
		return -1;
	}
	return n;
}

/* Derives one record's name data again; 0 or -1. */
static int derive_row(struct db *w, int people, const struct row *r)
{
	char folded[1024], key[NAME_KEY_SIZE];
	if (people) {
		if (person_name_derive(r->a, folded, sizeof folded, key, sizeof key) < 0)
			folded[0] = key[0] = '\0';
		if (r->anonymized)
			key[0] = '\0';   /* no duplicate suggestions among the erased */
		if (db_do(w, SQL_PERSON_SET, "ttI", folded, key, r->id) < 0)
			return -1;
		/* a record merged away, or anonymized, is in no search */
		return r->alive && !r->anonymized ? person_index(w, r->id, r->a, r->b) : 0;
	}
	if (text_fold_buf(r->a, strlen(r->a), folded, sizeof folded) < 0)
		folded[0] = '\0';
	if (db_do(w, SQL_ORG_SET, "tI", folded, r->id) < 0)
		return -1;
	return org_index(w, r->id, r->a, r->b);
}

/* Every record of one table, a batch at a time. */
static int derive_all(struct db *w, int people, long *count)
{
	struct row *rows = malloc(BATCH * sizeof *rows);
	if (!rows)
		return -1;
	long long after = 0;
	int n, rc = 0;
	while (rc == 0 && (n = read_batch(w, people ? SQL_PEOPLE_NEXT : SQL_ORGS_NEXT, people, after, rows)) > 0) {
		for (int i = 0; i < n; i++) {
			if (rc == 0 && derive_row(w, people, &rows[i]) < 0)
				rc = -1;
			free(rows[i].a);
			free(rows[i].b);
		}
		after = rows[n - 1].id;
		*count += n;
	}
	free(rows);
	return rc < 0 || n < 0 ? -1 : 0;
}

static int rebuild_fn(struct db *w, void *arg)
{
	long n = 0;
	(void)arg;
	if (db_do(w, SQL_PEOPLE_CLEAR, "") < 0 || db_do(w, SQL_ORGS_CLEAR, "") < 0 ||
	    derive_all(w, 1, &n) < 0 || derive_all(w, 0, &n) < 0 ||
	    db_do(w, SQL_VERSION_DEL, "") < 0 || db_do(w, SQL_VERSION_SET, "t", NAMES_VERSION) < 0)
		return -1;
	if (n)
		log_info("registry: names of %ld records derived again and indexed for search", n);
	return n ? audit_write(w, 0, "update", "people", 0, "search index rebuilt") : 0;
}

int registry_upgrade(void)
{
	struct db *d = db_read();
	sqlite3_stmt *st = d ? db_q(d, SQL_VERSION, "") : NULL;
	if (!st)
		return -1;
	int current = db_row(st) == 1 && strcmp(db_text(st, 0), NAMES_VERSION) == 0;
	sqlite3_reset(st);
	if (place_aliases_fold_pending() < 0)   /* the aliases seeded by migration 008 */
		return -1;
	return current ? 0 : db_write(rebuild_fn, NULL) == 0 ? 0 : -1;
}
