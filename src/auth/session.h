/* session — sign-in sessions and CSRF tokens.  The browser holds a random
 * 256-bit token; the database keeps only its BLAKE2b hash.  Sessions end
 * after idle time, after an absolute time, at logout, when the user is
 * disabled, and when the password changes. */
#ifndef DAAM_SESSION_H
#define DAAM_SESSION_H
#include <stdint.h>
#include <sqlite3.h>

struct req;
struct db;

extern int session_idle_s;      /* default LIMIT_SESSION_IDLE_S (30 minutes) */
extern int session_absolute_s;  /* default LIMIT_SESSION_MAX_S (12 hours) */

#define TOKEN_CHARS 44  /* 32 random bytes in base64url, with the NUL */

void token_random(char out[TOKEN_CHARS]);
/* The signed-in user from a query row (columns given by number), in r's arena. */
struct user *user_from_row(struct req *r, sqlite3_stmt *st, int id_col, int name_col, int display_col, int role,
			   int office_col, int org_col);
/* Loads the signed-in user (if any) into r->user and r->csrf. */
void session_load(struct req *r);
/* Starts a new session for user_id inside the writer transaction w and sets
 * the cookie.  Returns 0 or -1. */
int session_start(struct req *r, struct db *w, int64_t user_id);
/* Ends the request's session (logout). */
void session_end(struct req *r, struct db *w);
/* Ends every session of a user (disabled, password changed). */
int session_end_all(struct db *w, int64_t user_id);
/* For visitors not signed in: the CSRF token of the "csrf" cookie, set now if absent. */
const char *csrf_for_visitor(struct req *r);
/* 1 when the submitted token equals the expected one (constant time). */
int csrf_check(struct req *r);
#endif
