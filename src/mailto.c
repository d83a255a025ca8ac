/*
 * mailto.c owns reading a mailto: URL into a draft.  It is a leaf with no
 * I/O.  The URL comes from any web page: it must never let a %0D%0A in a
 * field become a header of its own, nor take a field RFC 6068 leaves to
 * the client's judgement (from, reply-to, anything unknown).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "draft.h"
#include "mailto.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Percent-decode n bytes; NULL if a %XX is broken or decodes to NUL. */
static char *
mailto_decode(const char *s, size_t n)
{
	struct strbuf sb;
	size_t	      i;
	int	      hi, lo;

	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		if (s[i] != '%') {
			strbuf_addc(&sb, s[i]);
			continue;
		}
		if (i + 2 >= n)
			goto bad;
		if ((hi = decode_hex_digit(s[i + 1])) < 0 ||
		    (lo = decode_hex_digit(s[i + 2])) < 0 || (hi | lo) == 0)
			goto bad;
		strbuf_addc(&sb, (char)(hi << 4 | lo));
		i += 2;
	}
	return (strbuf_detach(&sb, NULL));
bad:
	strbuf_free(&sb);
	return (NULL);
}

/* Whether a header value holds a control (a body may hold line breaks). */
static int
mailto_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			return (1);
	}
	return (0);
}

/* Append v to an address field, after a comma. */
static void
mailto_append(struct draft *d, enum draft_field f, const char *v)
{
	char *s;

	if (*v == '\0')
		return;
	if (d->field[f] == NULL || *d->field[f] == '\0') {
		draft_set(d, f, v);
		return;
	}
	s = xasprintf("%s, %s", d->field[f], v);
	free(d->field[f]);
	d->field[f] = s;
}

/* The body with CRLF (as RFC 6068 writes line breaks) made LF. */
static void
mailto_body(struct draft *d, const char *v)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (; *v != '\0'; v++) {
		if (*v == '\r' && v[1] == '\n')
			continue;
		strbuf_addc(&sb, *v == '\r' ? '\n' : *v);
	}
	if (sb.len > 0 && sb.buf[sb.len - 1] != '\n')
		strbuf_addc(&sb, '\n');
	free(d->body);
	d->body = strbuf_detach(&sb, NULL);
}

static int
mailto_field(struct draft *d, const char *name, const char *v, char **err)
{
	static const struct {
		const char	*name;
		enum draft_field field;
		int		 address;
	} fields[] = {
		{ "to", DRAFT_TO, 1 },
		{ "cc", DRAFT_CC, 1 },
		{ "bcc", DRAFT_BCC, 1 },
		{ "subject", DRAFT_SUBJECT, 0 },
	};
	size_t i;

	if (strcasecmp(name, "body") == 0) {
		mailto_body(d, v);
		return (0);
	}
	if (mailto_control(v)) {
		*err = xasprintf("mailto: %s holds a line break or a control "
				 "character",
		    name);
		return (-1);
	}
	if (strcasecmp(name, "in-reply-to") == 0) {
		free(d->in_reply_to);
		d->in_reply_to = xstrdup(v);
		return (0);
	}
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (strcasecmp(name, fields[i].name) != 0)
			continue;
		if (fields[i].address)
			mailto_append(d, fields[i].field, v);
		else
			draft_set(d, fields[i].field, v);
	}
	return (0);
}

int
mailto_parse(struct draft *d, const char *url, char **err)
{
	const char *p, *q, *amp, *eq;
	char	   *name = NULL, *v = NULL;
	size_t	    n;
	int	    rc = -1;

	*err = NULL;
	if (strncasecmp(url, "mailto:", 7) != 0) {
		*err = xstrdup("not a mailto: URL");
		return (-1);
	}
	p = url + 7;
	n = strcspn(p, "?#");
	if ((v = mailto_decode(p, n)) == NULL)
		goto bad;
	if (mailto_field(d, "to", v, err) != 0)
		goto out;
	FREE(&v);
	if (p[n] != '?') {
		rc = 0;
		goto out;
	}
	for (q = p + n + 1; *q != '\0' && *q != '#'; q = amp + (*amp == '&')) {
		amp = q + strcspn(q, "&#");
		eq = memchr(q, '=', (size_t)(amp - q));
		if (eq == NULL)
			continue;
		if ((name = mailto_decode(q, (size_t)(eq - q))) == NULL ||
		    (v = mailto_decode(eq + 1, (size_t)(amp - eq - 1))) == NULL)
			goto bad;
		if (mailto_field(d, name, v, err) != 0)
			goto out;
		FREE(&name);
		FREE(&v);
	}
	rc = 0;
	goto out;
bad:
	*err = xstrdup("mailto: a broken %-escape");
out:
	free(name);
	free(v);
	return (rc);
}
