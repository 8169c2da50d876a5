/* cli — the command-line verbs of daam and their small option parser.
 * Options are "--name VALUE" or "--name=VALUE"; flags are "--name". */
#ifndef DAAM_CLI_H
#define DAAM_CLI_H

struct opt {
	const char *name;     /* without the dashes */
	int takes_value;
	const char *value;    /* filled by cli_parse; "1" for a given flag */
};

/* Parses argv into opts and positional args. Prints an error and returns -1
 * on an unknown option or a missing value. */
int cli_parse(int argc, char **argv, struct opt *opts, const char **pos, int max_pos, int *npos);
const char *cli_get(const struct opt *opts, const char *name);
/* Opens the database from --db, else $DAAM_DB, else ./data/daam.db (creating
 * ./data when it is the default), applies the migrations and the modules'
 * upgrades (modules_upgrade). Returns 0 or -1 with a message. */
int cli_open_db(const struct opt *opts);
/* The path cli_open_db opens (creating ./data for the default one). */
const char *cli_db_path(const struct opt *opts);
/* Reads one line (the password) from standard input; -1 when none. */
int cli_read_secret(char *buf, int size);
/* Reads a whole regular file of at most max bytes into a NUL-terminated
 * buffer (free it); NULL after saying why on stderr. */
char *cli_read_file(const char *path, size_t max, size_t *len);
/* Loads catalogs, crypto, assets: what every command needs. */
int cli_init_runtime(void);

/* The platform's verbs (modules declare theirs in their descriptors). */
int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_roles(int argc, char **argv);
/* The password of every demo account (`daam demo`). */
#define DEMO_PASSWORD "daam-demo-2026"
/* Creates the three offices if missing (used by init and demo). */
int init_offices(void);
#endif
