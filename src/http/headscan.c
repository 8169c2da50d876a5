/* headscan — the connection guard's reading of request heads and body
 * framing, ahead of evhttp (see headscan.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <event2/http.h>
#include "http/headscan.h"
#include "http/router.h"
#include "core/banned.h"

enum {
	HS_LINE,         /* the request line */
	HS_FIELDS,       /* header lines */
	HS_BODY,         /* a body by Content-Length: body_left bytes */
	HS_CHUNK_SIZE,   /* a chunk-size line */
	HS_CHUNK_DATA,   /* a chunk's data: body_left bytes */
	HS_TRAILER,      /* the trailer lines after the last chunk */
	HS_REFUSED,      /* nothing more is read */
};

enum { K_OTHER, K_CONTENT_LENGTH, K_TRANSFER_ENCODING, K_EXPECT, K_ACCEPT_LANGUAGE, K_COOKIE };
enum { CK_START, CK_NAME, CK_VALUE, CK_SKIP };

static void field_reset(struct headscan *hs)
{
	hs->field_len = 0;
	hs->last_cr = 0;
	hs->colon = -1;
	hs->name_bad = 0;
	hs->kind = K_OTHER;
	hs->cookie_state = CK_START;
	hs->cookie_pos = 0;
}

/* Ready for the next request of the connection (the status stays). */
static void request_reset(struct headscan *hs)
{
	hs->state = HS_LINE;
	hs->method = HS_M_NONE;
	hs->http11 = 0;
	hs->upload = 0;
	hs->head_bytes = 0;
	hs->nfields = 0;
	hs->content_length = -1;
	hs->n_content_length = 0;
	hs->transfer_encoding = 0;
	hs->expect = 0;
	hs->body_left = 0;
	hs->body_total = 0;
	field_reset(hs);
	/* the language stays until the next head begins (headscan_feed) */
}

static void language_reset(struct headscan *hs)
{
	hs->accept_language[0] = 0;
	hs->lang_cookie[0] = 0;
	hs->lang_cookie_len = 0;
	hs->lang_cookie_done = 0;
}

void headscan_init(struct headscan *hs, const struct headscan_limits *lim)
{
	memset(hs, 0, sizeof *hs);
	hs->lim = lim;
	sb_init(&hs->line, lim->max_head + 1);
	request_reset(hs);
	language_reset(hs);
}

void headscan_release(struct headscan *hs)
{
	sb_release(&hs->line);
}

/* Keeps the first reason a request is refused. */
static void refuse(struct headscan *hs, int status)
{
	if (!hs->status)
		hs->status = status;
}

static int is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* The method's kind, or the status that refuses it. */
static int method_of(const char *m, size_t n, int *status)
{
	static const struct {
		const char *name;
		int method, status;
	} methods[] = {
		{ "GET", HS_M_GET, 0 }, { "HEAD", HS_M_HEAD, 0 }, { "POST", HS_M_POST, 0 },
		{ "PUT", HS_M_OTHER, 0 }, { "DELETE", HS_M_OTHER, 0 }, { "OPTIONS", HS_M_OTHER, 0 },
		{ "PATCH", HS_M_OTHER, 0 }, { "TRACE", HS_M_OTHER, 501 }, { "CONNECT", HS_M_OTHER, 501 },
	};
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		if (strlen(methods[i].name) == n && memcmp(methods[i].name, m, n) == 0) {
			*status = methods[i].status;
			return methods[i].method;
		}
	}
	*status = 501; /* a method, but not one evhttp knows */
	for (size_t i = 0; i < n; i++)
		if (!is_tchar((unsigned char)m[i]))
			*status = 400;
	return HS_M_OTHER;
}

/* Is the request's target (NUL-terminated) an upload route's?  Decoded as
 * dispatch decodes it before routing. */
static int target_is_upload(const struct evhttp_uri *u)
{
	const char *path = evhttp_uri_get_path(u);
	size_t n = 0;
	char *dec = path ? evhttp_uridecode(path, 0, &n) : NULL;
	int up = dec && router_is_upload(M_POST, dec, n);
	free(dec);
	return up;
}

/* The request line is complete (n bytes in hs->line, without CR LF). */
static void line_done(struct headscan *hs, size_t n)
{
	char *s = hs->line.buf;
	int st = 0;
	hs->state = HS_FIELDS;
	while (n && s[n - 1] == ' ')
		n--;
	char *sp1 = n >= 14 ? memchr(s, ' ', n) : NULL;
	char *uri = sp1 ? sp1 + 1 : NULL;
	char *sp2 = uri ? memrchr(uri, ' ', (size_t)(s + n - uri)) : NULL;
	if (!sp2 || sp2 == uri) {
		refuse(hs, 400);
		goto out;
	}
	hs->method = method_of(s, (size_t)(sp1 - s), &st);
	const char *v = sp2 + 1;
	if (s + n - v != 8 || memcmp(v, "HTTP/", 5) != 0 || v[5] < '0' || v[5] > '9' || v[6] != '.' ||
	    v[7] < '0' || v[7] > '9') {
		refuse(hs, 400);
		goto out;
	}
	if (v[5] > '1') {
		refuse(hs, 505);
		goto out;
	}
	hs->http11 = v[5] == '1' && v[7] >= '1';
	if (st) {
		refuse(hs, st);
		goto out;
	}
	*sp2 = 0;
	struct evhttp_uri *u = evhttp_uri_parse_with_flags(uri, EVHTTP_URI_NONCONFORMANT);
	if (!u) {
		refuse(hs, 400);
		goto out;
	}
	if (hs->method == HS_M_POST)
		hs->upload = target_is_upload(u);
	evhttp_uri_free(u);
out:
	if (hs->line.alloc > 1024)
		sb_release(&hs->line);
	else
		sb_reset(&hs->line);
}

static int kind_of(const char *name, size_t n)
{
	static const struct {
		const char *name;
		int kind;
	} kinds[] = {
		{ "content-length", K_CONTENT_LENGTH }, { "transfer-encoding", K_TRANSFER_ENCODING },
		{ "expect", K_EXPECT }, { "accept-language", K_ACCEPT_LANGUAGE }, { "cookie", K_COOKIE },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strlen(kinds[i].name) == n && strncasecmp(kinds[i].name, name, n) == 0)
			return kinds[i].kind;
	return K_OTHER;
}

static void lang_cookie_end(struct headscan *hs)
{
	char *c = hs->lang_cookie;
	size_t n = hs->lang_cookie_len;
	while (n && (c[n - 1] == ' ' || c[n - 1] == '\t' || c[n - 1] == '"'))
		n--;
	size_t skip = n && c[0] == '"' ? 1 : 0;
	memmove(c, c + skip, n - skip);
	c[n - skip] = 0;
	hs->lang_cookie_done = 1;
}

/* One byte of a Cookie header's value: finds the first "lang" cookie. */
static void cookie_byte(struct headscan *hs, char ch)
{
	if (ch == '\r')
		return;
	switch (hs->cookie_state) {
	case CK_START:
		if (ch == ' ' || ch == '\t' || ch == ';')
			return;
		hs->cookie_state = CK_NAME;
		hs->cookie_pos = 0;
		/* fall through */
	case CK_NAME:
		if (ch == ';') {
			hs->cookie_state = CK_START;
		} else if (ch == '=') {
			hs->cookie_state = hs->cookie_pos == 4 && !hs->lang_cookie_done ? CK_VALUE : CK_SKIP;
			hs->lang_cookie_len = 0;
		} else if (ch == ' ' || ch == '\t') {
			/* "lang = ar": spaces around the name are trimmed */
		} else if (hs->cookie_pos < 4 && ch == "lang"[hs->cookie_pos]) {
			hs->cookie_pos++;
		} else {
			hs->cookie_pos = 5;
		}
		return;
	case CK_VALUE:
		if (ch == ';') {
			lang_cookie_end(hs);
			hs->cookie_state = CK_START;
		} else if (hs->lang_cookie_len < sizeof hs->lang_cookie - 1 &&
			   (hs->lang_cookie_len || (ch != ' ' && ch != '\t'))) {
			hs->lang_cookie[hs->lang_cookie_len++] = ch;
			hs->lang_cookie[hs->lang_cookie_len] = 0;
		}
		return;
	case CK_SKIP:
		if (ch == ';')
			hs->cookie_state = CK_START;
		return;
	}
}

/* The next n bytes of a header line (no LF among them). */
static void field_bytes(struct headscan *hs, const char *p, size_t n)
{
	size_t k = 0;
	if (hs->field_len < HEADSCAN_FIELD_KEEP) {
		size_t room = HEADSCAN_FIELD_KEEP - hs->field_len;
		memcpy(hs->field + hs->field_len, p, n < room ? n : room);
	}
	if (hs->colon < 0) {
		const char *c = memchr(p, ':', n);
		size_t upto = c ? (size_t)(c - p) : n;
		for (size_t j = 0; j < upto && !hs->name_bad; j++) {
			unsigned char ch = (unsigned char)p[j];
			/* (a continuation line's leading space is looked at first) */
			hs->name_bad = ch <= ' ' || ch == 0x7f;
		}
		if (c) {
			size_t at = hs->field_len + upto;
			hs->colon = (int)(at < HEADSCAN_FIELD_KEEP ? at : HEADSCAN_FIELD_KEEP);
			hs->kind = at < HEADSCAN_FIELD_KEEP ? kind_of(hs->field, at) : K_OTHER;
			k = upto + 1;
		} else {
			k = n;
		}
	}
	if (hs->kind == K_COOKIE && hs->state == HS_FIELDS)
		for (; k < n; k++)
			cookie_byte(hs, p[k]);
	hs->field_len += n;
}

/* A header line (or trailer line) of n bytes is complete. */
static void head_done(struct headscan *hs);

static void field_done(struct headscan *hs, size_t n)
{
	if (n == 0) {
		if (hs->state == HS_FIELDS)
			head_done(hs);
		else
			request_reset(hs); /* the trailer's end: the next request */
		return;
	}
	if (hs->field[0] == ' ' || hs->field[0] == '\t') {
		/* continues the previous line (evhttp joins them), which must exist */
		if (hs->state == HS_FIELDS && hs->nfields == 0)
			refuse(hs, 400);
		return;
	}
	hs->nfields++;
	if (hs->colon <= 0 || hs->name_bad) {
		refuse(hs, 400);
		return;
	}
	if (hs->kind == K_COOKIE && hs->cookie_state == CK_VALUE)
		lang_cookie_end(hs);
	if (hs->state != HS_FIELDS || hs->kind == K_OTHER || hs->kind == K_COOKIE)
		return;
	/* the value as evhttp keeps it: spaces around it dropped */
	size_t kept = n < HEADSCAN_FIELD_KEEP ? n : HEADSCAN_FIELD_KEEP;
	int whole = n <= HEADSCAN_FIELD_KEEP;
	const char *v = hs->field + hs->colon + 1;
	size_t vn = kept > (size_t)hs->colon ? kept - (size_t)hs->colon - 1 : 0;
	while (vn && (*v == ' ' || *v == '\t')) {
		v++;
		vn--;
	}
	while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
		vn--;
	switch (hs->kind) {
	case K_CONTENT_LENGTH: {
		int64_t cl = 0;
		int ok = whole && vn > 0 && vn <= 18;
		for (size_t i = 0; ok && i < vn; i++) {
			ok = v[i] >= '0' && v[i] <= '9';
			cl = cl * 10 + (v[i] - '0');
		}
		if (!ok)
			refuse(hs, 400);
		if (hs->n_content_length++ == 0)
			hs->content_length = cl;
		break;
	}
	case K_TRANSFER_ENCODING:
		hs->transfer_encoding = !hs->transfer_encoding && whole && vn == 7 &&
			strncasecmp(v, "chunked", 7) == 0 ? 1 : 2;
		break;
	case K_EXPECT:
		if (!hs->expect)
			hs->expect = whole && vn == 12 && strncasecmp(v, "100-continue", 12) == 0 ? 1 : 2;
		break;
	case K_ACCEPT_LANGUAGE:
		if (!hs->accept_language[0]) {
			if (vn > sizeof hs->accept_language - 1)
				vn = sizeof hs->accept_language - 1;
			memcpy(hs->accept_language, v, vn);
			hs->accept_language[vn] = 0;
		}
		break;
	}
}

/* The head is complete: how long is the body, and is it allowed? */
static void head_done(struct headscan *hs)
{
	const struct headscan_limits *lim = hs->lim;
	uint64_t limit = hs->upload ? lim->max_upload : lim->max_body;
	if (hs->status) {
		hs->state = HS_REFUSED;
		return;
	}
	if (hs->method == HS_M_HEAD) {
		request_reset(hs); /* evhttp reads no body after HEAD */
		return;
	}
	if (hs->n_content_length > 1 ||
	    (hs->transfer_encoding && (hs->transfer_encoding != 1 || hs->n_content_length))) {
		refuse(hs, 400);
	} else if (hs->transfer_encoding != 1 && hs->content_length <= 0) {
		request_reset(hs);
		return;
	} else if (hs->http11 && hs->expect == 2) {
		refuse(hs, 417);
	} else if (hs->transfer_encoding == 1) {
		hs->state = HS_CHUNK_SIZE;
		return;
	} else if ((uint64_t)hs->content_length > limit) {
		refuse(hs, 413);
	} else {
		hs->state = HS_BODY;
		hs->body_left = (uint64_t)hs->content_length;
		return;
	}
	hs->state = HS_REFUSED;
}

/* A chunk-size line of n bytes: hex digits, then nothing or a space (as
 * evhttp reads it).  Empty lines (the CRLF after a chunk's data) are
 * skipped. */
static void chunk_size_done(struct headscan *hs, size_t n)
{
	uint64_t limit = hs->upload ? hs->lim->max_upload : hs->lim->max_body, size = 0;
	size_t i = 0;
	if (n == 0)
		return;
	for (; i < n; i++) {
		char c = hs->field[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			break;
		if (size > (UINT64_MAX - (uint64_t)d) / 16) {
			refuse(hs, 413);
			hs->state = HS_REFUSED;
			return;
		}
		size = size * 16 + (uint64_t)d;
	}
	if (i == 0 || (i < n && hs->field[i] != ' ')) {
		refuse(hs, 400);
		hs->state = HS_REFUSED;
		return;
	}
	if (size > limit || hs->body_total > limit - size) {
		refuse(hs, 413);
		hs->state = HS_REFUSED;
		return;
	}
	hs->body_total += size;
	hs->body_left = size;
	hs->state = size ? HS_CHUNK_DATA : HS_TRAILER;
}

/* A line ends (LF): its length without the LF and a CR before it. */
static void line_end(struct headscan *hs)
{
	size_t n = (hs->state == HS_LINE ? hs->line.len : hs->field_len) - (size_t)hs->last_cr;
	switch (hs->state) {
	case HS_LINE: line_done(hs, n); break;
	case HS_FIELDS: case HS_TRAILER: field_done(hs, n); break;
	case HS_CHUNK_SIZE: chunk_size_done(hs, n); break;
	}
	field_reset(hs);
}

/* The next n bytes of the current line (no LF among them); 0, or -1 when
 * the request is refused. */
static int line_bytes(struct headscan *hs, const char *p, size_t n)
{
	if (n)
		hs->last_cr = p[n - 1] == '\r';
	switch (hs->state) {
	case HS_LINE:
		sb_add(&hs->line, p, n);
		break;
	case HS_CHUNK_SIZE:
		if (hs->field_len + n > HEADSCAN_FIELD_KEEP) { /* no chunk size is that long */
			refuse(hs, 400);
			hs->state = HS_REFUSED;
			return -1;
		}
		memcpy(hs->field + hs->field_len, p, n);
		hs->field_len += n;
		break;
	default:
		field_bytes(hs, p, n);
	}
	return 0;
}

/* Lines are taken a piece at a time (up to a LF or the end of what came),
 * so that the result does not depend on how the bytes arrive: the first
 * byte that breaks a rule decides, as if they were read one by one. */
int headscan_feed(struct headscan *hs, const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && hs->state != HS_REFUSED) {
		if (hs->state == HS_BODY || hs->state == HS_CHUNK_DATA) {
			uint64_t k = n - i < hs->body_left ? n - i : hs->body_left;
			i += (size_t)k;
			hs->body_left -= k;
			if (hs->body_left == 0) {
				if (hs->state == HS_BODY)
					request_reset(hs);
				else
					hs->state = HS_CHUNK_SIZE;
			}
			continue;
		}
		const char *seg = p + i;
		const char *lf = memchr(seg, '\n', n - i);
		size_t len = lf ? (size_t)(lf - seg) : n - i;
		const char *nul = memchr(seg, 0, len);
		size_t nul_at = nul ? (size_t)(nul - seg) : SIZE_MAX;
		if (hs->state == HS_LINE && hs->head_bytes == 0)
			language_reset(hs);
		/* the first byte past max_head or a NUL, whichever comes first:
		 * what is before it is read (for the language), then it refuses */
		size_t stop = nul_at;
		int status = nul ? 400 : 0;
		if (hs->state != HS_CHUNK_SIZE) {
			size_t room = hs->lim->max_head - hs->head_bytes, take = len + (lf != NULL);
			if (take > room && room < nul_at) {
				stop = room;
				status = hs->state == HS_LINE ? 414 : 431;
			}
			hs->head_bytes += take;
		}
		if (status) {
			if (line_bytes(hs, seg, stop < len ? stop : len) == 0) {
				refuse(hs, status);
				hs->state = HS_REFUSED;
			}
			break;
		}
		if (line_bytes(hs, seg, len) < 0)
			break;
		i += len;
		if (lf) {
			i++;
			line_end(hs);
		}
	}
	return hs->status;
}
