/* cookies — parsing a Cookie request header (RFC 6265 "cookie-string"). */
#ifndef DAAM_COOKIES_H
#define DAAM_COOKIES_H
#include <stddef.h>

struct cookie {
	const char *name;
	const char *value;
};

/* Splits `header` (copied into buf of bufsz bytes) into at most max cookies.
 * Names and values are trimmed; surrounding double quotes on values are
 * removed; pairs without '=' or with an empty name are skipped.
 * Returns the number of cookies stored (0 when the header does not fit buf). */
int cookies_parse(const char *header, char *buf, size_t bufsz, struct cookie *out, int max);
/* Returns the value of the first cookie named name, or NULL. */
const char *cookies_get(const struct cookie *c, int n, const char *name);
#endif
