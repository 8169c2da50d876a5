/* server — the HTTP server: one libevent loop per core sharing the port with
 * SO_REUSEPORT, limits on every connection, graceful stop on SIGTERM. */
#ifndef DAAM_SERVER_H
#define DAAM_SERVER_H
#include <stddef.h>

struct server_config {
	const char *host;        /* "127.0.0.1" */
	int port;                /* 0 picks a free port (printed at start) */
	int threads;             /* event loops; 0 = number of cores */
	int io_timeout_s;        /* read/write idle timeout */
	int deadline_s;          /* a request must arrive whole within this */
	int max_conns;           /* per loop */
	int max_conns_per_addr;  /* per loop and client address (below max_conns: an office behind one NAT address) */
	size_t max_header;       /* bytes of request line + headers */
	size_t max_body;         /* bytes of body on any route */
	int access_log;          /* 1: one line per request on stderr */
	int is_https;            /* public URL is https (Secure, __Host- cookies) */
};

void server_config_defaults(struct server_config *c);
/* Serves until SIGTERM or SIGINT; returns 0, or -1 if it could not start. */
int server_run(const struct server_config *c);
/* Called by the server for each complete request (dispatch.c). */
struct evhttp_request;
void dispatch_request(struct evhttp_request *ev, const struct server_config *cfg);
/* Appends to out a whole HTTP/1.1 response refusing a request with status
 * before evhttp has read it (the connection guard in server.c): the status
 * line, the security headers of every page, Connection: close, and a short
 * page in the language of the lang cookie or else of Accept-Language (each
 * may be NULL; Arabic without them).  head_only: headers only (HEAD).
 * Returns the status sent (500 for one daam has no page for). */
struct strbuf;
int dispatch_early_response(struct strbuf *out, int status, const char *lang_cookie,
			    const char *accept_language, int head_only, int is_https);
/* Per-thread set-up and tear-down of dispatch's resources. */
void dispatch_thread_init(void);
void dispatch_thread_done(void);
#endif
