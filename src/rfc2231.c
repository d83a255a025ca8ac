/*
 * rfc2231.c owns putting a MIME parameter back together from its RFC 2231
 * pieces: the charset'language' prefix, %XX escapes, and continuations
 * numbered name*0, name*1...  It works on name/value pairs only, so that
 * any parser's parameter list can be handed to it; it never sanitizes (the
 * caller's screen or file name code does) and never reads a piece past the
 * number of pieces it is given.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "rfc2047.h"
#include "rfc2231.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Continuations past this number are not looked for. */
#define RFC2231_MAX_PIECES 1000

/*
 * Whether pname is name followed by suffix: "" (plain), "*" (extended),
 * or "*N" / "*N*" for piece N.  Returns the piece number, -1 for a plain
 * or extended value without a number, -2 if it is another parameter;
 * *ext says whether the value is %-encoded.
 */
static long
rfc2231_match(const char *pname, const char *name, int *ext)
{
	size_t	    len = strlen(name);
	const char *p;
	char	   *end;
	long	    n;

	*ext = 0;
	if (strncasecmp(pname, name, len) != 0)
		return (-2);
	p = pname + len;
	if (*p == '\0')
		return (-1);
	if (*p++ != '*')
		return (-2);
	if (*p == '\0') {
		*ext = 1;
		return (-1);
	}
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
		return (-2);
	n = strtol(p, &end, 10);
	if (n > RFC2231_MAX_PIECES)
		return (-2);
	if (*end == '*') {
		*ext = 1;
		end++;
	}
	return (*end == '\0' ? n : -2);
}

/* Undo %XX escapes; a bad escape is kept as it was written. */
static void
rfc2231_unescape(struct strbuf *sb, const char *s)
{
	int hi, lo;

	for (; *s != '\0'; s++) {
		if (*s == '%' && (hi = decode_hex_digit(s[1])) >= 0 &&
		    (lo = decode_hex_digit(s[2])) >= 0) {
			strbuf_addc(sb, (char)(hi << 4 | lo));
			s += 2;
		} else
			strbuf_addc(sb, *s);
	}
}

/*
 * Split charset'language'rest: *charset gets the charset (caller frees,
 * NULL if empty or missing), returns the rest.
 */
static const char *
rfc2231_prefix(const char *value, char **charset)
{
	const char *q1, *q2;

	*charset = NULL;
	if ((q1 = strchr(value, '\'')) == NULL ||
	    (q2 = strchr(q1 + 1, '\'')) == NULL)
		return (value);
	if (q1 != value)
		*charset = xstrndup(value, (size_t)(q1 - value));
	return (q2 + 1);
}

/* The pieces name*0, name*1, ... in order, up to the first one missing. */
static int
rfc2231_pieces(const struct rfc2231_param *p, size_t n, const char *name,
    struct strbuf *sb, char **charset)
{
	const char *v;
	size_t	    i;
	long	    want, k;
	int	    ext, found;

	for (want = 0; want <= RFC2231_MAX_PIECES; want++) {
		found = 0;
		for (i = 0; i < n && !found; i++) {
			if (p[i].name == NULL || p[i].value == NULL)
				continue;
			if ((k = rfc2231_match(p[i].name, name, &ext)) != want)
				continue;
			found = 1;
			v = p[i].value;
			if (ext && want == 0)
				v = rfc2231_prefix(v, charset);
			if (ext)
				rfc2231_unescape(sb, v);
			else
				strbuf_adds(sb, v);
		}
		if (!found)
			break;
	}
	return (want > 0 ? 0 : -1);
}

char *
rfc2231_param(const struct rfc2231_param *p, size_t n, const char *name)
{
	struct strbuf sb;
	const char   *plain = NULL, *v;
	char	     *charset = NULL, *out;
	size_t	      i, len;
	int	      ext, have = 0;

	strbuf_init(&sb);
	for (i = 0; i < n && !have; i++) {
		if (p[i].name == NULL || p[i].value == NULL ||
		    rfc2231_match(p[i].name, name, &ext) != -1)
			continue;
		if (!ext) {
			if (plain == NULL)
				plain = p[i].value;
			continue;
		}
		v = rfc2231_prefix(p[i].value, &charset);
		rfc2231_unescape(&sb, v);
		have = 1;
	}
	if (!have)
		have = rfc2231_pieces(p, n, name, &sb, &charset) == 0;
	if (!have) {
		strbuf_free(&sb);
		free(charset);
		if (plain == NULL)
			return (NULL);
		return (rfc2047_decode(plain, strlen(plain)));
	}
	len = sb.len;
	out = charset_to_utf8(charset, sb.buf != NULL ? sb.buf : "", len, NULL);
	strbuf_free(&sb);
	free(charset);
	return (out);
}
