/* rules — times, overlap, opening hours, recurrence and quotas of the
 * workspace (see rules.h).  Days are counted from 1970-01-01 with the
 * civil-calendar formula, so no time zone or libc state is involved. */
#include <stdio.h>
#include <string.h>
#include "workspace/rules.h"
#include "core/dates.h"
#include "core/banned.h"

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int ws_hm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	int h = digits(s, 2), m = digits(s + 3, 2);
	if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

int ws_time_parse(const char *s, int *y, int *mo, int *d, int *minute_of_day)
{
	if (!s || strlen(s) != WS_TIME_LEN || s[10] != 'T')
		return -1;
	char day[11];
	memcpy(day, s, 10);
	day[10] = 0;
	int yy, mm, dd;
	if (date_parse_iso(day, &yy, &mm, &dd) < 0)
		return -1;
	int t = ws_hm(s + 11);
	if (t < 0 || t >= 24 * 60)
		return -1;
	if (y)
		*y = yy;
	if (mo)
		*mo = mm;
	if (d)
		*d = dd;
	if (minute_of_day)
		*minute_of_day = t;
	return 0;
}

int ws_overlap(const char *a_start, const char *a_end, const char *b_start, const char *b_end)
{
	return strcmp(a_start, b_end) < 0 && strcmp(b_start, a_end) < 0;
}

/* days since 1970-01-01 of a civil date (H. Hinnant's algorithm) */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int ws_weekday(int y, int m, int d)
{
	long z = days_from_civil(y, m, d);
	/* 1970-01-01 was a Thursday (4) */
	return (int)(((z % 7) + 7 + 4) % 7);
}

int ws_day_add(const char *day, int n, char out[11])
{
	int y, m, d;
	if (date_parse_iso(day, &y, &m, &d) < 0)
		return -1;
	civil_from_days(days_from_civil(y, m, d) + n, &y, &m, &d);
	if (y < 1000 || y > 9999)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int ws_minutes(const char *start, const char *end)
{
	int y1, m1, d1, t1, y2, m2, d2, t2;
	if (ws_time_parse(start, &y1, &m1, &d1, &t1) < 0 || ws_time_parse(end, &y2, &m2, &d2, &t2) < 0)
		return 0;
	return (int)((days_from_civil(y2, m2, d2) - days_from_civil(y1, m1, d1)) * 1440 + t2 - t1);
}

enum ws_fit ws_fit(const char *start, const char *end, const char *opens, const char *closes, const char *closed_days)
{
	int y, m, d, ts, te;
	if (ws_time_parse(start, &y, &m, &d, &ts) < 0 || ws_time_parse(end, NULL, NULL, NULL, &te) < 0)
		return WS_FIT_BAD_TIME;
	if (strcmp(end, start) <= 0)
		return WS_FIT_ORDER;
	if (memcmp(start, end, 10) != 0)
		return WS_FIT_SPAN;
	if (!opens)
		return WS_FIT_OK;
	char wd = (char)('0' + ws_weekday(y, m, d));
	if (closed_days && strchr(closed_days, wd))
		return WS_FIT_CLOSED_DAY;
	int o = ws_hm(opens), c = ws_hm(closes);
	if (o < 0 || c < 0 || ts < o || te > c)
		return WS_FIT_HOURS;
	return WS_FIT_OK;
}

int ws_expand(const char *start, const char *end, enum ws_freq freq, const char *until, int times,
	      struct ws_slot *out, int max)
{
	if (ws_fit(start, end, NULL, NULL, NULL) != WS_FIT_OK || max < 1)
		return -1;
	if (freq == WS_ONCE) {
		memcpy(out[0].start, start, WS_TIME_LEN + 1);
		memcpy(out[0].end, end, WS_TIME_LEN + 1);
		return 1;
	}
	if (freq != WS_DAILY && freq != WS_WEEKLY)
		return -1;
	int has_until = until && *until;
	int uy, um, ud;
	if (has_until && (date_parse_iso(until, &uy, &um, &ud) < 0 || strncmp(until, start, 10) < 0))
		return -1;
	if (!has_until && times <= 0)
		return -1;
	if (times < 0)
		return -1;
	int step = freq == WS_DAILY ? 1 : 7;
	char day[11], next[11];
	memcpy(day, start, 10);
	day[10] = 0;
	int n = 0;
	for (;;) {
		if (has_until && strcmp(day, until) > 0)
			break;
		if (times > 0 && n >= times)
			break;
		if (n >= max)
			return -2;
		snprintf(out[n].start, sizeof out[n].start, "%s%s", day, start + 10);
		snprintf(out[n].end, sizeof out[n].end, "%s%s", day, end + 10);
		n++;
		if (ws_day_add(day, step, next) < 0)
			break;
		memcpy(day, next, sizeof day);
	}
	return n;
}

int ws_quota_ok(long used_minutes, long more_minutes, int hours)
{
	if (hours <= 0)
		return 1;
	return used_minutes + more_minutes <= (long)hours * 60;
}
