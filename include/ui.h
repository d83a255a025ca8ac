/*
 * The screen, as the rest of tern sees it.  Only ui*.c include curses; this
 * header names no curses type.
 */
#ifndef TERN_UI_H
#define TERN_UI_H

#include <stddef.h>

struct app;
struct looks;

/* What a mouse event hit (mouse = yes). */
enum ui_mouse_kind {
	UI_MOUSE_CLICK, /* the left button pressed */
	UI_MOUSE_WHEEL_UP,
	UI_MOUSE_WHEEL_DOWN,
};
enum ui_area {
	UI_AREA_NONE, /* the status bar, the last line, the pane's border */
	UI_AREA_FOLDERS,
	UI_AREA_INDEX,
	UI_AREA_PAGER,
};
struct ui_mouse {
	enum ui_mouse_kind kind;
	int		   y, x;
	enum ui_area	   area; /* as the screen was last drawn */
	int		   row;	 /* of the area, 0 its first */
};

/*
 * What the screen looks like ([colors], index-format, date-format,
 * mouse); before ui_init, and kept until ui_end.  NULL: the defaults.
 */
void ui_set_looks(const struct looks *);
void ui_init(void);
/* Give the terminal back; safe to call twice and from fatal. */
void ui_end(void);
void ui_resize(void);
/* Give the terminal to another program for a while, and take it back. */
void ui_suspend(void);
void ui_resume(void);
/* Draw everything from the model; called once per loop turn if dirty. */
void ui_draw(struct app *);
/* Ring the terminal bell (new mail, when the user asked for it). */
void ui_bell(void);
/*
 * The next key as a KEYC_* or code point, or -1 if none is waiting.
 * KEYC_MOUSE: ui_mouse says what it was.
 */
int  ui_getkey(void);
void ui_mouse(struct ui_mouse *);
/*
 * Suspend the screen and run cmd with /bin/sh, data on its stdin; a key
 * press after it brings the screen back.  Its exit status, or -1 with
 * *why set (caller frees).
 */
int ui_pipe(const char *cmd, const char *data, size_t len, char **why);
/*
 * Run a command (a viewer) on the terminal and wait for it, and with
 * wait_key for a key after it: its exit status, or -1 with why.
 */
int ui_run(const char *cmd, int wait_key, char **why);
/*
 * Run the editor (a command line of the user's, for /bin/sh) on a file,
 * whose name is the shell's $1, never part of the command line: its exit
 * status, or -1 with why.
 */
int ui_edit(const char *editor, const char *path, char **why);

#endif
