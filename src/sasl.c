/*
 * sasl.c owns the client messages of the SASL mechanisms tern speaks, as
 * bytes before base64.  It must never send, log or keep them: they carry
 * a password or a token, and the caller clears them with sasl_free.
 *
 * A field holding a control character is refused rather than escaped:
 * ^A separates the key-value pairs of XOAUTH2 and OAUTHBEARER, NUL those
 * of PLAIN, and no user name or token legitimately holds either.
 */
#include <stdlib.h>
#include <string.h>

#include "sasl.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Whether s holds a byte below space or DEL: none may end a field. */
static int
sasl_has_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			return (1);
	}
	return (0);
}

/*
 * The message is the pieces one after the other, in one allocation of
 * the right size: a buffer that grew would leave copies of the secret
 * behind in freed memory.  A NULL piece is one NUL byte.
 */
static int
sasl_join(struct sasl_msg *m, const char *const *pieces, size_t n)
{
	size_t i, len, off = 0;

	m->len = 0;
	for (i = 0; i < n; i++)
		m->len += pieces[i] == NULL ? 1 : strlen(pieces[i]);
	m->buf = xmalloc(m->len + 1);
	for (i = 0; i < n; i++) {
		if (pieces[i] == NULL) {
			m->buf[off++] = '\0';
			continue;
		}
		len = strlen(pieces[i]);
		memcpy(m->buf + off, pieces[i], len);
		off += len;
	}
	m->buf[off] = '\0';
	return (0);
}

int
sasl_plain(struct sasl_msg *m, const char *user, const char *password)
{
	const char *pieces[] = { NULL, user, NULL, password };

	memset(m, 0, sizeof *m);
	if (sasl_has_control(user) || strpbrk(password, "\r\n") != NULL)
		return (-1);
	return (sasl_join(m, pieces, 4));
}

int
sasl_xoauth2(struct sasl_msg *m, const char *user, const char *token)
{
	const char *pieces[] = { "user=", user, "\001auth=Bearer ", token,
		"\001\001" };

	memset(m, 0, sizeof *m);
	if (sasl_has_control(user) || sasl_has_control(token))
		return (-1);
	return (sasl_join(m, pieces, 5));
}

int
sasl_oauthbearer(struct sasl_msg *m, const char *user, const char *host,
    const char *port, const char *token)
{
	const char   *pieces[9];
	struct strbuf name;
	const char   *p;

	memset(m, 0, sizeof *m);
	if (sasl_has_control(user) || sasl_has_control(host) ||
	    sasl_has_control(port) || sasl_has_control(token))
		return (-1);
	/* RFC 5801 saslname: ',' and '=' would end or escape the field. */
	strbuf_init(&name);
	for (p = user; *p != '\0'; p++) {
		if (*p == ',')
			strbuf_adds(&name, "=2C");
		else if (*p == '=')
			strbuf_adds(&name, "=3D");
		else
			strbuf_addc(&name, *p);
	}
	pieces[0] = "n,a=";
	pieces[1] = name.buf != NULL ? name.buf : "";
	pieces[2] = ",\001host=";
	pieces[3] = host;
	pieces[4] = "\001port=";
	pieces[5] = port;
	pieces[6] = "\001auth=Bearer ";
	pieces[7] = token;
	pieces[8] = "\001\001";
	sasl_join(m, pieces, 9);
	strbuf_free(&name);
	return (0);
}

void
sasl_free(struct sasl_msg *m)
{
	if (m->buf != NULL) {
		explicit_bzero(m->buf, m->len);
		free(m->buf);
	}
	m->buf = NULL;
	m->len = 0;
}
