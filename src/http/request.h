/* request — one HTTP request and its response while a handler runs.  The
 * request owns everything (its arena, its output buffer) and all of it is
 * freed when the response is sent. */
#ifndef DAAM_REQUEST_H
#define DAAM_REQUEST_H
#include <stdint.h>
#include "core/arena.h"
#include "core/limits.h"
#include "core/strbuf.h"
#include "http/router.h"
#include "http/cookies.h"

struct evhttp_request;
struct evkeyvalq;

#define REQ_MAX_PARAMS 24
#define REQ_MAX_ERRORS 24
#define REQ_MAX_PATH_ARGS 4
#define REQ_TABLE_COLS 12

struct field_error {
	const char *field;
	const char *message; /* already translated */
};

/* The signed-in user, loaded from the session. */
struct user {
	int64_t id;
	const char *name;         /* login name */
	const char *display_name;
	int role;                 /* enum role */
	int64_t office_id;        /* 0: all offices */
	int64_t org_id;           /* partner users: their organization */
	uint64_t perms;            /* perm_t */
};

struct req {
	struct evhttp_request *ev;
	struct arena arena;
	struct strbuf out;
	int method;
	const char *path;
	struct evkeyvalq *query;
	struct evkeyvalq *form;
	const char *body;         /* raw body (NUL-terminated copy), POST only */
	size_t body_len;
	struct cookie cookies[LIMIT_COOKIES];
	int ncookies;
	char cookie_buf[4096];
	const struct route *route;
	const char *path_args[REQ_MAX_PATH_ARGS];
	const char *path_arg_names[REQ_MAX_PATH_ARGS];
	int npath_args;
	struct param_value params[REQ_MAX_PARAMS];
	struct field_error errors[REQ_MAX_ERRORS];
	int nerrors;
	struct user *user;         /* NULL when not signed in */
	int64_t session_id;
	const char *csrf;          /* this session's CSRF token (or the login cookie's) */
	int status;
	const char *content_type;
	int is_private;            /* adds Cache-Control: no-store */
	int session_persistent;    /* session_start: 1 gives the sid cookie a Max-Age ("keep me signed in"),
	                              0 makes it a browser-session cookie (gone when the browser closes) */
	const char *client_ip;
	int is_https;              /* public URL is https: Secure + __Host- cookies */
	int64_t started_us;
	int64_t started_cpu_us;    /* the thread's CPU time then (the access log's cpu=) */
	struct strbuf extra_headers; /* "Name: value\n" lines */
	const void *asset, *asset_gz;  /* static bytes sent without copying */
	size_t asset_len, asset_gz_len;
	int body_fd_set;           /* the body is body_fd_len bytes of body_fd (req_body_fd) */
	int body_fd;
	size_t body_fd_len;
	size_t bytes_sent;
	/* the table being written (html/components.c): its column labels */
	const char *table_labels[REQ_TABLE_COLS];
	int table_ncols, table_col;
	/* the message for the next page (req_flash), and whether a page of this
	 * request already showed it */
	const char *flash_text, *flash_href, *flash_label;
	int flash_shown;
};

/* Typed parameter values (declared in the route). */
long long req_int(struct req *r, const char *name);
const char *req_str(struct req *r, const char *name); /* "" when absent */
int req_has(struct req *r, const char *name);
/* 1 when the route declares this parameter: for a page drawn by several
 * routes (a form shown again after a POST) that reads a value only some of
 * them have.  Reading an undeclared one is a programmer error. */
int req_declares(const struct req *r, const char *name);
/* The raw submitted form value (for re-showing what was typed), or NULL. */
const char *req_form_raw(struct req *r, const char *name);
const char *req_query_raw(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
const char *req_header(struct req *r, const char *name);

void req_field_error(struct req *r, const char *field, const char *message);
const char *req_error_for(struct req *r, const char *field);

/* Response helpers. */
void req_header_add(struct req *r, const char *name, const char *value);
void req_set_cookie(struct req *r, const char *name, const char *value, int max_age, int http_only);
void req_redirect(struct req *r, const char *location); /* 303 See Other */
/* A short message ("Saved.") for the next page the user sees, after a POST
 * answered with a redirect: kept in a signed, HttpOnly, SameSite=Strict
 * cookie for a minute (http/flash.c); page_begin shows it once with
 * role="status" and clears it.  text is plain text (escaped when shown;
 * what does not carry daam's signature is never shown); req_flash_link adds
 * a link to href (a local path) labelled label. */
void req_flash(struct req *r, const char *text);
void req_flash_link(struct req *r, const char *text, const char *href, const char *label);
#define FLASH_COOKIE "flash"
/* After the handler (dispatch): a message no page of this request showed
 * goes into the cookie. */
void req_flash_commit(struct req *r);
/* For page_begin: the message to show now — this request's own, or the
 * cookie's (then cleared) — in text, href and label ("" when none).
 * Returns 1 when there is one. */
int req_flash_take(struct req *r, const char **text, const char **href, const char **label);
void req_json(struct req *r, int status, const char *json);
/* Sends len bytes of the file fd as a 200 response's body, uncompressed and
 * without copying it into r->out (a job's result, of any size).  Takes fd:
 * it is closed once sent, or with the response if the status is not 200. */
void req_body_fd(struct req *r, int fd, size_t len);
/* Sends a jansson value as a 200 JSON response and releases it (500 if NULL). */
typedef struct json_t json_t;
void req_json_value(struct req *r, json_t *j);
/* An error page (or JSON error on API routes) for status in the user's language. */
void req_error(struct req *r, int status);
/* The title and text of the error page for status, in the current
 * language; returns status, or 500 for one it has no text for. */
int req_error_text(int status, const char **title, const char **text);

int64_t now_us(void);
/* The calling thread's CPU time, µs: a request's own work even when the
 * CPU is shared (the access log's cpu=, read by bench/registry.sh). */
int64_t thread_cpu_us(void);
#endif

/* All submitted values of a repeated form field (checkboxes), up to max. */
int req_form_values(struct req *r, const char *name, const char **out, int max);
