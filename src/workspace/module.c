/* workspace module — the rooms and equipment each office lends to partner
 * organizations, initiatives and individuals: booking requests (staff, the
 * partner portal, a public form with no account), the space coordinator's
 * approval, day and week views, recurring bookings, monthly quotas of
 * partners, notifications and a JSON API.  Never a double booking: see
 * store.c and migrations/022_workspace.sql. */
#include <stddef.h>
#include "workspace/pages.h"
#include "workspace/perms.h"
#include "workspace/workspace.h"
#include "registry/perms.h"
#include "module.h"
#include "core/limits.h"
#include "core/i18n.h"

static const struct param_spec P_ID[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
#define ROOM_FIELDS \
	{ "name", PT_TEXT, IN_FORM, 1, 1, LIMIT_WS_NAME_CHARS, NULL }, \
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL }, \
	{ "capacity", PT_INT, IN_FORM, 0, 0, LIMIT_WS_PEOPLE, NULL }, \
	{ "opens", PT_TEXT, IN_FORM, 1, 5, 5, NULL }, \
	{ "closes", PT_TEXT, IN_FORM, 1, 5, 5, NULL }
/* closed: repeated checkboxes, read with req_form_values */
static const struct param_spec P_ROOM_NEW[] = { ROOM_FIELDS, { NULL, 0, 0, 0, 0, 0, NULL } };
static const struct param_spec P_ROOM_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL }, ROOM_FIELDS,
	{ "active", PT_BOOL, IN_FORM, 0, 0, 0, NULL }, { NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_EQUIP_NEW[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 1, LIMIT_WS_NAME_CHARS, NULL },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "count", PT_INT, IN_FORM, 1, 1, 1000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_EQUIP_EDIT[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "name", PT_TEXT, IN_FORM, 1, 1, LIMIT_WS_NAME_CHARS, NULL },
	{ "count", PT_INT, IN_FORM, 1, 1, 1000, NULL },
	{ "active", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
	{ "office", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_ROOM_PAGE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "day", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_SCHEDULE[] = {
	{ "day", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "view", PT_ENUM, IN_QUERY, 0, 0, 0, ws_view_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_LIST[] = {
	{ "status", PT_ENUM, IN_QUERY, 0, 0, 0, ws_status_keys },
	{ "page", PT_INT, IN_QUERY, 0, 1, 1000000, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_BOOK_PAGE[] = {
	{ "room", PT_INT, IN_QUERY, 0, 0, ID_MAX, NULL },
	{ "day", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* equip: repeated checkboxes, read with req_form_values */
static const struct param_spec P_BOOK[] = {
	{ "room", PT_INT, IN_FORM, 1, 0, ID_MAX, NULL },
	{ "day", PT_DATE, IN_FORM, 1, 0, 0, NULL },
	{ "start", PT_TEXT, IN_FORM, 1, 5, 5, NULL },
	{ "end", PT_TEXT, IN_FORM, 1, 5, 5, NULL },
	{ "purpose", PT_TEXT, IN_FORM, 1, 2, LIMIT_WS_TEXT_CHARS, NULL },
	{ "attendees", PT_INT, IN_FORM, 0, 0, LIMIT_WS_PEOPLE, NULL },
	{ "activity", PT_INT, IN_FORM, 0, 1, ID_MAX, NULL },
	{ "repeat", PT_ENUM, IN_FORM, 0, 0, 0, ws_repeat_keys },
	{ "until", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ "times", PT_INT, IN_FORM, 0, 1, LIMIT_WS_OCCURRENCES, NULL },
	{ "on_conflict", PT_ENUM, IN_FORM, 0, 0, 0, ws_conflict_keys },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_BOOKING[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person_q", PT_TEXT, IN_QUERY, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_PERSON[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "person", PT_INT, IN_FORM, 1, 0, ID_MAX, NULL },
	{ "person_q", PT_TEXT, IN_FORM, 0, 0, LIMIT_PERSON_NAME_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_REFUSE[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "reason", PT_TEXT, IN_FORM, 1, 2, LIMIT_WS_TEXT_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct param_spec P_CANCEL[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "what", PT_ENUM, IN_FORM, 0, 0, 0, ws_cancel_keys },
	{ "from", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ "to", PT_DATE, IN_FORM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct param_spec P_API_BOOKINGS[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, ID_MAX, NULL },
	{ "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "to", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

extern const char *const ws_public_kind_keys[];   /* public.c */
static const struct param_spec P_PUBLIC[] = {
	{ "name", PT_TEXT, IN_FORM, 1, 2, LIMIT_PERSON_NAME_CHARS, NULL },
	{ "phone", PT_TEXT, IN_FORM, 1, 6, LIMIT_PHONE_CHARS, NULL },
	{ "kind", PT_ENUM, IN_FORM, 1, 0, 0, ws_public_kind_keys },
	{ "initiative", PT_TEXT, IN_FORM, 0, 0, LIMIT_WS_NAME_CHARS, NULL },
	{ "purpose", PT_TEXT, IN_FORM, 1, 2, LIMIT_WS_TEXT_CHARS, NULL },
	{ "attendees", PT_INT, IN_FORM, 1, 1, LIMIT_WS_PEOPLE, NULL },
	{ "room", PT_INT, IN_FORM, 1, 1, ID_MAX, NULL },
	{ "day", PT_DATE, IN_FORM, 1, 0, 0, NULL },
	{ "start", PT_TEXT, IN_FORM, 1, 5, 5, NULL },
	{ "end", PT_TEXT, IN_FORM, 1, 5, 5, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* the status page's secret: 32 bytes in base64url, 43 characters */
static const struct param_spec P_TOKEN[] = {
	{ "token", PT_TEXT, IN_PATH, 1, 43, 43, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct param_spec P_QUOTA[] = {
	{ "org", PT_INT, IN_FORM, 1, 1, ID_MAX, NULL },
	{ "hours", PT_INT, IN_FORM, 1, 0, LIMIT_WS_QUOTA_HOURS, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

/* the use of the rooms (use_report.c) */
static const struct param_spec P_USE[] = {
	{ "from", PT_TEXT, IN_QUERY, 0, 0, 7, NULL },   /* YYYY-MM, checked by the page */
	{ "to", PT_TEXT, IN_QUERY, 0, 0, 7, NULL },
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
/* the public free/busy week of an office (freebusy.c) */
static const struct param_spec P_FREE[] = {
	{ "office", PT_INT, IN_QUERY, 0, 1, ID_MAX, NULL },
	{ "day", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};

static const struct route routes[] = {
	{ M_GET,  "/rooms", PERM_WS_READ, rooms_list, NULL, 0 },
	{ M_GET,  "/rooms/new", PERM_WS_MANAGE, room_new_page, NULL, 0 },
	{ M_POST, "/rooms", PERM_WS_MANAGE, room_create_submit, P_ROOM_NEW, 0 },
	{ M_GET,  "/rooms/use", PERM_WS_USE, use_page, P_USE, 0 },         /* before /rooms/{id} */
	{ M_GET,  "/rooms/use.xlsx", PERM_WS_USE, use_xlsx, P_USE, 0 },
	{ M_GET,  "/rooms/{id}", PERM_WS_READ, room_page, P_ROOM_PAGE, 0 },
	{ M_GET,  "/rooms/{id}/edit", PERM_WS_MANAGE, room_edit_page, P_ID, 0 },
	{ M_POST, "/rooms/{id}", PERM_WS_MANAGE, room_update_submit, P_ROOM_EDIT, 0 },
	{ M_GET,  "/equipment", PERM_WS_MANAGE, equipment_page, NULL, 0 },
	{ M_POST, "/equipment", PERM_WS_MANAGE, equipment_create_submit, P_EQUIP_NEW, 0 },
	{ M_POST, "/equipment/{id}", PERM_WS_MANAGE, equipment_update_submit, P_EQUIP_EDIT, 0 },
	{ M_GET,  "/quotas", PERM_WS_MANAGE, quotas_page, NULL, 0 },
	{ M_POST, "/quotas", PERM_WS_MANAGE, quota_submit, P_QUOTA, 0 },
	{ M_GET,  "/schedule", PERM_WS_READ, schedule_page, P_SCHEDULE, 0 },
	{ M_GET,  "/bookings", PERM_WS_REQUEST, bookings_list, P_LIST, 0 },
	{ M_GET,  "/bookings/new", PERM_WS_REQUEST, booking_new_page, P_BOOK_PAGE, 0 },
	{ M_POST, "/bookings", PERM_WS_REQUEST, booking_create_submit, P_BOOK, 0 },
	{ M_GET,  "/bookings/{id}", PERM_WS_REQUEST, booking_page, P_BOOKING, 0 },
	{ M_POST, "/bookings/{id}/person", PERM_WS_READ | PERM_PEOPLE_READ, booking_person_submit, P_PERSON, 0 },
	{ M_POST, "/bookings/{id}/approve", PERM_WS_MANAGE, booking_approve_submit, P_ID, 0 },
	{ M_POST, "/bookings/{id}/refuse", PERM_WS_MANAGE, booking_refuse_submit, P_REFUSE, 0 },
	{ M_POST, "/bookings/{id}/cancel", PERM_WS_REQUEST, booking_cancel_submit, P_CANCEL, 0 },
	{ M_GET,  "/notices", PERM_WS_REQUEST, notices_page, NULL, 0 },
	{ M_GET,  "/space/request", 0, public_request_page, NULL, 0 },
	{ M_POST, "/space/request", 0, public_request_submit, P_PUBLIC, 0 },
	{ M_GET,  "/space/status/{token}", 0, public_status_page, P_TOKEN, 0 },
	{ M_GET,  "/space/free", 0, freebusy_page, P_FREE, 0 },
	{ M_GET,  "/space/rooms/{id}/calendar.ics", 0, room_ics, P_ID, 0 },
	{ M_POST, "/notices/read", PERM_WS_REQUEST, notices_read_submit, NULL, 0 },

	{ M_GET,  "/api/v1/rooms", PERM_WS_REQUEST, api_rooms, NULL, ROUTE_API },
	{ M_GET,  "/api/v1/rooms/{id}/bookings", PERM_WS_READ, api_room_bookings, P_API_BOOKINGS, ROUTE_API },
	{ M_POST, "/api/v1/bookings", PERM_WS_REQUEST, api_booking_create, NULL, ROUTE_API },
	{ 0, NULL, 0, NULL, NULL, 0 },
};

#define STAFF (ROLE_BIT(ROLE_DIRECTOR) | ROLE_BIT(ROLE_PROGRAM_OFFICER) | ROLE_BIT(ROLE_TRAINER) | \
	       ROLE_BIT(ROLE_GRANTS_OFFICER) | ROLE_BIT(ROLE_ME_OFFICER) | ROLE_BIT(ROLE_SPACE_COORDINATOR))

static const struct perm_decl perms[] = {
	{ PERM_WS_READ, "workspace.read", N_("See the rooms and the office's bookings"), STAFF },
	{ PERM_WS_REQUEST, "workspace.request", N_("Ask for a room (partners: for their organization)"),
	  STAFF | ROLE_BIT(ROLE_PARTNER) },
	{ PERM_WS_MANAGE, "workspace.manage", N_("Manage rooms, equipment and quotas; approve and refuse bookings"),
	  ROLE_BIT(ROLE_SPACE_COORDINATOR) },
	{ PERM_WS_USE, "workspace.use", N_("See the use of the rooms (figures only)"), STAFF | ROLE_BIT(ROLE_DONOR) },
	{ 0, NULL, NULL, 0 },
};

static const struct nav_entry nav[] = {
	{ "/rooms", N_("Rooms"), PERM_WS_READ, 220 },
	{ "/bookings", N_("Room bookings"), PERM_WS_REQUEST, 225 },
	{ "/rooms/use", N_("Use of the rooms"), PERM_WS_USE, 228 },
	{ NULL, NULL, 0, 0 },
};
/* the unread notifications beside the bookings */
static const struct nav_badge nav_badges[] = {
	{ "/bookings", ws_unread }, { NULL, NULL },
};

static const struct audit_word actions[] = {
	{ "book_request", N_("Room booked or asked for") }, { "book_approve", N_("Booking approved") },
	{ "book_refuse", N_("Booking refused") }, { "book_cancel", N_("Booking cancelled") },
	{ "deactivate", N_("Deactivated") }, { "quota_set", N_("Quota set") },
	{ "book_person", N_("Booking linked to a person") }, { NULL, NULL },
};
static const struct audit_word entities[] = {
	{ "room", N_("Room") }, { "equipment", N_("Equipment") }, { "booking", N_("Room booking") }, { NULL, NULL },
};

static const struct page_section home_sections[] = {
	{ PERM_WS_REQUEST, notices_home_section },
	{ 0, NULL },
};

const struct module workspace_module = {
	.name = "workspace",
	.routes = routes,
	.perms = perms,
	.nav = nav,
	.nav_badges = nav_badges,
	.audit_actions = actions,
	.audit_entities = entities,
	.home_sections = home_sections,
	.demo = workspace_demo,
};
