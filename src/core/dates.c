/* dates — ISO parsing, Levantine/English month names, localized digits. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/banned.h"

static const char *const months_ar[12] = {
	"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
	"تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
};
static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int date_parse_iso(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int mm = (s[5] - '0') * 10 + (s[6] - '0');
	int dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (yy < LIMIT_DATE_YEAR_MIN || yy > LIMIT_DATE_YEAR_MAX || mm < 1 || mm > 12 || dd < 1 || dd > days_in_month(yy, mm))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

int date_this_year(void)
{
	time_t now = time(NULL) + DATES_TZ_OFFSET;
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

const char *date_month_name(int month, int lang)
{
	if (month < 1 || month > 12)
		return "?";
	return lang == LANG_AR ? months_ar[month - 1] : months_en[month - 1];
}

void fmt_digits(struct strbuf *sb, const char *s)
{
	if (!i18n_arabic_digits()) {
		sb_adds(sb, s);
		return;
	}
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			/* U+0660 + digit: D9 A0..A9 */
			char u[2] = { (char)0xD9, (char)(0xA0 + (*s - '0')) };
			sb_add(sb, u, 2);
		} else {
			sb_addc(sb, *s);
		}
	}
}

void fmt_int(struct strbuf *sb, long long n)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lld", n);
	fmt_digits(sb, tmp);
}

void date_format(struct strbuf *sb, int y, int m, int d)
{
	char tmp[16];
	snprintf(tmp, sizeof tmp, "%d", d);
	fmt_digits(sb, tmp);
	sb_addc(sb, ' ');
	sb_adds(sb, date_month_name(m, i18n_lang()));
	sb_addc(sb, ' ');
	snprintf(tmp, sizeof tmp, "%d", y);
	fmt_digits(sb, tmp);
}

void date_format_time(struct strbuf *sb, int64_t unix_time)
{
	time_t t = (time_t)(unix_time + DATES_TZ_OFFSET);
	struct tm tm;
	gmtime_r(&t, &tm);
	date_format(sb, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	char tmp[16];
	snprintf(tmp, sizeof tmp, " %02d:%02d", tm.tm_hour, tm.tm_min);
	sb_adds(sb, i18n_lang() == LANG_AR ? "،" : ",");
	fmt_digits(sb, tmp);
}
