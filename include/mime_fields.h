/*
 * The list's header fields (From, Subject, Date, Message-ID) read from the
 * raw header block a BODY.PEEK[HEADER.FIELDS (...)] returns: cheaper for
 * the server and for libetpan than ENVELOPE (bench/open-time measures
 * both).
 */
#ifndef TERN_MIME_FIELDS_H
#define TERN_MIME_FIELDS_H

#include <stddef.h>
#include <time.h>

struct mime_fields {
	char  *from;	   /* display name, else address; UTF-8 */
	char  *subject;	   /* RFC 2047 decoded, UTF-8 */
	char  *message_id; /* "<...>" as sent, or NULL */
	time_t date;	   /* 0 when absent or unreadable */
};

/* Read the fields of a header block (caller frees with _clear). */
void mime_fields_parse(const char *, size_t, struct mime_fields *);
void mime_fields_clear(struct mime_fields *);
/* Seconds since the epoch of a date and a zone written [+-]HHMM. */
time_t mime_mktime(int, int, int, int, int, int, int);
/* An RFC 5322 date, or 0. */
time_t mime_date(const char *, size_t);

#endif
