/* test_slow — slow clients ("slowloris"): 200 connections that send one
 * header byte a second must not keep a normal client from being served in
 * under a second, and a connection that trickles bytes forever is closed by
 * the server at its request deadline (30 s), although every byte arrives well
 * within the 20 s idle timeout.  The deadline test waits about 31 s; it is
 * the only long test of the suite and runs once.  One client address
 * holding many idle connections is cut to its per-address cap, and another
 * address is still served although the first held more than the global
 * cap. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "harness.h"
#include "core/banned.h"

#define SLOW_CLIENTS 200

/* The bytes a slow client dribbles: a request whose headers never end. */
static char trickle_byte(long i)
{
	static const char start[] = "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
	long n = (long)sizeof start - 1;
	return i < n ? start[i] : 'a';
}

/* Sends byte number i; returns 0, or -1 when the server has closed. */
static int trickle(int fd, long i)
{
	char c = trickle_byte(i);
	ssize_t k = send(fd, &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	return k == 1 || (k < 0 && errno == EAGAIN) ? 0 : -1;
}

/* 1 when the peer has closed (EOF or reset) — checked without blocking. */
static int peer_closed(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	if (poll(&p, 1, 0) <= 0)
		return 0;
	char buf[512];
	ssize_t k = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
	return k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR);
}

/* 200 trickling connections; meanwhile a normal browser gets /login in
 * under a second, five times, one second apart. */
static void test_slow_clients_do_not_block(void **state)
{
	const struct server *s = *state;
	int fds[SLOW_CLIENTS];
	for (int i = 0; i < SLOW_CLIENTS; i++) {
		fds[i] = tcp_connect(s->port);
		assert_true(fds[i] >= 0);
		assert_int_equal(trickle(fds[i], 0), 0);
	}
	struct browser b;
	browser_init(&b, s);
	b.timeout_ms = 5000;
	for (long second = 1; second <= 5; second++) {
		double next = mono_now() + 1.0;
		for (int i = 0; i < SLOW_CLIENTS; i++)
			trickle(fds[i], second);
		struct response *r = http_get(&b, "/login");
		assert_non_null(r);
		if (r->status != 200 || r->seconds >= 1.0)
			print_message("GET /login with %d slow clients: status %ld in %.3f s\n", SLOW_CLIENTS,
				      r->status, r->seconds);
		assert_int_equal(r->status, 200);
		assert_true(r->seconds < 1.0);
		response_free(r);
		/* a fresh connection too, not only the kept-alive one */
		struct browser fresh;
		browser_init(&fresh, s);
		fresh.timeout_ms = 5000;
		r = http_get(&fresh, "/healthz");
		assert_int_equal(r->status, 200);
		assert_true(r->seconds < 1.0);
		response_free(r);
		browser_free(&fresh);
		double wait = next - mono_now();
		if (wait > 0)
			sleep_ms((long)(wait * 1000));
	}
	/* the slow clients are still connected: they were not simply refused */
	int open = 0;
	for (int i = 0; i < SLOW_CLIENTS; i++)
		open += !peer_closed(fds[i]);
	assert_true(open > SLOW_CLIENTS / 2);
	for (int i = 0; i < SLOW_CLIENTS; i++)
		close(fds[i]);
	browser_free(&b);
}

#define TRICKLERS 10
#define GIVE_UP_S 45.0
#define DEADLINE_MAX_S 36.0
#define DEADLINE_MIN_S 20.0

/* Connections sending one byte a second are closed by the server between
 * 20 s (they never were idle that long) and 36 s (30 s deadline + the
 * sweep's slack); normal requests are served all along. */
static void test_trickle_closed_at_deadline(void **state)
{
	const struct server *s = *state;
	int fds[TRICKLERS];
	double closed_after[TRICKLERS];
	double t0 = mono_now();
	for (int i = 0; i < TRICKLERS; i++) {
		fds[i] = tcp_connect(s->port);
		assert_true(fds[i] >= 0);
		assert_int_equal(trickle(fds[i], 0), 0);
		closed_after[i] = -1;
	}
	int open = TRICKLERS;
	struct browser b;
	browser_init(&b, s);
	b.timeout_ms = 5000;
	for (long second = 1; open > 0 && mono_now() - t0 < GIVE_UP_S; second++) {
		double next = t0 + (double)second;
		for (int i = 0; i < TRICKLERS; i++) {
			if (closed_after[i] >= 0)
				continue;
			if (peer_closed(fds[i]) || trickle(fds[i], second) < 0) {
				closed_after[i] = mono_now() - t0;
				open--;
			}
		}
		if (second % 5 == 0) {
			struct response *r = http_get(&b, "/healthz");
			assert_int_equal(r->status, 200);
			assert_true(r->seconds < 1.0);
			response_free(r);
		}
		/* wait for the next second, noticing a close as soon as it happens */
		double wait;
		while ((wait = next - mono_now()) > 0) {
			struct pollfd p[TRICKLERS];
			int n = 0;
			for (int i = 0; i < TRICKLERS; i++)
				if (closed_after[i] < 0)
					p[n++] = (struct pollfd){ fds[i], POLLIN, 0 };
			if (!n || poll(p, (nfds_t)n, (int)(wait * 1000) + 1) <= 0)
				break;
			for (int i = 0; i < TRICKLERS; i++) {
				if (closed_after[i] < 0 && peer_closed(fds[i])) {
					closed_after[i] = mono_now() - t0;
					open--;
				}
			}
		}
	}
	browser_free(&b);
	for (int i = 0; i < TRICKLERS; i++) {
		close(fds[i]);
		if (closed_after[i] < 0)
			print_message("trickling connection %d still open after %.0f s\n", i, GIVE_UP_S);
		else if (closed_after[i] < DEADLINE_MIN_S || closed_after[i] > DEADLINE_MAX_S)
			print_message("trickling connection %d closed after %.1f s\n", i, closed_after[i]);
		assert_true(closed_after[i] >= DEADLINE_MIN_S);
		assert_true(closed_after[i] <= DEADLINE_MAX_S);
	}
}

/* A TCP connection to the server from the loopback address src
 * (127.0.0.x: all of 127/8 is loopback on Linux), or -1. */
static int connect_from(const char *src, int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	inet_pton(AF_INET, src, &a.sin_addr);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	a.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* GET /healthz on a fresh connection from src: the status, or 0 when the
 * connection was closed without an answer within 3 s. */
static int healthz_from(const char *src, int port)
{
	int fd = connect_from(src, port);
	if (fd < 0)
		return -1;
	static const char req[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
	send(fd, req, sizeof req - 1, MSG_NOSIGNAL);
	char buf[64] = "";
	size_t got = 0;
	double end = mono_now() + 3.0;
	while (got < sizeof buf - 1 && mono_now() < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t k = recv(fd, buf + got, sizeof buf - 1 - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	buf[got] = 0;
	return strncmp(buf, "HTTP/1.1 ", 9) == 0 ? (int)strtol(buf + 9, NULL, 10) : 0;
}

#define HOG_CONNS 200
#define PER_ADDR_CAP 16

/* A server with one loop, a global cap of 64 and 16 per address: 200 idle
 * connections from 127.0.0.3 are cut to 16 at once (the others closed by
 * the server), a client at 127.0.0.2 is served, and a new connection from
 * 127.0.0.3 is closed unanswered. */
static void test_per_address_cap(void **state)
{
	const char *args[] = { "--threads", "1", "--max-conns", "64", "--max-conns-per-address", "16", NULL };
	struct server *s = server_start(args);
	assert_non_null(s);
	int fds[HOG_CONNS];
	for (int i = 0; i < HOG_CONNS; i++) {
		fds[i] = connect_from("127.0.0.3", s->port);
		assert_true(fds[i] >= 0);
	}
	sleep_ms(600); /* the server cuts them as it accepts them; freed at its next sweep (250 ms) */
	int closed = 0;
	for (int i = 0; i < HOG_CONNS; i++)
		closed += peer_closed(fds[i]);
	if (closed != HOG_CONNS - PER_ADDR_CAP)
		print_message("%d of %d idle connections closed by the server\n", closed, HOG_CONNS);
	assert_int_equal(closed, HOG_CONNS - PER_ADDR_CAP);
	assert_int_equal(healthz_from("127.0.0.2", s->port), 200);
	assert_int_equal(healthz_from("127.0.0.3", s->port), 0);
	/* the hog lets go: its address is served again */
	for (int i = 0; i < HOG_CONNS; i++)
		close(fds[i]);
	sleep_ms(600);
	assert_int_equal(healthz_from("127.0.0.3", s->port), 200);
	assert_int_equal(server_stop(s), 0);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slow_clients_do_not_block),
		cmocka_unit_test(test_trickle_closed_at_deadline),
		cmocka_unit_test(test_per_address_cap),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
