/*
 * ui_help.c draws the help screen from the key table, so that it can never
 * disagree with the keys tern really has.
 */
#include <stdio.h>
#include <stdlib.h>

#include "keymap.h"
#include "ui_curses.h"
#include "xmalloc.h"

void
ui_help_draw(struct app *app, int y, int x, int w, int h)
{
	const struct binding	*b;
	size_t			 n, i, line = 0;
	char			*row;
	int			 r = 0;

	b = keymap_bindings(&n);
	if (app->help_top > n + 2)
		app->help_top = n + 2;
	for (i = 0; i < n + 2 && r < h; i++, line++) {
		if (line < app->help_top)
			continue;
		if (i == 0)
			row = xstrdup(" tern key bindings (q to go back)");
		else if (i == 1)
			row = xstrdup("");
		else
			row = xasprintf(" %-8s %-7s %-12s %s",
			    keymap_context_name(b[i - 2].context),
			    b[i - 2].name, keymap_action_name(b[i - 2].action),
			    keymap_action_help(b[i - 2].action));
		ui_put(y + r++, x, w, row, i == 0 ? A_BOLD : A_NORMAL);
		free(row);
	}
}
