/* Finding text in the lines a screen shows (the pager's / and n). */
#ifndef TERN_FIND_H
#define TERN_FIND_H

#include <stddef.h>

/* The first place of needle in s, ignoring ASCII case, or NULL. */
const char *find_str(const char *s, const char *needle);

/*
 * The first of n lines at or after from holding needle, going round to
 * the first line past the last (*wrapped then set).  -1 if none does.
 */
long find_line(char *const *lines, size_t n, size_t from, const char *needle,
    int *wrapped);

#endif
