/*
 * Drafts made from a message: a reply to its sender or to all, and a
 * forward inline or as an attachment.
 */
#ifndef TERN_REPLY_H
#define TERN_REPLY_H

#include <stddef.h>

struct draft;

enum reply_kind {
	REPLY_SENDER,
	REPLY_ALL,
	REPLY_FORWARD,	      /* inline: the header block and the text */
	REPLY_FORWARD_ATTACH, /* the raw message as message/rfc822 */
};

struct reply_in {
	const char *header; /* the original's raw header (or whole message) */
	size_t	    headerlen;
	const char *text; /* its text as read, UTF-8; NULL: none */
	const char *raw;  /* FORWARD_ATTACH: the whole message */
	size_t	    rawlen;
	const char *from; /* the user's From: "Name <addr>" */
	/* Addresses of the user's besides From: blank-separated, with
	 * shell patterns (fnmatch, any case): "me@work.example *@home" */
	const char *alternates;
	/* The line above a quote: %n name, %a address, %d date, %% a %. */
	const char *attribution;
};

/* Fill a draft initialised by draft_init. */
void reply_draft(struct draft *, enum reply_kind, const struct reply_in *);
/* The subject with one "Re: " or "Fwd: " and no stack of them. */
char *reply_subject(const char *, int forward);
/* Every line with "> " before it. */
char *reply_quote(const char *);
/*
 * References for a reply: the original's References (else its
 * In-Reply-To), then its Message-ID; with more than REPLY_MAX_REFS ids,
 * the first and the latest.  NULL if there is none.
 */
#define REPLY_MAX_REFS 20
char *reply_references(const char *refs, const char *in_reply_to,
    const char *message_id);
/*
 * A field of a header block, unfolded, on one line (a control becomes a
 * blank), without leading blanks, RFC 2047 words decoded if decode; NULL
 * if the block has none.
 */
char *reply_field(const char *, size_t, const char *name, int decode);
/* Whether spec is the user's: From's address or one of alternates. */
int reply_is_me(const char *spec, const char *from, const char *alternates);

#endif
