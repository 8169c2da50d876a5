/* cli_import — `daam import people|orgs FILE.csv [--dry-run] [--db PATH]`:
 * checks a CSV file (see registry/import.h), prints the validation report
 * (row, column, problem) and writes nothing when a row has an error;
 * otherwise imports every row in one transaction, audited once.  A progress
 * bar goes to stderr when it is a terminal; a summary line always ends. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "registry/registry_pages.h"
#include "core/i18n.h"
#include "db/db.h"
#include "registry/import.h"
#include "core/banned.h"

/* Possible duplicates listed at most (errors are all listed). */
#define MAX_WARNINGS_SHOWN 200

struct progress {
	int tty;
	double started;
	const char *last_phase;
	int last_pct;
};

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Draws "check [#####.....]  45%  90000/200000" over itself on stderr. */
static void on_progress(void *arg, const char *phase, size_t done, size_t total)
{
	struct progress *pg = arg;
	if (!pg->tty || !total)
		return;
	int pct = (int)(done * 100 / total);
	if (pg->last_phase == phase && pct == pg->last_pct && done != total)
		return;
	pg->last_phase = phase;
	pg->last_pct = pct;
	char bar[31];
	int fill = pct * 30 / 100;
	for (int i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = 0;
	fprintf(stderr, "\r%-6s [%s] %3d%%  %zu/%zu", phase, bar, pct, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* The report language: Arabic when the locale says so, else English. */
static void choose_language(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			i18n_set_lang(strncmp(v, "ar", 2) == 0 ? LANG_AR : LANG_EN);
			return;
		}
	}
	i18n_set_lang(LANG_EN);
}

/* The column as "3 (phone)": its number from 1 and its header. */
static void print_column(const struct import_job *j, int col)
{
	if (col < 0)
		printf("-");
	else
		printf("%d (%s)", col + 1, import_header(j, col));
}

static void print_issue(const struct import_job *j, const struct import_issue *is)
{
	if (is->row)
		printf("%ld\t", is->row);
	else
		printf("-\t");
	print_column(j, is->col);
	const char *value = is->row > 1 && is->col >= 0 ? import_cell(j, (size_t)(is->row - 2), is->col) : "";
	if (is->severity == IMPORT_WARNING)
		printf("\t%s\t%s: %s", value, _("warning"), _(is->msgid));
	else
		printf("\t%s\t%s", value, _(is->msgid));
	if (is->ref_kind == IMPORT_REF_ROW)
		printf(" (%s %lld)", _("row"), (long long)is->ref);
	else if (is->ref_kind == IMPORT_REF_PERSON)
		printf(" (%s %lld)", _("person"), (long long)is->ref);
	else if (is->ref_kind == IMPORT_REF_ORG)
		printf(" (%s %lld)", _("organization"), (long long)is->ref);
	putchar('\n');
}

static void print_report(const struct import_job *j)
{
	if (!j->nissues)
		return;
	printf("%s\t%s\t%s\t%s\n", _("Row"), _("Column"), _("Value"), _("Problem"));
	for (size_t i = 0; i < j->nissues; i++)
		if (j->issues[i].severity == IMPORT_ERROR)
			print_issue(j, &j->issues[i]);
	size_t shown = 0;
	for (size_t i = 0; i < j->nissues && shown < MAX_WARNINGS_SHOWN; i++)
		if (j->issues[i].severity == IMPORT_WARNING) {
			print_issue(j, &j->issues[i]);
			shown++;
		}
	if (j->nwarnings > shown)
		printf("… %zu %s\n", j->nwarnings - shown, _("more possible duplicates not shown"));
	if (j->nerrors + j->nwarnings > j->nissues)
		printf("… %s\n", _("the report was cut: too many problems"));
}

struct commit_args {
	struct import_job *j;
	const struct import_ctx *ctx;
	const char *filename;
	long written;
};

static int commit_fn(struct db *w, void *arg)
{
	struct commit_args *a = arg;
	a->written = import_commit(a->j, w, a->ctx, 0, a->filename);
	return a->written < 0 ? -1 : 0;
}

int cmd_import(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { "dry-run", 0, NULL }, { "sheet", 1, NULL }, { NULL, 0, NULL } };
	const char *pos[2];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 2, &npos) < 0)
		return 2;
	int kind = npos == 2 ? import_kind_from_key(pos[0]) : -1;
	if (kind < 0) {
		fprintf(stderr, "usage: daam import people|orgs FILE.csv|FILE.xlsx [--sheet NAME] [--dry-run] [--db PATH]\n");
		return 2;
	}
	int dry = cli_get(opts, "dry-run") != NULL;
	const char *path = pos[1];
	double t0 = mono();
	if (cli_init_runtime() < 0)
		return 1;
	choose_language();
	size_t len = 0;
	char *data = cli_read_file(path, LIMIT_IMPORT_FILE_BYTES, &len);
	if (!data)
		return 1;
	struct import_job j;
	int loaded = import_load_sheet(&j, (enum import_kind)kind, data, len, cli_get(opts, "sheet"));
	free(data);
	if (j.nsheets > 0) {
		fprintf(stderr, "daam: %s: sheet \"%s\" (sheets:", path, j.sheets[j.sheet]);
		for (int i = 0; i < j.nsheets; i++)
			fprintf(stderr, " %d \"%s\"", i + 1, j.sheets[i]);
		fprintf(stderr, ")\n");
	} else if (j.encoding && strcmp(j.encoding, "UTF-8") != 0) {
		fprintf(stderr, "daam: %s: read as %s and converted to UTF-8\n", path, j.encoding);
	}
	if (loaded < 0) {
		if (j.fatal_row)
			fprintf(stderr, "daam: %s: %s (%s %ld)\n", path, _(j.fatal), _("row"), j.fatal_row);
		else
			fprintf(stderr, "daam: %s: %s\n", path, _(j.fatal));
		import_free(&j);
		return 1;
	}
	if (cli_open_db(opts) < 0) {
		import_free(&j);
		return 1;
	}
	import_guess_map(&j);
	const struct import_field *fields = import_fields(j.kind);
	for (int c = 0; c < j.ncols; c++) {
		if (j.map[c] >= 0)
			fprintf(stderr, "daam: column %d \"%s\" → %s\n", c + 1, import_header(&j, c), fields[j.map[c]].key);
		else
			fprintf(stderr, "daam: column %d \"%s\" is ignored (not a known field)\n", c + 1, import_header(&j, c));
	}
	struct progress pg = { isatty(2), t0, NULL, -1 };
	struct import_ctx ctx = { 0, 1, on_progress, &pg, NULL, 0 };
	long errors = import_check(&j, db_read(), &ctx);
	if (errors < 0) {
		fprintf(stderr, "daam: the file could not be checked (database or memory)\n");
		import_free(&j);
		db_close();
		return 1;
	}
	print_report(&j);
	fflush(stdout);
	/* a value naming several places: the web import asks which; here, say which they are */
	for (int k = 0; k < j.nplace_asks; k++) {
		const struct import_place_ask *pa = &j.place_asks[k];
		fprintf(stderr, "daam: \"%s\" (%zu row%s) names %d places:", pa->value, pa->nrows, plural(pa->nrows), pa->ncands);
		for (int c = 0; c < pa->ncands; c++)
			fprintf(stderr, " %lld", (long long)pa->cands[c]);
		fprintf(stderr, "; choose on the web import, or rename one of them\n");
	}
	int rc = 0;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (errors) {
		fprintf(stderr, "daam: %zu row%s read, %ld error%s in %zu row%s; nothing was imported (%.1f s)\n",
			j.nrows, plural(j.nrows), errors, plural((size_t)errors), j.nerror_rows, plural(j.nerror_rows),
			mono() - t0);
		rc = 1;
	} else if (dry) {
		fprintf(stderr, "daam: dry run: %zu row%s would be imported as %s, %zu possible duplicate%s flagged; nothing was written (%.1f s)\n",
			j.nready, plural(j.nready), import_kind_key(j.kind), j.nwarnings, plural(j.nwarnings), mono() - t0);
	} else {
		struct commit_args a = { &j, &ctx, name, -1 };
		long n = db_write(commit_fn, &a) == 0 ? a.written : -1;
		if (n < 0) {
			fprintf(stderr, "daam: the import failed; nothing was written\n");
			rc = 1;
		} else {
			double s = mono() - t0;
			fprintf(stderr, "daam: imported %ld %s from %s, %zu possible duplicate%s flagged, in %.1f s (%.0f rows/s)\n",
				n, import_kind_key(j.kind), name, j.nwarnings, plural(j.nwarnings), s,
				s > 0 ? (double)n / s : 0.0);
		}
	}
	import_free(&j);
	db_close();
	return rc;
}
