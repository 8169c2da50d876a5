/* daam — the management system of a civil society support center.
 * main: the command table (like git's commands[]): the platform's verbs live
 * in src/cli/, each module's in its folder, named in its descriptor. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "module.h"
#include "core/banned.h"

#define DAAM_VERSION "0.1.0"

static int cmd_version(int argc, char **argv)
{
	printf("daam %s\n", DAAM_VERSION);
	return 0;
}

static int cmd_help(int argc, char **argv);

/* The platform's verbs; each module adds its own (module.h). */
static const struct cli_verb platform_verbs[] = {
	{ "serve", cmd_serve, "serve [--db PATH] [--listen HOST:PORT] [--threads N] [--session-idle SECONDS] [--public-url URL] [--quiet]\n        [--max-conns N] [--max-conns-per-address N]\n    Serves the web interface and the API. The caps are per event loop (one per core): 4096 connections, 256 from one client address." },
	{ "init", cmd_init, "init [--db PATH]\n    Creates the database with its offices (Raqqa, Tabqa, Deir ez-Zor)." },
	{ "migrate", cmd_migrate, "migrate [--db PATH]\n    Applies the schema migrations the database lacks." },
	{ "backup", cmd_backup, "backup FILE [--passphrase-stdin | --plain] [--db PATH]\n    Writes a consistent copy of the database, even while serving, encrypted with a passphrase\n    (asked twice, or one line on standard input); --plain writes it unencrypted." },
	{ "restore", cmd_restore, "restore FILE [--passphrase-stdin] [--db PATH]\n    Decrypts (asking the passphrase) and checks FILE, then copies it over the database." },
	{ "demo", cmd_demo, "demo [--scale small|large] [--if-empty] [--db PATH]\n    Fills the database with demo accounts and data." },
	{ "routes", cmd_routes, "routes\n    Lists every route of every module: method, path, permission, flags, parameters (tab-separated)." },
	{ "roles", cmd_roles, "roles\n    Lists the permissions each module declares and the roles that hold them." },
	{ "version", cmd_version, "version\n    Prints the version." },
	{ "help", cmd_help, "help [COMMAND]\n    Shows this help." },
	{ NULL, NULL, NULL },
};

/* Calls fn for every verb: the platform's, then each module's in order. */
static const struct cli_verb *verb_named(const char *name)
{
	for (const struct cli_verb *v = platform_verbs; v->name; v++)
		if (name && strcmp(v->name, name) == 0)
			return v;
	FOR_EACH_MODULE(m)
		for (const struct cli_verb *v = m->verbs; v && v->name; v++)
			if (name && strcmp(v->name, name) == 0)
				return v;
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	const struct cli_verb *one = argc > 0 ? verb_named(argv[0]) : NULL;
	if (one) {
		printf("usage: daam %s\n", one->usage);
		return 0;
	}
	printf("usage: daam COMMAND [OPTIONS]   (every command takes --db PATH; default $DAAM_DB or ./data/daam.db)\n\n");
	for (const struct cli_verb *v = platform_verbs; v->name; v++)
		printf("  daam %s\n\n", v->usage);
	FOR_EACH_MODULE(m)
		for (const struct cli_verb *v = m->verbs; v && v->name; v++)
			printf("  daam %s\n\n", v->usage);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cmd_help(0, NULL), 2;
	if (modules_check() < 0)
		return 70; /* a module's descriptor is wrong: a programmer error */
	const struct cli_verb *v = verb_named(argv[1]);
	if (v) {
		for (int k = 2; k < argc; k++)
			if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
				printf("usage: daam %s\n", v->usage);
				return 0;
			}
		return v->run(argc - 2, argv + 2);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(0, NULL);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL);
	fprintf(stderr, "daam: '%s' is not a command; see 'daam help'\n", argv[1]);
	return 2;
}
