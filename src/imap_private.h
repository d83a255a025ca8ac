/* What the imap*.c files share about a session; nothing else includes it. */
#ifndef TERN_IMAP_PRIVATE_H
#define TERN_IMAP_PRIVATE_H

#include <libetpan/libetpan.h>

#include "imap.h"

struct imap {
	const struct account *account;
	mailimap	     *session;
	char		     *selected;	     /* wire name, or NULL */
	uint64_t	      highestmodseq; /* of selected; 0: no CONDSTORE */
	int		      qresync;	     /* ENABLE QRESYNC was accepted */
	/*
	 * A SELECT with QRESYNC answers the flags changed since the cached
	 * state; kept here for imap_fetch_changed_flags, which then needs no
	 * FETCH of its own.
	 */
	struct imap_flag_change *qr_flags;
	size_t			 qr_nflags;
	int			 qr_valid;
	/*
	 * The UID of each message by sequence number - 1, so that EXPUNGE
	 * and unsolicited FETCH (which name sequence numbers) can be turned
	 * into UIDs.  0 where not yet fetched.
	 */
	uint32_t	   *seq;
	size_t		    nseq;
	struct imap_changes changes; /* gathered since the last take */
	struct imap_dial   *dial;    /* the first connection, on its way */
};

/*
 * Turn a libetpan result into an error.  A broken stream or a response
 * libetpan could not parse ends the session; a NO or BAD does not.
 * Returns -1, so callers can "return (imap_fail(...))".
 */
int imap_fail(struct imap *, int, const char *, struct imap_error *);
/*
 * imap_answer.c: read one answer to a command of several sent at once, up
 * to whichever tagged line comes: its tag in *tag, its state
 * (MAILIMAP_RESP_COND_STATE_*) in *state.  LIST and STATUS data go to the
 * callbacks (each may be NULL); the rest is in the session's response
 * info, fresh for this answer, as libetpan's own commands leave it, for
 * the caller to take what is its own before imap_sync_collect.  A libetpan
 * error code; a tag that is not a number is a parse error.
 */
struct imap_keep {
	imap_list_cb   *list;
	imap_status_cb *status;
	void	       *arg;
};
int imap_read_any(struct imap *, const struct imap_keep *, long *, int *);
/* The same, with the answer's first line already in the session's buffer. */
int imap_parse_any(struct imap *, const struct imap_keep *, long *, int *);
/* IMAP_LIST_* flags of a LIST row: noselect, and its SPECIAL-USE role. */
int imap_list_flags(struct mailimap_mbx_list_flags *);
/* Fill err with this kind and text (taken); returns -1. */
int imap_error(struct imap_error *, enum imap_error_kind, char *);
/* imap_store.c: a flag list of MSG_* flags, for STORE and APPEND. */
struct mailimap_flag_list *imap_flags_to_list(uint32_t);
/* A set of UIDs for a command (sorted, compressed into ranges). */
struct mailimap_set *imap_uid_set(const uint32_t *, size_t);
/*
 * imap_sync.c: after every command in the selected state, turn what the
 * server said unasked (EXPUNGE, FETCH, EXISTS) into changes.
 */
void imap_sync_collect(struct imap *);
/*
 * The most messages a folder may claim: the number map takes 4 bytes a
 * message, and a hostile EXISTS must not make tern allocate 16 GiB.
 */
#define IMAP_MAX_EXISTS (1U << 24)
/* 0, or -1 with the session ended for an EXISTS over IMAP_MAX_EXISTS. */
int  imap_sync_check_exists(struct imap *, uint32_t);
void imap_sync_reset(struct imap *, uint32_t);
void imap_sync_set(struct imap *, uint32_t, uint32_t);
/* The UID and flags of each FETCH answer, in order; frees the list. */
void imap_sync_flag_list(struct imap *, clist *, struct imap_flag_change **,
    size_t *);
/*
 * imap_fetch.c: send a FETCH (UID FETCH with by_uid) of the list headers
 * of this set, which it frees, after the next tag; not flushed.
 */
int imap_fetch_headers_send(struct imap *, struct mailimap_set *, int);
/*
 * imap_fetch.c: a row from libetpan's FETCH result; and the last touches
 * every row gets, whoever parsed it (the date from INTERNALDATE when the
 * header has none, the texts made safe for the screen).
 */
void imap_message_from(struct mailimap_msg_att *, struct message *);
void imap_message_finish(struct message *, time_t);
/*
 * imap_fetch_parse.c: 1 if this line starts a FETCH response; 1 with the
 * count in *n if buf ends with a literal's "{n}" CRLF; and one whole FETCH
 * response (line, literals, lines) into a row and its sequence number, 0,
 * or -1 if it is not one by RFC 3501.
 */
int imap_fetch_is_fetch(const char *, size_t);
int imap_line_literal(const char *, size_t, size_t *);
int imap_fetch_parse(const char *, size_t, uint32_t *, struct message *);
/* imap_fetch.c: a FETCH answer's rows to cb; frees the list. */
void imap_fetch_deliver(struct imap *, clist *, imap_headers_cb *, void *);
/* imap_fetch.c: headers of messages first..last by sequence number. */
int imap_fetch_range(struct imap *, uint32_t, uint32_t, imap_headers_cb *,
    void *, struct imap_error *);
/* imap_fetch.c: flags and UID of a FETCH response; 1 if it had FLAGS. */
int imap_att_flags(struct mailimap_msg_att *, uint32_t *, uint32_t *);
/* imap_search.c: UID SEARCH in the selected folder; frees the key. */
int imap_search_run(struct imap *, struct mailimap_search_key *, uint32_t **,
    size_t *, struct imap_error *);
/*
 * libetpan sends and parses a command in one call, and has no call for
 * the few commands tern writes itself (AUTHENTICATE with an initial
 * response, SELECT with QRESYNC, pipelined UID FETCH).  These senders
 * are exported by libetpan 1.9.4 but not declared in its headers.
 */
int mailimap_token_send(mailstream *, const char *);
int mailimap_space_send(mailstream *);
int mailimap_oparenth_send(mailstream *);
int mailimap_cparenth_send(mailstream *);
int mailimap_mailbox_send(mailstream *, const char *);
int mailimap_number_send(mailstream *, uint32_t);
int mailimap_mod_sequence_value_send(mailstream *, uint64_t);
int mailimap_uid_fetch_send(mailstream *, struct mailimap_set *,
    struct mailimap_fetch_type *);
int mailimap_fetch_send(mailstream *, struct mailimap_set *,
    struct mailimap_fetch_type *);
int mailimap_crlf_send(mailstream *);
int mailimap_token_send(mailstream *, const char *);
int mailimap_search_key_literalplus_send(mailstream *,
    struct mailimap_search_key *);
/*
 * imap.c: read and parse the answer to a command tern wrote itself; the
 * tagged state (MAILIMAP_RESP_COND_STATE_*) in *state.  Untagged data
 * stays in the session's response info, as libetpan's own commands leave
 * it.  A libetpan error code.
 */
int imap_read_answer(struct imap *, int *);
/* Send a command tern wrote whole (with its CRLF) after the next tag. */
int imap_send_line(struct imap *, const char *, size_t);
/*
 * imap_order.c: teach libetpan the THREAD answer, once a process, before
 * any session parses one.
 */
void imap_order_init(void);
/* The text after "THREAD" or "ESEARCH" of the last answer, or NULL. */
char *imap_thread_take(struct imap *);
char *imap_esearch_take(struct imap *);
int   imap_esearch_uids(const char *, size_t, uint32_t **, size_t *);
/* imap_search.c: the UIDs of a SEARCH or SORT answer, as an array. */
void imap_uid_array(clist *, uint32_t **, size_t *);
/* Refuse strings that could smuggle a second command onto the wire. */
int imap_check_string(const char *, struct imap_error *);

#endif
