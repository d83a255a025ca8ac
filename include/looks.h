/*
 * How tern looks: the [colors] section and the settings of the top of
 * the configuration, before any section, that are the screen's rather
 * than an account's.
 *
 *	index-format = "%f %-10d %-20F %*s"
 *	date-format = relative
 *	mouse = yes
 */
#ifndef TERN_LOOKS_H
#define TERN_LOOKS_H

#include <stdio.h>

#include "colors.h"
#include "index_format.h"

struct looks {
	struct colors	    colors;
	struct index_format index_format;     /* no fields: the default */
	char		   *index_format_src; /* NULL: the default */
	char		   *date_format; /* NULL, auto, relative, strftime */
	int		    mouse;
};

/* What tern does with no configuration. */
void looks_init(struct looks *);
void looks_free(struct looks *);
/*
 * Whether name is one of the settings here; if it is, set it from value
 * and return 0, or -1 with *err set.  *known is 0 for another name.
 */
int looks_set(struct looks *, const char *name, const char *value, int *known,
    char **err);
/* Every setting's name, NULL-terminated, and its help. */
const char *const *looks_setting_names(void);
const char	  *looks_setting_help(const char *);
/* The effective settings, as the top of the configuration would say. */
void looks_dump(const struct looks *, FILE *);

#endif
