/*
 * sanitize.c owns the last step between bytes from the network and the
 * screen: it decides which code points may reach the terminal and how wide
 * they are.  It must never pass through a byte that a terminal could take as
 * the start of a control sequence, and never return invalid UTF-8.
 *
 * U+200E and U+200F (the left-to-right and right-to-left marks) are kept:
 * they are ordinary in Hebrew and Arabic text and, unlike the embeddings,
 * overrides and isolates, open nothing that could reorder the rest of the
 * line.  U+2028 and U+2029 are replaced, because some terminals treat them
 * as line breaks.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sanitize.h"
#include "strbuf.h"
#include "xmalloc.h"

#define SANITIZE_REPLACEMENT 0xfffd

size_t
sanitize_utf8_decode(const char *s, size_t len, unsigned int *cpp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int	     cp, min;
	size_t		     n, i;

	if (len == 0)
		return (0);
	if (p[0] < 0x80) {
		*cpp = p[0];
		return (1);
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07;
		min = 0x10000;
	} else
		return (0);
	if (len < n)
		return (0);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return (0);
	*cpp = cp;
	return (n);
}

/* Whether a code point may be drawn as it is. */
static int
sanitize_allowed(unsigned int cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return (0);
	if (cp >= 0x80 && cp <= 0x9f)
		return (0);
	if (cp >= 0x202a && cp <= 0x202e)
		return (0);
	if (cp >= 0x2066 && cp <= 0x2069)
		return (0);
	if (cp == 0x2028 || cp == 0x2029)
		return (0);
	return (1);
}

char *
sanitize(const char *s, size_t len, int flags)
{
	struct strbuf sb;
	unsigned int  cp;
	size_t	      i, n;

	strbuf_init(&sb);
	for (i = 0; i < len; i += n) {
		if ((n = sanitize_utf8_decode(s + i, len - i, &cp)) == 0) {
			/* One replacement for each byte that is not UTF-8. */
			strbuf_add_utf8(&sb, SANITIZE_REPLACEMENT);
			n = 1;
			continue;
		}
		if (cp == '\r' && (flags & SANITIZE_NEWLINES) && i + 1 < len &&
		    s[i + 1] == '\n')
			continue;
		if (cp == '\n' && (flags & SANITIZE_NEWLINES))
			strbuf_addc(&sb, '\n');
		else if (cp == '\t')
			strbuf_addc(&sb, (flags & SANITIZE_TABS) ? '\t' : ' ');
		else if (!sanitize_allowed(cp))
			strbuf_add_utf8(&sb, SANITIZE_REPLACEMENT);
		else
			strbuf_add(&sb, s + i, n);
	}
	return (strbuf_detach(&sb, NULL));
}

char *
sanitize_str(const char *s, int flags)
{
	if (s == NULL)
		return (xstrdup(""));
	return (sanitize(s, strlen(s), flags));
}

size_t
sanitize_width(const char *s)
{
	size_t	     len, i, n, width = 0;
	unsigned int cp;
	int	     w;

	if (s == NULL)
		return (0);
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		if ((n = sanitize_utf8_decode(s + i, len - i, &cp)) == 0) {
			/* Drawn as U+FFFD, one column. */
			n = 1;
			width++;
			continue;
		}
		if ((w = wcwidth((wchar_t)cp)) > 0)
			width += (size_t)w;
	}
	return (width);
}
