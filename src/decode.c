/*
 * decode.c owns content transfer encodings (quoted-printable, base64, the Q
 * of RFC 2047) and conversion from a named charset to UTF-8.  Everything
 * here is lenient, because a message that half decodes is better shown than
 * refused; but it must never fail for want of a charset, never pass a
 * charset name with "//" suffixes to iconv (those ask iconv to transliterate
 * or to drop bytes), and never read past the length it is given.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Longer than any charset name iconv knows; longer ones are not looked up. */
#define DECODE_CHARSET_MAX 64

int
decode_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	return (-1);
}

/*
 * Length of a soft line break at s[0] (just after an '='): optional blanks
 * that a transport added, then CRLF or LF.  0 if there is none.
 */
static size_t
decode_qp_soft_break(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '\n')
		return (i + 1);
	if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n')
		return (i + 2);
	return (0);
}

static char *
decode_qp_common(const char *s, size_t len, size_t *outlen, int qword)
{
	struct strbuf sb;
	size_t	      i, n;
	int	      hi, lo;

	strbuf_init(&sb);
	for (i = 0; i < len; i++) {
		if (qword && s[i] == '_') {
			strbuf_addc(&sb, ' ');
			continue;
		}
		if (s[i] != '=') {
			strbuf_addc(&sb, s[i]);
			continue;
		}
		if (i + 2 < len && (hi = decode_hex_digit(s[i + 1])) >= 0 &&
		    (lo = decode_hex_digit(s[i + 2])) >= 0) {
			strbuf_addc(&sb, (char)(hi << 4 | lo));
			i += 2;
			continue;
		}
		if (!qword) {
			if ((n = decode_qp_soft_break(s + i + 1,
				 len - i - 1)) != 0) {
				i += n;
				continue;
			}
			/* A last line cut just after its soft break. */
			if (i + 1 == len)
				continue;
		}
		strbuf_addc(&sb, '=');
	}
	return (strbuf_detach(&sb, outlen));
}

char *
decode_qp(const char *s, size_t len, size_t *outlen)
{
	return (decode_qp_common(s, len, outlen, 0));
}

char *
decode_qword(const char *s, size_t len, size_t *outlen)
{
	return (decode_qp_common(s, len, outlen, 1));
}

int
decode_base64_digit(char c, char c63)
{
	if (c >= 'A' && c <= 'Z')
		return (c - 'A');
	if (c >= 'a' && c <= 'z')
		return (c - 'a' + 26);
	if (c >= '0' && c <= '9')
		return (c - '0' + 52);
	if (c == '+')
		return (62);
	if (c == c63)
		return (63);
	return (-1);
}

char *
decode_base64(const char *s, size_t len, size_t *outlen)
{
	struct strbuf sb;
	unsigned int  bits = 0;
	size_t	      i, nbits = 0;
	int	      v;

	strbuf_init(&sb);
	for (i = 0; i < len && s[i] != '='; i++) {
		if ((v = decode_base64_digit(s[i], '/')) < 0)
			continue;
		bits = (bits << 6) | (unsigned int)v;
		nbits += 6;
		if (nbits >= 8) {
			nbits -= 8;
			strbuf_addc(&sb, (char)((bits >> nbits) & 0xff));
			bits &= (1U << nbits) - 1;
		}
	}
	return (strbuf_detach(&sb, outlen));
}

/* Whether the bytes need no conversion to be UTF-8 (or shown as if). */
static int
decode_charset_is_utf8(const char *charset)
{
	return (charset == NULL || *charset == '\0' ||
	    strcasecmp(charset, "utf-8") == 0 ||
	    strcasecmp(charset, "utf8") == 0 ||
	    strcasecmp(charset, "us-ascii") == 0 ||
	    strcasecmp(charset, "ascii") == 0);
}

/* A name from a message may ask for "//TRANSLIT" or be absurdly long. */
static int
decode_charset_acceptable(const char *charset)
{
	size_t len = strlen(charset);

	return (len < DECODE_CHARSET_MAX && strchr(charset, '/') == NULL);
}

static iconv_t
decode_iconv_open(const char *charset)
{
	if (!decode_charset_acceptable(charset))
		return ((iconv_t)-1);
	return (iconv_open("UTF-8", charset));
}

int
charset_known(const char *charset)
{
	iconv_t cd;

	if (decode_charset_is_utf8(charset))
		return (1);
	if ((cd = decode_iconv_open(charset)) == (iconv_t)-1)
		return (0);
	iconv_close(cd);
	return (1);
}

char *
charset_to_utf8(const char *charset, const char *s, size_t len, size_t *outlen)
{
	struct strbuf sb;
	iconv_t	      cd;
	char	      out[1024], *inp, *outp;
	size_t	      inleft, outleft, r;
	int	      flushed = 0;

	strbuf_init(&sb);
	if (decode_charset_is_utf8(charset) ||
	    (cd = decode_iconv_open(charset)) == (iconv_t)-1) {
		strbuf_add(&sb, s, len);
		return (strbuf_detach(&sb, outlen));
	}
	/* iconv(3) takes char ** for its input but does not write there. */
	inp = (char *)s;
	inleft = len;
	for (;;) {
		outp = out;
		outleft = sizeof out;
		if (inleft > 0)
			r = iconv(cd, &inp, &inleft, &outp, &outleft);
		else {
			/* Let a stateful charset end in its initial state. */
			r = iconv(cd, NULL, NULL, &outp, &outleft);
			flushed = 1;
		}
		strbuf_add(&sb, out, sizeof out - outleft);
		if (r != (size_t)-1) {
			if (flushed)
				break;
			continue;
		}
		if (errno == E2BIG)
			continue;
		/* Show the damage and go on: skip one byte, or the rest. */
		strbuf_add_utf8(&sb, 0xfffd);
		if (errno == EILSEQ && inleft > 0) {
			inp++;
			inleft--;
		} else if (flushed)
			break;
		else
			inleft = 0;
	}
	iconv_close(cd);
	return (strbuf_detach(&sb, outlen));
}

char *
encode_base64(const void *data, size_t len)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	char		    *out, *o;
	unsigned int	     v;
	size_t		     i;

	o = out = xmalloc((len + 2) / 3 * 4 + 1);
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned int)p[i] << 16 | (unsigned int)p[i + 1] << 8 |
		    p[i + 2];
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 0x3f];
		*o++ = alphabet[(v >> 6) & 0x3f];
		*o++ = alphabet[v & 0x3f];
	}
	if (i < len) {
		v = (unsigned int)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned int)p[i + 1] << 8;
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 0x3f];
		*o++ = i + 1 < len ? alphabet[(v >> 6) & 0x3f] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return (out);
}
