/*
 * fuzz_account.c feeds the account URL parser (account_set_url) any
 * string.  It must never connect anywhere.
 */
#include <stdlib.h>

#include "conf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct account *a;
	char	       *url, *err = NULL;

	url = fuzz_strndup(data, len);
	a = account_new("fuzz");
	if (account_set_url(a, url, &err) == 0) {
		if (a->host == NULL || a->port == NULL || a->user == NULL)
			abort(); /* a URL taken gives all three */
	} else if (err == NULL)
		abort();
	free(err);
	account_free(a);
	free(url);
	return (0);
}
