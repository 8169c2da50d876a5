/* certs — certificates of attendance: for a participant present at the
 * activity's threshold of its sessions (activities.threshold, a percent),
 * a page of PDF (src/pdf/) with the name, the activity, its dates with the
 * Levantine month names, a signature line, a verification code and a QR
 * code of the public page /verify/CODE (which shows only the name, the
 * activity and its dates).  In Arabic, or in English on request.  One
 * person's from the activity's page; all of an activity's in one file as
 * a background job, or from the command line (`daam certificates`).  The
 * code is made once per activity and person (certificates) and audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "auth/audit.h"
#include "cli/cli.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/jobs.h"
#include "core/limits.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "jobs/jobs_pages.h"
#include "module.h"
#include "pdf/pdf.h"
#include "core/banned.h"

const struct job_decl activities_jobs[] = {
	{ "certificates", N_("Certificates of an activity") },
	{ NULL, NULL },
};

/* the participants who met the threshold (person 0: all of them) */
static const char SQL_ELIGIBLE[] =
	"SELECT ap.person_id FROM activity_people ap JOIN activities a ON a.id = ap.activity_id"
	" WHERE ap.activity_id = ?1 AND (?2 = 0 OR ap.person_id = ?2)"
	" AND ap.attended * 100 >= a.threshold * (SELECT count(*) FROM activity_sessions s WHERE s.activity_id = a.id)"
	" AND ap.attended > 0 ORDER BY ap.id";
static const char SQL_HAS_CODE[] = "SELECT count(*) FROM certificates WHERE activity_id = ?1 AND person_id = ?2";
static const char SQL_CODE_ADD[] =
	"INSERT INTO certificates (activity_id, person_id, code, issued_at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_CERT[] =
	"SELECT p.name_ar, p.name_latin, a.title, a.kind, a.first_day, a.last_day, c.code, ap.attended,"
	" (SELECT count(*) FROM activity_sessions s WHERE s.activity_id = a.id), f.name_ar, f.name_en"
	" FROM certificates c JOIN people p ON p.id = c.person_id JOIN activities a ON a.id = c.activity_id"
	" JOIN activity_people ap ON ap.activity_id = a.id AND ap.person_id = c.person_id"
	" JOIN offices f ON f.id = a.office_id WHERE c.activity_id = ?1 AND c.person_id = ?2";

/* A code people can read out and type: 10 letters and digits without the
 * ones that look alike (Crockford's base 32), 50 random bits. */
static void new_code(char out[11])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char b[10];
	randombytes_buf(b, sizeof b);
	for (int i = 0; i < 10; i++)
		out[i] = alphabet[b[i] & 31];
	out[10] = 0;
}

struct issue {
	int64_t actor, activity, person;   /* person 0: every one eligible */
	int made, eligible;
};

/* Gives each eligible participant a code (once) and audits those made. */
static int issue_fn(struct db *w, void *arg)
{
	struct issue *is = arg;
	int64_t people[4096];
	int n = 0;
	sqlite3_stmt *st = db_q(w, SQL_ELIGIBLE, "II", (long long)is->activity, (long long)is->person);
	while (db_row(st) == 1)
		if (n < 4096)
			people[n++] = sqlite3_column_int64(st, 0);
	is->eligible = n;
	for (int i = 0; i < n; i++) {
		if (db_int(w, 0, SQL_HAS_CODE, "II", (long long)is->activity, (long long)people[i]))
			continue;
		char code[11];
		new_code(code);
		if (db_do(w, SQL_CODE_ADD, "IItI", (long long)is->activity, (long long)people[i], code,
			  (long long)time(NULL)) < 0)
			return -1;
		char detail[64];
		snprintf(detail, sizeof detail, "person=%lld", (long long)people[i]);
		if (audit_write(w, is->actor, "certificate", "activity", is->activity, detail) < 0)
			return -1;
		is->made++;
	}
	return 0;
}

/* The public address of daam for the QR code: $DAAM_PUBLIC_URL, else the
 * address the request came to, else a placeholder a reader can still type
 * the code into. */
static void verify_url(char *out, size_t size, struct req *r, const char *code)
{
	const char *base = getenv("DAAM_PUBLIC_URL");
	char from_host[300];
	if ((!base || !*base) && r && req_header(r, "Host")) {
		snprintf(from_host, sizeof from_host, "%s://%s", r->is_https ? "https" : "http", req_header(r, "Host"));
		base = from_host;
	}
	if (!base || !*base)
		base = "https://daam.local";
	size_t bl = strlen(base);
	snprintf(out, size, "%.*s/verify/%s", (int)(bl && base[bl - 1] == '/' ? bl - 1 : bl), base, code);
}

static void days_text(struct strbuf *sb, const char *first, const char *last)
{
	int y, m, d;
	if (date_parse_iso(first, &y, &m, &d) == 0)
		date_format(sb, y, m, d);
	if (strcmp(first, last) != 0 && date_parse_iso(last, &y, &m, &d) == 0) {
		sb_adds(sb, i18n_lang() == LANG_AR ? " إلى " : " to ");
		date_format(sb, y, m, d);
	}
}

/* One certificate page of the current language; 0, or -1 when there is no
 * certificate for this activity and person. */
static int render_one(struct pdf *p, struct db *d, struct req *r, int64_t activity, int64_t person)
{
	sqlite3_stmt *st = db_q(d, SQL_CERT, "II", (long long)activity, (long long)person);
	if (db_row(st) != 1)
		return -1;
	int en = i18n_lang() != LANG_AR;
	enum pdf_dir dir = en ? PDF_LTR : PDF_RTL;
	const char *name = en && *db_text(st, 1) ? db_text(st, 1) : db_text(st, 0);
	struct strbuf sb = STRBUF_INIT;
	char url[400];
	verify_url(url, sizeof url, r, db_text(st, 6));
	pdf_set_margin(p, 56);
	pdf_space(p, 20);
	pdf_text(p, en ? db_text(st, 10) : db_text(st, 9), 14, PDF_REGULAR, dir, PDF_CENTER);
	pdf_space(p, 16);
	pdf_heading(p, _("Certificate of attendance"), 1, dir, PDF_CENTER);
	pdf_space(p, 6);
	pdf_text(p, _("This certifies that"), 16, PDF_REGULAR, dir, PDF_CENTER);
	pdf_space(p, 8);
	pdf_text(p, name, 30, PDF_BOLD, PDF_AUTO, PDF_CENTER);
	pdf_space(p, 8);
	sb_adds(&sb, _("attended the activity"));
	pdf_text(p, sb_str(&sb), 16, PDF_REGULAR, dir, PDF_CENTER);
	sb_reset(&sb);
	pdf_space(p, 4);
	pdf_text(p, db_text(st, 2), 22, PDF_BOLD, PDF_AUTO, PDF_CENTER);
	pdf_text(p, _(vocab_label(&activity_kinds, db_text(st, 3))), 14, PDF_REGULAR, dir, PDF_CENTER);
	pdf_space(p, 8);
	days_text(&sb, db_text(st, 4), db_text(st, 5));
	pdf_text(p, sb_str(&sb), 16, PDF_REGULAR, dir, PDF_CENTER);
	sb_reset(&sb);
	/* the signature at the start side, the QR code and the code at the end side */
	pdf_move_to(p, 595.28 - 56 - 110);
	double y = pdf_cursor(p);
	pdf_qr(p, url, 90, en ? PDF_END : PDF_START);
	pdf_text(p, db_text(st, 6), 11, PDF_REGULAR, PDF_LTR, en ? PDF_END : PDF_START);
	pdf_move_to(p, y + 40);
	pdf_rule(p, 200, en ? PDF_START : PDF_END);
	pdf_text(p, _("Signature of the center's director"), 12, PDF_REGULAR, dir, PDF_START);
	sb_adds(&sb, _("Verify this certificate at"));
	sb_adds(&sb, " ");
	pdf_text(p, sb_str(&sb), 9, PDF_REGULAR, dir, PDF_START);
	pdf_text(p, url, 9, PDF_REGULAR, PDF_LTR, en ? PDF_START : PDF_END);
	sb_release(&sb);
	sqlite3_reset(st);
	return 0;
}

/* Writes the certificates of activity (person 0: every one with a code)
 * into fd in language lang; the number written, or -1. */
static int render_all(int fd, struct db *d, struct req *r, int64_t activity, int64_t person, int lang, struct job *j)
{
	int old = i18n_lang();
	i18n_set_lang(lang);
	struct pdf *p = pdf_open(fd, PDF_A4_LANDSCAPE);
	int n = 0;
	if (!p) {
		i18n_set_lang(old);
		return -1;
	}
	int64_t *people = malloc(4096 * sizeof *people);
	int np = 0;
	sqlite3_stmt *st = people ? db_q(d, SQL_ELIGIBLE, "II", (long long)activity, (long long)person) : NULL;
	while (st && db_row(st) == 1)
		if (np < 4096)
			people[np++] = sqlite3_column_int64(st, 0);
	for (int i = 0; i < np; i++) {
		if (j && job_cancelled(j))
			break;
		if (n)
			pdf_page(p);
		if (render_one(p, d, r, activity, people[i]) == 0)
			n++;
		if (j)
			job_progress(j, N_("Drawing the certificates"), i + 1, np);
	}
	free(people);
	int rc = pdf_close(p);
	i18n_set_lang(old);
	return rc < 0 || (j && job_cancelled(j)) ? -1 : n;
}

/* GET /activities/{id}/people/{pid}/certificate.pdf[?lang=en] */
void certificate_pdf(struct req *r)
{
	long long activity = req_int(r, "id"), person = req_int(r, "pid");
	if (!act_visible(r, activity)) {
		req_error(r, 404);
		return;
	}
	struct issue is = { r->user->id, activity, person, 0, 0 };
	if (db_write(issue_fn, &is) != 0) {
		req_error(r, 503);
		return;
	}
	if (!is.eligible) {
		req_error(r, 404);
		return;
	}
	int fd = memfd_create("daam-certificate", MFD_CLOEXEC);
	if (fd < 0) {
		req_error(r, 503);
		return;
	}
	int lang = strcmp(req_str(r, "lang"), "en") == 0 ? LANG_EN : LANG_AR;
	int n = render_all(fd, db_read(), r, activity, person, lang, NULL);
	off_t len = n > 0 ? lseek(fd, 0, SEEK_END) : -1;
	if (len <= 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		req_error(r, 500);
		return;
	}
	r->is_private = 1;
	r->content_type = "application/pdf";
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"certificate-%lld-%lld%s.pdf\"", activity, person,
		 lang == LANG_EN ? "-en" : "");
	req_header_add(r, "Content-Disposition", disp);
	req_body_fd(r, fd, (size_t)len);
}

/* ---- all of an activity's, as a job ---- */

struct certs_arg {
	int64_t activity, user_id;
	int lang;
};

static int certs_run(struct job *j, void *arg)
{
	struct certs_arg *a = arg;
	char file[64];
	snprintf(file, sizeof file, "certificates-%lld.pdf", (long long)a->activity);
	job_result_meta(j, "application/pdf", file);
	int fd = job_result_fd(j);
	if (fd < 0) {
		job_error(j, N_("The file could not be written."));
		return -1;
	}
	/* the codes are given here, in the job's own write: the request that
	 * queued it wrote only its start in the audit log */
	struct issue is = { a->user_id, a->activity, 0, 0, 0 };
	if (db_write(issue_fn, &is) != 0) {
		job_error(j, N_("The certificates could not be recorded."));
		return -1;
	}
	int n = render_all(fd, db_read(), NULL, a->activity, 0, a->lang, j);
	if (n < 0) {
		if (!job_cancelled(j))
			job_error(j, N_("The file could not be written."));
		return -1;
	}
	return 0;
}

/* POST /activities/{id}/certificates[lang=en] */
void certificates_submit(struct req *r)
{
	long long activity = req_int(r, "id");
	if (!act_visible(r, activity)) {
		req_error(r, 404);
		return;
	}
	sqlite3_stmt *st = db_q(db_read(), SQL_ELIGIBLE, "II", activity, 0LL);
	int eligible = db_row(st) == 1;
	if (eligible)
		sqlite3_reset(st);
	if (!eligible) {
		req_flash(r, _("Nobody has met the attendance needed for a certificate yet."));
		req_redirect(r, arena_printf(&r->arena, "/activities/%lld#people", activity));
		return;
	}
	struct certs_arg *a = calloc(1, sizeof *a);
	if (!a) {
		req_error(r, 503);
		return;
	}
	a->activity = activity;
	a->user_id = r->user->id;
	a->lang = strcmp(req_str(r, "lang"), "en") == 0 ? LANG_EN : LANG_AR;
	struct job_spec spec = { .kind = "certificates", .label = N_("Certificates of an activity"),
				 .key = arena_printf(&r->arena, "%lld-%d", activity, a->lang), .perms = PERM_CERTS,
				 .run = certs_run, .arg = a, .free_arg = free };
	jobs_start_web(r, &spec, arena_printf(&r->arena, "certificates activity=%lld", activity), NULL);
}

/* ---- the public check ---- */

static const char SQL_VERIFY[] =
	"SELECT p.name_ar, p.name_latin, a.title, a.first_day, a.last_day FROM certificates c"
	" JOIN people p ON p.id = c.person_id JOIN activities a ON a.id = c.activity_id WHERE c.code = ?1";

/* GET /verify/{code}: only the name, the activity and its dates. */
void verify_page(struct req *r)
{
	struct strbuf *o = &r->out;
	char code[LIMIT_CERT_CODE_CHARS + 1];
	snprintf(code, sizeof code, "%s", req_str(r, "code"));
	for (char *c = code; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	sqlite3_stmt *st = db_q(db_read(), SQL_VERIFY, "t", code);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	const char *name = i18n_lang() != LANG_AR && *db_text(st, 1) ? db_text(st, 1) : db_text(st, 0);
	page_begin(r, _("Certificate check"));
	html_fmt(o, "<h1>%s</h1><section class=\"card\"><p>%s</p><dl class=\"facts\">", _("Certificate check"),
		 _("This certificate was given by the center:"));
	html_fmt(o, "<dt>%s</dt><dd><bdi>%s</bdi></dd>", _("Name"), name);
	html_fmt(o, "<dt>%s</dt><dd><bdi>%s</bdi></dd>", _("Activity"), db_text(st, 2));
	html_fmt(o, "<dt>%s</dt><dd>", _("Dates"));
	act_days(o, db_text(st, 3), db_text(st, 4));
	html_fmt(o, "</dd><dt>%s</dt><dd>", _("Code"));
	html_ltr(o, code);
	html_raw(o, "</dd></dl></section>");
	sqlite3_reset(st);
	page_end(r);
}

/* ---- the command line ---- */

int cmd_certificates(int argc, char **argv)
{
	struct opt opts[] = { { "activity", 1, NULL }, { "out", 1, NULL }, { "lang", 1, NULL }, { "db", 1, NULL },
			      { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 0, &npos) < 0)
		return 2;
	const char *act = cli_get(opts, "activity"), *out = cli_get(opts, "out"), *lang = cli_get(opts, "lang");
	char *end = NULL;
	long long activity = act ? strtoll(act, &end, 10) : 0;
	if (!act || *end || activity <= 0 || !out || (lang && strcmp(lang, "ar") && strcmp(lang, "en"))) {
		fprintf(stderr, "usage: daam certificates --activity ID --out FILE.pdf [--lang ar|en] [--db PATH]\n");
		return 2;
	}
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0)
		return 1;
	struct issue is = { 0, activity, 0, 0, 0 };
	if (db_write(issue_fn, &is) != 0) {
		fprintf(stderr, "daam: the certificates could not be recorded\n");
		db_close();
		return 1;
	}
	if (!is.eligible) {
		fprintf(stderr, "daam: nobody in activity %lld has met its attendance threshold\n", activity);
		db_close();
		return 1;
	}
	FILE *f = fopen(out, "wb");
	if (!f) {
		perror(out);
		db_close();
		return 1;
	}
	int n = render_all(fileno(f), db_read(), NULL, activity, 0, lang && !strcmp(lang, "en") ? LANG_EN : LANG_AR,
			   NULL);
	if (fclose(f) != 0 || n < 0) {
		fprintf(stderr, "daam: %s could not be written\n", out);
		db_close();
		return 1;
	}
	printf("daam: %d certificates written to %s\n", n, out);
	db_close();
	return 0;
}
