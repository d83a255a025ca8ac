/*
 * fuzz_mime_fields.c feeds a raw header block to the list's field reader
 * (From, To, Subject, Date, Message-ID, References) and to the date
 * parser, and aborts when the fast readers of From, To and Date give
 * anything but what libetpan's parser leads to.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "message.h"
#include "mime_fields.h"
#include "mime_fields_fast.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *s = (const char *)data;

	if (mime_fields_differ(s, len) != NULL)
		abort();
	if (mime_date(s, len) != mime_date_slow(s, len))
		abort();
	return (0);
}
