/* home module — the start page, the health check and the hashed static
 * assets; it declares the permissions every role has. */
#include <stddef.h>
#include "module.h"
#include "home/home.h"
#include "http/assets.h"
#include "core/i18n.h"

#define ALL_ROLES ((1u << ROLE_COUNT) - 1)
#define REPORTERS (ROLE_BIT(ROLE_DIRECTOR) | ROLE_BIT(ROLE_PROGRAM_OFFICER) | ROLE_BIT(ROLE_GRANTS_OFFICER) | \
		   ROLE_BIT(ROLE_ME_OFFICER) | ROLE_BIT(ROLE_DONOR))

static const struct route routes[] = {
	{ M_GET,  "/", PERM_SIGNED_IN, home_page, NULL, 0 },
	{ M_GET,  "/healthz", 0, health_json, NULL, ROUTE_API },
	{ M_GET,  "/assets/{file}", 0, asset_serve, NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

static const struct perm_decl perms[] = {
	{ PERM_SIGNED_IN, "signed_in", N_("Signed in"), ALL_ROLES },
	{ PERM_REPORTS, "reports", N_("Reports and figures"), REPORTERS },
	{ 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/", N_("Home"), PERM_SIGNED_IN, 0 },
	{ NULL, NULL, 0, 0 },
};

/* The verbs of the audit log that every module uses. */
static const struct audit_word actions[] = {
	{ "create", N_("Creation") }, { "update", N_("Change") }, { "disable", N_("Disabling") },
	{ "enable", N_("Enabling") }, { "view", N_("Viewed") }, { "export", N_("Exported") },
	{ "import", N_("Imported") }, { NULL, NULL },
};

const struct module home_module = {
	.name = "home",
	.routes = routes,
	.perms = perms,
	.nav = nav,
	.audit_actions = actions,
};
