/* incubation_pages — the handlers of the incubation module's routes
 * (module.c), by file. */
#ifndef DAAM_INCUBATION_PAGES_H
#define DAAM_INCUBATION_PAGES_H
#include <stdint.h>
struct req;
/* cohorts.c */
void cohorts_list(struct req *r);
void cohort_new_page(struct req *r);
void cohort_create_submit(struct req *r);
void cohort_page(struct req *r);
void cohort_edit_page(struct req *r);
void cohort_update_submit(struct req *r);
void candidate_add_submit(struct req *r);
void cohort_apply_submit(struct req *r);
/* candidates.c */
void candidate_page(struct req *r);
void candidate_scores_submit(struct req *r);
void candidate_decision_submit(struct req *r);
void candidate_enroll_submit(struct req *r);
void candidate_graduate_submit(struct req *r);
void criteria_page(struct req *r);
void criterion_create_submit(struct req *r);
void criterion_update_submit(struct req *r);
/* Refuses a criterion about ethnicity, religion, sect or tribe: 1 when the
 * name is about one of them. */
int criterion_forbidden(const char *name);
/* framework.c */
void framework_page(struct req *r);
void indicator_edit_page(struct req *r);
void indicator_update_submit(struct req *r);
void indicator_new_page(struct req *r);
void indicator_create_submit(struct req *r);
void indicator_remove_submit(struct req *r);
/* assessments.c */
void assessment_create_submit(struct req *r);
void assessment_page(struct req *r);
/* GET /orgs/ID/results.pdf: the report as a PDF (report_pdf.c). */
void org_results_pdf(struct req *r);
void assessment_scores_submit(struct req *r);
void assessment_self_submit(struct req *r);
void assessment_finalize_submit(struct req *r);
void assessment_correct_submit(struct req *r);
/* files.c */
void assessment_file_submit(struct req *r);
void assessment_file_get(struct req *r);
struct assess;
/* The evidence files of an assessment, with the upload form when
 * can_upload (a draft, a user who may write). */
void evidence_files_section(struct req *r, int64_t assessment_id, int can_upload);
/* results.c */
void org_results_page(struct req *r);
void cohort_results_page(struct req *r);
void gaps_page(struct req *r);
/* plans.c */
void plan_generate_submit(struct req *r);
void plan_page(struct req *r);
void plan_action_add_submit(struct req *r);
void plan_action_update_submit(struct req *r);
void library_page(struct req *r);
void library_add_submit(struct req *r);
void library_update_submit(struct req *r);
void overdue_page(struct req *r);
void incubation_org_section(struct req *r, int64_t org_id);
/* api.c */
void api_cohorts(struct req *r);
void api_org_assessments(struct req *r);
void api_org_plan(struct req *r);
/* demo.c */
struct db;
int incubation_demo(struct db *w, int scale);
/* The print stylesheet and the module's screen styles, linked by its pages. */
void incub_styles(struct req *r);
#endif
