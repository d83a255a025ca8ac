/*
 * ui_folders.c draws the folder pane: the tree, indented by level, with the
 * unread count after each name.  It reads the model; it never changes it
 * beyond keeping its own scroll position in view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_curses.h"
#include "xmalloc.h"

/* The open folder's count comes from its list, which is newer. */
static uint32_t
ui_folders_unseen(struct app *app, const struct folder *f)
{
	if (app->mbox_wire != NULL && strcmp(f->wire, app->mbox_wire) == 0 &&
	    !app->mbox_loading)
		return ((uint32_t)mailbox_count(&app->mbox, 0, MSG_SEEN));
	return (f->unseen);
}

/* The unread mail of the folders a collapsed one hides. */
static uint32_t
ui_folders_hidden(struct app *app, const struct folder *f)
{
	size_t	 i, n = folders_below(&app->folders, f);
	uint32_t sum = 0;

	for (i = 1; i <= n; i++)
		sum += ui_folders_unseen(app, f + i);
	return (sum);
}

void
ui_folders_draw(struct app *app, int y, int x, int w, int h)
{
	const struct folder *f;
	const char	    *role;
	char		     count[40];
	uint32_t	     hidden;
	size_t		     len;
	size_t		     i;
	uint32_t	     unseen;
	attr_t		     attr;
	char		    *row;
	int		     r;

	if (app->folders.nview == 0) {
		ui_put(y, x, w, app->folders_loaded ? " (no folders)" : "",
		    A_NORMAL);
		return;
	}
	if (app->folder_cursor >= app->folders.nview)
		app->folder_cursor = app->folders.nview - 1;
	if (app->folder_cursor < app->folder_top)
		app->folder_top = app->folder_cursor;
	if (app->folder_cursor >= app->folder_top + (size_t)h)
		app->folder_top = app->folder_cursor - (size_t)h + 1;

	for (r = 0, i = app->folder_top; r < h && i < app->folders.nview;
	     r++, i++) {
		f = folders_at(&app->folders, i);
		unseen = ui_folders_unseen(app, f);
		count[0] = '\0';
		if (unseen > 0)
			snprintf(count, sizeof count, " %u", unseen);
		/* Collapsed: a mark, with the unread mail it hides. */
		if (f->flags & FOLDER_COLLAPSED) {
			hidden = ui_folders_hidden(app, f);
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
		if (!app->subscribed_only && app->folders_subscriptions &&
		    !(f->flags & FOLDER_SUBSCRIBED))
			attr = ui_attr_add(attr, COLOR_FOLDER_UNSUBSCRIBED);
		if (app->mbox_wire != NULL &&
		    strcmp(f->wire, app->mbox_wire) == 0)
			attr = ui_attr_add(attr, COLOR_FOLDER_CURRENT);
		if (i == app->folder_cursor && app->focus == FOCUS_FOLDERS)
			attr = ui_attr(COLOR_SELECTED);
		ui_put(y + r, x, w, row, attr);
		free(row);
	}
}
