/* multipart — a small, bounded parser of multipart/form-data bodies
 * (RFC 7578, RFC 2046 §5.1), the format browsers use to upload files;
 * libevent has none.  The parser never copies part contents: each part
 * points into the body.  Only names, file names and content types are
 * copied (unquoted) into the caller's arena.  Every size is bounded by
 * struct mp_limits and the number of parts by the caller's array. */
#ifndef DAAM_MULTIPART_H
#define DAAM_MULTIPART_H
#include <stddef.h>

struct arena;
struct req;

/* RFC 2046: a boundary has 1 to 70 characters. */
#define MP_BOUNDARY_MAX 70

struct mp_limits {
	size_t max_header;   /* bytes of one part's header block */
	size_t max_field;    /* bytes of the contents of a part without a file name */
	size_t max_file;     /* bytes of the contents of a part with a file name */
};

struct mp_part {
	const char *name;          /* the form field's name (NUL-terminated) */
	const char *filename;      /* NULL for a plain field; may be "" */
	const char *content_type;  /* NULL when the part has none */
	const char *data;          /* the contents, inside the body (not NUL-terminated) */
	size_t len;
};

enum mp_status {
	MP_OK = 0,
	MP_EBOUNDARY = -1,   /* the Content-Type has no usable boundary */
	MP_EFORMAT = -2,     /* no opening boundary, a malformed part header, a part without a name */
	MP_ETRUNCATED = -3,  /* the body ends before the closing boundary */
	MP_ETOOBIG = -4,     /* a part or a part's header block is over its limit */
	MP_ETOOMANY = -5,    /* more parts than the caller's array holds */
	MP_ENOMEM = -6,      /* the arena is full */
};

/* 1 when the Content-Type value is multipart/form-data (any parameters). */
int multipart_is_form_data(const char *content_type);

/* Copies the boundary parameter of a Content-Type value (quoted or not)
 * into out (NUL-terminated).  Returns its length, or -1 when there is none,
 * it is longer than MP_BOUNDARY_MAX or does not fit in outsz. */
int multipart_boundary(const char *content_type, char *out, size_t outsz);

/* Parses body[0..len) delimited by boundary into parts[0..max_parts).
 * The preamble before the first boundary and the epilogue after the
 * closing one are ignored.  Returns MP_OK with *nparts set, or a negative
 * enum mp_status (then *nparts counts the parts read before the problem). */
int multipart_parse(const char *body, size_t len, const char *boundary, const struct mp_limits *lim,
		    struct arena *a, struct mp_part *parts, int max_parts, int *nparts);

/* A short English description of a status, for logs and tests. */
const char *multipart_strerror(int status);

/* For the dispatcher: reads the request's multipart/form-data body of at
 * most max_body bytes.  The plain fields go to r->form (so the CSRF check
 * and the declared parameters work as for urlencoded forms); the body is
 * kept in r->body for multipart_file().  Returns 0 or the HTTP status to
 * answer (400 malformed, 413 too large, 503 out of memory). */
int multipart_read_form(struct req *r, const char *content_type, size_t max_body);

/* The first part with a file name whose field is name, from the body
 * multipart_read_form() kept.  Returns 0 with *out filled, or -1. */
int multipart_file(struct req *r, const char *name, struct mp_part *out);
#endif
