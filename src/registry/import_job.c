/* import_job — the writing of a web import as a job (core/jobs.h).  The
 * page checked the file (import_pages.c); the job takes the checked rows
 * and writes them in one transaction on a worker thread, with progress and
 * the cancel flag asked every 4096 rows: cancelled, it rolls back and
 * nothing is written.  The uploaded file is deleted in the same transaction,
 * so the same file cannot be imported twice; the job's page then links to
 * the import page's "done" message (with the number of rows left out, when
 * the person chose to leave the rows with errors out). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "registry/import.h"
#include "core/i18n.h"
#include "core/jobs.h"
#include "db/db.h"
#include "http/request.h"
#include "jobs/jobs_pages.h"
#include "core/banned.h"

static const char SQL_DELETE[] = "DELETE FROM import_uploads WHERE id = ?1 AND user_id = ?2";

struct import_arg {
	struct import_job imp;      /* checked, owned */
	struct import_ctx ctx;
	int64_t upload_id, user_id;
	char filename[256];
	struct job *job;
	long written;               /* records written, once committed */
};

static void arg_free(void *p)
{
	struct import_arg *a = p;
	if (!a)
		return;
	import_free(&a->imp);
	free(a);
}

static void on_progress(void *p, const char *phase, size_t done, size_t total)
{
	struct import_arg *a = p;
	job_progress(a->job, N_("Writing the records"), (long long)done, (long long)total);
}

static int on_stopped(void *p)
{
	struct import_arg *a = p;
	return job_cancelled(a->job);
}

#define IMPORT_GONE 1   /* the upload was imported or discarded meanwhile */

/* Writes the records and deletes the upload in one transaction; a cancel
 * seen up to its end rolls everything back. */
static int import_write_fn(struct db *w, void *arg)
{
	struct import_arg *a = arg;
	long n = import_commit(&a->imp, w, &a->ctx, a->user_id, a->filename);
	if (n < 0 || db_do(w, SQL_DELETE, "II", (long long)a->upload_id, (long long)a->user_id) < 0)
		return -1;
	if (db_changes(w) != 1)
		return IMPORT_GONE;
	a->written = n;
	return job_cancelled(a->job) ? -1 : 0;
}

static int import_run(struct job *j, void *p)
{
	struct import_arg *a = p;
	a->job = j;
	a->ctx.progress = on_progress;
	a->ctx.stopped = on_stopped;
	a->ctx.progress_arg = a;
	job_result_meta(j, "", a->filename); /* shown on the job's page; there is no file to download */
	job_progress(j, N_("Writing the records"), 0, (long long)a->imp.nrows);
	int rc = db_write(import_write_fn, a);
	if (rc == IMPORT_GONE)
		job_error(j, N_("This file was already imported or discarded."));
	else if (rc < 0 && !job_cancelled(j))
		job_error(j, N_("The database is busy or not available."));
	if (rc != 0)
		return -1;
	long n = a->written;
	char done[128];
	snprintf(done, sizeof done, "/import?done=%ld&kind=%s", n, import_kind_key(a->imp.kind));
	if (a->ctx.skip_bad && a->imp.nerror_rows)
		snprintf(done + strlen(done), sizeof done - strlen(done), "&left=%zu", a->imp.nerror_rows);
	job_link(j, done, N_("See the result of the import"));
	job_progress(j, N_("Writing the records"), (long long)a->imp.nrows, (long long)a->imp.nrows);
	return 0;
}

void import_commit_start(struct req *r, int64_t upload_id, const char *filename, struct import_job *j,
			 const struct import_ctx *c)
{
	struct import_arg *a = calloc(1, sizeof *a);
	if (!a) {
		import_free(j);
		req_error(r, 503);
		return;
	}
	a->imp = *j;                 /* the rows move to the job */
	memset(j, 0, sizeof *j);
	a->ctx = *c;
	a->upload_id = upload_id;
	a->user_id = r->user->id;
	snprintf(a->filename, sizeof a->filename, "%s", filename);
	char key[32], back[48], detail[320];
	snprintf(key, sizeof key, "upload=%lld", (long long)upload_id);
	snprintf(back, sizeof back, "/import/%lld", (long long)upload_id);
	snprintf(detail, sizeof detail, "kind=import-commit records=%s rows=%zu skipped=%zu", import_kind_key(a->imp.kind),
		 a->imp.nready, a->ctx.skip_bad ? a->imp.nerror_rows : (size_t)0);
	struct job_spec spec = {
		.kind = "import-commit",
		.key = key,
		/* cancelled or failed, the file is still there to try again; done, the link becomes the result */
		.link = back,
		.link_label = N_("Back to the file"),
		.run = import_run,
		.arg = a,
		.free_arg = arg_free,
	};
	jobs_start_web(r, &spec, detail, NULL);
}
