/* routes — every route of daam in one table: method, path, the permission
 * it needs, its handler and its declared parameters with their validators. */
#include <stddef.h>
#include "http/router.h"
#include "http/assets.h"
#include "auth/roles.h"
#include "pages.h"
#include "registry/registry.h"
#include "registry/search.h"
#include "registry/people_query.h"
#include "registry/dedup.h"
#include "registry/export.h"
#include "registry/import.h"
#include "jobs/jobs_pages.h"

#define ID_MAX 1000000000000LL

static const char *const lang_codes[] = { "ar", "en", NULL };
static const char *const digit_styles[] = { "arab", "latn", NULL };

static const struct param_spec P_LOGIN_PAGE[] = {
	{ "next", PT_TEXT, IN_QUERY, 0, 0, 512, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_LOGIN[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 0, 64, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ "next", PT_TEXT, IN_FORM, 0, 0, 512, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PREFS[] = {
	{ "lang", PT_ENUM, IN_FORM, 0, 0, 0, lang_codes },
	{ "digits", PT_ENUM, IN_FORM, 0, 0, 0, digit_styles },
	{ "next", PT_TEXT, IN_FORM, 0, 0, 512, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OWN_PASSWORD[] = {
	{ "current", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_NEW[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 0, 32, NULL },
	{ "display_name", PT_TEXT, IN_FORM, 0, 0, 100, NULL },
	{ "role", PT_ENUM, IN_FORM, 1, 0, 0, role_keys },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "display_name", PT_TEXT, IN_FORM, 0, 0, 100, NULL },
	{ "role", PT_ENUM, IN_FORM, 1, 0, 0, role_keys },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_USER_PASSWORD[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OFFICE_NEW[] = {
	{ "code", PT_TEXT, IN_FORM, 1, 2, 24, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_OFFICE_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_AUDIT[] = {
	{ "user", PT_TEXT, IN_QUERY, 0, 0, 64, NULL },
	{ "action", PT_TEXT, IN_QUERY, 0, 0, 40, NULL },
	{ "entity", PT_TEXT, IN_QUERY, 0, 0, 40, NULL },
	{ "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "to", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const char *const sort_keys[] = { "name", "new", NULL };
static const char *const yes_no[] = { "0", "1", NULL };

static const struct param_spec P_ORGS[] = {
	{ "q", PT_TEXT, IN_QUERY, 0, 0, 200, NULL },
	{ "kind", PT_ENUM, IN_QUERY, 0, 0, 0, org_kind_keys },
	{ "stage", PT_ENUM, IN_QUERY, 0, 0, 0, stage_keys },
	{ "sector", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "sort", PT_ENUM, IN_QUERY, 0, 0, 0, sort_keys },
	{ "place", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define ORG_FIELDS \
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 200, NULL }, \
	{ "name_en", PT_TEXT, IN_FORM, 0, 0, 200, NULL }, \
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, org_kind_keys }, \
	{ "stage", PT_ENUM, IN_FORM, 1, 0, 0, stage_keys }, \
	{ "maturity", PT_ENUM, IN_FORM, 0, 0, 0, maturity_keys }, \
	{ "reg_status", PT_ENUM, IN_FORM, 1, 0, 0, reg_keys }, \
	{ "reg_number", PT_TEXT, IN_FORM, 0, 0, 60, NULL }, \
	{ "reg_date", PT_DATE, IN_FORM, 0, 0, 0, NULL }, \
	{ "founded", PT_DATE, IN_FORM, 0, 0, 0, NULL }, \
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "place", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "contact_phone", PT_TEXT, IN_FORM, 0, 0, 40, NULL }, \
	{ "contact_email", PT_TEXT, IN_FORM, 0, 0, 120, NULL }
/* sectors and areas served are repeated checkboxes, read with req_form_values */
static const struct param_spec P_ORG_NEW[] = { ORG_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_ORG_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, ORG_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ORG_MEMBER[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 0, 2, 200, NULL },
	{ "role", PT_TEXT, IN_FORM, 0, 0, 100, NULL },
	{ "start", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* the people list's filters, shared by the list and its export (people_query.c) */
#define PEOPLE_FILTER_PARAMS \
	{ "q", PT_TEXT, IN_QUERY, 0, 0, 200, NULL }, \
	{ "gender", PT_ENUM, IN_QUERY, 0, 0, 0, gender_keys }, \
	{ "age", PT_ENUM, IN_QUERY, 0, 0, 0, age_band_keys }, \
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL }, \
	{ "org", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL }, \
	{ "place", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL }
static const struct param_spec P_PEOPLE[] = {
	PEOPLE_FILTER_PARAMS,
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define PERSON_FIELDS \
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 200, NULL }, \
	{ "name_latin", PT_TEXT, IN_FORM, 0, 0, 200, NULL }, \
	{ "gender", PT_ENUM, IN_FORM, 0, 0, 0, gender_keys }, \
	{ "displacement", PT_ENUM, IN_FORM, 0, 0, 0, displacement_keys }, \
	{ "education", PT_ENUM, IN_FORM, 0, 0, 0, education_keys }, \
	{ "disability", PT_ENUM, IN_FORM, 0, 0, 0, yes_no }, \
	{ "birth_year", PT_INT, IN_FORM, 0, 1900, 2030, NULL }, \
	{ "phone", PT_TEXT, IN_FORM, 0, 0, 40, NULL }, \
	{ "phone2", PT_TEXT, IN_FORM, 0, 0, 40, NULL }, \
	{ "place", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "consent_date", PT_DATE, IN_FORM, 0, 0, 0, NULL }, \
	{ "consent_purpose", PT_TEXT, IN_FORM, 0, 0, 200, NULL }
static const struct param_spec P_PERSON_NEW[] = { PERSON_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_PERSON_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, PERSON_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SEARCH[] = {
	{ "q", PT_TEXT, IN_QUERY, 0, 0, 200, NULL },
	{ "limit", PT_INT, IN_QUERY, 0, 1, 200, NULL },
	{ "offset", PT_INT, IN_QUERY, 0, 0, 10000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct param_spec P_PAGE[] = {
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ "refreshing", PT_INT, IN_QUERY, 0, 0, 1, NULL },
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
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PLACE_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SECTOR_NEW[] = {
	{ "code", PT_TEXT, IN_FORM, 1, 2, 32, NULL },
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, 100, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PAIR[] = {
	{ "pair", PT_TEXT, IN_FORM, 1, 3, 41, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

/* import (import_pages.c) */
static const char *const import_kinds[] = { "people", "orgs", NULL };
static const char *const import_actions[] = { "check", "commit", NULL };
static const struct param_spec P_IMPORT[] = {
	{ "done", PT_INT, IN_QUERY, 0, 0, 100000000, NULL },
	{ "kind", PT_ENUM, IN_QUERY, 0, 0, 0, import_kinds },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_IMPORT_UPLOAD[] = {
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, import_kinds },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_IMPORT_REVIEW[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "action", PT_ENUM, IN_FORM, 0, 0, 0, import_actions },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

const struct route route_table[] = {
	{ M_GET,  "/", PERM_SIGNED_IN, home_page, NULL, 0 },
	{ M_GET,  "/healthz", 0, health_json, NULL, ROUTE_API },
	{ M_GET,  "/assets/{file}", 0, asset_serve, NULL, 0 },
	{ M_GET,  "/login", 0, login_page, P_LOGIN_PAGE, 0 },
	{ M_POST, "/login", 0, login_submit, P_LOGIN, 0 },
	{ M_POST, "/logout", PERM_SIGNED_IN, logout_submit, NULL, 0 },
	{ M_POST, "/prefs", 0, prefs_submit, P_PREFS, 0 },
	{ M_GET,  "/account", PERM_SIGNED_IN, account_page, NULL, 0 },
	{ M_POST, "/account/password", PERM_SIGNED_IN, account_password_submit, P_OWN_PASSWORD, 0 },

	{ M_GET,  "/admin/users", PERM_USERS_ADMIN, users_list, NULL, 0 },
	{ M_GET,  "/admin/users/new", PERM_USERS_ADMIN, user_new_page, NULL, 0 },
	{ M_POST, "/admin/users", PERM_USERS_ADMIN, user_create_submit, P_USER_NEW, 0 },
	{ M_GET,  "/admin/users/{id}", PERM_USERS_ADMIN, user_page, P_ID, 0 },
	{ M_POST, "/admin/users/{id}", PERM_USERS_ADMIN, user_update_submit, P_USER_EDIT, 0 },
	{ M_POST, "/admin/users/{id}/disable", PERM_USERS_ADMIN, user_disable_submit, P_ID, 0 },
	{ M_POST, "/admin/users/{id}/enable", PERM_USERS_ADMIN, user_enable_submit, P_ID, 0 },
	{ M_POST, "/admin/users/{id}/password", PERM_USERS_ADMIN, user_password_submit, P_USER_PASSWORD, 0 },

	{ M_GET,  "/admin/offices", PERM_OFFICES_ADMIN, offices_list, NULL, 0 },
	{ M_POST, "/admin/offices", PERM_OFFICES_ADMIN, office_create_submit, P_OFFICE_NEW, 0 },
	{ M_GET,  "/admin/offices/{id}", PERM_OFFICES_ADMIN, office_page, P_ID, 0 },
	{ M_POST, "/admin/offices/{id}", PERM_OFFICES_ADMIN, office_update_submit, P_OFFICE_EDIT, 0 },

	{ M_GET,  "/admin/audit", PERM_AUDIT_READ, audit_list, P_AUDIT, 0 },
	{ M_GET,  "/admin/sectors", PERM_OFFICES_ADMIN, sectors_list, NULL, 0 },
	{ M_POST, "/admin/sectors", PERM_OFFICES_ADMIN, sector_create_submit, P_SECTOR_NEW, 0 },
	{ M_POST, "/admin/sectors/{id}", PERM_OFFICES_ADMIN, sector_rename_submit, P_PLACE_EDIT, 0 },
	{ M_GET,  "/admin/places", PERM_OFFICES_ADMIN, places_list, NULL, 0 },
	{ M_POST, "/admin/places", PERM_OFFICES_ADMIN, place_create_submit, P_PLACE_NEW, 0 },
	{ M_GET,  "/admin/places/{id}", PERM_OFFICES_ADMIN, place_page, P_ID, 0 },
	{ M_POST, "/admin/places/{id}", PERM_OFFICES_ADMIN, place_rename_submit, P_PLACE_EDIT, 0 },
	{ M_POST, "/admin/places/{id}/add", PERM_OFFICES_ADMIN, place_add_child_submit, P_PLACE_EDIT, 0 },

	{ M_GET,  "/search", PERM_ORGS_READ, search_page, P_SEARCH, 0 },
	{ M_GET,  "/orgs", PERM_ORGS_READ, orgs_list, P_ORGS, 0 },
	{ M_GET,  "/orgs/new", PERM_ORGS_WRITE, org_new_page, NULL, 0 },
	{ M_POST, "/orgs", PERM_ORGS_WRITE, org_create_submit, P_ORG_NEW, 0 },
	{ M_GET,  "/orgs/{id}", PERM_ORGS_READ, org_page, P_ID, 0 },
	{ M_GET,  "/orgs/{id}/edit", PERM_ORGS_WRITE, org_edit_page, P_ID, 0 },
	{ M_POST, "/orgs/{id}", PERM_ORGS_WRITE, org_update_submit, P_ORG_EDIT, 0 },
	{ M_POST, "/orgs/{id}/members", PERM_PEOPLE_WRITE, org_member_submit, P_ORG_MEMBER, 0 },
	{ M_GET,  "/people", PERM_PEOPLE_READ, people_list, P_PEOPLE, 0 },
	{ M_GET,  "/people/new", PERM_PEOPLE_WRITE, person_new_page, NULL, 0 },
	{ M_GET,  "/people/duplicates", PERM_PEOPLE_WRITE, duplicates_page, P_PAGE, 0 },
	{ M_GET,  "/people/export", PERM_PEOPLE_READ | PERM_EXPORT, people_export, P_PEOPLE_EXPORT, 0 },
	{ M_POST, "/people/duplicates/refresh", PERM_PEOPLE_WRITE, duplicates_refresh_submit, NULL, 0 },
	{ M_POST, "/people/duplicates/merge", PERM_PEOPLE_WRITE, duplicates_merge_submit, P_PAIR, 0 },
	{ M_POST, "/people/duplicates/distinct", PERM_PEOPLE_WRITE, duplicates_distinct_submit, P_PAIR, 0 },
	{ M_POST, "/people", PERM_PEOPLE_WRITE, person_create_submit, P_PERSON_NEW, 0 },
	{ M_GET,  "/people/{id}", PERM_PEOPLE_READ, person_page, P_ID, 0 },
	{ M_GET,  "/people/{id}/edit", PERM_PEOPLE_WRITE, person_edit_page, P_ID, 0 },
	{ M_POST, "/people/{id}", PERM_PEOPLE_WRITE, person_update_submit, P_PERSON_EDIT, 0 },

	{ M_GET,  "/api/v1/people", PERM_PEOPLE_READ, api_people_list, P_SEARCH, ROUTE_API },
	{ M_GET,  "/api/v1/people/duplicates", PERM_PEOPLE_WRITE, api_people_duplicates, P_SEARCH, ROUTE_API },
	{ M_GET,  "/api/v1/people/{id}", PERM_PEOPLE_READ, api_person_get, P_ID, ROUTE_API },
	{ M_GET,  "/api/v1/orgs", PERM_ORGS_READ, api_orgs_list, P_SEARCH, ROUTE_API },

	/* import (import_pages.c) */
	{ M_GET,  "/import", PERM_IMPORT, import_page, P_IMPORT, 0 },
	{ M_POST, "/import", PERM_IMPORT, import_upload_submit, P_IMPORT_UPLOAD, ROUTE_UPLOAD },
	{ M_GET,  "/import/{id}", PERM_IMPORT, import_review_page, P_ID, 0 },
	{ M_POST, "/import/{id}", PERM_IMPORT, import_review_submit, P_IMPORT_REVIEW, 0 },
	{ M_POST, "/import/{id}/delete", PERM_IMPORT, import_discard_submit, P_ID, 0 },

	/* jobs (src/jobs/) */
	{ M_GET,  "/jobs", PERM_SIGNED_IN, jobs_list_page, NULL, 0 },
	{ M_GET,  "/jobs/{id}", PERM_SIGNED_IN, job_page, P_ID, 0 },
	{ M_POST, "/jobs/{id}/cancel", PERM_SIGNED_IN, job_cancel_submit, P_ID, 0 },
	{ M_GET,  "/jobs/{id}/download", PERM_SIGNED_IN, job_download, P_ID, 0 },
	{ M_GET,  "/api/v1/jobs/{id}", PERM_SIGNED_IN, api_job_get, P_ID, ROUTE_API },
	{ 0, NULL, 0, NULL, NULL, 0 },
};
