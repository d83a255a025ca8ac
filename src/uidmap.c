/*
 * uidmap.c owns the UID hash map: linear probing at most half full, and
 * deletion by shifting the entries after a hole back, so no tombstones
 * slow lookups down after many expunges.
 */
#include <stdlib.h>
#include <string.h>

#include "uidmap.h"
#include "xmalloc.h"

void
uidmap_init(struct uidmap *m)
{
	memset(m, 0, sizeof *m);
}

void
uidmap_free(struct uidmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static size_t
uidmap_hash(uint32_t uid, size_t cap)
{
	/*
	 * UIDs come in dense ascending runs, and the list walks them nearly
	 * in order: keeping neighbours together keeps a 100,000-row walk in
	 * the cache.  The high bits are folded in for sparse UIDs.
	 */
	return ((size_t)(uid ^ (uid >> 17)) & (cap - 1));
}

static void
uidmap_grow(struct uidmap *m, size_t want)
{
	uint32_t *keys = m->keys, *vals = m->vals;
	size_t	  i, j, cap = m->cap;

	m->cap = cap == 0 ? 64 : cap;
	while (m->cap < want * 2)
		m->cap *= 2;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xreallocarray(NULL, m->cap, sizeof *m->vals);
	for (i = 0; i < cap; i++) {
		if (keys[i] == 0)
			continue;
		j = uidmap_hash(keys[i], m->cap);
		while (m->keys[j] != 0)
			j = (j + 1) & (m->cap - 1);
		m->keys[j] = keys[i];
		m->vals[j] = vals[i];
	}
	free(keys);
	free(vals);
}

void
uidmap_put(struct uidmap *m, uint32_t uid, uint32_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		uidmap_grow(m, m->n + 1);
	i = uidmap_hash(uid, m->cap);
	while (m->keys[i] != 0 && m->keys[i] != uid)
		i = (i + 1) & (m->cap - 1);
	if (m->keys[i] == 0)
		m->n++;
	m->keys[i] = uid;
	m->vals[i] = val;
}

void
uidmap_reserve(struct uidmap *m, size_t n)
{
	if (n * 2 > m->cap)
		uidmap_grow(m, n);
}

int
uidmap_get(const struct uidmap *m, uint32_t uid, uint32_t *val)
{
	size_t i;

	if (m->cap == 0 || uid == 0)
		return (-1);
	i = uidmap_hash(uid, m->cap);
	while (m->keys[i] != 0) {
		if (m->keys[i] == uid) {
			*val = m->vals[i];
			return (0);
		}
		i = (i + 1) & (m->cap - 1);
	}
	return (-1);
}

void
uidmap_del(struct uidmap *m, uint32_t uid)
{
	size_t i, j, home, mask = m->cap - 1;

	if (m->cap == 0 || uid == 0)
		return;
	i = uidmap_hash(uid, m->cap);
	while (m->keys[i] != uid) {
		if (m->keys[i] == 0)
			return;
		i = (i + 1) & mask;
	}
	m->keys[i] = 0;
	m->n--;
	/* Pull back every entry that probed past the hole. */
	for (j = (i + 1) & mask; m->keys[j] != 0; j = (j + 1) & mask) {
		home = uidmap_hash(m->keys[j], m->cap);
		if (((j - home) & mask) < ((j - i) & mask))
			continue;
		m->keys[i] = m->keys[j];
		m->vals[i] = m->vals[j];
		m->keys[j] = 0;
		i = j;
	}
}
