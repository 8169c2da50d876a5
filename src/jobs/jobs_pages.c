/* jobs_pages — GET /jobs, GET /jobs/{id}, POST /jobs/{id}/cancel and
 * GET /jobs/{id}/download (see jobs_pages.h).  The pages work without
 * JavaScript: while a job waits or runs its page reloads itself. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "jobs/jobs_pages.h"
#include "jobs/jobs_web.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

#define LIST_MAX 50
#define REFRESH_META "<meta http-equiv=\"refresh\" content=\"2\">"

/* page_begin, with a <meta http-equiv="refresh"> put into its <head> when
 * refresh is set (the layout has no slot for it yet). */
static void begin(struct req *r, const char *title, int refresh)
{
	struct strbuf *o = &r->out;
	size_t from = o->len;
	page_begin(r, title);
	if (!refresh || o->failed)
		return;
	const char *head = strstr(o->buf + from, "</head>");
	if (!head) {
		html_raw(o, REFRESH_META);
		return;
	}
	size_t at = (size_t)(head - o->buf), tail = o->len - at, m = sizeof REFRESH_META - 1;
	if (sb_add(o, REFRESH_META, m) < 0)
		return;
	memmove(o->buf + at + m, o->buf + at, tail);
	memcpy(o->buf + at, REFRESH_META, m);
}

static const char *state_label(const struct job_info *ji)
{
	switch (ji->state) {
	case JOB_QUEUED: return _("Waiting");
	case JOB_RUNNING: return ji->cancel_asked ? _("Stopping") : _("Running");
	case JOB_DONE: return ji->expired ? _("Done, file deleted") : _("Done");
	case JOB_FAILED: return _("Failed");
	case JOB_CANCELLED: return _("Cancelled");
	}
	return "";
}

static int over(const struct job_info *ji)
{
	return ji->state != JOB_QUEUED && ji->state != JOB_RUNNING;
}

void jobs_list_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct job_info *mine = arena_alloc(&r->arena, LIST_MAX * sizeof *mine);
	if (!mine) {
		req_error(r, 503);
		return;
	}
	int n = jobs_list(r->user->id, mine, LIST_MAX);
	int waiting = 0;
	for (int i = 0; i < n; i++)
		waiting |= !over(&mine[i]);
	begin(r, _("My jobs"), waiting);
	html_fmt(o, "<h1>%s</h1><p>%s</p>", _("My jobs"),
		 _("Work that takes long, such as a large export or an import, runs here in the background while you "
		   "go on working. A file made by a job is kept for 30 minutes, then deleted."));
	if (!n) {
		empty_state(r, _("You have no jobs from the last 24 hours. An export of a long list, an import or a search "
				 "for duplicates starts one, and you follow it here."), NULL, NULL);
		page_end(r);
		return;
	}
	const char *cols[] = { _("What"), _("File"), _("Asked at"), _("State"), NULL };
	table_begin(r, cols);
	for (int i = 0; i < n; i++) {
		const struct job_info *ji = &mine[i];
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/jobs/%lld", (long long)ji->id), _(ji->label));
		cell_begin(r);
		if (ji->filename[0])
			html_fmt(o, "<bdi dir=\"ltr\" class=\"token\">%s</bdi>", ji->filename);
		cell_end(r);
		cell_begin(r);
		date_format_time(o, ji->created);
		cell_end(r);
		cell_begin(r);
		html_fmt(o, "%s", state_label(ji));
		if (ji->state == JOB_RUNNING && ji->total > 0) {
			html_raw(o, " <bdi dir=\"ltr\">");
			fmt_int(o, ji->done * 100 / ji->total);
			html_raw(o, "%</bdi>");
		}
		cell_end(r);
		row_end(r);
	}
	table_end(r);
	page_end(r);
}

/* The progress bar and the units done (of how many, when known). */
static void progress(struct req *r, const struct job_info *ji)
{
	struct strbuf *o = &r->out;
	if (ji->state == JOB_QUEUED || ji->total <= 0) {
		/* no value: the bar shows work without a measure */
		html_fmt(o, "<p><progress aria-label=\"%s\"></progress>", _("Progress"));
	} else {
		html_fmt(o, "<p><progress aria-label=\"%s\" max=\"%lld\" value=\"%lld\"></progress> <bdi dir=\"ltr\">", _("Progress"),
			 ji->total, ji->done < ji->total ? ji->done : ji->total);
		fmt_int(o, ji->done * 100 / ji->total);
		html_raw(o, "%</bdi>");
	}
	if (ji->state == JOB_RUNNING && ji->done > 0) {
		html_raw(o, " — <bdi dir=\"ltr\">");
		fmt_int(o, ji->done);
		if (ji->total > 0) {
			html_raw(o, " / ");
			fmt_int(o, ji->total);
		}
		html_raw(o, "</bdi>");
	}
	html_raw(o, "</p>");
}

static void result(struct req *r, const struct job_info *ji)
{
	struct strbuf *o = &r->out;
	if (ji->result_len && !ji->expired) {
		html_fmt(o, "<p class=\"notice\" role=\"status\">%s</p><p><a class=\"button\" href=\"/jobs/%lld/download\" "
			 "download>%s <bdi dir=\"ltr\" class=\"token\">%s</bdi></a> (", _("The file is ready."), (long long)ji->id, _("Download"),
			 ji->filename);
		fmt_int(o, (long long)((ji->result_len + 1023) / 1024));
		html_fmt(o, " %s)</p><p class=\"hint\">%s ", _("KB"), _("It will be deleted at"));
		date_format_time(o, ji->expires);
		html_fmt(o, ". %s</p>", _("Download it before then; it holds personal data, so keep the downloaded file safe."));
	} else if (ji->expired) {
		html_fmt(o, "<p class=\"notice\">%s</p>",
			 _("The file was deleted 30 minutes after it was made, as every file made by a job is. Start the "
			   "work again if you still need it."));
	} else {
		html_fmt(o, "<p class=\"notice\" role=\"status\">%s</p>", _("Done."));
	}
}

void job_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct job_info ji;
	if (jobs_own(r, &ji) < 0)
		return;
	begin(r, _(ji.label), !over(&ji));
	html_fmt(o, "<p class=\"back\"><a href=\"/jobs\">%s</a></p><h1>%s</h1><dl class=\"facts\">", _("My jobs"), _(ji.label));
	if (ji.filename[0])
		html_fmt(o, "<dt>%s</dt><dd><bdi dir=\"ltr\" class=\"token\">%s</bdi></dd>", _("File"), ji.filename);
	html_fmt(o, "<dt>%s</dt><dd>", _("Asked at"));
	date_format_time(o, ji.created);
	html_fmt(o, "</dd><dt>%s</dt><dd>%s</dd></dl>", _("State"), state_label(&ji));

	switch (ji.state) {
	case JOB_QUEUED:
	case JOB_RUNNING:
		if (ji.state == JOB_QUEUED)
			html_fmt(o, "<p>%s</p>", _("Waiting for other work to finish first."));
		else if (ji.stage)
			html_fmt(o, "<p>%s</p>", _(ji.stage));
		progress(r, &ji);
		html_fmt(o, "<p class=\"hint\">%s</p>",
			 _("This page updates itself. You may leave it and come back later from My jobs."));
		if (!ji.cancel_asked)
			form_confirm(r, arena_printf(&r->arena, "/jobs/%lld/cancel", (long long)ji.id), _("Cancel this work…"),
				     _("The work stops and nothing it made is kept: an import writes nothing, an export leaves no "
				       "file. You can start it again later."), _("Yes, cancel it"), NULL, NULL);
		break;
	case JOB_DONE:
		result(r, &ji);
		break;
	case JOB_FAILED:
		html_fmt(o, "<p class=\"error-summary\" role=\"alert\">%s", _("The work stopped because of an error. Nothing was kept."));
		if (ji.error)
			html_fmt(o, " %s", _(ji.error));
		html_raw(o, "</p>");
		break;
	case JOB_CANCELLED:
		html_fmt(o, "<p class=\"notice\" role=\"status\">%s</p>", _("Cancelled. Nothing was kept."));
		break;
	}
	if (over(&ji) && ji.link[0])
		html_fmt(o, "<p><a href=\"%s\">%s</a></p>", ji.link, ji.link_label ? _(ji.link_label) : ji.link);
	page_end(r);
}

void job_cancel_submit(struct req *r)
{
	struct job_info ji;
	if (jobs_own(r, &ji) < 0)
		return;
	if (!over(&ji) && !ji.cancel_asked) {
		/* the flag first, the record after: an import job holds the writer
		 * until it sees the flag, so the audit entry could not be written
		 * before it (and stopping is never the harmful direction) */
		jobs_cancel(ji.id);
		if (jobs_audit(r, "job_cancel", ji.id, ji.kind) < 0) {
			req_error(r, 503);
			return;
		}
		req_flash(r, _("Asked to stop. Nothing the work made is kept."));
	}
	req_redirect(r, arena_printf(&r->arena, "/jobs/%lld", (long long)ji.id));
}

void job_download(struct req *r)
{
	struct job_info ji;
	if (jobs_own(r, &ji) < 0)
		return;
	/* the right to this file may have been taken away since the job started */
	if ((r->user->perms & ji.perms) != ji.perms) {
		req_error(r, 403);
		return;
	}
	size_t len = 0;
	int fd = ji.state == JOB_DONE ? jobs_result_open(ji.id, &len) : -1;
	if (fd < 0) {
		/* not ready, or deleted: its page says which */
		req_redirect(r, arena_printf(&r->arena, "/jobs/%lld", (long long)ji.id));
		return;
	}
	char detail[160];
	snprintf(detail, sizeof detail, "kind=%s file=%s bytes=%zu", ji.kind, ji.filename, len);
	if (jobs_audit(r, "download", ji.id, detail) < 0) {
		close(fd);
		req_error(r, 503); /* no record of the download, no download */
		return;
	}
	r->is_private = 1;
	r->content_type = arena_strdup(&r->arena, ji.content_type[0] ? ji.content_type : "application/octet-stream");
	req_header_add(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"%s\"", ji.filename[0] ? ji.filename : "daam-job"));
	req_body_fd(r, fd, len);
}
