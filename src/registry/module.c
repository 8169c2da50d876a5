/* registry module — organizations, people, memberships, places, sectors,
 * search, duplicates, import and export: the partners registry. */
#include <stddef.h>
#include "admin/perms.h"
#include "registry/perms.h"
#include "module.h"
#include "core/limits.h"
#include "core/i18n.h"
#include "registry/registry.h"
#include "registry/demo.h"
#include "registry/registry_pages.h"
#include "registry/search.h"
#include "registry/people_query.h"
#include "registry/age_bands.h"
#include "registry/dedup.h"
#include "registry/merge.h"
#include "registry/export.h"
#include "registry/import.h"
#include "registry/places_import.h"
#include "registry/person_data.h"

static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const char *const sort_keys[] = { "name", "new", NULL };
static const char *const yes_no[] = { "0", "1", NULL };

static const struct param_spec P_ORGS[] = {
	{ "q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ "kind", PT_ENUM, IN_QUERY, 0, 0, 0, org_kind_keys },
	{ "stage", PT_ENUM, IN_QUERY, 0, 0, 0, stage_keys },
	{ "sector", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "sort", PT_ENUM, IN_QUERY, 0, 0, 0, sort_keys },
	{ "place", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "place_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_COMMUNITY_CHARS, NULL },
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ "after", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "before", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define ORG_FIELDS \
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_ORG_NAME_CHARS, NULL }, \
	{ "name_en", PT_TEXT, IN_FORM, 0, 0, LIMIT_ORG_NAME_CHARS, NULL }, \
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, org_kind_keys }, \
	{ "stage", PT_ENUM, IN_FORM, 1, 0, 0, stage_keys }, \
	{ "maturity", PT_ENUM, IN_FORM, 0, 0, 0, maturity_keys }, \
	{ "reg_status", PT_ENUM, IN_FORM, 1, 0, 0, reg_keys }, \
	{ "reg_number", PT_TEXT, IN_FORM, 0, 0, LIMIT_REG_NUMBER_CHARS, NULL }, \
	{ "reg_date", PT_DATE, IN_FORM, 0, 0, 0, NULL }, \
	{ "founded", PT_DATE, IN_FORM, 0, 0, 0, NULL }, \
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "place", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "place_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_COMMUNITY_CHARS, NULL }, \
	{ "contact_phone", PT_TEXT, IN_FORM, 0, 0, LIMIT_PHONE_CHARS, NULL }, \
	{ "contact_email", PT_TEXT, IN_FORM, 0, 0, LIMIT_EMAIL_CHARS, NULL }
/* sectors and areas served are repeated checkboxes, read with req_form_values */
static const struct param_spec P_ORG_NEW[] = { ORG_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_ORG_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, ORG_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
/* the organization's page: member_q, the add-member picker's Find step */
static const struct param_spec P_ORG_PAGE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "member_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* adding a member (org_members.c): person, the number chosen (0: the new
 * person named by member_q); name_ar, a new person's name sent without a
 * person (the API's way); confirm_new, "None of these" when a new person's
 * name or phone is already registered */
static const struct param_spec P_ORG_MEMBER[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person", PT_INT, IN_FORM, 0, 0, ID_MAX, NULL },
	{ "member_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 0, 2, LIMIT_PERSON_NAME_CHARS, NULL },
	{ "confirm_new", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
	{ "birth_year", PT_YEAR, IN_FORM, 0, LIMIT_BIRTH_YEAR_MIN, LIMIT_BIRTH_YEAR_MAX, NULL },
	{ "phone", PT_TEXT, IN_FORM, 0, 0, LIMIT_PHONE_CHARS, NULL },
	{ "role", PT_TEXT, IN_FORM, 0, 0, LIMIT_ROLE_CHARS, NULL },
	{ "start", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* the people list's filters, shared by the list and its export (people_query.c) */
#define PEOPLE_FILTER_PARAMS \
	{ "q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_QUERY_CHARS, NULL }, \
	{ "gender", PT_ENUM, IN_QUERY, 0, 0, 0, gender_keys }, \
	{ "age", PT_ENUM, IN_QUERY, 0, 0, 0, age_band_keys }, \
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL }, \
	{ "org", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL }, \
	{ "place", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL }, \
	{ "place_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_COMMUNITY_CHARS, NULL }
static const struct param_spec P_PEOPLE[] = {
	PEOPLE_FILTER_PARAMS,
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ "after", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "before", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define PERSON_FIELDS \
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_PERSON_NAME_CHARS, NULL }, \
	{ "name_latin", PT_TEXT, IN_FORM, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL }, \
	{ "gender", PT_ENUM, IN_FORM, 0, 0, 0, gender_keys }, \
	{ "displacement", PT_ENUM, IN_FORM, 0, 0, 0, displacement_keys }, \
	{ "education", PT_ENUM, IN_FORM, 0, 0, 0, education_keys }, \
	{ "disability", PT_ENUM, IN_FORM, 0, 0, 0, yes_no }, \
	{ "birth_year", PT_YEAR, IN_FORM, 0, LIMIT_BIRTH_YEAR_MIN, LIMIT_BIRTH_YEAR_MAX, NULL }, \
	{ "phone", PT_TEXT, IN_FORM, 0, 0, LIMIT_PHONE_CHARS, NULL }, \
	{ "phone2", PT_TEXT, IN_FORM, 0, 0, LIMIT_PHONE_CHARS, NULL }, \
	{ "place", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "place_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_COMMUNITY_CHARS, NULL }, \
	{ "consent_date", PT_DATE, IN_FORM, 0, 0, 0, NULL }, \
	{ "consent_purpose", PT_TEXT, IN_FORM, 0, 0, 200, NULL }
static const struct param_spec P_PERSON_NEW[] = { PERSON_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_PERSON_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, PERSON_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SEARCH[] = {
	{ "q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ "limit", PT_INT, IN_QUERY, 0, 1, 200, NULL },
	{ "offset", PT_INT, IN_QUERY, 0, 0, 10000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct param_spec P_PAGE[] = {
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ "refreshing", PT_INT, IN_QUERY, 0, 0, 1, NULL },
	{ "merged", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },  /* the message after a merge */
	{ "undone", PT_TEXT, IN_QUERY, 0, 3, 41, NULL },     /* … after an undo: "KEPT:OTHER" */
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const char *const export_formats[] = { "xlsx", "csv", NULL };
static const struct param_spec P_PEOPLE_EXPORT[] = {
	PEOPLE_FILTER_PARAMS,
	{ "format", PT_ENUM, IN_QUERY, 0, 0, 0, export_formats },
	{ "identified", PT_INT, IN_QUERY, 0, 0, 1, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PLACE_NEW[] = {
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PLACE_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* a place's other names, one per line */
static const struct param_spec P_PLACE_ALIASES[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "aliases", PT_LONGTEXT, IN_FORM, 0, 0, LIMIT_PLACE_ALIASES * (LIMIT_VOCAB_NAME_CHARS + 2), NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SECTOR_NEW[] = {
	{ "code", PT_TEXT, IN_FORM, 1, 2, 32, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, LIMIT_VOCAB_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PAIR[] = {
	{ "pair", PT_TEXT, IN_FORM, 1, 3, 41, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* a suggested pair, by the numbers of its two people */
static const struct param_spec P_PAIR_PATH[] = {
	{ "a", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "b", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* the merge: the pair, the number kept (the pair's first when absent) and
 * for each field the number of the record whose value is kept (phones: 0
 * for both records'); a field not sent takes the more complete value */
#define MERGE_CHOICE(name) { name, PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }
static const struct param_spec P_MERGE[] = {
	{ "pair", PT_TEXT, IN_FORM, 1, 3, 41, NULL },
	MERGE_CHOICE("keep"), MERGE_CHOICE("name_ar"), MERGE_CHOICE("name_latin"), MERGE_CHOICE("gender"),
	MERGE_CHOICE("birth_year"), MERGE_CHOICE("place"), MERGE_CHOICE("displacement"), MERGE_CHOICE("education"),
	MERGE_CHOICE("disability"), MERGE_CHOICE("consent"),
	{ "phones", PT_INT, IN_FORM, 0, 0, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

/* import (import_pages.c) */
static const char *const import_kinds[] = { "people", "orgs", NULL };
static const char *const import_actions[] = { "check", "commit", "commit_valid", NULL };
static const struct param_spec P_IMPORT[] = {
	{ "done", PT_INT, IN_QUERY, 0, 0, 100000000, NULL },
	{ "left", PT_INT, IN_QUERY, 0, 0, LIMIT_IMPORT_ROWS, NULL },
	{ "kind", PT_ENUM, IN_QUERY, 0, 0, 0, import_kinds },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_IMPORT_UPLOAD[] = {
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, import_kinds },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* sheet: the workbook's sheet read (by name), for an .xlsx with several */
static const struct param_spec P_IMPORT_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "sheet", PT_TEXT, IN_QUERY, 0, 1, 255, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_IMPORT_REVIEW[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "sheet", PT_TEXT, IN_FORM, 0, 1, 255, NULL },
	{ "action", PT_ENUM, IN_FORM, 0, 0, 0, import_actions },
	/* commit_valid: the counts the person saw when choosing */
	{ "ready", PT_INT, IN_FORM, 0, 0, LIMIT_IMPORT_ROWS, NULL },
	{ "left_out", PT_INT, IN_FORM, 0, 0, LIMIT_IMPORT_ROWS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct route routes[] = {
	{ M_GET,  "/admin/sectors", PERM_OFFICES_ADMIN, sectors_list, NULL, 0 },
	{ M_POST, "/admin/sectors", PERM_OFFICES_ADMIN, sector_create_submit, P_SECTOR_NEW, 0 },
	{ M_POST, "/admin/sectors/{id}", PERM_OFFICES_ADMIN, sector_rename_submit, P_PLACE_EDIT, 0 },
	{ M_GET,  "/admin/places", PERM_OFFICES_ADMIN, places_list, NULL, 0 },
	{ M_POST, "/admin/places", PERM_OFFICES_ADMIN, place_create_submit, P_PLACE_NEW, 0 },
	{ M_GET,  "/admin/places/{id}", PERM_OFFICES_ADMIN, place_page, P_ID, 0 },
	{ M_POST, "/admin/places/{id}", PERM_OFFICES_ADMIN, place_rename_submit, P_PLACE_EDIT, 0 },
	{ M_POST, "/admin/places/{id}/add", PERM_OFFICES_ADMIN, place_add_child_submit, P_PLACE_EDIT, 0 },
	{ M_POST, "/admin/places/{id}/aliases", PERM_OFFICES_ADMIN, place_aliases_submit, P_PLACE_ALIASES, 0 },

	{ M_GET,  "/search", PERM_ORGS_READ, search_page, P_SEARCH, 0 },
	{ M_GET,  "/orgs", PERM_ORGS_READ, orgs_list, P_ORGS, 0 },
	{ M_GET,  "/orgs/new", PERM_ORGS_WRITE, org_new_page, NULL, 0 },
	{ M_POST, "/orgs", PERM_ORGS_WRITE, org_create_submit, P_ORG_NEW, 0 },
	{ M_GET,  "/orgs/{id}", PERM_ORGS_READ, org_page, P_ORG_PAGE, 0 },
	{ M_GET,  "/orgs/{id}/edit", PERM_ORGS_WRITE, org_edit_page, P_ID, 0 },
	{ M_POST, "/orgs/{id}", PERM_ORGS_WRITE, org_update_submit, P_ORG_EDIT, 0 },
	{ M_POST, "/orgs/{id}/members", PERM_PEOPLE_WRITE, org_member_submit, P_ORG_MEMBER, 0 },
	{ M_GET,  "/people", PERM_PEOPLE_READ, people_list, P_PEOPLE, 0 },
	{ M_GET,  "/people/new", PERM_PEOPLE_WRITE, person_new_page, NULL, 0 },
	{ M_GET,  "/people/duplicates", PERM_PEOPLE_WRITE, duplicates_page, P_PAGE, 0 },
	{ M_GET,  "/people/export", PERM_PEOPLE_READ | PERM_EXPORT, people_export, P_PEOPLE_EXPORT, 0 },
	{ M_POST, "/people/duplicates/refresh", PERM_PEOPLE_WRITE, duplicates_refresh_submit, NULL, 0 },
	{ M_GET,  "/people/duplicates/{a}/{b}", PERM_PEOPLE_WRITE, merge_compare_page, P_PAIR_PATH, 0 },
	{ M_POST, "/people/duplicates/merge", PERM_PEOPLE_WRITE, merge_submit, P_MERGE, 0 },
	{ M_POST, "/people/merges/{id}/undo", PERM_PEOPLE_WRITE, merge_undo_submit, P_ID, 0 },
	{ M_POST, "/people/duplicates/distinct", PERM_PEOPLE_WRITE, duplicates_distinct_submit, P_PAIR, 0 },
	{ M_POST, "/people", PERM_PEOPLE_WRITE, person_create_submit, P_PERSON_NEW, 0 },
	{ M_GET,  "/people/{id}", PERM_PEOPLE_READ, person_page, P_ID, 0 },
	{ M_GET,  "/people/{id}/edit", PERM_PEOPLE_WRITE, person_edit_page, P_ID, 0 },
	{ M_POST, "/people/{id}", PERM_PEOPLE_WRITE, person_update_submit, P_PERSON_EDIT, 0 },
	/* a person's own data and its erasure (person_data.c) */
	{ M_GET,  "/people/{id}/data", PERM_PEOPLE_WRITE | PERM_PERSONAL_FIELDS, person_data_page, P_ID, 0 },
	{ M_GET,  "/people/{id}/data.json", PERM_PEOPLE_WRITE | PERM_PERSONAL_FIELDS, person_data_json, P_ID, 0 },
	{ M_POST, "/people/{id}/erase", PERM_PEOPLE_WRITE | PERM_PERSONAL_FIELDS, person_erase_submit, P_ID, 0 },

	{ M_GET,  "/api/v1/people", PERM_PEOPLE_READ, api_people_list, P_SEARCH, ROUTE_API },
	{ M_GET,  "/api/v1/people/duplicates", PERM_PEOPLE_WRITE, api_people_duplicates, P_SEARCH, ROUTE_API },
	{ M_GET,  "/api/v1/people/{id}", PERM_PEOPLE_READ, api_person_get, P_ID, ROUTE_API },
	{ M_GET,  "/api/v1/people/{id}/data", PERM_PEOPLE_WRITE | PERM_PERSONAL_FIELDS, person_data_json, P_ID, ROUTE_API },
	{ M_GET,  "/api/v1/orgs", PERM_ORGS_READ, api_orgs_list, P_SEARCH, ROUTE_API },

	/* import (import_pages.c) */
	{ M_GET,  "/import", PERM_IMPORT, import_page, P_IMPORT, 0 },
	{ M_POST, "/import", PERM_IMPORT, import_upload_submit, P_IMPORT_UPLOAD, ROUTE_UPLOAD },
	{ M_GET,  "/import/{id}", PERM_IMPORT, import_review_page, P_IMPORT_ID, 0 },
	{ M_POST, "/import/{id}", PERM_IMPORT, import_review_submit, P_IMPORT_REVIEW, 0 },
	{ M_POST, "/import/{id}/delete", PERM_IMPORT, import_discard_submit, P_ID, 0 },
	{ M_GET,  "/import/{id}/problems", PERM_IMPORT, import_problems_csv, P_IMPORT_ID, 0 },

	{ 0, NULL, 0, NULL, NULL, 0 },
};

#define STAFF (ROLE_BIT(ROLE_DIRECTOR) | ROLE_BIT(ROLE_PROGRAM_OFFICER))
#define ALL_BUT_OUTSIDERS (((1u << ROLE_COUNT) - 1) & ~ROLE_BIT(ROLE_REVIEWER) & ~ROLE_BIT(ROLE_DONOR))

static const struct perm_decl perms[] = {
	{ PERM_ORGS_READ, "orgs.read", N_("See organizations"), ALL_BUT_OUTSIDERS },
	{ PERM_ORGS_WRITE, "orgs.write", N_("Add and change organizations"), STAFF },
	{ PERM_PEOPLE_READ, "people.read", N_("See people"),
	  STAFF | ROLE_BIT(ROLE_TRAINER) | ROLE_BIT(ROLE_GRANTS_OFFICER) | ROLE_BIT(ROLE_ME_OFFICER) | ROLE_BIT(ROLE_PARTNER) },
	{ PERM_PEOPLE_WRITE, "people.write", N_("Add, change and merge people"), STAFF },
	{ PERM_PERSONAL_FIELDS, "people.personal", N_("See phones, birth years and communities"), STAFF },
	{ PERM_EXPORT, "export", N_("Export pseudonymous lists"),
	  STAFF | ROLE_BIT(ROLE_GRANTS_OFFICER) | ROLE_BIT(ROLE_ME_OFFICER) },
	{ PERM_EXPORT_IDENTIFIED, "export.identified", N_("Export lists with names and phones"), ROLE_BIT(ROLE_DIRECTOR) },
	{ PERM_IMPORT, "import", N_("Import CSV files"), STAFF },
	{ 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/search", N_("Search"), PERM_ORGS_READ, 100 },
	{ "/orgs", N_("Organizations"), PERM_ORGS_READ, 110 },
	{ "/people", N_("People"), PERM_PEOPLE_READ, 120 },
	{ "/import", N_("Import"), PERM_IMPORT, 130 },
	{ "/admin/places", N_("Places"), PERM_OFFICES_ADMIN, 920 },
	{ "/admin/sectors", N_("Sectors"), PERM_OFFICES_ADMIN, 930 },
	{ NULL, NULL, 0, 0 },
};

static const struct audit_word actions[] = {
	{ "merge", N_("Merged") }, { "unmerge", N_("Merge undone") }, { "not_duplicate", N_("Marked not the same") },
	{ "add_member", N_("Member added") }, { "set_aliases", N_("Other names changed") }, { NULL, NULL },
};
static const struct audit_word entities[] = {
	{ "org", N_("Organization") }, { "person", N_("Person") }, { "people", N_("People list") },
	{ "orgs", N_("Organizations list") }, { "place", N_("Place") }, { "places", N_("Places list") }, { "sector", N_("Sector") }, { NULL, NULL },
};

extern const struct job_decl registry_jobs[];  /* registry_jobs.c */

/* on a person's page: the merges into them that can still be undone */
static const struct page_section person_sections[] = {
	{ PERM_PEOPLE_WRITE, merge_person_section },
	{ PERM_PEOPLE_WRITE, person_data_section },
	{ 0, NULL },
};

static const struct cli_verb verbs[] = {
	{ "dedup", cmd_dedup, "dedup [--db PATH]\n    Recomputes the pairs of people who may be registered twice." },
	{ "import", cmd_import, "import people|orgs FILE.csv|FILE.xlsx [--sheet NAME] [--dry-run] [--db PATH]\n    Checks a CSV file (UTF-8, Windows-1256 or UTF-16) or a sheet of an Excel workbook (the first, or --sheet NAME or number) and imports it whole, or nothing when a row has an error." },
	{ "places", cmd_places, "places import FILE.csv [--dry-run] [--db PATH]\n    Loads the official list of places (the OCHA administrative boundaries table, admin1Pcode… admin4Name_ar): new places added, places already there matched by p-code or name and updated, none deleted." },
	{ NULL, NULL, NULL },
};

const struct module registry_module = {
	.name = "registry",
	.routes = routes,
	.perms = perms,
	.nav = nav,
	.audit_actions = actions,
	.audit_entities = entities,
	.verbs = verbs,
	.person_sections = person_sections,
	.jobs = registry_jobs,
	.demo = registry_demo,
	.upgrade = registry_upgrade,
};
