/* jobs_module — the jobs module described once (module.h): its navigation
 * entry and its audit words.  Its routes are the "jobs (src/jobs/)" block
 * of routes.c until the central list of modules (src/modules.c) reads them
 * from descriptors; the kinds of jobs are declared by the modules that run
 * them (registry: registry_jobs.c). */
#include <stddef.h>
#include "module.h"
#include "core/i18n.h"
#include "core/banned.h"

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
	.nav = jobs_nav,
	.audit_actions = jobs_actions,
	.audit_entities = jobs_entities,
};
