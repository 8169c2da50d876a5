/* server — event loops, listeners, the connection guard and shutdown.
 *
 * The connection guard: libevent 2.1's evhttp has no cap on connections and
 * no absolute deadline for a request (its timeouts restart on every byte, so
 * a client trickling one byte at a time holds a connection for hours).  We
 * create each connection's bufferevent ourselves (evhttp_set_bevcb), keep a
 * reference to it, and watch its buffers: the first byte of a request starts
 * its clock; the response starts writing and stops it.  A sweep every 250 ms
 * shuts down connections past their deadline (evhttp then frees them) and
 * releases the ones evhttp has freed.
 *
 * The guard also reads every byte as it arrives, before evhttp does
 * (headscan.c), and answers the requests evhttp would refuse itself (a body
 * over its limit, a malformed request line or header, a head too large)
 * with daam's own page (dispatch_early_response): the input is dropped, the
 * page is written straight to the socket once evhttp's own output is all
 * out, then the sending side is shut (FIN) and what the client still sends
 * is read and dropped for LIMIT_LINGER_MS, so that it reads the page rather than
 * a reset, before the connection is shut down.  evhttp, which saw no
 * complete request, writes nothing on it.  (A client that pipelines a good
 * request and a bad one in the same packet gets only the refusal.) */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/listener.h>
#include <event2/thread.h>
#include "http/server.h"
#include "http/request.h"
#include "http/headscan.h"
#include "http/addr_count.h"
#include "core/log.h"
#include "core/limits.h"
#include "db/db.h"
#include "core/banned.h"

struct loop;

struct conn {
	struct conn *prev, *next;
	struct bufferevent *bev;
	struct loop *loop;
	int64_t request_started_us; /* 0: between requests */
	int seen_input;             /* bytes have arrived: the global cap was checked */
	int over_cap;
	uint32_t addr;              /* the client's IPv4 address (network order) */
	int addr_state;             /* ADDR_UNSEEN, ADDR_COUNTED (in loop->addrs) or ADDR_UNCOUNTED */
	int cut;                    /* shut down for the per-address cap */
	struct headscan hs;         /* the requests as they arrive */
	int refused;                /* 0; REFUSE_SENDING; REFUSE_SENT (lingering) */
	struct strbuf answer;       /* the refusal, while it is sent */
	size_t answer_off;
	int64_t linger_until_us;
};
enum { REFUSE_SENDING = 1, REFUSE_SENT = 2 };
enum { ADDR_UNSEEN = 0, ADDR_COUNTED, ADDR_UNCOUNTED };


struct loop {
	pthread_t thread;
	struct event_base *base;
	struct evhttp *http;
	struct evconnlistener *listener;
	struct event *sweep;
	struct conn conns;          /* list head; new connections first */
	int nconns;
	int ncut;                   /* of them, shut down for the per-address cap, not yet freed */
	struct addr_count *addrs;   /* open connections per client address */
	struct event *check;        /* made active by each new connection: conn_check_new */
	int stopping;
	int64_t stop_deadline_us;
	const struct server_config *cfg;
	struct headscan_limits limits;
};

void server_config_defaults(struct server_config *c)
{
	memset(c, 0, sizeof *c);
	c->host = "127.0.0.1";
	c->port = 8080;
	c->io_timeout_s = LIMIT_IDLE_S;
	c->deadline_s = LIMIT_DEADLINE_S;
	c->max_conns = LIMIT_CONNS;
	c->max_conns_per_addr = LIMIT_CONNS_PER_ADDR;
	c->max_header = LIMIT_HEAD_BYTES;
	c->max_body = LIMIT_UPLOAD_BYTES; /* evhttp's, for all routes: the guard stops others at LIMIT_BODY_BYTES */
	c->access_log = 1;
}

static void conn_unlink(struct conn *c)
{
	c->prev->next = c->next;
	c->next->prev = c->prev;
	c->loop->nconns--;
	if (c->addr_state == ADDR_COUNTED)
		addr_count_remove(c->loop->addrs, c->addr);
	if (c->cut)
		c->loop->ncut--;
}

/* Feeds the n_added new bytes at the end of buf to the connection's
 * scanner, without copying; returns 0 or the status to refuse with. */
static int guard_scan(struct conn *c, struct evbuffer *buf, size_t n_added)
{
	size_t len = evbuffer_get_length(buf), at = len >= n_added ? len - n_added : 0;
	struct evbuffer_ptr pos;
	if (evbuffer_ptr_set(buf, &pos, at, EVBUFFER_PTR_SET) < 0)
		return 0;
	while (at < len) {
		struct evbuffer_iovec v[8];
		int nv = evbuffer_peek(buf, (ev_ssize_t)(len - at), &pos, v, 8);
		if (nv <= 0)
			break;
		for (int i = 0; i < nv && i < 8 && at < len; i++) {
			size_t k = v[i].iov_len < len - at ? v[i].iov_len : len - at;
			headscan_feed(&c->hs, v[i].iov_base, k);
			at += k;
			if (evbuffer_ptr_set(buf, &pos, k, EVBUFFER_PTR_ADD) < 0)
				at = len;
		}
	}
	return c->hs.status;
}

/* Sends what is left of the refusal once evhttp's own output (a response
 * to an earlier request) is all written, then shuts the sending side. */
static void guard_flush(struct conn *c)
{
	if (c->refused != REFUSE_SENDING || evbuffer_get_length(bufferevent_get_output(c->bev)))
		return;
	int fd = bufferevent_getfd(c->bev);
	while (c->answer_off < c->answer.len) {
		ssize_t k = send(fd, c->answer.buf + c->answer_off, c->answer.len - c->answer_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (k > 0)
			c->answer_off += (size_t)k;
		else if (k < 0 && errno == EINTR)
			continue;
		else if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return; /* the sweep tries again */
		else
			break; /* the client is gone */
	}
	shutdown(fd, SHUT_WR);
	sb_release(&c->answer);
	c->refused = REFUSE_SENT;
}

/* Answers the request with daam's page for status and drops its input. */
static void guard_refuse(struct conn *c, struct evbuffer *in, int status)
{
	const struct server_config *cfg = c->loop->cfg;
	int64_t now = now_us();
	evbuffer_drain(in, evbuffer_get_length(in));
	sb_init(&c->answer, 64 * 1024);
	status = dispatch_early_response(&c->answer, status, c->hs.lang_cookie, c->hs.accept_language,
					 c->hs.method == HS_M_HEAD, cfg->is_https);
	if (cfg->access_log)
		fprintf(stderr, "%s - %d %zu %lldus u=0\n",
			c->hs.method == HS_M_POST ? "POST" : c->hs.method == HS_M_NONE ? "-" : "GET", status,
			c->answer.len, (long long)(c->request_started_us ? now - c->request_started_us : 0));
	c->refused = REFUSE_SENDING;
	c->request_started_us = 0;
	c->linger_until_us = now + (int64_t)LIMIT_LINGER_MS * 1000;
	guard_flush(c);
}

static void guard_input(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
	struct conn *c = arg;
	if (info->n_added == 0)
		return;
	/* the global cap, at the first bytes: by then the connections cut for
	 * the per-address cap are no longer counted against it */
	if (!c->seen_input) {
		c->seen_input = 1;
		if (c->loop->nconns - c->loop->ncut > c->loop->cfg->max_conns)
			c->over_cap = 1;
	}
	if (c->over_cap) {
		shutdown(bufferevent_getfd(c->bev), SHUT_RDWR);
		return;
	}
	if (c->refused) { /* answered: the rest is dropped unread */
		evbuffer_drain(buf, evbuffer_get_length(buf));
		return;
	}
	if (c->request_started_us == 0)
		c->request_started_us = now_us();
	int status = guard_scan(c, buf, info->n_added);
	if (status)
		guard_refuse(c, buf, status);
}

static void guard_output(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
	struct conn *c = arg;
	if (info->n_added)
		c->request_started_us = 0;
	if (c->refused == REFUSE_SENDING && info->n_deleted && evbuffer_get_length(buf) == 0)
		guard_flush(c);
}

static void conn_free(struct conn *c)
{
	headscan_release(&c->hs);
	sb_release(&c->answer);
	bufferevent_decref(c->bev);
	free(c);
}

static struct bufferevent *guard_new_conn(struct event_base *base, void *arg)
{
	struct loop *lp = arg;
	struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	if (!bev)
		return NULL;
	struct conn *c = calloc(1, sizeof *c);
	if (!c)
		return bev; /* unguarded but working */
	c->bev = bev;
	c->loop = lp;
	c->over_cap = lp->stopping;
	headscan_init(&c->hs, &lp->limits);
	bufferevent_incref(bev);
	c->next = lp->conns.next;
	c->prev = &lp->conns;
	lp->conns.next->prev = c;
	lp->conns.next = c;
	lp->nconns++;
	evbuffer_add_cb(bufferevent_get_input(bev), guard_input, c);
	evbuffer_add_cb(bufferevent_get_output(bev), guard_output, c);
	/* evhttp gives the bufferevent its socket after this returns */
	event_active(lp->check, EV_TIMEOUT, 1);
	return bev;
}

/* The per-address cap: the connections accepted since the last run (at
 * the head of the list) are counted by client address, and those past
 * max_conns_per_addr are shut down at once — so one client holding
 * thousands of idle connections keeps at most that many, and the global
 * cap (which counts every connection) is left to everyone else.  Runs on
 * the loop's thread just after the accepts that made it active. */
static void conn_check_new(evutil_socket_t unused, short what, void *arg)
{
	struct loop *lp = arg;
	for (struct conn *c = lp->conns.next; c != &lp->conns && c->addr_state == ADDR_UNSEEN; c = c->next) {
		struct sockaddr_in peer;
		socklen_t len = sizeof peer;
		int fd = bufferevent_getfd(c->bev);
		c->addr_state = ADDR_UNCOUNTED;
		if (fd < 0 || getpeername(fd, (struct sockaddr *)&peer, &len) < 0 || peer.sin_family != AF_INET)
			continue;
		int n = addr_count_add(lp->addrs, peer.sin_addr.s_addr);
		if (n < 0)
			continue;
		c->addr = peer.sin_addr.s_addr;
		c->addr_state = ADDR_COUNTED;
		if (n > lp->cfg->max_conns_per_addr) {
			if (n == lp->cfg->max_conns_per_addr + 1) {
				char ip[INET_ADDRSTRLEN] = "?";
				inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
				log_info("%s has %d connections open: new ones are closed", ip, lp->cfg->max_conns_per_addr);
			}
			c->cut = 1;
			lp->ncut++;
			shutdown(fd, SHUT_RDWR);
		}
	}
}

/* 1 when evhttp has let go of the connection (bufferevent_free clears callbacks). */
static int conn_released(struct conn *c)
{
	bufferevent_event_cb ecb = NULL;
	bufferevent_getcb(c->bev, NULL, NULL, &ecb, NULL);
	return ecb == NULL;
}

static void guard_sweep(evutil_socket_t fd, short what, void *arg)
{
	struct loop *lp = arg;
	int64_t now = now_us(), limit = (int64_t)lp->cfg->deadline_s * 1000000;
	int busy = 0;
	struct conn *c = lp->conns.next;
	while (c != &lp->conns) {
		struct conn *next = c->next;
		if (conn_released(c)) {
			conn_unlink(c);
			evbuffer_remove_cb(bufferevent_get_input(c->bev), guard_input, c);
			evbuffer_remove_cb(bufferevent_get_output(c->bev), guard_output, c);
			conn_free(c);
		} else if (c->refused) {
			guard_flush(c);
			if (now > c->linger_until_us)
				shutdown(bufferevent_getfd(c->bev), SHUT_RDWR);
		} else {
			int in_request = c->request_started_us && (now - c->request_started_us > limit || lp->stopping);
			if (c->request_started_us && now - c->request_started_us > limit)
				shutdown(bufferevent_getfd(c->bev), SHUT_RDWR);
			if (in_request || evbuffer_get_length(bufferevent_get_output(c->bev)))
				busy = 1;
		}
		c = next;
	}
	if (lp->stopping && (!busy || now > lp->stop_deadline_us))
		event_base_loopbreak(lp->base);
}

static void on_request(struct evhttp_request *ev, void *arg)
{
	struct loop *lp = arg;
	dispatch_request(ev, lp->cfg);
}

static void *loop_main(void *arg)
{
	struct loop *lp = arg;
	dispatch_thread_init();
	event_base_dispatch(lp->base);
	dispatch_thread_done();
	db_thread_done();
	return NULL;
}

/* Runs on the loop's own thread: stop accepting, then finish what is in flight. */
static void loop_stop_cb(evutil_socket_t fd, short what, void *arg)
{
	struct loop *lp = arg;
	lp->stopping = 1;
	lp->stop_deadline_us = now_us() + (int64_t)LIMIT_STOP_GRACE_S * 1000000;
	if (lp->listener)
		evconnlistener_disable(lp->listener);
	struct timeval tv = { 0, 20000 };
	event_del(lp->sweep);
	event_add(lp->sweep, &tv);
}

static int loop_setup(struct loop *lp, const struct server_config *cfg, struct sockaddr_in *addr)
{
	lp->cfg = cfg;
	lp->conns.next = lp->conns.prev = &lp->conns;
	lp->limits.max_head = cfg->max_header;
	lp->limits.max_body = LIMIT_BODY_BYTES;
	lp->limits.max_upload = cfg->max_body;
	/* the changelist folds the add/del/mod of one loop turn into one epoll_ctl
	 * per descriptor: about 12% more pages per second (bench/http.sh) */
	struct event_config *ec = event_config_new();
	if (ec)
		event_config_set_flag(ec, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
	lp->base = ec ? event_base_new_with_config(ec) : event_base_new();
	if (ec)
		event_config_free(ec);
	lp->http = lp->base ? evhttp_new(lp->base) : NULL;
	if (!lp->http)
		return -1;
	evhttp_set_max_headers_size(lp->http, cfg->max_header);
	evhttp_set_max_body_size(lp->http, cfg->max_body);
	evhttp_set_timeout(lp->http, cfg->io_timeout_s);
	evhttp_set_allowed_methods(lp->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
				   EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS | EVHTTP_REQ_PATCH);
	evhttp_set_default_content_type(lp->http, "text/plain; charset=utf-8");
	evhttp_set_gencb(lp->http, on_request, lp);
	lp->addrs = calloc(1, sizeof *lp->addrs);
	lp->check = event_new(lp->base, -1, 0, conn_check_new, lp);
	if (!lp->addrs || !lp->check)
		return -1;
	evhttp_set_bevcb(lp->http, guard_new_conn, lp);
	lp->listener = evconnlistener_new_bind(lp->base, NULL, NULL,
		LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE | LEV_OPT_REUSEABLE_PORT | LEV_OPT_CLOSE_ON_EXEC,
		1024, (struct sockaddr *)addr, sizeof *addr);
	if (!lp->listener)
		return -1;
	if (!evhttp_bind_listener(lp->http, lp->listener))
		return -1;
	lp->sweep = event_new(lp->base, -1, EV_PERSIST, guard_sweep, lp);
	struct timeval tv = { 0, 250000 };
	event_add(lp->sweep, &tv);
	return 0;
}

static void raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int server_run(const struct server_config *cfg)
{
	int n = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > LIMIT_LOOPS)
		n = LIMIT_LOOPS;
	evthread_use_pthreads();
	raise_fd_limit();
	signal(SIGPIPE, SIG_IGN);
	sigset_t stop_signals, old;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, &old);

	struct loop *loops = calloc((size_t)n, sizeof *loops);
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (!loops || inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
		log_error("cannot listen on %s (give an IPv4 address such as 127.0.0.1)", cfg->host);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (loop_setup(&loops[i], cfg, &addr) < 0) {
			log_error("cannot listen on %s:%d: %s", cfg->host, ntohs(addr.sin_port), strerror(errno));
			return -1;
		}
		if (i == 0) {
			/* port 0: the kernel picked one; the other loops share it */
			socklen_t len = sizeof addr;
			getsockname(evconnlistener_get_fd(loops[0].listener), (struct sockaddr *)&addr, &len);
		}
	}
	printf("daam: listening on http://%s:%d/\n", cfg->host, ntohs(addr.sin_port));
	fflush(stdout);
	for (int i = 0; i < n; i++)
		pthread_create(&loops[i].thread, NULL, loop_main, &loops[i]);

	int sig = 0;
	sigwait(&stop_signals, &sig);
	log_info("signal %d: finishing requests in flight", sig);
	for (int i = 0; i < n; i++)
		event_base_once(loops[i].base, -1, EV_TIMEOUT, loop_stop_cb, &loops[i], NULL);
	for (int i = 0; i < n; i++) {
		pthread_join(loops[i].thread, NULL);
		evhttp_free(loops[i].http);
		struct conn *c = loops[i].conns.next;
		while (c != &loops[i].conns) {
			struct conn *next = c->next;
			conn_free(c);
			c = next;
		}
		event_free(loops[i].sweep);
		event_free(loops[i].check);
		free(loops[i].addrs);
		event_base_free(loops[i].base);
	}
	free(loops);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	log_info("stopped");
	return 0;
}
