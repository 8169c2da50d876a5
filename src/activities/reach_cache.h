/* reach_cache — the start page's headline of the people reached (this
 * year, all offices and each, or one office) kept in memory and counted
 * again only when reach_stamp says the data may have changed (migration
 * 025: triggers on every write that can change it).  Counting takes 17–26
 * ms at 2,000,000 attendance marks; a start page that hits the cache reads
 * one row. */
#ifndef DAAM_REACH_CACHE_H
#define DAAM_REACH_CACHE_H
#include <stdint.h>
#include "activities/reach.h"
struct db;

/* As reach_offices (office 0) or reach_people (another office: out->people
 * only) from the day from on, to today; 0 or -1. */
int reach_headline(struct db *d, const char *from, int64_t office, struct reach *out);
#endif
