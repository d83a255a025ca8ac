/*
 * fuzz_mailto.c feeds a URL to mailto_parse, as a web page could hand it
 * to tern, and holds it to its promise: no field of the draft holds a
 * line break or another control, so no URL can write a header.
 */
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "fuzz.h"
#include "mailto.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct draft d;
	char	    *s, *err;
	const char  *p;
	size_t	     i;

	s = fuzz_strndup(data, len);
	draft_init(&d);
	if (mailto_parse(&d, s, &err) == 0) {
		for (i = 0; i < DRAFT_NFIELDS; i++) {
			for (p = d.field[i]; p != NULL && *p != '\0'; p++) {
				if ((unsigned char)*p < ' ')
					abort();
			}
		}
		for (p = d.in_reply_to; p != NULL && *p != '\0'; p++) {
			if ((unsigned char)*p < ' ')
				abort();
		}
	} else
		free(err);
	draft_free(&d);
	free(s);
	return (0);
}
