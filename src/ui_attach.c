/*
 * ui_attach.c draws the attachment screen: one line a part, with its
 * number, type, size and name.  Names come from the message: they are made
 * safe here, as they are drawn, since the list keeps them as sent for the
 * file name a save makes of them.
 */
#include <stdlib.h>

#include "sanitize.h"
#include "ui_curses.h"
#include "xmalloc.h"

void
ui_attach_draw(struct app *app, int y, int x, int w, int h)
{
	struct attach_list *al = &app->attach;
	struct mime_part   *p;
	size_t		    i, top = 0, rows;
	char		    size[16], *type, *name, *line;
	int		    r = 0;

	ui_put(y + r++, x, w,
	    " Parts of the message (Enter view, s save, q back)",
	    ui_attr(COLOR_TITLE));
	ui_put(y + r++, x, w, "", A_NORMAL);
	rows = h > 2 ? (size_t)h - 2 : 1;
	if (al->cursor >= rows)
		top = al->cursor - rows + 1;
	for (i = top; i < al->nparts && r < h; i++) {
		p = &al->parts[i];
		ui_size(p->size, size, sizeof size);
		type = sanitize_str(p->type, 0);
		name = sanitize_str(p->name != NULL ? p->name : "", 0);
		line = xasprintf(" %3zu %*s%-24s %8s  %s", i + 1, p->depth * 2,
		    "", type, size, name);
		ui_put(y + r++, x, w, line,
		    i == al->cursor ? ui_attr(COLOR_SELECTED) : A_NORMAL);
		free(line);
		free(name);
		free(type);
	}
}
