/* export — the people list (with its filters) as XLSX or CSV, Arabic
 * headers in the Arabic interface.  Pseudonymous by default: a stable code
 * instead of name and phone, an age band instead of the birth year, no
 * community; names, phones and birth years only when the user asks and the
 * role allows (PERM_EXPORT_IDENTIFIED).  Every export is in the audit log.
 * Cells that start with = + - @ (or a tab or CR) get a leading apostrophe so
 * a spreadsheet never runs them as formulas; in CSV every field is quoted
 * and a trigger after a separator inside a cell is neutralized too.  A list longer than the
 * direct-answer limit is exported by a job instead (export_job.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <sodium.h>
#include <xlsxwriter.h>
#include "registry/perms.h"
#include "registry/export.h"
#include "registry/people_query.h"
#include "registry/age_bands.h"
#include "registry/registry.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/utf8.h"
#include "db/db.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_KEY_GET[] = "SELECT value FROM settings WHERE key = 'export_key'";
static const char SQL_KEY_SET[] = "INSERT OR IGNORE INTO settings (key, value) VALUES ('export_key', ?1)";

static int key_set_fn(struct db *w, void *arg)
{
	return db_do(w, SQL_KEY_SET, "t", (const char *)arg);
}

int export_key(unsigned char key[32])
{
	sqlite3_stmt *st = db_q(db_read(), SQL_KEY_GET, "");
	char hex[65] = "";
	if (db_row(st) == 1) {
		snprintf(hex, sizeof hex, "%s", db_text(st, 0));
		sqlite3_reset(st);
	}
	if (!hex[0]) {
		unsigned char fresh[32];
		randombytes_buf(fresh, sizeof fresh);
		sodium_bin2hex(hex, sizeof hex, fresh, sizeof fresh);
		if (db_write(key_set_fn, hex) != 0)
			return -1;
		/* another writer may have won the race: read what is stored */
		st = db_q(db_read(), SQL_KEY_GET, "");
		if (db_row(st) == 1) {
			snprintf(hex, sizeof hex, "%s", db_text(st, 0));
			sqlite3_reset(st);
		}
	}
	size_t n = 0;
	return sodium_hex2bin(key, 32, hex, strlen(hex), NULL, &n, NULL) == 0 && n == 32 ? 0 : -1;
}

/* The code's alphabet has no 0 and no 1, so a code can never read as a phone
 * number (09…) or be mistaken for one in a spreadsheet. */
static const char code_alphabet[33] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

void export_code(const unsigned char key[32], long long id, char out[EXPORT_CODE_SIZE])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES], msg[8];
	for (int i = 0; i < 8; i++)
		msg[i] = (unsigned char)(id >> (8 * i));
	crypto_auth_hmacsha256(mac, msg, sizeof msg, key);
	/* 10 symbols of 5 bits: 50 bits of the HMAC */
	uint64_t bits = 0;
	for (int i = 0; i < 8; i++)
		bits = (bits << 8) | mac[i];
	out[0] = 'P';
	out[1] = '-';
	for (int i = 0; i < 10; i++)
		out[2 + i] = code_alphabet[(bits >> (5 * i)) & 31];
	out[12] = 0;
}

static int formula_trigger(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

int cell_needs_neutralizing(const char *s)
{
	return s && formula_trigger(*s);
}

/* Every field quoted, so a spreadsheet set to any list separator (the
 * semicolon of Arabic and many European locales, the tab) reads one cell;
 * and a formula trigger at the start of the cell or just after a comma,
 * semicolon or tab inside it gets an apostrophe before it, so even a
 * program that splits on the separator without honouring quotes never
 * sees a cell that starts with =, +, -, @. */
void csv_cell(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (int at_start = 1; *s; s++) {
		if (utf8_is_bidi_control(s)) { /* never into a file, even from old records */
			s += 2;
			continue;
		}
		if (at_start && formula_trigger(*s))
			sb_addc(sb, '\'');
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
		at_start = *s == ',' || *s == ';' || *s == '\t';
	}
	sb_addc(sb, '"');
}

#define MAX_COLS 12

/* One row of cells, for either writer. */
struct row {
	const char *cell[MAX_COLS];
	int n;
};

static void header_row(struct row *h, int identified)
{
	h->n = 0;
	if (identified) {
		h->cell[h->n++] = _("Number");
		h->cell[h->n++] = _("Name in Arabic");
		h->cell[h->n++] = _("Name in Latin letters");
		h->cell[h->n++] = _("Phone");
		h->cell[h->n++] = _("Birth year");
		h->cell[h->n++] = _("Community");
	} else {
		h->cell[h->n++] = _("Code");
		h->cell[h->n++] = _("Age");
	}
	h->cell[h->n++] = _("Gender");
	h->cell[h->n++] = _("Displacement");
	h->cell[h->n++] = _("Disability");
	h->cell[h->n++] = _("Education");
	h->cell[h->n++] = _("Organizations");
}

/* Fills row from the query's current row; scratch holds formatted values. */
static void data_row(struct row *o, sqlite3_stmt *st, int identified, const unsigned char *key,
		     char scratch[3][64], struct strbuf *place)
{
	long long id = sqlite3_column_int64(st, PQ_ID), by = sqlite3_column_int64(st, PQ_BIRTH);
	o->n = 0;
	if (identified) {
		snprintf(scratch[0], 64, "%lld", id);
		o->cell[o->n++] = scratch[0];
		o->cell[o->n++] = db_text(st, PQ_NAME);
		o->cell[o->n++] = db_text(st, PQ_LATIN);
		o->cell[o->n++] = db_text(st, PQ_PHONE);
		snprintf(scratch[1], 64, "%lld", by);
		o->cell[o->n++] = by ? scratch[1] : "";
		sb_reset(place);
		if (sqlite3_column_type(st, PQ_PLACE) != SQLITE_NULL)
			place_path_text(db_read(), place, sqlite3_column_int64(st, PQ_PLACE));
		o->cell[o->n++] = sb_str(place);
	} else {
		export_code(key, id, scratch[0]);
		o->cell[o->n++] = scratch[0];
		o->cell[o->n++] = age_band_of(by);
	}
	o->cell[o->n++] = vocab_label(&genders, db_text(st, PQ_GENDER));
	o->cell[o->n++] = vocab_label(&displacements, db_text(st, PQ_DISPLACEMENT));
	/* not recorded stays empty, as gender or education not said */
	o->cell[o->n++] = sqlite3_column_type(st, PQ_DISABILITY) == SQLITE_NULL ? ""
			  : sqlite3_column_int(st, PQ_DISABILITY) ? _("Yes") : _("No");
	o->cell[o->n++] = vocab_label(&educations, db_text(st, PQ_EDUCATION));
	o->cell[o->n++] = db_text(st, PQ_ORGS);
}

/* A directory in memory (tmpfs) for libxlsxwriter's temporary files: it
 * writes the rows and each part of the workbook to temporary files before
 * zipping them, and in /tmp on a disk the identified rows would reach the
 * disk (deleted at once, but written).  NULL when there is none (then the
 * default). */
static char *memory_tmpdir(void)
{
	static char shm[] = "/dev/shm";
	struct statfs fs;
	if (statfs(shm, &fs) == 0 && (fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC) && access(shm, W_OK | X_OK) == 0)
		return shm;
	log_error("export: no tmpfs at %s; spreadsheet parts go through the default temporary directory", shm);
	return NULL;
}

/* constant_memory: each row goes to the temporary file as it is written
 * (inline strings, no shared-string table).  Measured on 206,019 people:
 * 12 MB of heap instead of 327 MB, 6.0 s instead of 9.8 s, a 14 MB file
 * instead of 11 MB. */
/* Frees a workbook that will not be written.  lxw_workbook_free (1.1.4)
 * leaves a worksheet's constant-memory row file open: close it here, or
 * each stopped export would keep its rows in tmpfs until the process ends. */
static void workbook_drop(lxw_workbook *wb, lxw_worksheet *ws)
{
	if (ws && ws->optimize_tmpfile) {
		fclose(ws->optimize_tmpfile);
		ws->optimize_tmpfile = NULL;
	}
	lxw_workbook_free(wb);
}

int export_write_xlsx(int fd, sqlite3_stmt *st, int identified, const unsigned char *key, long long *rows,
		      const struct export_watch *w)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = memory_tmpdir(), .use_zip64 = LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, NULL) : NULL;
	if (!ws) {
		if (wb)
			workbook_drop(wb, NULL);
		sqlite3_reset(st);
		return -1;
	}
	if (i18n_lang() == LANG_AR)
		worksheet_right_to_left(ws);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	struct row row;
	header_row(&row, identified);
	for (int c = 0; c < row.n; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, row.cell[c], bold);
	char scratch[3][64];
	struct strbuf place = STRBUF_INIT, clean = STRBUF_INIT;
	lxw_row_t y = 1;
	int stopped = 0;
	while (!stopped && db_row(st) == 1) {
		data_row(&row, st, identified, key, scratch, &place);
		for (int c = 0; c < row.n; c++) {
			/* strings only (never formulas): a leading = stays text in XLSX;
			 * bidi controls of old records left out, as in CSV */
			if (!*row.cell[c])
				continue;
			const char *text = row.cell[c];
			if (strstr(text, "\xe2\x80") || strstr(text, "\xe2\x81")) {
				sb_reset(&clean);
				sb_adds(&clean, text);
				if (!clean.failed) {
					utf8_strip_bidi_controls(clean.buf);
					text = clean.buf;
				}
			}
			worksheet_write_string(ws, y, (lxw_col_t)c, text, NULL);
		}
		y++;
		if (w && (y - 1) % EXPORT_TICK == 0 && w->tick(w->arg, (long long)y - 1))
			stopped = 1;
	}
	sb_release(&place);
	sb_release(&clean);
	*rows = y - 1;
	if (stopped) {
		sqlite3_reset(st);
		workbook_drop(wb, ws);
		return -1;
	}
	if (w && w->tick(w->arg, -1)) {
		workbook_drop(wb, ws);
		return -1;
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/* Writes the XLSX into out.  libxlsxwriter writes to a file name, so it is
 * given an anonymous in-memory file (memfd): the identified export never
 * touches the disk.  Returns 0 or -1. */
static int write_xlsx(struct req *r, sqlite3_stmt *st, int identified, const unsigned char *key, long long *rows)
{
	int fd = memfd_create("daam-export", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = export_write_xlsx(fd, st, identified, key, rows, NULL);
	if (rc == 0 && lseek(fd, 0, SEEK_SET) == 0) {
		char buf[65536];
		ssize_t n;
		while ((n = read(fd, buf, sizeof buf)) > 0)
			sb_add(&r->out, buf, (size_t)n);
		if (n < 0)
			rc = -1;
	} else {
		rc = -1;
	}
	close(fd);
	return rc;
}

/* Writes o[0..len) to fd whole; 0 or -1. */
static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int export_write_csv(struct strbuf *o, int fd, sqlite3_stmt *st, int identified, const unsigned char *key,
		     long long *rows, const struct export_watch *w)
{
	struct row row;
	char scratch[3][64];
	struct strbuf place = STRBUF_INIT;
	int rc = 0;
	sb_adds(o, "\xEF\xBB\xBF"); /* BOM: Excel then reads the file as UTF-8 */
	header_row(&row, identified);
	for (int c = 0; c < row.n; c++) {
		if (c)
			sb_addc(o, ',');
		csv_cell(o, row.cell[c]);
	}
	sb_adds(o, "\r\n");
	*rows = 0;
	while (rc == 0 && db_row(st) == 1) {
		data_row(&row, st, identified, key, scratch, &place);
		for (int c = 0; c < row.n; c++) {
			if (c)
				sb_addc(o, ',');
			csv_cell(o, row.cell[c]);
		}
		sb_adds(o, "\r\n");
		(*rows)++;
		/* into a file: in chunks, so the buffer stays small whatever the size */
		if (fd >= 0 && o->len >= EXPORT_CHUNK) {
			if (o->failed || write_all(fd, o->buf, o->len) < 0)
				rc = -1;
			sb_reset(o);
		}
		if (w && *rows % EXPORT_TICK == 0 && w->tick(w->arg, *rows))
			rc = -1;
	}
	if (rc < 0)
		sqlite3_reset(st);
	if (rc == 0 && fd >= 0 && (o->failed || write_all(fd, o->buf, o->len) < 0))
		rc = -1;
	sb_release(&place);
	return rc;
}

struct export_audit {
	int64_t user;
	char detail[96];
};

/* The record of an export: without it, no export. */
static int export_audit_fn(struct db *w, void *arg)
{
	const struct export_audit *a = arg;
	return audit_write(w, a->user, "export", "people", 0, a->detail);
}

void people_export(struct req *r)
{
	int identified = req_int(r, "identified") == 1;
	int xlsx = strcmp(req_str(r, "format"), "csv") != 0;
	if (identified && !(r->user->perms & PERM_EXPORT_IDENTIFIED)) {
		req_error(r, 403);
		return;
	}
	/* a long list becomes a job (export_job.c) */
	if (export_job_maybe(r, identified, xlsx))
		return;
	unsigned char key[32];
	if (export_key(key) < 0) {
		req_error(r, 503);
		return;
	}
	struct people_filter f;
	people_filter_init(r, &f);
	sqlite3_stmt *st = people_filter_rows(db_read(), &f, -1, 0);
	long long rows = 0;
	int rc = 0;
	if (!st)
		rc = -1;
	else if (xlsx)
		rc = write_xlsx(r, st, identified, key, &rows);
	else
		rc = export_write_csv(&r->out, -1, st, identified, key, &rows, NULL);
	people_filter_release(&f);
	sodium_memzero(key, sizeof key);
	if (rc < 0 || r->out.failed) {
		req_error(r, 500);
		return;
	}
	struct export_audit a = { r->user->id, "" };
	snprintf(a.detail, sizeof a.detail, "rows=%lld format=%s identified=%d", rows, xlsx ? "xlsx" : "csv", identified);
	if (db_write(export_audit_fn, &a) != 0) {
		/* no record of the export, no export */
		req_error(r, 503);
		return;
	}
	r->is_private = 1;
	r->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "text/csv; charset=utf-8";
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"daam-people-%s.%s\"", identified ? "identified" : "coded",
		 xlsx ? "xlsx" : "csv");
	req_header_add(r, "Content-Disposition", disp);
}
