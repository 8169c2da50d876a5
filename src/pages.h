/* pages — the handlers of every route, one file per capability; the route
 * table in routes.c lists them all in one place. */
#ifndef DAAM_PAGES_H
#define DAAM_PAGES_H
struct req;

/* account.c */
void login_page(struct req *r);
void login_submit(struct req *r);
void logout_submit(struct req *r);
void prefs_submit(struct req *r);
void account_page(struct req *r);
void account_password_submit(struct req *r);
/* home.c */
void home_page(struct req *r);
void health_json(struct req *r);
/* admin_users.c */
void users_list(struct req *r);
void user_new_page(struct req *r);
void user_create_submit(struct req *r);
void user_page(struct req *r);
void user_update_submit(struct req *r);
void user_disable_submit(struct req *r);
void user_enable_submit(struct req *r);
void user_password_submit(struct req *r);
/* admin_offices.c */
void offices_list(struct req *r);
void office_create_submit(struct req *r);
void office_page(struct req *r);
void office_update_submit(struct req *r);
/* admin_audit.c */
void audit_list(struct req *r);
/* registry/orgs.c */
void orgs_list(struct req *r);
void org_page(struct req *r);
void org_new_page(struct req *r);
void org_edit_page(struct req *r);
void org_create_submit(struct req *r);
void org_update_submit(struct req *r);
void org_member_submit(struct req *r);
/* registry/people.c */
void people_list(struct req *r);
void person_page(struct req *r);
void person_new_page(struct req *r);
void person_edit_page(struct req *r);
void person_create_submit(struct req *r);
void person_update_submit(struct req *r);
/* registry/places.c */
void places_list(struct req *r);
void place_page(struct req *r);
void place_create_submit(struct req *r);
void place_add_child_submit(struct req *r);
void place_rename_submit(struct req *r);
/* registry/sectors.c */
void sectors_list(struct req *r);
void sector_create_submit(struct req *r);
void sector_rename_submit(struct req *r);
#endif
