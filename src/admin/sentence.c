/* sentence — translated sentences with markup pieces (see sentence.h). */
#include <stdarg.h>
#include <string.h>
#include "admin/sentence.h"
#include "core/arena.h"
#include "core/dates.h"
#include "html/html.h"
#include "http/request.h"
#include "core/banned.h"

#define MAX_PIECES 8

void sentence(struct strbuf *o, const char *tmpl, ...)
{
	const char *keys[MAX_PIECES], *marks[MAX_PIECES];
	int n = 0;
	va_list ap;
	va_start(ap, tmpl);
	for (const char *k; n < MAX_PIECES && (k = va_arg(ap, const char *)) != NULL; n++) {
		keys[n] = k;
		marks[n] = va_arg(ap, const char *);
	}
	va_end(ap);
	const char *s = tmpl ? tmpl : "";
	while (*s) {
		const char *open = strchr(s, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!open || !close) {
			html_escape(o, s);
			return;
		}
		html_escape_n(o, s, (size_t)(open - s));
		size_t klen = (size_t)(close - open - 1);
		int found = -1;
		for (int i = 0; i < n && found < 0; i++)
			if (strlen(keys[i]) == klen && memcmp(keys[i], open + 1, klen) == 0)
				found = i;
		if (found >= 0) {
			if (marks[found])
				html_raw(o, marks[found]);
		} else {
			html_escape_n(o, open, klen + 2);
		}
		s = close + 1;
	}
}

const char *piece_num(struct req *r, long long n)
{
	struct strbuf sb;
	sb_init(&sb, 256);
	sb_adds(&sb, "<bdi dir=\"ltr\">");
	fmt_int(&sb, n);
	sb_adds(&sb, "</bdi>");
	const char *out = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	return out ? out : "";
}

const char *piece_text(struct req *r, const char *text, int ltr)
{
	struct strbuf sb;
	sb_init(&sb, 0);
	html_raw(&sb, ltr ? "<bdi dir=\"ltr\">" : "<bdi>");
	html_escape(&sb, text ? text : "");
	html_raw(&sb, "</bdi>");
	const char *out = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	return out ? out : "";
}

const char *piece_link(struct req *r, const char *href, const char *text)
{
	struct strbuf sb;
	sb_init(&sb, 0);
	html_fmt(&sb, "<a href=\"%s\"><bdi>%s</bdi></a>", href, text ? text : "");
	const char *out = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	return out ? out : "";
}
