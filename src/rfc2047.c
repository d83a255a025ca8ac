/*
 * rfc2047.c owns encoded words in header fields (RFC 2047, with the
 * language suffix of RFC 2231).  It turns them into UTF-8 and leaves all
 * other text as it was; it must never drop text it does not understand,
 * and never sanitize: that is the caller's last step.
 *
 * Deliberate deviations, because senders get them wrong: a word is decoded
 * even when text touches it on either side, and words in the same charset
 * that follow each other are joined before conversion, since some senders
 * split a multibyte character across two words.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "rfc2047.h"
#include "strbuf.h"
#include "xmalloc.h"

struct rfc2047_word {
	const char *charset;	/* not NUL-terminated */
	size_t	    charsetlen; /* without any "*language" */
	char	    encoding;	/* 'B' or 'Q' */
	const char *text;
	size_t	    textlen;
	size_t	    len; /* of the whole word */
};

/* Decoded bytes of a run of words in one charset, not yet converted. */
struct rfc2047_pending {
	char	     *charset;
	struct strbuf bytes;
};

static int
rfc2047_is_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

static int
rfc2047_is_base64(char c)
{
	return ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=');
}

/*
 * Parse "=?charset?enc?text?=" at s[0].  Return 0 and fill w, or -1 if it
 * is not a well-formed encoded word.
 */
static int
rfc2047_parse_word(const char *s, size_t len, struct rfc2047_word *w)
{
	size_t i, start;
	char   c;

	if (len < 2 || s[0] != '=' || s[1] != '?')
		return (-1);
	start = i = 2;
	while (i < len && s[i] != '?' && s[i] > ' ' && s[i] < 0x7f)
		i++;
	if (i == len || s[i] != '?' || i == start)
		return (-1);
	w->charset = s + start;
	w->charsetlen = i - start;
	for (start = 0; start < w->charsetlen; start++) {
		if (w->charset[start] == '*')
			break;
	}
	w->charsetlen = start;
	if (w->charsetlen == 0)
		return (-1);
	i++;
	if (i + 1 >= len || s[i + 1] != '?')
		return (-1);
	switch (s[i]) {
	case 'B':
	case 'b':
		w->encoding = 'B';
		break;
	case 'Q':
	case 'q':
		w->encoding = 'Q';
		break;
	default:
		return (-1);
	}
	start = i = i + 2;
	for (; i < len && s[i] != '?'; i++) {
		c = s[i];
		if (c <= ' ' || c >= 0x7f)
			return (-1);
		if (w->encoding == 'B' && !rfc2047_is_base64(c))
			return (-1);
	}
	if (i + 1 >= len || s[i + 1] != '=')
		return (-1);
	w->text = s + start;
	w->textlen = i - start;
	w->len = i + 2;
	return (0);
}

static void
rfc2047_flush(struct strbuf *out, struct rfc2047_pending *p)
{
	char  *conv;
	size_t convlen;

	if (p->charset == NULL)
		return;
	conv = charset_to_utf8(p->charset,
	    p->bytes.buf != NULL ? p->bytes.buf : "", p->bytes.len, &convlen);
	strbuf_add(out, conv, convlen);
	free(conv);
	FREE(&p->charset);
	strbuf_free(&p->bytes);
}

/* Add a word to the pending run; 0, or -1 if its charset is unknown. */
static int
rfc2047_add_word(struct strbuf *out, struct rfc2047_pending *p,
    const struct rfc2047_word *w)
{
	char  *charset, *raw;
	size_t rawlen;

	charset = xstrndup(w->charset, w->charsetlen);
	if (!charset_known(charset)) {
		free(charset);
		return (-1);
	}
	if (p->charset != NULL && strcasecmp(p->charset, charset) != 0)
		rfc2047_flush(out, p);
	if (p->charset == NULL) {
		p->charset = charset;
		strbuf_init(&p->bytes);
	} else
		free(charset);
	if (w->encoding == 'B')
		raw = decode_base64(w->text, w->textlen, &rawlen);
	else
		raw = decode_qword(w->text, w->textlen, &rawlen);
	strbuf_add(&p->bytes, raw, rawlen);
	free(raw);
	return (0);
}

char *
rfc2047_decode(const char *s, size_t len)
{
	struct strbuf	       out;
	struct rfc2047_pending p;
	struct rfc2047_word    w;
	size_t		       i = 0, j;
	int		       after_word = 0;

	strbuf_init(&out);
	/*
	 * Most values hold no encoded word (every word starts "=?"): a copy
	 * then, without the work a byte below, which the message list pays
	 * for every row.
	 */
	if (memmem(s, len, "=?", 2) == NULL) {
		strbuf_add(&out, s, len);
		return (strbuf_detach(&out, NULL));
	}
	p.charset = NULL;
	strbuf_init(&p.bytes);
	while (i < len) {
		if (after_word && rfc2047_is_space(s[i])) {
			/* Blanks between two words vanish; others stay. */
			for (j = i; j < len && rfc2047_is_space(s[j]); j++)
				/* nothing */;
			if (rfc2047_parse_word(s + j, len - j, &w) == 0 &&
			    rfc2047_add_word(&out, &p, &w) == 0) {
				i = j + w.len;
				continue;
			}
			rfc2047_flush(&out, &p);
			strbuf_add(&out, s + i, j - i);
			after_word = 0;
			i = j;
			continue;
		}
		if (rfc2047_parse_word(s + i, len - i, &w) == 0 &&
		    rfc2047_add_word(&out, &p, &w) == 0) {
			i += w.len;
			after_word = 1;
			continue;
		}
		rfc2047_flush(&out, &p);
		strbuf_addc(&out, s[i]);
		after_word = 0;
		i++;
	}
	rfc2047_flush(&out, &p);
	return (strbuf_detach(&out, NULL));
}
