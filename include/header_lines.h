/* A message's raw header as lines to show: the pager's h. */
#ifndef TERN_HEADER_LINES_H
#define TERN_HEADER_LINES_H

#include <stddef.h>

/*
 * One line a field, folded lines joined, 8-bit text read as UTF-8 (else
 * windows-1252), RFC 2047 words decoded, sanitized.  *n gets the count;
 * the caller frees with freev.
 */
char **header_lines(const char *, size_t, size_t *n);

#endif
