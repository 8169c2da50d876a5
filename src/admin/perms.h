/* perms — the administration's permission bits (range 1–7, see
 * auth/roles.h); who holds them is in module.c. */
#ifndef DAAM_ADMIN_PERMS_H
#define DAAM_ADMIN_PERMS_H
#include "auth/roles.h"
#define PERM_USERS_ADMIN         PERM_BIT(1)
#define PERM_OFFICES_ADMIN       PERM_BIT(2)
#define PERM_AUDIT_READ          PERM_BIT(3)
#define PERM_RETENTION_ADMIN     PERM_BIT(7)  /* retention periods and the purge (the range's last bit: 4–6 stay for the others) */
#endif
