/*
 * outgoing.c owns struct outgoing's memory.  It must never send, store or
 * look inside the message: that is the worker's (worker_send.c).
 */
#include <stdlib.h>
#include <string.h>

#include "outgoing.h"

void
outgoing_free(struct outgoing *o)
{
	size_t i;

	if (o == NULL)
		return;
	free(o->from);
	for (i = 0; i < o->nrcpts; i++)
		free(o->rcpts[i]);
	free(o->rcpts);
	if (o->data != NULL) {
		/* A draft may be private: leave no copy in freed memory. */
		explicit_bzero(o->data, o->len);
		free(o->data);
	}
	free(o->answered_folder);
	free(o->draft_folder);
	free(o);
}
