/*
 * The screen, as the rest of tern sees it.  Only ui*.c include curses; this
 * header names no curses type.
 */
#ifndef TERN_UI_H
#define TERN_UI_H

#include <stddef.h>

struct app;
struct looks;

/*
 * What the screen looks like ([colors], index-format, date-format);
 * before ui_init, and kept until ui_end.  NULL: the defaults.
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
/* The next key as a KEYC_* or code point, or -1 if none is waiting. */
int ui_getkey(void);
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

#endif
