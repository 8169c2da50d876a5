/* org_count — how many organizations a user's scope holds, with no filter:
 * the organization list's count and the start page's tile (the same figure). */
#ifndef DAAM_ORG_COUNT_H
#define DAAM_ORG_COUNT_H
#include "registry/registry.h"

struct db;

/* Exact, without a pass over the rows: the b-tree's count for every office,
 * the office index for an officer, one row for a partner. */
long long org_count_visible(struct db *d, const struct scope *sc);
#endif
