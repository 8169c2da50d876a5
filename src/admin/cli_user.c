/* cli_user — `daam user add|passwd|disable|enable|reset-2fa|list`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "admin/admin.h"
#include "auth/roles.h"
#include "auth/users.h"
#include "db/db.h"
#include "core/i18n.h"
#include "auth/mfa.h"
#include "core/banned.h"

static const char SQL_LIST[] =
	"SELECT u.name, u.role, coalesce(o.code, 'all'), u.disabled, u.display_name"
	" FROM users u LEFT JOIN offices o ON o.id = u.office_id ORDER BY u.name";

static int user_list(void)
{
	sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "");
	printf("%-24s %-18s %-12s %-8s %s\n", "NAME", "ROLE", "OFFICE", "STATE", "FULL NAME");
	while (db_row(st) == 1)
		printf("%-24s %-18s %-12s %-8s %s\n", db_text(st, 0), db_text(st, 1), db_text(st, 2),
		       sqlite3_column_int(st, 3) ? "disabled" : "active", db_text(st, 4));
	return 0;
}

struct user_args {
	const char *verb, *name, *password;
	struct opt *opts;
	const char *err;   /* English message when refused */
};

/* One account change from the command line; 1 when it is refused. */
static int user_fn(struct db *w, void *arg)
{
	struct user_args *a = arg;
	const char *err = NULL;
	if (!strcmp(a->verb, "add")) {
		int64_t office = 0;
		const char *oc = cli_get(a->opts, "office");
		if (oc && strcmp(oc, "all") && !(office = office_id_by_code(w, oc)))
			err = "Unknown office: use raqqa, tabqa, deir-ez-zor, all, or an office number.";
		const char *role = cli_get(a->opts, "role");
		if (!err && (!role || role_from_key(role) < 0))
			err = "Give --role: admin, director, program_officer, trainer, grants_officer, me_officer, space_coordinator, expert, partner, reviewer or donor.";
		const char *org = cli_get(a->opts, "org");
		if (!err)
			err = user_create(w, 0, a->name, cli_get(a->opts, "display-name"), role, office,
					  org ? strtoll(org, NULL, 10) : 0, a->password, NULL);
	} else {
		int64_t id = user_id_by_name(w, a->name);
		if (!id)
			err = "No such user.";
		else if (!strcmp(a->verb, "reset-2fa"))
			err = mfa_remove(w, 0, id) < 0 ? "the change could not be saved" : NULL;
		else if (!strcmp(a->verb, "passwd"))
			err = user_set_password(w, 0, id, a->password);
		else
			err = user_set_disabled(w, 0, id, !strcmp(a->verb, "disable"));
	}
	a->err = err;
	return err ? 1 : 0;
}

int cmd_user(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", 1, NULL }, { "name", 1, NULL }, { "role", 1, NULL }, { "office", 1, NULL },
		{ "org", 1, NULL }, { "display-name", 1, NULL }, { "password-stdin", 0, NULL }, { NULL, 0, NULL },
	};
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 1, &npos) < 0)
		return 2;
	const char *verb = npos ? pos[0] : "";
	const char *name = cli_get(opts, "name");
	if (strcmp(verb, "list") && strcmp(verb, "add") && strcmp(verb, "passwd") && strcmp(verb, "disable") &&
	    strcmp(verb, "enable") && strcmp(verb, "reset-2fa")) {
		fprintf(stderr, "daam: user wants one of: add, passwd, disable, enable, reset-2fa, list (see daam user --help)\n");
		return 2;
	}
	if (strcmp(verb, "list") && !name) {
		fprintf(stderr, "daam: give the user's name with --name\n");
		return 2;
	}
	i18n_set_lang(LANG_EN);
	char password[1100] = "";
	if (!strcmp(verb, "add") || !strcmp(verb, "passwd")) {
		if (!cli_get(opts, "password-stdin") || cli_read_secret(password, sizeof password) < 0) {
			fprintf(stderr, "daam: give the password on standard input with --password-stdin\n");
			return 2;
		}
	}
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0)
		return 1;
	if (!strcmp(verb, "list")) {
		user_list();
		db_close();
		return 0;
	}
	struct user_args a = { verb, name, password, opts, NULL };
	int rc = db_write(user_fn, &a);
	if (rc != 0)
		fprintf(stderr, "daam: %s\n", a.err ? a.err : "the change could not be saved (is the database busy or read-only?)");
	else
		printf("daam: user %s: %s done\n", name, verb);
	db_close();
	return rc != 0 ? 1 : 0;
}
