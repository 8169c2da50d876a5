/* workspace — rooms, equipment and their bookings: the store every path
 * writes through (staff pages, the partner portal, the public form, the
 * API, the demo) and the reads other pages reuse (the coordinator's use
 * reports, ICS feeds and free/busy page).  The schema and its rules are
 * described at the top of migrations/022_workspace.sql: times are
 * 'YYYY-MM-DDTHH:MM' text in local time; a slot is taken by an APPROVED
 * booking; the overlap check and the write are one db_write. */
#ifndef DAAM_WORKSPACE_H
#define DAAM_WORKSPACE_H
#include <stdint.h>
#include <sqlite3.h>
#include "workspace/rules.h"
#include "core/limits.h"

struct db;
struct req;

extern const char *const ws_status_keys[];    /* requested, approved, refused, cancelled */
extern const char *const ws_kind_keys[];      /* staff, partner, initiative, individual, center */
extern const char *const ws_weekday_keys[];   /* "0" … "6" (Sunday first) */
/* Translated label of a status / requester kind / weekday key. */
const char *ws_status_label(const char *key);
const char *ws_kind_label(const char *key);
const char *ws_weekday_label(int wd);

/* ---- reads (statements on d; step with db_row) ---- */

/* The rooms of an office (office 0: all), by name; only active ones when
 * active_only.  Columns: 0 id, 1 office_id, 2 name, 3 capacity, 4 opens,
 * 5 closes, 6 closed_days, 7 active, 8 office name_ar, 9 office name_en. */
sqlite3_stmt *ws_rooms_q(struct db *d, int64_t office, int active_only);
/* The bookings of a room that meet [from, to) (times or days as text, e.g.
 * "2026-12-01" to "2026-12-08"), requested and approved only unless
 * all_statuses, by start.  Columns (ws_office_bookings_q too): 0 id,
 * 1 room_id (0 equipment alone), 2 start_at, 3 end_at, 4 status,
 * 5 purpose, 6 requester_kind, 7 org_id, 8 attendees, 9 room name,
 * 10 the requester's name to show (organization, public name or user). */
sqlite3_stmt *ws_room_bookings_q(struct db *d, int64_t room, const char *from, const char *to, int all_statuses);
/* The same for every room of an office (0: all offices). */
sqlite3_stmt *ws_office_bookings_q(struct db *d, int64_t office, const char *from, const char *to, int all_statuses);
/* Minutes booked (requested and approved) by an organization in the month
 * of day ("YYYY-MM…"); its quota in hours (0: none). */
long ws_org_month_minutes(struct db *d, int64_t org, const char *day);
int ws_org_quota(struct db *d, int64_t org);

/* ---- writes (inside db_write) ---- */

struct ws_room_in {
	int64_t office_id;
	const char *name, *opens, *closes, *closed_days;
	int capacity, active;
};
/* Inserts (id 0) or changes a room, audited as actor; its id or -1. */
int64_t ws_room_save(struct db *w, int64_t actor, int64_t id, const struct ws_room_in *in);
int64_t ws_equipment_save(struct db *w, int64_t actor, int64_t id, int64_t office, const char *name, int count,
			  int active);

/* A booking to make. */
struct ws_booking_in {
	int64_t room_id;              /* 0: equipment alone (office_id then needed) */
	int64_t office_id;            /* taken from the room when there is one */
	const char *start, *end;      /* 'YYYY-MM-DDTHH:MM' */
	const char *purpose;
	int attendees;
	const char *kind;             /* a ws_kind_keys value */
	int64_t org_id, activity_id, person_id;   /* 0: none */
	const char *public_name, *public_phone, *public_initiative;
	const unsigned char *token_hash;          /* 32 bytes (public form) or NULL */
	int64_t actor;                /* the user asking (0: the public form) */
	int approve;                  /* made approved at once (a coordinator's own booking) */
	const int64_t *equip;         /* items and how many of each */
	const int *equip_count;
	int nequip;
	/* recurrence: the requester's choice when some dates are taken */
	enum ws_freq freq;
	const char *until;
	int times;
	int skip_taken;               /* 1: make the free dates only; 0: refuse the whole series */
};

/* What a write found. */
enum ws_code {
	WS_OK = 0,
	WS_E_FIT,          /* fit says why (hours, closed day, times) */
	WS_E_TAKEN,        /* an approved booking holds the slot: conflict */
	WS_E_EQUIPMENT,    /* not enough of an item then: conflict */
	WS_E_QUOTA,        /* over the organization's monthly hours */
	WS_E_NOT_FOUND,    /* no such (active) room, or booking */
	WS_E_CAPACITY,     /* more attendees than the room holds */
	WS_E_SERIES,       /* some dates of a series are taken (taken[] lists them) */
	WS_E_RULE,         /* a bad or too long repetition */
	WS_E_STATE,        /* the booking is not in a state for this */
};
struct ws_result {
	enum ws_code code;
	enum ws_fit fit;
	struct ws_slot conflict;      /* WS_E_TAKEN / WS_E_EQUIPMENT */
	long used_minutes;            /* WS_E_QUOTA */
	int quota_hours;
	int capacity;                 /* WS_E_CAPACITY: what the room holds */
	int64_t id;                   /* the booking made (the first of a series) */
	int made;                     /* bookings made */
	struct ws_slot taken[LIMIT_WS_OCCURRENCES];   /* WS_E_SERIES: dates taken */
	int ntaken;
};

/* Makes a booking (or each occurrence of a series) after checking, on w,
 * the room, the hours, the approved bookings, equipment, the quota.
 * Notifies the office's coordinators of a request.  Audited.  Returns 0
 * with res filled (res->code says whether anything was made), or -1. */
int ws_booking_make(struct db *w, const struct ws_booking_in *in, struct ws_result *res);
/* Approves (approve 1: checks again that no approved booking or equipment
 * use overlaps it) or refuses with reason a requested booking; notifies
 * its requester.  0 with res->code, or -1. */
int ws_booking_decide(struct db *w, int64_t actor, int64_t id, int approve, const char *reason, struct ws_result *res);
/* Cancels a booking (what: 0 this one, 1 the occurrences of its series
 * from day from to day to, 2 its whole series still to come) that is
 * requested or approved.  0 with res->made the number cancelled, or -1. */
int ws_booking_cancel(struct db *w, int64_t actor, int64_t id, int what, const char *from, const char *to,
		      struct ws_result *res);

/* A sentence for a result that made nothing, in the user's language:
 * "This room is already booked on 10 December 2026 from 10:00 to 12:00."
 * (allocated in r's arena). */
const char *ws_result_message(struct req *r, const struct ws_result *res);

/* ---- scope ---- */
/* The office of the user's scope (0: all offices). */
int64_t ws_office(struct req *r);
/* 1 when the user may see the booking: staff of its office (or all),
 * a partner when it is their organization's. */
int ws_booking_visible(struct req *r, int64_t booking);
/* 1 when the room exists and is in the user's office (any for a partner
 * or all-offices staff). */
int ws_room_visible(struct req *r, int64_t room);
/* The user is a partner bound to an organization. */
int ws_is_partner(struct req *r);

/* The demo's rooms and bookings (demo.c). */
int workspace_demo(struct db *w, int scale);
#endif
