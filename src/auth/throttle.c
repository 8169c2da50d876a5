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
	int pending;    /* attempts begun and not yet settled */
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

/* Reserves one attempt on both counters, or refuses when a counter's
 * failures plus the attempts in flight have reached its limit. */
static int begin(const char *kind, const char *account, const char *address)
{
	pthread_mutex_lock(&lock);
	struct counter *a = find(kind, account, 1);
	struct counter *b = find("a", address, 1);
	int blocked = a->failures + a->pending >= LIMIT_SIGNIN_FAILS_ACCOUNT ||
		      b->failures + b->pending >= LIMIT_SIGNIN_FAILS_ADDRESS;
	if (!blocked) {
		a->pending++;
		b->pending++;
	}
	pthread_mutex_unlock(&lock);
	return blocked;
}

/* A counter that expired while the hash ran comes back fresh (pending 0):
 * never below zero. */
static void settle(struct counter *c, int failed)
{
	if (c->pending > 0)
		c->pending--;
	if (failed)
		c->failures++;
}

static void end(const char *kind, const char *account, const char *address, int failed)
{
	pthread_mutex_lock(&lock);
	struct counter *a = find(kind, account, 1);
	settle(a, failed);
	/* the right password clears the account's failures — unless other
	 * attempts are still being checked: they were let in against these
	 * failures, and clearing now would let as many more in */
	if (!failed && a->pending == 0)
		a->failures = 0;
	settle(find("a", address, 1), failed);
	pthread_mutex_unlock(&lock);
}

int throttle_begin(const char *account, const char *address)
{
	return begin("u", account, address);
}

void throttle_end(const char *account, const char *address, int failed)
{
	end("u", account, address, failed);
}

/* the second factor's codes: a counter of their own per account (the right
 * password must not clear it), the address's counter shared */
int throttle_code_begin(const char *account, const char *address)
{
	return begin("c", account, address);
}

void throttle_code_end(const char *account, const char *address, int failed)
{
	end("c", account, address, failed);
}

int throttle_event(const char *kind, const char *key, int limit, int add)
{
	pthread_mutex_lock(&lock);
	struct counter *c = find(kind, key, 1);
	int blocked = c->failures >= limit;
	if (!blocked)
		c->failures += add;
	pthread_mutex_unlock(&lock);
	return blocked;
}
