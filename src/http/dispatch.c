/* dispatch — the life of one request: decode, pick the language, load the
 * session, match the route, check the permission, read and check the form
 * and its CSRF token, validate the declared parameters, run the handler,
 * then send the response with the security headers, gzip when it pays, and
 * one access-log line without personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/queue.h>
#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <libdeflate.h>
#include "http/server.h"
#include "http/request.h"
#include "http/assets.h"
#include "http/multipart.h"
#include "html/html.h"
#include "auth/session.h"
#include "auth/tokens.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/banned.h"

#define GZIP_MIN 512

/* Level 1: on a 1.4 KB page 674 bytes against 664 at level 6, at 40% more
 * pages per second (measured with bench/run.sh). */
static __thread struct libdeflate_compressor *gz;
static __thread struct req *spare;
#define REUSE_MAX (256 * 1024)

static void dispatch_req_free(struct req *r)
{
	sb_release(&r->out);
	sb_release(&r->extra_headers);
	arena_free_all(&r->arena);
	free(r);
}

/* connect-src 'self': the picker's script asks the page it is on again
 * (assets/picker.js); nothing else is fetched */
static const char CSP[] =
	"default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* The security headers of every page, also of the pages the connection
 * guard answers with before evhttp (dispatch_early_response). */
static const struct {
	const char *name, *value;
} security_headers[] = {
	{ "Content-Security-Policy", CSP },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "same-origin" },
};
#define HSTS "max-age=31536000"

void dispatch_thread_init(void)
{
	gz = libdeflate_alloc_compressor(1);
}

void dispatch_thread_done(void)
{
	if (spare)
		dispatch_req_free(spare);
	spare = NULL;
	if (gz)
		libdeflate_free_compressor(gz);
	gz = NULL;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 417: return "Expectation Failed";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default: return "Internal Server Error";
	}
}

static int accepts_gzip(struct req *r)
{
	const char *ae = req_header(r, "Accept-Encoding");
	return ae && strstr(ae, "gzip") != NULL;
}

static void choose_language(struct req *r)
{
	int l = i18n_lang_from_code(req_cookie(r, "lang"));
	if (l < 0)
		l = i18n_lang_from_accept(req_header(r, "Accept-Language"));
	i18n_set_lang(l < 0 ? LANG_AR : (enum lang)l);
	const char *d = req_cookie(r, "digits");
	i18n_set_arabic_digits(d && strcmp(d, "arab") == 0);
}

/* Reads an urlencoded POST body into r->form.  Returns 0 or an HTTP status. */
/* An encoded NUL (%00) in a urlencoded query or body: decoded, it would cut
 * the value silently, so the request is refused (400) as a raw NUL is.  In
 * urlencoded text a literal "%" is "%25", so any "%00" is an escape. */
static int encoded_nul(const char *s)
{
	return strstr(s, "%00") != NULL;
}

static int read_form(struct req *r)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(r->ev);
	size_t n = evbuffer_get_length(in);
	const char *ct = req_header(r, "Content-Type");
	if ((r->route->flags & ROUTE_UPLOAD) && multipart_is_form_data(ct))
		return multipart_read_form(r, ct, LIMIT_UPLOAD_BYTES);
	if (n > LIMIT_FORM_BYTES)
		return 413;
	r->form = arena_alloc(&r->arena, sizeof *r->form);
	if (!r->form)
		return 503;
	TAILQ_INIT(r->form);
	if (n == 0)
		return 0;
	if (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) != 0)
		return 400;
	char *body = arena_alloc(&r->arena, n + 1);
	if (!body)
		return 503;
	evbuffer_copyout(in, body, n);
	body[n] = 0;
	if (strlen(body) != n)
		return 400; /* NUL bytes */
	r->body = body;
	r->body_len = n;
	if (encoded_nul(body) || evhttp_parse_query_str(body, r->form) < 0)
		return 400;
	return 0;
}

/* The JSON body of an API POST made with a bearer token, kept in r->body
 * (the handler parses it); the form stays empty.  400 for another type. */
static int read_json(struct req *r)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(r->ev);
	size_t n = evbuffer_get_length(in);
	const char *ct = req_header(r, "Content-Type");
	if (n > LIMIT_FORM_BYTES)
		return 413;
	r->form = arena_alloc(&r->arena, sizeof *r->form);
	char *body = arena_alloc(&r->arena, n + 1);
	if (!r->form || !body)
		return 503;
	TAILQ_INIT(r->form);
	if (!ct || strncmp(ct, "application/json", 16) != 0)
		return 400;
	evbuffer_copyout(in, body, n);
	body[n] = 0;
	if (strlen(body) != n)
		return 400;
	r->body = body;
	r->body_len = n;
	return 0;
}

static int method_of(struct evhttp_request *ev)
{
	switch (evhttp_request_get_command(ev)) {
	case EVHTTP_REQ_GET:
	case EVHTTP_REQ_HEAD:
		return M_GET;
	case EVHTTP_REQ_POST:
		return M_POST;
	default:
		return 0;
	}
}

/* Two Content-Length headers make the body's end ambiguous (request
 * smuggling behind a proxy): refuse them (RFC 9112 section 6.3). */
static int ambiguous_length(struct req *r)
{
	int n = 0;
	struct evkeyval *kv;
	TAILQ_FOREACH(kv, evhttp_request_get_input_headers(r->ev), next)
		if (strcasecmp(kv->key, "Content-Length") == 0)
			n++;
	return n > 1;
}

static void run(struct req *r)
{
	int status = 0;
	if (ambiguous_length(r)) {
		req_header_add(r, "Connection", "close");
		return req_error(r, 400);
	}
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(r->ev);
	const char *raw_path = uri ? evhttp_uri_get_path(uri) : NULL;
	if (!raw_path || !*raw_path || strlen(raw_path) > LIMIT_PATH_BYTES)
		return req_error(r, 400);
	size_t plen = 0;
	char *path = evhttp_uridecode(raw_path, 0, &plen);
	if (!path)
		return req_error(r, 400);
	r->path = arena_strndup(&r->arena, path, plen);
	int has_nul = strlen(path) != plen;
	free(path);
	if (has_nul || !r->path)
		return req_error(r, 400);
	const char *q = evhttp_uri_get_query(uri);
	r->query = arena_alloc(&r->arena, sizeof *r->query);
	if (!r->query)
		return req_error(r, 503);
	TAILQ_INIT(r->query);
	if (q && (encoded_nul(q) || evhttp_parse_query_str(q, r->query) < 0))
		return req_error(r, 400);

	r->ncookies = cookies_parse(req_header(r, "Cookie"), r->cookie_buf, sizeof r->cookie_buf,
				    r->cookies, LIMIT_COOKIES);
	choose_language(r);
	session_load(r);
	if (r->user)
		r->is_private = 1;

	r->method = method_of(r->ev);
	if (!r->method)
		return req_error(r, 405);
	r->route = router_match(r, r->method, r->path, &status);
	if (!r->route)
		return req_error(r, status);

	/* API routes also take a bearer token (scripts have no cookies and no
	 * CSRF to steal: a browser never sends an Authorization header by
	 * itself); a POST with a token carries a JSON body (read_json) */
	int by_token = 0;
	if (!r->user && (r->route->flags & ROUTE_API)) {
		token_load(r);
		/* what a token reads is personal data: never stored by a cache */
		if (r->user)
			r->is_private = by_token = 1;
	}
	if (r->route->perm) {
		if (!r->user) {
			if (r->route->flags & ROUTE_API)
				return req_error(r, 401);
			struct strbuf loc = STRBUF_INIT;
			sb_adds(&loc, "/login?next=");
			url_encode(&loc, r->path);
			req_redirect(r, arena_strdup(&r->arena, sb_str(&loc)));
			sb_release(&loc);
			return;
		}
		if ((r->user->perms & r->route->perm) != r->route->perm)
			return req_error(r, 403);
	}
	if (r->method == M_POST && by_token) {
		if ((status = read_json(r)) != 0)
			return req_error(r, status);
	} else if (r->method == M_POST) {
		if ((status = read_form(r)) != 0)
			return req_error(r, status);
		if (!csrf_check(r))
			return req_error(r, 403);
	}
	if ((status = router_validate(r)) != 0)
		return req_error(r, status);
	r->route->handler(r);
}

static void add_headers(struct req *r, struct evkeyvalq *h)
{
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		evhttp_add_header(h, security_headers[i].name, security_headers[i].value);
	if (r->is_https)
		evhttp_add_header(h, "Strict-Transport-Security", HSTS);
	if (r->is_private || !evhttp_find_header(h, "Cache-Control"))
		evhttp_add_header(h, "Cache-Control", r->is_private ? "no-store" : "no-cache");
	/* extra headers: "Name: value\n" lines */
	char *line = r->extra_headers.buf;
	while (line && *line) {
		char *nl = strchr(line, '\n'), *colon = strchr(line, ':');
		if (!nl || !colon || colon > nl)
			break;
		*nl = 0;
		*colon = 0;
		evhttp_add_header(h, line, colon + 2);
		line = nl + 1;
	}
}

static void send_response(struct req *r)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(r->ev);
	struct evbuffer *out = evbuffer_new();
	if (r->asset) {
		/* immutable embedded bytes, maybe pre-compressed: no copy */
		int use_gz = r->asset_gz && accepts_gzip(r);
		evhttp_add_header(h, "Content-Type", r->content_type);
		evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
		evhttp_add_header(h, "Cache-Control", "public, max-age=31536000, immutable");
		evhttp_add_header(h, "Vary", "Accept-Encoding");
		if (use_gz)
			evhttp_add_header(h, "Content-Encoding", "gzip");
		evbuffer_add_reference(out, use_gz ? r->asset_gz : r->asset,
				       use_gz ? r->asset_gz_len : r->asset_len, NULL, NULL);
	} else {
		add_headers(r, h);
		if (r->status != 303 && r->status != 204)
			evhttp_add_header(h, "Content-Type", r->content_type);
		size_t n = r->out.len;
		/* text compresses; XLSX and other binary formats are zip already */
		int textual = strncmp(r->content_type, "text/", 5) == 0 || strncmp(r->content_type, "application/json", 16) == 0;
		int compress = gz && textual && n >= GZIP_MIN && accepts_gzip(r) && !r->body_fd_set;
		if (r->body_fd_set && r->status == 200) {
			/* a job's result: mapped from its file, whatever its size (libevent
			 * closes the descriptor once it is sent) */
			if (evbuffer_add_file(out, r->body_fd, 0, (ev_off_t)r->body_fd_len) < 0)
				close(r->body_fd);
			r->body_fd_set = 0;
			n = 0;
		}
		if (compress) {
			size_t bound = libdeflate_gzip_compress_bound(gz, n);
			void *zbuf = arena_alloc(&r->arena, bound);
			size_t zn = zbuf ? libdeflate_gzip_compress(gz, r->out.buf, n, zbuf, bound) : 0;
			if (zn) {
				evhttp_add_header(h, "Content-Encoding", "gzip");
				evbuffer_add(out, zbuf, zn);
			} else {
				compress = 0;
			}
		}
		if (!compress)
			evbuffer_add(out, sb_str(&r->out), n);
		evhttp_add_header(h, "Vary", "Accept-Encoding, Cookie");
	}
	r->bytes_sent = evbuffer_get_length(out);
	evhttp_send_reply(r->ev, r->status, reason(r->status), out);
	evbuffer_free(out);
}

int dispatch_early_response(struct strbuf *out, int status, const char *lang_cookie,
			    const char *accept_language, int head_only, int is_https)
{
	enum lang saved = i18n_lang();
	int l = i18n_lang_from_code(lang_cookie && *lang_cookie ? lang_cookie : NULL);
	if (l < 0)
		l = i18n_lang_from_accept(accept_language);
	i18n_set_lang(l < 0 ? LANG_AR : (enum lang)l);
	const struct lang_info *li = &lang_table[i18n_lang()];
	const char *title, *text;
	status = req_error_text(status, &title, &text);

	struct strbuf page = STRBUF_INIT;
	html_fmt(&page, "<!doctype html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		 "<title>%s · %s</title><link rel=\"stylesheet\" href=\"%s\">"
		 "<link rel=\"icon\" href=\"data:,\"></head><body>"
		 "<header class=\"top\"><a class=\"brand\" href=\"/\">%s</a></header><main>"
		 "<section class=\"error\"><h1>%s</h1><p>%s</p><p><a href=\"/\">%s</a></p></section>"
		 "</main></body></html>\n",
		 li->code, li->dir, title, _("daam"), asset_url("app.css"), _("daam"), title, text,
		 _("Back to the start page"));
	sb_addf(out, "HTTP/1.1 %d %s\r\nContent-Type: text/html; charset=utf-8\r\n"
		"Content-Length: %zu\r\nContent-Language: %s\r\nConnection: close\r\n"
		"Cache-Control: no-store\r\n", status, reason(status), page.len, li->code);
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		sb_addf(out, "%s: %s\r\n", security_headers[i].name, security_headers[i].value);
	if (is_https)
		sb_addf(out, "Strict-Transport-Security: %s\r\n", HSTS);
	sb_adds(out, "\r\n");
	if (!head_only)
		sb_add(out, page.buf ? page.buf : "", page.len);
	sb_release(&page);
	i18n_set_lang(saved);
	return status;
}

void dispatch_request(struct evhttp_request *ev, const struct server_config *cfg)
{
	/* each loop reuses one request object with its buffers and arena chunk:
	 * fewer mallocs per request (measured with bench/http.sh) */
	struct req *r = spare;
	spare = NULL;
	struct strbuf out = STRBUF_INIT, extra = STRBUF_INIT;
	struct arena arena = { NULL, 0, 0 };
	if (r) {
		out = r->out;
		extra = r->extra_headers;
		arena = r->arena;
		memset(r, 0, sizeof *r);
	} else if (!(r = calloc(1, sizeof *r))) {
		evhttp_send_error(ev, 503, NULL);
		return;
	}
	r->ev = ev;
	r->started_us = now_us();
	r->started_cpu_us = thread_cpu_us();
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	r->is_https = cfg->is_https;
	r->arena = arena;
	r->arena.max = LIMIT_REQUEST_MEMORY_BYTES;
	r->out = out;
	r->out.max = LIMIT_RESPONSE_BYTES;
	sb_reset(&r->out);
	r->extra_headers = extra;
	r->extra_headers.max = 16384;
	sb_reset(&r->extra_headers);
	struct evhttp_connection *conn = evhttp_request_get_connection(ev);
	char *host = NULL;
	ev_uint16_t port = 0;
	if (conn)
		evhttp_connection_get_peer(conn, &host, &port);
	r->client_ip = host ? host : "";

	run(r);
	if (r->out.failed)
		req_error(r, 500);
	req_flash_commit(r);
	send_response(r);
	if (r->body_fd_set) /* not sent: the answer became an error */
		close(r->body_fd);
	r->body_fd_set = 0;
	if (cfg->access_log)
		fprintf(stderr, "%s %s %d %zu %lldus u=%lld cpu=%lld\n",
			evhttp_request_get_command(ev) == EVHTTP_REQ_POST ? "POST" : "GET",
			r->route ? r->route->pattern : "-", r->status, r->bytes_sent,
			(long long)(now_us() - r->started_us), r->user ? (long long)r->user->id : 0LL,
			(long long)(thread_cpu_us() - r->started_cpu_us));
	if (r->query)
		evhttp_clear_headers(r->query);
	if (r->form)
		evhttp_clear_headers(r->form);
	/* keep modest buffers for the next request; give big ones back */
	if (r->out.alloc > REUSE_MAX)
		sb_release(&r->out);
	if (r->extra_headers.alloc > REUSE_MAX)
		sb_release(&r->extra_headers);
	arena_reset(&r->arena);
	if (spare)
		dispatch_req_free(spare);
	spare = r;
}
