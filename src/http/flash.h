/* flash — the message one page leaves for the next (req_flash): its text,
 * an optional link and the link's label, with the time it was made, in one
 * cookie value signed with a key drawn at start (HMAC-SHA-512-256, libsodium's
 * crypto_auth).  Only what daam signed is ever shown, so no one can make a
 * page say what daam did not write; after a restart old values fail the
 * check and are dropped (a flash lives a minute anyway). */
#ifndef DAAM_FLASH_H
#define DAAM_FLASH_H
#include <stddef.h>
#include <time.h>
#include "core/strbuf.h"

#define FLASH_TEXT_MAX 300   /* bytes of text, href or label kept */
#define FLASH_MAX_AGE 60     /* seconds */

/* Appends the cookie value (base64url, then "." and the signature) for
 * text, href and label (either may be NULL) made at now to sb.  Control
 * characters are replaced by spaces; each part is cut at FLASH_TEXT_MAX
 * bytes (at a character boundary). */
void flash_encode(struct strbuf *sb, time_t now, const char *text, const char *href, const char *label);
/* Checks value's signature and age (made at most FLASH_MAX_AGE seconds
 * before now) and decodes it into buf; sets text, href and label (href and
 * label "" when absent).  Returns 0, or -1 for anything forged, damaged,
 * too old or too long. */
int flash_decode(const char *value, time_t now, char *buf, size_t bufsz, const char **text, const char **href,
		 const char **label);
#endif
