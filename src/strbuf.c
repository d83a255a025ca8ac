/* strbuf.c owns the growable buffer every parser builds its output in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "strbuf.h"
#include "xmalloc.h"

void
strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->size = 0;
}

static void
strbuf_grow(struct strbuf *sb, size_t more)
{
	size_t want;

	if (more >= ((size_t)-1) / 2 - sb->len)
		fatalx("strbuf too large");
	want = sb->len + more + 1;
	if (want <= sb->size)
		return;
	if (sb->size == 0)
		sb->size = 64;
	while (sb->size < want)
		sb->size *= 2;
	sb->buf = xrealloc(sb->buf, sb->size);
}

void
strbuf_add(struct strbuf *sb, const void *p, size_t n)
{
	strbuf_grow(sb, n);
	if (n != 0)
		memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void
strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char   *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(sb, s);
	free(s);
}

void
strbuf_add_utf8(struct strbuf *sb, unsigned int cp)
{
	char b[4];

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		b[0] = (char)cp;
		strbuf_add(sb, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 4);
	}
}

char *
strbuf_detach(struct strbuf *sb, size_t *lenp)
{
	char *p;

	if (sb->buf == NULL)
		strbuf_grow(sb, 0);
	sb->buf[sb->len] = '\0';
	p = sb->buf;
	if (lenp != NULL)
		*lenp = sb->len;
	strbuf_init(sb);
	return (p);
}

void
strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb);
}
