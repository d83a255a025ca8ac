/*
 * imap_fetch_parse.c owns reading one untagged FETCH response of the
 * list's fill from its raw bytes, literals inline, into a row.  libetpan's
 * parser built a tree of every item and string of every message, then it
 * was walked and freed: half of the worker's time on a fill of 100,000
 * messages (bench/README).  This reads the bytes once, in place.
 *
 * It must follow RFC 3501's msg-att grammar, skip whole any item the list
 * does not use, whatever its shape (MODSEQ, an extension's), never read
 * past the bytes it is given, and refuse anything else: the caller then
 * ends the session, as a libetpan parse error did.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap_private.h"
#include "mime_fields.h"
#include "xmalloc.h"

/* Lists in an item nest at most this deep (a BODYSTRUCTURE's). */
#define FETCH_MAX_DEPTH 64

struct fp {
	const char *p;
	const char *end;
};

static int
fp_eat(struct fp *f, char c)
{
	if (f->p < f->end && *f->p == c) {
		f->p++;
		return (1);
	}
	return (0);
}

static int
fp_crlf(struct fp *f)
{
	return (fp_eat(f, '\r') && fp_eat(f, '\n'));
}

/*
 * Blanks between the parts of a list: RFC 3501 has one, and libetpan read
 * any number, before and after the parts too.  How many there were.
 */
static size_t
fp_blanks(struct fp *f)
{
	const char *start = f->p;

	while (f->p < f->end && *f->p == ' ')
		f->p++;
	return ((size_t)(f->p - start));
}

/*
 * A list's parts, each read by part, up to its ")".  The "(" is read
 * already.
 */
static int
fp_list(struct fp *f, int (*part)(struct fp *, void *), void *arg)
{
	fp_blanks(f);
	if (fp_eat(f, ')'))
		return (1);
	for (;;) {
		if (!part(f, arg))
			return (0);
		if (fp_blanks(f) == 0 || (f->p < f->end && *f->p == ')'))
			break;
	}
	return (fp_eat(f, ')'));
}

/* Digits up to max; 0 when there are none or too many. */
static int
fp_number(struct fp *f, uint64_t max, uint64_t *out)
{
	uint64_t n = 0;

	if (f->p >= f->end || *f->p < '0' || *f->p > '9')
		return (0);
	while (f->p < f->end && *f->p >= '0' && *f->p <= '9') {
		n = n * 10 + (uint64_t)(*f->p++ - '0');
		if (n > max)
			return (0);
	}
	*out = n;
	return (1);
}

/* Exactly count digits, as a date's fields are. */
static int
fp_digits(struct fp *f, int count, int *out)
{
	int n = 0;

	for (; count > 0; count--) {
		if (f->p >= f->end || *f->p < '0' || *f->p > '9')
			return (0);
		n = n * 10 + (*f->p++ - '0');
	}
	*out = n;
	return (1);
}

/* An atom's characters (RFC 3501 ATOM-CHAR, plus ']' and '\' of flags). */
static int
fp_atom_char(char c)
{
	return ((unsigned char)c > ' ' && (unsigned char)c < 0x7f &&
	    strchr("(){\"%", c) == NULL);
}

static size_t
fp_atom(struct fp *f)
{
	const char *start = f->p;

	while (f->p < f->end && fp_atom_char(*f->p))
		f->p++;
	return ((size_t)(f->p - start));
}

/* A quoted string; *s and *len span its inside, escapes still in. */
static int
fp_quoted(struct fp *f, const char **s, size_t *len)
{
	if (!fp_eat(f, '"'))
		return (0);
	*s = f->p;
	for (; f->p < f->end; f->p++) {
		if (*f->p == '\r' || *f->p == '\n')
			return (0);
		if (*f->p == '\\') {
			if (f->end - f->p < 2 ||
			    (f->p[1] != '\\' && f->p[1] != '"'))
				return (0);
			f->p++;
			continue;
		}
		if (*f->p == '"') {
			*len = (size_t)(f->p - *s);
			f->p++;
			return (1);
		}
	}
	return (0);
}

/* A literal "{n}" CRLF and its n bytes; literal8 "~{n}" too. */
static int
fp_literal(struct fp *f, const char **s, size_t *len)
{
	uint64_t n;

	fp_eat(f, '~');
	if (!fp_eat(f, '{') || !fp_number(f, SIZE_MAX, &n) || !fp_eat(f, '}') ||
	    !fp_crlf(f) || n > (uint64_t)(f->end - f->p))
		return (0);
	*s = f->p;
	*len = (size_t)n;
	f->p += n;
	return (1);
}

/* An nstring: *s NULL for NIL; *quoted says escapes remain in it. */
static int
fp_nstring(struct fp *f, const char **s, size_t *len, int *quoted)
{
	*quoted = 0;
	if (f->p < f->end && *f->p == '"') {
		*quoted = 1;
		return (fp_quoted(f, s, len));
	}
	if (f->p < f->end && (*f->p == '{' || *f->p == '~'))
		return (fp_literal(f, s, len));
	if (f->end - f->p >= 3 && strncasecmp(f->p, "NIL", 3) == 0) {
		f->p += 3;
		*s = NULL;
		*len = 0;
		return (1);
	}
	return (0);
}

static int fp_skip_value(struct fp *, int);

static int
fp_skip_part(struct fp *f, void *arg)
{
	return (fp_skip_value(f, *(int *)arg + 1));
}

/* Any value, whatever it holds: an item the list does not use. */
static int
fp_skip_value(struct fp *f, int depth)
{
	const char *s;
	size_t	    len;

	if (f->p >= f->end || depth > FETCH_MAX_DEPTH)
		return (0);
	switch (*f->p) {
	case '"':
		return (fp_quoted(f, &s, &len));
	case '{':
	case '~':
		return (fp_literal(f, &s, &len));
	case '(':
		f->p++;
		return (fp_list(f, fp_skip_part, &depth));
	default:
		return (fp_atom(f) > 0);
	}
}

/* One flag of a FLAGS list: the ones tern tracks; keywords are not. */
static int
fp_flag(struct fp *f, void *arg)
{
	static const struct {
		const char *name;
		uint32_t    flag;
	} known[] = {
		{ "\\Seen", MSG_SEEN },
		{ "\\Answered", MSG_ANSWERED },
		{ "\\Flagged", MSG_FLAGGED },
		{ "\\Deleted", MSG_DELETED },
		{ "\\Draft", MSG_DRAFT },
	};
	uint32_t   *flags = arg;
	const char *name = f->p;
	size_t	    len, i;

	/*
	 * "\" atom (\Recent too), or an atom: a keyword.  An atom has no "\"
	 * in it; libetpan took "\SeenX" for \Seen, but it is another flag.
	 */
	fp_eat(f, '\\');
	while (f->p < f->end && fp_atom_char(*f->p) && *f->p != '\\')
		f->p++;
	len = (size_t)(f->p - name);
	if (len == 0 || (len == 1 && *name == '\\'))
		return (0);
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strlen(known[i].name) == len &&
		    strncasecmp(known[i].name, name, len) == 0)
			*flags |= known[i].flag;
	return (1);
}

static int
fp_flags(struct fp *f, uint32_t *flags)
{
	*flags = 0;
	return (fp_eat(f, '(') && fp_list(f, fp_flag, flags));
}

/* INTERNALDATE "dd-Mon-yyyy hh:mm:ss +zzzz" (RFC 3501 date-time). */
static int
fp_internaldate(struct fp *f, time_t *t)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	const char	 *m;
	int		  day, mon, year, hour, min, sec, zone, sign;

	if (!fp_eat(f, '"'))
		return (0);
	/* date-day-fixed: " 7" or "07"; a lone "7" is seen too. */
	fp_eat(f, ' ');
	if (!fp_digits(f, 1, &day))
		return (0);
	if (f->p < f->end && *f->p >= '0' && *f->p <= '9')
		day = day * 10 + (*f->p++ - '0');
	if (!fp_eat(f, '-') || f->end - f->p < 4)
		return (0);
	for (m = months; *m != '\0'; m += 3)
		if (strncasecmp(f->p, m, 3) == 0)
			break;
	if (*m == '\0')
		return (0);
	mon = (int)(m - months) / 3 + 1;
	f->p += 3;
	if (!fp_eat(f, '-') || !fp_digits(f, 4, &year) || !fp_eat(f, ' ') ||
	    !fp_digits(f, 2, &hour) || !fp_eat(f, ':') ||
	    !fp_digits(f, 2, &min) || !fp_eat(f, ':') ||
	    !fp_digits(f, 2, &sec) || !fp_eat(f, ' '))
		return (0);
	if (fp_eat(f, '+'))
		sign = 1;
	else if (fp_eat(f, '-'))
		sign = -1;
	else
		return (0);
	if (!fp_digits(f, 4, &zone) || !fp_eat(f, '"'))
		return (0);
	*t = mime_mktime(year, mon, day, hour, min, sec, sign * zone);
	return (1);
}

/*
 * An item's name: an atom, a section in brackets ("BODY[HEADER.FIELDS
 * (FROM TO)]", which may hold blanks, lists and quoted names) and an
 * origin ("<0>").  *body says it is a BODY[...] whose value is a text.
 */
static int
fp_item_name(struct fp *f, const char **name, size_t *len, int *body)
{
	const char *s;
	size_t	    n;

	*name = f->p;
	while (f->p < f->end && fp_atom_char(*f->p) && *f->p != '[' &&
	    *f->p != ']')
		f->p++;
	*len = (size_t)(f->p - *name);
	if (*len == 0)
		return (0);
	*body = 0;
	if (!fp_eat(f, '['))
		return (1);
	*body = *len == 4 && strncasecmp(*name, "BODY", 4) == 0;
	while (f->p < f->end && *f->p != ']') {
		if (*f->p == '"') {
			if (!fp_quoted(f, &s, &n))
				return (0);
			continue;
		}
		if (*f->p == '\r' || *f->p == '\n' || *f->p == '{')
			return (0);
		f->p++;
	}
	if (!fp_eat(f, ']'))
		return (0);
	if (fp_eat(f, '<')) {
		uint64_t origin;

		if (!fp_number(f, UINT32_MAX, &origin) || !fp_eat(f, '>'))
			return (0);
	}
	return (1);
}

static int
fp_is(const char *name, size_t len, const char *word)
{
	return (strlen(word) == len && strncasecmp(name, word, len) == 0);
}

/* The header block of a BODY[...] item, escapes of a quoted one undone. */
static void
fp_header_block(const char *s, size_t len, int quoted, struct message *m)
{
	char  *copy;
	size_t i, n = 0;

	if (!quoted) {
		mime_fields_parse(s, len, m);
		return;
	}
	copy = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		copy[n++] = s[i];
	}
	mime_fields_parse(copy, n, m);
	free(copy);
}

/* What a response's items make. */
struct fetch_items {
	struct message *m;
	time_t		internal;
	int		header; /* a header block was read */
};

static int
fp_item(struct fp *f, void *arg)
{
	struct fetch_items *fi = arg;
	struct message	   *m = fi->m;
	const char	   *name, *s;
	size_t		    len, slen;
	uint64_t	    n;
	int		    body, quoted;

	if (!fp_item_name(f, &name, &len, &body) || fp_blanks(f) == 0)
		return (0);
	if (body) {
		if (!fp_nstring(f, &s, &slen, &quoted))
			return (0);
		/* One header block a message; a second is ignored. */
		if (s != NULL && !fi->header) {
			fp_header_block(s, slen, quoted, m);
			fi->header = 1;
		}
		return (1);
	}
	if (fp_is(name, len, "UID")) {
		/* UID 0 makes no row (imap_fetch_read), as before. */
		if (!fp_number(f, UINT32_MAX, &n))
			return (0);
		m->uid = (uint32_t)n;
		return (1);
	}
	if (fp_is(name, len, "RFC822.SIZE")) {
		if (!fp_number(f, UINT32_MAX, &n))
			return (0);
		m->size = (uint32_t)n;
		return (1);
	}
	if (fp_is(name, len, "FLAGS"))
		return (fp_flags(f, &m->flags));
	if (fp_is(name, len, "INTERNALDATE"))
		return (fp_internaldate(f, &fi->internal));
	return (fp_skip_value(f, 0));
}

int
imap_fetch_is_fetch(const char *line, size_t len)
{
	struct fp f = { line, line + len };
	uint64_t  n;

	return (fp_eat(&f, '*') && fp_eat(&f, ' ') &&
	    fp_number(&f, UINT32_MAX, &n) && fp_eat(&f, ' ') &&
	    f.end - f.p >= 7 && strncasecmp(f.p, "FETCH (", 7) == 0);
}

int
imap_line_literal(const char *buf, size_t len, size_t *n)
{
	size_t	 i, j;
	uint64_t v = 0;

	/* "{n}" CRLF at the very end; the last line of buf. */
	if (len < 5 || buf[len - 1] != '\n' || buf[len - 2] != '\r' ||
	    buf[len - 3] != '}')
		return (0);
	for (i = len - 3; i > 0 && buf[i - 1] >= '0' && buf[i - 1] <= '9'; i--)
		;
	if (i == len - 3 || i == 0 || buf[i - 1] != '{')
		return (0);
	for (j = i; j < len - 3; j++) {
		v = v * 10 + (uint64_t)(buf[j] - '0');
		if (v > SIZE_MAX / 2)
			return (0);
	}
	*n = (size_t)v;
	return (1);
}

int
imap_fetch_parse(const char *buf, size_t len, uint32_t *seq, struct message *m)
{
	struct fp	   f = { buf, buf + len };
	struct fetch_items fi = { m, 0, 0 };
	uint64_t	   n;

	memset(m, 0, sizeof *m);
	if (!fp_eat(&f, '*') || !fp_eat(&f, ' ') ||
	    !fp_number(&f, UINT32_MAX, &n) || !fp_eat(&f, ' ') ||
	    f.end - f.p < 7 || strncasecmp(f.p, "FETCH (", 7) != 0)
		goto bad;
	*seq = (uint32_t)n;
	f.p += 7;
	/* One item at least: "()" is no FETCH. */
	fp_blanks(&f);
	if (f.p < f.end && *f.p == ')')
		goto bad;
	if (!fp_list(&f, fp_item, &fi) || (fp_blanks(&f), !fp_crlf(&f)) ||
	    f.p != f.end)
		goto bad;
	imap_message_finish(m, fi.internal);
	return (0);

bad:
	message_clear(m);
	return (-1);
}
