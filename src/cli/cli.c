/* cli — option parsing and the set-up shared by commands (see cli.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "auth/password.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/assets.h"
#include "module.h"
#include "auth/totp.h"
#include "core/banned.h"

int cli_parse(int argc, char **argv, struct opt *opts, const char **pos, int max_pos, int *npos)
{
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) {
			if (*npos >= max_pos) {
				fprintf(stderr, "daam: unexpected argument '%s'\n", a);
				return -1;
			}
			pos[(*npos)++] = a;
			continue;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		struct opt *o = NULL;
		for (struct opt *p = opts; p->name; p++)
			if (strlen(p->name) == nlen && strncmp(p->name, name, nlen) == 0)
				o = p;
		if (!o) {
			fprintf(stderr, "daam: unknown option '--%.*s' (see --help)\n", (int)nlen, name);
			return -1;
		}
		if (!o->takes_value) {
			o->value = "1";
		} else if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			fprintf(stderr, "daam: option '--%s' needs a value\n", o->name);
			return -1;
		}
	}
	return 0;
}

char *cli_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "daam: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	struct stat sb;
	if (fstat(fileno(f), &sb) < 0 || !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "daam: %s is not a regular file\n", path);
		fclose(f);
		return NULL;
	}
	if ((unsigned long long)sb.st_size > max) {
		fprintf(stderr, "daam: %s is larger than %zu MiB\n", path, max >> 20);
		fclose(f);
		return NULL;
	}
	size_t n = (size_t)sb.st_size;
	char *buf = malloc(n + 1);
	if (!buf || fread(buf, 1, n, f) != n) {
		fprintf(stderr, "daam: cannot read %s\n", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = 0;
	fclose(f);
	*len = n;
	return buf;
}

const char *cli_get(const struct opt *opts, const char *name)
{
	for (const struct opt *p = opts; p->name; p++)
		if (strcmp(p->name, name) == 0)
			return p->value;
	return NULL;
}

int cli_init_runtime(void)
{
	if (i18n_init() < 0 || password_init() < 0 || totp_init() < 0 || assets_init() < 0) {
		fprintf(stderr, "daam: could not start (catalogs, crypto or assets)\n");
		return -1;
	}
	return 0;
}

const char *cli_db_path(const struct opt *opts)
{
	const char *path = cli_get(opts, "db");
	if (!path)
		path = getenv("DAAM_DB");
	if (!path || !*path) {
		path = "data/daam.db";
		mkdir("data", 0700);
	}
	return path;
}

int cli_open_db(const struct opt *opts)
{
	const char *path = cli_db_path(opts);
	if (db_open(path) < 0) {
		fprintf(stderr, "daam: cannot open the database %s\n", path);
		return -1;
	}
	/* after the migrations: what modules derive from their records */
	return modules_upgrade();
}

int cli_read_secret(char *buf, int size)
{
	if (!fgets(buf, size, stdin))
		return -1;
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = 0;
	return n ? 0 : -1;
}
