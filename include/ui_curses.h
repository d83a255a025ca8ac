/*
 * What the ui*.c files share.  The only header that includes curses: a
 * check in the test suite fails if any other file does.
 */
#ifndef TERN_UI_CURSES_H
#define TERN_UI_CURSES_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "app.h"
#include "looks.h"

/*
 * Draw clean UTF-8 at (y, x) in at most width columns, padding the rest
 * with spaces.  Returns the columns drawn before padding.
 */
int ui_put(int, int, int, const char *, attr_t);
/* Columns a clean UTF-8 string takes. */
int ui_width(const char *);
/* A size in bytes as the list shows it: 512, 1.5K, 20K, 3.1M. */
void ui_size(uint32_t, char *, size_t);

/* ui_looks.c: the looks, made once after initscr. */
void ui_looks_start(void);
void ui_looks_end(void);
/* An element's attributes and colour pair. */
attr_t ui_attr(enum color_elem);
/* a with the element's attributes, and its colour if it has one. */
attr_t			   ui_attr_add(attr_t, enum color_elem);
const struct index_format *ui_index_format(void);
/* date-format, or NULL for the default. */
const char *ui_date_format(void);
/* Queue a KEY_MOUSE's events, those tern uses. */
void ui_looks_mouse_read(void);
/* Take the next event queued for ui_mouse; 0 if there is none. */
int ui_looks_mouse_next(void);
/* The area at (y, x) as the screen was last drawn, and the row in it. */
enum ui_area ui_area_at(int, int, int *);

void ui_folders_draw(struct app *, int, int, int, int);
void ui_index_draw(struct app *, int, int, int, int);
void ui_pager_draw(struct app *, int, int, int, int);
void ui_help_draw(struct app *, int, int, int, int);
void ui_failed_draw(struct app *, int, int, int, int);
void ui_attach_draw(struct app *, int, int, int, int);
void ui_compose_draw(struct app *, int, int, int, int);
/* The last line: the prompt if one is open, else the message. */
void ui_prompt_draw(struct app *, int, int);

#endif
