/* RFC 2047 encoded words in header fields. */
#ifndef TERN_RFC2047_H
#define TERN_RFC2047_H

#include <stddef.h>

/*
 * Decode every encoded word (=?charset?B|Q?text?=) to UTF-8 and return a new
 * string.  White space between two adjacent encoded words is dropped, as the
 * RFC says.  A word in an unknown charset, or one that does not decode, is
 * kept as it was written; the result is not yet sanitized.  Never NULL.
 */
char *rfc2047_decode(const char *, size_t);

#endif
