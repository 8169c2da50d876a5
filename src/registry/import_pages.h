/* import_pages — what the import's web pages share: import_pages.c (the
 * upload, the list of files waiting, the review's forms), import_review.c
 * (the review page) and import_problems.c (the rows with problems as a CSV
 * file to correct). */
#ifndef DAAM_IMPORT_PAGES_H
#define DAAM_IMPORT_PAGES_H
#include <stdint.h>
#include "registry/import.h"

struct req;

/* An uploaded file waiting for its import. */
struct upload {
	int64_t id;
	int kind;              /* enum import_kind */
	const char *filename;
	int64_t expires;       /* unix time it is deleted unless imported */
};

/* Loads the user's upload {id} of the request into j (parsed, not yet
 * mapped).  Returns 0, or an HTTP status (404: none of this user's, or
 * expired; 403: the user may not write records of its kind). */
int upload_load(struct req *r, struct upload *u, struct import_job *j);
/* An uploaded file's own name without its folders, control characters or
 * invalid UTF-8, at most 200 bytes (also the attendance sheets'). */
const char *upload_filename(struct req *r, const char *given);
/* Where the user imports: the scope's office, duplicate flags on. */
void import_ctx_of(struct req *r, struct import_ctx *c);
/* Sets j's columns from col0, col1… of the form (form 1) or of the query
 * (0), each a field key or "" (ignored); a column without its parameter is
 * ignored.  With none at all, the guess from the header.  0, or -1 for an
 * unknown field key. */
int import_map_from(struct req *r, struct import_job *j, int form);

/* Sets j's place choices from pv0/pp0, pv1/pp1… of the form (form 1) or
 * the query (0): a value of the community column naming several places and
 * the place chosen for it (the review asks once per value).  0, or -1 for a
 * malformed pair (400). */
int import_places_from(struct req *r, struct import_job *j, int form);

/* Loads the upload, maps its columns from the form (form 1) or the query
 * (0) and checks every row into j with c.  Returns 0, or -1 after answering
 * the error itself (unreadable_status for a file that cannot be read; j is
 * then freed). */
int upload_check(struct req *r, struct upload *u, struct import_job *j, struct import_ctx *c, int form,
		 int unreadable_status);

/* The review page of a checked (or unreadable) file.  problem: NULL, or a
 * translated message shown first (a choice that no longer fits the file). */
void import_review_draw(struct req *r, const struct upload *u, const struct import_job *j, const char *problem);
#endif
