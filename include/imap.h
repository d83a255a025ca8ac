/*
 * One IMAP session: connect, authenticate, list, select, fetch, store,
 * move.  Blocking calls, made only from an account's worker thread.  No
 * libetpan type crosses this header, so nothing above it can depend on one.
 */
#ifndef TERN_IMAP_H
#define TERN_IMAP_H

#include <stddef.h>
#include <stdint.h>

#include "message.h"
#include "special_use.h"
#include "sort.h"

struct account;
struct imap;
struct query;
struct thread_order;
struct mime_part;

enum imap_error_kind {
	IMAP_OK,
	IMAP_ERR_CONNECT, /* could not reach or talk to the server */
	IMAP_ERR_CERT,	  /* certificate refused; see host, fingerprint */
	IMAP_ERR_AUTH,	  /* the server refused the credentials */
	IMAP_ERR_REFUSED, /* unsafe to log in (no TLS, LOGINDISABLED) */
	IMAP_ERR_SESSION, /* the session broke: closed, timeout, garbage */
	IMAP_ERR_NO,	  /* the server said NO or BAD; session is fine */
};

struct imap_error {
	enum imap_error_kind kind;
	char		    *text;
	char		    *fingerprint;
};

struct imap_body {
	char		 *text; /* the shown part, decoded to UTF-8 */
	int		  html; /* text is HTML, still to be rendered */
	char		 *from, *to, *cc, *date, *subject;
	struct mime_part *parts; /* every part (mime_parts.h) */
	size_t		  nparts;
};

struct imap_flag_change {
	uint32_t uid;
	uint32_t flags;
};

/* What other clients did to the selected folder, in UIDs. */
struct imap_changes {
	uint32_t		*expunged;
	size_t			 nexpunged;
	struct imap_flag_change *flags;
	size_t			 nflags;
	int			 new_mail; /* EXISTS grew: fetch the new rows */
	int			 resync;   /* flags ambiguous: fetch them all */
};

/* A LIST row: wire name, delimiter, flags (IMAP_LIST_*). */
typedef void imap_list_cb(void *, const char *, char, int);
#define IMAP_LIST_NOSELECT 0x1 /* \Noselect or \NonExistent */
/* Its SPECIAL-USE role, an enum special_use. */
#define IMAP_LIST_ROLE(flags) (((flags) >> 4) & 0xf)
/* A folder's wire name, its message count and its unseen count. */
typedef void imap_status_cb(void *, const char *, uint32_t, uint32_t);
typedef void imap_headers_cb(void *, struct message *, size_t);

struct imap *imap_new(const struct account *);
void	     imap_free(struct imap *);
/*
 * Start the TCP connection and TLS handshake that the first imap_connect
 * will take, on a thread of their own, before the thread that owns the
 * session is running.
 */
void imap_dial(struct imap *);
void imap_error_clear(struct imap_error *);
int  imap_is_connected(const struct imap *);
int  imap_has_capability(const struct imap *, const char *);

/* imap.c */
int imap_connect(struct imap *, struct imap_error *);
int imap_login(struct imap *, const char *, struct imap_error *);
/* Log in with an OAuth 2.0 access token (XOAUTH2 or OAUTHBEARER). */
int  imap_login_oauth(struct imap *, const char *, struct imap_error *);
void imap_logout(struct imap *);
int  imap_select(struct imap *, const char *, uint32_t *, uint32_t *,
     struct imap_error *);
/*
 * imap_folders.c: LIST "" "*"; with a status callback, the counts of
 * every folder as well, in the same command where the server offers
 * LIST-STATUS, else by STATUS commands sent together after it.
 */
int imap_list(struct imap *, imap_list_cb *, imap_status_cb *, void *,
    struct imap_error *);
/*
 * STATUS (MESSAGES UNSEEN) of these folders, all written before the first
 * answer is read.  A folder the server refuses is left out.
 */
int imap_status_many(struct imap *, const char *const *, size_t,
    imap_status_cb *, void *, struct imap_error *);
/*
 * SELECT a folder whose rows are cached under this UIDVALIDITY and
 * HIGHESTMODSEQ: with QRESYNC (RFC 7162) the answer carries what changed,
 * and imap_fetch_changed_flags needs no FETCH.  A plain imap_select
 * otherwise.
 */
int	    imap_select_known(struct imap *, const char *, uint32_t, uint64_t,
	    uint32_t *, uint32_t *, struct imap_error *);
const char *imap_selected(const struct imap *);
/* Whether the last SELECT (QRESYNC) said already which flags changed. */
int imap_changes_known(const struct imap *);
/* HIGHESTMODSEQ of the selected folder, 0 without CONDSTORE. */
uint64_t imap_highestmodseq(const struct imap *);

/* imap_fetch.c */
int  imap_fetch_body(struct imap *, uint32_t, struct imap_body *,
     struct imap_error *);
void imap_body_clear(struct imap_body *);
/*
 * BODY.PEEK[section] of one message, the section as a path of part
 * numbers (2.1 is {2, 1}): the bytes as the server sent them, still in
 * their transfer encoding, NUL-terminated, in *data.
 */
int imap_fetch_section(struct imap *, uint32_t, const uint32_t *, size_t,
    char **, size_t *, struct imap_error *);
/*
 * The message as the server has it, on an explicit request only: its
 * header (BODY.PEEK[HEADER]) or, with whole, all of it (BODY.PEEK[]).
 * *out is NUL-terminated and may hold NULs; *len is its length.
 */
int imap_fetch_source(struct imap *, uint32_t, int whole, char **, size_t *,
    struct imap_error *);
/* The list headers of the newest n messages to arrive (the top of the
 * sequence numbers). */
int imap_fetch_newest(struct imap *, uint32_t, imap_headers_cb *, void *,
    struct imap_error *);
/*
 * The list headers of these UIDs, chunk at a time, with the next UID
 * FETCH sent before the answer to the last one is read.
 */
int imap_fetch_pipelined(struct imap *, const uint32_t *, size_t, size_t,
    imap_headers_cb *, void *, struct imap_error *);
/* The list headers of these UIDs, in one UID FETCH. */
int imap_fetch_uids(struct imap *, const uint32_t *, size_t, imap_headers_cb *,
    void *, struct imap_error *);

/*
 * imap_order.c: every UID of the selected folder in this order, top row
 * first; *sorted is 0 when the server could not sort so (arrival order
 * came back instead).  In thread order, the tree bits of each row
 * (thread.h) in *tree, unless tree is NULL; *tree is NULL when the server
 * has no THREAD=REFERENCES.  Fills the sequence-number map.
 */
int imap_order(struct imap *, const struct sort_order *, uint32_t **, size_t *,
    uint32_t **, int *, struct imap_error *);

/* imap_store.c */
int imap_store(struct imap *, const uint32_t *, size_t, uint32_t, uint32_t,
    struct imap_error *);
int imap_copy(struct imap *, const uint32_t *, size_t, const char *,
    struct imap_error *);
int imap_move(struct imap *, const uint32_t *, size_t, const char *,
    struct imap_error *);
int imap_expunge(struct imap *, const uint32_t *, size_t, struct imap_error *);

/*
 * imap_append.c: APPEND the message to a folder (wire name) with these
 * MSG_* flags.  Where the server has UIDPLUS, *uidvalidity and *uid are
 * the new message's (APPENDUID); else both are 0.  Either may be NULL.
 * Any folder, selected or not; the selected one stays selected.
 */
int imap_append(struct imap *, const char *, uint32_t, const char *, size_t,
    uint32_t *, uint32_t *, struct imap_error *);

/* imap_mailbox.c: the folders themselves, by their wire names. */
enum imap_mailbox_op {
	IMAP_MAILBOX_CREATE,
	IMAP_MAILBOX_RENAME, /* to the second name */
	IMAP_MAILBOX_DELETE,
	IMAP_MAILBOX_SUBSCRIBE,
	IMAP_MAILBOX_UNSUBSCRIBE,
};
int imap_mailbox_change(struct imap *, enum imap_mailbox_op, const char *,
    const char *, struct imap_error *);
/* LSUB "" "*": the subscribed folders' wire names (the caller frees). */
int imap_lsub(struct imap *, char ***, size_t *, struct imap_error *);
/*
 * The first personal namespace (RFC 2342): its prefix (the caller frees)
 * and delimiter; -1 when the server has none or no NAMESPACE.
 */
int imap_personal_namespace(struct imap *, char **, char *);
/*
 * GETQUOTAROOT INBOX: the resource nearest its limit (the caller frees
 * its name; NULL when there is no limit), its usage and its limit.
 */
int imap_quota(struct imap *, char **, uint32_t *, uint32_t *,
    struct imap_error *);

/* imap_search.c: which of these UIDs the selected folder still has. */
int imap_search_uids(struct imap *, const uint32_t *, size_t, uint32_t **,
    size_t *, struct imap_error *);
/*
 * The UIDs of the selected folder's messages that match a query (query.h),
 * with CHARSET UTF-8 when a string in it is not ASCII.
 */
int imap_search_query(struct imap *, const struct query *, uint32_t **,
    size_t *, struct imap_error *);
/* The UID of a message with this Message-ID in the selected folder, or 0. */
int imap_search_message_id(struct imap *, const char *, uint32_t *,
    struct imap_error *);

/* imap_sync.c */
void imap_changes_take(struct imap *, struct imap_changes *);
void imap_changes_clear(struct imap_changes *);
int  imap_fetch_new(struct imap *, imap_headers_cb *, void *,
     struct imap_error *);
int  imap_noop(struct imap *, struct imap_error *);
/* UID FETCH 1:* (FLAGS): every message's flags, into the changes. */
int imap_resync_flags(struct imap *, struct imap_error *);
/*
 * FETCH 1:* (UID FLAGS): every message's UID and flags, lowest UID first
 * (the caller frees *out).  The cheap half of opening a cached folder.
 */
int imap_fetch_all_flags(struct imap *, struct imap_flag_change **, size_t *,
    struct imap_error *);
/*
 * With CONDSTORE: every UID (UID SEARCH ALL, which also fills the number
 * map) and the flags of only those changed since modseq.
 */
int imap_fetch_changed_flags(struct imap *, uint64_t, uint32_t **, size_t *,
    struct imap_flag_change **, size_t *, struct imap_error *);
int imap_idle_start(struct imap *, struct imap_error *);
int imap_idle_done(struct imap *, struct imap_error *);
/* The socket to poll while idle, and whether data is already buffered. */
int imap_fd(const struct imap *);
int imap_buffered(const struct imap *);

#endif
