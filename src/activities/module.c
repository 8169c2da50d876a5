/* activities module — trainings, workshops and events: their sessions, the
 * people registered, attendance (offline-safe), test scores, certificates
 * with a public check, calendar feeds and the unique people reached. */
#include <stddef.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "activities/sheet.h"
#include "registry/perms.h"
#include "module.h"
#include "core/limits.h"
#include "core/i18n.h"

static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PLAN_LINK[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "action", PT_INT, IN_FORM, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PLAN_UNLINK[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "lid", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* a typed attendance sheet waiting for its review (attend_import.c) */
static const struct param_spec P_SHEET[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "sheet", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SHEET_MARK[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "sheet", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "leave_out", PT_INT, IN_FORM, 0, 0, SHEET_MAX_ROWS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_LIST[] = {
	{ "kind", PT_ENUM, IN_QUERY, 0, 0, 0, activity_kind_keys },
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "to", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define ACT_FIELDS \
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, activity_kind_keys }, \
	{ "title", PT_TEXT, IN_FORM, 1, 2, LIMIT_ACT_TITLE_CHARS, NULL }, \
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "room", PT_TEXT, IN_FORM, 0, 0, LIMIT_ACT_TEXT_CHARS, NULL }, \
	{ "facilitators", PT_TEXT, IN_FORM, 0, 0, LIMIT_ACT_TEXT_CHARS, NULL }, \
	{ "target_group", PT_TEXT, IN_FORM, 0, 0, LIMIT_ACT_TEXT_CHARS, NULL }, \
	{ "capacity", PT_INT, IN_FORM, 0, 0, LIMIT_ACT_CAPACITY, NULL }, \
	{ "threshold", PT_INT, IN_FORM, 0, 0, 100, NULL }
/* dims and trainers are repeated checkboxes, read with req_form_values */
static const struct param_spec P_NEW[] = {
	ACT_FIELDS,
	{ "day", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ "start", PT_TEXT, IN_FORM, 0, 0, 5, NULL },
	{ "end", PT_TEXT, IN_FORM, 0, 0, 5, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, ACT_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
/* the activity's page: reg_q, the registration picker's Find step */
static const struct param_spec P_PAGE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "reg_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ "link", PT_INT, IN_QUERY, 0, 0, 1, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SESSION_NEW[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "day", PT_DATE, IN_FORM, 1, 0, 0, NULL },
	{ "start", PT_TEXT, IN_FORM, 0, 0, 5, NULL },
	{ "end", PT_TEXT, IN_FORM, 0, 0, 5, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_REGISTER[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person", PT_INT, IN_FORM, 0, 0, ID_MAX, NULL },
	{ "reg_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ "confirm_new", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
	{ "birth_year", PT_YEAR, IN_FORM, 0, LIMIT_BIRTH_YEAR_MIN, LIMIT_BIRTH_YEAR_MAX, NULL },
	{ "phone", PT_TEXT, IN_FORM, 0, 0, LIMIT_PHONE_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SCORES[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "pid", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "pre", PT_INT, IN_FORM, 0, 0, 100, NULL },
	{ "post", PT_INT, IN_FORM, 0, 0, 100, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PERSON[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "pid", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SESSION_PAGE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "walk_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* a mark: present 1 (the default) or 0 (taken back); mark, the phone's id
 * of the tap (kept in the audit); js 1: answer JSON (attendance.js) */
static const struct param_spec P_MARK[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person", PT_INT, IN_FORM, 1, 1, ID_MAX, NULL },
	{ "present", PT_INT, IN_FORM, 0, 0, 1, NULL },
	{ "mark", PT_TEXT, IN_FORM, 0, 0, LIMIT_MARK_ID_CHARS, NULL },
	{ "js", PT_INT, IN_FORM, 0, 0, 1, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_WALKIN[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person", PT_INT, IN_FORM, 0, 0, ID_MAX, NULL },
	{ "walk_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ "confirm_new", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_REACH[] = {
	{ "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "to", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_API_LIST[] = {
	{ "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "to", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "limit", PT_INT, IN_QUERY, 0, 1, 500, NULL },
	{ "offset", PT_INT, IN_QUERY, 0, 0, 10000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const char *const cert_langs[] = { "ar", "en", NULL };
static const struct param_spec P_CERT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "pid", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "lang", PT_ENUM, IN_QUERY, 0, 0, 0, cert_langs },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_CERTS[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "lang", PT_ENUM, IN_FORM, 0, 0, 0, cert_langs },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_CODE[] = {
	{ "code", PT_TEXT, IN_PATH, 1, 1, LIMIT_CERT_CODE_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const char *const feed_kinds[] = { "office", "trainer", NULL };
static const struct param_spec P_FEED[] = {
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, feed_kinds },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* a feed's secret: 32 bytes in base64url, 43 characters */
static const struct param_spec P_TOKEN[] = {
	{ "token", PT_TEXT, IN_PATH, 1, 1, 64, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

/* a partner registers a member of their organization (portal.c) */
static const struct param_spec P_PORTAL[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person", PT_INT, IN_FORM, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct route routes[] = {
	{ M_GET,  "/activities", PERM_ACT_READ, activities_list, P_LIST, 0 },
	{ M_GET,  "/activities/new", PERM_ACT_WRITE, activity_new_page, NULL, 0 },
	{ M_POST, "/activities", PERM_ACT_WRITE, activity_create_submit, P_NEW, 0 },
	{ M_GET,  "/activities/{id}", PERM_ACT_READ, activity_page, P_PAGE, 0 },
	{ M_GET,  "/activities/{id}/edit", PERM_ACT_WRITE, activity_edit_page, P_ID, 0 },
	{ M_POST, "/activities/{id}", PERM_ACT_WRITE, activity_update_submit, P_EDIT, 0 },
	{ M_POST, "/activities/{id}/sessions", PERM_ACT_WRITE, session_create_submit, P_SESSION_NEW, 0 },
	{ M_POST, "/activities/{id}/people", PERM_ACT_WRITE | PERM_PEOPLE_READ, participant_submit, P_REGISTER, 0 },
	{ M_POST, "/activities/{id}/people/{pid}/scores", PERM_ACT_WRITE, scores_submit, P_SCORES, 0 },
	{ M_POST, "/activities/{id}/people/{pid}/remove", PERM_ACT_WRITE, participant_remove_submit, P_PERSON, 0 },
	{ M_GET,  "/sessions/{id}", PERM_ACT_WRITE, attendance_page, P_SESSION_PAGE, 0 },
	{ M_POST, "/sessions/{id}/attendance", PERM_ACT_WRITE, attendance_submit, P_MARK, 0 },
	{ M_POST, "/sessions/{id}/import", PERM_ACT_WRITE, attendance_import_submit, P_ID, ROUTE_UPLOAD },
	{ M_GET,  "/sessions/{id}/sheets/{sheet}", PERM_ACT_WRITE, attendance_sheet_page, P_SHEET, 0 },
	{ M_POST, "/sessions/{id}/sheets/{sheet}", PERM_ACT_WRITE, attendance_sheet_submit, P_SHEET_MARK, 0 },
	{ M_GET,  "/sessions/{id}/sheets/{sheet}/problems.csv", PERM_ACT_WRITE, attendance_sheet_problems, P_SHEET, 0 },
	{ M_POST, "/sessions/{id}/sheets/{sheet}/discard", PERM_ACT_WRITE, attendance_sheet_discard, P_SHEET, 0 },
	{ M_POST, "/sessions/{id}/walkin", PERM_ACT_WRITE | PERM_PEOPLE_READ, walkin_submit, P_WALKIN, 0 },
	{ M_GET,  "/reach", PERM_REACH, reach_page, P_REACH, 0 },
	{ M_GET,  "/reach.xlsx", PERM_REACH, reach_xlsx, P_REACH, 0 },
	{ M_GET,  "/activities/{id}/people/{pid}/certificate.pdf", PERM_CERTS, certificate_pdf, P_CERT, 0 },
	{ M_POST, "/activities/{id}/certificates", PERM_CERTS, certificates_submit, P_CERTS, 0 },
	{ M_POST, "/activities/{id}/plan-links", PERM_ACT_WRITE, plan_link_submit, P_PLAN_LINK, 0 },
	{ M_POST, "/activities/{id}/plan-links/{lid}/remove", PERM_ACT_WRITE, plan_unlink_submit, P_PLAN_UNLINK, 0 },
	{ M_GET,  "/verify/{code}", 0, verify_page, P_CODE, 0 },
	{ M_GET,  "/portal/activities", PERM_PEOPLE_READ, portal_page, NULL, 0 },
	{ M_POST, "/portal/activities/{id}/people", PERM_PEOPLE_READ, portal_register_submit, P_PORTAL, 0 },
	{ M_GET,  "/calendar", PERM_ACT_WRITE, calendar_page, NULL, 0 },
	{ M_POST, "/calendar", PERM_ACT_WRITE, calendar_create_submit, P_FEED, 0 },
	{ M_POST, "/calendar/{id}/revoke", PERM_ACT_WRITE, calendar_revoke_submit, P_ID, 0 },
	{ M_GET,  "/ics/{token}", 0, calendar_ics, P_TOKEN, 0 },

	{ M_GET,  "/api/v1/activities", PERM_ACT_READ, api_activities_list, P_API_LIST, ROUTE_API },
	{ M_GET,  "/api/v1/activities/{id}", PERM_ACT_READ, api_activity_get, P_ID, ROUTE_API },
	{ M_GET,  "/api/v1/reach", PERM_REACH, api_reach, P_REACH, ROUTE_API },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

#define RUNS (ROLE_BIT(ROLE_DIRECTOR) | ROLE_BIT(ROLE_PROGRAM_OFFICER) | ROLE_BIT(ROLE_TRAINER))

static const struct perm_decl perms[] = {
	{ PERM_ACT_READ, "activities.read", N_("See activities and their participants"),
	  RUNS | ROLE_BIT(ROLE_ME_OFFICER) },
	{ PERM_ACT_WRITE, "activities.write", N_("Run activities: sessions, registration, attendance, scores"), RUNS },
	{ PERM_REACH, "reach", N_("See the people reached (figures only)"),
	  RUNS | ROLE_BIT(ROLE_ME_OFFICER) | ROLE_BIT(ROLE_DONOR) },
	{ PERM_CERTS, "certificates", N_("Make certificates"), RUNS },
	{ 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/activities", N_("Activities"), PERM_ACT_READ, 200 },
	{ "/reach", N_("People reached"), PERM_REACH, 210 },
	{ NULL, NULL, 0, 0 },
};

static const struct audit_word actions[] = {
	{ "add_session", N_("Session added") }, { "register", N_("Registered") },
	{ "mark_present", N_("Marked present") }, { "mark_absent", N_("Mark taken back") },
	{ "scores", N_("Test scores recorded") }, { "certificate", N_("Certificate made") },
	{ "import_attendance", N_("Attendance sheet imported") }, { "unregister", N_("Taken off an activity") },
	{ "calendar_link", N_("Calendar link made") }, { "calendar_revoke", N_("Calendar link revoked") },
	{ "plan_link", N_("Plan action linked") }, { "plan_unlink", N_("Plan action unlinked") }, { NULL, NULL },
};
static const struct audit_word entities[] = {
	{ "activity", N_("Activity") }, { NULL, NULL },
};
static const struct audit_namer audit_names[] = {
	{ "activity", activity_audit_name }, { NULL, NULL },
};

static const struct page_section person_sections[] = {
	{ PERM_ACT_READ, person_activities_section },
	{ 0, NULL },
};
static const struct page_section home_sections[] = {
	{ PERM_REACH, reach_home_section },
	{ PERM_PEOPLE_READ, portal_home_section },   /* partners only */
	{ 0, NULL },
};

static const struct cli_verb verbs[] = {
	{ "certificates", cmd_certificates, "certificates --activity ID --out FILE.pdf [--lang ar|en] [--db PATH]\n"
	  "    Writes the certificates of every participant of the activity who met its attendance threshold, in one PDF." },
	{ NULL, NULL, NULL },
};

extern const struct job_decl activities_jobs[];  /* certs.c */

const struct module activities_module = {
	.name = "activities",
	.routes = routes,
	.perms = perms,
	.nav = nav,
	.audit_actions = actions,
	.audit_entities = entities,
	.audit_names = audit_names,
	.verbs = verbs,
	.person_sections = person_sections,
	.home_sections = home_sections,
	.jobs = activities_jobs,
	.demo = activities_demo,
};
