/* modules — the one list of daam's modules (the only central edit when a
 * module is added) and what the platform derives from their descriptors:
 * the route lookup, the checks of the descriptors, the sections other
 * modules add to an organization's or a person's page. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "module.h"
#include "http/request.h"
#include "core/banned.h"

extern const struct module home_module, account_module, registry_module, admin_module, jobs_module, incubation_module,
	activities_module, workspace_module;

/* The order is the order of the navigation and of the sections. */
static const struct module *const builtin[] = {
	&home_module,
	&registry_module,
	&jobs_module,
	&admin_module,
	&incubation_module,   /* after admin: its demo names the demo's facilitators */
	&activities_module,
	&workspace_module,
	&account_module,
	NULL,
};

/* Test builds link tests/http/probe_module.c, which defines this list to add
 * a module the access walk must find; in daam itself it stays undefined. */
extern const struct module *const daam_extra_modules[] __attribute__((weak));

#define MAX_MODULES 32
static const struct module *all[MAX_MODULES + 1];
static pthread_once_t all_once = PTHREAD_ONCE_INIT;

static void all_build(void)
{
	int n = 0;
	for (int i = 0; builtin[i] && n < MAX_MODULES; i++)
		all[n++] = builtin[i];
	if (daam_extra_modules)
		for (int i = 0; daam_extra_modules[i] && n < MAX_MODULES; i++)
			all[n++] = daam_extra_modules[i];
	all[n] = NULL;
}

const struct module *const *modules_all(void)
{
	pthread_once(&all_once, all_build);
	return all;
}

/* Is perm made only of bits some module declares? */
static int perm_declared(perm_t perm)
{
	perm_t known = 0;
	FOR_EACH_MODULE(m)
		for (const struct perm_decl *p = m->perms; p && p->perm; p++)
			known |= p->perm;
	return (perm & ~known) == 0;
}

int modules_check(void)
{
	int bad = 0;
	perm_t seen = 0;
	FOR_EACH_MODULE(m) {
		for (const struct perm_decl *p = m->perms; p && p->perm; p++) {
			if (p->perm & (p->perm - 1)) {
				fprintf(stderr, "module %s: permission %s is not one bit\n", m->name, p->key);
				bad = 1;
			}
			if (seen & p->perm) {
				fprintf(stderr, "module %s: permission %s uses a bit declared before\n", m->name, p->key);
				bad = 1;
			}
			seen |= p->perm;
		}
	}
	FOR_EACH_MODULE(m) {
		for (const struct route *rt = m->routes; rt && rt->pattern; rt++) {
			if (!perm_declared(rt->perm)) {
				fprintf(stderr, "module %s: %s needs a permission no module declares\n", m->name, rt->pattern);
				bad = 1;
			}
			for (const struct param_spec *p = rt->params; p && p->name; p++)
				if (p->where == IN_PATH && !strstr(rt->pattern, p->name)) {
					fprintf(stderr, "module %s: %s declares path parameter %s it lacks\n", m->name,
						rt->pattern, p->name);
					bad = 1;
				}
			FOR_EACH_MODULE(o)
				for (const struct route *ot = o->routes; ot && ot->pattern && ot != rt; ot++)
					if (ot->method == rt->method && strcmp(ot->pattern, rt->pattern) == 0) {
						fprintf(stderr, "module %s: route %s is also in module %s\n", m->name,
							rt->pattern, o->name);
						bad = 1;
					}
		}
		for (const struct nav_entry *n = m->nav; n && n->href; n++)
			if (!perm_declared(n->perm)) {
				fprintf(stderr, "module %s: navigation %s needs an undeclared permission\n", m->name, n->href);
				bad = 1;
			}
		for (const struct cli_verb *v = m->verbs; v && v->name; v++)
			FOR_EACH_MODULE(o)
				for (const struct cli_verb *w = o->verbs; w && w->name && w != v; w++)
					if (strcmp(w->name, v->name) == 0) {
						fprintf(stderr, "module %s: verb %s is also in module %s\n", m->name, v->name, o->name);
						bad = 1;
					}
		for (const struct nav_badge *g = m->nav_badges; g && g->href; g++) {
			const struct nav_entry *e = m->nav;
			while (e && e->href && strcmp(e->href, g->href) != 0)
				e++;
			if (!e || !e->href || !g->count) {
				fprintf(stderr, "module %s: a badge for %s, not an entry of its navigation\n", m->name, g->href);
				bad = 1;
			}
		}
		for (const struct audit_namer *n = m->audit_names; n && n->entity; n++) {
			const struct audit_word *w = m->audit_entities;
			while (w && w->key && strcmp(w->key, n->entity) != 0)
				w++;
			if (!w || !w->key || !n->name) {
				fprintf(stderr, "module %s: audit names for %s, a record kind it does not declare\n", m->name,
					n->entity);
				bad = 1;
			}
		}
	}
	return bad ? -1 : 0;
}

const struct route *modules_route_for(int method, const char *path, size_t path_len)
{
	const char *q = memchr(path, '?', path_len);
	if (q)
		path_len = (size_t)(q - path);
	FOR_EACH_MODULE(m)
		for (const struct route *rt = m->routes; rt && rt->pattern; rt++)
			if (rt->method == method && router_pattern_matches(rt->pattern, path, path_len))
				return rt;
	return NULL;
}

int modules_upgrade(void)
{
	FOR_EACH_MODULE(m)
		if (m->upgrade && m->upgrade() < 0) {
			fprintf(stderr, "daam: module %s could not bring its data up to date\n", m->name);
			return -1;
		}
	return 0;
}

const char *modules_job_label(const char *kind)
{
	FOR_EACH_MODULE(m)
		for (const struct job_decl *j = m->jobs; j && j->kind; j++)
			if (kind && strcmp(j->kind, kind) == 0)
				return j->label;
	return NULL;
}

const struct audit_namer *modules_audit_namer(const char *entity)
{
	FOR_EACH_MODULE(m)
		for (const struct audit_namer *n = m->audit_names; n && n->entity; n++)
			if (entity && strcmp(n->entity, entity) == 0)
				return n;
	return NULL;
}

/* which: 0 organization, 1 person, 2 start page */
static void draw_sections(struct req *r, int64_t id, int which)
{
	FOR_EACH_MODULE(m) {
		const struct page_section *s = which == 2 ? m->home_sections : which ? m->person_sections : m->org_sections;
		for (; s && s->render; s++)
			if (r->user && (r->user->perms & s->perm) == s->perm)
				s->render(r, id);
	}
}

void modules_org_sections(struct req *r, int64_t org_id)
{
	draw_sections(r, org_id, 0);
}

void modules_person_sections(struct req *r, int64_t person_id)
{
	draw_sections(r, person_id, 1);
}

void modules_home_sections(struct req *r)
{
	draw_sections(r, 0, 2);
}
