/* cli_dedup — `daam dedup`: recomputes the candidate duplicate pairs that
 * the "Possible duplicates" page shows (a long job on a large registry). */
#include <stdio.h>
#include "cli/cli.h"
#include "registry/registry_pages.h"
#include "db/db.h"
#include "registry/dedup.h"
#include "core/banned.h"

int cmd_dedup(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 0, &npos) < 0)
		return 2;
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0)
		return 1;
	long n = dedup_refresh();
	if (n < 0)
		fprintf(stderr, "daam: could not compute the duplicate pairs\n");
	else
		printf("daam: %ld pairs of possible duplicates to review\n", n);
	db_close();
	return n < 0 ? 1 : 0;
}
