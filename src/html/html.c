/* html — escaping HTML writer (see html.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "html/html.h"
#include "core/banned.h"

void html_escape_n(struct strbuf *sb, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case 0: rep = ""; break;
		default: continue;
		}
		sb_add(sb, s + start, i - start);
		sb_adds(sb, rep);
		start = i + 1;
	}
	sb_add(sb, s + start, n - start);
}

void html_escape(struct strbuf *sb, const char *s)
{
	if (s)
		html_escape_n(sb, s, strlen(s));
}

void html_raw(struct strbuf *sb, const char *s)
{
	if (s)
		sb_adds(sb, s);
}

void html_fmt(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			sb_adds(sb, p);
			break;
		}
		sb_add(sb, p, (size_t)(pct - p));
		p = pct + 1;
		/* collect a conversion: length modifiers then one letter */
		char spec[8] = "%";
		size_t k = 1;
		while ((*p == 'l' || *p == 'z' || *p == 'h') && k < 4)
			spec[k++] = *p++;
		char conv = *p ? *p++ : 0;
		spec[k++] = conv;
		spec[k] = 0;
		char tmp[32];
		switch (conv) {
		case '%':
			sb_addc(sb, '%');
			break;
		case 's':
			html_escape(sb, va_arg(ap, const char *));
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			html_escape_n(sb, tmp, 1);
			break;
		case 'd': case 'i': case 'u': case 'x':
			if (k == 2)
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, int));
			else if (spec[1] == 'z')
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, size_t));
			else if (k == 4 && spec[2] == 'l')
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, long long));
			else
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, long));
			sb_adds(sb, tmp);
			break;
		default:
			/* unsupported conversion: a programmer error, show it plainly */
			sb_adds(sb, "(?)");
			goto out;
		}
	}
out:
	va_end(ap);
}

void url_encode(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			sb_addc(sb, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			sb_add(sb, e, 3);
		}
	}
}
