/*
 * mutf7.c owns modified UTF-7 (RFC 3501 section 5.1.3), the encoding of IMAP
 * mailbox names on the wire.  The decoder accepts only the canonical form
 * the encoder produces, so that one name has one spelling: a name that
 * decodes here encodes back to the same bytes.  It must never return a
 * string with a NUL inside or one that is not UTF-8.
 *
 * What is refused: bytes outside 0x20..0x7e, a shift ("&") without its
 * closing "-", characters outside the modified base64 alphabet, leftover
 * bits that are not zero or make a whole base64 character, an odd number of
 * bytes, unpaired surrogates, U+0000, printable ASCII written in base64, and
 * two base64 runs side by side ("&AMk-&AMk-"), which the encoder would have
 * written as one run.  "&-&-" is two ampersands and is fine.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "mutf7.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xmalloc.h"

static const char mutf7_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

static int
mutf7_direct(unsigned int cp)
{
	return (cp >= 0x20 && cp <= 0x7e);
}

/*
 * Decode the base64 run s[0..len) into sb.  Return 0, or -1 if the run is
 * not the canonical encoding of UTF-16 that needs encoding.
 */
static int
mutf7_decode_run(struct strbuf *sb, const char *s, size_t len)
{
	unsigned int bits = 0, unit, high = 0, cp;
	size_t	     nbits = 0, i;
	int	     v;

	for (i = 0; i < len; i++) {
		if ((v = decode_base64_digit(s[i], ',')) < 0)
			return (-1);
		bits = (bits << 6) | (unsigned int)v;
		nbits += 6;
		if (nbits < 16)
			continue;
		nbits -= 16;
		unit = (bits >> nbits) & 0xffff;
		bits &= (1U << nbits) - 1;
		if (high != 0) {
			if (unit < 0xdc00 || unit > 0xdfff)
				return (-1);
			cp = 0x10000 + ((high - 0xd800) << 10) +
			    (unit - 0xdc00);
			high = 0;
		} else if (unit >= 0xd800 && unit <= 0xdbff) {
			high = unit;
			continue;
		} else if (unit >= 0xdc00 && unit <= 0xdfff)
			return (-1);
		else
			cp = unit;
		if (cp == 0 || mutf7_direct(cp))
			return (-1);
		strbuf_add_utf8(sb, cp);
	}
	/* Padding is under six bits, all zero, and no surrogate is open. */
	if (high != 0 || nbits >= 6 || bits != 0)
		return (-1);
	return (0);
}

char *
mutf7_decode(const char *s, size_t len)
{
	struct strbuf sb;
	size_t	      i, start;
	int	      after_run = 0;

	strbuf_init(&sb);
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			goto bad;
		if (s[i] != '&') {
			strbuf_addc(&sb, s[i]);
			after_run = 0;
			continue;
		}
		start = ++i;
		while (i < len && s[i] != '-')
			i++;
		if (i == len)
			goto bad;
		if (i == start) {
			strbuf_addc(&sb, '&');
			after_run = 0;
			continue;
		}
		if (after_run)
			goto bad;
		if (mutf7_decode_run(&sb, s + start, i - start) != 0)
			goto bad;
		after_run = 1;
	}
	return (strbuf_detach(&sb, NULL));

bad:
	strbuf_free(&sb);
	return (NULL);
}

/* Write UTF-16 code units as one shifted run: "&" base64 "-". */
static void
mutf7_encode_run(struct strbuf *sb, const unsigned short *units, size_t n)
{
	unsigned int bits = 0;
	size_t	     nbits = 0, i;

	strbuf_addc(sb, '&');
	for (i = 0; i < n; i++) {
		bits = (bits << 16) | units[i];
		nbits += 16;
		while (nbits >= 6) {
			nbits -= 6;
			strbuf_addc(sb, mutf7_alphabet[(bits >> nbits) & 0x3f]);
		}
		bits &= (1U << nbits) - 1;
	}
	if (nbits > 0)
		strbuf_addc(sb, mutf7_alphabet[(bits << (6 - nbits)) & 0x3f]);
	strbuf_addc(sb, '-');
}

char *
mutf7_encode(const char *s, size_t len)
{
	struct strbuf	sb;
	unsigned short *units;
	unsigned int	cp;
	size_t		i, n, nunits = 0;

	strbuf_init(&sb);
	/* At most two UTF-16 units for each input byte. */
	units = xreallocarray(NULL, len + 1, 2 * sizeof *units);
	for (i = 0; i < len; i += n) {
		if ((n = sanitize_utf8_decode(s + i, len - i, &cp)) == 0 ||
		    cp == 0)
			goto bad;
		if (!mutf7_direct(cp)) {
			if (cp >= 0x10000) {
				cp -= 0x10000;
				units[nunits++] = 0xd800 + (cp >> 10);
				units[nunits++] = 0xdc00 + (cp & 0x3ff);
			} else
				units[nunits++] = cp;
			continue;
		}
		if (nunits != 0) {
			mutf7_encode_run(&sb, units, nunits);
			nunits = 0;
		}
		if (cp == '&')
			strbuf_add(&sb, "&-", 2);
		else
			strbuf_addc(&sb, (char)cp);
	}
	if (nunits != 0)
		mutf7_encode_run(&sb, units, nunits);
	free(units);
	return (strbuf_detach(&sb, NULL));

bad:
	free(units);
	strbuf_free(&sb);
	return (NULL);
}
