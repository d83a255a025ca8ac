/*
 * strarena.c owns the string arena.  Strings are only appended; a replaced
 * string stays behind as waste, and the owner compacts (by building a new
 * arena) when the waste outgrows what is live.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "strarena.h"
#include "xmalloc.h"

void
strarena_init(struct strarena *a)
{
	memset(a, 0, sizeof *a);
	a->cap = 4096;
	a->buf = xmalloc(a->cap);
	a->buf[0] = '\0';
	a->len = 1;
}

void
strarena_free(struct strarena *a)
{
	free(a->buf);
	memset(a, 0, sizeof *a);
}

uint32_t
strarena_add(struct strarena *a, const char *s)
{
	size_t	 n;
	uint32_t off;

	if (s == NULL || *s == '\0')
		return (0);
	n = strlen(s) + 1;
	if (a->len + n > UINT32_MAX)
		fatalx("string arena full");
	if (a->len + n > a->cap) {
		while (a->len + n > a->cap)
			a->cap *= 2;
		a->buf = xrealloc(a->buf, a->cap);
	}
	off = (uint32_t)a->len;
	memcpy(a->buf + a->len, s, n);
	a->len += n;
	return (off);
}

const char *
strarena_get(const struct strarena *a, uint32_t off)
{
	return (a->buf + off);
}

void
strarena_forget(struct strarena *a, uint32_t off)
{
	if (off != 0)
		a->waste += strlen(a->buf + off) + 1;
}
