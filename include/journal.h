/*
 * The journal: every change the user makes (flags, copy, move, expunge) is
 * written here at the key press, before it is sent, and leaves only when
 * the server confirms it.  What is left at start-up, or when the session
 * comes back, is sent again; what the server refused stays, as "failed",
 * for the user to see.  Used by the UI thread only.
 */
#ifndef TERN_JOURNAL_H
#define TERN_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct journal;

enum journal_op {
	JOURNAL_STORE,
	JOURNAL_COPY,
	JOURNAL_MOVE,
	JOURNAL_EXPUNGE,
};

struct journal_entry {
	int64_t		id;
	enum journal_op op;
	char	       *folder; /* wire name */
	uint32_t	uidvalidity;
	char	       *target; /* wire name; COPY and MOVE */
	uint32_t       *uids;
	char	      **message_ids; /* one per UID, each may be NULL */
	size_t		nuids;
	uint32_t	add; /* STORE: MSG_* flags */
	uint32_t	remove;
	char	       *error; /* failed: the server's words */
	time_t		created;
};

/* NULL with *err set (caller frees) when the file cannot be used. */
struct journal *journal_open(const char *path, char **err);
void		journal_close(struct journal *);
/* Write an entry down; its id (> 0), or -1 if the disk said no. */
int64_t journal_add(struct journal *, const struct journal_entry *);
/* The server confirmed it. */
int journal_done(struct journal *, int64_t);
/* The server refused it: keep it, with why. */
int journal_fail(struct journal *, int64_t, const char *);
/* Pending (failed == 0) or failed entries, oldest first. */
size_t journal_load(struct journal *, int failed, struct journal_entry **);
/*
 * The Message-ID the cache has for a message, or NULL: the list does not
 * keep them in memory, and only a move or copy needs one.
 */
char *journal_message_id(struct journal *, const char *, uint32_t);
void  journal_entries_free(struct journal_entry *, size_t);
void  journal_entry_clear(struct journal_entry *);
/* Drop the failed entries (the user has seen them). */
int journal_clear_failed(struct journal *);

const char *journal_op_name(enum journal_op);

/* Leaf helpers, for the tests too. */
char *journal_uids_format(const uint32_t *, size_t);
int   journal_uids_parse(const char *, uint32_t **, size_t *);

#endif
