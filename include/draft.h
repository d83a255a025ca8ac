/*
 * A message being written: the header fields the user edits, the body, the
 * attachments, and the threading fields of a reply.  The draft file is
 * what the editor sees: the editable fields, a blank line, the body.
 */
#ifndef TERN_DRAFT_H
#define TERN_DRAFT_H

#include <stddef.h>

enum draft_field {
	DRAFT_FROM,
	DRAFT_TO,
	DRAFT_CC,
	DRAFT_BCC,
	DRAFT_SUBJECT,
	DRAFT_REPLY_TO,
	DRAFT_NFIELDS
};

struct draft_attach {
	char  *name; /* the file name the message gives it, UTF-8 */
	char  *type; /* Content-Type, no parameters */
	char  *data;
	size_t len;
};

struct draft {
	char *field[DRAFT_NFIELDS]; /* as typed, unfolded, trimmed; or NULL */
	int   line[DRAFT_NFIELDS];  /* its line in the draft file, 0: none */
	char *in_reply_to;	    /* "<id>", or NULL */
	char *references;	    /* "<id> <id> ...", or NULL */
	char *body;		    /* UTF-8, lines end in LF */
	struct draft_attach *att;
	size_t		     natt;
};

void draft_init(struct draft *);
void draft_free(struct draft *);
/* The header name of a field: "Reply-To". */
const char *draft_field_name(enum draft_field);
/* Set a field (NULL: none), copying the value. */
void draft_set(struct draft *, enum draft_field, const char *);
/* The draft file's text, for the editor. */
char *draft_write(const struct draft *, size_t *);
/*
 * Read the draft file back: its fields and body replace the draft's.  A
 * NUL or a bare CR, a line that is no header above the blank line, a field
 * tern does not edit or a field twice are refused: 0, or -1 and *err
 * naming the line ("To: line 2: ...").  The draft is unchanged on error.
 */
int draft_parse(struct draft *, const char *, size_t, char **);
/*
 * Whether the draft can be sent (sending) or kept: one From address, every
 * address readable, and to send, a recipient at least.  0, or -1 and *err.
 */
int draft_check(const struct draft *, int sending, char **);
/* Add an attachment; the data is the draft's after. */
void draft_attach(struct draft *, const char *name, const char *type,
    char *data, size_t len);
void draft_detach(struct draft *, size_t);
/* Content-Type by the file name's extension. */
const char *draft_guess_type(const char *);

#endif
