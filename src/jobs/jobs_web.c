/* jobs_web — starting a job from a request, ownership and audit of jobs
 * (see jobs_pages.h and jobs_web.h). */
#include <stdio.h>
#include <stdlib.h>
#include "module.h"
#include "core/log.h"
#include "jobs/jobs_pages.h"
#include "jobs/jobs_web.h"
#include "auth/audit.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

struct job_audit {
	int64_t user, job;
	const char *action, *detail;
};

static int job_audit_fn(struct db *w, void *arg)
{
	const struct job_audit *a = arg;
	return audit_write(w, a->user, a->action, "job", a->job, a->detail);
}

int jobs_audit(struct req *r, const char *action, int64_t job, const char *detail)
{
	struct job_audit a = { r->user->id, job, action, detail };
	return db_write(job_audit_fn, &a) == 0 ? 0 : -1;
}

int jobs_own(struct req *r, struct job_info *ji)
{
	if (jobs_get(req_int(r, "id"), ji) < 0 || ji->user_id != r->user->id) {
		req_error(r, 404);
		return -1;
	}
	return 0;
}

const char *job_state_key(enum job_state s)
{
	static const char *const keys[] = { "queued", "running", "done", "failed", "cancelled" };
	return (unsigned)s < sizeof keys / sizeof *keys ? keys[s] : "unknown";
}

/* The answer when the user already has JOBS_PER_USER jobs waiting or running. */
static void too_many(struct req *r)
{
	struct strbuf *o = &r->out;
	r->status = 429;
	page_begin(r, _("Too many jobs"));
	html_fmt(o, "<h1>%s</h1><p>%s</p><p><a href=\"/jobs\">%s</a></p>", _("Too many jobs"),
		 _("You already have several jobs waiting or running. Wait until one of them ends, or cancel one, then try again."),
		 _("My jobs"));
	page_end(r);
}

int64_t jobs_start_web(struct req *r, struct job_spec *spec, const char *detail, const char *elsewhere)
{
	/* a kind no module declares is a programmer error: its page would have
	 * no name */
	spec->label = modules_job_label(spec->kind);
	if (!spec->label) {
		log_error("job kind '%s' is not declared by any module", spec->kind);
#ifdef DAAM_DEBUG
		abort();
#endif
		req_error(r, 500);
		return -1;
	}
	spec->user_id = r->user->id;
	spec->lang = (int)i18n_lang();
	int64_t same = 0;
	int64_t id = jobs_submit(spec, 1, &same);
	if (id == JOBS_SAME) {
		struct job_info ji;
		if (jobs_get(same, &ji) == 0 && ji.user_id == r->user->id) {
			req_flash(r, _("This work was already asked for and is still going: here it is."));
			req_redirect(r, arena_printf(&r->arena, "/jobs/%lld", (long long)same));
		} else {
			req_redirect(r, elsewhere ? elsewhere : "/jobs");
		}
		return same;
	}
	if (id == JOBS_BUSY) {
		too_many(r);
		return -1;
	}
	if (id < 0) {
		req_error(r, 503);
		return -1;
	}
	/* no record of the start, no job */
	if (jobs_audit(r, "job_start", id, detail) < 0) {
		jobs_release(id, 0);
		req_error(r, 503);
		return -1;
	}
	jobs_release(id, 1);
	req_flash(r, _("Started. This page follows the work; you may leave it and come back from My jobs."));
	req_redirect(r, arena_printf(&r->arena, "/jobs/%lld", (long long)id));
	return id;
}
