/* headscan — reads a connection's bytes as they arrive, before evhttp
 * parses them, and says when a request must be refused and with which
 * status, so that the connection guard (server.c) answers with daam's own
 * page: evhttp's has none of daam's security headers and is not translated.
 *
 * It follows the framing as evhttp 2.1 does (request line, header lines, a
 * body by Content-Length or chunked with its trailer) so that every request
 * of a keep-alive connection is checked, and it is at least as strict as
 * evhttp at each step, so evhttp never refuses a request first:
 *   - the request line: "METHOD SP target SP HTTP/d.d", at least 14 bytes
 *     (trailing spaces dropped), a target evhttp can parse; an unknown
 *     method, TRACE or CONNECT → 501, a version past HTTP/1 → 505, anything
 *     else malformed → 400;
 *   - header lines: a name without spaces, a colon (a line starting with a
 *     space continues the previous one) → else 400;
 *   - the head (request line + headers, CRLFs counted) within max_head →
 *     else 414 while the request line is read, 431 after;
 *   - no NUL byte in the head (evhttp reads lines as C strings) → 400;
 *   - framing: one Content-Length of digits, Transfer-Encoding only
 *     "chunked" and never with a Content-Length (RFC 9112 §6.1, §6.3) →
 *     else 400; Expect other than 100-continue on a body → 417;
 *   - the body within max_upload for an upload route (router_is_upload),
 *     within max_body for any other → else 413, as soon as the head (or
 *     the chunk sizes) tell.
 * Once a request is refused, the rest of its head is still read for the
 * language (the lang cookie, Accept-Language) until the head ends.
 *
 * It keeps a few hundred bytes a connection: the request line while it is
 * read, the start of each header line, and what the answer needs. */
#ifndef DAAM_HEADSCAN_H
#define DAAM_HEADSCAN_H
#include <stddef.h>
#include <stdint.h>
#include "core/strbuf.h"

#define HEADSCAN_FIELD_KEEP 128  /* bytes kept of a header line: its name, the start of its value */

struct headscan_limits {
	size_t max_head;       /* request line + header lines, CRLFs included */
	uint64_t max_body;     /* the body of a request that is not an upload */
	uint64_t max_upload;   /* the body of a request to an upload route */
};

enum headscan_method { HS_M_NONE, HS_M_GET, HS_M_HEAD, HS_M_POST, HS_M_OTHER };

struct headscan {
	const struct headscan_limits *lim;
	int state;
	int status;                 /* 0, or the status the request is refused with */
	int method;                 /* enum headscan_method */
	int http11;                 /* HTTP/1.1 or later */
	int upload;                 /* the route takes uploads */
	size_t head_bytes;
	struct strbuf line;         /* the request line while it is read */
	char field[HEADSCAN_FIELD_KEEP];
	size_t field_len;           /* bytes of the current line so far (all, not only kept) */
	int last_cr;                /* the line's last byte so far is a CR */
	int colon;                  /* where the line's first colon is, -1: none yet */
	int name_bad;               /* a space or control byte before the colon */
	int kind;                   /* which header the line is */
	int nfields;
	int cookie_state, cookie_pos;
	int64_t content_length;     /* -1: none */
	int n_content_length;
	int transfer_encoding;      /* 0 none, 1 chunked, 2 anything else */
	int expect;                 /* 0 none, 1 100-continue, 2 anything else */
	uint64_t body_left;         /* of a Content-Length body or of a chunk */
	uint64_t body_total;        /* chunked: the sizes so far */
	char accept_language[64];
	char lang_cookie[16];
	size_t lang_cookie_len;
	int lang_cookie_done;
};

void headscan_init(struct headscan *hs, const struct headscan_limits *lim);
void headscan_release(struct headscan *hs);
/* Reads the next n bytes of the connection.  Returns 0 while all is well,
 * else the HTTP status to refuse the request with (hs->status; later calls
 * return it again, reading only what the answer's language needs). */
int headscan_feed(struct headscan *hs, const char *p, size_t n);
#endif
