/* registry_home — the registry's part of the start page: what the user may
 * see, counted exactly as the lists count it (the same scope rule,
 * scope_sql.h: an officer's figure is his list's, a partner's is their
 * organization's), and the work waiting for them in the registry. */
#include <string.h>
#include <time.h>
#include "registry/registry_home.h"
#include "registry/perms.h"
#include "registry/people_query.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "home/home.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

/* The organizations list with no filter (orgs.c): ?1 office, ?2 organization. */
static const char SQL_ORGS[] = "SELECT count(*) FROM orgs o WHERE" ORG_VISIBLE("o", "?1", "?2");
/* The pairs the duplicates review offers (dedup.c): both people seen. */
static const char SQL_PAIRS[] =
	"SELECT count(*) FROM dup_candidates c JOIN people a ON a.id = c.a JOIN people b ON b.id = c.b"
	" WHERE" PERSON_VISIBLE("a", "?1", "?2") " AND" PERSON_VISIBLE("b", "?1", "?2");
/* A partner's people (the people list's count, people_query.c, when the
 * scope names an organization): the same rule, driven by the organization's
 * memberships instead of a pass over every person (≈250 ms → <1 ms at
 * 200,000 people). */
static const char SQL_PEOPLE_OF_ORG[] =
	"SELECT count(*) FROM people p WHERE p.id IN (SELECT person_id FROM memberships WHERE org_id = ?2) AND"
	PERSON_VISIBLE("p", "?1", "?2");
/* The user's uploads still waiting (import_pages.c lists the same). */
static const char SQL_UPLOADS[] = "SELECT count(*) FROM import_uploads WHERE user_id = ?1 AND created_at >= ?2";

void registry_home(struct req *r, struct home_items *figures, struct home_items *pending)
{
	struct db *d = db_read();
	perm_t perms = r->user->perms;
	struct people_filter f;
	memset(&f, 0, sizeof f);
	scope_of(r, &f.scope);
	f.q = f.gender = f.age = "";
	if (perms & PERM_ORGS_READ)
		home_add(figures, "/orgs", _("Organizations"),
			 db_int(d, 0, SQL_ORGS, "II", (long long)f.scope.office, (long long)f.scope.org));
	if (perms & PERM_PEOPLE_READ)
		home_add(figures, "/people", _("People (counted once)"),
			 f.scope.org ? db_int(d, 0, SQL_PEOPLE_OF_ORG, "II", (long long)f.scope.office, (long long)f.scope.org)
				     : people_filter_count(d, &f));
	if (perms & PERM_PEOPLE_WRITE) {
		long long pairs = db_int(d, 0, SQL_PAIRS, "II", (long long)f.scope.office, (long long)f.scope.org);
		home_add(pending, "/people/duplicates",
			 i18n_ngettext("{n} pair of people who may be one person, to review",
				       "{n} pairs of people who may be one person, to review", (long)pairs),
			 pairs);
	}
	if (perms & PERM_IMPORT) {
		long long files = db_int(d, 0, SQL_UPLOADS, "II", (long long)r->user->id,
					 (long long)time(NULL) - LIMIT_IMPORT_KEEP_S);
		home_add(pending, "/import",
			 i18n_ngettext("{n} uploaded file waiting for its import", "{n} uploaded files waiting for their import",
				       (long)files),
			 files);
	}
}
