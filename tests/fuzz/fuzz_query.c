/*
 * fuzz_query.c feeds a search as typed at "/" to query_parse, and holds
 * it to its promise: a query with CR, LF or NUL is always refused, so
 * none can end the SEARCH command it goes into.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "query.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct query_error err;
	struct query	  *q;

	q = query_parse((const char *)data, len, &err);
	if (q != NULL &&
	    (memchr(data, '\r', len) != NULL ||
		memchr(data, '\n', len) != NULL ||
		memchr(data, '\0', len) != NULL))
		abort();
	if (q == NULL && err.pos > len)
		abort();
	if (q != NULL)
		(void)query_needs_charset(q);
	query_free(q);
	return (0);
}
