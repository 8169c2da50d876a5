/* reach_cache — the headline counts kept between writes (see
 * reach_cache.h).  A few entries (one per office and the director's, per
 * first day), each with the stamp read before it was counted: a write that
 * lands while it is counted changes the stamp, so the next reader counts
 * again — an entry is never newer than its stamp says. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "activities/reach_cache.h"
#include "db/db.h"
#include "core/banned.h"

#define CACHE_ENTRIES 16

struct entry {
	int used;
	char from[16];
	int64_t office;
	long long stamp;
	unsigned long long last_use;
	struct reach value;
};

static struct entry cache[CACHE_ENTRIES];
static unsigned long long clock_uses;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const char SQL_STAMP[] = "SELECT v FROM reach_stamp WHERE id = 1";

/* The entry for (from, office), else NULL; under the lock. */
static struct entry *find(const char *from, int64_t office)
{
	for (int i = 0; i < CACHE_ENTRIES; i++)
		if (cache[i].used && cache[i].office == office && strcmp(cache[i].from, from) == 0)
			return &cache[i];
	return NULL;
}

int reach_headline(struct db *d, const char *from, int64_t office, struct reach *out)
{
	if (strlen(from) >= sizeof cache[0].from)
		return -1;
	long long stamp = db_int(d, -1, SQL_STAMP, "");
	pthread_mutex_lock(&lock);
	struct entry *e = stamp >= 0 ? find(from, office) : NULL;
	if (e && e->stamp == stamp) {
		e->last_use = ++clock_uses;
		memcpy(out, &e->value, sizeof *out);
		pthread_mutex_unlock(&lock);
		return 0;
	}
	pthread_mutex_unlock(&lock);

	int rc;
	if (office != 0) {
		memset(out, 0, sizeof *out);
		rc = reach_people(d, from, "", office, &out->people);
	} else {
		rc = reach_offices(d, from, "", out);
	}
	if (rc < 0 || stamp < 0)
		return rc;

	pthread_mutex_lock(&lock);
	e = find(from, office);
	if (!e) {   /* a free entry, else the least recently used */
		e = &cache[0];
		for (int i = 0; i < CACHE_ENTRIES && e->used; i++)
			if (!cache[i].used || cache[i].last_use < e->last_use)
				e = &cache[i];
	}
	e->used = 1;
	snprintf(e->from, sizeof e->from, "%s", from);
	e->office = office;
	e->stamp = stamp;
	e->last_use = ++clock_uses;
	memcpy(&e->value, out, sizeof *out);
	pthread_mutex_unlock(&lock);
	return 0;
}
