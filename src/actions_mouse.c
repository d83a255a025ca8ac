/*
 * actions_mouse.c owns what a click and the wheel do (mouse = yes): a
 * click selects a list row, a second click on it (a double click) opens
 * it, a click in the folder pane opens that folder, the wheel moves
 * through what is under the pointer.  It acts through the same actions as
 * the keys, so the mouse can do nothing a key cannot.
 */
#include "app.h"
#include "keymap.h"
#include "ui.h"

/* Rows the wheel moves at a time, as most terminal programs do. */
#define ACTIONS_WHEEL_ROWS 3

static void
actions_mouse_wheel(struct app *app, const struct ui_mouse *ev)
{
	int i;

	if (ev->area == UI_AREA_FOLDERS)
		app->focus = FOCUS_FOLDERS;
	else if (ev->area == UI_AREA_INDEX)
		app->focus = FOCUS_INDEX;
	else if (ev->area != UI_AREA_PAGER)
		return;
	for (i = 0; i < ACTIONS_WHEEL_ROWS; i++)
		actions_run(app,
		    ev->kind == UI_MOUSE_WHEEL_UP ? ACT_PREV : ACT_NEXT);
}

void
actions_mouse(struct app *app)
{
	struct ui_mouse ev;
	size_t		i;

	ui_mouse(&ev);
	if (ev.kind == UI_MOUSE_WHEEL_UP || ev.kind == UI_MOUSE_WHEEL_DOWN) {
		actions_mouse_wheel(app, &ev);
		return;
	}
	switch (ev.area) {
	case UI_AREA_FOLDERS:
		i = app->folder_top + (size_t)ev.row;
		if (i >= app_pane_rows(app))
			return;
		app_pane_set(app, i);
		app->focus = FOCUS_FOLDERS;
		actions_run(app, ACT_OPEN);
		break;
	case UI_AREA_INDEX:
		i = app->index_top + (size_t)ev.row;
		if (i >= app->mbox.n)
			return;
		/* A second click on the row opens it: a double click. */
		if (i == app->index_cursor && app->focus == FOCUS_INDEX) {
			actions_run(app, ACT_OPEN);
			return;
		}
		app->index_cursor = i;
		app->index_moved = 1;
		app->focus = FOCUS_INDEX;
		break;
	default:
		break;
	}
}
