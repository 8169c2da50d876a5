/* rules — the workspace's rules on times, without the database (so the
 * unit tests and the fuzz target reach them alone): a booking's time
 * 'YYYY-MM-DDTHH:MM', overlap (touching ends do not overlap), a room's
 * opening hours and closed days, the expansion of a recurring booking and
 * the monthly quota of hours. */
#ifndef DAAM_WORKSPACE_RULES_H
#define DAAM_WORKSPACE_RULES_H

#define WS_TIME_LEN 16   /* "2026-12-10T10:00" */

/* Parses exactly 'YYYY-MM-DDTHH:MM' (a real day, 00:00–23:59); fills what
 * is not NULL; 0 or -1. */
int ws_time_parse(const char *s, int *y, int *mo, int *d, int *minute_of_day);
/* "HH:MM" as minutes from midnight (00:00–24:00); -1 when malformed. */
int ws_hm(const char *s);
/* 1 when [a_start, a_end) and [b_start, b_end) overlap (valid times). */
int ws_overlap(const char *a_start, const char *a_end, const char *b_start, const char *b_end);
/* The weekday of a day, 0 Sunday … 6 Saturday. */
int ws_weekday(int y, int m, int d);
/* The day n days after day ("YYYY-MM-DD", n may be negative) into out
 * (11 bytes); 0, or -1 for a bad day. */
int ws_day_add(const char *day, int n, char out[11]);
/* Minutes from start to end (both valid, same day); <= 0 when not after. */
int ws_minutes(const char *start, const char *end);

/* Why a slot does not fit a room. */
enum ws_fit {
	WS_FIT_OK = 0,
	WS_FIT_BAD_TIME,     /* a time is malformed */
	WS_FIT_ORDER,        /* the end is not after the start */
	WS_FIT_SPAN,         /* start and end are not on the same day */
	WS_FIT_CLOSED_DAY,   /* the room is closed that weekday */
	WS_FIT_HOURS,        /* before opening or after closing */
};
/* Checks the slot start–end against a room's opening hours ("HH:MM") and
 * closed weekdays (digits 0–6 in closed_days).  opens NULL: no hours
 * (equipment alone): only the times and their order are checked. */
enum ws_fit ws_fit(const char *start, const char *end, const char *opens, const char *closes, const char *closed_days);

/* A slot of a recurring booking. */
struct ws_slot {
	char start[WS_TIME_LEN + 1], end[WS_TIME_LEN + 1];
};
enum ws_freq { WS_ONCE = 0, WS_DAILY, WS_WEEKLY };
/* The occurrences of start–end repeated by freq until the day until
 * ("YYYY-MM-DD", included; "" none) or times occurrences (0 none); with
 * WS_ONCE the slot alone.  One of until and times is needed for a
 * repetition.  Writes at most max slots to out.  Returns their number, -1
 * for a bad rule (bad times, until before the start, no end to the rule),
 * -2 when the rule gives more than max. */
int ws_expand(const char *start, const char *end, enum ws_freq freq, const char *until, int times,
	      struct ws_slot *out, int max);

/* The monthly quota: 1 when used + more minutes stay within hours (hours
 * <= 0: no quota), else 0. */
int ws_quota_ok(long used_minutes, long more_minutes, int hours);
#endif
