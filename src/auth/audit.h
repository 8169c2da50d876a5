/* audit — the audit log: who did what to which record, when, never the data
 * itself.  Written inside the same transaction as the change it records. */
#ifndef DAAM_AUDIT_H
#define DAAM_AUDIT_H
#include <stdint.h>
struct db;
/* user_id 0 means "the system" (command line, start-up). Returns 0 or -1. */
int audit_write(struct db *w, int64_t user_id, const char *action, const char *entity,
		int64_t entity_id, const char *detail);
/* The actions (entities 0) or record kinds (1) the modules declare:
 * NULL-terminated keys and their English msgids. */
void audit_vocabulary(int entities, const char *const **keys, const char *const **labels);
/* 1 when some module declares this action and this record kind. */
int audit_known(const char *action, const char *entity);
/* The translated label of an action or record kind (the key when unknown). */
const char *audit_action_label(const char *action);
const char *audit_entity_label(const char *entity);
#endif
