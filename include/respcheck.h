/*
 * A small checker that every byte from an IMAP server passes before
 * libetpan parses it.  libetpan 1.9.4 crashes or misreads some responses
 * that anyone on the network path can send; the checker follows lines and
 * literals closely enough to refuse those, and never alters a byte.
 */
#ifndef TERN_RESPCHECK_H
#define TERN_RESPCHECK_H

#include <stddef.h>
#include <stdint.h>

#define RESPCHECK_MAX_LINE (1024 * 1024)
#define RESPCHECK_MAX_DEPTH 100
#define RESPCHECK_LINE_KEEP 256 /* of each line, kept for the checks */
#define RESPCHECK_BYE_KEEP 120	/* of a BYE's text, kept to show */
#define RESPCHECK_TAIL 31	/* of each line's end, kept for "{n}" */
/*
 * Lists in one BODYSTRUCTURE: a part is one to a dozen of them.  Literals
 * restart the line count, so without this cap a server could make libetpan
 * build a tree of any size.
 */
#define RESPCHECK_MAX_BODY_LISTS 10000

struct respcheck {
	uint64_t max_literal;
	uint64_t literal;  /* bytes of a literal still to come */
	size_t	 line_len; /* bytes of the current line so far */
	int	 depth;	   /* parentheses open in this response */
	int	 in_quote;
	int	 escaped;
	int	 at_response; /* this line starts a response */
	int	 numeric;     /* past its first 9 bytes: digits, spaces, ( ) */
	int	 in_status;   /* the response is a STATUS */
	int	 body_depth;  /* depth of an open BODYSTRUCTURE, or -1 */
	int	 body_lists;  /* lists opened in it so far */
	/* The token being read, the one before it, and their count. */
	char	 word[24];
	size_t	 word_len;
	size_t	 word_digits;
	int	 word_big;
	uint64_t value;
	char	 prev[24];
	int	 ntokens;
	char	 head[RESPCHECK_LINE_KEEP + 1]; /* start of this line */
	size_t	 head_len;
	/* The end of this line, for "{n}": its last RESPCHECK_TAIL bytes. */
	char   tail[2 * RESPCHECK_TAIL];
	size_t tail_len;
	char   why[160];		    /* what was refused, once refused */
	char   bye[RESPCHECK_BYE_KEEP + 1]; /* text of the last BYE, or "" */
	char   tag[16];			    /* of the last tagged response */
	int    failed;
};

void respcheck_init(struct respcheck *, uint64_t max_literal);
/*
 * Check the next bytes.  Returns 0 if they may go on to libetpan, -1 if the
 * session must end; then why says what the server sent.
 */
int respcheck_feed(struct respcheck *, const char *, size_t);
/*
 * The same a byte at a time, without the runs respcheck_feed takes
 * whole: the reference the unit test and fuzz_respcheck hold it to.
 */
int respcheck_feed_bytes(struct respcheck *, const char *, size_t);
/*
 * End the session for what a layer above found wrong in responses that
 * each looked well formed (a server contradicting itself): from now on
 * the checker refuses everything, and why says what.
 */
void respcheck_refuse(struct respcheck *, const char *why);

#endif
