/*
 * find.c owns looking for text in lines that are already on the screen's
 * side: sanitized UTF-8.  Case is ignored for ASCII letters only, so that
 * no byte of a multibyte character ever matches half of another.  It
 * keeps no state; where the last match was is the caller's.
 */
#include <string.h>

#include "find.h"

static int
find_lower(int c)
{
	return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

const char *
find_str(const char *s, const char *needle)
{
	size_t i;

	if (*needle == '\0')
		return (NULL);
	for (; *s != '\0'; s++) {
		for (i = 0; needle[i] != '\0' && s[i] != '\0'; i++) {
			if (find_lower((unsigned char)s[i]) !=
			    find_lower((unsigned char)needle[i]))
				break;
		}
		if (needle[i] == '\0')
			return (s);
	}
	return (NULL);
}

long
find_line(char *const *lines, size_t n, size_t from, const char *needle,
    int *wrapped)
{
	size_t i, k;

	*wrapped = 0;
	for (k = 0; k < n; k++) {
		i = (from + k) % n;
		if (find_str(lines[i], needle) != NULL) {
			*wrapped = i < from;
			return ((long)i);
		}
	}
	return (-1);
}
