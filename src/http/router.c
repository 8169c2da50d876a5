/* router — path matching against the route table and typed parameter
 * validation (see router.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/router.h"
#include "module.h"
#include "http/request.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/banned.h"

/* Matches one pattern against the n bytes of path; a "{name}" segment
 * matches any non-empty segment.  Where given, caps[] receives each {…}
 * segment and its name (pointers into pat and path).  Returns the number of
 * captures, or -1 when the path does not match. */
struct capture {
	const char *name, *value;
	size_t name_len, value_len;
};

static int pattern_walk(const char *pat, const char *path, size_t n, struct capture *caps)
{
	int ncaps = 0;
	const char *end = path + n;
	while (*pat && path < end) {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			if (!close || ncaps == REQ_MAX_PATH_ARGS)
				return -1;
			const char *seg_end = memchr(path, '/', (size_t)(end - path));
			if (!seg_end)
				seg_end = end;
			if (seg_end == path)
				return -1;
			if (caps)
				caps[ncaps] = (struct capture){ pat + 1, path, (size_t)(close - pat - 1),
								(size_t)(seg_end - path) };
			ncaps++;
			pat = close + 1;
			path = seg_end;
		} else if (*pat == *path) {
			pat++;
			path++;
		} else {
			return -1;
		}
	}
	return *pat || path < end ? -1 : ncaps;
}

int router_pattern_matches(const char *pattern, const char *path, size_t path_len)
{
	return pattern_walk(pattern, path, path_len, NULL) >= 0;
}

/* Matches one pattern against path; fills captures into r on success. */
static int pattern_match(struct req *r, const char *pat, const char *path)
{
	struct capture caps[REQ_MAX_PATH_ARGS];
	int n = pattern_walk(pat, path, strlen(path), caps);
	if (n < 0)
		return 0;
	r->npath_args = n;
	for (int i = 0; i < n; i++) {
		r->path_args[i] = arena_strndup(&r->arena, caps[i].value, caps[i].value_len);
		r->path_arg_names[i] = arena_strndup(&r->arena, caps[i].name, caps[i].name_len);
	}
	return 1;
}

int router_is_upload(int method, const char *path, size_t path_len)
{
	const struct route *rt = modules_route_for(method, path, path_len);
	return rt && (rt->flags & ROUTE_UPLOAD);
}

const struct route *router_match(struct req *r, int method, const char *path, int *status)
{
	int path_seen = 0;
	FOR_EACH_MODULE(m)
		for (const struct route *rt = m->routes; rt && rt->pattern; rt++) {
			if (!pattern_match(r, rt->pattern, path))
				continue;
			if (rt->method == method)
				return rt;
			path_seen = 1;
		}
	*status = path_seen ? 405 : 404;
	return NULL;
}

static const char *text_check(const struct param_spec *p, const char *raw, char *buf, size_t bufsz, int allow_newlines)
{
	for (const unsigned char *c = (const unsigned char *)raw; *c; c++)
		if ((*c < 0x20 && !(allow_newlines && (*c == '\n' || *c == '\r' || *c == '\t'))) || *c == 0x7f)
			return _("This field contains characters that are not allowed.");
	long n = utf8_count(raw, strlen(raw));
	if (n < 0)
		return _("This text is not valid UTF-8 text.");
	if (p->max && n > p->max) {
		snprintf(buf, bufsz, _("Too long: at most %lld characters."), p->max);
		return buf;
	}
	if (p->min && n < p->min) {
		snprintf(buf, bufsz, _("Too short: at least %lld characters."), p->min);
		return buf;
	}
	return NULL;
}

const char *param_check(const struct param_spec *p, const char *raw, struct param_value *out, char *buf, size_t bufsz)
{
	out->s = raw;
	switch (p->type) {
	case PT_INT:
	case PT_YEAR: {
		char *end;
		errno = 0;
		/* digits only (strtoll alone would take " 12" and "+12") */
		if (!*raw || strlen(raw) > 20 || !((*raw >= '0' && *raw <= '9') || (*raw == '-' && raw[1])))
			return _("Enter a whole number.");
		long long v = strtoll(raw, &end, 10);
		if (errno || *end)
			return _("Enter a whole number.");
		long long max = p->type == PT_YEAR && p->max == 0 ? date_this_year() : p->max;
		if (v < p->min || v > max) {
			snprintf(buf, bufsz, _("Enter a number from %lld to %lld."), p->min, max);
			return buf;
		}
		out->i = v;
		break;
	}
	case PT_TEXT:
	case PT_LONGTEXT:
	case PT_SECRET:
		return text_check(p, raw, buf, bufsz, p->type == PT_LONGTEXT);
	case PT_ENUM:
		for (long long k = 0; p->choices[k]; k++) {
			if (strcmp(p->choices[k], raw) == 0) {
				out->i = k;
				return NULL;
			}
		}
		return _("Choose one of the listed options.");
	case PT_DATE: {
		int y, m, d;
		if (date_parse_iso(raw, &y, &m, &d) < 0)
			return _("Enter a date as year-month-day, for example 2018-03-12.");
		out->i = y * 10000 + m * 100 + d;
		break;
	}
	case PT_BOOL:
		out->i = strcmp(raw, "1") == 0 || strcmp(raw, "on") == 0 || strcmp(raw, "yes") == 0;
		break;
	}
	return NULL;
}

/* Trims ASCII spaces around user text and drops bidirectional embedding,
 * override and isolate controls from it (pasted from chat apps, or planted:
 * an unclosed U+202E flips what follows a name in every list and file). */
static const char *trim_value(struct req *r, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	char *v = arena_strndup(&r->arena, s, n);
	if (v && utf8_strip_bidi_controls(v) != n)
		return trim_value(r, v); /* spaces the controls hid at an end */
	return v;
}

int router_validate(struct req *r)
{
	const struct param_spec *specs = r->route->params;
	for (int i = 0; specs && specs[i].name && i < REQ_MAX_PARAMS; i++) {
		const struct param_spec *p = &specs[i];
		struct param_value *v = &r->params[i];
		const char *raw = NULL;
		if (p->where & IN_PATH) {
			for (int k = 0; k < r->npath_args; k++)
				if (strcmp(r->path_arg_names[k], p->name) == 0)
					raw = r->path_args[k];
		}
		if (!raw && (p->where & IN_FORM))
			raw = req_form_raw(r, p->name);
		if (!raw && (p->where & IN_QUERY))
			raw = req_query_raw(r, p->name);
		if (raw && p->type != PT_SECRET)
			raw = trim_value(r, raw);
		if (!raw || !*raw) {
			v->present = 0;
			v->s = "";
			if (p->type == PT_BOOL)
				continue;
			if (p->required) {
				if (p->where & IN_FORM) {
					req_field_error(r, p->name, _("This field is required."));
					continue;
				}
				return 400;
			}
			continue;
		}
		char buf[256];
		const char *err = param_check(p, raw, v, buf, sizeof buf);
		if (err) {
			v->present = 0;
			if (p->where & IN_PATH)
				return 404;
			if (p->where & IN_FORM) {
				req_field_error(r, p->name, arena_strdup(&r->arena, err));
				continue;
			}
			return 400;
		}
		v->present = 1;
	}
	return 0;
}
