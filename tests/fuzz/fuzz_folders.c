/*
 * fuzz_folders.c feeds folder names as LIST gives them to the folder
 * tree: one a line, the first byte the server's delimiter (a space for
 * none).  The tree must find every name it took, by either spelling.
 */
#include <stdlib.h>
#include <string.h>

#include "folders.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct folders f;
	const uint8_t *p = data, *end = data + len, *nl;
	char	      *wire, *prefix;
	char	       delim;
	size_t	       i;

	folders_init(&f);
	while (p < end && f.n < 64) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		if (nl > p) {
			delim = *p == ' ' ? 0 : (char)*p;
			wire = fuzz_strndup(p + 1, nl - p - 1);
			(void)folders_add(&f, wire, delim, 0);
			free(wire);
		}
		p = nl + 1;
	}
	folders_sort(&f);
	for (i = 0; i < f.n; i++) {
		if (folders_find_wire(&f, f.list[i].wire) == NULL ||
		    folders_find(&f, f.list[i].name) == NULL)
			abort();
		prefix = fuzz_strndup((const uint8_t *)f.list[i].name,
		    strlen(f.list[i].name) / 2);
		(void)folders_complete(&f, prefix, 0);
		free(prefix);
	}
	folders_free(&f);
	return (0);
}
