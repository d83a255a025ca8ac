/*
 * encode.c owns the encodings tern writes into an outgoing message: base64,
 * quoted-printable, RFC 2047 words, RFC 2231 parameters and the folding of
 * header fields.  It is a leaf: strings in, a strbuf out, no I/O.  It must
 * never write a bare CR or LF of its input into a header: every line break
 * it writes is a CRLF followed by a blank, a fold.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "encode.h"
#include "strbuf.h"

#define ENCODE_WORD_BYTES 36 /* 48 base64 + 12 = 60 characters a word */
#define ENCODE_LINE 78
#define ENCODE_QP_LINE 76
#define ENCODE_PIECE 60 /* characters of an RFC 2231 piece's value */

static const char encode_hex[] = "0123456789ABCDEF";

void
encode_base64_lines(struct strbuf *sb, const void *data, size_t len)
{
	const char *p = data;
	size_t	    i, n;
	char	   *line;

	/* 57 bytes make the 76 characters of a line. */
	for (i = 0; i < len; i += n) {
		n = len - i < 57 ? len - i : 57;
		line = encode_base64(p + i, n);
		strbuf_adds(sb, line);
		strbuf_add(sb, "\r\n", 2);
		free(line);
	}
}

static void
encode_qp_line(struct strbuf *sb, const char *s, size_t len)
{
	unsigned char c;
	size_t	      i, col = 0, w;
	int	      lit;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		/* A blank at the end of a line would be lost in transport. */
		lit = (c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && i + 1 < len);
		w = lit ? 1 : 3;
		/* Room for the '=' of a soft break after it, if not last. */
		if (col + w >
		    (i + 1 < len ? ENCODE_QP_LINE - 1 : ENCODE_QP_LINE)) {
			strbuf_add(sb, "=\r\n", 3);
			col = 0;
		}
		if (lit)
			strbuf_addc(sb, (char)c);
		else {
			strbuf_addc(sb, '=');
			strbuf_addc(sb, encode_hex[c >> 4]);
			strbuf_addc(sb, encode_hex[c & 0xf]);
		}
		col += w;
	}
	strbuf_add(sb, "\r\n", 2);
}

void
encode_qp(struct strbuf *sb, const char *s, size_t len)
{
	const char *nl;
	size_t	    n;

	while (len > 0) {
		nl = memchr(s, '\n', len);
		n = nl != NULL ? (size_t)(nl - s) : len;
		encode_qp_line(sb, s, n > 0 && s[n - 1] == '\r' ? n - 1 : n);
		if (nl == NULL)
			break;
		len -= n + 1;
		s += n + 1;
	}
}

/* Whether s must go as encoded words. */
static int
encode_needs_words(const char *s)
{
	const unsigned char *p;

	if (strstr(s, "=?") != NULL)
		return (1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < ' ' || *p >= 0x7f)
			return (1);
	}
	return (0);
}

void
encode_words(struct strbuf *sb, const char *s, int phrase)
{
	size_t len = strlen(s), i, n;
	char  *b;

	if (!encode_needs_words(s)) {
		if (!phrase || strpbrk(s, "()<>[]:;@\\,.\"") == NULL) {
			strbuf_adds(sb, s);
			return;
		}
		strbuf_addc(sb, '"');
		for (; *s != '\0'; s++) {
			if (*s == '"' || *s == '\\')
				strbuf_addc(sb, '\\');
			strbuf_addc(sb, *s);
		}
		strbuf_addc(sb, '"');
		return;
	}
	for (i = 0; i < len; i += n) {
		n = len - i < ENCODE_WORD_BYTES ? len - i : ENCODE_WORD_BYTES;
		/* A word holds whole characters (RFC 2047 section 5). */
		while (i + n < len && n > 1 &&
		    ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		if (i > 0)
			strbuf_addc(sb, ' ');
		b = encode_base64(s + i, n);
		strbuf_printf(sb, "=?UTF-8?B?%s?=", b);
		free(b);
	}
}

void
encode_field(struct strbuf *sb, const char *name, const char *value)
{
	const char *p = value, *sp;
	size_t	    col, n;

	strbuf_adds(sb, name);
	strbuf_add(sb, ": ", 2);
	col = strlen(name) + 2;
	/*
	 * The first piece goes on the name's line; each other piece is a
	 * blank and what follows it up to the next blank, and may start a
	 * line of its own.
	 */
	n = strcspn(p, " ");
	strbuf_add(sb, p, n);
	col += n;
	p += n;
	while (*p != '\0') {
		sp = strchr(p + 1, ' ');
		n = sp != NULL ? (size_t)(sp - p) : strlen(p);
		if (n > 1 && col + n > ENCODE_LINE) {
			strbuf_add(sb, "\r\n", 2);
			col = 0;
		}
		strbuf_add(sb, p, n);
		col += n;
		p += n;
	}
	strbuf_add(sb, "\r\n", 2);
}

/* RFC 2231's attribute-char: what may stand unescaped in a value. */
static int
encode_attr_char(unsigned char c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!#$&+-.^_`|~", c) != NULL);
}

void
encode_param(struct strbuf *sb, const char *name, const char *value)
{
	const unsigned char *p;
	struct strbuf	     v;
	size_t		     len = strlen(value), i, n, piece;

	if (len <= ENCODE_PIECE && !encode_needs_words(value) &&
	    *value != '\0') {
		strbuf_printf(sb, ";\r\n\t%s=\"", name);
		for (p = (const unsigned char *)value; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				strbuf_addc(sb, '\\');
			strbuf_addc(sb, (char)*p);
		}
		strbuf_addc(sb, '"');
		return;
	}
	strbuf_init(&v);
	strbuf_adds(&v, "utf-8''");
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (encode_attr_char(*p))
			strbuf_addc(&v, (char)*p);
		else
			strbuf_printf(&v, "%%%02X", *p);
	}
	if (v.len <= ENCODE_PIECE) {
		strbuf_printf(sb, ";\r\n\t%s*=%s", name, v.buf);
		strbuf_free(&v);
		return;
	}
	for (i = 0, piece = 0; i < v.len; i += n, piece++) {
		n = v.len - i < ENCODE_PIECE ? v.len - i : ENCODE_PIECE;
		/* Never cut a %XX in two. */
		if (i + n < v.len && n > 2 && v.buf[i + n - 1] == '%')
			n -= 1;
		else if (i + n < v.len && n > 2 && v.buf[i + n - 2] == '%')
			n -= 2;
		strbuf_printf(sb, ";\r\n\t%s*%zu*=%.*s", name, piece, (int)n,
		    v.buf + i);
	}
	strbuf_free(&v);
}
