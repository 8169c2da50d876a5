/* cli_demo — `daam demo`: a database a person can try at once.  Each
 * module fills its own part (its descriptor's demo hook, module.h), in the
 * order of the list of modules, all in one transaction: the registry's
 * organizations and people, then the administration's accounts, then what
 * later modules add. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "module.h"
#include "db/db.h"
#include "core/banned.h"

struct demo_args {
	int scale;
	const char *failed;   /* the module whose demo failed */
};

static int fill_demo(struct db *w, void *arg)
{
	struct demo_args *a = arg;
	FOR_EACH_MODULE(m)
		if (m->demo && m->demo(w, a->scale) < 0) {
			a->failed = m->name;
			return -1;
		}
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { "scale", 1, NULL }, { "if-empty", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 0, &npos) < 0)
		return 2;
	const char *scale = cli_get(opts, "scale");
	int large = scale && strcmp(scale, "large") == 0;
	if (scale && !large && strcmp(scale, "small") != 0) {
		fprintf(stderr, "daam: --scale takes small or large\n");
		return 2;
	}
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0 || init_offices() < 0)
		return 1;
	if (cli_get(opts, "if-empty") && db_int(db_read(), 0, "SELECT count(*) FROM users", "") > 0) {
		printf("daam: %s already has data; demo data not added (demo accounts, if kept: admin, director, officer… with %s)\n",
		       db_path(), DEMO_PASSWORD);
		db_close();
		return 0;
	}
	struct demo_args a = { large, NULL };
	if (db_write(fill_demo, &a) != 0) {
		fprintf(stderr, "daam: demo data failed%s%s; nothing was added\n", a.failed ? " in module " : "",
			a.failed ? a.failed : "");
		db_close();
		return 1;
	}
	printf("daam: demo data added to %s\n", db_path());
	printf("daam: sign in as admin (or director, officer, trainer, partner, donor…) with the password %s\n", DEMO_PASSWORD);
	db_close();
	return 0;
}
