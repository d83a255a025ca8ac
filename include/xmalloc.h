/*
 * Allocation that never returns NULL.  Running out of memory is one of the
 * two things tern treats as fatal (the other is a broken invariant); fatal
 * restores the terminal before it exits.
 */
#ifndef TERN_XMALLOC_H
#define TERN_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
void *xmemdup(const void *, size_t);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list);

/* Free *pp and set it to NULL, so a second free is harmless. */
#define FREE(pp)              \
	do {                  \
		free(*(pp));  \
		*(pp) = NULL; \
	} while (0)

/* Overwrite a secret before freeing it. */
void freezero_str(char *);
/* Free n strings and the array that holds them. */
void freev(char **, size_t);

#endif
