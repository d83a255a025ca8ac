/*
 * msg_build.c owns turning a draft into the bytes that are sent: the
 * header fields (dated, identified, encoded and folded), the MIME
 * structure and the envelope.  It is a leaf with no I/O but the random
 * bytes of identifiers.  It must never write a Bcc field, a bare CR or
 * LF, or 8-bit bytes: the message is 7-bit clean, so no server's lack of
 * 8BITMIME can damage it.  The one Bcc field it writes is a draft's, kept
 * on the user's own server to be resumed, never sent.
 */
#include <sys/random.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draft.h"
#include "encode.h"
#include "log.h"
#include "mime_addr.h"
#include "msg_build.h"
#include "strbuf.h"
#include "xmalloc.h"

#define MSG_BUILD_LINE_MAX 998 /* RFC 5322 2.1.1, without the CRLF */

static const char *msg_build_days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	"Fri", "Sat" };
static const char *msg_build_months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

char *
msg_build_date(time_t t)
{
	struct tm tm;
	long	  off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	return (xasprintf("%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
	    msg_build_days[tm.tm_wday], tm.tm_mday, msg_build_months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60));
}

/* n random bytes as 2n hexadecimal digits. */
static char *
msg_build_random(size_t n)
{
	unsigned char b[32];
	char	     *s;
	size_t	      i;

	if (n > sizeof b || getentropy(b, n) != 0)
		fatal("getentropy");
	s = xmalloc(2 * n + 1);
	for (i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02x", b[i]);
	return (s);
}

/*
 * One address field, "Name <spec>, spec"; with rcpts, its addresses join
 * the envelope.  The draft passed draft_check, so it parses.
 */
static int
msg_build_addrs(struct strbuf *sb, const char *field, const char *v,
    struct msg_built *m, int envelope, char **err)
{
	struct mime_addr *a;
	struct strbuf	  val;
	size_t		  n, i, j;
	char		 *why;

	if (v == NULL)
		return (0);
	if (mime_addr_parse(v, strlen(v), &a, &n, &why) != 0) {
		*err = xasprintf("%s: %s", field, why);
		free(why);
		return (-1);
	}
	strbuf_init(&val);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_adds(&val, ", ");
		if (a[i].name != NULL && *a[i].name != '\0') {
			encode_words(&val, a[i].name, 1);
			strbuf_printf(&val, " <%s>", a[i].spec);
		} else
			strbuf_adds(&val, a[i].spec);
		if (!envelope)
			continue;
		for (j = 0; j < m->nrcpts; j++) {
			if (mime_addr_same(m->rcpts[j], a[i].spec))
				break;
		}
		if (j == m->nrcpts) {
			m->rcpts = xreallocarray(m->rcpts, m->nrcpts + 1,
			    sizeof *m->rcpts);
			m->rcpts[m->nrcpts++] = xstrdup(a[i].spec);
		}
	}
	if (sb != NULL && n > 0)
		encode_field(sb, field, val.buf);
	if (strcmp(field, "From") == 0 && n == 1 && m->from == NULL)
		m->from = xstrdup(a[0].spec);
	strbuf_free(&val);
	mime_addr_free(a, n);
	return (0);
}

/* A message identifier list: "<a@b> <c@d>", nothing else. */
static int
msg_build_ids_ok(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < ' ' || (unsigned char)*s >= 0x7f)
			return (0);
	}
	return (1);
}

/* Whether the body can go as it is: ASCII, no line too long. */
static int
msg_build_7bit(const char *s)
{
	size_t col = 0;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			return (0);
		col = *s == '\n' ? 0 : col + 1;
		if (col > MSG_BUILD_LINE_MAX)
			return (0);
	}
	return (1);
}

/* The text part's header lines and its body. */
static void
msg_build_text(struct strbuf *sb, const char *body)
{
	size_t len = strlen(body), i;

	strbuf_adds(sb, "Content-Type: text/plain; charset=utf-8\r\n");
	if (msg_build_7bit(body)) {
		strbuf_adds(sb, "Content-Transfer-Encoding: 7bit\r\n\r\n");
		for (i = 0; i < len; i++) {
			if (body[i] == '\n')
				strbuf_addc(sb, '\r');
			strbuf_addc(sb, body[i]);
		}
		if (len > 0 && body[len - 1] != '\n')
			strbuf_add(sb, "\r\n", 2);
	} else {
		strbuf_adds(sb,
		    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
		encode_qp(sb, body, len);
	}
}

/* Whether every byte is 7-bit: a message/rfc822 may not be base64. */
static int
msg_build_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
			return (0);
	}
	return (1);
}

static void
msg_build_attach(struct strbuf *sb, const struct draft_attach *a)
{
	size_t i;

	if (strcasecmp(a->type, "message/rfc822") == 0 &&
	    msg_build_ascii(a->data, a->len)) {
		/*
		 * RFC 2046 5.2.1 allows no base64 here: the message goes as
		 * it is, its lines made CRLF.
		 */
		strbuf_adds(sb,
		    "Content-Type: message/rfc822\r\n"
		    "Content-Disposition: inline\r\n"
		    "Content-Transfer-Encoding: 7bit\r\n\r\n");
		for (i = 0; i < a->len; i++) {
			if (a->data[i] == '\r')
				continue;
			if (a->data[i] == '\n')
				strbuf_addc(sb, '\r');
			strbuf_addc(sb, a->data[i]);
		}
		if (a->len > 0 && a->data[a->len - 1] != '\n')
			strbuf_add(sb, "\r\n", 2);
		return;
	}
	/* An 8-bit message/rfc822 goes as a file, not to break 7-bit. */
	strbuf_printf(sb, "Content-Type: %s",
	    strcasecmp(a->type, "message/rfc822") == 0 ?
		"application/octet-stream" :
		a->type);
	strbuf_adds(sb, "\r\nContent-Disposition: attachment");
	encode_param(sb, "filename", a->name);
	strbuf_adds(sb, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
	encode_base64_lines(sb, a->data, a->len);
}

/* The MIME structure: one text part, or multipart/mixed. */
static void
msg_build_mime(struct strbuf *sb, const struct draft *d)
{
	char  *boundary;
	size_t i;

	strbuf_adds(sb, "MIME-Version: 1.0\r\n");
	if (d->natt == 0) {
		msg_build_text(sb, d->body);
		return;
	}
	/*
	 * "=_" cannot start a line of base64 or quoted-printable, and the
	 * random part makes a 7bit line that matches beyond belief.
	 */
	boundary = msg_build_random(12);
	strbuf_printf(sb,
	    "Content-Type: multipart/mixed; boundary=\"=_%s\"\r\n\r\n"
	    "This is a message in MIME format.\r\n",
	    boundary);
	strbuf_printf(sb, "\r\n--=_%s\r\n", boundary);
	msg_build_text(sb, d->body);
	for (i = 0; i < d->natt; i++) {
		strbuf_printf(sb, "\r\n--=_%s\r\n", boundary);
		msg_build_attach(sb, &d->att[i]);
	}
	strbuf_printf(sb, "\r\n--=_%s--\r\n", boundary);
	free(boundary);
}

int
msg_build(const struct draft *d, time_t now, int flags, struct msg_built *m,
    char **err)
{
	struct strbuf sb;
	const char   *at;
	char	     *s;

	memset(m, 0, sizeof *m);
	*err = NULL;
	if (draft_check(d, !(flags & MSG_BUILD_DRAFT), err) != 0)
		return (-1);
	if ((d->in_reply_to != NULL && !msg_build_ids_ok(d->in_reply_to)) ||
	    (d->references != NULL && !msg_build_ids_ok(d->references))) {
		*err = xstrdup("In-Reply-To or References holds a control "
			       "character");
		return (-1);
	}
	strbuf_init(&sb);
	s = msg_build_date(now);
	strbuf_printf(&sb, "Date: %s\r\n", s);
	free(s);
	if (msg_build_addrs(&sb, "From", d->field[DRAFT_FROM], m, 0, err) !=
		0 ||
	    msg_build_addrs(&sb, "Reply-To", d->field[DRAFT_REPLY_TO], m, 0,
		err) != 0 ||
	    msg_build_addrs(&sb, "To", d->field[DRAFT_TO], m, 1, err) != 0 ||
	    msg_build_addrs(&sb, "Cc", d->field[DRAFT_CC], m, 1, err) != 0 ||
	    msg_build_addrs(flags & MSG_BUILD_DRAFT ? &sb : NULL, "Bcc",
		d->field[DRAFT_BCC], m, 1, err) != 0) {
		strbuf_free(&sb);
		msg_built_free(m);
		return (-1);
	}
	if (d->field[DRAFT_SUBJECT] != NULL) {
		struct strbuf v;

		strbuf_init(&v);
		encode_words(&v, d->field[DRAFT_SUBJECT], 0);
		encode_field(&sb, "Subject", v.buf);
		strbuf_free(&v);
	}
	at = strrchr(m->from, '@');
	s = msg_build_random(12);
	m->message_id = xasprintf("<%s@%s>", s, at + 1);
	free(s);
	strbuf_printf(&sb, "Message-ID: %s\r\n", m->message_id);
	if (d->in_reply_to != NULL)
		encode_field(&sb, "In-Reply-To", d->in_reply_to);
	if (d->references != NULL)
		encode_field(&sb, "References", d->references);
	msg_build_mime(&sb, d);
	m->data = strbuf_detach(&sb, &m->len);
	return (0);
}

void
msg_built_free(struct msg_built *m)
{
	free(m->from);
	freev(m->rcpts, m->nrcpts);
	free(m->data);
	free(m->message_id);
	memset(m, 0, sizeof *m);
}
