/*
 * fuzz_html.c feeds an HTML body to the built-in renderer, and what it
 * gives to the sanitizer, as the pager does with mail that is HTML only.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "html.h"
#include "sanitize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *text, *safe;

	text = html_to_text((const char *)data, len);
	safe = sanitize_str(text, 0);
	free(safe);
	free(text);
	return (0);
}
