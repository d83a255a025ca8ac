/*
 * The [colors] section: what each element of the screen looks like, as
 * the configuration says it, in terms that name no curses type (ui_colors.c
 * turns it into colour pairs once, at start).
 *
 *	[colors]
 *	unread = red default bold
 *	quoted = color244
 */
#ifndef TERN_COLORS_H
#define TERN_COLORS_H

#include <stdio.h>

enum color_elem {
	COLOR_STATUS,		  /* the status bar */
	COLOR_SELECTED,		  /* the cursor row where the focus is */
	COLOR_SELECTED_UNFOCUSED, /* the list's cursor row, pane focused */
	COLOR_UNREAD,		  /* a list row not yet read */
	COLOR_FLAGGED,
	COLOR_DELETED,
	COLOR_TREE,	    /* the thread lines before a subject */
	COLOR_HEADER,	    /* a header's name in the pager */
	COLOR_HEADER_VALUE, /* the rest of that line */
	COLOR_QUOTED,	    /* quote levels 1, 2, 3, 4, then again */
	COLOR_QUOTED1,
	COLOR_QUOTED2,
	COLOR_QUOTED3,
	COLOR_SEARCH, /* the match of a search in the pager */
	COLOR_FOLDER_CURRENT,
	COLOR_FOLDER_UNREAD,
	COLOR_FOLDER_SPECIAL, /* a folder with a SPECIAL-USE role */
	COLOR_FOLDER_UNSUBSCRIBED,
	COLOR_TITLE, /* the first line of help and of the other lists */
	COLOR_ERROR, /* the last line when it reports a failure */
	COLOR_PROMPT,
	COLOR_NELEMS
};

/* Attributes, as bits of tern's own. */
#define COLOR_A_BOLD 0x01
#define COLOR_A_UNDERLINE 0x02
#define COLOR_A_REVERSE 0x04
#define COLOR_A_DIM 0x08
#define COLOR_A_ITALIC 0x10
#define COLOR_A_BLINK 0x20
#define COLOR_A_STANDOUT 0x40

/* The terminal's own colour (use_default_colors). */
#define COLOR_DEFAULT (-1)

struct color_spec {
	short	     fg; /* COLOR_DEFAULT or 0..255 */
	short	     bg;
	unsigned int attrs; /* COLOR_A_* */
};

struct colors {
	struct color_spec elem[COLOR_NELEMS];
};

/* Every element as tern draws it without a [colors] section. */
void colors_init(struct colors *);
/*
 * Set an element from "FG [BG] [ATTR...]" (or attributes alone, or
 * "none"); return -1 with *err set for an unknown element, colour or
 * attribute.
 */
int colors_set(struct colors *, const char *elem, const char *value,
    char **err);
/* Whether any element has a colour other than the terminal's. */
int colors_any(const struct colors *);
/* The element's attributes without a [colors] section. */
unsigned int colors_default_attrs(enum color_elem);
/* The element's name in the configuration. */
const char *colors_elem_name(enum color_elem);
/* The effective section, as the configuration would say it. */
void colors_dump(const struct colors *, FILE *);
/* The element of a quote level (1 the outermost; 0 is none). */
enum color_elem colors_quote_elem(int);

#endif
