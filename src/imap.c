/*
 * imap.c owns an IMAP session's life: connecting (implicit TLS or STARTTLS,
 * both through tern's own OpenSSL stream), logging in, SELECT and
 * LOGOUT.  It must never use libetpan's TLS helpers (they verify
 * nothing), never send a string holding CR, LF or NUL, and never prompt:
 * what needs the user goes back to the caller as an imap_error.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf.h"
#include "decode.h"
#include "imap_private.h"
#include "log.h"
#include "net.h"
#include "sasl.h"
#include "sort.h"
#include "stream.h"
#include "tls.h"
#include "xmalloc.h"

struct imap *
imap_new(const struct account *account)
{
	struct imap *im;

	im = xcalloc(1, sizeof *im);
	im->account = account;
	imap_order_init();
	return (im);
}

static void
imap_close(struct imap *im)
{
	if (im->session != NULL) {
		/*
		 * mailimap_free sends LOGOUT and waits for the answer when it
		 * still has a stream; a broken or hostile session gets none.
		 */
		if (im->session->imap_stream != NULL) {
			mailstream_close(im->session->imap_stream);
			im->session->imap_stream = NULL;
		}
		mailimap_free(im->session);
	}
	im->session = NULL;
	FREE(&im->selected);
	/* ENABLE lasts as long as the session. */
	im->qresync = 0;
	FREE(&im->qr_flags);
	im->qr_nflags = 0;
	im->qr_valid = 0;
	imap_sync_reset(im, 0);
}

static void imap_dial_end(struct imap *);

void
imap_free(struct imap *im)
{
	if (im == NULL)
		return;
	imap_dial_end(im);
	imap_close(im);
	free(im);
}

void
imap_error_clear(struct imap_error *err)
{
	FREE(&err->text);
	FREE(&err->fingerprint);
	err->kind = IMAP_OK;
}

int
imap_error(struct imap_error *err, enum imap_error_kind kind, char *text)
{
	imap_error_clear(err);
	err->kind = kind;
	err->text = text;
	return (-1);
}

int
imap_is_connected(const struct imap *im)
{
	return (im->session != NULL);
}

int
imap_has_capability(const struct imap *im, const char *name)
{
	struct mailimap_capability_data *caps;
	struct mailimap_capability	*cap;
	clistiter			*it;

	if (im->session == NULL || im->session->imap_connection_info == NULL)
		return (0);
	caps = im->session->imap_connection_info->imap_capability;
	if (caps == NULL)
		return (0);
	for (it = clist_begin(caps->cap_list); it != NULL;
	     it = clist_next(it)) {
		cap = clist_content(it);
		if (cap->cap_type == MAILIMAP_CAPABILITY_NAME &&
		    cap->cap_data.cap_name != NULL &&
		    strcasecmp(cap->cap_data.cap_name, name) == 0)
			return (1);
		/* libetpan keeps "AUTH=X" apart, as X alone. */
		if (cap->cap_type == MAILIMAP_CAPABILITY_AUTH_TYPE &&
		    cap->cap_data.cap_auth_type != NULL &&
		    strncasecmp(name, "AUTH=", 5) == 0 &&
		    strcasecmp(cap->cap_data.cap_auth_type, name + 5) == 0)
			return (1);
	}
	return (0);
}

int
imap_fail(struct imap *im, int r, const char *what, struct imap_error *err)
{
	mailstream_low *low = NULL;
	const char     *said = NULL, *refused, *bye, *tag;
	char		mine[16];
	int		secs;

	if (im->session != NULL && im->session->imap_response != NULL &&
	    *im->session->imap_response != '\0')
		said = im->session->imap_response;
	if (im->session != NULL && im->session->imap_stream != NULL)
		low = mailstream_get_low(im->session->imap_stream);

	if (low != NULL && (refused = stream_low_refused(low)) != NULL) {
		/* The server sent what libetpan must not parse. */
		imap_error(err, IMAP_ERR_SESSION,
		    xasprintf("%s: the server "
			      "sent %s; session ended",
			what, refused));
		imap_close(im);
		return (-1);
	}
	switch (r) {
	case MAILIMAP_ERROR_STREAM:
		/* Say why, where the stream knows: the user can act on it. */
		bye = low != NULL ? stream_low_bye(low) : NULL;
		secs = low != NULL ? stream_low_timed_out(low) : 0;
		if (bye != NULL)
			imap_error(err, IMAP_ERR_SESSION,
			    xasprintf("%s: the server ended the session: %s",
				what, bye));
		else if (secs > 0)
			imap_error(err, IMAP_ERR_SESSION,
			    xasprintf("%s: no answer from the server in %d s; "
				      "connection lost",
				what, secs));
		else
			imap_error(err, IMAP_ERR_SESSION,
			    xasprintf("%s: connection lost", what));
		imap_close(im);
		return (-1);
	case MAILIMAP_ERROR_PROTOCOL:
		/*
		 * libetpan says PROTOCOL for a BAD and for a tag it did not
		 * send; the second puts the server out of step with every
		 * command after it.
		 */
		if (low == NULL)
			break;
		snprintf(mine, sizeof mine, "%d", im->session->imap_tag);
		tag = stream_low_tag(low);
		if (*tag == '\0' || strcmp(tag, mine) == 0)
			break;
		imap_error(err, IMAP_ERR_SESSION,
		    xasprintf("%s: the server answered a command never sent "
			      "(tag %s, not %s); session ended",
			what, tag, mine));
		imap_close(im);
		return (-1);
	case MAILIMAP_ERROR_PARSE:
	case MAILIMAP_ERROR_MEMORY:
	case MAILIMAP_ERROR_INVAL:
		/* After a response libetpan could not parse, nothing that
		 * follows on this connection can be trusted. */
		imap_close(im);
		return (imap_error(err, IMAP_ERR_SESSION,
		    xasprintf("%s: unreadable response from server", what)));
	}
	return (imap_error(err, IMAP_ERR_NO,
	    said != NULL ? xasprintf("%s: %s", what, said) :
			   xasprintf("%s failed (error %d)", what, r)));
}

int
imap_check_string(const char *s, struct imap_error *err)
{
	if (strpbrk(s, "\r\n") != NULL)
		return (imap_error(err, IMAP_ERR_NO,
		    xstrdup("refusing a name with a line break in it")));
	return (0);
}

struct mailimap_set *
imap_uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set;
	uint32_t	    *sorted, first, last;
	size_t		     i;

	set = mailimap_set_new_empty();
	if (set == NULL)
		fatalx("out of memory");
	sorted = xreallocarray(NULL, n, sizeof *sorted);
	memcpy(sorted, uids, n * sizeof *sorted);
	/*
	 * A chunk of the fill is a thousand UIDs in the list's order, often
	 * newest first: the worst case of an insertion sort.
	 */
	qsort(sorted, n, sizeof *sorted, sort_uid_asc);
	for (i = 0; i < n;) {
		first = last = sorted[i++];
		while (i < n && (sorted[i] == last || sorted[i] == last + 1))
			last = sorted[i++];
		if (mailimap_set_add_interval(set, first, last) != 0)
			fatalx("out of memory");
	}
	free(sorted);
	return (set);
}

/*
 * TLS on a connected socket, verified as the account says; the stream for
 * libetpan, or NULL (the socket closed) with a certificate or connection
 * error.
 */
static mailstream_low *
imap_tls_stream(struct imap *im, int fd, struct imap_error *err)
{
	const struct account *a = im->account;
	struct tls_config     cf;
	struct tls_error      te;
	struct tls	     *tls;

	memset(&cf, 0, sizeof cf);
	cf.host = a->tls_server_name != NULL ? a->tls_server_name : a->host;
	cf.ca_file = a->ca_file;
	cf.fingerprint = a->fingerprint;
	cf.timeout = a->timeout;
	if ((tls = tls_connect(fd, &cf, &te)) == NULL) {
		close(fd);
		/* The certificate, if any, on the lines after the reason. */
		imap_error(err,
		    te.certificate ? IMAP_ERR_CERT : IMAP_ERR_CONNECT,
		    te.detail == NULL ?
			xstrdup(te.reason) :
			xasprintf("%s\n%s", te.reason, te.detail));
		err->fingerprint = te.fingerprint;
		te.fingerprint = NULL;
		tls_error_clear(&te);
		return (NULL);
	}
	return (stream_low_tls(tls, a->timeout));
}

static mailstream *
imap_open_stream(struct imap *im, struct imap_error *err)
{
	const struct account *a = im->account;
	mailstream_low	     *low;
	mailstream	     *s;
	char		     *msg = NULL;
	int		      fd;

	if ((fd = net_connect(a->host, a->port, a->timeout, &msg)) == -1) {
		imap_error(err, IMAP_ERR_CONNECT, msg);
		return (NULL);
	}
	if (a->tls == TLS_IMPLICIT) {
		if ((low = imap_tls_stream(im, fd, err)) == NULL)
			return (NULL);
	} else
		low = stream_low_plain(fd, a->timeout);
	if ((s = mailstream_new(low, 8192)) == NULL)
		fatalx("out of memory");
	return (s);
}

/*
 * The first connection is dialled while the worker opens its cache and
 * shows what it holds: TCP and the TLS handshake (the server's key
 * exchange, a round trip or two) need not wait for SQLite.  Only
 * imap_open_stream's work moves; the greeting, STARTTLS and the login
 * stay with the session's thread.
 */
struct imap_dial {
	pthread_t	  thread;
	mailstream	 *stream;
	struct imap_error err;
};

static void *
imap_dial_main(void *arg)
{
	struct imap *im = arg;

	im->dial->stream = imap_open_stream(im, &im->dial->err);
	return (NULL);
}

void
imap_dial(struct imap *im)
{
	const struct account *a = im->account;

	/* Refused without a connection: imap_connect says why. */
	if (im->dial != NULL ||
	    (a->tls == TLS_NONE && !net_is_loopback(a->host)))
		return;
	im->dial = xcalloc(1, sizeof *im->dial);
	if (pthread_create(&im->dial->thread, NULL, imap_dial_main, im) != 0)
		FREE(&im->dial);
}

/* A dial nobody took: waited for, and what it made closed. */
static void
imap_dial_end(struct imap *im)
{
	if (im->dial == NULL)
		return;
	pthread_join(im->dial->thread, NULL);
	if (im->dial->stream != NULL)
		mailstream_close(im->dial->stream);
	imap_error_clear(&im->dial->err);
	FREE(&im->dial);
}

/* What the dial made, once it is done: a stream, or NULL and its error. */
static mailstream *
imap_dialled(struct imap *im, struct imap_error *err)
{
	mailstream *s;

	pthread_join(im->dial->thread, NULL);
	if ((s = im->dial->stream) == NULL) {
		imap_error(err, im->dial->err.kind, im->dial->err.text);
		err->fingerprint = im->dial->err.fingerprint;
	}
	FREE(&im->dial);
	return (s);
}

/*
 * STARTTLS, then swap tern's TLS stream in under libetpan.  Anything the
 * server sent after its OK and before the handshake would be read as if it
 * came over TLS: such bytes end the session (no injection).
 */
static int
imap_starttls(struct imap *im, struct imap_error *err)
{
	const struct account *a = im->account;
	mailstream	     *s;
	mailstream_low	     *old, *low;
	int		      r, fd;

	if (!imap_has_capability(im, "STARTTLS"))
		return (imap_error(err, IMAP_ERR_REFUSED,
		    xasprintf("%s offers no TLS (no STARTTLS): tern will not "
			      "log in over plain text; use an imaps:// URL if "
			      "the server has port 993",
			a->host)));
	r = mailimap_starttls(im->session);
	/*
	 * libetpan 1.9.4 refuses such bytes too, but as an error whose only
	 * text is the OK's: say what happened instead.
	 */
	s = im->session->imap_stream;
	if (s != NULL && s->read_buffer_len != 0)
		return (imap_error(err, IMAP_ERR_CONNECT,
		    xasprintf("%s sent data before the TLS handshake; refusing it",
			a->host)));
	if (r != MAILIMAP_NO_ERROR) {
		imap_fail(im, r, "STARTTLS", err);
		err->kind = IMAP_ERR_CONNECT;
		return (-1);
	}
	old = mailstream_get_low(s);
	fd = mailstream_low_get_fd(old);
	stream_low_release_fd(old);

	if ((low = imap_tls_stream(im, fd, err)) == NULL)
		return (-1);
	mailstream_set_low(s, low);
	mailstream_low_free(old);
	return (0);
}

/* Forget the capabilities: the next answer that carries some sets them. */
static void
imap_forget_capabilities(struct imap *im)
{
	mailimap_capability_data_free(
	    im->session->imap_connection_info->imap_capability);
	im->session->imap_connection_info->imap_capability = NULL;
}

static int
imap_refresh_capabilities(struct imap *im, struct imap_error *err)
{
	struct mailimap_capability_data *caps = NULL;
	int				 r;

	r = mailimap_capability(im->session, &caps);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "CAPABILITY", err));
	mailimap_capability_data_free(caps);
	return (0);
}

int
imap_connect(struct imap *im, struct imap_error *err)
{
	const struct account *a = im->account;
	mailstream	     *s;
	int		      r;

	imap_close(im);
	/* A final answer, not a fault: trying again would send it later. */
	if (a->tls == TLS_NONE && !net_is_loopback(a->host))
		return (imap_error(err, IMAP_ERR_REFUSED,
		    xasprintf("%s: refusing to send a password in plain text to a host "
			      "that is not loopback",
			a->host)));
	s = im->dial != NULL ? imap_dialled(im, err) :
			       imap_open_stream(im, err);
	if (s == NULL)
		return (-1);
	if ((im->session = mailimap_new(0, NULL)) == NULL)
		fatalx("out of memory");
	mailimap_set_timeout(im->session, a->timeout);
	r = mailimap_connect(im->session, s);
	if (r != MAILIMAP_NO_ERROR && r != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		imap_fail(im, r, a->host, err);
		imap_close(im);
		err->kind = IMAP_ERR_CONNECT;
		return (-1);
	}
	/* Dovecot and most servers put them in the greeting: one trip less. */
	if (im->session->imap_connection_info->imap_capability == NULL &&
	    imap_refresh_capabilities(im, err) != 0)
		goto fail;
	if (a->tls == TLS_STARTTLS) {
		if (imap_starttls(im, err) != 0)
			goto fail;
		/* What the server said before TLS cannot be trusted. */
		if (imap_refresh_capabilities(im, err) != 0)
			goto fail;
	}
	log_debug("connected to %s port %s", a->host, a->port);
	return (0);

fail:
	imap_close(im);
	if (err->kind != IMAP_ERR_CERT && err->kind != IMAP_ERR_REFUSED)
		err->kind = IMAP_ERR_CONNECT;
	return (-1);
}

int
imap_send_line(struct imap *im, const char *line, size_t len)
{
	mailstream *st = im->session->imap_stream;
	int	    r;

	r = mailimap_send_current_tag(im->session);
	if (r == MAILIMAP_NO_ERROR &&
	    mailstream_write(st, line, len) != (ssize_t)len)
		r = MAILIMAP_ERROR_STREAM;
	if (r == MAILIMAP_NO_ERROR && mailstream_flush(st) == -1)
		r = MAILIMAP_ERROR_STREAM;
	return (r);
}

static int imap_parse_answer(struct imap *, int *);

int
imap_read_answer(struct imap *im, int *state)
{
	if (mailimap_read_line(im->session) == NULL)
		return (MAILIMAP_ERROR_STREAM);
	return (imap_parse_answer(im, state));
}

/* The answer whose first line mailimap_read_line has read. */
static int
imap_parse_answer(struct imap *im, int *state)
{
	struct mailimap_response *resp = NULL;
	int			  r;

	if ((r = mailimap_parse_response(im->session, &resp)) !=
	    MAILIMAP_NO_ERROR)
		return (r);
	*state = resp->rsp_resp_done->rsp_type ==
		MAILIMAP_RESP_DONE_TYPE_TAGGED ?
	    resp->rsp_resp_done->rsp_data.rsp_tagged->rsp_cond_state->rsp_type :
	    MAILIMAP_RESP_COND_STATE_BAD;
	mailimap_response_free(resp);
	return (MAILIMAP_NO_ERROR);
}

/* Send a line of an AUTHENTICATE exchange, which may hold a secret. */
static int
imap_auth_send_raw(struct imap *im, char *line)
{
	mailstream *s = im->session->imap_stream;
	size_t	    len = strlen(line);
	int	    r = MAILIMAP_NO_ERROR;

	if (mailstream_write(s, line, len) != (ssize_t)len)
		r = MAILIMAP_ERROR_STREAM;
	freezero_str(line);
	if (r == MAILIMAP_NO_ERROR && mailstream_flush(s) == -1)
		r = MAILIMAP_ERROR_STREAM;
	return (r);
}

/* The same, after a new tag: "AUTHENTICATE ...". */
static int
imap_auth_send(struct imap *im, char *line)
{
	int r;

	if ((r = mailimap_send_current_tag(im->session)) != MAILIMAP_NO_ERROR) {
		freezero_str(line);
		return (r);
	}
	return (imap_auth_send_raw(im, line));
}

/*
 * AUTHENTICATE with one client message, as libetpan 1.9.4 offers SASL
 * only through Cyrus SASL.  With SASL-IR (RFC 4959) the message goes on
 * the command line, one round trip; without, after the server's "+".  A
 * "+" after the message is a failure with details (the OAuth mechanisms'
 * error JSON): the client answers it with reply and the server says NO.
 * The buffers holding the secret are zeroed.
 */
static int
imap_authenticate(struct imap *im, const char *mech, struct sasl_msg *msg,
    const char *reply, int *state)
{
	char *b64, *line;
	int   r, sent, ir;

	b64 = encode_base64(msg->buf, msg->len);
	ir = imap_has_capability(im, "SASL-IR");
	imap_forget_capabilities(im);
	if (ir)
		line = xasprintf("AUTHENTICATE %s %s\r\n", mech, b64);
	else
		line = xasprintf("AUTHENTICATE %s\r\n", mech);
	r = imap_auth_send(im, line);
	for (sent = ir; r == MAILIMAP_NO_ERROR;) {
		if ((line = mailimap_read_line(im->session)) == NULL) {
			r = MAILIMAP_ERROR_STREAM;
			break;
		}
		if (line[0] != '+') {
			r = imap_parse_answer(im, state);
			break;
		}
		if (!sent) {
			r = imap_auth_send_raw(im, xasprintf("%s\r\n", b64));
			sent = 1;
		} else
			r = imap_auth_send_raw(im, xasprintf("%s\r\n", reply));
	}
	freezero_str(b64);
	if (r == MAILIMAP_NO_ERROR && *state == MAILIMAP_RESP_COND_STATE_OK)
		im->session->imap_state = MAILIMAP_STATE_AUTHENTICATED;
	return (r);
}

/* After the login command: capabilities on success, the error otherwise. */
static int
imap_login_done(struct imap *im, int r, int state, struct imap_error *err)
{
	const struct account *a = im->account;

	if (r == MAILIMAP_NO_ERROR && state != MAILIMAP_RESP_COND_STATE_OK)
		r = MAILIMAP_ERROR_LOGIN;
	if (r == MAILIMAP_NO_ERROR) {
		log_debug("logged in as %s%s", a->user,
		    im->session->imap_connection_info->imap_capability != NULL ?
			"" :
			"; asking for capabilities");
		/* The OK may carry new capabilities; ask if it did not. */
		if (im->session->imap_connection_info->imap_capability != NULL)
			return (0);
		return (imap_refresh_capabilities(im, err));
	}
	imap_fail(im, r, "Login failed", err);
	if (err->kind == IMAP_ERR_NO) {
		err->kind = IMAP_ERR_AUTH;
		if (im->session->imap_response == NULL) {
			free(err->text);
			err->text = xstrdup("Login failed");
		}
		/* Another try needs to know what the server offers. */
		if (im->session->imap_connection_info->imap_capability ==
		    NULL) {
			struct imap_error ignored = { 0 };

			imap_refresh_capabilities(im, &ignored);
			imap_error_clear(&ignored);
		}
	}
	return (-1);
}

int
imap_login(struct imap *im, const char *password, struct imap_error *err)
{
	const struct account *a = im->account;
	struct sasl_msg	      msg;
	int		      r, plain, state = MAILIMAP_RESP_COND_STATE_OK;

	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	if (strpbrk(a->user, "\r\n") != NULL ||
	    strpbrk(password, "\r\n") != NULL ||
	    sasl_plain(&msg, a->user, password) != 0)
		return (imap_error(err, IMAP_ERR_AUTH,
		    xstrdup("user name or password holds a line break")));
	plain = imap_has_capability(im, "AUTH=PLAIN") &&
	    imap_has_capability(im, "SASL-IR");
	if (a->auth == AUTH_LOGIN)
		plain = 0;
	else if (a->auth == AUTH_PLAIN) {
		if (!imap_has_capability(im, "AUTH=PLAIN")) {
			sasl_free(&msg);
			return (imap_error(err, IMAP_ERR_REFUSED,
			    xasprintf("%s offers no AUTHENTICATE PLAIN "
				      "(auth = plain)",
				a->host)));
		}
		plain = 1;
	}
	/* Neither command is ever logged: both carry the password. */
	if (plain)
		r = imap_authenticate(im, "PLAIN", &msg, "*", &state);
	else if (imap_has_capability(im, "LOGINDISABLED")) {
		sasl_free(&msg);
		return (imap_error(err, IMAP_ERR_REFUSED,
		    xasprintf("%s refuses logins on this connection "
			      "(LOGINDISABLED) and offers no AUTHENTICATE PLAIN "
			      "with SASL-IR: the password was not sent",
			a->host)));
	} else {
		imap_forget_capabilities(im);
		r = mailimap_login(im->session, a->user, password);
	}
	sasl_free(&msg);
	return (imap_login_done(im, r, state, err));
}

/*
 * XOAUTH2 or OAUTHBEARER with an access token: the mechanism the account
 * names, else OAUTHBEARER (the standard one) where offered, else XOAUTH2.
 * A failure answered with "+" and details is ended as each mechanism
 * wants: XOAUTH2 with an empty line, OAUTHBEARER with ^A (RFC 7628, 3.2.3).
 */
int
imap_login_oauth(struct imap *im, const char *token, struct imap_error *err)
{
	const struct account *a = im->account;
	struct sasl_msg	      msg;
	const char	     *host;
	int		      r, bearer, state = MAILIMAP_RESP_COND_STATE_OK;

	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	if (a->auth == AUTH_AUTO)
		bearer = imap_has_capability(im, "AUTH=OAUTHBEARER") ||
		    !imap_has_capability(im, "AUTH=XOAUTH2");
	else
		bearer = a->auth == AUTH_OAUTHBEARER;
	if (!imap_has_capability(im,
		bearer ? "AUTH=OAUTHBEARER" : "AUTH=XOAUTH2"))
		return (imap_error(err, IMAP_ERR_REFUSED,
		    xasprintf("%s offers no AUTHENTICATE %s: the token was "
			      "not sent",
			a->host,
			a->auth == AUTH_AUTO ? "OAUTHBEARER or XOAUTH2" :
			    bearer	     ? "OAUTHBEARER" :
					       "XOAUTH2")));
	host = a->tls_server_name != NULL ? a->tls_server_name : a->host;
	r = bearer ? sasl_oauthbearer(&msg, a->user, host, a->port, token) :
		     sasl_xoauth2(&msg, a->user, token);
	if (r != 0)
		return (imap_error(err, IMAP_ERR_AUTH,
		    xstrdup("the token holds a control character")));
	r = imap_authenticate(im, bearer ? "OAUTHBEARER" : "XOAUTH2", &msg,
	    bearer ? "AQ==" : "", &state);
	sasl_free(&msg);
	return (imap_login_done(im, r, state, err));
}

void
imap_logout(struct imap *im)
{
	if (im->session != NULL)
		mailimap_logout(im->session);
	imap_close(im);
}

/*
 * libetpan's mailimap_select_qresync writes "SELECT INBOX QRESYNC (...)"
 * without the parentheses RFC 7162 puts around select parameters, which
 * Dovecot takes as a plain SELECT.  tern writes the command itself with
 * libetpan's exported (if undeclared) senders and lets libetpan parse
 * the answer.
 */

static int
imap_select_qresync_send(mailstream *s, const char *wire, uint32_t uidvalidity,
    uint64_t modseq)
{
	int r;

	if ((r = mailimap_token_send(s, "SELECT")) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_space_send(s)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_mailbox_send(s, wire)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_space_send(s)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_oparenth_send(s)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_token_send(s, "QRESYNC")) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_space_send(s)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_oparenth_send(s)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_number_send(s, uidvalidity)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_space_send(s)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_mod_sequence_value_send(s, modseq)) !=
		MAILIMAP_NO_ERROR ||
	    (r = mailimap_cparenth_send(s)) != MAILIMAP_NO_ERROR ||
	    (r = mailimap_cparenth_send(s)) != MAILIMAP_NO_ERROR)
		return (r);
	return (mailimap_crlf_send(s));
}

/* HIGHESTMODSEQ from the answer's response codes (CONDSTORE). */
static uint64_t
imap_answer_modseq(struct mailimap *session)
{
	struct mailimap_extension_data	       *ext;
	struct mailimap_condstore_resptextcode *code;
	clistiter			       *it;
	uint64_t				modseq = 0;

	for (it = clist_begin(session->imap_response_info->rsp_extension_list);
	     it != NULL; it = clist_next(it)) {
		ext = clist_content(it);
		if (ext->ext_extension != &mailimap_extension_condstore ||
		    ext->ext_type != MAILIMAP_CONDSTORE_TYPE_RESP_TEXT_CODE)
			continue;
		code = ext->ext_data;
		if (code->cs_type ==
		    MAILIMAP_CONDSTORE_RESPTEXTCODE_HIGHESTMODSEQ)
			modseq = code->cs_data.cs_modseq_value;
	}
	return (modseq);
}

static int
imap_select_qresync(struct imap *im, const char *wire, uint32_t uidvalidity,
    uint64_t modseq, clist **fetched, uint64_t *highest)
{
	mailimap *session = im->session;
	int	  r, state;

	*fetched = NULL;
	r = mailimap_send_current_tag(session);
	if (r == MAILIMAP_NO_ERROR)
		r = imap_select_qresync_send(session->imap_stream, wire,
		    uidvalidity, modseq);
	if (r != MAILIMAP_NO_ERROR)
		return (r);
	if (mailstream_flush(session->imap_stream) == -1)
		return (MAILIMAP_ERROR_STREAM);
	if (session->imap_selection_info != NULL)
		mailimap_selection_info_free(session->imap_selection_info);
	if ((session->imap_selection_info = mailimap_selection_info_new()) ==
	    NULL)
		fatalx("out of memory");
	if ((r = imap_read_answer(im, &state)) != MAILIMAP_NO_ERROR)
		return (r);
	*fetched = session->imap_response_info->rsp_fetch_list;
	session->imap_response_info->rsp_fetch_list = NULL;
	*highest = imap_answer_modseq(session);
	if (state != MAILIMAP_RESP_COND_STATE_OK) {
		if (*fetched != NULL)
			mailimap_fetch_list_free(*fetched);
		*fetched = NULL;
		mailimap_selection_info_free(session->imap_selection_info);
		session->imap_selection_info = NULL;
		session->imap_state = MAILIMAP_STATE_AUTHENTICATED;
		return (MAILIMAP_ERROR_SELECT);
	}
	session->imap_state = MAILIMAP_STATE_SELECTED;
	return (MAILIMAP_NO_ERROR);
}

/* Once a session: VANISHED replaces EXPUNGE from then on (RFC 7162). */
static int
imap_enable_qresync(struct imap *im, struct imap_error *err)
{
	struct mailimap_capability_data *want, *got = NULL;
	struct mailimap_capability	*cap;
	clist				*list;
	int				 r;

	if (im->qresync)
		return (0);
	if ((list = clist_new()) == NULL ||
	    (cap = mailimap_capability_new(MAILIMAP_CAPABILITY_NAME, NULL,
		 xstrdup("QRESYNC"))) == NULL)
		fatalx("out of memory");
	clist_append(list, cap);
	if ((want = mailimap_capability_data_new(list)) == NULL)
		fatalx("out of memory");
	r = mailimap_enable(im->session, want, &got);
	mailimap_capability_data_free(want);
	if (got != NULL)
		mailimap_capability_data_free(got);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "ENABLE", err));
	im->qresync = 1;
	log_debug("QRESYNC enabled");
	return (0);
}

int
imap_select_known(struct imap *im, const char *wire, uint32_t known_uidvalidity,
    uint64_t known_modseq, uint32_t *uidvalidity, uint32_t *exists,
    struct imap_error *err)
{
	struct mailimap_selection_info *sel;
	clist			       *fetched = NULL;
	uint64_t			modseq = 0;
	int				r;

	/*
	 * ENABLE is only valid before the first SELECT of a session (RFC
	 * 5161): a session that began without QRESYNC goes on without it.
	 */
	if (known_uidvalidity == 0 || known_modseq == 0 ||
	    !imap_has_capability(im, "QRESYNC") ||
	    (!im->qresync && im->session != NULL &&
		im->session->imap_state == MAILIMAP_STATE_SELECTED))
		return (imap_select(im, wire, uidvalidity, exists, err));
	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	if (imap_check_string(wire, err) != 0)
		return (-1);
	if (imap_enable_qresync(im, err) != 0) {
		if (err->kind != IMAP_ERR_NO)
			return (-1);
		/* Refused: a plain SELECT does as well, one trip more. */
		imap_error_clear(err);
		return (imap_select(im, wire, uidvalidity, exists, err));
	}
	FREE(&im->selected);
	im->highestmodseq = 0;
	FREE(&im->qr_flags);
	im->qr_nflags = 0;
	im->qr_valid = 0;
	r = imap_select_qresync(im, wire, known_uidvalidity, known_modseq,
	    &fetched, &modseq);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "SELECT", err));
	/*
	 * VANISHED (EARLIER) stays in the answer: the UID SEARCH that
	 * follows shows the same, and the next command drops it.
	 */
	im->selected = xstrdup(wire);
	im->highestmodseq = modseq;
	sel = im->session->imap_selection_info;
	*uidvalidity = sel != NULL ? sel->sel_uidvalidity : 0;
	*exists = sel != NULL ? sel->sel_exists : 0;
	if (imap_sync_check_exists(im, *exists) != 0)
		return (imap_fail(im, MAILIMAP_ERROR_PARSE, "SELECT", err));
	imap_sync_reset(im, *exists);
	/* Under another UIDVALIDITY the answer says nothing of our rows. */
	if (*uidvalidity == known_uidvalidity) {
		if (fetched != NULL)
			imap_sync_flag_list(im, fetched, &im->qr_flags,
			    &im->qr_nflags);
		im->qr_valid = 1;
		log_debug("%s: QRESYNC since %llu: %zu changed", wire,
		    (unsigned long long)known_modseq, im->qr_nflags);
	} else if (fetched != NULL)
		mailimap_fetch_list_free(fetched);
	return (0);
}

int
imap_select(struct imap *im, const char *wire, uint32_t *uidvalidity,
    uint32_t *exists, struct imap_error *err)
{
	struct mailimap_selection_info *sel;
	int				r;

	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	if (imap_check_string(wire, err) != 0)
		return (-1);
	FREE(&im->selected);
	im->highestmodseq = 0;
	FREE(&im->qr_flags);
	im->qr_nflags = 0;
	im->qr_valid = 0;
	/* With CONDSTORE the answer says HIGHESTMODSEQ (RFC 7162). */
	if (imap_has_capability(im, "CONDSTORE"))
		r = mailimap_select_condstore(im->session, wire,
		    &im->highestmodseq);
	else
		r = mailimap_select(im->session, wire);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "SELECT", err));
	im->selected = xstrdup(wire);
	sel = im->session->imap_selection_info;
	*uidvalidity = sel != NULL ? sel->sel_uidvalidity : 0;
	*exists = sel != NULL ? sel->sel_exists : 0;
	if (imap_sync_check_exists(im, *exists) != 0)
		return (imap_fail(im, MAILIMAP_ERROR_PARSE, "SELECT", err));
	imap_sync_reset(im, *exists);
	return (0);
}

uint64_t
imap_highestmodseq(const struct imap *im)
{
	return (im->highestmodseq);
}

int
imap_changes_known(const struct imap *im)
{
	return (im->qr_valid);
}

const char *
imap_selected(const struct imap *im)
{
	return (im->selected);
}
