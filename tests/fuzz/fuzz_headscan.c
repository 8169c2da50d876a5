/*
 * fuzz_headscan — libFuzzer target for the connection guard's reading of
 * requests (src/http/headscan.c), which sees every byte a client sends.
 *
 * Input: one byte that picks how the rest is cut into pieces, then the
 * bytes of a connection.  Besides memory errors the target checks that
 * the outcome (status, language found) does not depend on how the bytes
 * arrive, and that a status is one the guard has a page for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/headscan.h"

static const struct headscan_limits lim = { 512, 2000, 8000 };

static void scan(const uint8_t *p, size_t n, unsigned cut, struct headscan *hs, int *status)
{
	headscan_init(hs, &lim);
	size_t at = 0, step = cut ? cut : n;
	while (at < n) {
		size_t k = n - at < step ? n - at : step;
		*status = headscan_feed(hs, (const char *)p + at, k);
		at += k;
		step = step % 13 + 1; /* pieces of changing sizes */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned cut = data[0] % 16;
	struct headscan a, b;
	int sa = 0, sb = 0;
	scan(data + 1, size - 1, 0, &a, &sa);
	scan(data + 1, size - 1, cut ? cut : 1, &b, &sb);
	if (sa != sb)
		abort();
	if (sa != 0 && sa != 400 && sa != 413 && sa != 414 && sa != 417 && sa != 431 && sa != 501 && sa != 505)
		abort();
	if (strcmp(a.lang_cookie, b.lang_cookie) != 0 || strcmp(a.accept_language, b.accept_language) != 0)
		abort();
	if (strlen(a.lang_cookie) >= sizeof a.lang_cookie || strlen(a.accept_language) >= sizeof a.accept_language)
		abort();
	headscan_release(&a);
	headscan_release(&b);
	return 0;
}
