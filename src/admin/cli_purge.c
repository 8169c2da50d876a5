/* cli_purge — `daam purge [--dry-run]`: removes or anonymizes what is past
 * its retention period (admin/retention.h) in one transaction and prints
 * how many records of each kind; with --dry-run only counts them, changing
 * nothing. */
#include <stdio.h>
#include <time.h>
#include "cli/cli.h"
#include "admin/admin.h"
#include "admin/retention.h"
#include "db/db.h"
#include "core/banned.h"

int cmd_purge(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { "dry-run", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 0, &npos) < 0)
		return 2;
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0)
		return 1;
	int dry = cli_get(opts, "dry-run") != NULL;
	int64_t now = (int64_t)time(NULL);
	struct retention r;
	long long n[RK_COUNT];
	retention_load(db_read(), &r);
	int rc = dry ? retention_count(db_read(), &r, now, n) : retention_purge(0, now, n);
	if (rc < 0) {
		fprintf(stderr, "daam: the purge failed; nothing was changed\n");
		db_close();
		return 1;
	}
	printf("daam: %s\n", dry ? "dry run: nothing was changed; past their retention period now:" : "purged:");
	for (int k = 0; k < RK_COUNT; k++) {
		const struct retention_kind_info *ki = &retention_kinds[k];
		if (k != RK_MERGE_UNDO && r.period[k] == 0)
			printf("  %-16s %6s  (kept for ever)\n", ki->key, "-");
		else if (k == RK_MERGE_UNDO)
			printf("  %-16s %6lld  (%s, after their 7 days)\n", ki->key, n[k], ki->action);
		else
			printf("  %-16s %6lld  (%s, after %d %s)\n", ki->key, n[k], ki->action, r.period[k],
			       ki->years ? (r.period[k] == 1 ? "year" : "years") : (r.period[k] == 1 ? "day" : "days"));
	}
	db_close();
	return 0;
}
