/* roles — the roles, and their permissions gathered from the modules'
 * descriptors (see roles.h and module.h; `daam roles` prints the table). */
#include <pthread.h>
#include <string.h>
#include "auth/roles.h"
#include "module.h"
#include "core/i18n.h"
#include "core/banned.h"

const struct role_info role_table[ROLE_COUNT] = {
	[ROLE_ADMIN] = { "admin", N_("Administrator"), 0 },
	[ROLE_DIRECTOR] = { "director", N_("Director"), 0 },
	[ROLE_PROGRAM_OFFICER] = { "program_officer", N_("Program officer"), 0 },
	[ROLE_TRAINER] = { "trainer", N_("Trainer"), 0 },
	[ROLE_GRANTS_OFFICER] = { "grants_officer", N_("Grants officer"), 0 },
	[ROLE_ME_OFFICER] = { "me_officer", N_("M&E officer"), 0 },
	[ROLE_SPACE_COORDINATOR] = { "space_coordinator", N_("Space coordinator"), 0 },
	[ROLE_EXPERT] = { "expert", N_("Expert"), 0 },
	[ROLE_PARTNER] = { "partner", N_("Partner"), 1 },
	[ROLE_REVIEWER] = { "reviewer", N_("Grant reviewer"), 0 },
	[ROLE_DONOR] = { "donor", N_("Donor"), 0 },
};

const char *const role_keys[ROLE_COUNT + 1] = {
	"admin", "director", "program_officer", "trainer", "grants_officer", "me_officer",
	"space_coordinator", "expert", "partner", "reviewer", "donor", NULL,
};

static perm_t granted[ROLE_COUNT];
static pthread_once_t granted_once = PTHREAD_ONCE_INIT;

static void granted_build(void)
{
	FOR_EACH_MODULE(m)
		for (const struct perm_decl *p = m->perms; p && p->perm; p++)
			for (int role = 0; role < ROLE_COUNT; role++)
				if (p->roles & ROLE_BIT(role))
					granted[role] |= p->perm;
	granted[ROLE_ADMIN] = ~(perm_t)0;
}

perm_t role_perms(int role)
{
	if (role < 0 || role >= ROLE_COUNT)
		return 0;
	pthread_once(&granted_once, granted_build);
	return granted[role];
}

int role_from_key(const char *key)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (key && strcmp(role_table[i].key, key) == 0)
			return i;
	return -1;
}
