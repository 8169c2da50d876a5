/* registry_home — the registry's part of the start page (see home/home.h). */
#ifndef DAAM_REGISTRY_HOME_H
#define DAAM_REGISTRY_HOME_H
struct req;
struct home_items;
/* Figures: the organizations and the people the user may see, counted as
 * their lists count them.  Pending: the pairs of possible duplicates the
 * user sees (roles that merge people), the user's own uploads waiting for
 * their import. */
void registry_home(struct req *r, struct home_items *figures, struct home_items *pending);
#endif
