/* registry_home — the registry's part of the start page: what the user may
 * see, counted exactly as the lists count it (the same scope rule,
 * scope_sql.h: an officer's figure is his list's, a partner's is their
 * organization's), and the work waiting for them in the registry. */
#include <limits.h>
#include <string.h>
#include <time.h>
#include "registry/registry_home.h"
#include "registry/perms.h"
#include "registry/people_query.h"
#include "registry/org_count.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "home/home.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

/* The pairs the duplicates review offers (dedup.c): both people seen;
 * counted up to LIMIT_LIST_COUNT + 1 (after a dedup run of a large
 * registry they are tens of thousands, each pair two scope checks).  CROSS
 * JOIN keeps the pairs as the outer loop: without statistics on the pairs
 * (none before the first dedup run) the planner otherwise walks all
 * 200,000 people (19 ms, an officer 170 ms) to find none. */
static const char SQL_PAIRS[] =
	"SELECT count(*) FROM (SELECT 1 FROM dup_candidates c CROSS JOIN people a ON a.id = c.a CROSS JOIN people b ON b.id = c.b"
	" WHERE" PERSON_VISIBLE("a", "?1", "?2") " AND" PERSON_VISIBLE("b", "?1", "?2")
	" LIMIT " LIMIT_STR(LIMIT_LIST_COUNT) " + 1)";
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
		home_add(figures, "/orgs", _("Organizations"), org_count_visible(d, &f.scope));
	/* the people list's own count: past LIMIT_LIST_COUNT, "1,000+" as on the list */
	if (perms & PERM_PEOPLE_READ)
		home_add_capped(figures, "/people", _("People (counted once)"), people_filter_count(d, &f),
				people_filter_exact(&f) ? LLONG_MAX : LIMIT_LIST_COUNT);
	if (perms & PERM_PEOPLE_WRITE) {
		long long pairs = db_int(d, 0, SQL_PAIRS, "II", (long long)f.scope.office, (long long)f.scope.org);
		home_add_capped(pending, "/people/duplicates",
				i18n_ngettext("{n} pair of people who may be one person, to review",
					      "{n} pairs of people who may be one person, to review", (long)pairs),
				pairs, LIMIT_LIST_COUNT);
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
