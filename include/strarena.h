/*
 * Many small strings in one growing buffer, named by offsets: the message
 * list keeps its senders and subjects here, so that 100,000 rows cost one
 * allocation and no per-string overhead.  Offset 0 is always "".
 */
#ifndef TERN_STRARENA_H
#define TERN_STRARENA_H

#include <stddef.h>
#include <stdint.h>

struct strarena {
	char  *buf;
	size_t len;
	size_t cap;
	size_t waste; /* bytes of strings forgotten, for compaction */
};

void strarena_init(struct strarena *);
void strarena_free(struct strarena *);
/* Copy s in (NULL and "" are offset 0). */
uint32_t    strarena_add(struct strarena *, const char *);
const char *strarena_get(const struct strarena *, uint32_t);
/* The string at this offset is no longer used. */
void strarena_forget(struct strarena *, uint32_t);

#endif
