/* throttle — limits failed sign-ins per account and per address, in memory.
 * After LIMIT_SIGNIN_FAILS_ACCOUNT failures on one account, or
 * LIMIT_SIGNIN_FAILS_ADDRESS from one address, within LIMIT_SIGNIN_WINDOW_S
 * seconds (core/limits.h), sign-in is refused until the window has passed.
 *
 * The check and the count are one step: throttle_begin reserves an attempt
 * (failures + attempts still being checked must stay under the limit) before
 * the ~100 ms password hash, and throttle_end settles it.  So parallel
 * attempts on one account never get more than the limit of passwords
 * checked.  A restart forgets the counts; that is acceptable for a throttle
 * (the audit log keeps the record). */
#ifndef DAAM_THROTTLE_H
#define DAAM_THROTTLE_H
/* 0: the attempt may go on (and must be settled with throttle_end);
 * 1: refused now (nothing to settle). */
int throttle_begin(const char *account, const char *address);
/* Settles an attempt begun: failed 1 counts a failure; 0 clears the
 * account's failures (the right password). */
void throttle_end(const char *account, const char *address, int failed);
/* The same for the codes of the second factor (auth/mfa.h): wrong codes
 * count on a counter of their own per account, which only a right code
 * clears (a right password does not), and on the address's counter shared
 * with passwords; same limits and window. */
int throttle_code_begin(const char *account, const char *address);
void throttle_code_end(const char *account, const char *address, int failed);
/* Events of a kind of its own (a one-letter kind other than the sign-in's
 * "u", "c" and "a": the workspace's public form uses "w") for key (a client
 * address), in the same table and window: 1 when limit events are already
 * counted in the window (refused), else 0 after counting add (0 only asks:
 * count with 1 once the event really happened). */
int throttle_event(const char *kind, const char *key, int limit, int add);
#endif
