/* test_backup — `daam backup` and `daam restore` against a running server's
 * database: an office added over HTTP is in an encrypted backup taken
 * while the server serves, the file shows none of it in clear, and a
 * restore into a new path reads it back; a wrong passphrase, a changed
 * byte, a cut file and another format are refused with the target left
 * byte for byte as it was (or not created); a weak passphrase writes
 * nothing; without a terminal or --passphrase-stdin nothing is asked;
 * a plain backup (--plain, or one from before) still restores; a backup
 * killed midway or on a full disk leaves the previous file as it was. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "harness.h"
#include "core/banned.h"

static const char PASS[] = "the river at Raqqa in spring";
/* When not 0: the largest file the next run_in's command may write, in
 * bytes (RLIMIT_FSIZE, as on a full disk: its writes fail with EFBIG). */
static long fsize_limit;

/* Runs `daam ARGS...` in a new session (no controlling terminal) with input
 * on its stdin (NULL: /dev/null); stdout and stderr go into out and err.
 * Killed after 120 s.  Returns the exit status. */
static int run_in(const char *const *args, const char *input, char *out, size_t outsz, char *err, size_t errsz)
{
	char opath[600], epath[600];
	snprintf(opath, sizeof opath, "%s/backup.out", harness_dir());
	snprintf(epath, sizeof epath, "%s/backup.err", harness_dir());
	int in[2];
	assert_int_equal(pipe(in), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		int fo = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int fe = open(epath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fo < 0 || fe < 0)
			_exit(126);
		dup2(in[0], 0);
		dup2(fo, 1);
		dup2(fe, 2);
		close(in[0]);
		close(in[1]);
		alarm(120);
		if (fsize_limit) {
			signal(SIGXFSZ, SIG_IGN);
			struct rlimit rl = { (rlim_t)fsize_limit, (rlim_t)fsize_limit };
			setrlimit(RLIMIT_FSIZE, &rl);
		}
		const char *argv[32] = { daam_bin() };
		int n = 1;
		for (int i = 0; args[i] && n < 31; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	if (input) {
		signal(SIGPIPE, SIG_IGN);
		ssize_t k = write(in[1], input, strlen(input));
		(void)k;
	}
	close(in[1]);
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	const char *paths[2] = { opath, epath };
	char *bufs[2] = { out, err };
	size_t sizes[2] = { outsz, errsz };
	for (int i = 0; i < 2; i++) {
		bufs[i][0] = 0;
		FILE *f = fopen(paths[i], "r");
		if (f) {
			size_t n = fread(bufs[i], 1, sizes[i] - 1, f);
			bufs[i][n] = 0;
			fclose(f);
		}
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

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

static void spill(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The name of an office found by code in a database file, read with
 * SQLite itself ("" when there is none); also checks its integrity. */
static char *office_name(const char *db, const char *code)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name_en FROM offices WHERE code = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	char *name = strdup(sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	sqlite3_close(h);
	return name;
}

/* No temporary file ("*.backup-*", "*.restore-*", "*.partial") is left in
 * the harness directory. */
static void no_temporaries(void)
{
	DIR *d = opendir(harness_dir());
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (strstr(e->d_name, ".backup-") || strstr(e->d_name, ".restore-") || strstr(e->d_name, ".partial"))
			fail_msg("left behind: %s", e->d_name);
	closedir(d);
}

static char backup_path[600];

/* Adds the office "kobani" over HTTP (the server is serving), then takes
 * an encrypted backup of its database. */
static void take_backup(const struct server *srv)
{
	if (backup_path[0])
		return;
	struct browser admin;
	browser_init(&admin, srv);
	sign_in(&admin, "admin");
	char *token = page_csrf(&admin, "/admin/offices");
	assert_non_null(token);
	struct response *r = http_post_form(&admin, "/admin/offices", "csrf", token, "code", "kobani",
					    "name_ar", "كوباني", "name_en", "Kobani", NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(token);
	browser_free(&admin);

	snprintf(backup_path, sizeof backup_path, "%s/center.daam", harness_dir());
	char out[4096], err[4096], input[128];
	snprintf(input, sizeof input, "%s\n", PASS);
	const char *args[] = { "backup", backup_path, "--passphrase-stdin", "--db", srv->db, NULL };
	int st = run_in(args, input, out, sizeof out, err, sizeof err);
	if (st != 0)
		fail_msg("daam backup exited %d: %s", st, err);
	assert_non_null(strstr(out, "encrypted backup written"));
}

static void test_encrypted_backup_restores(void **state)
{
	const struct server *srv = *state;
	take_backup(srv);
	size_t len;
	char *data = slurp(backup_path, &len);
	assert_true(len > 100000);
	assert_memory_equal(data, "DAAMBKUP", 8);
	/* nothing in clear: not the SQLite header, not the new office */
	assert_null(memmem(data, len, "SQLite format 3", 15));
	assert_null(memmem(data, len, "Kobani", 6));
	assert_null(memmem(data, len, "كوباني", strlen("كوباني")));
	free(data);
	struct stat sb;
	assert_int_equal(stat(backup_path, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	no_temporaries();

	char fresh[600], out[4096], err[4096], input[128];
	snprintf(fresh, sizeof fresh, "%s/restored.db", harness_dir());
	snprintf(input, sizeof input, "%s\n", PASS);
	const char *args[] = { "restore", backup_path, "--passphrase-stdin", "--db", fresh, NULL };
	int st = run_in(args, input, out, sizeof out, err, sizeof err);
	if (st != 0)
		fail_msg("daam restore exited %d: %s", st, err);
	char *name = office_name(fresh, "kobani");
	assert_string_equal(name, "Kobani");
	free(name);
	no_temporaries();
	/* the restored database serves: daam opens it and lists its users */
	const char *list[] = { "user", "list", "--db", fresh, NULL };
	assert_int_equal(run_in(list, NULL, out, sizeof out, err, sizeof err), 0);
	assert_non_null(strstr(out, "admin"));
}

/* Restores file with the passphrase pass into target; it must be refused
 * with want in its message and target must be as it was (or absent). */
static void expect_refused(const char *file, const char *pass, const char *target, const char *want)
{
	size_t len0 = 0, len1;
	int existed = access(target, F_OK) == 0;
	char *before = existed ? slurp(target, &len0) : NULL;
	char out[4096], err[4096], input[256];
	snprintf(input, sizeof input, "%s\n", pass);
	const char *args[] = { "restore", file, "--passphrase-stdin", "--db", target, NULL };
	int st = run_in(args, input, out, sizeof out, err, sizeof err);
	assert_int_not_equal(st, 0);
	if (!strstr(err, want))
		fail_msg("expected \"%s\" in: %s", want, err);
	assert_non_null(strstr(err, "nothing was restored"));
	if (existed) {
		char *after = slurp(target, &len1);
		assert_int_equal(len0, len1);
		assert_memory_equal(before, after, len0);
		free(after);
		free(before);
	} else {
		assert_int_not_equal(access(target, F_OK), 0);
	}
	char side[700];
	snprintf(side, sizeof side, "%s-wal", target);
	assert_int_not_equal(access(side, F_OK), 0);
	no_temporaries();
}

static void test_wrong_passphrase_changes_nothing(void **state)
{
	const struct server *srv = *state;
	take_backup(srv);
	/* the target: a plain copy of the server's database */
	char target[600], out[4096], err[4096];
	snprintf(target, sizeof target, "%s/target.db", harness_dir());
	const char *plain[] = { "backup", target, "--plain", "--db", srv->db, NULL };
	assert_int_equal(run_in(plain, NULL, out, sizeof out, err, sizeof err), 0);
	expect_refused(backup_path, "the river at Raqqa in summer", target, "passphrase is wrong");
	/* into a path with no database: none is created */
	char absent[600];
	snprintf(absent, sizeof absent, "%s/never.db", harness_dir());
	expect_refused(backup_path, "the river at Raqqa in summer", absent, "passphrase is wrong");
}

static void test_damaged_files_refused(void **state)
{
	const struct server *srv = *state;
	take_backup(srv);
	char target[600], out[4096], err[4096], bad[600];
	snprintf(target, sizeof target, "%s/target2.db", harness_dir());
	snprintf(bad, sizeof bad, "%s/bad.daam", harness_dir());
	const char *plain[] = { "backup", target, "--plain", "--db", srv->db, NULL };
	assert_int_equal(run_in(plain, NULL, out, sizeof out, err, sizeof err), 0);
	size_t len;
	char *data = slurp(backup_path, &len);
	/* one byte changed in the middle of the file */
	data[len / 2] ^= 0x20;
	spill(bad, data, len);
	expect_refused(bad, PASS, target, "damaged or was changed");
	data[len / 2] ^= 0x20;
	/* the file cut short (copied in part) */
	spill(bad, data, len - 1000);
	expect_refused(bad, PASS, target, "incomplete");
	/* cut in its header */
	spill(bad, data, 40);
	expect_refused(bad, PASS, target, "incomplete");
	/* another kind of file */
	spill(bad, "name,phone\nAhmad,0933000000\n", 28);
	expect_refused(bad, PASS, target, "neither a daam backup nor a database");
	free(data);
}

static void test_weak_passphrase_writes_nothing(void **state)
{
	const struct server *srv = *state;
	char dest[600], out[4096], err[4096];
	snprintf(dest, sizeof dest, "%s/weak.daam", harness_dir());
	static const struct { const char *input, *want; } cases[] = {
		{ "olive tree\n", "at least 12 characters" },
		{ "123456789012345\n", "digits only" },
		{ "civilsociety\n", "most common" },
		{ "\n", "standard input" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *args[] = { "backup", dest, "--passphrase-stdin", "--db", srv->db, NULL };
		assert_int_not_equal(run_in(args, cases[i].input, out, sizeof out, err, sizeof err), 0);
		if (!strstr(err, cases[i].want))
			fail_msg("expected \"%s\" in: %s", cases[i].want, err);
		assert_int_not_equal(access(dest, F_OK), 0);
	}
	/* no terminal and no --passphrase-stdin: nothing is asked, nothing written */
	const char *args[] = { "backup", dest, "--db", srv->db, NULL };
	assert_int_not_equal(run_in(args, NULL, out, sizeof out, err, sizeof err), 0);
	assert_non_null(strstr(err, "--passphrase-stdin"));
	assert_int_not_equal(access(dest, F_OK), 0);
	no_temporaries();
}

/* --plain warns and writes a SQLite file, which (like a backup from before
 * encryption) restores without a passphrase. */
static void test_plain_backup_restores(void **state)
{
	const struct server *srv = *state;
	take_backup(srv);
	char dest[600], fresh[600], out[4096], err[4096];
	snprintf(dest, sizeof dest, "%s/plain.db", harness_dir());
	snprintf(fresh, sizeof fresh, "%s/from-plain.db", harness_dir());
	const char *args[] = { "backup", dest, "--plain", "--db", srv->db, NULL };
	assert_int_equal(run_in(args, NULL, out, sizeof out, err, sizeof err), 0);
	assert_non_null(strstr(err, "NOT encrypted"));
	size_t len;
	char *data = slurp(dest, &len);
	assert_memory_equal(data, "SQLite format 3", 16);
	free(data);
	const char *restore[] = { "restore", dest, "--db", fresh, NULL };
	assert_int_equal(run_in(restore, NULL, out, sizeof out, err, sizeof err), 0);
	char *name = office_name(fresh, "kobani");
	assert_string_equal(name, "Kobani");
	free(name);
	/* --plain takes no passphrase */
	const char *both[] = { "backup", dest, "--plain", "--passphrase-stdin", "--db", srv->db, NULL };
	assert_int_equal(run_in(both, PASS, out, sizeof out, err, sizeof err), 2);
}

/* A backup killed midway (here during its snapshot or key derivation)
 * leaves the previous FILE as it was, and it still restores. */
static void test_killed_backup_keeps_previous(void **state)
{
	const struct server *srv = *state;
	take_backup(srv);
	size_t len0, len1;
	char *before = slurp(backup_path, &len0);
	int in[2];
	assert_int_equal(pipe(in), 0);
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		dup2(in[0], 0);
		close(in[0]);
		close(in[1]);
		int nul = open("/dev/null", O_WRONLY);
		dup2(nul, 1);
		dup2(nul, 2);
		const char *argv[] = { daam_bin(), "backup", backup_path, "--passphrase-stdin", "--db", srv->db, NULL };
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	char input[128];
	snprintf(input, sizeof input, "%s\n", PASS);
	assert_int_equal(write(in[1], input, strlen(input)), (ssize_t)strlen(input));
	close(in[1]);
	sleep_ms(200); /* argon2id over 256 MiB alone takes longer */
	kill(pid, SIGKILL);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	char *after = slurp(backup_path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);
	/* what the killed run left (FILE.partial, the snapshot beside the
	 * database) is not a backup; clear it for the other tests */
	char partial[700];
	snprintf(partial, sizeof partial, "%s.partial", backup_path);
	unlink(partial);
	DIR *d = opendir(harness_dir());
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strstr(e->d_name, ".backup-")) {
			char p[900];
			snprintf(p, sizeof p, "%s/%s", harness_dir(), e->d_name);
			unlink(p);
		}
	}
	closedir(d);
	char fresh[600], out[4096], err[4096];
	snprintf(fresh, sizeof fresh, "%s/after-kill.db", harness_dir());
	const char *args[] = { "restore", backup_path, "--passphrase-stdin", "--db", fresh, NULL };
	if (run_in(args, input, out, sizeof out, err, sizeof err) != 0)
		fail_msg("restore after a killed backup: %s", err);
	char *name = office_name(fresh, "kobani");
	assert_string_equal(name, "Kobani");
	free(name);
}

/* A backup that cannot write (a full disk: here a file size limit below
 * the database's size) fails with a message, leaves the previous file as
 * it was and no temporary file anywhere. */
static void test_full_disk_keeps_previous(void **state)
{
	const struct server *srv = *state;
	take_backup(srv);
	size_t len0, len1;
	char *before = slurp(backup_path, &len0);
	char out[4096], err[4096], input[128];
	snprintf(input, sizeof input, "%s\n", PASS);
	const char *args[] = { "backup", backup_path, "--passphrase-stdin", "--db", srv->db, NULL };
	fsize_limit = 64 * 1024;
	int st = run_in(args, input, out, sizeof out, err, sizeof err);
	fsize_limit = 0;
	assert_int_equal(st, 1);
	assert_non_null(strstr(err, "the backup failed"));
	char *after = slurp(backup_path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);
	no_temporaries();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encrypted_backup_restores),
		cmocka_unit_test(test_wrong_passphrase_changes_nothing),
		cmocka_unit_test(test_damaged_files_refused),
		cmocka_unit_test(test_weak_passphrase_writes_nothing),
		cmocka_unit_test(test_plain_backup_restores),
		cmocka_unit_test(test_killed_backup_keeps_previous),
		cmocka_unit_test(test_full_disk_keeps_previous),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
