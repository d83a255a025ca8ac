/*
 * fuzz_draft.c feeds a draft file, as an editor left it, to draft_parse,
 * and what it accepts to draft_check and msg_build.  It holds them to
 * their promise: the message built is CRLF lines of 7-bit bytes, and no
 * value written in the file starts a header line of its own (the only
 * unfolded lines of the header are the fields msg_build writes).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draft.h"
#include "fuzz.h"
#include "msg_build.h"

static const char *fuzz_draft_fields[] = { "Date:", "From:", "Reply-To:", "To:",
	"Cc:", "Subject:", "Message-ID:", "MIME-Version:", "Content-Type:",
	"Content-Transfer-Encoding:", NULL };

static void
fuzz_draft_check(const char *s, size_t len)
{
	size_t i, k, start = 0;
	int    header = 1;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
			abort();
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			abort();
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			abort();
		if (s[i] != '\n')
			continue;
		if (header && i == start + 1)
			header = 0;
		else if (header && s[start] != ' ' && s[start] != '\t') {
			for (k = 0; fuzz_draft_fields[k] != NULL; k++) {
				if (strncasecmp(s + start, fuzz_draft_fields[k],
					strlen(fuzz_draft_fields[k])) == 0)
					break;
			}
			if (fuzz_draft_fields[k] == NULL)
				abort();
		}
		start = i + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct msg_built m;
	struct draft	 d;
	char		*err, *again;
	size_t		 n;

	draft_init(&d);
	if (draft_parse(&d, (const char *)data, len, &err) != 0) {
		free(err);
		draft_free(&d);
		return (0);
	}
	/* What was read writes and reads back the same. */
	again = draft_write(&d, &n);
	if (draft_parse(&d, again, n, &err) != 0)
		abort();
	free(again);
	if (msg_build(&d, 1700000000, 0, &m, &err) == 0) {
		fuzz_draft_check(m.data, m.len);
		msg_built_free(&m);
	} else
		free(err);
	draft_free(&d);
	return (0);
}
