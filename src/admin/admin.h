/* admin — users, offices and the audit log: the administrators' pages and
 * the `daam user` and `daam token` verbs. */
#ifndef DAAM_ADMIN_H
#define DAAM_ADMIN_H
struct req;
/* users.c */
void users_list(struct req *r);
void user_new_page(struct req *r);
void user_create_submit(struct req *r);
void user_page(struct req *r);
void user_update_submit(struct req *r);
void user_disable_submit(struct req *r);
void user_enable_submit(struct req *r);
void user_password_submit(struct req *r);
/* Resets another user's second factor (a lost phone). */
void user_reset_2fa_submit(struct req *r);
/* offices.c */
void offices_list(struct req *r);
void office_create_submit(struct req *r);
void office_page(struct req *r);
void office_update_submit(struct req *r);
/* audit_log.c */
void audit_list(struct req *r);
/* retention_pages.c */
void retention_page(struct req *r);
void retention_save_submit(struct req *r);
void retention_purge_submit(struct req *r);
/* cli_user.c, cli_token.c, cli_purge.c */
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_purge(int argc, char **argv);
/* demo.c: the demo accounts (the module's demo hook) */
struct db;
int admin_demo(struct db *w, int scale);
#endif
