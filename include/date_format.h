/*
 * date-format: how the message list shows a date.  "auto" (the default)
 * is 14:32 today, Nov 03 this year, 2024-11-03 before; "relative" says
 * how long ago in ten columns at most; anything else is a strftime
 * format.
 */
#ifndef TERN_DATE_FORMAT_H
#define TERN_DATE_FORMAT_H

#include <stddef.h>
#include <time.h>

/*
 * Write t as fmt says (NULL is "auto") into buf, seen at the time now
 * (read once per screen drawn).  A date of 0 is unknown: "".
 */
void date_format(const char *fmt, time_t t, time_t now, char *buf, size_t len);

#endif
