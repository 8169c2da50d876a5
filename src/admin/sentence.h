/* sentence — a translated sentence with markup in its middle: the audit
 * log's "Merged record {gone} into {kept}", the import's "Import {n}
 * people".  The sentence's own words are escaped; each {key} is replaced by
 * markup daam made (a link, a number in <bdi dir="ltr">), so a translation
 * can put the pieces in its own order and never carries markup itself.
 * (Shared by the audit log and the import pages; its natural home is
 * src/html once the shared components settle.) */
#ifndef DAAM_SENTENCE_H
#define DAAM_SENTENCE_H
#include "core/strbuf.h"
struct req;

/* Writes tmpl to o with each {key} replaced by its markup: the arguments
 * after tmpl are key, markup pairs ended by NULL.  A {key} without a pair is
 * written as text; a NULL markup writes nothing. */
void sentence(struct strbuf *o, const char *tmpl, ...) __attribute__((sentinel));

/* Markup pieces, allocated in r's arena: */
/* a number with the user's digits, <bdi dir="ltr">12</bdi> */
const char *piece_num(struct req *r, long long n);
/* text escaped, isolated: <bdi>text</bdi>; with ltr 1, <bdi dir="ltr"> (file names, codes) */
const char *piece_text(struct req *r, const char *text, int ltr);
/* a link with escaped text, isolated: <a href="href"><bdi>text</bdi></a> */
const char *piece_link(struct req *r, const char *href, const char *text);
#endif
