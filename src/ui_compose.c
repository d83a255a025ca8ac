/*
 * ui_compose.c draws the compose screen: the header fields of the message
 * being written, its attachments, and what stops it from being sent.
 * A reply's fields come from another's message: every string is made
 * safe here, as it is drawn.
 */
#include <stdlib.h>

#include "draft.h"
#include "sanitize.h"
#include "ui_curses.h"
#include "xmalloc.h"

void
ui_compose_draw(struct app *app, int y, int x, int w, int h)
{
	struct compose	    *c = &app->compose;
	struct draft_attach *a;
	size_t		     i, top = 0, rows;
	char		     size[16], *v, *line;
	int		     r = 0, f;

	ui_put(y + r++, x, w,
	    " Compose (y send, P postpone, e edit, a attach, D detach, q abort)",
	    A_BOLD);
	ui_put(y + r++, x, w, "", A_NORMAL);
	for (f = 0; f < DRAFT_NFIELDS && r < h; f++) {
		if (c->draft.field[f] == NULL && f == DRAFT_REPLY_TO)
			continue;
		v = sanitize_str(c->draft.field[f], 0);
		line = xasprintf(" %9s: %s", draft_field_name(f), v);
		ui_put(y + r++, x, w, line, A_NORMAL);
		free(line);
		free(v);
	}
	if (r < h)
		ui_put(y + r++, x, w, "", A_NORMAL);
	if (c->error != NULL && r < h) {
		v = sanitize_str(c->error, 0);
		line = xasprintf(" Not ready to send: %s", v);
		ui_put(y + r++, x, w, line, A_BOLD);
		free(line);
		free(v);
		if (r < h)
			ui_put(y + r++, x, w, "", A_NORMAL);
	}
	if (r < h)
		ui_put(y + r++, x, w,
		    c->draft.natt == 0 ? " No attachments" : " Attachments:",
		    A_NORMAL);
	rows = h > r ? (size_t)(h - r) : 1;
	if (c->cursor >= rows)
		top = c->cursor - rows + 1;
	for (i = top; i < c->draft.natt && r < h; i++) {
		a = &c->draft.att[i];
		ui_size(a->len > UINT32_MAX ? UINT32_MAX : (uint32_t)a->len,
		    size, sizeof size);
		v = sanitize_str(a->name, 0);
		line = xasprintf(" %3zu %-24s %8s  %s", i + 1, a->type, size,
		    v);
		ui_put(y + r++, x, w, line,
		    i == c->cursor ? A_REVERSE : A_NORMAL);
		free(line);
		free(v);
	}
}
