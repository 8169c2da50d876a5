/* perms — the activities module's permission bits (its range: 24–27, see
 * auth/roles.h); who holds them is in module.c. */
#ifndef DAAM_ACTIVITIES_PERMS_H
#define DAAM_ACTIVITIES_PERMS_H
#include "auth/roles.h"
#define PERM_ACT_READ           PERM_BIT(24)  /* see activities, sessions, participants */
#define PERM_ACT_WRITE          PERM_BIT(25)  /* run them: activities, registration, attendance, scores */
#define PERM_REACH              PERM_BIT(26)  /* the people reached: aggregates only */
#define PERM_CERTS              PERM_BIT(27)  /* certificates and calendar links */
#endif
