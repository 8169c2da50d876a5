/* roles — who may do what: the one table of roles and their permissions.
 * Every route names the permission it needs; handlers check objects and
 * personal fields with the same bits and the user's office/organization. */
#ifndef DAAM_ROLES_H
#define DAAM_ROLES_H

enum role {
	ROLE_ADMIN, ROLE_DIRECTOR, ROLE_PROGRAM_OFFICER, ROLE_TRAINER,
	ROLE_GRANTS_OFFICER, ROLE_ME_OFFICER, ROLE_SPACE_COORDINATOR,
	ROLE_EXPERT, ROLE_PARTNER, ROLE_REVIEWER, ROLE_DONOR, ROLE_COUNT
};

enum perm {
	PERM_SIGNED_IN       = 1u << 0,  /* any signed-in user */
	PERM_USERS_ADMIN     = 1u << 1,
	PERM_OFFICES_ADMIN   = 1u << 2,
	PERM_AUDIT_READ      = 1u << 3,
	PERM_ORGS_READ       = 1u << 4,
	PERM_ORGS_WRITE      = 1u << 5,
	PERM_PEOPLE_READ     = 1u << 6,
	PERM_PEOPLE_WRITE    = 1u << 7,
	PERM_PERSONAL_FIELDS = 1u << 8,  /* phones, birth year, community */
	PERM_EXPORT          = 1u << 9,  /* pseudonymous exports */
	PERM_EXPORT_IDENTIFIED = 1u << 10,
	PERM_IMPORT          = 1u << 11,
	PERM_REPORTS         = 1u << 12,
};

struct role_info {
	const char *key;     /* stored in users.role, used on the command line */
	const char *label;   /* English msgid, translated with _() */
	unsigned perms;
	int needs_org;       /* bound to one organization (partner) */
};

extern const struct role_info role_table[ROLE_COUNT];
/* Returns the role for a key, or -1. */
int role_from_key(const char *key);
/* The NULL-terminated list of role keys (for PT_ENUM parameters). */
extern const char *const role_keys[ROLE_COUNT + 1];
#endif
