/* registry_pages — the registry's page handlers and command-line verbs
 * (the route table is in module.c; search, dedup, export and import
 * declare theirs in their own headers). */
#ifndef DAAM_REGISTRY_PAGES_H
#define DAAM_REGISTRY_PAGES_H
#include <stdint.h>
struct req;
/* orgs.c */
void orgs_list(struct req *r);
void org_page(struct req *r);
void org_new_page(struct req *r);
void org_edit_page(struct req *r);
void org_create_submit(struct req *r);
void org_update_submit(struct req *r);
/* org_members.c */
void org_member_submit(struct req *r);
/* What the add-member form shows again after its POST: the words and the
 * choice, the new person's phone and birth year, and whether a new person
 * waits for "None of these". */
struct member_pick {
	const char *words, *selected, *phone;
	int birth_year, confirm;
};
/* The organization's page (orgs.c) with the add-member form (org_members.c)
 * as its POST left it; mp NULL: the page's own GET (words from member_q). */
void org_page_with(struct req *r, const struct member_pick *mp);
void member_form(struct req *r, int64_t id, const struct member_pick *mp);
/* people.c */
void people_list(struct req *r);
void person_page(struct req *r);
void person_new_page(struct req *r);
void person_edit_page(struct req *r);
void person_create_submit(struct req *r);
void person_update_submit(struct req *r);
/* places.c */
void places_list(struct req *r);
void place_page(struct req *r);
void place_create_submit(struct req *r);
void place_add_child_submit(struct req *r);
void place_rename_submit(struct req *r);
void place_aliases_submit(struct req *r);
/* sectors.c */
void sectors_list(struct req *r);
void sector_create_submit(struct req *r);
void sector_rename_submit(struct req *r);
/* cli_import.c, cli_dedup.c */
int cmd_import(int argc, char **argv);
int cmd_dedup(int argc, char **argv);
#endif
