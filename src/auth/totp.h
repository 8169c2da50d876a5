/* totp — the second factor's arithmetic, without the database: TOTP codes
 * (RFC 6238: 30-second steps, 6 digits, HMAC-SHA-1, what every authenticator
 * app reads from a QR code) through liboath, the secret's base32 text and
 * otpauth:// URI, the parser of what a person types in a code field, and
 * the recovery codes (made here, stored hashed by auth/mfa.c). */
#ifndef DAAM_TOTP_H
#define DAAM_TOTP_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOTP_SECRET_BYTES 20   /* 160 bits, as RFC 4226 recommends */
#define TOTP_STEP_S 30
#define TOTP_DIGITS 6
#define TOTP_BASE32_CHARS 33   /* 20 bytes in base32 (32) and the NUL */
#define RECOVERY_COUNT 10
#define RECOVERY_CHARS 12      /* from a 31-symbol alphabet: 59 bits */
#define RECOVERY_SHOWN 15      /* "abcd-efgh-jkmn" and the NUL */

/* Once per process, before any other call; 0 or -1. */
int totp_init(void);

/* The clock codes are checked against: the time, or for the tests the
 * fixed time `daam serve --test-clock EPOCH` set (test-only, see
 * docs/admin-guide.md). */
extern int64_t totp_test_clock;
int64_t totp_now(void);

void totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES]);
/* The secret as base32 text without padding (what a person types into an
 * app), 32 characters; 0 or -1. */
int totp_base32(const unsigned char *secret, size_t n, char out[TOTP_BASE32_CHARS]);
/* The code of the step that holds `now`, in out (7 bytes); 0 or -1. */
int totp_code(const unsigned char *secret, size_t n, int64_t now, char out[TOTP_DIGITS + 1]);
/* Checks a 6-digit code against the steps now-1, now and now+1 (a phone's
 * clock may be 30 s off either way).  Returns the step it matched (> 0) when
 * that step is after last_step; 0 when it matches none; -1 when it matches a
 * step already used (a replay: a code is taken once). */
int64_t totp_verify(const unsigned char *secret, size_t n, int64_t now, const char *code, int64_t last_step);

/* What a code field holds, normalized: spaces, dashes and direction marks
 * are dropped, Arabic-Indic and Persian digits become ASCII, letters lower
 * case.  out (at least LIMIT_MFA_CODE_CHARS + 1 bytes) gets the 6 digits of
 * a TOTP code or the 12 symbols of a recovery code. */
enum mfa_input { MFA_BAD = 0, MFA_TOTP, MFA_RECOVERY };
enum mfa_input mfa_parse(const char *in, char *out, size_t outsz);

/* RECOVERY_COUNT new recovery codes, each shown as "abcd-efgh-jkmn". */
void recovery_codes_new(char codes[RECOVERY_COUNT][RECOVERY_SHOWN]);
/* The stored hash of a normalized recovery code (12 symbols) of a user:
 * BLAKE2b-256 keyed by nothing secret, over the user id and the code (the
 * codes are random, 59 bits each: a slow hash would cost the sign-in ten
 * argon2 runs and add little). */
void recovery_hash(int64_t user_id, const char *code, unsigned char out[32]);
#endif
