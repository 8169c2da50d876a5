/* roles — the permission table (see roles.h). */
#include <string.h>
#include "auth/roles.h"
#include "core/i18n.h"
#include "core/banned.h"

#define READ_BASE (PERM_SIGNED_IN | PERM_ORGS_READ)

const struct role_info role_table[ROLE_COUNT] = {
	[ROLE_ADMIN] = { "admin", N_("Administrator"), ~(perm_t)0, 0 },
	[ROLE_DIRECTOR] = { "director", N_("Director"),
		READ_BASE | PERM_ORGS_WRITE | PERM_PEOPLE_READ | PERM_PEOPLE_WRITE | PERM_PERSONAL_FIELDS |
		PERM_EXPORT | PERM_EXPORT_IDENTIFIED | PERM_IMPORT | PERM_REPORTS | PERM_AUDIT_READ, 0 },
	[ROLE_PROGRAM_OFFICER] = { "program_officer", N_("Program officer"),
		READ_BASE | PERM_ORGS_WRITE | PERM_PEOPLE_READ | PERM_PEOPLE_WRITE | PERM_PERSONAL_FIELDS |
		PERM_EXPORT | PERM_IMPORT | PERM_REPORTS, 0 },
	[ROLE_TRAINER] = { "trainer", N_("Trainer"), READ_BASE | PERM_PEOPLE_READ, 0 },
	[ROLE_GRANTS_OFFICER] = { "grants_officer", N_("Grants officer"),
		READ_BASE | PERM_PEOPLE_READ | PERM_EXPORT | PERM_REPORTS, 0 },
	[ROLE_ME_OFFICER] = { "me_officer", N_("M&E officer"),
		READ_BASE | PERM_PEOPLE_READ | PERM_EXPORT | PERM_REPORTS, 0 },
	[ROLE_SPACE_COORDINATOR] = { "space_coordinator", N_("Space coordinator"), READ_BASE, 0 },
	[ROLE_EXPERT] = { "expert", N_("Expert"), READ_BASE, 0 },
	[ROLE_PARTNER] = { "partner", N_("Partner"), READ_BASE | PERM_PEOPLE_READ, 1 },
	[ROLE_REVIEWER] = { "reviewer", N_("Grant reviewer"), PERM_SIGNED_IN, 0 },
	[ROLE_DONOR] = { "donor", N_("Donor"), PERM_SIGNED_IN | PERM_REPORTS, 0 },
};

const char *const role_keys[ROLE_COUNT + 1] = {
	"admin", "director", "program_officer", "trainer", "grants_officer", "me_officer",
	"space_coordinator", "expert", "partner", "reviewer", "donor", NULL,
};

int role_from_key(const char *key)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (key && strcmp(role_table[i].key, key) == 0)
			return i;
	return -1;
}
