/* html — the HTML writer.  Everything is escaped by default: html_fmt's %s
 * escapes its argument for HTML text and attributes alike; only html_raw
 * writes bytes as they are, and its name says so. */
#ifndef DAAM_HTML_H
#define DAAM_HTML_H
#include <stdarg.h>
#include "core/strbuf.h"

/* Escapes & < > " ' for text and quoted attribute values. */
void html_escape(struct strbuf *sb, const char *s);
void html_escape_n(struct strbuf *sb, const char *s, size_t n);
/* printf for HTML, checked by the compiler: the format is trusted markup
 * written as is; every conversion printf has works as in printf (widths,
 * precisions, %f, %zu, %.*s, numbered arguments …), and the text of %s, %c
 * and %m is cut to its precision (never inside a UTF-8 character), then
 * HTML-escaped; a NULL %s prints nothing; %n stores nothing.  See fmt.c. */
void html_fmt(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vfmt(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Writes trusted markup unchanged: only literals and markup daam itself made. */
void html_raw(struct strbuf *sb, const char *s);
/* Percent-encodes s for a URL query value (then escape the whole URL with %s). */
void url_encode(struct strbuf *sb, const char *s);
#endif
