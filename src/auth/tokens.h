/* tokens — API bearer tokens for scripts and other systems: made with
 * `daam token create --user NAME`, shown once, stored hashed, revocable.
 * They act with the user's role and scope, on /api/v1/ routes only. */
#ifndef DAAM_TOKENS_H
#define DAAM_TOKENS_H
#include <stdint.h>
#include "auth/session.h"
struct db;
struct req;
/* Creates a token for user_id inside w; writes it (to show once) into out. 0 or -1. */
int token_create(struct db *w, int64_t user_id, const char *label, char out[TOKEN_CHARS], int64_t *id_out);
int token_revoke(struct db *w, int64_t token_id);
/* Revokes every live token of a user (a disabled account, a password
 * changed by choice).  The number revoked, or -1. */
int tokens_revoke_all(struct db *w, int64_t user_id);
/* The number of live tokens of a user (on the read connection d). */
int tokens_live(struct db *d, int64_t user_id);
/* Signs the request in from "Authorization: Bearer …" when it is valid. */
void token_load(struct req *r);
#endif
