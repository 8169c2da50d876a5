/* search — one search box over people and organizations: by name in any
 * folded spelling (prefix matching, words in any order, across scripts via
 * the phonetic key) and by phone; the results page and the JSON API. */
#ifndef DAAM_SEARCH_H
#define DAAM_SEARCH_H
struct strbuf;
struct req;
/* Writes an FTS5 MATCH expression for the user's text q into out:
 * each word becomes ("folded"* OR "key"*), words AND-ed.  Leaves out empty
 * when q has no searchable letters.  Returns the number of words. */
int search_match_expr(const char *q, struct strbuf *out);
void search_page(struct req *r);
void api_people_list(struct req *r);
void api_orgs_list(struct req *r);
void api_person_get(struct req *r);
#endif
