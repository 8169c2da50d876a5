/* org_store — the one writer of organizations (see registry.h): the page,
 * the importer and the demo all save through org_save, so every
 * organization gets its folded name, its search row and, unless the caller
 * audits in bulk, its audit entry the same way. */
#include <string.h>
#include <time.h>
#include "registry/registry.h"
#include "auth/audit.h"
#include "core/textfold.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_INSERT[] =
	"INSERT INTO orgs (name_ar, name_en, kind, reg_status, reg_number, reg_date, founded, stage, maturity,"
	" place_id, office_id, contact_phone, contact_email, name_folded, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)";
static const char SQL_UPDATE[] =
	"UPDATE orgs SET name_ar = ?1, name_en = ?2, kind = ?3, reg_status = ?4, reg_number = ?5, reg_date = ?6,"
	" founded = ?7, stage = ?8, maturity = ?9, place_id = ?10, office_id = ?11, contact_phone = ?12,"
	" contact_email = ?13, name_folded = ?14, updated_at = ?15 WHERE id = ?16";
static const char SQL_SECTORS_DEL[] = "DELETE FROM org_sectors WHERE org_id = ?1";
static const char SQL_SECTOR_ADD[] =
	"INSERT OR IGNORE INTO org_sectors (org_id, sector_id) SELECT ?1, id FROM sectors WHERE id = ?2";
static const char SQL_AREAS_DEL[] = "DELETE FROM org_areas WHERE org_id = ?1";
/* areas served are subdistricts (level 3) */
static const char SQL_AREA_ADD[] =
	"INSERT OR IGNORE INTO org_areas (org_id, place_id) SELECT ?1, id FROM places WHERE id = ?2 AND level = 3";

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static const char *or_default(const char *s, const char *dflt)
{
	return s && *s ? s : dflt;
}

/* Replaces the organization's links (sectors or areas) with ids[0..n). */
static int set_links(struct db *w, int64_t id, int is_new, const char *del, const char *add, const int64_t *ids, int n)
{
	if (!is_new && db_do(w, del, "I", (long long)id) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (db_do(w, add, "II", (long long)id, (long long)ids[i]) < 0)
			return -1;
	return 0;
}

int64_t org_save(struct db *w, int64_t actor, int64_t id, const struct org_in *o)
{
	char folded[1024];
	if (text_fold_buf(o->name_ar, strlen(o->name_ar), folded, sizeof folded) < 0)
		return -1;
	int is_new = id == 0;
	long long now = time(NULL);
	const char *kind = or_default(o->kind, "organization"), *reg = or_default(o->reg_status, "unregistered");
	const char *stage = or_default(o->stage, "applicant");
	int rc = is_new
		? db_do(w, SQL_INSERT, "tttttttttootttI", o->name_ar, or_empty(o->name_en), kind, reg,
			or_empty(o->reg_number), or_empty(o->reg_date), or_empty(o->founded), stage, or_empty(o->maturity),
			(long long)o->place_id, (long long)o->office_id, or_empty(o->phone), or_empty(o->email), folded, now)
		: db_do(w, SQL_UPDATE, "tttttttttootttII", o->name_ar, or_empty(o->name_en), kind, reg,
			or_empty(o->reg_number), or_empty(o->reg_date), or_empty(o->founded), stage, or_empty(o->maturity),
			(long long)o->place_id, (long long)o->office_id, or_empty(o->phone), or_empty(o->email), folded, now,
			(long long)id);
	if (rc < 0 || (!is_new && db_changes(w) != 1))
		return -1;
	if (is_new)
		id = db_last_id(w);
	if (set_links(w, id, is_new, SQL_SECTORS_DEL, SQL_SECTOR_ADD, o->sectors, o->nsectors) < 0 ||
	    set_links(w, id, is_new, SQL_AREAS_DEL, SQL_AREA_ADD, o->areas, o->nareas) < 0 ||
	    org_index(w, id, o->name_ar, or_empty(o->name_en)) < 0)
		return -1;
	/* a negative actor means the caller audits in bulk (imports, demo) */
	if (actor >= 0 && audit_write(w, actor, is_new ? "create" : "update", "org", id, "") < 0)
		return -1;
	return id;
}
