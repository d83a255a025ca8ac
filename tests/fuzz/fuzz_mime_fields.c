/*
 * fuzz_mime_fields.c feeds a raw header block to the list's field reader
 * (From, Subject, Date, Message-ID) and to the date parser.
 */
#include <string.h>

#include "fuzz.h"
#include "message.h"
#include "mime_fields.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct message m;

	memset(&m, 0, sizeof m);
	mime_fields_parse((const char *)data, len, &m);
	message_clear(&m);
	(void)mime_date((const char *)data, len);
	return (0);
}
