/*
 * The worker's side of sending: a REQ_SEND or REQ_POSTPONE answered with
 * one event, and the messages kept locally put on the server after a
 * login.  Runs on the worker thread only.
 */
#ifndef TERN_WORKER_SEND_H
#define TERN_WORKER_SEND_H

#include <stddef.h>

struct account;
struct event;
struct imap;
struct request;

struct worker_send_env {
	struct imap	     *imap;
	const struct account *account;
	const char *password; /* the IMAP password of this run, or NULL */
	int	    online;   /* logged in to the IMAP server */
};

/*
 * Follow-up changes, as ordinary requests (REQ_STORE, REQ_EXPUNGE) for
 * the worker to run like any other: \Answered on the original, the old
 * draft marked \Deleted and expunged.  Their answers carry id 0.
 */
struct worker_send_after {
	struct request **reqs;
	size_t		 n;
};

/* The EV_SENT (REQ_SEND) or EV_DONE (REQ_POSTPONE) that answers it. */
struct event *worker_send_run(const struct worker_send_env *, struct request *,
    struct worker_send_after *);
/*
 * Logged in again: APPEND what was kept locally, each to its folder,
 * and forget it.  A notice for the user, or NULL when there was nothing.
 */
char *worker_send_flush(const struct worker_send_env *,
    struct worker_send_after *);

#endif
