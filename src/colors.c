/*
 * colors.c owns the [colors] section: the names of the elements, of the
 * colours and of the attributes, what each element looks like when the
 * configuration says nothing, and the dump in the configuration's syntax.
 * It must never touch the terminal: ui_colors.c makes the colour pairs,
 * and only when the terminal has colours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colors.h"
#include "xmalloc.h"

static const struct {
	const char  *name;
	unsigned int attrs; /* without a [colors] section: tern 0.1's look */
} colors_elems[COLOR_NELEMS] = {
	[COLOR_STATUS] = { "status", COLOR_A_REVERSE },
	[COLOR_SELECTED] = { "selected", COLOR_A_REVERSE },
	[COLOR_SELECTED_UNFOCUSED] = { "selected-unfocused",
	    COLOR_A_UNDERLINE },
	[COLOR_UNREAD] = { "unread", COLOR_A_BOLD },
	[COLOR_FLAGGED] = { "flagged", 0 },
	[COLOR_DELETED] = { "deleted", 0 },
	[COLOR_TREE] = { "tree", 0 },
	[COLOR_HEADER] = { "header", COLOR_A_BOLD },
	[COLOR_HEADER_VALUE] = { "header-value", COLOR_A_BOLD },
	[COLOR_QUOTED] = { "quoted", 0 },
	[COLOR_QUOTED1] = { "quoted1", 0 },
	[COLOR_QUOTED2] = { "quoted2", 0 },
	[COLOR_QUOTED3] = { "quoted3", 0 },
	[COLOR_SEARCH] = { "search", COLOR_A_REVERSE },
	[COLOR_FOLDER_CURRENT] = { "folder-current", COLOR_A_UNDERLINE },
	[COLOR_FOLDER_UNREAD] = { "folder-unread", COLOR_A_BOLD },
	[COLOR_FOLDER_SPECIAL] = { "folder-special", 0 },
	[COLOR_FOLDER_UNSUBSCRIBED] = { "folder-unsubscribed", COLOR_A_DIM },
	[COLOR_TITLE] = { "title", COLOR_A_BOLD },
	[COLOR_ERROR] = { "error", COLOR_A_BOLD },
	[COLOR_PROMPT] = { "prompt", 0 },
};

/* In curses' order, so that a name's index is its number. */
static const char *const colors_names[8] = { "black", "red", "green", "yellow",
	"blue", "magenta", "cyan", "white" };

static const struct {
	const char  *name;
	unsigned int bit;
} colors_attrs[] = {
	{ "bold", COLOR_A_BOLD },
	{ "underline", COLOR_A_UNDERLINE },
	{ "reverse", COLOR_A_REVERSE },
	{ "dim", COLOR_A_DIM },
	{ "italic", COLOR_A_ITALIC },
	{ "blink", COLOR_A_BLINK },
	{ "standout", COLOR_A_STANDOUT },
};
#define COLORS_NATTRS (sizeof colors_attrs / sizeof colors_attrs[0])

void
colors_init(struct colors *c)
{
	size_t i;

	for (i = 0; i < COLOR_NELEMS; i++) {
		c->elem[i].fg = c->elem[i].bg = COLOR_DEFAULT;
		c->elem[i].attrs = colors_elems[i].attrs;
	}
}

const char *
colors_elem_name(enum color_elem e)
{
	return (colors_elems[e].name);
}

unsigned int
colors_default_attrs(enum color_elem e)
{
	return (colors_elems[e].attrs);
}

enum color_elem
colors_quote_elem(int level)
{
	static const enum color_elem q[] = { COLOR_QUOTED, COLOR_QUOTED1,
		COLOR_QUOTED2, COLOR_QUOTED3 };

	return (q[(level - 1) % 4]);
}

/* A colour's number, COLOR_DEFAULT, or -2 if the word is none. */
static int
colors_number(const char *w)
{
	const char *digits;
	char	   *end;
	long	    n;
	size_t	    i;

	if (strcmp(w, "default") == 0)
		return (COLOR_DEFAULT);
	for (i = 0; i < 8; i++) {
		if (strcmp(w, colors_names[i]) == 0)
			return ((int)i);
		if (strncmp(w, "bright", 6) == 0 &&
		    strcmp(w + 6, colors_names[i]) == 0)
			return ((int)i + 8);
	}
	if (strncmp(w, "color", 5) != 0)
		return (-2);
	digits = w + 5;
	if (*digits < '0' || *digits > '9' || (digits[0] == '0' && digits[1]))
		return (-2);
	n = strtol(digits, &end, 10);
	if (*end != '\0' || n > 255)
		return (-2);
	return ((int)n);
}

static unsigned int
colors_attr(const char *w)
{
	size_t i;

	for (i = 0; i < COLORS_NATTRS; i++) {
		if (strcmp(w, colors_attrs[i].name) == 0)
			return (colors_attrs[i].bit);
	}
	return (0);
}

int
colors_set(struct colors *c, const char *elem, const char *value, char **err)
{
	struct color_spec s = { COLOR_DEFAULT, COLOR_DEFAULT, 0 };
	char		 *copy, *w, *next;
	size_t		  e;
	int		  n, ncolors = 0, r = -1, none = 0;
	unsigned int	  bit;

	for (e = 0; e < COLOR_NELEMS; e++) {
		if (strcmp(elem, colors_elems[e].name) == 0)
			break;
	}
	if (e == COLOR_NELEMS) {
		*err = xasprintf("unknown element '%s' in [colors]", elem);
		return (-1);
	}
	copy = xstrdup(value);
	for (next = copy; (w = strsep(&next, " \t")) != NULL;) {
		if (*w == '\0')
			continue;
		if (none) {
			*err = xasprintf("'none' goes alone, not with '%s'", w);
			goto out;
		}
		if ((n = colors_number(w)) != -2) {
			/* Colours come before the attributes, fg then bg. */
			if (s.attrs != 0 || ncolors == 2) {
				*err = xasprintf("colour '%s' after the "
						 "attributes or a background",
				    w);
				goto out;
			}
			if (ncolors++ == 0)
				s.fg = (short)n;
			else
				s.bg = (short)n;
		} else if ((bit = colors_attr(w)) != 0)
			s.attrs |= bit;
		else if (strcmp(w, "none") == 0 && ncolors == 0 && s.attrs == 0)
			none = 1;
		else {
			*err = xasprintf("unknown colour or attribute '%s' "
					 "(colours: default, black, red, green, "
					 "yellow, blue, magenta, cyan, white, "
					 "bright..., color0 to color255)",
			    w);
			goto out;
		}
	}
	if (ncolors == 0 && s.attrs == 0 && !none) {
		*err = xasprintf("no colour or attribute for '%s'", elem);
		goto out;
	}
	c->elem[e] = s;
	r = 0;
out:
	free(copy);
	return (r);
}

int
colors_any(const struct colors *c)
{
	size_t i;

	for (i = 0; i < COLOR_NELEMS; i++) {
		if (c->elem[i].fg != COLOR_DEFAULT ||
		    c->elem[i].bg != COLOR_DEFAULT)
			return (1);
	}
	return (0);
}

static void
colors_dump_color(short n, FILE *fp)
{
	if (n == COLOR_DEFAULT)
		fputs("default", fp);
	else if (n < 8)
		fputs(colors_names[n], fp);
	else if (n < 16)
		fprintf(fp, "bright%s", colors_names[n - 8]);
	else
		fprintf(fp, "color%d", n);
}

void
colors_dump(const struct colors *c, FILE *fp)
{
	const struct color_spec *s;
	size_t			 i, a;

	fputs("[colors]\n", fp);
	for (i = 0; i < COLOR_NELEMS; i++) {
		s = &c->elem[i];
		fprintf(fp, "%s =", colors_elems[i].name);
		if (s->fg == COLOR_DEFAULT && s->bg == COLOR_DEFAULT &&
		    s->attrs == 0) {
			fputs(" none\n", fp);
			continue;
		}
		if (s->fg != COLOR_DEFAULT || s->bg != COLOR_DEFAULT) {
			fputc(' ', fp);
			colors_dump_color(s->fg, fp);
			fputc(' ', fp);
			colors_dump_color(s->bg, fp);
		}
		for (a = 0; a < COLORS_NATTRS; a++) {
			if (s->attrs & colors_attrs[a].bit)
				fprintf(fp, " %s", colors_attrs[a].name);
		}
		fputc('\n', fp);
	}
}
