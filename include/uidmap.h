/*
 * A hash map from UID to a 32-bit value (the message list's slot numbers):
 * open addressing, so a 100,000-row folder is two flat arrays.  UID 0 is
 * never a key (IMAP UIDs start at 1).
 */
#ifndef TERN_UIDMAP_H
#define TERN_UIDMAP_H

#include <stddef.h>
#include <stdint.h>

struct uidmap {
	uint32_t *keys; /* 0: empty */
	uint32_t *vals;
	size_t	  cap; /* a power of two, or 0 */
	size_t	  n;
};

void uidmap_init(struct uidmap *);
void uidmap_free(struct uidmap *);
void uidmap_put(struct uidmap *, uint32_t, uint32_t);
/* Room for n keys without growing again (one rehash, not many). */
void uidmap_reserve(struct uidmap *, size_t);
/* 0 and the value in *val if the UID is there, else -1. */
int  uidmap_get(const struct uidmap *, uint32_t, uint32_t *);
void uidmap_del(struct uidmap *, uint32_t);

#endif
