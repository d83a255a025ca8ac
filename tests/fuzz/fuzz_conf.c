/*
 * fuzz_conf.c feeds the configuration parser (conf_parse) any bytes.  It
 * must never read a file or run a password-command: only the buffer.
 */
#include <stdlib.h>

#include "conf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct conf conf;
	char	   *err = NULL;

	conf_init(&conf);
	if (conf_parse(&conf, "fuzz", (const char *)data, len, &err) != 0 &&
	    err == NULL)
		abort(); /* a refusal always says why */
	free(err);
	conf_free(&conf);
	return (0);
}
