/*
 * The header and body cache of one account, used by the worker thread
 * only.  It keeps what the server last said about each folder: the list
 * rows by (folder, UID) under the folder's UIDVALIDITY, and the text of
 * every message opened, so that both stay readable offline.  Every call
 * takes a NULL cache (no cache file could be opened) and does nothing.
 */
#ifndef TERN_CACHE_H
#define TERN_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "message.h"
#include "sort.h"
#include "thread.h"

struct cache;

struct cache_folder {
	char	*wire;
	char	 delim;
	int	 noselect;
	uint32_t messages;
	uint32_t unseen;
};

struct cache_body {
	char *text;
	char *from, *to, *cc, *date, *subject;
};

/*
 * cache_open's cache_put hands its rows to a thread of its own
 * (cache_writer.c) and returns; cache_open_direct's writes them at once.
 */
struct cache *cache_open(const char *path, char **err);
struct cache *cache_open_direct(const char *path, char **err);
void	      cache_close(struct cache *);

/* LIST and STATUS answers; cache_folders gives them back. */
void cache_folders_replace(struct cache *, const struct cache_folder *, size_t);
void cache_folder_counts(struct cache *, const char *, uint32_t, uint32_t);
size_t cache_folders(struct cache *, struct cache_folder **);
/*
 * The last thread order of a folder (thread.h), for a warm open in
 * threads: kept, and read back under the same UIDVALIDITY (0 rows else).
 */
void cache_put_threads(struct cache *, const char *, uint32_t, const uint32_t *,
    const uint32_t *, size_t);
size_t cache_threads(struct cache *, const char *, uint32_t, uint32_t **,
    uint32_t **);
/*
 * Threads made from the cached rows' Message-IDs and References, for a
 * server without THREAD: every UID given, in thread order (thread.h).
 */
void cache_thread_build(struct cache *, const char *, const uint32_t *, size_t,
    int, struct thread_order *);
void cache_folders_free(struct cache_folder *, size_t);

/*
 * A folder was selected with this UIDVALIDITY.  Returns 1 when the cache
 * held it under another one and has dropped its rows, else 0.
 */
int cache_select(struct cache *, const char *, uint32_t);
/* The UIDVALIDITY the folder's rows are under, 0 if none. */
uint32_t cache_uidvalidity(struct cache *, const char *);
/* The HIGHESTMODSEQ the rows are up to date with (CONDSTORE), 0: unknown. */
uint64_t cache_modseq(struct cache *, const char *);
void	 cache_set_modseq(struct cache *, const char *, uint64_t);

/* Fetched rows, one transaction a chunk. */
void cache_put(struct cache *, const char *, const struct message *, size_t);
/* Set each message's flags to the given ones (uid and flags only). */
void cache_set_flags(struct cache *, const char *, const struct message *,
    size_t);
/* Add and remove flags on these UIDs (our own STORE, confirmed). */
void cache_change_flags(struct cache *, const char *, const uint32_t *, size_t,
    uint32_t, uint32_t);
void cache_remove(struct cache *, const char *, const uint32_t *, size_t);
/* Every cached UID of a folder in this order, top first, with its flags. */
size_t cache_order(struct cache *, const char *, const struct sort_order *,
    uint32_t **, uint32_t **);
/* The cached rows of these UIDs, in the same order (missing ones left out). */
size_t cache_rows(struct cache *, const char *, const uint32_t *, size_t,
    struct message **);

void cache_body_put(struct cache *, const char *, uint32_t,
    const struct cache_body *);
/* 0 and the body (caller clears it), or -1 when it is not cached. */
int cache_body_get(struct cache *, const char *, uint32_t, struct cache_body *);
void cache_body_clear(struct cache_body *);

#endif
