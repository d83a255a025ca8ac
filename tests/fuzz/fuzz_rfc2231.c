/*
 * fuzz_rfc2231.c feeds MIME parameters, one "name=value" a line, to
 * rfc2231_param, as a BODYSTRUCTURE gives them for a part's file name,
 * and the result to the sanitizer as the attachment list does.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rfc2231.h"
#include "sanitize.h"

#define FUZZ_PARAMS 64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct rfc2231_param p[FUZZ_PARAMS];
	static const char   *names[] = { "filename", "name", "charset" };
	char		    *text, *line, *eq, *v, *safe, *last;
	size_t		     n = 0, i;

	text = fuzz_strndup(data, len);
	for (line = strtok_r(text, "\n", &last);
	     line != NULL && n < FUZZ_PARAMS;
	     line = strtok_r(NULL, "\n", &last)) {
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		p[n].name = line;
		p[n++].value = eq + 1;
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if ((v = rfc2231_param(p, n, names[i])) == NULL)
			continue;
		safe = sanitize_str(v, 0);
		free(safe);
		free(v);
	}
	free(text);
	return (0);
}
