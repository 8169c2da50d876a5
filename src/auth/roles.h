/* roles — who may do what: the one table of roles and their permissions.
 * Every route names the permission it needs; handlers check objects and
 * personal fields with the same bits and the user's office/organization. */
#ifndef DAAM_ROLES_H
#define DAAM_ROLES_H
#include <stdint.h>

/* A set of permissions: 64 bits, each module owns a range (see below). */
typedef uint64_t perm_t;
#define PERM_BIT(n) ((perm_t)1 << (n))

enum role {
	ROLE_ADMIN, ROLE_DIRECTOR, ROLE_PROGRAM_OFFICER, ROLE_TRAINER,
	ROLE_GRANTS_OFFICER, ROLE_ME_OFFICER, ROLE_SPACE_COORDINATOR,
	ROLE_EXPERT, ROLE_PARTNER, ROLE_REVIEWER, ROLE_DONOR, ROLE_COUNT
};

/* Permission bits.  Ranges: 0–7 platform and administration, 8–19 the
 * registry, 20–23 incubation, 24–27 activities, 28–31 workspace, 32–35
 * consultations, 36–39 grants, 40–43 networking, 44–47 Sharek, 48–55
 * reports, 56–63 spare.  A module defines its bits in its own folder
 * (src/registry/perms.h, src/admin/perms.h) and declares them in its
 * descriptor (module.h); modules_check() refuses a bit declared twice.
 * The platform's own: */
#define PERM_SIGNED_IN           PERM_BIT(0)  /* any signed-in user */
#define PERM_REPORTS            PERM_BIT(48)

struct role_info {
	const char *key;     /* stored in users.role, used on the command line */
	const char *label;   /* English msgid, translated with _() */
	int needs_org;       /* bound to one organization (partner) */
};

extern const struct role_info role_table[ROLE_COUNT];
/* The permissions of a role: what the modules grant it (module.h);
 * administrators hold every permission. */
perm_t role_perms(int role);
/* Returns the role for a key, or -1. */
int role_from_key(const char *key);
/* The NULL-terminated list of role keys (for PT_ENUM parameters). */
extern const char *const role_keys[ROLE_COUNT + 1];
#endif
