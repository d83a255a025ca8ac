/* format=flowed text (RFC 3676): soft line breaks undone. */
#ifndef TERN_FLOWED_H
#define TERN_FLOWED_H

#include <stddef.h>

/*
 * Join the lines of each flowed paragraph into one line, so that the pager
 * can wrap it at the window's width, whatever that is now or later.  Quote
 * depth is kept as "> " written depth times before the paragraph; space
 * stuffing is undone; delsp (DelSp=yes) drops the space before each soft
 * break.  Lines end in LF.  Never NULL.
 */
char *flowed_unwrap(const char *, size_t, int delsp);

#endif
