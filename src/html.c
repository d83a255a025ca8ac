/*
 * html.c owns the built-in rendering of HTML as text: a one-pass tag
 * stripper that keeps a newsletter readable (line breaks where the blocks
 * were, list bullets, link targets, entities decoded).  It is not a browser
 * and must never be one: no layout, no fetching, no scripts; it reads only
 * the bytes it is given and never fails.  Its output is UTF-8 that still
 * goes through sanitize.c like any text from a message.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "html.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Longer entity names than this are not entities. */
#define HTML_ENTITY_MAX 10
/* Longer tag names than this are not tags we act on. */
#define HTML_NAME_MAX 16
/* A link target longer than this is kept out of the text. */
#define HTML_HREF_MAX 2048

struct html_state {
	struct strbuf out;
	int	      space; /* blanks seen since the last text */
	int	      pre;   /* inside <pre>: keep every blank */
	char	     *href;  /* of the open <a>, or NULL */
	size_t	      link_start;
};

static const struct {
	const char  *name;
	unsigned int cp;
} html_entities[] = {
	{ "amp", '&' },
	{ "lt", '<' },
	{ "gt", '>' },
	{ "quot", '"' },
	{ "apos", '\'' },
	{ "nbsp", ' ' },
	{ "copy", 0xa9 },
	{ "reg", 0xae },
	{ "trade", 0x2122 },
	{ "mdash", 0x2014 },
	{ "ndash", 0x2013 },
	{ "hellip", 0x2026 },
	{ "lsquo", 0x2018 },
	{ "rsquo", 0x2019 },
	{ "ldquo", 0x201c },
	{ "rdquo", 0x201d },
	{ "laquo", 0xab },
	{ "raquo", 0xbb },
	{ "bull", 0x2022 },
	{ "middot", 0xb7 },
	{ "euro", 0x20ac },
	{ "pound", 0xa3 },
	{ "yen", 0xa5 },
	{ "cent", 0xa2 },
	{ "sect", 0xa7 },
	{ "deg", 0xb0 },
	{ "times", 0xd7 },
	{ "divide", 0xf7 },
	{ "shy", 0xad },
	{ "zwnj", 0x200c },
	{ "auml", 0xe4 },
	{ "ouml", 0xf6 },
	{ "uuml", 0xfc },
	{ "Auml", 0xc4 },
	{ "Ouml", 0xd6 },
	{ "Uuml", 0xdc },
	{ "szlig", 0xdf },
	{ "eacute", 0xe9 },
	{ "egrave", 0xe8 },
	{ "Eacute", 0xc9 },
	{ "agrave", 0xe0 },
	{ "aacute", 0xe1 },
	{ "ccedil", 0xe7 },
	{ "ntilde", 0xf1 },
	{ "oacute", 0xf3 },
	{ "iacute", 0xed },
	{ "uacute", 0xfa },
	{ "ecirc", 0xea },
	{ "aring", 0xe5 },
	{ "oslash", 0xf8 },
	{ "aelig", 0xe6 },
};

/*
 * Tags that break the line (1) or start a paragraph (2); drop means the
 * content up to the closing tag is not text at all.
 */
static const struct {
	const char *name;
	int	    brk;
	int	    drop;
} html_tags[] = {
	{ "p", 2, 0 },
	{ "div", 1, 0 },
	{ "tr", 1, 0 },
	{ "h1", 2, 0 },
	{ "h2", 2, 0 },
	{ "h3", 2, 0 },
	{ "h4", 2, 0 },
	{ "h5", 2, 0 },
	{ "h6", 2, 0 },
	{ "ul", 1, 0 },
	{ "ol", 1, 0 },
	{ "dl", 1, 0 },
	{ "dt", 1, 0 },
	{ "dd", 1, 0 },
	{ "table", 1, 0 },
	{ "blockquote", 2, 0 },
	{ "pre", 2, 0 },
	{ "hr", 1, 0 },
	{ "section", 1, 0 },
	{ "article", 1, 0 },
	{ "header", 1, 0 },
	{ "footer", 1, 0 },
	{ "center", 1, 0 },
	{ "address", 1, 0 },
	{ "script", 0, 1 },
	{ "style", 0, 1 },
	{ "title", 0, 1 },
	{ "head", 0, 0 },
};

/* Whether the output ends with n newlines (the start counts as many). */
static int
html_ends_with_newlines(struct html_state *st, size_t n)
{
	size_t i;

	for (i = 1; i <= n && i <= st->out.len; i++) {
		if (st->out.buf[st->out.len - i] != '\n')
			return (0);
	}
	return (1);
}

static void
html_trim_blanks(struct html_state *st)
{
	while (st->out.len > 0 && st->out.buf[st->out.len - 1] == ' ')
		st->out.len--;
	if (st->out.buf != NULL)
		st->out.buf[st->out.len] = '\0';
}

/* End the line, or leave a blank line for a paragraph (brk 2). */
static void
html_break(struct html_state *st, int brk)
{
	html_trim_blanks(st);
	st->space = 0;
	if (st->out.len == 0)
		return;
	while (!html_ends_with_newlines(st, (size_t)brk))
		strbuf_addc(&st->out, '\n');
}

/* Text goes out through here, so that runs of blanks become one space. */
static void
html_text(struct html_state *st, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (st->space && !html_ends_with_newlines(st, 1))
		strbuf_addc(&st->out, ' ');
	st->space = 0;
	strbuf_add(&st->out, s, n);
}

static void
html_text_cp(struct html_state *st, unsigned int cp)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_add_utf8(&sb, cp);
	html_text(st, sb.buf, sb.len);
	strbuf_free(&sb);
}

/*
 * An entity at s (just after '&'): its code point and length up to and
 * including ';'.  0 if it is not one, and the '&' is text.
 */
static size_t
html_entity(const char *s, size_t len, unsigned int *cp)
{
	unsigned long v = 0;
	size_t	      i = 0, j;
	int	      hex = 0, d;

	if (i < len && s[i] == '#') {
		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (j = i; j < len && j - i < 8; j++) {
			if (hex && (d = decode_hex_digit(s[j])) >= 0)
				v = v * 16 + (unsigned long)d;
			else if (!hex && s[j] >= '0' && s[j] <= '9')
				v = v * 10 + (unsigned long)(s[j] - '0');
			else
				break;
		}
		if (j == i)
			return (0);
		/* Nothing a browser would show as the character itself. */
		if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			v = 0xfffd;
		*cp = (unsigned int)v;
		return (j < len && s[j] == ';' ? j + 1 : j);
	}
	for (j = 0; j < len && j < HTML_ENTITY_MAX && s[j] != ';'; j++)
		;
	if (j == len || s[j] != ';')
		return (0);
	for (i = 0; i < sizeof html_entities / sizeof html_entities[0]; i++) {
		if (strlen(html_entities[i].name) == j &&
		    strncmp(html_entities[i].name, s, j) == 0) {
			*cp = html_entities[i].cp;
			return (j + 1);
		}
	}
	return (0);
}

/* Decode the entities of an attribute value (a link target). */
static char *
html_unescape(const char *s, size_t len)
{
	struct strbuf sb;
	unsigned int  cp;
	size_t	      i, n;

	strbuf_init(&sb);
	for (i = 0; i < len; i++) {
		if (s[i] == '&' &&
		    (n = html_entity(s + i + 1, len - i - 1, &cp)) != 0) {
			strbuf_add_utf8(&sb, cp);
			i += n;
		} else
			strbuf_addc(&sb, s[i]);
	}
	return (strbuf_detach(&sb, NULL));
}

/*
 * Find attribute name in the tag's text (from after its name to before
 * '>'); its value, unescaped, or NULL.
 */
static char *
html_attr(const char *s, size_t len, const char *name)
{
	size_t i = 0, nstart, nlen, vstart, vlen;
	char   q;

	for (;;) {
		while (i < len &&
		    (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			s[i] == '\r' || s[i] == '/'))
			i++;
		if (i >= len)
			return (NULL);
		nstart = i;
		while (i < len && s[i] != '=' && s[i] != ' ' && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r' && s[i] != '/')
			i++;
		nlen = i - nstart;
		while (i < len &&
		    (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			s[i] == '\r'))
			i++;
		vstart = vlen = 0;
		if (i < len && s[i] == '=') {
			i++;
			while (i < len &&
			    (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
				s[i] == '\r'))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				q = s[i++];
				vstart = i;
				while (i < len && s[i] != q)
					i++;
				vlen = i - vstart;
				if (i < len)
					i++;
			} else {
				vstart = i;
				while (i < len && s[i] != ' ' && s[i] != '\t' &&
				    s[i] != '\n' && s[i] != '\r')
					i++;
				vlen = i - vstart;
			}
		}
		if (nlen == strlen(name) &&
		    strncasecmp(s + nstart, name, nlen) == 0)
			return (html_unescape(s + vstart, vlen));
		if (nlen == 0 && vlen == 0)
			i++;
	}
}

/* Whether a link target is worth showing after its text. */
static int
html_href_shown(const char *href)
{
	return (*href != '\0' && *href != '#' &&
	    strncasecmp(href, "javascript:", 11) != 0 &&
	    strlen(href) < HTML_HREF_MAX);
}

static void
html_link_end(struct html_state *st)
{
	const char *text, *target;
	size_t	    tlen;

	if (st->href == NULL)
		return;
	target = st->href;
	/* Text trimmed since the link began may take the start with it. */
	if (st->link_start > st->out.len)
		st->link_start = st->out.len;
	text = st->out.buf != NULL ? st->out.buf + st->link_start : "";
	tlen = st->out.len - st->link_start;
	while (tlen > 0 && (*text == ' ' || *text == '\n')) {
		text++;
		tlen--;
	}
	while (tlen > 0 && (text[tlen - 1] == ' ' || text[tlen - 1] == '\n'))
		tlen--;
	/* A link whose text is its own address says it once. */
	if (strncasecmp(target, "mailto:", 7) == 0 &&
	    tlen == strlen(target + 7) && strncmp(text, target + 7, tlen) == 0)
		target = NULL;
	else if (tlen == strlen(target) && strncmp(text, target, tlen) == 0)
		target = NULL;
	if (target != NULL && html_href_shown(target)) {
		if (tlen != 0) {
			strbuf_adds(&st->out, " <");
			st->space = 0;
		} else
			html_text(st, "<", 1);
		strbuf_adds(&st->out, target);
		strbuf_addc(&st->out, '>');
	}
	FREE(&st->href);
}

/*
 * Skip to the end of the element whose content is dropped: the first
 * "</name" after i.  Returns the index after its '>', or len.
 */
static size_t
html_skip_content(const char *s, size_t len, size_t i, const char *name)
{
	size_t nlen = strlen(name);

	for (; i + 2 + nlen <= len; i++) {
		if (s[i] == '<' && s[i + 1] == '/' &&
		    strncasecmp(s + i + 2, name, nlen) == 0) {
			while (i < len && s[i] != '>')
				i++;
			return (i < len ? i + 1 : len);
		}
	}
	return (len);
}

/* A tag at s[i] == '<'; returns the index after it. */
static size_t
html_tag(struct html_state *st, const char *s, size_t len, size_t i)
{
	char   name[HTML_NAME_MAX + 1], *alt;
	size_t start = i, nstart, n, end, k;
	int    closing = 0;
	char   q = 0;

	i++;
	if (i < len && s[i] == '/') {
		closing = 1;
		i++;
	}
	nstart = i;
	while (i < len &&
	    ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		(s[i] >= '0' && s[i] <= '9')))
		i++;
	n = i - nstart;
	/* Find the '>' that ends the tag, past quoted attribute values. */
	for (end = i; end < len; end++) {
		if (q != 0) {
			if (s[end] == q)
				q = 0;
		} else if (s[end] == '"' || s[end] == '\'')
			q = s[end];
		else if (s[end] == '>')
			break;
	}
	if (n == 0 || n > HTML_NAME_MAX) {
		if (n == 0) {
			/* "a < b" is text. */
			html_text(st, s + start, 1);
			return (start + 1);
		}
		return (end < len ? end + 1 : len);
	}
	for (k = 0; k < n; k++)
		name[k] = (char)(s[nstart + k] | 0x20);
	name[n] = '\0';

	if (strcmp(name, "br") == 0) {
		html_trim_blanks(st);
		strbuf_addc(&st->out, '\n');
		st->space = 0;
	} else if (strcmp(name, "li") == 0 && !closing) {
		html_break(st, 1);
		html_text(st, "* ", 2);
	} else if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) &&
	    !closing)
		st->space = 1;
	else if (strcmp(name, "a") == 0) {
		html_link_end(st);
		if (!closing &&
		    (st->href = html_attr(s + i, end - i, "href")) != NULL) {
			if (st->space && !html_ends_with_newlines(st, 1)) {
				strbuf_addc(&st->out, ' ');
				st->space = 0;
			}
			st->link_start = st->out.len;
		}
	} else if (strcmp(name, "img") == 0) {
		if ((alt = html_attr(s + i, end - i, "alt")) != NULL) {
			if (*alt != '\0') {
				html_text(st, "[", 1);
				strbuf_adds(&st->out, alt);
				strbuf_addc(&st->out, ']');
			}
			free(alt);
		}
	} else {
		for (k = 0; k < sizeof html_tags / sizeof html_tags[0]; k++) {
			if (strcmp(html_tags[k].name, name) != 0)
				continue;
			if (strcmp(name, "pre") == 0)
				st->pre = !closing;
			if (html_tags[k].brk != 0)
				html_break(st, html_tags[k].brk);
			if (html_tags[k].drop && !closing)
				return (html_skip_content(s, len, end, name));
			break;
		}
	}
	return (end < len ? end + 1 : len);
}

/* A comment, doctype or processing instruction at s[i] == '<'. */
static size_t
html_skip_markup(const char *s, size_t len, size_t i)
{
	const char *p;

	if (i + 3 < len && strncmp(s + i, "<!--", 4) == 0) {
		for (p = s + i + 4; p + 2 < s + len; p++) {
			if (p[0] == '-' && p[1] == '-' && p[2] == '>')
				return ((size_t)(p - s) + 3);
		}
		return (len);
	}
	while (i < len && s[i] != '>')
		i++;
	return (i < len ? i + 1 : len);
}

char *
html_to_text(const char *s, size_t len)
{
	struct html_state st;
	unsigned int	  cp;
	size_t		  i, n;

	memset(&st, 0, sizeof st);
	strbuf_init(&st.out);
	for (i = 0; i < len;) {
		if (s[i] == '<' && i + 1 < len &&
		    (s[i + 1] == '!' || s[i + 1] == '?')) {
			i = html_skip_markup(s, len, i);
			continue;
		}
		if (s[i] == '<') {
			i = html_tag(&st, s, len, i);
			continue;
		}
		if (s[i] == '&' &&
		    (n = html_entity(s + i + 1, len - i - 1, &cp)) != 0) {
			html_text_cp(&st, cp);
			i += n + 1;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\f') {
			if (!st.pre)
				st.space = 1;
			else if (s[i] != '\r') {
				if (s[i] == '\n')
					html_trim_blanks(&st);
				strbuf_addc(&st.out, s[i]);
			}
			i++;
			continue;
		}
		for (n = 1; i + n < len && s[i + n] != '<' && s[i + n] != '&' &&
		     s[i + n] != ' ' && s[i + n] != '\t' && s[i + n] != '\n' &&
		     s[i + n] != '\r' && s[i + n] != '\f';
		     n++)
			;
		html_text(&st, s + i, n);
		i += n;
	}
	html_link_end(&st);
	/* One newline at the end, whatever blocks closed there. */
	while (st.out.len > 0 &&
	    (st.out.buf[st.out.len - 1] == '\n' ||
		st.out.buf[st.out.len - 1] == ' '))
		st.out.len--;
	if (st.out.len > 0)
		strbuf_addc(&st.out, '\n');
	return (strbuf_detach(&st.out, NULL));
}
