/* files — evidence attached to an assessment: photos and scans of the
 * documents seen during a visit.  The type is read from the file's first
 * bytes (JPEG, PNG, WebP, PDF; nothing else is kept), its size is bounded
 * (LIMIT_EVIDENCE_FILE_BYTES, LIMIT_EVIDENCE_FILES an assessment); files
 * are added while the assessment is a draft and downloaded (never shown
 * inline) by those who see its organization, each download audited. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "incubation/perms.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "http/multipart.h"
#include "core/banned.h"

const char *evidence_type(const void *data, size_t len)
{
	const unsigned char *p = data;
	if (!p)
		return NULL;
	if (len >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	return NULL;
}

static const char SQL_LIST[] =
	"SELECT id, name, bytes, uploaded_at FROM assessment_files WHERE assessment_id = ?1 ORDER BY id LIMIT "
	LIMIT_STR(LIMIT_EVIDENCE_FILES);

void evidence_files_section(struct req *r, int64_t assessment_id, int can_upload)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<section class=\"card\" id=\"files\"><h2>%s</h2>", _("Evidence files"));
	sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "I", (long long)assessment_id);
	int n = 0;
	while (db_row(st) == 1) {
		html_raw(o, n++ ? "" : "<ul class=\"files\">");
		html_fmt(o, "<li><a href=\"/assessment-files/%lld\" download><bdi class=\"token\">%s</bdi></a> — ",
			 (long long)sqlite3_column_int64(st, 0), db_text(st, 1));
		html_bdi_begin(o, 1);
		char kb[32];
		snprintf(kb, sizeof kb, "%lld KB", (sqlite3_column_int64(st, 2) + 1023) / 1024);
		fmt_digits(o, kb);
		html_bdi_end(o);
		html_raw(o, "</li>");
	}
	if (n)
		html_raw(o, "</ul>");
	else
		html_fmt(o, "<p class=\"hint\">%s</p>", _("No file attached."));
	if (can_upload) {
		const char *err = req_error_for(r, "file");
		html_fmt(o, "<form method=\"post\" action=\"/assessments/%lld/files\" enctype=\"multipart/form-data\" class=\"form\""
			 " novalidate><input type=\"hidden\" name=\"csrf\" value=\"%s\"><div class=\"field%s\"><label for=\"f-file\">%s"
			 "</label><input id=\"f-file\" type=\"file\" name=\"file\" accept=\"image/jpeg,image/png,image/webp,"
			 "application/pdf\" capture=\"environment\" required>", (long long)assessment_id, r->csrf,
			 err ? " has-error" : "", _("A photo or a scan of a document"));
		if (err)
			html_fmt(o, "<p class=\"error\" id=\"e-file\">%s</p>", err);
		html_fmt(o, "<p class=\"hint\">%s</p></div>", _("JPEG, PNG, WebP or PDF, at most 8 MB."));
		form_end(r, _("Attach"));
	}
	html_raw(o, "</section>");
}

struct file_in {
	int64_t actor, assessment, id;
	const char *name, *mime;
	const void *data;
	size_t len;
};

static const char SQL_ADD[] =
	"INSERT INTO assessment_files (assessment_id, name, mime, bytes, data, uploaded_by, uploaded_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_COUNT[] = "SELECT count(*) FROM assessment_files WHERE assessment_id = ?1";
static const char SQL_DRAFT[] = "SELECT count(*) FROM assessments WHERE id = ?1 AND status = 'draft'";

static int file_add_fn(struct db *w, void *arg)
{
	struct file_in *f = arg;
	if (db_int(w, 0, SQL_DRAFT, "I", (long long)f->assessment) != 1)
		return 1;
	if (db_int(w, 0, SQL_COUNT, "I", (long long)f->assessment) >= LIMIT_EVIDENCE_FILES)
		return 2;
	if (db_do(w, SQL_ADD, "IttIbII", (long long)f->assessment, f->name, f->mime, (long long)f->len, f->data, (int)f->len,
		  (long long)f->actor, (long long)time(NULL)) < 0)
		return -1;
	f->id = db_last_id(w);
	return audit_write(w, f->actor, "create", "evidence_file", f->id, f->mime);
}

static const char SQL_ORG[] = "SELECT org_id, status FROM assessments WHERE id = ?1";

void assessment_file_submit(struct req *r)
{
	int64_t id = req_int(r, "id");
	sqlite3_stmt *st = db_q(db_read(), SQL_ORG, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	int64_t org = sqlite3_column_int64(st, 0);
	int draft = !strcmp(db_text(st, 1), "draft");
	sqlite3_reset(st);
	const char *back = arena_printf(&r->arena, "/assessments/%lld#files", (long long)id);
	if (!incub_sees_org(r, org)) {
		req_error(r, 404);
		return;
	}
	if (!draft) {
		incub_conflict(r, _("This assessment is final: it cannot be changed. A correction makes a new version, with its reason."), back);
		return;
	}
	struct mp_part file;
	const char *mime = NULL, *problem = NULL;
	if (multipart_file(r, "file", &file) < 0 || file.len == 0)
		problem = _("Choose a photo or a scanned document to attach.");
	else if (file.len > LIMIT_EVIDENCE_FILE_BYTES)
		problem = _("The file is larger than 8 MB: take the photo at a lower resolution or scan fewer pages.");
	else if (!(mime = evidence_type(file.data, file.len)))
		problem = _("Only photos (JPEG, PNG, WebP) and PDF files can be attached.");
	if (problem) {
		req_field_error(r, "file", problem);
		incub_conflict(r, problem, back);
		r->status = 400;
		return;
	}
	/* the name as given when it is text, else a plain one */
	static const struct param_spec name_spec = { "name", PT_TEXT, IN_FORM, 1, 1, 120, NULL };
	struct param_value pv;
	char buf[128];
	const char *name = file.filename && !param_check(&name_spec, file.filename, &pv, buf, sizeof buf) && pv.s
			   ? pv.s : "evidence";
	struct file_in f = { r->user->id, id, 0, name, mime, file.data, file.len };
	int rc = db_write(file_add_fn, &f);
	if (rc < 0) {
		req_error(r, 503);
		return;
	}
	if (rc == 1) {
		incub_conflict(r, _("This assessment is final: it cannot be changed. A correction makes a new version, with its reason."), back);
		return;
	}
	req_flash(r, rc == 2 ? _("This assessment has as many files as daam allows: nothing was added.") : _("The file was attached."));
	req_redirect(r, back);
}

struct download {
	int64_t actor, id;
};

static int download_fn(struct db *w, void *arg)
{
	const struct download *d = arg;
	return audit_write(w, d->actor, "download", "evidence_file", d->id, "");
}

static const char SQL_GET[] =
	"SELECT a.org_id, f.name, f.mime, f.data FROM assessment_files f JOIN assessments a ON a.id = f.assessment_id"
	" WHERE f.id = ?1";

void assessment_file_get(struct req *r)
{
	int64_t id = req_int(r, "id");
	sqlite3_stmt *st = db_q(db_read(), SQL_GET, "I", (long long)id);
	if (db_row(st) != 1) {
		req_error(r, 404);
		return;
	}
	if (!incub_sees_org(r, sqlite3_column_int64(st, 0))) {
		sqlite3_reset(st);
		req_error(r, 404);
		return;
	}
	const char *name = arena_strdup(&r->arena, db_text(st, 1));
	r->content_type = arena_strdup(&r->arena, db_text(st, 2));
	sb_add(&r->out, sqlite3_column_blob(st, 3), (size_t)sqlite3_column_bytes(st, 3));
	sqlite3_reset(st);
	struct strbuf cd = STRBUF_INIT;
	sb_adds(&cd, "attachment; filename=\"evidence\"; filename*=UTF-8''");
	url_encode(&cd, name);
	req_header_add(r, "Content-Disposition", sb_str(&cd));
	sb_release(&cd);
	r->is_private = 1;
	struct download d = { r->user->id, id };
	db_write(download_fn, &d);
}
