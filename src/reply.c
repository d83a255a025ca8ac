/*
 * reply.c owns making a draft out of a message: who a reply goes to, its
 * subject, quote, attribution and threading fields, and the forms of a
 * forward.  It is a leaf: header text in, a draft out, no I/O.  Everything
 * it reads came from a sender, so it must never put a line break into a
 * field of the draft, nor an address it could not parse.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draft.h"
#include "mime_addr.h"
#include "mime_fields.h"
#include "reply.h"
#include "rfc2047.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Prefixes a reply or a forward leaves once, in many languages. */
static const char *reply_prefixes[] = { "re", "aw", "sv", "vs", "antw", "ref",
	"odp", NULL };
static const char *forward_prefixes[] = { "fwd", "fw", "wg", "tr", "rv", NULL };

/* The length of a prefix "Re:", "RE[2]:", "Re(3): " at s, or 0. */
static size_t
reply_prefix(const char *s, const char **list)
{
	size_t	    i, n;
	const char *p;

	for (i = 0; list[i] != NULL; i++) {
		n = strlen(list[i]);
		if (strncasecmp(s, list[i], n) != 0)
			continue;
		p = s + n;
		if (*p == '[' || *p == '(') {
			p++;
			while (isdigit((unsigned char)*p))
				p++;
			if (*p != ']' && *p != ')')
				continue;
			p++;
		}
		if (*p != ':')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		return ((size_t)(p - s));
	}
	return (0);
}

char *
reply_subject(const char *subject, int forward)
{
	const char **list = forward ? forward_prefixes : reply_prefixes;
	const char  *s = subject != NULL ? subject : "";
	size_t	     n;

	while (*s == ' ' || *s == '\t')
		s++;
	while ((n = reply_prefix(s, list)) > 0)
		s += n;
	return (xasprintf("%s%s", forward ? "Fwd: " : "Re: ", s));
}

char *
reply_quote(const char *text)
{
	struct strbuf sb;
	const char   *nl;
	size_t	      n;

	strbuf_init(&sb);
	while (text != NULL && *text != '\0') {
		nl = strchr(text, '\n');
		n = nl != NULL ? (size_t)(nl - text) : strlen(text);
		/* An empty line quoted gets no trailing blank. */
		strbuf_adds(&sb, n > 0 ? "> " : ">");
		strbuf_add(&sb, text, n);
		strbuf_addc(&sb, '\n');
		text += n + (nl != NULL);
	}
	return (strbuf_detach(&sb, NULL));
}

/* The message ids "<...>" of s, in order, each once. */
static size_t
reply_ids(const char *s, char ***ids, size_t n)
{
	const char *lt, *gt;
	size_t	    i, k;

	while (s != NULL && (lt = strchr(s, '<')) != NULL) {
		if ((gt = strchr(lt, '>')) == NULL)
			break;
		k = (size_t)(gt - lt) + 1;
		s = gt + 1;
		if (k <= 2 || memchr(lt, ' ', k) != NULL ||
		    memchr(lt, '\t', k) != NULL)
			continue;
		for (i = 0; i < n; i++) {
			if (strlen((*ids)[i]) == k &&
			    strncmp((*ids)[i], lt, k) == 0)
				break;
		}
		if (i < n)
			continue;
		*ids = xreallocarray(*ids, n + 1, sizeof **ids);
		(*ids)[n++] = xstrndup(lt, k);
	}
	return (n);
}

char *
reply_references(const char *refs, const char *in_reply_to,
    const char *message_id)
{
	struct strbuf sb;
	char	    **ids = NULL;
	size_t	      n, i, from;

	n = reply_ids(refs, &ids, 0);
	if (n == 0)
		n = reply_ids(in_reply_to, &ids, n);
	n = reply_ids(message_id, &ids, n);
	if (n == 0)
		return (NULL);
	/* The first is the thread's root; the latest are its near past. */
	from = n > REPLY_MAX_REFS ? n - (REPLY_MAX_REFS - 1) : 1;
	strbuf_init(&sb);
	strbuf_adds(&sb, ids[0]);
	for (i = from; i < n; i++) {
		strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, ids[i]);
	}
	freev(ids, n);
	return (strbuf_detach(&sb, NULL));
}

int
reply_is_me(const char *spec, const char *from, const char *alternates)
{
	struct mime_addr *a;
	size_t		  n, k;
	char		 *err, *list, *p, *w;
	int		  me = 0;

	if (from != NULL &&
	    mime_addr_parse(from, strlen(from), &a, &n, &err) == 0) {
		for (k = 0; k < n && !me; k++)
			me = mime_addr_same(spec, a[k].spec);
		mime_addr_free(a, n);
	} else if (from != NULL)
		free(err);
	if (me || alternates == NULL)
		return (me);
	list = p = xstrdup(alternates);
	while (!me && (w = strsep(&p, " \t,")) != NULL) {
		if (*w != '\0' && fnmatch(w, spec, FNM_CASEFOLD) == 0)
			me = 1;
	}
	free(list);
	return (me);
}

char *
reply_field(const char *h, size_t len, const char *name, int decode)
{
	char *v, *d, *p;

	if ((v = mime_fields_value(h, len, name)) == NULL)
		return (NULL);
	if (decode) {
		d = rfc2047_decode(v, strlen(v));
		free(v);
		v = d;
	}
	for (p = v; *p != '\0'; p++) {
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = ' ';
	}
	for (p = v; *p == ' '; p++)
		;
	memmove(v, p, strlen(p) + 1);
	return (v);
}

/* An address as a draft shows it, readable back by mime_addr_parse. */
static void
reply_addr_add(struct strbuf *sb, const struct mime_addr *a)
{
	const char *p;

	if (sb->len > 0)
		strbuf_adds(sb, ", ");
	if (a->name == NULL || *a->name == '\0') {
		strbuf_adds(sb, a->spec);
		return;
	}
	strbuf_addc(sb, '"');
	for (p = a->name; *p != '\0'; p++) {
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			continue;
		if (*p == '"' || *p == '\\')
			strbuf_addc(sb, '\\');
		strbuf_addc(sb, *p);
	}
	strbuf_printf(sb, "\" <%s>", a->spec);
}

/*
 * Append the addresses of a field of the original to sb, leaving out the
 * user's (unless keep_me) and any already in seen; seen grows.
 */
static void
reply_addrs(struct strbuf *sb, const char *v, const struct reply_in *in,
    int keep_me, struct strbuf *seen)
{
	struct mime_addr *a;
	size_t		  n, i;
	char		 *err, *key, *p;

	if (v == NULL)
		return;
	if (mime_addr_parse(v, strlen(v), &a, &n, &err) != 0) {
		free(err);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!keep_me &&
		    reply_is_me(a[i].spec, in->from, in->alternates))
			continue;
		/* seen: " spec " for each, lowered, to look up with strstr. */
		key = xasprintf(" %s ", a[i].spec);
		for (p = key; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		if (seen->len > 0 && strstr(seen->buf, key) != NULL) {
			free(key);
			continue;
		}
		strbuf_adds(seen, key);
		free(key);
		reply_addr_add(sb, &a[i]);
	}
	mime_addr_free(a, n);
}

/* The attribution line, with %n, %a, %d and %% put in. */
static void
reply_attribution(struct strbuf *sb, const struct reply_in *in,
    const char *fromv, const char *date)
{
	const char	 *f = in->attribution, *p;
	struct mime_addr *a = NULL;
	size_t		  n = 0;
	char		 *err;

	if (f == NULL)
		f = "On %d, %n wrote:";
	if (fromv == NULL ||
	    mime_addr_parse(fromv, strlen(fromv), &a, &n, &err) != 0) {
		if (fromv != NULL)
			free(err);
		n = 0;
	}
	for (p = f; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			strbuf_addc(sb, *p);
			continue;
		}
		switch (*++p) {
		case 'n':
			if (n > 0)
				strbuf_adds(sb,
				    a[0].name != NULL ? a[0].name : a[0].spec);
			break;
		case 'a':
			if (n > 0)
				strbuf_adds(sb, a[0].spec);
			break;
		case 'd':
			strbuf_adds(sb, date != NULL ? date : "");
			break;
		default:
			strbuf_addc(sb, *p);
			break;
		}
	}
	strbuf_addc(sb, '\n');
	mime_addr_free(a, n);
}

/* Whether the addresses of v are all the user's. */
static int
reply_mine(const char *v, const struct reply_in *in)
{
	struct mime_addr *a;
	size_t		  n, i;
	char		 *err;
	int		  mine;

	if (v == NULL || mime_addr_parse(v, strlen(v), &a, &n, &err) != 0) {
		if (v != NULL)
			free(err);
		return (0);
	}
	mine = n > 0;
	for (i = 0; i < n; i++)
		mine = mine && reply_is_me(a[i].spec, in->from, in->alternates);
	mime_addr_free(a, n);
	return (mine);
}

/* The recipients of a reply. */
static void
reply_to_fields(struct draft *d, enum reply_kind kind,
    const struct reply_in *in, const char *fromv)
{
	struct strbuf to, cc, seen;
	char	     *replyto, *tov, *ccv;

	replyto = reply_field(in->header, in->headerlen, "Reply-To", 0);
	tov = reply_field(in->header, in->headerlen, "To", 0);
	ccv = reply_field(in->header, in->headerlen, "Cc", 0);
	strbuf_init(&to);
	strbuf_init(&cc);
	strbuf_init(&seen);
	/*
	 * A reply to one's own message goes where it went: what a user
	 * answering from Sent means.
	 */
	if (replyto != NULL)
		reply_addrs(&to, replyto, in, 1, &seen);
	else if (reply_mine(fromv, in))
		reply_addrs(&to, tov, in, 1, &seen);
	else
		reply_addrs(&to, fromv, in, 1, &seen);
	if (kind == REPLY_ALL) {
		reply_addrs(&cc, tov, in, 0, &seen);
		reply_addrs(&cc, ccv, in, 0, &seen);
	}
	draft_set(d, DRAFT_TO, to.buf != NULL ? to.buf : "");
	if (cc.len > 0)
		draft_set(d, DRAFT_CC, cc.buf);
	strbuf_free(&to);
	strbuf_free(&cc);
	strbuf_free(&seen);
	free(replyto);
	free(tov);
	free(ccv);
}

/* The forwarded message's header block, as the user reads it. */
static void
reply_forward_block(struct strbuf *sb, const struct reply_in *in)
{
	static const char *names[] = { "Date", "From", "To", "Cc", "Subject",
		NULL };
	size_t		   i;
	char		  *v;

	strbuf_adds(sb, "\n----- Forwarded message -----\n");
	for (i = 0; names[i] != NULL; i++) {
		if ((v = reply_field(in->header, in->headerlen, names[i], 1)) ==
		    NULL)
			continue;
		strbuf_printf(sb, "%s: %s\n", names[i], v);
		free(v);
	}
	strbuf_addc(sb, '\n');
	if (in->text != NULL) {
		strbuf_adds(sb, in->text);
		if (*in->text != '\0' && in->text[strlen(in->text) - 1] != '\n')
			strbuf_addc(sb, '\n');
	}
	strbuf_adds(sb, "----- End forwarded message -----\n");
}

void
reply_draft(struct draft *d, enum reply_kind kind, const struct reply_in *in)
{
	struct strbuf body;
	char	    **ids = NULL;
	size_t	      n;
	char	     *fromv, *subject, *s, *date, *msgid, *refs, *irt, *q;
	int forward = kind == REPLY_FORWARD || kind == REPLY_FORWARD_ATTACH;

	fromv = reply_field(in->header, in->headerlen, "From", 0);
	subject = reply_field(in->header, in->headerlen, "Subject", 1);
	date = reply_field(in->header, in->headerlen, "Date", 0);
	msgid = reply_field(in->header, in->headerlen, "Message-ID", 0);
	draft_set(d, DRAFT_FROM, in->from);
	s = reply_subject(subject, forward);
	draft_set(d, DRAFT_SUBJECT, s);
	free(s);
	strbuf_init(&body);
	if (!forward) {
		reply_to_fields(d, kind, in, fromv);
		refs = reply_field(in->header, in->headerlen, "References", 0);
		irt = reply_field(in->header, in->headerlen, "In-Reply-To", 0);
		free(d->references);
		d->references = reply_references(refs, irt, msgid);
		free(d->in_reply_to);
		d->in_reply_to = NULL;
		if ((n = reply_ids(msgid, &ids, 0)) == 1)
			d->in_reply_to = xstrdup(ids[0]);
		freev(ids, n);
		free(refs);
		free(irt);
		reply_attribution(&body, in, fromv, date);
		q = reply_quote(in->text);
		strbuf_adds(&body, q);
		free(q);
	} else {
		draft_set(d, DRAFT_TO, "");
		if (kind == REPLY_FORWARD)
			reply_forward_block(&body, in);
		else if (in->raw != NULL) {
			s = xasprintf("%s.eml",
			    subject != NULL && *subject != '\0' ? subject :
								  "message");
			draft_attach(d, s, "message/rfc822",
			    xmemdup(in->raw, in->rawlen), in->rawlen);
			free(s);
		}
	}
	free(d->body);
	d->body = strbuf_detach(&body, NULL);
	free(fromv);
	free(subject);
	free(date);
	free(msgid);
}
