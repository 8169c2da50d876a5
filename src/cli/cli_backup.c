/* cli_backup — `daam backup FILE` (encrypted with a passphrase unless
 * --plain) and `daam restore FILE` (an encrypted or a plain backup).  The
 * passphrase comes from standard input (--passphrase-stdin) or is asked on
 * the terminal without echo (twice for a backup). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sodium.h>
#include "cli/cli.h"
#include "auth/password.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "db/backup_file.h"
#include "db/db.h"
#include "core/banned.h"

#define PASS_BUF (BACKUP_PASSPHRASE_MAX_BYTES + 2)

/* Reads one line from fd into buf without its line end; 0, or -1 when it is
 * empty, too long or cut short. */
static int read_line_fd(int fd, char *buf, size_t size)
{
	size_t n = 0;
	char c;
	ssize_t k;
	while ((k = read(fd, &c, 1)) == 1 && c != '\n') {
		if (n + 1 >= size)
			return -1;
		buf[n++] = c;
	}
	if (k < 0)
		return -1;
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = 0;
	return n ? 0 : -1;
}

/* The terminal's settings while echo is off, put back by a Ctrl-C too. */
static int tty_fd = -1;
static struct termios tty_saved;

static void restore_tty_and_die(int sig)
{
	if (tty_fd >= 0)
		tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Asks on the terminal with echo off: once, or twice when confirm. */
static int ask_tty(const char *prompt, int confirm, char *buf, size_t size)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "daam: no terminal to ask the passphrase on; give it on standard input with --passphrase-stdin\n");
		return -1;
	}
	struct termios old, quiet;
	int have_tio = tcgetattr(fd, &old) == 0;
	if (have_tio) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		tty_saved = old;
		tty_fd = fd;
		signal(SIGINT, restore_tty_and_die);
		signal(SIGTERM, restore_tty_and_die);
		signal(SIGHUP, restore_tty_and_die);
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	int rc = -1;
	char again[PASS_BUF];
	dprintf(fd, "%s", prompt);
	if (read_line_fd(fd, buf, size) < 0) {
		dprintf(fd, "daam: no passphrase given (at most %d bytes)\n", BACKUP_PASSPHRASE_MAX_BYTES);
	} else if (!confirm) {
		rc = 0;
	} else {
		dprintf(fd, "The same passphrase again: ");
		if (read_line_fd(fd, again, sizeof again) < 0 || strcmp(buf, again) != 0)
			dprintf(fd, "daam: the two passphrases differ; nothing was written\n");
		else
			rc = 0;
	}
	sodium_memzero(again, sizeof again);
	if (have_tio) {
		tcsetattr(fd, TCSAFLUSH, &old);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		tty_fd = -1;
	}
	close(fd);
	return rc;
}

/* The passphrase from stdin (--passphrase-stdin) or the terminal. */
static int get_passphrase(const struct opt *opts, int confirm, char *buf, size_t size)
{
	if (cli_get(opts, "passphrase-stdin")) {
		if (read_line_fd(0, buf, size) < 0) {
			fprintf(stderr, "daam: give the passphrase as one line on standard input (at most %d bytes)\n",
				BACKUP_PASSPHRASE_MAX_BYTES);
			return -1;
		}
		return 0;
	}
	return ask_tty(confirm ? "Passphrase for the backup (it is not shown): " : "Passphrase of the backup: ",
		       confirm, buf, size);
}

/* 0 when a new backup's passphrase is strong enough, else -1 with why. */
static int passphrase_ok(const char *pw)
{
	long n = utf8_count(pw, strlen(pw));
	if (n < 0) {
		fprintf(stderr, "daam: the passphrase is not valid text (UTF-8)\n");
		return -1;
	}
	if (n < BACKUP_PASSPHRASE_MIN_CHARS) {
		fprintf(stderr, "daam: the passphrase needs at least %d characters; a few words are easy to remember and hard to guess\n",
			BACKUP_PASSPHRASE_MIN_CHARS);
		return -1;
	}
	/* twelve digits or a few keys over and over are guessed quickly */
	int digits = 1;
	unsigned char seen[256] = { 0 };
	int distinct = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		digits &= *p >= '0' && *p <= '9';
		distinct += !seen[*p]++;
	}
	if (digits || distinct < 5) {
		fprintf(stderr, "daam: choose another passphrase: one of digits only or of a few characters repeated is guessed quickly\n");
		return -1;
	}
	const char *why = n <= 128 ? password_problem(pw, NULL) : NULL;
	if (why) {
		fprintf(stderr, "daam: choose another passphrase: %s\n", _(why));
		return -1;
	}
	return 0;
}

int cmd_backup(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { "passphrase-stdin", 0, NULL }, { "plain", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 1, &npos) < 0)
		return 2;
	if (npos != 1) {
		fprintf(stderr, "daam: give the file name, for example: daam backup /media/usb/daam-2026-11-29.daam\n");
		return 2;
	}
	int plain = cli_get(opts, "plain") != NULL;
	if (plain && cli_get(opts, "passphrase-stdin")) {
		fprintf(stderr, "daam: --plain writes an unencrypted backup; it takes no passphrase\n");
		return 2;
	}
	if (cli_init_runtime() < 0)
		return 1;
	i18n_set_lang(LANG_EN);
	char pass[PASS_BUF] = "";
	if (!plain && (get_passphrase(opts, 1, pass, sizeof pass) < 0 || passphrase_ok(pass) < 0)) {
		sodium_memzero(pass, sizeof pass);
		return 1;
	}
	if (cli_open_db(opts) < 0) {
		sodium_memzero(pass, sizeof pass);
		return 1;
	}
	const char *file = pos[0];
	int rc, status = BACKUP_OK;
	if (plain) {
		fprintf(stderr, "daam: warning: --plain: this backup is NOT encrypted; anyone who has the file can read every record in it\n");
		rc = db_backup(file);
	} else {
		rc = db_backup_encrypted(file, pass, NULL, &status);
	}
	sodium_memzero(pass, sizeof pass);
	if (rc == 0 && plain)
		printf("daam: plain (unencrypted) backup written to %s\n", file);
	else if (rc == 0)
		printf("daam: encrypted backup written to %s\n"
		       "      Keep the passphrase apart from the file: without it the backup cannot be read.\n", file);
	else
		fprintf(stderr, "daam: the backup failed%s%s; any earlier %s is unchanged\n",
			status != BACKUP_OK ? ": " : "", status != BACKUP_OK ? backup_strerror(status) : "", file);
	db_close();
	return rc == 0 ? 0 : 1;
}

/* Restores a plain (SQLite) backup file, checked by db_restore. */
static int restore_plain(const struct opt *opts, const char *file)
{
	if (cli_open_db(opts) < 0)
		return -1;
	int rc = db_restore(file);
	db_close();
	return rc;
}

/* Decrypts and authenticates an encrypted backup beside the database, then
 * restores that copy like a plain one; the target is not even opened
 * before the whole file has passed. */
static int restore_encrypted(const struct opt *opts, const char *file)
{
	char pass[PASS_BUF] = "", tmp[4200];
	if (get_passphrase(opts, 0, pass, sizeof pass) < 0)
		return -1;
	const char *target = cli_db_path(opts);
	int st = db_backup_decrypt(file, pass, target, tmp, sizeof tmp);
	sodium_memzero(pass, sizeof pass);
	if (st != BACKUP_OK) {
		fprintf(stderr, "daam: cannot restore %s: %s\n", file, backup_strerror(st));
		return -1;
	}
	int rc = cli_open_db(opts);
	if (rc == 0) {
		rc = db_restore(tmp);
		db_close();
	}
	unlink(tmp);
	return rc;
}

int cmd_restore(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { "passphrase-stdin", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 1, &npos) < 0)
		return 2;
	if (npos != 1) {
		fprintf(stderr, "daam: give the file name, for example: daam restore /media/usb/daam-2026-11-29.daam\n");
		return 2;
	}
	const char *file = pos[0];
	if (cli_init_runtime() < 0)
		return 1;
	i18n_set_lang(LANG_EN);
	/* what the file is, from its first bytes, before anything is asked */
	unsigned char head[BACKUP_HEADER_BYTES];
	size_t n = 0;
	FILE *f = fopen(file, "rbe");
	if (f) {
		n = fread(head, 1, sizeof head, f);
		fclose(f);
	}
	int rc;
	struct backup_header h;
	if (!f) {
		fprintf(stderr, "daam: cannot read %s\n", file);
		rc = -1;
	} else if (n >= 16 && memcmp(head, "SQLite format 3", 16) == 0) {
		rc = restore_plain(opts, file);
	} else if (backup_is_encrypted(head, n)) {
		int st = backup_header_parse(head, n, &h);
		if (st == BACKUP_ERR_FORMAT)
			st = BACKUP_ERR_TRUNCATED;
		if (st != BACKUP_OK)
			fprintf(stderr, "daam: cannot restore %s: %s\n", file, backup_strerror(st));
		rc = st == BACKUP_OK ? restore_encrypted(opts, file) : -1;
	} else {
		fprintf(stderr, "daam: %s is neither a daam backup nor a database\n", file);
		rc = -1;
	}
	if (rc == 0)
		printf("daam: %s restored into %s\n", file, cli_db_path(opts));
	else
		fprintf(stderr, "daam: nothing was restored; the database is unchanged\n");
	return rc == 0 ? 0 : 1;
}
