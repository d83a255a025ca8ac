/*
 * ui_folders.c draws the folder pane: each account's tree, indented by
 * level, with the unread count after each name, and with several accounts
 * a row naming each above its tree.  It reads the model; it never changes
 * it beyond keeping its own scroll position in view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ui_curses.h"
#include "xmalloc.h"

/* The open folder's count comes from its list, which is newer. */
static uint32_t
ui_folders_unseen(struct app *app, struct session *s, const struct folder *f)
{
	if (s == app->cur && app->mbox_wire != NULL &&
	    strcmp(f->wire, app->mbox_wire) == 0 && !app->mbox_loading)
		return ((uint32_t)mailbox_count(&app->mbox, 0, MSG_SEEN));
	return (f->unseen);
}

/* The unread mail of the folders a collapsed one hides. */
static uint32_t
ui_folders_hidden(struct app *app, struct session *s, const struct folder *f)
{
	size_t	 i, n = folders_below(&s->folders, f);
	uint32_t sum = 0;

	for (i = 1; i <= n; i++)
		sum += ui_folders_unseen(app, s, f + i);
	return (sum);
}

/* An account's row: its name, its unread mail if hidden, its state. */
static char *
ui_folders_account(struct app *app, struct session *s)
{
	uint32_t sum = 0;
	size_t	 i;
	char	 count[40];

	count[0] = '\0';
	if (s->collapsed) {
		for (i = 0; i < s->folders.n; i++)
			sum += ui_folders_unseen(app, s, &s->folders.list[i]);
		snprintf(count, sizeof count, sum > 0 ? " [+%u]" : " [+]", sum);
	}
	return (xasprintf("%s%s%s%s", s->account->name, count,
	    s->connected ? "" : " - ",
	    s->connected ? "" : (s->netstate != NULL ? s->netstate : "")));
}

void
ui_folders_draw(struct app *app, int y, int x, int w, int h)
{
	struct session *s;
	struct folder  *f;
	const char     *role;
	char		count[40];
	uint32_t	hidden;
	size_t		len, cursor, nrows;
	size_t		i;
	uint32_t	unseen;
	attr_t		attr;
	char	       *row;
	int		r;

	nrows = app_pane_rows(app);
	if (nrows == 0) {
		ui_put(y, x, w, app->cur->folders_loaded ? " (no folders)" : "",
		    A_NORMAL);
		return;
	}
	if (app_pane_cursor(app) >= nrows)
		app_pane_set(app, nrows - 1);
	cursor = app_pane_cursor(app);
	if (cursor < app->folder_top)
		app->folder_top = cursor;
	if (cursor >= app->folder_top + (size_t)h)
		app->folder_top = cursor - (size_t)h + 1;

	for (r = 0, i = app->folder_top; r < h && i < nrows; r++, i++) {
		s = app_pane_at(app, i, &f);
		if (f == NULL) {
			row = ui_folders_account(app, s);
			attr = ui_attr(COLOR_TITLE);
			if (i == cursor && app->focus == FOCUS_FOLDERS)
				attr = ui_attr(COLOR_SELECTED);
			ui_put(y + r, x, w, row, attr);
			free(row);
			continue;
		}
		unseen = ui_folders_unseen(app, s, f);
		count[0] = '\0';
		if (unseen > 0)
			snprintf(count, sizeof count, " %u", unseen);
		/* Collapsed: a mark, with the unread mail it hides. */
		if (f->flags & FOLDER_COLLAPSED) {
			hidden = ui_folders_hidden(app, s, f);
			len = strlen(count);
			if (hidden > 0)
				snprintf(count + len, sizeof count - len,
				    " [+%u]", hidden);
			else
				snprintf(count + len, sizeof count - len,
				    " [+]");
		}
		/* The role follows the count, which the eye looks for first. */
		role = folders_role_name(f->role);
		row = xasprintf(" %*s%s%s%s%s%s", f->depth * 2, "", f->label,
		    count, role != NULL ? " (" : "", role != NULL ? role : "",
		    role != NULL ? ")" : "");
		attr = A_NORMAL;
		if (role != NULL)
			attr = ui_attr_add(attr, COLOR_FOLDER_SPECIAL);
		if (unseen > 0)
			attr = ui_attr_add(attr, COLOR_FOLDER_UNREAD);
		/* Showing every folder: the unsubscribed ones are dim. */
		if (!s->subscribed_only && s->folders_subscriptions &&
		    !(f->flags & FOLDER_SUBSCRIBED))
			attr = ui_attr_add(attr, COLOR_FOLDER_UNSUBSCRIBED);
		if (s == app->cur && app->mbox_wire != NULL &&
		    strcmp(f->wire, app->mbox_wire) == 0)
			attr = ui_attr_add(attr, COLOR_FOLDER_CURRENT);
		if (i == cursor && app->focus == FOCUS_FOLDERS)
			attr = ui_attr(COLOR_SELECTED);
		ui_put(y + r, x, w, row, attr);
		free(row);
	}
}
