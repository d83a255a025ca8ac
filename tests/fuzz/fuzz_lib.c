/*
 * fuzz_lib.c holds what more than one fuzz target needs, in both builds
 * (libFuzzer and replay.c).  It must never hold a target's own checks.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

char *
fuzz_strndup(const uint8_t *data, size_t len)
{
	char *s;

	if ((s = malloc(len + 1)) == NULL)
		abort();
	if (len > 0)
		memcpy(s, data, len);
	s[len] = '\0';
	return (s);
}
