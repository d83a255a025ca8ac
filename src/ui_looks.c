/*
 * ui_looks.c owns what the screen's elements look like once curses is up:
 * the table from element to attributes and colour pair, made once at start
 * from the [colors] section, the list's format and dates, and the mouse.
 * It must never make a pair while drawing, nor call mousemask when the
 * mouse is off: the terminal's own selection must keep working then.
 */
#include <stdlib.h>

#include "ui.h"
#include "ui_curses.h"

static const struct looks *ui_looks_conf;
static attr_t		   ui_looks_attr[COLOR_NELEMS];
static struct index_format ui_looks_default_fmt;
/* Mouse events read and not yet handed out, oldest first. */
#define UI_LOOKS_QUEUE 16
static struct ui_mouse ui_looks_queue[UI_LOOKS_QUEUE];
static int	       ui_looks_nqueue;
/* The event the last KEYC_MOUSE stands for. */
static struct ui_mouse ui_looks_current;

void
ui_set_looks(const struct looks *lk)
{
	ui_looks_conf = lk;
}

static attr_t
ui_looks_bits(unsigned int a)
{
	attr_t r = A_NORMAL;

	if (a & COLOR_A_BOLD)
		r |= A_BOLD;
	if (a & COLOR_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & COLOR_A_REVERSE)
		r |= A_REVERSE;
	if (a & COLOR_A_DIM)
		r |= A_DIM;
	if (a & COLOR_A_ITALIC)
		r |= A_ITALIC;
	if (a & COLOR_A_BLINK)
		r |= A_BLINK;
	if (a & COLOR_A_STANDOUT)
		r |= A_STANDOUT;
	return (r);
}

/*
 * NO_COLOR (no-color.org): set and not empty, no colour at all.  A
 * terminal without colours (vt100) is the same.  Either way the
 * attributes stay, so the cursor row is still reverse.
 */
static int
ui_looks_use_color(const struct colors *c)
{
	const char *nc = getenv("NO_COLOR");

	if (nc != NULL && *nc != '\0')
		return (0);
	return (colors_any(c) && has_colors());
}

/* A colour the terminal can show: bright ones become bold where it has 8. */
static short
ui_looks_color(short n, int defaults, attr_t *extra)
{
	if (n == COLOR_DEFAULT)
		return (defaults ? -1 : -2);
	if (n < COLORS)
		return (n);
	if (n < 16) {
		if (extra != NULL)
			*extra |= A_BOLD;
		return ((short)(n - 8));
	}
	return (defaults ? -1 : -2);
}

void
ui_looks_start(void)
{
	static struct colors	 none;
	const struct colors	*c;
	const struct color_spec *s;
	attr_t			 extra;
	short			 fg, bg, pair = 1;
	size_t			 i;
	int			 color, defaults = 0;
	char			*err = NULL;

	if (ui_looks_conf != NULL)
		c = &ui_looks_conf->colors;
	else {
		colors_init(&none);
		c = &none;
	}
	if ((color = ui_looks_use_color(c))) {
		start_color();
		defaults = use_default_colors() == OK;
	}
	for (i = 0; i < COLOR_NELEMS; i++) {
		s = &c->elem[i];
		ui_looks_attr[i] = ui_looks_bits(s->attrs);
		if (s->fg == COLOR_DEFAULT && s->bg == COLOR_DEFAULT)
			continue;
		if (!color) {
			/* A colour alone must not leave the row plain. */
			if (s->attrs == 0)
				ui_looks_attr[i] = ui_looks_bits(
				    colors_default_attrs((enum color_elem)i));
			continue;
		}
		extra = A_NORMAL;
		fg = ui_looks_color(s->fg, defaults, &extra);
		bg = ui_looks_color(s->bg, defaults, NULL);
		/* Without default colours, white on black stands for them. */
		if (fg == -2)
			fg = COLOR_WHITE;
		if (bg == -2)
			bg = COLOR_BLACK;
		if (pair >= COLOR_PAIRS || init_pair(pair, fg, bg) == ERR)
			continue;
		ui_looks_attr[i] |= COLOR_PAIR(pair) | extra;
		pair++;
	}
	if (ui_looks_conf == NULL || ui_looks_conf->index_format.n == 0) {
		if (ui_looks_default_fmt.n == 0 &&
		    index_format_compile(&ui_looks_default_fmt,
			INDEX_FORMAT_DEFAULT, &err) != 0)
			abort();
	}
	/*
	 * The press is the click: curses would wait for the release to
	 * make a click of it, and poll() wakes tern on the press alone.  A
	 * double click is a click on the row the first one selected.
	 */
	if (ui_looks_conf != NULL && ui_looks_conf->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED,
		    NULL);
		mouseinterval(0);
	}
}

void
ui_looks_end(void)
{
	index_format_free(&ui_looks_default_fmt);
}

attr_t
ui_attr(enum color_elem e)
{
	return (ui_looks_attr[e]);
}

attr_t
ui_attr_add(attr_t a, enum color_elem e)
{
	attr_t add = ui_looks_attr[e];

	if ((add & A_COLOR) != 0)
		a &= ~A_COLOR;
	return (a | add);
}

const struct index_format *
ui_index_format(void)
{
	if (ui_looks_conf != NULL && ui_looks_conf->index_format.n > 0)
		return (&ui_looks_conf->index_format);
	return (&ui_looks_default_fmt);
}

const char *
ui_date_format(void)
{
	return (ui_looks_conf != NULL ? ui_looks_conf->date_format : NULL);
}

/* The button of a curses event as tern's kind; 0 if tern has no use. */
static int
ui_looks_mouse_kind(const MEVENT *ev, struct ui_mouse *m)
{
	if (ev->bstate & BUTTON1_PRESSED)
		m->kind = UI_MOUSE_CLICK;
	else if (ev->bstate & BUTTON4_PRESSED)
		m->kind = UI_MOUSE_WHEEL_UP;
	else if (ev->bstate & BUTTON5_PRESSED)
		m->kind = UI_MOUSE_WHEEL_DOWN;
	else
		return (0);
	m->y = ev->y;
	m->x = ev->x;
	return (1);
}

/*
 * KEY_MOUSE: take every event curses has read.  A burst of them (a
 * double click, the wheel) comes with one KEY_MOUSE, and getmouse gives
 * the newest first: they are queued oldest first, one KEYC_MOUSE each.
 */
void
ui_looks_mouse_read(void)
{
	struct ui_mouse got[UI_LOOKS_QUEUE];
	MEVENT		ev;
	int		n = 0;

	while (getmouse(&ev) == OK) {
		if (n < UI_LOOKS_QUEUE && ui_looks_mouse_kind(&ev, &got[n]))
			n++;
	}
	while (n-- > 0 && ui_looks_nqueue < UI_LOOKS_QUEUE)
		ui_looks_queue[ui_looks_nqueue++] = got[n];
}

/*
 * The oldest event waiting becomes the one ui_mouse says, whether or not
 * anyone asks: an event nobody takes (a prompt is open) must not stay
 * to come back for ever.
 */
int
ui_looks_mouse_next(void)
{
	int i;

	if (ui_looks_nqueue == 0)
		return (0);
	ui_looks_current = ui_looks_queue[0];
	for (i = 1; i < ui_looks_nqueue; i++)
		ui_looks_queue[i - 1] = ui_looks_queue[i];
	ui_looks_nqueue--;
	return (1);
}

void
ui_mouse(struct ui_mouse *m)
{
	*m = ui_looks_current;
	m->area = ui_area_at(m->y, m->x, &m->row);
}
