/* ics_out — calendar feeds (ICS, RFC 5545) written with libical: the
 * activities' private feeds and the rooms' public ones.  Times are Syria's
 * local time (UTC+3 all year) written as UTC, so every calendar places
 * them right without a time-zone table. */
#ifndef DAAM_ICS_OUT_H
#define DAAM_ICS_OUT_H
#include <libical/ical.h>
struct req;

/* A new VCALENDAR (version 2.0) made by prodid ("-//daam//rooms//AR"). */
icalcomponent *ics_calendar(const char *prodid);
/* Day "YYYY-MM-DD" at "HH:MM" in Syria as a UTC time; a day alone when hm
 * is ""; the null time for a malformed day. */
struct icaltimetype ics_local(const char *day, const char *hm);
/* Adds an event: its uid ("booking-12") made unique with the Host the
 * request came to, start and end (end may be the null time: none), the
 * summary, and the location when not "". */
void ics_event(struct req *r, icalcomponent *cal, const char *uid, struct icaltimetype start, struct icaltimetype end,
	       const char *summary, const char *location);
/* Sends cal as the answer (text/calendar) and frees it; 500 on failure. */
void ics_send(struct req *r, icalcomponent *cal);
#endif
