/*
 * fuzz_mailcap.c feeds a mailcap file to mailcap_parse, and expands the
 * view command of each entry for a path and a type, as Enter on a part
 * does.  No test= command is run: mailcap_find would run them.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mailcap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mailcap mc;
	size_t	       i;

	mailcap_init(&mc);
	mailcap_parse(&mc, (const char *)data, len);
	for (i = 0; i < mc.n; i++) {
		(void)mailcap_matches(&mc.entries[i], "image/png");
		free(mailcap_expand(mc.entries[i].view, "image/png",
		    "/tmp/tern-x/part.png"));
		free(mailcap_expand(mc.entries[i].view, "bad type;",
		    "/tmp/it's here"));
	}
	mailcap_free(&mc);
	return (0);
}
