/*
 * smtp.c owns a submission session: TCP and TLS through tern's own stream
 * (net.c, tls.c, stream.c: the same verification as IMAP), libetpan's
 * mailsmtp for the greeting, EHLO and STARTTLS, and tern's own AUTH,
 * envelope and data.  It must never use libetpan's TLS or Cyrus SASL
 * helpers, never fall back to plain text, never send a line holding CR or
 * LF from an address, never log a password or a token, and never prompt:
 * every failure goes back as an smtp_error with the server's own words.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libetpan/libetpan.h>

#include "conf.h"
#include "decode.h"
#include "log.h"
#include "net.h"
#include "outgoing.h"
#include "sasl.h"
#include "secret.h"
#include "smtp.h"
#include "stream.h"
#include "tls.h"
#include "xmalloc.h"

/*
 * libetpan 1.9.4 exports these (libetpan.so has them) but its headers do
 * not declare them: a command written as is, one without the logger (for
 * secrets), and the reply read into session->response.
 */
int mailsmtp_send_command(mailsmtp *, char *);
int mailsmtp_send_command_private(mailsmtp *, char *);
int mailsmtp_read_response(mailsmtp *);

struct smtp {
	const struct account *account;
	mailsmtp	     *session;
	char		     *ehlo; /* the EHLO reply's lines, for AUTH= */
};

static int
smtp_error(struct smtp_error *err, enum smtp_error_kind kind, char *text)
{
	smtp_error_clear(err);
	err->kind = kind;
	err->text = text;
	return (-1);
}

void
smtp_error_clear(struct smtp_error *err)
{
	free(err->text);
	err->text = NULL;
	err->kind = SMTP_OK;
}

/* The last reply as one line: "550 5.1.1 <x@y>: no such user". */
static char *
smtp_reply(struct smtp *s)
{
	const char *r = s->session->response;
	char	   *text, *p;

	if (s->session->response_code == 0)
		return (xstrdup("connection lost"));
	text = xasprintf("%d %s", s->session->response_code,
	    r != NULL ? r : "");
	for (p = text; *p != '\0'; p++) {
		/* Lines of a multi-line reply run on; no controls. */
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = ' ';
	}
	while (p > text && p[-1] == ' ')
		*--p = '\0';
	return (text);
}

/* An error with the last reply, after what was tried (NULL: the reply). */
static int
smtp_fail(struct smtp *s, struct smtp_error *err, enum smtp_error_kind kind,
    const char *what)
{
	char *reply;

	reply = smtp_reply(s);
	if (s->session->response_code == 0)
		kind = SMTP_ERR_CONNECT;
	if (what == NULL)
		return (smtp_error(err, kind, reply));
	smtp_error(err, kind, xasprintf("%s: %s", what, reply));
	free(reply);
	return (-1);
}

/* A command of the session, and its reply code (0: the stream broke). */
static int
smtp_command(struct smtp *s, int private, const char *fmt, ...)
{
	va_list ap;
	char   *line;
	int	r;

	va_start(ap, fmt);
	line = xvasprintf(fmt, ap);
	va_end(ap);
	if (private)
		r = mailsmtp_send_command_private(s->session, line);
	else {
		log_debug("smtp: %.*s", (int)strcspn(line, "\r"), line);
		r = mailsmtp_send_command(s->session, line);
	}
	freezero_str(line);
	if (r == -1) {
		s->session->response_code = 0;
		return (0);
	}
	return (mailsmtp_read_response(s->session));
}

/* TLS on a connected socket, verified as the account says for SMTP. */
static mailstream_low *
smtp_tls_stream(struct smtp *s, int fd, struct smtp_error *err)
{
	const struct account *a = s->account;
	struct tls_config     cf;
	struct tls_error      te;
	struct tls	     *tls;

	memset(&cf, 0, sizeof cf);
	/*
	 * tls-server-name names the IMAP server; a tunnel to the SMTP one
	 * is not covered.  The pin is smtp-certificate-fingerprint's: two
	 * servers rarely share a certificate.
	 */
	cf.host = a->smtp_host;
	cf.ca_file = a->ca_file;
	cf.fingerprint = a->smtp_fingerprint;
	cf.timeout = a->timeout;
	if ((tls = tls_connect(fd, &cf, &te)) == NULL) {
		close(fd);
		smtp_error(err,
		    te.certificate ? SMTP_ERR_CERT : SMTP_ERR_CONNECT,
		    te.detail == NULL ?
			xasprintf("%s: %s", a->smtp_host, te.reason) :
			xasprintf("%s: %s\n%s", a->smtp_host, te.reason,
			    te.detail));
		tls_error_clear(&te);
		return (NULL);
	}
	return (stream_low_tls(tls, a->timeout));
}

/* Keep the EHLO reply: libetpan parses neither SMTPUTF8 nor OAuth names. */
static int
smtp_ehlo(struct smtp *s, struct smtp_error *err)
{
	int r;

	if ((r = mailesmtp_ehlo(s->session)) != MAILSMTP_NO_ERROR)
		return (smtp_fail(s, err, SMTP_ERR_CONNECT, "EHLO"));
	free(s->ehlo);
	s->ehlo = xstrdup(
	    s->session->response != NULL ? s->session->response : "");
	return (0);
}

/* Whether EHLO listed the extension (a line "NAME" or "NAME args"). */
static int
smtp_has(struct smtp *s, const char *name)
{
	const char *line = s->ehlo;
	size_t	    len = strlen(name);

	while (line != NULL && *line != '\0') {
		if (strncasecmp(line, name, len) == 0 &&
		    (line[len] == '\0' || line[len] == ' ' ||
			line[len] == '\n' || line[len] == '\r'))
			return (1);
		if ((line = strchr(line, '\n')) != NULL)
			line++;
	}
	return (0);
}

/* Whether the AUTH line of EHLO names the mechanism. */
static int
smtp_has_auth(struct smtp *s, const char *mech)
{
	const char *line = s->ehlo, *p;
	size_t	    len = strlen(mech), n;

	while (line != NULL && *line != '\0') {
		if (strncasecmp(line, "AUTH", 4) == 0 &&
		    (line[4] == ' ' || line[4] == '=')) {
			for (p = line + 5; *p != '\0' && *p != '\n'; p += n) {
				p += strspn(p, " ");
				n = strcspn(p, " \r\n");
				if (n == len && strncasecmp(p, mech, n) == 0)
					return (1);
				if (n == 0)
					break;
			}
		}
		if ((line = strchr(line, '\n')) != NULL)
			line++;
	}
	return (0);
}

/*
 * STARTTLS, then tern's TLS in place of the plain stream.  A byte the
 * server sent after its 220 and before the handshake would be read as if
 * it came over TLS: such bytes end the session (no injection).
 */
static int
smtp_starttls(struct smtp *s, struct smtp_error *err)
{
	const struct account *a = s->account;
	mailstream	     *st = s->session->stream;
	mailstream_low	     *old, *low;
	int		      fd, r;

	if (!(s->session->esmtp & MAILSMTP_ESMTP_STARTTLS))
		return (smtp_error(err, SMTP_ERR_REFUSED,
		    xasprintf("%s offers no TLS (no STARTTLS): tern will not "
			      "send mail over plain text; use an smtps:// URL "
			      "if the server has port 465",
			a->smtp_host)));
	log_debug("smtp: STARTTLS");
	if ((r = mailesmtp_starttls(s->session)) != MAILSMTP_NO_ERROR)
		return (smtp_fail(s, err, SMTP_ERR_CONNECT, "STARTTLS"));
	old = mailstream_get_low(st);
	if (st->read_buffer_len != 0 || stream_low_pending(old))
		return (smtp_error(err, SMTP_ERR_REFUSED,
		    xasprintf("%s sent data before the TLS handshake; "
			      "refusing it",
			a->smtp_host)));
	fd = mailstream_low_get_fd(old);
	stream_low_release_fd(old);
	if ((low = smtp_tls_stream(s, fd, err)) == NULL)
		return (-1);
	mailstream_set_low(st, low);
	mailstream_low_free(old);
	/* What the server offered before TLS may have been forged. */
	return (smtp_ehlo(s, err));
}

static int
smtp_open(struct smtp *s, struct smtp_error *err)
{
	const struct account *a = s->account;
	mailstream_low	     *low;
	mailstream	     *st;
	char		     *msg = NULL;
	int		      fd, r;

	if ((fd = net_connect(a->smtp_host, a->smtp_port, a->timeout, &msg)) ==
	    -1)
		return (smtp_error(err, SMTP_ERR_CONNECT, msg));
	if (a->smtp_tls == TLS_IMPLICIT) {
		if ((low = smtp_tls_stream(s, fd, err)) == NULL)
			return (-1);
	} else
		low = stream_low_plain(fd, a->timeout);
	if ((st = mailstream_new(low, 8192)) == NULL)
		fatalx("out of memory");
	if ((s->session = mailsmtp_new(0, NULL)) == NULL)
		fatalx("out of memory");
	/* On failure mailsmtp_connect closes the stream itself. */
	if ((r = mailsmtp_connect(s->session, st)) != MAILSMTP_NO_ERROR)
		return (smtp_fail(s, err, SMTP_ERR_CONNECT, "SMTP greeting"));
	if (smtp_ehlo(s, err) != 0)
		return (-1);
	if (a->smtp_tls == TLS_STARTTLS && smtp_starttls(s, err) != 0)
		return (-1);
	return (0);
}

/*
 * One AUTH exchange with a single client message (PLAIN, XOAUTH2,
 * OAUTHBEARER), sent with the command (RFC 4954's initial response).  A
 * 334 after it carries the OAuth error (RFC 7628, 3.2.3): answered with
 * reply, and the server's 5xx follows.  The reply code.
 */
static int
smtp_auth_one(struct smtp *s, const char *mech, struct sasl_msg *msg,
    const char *reply)
{
	char *b64;
	int   code;

	b64 = encode_base64(msg->buf, msg->len);
	log_debug("smtp: AUTH %s (not logged)", mech);
	code = smtp_command(s, 1, "AUTH %s %s\r\n", mech, b64);
	freezero_str(b64);
	if (code == 334)
		code = smtp_command(s, 1, "%s\r\n", reply);
	return (code);
}

/* AUTH LOGIN: the user and the password each after a 334. */
static int
smtp_auth_login(struct smtp *s, const char *user, const char *password)
{
	char *b64;
	int   code;

	log_debug("smtp: AUTH LOGIN (not logged)");
	if ((code = smtp_command(s, 0, "AUTH LOGIN\r\n")) != 334)
		return (code);
	b64 = encode_base64(user, strlen(user));
	code = smtp_command(s, 1, "%s\r\n", b64);
	freezero_str(b64);
	if (code != 334)
		return (code);
	b64 = encode_base64(password, strlen(password));
	code = smtp_command(s, 1, "%s\r\n", b64);
	freezero_str(b64);
	return (code);
}

static int
smtp_auth_password(struct smtp *s, const char *password, struct smtp_error *err)
{
	const struct account *a = s->account;
	struct sasl_msg	      msg;
	int		      plain, code;

	if (password == NULL)
		return (smtp_error(err, SMTP_ERR_AUTH,
		    xstrdup("no password for the SMTP server")));
	plain = a->smtp_auth == AUTH_PLAIN ||
	    (a->smtp_auth == AUTH_AUTO && smtp_has_auth(s, "PLAIN"));
	if (!plain && !smtp_has_auth(s, "LOGIN"))
		return (smtp_error(err, SMTP_ERR_REFUSED,
		    xasprintf("%s offers no AUTH %s: the password was not "
			      "sent",
			a->smtp_host,
			a->smtp_auth == AUTH_LOGIN ? "LOGIN" :
						     "PLAIN or LOGIN")));
	if (plain) {
		if (sasl_plain(&msg, a->smtp_user, password) != 0)
			return (smtp_error(err, SMTP_ERR_AUTH,
			    xstrdup("user name or password holds a line "
				    "break")));
		code = smtp_auth_one(s, "PLAIN", &msg, "*");
		sasl_free(&msg);
	} else {
		if (strpbrk(password, "\r\n") != NULL)
			return (smtp_error(err, SMTP_ERR_AUTH,
			    xstrdup("the password holds a line break")));
		code = smtp_auth_login(s, a->smtp_user, password);
	}
	if (code == 235)
		return (0);
	return (smtp_fail(s, err, SMTP_ERR_AUTH, "SMTP login refused"));
}

/*
 * XOAUTH2 or OAUTHBEARER with a token from oauth2-token-command: the
 * command runs once more and AUTH is tried again once when the token is
 * refused, as for IMAP (the helper may have handed out one that just
 * expired).
 */
static int
smtp_auth_oauth(struct smtp *s, struct smtp_error *err)
{
	const struct account *a = s->account;
	struct sasl_msg	      msg;
	char		     *token, *why = NULL;
	int		      bearer, tries, code = 0, r;

	if (a->smtp_auth == AUTH_AUTO)
		bearer = smtp_has_auth(s, "OAUTHBEARER") ||
		    !smtp_has_auth(s, "XOAUTH2");
	else
		bearer = a->smtp_auth == AUTH_OAUTHBEARER;
	if (!smtp_has_auth(s, bearer ? "OAUTHBEARER" : "XOAUTH2"))
		return (smtp_error(err, SMTP_ERR_REFUSED,
		    xasprintf("%s offers no AUTH %s: the token was not sent",
			a->smtp_host, bearer ? "OAUTHBEARER" : "XOAUTH2")));
	for (tries = 0; tries < 2; tries++) {
		if (tries > 0)
			log_debug("smtp: token refused; running "
				  "oauth2-token-command again");
		token = secret_command(a->oauth2_token_command,
		    "oauth2-token-command", &why);
		if (token == NULL)
			return (smtp_error(err, SMTP_ERR_AUTH, why));
		r = bearer ? sasl_oauthbearer(&msg, a->smtp_user, a->smtp_host,
				 a->smtp_port, token) :
			     sasl_xoauth2(&msg, a->smtp_user, token);
		freezero_str(token);
		if (r != 0)
			return (smtp_error(err, SMTP_ERR_AUTH,
			    xstrdup("the token holds a control character")));
		code = smtp_auth_one(s, bearer ? "OAUTHBEARER" : "XOAUTH2",
		    &msg, bearer ? "AQ==" : "");
		sasl_free(&msg);
		if (code == 235)
			return (0);
		if (code == 0)
			break;
	}
	return (smtp_fail(s, err, SMTP_ERR_AUTH, "SMTP login refused"));
}

/* An address for the envelope: no line break, no brackets, no blanks. */
static int
smtp_address_ok(const char *addr, int *utf8)
{
	const unsigned char *p;

	if (*addr == '\0')
		return (0);
	for (p = (const unsigned char *)addr; *p != '\0'; p++) {
		if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>')
			return (0);
		if (*p >= 0x80)
			*utf8 = 1;
	}
	return (1);
}

/*
 * The data, dot-stuffed (RFC 5321, 4.5.2) and ended with ".": the bytes
 * are already CRLF lines, and go as they are so that the copy in Sent is
 * the very message sent.  mailsmtp_data_message is not used: it would add
 * a CRLF to a message that ends with one.
 */
static int
smtp_data(struct smtp *s, const char *data, size_t len)
{
	mailstream *st = s->session->stream;
	size_t	    i, start = 0;

	for (i = 0; i < len; i++) {
		if ((i == 0 || data[i - 1] == '\n') && data[i] == '.') {
			if (mailstream_write(st, data + start, i - start) ==
				-1 ||
			    mailstream_write(st, ".", 1) == -1)
				return (-1);
			start = i;
		}
	}
	if (mailstream_write(st, data + start, len - start) == -1)
		return (-1);
	if (len > 0 && data[len - 1] != '\n' &&
	    mailstream_write(st, "\r\n", 2) == -1)
		return (-1);
	if (mailstream_write(st, ".\r\n", 3) == -1 ||
	    mailstream_flush(st) == -1)
		return (-1);
	return (0);
}

static int
smtp_transaction(struct smtp *s, const struct outgoing *o,
    struct smtp_error *err)
{
	const struct account *a = s->account;
	size_t		      i;
	int		      utf8 = 0, eight = 0, code;

	if (!smtp_address_ok(o->from, &utf8))
		return (smtp_error(err, SMTP_ERR_REJECTED,
		    xstrdup("the sender address is not valid")));
	if (o->nrcpts == 0)
		return (smtp_error(err, SMTP_ERR_REJECTED,
		    xstrdup("no recipients")));
	for (i = 0; i < o->nrcpts; i++) {
		if (!smtp_address_ok(o->rcpts[i], &utf8))
			return (smtp_error(err, SMTP_ERR_REJECTED,
			    xstrdup("a recipient address is not valid")));
	}
	if (utf8 && !smtp_has(s, "SMTPUTF8"))
		return (smtp_error(err, SMTP_ERR_REFUSED,
		    xasprintf("%s does not take non-ASCII addresses (no "
			      "SMTPUTF8)",
			a->smtp_host)));
	for (i = 0; i < o->len; i++) {
		if ((unsigned char)o->data[i] >= 0x80) {
			eight = 1;
			break;
		}
	}
	code = smtp_command(s, 0, "MAIL FROM:<%s>%s%s\r\n", o->from,
	    eight && (s->session->esmtp & MAILSMTP_ESMTP_8BITMIME) ?
		" BODY=8BITMIME" :
		"",
	    utf8 ? " SMTPUTF8" : "");
	if (code / 100 != 2)
		goto refused;
	for (i = 0; i < o->nrcpts; i++) {
		code = smtp_command(s, 0, "RCPT TO:<%s>\r\n", o->rcpts[i]);
		if (code / 100 != 2)
			goto refused;
	}
	if ((code = smtp_command(s, 0, "DATA\r\n")) != 354)
		goto refused;
	if (smtp_data(s, o->data, o->len) == -1)
		return (smtp_error(err, SMTP_ERR_CONNECT,
		    xasprintf("%s: connection lost while sending",
			a->smtp_host)));
	code = mailsmtp_read_response(s->session);
	if (code / 100 != 2)
		goto refused;
	return (0);

refused:
	return (smtp_fail(s, err, SMTP_ERR_REJECTED, NULL));
}

static void
smtp_close(struct smtp *s)
{
	if (s->session != NULL) {
		/* QUIT without waiting: the message is in, or refused. */
		if (s->session->stream != NULL)
			mailsmtp_quit(s->session);
		mailsmtp_free(s->session);
	}
	free(s->ehlo);
}

int
smtp_send(const struct account *a, const char *password,
    const struct outgoing *o, struct smtp_error *err)
{
	struct smtp s;
	int	    rc = -1;

	memset(&s, 0, sizeof s);
	s.account = a;
	if (a->smtp_host == NULL)
		return (smtp_error(err, SMTP_ERR_REFUSED,
		    xstrdup("no smtp setting for this account")));
	if (smtp_open(&s, err) != 0)
		goto out;
	if (a->oauth2_token_command != NULL) {
		if (smtp_auth_oauth(&s, err) != 0)
			goto out;
	} else if (smtp_auth_password(&s, password, err) != 0)
		goto out;
	if (smtp_transaction(&s, o, err) != 0)
		goto out;
	log_debug("smtp: message accepted");
	rc = 0;
out:
	smtp_close(&s);
	return (rc);
}
