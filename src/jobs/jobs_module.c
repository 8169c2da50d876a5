/* jobs_module — the jobs module described once (module.h): the pages of a
 * user's background jobs, their navigation entry and audit words; the kinds
 * of jobs are declared by the modules that run them (registry:
 * registry_jobs.c). */
#include <stddef.h>
#include "module.h"
#include "core/i18n.h"
#include "jobs/jobs_pages.h"
#include "core/banned.h"

static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

/* Every signed-in user may have jobs; each job is its owner's alone (the
 * handlers answer 404 to anyone else). */
static const struct route jobs_routes[] = {
	{ M_GET,  "/jobs", PERM_SIGNED_IN, jobs_list_page, NULL, 0 },
	{ M_GET,  "/jobs/{id}", PERM_SIGNED_IN, job_page, P_ID, 0 },
	{ M_POST, "/jobs/{id}/cancel", PERM_SIGNED_IN, job_cancel_submit, P_ID, 0 },
	{ M_GET,  "/jobs/{id}/download", PERM_SIGNED_IN, job_download, P_ID, 0 },
	{ M_GET,  "/api/v1/jobs/{id}", PERM_SIGNED_IN, api_job_get, P_ID, ROUTE_API },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

static const struct nav_entry jobs_nav[] = {
	{ "/jobs", N_("My jobs"), PERM_SIGNED_IN, 950 },
	{ NULL, NULL, 0, 0 },
};

static const struct audit_word jobs_actions[] = {
	{ "job_start", N_("Job started") },
	{ "job_cancel", N_("Job cancelled") },
	{ "download", N_("Downloaded") },
	{ NULL, NULL },
};

static const struct audit_word jobs_entities[] = {
	{ "job", N_("Job") },
	{ NULL, NULL },
};

const struct module jobs_module = {
	.name = "jobs",
	.routes = jobs_routes,
	.nav = jobs_nav,
	.audit_actions = jobs_actions,
	.audit_entities = jobs_entities,
};
