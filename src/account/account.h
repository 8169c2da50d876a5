/* account — signing in and out, language and digits preferences, one's own
 * password (see account.c). */
#ifndef DAAM_ACCOUNT_H
#define DAAM_ACCOUNT_H
#include <stdint.h>
struct req;
void login_page(struct req *r);
void login_submit(struct req *r);
void logout_submit(struct req *r);
void prefs_submit(struct req *r);
void account_page(struct req *r);
void account_password_submit(struct req *r);
/* On a password form: when the account has live API tokens, a ticked box
 * "revoke_tokens" offering to revoke them with the change. */
void form_revoke_tokens(struct req *r, int64_t user_id);
#endif
