/*
 * ui_failed.c draws the list of changes the server refused (":failed"),
 * from lines app.c has already made safe.
 */
#include "app.h"
#include "ui_curses.h"

void
ui_failed_draw(struct app *app, int y, int x, int w, int h)
{
	size_t i;
	int    r = 0;

	ui_put(y + r++, x, w,
	    " Changes the server refused (D to forget them, q to go back)",
	    ui_attr(COLOR_TITLE));
	ui_put(y + r++, x, w, "", A_NORMAL);
	for (i = app->failed_top; i < app->nfailed_lines && r < h; i++)
		ui_put(y + r++, x, w, app->failed_lines[i], A_NORMAL);
}
