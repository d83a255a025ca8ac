/*
 * Keys as tern's code numbers them, and their names as a configuration
 * writes them: "x", "<Enter>", "<C-d>", "<F5>".  Key codes are tern's own,
 * so that nothing but ui.c needs to know curses' names for keys.
 */
#ifndef TERN_KEYNAME_H
#define TERN_KEYNAME_H

#include <stddef.h>

/* Unicode code points are keys as they are; these lie above them. */
#define KEYC_BASE 0x200000
enum {
	KEYC_UP = KEYC_BASE,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_PGUP,
	KEYC_PGDN,
	KEYC_HOME,
	KEYC_END,
	KEYC_BACKSPACE,
	KEYC_DC,
	KEYC_RESIZE,
	KEYC_MOUSE, /* a click or the wheel: ui_mouse */
	KEYC_F0,    /* KEYC_F(1) to KEYC_F(12) follow */
};
#define KEYC_F(n) (KEYC_F0 + (n))
#define KEYC_TAB '\t'
#define KEYC_ENTER '\r'
#define KEYC_ESC 0x1b
#define KEYC_CTRL(c) ((c)&0x1f)

/* Room for the longest name and its NUL. */
#define KEYNAME_MAX 16

/*
 * The key named by s[0..len): one character (UTF-8), the same in double
 * quotes, or a name in angle brackets.  -1 if there is no such key.
 */
int keyname_parse(const char *, size_t, int *);
/*
 * The name of a key: with brackets as a configuration writes it ("<Enter>",
 * "\"#\""), or without, as the help screen and the manual show it.
 */
void keyname_format(int, int config, char[KEYNAME_MAX]);

#endif
