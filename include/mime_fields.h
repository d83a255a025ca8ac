/*
 * The list's header fields (From, To, Subject, Date, Message-ID, and the
 * References or In-Reply-To that threads are made from) read from the
 * raw header block a BODY.PEEK[HEADER.FIELDS (...)] returns: cheaper for
 * the server and for libetpan than ENVELOPE (bench/open-time measures
 * both).
 */
#ifndef TERN_MIME_FIELDS_H
#define TERN_MIME_FIELDS_H

#include <stddef.h>
#include <time.h>

#include "message.h"

/*
 * Set the list row's from, to, subject, message_id, refs and date from a header
 * block; a field the block lacks stays as it was (NULL, 0).  The strings
 * go with the message (message_clear).
 */
void mime_fields_parse(const char *, size_t, struct message *);
/*
 * The unfolded value of the first field of this name in a header block, or
 * NULL; raw, RFC 2047 words and all.
 */
char *mime_fields_value(const char *, size_t, const char *);
/* Seconds since the epoch of a date and a zone written [+-]HHMM. */
time_t mime_mktime(int, int, int, int, int, int, int);
/* An RFC 5322 date, or 0. */
time_t mime_date(const char *, size_t);

#endif
