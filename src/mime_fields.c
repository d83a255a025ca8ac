/*
 * mime_fields.c owns reading the few header fields the message list shows
 * from a raw header block.  The block comes from the server, so it must
 * never trust it: fields are looked for by name, lines may be folded or
 * bare LF, anything unreadable leaves the field empty, never an error.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "mime_fields.h"
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

time_t
mime_date(const char *s, size_t len)
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

/*
 * A field starts at the beginning of a line; its continuation lines start
 * with a blank.
 */
char *
mime_fields_value(const char *h, size_t len, const char *name)
{
	struct strbuf sb;
	size_t	      nlen = strlen(name), i = 0, j, start;

	while (i < len) {
		if (len - i > nlen && strncasecmp(h + i, name, nlen) == 0 &&
		    h[i + nlen] == ':') {
			strbuf_init(&sb);
			/* A line at a time: this runs for every row listed. */
			for (start = j = i + nlen + 1; j < len; j++) {
				if (h[j] != '\r' && h[j] != '\n')
					continue;
				if (j > start)
					strbuf_add(&sb, h + start, j - start);
				/* Folded: the next line goes on. */
				if (h[j] == '\r' && j + 1 < len &&
				    h[j + 1] == '\n')
					j++;
				start = j + 1;
				if (j + 1 >= len ||
				    (h[j + 1] != ' ' && h[j + 1] != '\t'))
					return (strbuf_detach(&sb, NULL));
			}
			if (len > start)
				strbuf_add(&sb, h + start, len - start);
			return (strbuf_detach(&sb, NULL));
		}
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
	size_t n;

	while (*s == ' ' || *s == '\t')
		memmove(s, s + 1, strlen(s));
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return (s);
}

/* A mailbox as the list shows it: the display name, else the address. */
static char *
mime_fields_mailbox(const struct mailimf_mailbox *mb)
{
	if (mb->mb_display_name != NULL && *mb->mb_display_name != '\0')
		return (rfc2047_decode(mb->mb_display_name,
		    strlen(mb->mb_display_name)));
	/* (libetpan reads bare words as an obsolete address) */
	if (mb->mb_addr_spec != NULL && strchr(mb->mb_addr_spec, '@') != NULL)
		return (xstrdup(mb->mb_addr_spec));
	return (NULL);
}

/*
 * The sender as the list shows it; and in *key the address's mailbox
 * (local part), which RFC 5256 sorts FROM by.
 */
static char *
mime_fields_sender(const char *v, char **key)
{
	struct mailimf_mailbox_list *list = NULL;
	struct mailimf_mailbox	    *mb;
	size_t			     idx = 0;
	char			    *out = NULL, *at;

	*key = NULL;
	if (mailimf_mailbox_list_parse(v, strlen(v), &idx, &list) ==
		MAILIMF_NO_ERROR &&
	    clist_begin(list->mb_list) != NULL) {
		mb = clist_content(clist_begin(list->mb_list));
		if (mb->mb_addr_spec != NULL &&
		    (at = strrchr(mb->mb_addr_spec, '@')) != NULL)
			*key = xstrndup(mb->mb_addr_spec,
			    (size_t)(at - mb->mb_addr_spec));
		out = mime_fields_mailbox(mb);
	}
	if (list != NULL)
		mailimf_mailbox_list_free(list);
	/* Not a mailbox list at all: show what it says. */
	return (out != NULL ? out : rfc2047_decode(v, strlen(v)));
}

/*
 * The recipients in one short string for a narrow column: the first as
 * the sender is shown, and how many more ("Bob +2"), as mutt and aerc
 * do; the members of a group count one by one, and a group without any
 * ("undisclosed-recipients:;") shows its name if it comes first.
 */
static char *
mime_fields_recipients(const char *v)
{
	struct mailimf_address_list *list = NULL;
	struct mailimf_address	    *ad;
	struct mailimf_group	    *g;
	clistiter		    *it;
	size_t			     idx = 0, more = 0;
	char			    *first = NULL, *out;

	if (mailimf_address_list_parse(v, strlen(v), &idx, &list) !=
	    MAILIMF_NO_ERROR)
		return (rfc2047_decode(v, strlen(v)));
	for (it = clist_begin(list->ad_list); it != NULL; it = clist_next(it)) {
		ad = clist_content(it);
		if (ad->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			if (first == NULL)
				first = mime_fields_mailbox(
				    ad->ad_data.ad_mailbox);
			else
				more++;
			continue;
		}
		g = ad->ad_data.ad_group;
		if (g->grp_mb_list != NULL &&
		    clist_begin(g->grp_mb_list->mb_list) != NULL) {
			more += (size_t)clist_count(g->grp_mb_list->mb_list);
			if (first == NULL) {
				first = mime_fields_mailbox(clist_content(
				    clist_begin(g->grp_mb_list->mb_list)));
				more--;
			}
		} else if (first == NULL && g->grp_display_name != NULL)
			first = rfc2047_decode(g->grp_display_name,
			    strlen(g->grp_display_name));
	}
	mailimf_address_list_free(list);
	if (first == NULL)
		return (rfc2047_decode(v, strlen(v)));
	if (more == 0)
		return (first);
	out = xasprintf("%s +%zu", first, more);
	free(first);
	return (out);
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

void
mime_fields_parse(const char *h, size_t len, struct message *f)
{
	char *v;

	if ((v = mime_fields_value(h, len, "From")) != NULL) {
		f->from = mime_fields_sender(mime_fields_trim(v), &f->from_key);
		free(v);
	}
	if ((v = mime_fields_value(h, len, "To")) != NULL) {
		f->to = mime_fields_recipients(mime_fields_trim(v));
		free(v);
	}
	if ((v = mime_fields_value(h, len, "Subject")) != NULL) {
		mime_fields_trim(v);
		f->subject = rfc2047_decode(v, strlen(v));
		free(v);
	}
	if ((v = mime_fields_value(h, len, "Date")) != NULL) {
		f->date = mime_date(v, strlen(v));
		free(v);
	}
	if ((v = mime_fields_value(h, len, "Message-ID")) != NULL) {
		mime_fields_trim(v);
		/* Only ever sent back in a SEARCH: one line, one token. */
		if (*v == '<' && strchr(v, '>') != NULL &&
		    strpbrk(v, "\r\n \t\"\\") == NULL)
			f->message_id = v;
		else
			free(v);
	}
	/* RFC 5256: References, else the one id of In-Reply-To. */
	if ((v = mime_fields_value(h, len, "References")) != NULL) {
		f->refs = mime_fields_refs(v, 0);
		free(v);
	}
	if (f->refs == NULL &&
	    (v = mime_fields_value(h, len, "In-Reply-To")) != NULL) {
		f->refs = mime_fields_refs(v, 1);
		free(v);
	}
}
