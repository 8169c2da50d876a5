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
/* A safe place to go after signing in: a local path only ("/" otherwise). */
const char *safe_next(const char *next);

/* The second factor's pages (mfa_pages.c). */
void login_code_page(struct req *r);
void login_code_submit(struct req *r);
void login_enrol_page(struct req *r);
void login_enrol_submit(struct req *r);
void mfa_start_submit(struct req *r);
void mfa_confirm_submit(struct req *r);
void mfa_recovery_submit(struct req *r);
void mfa_remove_submit(struct req *r);
/* My account's "Two-step sign-in" card. */
void mfa_account_section(struct req *r);
/* When the demo data switched the requirement off: a notice saying so. */
void mfa_demo_notice(struct req *r);
#endif
