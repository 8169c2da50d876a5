/* test_slow — slow clients ("slowloris"): 200 connections that send one
 * header byte a second must not keep a normal client from being served in
 * under a second, and a connection that trickles bytes forever is closed by
 * the server at its request deadline (30 s), although every byte arrives well
 * within the 20 s idle timeout.  The deadline test waits about 31 s; it is
 * the only long test of the suite and runs once. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
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

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slow_clients_do_not_block),
		cmocka_unit_test(test_trickle_closed_at_deadline),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
