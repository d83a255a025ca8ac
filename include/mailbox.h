/*
 * The message list of the open folder, owned by the UI thread.  Rows are
 * compact records whose strings live in one arena; they are shown in the
 * order the server sorted them (or, without SORT, the same order made
 * locally).  A row can be a placeholder: its UID and place are known, its
 * headers are still to be fetched.
 */
#ifndef TERN_MAILBOX_H
#define TERN_MAILBOX_H

#include <stddef.h>
#include <stdint.h>

#include "message.h"
#include "sort.h"
#include "strarena.h"
#include "uidmap.h"

/* 40 bytes a row (the Message-ID stays in the cache, journal.c). */
struct msgrow {
	uint32_t uid;
	uint32_t flags; /* MSG_*, MSG_UNLOADED */
	int64_t	 date;
	uint32_t size;
	uint32_t from; /* offsets into the mailbox's arena */
	uint32_t to;
	uint32_t subject;
	uint32_t from_key; /* sorts by from (sort.h) */
};

struct mailbox {
	char		 *name; /* display name, "/"-separated UTF-8 */
	uint32_t	  uidvalidity;
	struct sort_order sort;
	size_t		  n;	  /* rows shown: all, or those of the limit */
	size_t		  ntotal; /* rows in all, shown or not */
	size_t		  nheld;  /* of them, placeholders */
	/* Private: rows live in slots that never move, shown in order. */
	struct msgrow  *slots;
	size_t		nslots;
	size_t		capslots;
	uint32_t       *freeslots;
	size_t		nfree;
	size_t		capfree;
	uint32_t       *order;
	size_t		caporder;
	struct uidmap	byuid;
	struct strarena strs;
	uint32_t       *tree; /* by slot, in thread order (thread.h); or NULL */
	int		limited; /* only the rows of these UIDs are shown */
	uint32_t       *limit;	 /* sorted */
	size_t		nlimit;
	uint32_t       *view;	/* the slots shown, in order, when viewed */
	int		viewed; /* a limit or a folded thread hides rows */
	/* Threads shown as their first message alone (z), by its UID. */
	uint32_t *folded;  /* sorted */
	uint32_t *nhidden; /* of each, the rows hidden under it */
	size_t	  nfolded;
};

void mailbox_init(struct mailbox *, const char *, const struct sort_order *);
void mailbox_free(struct mailbox *);

/* The row shown at this index (< n); mailbox_get finds hidden ones. */
struct msgrow *mailbox_row(const struct mailbox *, size_t);
/* The row of a UID, or NULL. */
struct msgrow *mailbox_get(const struct mailbox *, uint32_t);
/*
 * Show only the rows of these UIDs (a search's answer), in the list's
 * order, the others kept; with NULL, every row again.  Rows that come
 * later are shown if the limit names them.
 */
void mailbox_limit(struct mailbox *, const uint32_t *, size_t);
/*
 * Show the thread that starts with this UID as that row alone (fold), or
 * whole again; in threads only (the tree says what a thread is).
 */
void mailbox_fold(struct mailbox *, uint32_t, int fold);
/* Fold every thread that has replies, or (fold 0) none. */
void mailbox_fold_all(struct mailbox *, int fold);
/* The rows a folded thread hides under its first message; 0 if none. */
size_t mailbox_folded_rows(const struct mailbox *, uint32_t);
/* The UID of the first message of the thread of the i-th row shown. */
uint32_t mailbox_thread_start(const struct mailbox *, size_t);
/* Where a UID is shown, or -1 (also when the limit hides it). */
long	    mailbox_pos(const struct mailbox *, uint32_t);
const char *mailbox_from(const struct mailbox *, const struct msgrow *);
const char *mailbox_to(const struct mailbox *, const struct msgrow *);
const char *mailbox_subject(const struct mailbox *, const struct msgrow *);

/*
 * The server's order: these UIDs, top row first.  Rows already there keep
 * what they have; the others are placeholders; rows not named are gone.
 */
void mailbox_set_order(struct mailbox *, const uint32_t *, size_t);
/*
 * Take fetched messages (their strings are freed): a row with the same UID
 * is filled in or replaced where it is, others go to their place in the
 * order.
 */
void mailbox_add(struct mailbox *, struct message *, size_t);
/*
 * The tree bits of the rows named (thread order), or with NULL none: the
 * list is flat again.  While it has them, new rows go on top (the bottom
 * with reverse-threads) and mailbox_sort leaves the order alone.
 */
void	 mailbox_set_tree(struct mailbox *, const uint32_t *, const uint32_t *,
	size_t);
uint32_t mailbox_tree(const struct mailbox *, const struct msgrow *);
/* Put every row in the mailbox's order, as the server would. */
void mailbox_sort(struct mailbox *);
/* Set (on) or clear a flag on every row. */
void mailbox_mark_all(struct mailbox *, uint32_t, int);
/* Drop the rows that have all of these flags; how many went. */
size_t mailbox_remove_flagged(struct mailbox *, uint32_t);
/* Remove a row; with out, as a message of its own (for putting back). */
int mailbox_remove(struct mailbox *, uint32_t, struct message *);
/* Rows whose flags include all of set and none of clear (placeholders
 * never count). */
size_t mailbox_count(const struct mailbox *, uint32_t, uint32_t);

#endif
