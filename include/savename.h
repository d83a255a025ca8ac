/*
 * File names for attachments: what a message calls a part is reduced to a
 * name that can only ever mean one file inside the directory it is saved
 * in, and a type gives at most a short extension.
 */
#ifndef TERN_SAVENAME_H
#define TERN_SAVENAME_H

#include <stddef.h>

/* Longest name savename returns, in bytes (NAME_MAX is 255). */
#define SAVENAME_MAX 200

/*
 * A safe basename for a part named name (may be NULL) of the given type
 * ("image/png", may be NULL): no '/', no "..", no leading '-' or '.', no
 * control character (C0, C1, DEL) nor bidi control, valid UTF-8, at most
 * SAVENAME_MAX bytes with the extension kept.  An empty result becomes
 * "attachment" with the type's extension.  Never NULL.
 */
char *savename(const char *name, const char *type);

/*
 * A short extension (without the dot) for a type into buf, 0 if there is
 * one: a known type's, else the subtype when it is 1 to 8 letters or
 * digits.  Nothing else of the type reaches the result.
 */
int savename_ext(const char *type, char *buf, size_t size);

#endif
