/* strbuf — the one growable string buffer of daam, with a hard maximum size.
 * Once an append fails (out of memory or past max) the buffer is marked
 * failed and later appends do nothing, so callers check once at the end. */
#ifndef DAAM_STRBUF_H
#define DAAM_STRBUF_H
#include <stddef.h>
#include <stdarg.h>

struct strbuf {
	char *buf;      /* always NUL-terminated when alloc > 0 */
	size_t len;
	size_t alloc;
	size_t max;     /* maximum len; 0 means 64 MiB */
	int failed;
};

#define STRBUF_INIT { 0, 0, 0, 0, 0 }

void sb_init(struct strbuf *sb, size_t max);
int sb_add(struct strbuf *sb, const void *data, size_t n);
int sb_adds(struct strbuf *sb, const char *s);
int sb_addc(struct strbuf *sb, char c);
int sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Returns the contents (never NULL: "" when empty). */
const char *sb_str(const struct strbuf *sb);
void sb_reset(struct strbuf *sb);
/* Hands the malloc'd buffer to the caller; the strbuf is empty afterwards. */
char *sb_detach(struct strbuf *sb, size_t *len);
void sb_release(struct strbuf *sb);
#endif
