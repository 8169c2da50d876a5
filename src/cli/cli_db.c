/* cli_db — `daam init`, `migrate` (backup and restore: cli_backup.c). */
#include <stdio.h>
#include <time.h>
#include "cli/cli.h"
#include "auth/audit.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_OFFICE_ADD[] =
	"INSERT INTO offices (code, name_ar, name_en, city_ar, city_en, created_at)"
	" SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM offices WHERE code = ?1)";

static const struct { const char *code, *ar, *en, *city_ar, *city_en; } offices[] = {
	{ "raqqa", "مكتب الرقة", "Raqqa office", "الرقة", "Raqqa" },
	{ "tabqa", "فرع الطبقة", "Tabqa branch", "الطبقة", "Tabqa" },
	{ "deir-ez-zor", "مركز دير الزور", "Deir ez-Zor center", "دير الزور", "Deir ez-Zor" },
};

/* Adds the offices missing (by code), each audited. */
static int offices_fn(struct db *w, void *arg)
{
	for (size_t i = 0; i < sizeof offices / sizeof *offices; i++) {
		if (db_do(w, SQL_OFFICE_ADD, "tttttI", offices[i].code, offices[i].ar, offices[i].en,
			  offices[i].city_ar, offices[i].city_en, (long long)time(NULL)) < 0)
			return -1;
		if (db_changes(w) && audit_write(w, 0, "create", "office", db_last_id(w), "init") < 0)
			return -1;
	}
	return 0;
}

int init_offices(void)
{
	return db_write(offices_fn, NULL);
}

static int simple_db_command(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { NULL, 0, NULL } };
	int npos;
	if (cli_parse(argc, argv, opts, NULL, 0, &npos) < 0)
		return -1;
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0)
		return -1;
	return 0;
}

int cmd_init(int argc, char **argv)
{
	if (simple_db_command(argc, argv) < 0)
		return 1;
	int rc = init_offices();
	printf(rc == 0 ? "daam: database %s is ready\n" : "daam: could not set up %s\n", db_path());
	db_close();
	return rc == 0 ? 0 : 1;
}

int cmd_migrate(int argc, char **argv)
{
	/* opening the database applies what is missing */
	if (simple_db_command(argc, argv) < 0)
		return 1;
	long long n = db_int(db_read(), 0, "SELECT count(*) FROM schema_migrations", "");
	printf("daam: %s is at schema version %lld\n", db_path(), n);
	db_close();
	return 0;
}
