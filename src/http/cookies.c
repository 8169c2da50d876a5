/* cookies — Cookie header parser (see cookies.h); fuzzed by tests/fuzz. */
#include <string.h>
#include "http/cookies.h"
#include "core/banned.h"

static char *trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = 0;
	*end = 0;
	return s;
}

int cookies_parse(const char *header, char *buf, size_t bufsz, struct cookie *out, int max)
{
	if (!header || !bufsz)
		return 0;
	size_t len = strlen(header);
	if (len >= bufsz)
		return 0;
	memcpy(buf, header, len + 1);
	int n = 0;
	char *p = buf, *end = buf + len;
	while (p < end && n < max) {
		char *semi = memchr(p, ';', (size_t)(end - p));
		char *stop = semi ? semi : end;
		char *eq = memchr(p, '=', (size_t)(stop - p));
		if (eq) {
			*eq = 0;
			char *name = trim(p, eq);
			char *value = trim(eq + 1, stop);
			size_t vl = strlen(value);
			if (vl >= 2 && value[0] == '"' && value[vl - 1] == '"') {
				value[vl - 1] = 0;
				value++;
			}
			if (*name) {
				out[n].name = name;
				out[n].value = value;
				n++;
			}
		}
		p = stop + 1;
	}
	return n;
}

const char *cookies_get(const struct cookie *c, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(c[i].name, name) == 0)
			return c[i].value;
	return NULL;
}
