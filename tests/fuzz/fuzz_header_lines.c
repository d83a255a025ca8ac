/*
 * fuzz_header_lines.c feeds a message header, as BODY.PEEK[HEADER] gives
 * it for h in the pager, to header_lines.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "header_lines.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char **lines;
	size_t n = 0, i;

	lines = header_lines((const char *)data, len, &n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return (0);
}
