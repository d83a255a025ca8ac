/*
 * ui_pager.c draws an open message: the labelled headers, then the body,
 * long lines wrapped at the window's width.  The text was made safe when
 * it arrived; this file only lays it out.
 */
#include <string.h>

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

void
ui_pager_draw(struct app *app, int y, int x, int w, int h)
{
	struct pager *pg = &app->pager;
	const char   *line;
	char	      buf[1024];
	size_t	      i, n, len;
	attr_t	      attr;
	int	      r = 0, header = 1;

	if (pg->loading && pg->nlines == 0) {
		ui_put(y, x, w, " Loading message...", A_NORMAL);
		return;
	}
	for (i = pg->top; i < pg->nlines && r < h; i++) {
		line = pg->lines[i];
		if (*line == '\0')
			header = 0;
		attr = header && i < 6 ? A_BOLD : A_NORMAL;
		if (*line == '\0') {
			ui_put(y + r++, x, w, "", A_NORMAL);
			continue;
		}
		while (*line != '\0' && r < h) {
			len = ui_pager_fit(line, w);
			n = len < sizeof buf - 1 ? len : sizeof buf - 1;
			memcpy(buf, line, n);
			buf[n] = '\0';
			ui_put(y + r++, x, w, buf, attr);
			line += n;
		}
	}
	/* Past the end of the text, as less(1) shows it. */
	for (; r < h; r++)
		ui_put(y + r, x, w, "~", A_NORMAL);
}
