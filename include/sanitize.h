/*
 * Making bytes from the network safe to draw.  Every string that came from a
 * server or a message passes here before it reaches the screen.
 */
#ifndef TERN_SANITIZE_H
#define TERN_SANITIZE_H

#include <stddef.h>

#define SANITIZE_NEWLINES 0x1 /* keep LF (a CR before LF is dropped) */
#define SANITIZE_TABS 0x2     /* keep TAB; otherwise TAB becomes a space */

/*
 * Return a new NUL-terminated string of valid UTF-8 holding no ESC, no C0 or
 * C1 control, no DEL and no bidirectional override or isolate: each such
 * character, and each byte of invalid UTF-8, becomes U+FFFD.  Never NULL.
 */
char *sanitize(const char *, size_t, int);

/* The same, for a NUL-terminated string; NULL gives "". */
char *sanitize_str(const char *, int);

/* Display width of valid UTF-8 in terminal columns (wcwidth, >= 0 each). */
size_t sanitize_width(const char *);

/*
 * Decode one UTF-8 sequence at the start of a buffer into *cp and return its
 * length; 0 if the buffer is empty or does not start with valid UTF-8
 * (overlong forms, surrogates and values above U+10FFFF are not valid).
 */
size_t sanitize_utf8_decode(const char *, size_t, unsigned int *);

#endif
