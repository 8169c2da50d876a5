/* jobs_api — GET /api/v1/jobs/{id}: a job's state and progress as JSON, for
 * its owner only (anyone else: 404).  docs/api.md shows the fields. */
#include <jansson.h>
#include "jobs/jobs_pages.h"
#include "jobs/jobs_web.h"
#include "core/i18n.h"
#include "http/request.h"
#include "core/banned.h"

void api_job_get(struct req *r)
{
	struct job_info ji;
	if (jobs_own(r, &ji) < 0)
		return;
	json_t *j = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I}", "id", (json_int_t)ji.id, "kind", ji.kind, "state",
			      job_state_key(ji.state), "done", (json_int_t)ji.done, "total", (json_int_t)ji.total,
			      "created", (json_int_t)ji.created);
	if (!j) {
		req_error(r, 500);
		return;
	}
	json_object_set_new(j, "label", json_string(_(ji.label)));
	if (ji.stage)
		json_object_set_new(j, "stage", json_string(_(ji.stage)));
	if (ji.started)
		json_object_set_new(j, "started", json_integer(ji.started));
	if (ji.finished)
		json_object_set_new(j, "finished", json_integer(ji.finished));
	if (ji.cancel_asked)
		json_object_set_new(j, "cancel_asked", json_true());
	if (ji.filename[0])
		json_object_set_new(j, "file", json_string(ji.filename));
	if (ji.state == JOB_DONE && ji.result_len && !ji.expired) {
		json_object_set_new(j, "bytes", json_integer((json_int_t)ji.result_len));
		json_object_set_new(j, "download", json_string(arena_printf(&r->arena, "/jobs/%lld/download", (long long)ji.id)));
		json_object_set_new(j, "expires", json_integer(ji.expires));
	}
	if (ji.expired)
		json_object_set_new(j, "expired", json_true());
	if (ji.link[0] && ji.state != JOB_QUEUED && ji.state != JOB_RUNNING)
		json_object_set_new(j, "link", json_string(ji.link));
	if (ji.error)
		json_object_set_new(j, "error", json_string(_(ji.error)));
	r->is_private = 1;
	req_json_value(r, j);
}
