/*
 * ui_pager.c draws an open message: the labelled headers, then the body,
 * long lines wrapped at the window's width.  The text was made safe when
 * it arrived; this file only lays it out.
 */
#include <string.h>

#include "find.h"
#include "ui_curses.h"

/* Bytes of s that fit in w columns (at least one character). */
static size_t
ui_pager_fit(const char *s, int w)
{
	const char *p = s;
	int	    used = 0, cw;
	size_t	    len;
	char	    ch[5];

	while (*p != '\0') {
		len = 1;
		while ((p[len] & 0xc0) == 0x80)
			len++;
		memcpy(ch, p, len);
		ch[len] = '\0';
		cw = ui_width(ch);
		if (used + cw > w && p != s)
			break;
		used += cw;
		p += len;
	}
	return ((size_t)(p - s));
}

/*
 * Bytes of s to put on one row of w columns: as many as fit, ended after
 * the last blank when a word would be cut (a word longer than the row is
 * cut where the row ends).
 */
static size_t
ui_pager_wrap(const char *s, int w)
{
	size_t fit, i;

	fit = ui_pager_fit(s, w);
	if (s[fit] == '\0' || s[fit] == ' ')
		return (fit);
	for (i = fit; i > 0; i--) {
		if (s[i - 1] == ' ')
			return (i);
	}
	return (fit);
}

/*
 * The quote marks a line starts with ("> > "), repeated on the rows a
 * long quoted line wraps onto, so that a reflowed paragraph keeps its
 * depth on every row.
 */
static size_t
ui_pager_quote(const char *line)
{
	size_t n = 0;

	if (*line != '>')
		return (0);
	while (line[n] == '>' || line[n] == ' ')
		n++;
	return (n);
}

/* How deep a quote prefix is: its '>'s. */
static int
ui_pager_level(const char *line, size_t qlen)
{
	size_t i;
	int    level = 0;

	for (i = 0; i < qlen; i++)
		level += line[i] == '>';
	return (level);
}

/*
 * One row: prefix in pattr, then text in attr with the search's match
 * standing out.
 */
static void
ui_pager_row(int y, int x, int w, const char *prefix, size_t plen, attr_t pattr,
    const char *text, const char *find, attr_t attr)
{
	char	    buf[1024];
	const char *m;
	size_t	    n;
	int	    used = 0;

	n = plen < sizeof buf - 1 ? plen : sizeof buf - 1;
	memcpy(buf, prefix, n);
	buf[n] = '\0';
	if (n > 0)
		used = ui_put(y, x, w, buf, pattr);
	if (find != NULL && (m = find_str(text, find)) != NULL) {
		n = (size_t)(m - text) < sizeof buf - 1 ? (size_t)(m - text) :
							  sizeof buf - 1;
		memcpy(buf, text, n);
		buf[n] = '\0';
		used += ui_put(y, x + used, w - used, buf, attr);
		n = strlen(find) < sizeof buf - 1 ? strlen(find) :
						    sizeof buf - 1;
		memcpy(buf, m, n);
		buf[n] = '\0';
		used += ui_put(y, x + used, w - used, buf,
		    ui_attr_add(attr, COLOR_SEARCH));
		text = m + strlen(find);
	}
	ui_put(y, x + used, w - used, text, attr);
}

void
ui_pager_draw(struct app *app, int y, int x, int w, int h)
{
	struct pager *pg = &app->pager;
	const char   *line, *find, *colon;
	char	      buf[1024];
	size_t	      i, n, len, qlen, nlen;
	attr_t	      attr, nattr;
	int	      r = 0, header = 1, qw;

	if (pg->loading && pg->nlines == 0) {
		ui_put(y, x, w, " Loading message...", A_NORMAL);
		return;
	}
	for (i = pg->top; i < pg->nlines && r < h; i++) {
		line = pg->lines[i];
		if (*line == '\0')
			header = 0;
		attr = header && i < 6 ? ui_attr(COLOR_HEADER_VALUE) : A_NORMAL;
		if (*line == '\0') {
			ui_put(y + r++, x, w, "", A_NORMAL);
			continue;
		}
		find = pg->find_line == (long)i ? pg->find : NULL;
		qlen = ui_pager_quote(line);
		n = qlen < sizeof buf - 1 ? qlen : sizeof buf - 1;
		memcpy(buf, line, n);
		buf[n] = '\0';
		qw = ui_width(buf);
		/* A quote too deep for the window is not repeated. */
		if (qw > w / 2)
			qlen = qw = 0;
		if (qlen > 0)
			attr = ui_attr(
			    colors_quote_elem(ui_pager_level(line, qlen)));
		len = ui_pager_wrap(line, w);
		n = len < sizeof buf - 1 ? len : sizeof buf - 1;
		memcpy(buf, line, n);
		buf[n] = '\0';
		/* A header's name in its own colour, "Subject:" and all. */
		nlen = 0;
		nattr = attr;
		if (header && i < 6 && (colon = strchr(buf, ':')) != NULL) {
			nlen = (size_t)(colon - buf) + 1;
			nattr = ui_attr(COLOR_HEADER);
		}
		ui_pager_row(y + r++, x, w, buf, nlen, nattr, buf + nlen, find,
		    attr);
		line += n;
		while (*line != '\0' && r < h) {
			while (*line == ' ')
				line++;
			if (*line == '\0')
				break;
			len = ui_pager_wrap(line, w - qw);
			n = len < sizeof buf - 1 ? len : sizeof buf - 1;
			memcpy(buf, line, n);
			buf[n] = '\0';
			ui_pager_row(y + r++, x, w, pg->lines[i], qlen, attr,
			    buf, find, attr);
			line += n;
		}
	}
	/* Past the end of the text, as less(1) shows it. */
	for (; r < h; r++)
		ui_put(y + r, x, w, "~", A_NORMAL);
}
