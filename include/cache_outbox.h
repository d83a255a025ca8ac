/*
 * Messages kept in the account's cache file while the IMAP server cannot
 * be reached: a sent message's copy for Sent, or a draft (an unsent
 * message or a postponed one), each to be APPENDed at the next login.
 * Holds message text and never a password.
 */
#ifndef TERN_CACHE_OUTBOX_H
#define TERN_CACHE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

struct outgoing;

struct outbox_item {
	long		 id;
	int		 role;	/* enum special_use */
	uint32_t	 flags; /* MSG_* for the APPEND */
	struct outgoing *out;	/* data, answered_*, draft_* */
};

/* Keep a message; 0, or -1 with *err set (the caller frees it). */
int cache_outbox_put(const char *path, int role, uint32_t flags,
    const struct outgoing *, char **err);
/* Every message kept, oldest first (0 when none, or no file). */
size_t cache_outbox_list(const char *path, struct outbox_item **);
/* Forget one once it is on the server. */
int  cache_outbox_remove(const char *path, long id);
void cache_outbox_free(struct outbox_item *, size_t);

#endif
