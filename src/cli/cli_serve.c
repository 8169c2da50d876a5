/* cli_serve — `daam serve`: opens the database and runs the HTTP server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "auth/session.h"
#include "db/db.h"
#include "http/server.h"
#include "core/jobs.h"
#include "core/limits.h"
#include "core/log.h"
#include "registry/import.h"
#include "auth/totp.h"
#include "admin/retention.h"
#include "core/banned.h"

/* Parses "HOST:PORT" (or ":PORT", or "PORT"). */
static int parse_listen(const char *s, struct server_config *c)
{
	static char host[64];
	const char *colon = strrchr(s, ':');
	const char *port = colon ? colon + 1 : s;
	if (colon) {
		size_t n = (size_t)(colon - s);
		if (n >= sizeof host)
			return -1;
		memcpy(host, s, n);
		host[n] = 0;
		if (n)
			c->host = host;
	}
	char *end;
	long p = strtol(port, &end, 10);
	if (*end || p < 0 || p > 65535 || !*port)
		return -1;
	c->port = (int)p;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", 1, NULL }, { "listen", 1, NULL }, { "threads", 1, NULL }, { "session-idle", 1, NULL },
		{ "session-max", 1, NULL }, { "public-url", 1, NULL }, { "quiet", 0, NULL },
		{ "max-conns", 1, NULL }, { "max-conns-per-address", 1, NULL }, { "test-clock", 1, NULL }, { NULL, 0, NULL },
	};
	const char *pos[1];
	int npos;
	struct server_config cfg;
	server_config_defaults(&cfg);
	if (cli_parse(argc, argv, opts, pos, 0, &npos) < 0)
		return 2;
	const char *v;
	if ((v = cli_get(opts, "listen")) && parse_listen(v, &cfg) < 0) {
		fprintf(stderr, "daam: --listen wants HOST:PORT, for example 127.0.0.1:8080\n");
		return 2;
	}
	if ((v = cli_get(opts, "threads")))
		cfg.threads = (int)strtol(v, NULL, 10);
	if ((v = cli_get(opts, "max-conns")))
		cfg.max_conns = (int)strtol(v, NULL, 10);
	if ((v = cli_get(opts, "max-conns-per-address")))
		cfg.max_conns_per_addr = (int)strtol(v, NULL, 10);
	if (cfg.max_conns < 1 || cfg.max_conns > LIMIT_CONNS || cfg.max_conns_per_addr < 1) {
		fprintf(stderr, "daam: --max-conns wants 1 to %d, --max-conns-per-address at least 1\n", LIMIT_CONNS);
		return 2;
	}
	if ((v = cli_get(opts, "session-idle")) || (v = getenv("DAAM_SESSION_IDLE")))
		session_idle_s = (int)strtol(v, NULL, 10);
	if ((v = cli_get(opts, "session-max")))
		session_absolute_s = (int)strtol(v, NULL, 10);
	if (session_idle_s <= 0 || session_absolute_s <= 0) {
		fprintf(stderr, "daam: session times must be positive numbers of seconds\n");
		return 2;
	}
	/* test-only: the second factor's codes are checked against this fixed
	 * time (seconds since 1970) instead of the clock; the HTTP tests use it */
	if ((v = cli_get(opts, "test-clock"))) {
		totp_test_clock = strtoll(v, NULL, 10);
		if (totp_test_clock <= 0) {
			fprintf(stderr, "daam: --test-clock wants seconds since 1970 (for the tests only)\n");
			return 2;
		}
		fprintf(stderr, "daam: TEST CLOCK: second-factor codes are checked at a fixed time; never use this in service\n");
	}
	if ((v = cli_get(opts, "public-url")) || (v = getenv("DAAM_PUBLIC_URL")))
		cfg.is_https = strncmp(v, "https://", 8) == 0;
	if (cli_get(opts, "quiet"))
		cfg.access_log = 0;
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0)
		return 1;
	/* uploads waiting past their time hold personal data: gone at start
	 * (a module start hook would be the place for it; there is none yet) */
	if (import_purge_expired() < 0)
		log_error("serve: the expired import uploads could not be deleted");
	/* the daily purge of what is past its retention period (admin/retention_daily.c) */
	if (retention_daily_start() < 0)
		log_error("serve: the daily purge could not be started");
	int rc = server_run(&cfg);
	retention_daily_stop();
	jobs_shutdown(); /* running jobs stop (a write rolls back) before the database closes */
	db_close();
	return rc < 0 ? 1 : 0;
}
