/* multipart — the bounded multipart/form-data parser (see multipart.h).
 *
 * A body is: an ignored preamble, then "--BOUNDARY" CRLF, a header block
 * ending with an empty line, the contents, then CRLF "--BOUNDARY" followed
 * either by CRLF and the next part or by "--" (the close) and an ignored
 * epilogue.  Contents are found by searching for CRLF "--BOUNDARY", so a
 * file may hold any bytes. */
#include <string.h>
#include <strings.h>
#include <sys/queue.h>
#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include "http/multipart.h"
#include "http/request.h"
#include "core/arena.h"
#include "core/limits.h"
#include "core/banned.h"

static int is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* RFC 7230 token characters. */
static int is_tchar(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return 0;
	return !strchr("()<>@,;:\\\"/[]?={}", c);
}

int multipart_is_form_data(const char *ct)
{
	static const char type[] = "multipart/form-data";
	if (!ct)
		return 0;
	while (is_ows(*ct))
		ct++;
	if (strncasecmp(ct, type, sizeof type - 1) != 0)
		return 0;
	char next = ct[sizeof type - 1];
	return next == 0 || next == ';' || is_ows(next);
}

/* Scans the parameters "; name=value" of a header value v[0..n) from
 * position i (just after the type) and returns the unquoted value of the
 * first parameter called want (case-insensitive) copied into the arena, or
 * NULL when absent.  *bad is set to 1 when the parameters are malformed or
 * a value holds control characters; *bad = 2 when the arena is full. */
static char *param_value(const char *v, size_t n, size_t i, const char *want, struct arena *a, int *bad)
{
	char *found = NULL;
	size_t wlen = strlen(want);
	*bad = 0;
	for (;;) {
		while (i < n && is_ows(v[i]))
			i++;
		if (i >= n)
			return found;
		if (v[i] != ';') {
			*bad = 1;
			return NULL;
		}
		i++;
		while (i < n && is_ows(v[i]))
			i++;
		if (i >= n)
			return found;
		size_t name = i;
		while (i < n && is_tchar((unsigned char)v[i]))
			i++;
		size_t name_len = i - name;
		while (i < n && is_ows(v[i]))
			i++;
		if (!name_len || i >= n || v[i] != '=') {
			*bad = 1;
			return NULL;
		}
		i++;
		while (i < n && is_ows(v[i]))
			i++;
		/* the value: a quoted string (backslash escapes one character) or a run up to ';' */
		char *copy = NULL, *w = NULL;
		int wanted = !found && name_len == wlen && strncasecmp(v + name, want, wlen) == 0;
		if (i < n && v[i] == '"') {
			size_t start = ++i;
			if (wanted) {
				/* the unquoted value is never longer than the quoted one */
				size_t end = start;
				while (end < n && v[end] != '"')
					end += v[end] == '\\' ? 2 : 1;
				copy = w = arena_alloc(a, (end < n ? end : n) - start + 1);
				if (!copy) {
					*bad = 2;
					return NULL;
				}
			}
			for (;;) {
				if (i >= n) {
					*bad = 1; /* no closing quote */
					return NULL;
				}
				unsigned char c = (unsigned char)v[i];
				if (c == '"')
					break;
				if (c == '\\') {
					if (++i >= n) {
						*bad = 1;
						return NULL;
					}
					c = (unsigned char)v[i];
				}
				if ((c < 0x20 && c != '\t') || c == 0x7f) {
					*bad = 1;
					return NULL;
				}
				if (w)
					*w++ = (char)c;
				i++;
			}
			i++; /* the closing quote */
		} else {
			size_t start = i;
			while (i < n && v[i] != ';' && !is_ows(v[i])) {
				unsigned char c = (unsigned char)v[i];
				if (c < 0x20 || c == 0x7f) {
					*bad = 1;
					return NULL;
				}
				i++;
			}
			if (i == start) {
				*bad = 1;
				return NULL;
			}
			if (wanted) {
				copy = w = arena_alloc(a, i - start + 1);
				if (!copy) {
					*bad = 2;
					return NULL;
				}
				memcpy(w, v + start, i - start);
				w += i - start;
			}
		}
		if (copy) {
			*w = 0;
			found = copy;
		}
	}
}

int multipart_boundary(const char *ct, char *out, size_t outsz)
{
	if (!multipart_is_form_data(ct))
		return -1;
	/* a small arena of its own: the value is copied out at once */
	struct arena a;
	arena_init(&a, 4096);
	const char *type = ct;
	while (is_ows(*type))
		type++;
	int bad;
	size_t n = strlen(ct), i = (size_t)(type - ct) + strlen("multipart/form-data");
	char *b = param_value(ct, n, i, "boundary", &a, &bad);
	int len = -1;
	if (b && !bad) {
		size_t bl = strlen(b);
		if (bl >= 1 && bl <= MP_BOUNDARY_MAX && bl < outsz) {
			memcpy(out, b, bl + 1);
			len = (int)bl;
		}
	}
	arena_free_all(&a);
	return len;
}

const char *multipart_strerror(int status)
{
	switch (status) {
	case MP_OK: return "ok";
	case MP_EBOUNDARY: return "no usable boundary";
	case MP_EFORMAT: return "malformed body";
	case MP_ETRUNCATED: return "no closing boundary";
	case MP_ETOOBIG: return "a part is too large";
	case MP_ETOOMANY: return "too many parts";
	case MP_ENOMEM: return "out of memory";
	default: return "unknown error";
	}
}

/* The next delimiter (CRLF "--" boundary) in [from, end) that is really
 * one: followed by "--", or by optional spaces and CRLF, or by the end of
 * the body (reported as truncated later).  Contents may hold the boundary
 * followed by other characters. */
static const char *find_delim(const char *from, const char *end, const char *delim, size_t dlen)
{
	while (from < end) {
		const char *d = memmem(from, (size_t)(end - from), delim, dlen);
		if (!d)
			return NULL;
		const char *q = d + dlen;
		if (end - q < 2)
			return d;
		if (q[0] == '-' && q[1] == '-')
			return d;
		while (q < end && is_ows(*q))
			q++;
		if (q == end || *q == '\r')
			return d;
		from = d + 1;
	}
	return NULL;
}

/* Parses one part's header block h[0..n) (lines separated by CRLF, without
 * the empty line) into p.  Returns MP_OK or a negative status. */
static int part_headers(const char *h, size_t n, struct arena *a, struct mp_part *p)
{
	static const char cd[] = "content-disposition", ctype[] = "content-type";
	size_t i = 0;
	int have_cd = 0;
	while (i < n) {
		const char *eol = memmem(h + i, n - i, "\r\n", 2);
		size_t end = eol ? (size_t)(eol - h) : n;
		const char *line = h + i;
		size_t len = end - i;
		i = eol ? end + 2 : n;
		const char *colon = memchr(line, ':', len);
		if (!colon || colon == line)
			return MP_EFORMAT;
		size_t nlen = (size_t)(colon - line), v = nlen + 1;
		while (v < len && is_ows(line[v]))
			v++;
		if (nlen == sizeof cd - 1 && strncasecmp(line, cd, nlen) == 0) {
			if (have_cd++)
				return MP_EFORMAT;
			static const char fd[] = "form-data";
			if (len - v < sizeof fd - 1 || strncasecmp(line + v, fd, sizeof fd - 1) != 0)
				return MP_EFORMAT;
			size_t after = v + sizeof fd - 1;
			if (after < len && line[after] != ';' && !is_ows(line[after]))
				return MP_EFORMAT;
			int bad;
			p->name = param_value(line, len, after, "name", a, &bad);
			if (bad)
				return bad == 2 ? MP_ENOMEM : MP_EFORMAT;
			p->filename = param_value(line, len, after, "filename", a, &bad);
			if (bad)
				return bad == 2 ? MP_ENOMEM : MP_EFORMAT;
		} else if (nlen == sizeof ctype - 1 && strncasecmp(line, ctype, nlen) == 0) {
			size_t e = len;
			while (e > v && is_ows(line[e - 1]))
				e--;
			for (size_t k = v; k < e; k++)
				if ((unsigned char)line[k] < 0x20 && line[k] != '\t')
					return MP_EFORMAT;
			p->content_type = arena_strndup(a, line + v, e - v);
			if (!p->content_type)
				return MP_ENOMEM;
		}
		/* other headers (Content-Transfer-Encoding…) are ignored */
	}
	if (!have_cd || !p->name)
		return MP_EFORMAT;
	return MP_OK;
}

int multipart_parse(const char *body, size_t len, const char *boundary, const struct mp_limits *lim,
		    struct arena *a, struct mp_part *parts, int max_parts, int *nparts)
{
	*nparts = 0;
	size_t blen = boundary ? strlen(boundary) : 0;
	if (blen < 1 || blen > MP_BOUNDARY_MAX)
		return MP_EBOUNDARY;
	/* the delimiter as found between parts: CRLF "--" boundary */
	char delim[MP_BOUNDARY_MAX + 5];
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	size_t dlen = blen + 4;
	const char *end = body + len, *p;
	/* the first delimiter may open the body without its CRLF */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		p = body + dlen - 2;
	} else {
		p = find_delim(body, end, delim, dlen);
		if (!p)
			return MP_EFORMAT;
		p += dlen;
	}
	for (;;) {
		/* after a delimiter: "--" closes the body, else padding and CRLF */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return MP_OK;
		while (p < end && is_ows(*p))
			p++;
		if (end - p < 2)
			return MP_ETRUNCATED;
		if (p[0] != '\r' || p[1] != '\n')
			return MP_EFORMAT;
		p += 2;
		if (*nparts >= max_parts)
			return MP_ETOOMANY;
		struct mp_part *part = &parts[*nparts];
		memset(part, 0, sizeof *part);
		/* the header block ends with an empty line (CRLF CRLF); it may be empty */
		const char *hend;
		size_t hlen;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
			hend = p;
			hlen = 0;
		} else {
			size_t window = (size_t)(end - p);
			if (window > lim->max_header + 4)
				window = lim->max_header + 4;
			hend = memmem(p, window, "\r\n\r\n", 4);
			if (!hend)
				return (size_t)(end - p) >= lim->max_header + 4 ? MP_ETOOBIG : MP_ETRUNCATED;
			hlen = (size_t)(hend - p);
			if (hlen > lim->max_header)
				return MP_ETOOBIG;
			hend += 2;
		}
		int rc = part_headers(p, hlen, a, part);
		if (rc != MP_OK)
			return rc;
		const char *data = hend + 2;
		const char *next = find_delim(data, end, delim, dlen);
		if (!next)
			return MP_ETRUNCATED;
		part->data = data;
		part->len = (size_t)(next - data);
		if (part->len > (part->filename ? lim->max_file : lim->max_field))
			return MP_ETOOBIG;
		(*nparts)++;
		p = next + dlen;
	}
}

/* The parse of a request body, shared by multipart_read_form and multipart_file. */
static int parse_request(struct req *r, const char *ct, size_t max_body, struct mp_part *parts, int *nparts)
{
	char boundary[MP_BOUNDARY_MAX + 1];
	if (multipart_boundary(ct, boundary, sizeof boundary) < 0)
		return MP_EBOUNDARY;
	struct mp_limits lim = { LIMIT_PART_HEAD_BYTES, LIMIT_FIELD_BYTES, max_body };
	return multipart_parse(r->body, r->body_len, boundary, &lim, &r->arena, parts, LIMIT_FORM_PARTS, nparts);
}

int multipart_read_form(struct req *r, const char *ct, size_t max_body)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(r->ev);
	size_t n = evbuffer_get_length(in);
	if (n > max_body)
		return 413;
	r->form = arena_alloc(&r->arena, sizeof *r->form);
	if (!r->form)
		return 503;
	TAILQ_INIT(r->form);
	char *body = arena_alloc(&r->arena, n + 1);
	if (!body)
		return 503;
	evbuffer_copyout(in, body, n);
	body[n] = 0;
	r->body = body;
	r->body_len = n;
	struct mp_part parts[LIMIT_FORM_PARTS];
	int nparts, rc = parse_request(r, ct, max_body, parts, &nparts);
	if (rc == MP_ETOOBIG || rc == MP_ETOOMANY)
		return 413;
	if (rc == MP_ENOMEM)
		return 503;
	if (rc != MP_OK)
		return 400;
	for (int i = 0; i < nparts; i++) {
		if (parts[i].filename)
			continue;
		if (memchr(parts[i].data, 0, parts[i].len))
			return 400;
		char *value = arena_strndup(&r->arena, parts[i].data, parts[i].len);
		if (!value)
			return 503;
		if (evhttp_add_header(r->form, parts[i].name, value) < 0)
			return 400;
	}
	return 0;
}

int multipart_file(struct req *r, const char *name, struct mp_part *out)
{
	const char *ct = req_header(r, "Content-Type");
	if (!r->body || !multipart_is_form_data(ct))
		return -1;
	struct mp_part parts[LIMIT_FORM_PARTS];
	int nparts;
	if (parse_request(r, ct, r->body_len, parts, &nparts) != MP_OK)
		return -1;
	for (int i = 0; i < nparts; i++)
		if (parts[i].filename && strcmp(parts[i].name, name) == 0) {
			*out = parts[i];
			return 0;
		}
	return -1;
}
