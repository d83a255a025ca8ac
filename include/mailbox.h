/*
 * The message list of the open folder, in display order (highest UID first,
 * which is arrival order, newest on top).  Owned by the UI thread.
 */
#ifndef TERN_MAILBOX_H
#define TERN_MAILBOX_H

#include <stddef.h>
#include <stdint.h>

#include "message.h"

struct mailbox {
	char	       *name; /* display name, "/"-separated UTF-8 */
	uint32_t	uidvalidity;
	struct message *msgs;
	size_t		n;
	size_t		cap;
};

void mailbox_init(struct mailbox *, const char *);
void mailbox_free(struct mailbox *);
/*
 * Take the messages (their strings move into the mailbox), sorted; one
 * with the UID of a row already there replaces that row.
 */
void mailbox_add(struct mailbox *, struct message *, size_t);
/* Set (on) or clear a flag on every row. */
void mailbox_mark_all(struct mailbox *, uint32_t, int);
/* Drop the rows that have all of these flags; how many went. */
size_t mailbox_remove_flagged(struct mailbox *, uint32_t);
/* Index of a UID, or -1. */
long mailbox_find(const struct mailbox *, uint32_t);
/* Remove the row with this UID into *out (if not NULL); 0 if found. */
int mailbox_remove(struct mailbox *, uint32_t, struct message *);
/* Insert one message at its place in the order (the strings move). */
void   mailbox_insert(struct mailbox *, struct message *);
size_t mailbox_count(const struct mailbox *, uint32_t, uint32_t);

#endif
