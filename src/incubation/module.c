/* incubation module — cohorts and selection, the assessment framework,
 * assessments on the ten dimensions, results, capacity-building plans
 * (issue 10).  Its tables are migrations 015 and 016. */
#include <stddef.h>
#include "admin/perms.h"
#include "incubation/perms.h"
#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "module.h"
#include "core/limits.h"
#include "core/i18n.h"

static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_COHORTS[] = {
	{ "status", PT_ENUM, IN_QUERY, 0, 0, 0, cohort_status_keys },
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* facilitators are repeated checkboxes, read with req_form_values */
#define COHORT_FIELDS \
	{ "name", PT_TEXT, IN_FORM, 1, 2, LIMIT_COHORT_NAME_CHARS, NULL }, \
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "start", PT_DATE, IN_FORM, 1, 0, 0, NULL }, \
	{ "end", PT_DATE, IN_FORM, 0, 0, 0, NULL }, \
	{ "status", PT_ENUM, IN_FORM, 0, 0, 0, cohort_status_keys }
static const struct param_spec P_COHORT_NEW[] = { COHORT_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_COHORT_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, COHORT_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
/* the cohort's page: org_q, the add-candidate picker's Find step */
static const struct param_spec P_COHORT_PAGE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "org_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_CAND_ADD[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "org", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "org_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_QUERY_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_DECISION[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "decision", PT_ENUM, IN_FORM, 1, 0, 0, decision_keys },
	{ "reason", PT_LONGTEXT, IN_FORM, 1, 3, LIMIT_REASON_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const char *const yes_no[] = { "0", "1", NULL };
#define CRITERION_FIELDS \
	{ "name_ar", PT_TEXT, IN_FORM, 1, 2, LIMIT_INCUB_TEXT_CHARS, NULL }, \
	{ "name_en", PT_TEXT, IN_FORM, 1, 2, LIMIT_INCUB_TEXT_CHARS, NULL }, \
	{ "weight", PT_INT, IN_FORM, 1, 0, 10, NULL }, \
	{ "active", PT_ENUM, IN_FORM, 0, 0, 0, yes_no }
static const struct param_spec P_CRIT[] = { CRITERION_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_CRIT_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, CRITERION_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_FW[] = {
	{ "version", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define TEXT_FIELD(n) { n, PT_TEXT, IN_FORM, 1, 2, LIMIT_INCUB_TEXT_CHARS, NULL }
static const struct param_spec P_IND_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	TEXT_FIELD("text_ar"), TEXT_FIELD("text_en"), TEXT_FIELD("l1_ar"), TEXT_FIELD("l1_en"), TEXT_FIELD("l2_ar"),
	TEXT_FIELD("l2_en"), TEXT_FIELD("l3_ar"), TEXT_FIELD("l3_en"), TEXT_FIELD("l4_ar"), TEXT_FIELD("l4_en"),
	{ "note", PT_TEXT, IN_FORM, 0, 0, LIMIT_INCUB_TEXT_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_IND_NEW_PAGE[] = {
	{ "dim", PT_ENUM, IN_QUERY, 1, 0, 0, dim_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_IND_NEW[] = {
	{ "dim", PT_ENUM, IN_FORM, 1, 0, 0, dim_keys },
	TEXT_FIELD("text_ar"), TEXT_FIELD("text_en"), TEXT_FIELD("l1_ar"), TEXT_FIELD("l1_en"), TEXT_FIELD("l2_ar"),
	TEXT_FIELD("l2_en"), TEXT_FIELD("l3_ar"), TEXT_FIELD("l3_en"), TEXT_FIELD("l4_ar"), TEXT_FIELD("l4_en"),
	{ "note", PT_TEXT, IN_FORM, 0, 0, LIMIT_INCUB_TEXT_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ASSESS_NEW[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, assess_kind_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ASSESS_PAGE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "dim", PT_ENUM, IN_QUERY, 0, 0, 0, dim_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* the scores are repeated fields (ind, self, fac, agreed, evidence), one
 * set per indicator, read with req_form_values and checked one by one */
static const struct param_spec P_SCORES[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "dim", PT_ENUM, IN_FORM, 0, 0, 0, dim_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_REASON[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "reason", PT_LONGTEXT, IN_FORM, 1, 3, LIMIT_REASON_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
const char *const threshold_keys[] = { "1.5", "2", "2.5", "3", "3.5", NULL };
static const struct param_spec P_PLAN_GEN[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "threshold", PT_ENUM, IN_FORM, 1, 0, 0, threshold_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ACTION_ADD[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "dimension", PT_ENUM, IN_FORM, 1, 0, 0, dim_keys },
	{ "description", PT_TEXT, IN_FORM, 1, 3, LIMIT_INCUB_TEXT_CHARS, NULL },
	{ "owner", PT_TEXT, IN_FORM, 0, 0, LIMIT_OWNER_CHARS, NULL },
	{ "due", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ACTION_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "status", PT_ENUM, IN_FORM, 1, 0, 0, action_status_keys },
	{ "owner", PT_TEXT, IN_FORM, 0, 0, LIMIT_OWNER_CHARS, NULL },
	{ "due", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define LIB_FIELDS \
	{ "dimension", PT_ENUM, IN_FORM, 1, 0, 0, dim_keys }, \
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, action_kind_keys }, \
	{ "text_ar", PT_TEXT, IN_FORM, 1, 3, LIMIT_INCUB_TEXT_CHARS, NULL }, \
	{ "text_en", PT_TEXT, IN_FORM, 1, 3, LIMIT_INCUB_TEXT_CHARS, NULL }, \
	{ "active", PT_ENUM, IN_FORM, 0, 0, 0, yes_no }
static const struct param_spec P_LIB[] = { LIB_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_LIB_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, LIB_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_GAPS[] = {
	{ "threshold", PT_ENUM, IN_QUERY, 0, 0, 0, threshold_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

#define R PERM_INCUB_READ
#define W PERM_INCUB_WRITE
#define OWN PERM_INCUB_OWN
static const struct route routes[] = {
	{ M_GET,  "/cohorts", R, cohorts_list, P_COHORTS, 0 },
	{ M_GET,  "/cohorts/new", W, cohort_new_page, NULL, 0 },
	{ M_POST, "/cohorts", W, cohort_create_submit, P_COHORT_NEW, 0 },
	{ M_GET,  "/cohorts/{id}", R, cohort_page, P_COHORT_PAGE, 0 },
	{ M_GET,  "/cohorts/{id}/edit", W, cohort_edit_page, P_ID, 0 },
	{ M_POST, "/cohorts/{id}", W, cohort_update_submit, P_COHORT_EDIT, 0 },
	{ M_POST, "/cohorts/{id}/candidates", W, candidate_add_submit, P_CAND_ADD, 0 },
	{ M_POST, "/cohorts/{id}/apply", OWN, cohort_apply_submit, P_ID, 0 },
	{ M_GET,  "/cohorts/{id}/results", R, cohort_results_page, P_ID, 0 },
	{ M_GET,  "/candidates/{id}", R, candidate_page, P_ID, 0 },
	{ M_POST, "/candidates/{id}/scores", W, candidate_scores_submit, P_ID, 0 },
	{ M_POST, "/candidates/{id}/decision", W, candidate_decision_submit, P_DECISION, 0 },
	{ M_POST, "/candidates/{id}/enroll", W, candidate_enroll_submit, P_ID, 0 },
	{ M_POST, "/candidates/{id}/graduate", W, candidate_graduate_submit, P_ID, 0 },
	{ M_GET,  "/incubation/criteria", R, criteria_page, NULL, 0 },
	{ M_POST, "/incubation/criteria", W, criterion_create_submit, P_CRIT, 0 },
	{ M_POST, "/incubation/criteria/{id}", W, criterion_update_submit, P_CRIT_EDIT, 0 },
	{ M_GET,  "/incubation/framework", OWN, framework_page, P_FW, 0 },
	{ M_GET,  "/incubation/framework/indicators/{id}", PERM_OFFICES_ADMIN, indicator_edit_page, P_ID, 0 },
	{ M_POST, "/incubation/framework/indicators/{id}", PERM_OFFICES_ADMIN, indicator_update_submit, P_IND_EDIT, 0 },
	{ M_GET,  "/incubation/framework/new", PERM_OFFICES_ADMIN, indicator_new_page, P_IND_NEW_PAGE, 0 },
	{ M_POST, "/incubation/framework/indicators", PERM_OFFICES_ADMIN, indicator_create_submit, P_IND_NEW, 0 },
	{ M_POST, "/incubation/framework/indicators/{id}/remove", PERM_OFFICES_ADMIN, indicator_remove_submit, P_ID, 0 },
	{ M_POST, "/orgs/{id}/assessments", W, assessment_create_submit, P_ASSESS_NEW, 0 },
	{ M_GET,  "/orgs/{id}/results", OWN, org_results_page, P_ID, 0 },
	{ M_GET,  "/orgs/{id}/results.pdf", OWN, org_results_pdf, P_ID, 0 },
	{ M_GET,  "/assessments/{id}", OWN, assessment_page, P_ASSESS_PAGE, 0 },
	{ M_POST, "/assessments/{id}/scores", W, assessment_scores_submit, P_SCORES, 0 },
	{ M_POST, "/assessments/{id}/self", OWN, assessment_self_submit, P_SCORES, 0 },
	{ M_POST, "/assessments/{id}/finalize", W, assessment_finalize_submit, P_ID, 0 },
	{ M_POST, "/assessments/{id}/correct", W, assessment_correct_submit, P_REASON, 0 },
	{ M_POST, "/assessments/{id}/plan", W, plan_generate_submit, P_PLAN_GEN, 0 },
	{ M_POST, "/assessments/{id}/files", W, assessment_file_submit, P_ID, ROUTE_UPLOAD },
	{ M_GET,  "/assessment-files/{id}", OWN, assessment_file_get, P_ID, 0 },
	{ M_GET,  "/plans/{id}", OWN, plan_page, P_ID, 0 },
	{ M_POST, "/plans/{id}/actions", W, plan_action_add_submit, P_ACTION_ADD, 0 },
	{ M_POST, "/plan-actions/{id}", OWN, plan_action_update_submit, P_ACTION_EDIT, 0 },
	{ M_GET,  "/incubation/library", R, library_page, NULL, 0 },
	{ M_POST, "/incubation/library", W, library_add_submit, P_LIB, 0 },
	{ M_POST, "/incubation/library/{id}", W, library_update_submit, P_LIB_EDIT, 0 },
	{ M_GET,  "/incubation/overdue", R, overdue_page, NULL, 0 },
	{ M_GET,  "/incubation/gaps", PERM_INCUB_GAPS, gaps_page, P_GAPS, 0 },
	{ M_GET,  "/api/v1/cohorts", R, api_cohorts, NULL, ROUTE_API },
	{ M_GET,  "/api/v1/orgs/{id}/assessments", OWN, api_org_assessments, P_ID, ROUTE_API },
	{ M_GET,  "/api/v1/orgs/{id}/plan", OWN, api_org_plan, P_ID, ROUTE_API },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

#define STAFF_R (ROLE_BIT(ROLE_DIRECTOR) | ROLE_BIT(ROLE_PROGRAM_OFFICER) | ROLE_BIT(ROLE_TRAINER) | ROLE_BIT(ROLE_ME_OFFICER))
static const struct perm_decl perms[] = {
	{ PERM_INCUB_READ, "incubation.read", N_("See cohorts, assessments, results and plans"), STAFF_R },
	{ PERM_INCUB_WRITE, "incubation.write", N_("Run cohorts, selection, assessments and plans"),
	  ROLE_BIT(ROLE_PROGRAM_OFFICER) | ROLE_BIT(ROLE_TRAINER) },
	{ PERM_INCUB_OWN, "incubation.own", N_("See an organization's assessments and plan, fill in its self-scores"),
	  STAFF_R | ROLE_BIT(ROLE_PARTNER) },
	{ PERM_INCUB_GAPS, "incubation.gaps", N_("See what civil society needs across organizations (totals only)"),
	  STAFF_R | ROLE_BIT(ROLE_DONOR) | ROLE_BIT(ROLE_REVIEWER) },
	{ 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/cohorts", N_("Incubation"), PERM_INCUB_READ, 200 },
	{ "/incubation/gaps", N_("Needs across organizations"), PERM_INCUB_GAPS, 210 },
	{ NULL, NULL, 0, 0 },
};

static const struct audit_word actions[] = {
	{ "decide", N_("Decision") }, { "enroll", N_("Enrolled") }, { "graduate", N_("Graduated") },
	{ "score", N_("Scores saved") }, { "finalize", N_("Finalized") }, { "correct", N_("Correction opened") },
	{ NULL, NULL },
};
static const struct audit_word entities[] = {
	{ "cohort", N_("Cohort") }, { "candidate", N_("Candidate") }, { "criterion", N_("Selection criterion") },
	{ "framework", N_("Assessment framework") }, { "assessment", N_("Assessment") }, { "plan", N_("Plan") },
	{ "plan_action", N_("Plan action") }, { "library_action", N_("Library action") },
	{ "evidence_file", N_("Evidence file") }, { NULL, NULL },
};
static const struct audit_namer audit_names[] = {
	{ "cohort", cohort_audit_name }, { NULL, NULL },
};

static const struct page_section org_sections[] = {
	{ PERM_INCUB_OWN, incubation_org_section },
	{ 0, NULL },
};

const struct module incubation_module = {
	.name = "incubation",
	.routes = routes,
	.perms = perms,
	.nav = nav,
	.audit_actions = actions,
	.audit_entities = entities,
	.audit_names = audit_names,
	.org_sections = org_sections,
	.demo = incubation_demo,
};
