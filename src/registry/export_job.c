/* export_job — a people export too long to answer at once (more than
 * EXPORT_DIRECT_MAX rows, or DAAM_JOB_DIRECT_MAX) runs as a job (core/jobs.h):
 * the filters and scope of the request are copied, the rows are read through
 * the worker's own connection and written in chunks to the job's memory
 * file, with progress and the cancel flag checked every EXPORT_TICK rows.
 * The export is audited like a direct one ("export" on "people", with the
 * job's id) before the file is offered; downloading it is audited again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "registry/export.h"
#include "registry/people_query.h"
#include "registry/registry.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "registry/perms.h"
#include "core/i18n.h"
#include "core/jobs.h"
#include "core/limits.h"
#include "db/db.h"
#include "http/request.h"
#include "jobs/jobs_pages.h"
#include "core/banned.h"

/* Longer lists are exported by a job.  Measured at 206,019 people
 * (bench/results/jobs.md), a row costs ≈13–17 µs in CSV and ≈30–45 µs in
 * XLSX: 1,000 rows hold a loop ≈15–45 ms, under the 50 ms a request may
 * wait (QUALITY.md). */
#define EXPORT_DIRECT_MAX 1000

struct export_arg {
	struct people_filter f;     /* strings below; f.match owned */
	char *q, *gender, *age;
	int identified, xlsx;
	const char *file;           /* static */
	long long total;            /* 0: unknown (a name search counts only to LIMIT_LIST_COUNT) */
	int64_t user_id;
	struct job *job;
};

static void arg_free(void *p)
{
	struct export_arg *a = p;
	if (!a)
		return;
	people_filter_release(&a->f);
	free(a->q);
	free(a->gender);
	free(a->age);
	free(a);
}

static long long direct_max(void)
{
	const char *v = getenv("DAAM_JOB_DIRECT_MAX");
	if (v && *v) {
		char *end;
		long long n = strtoll(v, &end, 10);
		if (!*end && n >= 0)
			return n;
	}
	return EXPORT_DIRECT_MAX;
}

static int tick(void *p, long long rows)
{
	struct export_arg *a = p;
	if (rows < 0)
		job_progress(a->job, N_("Packing the spreadsheet"), a->total ? a->total : 0, a->total);
	else
		job_progress(a->job, N_("Writing the rows"), rows, a->total >= rows ? a->total : 0);
	return job_cancelled(a->job);
}

struct export_audit {
	int64_t user;
	const char *detail;
};

/* The record of the export, in the audit log: no record, no file. */
static int export_audit_fn(struct db *w, void *arg)
{
	const struct export_audit *ea = arg;
	return audit_write(w, ea->user, "export", "people", 0, ea->detail);
}

static int export_run(struct job *j, void *p)
{
	struct export_arg *a = p;
	a->job = j;
	job_result_meta(j, a->xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				   : "text/csv; charset=utf-8", a->file);
	job_progress(j, N_("Writing the rows"), 0, a->total);
	unsigned char key[32];
	if (export_key(key) < 0) {
		job_error(j, N_("The database could not be read."));
		return -1;
	}
	int fd = job_result_fd(j);
	sqlite3_stmt *st = fd >= 0 ? people_filter_rows(db_read(), &a->f, -1, 0) : NULL;
	long long rows = 0;
	int rc = -1;
	struct export_watch w = { tick, a };
	if (st && a->xlsx) {
		rc = export_write_xlsx(fd, st, a->identified, key, &rows, &w);
	} else if (st) {
		struct strbuf buf;
		sb_init(&buf, 4 * EXPORT_CHUNK);
		rc = export_write_csv(&buf, fd, st, a->identified, key, &rows, &w);
		sb_release(&buf);
	}
	sodium_memzero(key, sizeof key);
	if (rc < 0) {
		if (!job_cancelled(j))
			job_error(j, N_("The file could not be written."));
		return -1;
	}
	char detail[128];
	snprintf(detail, sizeof detail, "rows=%lld format=%s identified=%d job=%lld", rows, a->xlsx ? "xlsx" : "csv",
		 a->identified, (long long)job_id(j));
	struct export_audit ea = { a->user_id, detail };
	if (db_write(export_audit_fn, &ea) != 0) {
		/* no record of the export, no export */
		job_error(j, N_("The export could not be recorded in the audit log, so the file is not offered."));
		return -1;
	}
	job_progress(j, N_("Writing the rows"), rows, rows);
	return 0;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

int export_job_maybe(struct req *r, int identified, int xlsx)
{
	struct people_filter f;
	people_filter_init(r, &f);
	long long n = people_filter_count(db_read(), &f);
	/* the list counts only up to LIMIT_LIST_COUNT (people_query.h): past it, the size is unknown */
	int unknown = !people_filter_exact(&f) && n > LIMIT_LIST_COUNT;
	if (n <= direct_max() && !unknown) {
		people_filter_release(&f);
		return 0;
	}
	struct export_arg *a = calloc(1, sizeof *a);
	if (a) {
		a->f = f; /* scope, numbers and the match expression (now a's) */
		a->q = dup_or_empty(f.q);
		a->gender = dup_or_empty(f.gender);
		a->age = dup_or_empty(f.age);
		a->f.q = a->q;
		a->f.gender = a->gender;
		a->f.age = a->age;
		a->identified = identified;
		a->xlsx = xlsx;
		a->total = unknown ? 0 : n;
		a->user_id = r->user->id;
	} else {
		people_filter_release(&f);
	}
	if (!a || !a->q || !a->gender || !a->age) {
		arg_free(a);
		req_error(r, 503);
		return 1;
	}
	const char *file = identified ? (xlsx ? "daam-people-identified.xlsx" : "daam-people-identified.csv")
				      : (xlsx ? "daam-people-coded.xlsx" : "daam-people-coded.csv");
	a->file = file;
	/* the same export asked again while it runs (a second click) leads to the same job */
	const char *key = arena_printf(&r->arena, "%s|q=%s|g=%s|a=%s|o=%lld|org=%lld|p=%lld", file, a->q, a->gender, a->age,
				       a->f.office, a->f.org, a->f.place);
	struct job_spec spec = {
		.kind = "people-export",
		.key = key,
		.perms = PERM_PEOPLE_READ | PERM_EXPORT | (identified ? PERM_EXPORT_IDENTIFIED : 0),
		.run = export_run,
		.arg = a,
		.free_arg = arg_free,
	};
	char detail[128];
	snprintf(detail, sizeof detail, "kind=people-export format=%s identified=%d rows=%lld", xlsx ? "xlsx" : "csv",
		 identified, a->total);
	jobs_start_web(r, &spec, detail, NULL);
	return 1;
}
