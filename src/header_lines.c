/*
 * header_lines.c owns turning a raw header block (BODY[HEADER]) into the
 * lines the pager shows when all headers are asked for.  Everything it
 * returns has been through sanitize.c; it never keeps the raw bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "header_lines.h"
#include "rfc2047.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xmalloc.h"

static void
header_lines_add(char ***lines, size_t *n, struct strbuf *field)
{
	char  *utf8, *decoded;
	size_t i;

	if (field->len == 0)
		return;
	/*
	 * A NUL would cut the field short in the string functions below:
	 * SUB, a control, comes out of sanitize.c as U+FFFD.
	 */
	for (i = 0; i < field->len; i++) {
		if (field->buf[i] == '\0')
			field->buf[i] = '\x1a';
	}
	utf8 = charset_to_utf8(NULL, field->buf, field->len, NULL);
	decoded = rfc2047_decode(utf8, strlen(utf8));
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[(*n)++] = sanitize_str(decoded, 0);
	free(decoded);
	free(utf8);
	field->len = 0;
}

char **
header_lines(const char *s, size_t len, size_t *n)
{
	struct strbuf field;
	const char   *line, *end, *nl;
	char	    **lines = NULL;
	size_t	      ll;

	*n = 0;
	strbuf_init(&field);
	for (line = s; line < s + len; line = end + 1) {
		if ((nl = memchr(line, '\n', (size_t)(s + len - line))) == NULL)
			nl = s + len;
		end = nl;
		ll = (size_t)(end - line);
		if (ll > 0 && line[ll - 1] == '\r')
			ll--;
		/* The blank line that ends the header. */
		if (ll == 0)
			break;
		if (line[0] == ' ' || line[0] == '\t') {
			/* A folded line: its blanks become one space. */
			while (ll > 0 && (*line == ' ' || *line == '\t')) {
				line++;
				ll--;
			}
			strbuf_addc(&field, ' ');
		} else
			header_lines_add(&lines, n, &field);
		strbuf_add(&field, line, ll);
		if (end == s + len)
			break;
	}
	header_lines_add(&lines, n, &field);
	strbuf_free(&field);
	return (lines);
}
