/*
 * The thread that writes the rows of the fill into the cache, so that the
 * worker parses the next chunk meanwhile.  cache.c is its only user: it
 * hands cache_put's rows over and waits for them before any other use
 * of the cache file, so that every read and write keeps its order.
 */
#ifndef TERN_CACHE_WRITER_H
#define TERN_CACHE_WRITER_H

#include <stddef.h>

#include "message.h"

struct cache_writer;

/* A writer with its own connection to the file; NULL if none can be had. */
struct cache_writer *cache_writer_start(const char *path);
/* A copy of the rows is written later; waits if many are waiting. */
void cache_writer_put(struct cache_writer *, const char *folder,
    const struct message *, size_t);
/* Every row handed over is committed. */
void cache_writer_wait(struct cache_writer *);
/* Write what is left, and end the thread. */
void cache_writer_stop(struct cache_writer *);

#endif
