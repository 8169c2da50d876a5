/* assets — the embedded CSS/JS/images served under content-hashed names
 * ("/assets/app.3f2a1b9c0d.css"), cached immutable, gzip made once at start. */
#ifndef DAAM_ASSETS_H
#define DAAM_ASSETS_H
#include <stddef.h>
struct req;
int assets_init(void);
/* The hashed URL of an embedded asset ("app.css"), or "/assets/missing". */
const char *asset_url(const char *name);
void asset_serve(struct req *r);
#endif
