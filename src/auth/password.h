/* password — argon2id hashing (libsodium, t=2, m=19 MiB) with a cap on how
 * many hashes run at once, and the password rules: 8 to 128 characters, no
 * composition rules, the most common passwords refused. */
#ifndef DAAM_PASSWORD_H
#define DAAM_PASSWORD_H
#include <stddef.h>

#define PASSWORD_HASH_MAX 128

int password_init(void);
/* Hashes pw into out (PASSWORD_HASH_MAX bytes). 0, or -1 (out of memory). */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* 1 when pw matches the stored hash, else 0. */
int password_verify(const char *hash, const char *pw);
/* NULL when acceptable, else the reason (an English msgid to translate). */
const char *password_problem(const char *pw, const char *username);
/* A hash that verifies nothing, to spend the same time for unknown users. */
const char *password_dummy_hash(void);
#endif
