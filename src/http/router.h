/* router — the route table's types, path matching and parameter validation.
 * Each route declares the permission it needs and its parameters with their
 * validators; the handler only runs with values that passed (path and query
 * errors answer 400/404 before it; form errors are kept per field so the
 * handler can show the form again with each error beside its field). */
#ifndef DAAM_ROUTER_H
#define DAAM_ROUTER_H
#include <stddef.h>
#include <stdint.h>

struct req;

enum http_method { M_GET = 1, M_POST = 2 };

enum param_type {
	PT_INT,     /* decimal integer within [min, max] */
	PT_TEXT,    /* one line of UTF-8 text, no control characters, trimmed, length in characters within [min, max] */
	PT_LONGTEXT,/* like PT_TEXT but may hold line breaks and tabs (notes) */
	PT_SECRET,  /* like text but not trimmed and never echoed back (passwords) */
	PT_ENUM,    /* one of choices[] */
	PT_DATE,    /* YYYY-MM-DD */
	PT_BOOL,    /* checkbox: present and "1"/"on" → 1, absent → 0 */
	PT_YEAR,    /* a year within [min, max]; max 0 (LIMIT_BIRTH_YEAR_MAX) is the current year, read when checked */
};

enum param_where { IN_PATH = 1, IN_QUERY = 2, IN_FORM = 4 };

struct param_spec {
	const char *name;
	enum param_type type;
	unsigned where;
	int required;
	long long min, max;          /* PT_INT, PT_YEAR: value range; PT_TEXT/LONGTEXT/SECRET: length in characters */
	const char *const *choices;  /* PT_ENUM: NULL-terminated */
};

struct param_value {
	int present;     /* given (and valid) */
	long long i;     /* PT_INT, PT_YEAR, PT_BOOL, PT_ENUM (index), PT_DATE (yyyymmdd) */
	const char *s;   /* the text as given (trimmed), for every type */
};

struct route {
	int method;                  /* M_GET or M_POST */
	const char *pattern;         /* "/admin/users/{id}" */
	uint64_t perm;               /* see auth/roles.h; 0 = public */
	void (*handler)(struct req *);
	const struct param_spec *params; /* terminated by { NULL } */
	unsigned flags;
};
#define ROUTE_API      1   /* JSON: 401 instead of a redirect to the login page */
#define ROUTE_NO_CSRF  2   /* POST without a session CSRF token (login uses its own cookie) */
#define ROUTE_UPLOAD   4   /* POST may be multipart/form-data up to LIMIT_UPLOAD_BYTES (file uploads) */

#define ID_MAX 1000000000000LL   /* the largest id a path or form may name */


/* Finds the route for method and path. Path captures go to r->path_args.
 * Returns the route, or NULL with *status set to 404 or 405. */
const struct route *router_match(struct req *r, int method, const char *path, int *status);
/* 1 when the path_len bytes of path match pattern ("{name}" matches one
 * non-empty segment). */
int router_pattern_matches(const char *pattern, const char *path, size_t path_len);
/* 1 when the route that method and path (path_len bytes, decoded; a query
 * string from '?' on is ignored) would reach takes uploads (ROUTE_UPLOAD),
 * else 0.  For the connection guard, which has no struct req yet. */
int router_is_upload(int method, const char *path, size_t path_len);
/* Validates the route's parameters into r->params.  Returns 0, or the HTTP
 * status to answer (400) for a bad path or query parameter.  Form errors are
 * recorded with req_field_error() and do not fail. */
int router_validate(struct req *r);
/* Checks one value against a spec; returns NULL or an error message (msgid). */
const char *param_check(const struct param_spec *p, const char *raw, struct param_value *out, char *buf, size_t bufsz);
#endif
