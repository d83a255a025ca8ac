/*
 * tern's transport under libetpan: a mailstream_low driver over a plain
 * socket or a struct tls.  Reads return -1, never 0, at end of stream and on
 * timeout: libetpan 1.9.4 loops forever on 0 inside a literal.
 */
#ifndef TERN_STREAM_H
#define TERN_STREAM_H

struct tls;
struct _mailstream_low;

/* A driver over a connected socket (plain text, as before STARTTLS). */
struct _mailstream_low *stream_low_plain(int fd, int timeout);
/* A driver over an established TLS session (which it then owns). */
struct _mailstream_low *stream_low_tls(struct tls *, int timeout);
/*
 * Detach the socket from a plain driver so that freeing the driver leaves
 * it open (for STARTTLS, where TLS takes it over).
 */
void stream_low_release_fd(struct _mailstream_low *);

/* Whether bytes are already read and waiting below libetpan's buffer. */
int stream_low_pending(struct _mailstream_low *);

/* What the response checker refused, or NULL. */
const char *stream_low_refused(struct _mailstream_low *);
/*
 * End the session for a reason found above the checker (a server that
 * contradicts itself): every read fails from now on, and
 * stream_low_refused says why.
 */
void stream_low_refuse(struct _mailstream_low *, const char *why);
/* The timeout in seconds if a read waited that long in vain, else 0. */
int stream_low_timed_out(struct _mailstream_low *);
/* The tag of the last tagged response ("" before the first). */
const char *stream_low_tag(struct _mailstream_low *);
/* The text of the last BYE the server sent, or NULL. */
const char *stream_low_bye(struct _mailstream_low *);

#endif
