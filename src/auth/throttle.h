/* throttle — limits failed sign-ins per account and per address, in memory.
 * After LIMIT_SIGNIN_FAILS_ACCOUNT failures on one account, or
 * LIMIT_SIGNIN_FAILS_ADDRESS from one address, within LIMIT_SIGNIN_WINDOW_S
 * seconds (core/limits.h), sign-in is refused until the window has passed.  A restart forgets the counts; that is acceptable
 * for a throttle (the audit log keeps the record). */
#ifndef DAAM_THROTTLE_H
#define DAAM_THROTTLE_H
/* 1 when sign-in for this account from this address must be refused now. */
int throttle_blocked(const char *account, const char *address);
void throttle_fail(const char *account, const char *address);
void throttle_success(const char *account);
#endif
