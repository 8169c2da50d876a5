/* strbuf — growable string buffer with a maximum size (see strbuf.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/strbuf.h"
#include "core/banned.h"

#define STRBUF_DEFAULT_MAX ((size_t)64 << 20)

void sb_init(struct strbuf *sb, size_t max)
{
	memset(sb, 0, sizeof *sb);
	sb->max = max;
}

/* Makes room for n more bytes plus the NUL; marks the buffer failed if it cannot. */
static int sb_grow(struct strbuf *sb, size_t n)
{
	size_t max = sb->max ? sb->max : STRBUF_DEFAULT_MAX;
	if (sb->failed)
		return -1;
	if (n > max || sb->len > max - n) {
		sb->failed = 1;
		return -1;
	}
	size_t need = sb->len + n + 1;
	if (need <= sb->alloc)
		return 0;
	size_t na = sb->alloc ? sb->alloc : 256;
	while (na < need)
		na *= 2;
	char *nb = realloc(sb->buf, na);
	if (!nb) {
		sb->failed = 1;
		return -1;
	}
	sb->buf = nb;
	sb->alloc = na;
	return 0;
}

int sb_add(struct strbuf *sb, const void *data, size_t n)
{
	if (sb_grow(sb, n) < 0)
		return -1;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = 0;
	return 0;
}

int sb_adds(struct strbuf *sb, const char *s)
{
	return sb_add(sb, s, strlen(s));
}

int sb_addc(struct strbuf *sb, char c)
{
	return sb_add(sb, &c, 1);
}

int sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || sb_grow(sb, (size_t)n) < 0)
		return -1;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = sb_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->failed = 0;
	if (sb->buf)
		sb->buf[0] = 0;
}

char *sb_detach(struct strbuf *sb, size_t *len)
{
	char *b = sb->buf;
	if (!b)
		b = calloc(1, 1);
	if (len)
		*len = sb->len;
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	sb->failed = 0;
	return b;
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	sb->failed = 0;
}
