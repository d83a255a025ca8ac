/* What the worker*.c files share; nothing else includes it. */
#ifndef TERN_WORKER_PRIVATE_H
#define TERN_WORKER_PRIVATE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "imap.h"
#include "queue.h"
#include "sort.h"
#include "worker.h"

/* Cached rows go to the UI in chunks this big. */
#define WORKER_CACHE_CHUNK 2000

/*
 * The rows of the open folder still to be sent to the UI after its first
 * screen: from the cache first, then from the server, a chunk at a time
 * between requests, so that keys keep working while a big folder loads.
 * A UID is 0 once sent (a REQ_FETCH took it out of turn).
 */
struct worker_fill {
	char	 *folder; /* NULL: nothing to fill */
	uint32_t  uidvalidity;
	uint64_t  modseq; /* the cache is up to date with this once done */
	uint32_t *cached;
	size_t	  ncached;
	size_t	  cached_next;
	uint32_t *fetch;
	size_t	  nfetch;
	size_t	  fetch_next;
	size_t	  total;
	size_t	  done;
	int	  failed;	 /* a fetch failed: the cache is not complete */
	int	  preview;	 /* only cached rows, before the login */
	int	  threads_after; /* in threads: ask for them once filled */
	struct sort_order sort;
};

struct worker {
	struct account *account;
	struct imap    *imap;
	pthread_t	thread;
	struct queue	requests;
	struct queue	events;
	int		pipe[2]; /* a byte per event wakes the UI */
	int		wake[2]; /* a byte per request wakes the worker */
	int		done;
	int		logged_in;
	struct cache   *cache;
	uint32_t	uidvalidity; /* of the selected folder */
	char	      **folders;     /* selectable, from the last LIST */
	size_t		nfolders;
	long		refresh_at; /* next round of STATUS (monotonic ms) */
	/*
	 * After a lost session: reconnect with the password of this run, at
	 * retry_at (monotonic ms), waiting backoff seconds more each time.
	 * Requests that come meanwhile are held, and sent once back.
	 */
	char		  *password;
	int		   online_wanted;
	unsigned int	   backoff;
	long		   retry_at;
	struct queue	   held;
	struct worker_fill fill;
	struct sort_order  open_sort; /* of the folder last opened */
	/* The connection made before the login (REQ_CONNECT, preview). */
	struct imap_error early_err;
	int		  early_failed;
	int		  tree_sent; /* its thread order is with the UI */
	/*
	 * A folder shown from the cache before logging in: its cached order
	 * and flags, kept for the SELECT that follows to resync against.
	 */
	char	 *preview;
	uint32_t *preview_order;
	uint32_t *preview_flags;
	size_t	  npreview;
	uint32_t  preview_uidvalidity;
};

/* The first screen's rows as threads are made of (worker_select). */
struct worker_window;

struct worker_fetch {
	struct worker	     *w;
	const char	     *folder;
	int		      flags;  /* of the events: EVF_NEW for new mail */
	struct worker_window *window; /* or NULL */
};

/* worker.c: the events, and the clock of the retries and refreshes. */
void worker_push(struct worker *, struct event *);
void worker_push_text(struct worker *, enum event_type, char *);
void worker_state(struct worker *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void worker_report(struct worker *, struct imap_error *);
void worker_done(struct worker *, const struct request *, char *);
void worker_error(struct worker *, const struct request *, struct imap_error *);
long worker_now_ms(void);

/* worker_folders.c: the folder list, the counts, the folder operations. */
void worker_forget_folders(struct worker *);
void worker_status_all(struct worker *);
void worker_plan_refresh(struct worker *);
void worker_list(struct worker *, struct request *);
void worker_folder_change(struct worker *, struct request *);
void worker_list_cached(struct worker *);
void worker_status(struct worker *, struct request *);

/* worker_open.c: opening a folder, its order, the search. */
void worker_headers_cb(void *, struct message *, size_t);
int  worker_ensure_selected(struct worker *, const char *, struct imap_error *);
void worker_push_cached(struct worker *, const char *, const uint32_t *,
    size_t);
void worker_order(struct worker *, struct request *);
void worker_search(struct worker *, struct request *);
void worker_thread_order(struct worker *, const char *);
void worker_preview_clear(struct worker *);
void worker_select(struct worker *, struct request *);
void worker_select_cached(struct worker *, struct request *);
void worker_order_cached(struct worker *, struct request *);

/* worker_fill.c: the rows of the open folder after its first screen. */
void worker_fill_clear(struct worker *);
int  worker_fill_pending(const struct worker *);
int  worker_fill_ready(const struct worker *);
void worker_fill_done(struct worker *);
void worker_fill_step(struct worker *);
void worker_fetch_now(struct worker *, struct request *);

/* worker_body.c: a message's text, source and parts. */
void worker_body(struct worker *, struct request *);
void worker_source(struct worker *, struct request *);
void worker_offline_refuse(struct worker *, struct request *, const char *);
void worker_body_cached(struct worker *, struct request *);
void worker_part(struct worker *, struct request *);

/* worker_change.c: flags, copies, moves, expunges, appends. */
void worker_append(struct worker *, struct request *);
int  worker_change(struct worker *, struct request *);

#endif
