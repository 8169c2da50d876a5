/* person_data — a person's own data: everything daam holds on one person,
 * as a printable page and a JSON file, for the person who asks (a subject
 * access request); and erasure on their request (anonymized, the counts
 * kept).  For staff who may change people and see personal fields, on
 * people in their scope; every answer and every erasure is audited. */
#ifndef DAAM_PERSON_DATA_H
#define DAAM_PERSON_DATA_H
#include <stdint.h>
struct req;
void person_data_page(struct req *r);      /* GET /people/{id}/data */
void person_data_json(struct req *r);      /* GET /people/{id}/data.json, /api/v1/people/{id}/data */
void person_erase_submit(struct req *r);   /* POST /people/{id}/erase */
/* The person page's section: the links to the above. */
void person_data_section(struct req *r, int64_t person_id);
#endif
