/*
 * Mail submission (RFC 6409) to the account's smtp server: one connection
 * a message, TLS from the start (smtps://) or STARTTLS (smtp://, never
 * plain text), AUTH, the envelope and the data, QUIT.  Blocking; called
 * from an account's worker thread only.  No libetpan type crosses this
 * header.
 */
#ifndef TERN_SMTP_H
#define TERN_SMTP_H

struct account;
struct outgoing;

enum smtp_error_kind {
	SMTP_OK,
	SMTP_ERR_CONNECT,  /* not reached, or the connection broke */
	SMTP_ERR_CERT,	   /* the certificate did not verify */
	SMTP_ERR_REFUSED,  /* tern will not send there (no STARTTLS, ...) */
	SMTP_ERR_AUTH,	   /* the server refused the credentials */
	SMTP_ERR_REJECTED, /* the server refused the sender, a recipient or
			    * the data: text holds its reply */
};

struct smtp_error {
	enum smtp_error_kind kind;
	char		    *text; /* "550 5.1.1 <x@y>: no such user" */
};

/*
 * Send the message.  The password is the one to AUTH with (NULL with
 * oauth2-token-command, whose token smtp_send fetches itself, and fetches
 * again once if the server refuses it).  0 once the server accepted the
 * data; -1 with err filled otherwise.
 */
int  smtp_send(const struct account *, const char *password,
     const struct outgoing *, struct smtp_error *);
void smtp_error_clear(struct smtp_error *);

#endif
