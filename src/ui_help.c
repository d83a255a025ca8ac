/*
 * ui_help.c draws the help screen from the key table, so that it can never
 * disagree with the keys tern really has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "strbuf.h"
#include "ui_curses.h"
#include "xmalloc.h"

/* "j, Down": every key bound to an action, each name once. */
static char *
ui_help_keys(const struct binding *b, size_t n, enum action a)
{
	struct strbuf sb;
	size_t	      i, j;
	char	      name[KEYNAME_MAX];

	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		if (b[i].action != a)
			continue;
		for (j = 0; j < i; j++)
			if (b[j].action == a && b[j].key == b[i].key)
				break;
		if (j < i)
			continue;
		if (sb.len > 0)
			strbuf_adds(&sb, ", ");
		keyname_format(b[i].key, 0, name);
		strbuf_adds(&sb, name);
	}
	return (strbuf_detach(&sb, NULL));
}

void
ui_help_draw(struct app *app, int y, int x, int w, int h)
{
	const struct binding *b;
	size_t		      n, i, j, line = 0;
	char		     *keys, *row;
	int		      r = 0;

	b = keymap_bindings(app->keys, &n);
	ui_put(y + r++, x, w, " tern key bindings (q to go back)",
	    ui_attr(COLOR_TITLE));
	ui_put(y + r++, x, w, "", A_NORMAL);
	for (i = 0; i < n && r < h; i++) {
		/* Each action once, where the map first names it. */
		for (j = 0; j < i && b[j].action != b[i].action; j++)
			;
		if (j < i || b[i].action == ACT_NONE)
			continue;
		if (line++ < app->help_top)
			continue;
		keys = ui_help_keys(b, n, b[i].action);
		row = xasprintf(" %-14s %-12s %s", keys,
		    keymap_action_name(b[i].action),
		    keymap_action_help(b[i].action));
		ui_put(y + r++, x, w, row, A_NORMAL);
		free(keys);
		free(row);
	}
}
