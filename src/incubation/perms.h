/* perms — the incubation module's permission bits (its range: 20–23, see
 * auth/roles.h); who holds them is in module.c.  Editing the framework is
 * the administrators' (PERM_OFFICES_ADMIN, src/admin/perms.h). */
#ifndef DAAM_INCUBATION_PERMS_H
#define DAAM_INCUBATION_PERMS_H
#include "auth/roles.h"
#define PERM_INCUB_READ   PERM_BIT(20)  /* cohorts, assessments, results and plans of the user's office */
#define PERM_INCUB_WRITE  PERM_BIT(21)  /* work cohorts, candidates, assessments and plans */
#define PERM_INCUB_OWN    PERM_BIT(22)  /* an organization's assessments and plan (a partner: its own) */
#define PERM_INCUB_GAPS   PERM_BIT(23)  /* the cross-organization results (aggregates only) */
#endif
