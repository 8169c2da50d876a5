/* forms — the forms the walks post to each write route (test_access's
 * refused POSTs, test_faults' failing writes): one valid form per route
 * kind, so a walk reaches the write itself, not a validation error. */
#ifndef DAAM_TEST_FORMS_H
#define DAAM_TEST_FORMS_H

static const char *const F_USER_NEW[] = { "name", "walk.intruder", "display_name", "Intruder", "role", "admin",
	"password", "cedar-lantern-88", NULL };
static const char *const F_USER_EDIT[] = { "display_name", "Promoted", "role", "admin", NULL };
static const char *const F_PASSWORD[] = { "password", "cedar-lantern-88", NULL };
static const char *const F_OFFICE[] = { "code", "walk-office", "name_ar", "مكتب الممر", "name_en", "Walk office", NULL };
static const char *const F_NAMES[] = { "name_ar", "اسم جديد", "name_en", "New name", NULL };
static const char *const F_SECTOR[] = { "code", "walk-sector", "name_ar", "قطاع جديد", "name_en", "New sector", NULL };
static const char *const F_ORG[] = { "name_ar", "منظمة الممر", "name_en", "Walk organization", "kind", "association",
	"stage", "applicant", "reg_status", "unregistered", "office", "1", NULL };
/* a new person chosen with the picker, "None of these" said: each walk reaches the write */
static const char *const F_MEMBER[] = { "person", "0", "member_q", "عضو الممر", "confirm_new", "1", "role", "عضو", NULL };
static const char *const F_IMPORT_KIND[] = { "kind", "people", NULL };
static const char *const F_IMPORT_COMMIT[] = { "action", "commit", NULL };
static const char *const F_PERSON[] = { "name_ar", "شخص الممر", "gender", "m", "phone", "0933000111", NULL };
/* A merge names a suggested pair by its two people's numbers: a walk puts
 * a live pair for {a} and {b} (the first kept, the second's birth year and
 * both records' phones chosen). */
static const char *const F_MERGE[] = { "pair", "{a}:{b}", "keep", "{a}", "birth_year", "{b}", "phones", "0", NULL };
/* the retention periods as they are by default */
static const char *const F_RETENTION[] = { "people", "5", "uploads", "1", "audit_addresses", "90", "sessions", "30", NULL };
/* incubation: a cohort, a candidate (organization 2 into cohort 1), its need
 * score and decision, a criterion, a library action, an indicator's texts,
 * an assessment's kind, scores (indicator 1), a correction's reason, a
 * plan's threshold, a plan action and its update */
static const char *const F_COHORT[] = { "name", "دورة الممر", "start", "2026-06-01", "office", "1", NULL };
static const char *const F_CANDIDATE[] = { "org", "2", NULL };
static const char *const F_CAND_SCORES[] = { "crit", "1", "score", "4", NULL };
static const char *const F_DECISION[] = { "decision", "accepted", "reason", "احتياج واضح", NULL };
static const char *const F_CRITERION[] = { "name_ar", "معيار الممر", "name_en", "Walk criterion", "weight", "2", NULL };
static const char *const F_LIBRARY[] = { "dimension", "planning", "kind", "training", "text_ar", "إجراء الممر",
	"text_en", "Walk action", NULL };
static const char *const F_INDICATOR[] = { "text_ar", "مؤشر الممر", "text_en", "Walk indicator", "l1_ar", "لا شيء",
	"l1_en", "Nothing", "l2_ar", "قليل", "l2_en", "A little", "l3_ar", "كثير", "l3_en", "Much", "l4_ar", "كامل",
	"l4_en", "All", NULL };
static const char *const F_IND_NEW[] = { "dim", "funding", "text_ar", "مؤشر الممر", "text_en", "Walk indicator", "l1_ar", "لا شيء",
	"l1_en", "Nothing", "l2_ar", "قليل", "l2_en", "A little", "l3_ar", "كثير", "l3_en", "Much", "l4_ar", "كامل",
	"l4_en", "All", NULL };
static const char *const F_ASSESS_KIND[] = { "kind", "endline", NULL };
static const char *const F_SCORES[] = { "ind", "1", "self", "2", "fac", "2", "agreed", "2", "evidence", "", NULL };
static const char *const F_SELF[] = { "ind", "1", "self", "3", NULL };
static const char *const F_REASON[] = { "reason", "تصحيح الممر", NULL };
static const char *const F_THRESHOLD[] = { "threshold", "2.5", NULL };
static const char *const F_ACTION[] = { "dimension", "planning", "description", "إجراء الممر", "owner", "المنظمة",
	"due", "2026-12-01", NULL };
static const char *const F_ACTION_EDIT[] = { "status", "done", "owner", "المنظمة", "due", "2026-12-01", NULL };
/* activities (src/activities/): a training with its first session; a
 * session; a new person registered ("None of these" said); scores; a mark
 * of person 1; a new walk-in */
static const char *const F_ACTIVITY[] = { "kind", "training", "title", "دورة الممر", "office", "1", "capacity", "20",
	"threshold", "75", "dims", "planning", "day", "2026-06-01", "start", "10:00", "end", "12:00", NULL };
static const char *const F_SESSION[] = { "day", "2026-06-02", "start", "10:00", "end", "12:00", NULL };
static const char *const F_REGISTER[] = { "person", "0", "reg_q", "مشارك الممر", "confirm_new", "1", NULL };
static const char *const F_TEST_SCORES[] = { "pre", "40", "post", "70", NULL };
static const char *const F_MARK[] = { "person", "1", "present", "1", "mark", "walk-mark-1", NULL };
static const char *const F_PORTAL[] = { "person", "1", NULL };
static const char *const F_FEED[] = { "kind", "office", "office", "1", NULL };
static const char *const F_PLAN_LINK[] = { "action", "1", NULL };
static const char *const F_WALKIN[] = { "person", "0", "walk_q", "حاضر الممر", "confirm_new", "1", NULL };
/* workspace (src/workspace/): a room, an item, a booking request of room 1
 * (far ahead, in its hours), a refusal, cancelling one date, a quota of
 * organization 1, a public request */
static const char *const F_WS_ROOM[] = { "name", "قاعة الممر", "office", "1", "capacity", "20", "opens", "08:00",
	"closes", "16:00", "closed", "5", "active", "1", NULL };
static const char *const F_WS_EQUIP[] = { "name", "جهاز الممر", "office", "1", "count", "2", "active", "1", NULL };
static const char *const F_WS_BOOKING[] = { "room", "1", "day", "2031-01-07", "start", "10:00", "end", "11:00",
	"purpose", "حجز الممر", "attendees", "5", NULL };
static const char *const F_WS_REFUSE[] = { "reason", "سبب الممر", NULL };
static const char *const F_WS_CANCEL[] = { "what", "one", NULL };
static const char *const F_WS_QUOTA[] = { "org", "1", "hours", "40", NULL };
static const char *const F_WS_PERSON[] = { "person", "1", NULL };
static const char *const F_WS_PUBLIC[] = { "name", "زائر الممر", "phone", "0944 111 222", "kind", "individual",
	"purpose", "طلب الممر", "attendees", "4", "room", "1", "day", "2031-01-08", "start", "10:00", "end", "11:00", NULL };

#endif
