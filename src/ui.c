/*
 * ui.c owns the terminal: curses set-up and tear-down, the layout of the
 * screen, the status bar, reading keys, and the helpers the screens draw
 * with.  It reads the model and never changes it, and it never talks to the
 * network.  ui_end must leave the terminal as it found it, whatever happened.
 */
#include <sys/ioctl.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "conf.h"
#include "keymap.h"
#include "log.h"
#include "ui.h"
#include "ui_curses.h"
#include "xmalloc.h"

static int ui_active;
/* The layout last drawn, for the mouse. */
static struct {
	enum app_screen screen;
	int		fw; /* the folder pane's width */
	int		rows;
} ui_layout;

/* Decode one code point of clean UTF-8; returns its length in bytes. */
static int
ui_decode(const char *s, unsigned int *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80) {
		*cp = p[0];
		return (1);
	}
	if ((p[0] & 0xe0) == 0xc0 && p[1] != 0) {
		*cp = ((p[0] & 0x1fU) << 6) | (p[1] & 0x3fU);
		return (2);
	}
	if ((p[0] & 0xf0) == 0xe0 && p[1] != 0 && p[2] != 0) {
		*cp = ((p[0] & 0x0fU) << 12) | ((p[1] & 0x3fU) << 6) |
		    (p[2] & 0x3fU);
		return (3);
	}
	if ((p[0] & 0xf8) == 0xf0 && p[1] != 0 && p[2] != 0 && p[3] != 0) {
		*cp = ((p[0] & 0x07U) << 18) | ((p[1] & 0x3fU) << 12) |
		    ((p[2] & 0x3fU) << 6) | (p[3] & 0x3fU);
		return (4);
	}
	*cp = 0xfffd;
	return (1);
}

static int
ui_cp_width(unsigned int cp)
{
	int w = wcwidth((wchar_t)cp);

	return (w < 0 ? 1 : w);
}

int
ui_width(const char *s)
{
	unsigned int cp;
	int	     w = 0;

	while (*s != '\0') {
		s += ui_decode(s, &cp);
		w += ui_cp_width(cp);
	}
	return (w);
}

int
ui_put(int y, int x, int width, const char *s, attr_t attr)
{
	unsigned int cp;
	int	     used = 0, len, w;

	if (width <= 0)
		return (0);
	attrset(attr);
	move(y, x);
	while (s != NULL && *s != '\0') {
		len = ui_decode(s, &cp);
		w = ui_cp_width(cp);
		if (used + w > width)
			break;
		if (cp == '\t') {
			addch(' ');
			w = 1;
		} else
			addnstr(s, len);
		used += w;
		s += len;
	}
	if (used < width)
		hline(' ', width - used);
	attrset(A_NORMAL);
	return (used);
}

void
ui_init(void)
{
	if (initscr() == NULL)
		fatalx("cannot initialise the terminal");
	ui_active = 1;
	log_set_fatal_hook(ui_end);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_looks_start();
}

void
ui_end(void)
{
	if (!ui_active)
		return;
	ui_active = 0;
	curs_set(1);
	endwin();
	ui_looks_end();
}

void
ui_suspend(void)
{
	if (!ui_active)
		return;
	def_prog_mode();
	endwin();
}

void
ui_resume(void)
{
	if (!ui_active)
		return;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

void
ui_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && is_term_resized(ws.ws_row, ws.ws_col))
		resizeterm(ws.ws_row, ws.ws_col);
}

int
ui_getkey(void)
{
	wint_t ch;
	int    r;

	if (ui_looks_mouse_next())
		return (KEYC_MOUSE);
	r = get_wch(&ch);
	if (r == ERR)
		return (-1);
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			return (KEYC_UP);
		case KEY_DOWN:
			return (KEYC_DOWN);
		case KEY_LEFT:
			return (KEYC_LEFT);
		case KEY_RIGHT:
			return (KEYC_RIGHT);
		case KEY_PPAGE:
			return (KEYC_PGUP);
		case KEY_NPAGE:
			return (KEYC_PGDN);
		case KEY_HOME:
			return (KEYC_HOME);
		case KEY_END:
			return (KEYC_END);
		case KEY_BACKSPACE:
			return (KEYC_BACKSPACE);
		case KEY_DC:
			return (KEYC_DC);
		case KEY_ENTER:
			return (KEYC_ENTER);
		case KEY_RESIZE:
			return (KEYC_RESIZE);
		case KEY_MOUSE:
			ui_looks_mouse_read();
			return (ui_looks_mouse_next() ? KEYC_MOUSE : 0);
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return (KEYC_F(ch - KEY_F0));
			return (0);
		}
	}
	if (ch == '\n' || ch == '\r')
		return (KEYC_ENTER);
	if (ch == 0x7f || ch == 0x08)
		return (KEYC_BACKSPACE);
	return ((int)ch);
}

static void
ui_status_draw(struct app *app, int y, int cols)
{
	struct strbuf	sb;
	size_t		unread, pending = 0, pos;
	struct pending *p;

	strbuf_init(&sb);
	/* The account of the open folder, by name if there are several. */
	if (app->nsessions > 1)
		strbuf_printf(&sb, " tern: %s (%s@%s)", app->cur->account->name,
		    app->cur->account->user, app->cur->account->host);
	else
		strbuf_printf(&sb, " tern: %s@%s", app->cur->account->user,
		    app->cur->account->host);
	if (app->mbox.name != NULL)
		strbuf_printf(&sb, " | %s", app->mbox.name);
	unread = mailbox_count(&app->mbox, 0, MSG_SEEN);
	if (app->search != NULL)
		strbuf_printf(&sb, " | search %s: %zu of %zu", app->search,
		    app->mbox.n, app->mbox.ntotal);
	else
		strbuf_printf(&sb, " | %zu message%s, %zu unread", app->mbox.n,
		    app->mbox.n == 1 ? "" : "s", unread);
	if (app->screen == SCREEN_PAGER) {
		long i = mailbox_pos(&app->mbox, app->pager.uid);

		pos = i == -1 ? 0 : (size_t)i + 1;
		strbuf_printf(&sb, " | message %zu/%zu", pos, app->mbox.n);
	}
	for (p = app->pending; p != NULL; p = p->next)
		pending++;
	if (pending > 0)
		strbuf_printf(&sb, " | %zu pending", pending);
	if (app->cur->quota >= 0)
		strbuf_printf(&sb, " | quota %d%%%s", app->cur->quota,
		    app->cur->quota > 90 ? "!" : "");
	strbuf_printf(&sb, " | %s",
	    app->cur->netstate != NULL ? app->cur->netstate : "");
	ui_put(y, 0, cols, sb.buf, ui_attr(COLOR_STATUS));
	strbuf_free(&sb);
}

void
ui_draw(struct app *app)
{
	int rows = LINES, cols = COLS, main_rows, fw;

	if (app->redraw_all) {
		clearok(curscr, TRUE);
		app->redraw_all = 0;
	}
	erase();
	main_rows = rows - 2 > 1 ? rows - 2 : 1;
	app->page_rows = main_rows;
	ui_layout.screen = app->screen;
	ui_layout.rows = main_rows;
	switch (app->screen) {
	case SCREEN_MAIN:
		fw = cols / 4;
		if (fw < 12)
			fw = 12;
		if (fw > 30)
			fw = 30;
		if (fw > cols - 20)
			fw = cols / 3;
		ui_layout.fw = fw;
		ui_folders_draw(app, 0, 0, fw, main_rows);
		mvvline(0, fw, ACS_VLINE, main_rows);
		ui_index_draw(app, 0, fw + 1, cols - fw - 1, main_rows);
		break;
	case SCREEN_PAGER:
		ui_pager_draw(app, 0, 0, cols, main_rows);
		break;
	case SCREEN_HELP:
		ui_help_draw(app, 0, 0, cols, main_rows);
		break;
	case SCREEN_FAILED:
		ui_failed_draw(app, 0, 0, cols, main_rows);
		break;
	case SCREEN_ATTACH:
		ui_attach_draw(app, 0, 0, cols, main_rows);
		break;
	case SCREEN_COMPOSE:
		ui_compose_draw(app, 0, 0, cols, main_rows);
		break;
	}
	if (rows >= 2)
		ui_status_draw(app, rows - 2, cols);
	ui_prompt_draw(app, rows - 1, cols);
	refresh();
}

enum ui_area
ui_area_at(int y, int x, int *row)
{
	*row = y;
	if (y < 0 || y >= ui_layout.rows || y >= LINES - 2)
		return (UI_AREA_NONE);
	if (ui_layout.screen == SCREEN_PAGER)
		return (UI_AREA_PAGER);
	if (ui_layout.screen != SCREEN_MAIN)
		return (UI_AREA_NONE);
	if (x < ui_layout.fw)
		return (UI_AREA_FOLDERS);
	return (x > ui_layout.fw ? UI_AREA_INDEX : UI_AREA_NONE);
}

void
ui_bell(void)
{
	beep();
}
