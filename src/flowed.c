/*
 * flowed.c owns reading format=flowed (RFC 3676): a line that ends in a
 * space goes on in the next line of the same quote depth.  It only joins
 * lines; wrapping them to a width is the pager's, at draw time, so that a
 * resized window reflows.  It never drops a character of the text but the
 * stuffed spaces and, with DelSp=yes, the spaces of the soft breaks.
 */
#include <string.h>

#include "flowed.h"
#include "strbuf.h"

/* Write the quote marks of a paragraph: "> " per level. */
static void
flowed_quote(struct strbuf *sb, size_t depth)
{
	size_t i;

	for (i = 0; i < depth; i++)
		strbuf_adds(sb, "> ");
}

char *
flowed_unwrap(const char *s, size_t len, int delsp)
{
	struct strbuf sb;
	const char   *line, *end, *nl;
	size_t	      depth, n, open_depth = 0;
	int	      open = 0, soft;

	strbuf_init(&sb);
	for (line = s; line < s + len; line = end + 1) {
		if ((nl = memchr(line, '\n', (size_t)(s + len - line))) == NULL)
			nl = s + len;
		end = nl;
		n = (size_t)(end - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		for (depth = 0; depth < n && line[depth] == '>'; depth++)
			;
		line += depth;
		n -= depth;
		/* Space stuffing (RFC 3676 4.4). */
		if (n > 0 && line[0] == ' ') {
			line++;
			n--;
		}
		/* A paragraph cut by a change of depth ends there (4.5). */
		if (open && depth != open_depth) {
			strbuf_addc(&sb, '\n');
			open = 0;
		}
		if (!open)
			flowed_quote(&sb, depth);
		/* "-- " is the signature separator, never a soft break. */
		soft = n > 0 && line[n - 1] == ' ' &&
		    !(n == 3 && memcmp(line, "-- ", 3) == 0);
		if (soft && delsp)
			n--;
		strbuf_add(&sb, line, n);
		if (soft) {
			open = 1;
			open_depth = depth;
		} else {
			strbuf_addc(&sb, '\n');
			open = 0;
		}
		if (end == s + len)
			break;
	}
	if (open)
		strbuf_addc(&sb, '\n');
	return (strbuf_detach(&sb, NULL));
}
