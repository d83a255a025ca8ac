/*
 * fuzz_mutf7.c feeds modified UTF-7 both ways and checks that what one
 * direction makes, the other undoes.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mutf7.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *dec, *enc, *back;

	/* A mailbox name from the server. */
	if ((dec = mutf7_decode((const char *)data, len)) != NULL) {
		if ((enc = mutf7_encode(dec, strlen(dec))) != NULL) {
			back = mutf7_decode(enc, strlen(enc));
			if (back == NULL || strcmp(back, dec) != 0)
				abort();
			free(back);
			free(enc);
		}
		free(dec);
	}
	/* A name typed by the user, going to the server. */
	if ((enc = mutf7_encode((const char *)data, len)) != NULL) {
		back = mutf7_decode(enc, strlen(enc));
		if (memchr(data, '\0', len) == NULL &&
		    (back == NULL || strlen(back) != len ||
			memcmp(back, data, len) != 0))
			abort();
		free(back);
		free(enc);
	}
	return (0);
}
