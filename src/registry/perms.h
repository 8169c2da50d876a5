/* perms — the registry's permission bits (its range: 8–19, see
 * auth/roles.h); who holds them is in module.c. */
#ifndef DAAM_REGISTRY_PERMS_H
#define DAAM_REGISTRY_PERMS_H
#include "auth/roles.h"
#define PERM_ORGS_READ          PERM_BIT(8)
#define PERM_ORGS_WRITE         PERM_BIT(9)
#define PERM_PEOPLE_READ        PERM_BIT(10)
#define PERM_PEOPLE_WRITE       PERM_BIT(11)
#define PERM_PERSONAL_FIELDS    PERM_BIT(12)  /* phones, birth year, community */
#define PERM_EXPORT             PERM_BIT(13)  /* pseudonymous exports */
#define PERM_EXPORT_IDENTIFIED  PERM_BIT(14)
#define PERM_IMPORT             PERM_BIT(15)
#endif
