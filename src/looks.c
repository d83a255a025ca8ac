/*
 * looks.c owns the settings of the screen that belong to no account:
 * index-format, date-format and mouse, their help text, their checks and
 * their dump.  It must never touch the terminal; the ui*.c files read
 * struct looks.
 */
#include <stdlib.h>
#include <string.h>

#include "looks.h"
#include "xmalloc.h"

struct looks_setting {
	const char *name;
	int (*set)(struct looks *, const char *, char **);
	const char *help;
};

static int looks_set_index_format(struct looks *, const char *, char **);
static int looks_set_date_format(struct looks *, const char *, char **);
static int looks_set_mouse(struct looks *, const char *, char **);

static const struct looks_setting looks_settings[] = {
	{ "index-format", looks_set_index_format,
	    "Columns of a message list row: %f flags, %d date, %D{strftime} "
	    "date, %F from, %t to, %s subject after the thread tree, %T the "
	    "tree, %S size, %b folder, with widths as %-20F, %25%F, %*s (the rest), .N a cap "
	    "(default \"" INDEX_FORMAT_DEFAULT "\")." },
	{ "date-format", looks_set_date_format,
	    "Dates in the message list: auto (14:32 today, Nov 03 this year, "
	    "2024-11-03 before; the default), relative (12 min ago, "
	    "yesterday, Mon...) or a strftime format." },
	{ "mouse", looks_set_mouse,
	    "yes: a click selects a row or opens a folder, a double click "
	    "opens, the wheel scrolls (default no: the terminal keeps its "
	    "own selection)." },
};
#define LOOKS_NSETTINGS (sizeof looks_settings / sizeof looks_settings[0])

/*
 * Nothing allocated: conf_free starts the configuration again with
 * conf_init, and the defaults are what NULL stands for.
 */
void
looks_init(struct looks *lk)
{
	memset(lk, 0, sizeof *lk);
	colors_init(&lk->colors);
}

void
looks_free(struct looks *lk)
{
	index_format_free(&lk->index_format);
	free(lk->index_format_src);
	free(lk->date_format);
	looks_init(lk);
}

static int
looks_set_index_format(struct looks *lk, const char *value, char **err)
{
	struct index_format fmt;

	if (index_format_compile(&fmt, value, err) != 0)
		return (-1);
	index_format_free(&lk->index_format);
	lk->index_format = fmt;
	free(lk->index_format_src);
	lk->index_format_src = xstrdup(value);
	return (0);
}

static int
looks_set_date_format(struct looks *lk, const char *value, char **err)
{
	/* A word without '%' would print itself on every row. */
	if (strcmp(value, "auto") != 0 && strcmp(value, "relative") != 0 &&
	    strchr(value, '%') == NULL) {
		*err = xasprintf("date-format is auto, relative or a strftime "
				 "format, not '%s'",
		    value);
		return (-1);
	}
	free(lk->date_format);
	lk->date_format = xstrdup(value);
	return (0);
}

static int
looks_set_mouse(struct looks *lk, const char *value, char **err)
{
	if (strcmp(value, "yes") == 0)
		lk->mouse = 1;
	else if (strcmp(value, "no") == 0)
		lk->mouse = 0;
	else {
		*err = xasprintf("mouse is yes or no, not '%s'", value);
		return (-1);
	}
	return (0);
}

int
looks_set(struct looks *lk, const char *name, const char *value, int *known,
    char **err)
{
	size_t i;

	for (i = 0; i < LOOKS_NSETTINGS; i++) {
		if (strcmp(looks_settings[i].name, name) == 0) {
			*known = 1;
			return (looks_settings[i].set(lk, value, err));
		}
	}
	*known = 0;
	return (0);
}

const char *const *
looks_setting_names(void)
{
	static const char *names[LOOKS_NSETTINGS + 1];
	size_t		   i;

	for (i = 0; i < LOOKS_NSETTINGS; i++)
		names[i] = looks_settings[i].name;
	names[i] = NULL;
	return (names);
}

const char *
looks_setting_help(const char *name)
{
	size_t i;

	for (i = 0; i < LOOKS_NSETTINGS; i++) {
		if (strcmp(looks_settings[i].name, name) == 0)
			return (looks_settings[i].help);
	}
	return (NULL);
}

/* A value in quotes, as conf.c reads it back: \" and \\ escaped. */
static void
looks_dump_quoted(const char *s, FILE *fp)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

void
looks_dump(const struct looks *lk, FILE *fp)
{
	fputs("index-format = ", fp);
	looks_dump_quoted(lk->index_format_src != NULL ? lk->index_format_src :
							 INDEX_FORMAT_DEFAULT,
	    fp);
	fputs("\ndate-format = ", fp);
	looks_dump_quoted(lk->date_format != NULL ? lk->date_format : "auto",
	    fp);
	fprintf(fp, "\nmouse = %s\n", lk->mouse ? "yes" : "no");
}
