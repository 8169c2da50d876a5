/* probe_module — a module that exists only in the test build daam-probe
 * (build/daam-probe: daam's objects plus this file).  It adds two routes, a
 * permission held by trainers, a navigation entry and a section on every
 * organization's page, the way a real module would, so test_access can
 * show that whatever a module declares is walked without editing the walk.
 * With DAAM_PROBE_BROKEN=1 in its environment its pages answer 500, so the
 * walk is shown to catch a broken route.  Its page chooses a person with the
 * registry's picker (probe_q), as a module to come would: the access walk
 * and test_picker see what a role without personal fields is shown. */
#include <stdint.h>
#include <stdlib.h>
#include "module.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "registry/perms.h"
#include "registry/picker.h"

#define PERM_PROBE PERM_BIT(56)

static int broken(void)
{
	const char *e = getenv("DAAM_PROBE_BROKEN");
	return e && *e == '1';
}

static void probe_page(struct req *r)
{
	if (broken()) {
		req_error(r, 500);
		return;
	}
	page_begin(r, "Probe");
	html_raw(&r->out, "<h1>Probe page</h1>");
	if (r->user->perms & PERM_PEOPLE_READ) {
		struct picker p = { .kind = PICK_PERSON, .field = "person", .q = "probe_q", .legend = "Person",
				    .page = "/probe" };
		picker_find_form(r, &p);
		form_begin(r, "/probe", "form");
		picker_field(r, &p);
		form_end(r, "Go");
	}
	page_end(r);
}

static void probe_submit(struct req *r)
{
	if (broken()) {
		req_error(r, 500);
		return;
	}
	req_redirect(r, "/probe");
}

static void probe_section(struct req *r, int64_t org_id)
{
	html_fmt(&r->out, "<section class=\"card\" id=\"probe-section\"><h2>Probe section of %lld</h2></section>",
		 (long long)org_id);
}

static const struct param_spec P_PROBE_PAGE[] = {
	{ "probe_q", PT_TEXT, IN_QUERY, 0, 0, 200, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct route routes[] = {
	{ M_GET, "/probe", PERM_PROBE, probe_page, P_PROBE_PAGE, 0 },
	{ M_POST, "/probe", PERM_PROBE, probe_submit, NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, 0 },
};
static const struct perm_decl perms[] = {
	{ PERM_PROBE, "probe.use", "Use the probe", ROLE_BIT(ROLE_TRAINER) },
	{ 0, NULL, NULL, 0 },
};
static const struct nav_entry nav[] = {
	{ "/probe", "Probe", PERM_PROBE, 500 },
	{ NULL, NULL, 0, 0 },
};
static const struct page_section org_sections[] = {
	{ PERM_PROBE, probe_section },
	{ 0, NULL },
};
static const struct module probe_module = {
	.name = "probe", .routes = routes, .perms = perms, .nav = nav, .org_sections = org_sections,
};

const struct module *const daam_extra_modules[] = { &probe_module, NULL };
