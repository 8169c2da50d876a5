/* audit — the audit log: who did what to which record, when, never the data
 * itself.  Written inside the same transaction as the change it records. */
#ifndef DAAM_AUDIT_H
#define DAAM_AUDIT_H
#include <stdint.h>
struct db;
/* user_id 0 means "the system" (command line, start-up). Returns 0 or -1. */
int audit_write(struct db *w, int64_t user_id, const char *action, const char *entity,
		int64_t entity_id, const char *detail);
#endif
