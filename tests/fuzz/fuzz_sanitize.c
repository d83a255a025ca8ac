/*
 * fuzz_sanitize.c feeds the terminal sanitizer any bytes and checks what
 * it promises: valid UTF-8 with nothing a terminal would act on.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sanitize.h"

static int
fuzz_inert(unsigned int cp, int flags)
{
	if (cp == '\n')
		return ((flags & SANITIZE_NEWLINES) != 0);
	if (cp == '\t')
		return ((flags & SANITIZE_TABS) != 0);
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return (0);
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return (0);
	return (1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	    *out;
	size_t	     i, n, olen;
	unsigned int cp;
	int	     flags;

	if (len == 0)
		return (0);
	flags = data[0] & (SANITIZE_NEWLINES | SANITIZE_TABS);
	out = sanitize((const char *)data + 1, len - 1, flags);
	olen = strlen(out);
	for (i = 0; i < olen; i += n) {
		n = sanitize_utf8_decode(out + i, olen - i, &cp);
		if (n == 0 || !fuzz_inert(cp, flags))
			abort();
	}
	(void)sanitize_width(out);
	free(out);
	return (0);
}
