/*
 * The search language of "/" in the message list, parsed into a tree of
 * IMAP SEARCH keys (RFC 3501 6.4.4).  Only a parser: no I/O, nothing of
 * libetpan; imap_search.c puts the tree on the wire.  The query comes from
 * the keyboard, but the parser trusts it no more than a server's answer:
 * it takes a length (a NUL is a byte like any other, and refused), caps
 * nesting and length, and refuses the bytes that could end the command.
 */
#ifndef TERN_QUERY_H
#define TERN_QUERY_H

#include <stddef.h>
#include <stdint.h>

#define QUERY_MAX_LEN 1000  /* bytes of a query */
#define QUERY_MAX_DEPTH 32  /* parentheses and negations inside another */
#define QUERY_MAX_TERMS 100 /* keys in all */

enum query_kind {
	QK_AND, /* every child: a, a->next, ... */
	QK_OR,	/* a or b */
	QK_NOT, /* not a */
	/* A string (str) in a field. */
	QK_FROM,
	QK_TO,
	QK_CC,
	QK_BCC,
	QK_SUBJECT,
	QK_BODY,
	QK_TEXT,
	/* Flags. */
	QK_SEEN,
	QK_UNSEEN,
	QK_FLAGGED,
	QK_UNFLAGGED,
	QK_DELETED,
	QK_UNDELETED,
	QK_ANSWERED,
	QK_UNANSWERED,
	/* The internal date, by day (year, month 1-12, day). */
	QK_SINCE,
	QK_BEFORE,
	QK_ON,
	/* The size in bytes (num). */
	QK_LARGER,
	QK_SMALLER,
};

struct query {
	enum query_kind kind;
	char	       *str; /* UTF-8, never empty, no control characters */
	uint32_t	num;
	int		year, month, day;
	struct query   *a, *b; /* AND: a is the first child; OR: a, b; NOT: a */
	struct query   *next;  /* the next child of an AND */
};

struct query_error {
	size_t pos; /* the byte of the query where it goes wrong */
	char   text[160];
};

/*
 * Parse len bytes.  The tree, or NULL with err filled in.  An empty query
 * (spaces only) is an error too: the caller decides what it means.
 */
struct query *query_parse(const char *, size_t, struct query_error *);
void	      query_free(struct query *);
/* Whether a string in the tree is not plain ASCII (CHARSET UTF-8). */
int query_needs_charset(const struct query *);
/* The IMAP name of a key ("FROM", "UNSEEN", ...), for keys and logs. */
const char *query_key_name(enum query_kind);

#endif
