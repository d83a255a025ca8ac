/*
 * mime_fields_fast.c owns the cheap readers of the list's From, To and
 * Date values in the shapes nearly every message uses: "Name <a@b>",
 * "\"Quoted Name\" <a@b>", "a@b", "<a@b>", lists of those, and
 * "Thu, 02 May 2024 10:00:00 +0200".  They exist because libetpan's
 * parser builds a tree for every field of every message the list loads,
 * which made the worker slower than the server.  They must never give
 * anything but what mime_fields.c would make of libetpan's answer: where
 * a value holds anything that parser treats specially (comments, groups,
 * quoted pairs, encoded words, controls, odd spacing) they refuse, and
 * libetpan reads it as before.
 */
#include <string.h>

#include "mime_fields.h"
#include "mime_fields_fast.h"

#define BLANK(c) ((c) == ' ' || (c) == '\t')

/*
 * Bytes that libetpan takes into an atom and into an addr-spec alike,
 * minus those it treats specially anywhere (comments, domain literals,
 * quoted pairs) and controls.
 */
static inline int
fast_atext(unsigned char c)
{
	if (c <= ' ' || c == 0x7f)
		return (0);
	switch (c) {
	case '"':
	case '(':
	case ')':
	case ',':
	case ':':
	case ';':
	case '<':
	case '>':
	case '[':
	case '\\':
	case ']':
		return (0);
	}
	return (1);
}

/*
 * An encoded word starts where libetpan's phrase tries its RFC 2047
 * reader instead of an atom, which ends words elsewhere.
 */
#define ENCODED(p) ((p)[0] == '=' && (p)[1] == '?')

/*
 * The length of the encoded word at p ("=?utf-8?q?Caf=C3=A9?="), in a
 * shape where libetpan's reader ends it where RFC 2047 does; or 0.
 */
static size_t
fast_encoded(const unsigned char *p)
{
	const unsigned char *s = p + 2, *text;

	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')
		s++;
	if (s == p + 2 || s[0] != '?' || s[1] == '\0' ||
	    strchr("BbQq", s[1]) == NULL || s[2] != '?')
		return (0);
	for (text = s += 3; *s != '?' && fast_atext(*s); s++)
		;
	if (s == text || s[0] != '?' || s[1] != '=')
		return (0);
	return ((size_t)(s + 2 - p));
}

int
mime_fast_box(const char **pp, char *buf, struct mime_fast_box *b)
{
	const unsigned char *p = (const unsigned char *)*pp;
	const unsigned char *w;
	char		    *o = buf;
	size_t		     n;
	int		     words = 0, atom = 0, enc = 0, odd = 0, one = 1;

	while (BLANK(*p))
		p++;
	/*
	 * The phrase: words joined by one space, as libetpan joins them.  It
	 * keeps the blanks between encoded words it reads as one, so there
	 * they must be one space already.
	 */
	for (;;) {
		if (words > 0 && !one && (*p == '"' || fast_atext(*p)))
			odd = 1;
		if (ENCODED(p)) {
			if ((n = fast_encoded(p)) == 0 ||
			    (p[n] != ' ' && p[n] != '<'))
				return (-1);
			if (words++ > 0)
				*o++ = ' ';
			atom = 0;
			enc = 1;
			memcpy(o, p, n);
			o += n;
			p += n;
		} else if (*p == '"') {
			if (words++ > 0)
				*o++ = ' ';
			atom = 0;
			for (p++; *p != '"'; p++) {
				if (ENCODED(p) || *p == '\\' || *p == 0x7f ||
				    (*p < ' ' && *p != '\t'))
					return (-1);
				if (!BLANK(*p)) {
					*o++ = (char)*p;
					continue;
				}
				/* A run of blanks in quotes is one space. */
				*o++ = ' ';
				while (BLANK(p[1]))
					p++;
			}
			p++;
		} else if (fast_atext(*p)) {
			if (words++ > 0)
				*o++ = ' ';
			atom = 1;
			for (; fast_atext(*p); p++) {
				if (ENCODED(p))
					return (-1);
				*o++ = (char)*p;
			}
		} else
			break;
		for (w = p; BLANK(*p); p++)
			;
		one = p == w + 1 && *w == ' ';
	}
	if (enc && odd)
		return (-1);
	*o++ = '\0';
	if (*p == '<') {
		b->name = words > 0 ? buf : NULL;
		b->addr = o;
		for (p++; fast_atext(*p); p++) {
			if (ENCODED(p))
				return (-1);
			*o++ = (char)*p;
		}
		if (o == b->addr || *p != '>')
			return (-1);
		*o = '\0';
		p++;
	} else if (words == 1 && atom && (*p == ',' || *p == '\0')) {
		/* A bare addr-spec: libetpan's phrase, then no angle. */
		b->name = NULL;
		b->addr = buf;
	} else
		return (-1);
	while (BLANK(*p))
		p++;
	if (*p != ',' && *p != '\0')
		return (-1);
	*pp = (const char *)p;
	return (0);
}

/* n digits at *p, exactly: a longer number is libetpan's to read. */
static int
fast_number(const char **p, const char *end, int n, int *v)
{
	const char *s = *p;
	int	    i;

	if (end - s < n)
		return (-1);
	for (*v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (-1);
		*v = *v * 10 + (s[i] - '0');
	}
	if (s + n < end && s[n] >= '0' && s[n] <= '9')
		return (-1);
	*p = s + n;
	return (0);
}

/* One blank or more: 0, or -1 if there is none. */
static int
fast_blanks(const char **p, const char *end)
{
	const char *s = *p;

	while (s < end && BLANK(*s))
		s++;
	if (s == *p)
		return (-1);
	*p = s;
	return (0);
}

/* Which of the three-letter names at *p, from 1; or -1. */
static int
fast_name(const char **p, const char *end, const char *names, int n)
{
	int i;

	if (end - *p < 3)
		return (-1);
	for (i = 0; i < n; i++)
		if (memcmp(*p, names + 3 * i, 3) == 0) {
			*p += 3;
			return (i + 1);
		}
	return (-1);
}

int
mime_fast_date(const char *s, size_t len, time_t *t)
{
	const char *p = s, *end = s + len;
	int	    day, mon, year, hour, min, sec = 0, zone, sign;

	while (p < end && BLANK(*p))
		p++;
	if (fast_name(&p, end, "MonTueWedThuFriSatSun", 7) == -1 || p == end ||
	    *p++ != ',' || fast_blanks(&p, end) == -1 ||
	    fast_number(&p, end,
		1 + (end - p > 1 && p[1] >= '0' && p[1] <= '9'), &day) == -1 ||
	    fast_blanks(&p, end) == -1 ||
	    (mon = fast_name(&p, end, "JanFebMarAprMayJunJulAugSepOctNovDec",
		 12)) == -1 ||
	    fast_blanks(&p, end) == -1 ||
	    fast_number(&p, end, 4, &year) == -1 ||
	    fast_blanks(&p, end) == -1 ||
	    fast_number(&p, end, 2, &hour) == -1 || p == end || *p++ != ':' ||
	    fast_number(&p, end, 2, &min) == -1)
		return (-1);
	if (p < end && *p == ':' && (p++, fast_number(&p, end, 2, &sec) == -1))
		return (-1);
	if (fast_blanks(&p, end) == -1 || p == end || (*p != '+' && *p != '-'))
		return (-1);
	sign = *p++ == '-' ? -1 : 1;
	if (fast_number(&p, end, 4, &zone) == -1 || (p < end && !BLANK(*p)))
		return (-1);
	*t = mime_mktime(year, mon, day, hour, min, sec, sign * zone);
	return (0);
}
