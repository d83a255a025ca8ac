/*
 * sort.c owns the names and the comparison of message-list orders; the
 * mailbox and the worker sort with it, so a list sorted from the cache and
 * one sorted by the server agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sort.h"

static const char *const sort_keys[] = {
	[SORT_DATE] = "date",
	[SORT_ARRIVAL] = "arrival",
	[SORT_THREAD] = "threads",
	[SORT_FROM] = "from",
	[SORT_SUBJECT] = "subject",
	[SORT_SIZE] = "size",
};

int
sort_parse(const char *s, struct sort_order *so)
{
	size_t i;

	so->reverse = strncmp(s, "reverse-", 8) == 0;
	if (so->reverse)
		s += 8;
	for (i = 0; i < sizeof sort_keys / sizeof sort_keys[0]; i++) {
		if (strcmp(s, sort_keys[i]) == 0) {
			so->key = (enum sort_key)i;
			return (0);
		}
	}
	return (-1);
}

const char *
sort_name(const struct sort_order *so, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", so->reverse ? "reverse-" : "",
	    sort_keys[so->key]);
	return (buf);
}

int
sort_uid_asc(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

void
sort_uids_arrival(uint32_t *uids, size_t n, int oldest_first)
{
	uint32_t t;
	size_t	 i;

	qsort(uids, n, sizeof *uids, sort_uid_asc);
	for (i = 0; !oldest_first && i < n / 2; i++) {
		t = uids[i];
		uids[i] = uids[n - 1 - i];
		uids[n - 1 - i] = t;
	}
}

static int
sort_wsp(char c)
{
	return (c == ' ' || c == '\t');
}

/* Whether [p, e) starts with w, ignoring ASCII case. */
static int
sort_starts(const char *p, const char *e, const char *w)
{
	size_t n = strlen(w);

	return ((size_t)(e - p) >= n && strncasecmp(p, w, n) == 0);
}

static const char *
sort_skip_wsp(const char *p, const char *e)
{
	while (p < e && sort_wsp(*p))
		p++;
	return (p);
}

/* subj-blob: "[" *BLOBCHAR "]" *WSP; the end of it, or NULL. */
static const char *
sort_blob(const char *p, const char *e)
{
	if (p == e || *p != '[')
		return (NULL);
	for (p++; p < e && *p != ']'; p++)
		if (*p == '[')
			return (NULL);
	if (p == e)
		return (NULL);
	return (sort_skip_wsp(p + 1, e));
}

/* subj-refwd: ("re" / "fw" ["d"]) *WSP [subj-blob] ":"; or NULL. */
static const char *
sort_refwd(const char *p, const char *e)
{
	const char *q;

	if (sort_starts(p, e, "re"))
		p += 2;
	else if (sort_starts(p, e, "fwd"))
		p += 3;
	else if (sort_starts(p, e, "fw"))
		p += 2;
	else
		return (NULL);
	p = sort_skip_wsp(p, e);
	if ((q = sort_blob(p, e)) != NULL)
		p = q;
	return (p < e && *p == ':' ? p + 1 : NULL);
}

/* subj-leader: (*subj-blob subj-refwd) / WSP; or NULL. */
static const char *
sort_leader(const char *p, const char *e)
{
	const char *q;

	if (p < e && sort_wsp(*p))
		return (p + 1);
	while ((q = sort_blob(p, e)) != NULL)
		p = q;
	return (sort_refwd(p, e));
}

/* RFC 5256 2.1, steps 2 to 6, on the decoded subject. */
const char *
sort_base_subject(const char *s, size_t *len)
{
	const char *p, *e, *q;
	int	    changed;

	p = s != NULL ? s : "";
	e = p + strlen(p);
	for (;;) {
		/* (2) trailing "(fwd)" and blanks. */
		for (;;) {
			if (e > p && sort_wsp(e[-1]))
				e--;
			else if (e - p >= 5 &&
			    strncasecmp(e - 5, "(fwd)", 5) == 0)
				e -= 5;
			else
				break;
		}
		/* (3) to (5): leaders, and a blob that leaves a subject. */
		do {
			changed = 0;
			while ((q = sort_leader(p, e)) != NULL) {
				p = q;
				changed = 1;
			}
			if ((q = sort_blob(p, e)) != NULL &&
			    sort_skip_wsp(q, e) < e) {
				p = q;
				changed = 1;
			}
		} while (changed);
		/* (6) "[fwd:" ... "]" around it: once more inside. */
		if (e - p >= 6 && sort_starts(p, e, "[fwd:") && e[-1] == ']') {
			p += 5;
			e--;
			continue;
		}
		break;
	}
	*len = (size_t)(e - p);
	return (p);
}

/*
 * i;ascii-casemap (RFC 4790, as RFC 5256 wants): ASCII letters as upper
 * case, other bytes as they are; a run of blanks is one space.
 */
static int
sort_strcmp(const char *a, size_t na, const char *b, size_t nb)
{
	const char *ea = a + na, *eb = b + nb;
	int	    ca, cb;

	for (;;) {
		if (a < ea && sort_wsp(*a)) {
			a = sort_skip_wsp(a, ea);
			ca = ' ';
		} else
			ca = a < ea ? (unsigned char)*a++ : -1;
		if (b < eb && sort_wsp(*b)) {
			b = sort_skip_wsp(b, eb);
			cb = ' ';
		} else
			cb = b < eb ? (unsigned char)*b++ : -1;
		if (ca >= 'a' && ca <= 'z')
			ca -= 'a' - 'A';
		if (cb >= 'a' && cb <= 'z')
			cb -= 'a' - 'A';
		if (ca != cb)
			return (ca < cb ? -1 : 1);
		if (ca == -1)
			return (0);
	}
}

static int
sort_cmp_str(const char *a, const char *b)
{
	a = a != NULL ? a : "";
	b = b != NULL ? b : "";
	return (sort_strcmp(a, strlen(a), b, strlen(b)));
}

int
sort_cmp(const struct sort_order *so, const struct sort_item *a,
    const struct sort_item *b)
{
	const char *sa, *sb;
	size_t	    na, nb;
	int	    c = 0;

	switch (so->key) {
	case SORT_DATE:
		/* Newest on top: the server's REVERSE DATE. */
		if (a->date != b->date)
			c = a->date > b->date ? -1 : 1;
		break;
	case SORT_FROM:
		c = sort_cmp_str(a->from_key, b->from_key);
		break;
	case SORT_SUBJECT:
		sa = sort_base_subject(a->subject, &na);
		sb = sort_base_subject(b->subject, &nb);
		c = sort_strcmp(sa, na, sb, nb);
		break;
	case SORT_SIZE:
		if (a->size != b->size)
			c = a->size < b->size ? -1 : 1;
		break;
	case SORT_ARRIVAL:
	case SORT_THREAD:
		if (a->uid != b->uid)
			c = a->uid > b->uid ? -1 : 1;
		break;
	}
	if (so->reverse)
		c = -c;
	/*
	 * Ties as the server breaks them (RFC 5256 3): in mailbox order,
	 * oldest first, REVERSE or not.
	 */
	if (c == 0 && a->uid != b->uid)
		c = a->uid < b->uid ? -1 : 1;
	return (c);
}
