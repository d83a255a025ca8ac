/*
 * The message as sent, built from a draft: RFC 5322 and MIME, CRLF lines,
 * and the envelope.  The Bcc addresses are in the envelope only.
 */
#ifndef TERN_MSG_BUILD_H
#define TERN_MSG_BUILD_H

#include <stddef.h>
#include <time.h>

struct draft;

struct msg_built {
	char  *from;  /* envelope sender, addr-spec */
	char **rcpts; /* To, Cc and Bcc addr-specs, each once */
	size_t nrcpts;
	char  *data; /* the message, CRLF lines, no Bcc field */
	size_t len;
	char  *message_id; /* "<...>", as in the data */
};

/*
 * Build the message, dated now in the local zone.  0, or -1 and *err (the
 * draft does not pass draft_check, or a field holds what no header may).
 * MSG_BUILD_DRAFT: a message to keep in Drafts, not to send: it may have
 * no recipient, and its Bcc is written, to be there when it is resumed.
 */
#define MSG_BUILD_DRAFT 0x1
int  msg_build(const struct draft *, time_t, int, struct msg_built *, char **);
void msg_built_free(struct msg_built *);
/* An RFC 5322 date in the local zone, in English whatever the locale. */
char *msg_build_date(time_t);

#endif
