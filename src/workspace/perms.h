/* perms — the workspace's permission bits (its range: 28–31, see
 * auth/roles.h); who holds them is in module.c. */
#ifndef DAAM_WORKSPACE_PERMS_H
#define DAAM_WORKSPACE_PERMS_H
#include "auth/roles.h"
#define PERM_WS_READ    PERM_BIT(28)  /* see the rooms and the office's bookings */
#define PERM_WS_REQUEST PERM_BIT(29)  /* ask for a room (staff; partners for their organization) */
#define PERM_WS_MANAGE  PERM_BIT(30)  /* rooms, equipment, quotas; approve and refuse */
#define PERM_WS_USE     PERM_BIT(31)  /* the use of the rooms: figures only */
#endif
