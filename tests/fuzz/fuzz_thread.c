/*
 * fuzz_thread.c feeds a THREAD answer's thread list to thread_parse and
 * draws the tree lines of every row it gives.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "thread.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct thread_order o;
	char		    buf[256];
	size_t		    i;
	int		    oldest;

	if (len == 0)
		return (0);
	oldest = data[0] & 1;
	if (thread_parse((const char *)data + 1, len - 1, oldest, &o) != 0 &&
	    o.n != 0)
		abort(); /* a refusal leaves nothing behind */
	for (i = 0; i < o.n; i++)
		if (thread_prefix(o.tree[i], buf, sizeof buf) >= sizeof buf)
			abort();
	thread_order_free(&o);
	return (0);
}
