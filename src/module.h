/* module — what a module of daam is: one folder that describes itself once
 * in a `struct module` (its routes, permissions, navigation, audit
 * vocabulary, command-line verbs, the sections it adds to an organization's
 * or a person's page, its background jobs and its demo data).  The one list
 * of modules is src/modules.c; the platform (router, layout, audit page,
 * command table, access walk, body limits) reads everything from there.
 * docs/architecture.md shows how to add a module, step by step. */
#ifndef DAAM_MODULE_H
#define DAAM_MODULE_H
#include <stdint.h>
#include "auth/roles.h"
#include "http/router.h"

struct req;
struct db;

/* A permission the module owns, and the roles that hold it (admins hold
 * every permission).  roles is a mask of ROLE_BIT(ROLE_…). */
struct perm_decl {
	perm_t perm;         /* one bit, from the module's range in auth/roles.h */
	const char *key;     /* "people.write": for `daam roles` and docs */
	const char *label;   /* English msgid */
	unsigned roles;
};
#define ROLE_BIT(role) (1u << (role))

/* An entry of the main navigation, shown when the user holds perm. */
struct nav_entry {
	const char *href;
	const char *label;   /* msgid */
	perm_t perm;
	int order;           /* smaller first (home 0, registry 100…, admin 900…) */
};

/* A word of the audit log (an action such as "merge" or an entity such as
 * "person"), with the label shown on the audit page and in filters. */
struct audit_word {
	const char *key;
	const char *label;   /* msgid */
};

/* A number beside an entry of the navigation (unread notifications…):
 * count() for the signed-in user, 0 shows nothing.  Called once a page. */
struct nav_badge {
	const char *href;    /* an entry of the module's nav */
	int (*count)(struct req *r);
};

/* How the audit log names a module's records of one kind: name() fills
 * ref->name and ref->href only when the reader may see the record (the
 * module's own scope rule) and leaves them NULL otherwise, so the log says
 * "record N".  (The registry's and the administration's kinds are named by
 * the log's own query, src/admin/audit_log.c.) */
struct audit_ref;
struct audit_namer {
	const char *entity;  /* a key of the module's audit_entities */
	void (*name)(struct req *r, int64_t id, struct audit_ref *ref);
};

/* A command-line verb: `daam NAME …`. */
struct cli_verb {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;   /* "name ARGS\n    What it does." */
};

/* A section the module adds to another module's page (an organization's
 * or a person's), drawn when the user holds perm. */
struct page_section {
	perm_t perm;
	void (*render)(struct req *r, int64_t id);
};

/* Background work the module runs (see core/jobs.h). */
struct job_decl {
	const char *kind;    /* "people-export" */
	const char *label;   /* msgid shown on the jobs page */
};

/* Fills the module's demo data inside the demo's write transaction.
 * scale: 0 small (make run), 1 large (benchmarks).  0 or -1. */
typedef int (*demo_fn)(struct db *w, int scale);

/* Brings what the module derives from its records (a search index, keys)
 * up to this daam's version, at every start after the migrations: reads
 * what it needs and takes the writer (db_write) only when something is out
 * of date, so an up-to-date database is not written to.  0 or -1. */
typedef int (*upgrade_fn)(void);

struct module {
	const char *name;                          /* folder name: "registry" */
	const struct route *routes;                /* { 0 }-terminated */
	const struct perm_decl *perms;             /* { 0 }-terminated */
	const struct nav_entry *nav;               /* { NULL }-terminated */
	const struct nav_badge *nav_badges;        /* { NULL }-terminated, optional */
	const struct audit_word *audit_actions;    /* { NULL }-terminated */
	const struct audit_word *audit_entities;   /* { NULL }-terminated */
	const struct audit_namer *audit_names;     /* { NULL }-terminated, optional */
	const struct cli_verb *verbs;              /* { NULL }-terminated */
	const struct page_section *org_sections;   /* { 0 }-terminated */
	const struct page_section *person_sections;/* { 0 }-terminated */
	const struct page_section *home_sections;  /* on the start page (id 0), { 0 }-terminated */
	const struct job_decl *jobs;               /* { NULL }-terminated */
	demo_fn demo;
	upgrade_fn upgrade;
};

/* The modules, in the order their pages appear (src/modules.c), NULL-ended;
 * test builds may add their own (see tests/http/probe_module.c). */
const struct module *const *modules_all(void);
#define FOR_EACH_MODULE(m) \
	for (const struct module *const *m##_it = modules_all(), *m; (m = *m##_it) != NULL; m##_it++)

/* Checks the descriptors: every permission is one bit declared once, every
 * route's permission is declared, no two routes share a method and pattern,
 * no two verbs a name.  Returns 0, or -1 after printing each problem. */
int modules_check(void);

/* Looks up a route without a request (for the connection guard's body
 * limit): NULL when none matches method and path (query string ignored). */
const struct route *modules_route_for(int method, const char *path, size_t path_len);

/* Runs every module's upgrade hook, in the list's order; 0, or -1 after
 * printing which module failed. */
int modules_upgrade(void);

/* The label (msgid) a module declares for a kind of job, or NULL. */
const char *modules_job_label(const char *kind);

/* The audit log's namer of a record kind, or NULL. */
const struct audit_namer *modules_audit_namer(const char *entity);

/* Draws every module's sections for an organization / a person. */
void modules_org_sections(struct req *r, int64_t org_id);
void modules_person_sections(struct req *r, int64_t person_id);
/* Draws every module's sections of the start page. */
void modules_home_sections(struct req *r);
#endif
