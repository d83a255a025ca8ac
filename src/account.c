/*
 * account.c owns struct account: creating it, freeing it and filling it
 * from an imap:// or imaps:// URL.  It must never connect, prompt or read a
 * password, and never accept a user or host name holding a byte that could
 * end a protocol line or a log line.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "decode.h"
#include "xmalloc.h"

struct account *
account_new(const char *name)
{
	struct account *a;

	a = xcalloc(1, sizeof *a);
	a->name = xstrdup(name);
	a->tls = TLS_IMPLICIT;
	a->port = xstrdup("993");
	a->timeout = 30;
	a->poll_interval = 60;
	a->folder_refresh = 120;
	a->subscribed_only = -1;
	a->sort.key = SORT_DATE;
	return (a);
}

void
account_free(struct account *a)
{
	if (a == NULL)
		return;
	free(a->name);
	free(a->user);
	free(a->host);
	free(a->port);
	free(a->password_command);
	free(a->oauth2_token_command);
	free(a->ca_file);
	free(a->save_dir);
	free(a->fingerprint);
	free(a->html_filter);
	free(a->tls_server_name);
	free(a->smtp_user);
	free(a->smtp_host);
	free(a->smtp_port);
	free(a->smtp_password_command);
	free(a->smtp_fingerprint);
	free(a->sent);
	free(a->drafts);
	free(a);
}

/* Space, DEL and the C0 controls (CR, LF and NUL among them). */
static int
account_bad_byte(unsigned char c)
{
	return (c <= ' ' || c == 0x7f);
}

/* Percent-decode the user part; NULL with *err set if it is not usable. */
static char *
account_url_user(const char *s, size_t len, char **err)
{
	char  *user;
	size_t i, n = 0;
	int    hi, lo;
	char   c;

	if (len == 0) {
		*err = xstrdup("no user in URL (imaps://USER@HOST)");
		return (NULL);
	}
	user = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		c = s[i];
		if (c == '%') {
			if (i + 2 >= len ||
			    (hi = decode_hex_digit(s[i + 1])) < 0 ||
			    (lo = decode_hex_digit(s[i + 2])) < 0) {
				*err = xstrdup("bad percent-encoding in user");
				free(user);
				return (NULL);
			}
			c = (char)(hi << 4 | lo);
			i += 2;
		}
		if (account_bad_byte((unsigned char)c)) {
			*err = xstrdup("control character or space in user");
			free(user);
			return (NULL);
		}
		user[n++] = c;
	}
	user[n] = '\0';
	return (user);
}

static char *
account_url_port(const char *s, size_t len, char **err)
{
	size_t i;
	long   port = 0;

	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || port > 65535)
			break;
		port = port * 10 + (s[i] - '0');
	}
	if (len == 0 || i != len || port < 1 || port > 65535) {
		*err = xasprintf("bad port '%.*s' (1 to 65535)", (int)len, s);
		return (NULL);
	}
	return (xasprintf("%ld", port));
}

/* Split HOST[:PORT] or [IPV6][:PORT]. */
static int
account_url_host(const char *s, size_t len, char **host, char **port,
    const char *defport, char **err)
{
	const char *h = s, *p = NULL;
	size_t	    hlen, i;

	if (len > 0 && s[0] == '[') {
		for (i = 1; i < len && s[i] != ']'; i++)
			/* nothing */;
		if (i == len) {
			*err = xstrdup("missing ']' after IPv6 address");
			return (-1);
		}
		h = s + 1;
		hlen = i - 1;
		for (i = 0; i < hlen; i++) {
			if (h[i] != ':' && h[i] != '.' &&
			    decode_hex_digit(h[i]) < 0) {
				*err = xstrdup("bad IPv6 address");
				return (-1);
			}
		}
		i = hlen + 2;
		if (i < len) {
			if (s[i] != ':') {
				*err = xstrdup("unexpected text after ']'");
				return (-1);
			}
			p = s + i + 1;
		}
	} else {
		for (i = 0; i < len && s[i] != ':'; i++) {
			if (account_bad_byte((unsigned char)s[i]) ||
			    s[i] == '[' || s[i] == ']') {
				*err = xstrdup("bad character in host");
				return (-1);
			}
		}
		hlen = i;
		if (i < len)
			p = s + i + 1;
	}
	if (hlen == 0) {
		*err = xstrdup("empty host");
		return (-1);
	}
	if (p != NULL)
		*port = account_url_port(p, len - (size_t)(p - s), err);
	else
		*port = xstrdup(defport);
	if (*port == NULL)
		return (-1);
	*host = xstrndup(h, hlen);
	return (0);
}

/* A URL's scheme: the one with TLS from the start, and the STARTTLS one. */
struct account_scheme {
	const char *tls, *starttls;	   /* "imaps://", "imap://" */
	const char *tls_port, *plain_port; /* their default ports */
};

static const struct account_scheme account_imap = { "imaps://", "imap://",
	"993", "143" };
static const struct account_scheme account_smtp = { "smtps://", "smtp://",
	"465", "587" };

static int
account_parse_url(const struct account_scheme *sc, const char *url,
    char **userp, char **hostp, char **portp, enum tls_mode *tlsp, char **err)
{
	const char   *s, *at, *end, *defport;
	char	     *user, *host, *port, *reason = NULL;
	enum tls_mode tls;
	size_t	      i, len;

	if (strncasecmp(url, sc->tls, strlen(sc->tls)) == 0) {
		tls = TLS_IMPLICIT;
		defport = sc->tls_port;
		s = url + strlen(sc->tls);
	} else if (strncasecmp(url, sc->starttls, strlen(sc->starttls)) == 0) {
		tls = TLS_STARTTLS;
		defport = sc->plain_port;
		s = url + strlen(sc->starttls);
	} else {
		reason = xasprintf("unknown scheme (%s or %s)", sc->tls,
		    sc->starttls);
		goto fail;
	}
	len = strlen(s);
	for (i = 0; i < len; i++) {
		if (account_bad_byte((unsigned char)s[i])) {
			reason = xstrdup("control character or space in URL");
			goto fail;
		}
	}
	if ((end = strchr(s, '/')) != NULL) {
		if (end[1] != '\0') {
			reason = xstrdup("a path is not allowed");
			goto fail;
		}
	} else
		end = s + len;
	/* The last '@': an unencoded '@' in the user name still works. */
	at = NULL;
	for (i = 0; s + i < end; i++) {
		if (s[i] == '@')
			at = s + i;
	}
	if (at == NULL) {
		reason = xasprintf("no user in URL (%sUSER@HOST)", sc->tls);
		goto fail;
	}
	if ((user = account_url_user(s, (size_t)(at - s), &reason)) == NULL)
		goto fail;
	if (account_url_host(at + 1, (size_t)(end - at - 1), &host, &port,
		defport, &reason) != 0) {
		free(user);
		goto fail;
	}
	free(*userp);
	free(*hostp);
	free(*portp);
	*userp = user;
	*hostp = host;
	*portp = port;
	*tlsp = tls;
	return (0);

fail:
	*err = xasprintf("bad URL: %s", reason);
	free(reason);
	return (-1);
}

int
account_set_url(struct account *a, const char *url, char **err)
{
	return (account_parse_url(&account_imap, url, &a->user, &a->host,
	    &a->port, &a->tls, err));
}

int
account_set_smtp_url(struct account *a, const char *url, char **err)
{
	return (account_parse_url(&account_smtp, url, &a->smtp_user,
	    &a->smtp_host, &a->smtp_port, &a->smtp_tls, err));
}
