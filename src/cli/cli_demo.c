/* cli_demo — `daam demo`: a database a person can try at once: the offices,
 * one account per kind of user (all with the demo password), and a few
 * partner organizations.  Later modules add their own demo data here. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "auth/audit.h"
#include "auth/users.h"
#include "db/db.h"
#include "core/banned.h"

#define DEMO_PASSWORD "daam-demo-2026"

static const char SQL_ORG_ADD[] = "INSERT INTO orgs (name_ar, name_en, office_id, created_at) VALUES (?, ?, ?, ?)";

static const struct { const char *ar, *en, *office; } demo_orgs[] = {
	{ "جمعية شباب الرقة التطوعية", "Raqqa Youth Volunteer Association", "raqqa" },
	{ "مبادرة نساء الطبقة", "Tabqa Women Initiative", "tabqa" },
	{ "منظمة الفرات للتنمية", "Euphrates Development Organization", "deir-ez-zor" },
	{ "مبادرة شارك - سلوك", "Sharek initiative - Sluk", "raqqa" },
};

static const struct { const char *name, *display, *role, *office; int org; } demo_users[] = {
	{ "admin", "مدير النظام", "admin", NULL, 0 },
	{ "director", "هدى الخلف", "director", NULL, 0 },
	{ "officer", "أحمد العلي", "program_officer", "raqqa", 0 },
	{ "trainer", "رهف الجاسم", "trainer", "tabqa", 0 },
	{ "grants", "خالد الحسن", "grants_officer", "raqqa", 0 },
	{ "monitoring", "مريم الأحمد", "me_officer", NULL, 0 },
	{ "space", "عمر المحمد", "space_coordinator", "deir-ez-zor", 0 },
	{ "expert", "يوسف الإبراهيم", "expert", "raqqa", 0 },
	{ "partner", "نور الحسين", "partner", "raqqa", 1 },
	{ "reviewer", "سارة العبدالله", "reviewer", NULL, 0 },
	{ "donor", "Donor Reader", "donor", NULL, 0 },
};

int cmd_demo(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { "scale", 1, NULL }, { "if-empty", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 0, &npos) < 0)
		return 2;
	const char *scale = cli_get(opts, "scale");
	if (scale && strcmp(scale, "small") != 0) {
		fprintf(stderr, "daam: --scale takes 'small' for now\n");
		return 2;
	}
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0 || init_offices() < 0)
		return 1;
	if (cli_get(opts, "if-empty") && db_int(db_read(), 0, "SELECT count(*) FROM users", "") > 0) {
		printf("daam: %s already has data; demo data not added\n", db_path());
		db_close();
		return 0;
	}
	struct db *w = db_write_begin();
	if (!w) {
		db_close();
		return 1;
	}
	const char *err = NULL;
	int64_t first_org = 0;
	for (size_t i = 0; i < sizeof demo_orgs / sizeof *demo_orgs && !err; i++) {
		if (db_do(w, SQL_ORG_ADD, "ttII", demo_orgs[i].ar, demo_orgs[i].en,
			  (long long)office_id_by_code(w, demo_orgs[i].office), (long long)time(NULL)) < 0)
			err = "could not add the demo organizations";
		else if (!first_org)
			first_org = db_last_id(w);
		if (!err)
			audit_write(w, 0, "create", "org", db_last_id(w), "demo");
	}
	for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users && !err; i++) {
		if (user_id_by_name(w, demo_users[i].name))
			continue;
		err = user_create(w, 0, demo_users[i].name, demo_users[i].display, demo_users[i].role,
				  demo_users[i].office ? office_id_by_code(w, demo_users[i].office) : 0,
				  demo_users[i].org ? first_org : 0, DEMO_PASSWORD, NULL);
	}
	int rc = db_write_end(w, err == NULL);
	if (err || rc < 0) {
		fprintf(stderr, "daam: demo data failed: %s\n", err ? err : "commit failed");
		db_close();
		return 1;
	}
	printf("daam: demo data added to %s\n", db_path());
	printf("daam: sign in as admin (or director, officer, trainer, partner, donor…) with the password %s\n", DEMO_PASSWORD);
	db_close();
	return 0;
}
