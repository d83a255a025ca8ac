/*
 * Modified UTF-7 (RFC 3501 section 5.1.3), the encoding of IMAP mailbox
 * names.  libetpan 1.9.4 has no encoder, so tern has both directions.
 */
#ifndef TERN_MUTF7_H
#define TERN_MUTF7_H

#include <stddef.h>

/* UTF-7 name from the server to UTF-8; NULL if it is not valid. */
char *mutf7_decode(const char *, size_t);

/* UTF-8 to modified UTF-7 for the wire; NULL if the input is not UTF-8. */
char *mutf7_encode(const char *, size_t);

#endif
