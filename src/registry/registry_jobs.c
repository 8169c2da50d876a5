/* registry_jobs — the kinds of background job the registry runs, for its
 * module descriptor (module.h, struct job_decl): a whole export of the
 * people list (export_job.c), the commit of a web import (import_job.c),
 * the search for duplicates (dedup.c). */
#include <stddef.h>
#include "module.h"
#include "core/i18n.h"
#include "core/banned.h"

const struct job_decl registry_jobs[] = {
	{ "people-export", N_("Export of the people list") },
	{ "import-commit", N_("Import of a file") },
	{ "dedup", N_("Search for duplicates") },
	{ NULL, NULL },
};
