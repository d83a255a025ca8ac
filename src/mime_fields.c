/*
 * mime_fields.c owns reading the few header fields the message list shows
 * from a raw header block.  The block comes from the server, so it must
 * never trust it: fields are looked for by name, lines may be folded or
 * bare LF, anything unreadable leaves the field empty, never an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "mime_fields.h"
#include "mime_fields_fast.h"
#include "rfc2047.h"
#include "strbuf.h"
#include "thread.h"
#include "xmalloc.h"

time_t
mime_mktime(int year, int month, int day, int hour, int min, int sec, int zone)
{
	struct tm tm;
	time_t	  t;
	int	  sign = zone < 0 ? -1 : 1, off;

	/*
	 * The numbers come from the server (INTERNALDATE) or a message (Date:),
	 * as long as the sender liked: out of range, they would overflow the
	 * arithmetic below.  A zone is four digits.
	 */
	if (year < 0 || year > 99999 || zone < -9999 || zone > 9999)
		return (0);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	if ((t = timegm(&tm)) == (time_t)-1)
		return (0);
	/* Zones are written as [+-]HHMM, given here as a decimal number. */
	zone *= sign;
	off = (zone / 100) * 3600 + (zone % 100) * 60;
	return (t - sign * off);
}

/* libetpan's reading of a date, which the fast one must agree with. */
time_t
mime_date_slow(const char *s, size_t len)
{
	struct mailimf_date_time *dt = NULL;
	size_t			  idx = 0;
	time_t			  t;

	if (s == NULL ||
	    mailimf_date_time_parse(s, len, &idx, &dt) != MAILIMF_NO_ERROR)
		return (0);
	t = mime_mktime(dt->dt_year, dt->dt_month, dt->dt_day, dt->dt_hour,
	    dt->dt_min, dt->dt_sec, dt->dt_zone);
	mailimf_date_time_free(dt);
	return (t);
}

time_t
mime_date(const char *s, size_t len)
{
	time_t t;

	if (s != NULL && mime_fast_date(s, len, &t) == 0)
		return (t);
	return (mime_date_slow(s, len));
}

/*
 * Copy (if out is not NULL) the unfolded value of the field whose value
 * starts at h[i]: a line at a time, as long as the next line starts with
 * a blank; a CR or an LF alone ends a line too.  Its length.
 */
static size_t
mime_fields_copy(const char *h, size_t len, size_t i, char *out)
{
	const char *nl, *cr;
	size_t	    e, n = 0;

	for (;;) {
		nl = memchr(h + i, '\n', len - i);
		e = nl != NULL ? (size_t)(nl - h) : len;
		if ((cr = memchr(h + i, '\r', e - i)) != NULL)
			e = (size_t)(cr - h);
		if (out != NULL)
			memcpy(out + n, h + i, e - i);
		n += e - i;
		if (e < len && h[e] == '\r' && e + 1 < len && h[e + 1] == '\n')
			e++;
		if (e + 1 >= len || (h[e + 1] != ' ' && h[e + 1] != '\t'))
			return (n);
		i = e + 1;
	}
}

/*
 * The unfolded value, measured first, so that the value kept (a
 * Message-ID) holds no slack.
 */
static char *
mime_fields_unfold(const char *h, size_t len, size_t i)
{
	char  *out;
	size_t n;

	n = mime_fields_copy(h, len, i, NULL);
	out = xmalloc(n + 1);
	mime_fields_copy(h, len, i, out);
	out[n] = '\0';
	return (out);
}

/*
 * A field starts at the beginning of a line; its continuation lines start
 * with a blank.
 */
char *
mime_fields_value(const char *h, size_t len, const char *name)
{
	size_t nlen = strlen(name), i = 0;

	while (i < len) {
		if (len - i > nlen && strncasecmp(h + i, name, nlen) == 0 &&
		    h[i + nlen] == ':')
			return (mime_fields_unfold(h, len, i + nlen + 1));
		/* To the start of the next line. */
		while (i < len && h[i] != '\n')
			i++;
		i++;
	}
	return (NULL);
}

/* Trim blanks at both ends, in place. */
static char *
mime_fields_trim(char *s)
{
	size_t n, lead;

	for (lead = 0; s[lead] == ' ' || s[lead] == '\t'; lead++)
		;
	n = strlen(s + lead);
	if (lead > 0)
		memmove(s, s + lead, n + 1);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return (s);
}

/* A mailbox as the list shows it: the display name, else the address. */
static char *
mime_fields_mailbox(const char *name, const char *addr)
{
	if (name != NULL && *name != '\0')
		return (rfc2047_decode(name, strlen(name)));
	/* (libetpan reads bare words as an obsolete address) */
	if (addr != NULL && strchr(addr, '@') != NULL)
		return (xstrdup(addr));
	return (NULL);
}

/* The mailbox (local part) of an address, which RFC 5256 sorts FROM by. */
static char *
mime_fields_key(const char *addr)
{
	const char *at;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL)
		return (NULL);
	return (xstrndup(addr, (size_t)(at - addr)));
}

/*
 * The sender as the list shows it; and in *key the address's mailbox
 * (local part).
 */
static char *
mime_fields_sender_slow(const char *v, char **key)
{
	struct mailimf_mailbox_list *list = NULL;
	struct mailimf_mailbox	    *mb;
	size_t			     idx = 0;
	char			    *out = NULL;

	*key = NULL;
	if (mailimf_mailbox_list_parse(v, strlen(v), &idx, &list) ==
		MAILIMF_NO_ERROR &&
	    clist_begin(list->mb_list) != NULL) {
		mb = clist_content(clist_begin(list->mb_list));
		*key = mime_fields_key(mb->mb_addr_spec);
		out = mime_fields_mailbox(mb->mb_display_name,
		    mb->mb_addr_spec);
	}
	if (list != NULL)
		mailimf_mailbox_list_free(list);
	/* Not a mailbox list at all: show what it says. */
	return (out != NULL ? out : rfc2047_decode(v, strlen(v)));
}

/*
 * The first recipient and how many more, in one string; or, if none
 * could be shown, what the field says.
 */
static char *
mime_fields_more(const char *v, char *first, size_t more)
{
	char  *out;
	size_t n;

	if (first == NULL)
		return (rfc2047_decode(v, strlen(v)));
	if (more == 0)
		return (first);
	/* (xasprintf costs as much as the rest of the row) */
	n = strlen(first);
	out = xmalloc(n + 24);
	memcpy(out, first, n);
	snprintf(out + n, 24, " +%zu", more);
	free(first);
	return (out);
}

/*
 * The recipients in one short string for a narrow column: the first as
 * the sender is shown, and how many more ("Bob +2"), as mutt and aerc
 * do; the members of a group count one by one, and a group without any
 * ("undisclosed-recipients:;") shows its name if it comes first.
 */
static char *
mime_fields_recipients_slow(const char *v)
{
	struct mailimf_address_list *list = NULL;
	struct mailimf_address	    *ad;
	struct mailimf_mailbox	    *mb;
	struct mailimf_group	    *g;
	clistiter		    *it;
	size_t			     idx = 0, more = 0;
	char			    *first = NULL;

	if (mailimf_address_list_parse(v, strlen(v), &idx, &list) !=
	    MAILIMF_NO_ERROR)
		return (rfc2047_decode(v, strlen(v)));
	for (it = clist_begin(list->ad_list); it != NULL; it = clist_next(it)) {
		ad = clist_content(it);
		if (ad->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			mb = ad->ad_data.ad_mailbox;
			if (first == NULL)
				first = mime_fields_mailbox(mb->mb_display_name,
				    mb->mb_addr_spec);
			else
				more++;
			continue;
		}
		g = ad->ad_data.ad_group;
		if (g->grp_mb_list != NULL &&
		    clist_begin(g->grp_mb_list->mb_list) != NULL) {
			more += (size_t)clist_count(g->grp_mb_list->mb_list);
			if (first == NULL) {
				mb = clist_content(
				    clist_begin(g->grp_mb_list->mb_list));
				first = mime_fields_mailbox(mb->mb_display_name,
				    mb->mb_addr_spec);
				more--;
			}
		} else if (first == NULL && g->grp_display_name != NULL)
			first = rfc2047_decode(g->grp_display_name,
			    strlen(g->grp_display_name));
	}
	mailimf_address_list_free(list);
	return (mime_fields_more(v, first, more));
}
/*
 * The message ids of a References or In-Reply-To value, the last
 * THREAD_REFS_MAX of them (the nearest parents), space-separated; only
 * ids that are one token ("<...>" without blanks or quotes).  NULL if
 * none.
 */
static char *
mime_fields_refs(const char *v, int first_only)
{
	const char   *ids[THREAD_REFS_MAX];
	size_t	      lens[THREAD_REFS_MAX], n = 0, len, i;
	const char   *p = v, *end;
	struct strbuf sb;

	while ((p = strchr(p, '<')) != NULL) {
		if ((end = strchr(p, '>')) == NULL)
			break;
		len = (size_t)(end - p) + 1;
		if (memchr(p + 1, '<', len - 1) != NULL) {
			p++;
			continue;
		}
		if (strcspn(p, " \t\r\n\"\\") >= len) {
			if (n == THREAD_REFS_MAX) {
				memmove(ids, ids + 1, (n - 1) * sizeof *ids);
				memmove(lens, lens + 1, (n - 1) * sizeof *lens);
				n--;
			}
			ids[n] = p;
			lens[n++] = len;
			if (first_only)
				break;
		}
		p = end + 1;
	}
	if (n == 0)
		return (NULL);
	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_addc(&sb, ' ');
		strbuf_add(&sb, ids[i], lens[i]);
	}
	return (strbuf_detach(&sb, NULL));
}

/*
 * The sender (with its key) or the recipients as the slow functions
 * above make them, from mime_fast_box's mailboxes; -1, and nothing
 * made, if it refuses any of them.
 */
static int
mime_fields_fast(const char *v, char **out, char **key)
{
	struct mime_fast_box b;
	const char	    *p = v;
	size_t		     n = strlen(v), more = 0;
	char		     stack[512], *buf = stack, *first = NULL;
	int		     count = 0, done = 0;

	if (2 * n + 2 > sizeof stack)
		buf = xmalloc(2 * n + 2);
	while (mime_fast_box(&p, buf, &b) == 0) {
		if (count++ == 0) {
			if (key != NULL)
				*key = mime_fields_key(b.addr);
			first = mime_fields_mailbox(b.name, b.addr);
		} else if (key == NULL) {
			/* A recipient that cannot be shown is not counted. */
			if (first == NULL)
				first = mime_fields_mailbox(b.name, b.addr);
			else
				more++;
		}
		if (*p++ == '\0') {
			done = 1;
			break;
		}
	}
	if (buf != stack)
		free(buf);
	if (!done) {
		free(first);
		if (key != NULL) {
			free(*key);
			*key = NULL;
		}
		return (-1);
	}
	if (key != NULL)
		*out = first != NULL ? first : rfc2047_decode(v, n);
	else
		*out = mime_fields_more(v, first, more);
	return (0);
}

/* The fields the list reads, in this order. */
enum {
	F_FROM,
	F_TO,
	F_SUBJECT,
	F_DATE,
	F_MESSAGE_ID,
	F_REFERENCES,
	F_IN_REPLY_TO,
	F_COUNT
};
static const char *const mime_fields_names[F_COUNT] = { "From", "To", "Subject",
	"Date", "Message-ID", "References", "In-Reply-To" };
static const size_t	 mime_fields_lens[F_COUNT] = { 4, 2, 7, 4, 10, 10, 11 };

/*
 * The unfolded values of the list's fields, each the first of its name,
 * as mime_fields_value finds them, in one pass over the block: once a
 * field, the passes were the worker's main cost on a cold open.
 */
static void
mime_fields_find(const char *h, size_t len, char *v[F_COUNT])
{
	const char *nl;
	size_t	    i = 0, k, left = F_COUNT, n;

	memset(v, 0, F_COUNT * sizeof *v);
	while (i < len && left > 0) {
		for (k = 0; k < F_COUNT; k++) {
			n = mime_fields_lens[k];
			/* (the names' first letters are all different) */
			if ((h[i] | 0x20) != (mime_fields_names[k][0] | 0x20))
				continue;
			if (v[k] == NULL && len - i > n &&
			    strncasecmp(h + i, mime_fields_names[k], n) == 0 &&
			    h[i + n] == ':') {
				v[k] = mime_fields_unfold(h, len, i + n + 1);
				left--;
			}
			break;
		}
		if ((nl = memchr(h + i, '\n', len - i)) == NULL)
			break;
		i = (size_t)(nl - h) + 1;
	}
}

/* Set the row from the values; fast: try mime_fields_fast.c first. */
static void
mime_fields_fill(struct message *f, char *v[F_COUNT], int fast)
{
	char *s;

	if ((s = v[F_FROM]) != NULL) {
		mime_fields_trim(s);
		if (!fast || mime_fields_fast(s, &f->from, &f->from_key) == -1)
			f->from = mime_fields_sender_slow(s, &f->from_key);
	}
	if ((s = v[F_TO]) != NULL) {
		mime_fields_trim(s);
		if (!fast || mime_fields_fast(s, &f->to, NULL) == -1)
			f->to = mime_fields_recipients_slow(s);
	}
	if ((s = v[F_SUBJECT]) != NULL) {
		mime_fields_trim(s);
		f->subject = rfc2047_decode(s, strlen(s));
	}
	if ((s = v[F_DATE]) != NULL)
		f->date = fast ? mime_date(s, strlen(s)) :
				 mime_date_slow(s, strlen(s));
	if ((s = v[F_MESSAGE_ID]) != NULL) {
		mime_fields_trim(s);
		/* Only ever sent back in a SEARCH: one line, one token. */
		if (*s == '<' && strchr(s, '>') != NULL &&
		    strpbrk(s, "\r\n \t\"\\") == NULL) {
			f->message_id = s;
			v[F_MESSAGE_ID] = NULL;
		}
	}
	/* RFC 5256: References, else the one id of In-Reply-To. */
	if (v[F_REFERENCES] != NULL)
		f->refs = mime_fields_refs(v[F_REFERENCES], 0);
	if (f->refs == NULL && v[F_IN_REPLY_TO] != NULL)
		f->refs = mime_fields_refs(v[F_IN_REPLY_TO], 1);
}

void
mime_fields_parse(const char *h, size_t len, struct message *f)
{
	char  *v[F_COUNT];
	size_t k;

	mime_fields_find(h, len, v);
	mime_fields_fill(f, v, 1);
	for (k = 0; k < F_COUNT; k++)
		free(v[k]);
}

void
mime_fields_parse_slow(const char *h, size_t len, struct message *f)
{
	char  *v[F_COUNT];
	size_t k;

	for (k = 0; k < F_COUNT; k++)
		v[k] = mime_fields_value(h, len, mime_fields_names[k]);
	mime_fields_fill(f, v, 0);
	for (k = 0; k < F_COUNT; k++)
		free(v[k]);
}

static int
mime_fields_same(const char *a, const char *b)
{
	return (a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0);
}

const char *
mime_fields_differ(const char *h, size_t len)
{
	struct message fast, slow;
	const char    *what = NULL;

	memset(&fast, 0, sizeof fast);
	memset(&slow, 0, sizeof slow);
	mime_fields_parse(h, len, &fast);
	mime_fields_parse_slow(h, len, &slow);
	if (!mime_fields_same(fast.from, slow.from))
		what = "from";
	else if (!mime_fields_same(fast.from_key, slow.from_key))
		what = "from_key";
	else if (!mime_fields_same(fast.to, slow.to))
		what = "to";
	else if (!mime_fields_same(fast.subject, slow.subject))
		what = "subject";
	else if (fast.date != slow.date)
		what = "date";
	else if (!mime_fields_same(fast.message_id, slow.message_id))
		what = "message_id";
	else if (!mime_fields_same(fast.refs, slow.refs))
		what = "refs";
	message_clear(&fast);
	message_clear(&slow);
	return (what);
}
