/* test_schema — a database made by a newer daam (its schema_migrations
 * holds a version past the newest migration this daam embeds) is refused by
 * every command that opens it, `daam serve` included, with a message that
 * says so and what to do; the file is left byte for byte as it was.  A
 * restore from such a backup is refused the same way. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "harness.h"
#include "core/banned.h"

#define FUTURE 9999

/* Runs `daam ARGS...` with its stderr in err (NUL-terminated); a command
 * that does not end within 30 s is killed.  Returns the exit status. */
static int run_stderr(const char *const *args, char *err, size_t errsz)
{
	char path[600];
	snprintf(path, sizeof path, "%s/schema.err", harness_dir());
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_WRONLY);
		if (fd < 0 || nul < 0)
			_exit(126);
		dup2(fd, 2);
		dup2(nul, 1);
		alarm(30); /* kept across exec: a server that starts anyway is stopped */
		const char *argv[32] = { daam_bin() };
		int n = 1;
		for (int i = 0; args[i] && n < 31; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	err[0] = 0;
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(err, 1, errsz - 1, f);
		err[n] = 0;
		fclose(f);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The whole file, malloc'd, its size in *len. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct stat sb;
	assert_int_equal(fstat(fileno(f), &sb), 0);
	char *p = malloc((size_t)sb.st_size + 1);
	assert_non_null(p);
	*len = fread(p, 1, (size_t)sb.st_size, f);
	assert_int_equal(*len, (size_t)sb.st_size);
	fclose(f);
	return p;
}

/* Runs SQL on the file with SQLite itself (not daam). */
static void sql_on(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

static long max_version(const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long v = -1;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT max(version) FROM schema_migrations", -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* A new database made by this daam, in path; returns its schema version
 * (the newest migration this daam knows). */
static long make_db(const char *path)
{
	char out[256];
	const char *init[] = { "init", "--db", path, NULL };
	assert_int_equal(run_daam(out, sizeof out, init), 0);
	long known = max_version(path);
	assert_true(known > 0);
	return known;
}

static void expect_refused(const char *what, const char *const *args, const char *want)
{
	char err[4096];
	int st = run_stderr(args, err, sizeof err);
	if (st == 0 || st >= 128)
		fail_msg("%s: exit status %d (wanted a refusal)\nstderr: %s", what, st, err);
	if (!strstr(err, want))
		fail_msg("%s: stderr lacks \"%s\":\n%s", what, want, err);
}

static int setup(void **state)
{
	(void)state;
	return harness_setup();
}

static int teardown(void **state)
{
	(void)state;
	harness_teardown();
	return 0;
}

/* The database of this daam opens; the same with one future migration
 * recorded is refused by serve, user list and migrate, and is unchanged. */
static void test_newer_database_refused(void **state)
{
	(void)state;
	char db[600], out[4096];
	snprintf(db, sizeof db, "%s/newer.db", harness_dir());
	long known = make_db(db);
	const char *list[] = { "user", "list", "--db", db, NULL };
	assert_int_equal(run_daam(out, sizeof out, list), 0);

	sql_on(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0)");
	size_t len0, len1;
	char *before = slurp(db, &len0);
	char want[256];
	snprintf(want, sizeof want,
		 "this database was made by a newer daam (schema %d, this daam knows up to %ld); "
		 "use that version or a newer one", FUTURE, known);

	const char *serve[] = { "serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet", NULL };
	expect_refused("serve", serve, want);
	expect_refused("user list", list, want);
	const char *migrate[] = { "migrate", "--db", db, NULL };
	expect_refused("migrate", migrate, want);

	char *after = slurp(db, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	assert_int_equal(max_version(db), FUTURE);
	free(before);
	free(after);
}

/* The same refusal for a database file in rollback-journal mode (as
 * `daam backup` writes them): daam must not even switch it to WAL. */
static void test_newer_backup_file_unchanged(void **state)
{
	(void)state;
	char db[600];
	snprintf(db, sizeof db, "%s/newer-delete.db", harness_dir());
	long known = make_db(db);
	sql_on(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0);"
		   "PRAGMA journal_mode=DELETE;");
	size_t len0, len1;
	char *before = slurp(db, &len0);
	char want[128];
	snprintf(want, sizeof want, "(schema %d, this daam knows up to %ld)", FUTURE, known);
	const char *list[] = { "user", "list", "--db", db, NULL };
	expect_refused("user list", list, want);
	char *after = slurp(db, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);
}

/* `daam restore` of a newer daam's backup leaves the database as it was. */
static void test_restore_of_newer_refused(void **state)
{
	(void)state;
	char db[600], newer[600];
	snprintf(db, sizeof db, "%s/current.db", harness_dir());
	snprintf(newer, sizeof newer, "%s/from-newer.db", harness_dir());
	long known = make_db(db);
	make_db(newer);
	sql_on(newer, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0);"
		      "CREATE TABLE future_things (id INTEGER PRIMARY KEY);");
	char want[128];
	snprintf(want, sizeof want, "(schema %d, this daam knows up to %ld)", FUTURE, known);
	const char *restore[] = { "restore", newer, "--db", db, NULL };
	expect_refused("restore", restore, want);
	assert_int_equal(max_version(db), known);
	char out[4096];
	const char *list[] = { "user", "list", "--db", db, NULL };
	assert_int_equal(run_daam(out, sizeof out, list), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newer_database_refused),
		cmocka_unit_test(test_newer_backup_file_unchanged),
		cmocka_unit_test(test_restore_of_newer_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
