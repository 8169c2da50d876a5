/*
 * fuzz_cookies — libFuzzer target for cookies_parse (src/http/cookies.c),
 * the first code that reads a request's Cookie header.
 *
 * Input: one mode byte, then the header bytes (up to the first NUL, as a
 * header string would be).  The mode picks the buffer size: exactly the
 * header's size, daam's 4096 bytes, or too small.  Buffers are heap blocks
 * of exactly that size so ASan sees any write past them.  Besides memory
 * errors the target checks the parser's contract against a simple
 * independent count of the pairs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/cookies.h"

#define MAX_COOKIES 16

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Counts the ';'-separated segments that hold '=' after a non-blank name. */
static int reference_count(const char *h)
{
	int n = 0;
	while (*h) {
		const char *semi = strchr(h, ';');
		size_t seglen = semi ? (size_t)(semi - h) : strlen(h);
		const char *eq = memchr(h, '=', seglen);
		if (eq) {
			const char *p = h;
			while (p < eq && is_blank(*p))
				p++;
			if (p < eq)
				n++;
		}
		if (!semi)
			break;
		h = semi + 1;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0] % 3;
	data++;
	size--;
	char *header = malloc(size + 1);
	if (!header)
		return 0;
	memcpy(header, data, size);
	header[size] = 0;
	size_t len = strlen(header);
	char *copy = strdup(header);
	size_t bufsz = mode == 0 ? len + 1 : mode == 1 ? 4096 : len / 2 + 1;
	char *buf = malloc(bufsz);
	struct cookie out[MAX_COOKIES];
	int n = cookies_parse(header, buf, bufsz, out, MAX_COOKIES);

	if (n < 0 || n > MAX_COOKIES)
		abort();
	if (strcmp(header, copy) != 0)
		abort(); /* the caller's header must not change */
	if (len >= bufsz) {
		if (n != 0)
			abort(); /* a header that does not fit gives nothing */
	} else {
		int want = reference_count(header);
		if (n != (want > MAX_COOKIES ? MAX_COOKIES : want))
			abort();
	}
	for (int i = 0; i < n; i++) {
		const char *nm = out[i].name, *v = out[i].value;
		if (nm < buf || nm >= buf + bufsz || v < buf || v >= buf + bufsz)
			abort();
		size_t nl = strlen(nm);
		if (nl == 0 || is_blank(nm[0]) || is_blank(nm[nl - 1]))
			abort();
		if (strchr(nm, ';') || strchr(nm, '=') || strchr(v, ';'))
			abort();
		if (!cookies_get(out, n, nm))
			abort();
	}
	free(buf);
	free(copy);
	free(header);
	return 0;
}
