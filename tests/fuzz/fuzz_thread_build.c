/*
 * fuzz_thread_build.c feeds messages, one "Message-ID References..." a
 * line, to thread_build, as a folder's headers give them on a server
 * without THREAD; every message must come out exactly once.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "thread.h"

#define FUZZ_MSGS 512

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct thread_msg   m[FUZZ_MSGS];
	struct thread_order o;
	char		   *text, *line, *sp, *last;
	unsigned char	    seen[FUZZ_MSGS + 1];
	size_t		    n = 0, i;

	text = fuzz_strndup(data, len);
	for (line = strtok_r(text, "\n", &last); line != NULL && n < FUZZ_MSGS;
	     line = strtok_r(NULL, "\n", &last)) {
		m[n].uid = (uint32_t)n + 1;
		m[n].date = (int64_t)(line[0] & 7);
		m[n].msgid = line;
		m[n].refs = NULL;
		if ((sp = strchr(line, ' ')) != NULL) {
			*sp = '\0';
			m[n].refs = sp + 1;
		}
		n++;
	}
	thread_build(m, n, n & 1, &o);
	if (o.n != n)
		abort();
	memset(seen, 0, sizeof seen);
	for (i = 0; i < o.n; i++) {
		if (o.uids[i] == 0 || o.uids[i] > n || seen[o.uids[i]])
			abort();
		seen[o.uids[i]] = 1;
	}
	thread_order_free(&o);
	free(text);
	return (0);
}
