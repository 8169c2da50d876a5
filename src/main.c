/* daam — the management system of a civil society support center.
 * main: the command table (like git's commands[]); each verb lives in src/cli/. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/banned.h"

#define DAAM_VERSION "0.1.0"

static int cmd_version(int argc, char **argv)
{
	printf("daam %s\n", DAAM_VERSION);
	return 0;
}

static int cmd_help(int argc, char **argv);

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} commands[] = {
	{ "serve", cmd_serve, "serve [--db PATH] [--listen HOST:PORT] [--threads N] [--session-idle SECONDS] [--public-url URL] [--quiet]\n    Serves the web interface and the API." },
	{ "init", cmd_init, "init [--db PATH]\n    Creates the database with its offices (Raqqa, Tabqa, Deir ez-Zor)." },
	{ "migrate", cmd_migrate, "migrate [--db PATH]\n    Applies the schema migrations the database lacks." },
	{ "user", cmd_user, "user add --name NAME --role ROLE [--office OFFICE] [--org ID] [--display-name TEXT] --password-stdin\n"
			    "  user passwd --name NAME --password-stdin\n  user disable --name NAME | user enable --name NAME\n  user list\n    Manages accounts." },
	{ "backup", cmd_backup, "backup FILE [--db PATH]\n    Writes a consistent copy of the database, even while serving." },
	{ "restore", cmd_restore, "restore FILE [--db PATH]\n    Checks FILE and copies it over the database." },
	{ "demo", cmd_demo, "demo [--scale small] [--if-empty] [--db PATH]\n    Fills the database with demo accounts and data." },
	{ "dedup", cmd_dedup, "dedup [--db PATH]\n    Recomputes the pairs of people who may be registered twice." },
	{ "import", cmd_import, "import people|orgs FILE.csv [--dry-run] [--db PATH]\n    Checks a CSV file (UTF-8) and imports it whole, or nothing when a row has an error." },
	{ "token", cmd_token, "token create --user NAME [--label TEXT] | token revoke --id N | token list\n"
			      "    Bearer tokens for the JSON API (/api/v1/): shown once, stored hashed." },
	{ "version", cmd_version, "version\n    Prints the version." },
	{ "help", cmd_help, "help [COMMAND]\n    Shows this help." },
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static int cmd_help(int argc, char **argv)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (argc > 0 && strcmp(argv[0], commands[i].name) == 0) {
			printf("usage: daam %s\n", commands[i].usage);
			return 0;
		}
	printf("usage: daam COMMAND [OPTIONS]   (every command takes --db PATH; default $DAAM_DB or ./data/daam.db)\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  daam %s\n\n", commands[i].usage);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cmd_help(0, NULL), 2;
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		for (int k = 2; k < argc; k++)
			if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
				printf("usage: daam %s\n", commands[i].usage);
				return 0;
			}
		return commands[i].run(argc - 2, argv + 2);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(0, NULL);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL);
	fprintf(stderr, "daam: '%s' is not a command; see 'daam help'\n", argv[1]);
	return 2;
}
