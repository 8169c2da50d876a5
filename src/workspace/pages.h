/* pages — the workspace's handlers (module.c routes them) and the small
 * helpers its pages share (ui.c). */
#ifndef DAAM_WORKSPACE_PAGES_H
#define DAAM_WORKSPACE_PAGES_H
#include <stdint.h>
struct req;
struct strbuf;

/* rooms.c */
void rooms_list(struct req *r);
void room_new_page(struct req *r);
void room_create_submit(struct req *r);
void room_edit_page(struct req *r);
void room_update_submit(struct req *r);
void equipment_page(struct req *r);
void equipment_create_submit(struct req *r);
void equipment_update_submit(struct req *r);
/* views.c */
void room_page(struct req *r);
void schedule_page(struct req *r);
/* bookings.c */
void bookings_list(struct req *r);
void booking_new_page(struct req *r);
void booking_create_submit(struct req *r);
void booking_page(struct req *r);
void booking_approve_submit(struct req *r);
void booking_refuse_submit(struct req *r);
void booking_cancel_submit(struct req *r);
/* person_link.c */
void person_link_section(struct req *r, long long booking);
void booking_person_submit(struct req *r);
/* public.c */
void public_request_page(struct req *r);
void public_request_submit(struct req *r);
void public_status_page(struct req *r);
/* notices.c */
void notices_page(struct req *r);
void notices_read_submit(struct req *r);
void notices_home_section(struct req *r, int64_t id);
int ws_unread(struct req *r);
/* quotas.c */
void quotas_page(struct req *r);
void quota_submit(struct req *r);
/* api.c */
void api_rooms(struct req *r);
void api_room_bookings(struct req *r);
void api_booking_create(struct req *r);

/* use_report.c */
void use_page(struct req *r);
void use_xlsx(struct req *r);
/* freebusy.c: the public free/busy page of an office, a room's calendar */
void freebusy_page(struct req *r);
void room_ics(struct req *r);

/* the keys of ?view= (views.c) and of a repetition (bookings.c) */
extern const char *const ws_view_keys[], *const ws_repeat_keys[], *const ws_conflict_keys[], *const ws_cancel_keys[];

/* views.c: the week (Sunday first) holding day, and the day after it; the
 * links to the previous, this and the next week (step 7) or day (1), to
 * base followed by day=… (base ends with '?' or '&') */
void ws_week_of(const char *day, char first[11], char after[11]);
void ws_move_links(struct req *r, const char *base, const char *day, int step);

/* ui.c */
int ws_ar(void);
/* <select name> of the offices (the user's own when bound to one: nothing drawn). */
void ws_office_select(struct req *r, const char *name, long long selected);
/* "10 كانون الأول 2026" of a "YYYY-MM-DD…" text, isolated. */
void ws_day(struct strbuf *o, const char *t);
/* "10:00–12:00" of two booking times, left to right, in the user's digits. */
void ws_span(struct strbuf *o, const char *start, const char *end);
/* Today in Syria's time, "YYYY-MM-DD". */
void ws_today(char out[11]);
/* <span class="badge …">status</span> */
void ws_status_badge(struct strbuf *o, const char *status);
#endif
