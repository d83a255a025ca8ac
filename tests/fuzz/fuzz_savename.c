/*
 * fuzz_savename.c feeds a part's name from a message to savename and
 * holds it to its promise: one path component, not hidden, not an
 * option, no control character.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "savename.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const unsigned char *p;
	char		    *name, *safe;

	name = fuzz_strndup(data, len);
	safe = savename(name, "application/pdf");
	if (safe == NULL || *safe == '\0' || *safe == '.' || *safe == '-' ||
	    strchr(safe, '/') != NULL || strcmp(safe, "..") == 0)
		abort();
	for (p = (const unsigned char *)safe; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
	free(safe);
	free(name);
	return (0);
}
