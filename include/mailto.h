/* mailto: URLs (RFC 6068), as a browser hands them to a mail client. */
#ifndef TERN_MAILTO_H
#define TERN_MAILTO_H

struct draft;

/*
 * Fill a draft (initialised by draft_init) from a mailto: URL: the
 * addresses of the path and of to= (merged), cc, bcc, subject, body and
 * in-reply-to; other fields are ignored.  A field that decodes to a line
 * break or another control is refused: 0, or -1 and *err.
 */
int mailto_parse(struct draft *, const char *, char **);

#endif
