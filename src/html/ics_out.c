/* ics_out — calendar feeds with libical (see ics_out.h). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "html/ics_out.h"
#include "core/dates.h"
#include "http/request.h"
#include "core/banned.h"

icalcomponent *ics_calendar(const char *prodid)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(prodid));
	return cal;
}

struct icaltimetype ics_local(const char *day, const char *hm)
{
	int y, m, d;
	struct icaltimetype t = icaltime_null_time();
	if (date_parse_iso(day, &y, &m, &d) < 0)
		return t;
	t.year = y;
	t.month = m;
	t.day = d;
	if (!*hm) {
		t.is_date = 1;
		return t;
	}
	t.hour = (hm[0] - '0') * 10 + (hm[1] - '0');
	t.minute = (hm[3] - '0') * 10 + (hm[4] - '0');
	t = icaltime_set_timezone(&t, icaltimezone_get_utc_timezone());
	icaltime_adjust(&t, 0, -DATES_TZ_OFFSET / 3600, 0, 0);
	return t;
}

void ics_event(struct req *r, icalcomponent *cal, const char *uid, struct icaltimetype start, struct icaltimetype end,
	       const char *summary, const char *location)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	const char *host = req_header(r, "Host");
	char full[200];
	snprintf(full, sizeof full, "%s@%.100s", uid, host ? host : "daam");
	icalcomponent_add_property(ev, icalproperty_new_uid(full));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
		icaltime_from_timet_with_zone(time(NULL), 0, icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(start));
	if (!icaltime_is_null_time(end))
		icalcomponent_add_property(ev, icalproperty_new_dtend(end));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	if (location && *location)
		icalcomponent_add_property(ev, icalproperty_new_location(location));
	icalcomponent_add_component(cal, ev);
}

void ics_send(struct req *r, icalcomponent *cal)
{
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!text) {
		req_error(r, 500);
		return;
	}
	sb_adds(&r->out, text);
	free(text);
	r->content_type = "text/calendar; charset=utf-8";
}
