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

/*
 * Names mail uses that iconv does not know, or knows as a smaller charset
 * than the one mailers really write under that name.
 */
static const struct {
	const char *name;
	const char *iconv;
} decode_aliases[] = {
	{ "ks_c_5601-1987", "CP949" },
	{ "ks_c_5601", "CP949" },
	{ "euc-kr", "CP949" },
	{ "x-sjis", "CP932" },
	{ "shift_jis", "CP932" },
	{ "sjis", "CP932" },
	{ "windows-31j", "CP932" },
	{ "gb2312", "GB18030" },
	{ "gbk", "GB18030" },
	{ "x-gbk", "GB18030" },
	{ "cp936", "GB18030" },
	{ "iso-8859-8-i", "ISO-8859-8" },
	{ "iso-8859-6-i", "ISO-8859-6" },
	{ "x-mac-roman", "MACINTOSH" },
	{ "x-unicode-2-0-utf-7", "UTF-7" },
	{ "unicode-1-1-utf-7", "UTF-7" },
	{ "x-user-defined", "WINDOWS-1252" },
	/* Mail that says Latin-1 was written on Windows more often than not. */
	{ "iso-8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" },
};

static iconv_t
decode_iconv_open(const char *charset)
{
	size_t i;

	if (!decode_charset_acceptable(charset))
		return ((iconv_t)-1);
	for (i = 0; i < sizeof decode_aliases / sizeof decode_aliases[0]; i++) {
		if (strcasecmp(charset, decode_aliases[i].name) == 0)
			return (iconv_open("UTF-8", decode_aliases[i].iconv));
	}
	return (iconv_open("UTF-8", charset));
}

/* Whether s is all valid UTF-8 (overlong forms and surrogates are not). */
static int
decode_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		     i = 0, n, k;
	unsigned int	     cp, min;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			n = 1;
			cp = p[i] & 0x1f;
			min = 0x80;
		} else if ((p[i] & 0xf0) == 0xe0) {
			n = 2;
			cp = p[i] & 0x0f;
			min = 0x800;
		} else if ((p[i] & 0xf8) == 0xf0) {
			n = 3;
			cp = p[i] & 0x07;
			min = 0x10000;
		} else
			return (0);
		if (len - i <= n)
			return (0);
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return (0);
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (0);
		i += n + 1;
	}
	return (1);
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
	/*
	 * Text that is UTF-8 is taken as such whatever the label says, when
	 * the label is ASCII (8-bit bytes prove it wrong) or unknown.  Other
	 * 8-bit text under those labels is read as windows-1252, where every
	 * byte is a character: the text is kept, never turned into U+FFFD.
	 */
	if (decode_charset_is_utf8(charset) || !charset_known(charset)) {
		if (decode_valid_utf8(s, len) ||
		    (charset != NULL &&
			(strcasecmp(charset, "utf-8") == 0 ||
			    strcasecmp(charset, "utf8") == 0))) {
			strbuf_add(&sb, s, len);
			return (strbuf_detach(&sb, outlen));
		}
		charset = "windows-1252";
	}
	if ((cd = decode_iconv_open(charset)) == (iconv_t)-1) {
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
