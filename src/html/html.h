/* html — the HTML writer.  Everything is escaped by default: html_fmt's %s
 * escapes its argument for HTML text and attributes alike; only html_raw
 * writes bytes as they are, and its name says so. */
#ifndef DAAM_HTML_H
#define DAAM_HTML_H
#include "core/strbuf.h"

/* Escapes & < > " ' for text and quoted attribute values. */
void html_escape(struct strbuf *sb, const char *s);
void html_escape_n(struct strbuf *sb, const char *s, size_t n);
/* printf-like; %s arguments are HTML-escaped, NULL prints nothing; numbers
 * (%d %ld %lld %u %zu %x) as printf.  Checked by the compiler. */
void html_fmt(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes trusted markup unchanged: only literals and markup daam itself made. */
void html_raw(struct strbuf *sb, const char *s);
/* Percent-encodes s for a URL query value (then escape the whole URL with %s). */
void url_encode(struct strbuf *sb, const char *s);
#endif
