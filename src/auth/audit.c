/* audit — appends to audit_log (see audit.h). */
#include <time.h>
#include "auth/audit.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_ADD[] =
	"INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)";

int audit_write(struct db *w, int64_t user_id, const char *action, const char *entity,
		int64_t entity_id, const char *detail)
{
	sqlite3_stmt *st = db_q(w, SQL_ADD, "I", (long long)time(NULL));
	if (!st)
		return -1;
	if (user_id)
		sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_STATIC);
	if (entity_id)
		sqlite3_bind_int64(st, 5, entity_id);
	sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_TRANSIENT);
	return db_row(st) < 0 ? -1 : 0;
}
