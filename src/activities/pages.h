/* pages — the activities module's handlers (module.c routes them). */
#ifndef DAAM_ACTIVITIES_PAGES_H
#define DAAM_ACTIVITIES_PAGES_H
#include <stdint.h>
struct req;
struct db;
struct strbuf;

/* helpers (pages.c): a period of two ISO days for people; 1 when t is "" or HH:MM */
void act_days(struct strbuf *o, const char *first, const char *last);
int act_time_ok(const char *t);

/* pages.c: the list, the form, the activity's page */
void activities_list(struct req *r);
void activity_new_page(struct req *r);
void activity_create_submit(struct req *r);
void activity_page(struct req *r);
void activity_edit_page(struct req *r);
void activity_update_submit(struct req *r);
void session_create_submit(struct req *r);
/* participants.c: registration, scores */
void participant_submit(struct req *r);
void scores_submit(struct req *r);
void participant_remove_submit(struct req *r);
void participants_section(struct req *r, int64_t activity, int nsessions, int threshold);
/* The plan actions the activity serves (plan_links.c), and their links. */
void plan_links_section(struct req *r, int64_t activity);
void plan_link_submit(struct req *r);
void plan_unlink_submit(struct req *r);
/* attend.c: a session's attendance list and its marks */
void attendance_page(struct req *r);
void attendance_submit(struct req *r);
void walkin_submit(struct req *r);
/* attend_import.c: a typed paper sheet of a session */
void attendance_import_form(struct req *r, int64_t session);
void attendance_import_submit(struct req *r);
void attendance_sheet_page(struct req *r);
void attendance_sheet_submit(struct req *r);
void attendance_sheet_problems(struct req *r);
void attendance_sheet_discard(struct req *r);
/* reach_pages.c: the people reached */
void reach_page(struct req *r);
void reach_xlsx(struct req *r);
void reach_home_section(struct req *r, int64_t unused);
/* api.c */
void api_activities_list(struct req *r);
void api_activity_get(struct req *r);
void api_reach(struct req *r);
/* The office of the figures asked (?office=) within the user's scope: 0 or
 * -1 when an office user asks for another office. */
int reach_office_arg(struct req *r, int64_t *office);
/* person_section.c: a person's activities and attendance */
void person_activities_section(struct req *r, int64_t person);
/* certs.c: certificates and their public check */
void certificate_pdf(struct req *r);
void certificates_submit(struct req *r);
void verify_page(struct req *r);
int cmd_certificates(int argc, char **argv);
/* calendar.c: ICS feeds and their private links */
void calendar_page(struct req *r);
void calendar_create_submit(struct req *r);
void calendar_revoke_submit(struct req *r);
void calendar_ics(struct req *r);
/* portal.c: partners register their members */
void portal_page(struct req *r);
void portal_register_submit(struct req *r);
void portal_home_section(struct req *r, int64_t unused);
/* demo.c */
int activities_demo(struct db *w, int scale);
#endif
