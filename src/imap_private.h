/* What the imap*.c files share about a session; nothing else includes it. */
#ifndef TERN_IMAP_PRIVATE_H
#define TERN_IMAP_PRIVATE_H

#include <libetpan/libetpan.h>

#include "imap.h"

struct imap {
	const struct account *account;
	mailimap	     *session;
	char		     *selected; /* wire name, or NULL */
};

/*
 * Turn a libetpan result into an error.  A broken stream or a response
 * libetpan could not parse ends the session; a NO or BAD does not.
 * Returns -1, so callers can "return (imap_fail(...))".
 */
int imap_fail(struct imap *, int, const char *, struct imap_error *);
/* A set of UIDs for a command (sorted, compressed into ranges). */
struct mailimap_set *imap_uid_set(const uint32_t *, size_t);
/* Refuse strings that could smuggle a second command onto the wire. */
int imap_check_string(const char *, struct imap_error *);

#endif
