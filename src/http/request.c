/* request — accessors for a request's values and helpers that shape its
 * response (see request.h). */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/queue.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include "http/request.h"
#include "http/flash.h"
#include "html/html.h"
#include "html/layout.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/banned.h"

int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t thread_cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The index of a declared parameter.  Reading one the route did not
 * declare is a programmer error: logged, and fatal in a debug build
 * (DAAM_DEBUG, set by `make SANITIZE=1`), so the walks of the test suite
 * find it instead of a user getting an empty value. */
static int param_index(struct req *r, const char *name)
{
	const struct param_spec *p = r->route ? r->route->params : NULL;
	for (int i = 0; p && p[i].name && i < REQ_MAX_PARAMS; i++)
		if (strcmp(p[i].name, name) == 0)
			return i;
	if (r->route) {
		log_error("%s reads parameter '%s' that the route does not declare", r->route->pattern, name);
#ifdef DAAM_DEBUG
		abort();
#endif
	}
	return -1;
}

int req_declares(const struct req *r, const char *name)
{
	const struct param_spec *p = r->route ? r->route->params : NULL;
	for (int i = 0; p && p[i].name && i < REQ_MAX_PARAMS; i++)
		if (strcmp(p[i].name, name) == 0)
			return 1;
	return 0;
}

long long req_int(struct req *r, const char *name)
{
	int i = param_index(r, name);
	return i >= 0 && r->params[i].present ? r->params[i].i : 0;
}

const char *req_str(struct req *r, const char *name)
{
	int i = param_index(r, name);
	return i >= 0 && r->params[i].present && r->params[i].s ? r->params[i].s : "";
}

int req_has(struct req *r, const char *name)
{
	int i = param_index(r, name);
	return i >= 0 && r->params[i].present;
}

const char *req_form_raw(struct req *r, const char *name)
{
	return r->form ? evhttp_find_header(r->form, name) : NULL;
}

const char *req_query_raw(struct req *r, const char *name)
{
	return r->query ? evhttp_find_header(r->query, name) : NULL;
}

const char *req_cookie(struct req *r, const char *name)
{
	if (r->is_https) {
		/* behind TLS every daam cookie carries the __Host- prefix */
		char full[64];
		snprintf(full, sizeof full, "__Host-%s", name);
		return cookies_get(r->cookies, r->ncookies, full);
	}
	return cookies_get(r->cookies, r->ncookies, name);
}

const char *req_header(struct req *r, const char *name)
{
	return evhttp_find_header(evhttp_request_get_input_headers(r->ev), name);
}

void req_field_error(struct req *r, const char *field, const char *message)
{
	if (r->nerrors < REQ_MAX_ERRORS) {
		r->errors[r->nerrors].field = field;
		r->errors[r->nerrors].message = message;
		r->nerrors++;
	}
}

const char *req_error_for(struct req *r, const char *field)
{
	for (int i = 0; i < r->nerrors; i++)
		if (strcmp(r->errors[i].field, field) == 0)
			return r->errors[i].message;
	return NULL;
}

void req_header_add(struct req *r, const char *name, const char *value)
{
	/* values come from daam itself; still refuse header injection */
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
		return;
	sb_addf(&r->extra_headers, "%s: %s\n", name, value);
}

/* One Set-Cookie line: Path=/, the SameSite rule, HttpOnly when asked, and
 * the __Host- prefix and Secure behind TLS. */
static void set_cookie(struct req *r, const char *name, const char *value, int max_age, int http_only,
		       const char *same_site)
{
	struct strbuf line = STRBUF_INIT;
	sb_addf(&line, "%s%s=%s; Path=/; SameSite=%s%s%s", r->is_https ? "__Host-" : "", name, value, same_site,
		http_only ? "; HttpOnly" : "", r->is_https ? "; Secure" : "");
	if (max_age >= 0)
		sb_addf(&line, "; Max-Age=%d", max_age);
	if (!line.failed)
		req_header_add(r, "Set-Cookie", sb_str(&line));
	sb_release(&line);
}

void req_set_cookie(struct req *r, const char *name, const char *value, int max_age, int http_only)
{
	set_cookie(r, name, value, max_age, http_only, "Lax");
}

void req_flash(struct req *r, const char *text)
{
	req_flash_link(r, text, NULL, NULL);
}

void req_flash_link(struct req *r, const char *text, const char *href, const char *label)
{
	/* a link only to a path of this site */
	int local = href && href[0] == '/' && href[1] != '/' && href[1] != '\\';
	r->flash_text = arena_strdup(&r->arena, text ? text : "");
	r->flash_href = local ? arena_strdup(&r->arena, href) : NULL;
	r->flash_label = local && label ? arena_strdup(&r->arena, label) : NULL;
	r->flash_shown = 0;
}

void req_flash_commit(struct req *r)
{
	if (!r->flash_text || r->flash_shown)
		return;
	struct strbuf v = STRBUF_INIT;
	flash_encode(&v, time(NULL), r->flash_text, r->flash_href, r->flash_label);
	if (v.len && !v.failed)
		set_cookie(r, FLASH_COOKIE, sb_str(&v), FLASH_MAX_AGE, 1, "Strict");
	sb_release(&v);
}

int req_flash_take(struct req *r, const char **text, const char **href, const char **label)
{
	if (r->flash_text && !r->flash_shown) {
		/* left by this very request: shown now, no cookie needed */
		r->flash_shown = 1;
		*text = r->flash_text;
		*href = r->flash_href ? r->flash_href : "";
		*label = r->flash_label ? r->flash_label : "";
		return 1;
	}
	const char *v = req_cookie(r, FLASH_COOKIE);
	if (!v || r->flash_shown)
		return 0;
	r->flash_shown = 1;
	set_cookie(r, FLASH_COOKIE, "", 0, 1, "Strict");   /* shown once */
	size_t n = strlen(v) + 1;
	char *buf = arena_alloc(&r->arena, n);
	return buf && flash_decode(v, time(NULL), buf, n, text, href, label) == 0 && **text;
}

void req_redirect(struct req *r, const char *location)
{
	r->status = 303;
	req_header_add(r, "Location", location);
	sb_reset(&r->out);
}

void req_body_fd(struct req *r, int fd, size_t len)
{
	if (r->body_fd_set)
		close(r->body_fd);
	r->body_fd_set = 1;
	r->body_fd = fd;
	r->body_fd_len = len;
	sb_reset(&r->out);
}

void req_json(struct req *r, int status, const char *json)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	sb_reset(&r->out);
	sb_adds(&r->out, json);
}

void req_json_value(struct req *r, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!s) {
		req_error(r, 500);
		return;
	}
	req_json(r, 200, s);
	free(s);
}

int req_error_text(int status, const char **title, const char **text)
{
	switch (status) {
	case 400: *title = _("Bad request"); *text = _("The request could not be understood. Check the address or the form and try again."); break;
	case 401: *title = _("Sign in needed"); *text = _("Sign in to continue."); break;
	case 403: *title = _("Not allowed"); *text = _("Your account is not allowed to see or do this. Ask an administrator if you need it."); break;
	case 404: *title = _("Not found"); *text = _("There is nothing at this address. It may have been moved or deleted."); break;
	case 405: *title = _("Method not allowed"); *text = _("This address does not accept this kind of request."); break;
	case 413: *title = _("Too large"); *text = _("What was sent is larger than this page accepts."); break;
	case 414: *title = _("Address too long"); *text = _("The address is longer than this server accepts. Check the link and try again."); break;
	case 417:
	case 501:
	case 505: *title = _("Not supported"); *text = _("This server does not support this kind of request."); break;
	case 429: *title = _("Too many attempts"); *text = _("Too many attempts. Wait a few minutes and try again."); break;
	case 431: *title = _("Request too large"); *text = _("The request's headers are larger than this server accepts. Deleting this site's cookies in the browser may help."); break;
	case 503: *title = _("Busy"); *text = _("The server is busy or its storage is not available. Your last change may not have been saved; try again in a moment."); break;
	default: status = 500; *title = _("Server error"); *text = _("Something went wrong on the server. Nothing was lost that was already saved; try again."); break;
	}
	return status;
}

void req_error(struct req *r, int status)
{
	const char *title, *text;
	status = req_error_text(status, &title, &text);
	r->status = status;
	sb_reset(&r->out);
	if (r->route && (r->route->flags & ROUTE_API)) {
		r->content_type = "application/json; charset=utf-8";
		sb_addf(&r->out, "{\"error\":%d,\"message\":\"", status);
		for (const char *c = text; *c; c++) {
			if (*c == '"' || *c == '\\')
				sb_addc(&r->out, '\\');
			sb_addc(&r->out, *c);
		}
		sb_adds(&r->out, "\"}");
		return;
	}
	page_begin(r, title);
	html_fmt(&r->out, "<section class=\"error\"><h1>%s</h1><p>%s</p><p><a href=\"/\">%s</a></p></section>", title, text, _("Back to the start page"));
	page_end(r);
	r->status = status;
}

int req_form_values(struct req *r, const char *name, const char **out, int max)
{
	int n = 0;
	struct evkeyval *kv;
	if (!r->form)
		return 0;
	TAILQ_FOREACH(kv, r->form, next)
		if (n < max && strcmp(kv->key, name) == 0)
			out[n++] = kv->value;
	return n;
}
