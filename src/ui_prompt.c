/*
 * ui_prompt.c draws the last line: an open prompt with its text (nothing of
 * a secret one), or else the latest message.
 */
#include "ui_curses.h"

void
ui_prompt_draw(struct app *app, int y, int w)
{
	struct prompt *p = &app->prompt;
	int	       used;

	if (p->kind == PROMPT_NONE) {
		curs_set(0);
		ui_put(y, 0, w, app->message != NULL ? app->message : "",
		    app->message_error ? ui_attr(COLOR_ERROR) : A_NORMAL);
		return;
	}
	used = ui_put(y, 0, w, p->label, ui_attr(COLOR_PROMPT));
	if (!p->secret && p->line.len > 0)
		used += ui_put(y, used, w - used, p->line.buf, A_NORMAL);
	move(y, used < w ? used : w - 1);
	curs_set(1);
}
