/* throttle — fixed-size table of failure counters (see throttle.h).  When
 * full, the oldest entry is reused: an attacker filling the table can only
 * make us forget old counters, never block other users. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "auth/throttle.h"
#include "core/limits.h"
#include "core/banned.h"

#define SLOTS 4096

struct counter {
	char key[80];
	int failures;
	time_t first;
};

static struct counter table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct counter *find(const char *kind, const char *value, int create)
{
	char key[80];
	snprintf(key, sizeof key, "%s:%s", kind, value ? value : "");
	time_t now = time(NULL);
	struct counter *oldest = &table[0];
	for (int i = 0; i < SLOTS; i++) {
		struct counter *c = &table[i];
		if (c->key[0] && now - c->first > LIMIT_SIGNIN_WINDOW_S)
			c->key[0] = 0;
		if (c->key[0] && strcmp(c->key, key) == 0)
			return c;
		/* prefer a free slot, else the oldest counter */
		if (oldest->key[0] && (!c->key[0] || c->first < oldest->first))
			oldest = c;
	}
	if (!create)
		return NULL;
	memset(oldest, 0, sizeof *oldest);
	memcpy(oldest->key, key, sizeof key);
	oldest->first = now;
	return oldest;
}

int throttle_blocked(const char *account, const char *address)
{
	pthread_mutex_lock(&lock);
	struct counter *a = find("u", account, 0), *b = find("a", address, 0);
	int blocked = (a && a->failures >= LIMIT_SIGNIN_FAILS_ACCOUNT) || (b && b->failures >= LIMIT_SIGNIN_FAILS_ADDRESS);
	pthread_mutex_unlock(&lock);
	return blocked;
}

void throttle_fail(const char *account, const char *address)
{
	pthread_mutex_lock(&lock);
	struct counter *a = find("u", account, 1);
	a->failures++;
	struct counter *b = find("a", address, 1);
	b->failures++;
	pthread_mutex_unlock(&lock);
}

void throttle_success(const char *account)
{
	pthread_mutex_lock(&lock);
	struct counter *a = find("u", account, 0);
	if (a)
		a->key[0] = 0;
	pthread_mutex_unlock(&lock);
}
