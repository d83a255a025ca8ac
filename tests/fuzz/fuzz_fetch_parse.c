/*
 * fuzz_fetch_parse.c feeds one FETCH response, literals inline, to the
 * fill's parser and to libetpan's (fetch_ref.h): where both read a row,
 * the rows must be the same, but for their flags: libetpan reads a flag
 * by its first letters ("\SeenX" is \Seen to it); test_fetch_parse
 * holds the flags of well-formed lists to libetpan's.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../unit/fetch_ref.h"

/*
 * libetpan allocates what a literal's count says before it looks for the
 * CRLF after it: "{99999999999}" then no CRLF asks it for gigabytes.  The
 * stream's check and the fill's parser refuse such counts; the reference
 * is not asked.
 */
static int
fuzz_huge_count(const uint8_t *data, size_t len)
{
	size_t i, digits;

	for (i = 0; i < len; i++) {
		if (data[i] != '{')
			continue;
		for (digits = 0; i + 1 + digits < len &&
		     data[i + 1 + digits] >= '0' && data[i + 1 + digits] <= '9';
		     digits++)
			;
		if (digits > 6)
			return (1);
	}
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct message fast, ref;
	uint32_t       fseq = 0, rseq = 0;
	int	       f, r;

	memset(&ref, 0, sizeof ref);
	f = imap_fetch_parse((const char *)data, len, &fseq, &fast);
	r = fuzz_huge_count(data, len) ?
	    -1 :
	    fetch_ref_parse((const char *)data, len, &rseq, &ref);
	if (f == 0 && r == 0) {
		ref.flags = fast.flags;
		if (fseq != rseq || !fetch_ref_same(&fast, &ref))
			abort();
	}
	message_clear(&fast);
	message_clear(&ref);
	return (0);
}
