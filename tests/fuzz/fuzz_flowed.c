/*
 * fuzz_flowed.c feeds a format=flowed body (RFC 3676) to flowed_unwrap,
 * with DelSp from the first byte.
 */
#include <stdlib.h>

#include "flowed.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	if (len == 0)
		return (0);
	free(flowed_unwrap((const char *)data + 1, len - 1, data[0] & 1));
	return (0);
}
