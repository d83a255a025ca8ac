/*
 * A finished message on its way out: the envelope, the bytes as sent, and
 * what to do on the server once it is gone (the replied message, the draft
 * it was resumed from).  Built by the compose side, handed to the worker in
 * a REQ_SEND or REQ_POSTPONE, which owns it from then on.  A leaf: no
 * protocol, no screen.
 */
#ifndef TERN_OUTGOING_H
#define TERN_OUTGOING_H

#include <stddef.h>
#include <stdint.h>

struct outgoing {
	char  *from;  /* envelope sender, addr-spec */
	char **rcpts; /* envelope recipients (To, Cc, Bcc), addr-specs */
	size_t nrcpts;
	char  *data; /* the message as sent: CRLF lines, no Bcc: */
	size_t len;
	/* A reply: the original, to get \Answered once sent (NULL: none). */
	char	*answered_folder; /* wire name */
	uint32_t answered_uidvalidity, answered_uid;
	/*
	 * Resumed from Drafts: that draft, removed once sent or postponed
	 * again (NULL: none).
	 */
	char	*draft_folder; /* wire name */
	uint32_t draft_uidvalidity, draft_uid;
};

void outgoing_free(struct outgoing *); /* NULL is fine; frees all */

#endif
