/* throttle — limits failed sign-ins per account and per address, in memory.
 * After THROTTLE_ACCOUNT_MAX failures on one account, or THROTTLE_ADDRESS_MAX
 * from one address, within THROTTLE_WINDOW seconds, sign-in is refused until
 * the window has passed.  A restart forgets the counts; that is acceptable
 * for a throttle (the audit log keeps the record). */
#ifndef DAAM_THROTTLE_H
#define DAAM_THROTTLE_H
#define THROTTLE_WINDOW 900
#define THROTTLE_ACCOUNT_MAX 5
#define THROTTLE_ADDRESS_MAX 20
/* 1 when sign-in for this account from this address must be refused now. */
int throttle_blocked(const char *account, const char *address);
void throttle_fail(const char *account, const char *address);
void throttle_success(const char *account);
#endif
