/* A growable byte buffer, always NUL-terminated after its len bytes. */
#ifndef TERN_STRBUF_H
#define TERN_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char  *buf;
	size_t len;
	size_t size;
};

void strbuf_init(struct strbuf *);
void strbuf_add(struct strbuf *, const void *, size_t);
void strbuf_addc(struct strbuf *, char);
void strbuf_adds(struct strbuf *, const char *);
void strbuf_printf(struct strbuf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* Append the UTF-8 encoding of a code point. */
void strbuf_add_utf8(struct strbuf *, unsigned int);
/* Hand the buffer to the caller (never NULL); the strbuf is empty after. */
char *strbuf_detach(struct strbuf *, size_t *);
void  strbuf_free(struct strbuf *);

#endif
