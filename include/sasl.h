/*
 * SASL client messages (RFC 4422), as the bytes a mechanism sends before
 * base64: PLAIN (RFC 4616), XOAUTH2 (Google's and Microsoft's) and
 * OAUTHBEARER (RFC 7628).  Nothing here knows IMAP or SMTP, so both can
 * use it.  Each message holds a secret: free it with sasl_free.
 */
#ifndef TERN_SASL_H
#define TERN_SASL_H

#include <stddef.h>

struct sasl_msg {
	char  *buf;
	size_t len;
};

/* "\0USER\0PASSWORD".  -1 if either holds NUL, CR or LF. */
int sasl_plain(struct sasl_msg *, const char *user, const char *password);
/* "user=USER^Aauth=Bearer TOKEN^A^A".  -1 if either holds a control. */
int sasl_xoauth2(struct sasl_msg *, const char *user, const char *token);
/*
 * "n,a=USER,^Ahost=HOST^Aport=PORT^Aauth=Bearer TOKEN^A^A", with ',' and
 * '=' in USER written =2C and =3D as the GS2 header wants.  -1 if any
 * holds a control.
 */
int sasl_oauthbearer(struct sasl_msg *, const char *user, const char *host,
    const char *port, const char *token);
/* Clear and free the message. */
void sasl_free(struct sasl_msg *);

#endif
