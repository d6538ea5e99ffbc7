#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

/* Howard Hinnant's days_from_civil and civil_from_days. */
int32_t
date_from_ymd(int y, int m, int d)
{
	int		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void
date_to_ymd(int32_t z, int *y, int *m, int *d)
{
	int		era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + era * 400 + (*m <= 2);
}

int
date_parse(const char *s, int32_t *day)
{
	int	y, m, d, yy, mm, dd, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = date_from_ymd(y, m, d);
	date_to_ymd(*day, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d ? 0 : -1;	/* no 2月30日 */
}

void
date_fmt(int32_t day, char *out, size_t sz)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, sz, "%04d-%02d-%02d", y, m, d);
}

int32_t
date_today(void)
{
	time_t		t = time(NULL);
	struct tm	tm;

	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
