/*
 * date_format.c owns the list's dates: auto, relative, or a strftime
 * format.  It must never read the clock: the caller gives "now", once a
 * screen, so that every row of a screen agrees and a test can fix it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date_format.h"

static void
date_auto(const struct tm *tm, const struct tm *now_tm, char *buf, size_t len)
{
	if (tm->tm_year == now_tm->tm_year && tm->tm_yday == now_tm->tm_yday)
		strftime(buf, len, "%H:%M", tm);
	else if (tm->tm_year == now_tm->tm_year)
		strftime(buf, len, "%b %d", tm);
	else
		strftime(buf, len, "%Y-%m-%d", tm);
}

/* Days from midnight of t to midnight of now, by the calendar. */
static long
date_days(const struct tm *tm, const struct tm *now_tm)
{
	struct tm a = *tm, b = *now_tm;

	a.tm_hour = b.tm_hour = 12;
	a.tm_min = b.tm_min = a.tm_sec = b.tm_sec = 0;
	a.tm_isdst = b.tm_isdst = -1;
	/* Noon to noon: a day of 23 or 25 hours still rounds right. */
	return ((long)((difftime(mktime(&b), mktime(&a)) + 43200) / 86400));
}

/*
 * The newest mail is what one looks at most: minutes for the last hour,
 * the time for the rest of today, then "yesterday", the weekday for the
 * rest of the week, and the date after that.  Ten columns at most.
 */
static void
date_relative(time_t t, time_t now, const struct tm *tm,
    const struct tm *now_tm, char *buf, size_t len)
{
	time_t ago = now - t;
	long   days;

	/* A date in the future is a wrong clock somewhere: plain date. */
	if (ago < -60) {
		date_auto(tm, now_tm, buf, len);
		return;
	}
	if (ago < 60) {
		snprintf(buf, len, "just now");
		return;
	}
	if (ago < 3600) {
		snprintf(buf, len, "%d min ago", (int)(ago / 60));
		return;
	}
	days = date_days(tm, now_tm);
	if (days == 0)
		strftime(buf, len, "%H:%M", tm);
	else if (days == 1)
		snprintf(buf, len, "yesterday");
	else if (days < 7)
		strftime(buf, len, "%a", tm);
	else
		date_auto(tm, now_tm, buf, len);
}

void
date_format(const char *fmt, time_t t, time_t now, char *buf, size_t len)
{
	struct tm tm, now_tm;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (t == 0)
		return;
	localtime_r(&t, &tm);
	localtime_r(&now, &now_tm);
	if (fmt == NULL || strcmp(fmt, "auto") == 0)
		date_auto(&tm, &now_tm, buf, len);
	else if (strcmp(fmt, "relative") == 0)
		date_relative(t, now, &tm, &now_tm, buf, len);
	else if (strftime(buf, len, fmt, &tm) == 0)
		buf[0] = '\0';
}
