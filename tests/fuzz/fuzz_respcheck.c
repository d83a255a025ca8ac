/*
 * fuzz_respcheck.c feeds server bytes to the response checker in chunks
 * of random sizes, and checks that the verdict does not depend on how the
 * bytes were cut: a checker a server can get round by splitting a
 * response across reads would protect nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "respcheck.h"

/* The verdict on the bytes fed in chunks cut by the seed (0: at once). */
static int
fuzz_feed(const char *p, size_t len, uint32_t seed)
{
	struct respcheck rc;
	size_t		 n;
	int		 r = 0;

	respcheck_init(&rc, 4096);
	while (len > 0 && r == 0) {
		if (seed == 0)
			n = len;
		else {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			n = 1 + seed % (seed & 0x100 ? 3 : 64);
			if (n > len)
				n = len;
		}
		r = respcheck_feed(&rc, p, n);
		p += n;
		len -= n;
	}
	/* Once refused, refused for good. */
	if (r != 0 && respcheck_feed(&rc, "\r\n", 2) == 0)
		abort();
	return (r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	uint32_t seed;

	if (len < 4)
		return (0);
	memcpy(&seed, data, 4);
	seed |= 1;
	if (fuzz_feed((const char *)data + 4, len - 4, 0) !=
	    fuzz_feed((const char *)data + 4, len - 4, seed))
		abort();
	return (0);
}
