/*
 * The list's readers for the common shapes of From, To and Date, which
 * mime_fields.c tries before libetpan's RFC 5322 parser.  Each either
 * gives exactly what that parser would lead to or refuses; the unit test
 * and fuzz_mime_fields check that, against mime_fields_parse_slow.
 */
#ifndef TERN_MIME_FIELDS_FAST_H
#define TERN_MIME_FIELDS_FAST_H

#include <stddef.h>
#include <time.h>

#include "message.h"

/* One mailbox: its phrase (NULL if it has none) and its addr-spec. */
struct mime_fast_box {
	const char *name;
	const char *addr;
};

/*
 * Read the mailbox at *p of a NUL-terminated list of mailboxes, then
 * the comma after it, if any.  The strings go into buf, which holds
 * twice the length of the list, plus 2.  0 with *p at the comma or at
 * the end; -1 if the mailbox is not in a shape this reader is sure of.
 */
int mime_fast_box(const char **, char *, struct mime_fast_box *);
/* An RFC 5322 date in the usual shape: 0 and *t, or -1. */
int mime_fast_date(const char *, size_t, time_t *);

/*
 * What the fast readers are checked against: mime_fields_parse and
 * mime_date with libetpan's parser alone, and a pass over the block for
 * each field (mime_fields.c).
 */
void   mime_fields_parse_slow(const char *, size_t, struct message *);
time_t mime_date_slow(const char *, size_t);
/* Both readers on one block: the first field they differ in, or NULL. */
const char *mime_fields_differ(const char *, size_t);

#endif
