/*
 * fuzz_rfc2047.c feeds header text to the RFC 2047 encoded-word decoder,
 * then to the sanitizer as the list and the pager do.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "rfc2047.h"
#include "sanitize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *dec, *safe;

	dec = rfc2047_decode((const char *)data, len);
	safe = sanitize_str(dec, 0);
	(void)sanitize_width(safe);
	free(safe);
	free(dec);
	return (0);
}
