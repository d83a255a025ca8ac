/*
 * worker.c owns an account's network thread: it takes requests from the UI
 * thread, runs them on the account's IMAP session one at a time, and sends
 * back events.  It must never touch the screen or the UI's model, and never
 * block the UI: the only thing shared is the two queues and a pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cache_db.h"
#include "conf.h"
#include "html.h"
#include "imap.h"
#include "log.h"
#include "outgoing.h"
#include "query.h"
#include "queue.h"
#include "secret.h"
#include "thread.h"
#include "worker.h"
#include "worker_attach.h"
#include "worker_send.h"
#include "xmalloc.h"

/* IDLE is re-issued before servers' 30-minute timeout (RFC 2177). */
#define WORKER_IDLE_SECONDS (25 * 60)
/* The longest wait between two tries to reconnect. */
#define WORKER_BACKOFF_MAX 60
/* Cached rows go to the UI in chunks this big. */
#define WORKER_CACHE_CHUNK 2000
/* Rows fetched before the list is usable: a tall screen and a margin. */
#define WORKER_WINDOW 100
/*
 * Headers fetched per step of the fill, in UID FETCHes of WORKER_FETCH_CHUNK
 * sent two at a time; a request waits at most one step.
 */
#define WORKER_FILL_CHUNK 3000
#define WORKER_FETCH_CHUNK 1000
/* More new messages than this in a cached folder: ask the server's order. */
#define WORKER_NEW_MAX 1000
/* The html-filter's time; then it is killed and the built-in renders. */
#define WORKER_HTML_TIMEOUT_MS 5000

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

struct request *
request_new(enum request_type type)
{
	struct request *req;

	req = xcalloc(1, sizeof *req);
	req->type = type;
	return (req);
}

void
request_free(struct request *req)
{
	size_t i;

	if (req == NULL)
		return;
	free(req->folder);
	free(req->target);
	free(req->query);
	freezero_str(req->password);
	if (req->message_ids != NULL)
		for (i = 0; i < req->nuids; i++)
			free(req->message_ids[i]);
	free(req->message_ids);
	free(req->uids);
	mime_part_clear(&req->part);
	free(req->path);
	outgoing_free(req->outgoing);
	free(req->data);
	free(req->message_id);
	free(req);
}

struct event *
event_new(enum event_type type)
{
	struct event *ev;

	ev = xcalloc(1, sizeof *ev);
	ev->type = type;
	return (ev);
}

void
event_free(struct event *ev)
{
	size_t i;

	if (ev == NULL)
		return;
	free(ev->text);
	free(ev->host);
	free(ev->fingerprint);
	free(ev->folder);
	for (i = 0; i < ev->n; i++)
		message_clear(&ev->msgs[i]);
	free(ev->msgs);
	free(ev->uids);
	free(ev->tree);
	free(ev->from);
	free(ev->to);
	free(ev->cc);
	free(ev->date);
	free(ev->subject);
	mime_parts_free(ev->parts, ev->nparts);
	free(ev->path);
	free(ev);
}

static void
worker_push(struct worker *w, struct event *ev)
{
	char c = 0;

	queue_push(&w->events, ev);
	/* A full pipe already means "wake up"; EAGAIN is fine. */
	if (write(w->pipe[1], &c, 1) == -1 && errno != EAGAIN)
		log_debug("event pipe: %s", strerror(errno));
}

static void
worker_push_text(struct worker *w, enum event_type type, char *text)
{
	struct event *ev;

	ev = event_new(type);
	ev->text = text;
	worker_push(w, ev);
}

static void
worker_state(struct worker *w, const char *fmt, ...)
{
	struct event *ev;
	va_list	      ap;

	ev = event_new(EV_STATE);
	va_start(ap, fmt);
	ev->text = xvasprintf(fmt, ap);
	va_end(ap);
	worker_push(w, ev);
}

/*
 * An error no request waits for: a broken session is said to be gone, any
 * other goes to the status bar.  Consumes the error.
 */
static void
worker_report(struct worker *w, struct imap_error *err)
{
	worker_push_text(w,
	    err->kind == IMAP_ERR_SESSION ? EV_DISCONNECTED : EV_STATE,
	    err->text);
	err->text = NULL;
	imap_error_clear(err);
}

/* EV_DONE for a request: ok without a text, else refused with it (taken). */
static void
worker_done(struct worker *w, const struct request *req, char *text)
{
	struct event *ev;

	ev = event_new(EV_DONE);
	ev->id = req->id;
	ev->ok = text == NULL;
	ev->folder = req->folder != NULL ? xstrdup(req->folder) : NULL;
	ev->text = text;
	worker_push(w, ev);
}

/* Report an error from the session; a broken session is said to be gone. */
static void
worker_error(struct worker *w, const struct request *req,
    struct imap_error *err)
{
	struct event *ev;

	if (err->kind == IMAP_ERR_SESSION) {
		ev = event_new(EV_DISCONNECTED);
		ev->text = xstrdup(err->text);
		worker_push(w, ev);
	}
	ev = event_new(EV_DONE);
	ev->id = req->id;
	ev->ok = 0;
	ev->folder = req->folder != NULL ? xstrdup(req->folder) : NULL;
	ev->text = err->text;
	err->text = NULL;
	worker_push(w, ev);
	imap_error_clear(err);
}

/*
 * A failure no retry can mend (a certificate that does not verify, a
 * server that offers no safe way to log in): the user must see it.  0 if
 * err is not one.
 */
static int
worker_push_final(struct worker *w, struct imap_error *err)
{
	struct event *ev;

	if (err->kind != IMAP_ERR_CERT && err->kind != IMAP_ERR_REFUSED)
		return (0);
	ev = event_new(
	    err->kind == IMAP_ERR_CERT ? EV_CERT_FAILED : EV_REFUSED);
	ev->host = xstrdup(w->account->host);
	ev->fingerprint = err->fingerprint;
	err->fingerprint = NULL;
	ev->text = err->text;
	err->text = NULL;
	worker_push(w, ev);
	return (1);
}

/*
 * Connect, checking the certificate; 0 when the session is up, -1 when the
 * server could not be reached, -2 when it must not be tried again (its
 * certificate failed, or it offers no TLS).
 */
static int
worker_open(struct worker *w)
{
	struct imap_error err = { 0 };
	struct event	 *ev;
	int		  rc = -1;

	if (imap_is_connected(w->imap))
		return (0);
	if (w->early_failed) {
		/* The connection made early failed: that is the answer. */
		err = w->early_err;
		memset(&w->early_err, 0, sizeof w->early_err);
		w->early_failed = 0;
	} else {
		worker_state(w, "connecting to %s", w->account->host);
		if (imap_connect(w->imap, &err) == 0)
			return (0);
	}
	if (worker_push_final(w, &err))
		rc = -2;
	else {
		ev = event_new(EV_DISCONNECTED);
		ev->text = err.text;
		err.text = NULL;
		worker_push(w, ev);
	}
	imap_error_clear(&err);
	return (rc);
}

static void worker_retry_later(struct worker *, const char *);
static void worker_outbox_flush(struct worker *);

/* Whether the worker can log in again by itself (after a lost line). */
static int
worker_can_log_in(struct worker *w)
{
	return (
	    w->password != NULL || w->account->oauth2_token_command != NULL);
}

/*
 * Log in with the password, or with a token from oauth2-token-command,
 * run now: a token lives an hour or so, so each login asks for one.  A
 * refused token may have expired since the command cached it: the
 * command runs once more and the login is tried again, once.
 */
static int
worker_authenticate(struct worker *w, const char *password,
    struct imap_error *err)
{
	char *token, *why = NULL;
	int   tries, r = -1;

	if (w->account->oauth2_token_command == NULL)
		return (imap_login(w->imap, password, err));
	for (tries = 0; tries < 2; tries++) {
		if (tries > 0) {
			log_debug("token refused; running oauth2-token-command "
				  "again");
			imap_error_clear(err);
		}
		token = secret_command(w->account->oauth2_token_command,
		    "oauth2-token-command", &why);
		if (token == NULL) {
			imap_error_clear(err);
			err->kind = IMAP_ERR_REFUSED;
			err->text = why;
			return (-1);
		}
		r = imap_login_oauth(w->imap, token, err);
		freezero_str(token);
		if (r == 0 || err->kind != IMAP_ERR_AUTH)
			break;
	}
	/* Another password would not help: do not ask for one. */
	if (r != 0 && err->kind == IMAP_ERR_AUTH)
		err->kind = IMAP_ERR_REFUSED;
	return (r);
}

/* Keep the password of this run and try the login again later. */
static void
worker_login_later(struct worker *w, struct request *req, const char *why)
{
	char *keep;

	/* Copied first: the request may carry w->password itself. */
	keep = req->password != NULL ? xstrdup(req->password) : NULL;
	freezero_str(w->password);
	w->password = keep;
	w->online_wanted = 1;
	worker_retry_later(w, why);
}

static void
worker_login(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	struct event	 *ev;
	int		  rc;

	if (req->type == REQ_CONNECT && req->preview) {
		/*
		 * TCP and TLS only, while main runs the password-command; a
		 * failure is kept for the login that follows to report (a
		 * second try would tell a server that takes one connection
		 * something else).
		 */
		worker_state(w, "connecting to %s", w->account->host);
		if (imap_connect(w->imap, &err) != 0) {
			w->early_err = err;
			w->early_failed = 1;
		}
		return;
	}
	if ((rc = worker_open(w)) != 0) {
		/*
		 * The server is away but the password is known: keep trying,
		 * and show the cache meanwhile.  A certificate failure
		 * (online_wanted cleared) is never retried.
		 */
		if ((req->password != NULL ||
			w->account->oauth2_token_command != NULL) &&
		    rc == -1)
			worker_login_later(w, req, "cannot connect");
		return;
	}
	if (req->password == NULL && w->account->oauth2_token_command == NULL) {
		worker_state(w, "waiting for the password");
		worker_push(w, event_new(EV_LOGIN_NEEDED));
		return;
	}
	worker_state(w, "logging in");
	if (worker_authenticate(w, req->password, &err) != 0) {
		if (!worker_push_final(w, &err)) {
			ev = event_new(err.kind == IMAP_ERR_AUTH ?
				EV_AUTH_FAILED :
				EV_DISCONNECTED);
			ev->text = err.text;
			err.text = NULL;
			worker_push(w, ev);
			/*
			 * A session that broke during the login (a server
			 * that stopped answering) is retried as one that
			 * was away at connect.
			 */
			if (err.kind == IMAP_ERR_SESSION)
				worker_login_later(w, req, "connection lost");
		}
		imap_error_clear(&err);
		return;
	}
	w->logged_in = 1;
	w->online_wanted = 1;
	w->backoff = 0;
	if (req->password != NULL && w->password != req->password) {
		freezero_str(w->password);
		w->password = xstrdup(req->password);
	}
	worker_push(w, event_new(EV_CONNECTED));
	worker_outbox_flush(w);
}

static void
worker_forget_folders(struct worker *w)
{
	freev(w->folders, w->nfolders);
	w->folders = NULL;
	w->nfolders = 0;
}

static void
worker_push_status(struct worker *w, const char *folder, uint32_t messages,
    uint32_t unseen)
{
	struct event *ev;

	ev = event_new(EV_STATUS);
	ev->folder = xstrdup(folder);
	ev->messages = messages;
	ev->unseen = unseen;
	worker_push(w, ev);
}

/* flags: EVF_NOSELECT, EVF_SUBSCRIBED. */
static void
worker_push_folder(struct worker *w, const char *wire, char delim, int flags)
{
	struct event *ev;

	ev = event_new(EV_FOLDER);
	ev->folder = xstrdup(wire);
	ev->delim = delim;
	ev->flags = flags;
	worker_push(w, ev);
}

/* EV_SELECTED; flags EVF_CACHED when the rows come from the cache. */
static void
worker_push_selected(struct worker *w, const char *folder, uint32_t uidvalidity,
    uint32_t messages, int flags)
{
	struct event *ev;

	ev = event_new(EV_SELECTED);
	ev->folder = xstrdup(folder);
	ev->uidvalidity = uidvalidity;
	ev->messages = messages;
	ev->flags = flags;
	worker_push(w, ev);
}

/* flags EVF_CACHED: every cached row is sent, the server is still to come. */
static void
worker_push_headers_done(struct worker *w, const char *folder, int flags)
{
	struct event *ev;

	ev = event_new(EV_HEADERS_DONE);
	ev->folder = xstrdup(folder);
	ev->flags = flags;
	worker_push(w, ev);
}

struct worker_list {
	struct worker	    *w;
	struct cache_folder *rows;
	size_t		     n;
	char		   **subs; /* LSUB, sorted */
	size_t		     nsubs;
};

static int
worker_strcmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void
worker_list_cb(void *arg, const char *wire, char delim, int lflags)
{
	struct worker_list  *wl = arg;
	struct worker	    *w = wl->w;
	struct cache_folder *f;
	int		     noselect = (lflags & IMAP_LIST_NOSELECT) != 0;
	int		     flags = noselect ? EVF_NOSELECT : 0;

	flags |= EVF_ROLE(IMAP_LIST_ROLE(lflags));

	if (wl->nsubs > 0 &&
	    bsearch(&wire, wl->subs, wl->nsubs, sizeof *wl->subs,
		worker_strcmp) != NULL)
		flags |= EVF_SUBSCRIBED;
	worker_push_folder(w, wire, delim, flags);
	wl->rows = xreallocarray(wl->rows, wl->n + 1, sizeof *wl->rows);
	f = &wl->rows[wl->n++];
	memset(f, 0, sizeof *f);
	f->wire = xstrdup(wire);
	f->delim = delim;
	f->noselect = noselect;
	if (!noselect) {
		w->folders = xreallocarray(w->folders, w->nfolders + 1,
		    sizeof *w->folders);
		w->folders[w->nfolders++] = xstrdup(wire);
	}
}

/* Counts the list gives: kept in its rows for the cache, and shown. */
static void
worker_list_status_cb(void *arg, const char *wire, uint32_t messages,
    uint32_t unseen)
{
	struct worker_list *wl = arg;
	size_t		    i;

	/* LIST-STATUS sends a folder's STATUS right after its LIST. */
	for (i = wl->n; i-- > 0;)
		if (strcmp(wl->rows[i].wire, wire) == 0) {
			wl->rows[i].messages = messages;
			wl->rows[i].unseen = unseen;
			break;
		}
	worker_push_status(wl->w, wire, messages, unseen);
}

/* The open folder's counts are the UI's, from its own list. */
static void
worker_counts_cb(void *arg, const char *wire, uint32_t messages,
    uint32_t unseen)
{
	struct worker *w = arg;
	const char    *open = imap_selected(w->imap);

	if (open != NULL && strcmp(open, wire) == 0)
		return;
	cache_folder_counts(w->cache, wire, messages, unseen);
	worker_push_status(w, wire, messages, unseen);
}

/* The quota of INBOX's root, where the server has QUOTA. */
static void
worker_quota(struct worker *w)
{
	struct imap_error err = { 0 };
	struct event	 *ev;
	char		 *resource;
	uint32_t	  usage, limit;

	if (!imap_has_capability(w->imap, "QUOTA"))
		return;
	if (imap_quota(w->imap, &resource, &usage, &limit, &err) != 0) {
		if (err.kind == IMAP_ERR_SESSION)
			worker_report(w, &err);
		else
			imap_error_clear(&err);
		return;
	}
	ev = event_new(EV_QUOTA);
	ev->text = resource;
	ev->messages = usage;
	ev->unseen = limit;
	worker_push(w, ev);
}

/* The counts of every folder, in one round trip, and the quota. */
static void
worker_status_all(struct worker *w)
{
	struct imap_error err = { 0 };
	int		  r;

	if (imap_has_capability(w->imap, "LIST-STATUS"))
		r = imap_list(w->imap, NULL, worker_counts_cb, w, &err);
	else
		r = imap_status_many(w->imap, (const char *const *)w->folders,
		    w->nfolders, worker_counts_cb, w, &err);
	if (r == 0) {
		worker_quota(w);
		return;
	}
	if (err.kind == IMAP_ERR_SESSION)
		worker_report(w, &err);
	else
		imap_error_clear(&err);
}

static long worker_now_ms(void);

/* The next round of STATUS, folder-refresh seconds from now (0: none). */
static void
worker_plan_refresh(struct worker *w)
{
	if (w->account->folder_refresh > 0)
		w->refresh_at = worker_now_ms() +
		    (long)w->account->folder_refresh * 1000;
}

/*
 * LIST, with each folder's counts and whether it is subscribed (LSUB
 * first, so that each EV_FOLDER says it); the personal namespace comes
 * with EV_FOLDERS_DONE, for the names of new top-level folders.  0, or
 * -1 with err set.
 */
static int
worker_list_all(struct worker *w, struct imap_error *err)
{
	struct worker_list wl = { w, NULL, 0, NULL, 0 };
	struct event	  *ev;
	int		   r = -1;

	worker_state(w, "listing folders");
	worker_forget_folders(w);
	if (imap_lsub(w->imap, &wl.subs, &wl.nsubs, err) != 0) {
		if (err->kind == IMAP_ERR_SESSION)
			return (-1);
		/* Without subscriptions, every folder is shown. */
		imap_error_clear(err);
	}
	if (wl.nsubs > 1)
		qsort(wl.subs, wl.nsubs, sizeof *wl.subs, worker_strcmp);
	if (imap_list(w->imap, worker_list_cb, worker_list_status_cb, &wl,
		err) != 0)
		goto out;
	cache_folders_replace(w->cache, wl.rows, wl.n);
	ev = event_new(EV_FOLDERS_DONE);
	if (wl.nsubs > 0)
		ev->flags |= EVF_SUBSCRIPTIONS;
	imap_personal_namespace(w->imap, &ev->text, &ev->delim);
	worker_push(w, ev);
	worker_quota(w);
	worker_plan_refresh(w);
	r = 0;
out:
	freev(wl.subs, wl.nsubs);
	cache_folders_free(wl.rows, wl.n);
	return (r);
}

static void
worker_list(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };

	if (worker_list_all(w, &err) != 0)
		worker_error(w, req, &err);
}

/*
 * What follows a change on the server: a new folder is subscribed to,
 * the subscription of a renamed one moves with it (servers differ on
 * whether RENAME does it), a deleted one is unsubscribed.  The change is
 * made; a refusal here is only logged.
 */
static void
worker_folder_subscriptions(struct worker *w, const struct request *req)
{
	struct imap_error err = { 0 };
	int		  r = 0;

	if (req->type == REQ_CREATE && req->subscribe)
		r = imap_mailbox_change(w->imap, IMAP_MAILBOX_SUBSCRIBE,
		    req->folder, NULL, &err);
	else if (req->type == REQ_RENAME && req->subscribe) {
		r = imap_mailbox_change(w->imap, IMAP_MAILBOX_SUBSCRIBE,
		    req->target, NULL, &err);
		if (r == 0)
			r = imap_mailbox_change(w->imap,
			    IMAP_MAILBOX_UNSUBSCRIBE, req->folder, NULL, &err);
	} else if (req->type == REQ_DELETE_FOLDER)
		r = imap_mailbox_change(w->imap, IMAP_MAILBOX_UNSUBSCRIBE,
		    req->folder, NULL, &err);
	if (r == 0)
		return;
	if (err.kind == IMAP_ERR_SESSION)
		worker_report(w, &err);
	else {
		log_debug("%s", err.text != NULL ? err.text : "subscription");
		imap_error_clear(&err);
	}
}

/* CREATE, RENAME, DELETE, (UN)SUBSCRIBE; the new list, then EV_DONE. */
static void
worker_folder_change(struct worker *w, struct request *req)
{
	static const struct {
		enum request_type    type;
		enum imap_mailbox_op op;
	} ops[] = {
		{ REQ_CREATE, IMAP_MAILBOX_CREATE },
		{ REQ_RENAME, IMAP_MAILBOX_RENAME },
		{ REQ_DELETE_FOLDER, IMAP_MAILBOX_DELETE },
		{ REQ_SUBSCRIBE, IMAP_MAILBOX_SUBSCRIBE },
		{ REQ_UNSUBSCRIBE, IMAP_MAILBOX_UNSUBSCRIBE },
	};
	struct imap_error err = { 0 };
	size_t		  i;

	for (i = 0; ops[i].type != req->type; i++)
		if (i + 1 == sizeof ops / sizeof ops[0])
			fatalx("worker_folder_change: request %d", req->type);
	if (imap_mailbox_change(w->imap, ops[i].op, req->folder, req->target,
		&err) != 0) {
		worker_error(w, req, &err);
		return;
	}
	worker_folder_subscriptions(w, req);
	/* Done on the server: a LIST that fails now is only reported. */
	if (worker_list_all(w, &err) != 0)
		worker_report(w, &err);
	worker_done(w, req, NULL);
}

/* Offline: the folders and counts the server last gave. */
static void
worker_list_cached(struct worker *w)
{
	struct event	    *ev;
	struct cache_folder *rows;
	size_t		     i, n;

	n = cache_folders(w->cache, &rows);
	for (i = 0; i < n; i++)
		worker_push_folder(w, rows[i].wire, rows[i].delim,
		    rows[i].noselect ? EVF_NOSELECT : 0);
	/* The cache keeps no subscriptions: every folder is shown. */
	ev = event_new(EV_FOLDERS_DONE);
	ev->flags = EVF_CACHED;
	worker_push(w, ev);
	for (i = 0; i < n; i++)
		if (!rows[i].noselect)
			worker_push_status(w, rows[i].wire, rows[i].messages,
			    rows[i].unseen);
	cache_folders_free(rows, n);
}

/* The first screen's rows as threads are made of (worker_select). */
struct worker_window {
	struct thread_msg *msgs;
	size_t		   n;
};

struct worker_fetch {
	struct worker	     *w;
	const char	     *folder;
	int		      flags;  /* of the events: EVF_NEW for new mail */
	struct worker_window *window; /* or NULL */
};

/* Fetched rows: into the cache, then to the UI. */
static void
worker_headers_cb(void *arg, struct message *msgs, size_t n)
{
	struct worker_fetch  *wf = arg;
	struct worker_window *win = wf->window;
	struct event	     *ev;
	size_t		      i;

	for (i = 0; win != NULL && i < n; i++) {
		win->msgs = xreallocarray(win->msgs, win->n + 1,
		    sizeof *win->msgs);
		win->msgs[win->n].uid = msgs[i].uid;
		win->msgs[win->n].date = msgs[i].date;
		win->msgs[win->n].msgid = msgs[i].message_id != NULL ?
		    xstrdup(msgs[i].message_id) :
		    NULL;
		win->msgs[win->n++].refs = msgs[i].refs != NULL ?
		    xstrdup(msgs[i].refs) :
		    NULL;
	}
	cache_put(wf->w->cache, wf->folder, msgs, n);
	ev = event_new(EV_HEADERS);
	ev->folder = xstrdup(wf->folder);
	ev->msgs = msgs;
	ev->n = n;
	ev->flags = wf->flags;
	worker_push(wf->w, ev);
}

/*
 * SELECT, and drop the cache of a folder whose UIDs now mean others: 1
 * when it did, 0, or -1 on error.
 */
static int
worker_select_folder(struct worker *w, const char *folder, uint32_t *exists,
    struct imap_error *err)
{
	struct event *ev;
	uint32_t      known;

	/* With QRESYNC the SELECT itself says what changed since the cache. */
	known = cache_uidvalidity(w->cache, folder);
	if (imap_select_known(w->imap, folder, known,
		known != 0 ? cache_modseq(w->cache, folder) : 0,
		&w->uidvalidity, exists, err) != 0)
		return (-1);
	if (cache_select(w->cache, folder, w->uidvalidity) != 1)
		return (0);
	log_debug("%s: new UIDVALIDITY %u, cache dropped", folder,
	    w->uidvalidity);
	ev = event_new(EV_NOTICE);
	ev->text = xasprintf("%s was renumbered on the server "
			     "(UIDVALIDITY changed): fetching it again",
	    folder);
	worker_push(w, ev);
	return (1);
}

static int
worker_ensure_selected(struct worker *w, const char *folder,
    struct imap_error *err)
{
	uint32_t    exists;
	const char *cur = imap_selected(w->imap);

	if (cur != NULL && strcmp(cur, folder) == 0)
		return (0);
	return (worker_select_folder(w, folder, &exists, err) == -1 ? -1 : 0);
}

/* Hand rows to the UI in chunks; the strings go with them. */
static void
worker_push_rows(struct worker *w, const char *folder, struct message *msgs,
    size_t n)
{
	struct event *ev;
	size_t	      i, k;

	for (i = 0; i < n; i += k) {
		k = n - i < WORKER_CACHE_CHUNK ? n - i : WORKER_CACHE_CHUNK;
		ev = event_new(EV_HEADERS);
		ev->folder = xstrdup(folder);
		ev->msgs = xreallocarray(NULL, k, sizeof *ev->msgs);
		memcpy(ev->msgs, msgs + i, k * sizeof *msgs);
		ev->n = k;
		worker_push(w, ev);
	}
	free(msgs);
}

/* The cached rows of these UIDs, to the UI. */
static void
worker_push_cached(struct worker *w, const char *folder, const uint32_t *uids,
    size_t n)
{
	struct message *msgs;
	size_t		k;

	k = cache_rows(w->cache, folder, uids, n, &msgs);
	worker_push_rows(w, folder, msgs, k);
}

/*
 * EV_ORDER: the rows of the list, top first, and in thread order their tree
 * bits (the arrays go with it); sorted is 0 when they are in arrival order
 * for want of SORT.
 */
static void
worker_order_event(struct worker *w, const char *folder, uint32_t uidvalidity,
    uint32_t *uids, uint32_t *tree, size_t n, int sorted)
{
	struct event *ev;

	ev = event_new(EV_ORDER);
	ev->folder = xstrdup(folder);
	ev->uidvalidity = uidvalidity;
	ev->uids = uids;
	ev->tree = tree;
	ev->nuids = n;
	ev->flags = sorted ? 0 : EVF_UNSORTED;
	worker_push(w, ev);
}

/* The server's order to the UI; its threads to the cache as well. */
static void
worker_push_order(struct worker *w, const char *folder, uint32_t uidvalidity,
    uint32_t *uids, uint32_t *tree, size_t n, int sorted)
{
	if (tree != NULL)
		cache_put_threads(w->cache, folder, uidvalidity, uids, tree, n);
	w->tree_sent = tree != NULL;
	worker_order_event(w, folder, uidvalidity, uids, tree, n, sorted);
}

/*
 * In threads, the threads the server last gave, over the rows cached now:
 * order and flags (alongside) are put in that order, and the tree bits of
 * each returned; NULL with no threads cached.  Cached rows the threads lack
 * (newer mail) go on top, flat, until the server threads them.
 */
struct worker_uidflags {
	uint32_t uid; /* first: sort_uid_asc compares these */
	uint32_t flags;
};

static uint32_t *
worker_cached_threads(struct worker *w, const char *folder,
    uint32_t uidvalidity, uint32_t *order, uint32_t *flags, size_t n)
{
	struct worker_uidflags *byuid, *hit;
	uint32_t	       *tuids, *tree, *tasc, *bits;
	char		       *used;
	size_t			nt, i, j, k = 0;

	if ((nt = cache_threads(w->cache, folder, uidvalidity, &tuids,
		 &tree)) == 0)
		return (NULL);
	byuid = xreallocarray(NULL, n + 1, sizeof *byuid);
	for (i = 0; i < n; i++) {
		byuid[i].uid = order[i];
		byuid[i].flags = flags[i];
	}
	qsort(byuid, n, sizeof *byuid, sort_uid_asc);
	tasc = xmemdup(tuids, nt * sizeof *tuids);
	qsort(tasc, nt, sizeof *tasc, sort_uid_asc);
	used = xcalloc(n + 1, 1);
	bits = xcalloc(n + 1, sizeof *bits);
	for (i = n; i-- > 0;)
		if (bsearch(&byuid[i].uid, tasc, nt, sizeof *tasc,
			sort_uid_asc) == NULL) {
			used[i] = 1;
			order[k] = byuid[i].uid;
			flags[k++] = byuid[i].flags;
		}
	for (i = 0; i < nt; i++) {
		hit = bsearch(&tuids[i], byuid, n, sizeof *byuid, sort_uid_asc);
		if (hit == NULL || used[(j = (size_t)(hit - byuid))])
			continue; /* not cached, or named twice */
		used[j] = 1;
		order[k] = byuid[j].uid;
		flags[k] = byuid[j].flags;
		bits[k++] = tree[i];
	}
	free(used);
	free(tasc);
	free(byuid);
	free(tuids);
	free(tree);
	return (bits);
}

/* The cached rows' order to the UI, and the rows of its first screen. */
static void
worker_push_cached_order(struct worker *w, const char *folder,
    uint32_t uidvalidity, uint32_t *order, uint32_t *flags, size_t n,
    const struct sort_order *so)
{
	uint32_t *bits = NULL;

	if (so->key == SORT_THREAD)
		bits = worker_cached_threads(w, folder, uidvalidity, order,
		    flags, n);
	worker_order_event(w, folder, uidvalidity,
	    xmemdup(order, n * sizeof *order), bits, n, 1);
	worker_push_cached(w, folder, order,
	    n < WORKER_WINDOW ? n : WORKER_WINDOW);
}

/*
 * The server's order of the selected folder (imap_order); in threads on a
 * server without THREAD, threads made from the cached rows' References,
 * the rows not cached yet each a thread of its own, at the bottom.
 */
static int
worker_server_order(struct worker *w, const char *folder,
    const struct sort_order *so, uint32_t **uids, size_t *n, uint32_t **tree,
    int *sorted, struct imap_error *err)
{
	struct thread_order to;

	if (imap_order(w->imap, so, uids, n, tree, sorted, err) != 0)
		return (-1);
	if (so->key != SORT_THREAD || *tree != NULL)
		return (0);
	cache_thread_build(w->cache, folder, *uids, *n, so->reverse, &to);
	free(*uids);
	*uids = to.uids;
	*tree = to.tree;
	*n = to.n;
	*sorted = 1;
	log_debug("%s: threads of %zu messages made here", folder, to.n);
	return (0);
}

/*
 * The open folder's order from the server, to the UI.  With threads_only,
 * nothing when the server gave no threads (the list places rows itself).
 */
static int
worker_reorder(struct worker *w, const char *folder, int threads_only,
    struct imap_error *err)
{
	uint32_t *uids, *tree;
	size_t	  n;
	int	  sorted;

	if (worker_server_order(w, folder, &w->open_sort, &uids, &n, &tree,
		&sorted, err) != 0)
		return (-1);
	if (threads_only && tree == NULL)
		free(uids);
	else
		worker_push_order(w, folder, w->uidvalidity, uids, tree, n,
		    sorted);
	return (0);
}

/* The open folder in another order (t); its rows are with the UI. */
static void
worker_order(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };

	w->open_sort = req->sort;
	w->fill.sort = req->sort;
	if (worker_ensure_selected(w, req->folder, &err) != 0 ||
	    worker_reorder(w, req->folder, 0, &err) != 0)
		worker_error(w, req, &err);
}

/* The user's search in the open folder: the UIDs that match, to the UI. */
static void
worker_search(struct worker *w, struct request *req)
{
	struct imap_error  err = { 0 };
	struct query_error qerr;
	struct query	  *q;
	struct event	  *ev;
	uint32_t	  *uids;
	size_t		   n;

	/* The UI parsed it already; this parse is what goes on the wire. */
	if ((q = query_parse(req->query, strlen(req->query), &qerr)) == NULL) {
		err.kind = IMAP_ERR_NO;
		err.text = xstrdup(qerr.text);
		worker_error(w, req, &err);
		return;
	}
	if (worker_ensure_selected(w, req->folder, &err) != 0 ||
	    imap_search_query(w->imap, q, &uids, &n, &err) != 0) {
		query_free(q);
		worker_error(w, req, &err);
		return;
	}
	query_free(q);
	log_debug("%s: %zu messages match the search", req->folder, n);
	ev = event_new(EV_SEARCH);
	ev->id = req->id;
	ev->folder = xstrdup(req->folder);
	ev->text = xstrdup(req->query);
	ev->uids = uids;
	ev->nuids = n;
	worker_push(w, ev);
}

/* Threads: the server's THREAD order again, after the folder changed. */
static void
worker_thread_order(struct worker *w, const char *folder)
{
	struct imap_error err = { 0 };

	if (worker_reorder(w, folder, 1, &err) != 0)
		worker_report(w, &err);
}

static void
worker_preview_clear(struct worker *w)
{
	FREE(&w->preview);
	FREE(&w->preview_order);
	FREE(&w->preview_flags);
	w->npreview = 0;
}

static void
worker_fill_clear(struct worker *w)
{
	struct worker_fill *f = &w->fill;

	free(f->folder);
	free(f->cached);
	free(f->fetch);
	memset(f, 0, sizeof *f);
}

static int
worker_fill_pending(const struct worker *w)
{
	return (w->fill.folder != NULL);
}

/* Whether a step of the fill can run now (cached rows need no server). */
static int
worker_fill_ready(const struct worker *w)
{
	const struct worker_fill *f = &w->fill;

	return (f->folder != NULL &&
	    (f->cached_next < f->ncached ||
		(w->logged_in && imap_is_connected(w->imap))));
}

/* The fill is over: the cache is whole (unless a fetch failed). */
static void
worker_fill_done(struct worker *w)
{
	struct worker_fill *f = &w->fill;

	if (!f->failed)
		cache_set_modseq(w->cache, f->folder, f->modseq);
	log_debug("%s: %zu rows filled in", f->folder, f->done);
	worker_push_headers_done(w, f->folder, f->preview ? EVF_CACHED : 0);
	/*
	 * Threads made here: now from every row's References.  A cold open
	 * in threads asks for them only now (worker_select).
	 */
	if (f->nfetch > 0 && w->open_sort.key == SORT_THREAD &&
	    (f->threads_after ||
		!imap_has_capability(w->imap, "THREAD=REFERENCES")) &&
	    imap_selected(w->imap) != NULL &&
	    strcmp(imap_selected(w->imap), f->folder) == 0)
		worker_thread_order(w, f->folder);
	worker_fill_clear(w);
}

/* Up to max UIDs from list[*next...], skipping those already sent. */
static size_t
worker_fill_take(uint32_t *list, size_t n, size_t *next, uint32_t *out,
    size_t max)
{
	size_t k = 0;

	while (*next < n && k < max) {
		if (list[*next] != 0)
			out[k++] = list[*next];
		(*next)++;
	}
	return (k);
}

static void worker_select(struct worker *, struct request *);

/* The fill's folder was renumbered: its rows mean other mail now. */
static void
worker_reopen(struct worker *w)
{
	struct request *req;

	req = request_new(REQ_SELECT);
	req->folder = xstrdup(w->fill.folder);
	req->sort = w->fill.sort;
	worker_select(w, req);
	request_free(req);
}

/* One chunk of the fill: cached rows first, then the server's. */
static void
worker_fill_step(struct worker *w)
{
	static const struct sort_order arrival = { SORT_ARRIVAL, 0 };
	struct worker_fill	      *f = &w->fill;
	struct worker_fetch	       wf = { w, f->folder, 0, NULL };
	struct imap_error	       err = { 0 };
	uint32_t		      *uids, *order;
	size_t			       k, norder;
	int			       sorted;

	worker_state(w, "loading %s: %zu of %zu", f->folder, f->done, f->total);
	uids = xreallocarray(NULL, WORKER_FILL_CHUNK, sizeof *uids);
	if ((k = worker_fill_take(f->cached, f->ncached, &f->cached_next, uids,
		 WORKER_CACHE_CHUNK)) > 0) {
		worker_push_cached(w, f->folder, uids, k);
		f->done += k;
	} else if ((k = worker_fill_take(f->fetch, f->nfetch, &f->fetch_next,
			uids, WORKER_FILL_CHUNK)) > 0) {
		if (imap_selected(w->imap) == NULL ||
		    strcmp(imap_selected(w->imap), f->folder) != 0) {
			/*
			 * A request took the session elsewhere meanwhile:
			 * back, and the sequence numbers again (UID SEARCH,
			 * the cheap order).
			 */
			if (worker_ensure_selected(w, f->folder, &err) != 0)
				goto fail;
			if (w->uidvalidity != f->uidvalidity) {
				/* Renumbered: open it again from nothing. */
				free(uids);
				worker_reopen(w);
				return;
			}
			if (imap_order(w->imap, &arrival, &order, &norder, NULL,
				&sorted, &err) != 0)
				goto fail;
			free(order);
		}
		if (imap_fetch_pipelined(w->imap, uids, k, WORKER_FETCH_CHUNK,
			worker_headers_cb, &wf, &err) != 0)
			goto fail;
		f->done += k;
	}
	free(uids);
	if (f->cached_next >= f->ncached && f->fetch_next >= f->nfetch)
		worker_fill_done(w);
	return;

fail:
	free(uids);
	f->failed = 1;
	worker_report(w, &err);
	if (err.kind == IMAP_ERR_SESSION)
		/* The reopen after the reconnect starts a fill of its own. */
		worker_fill_clear(w);
	else
		worker_fill_done(w);
}

/* The UI wants these rows now (they are on its screen). */
static void
worker_fetch_now(struct worker *w, struct request *req)
{
	struct worker_fill *f = &w->fill;
	struct worker_fetch wf = { w, req->folder, 0, NULL };
	struct imap_error   err = { 0 };
	uint32_t	   *fetch, *cached;
	size_t		    i, j, nfetch = 0, ncached = 0;

	if (f->folder == NULL || strcmp(f->folder, req->folder) != 0) {
		/* No fill will bring them (it failed): fetch them now. */
		if (worker_ensure_selected(w, req->folder, &err) != 0 ||
		    imap_fetch_uids(w->imap, req->uids, req->nuids,
			worker_headers_cb, &wf, &err) != 0)
			worker_report(w, &err);
		return;
	}
	fetch = xreallocarray(NULL, req->nuids + 1, sizeof *fetch);
	cached = xreallocarray(NULL, req->nuids + 1, sizeof *cached);
	for (i = 0; i < req->nuids; i++) {
		for (j = f->cached_next; j < f->ncached; j++)
			if (f->cached[j] == req->uids[i]) {
				cached[ncached++] = req->uids[i];
				f->cached[j] = 0;
				break;
			}
		if (j < f->ncached)
			continue;
		for (j = f->fetch_next; j < f->nfetch; j++)
			if (f->fetch[j] == req->uids[i]) {
				f->fetch[j] = 0;
				break;
			}
		/*
		 * Not in the fill: sent already, but the UI let it go (a
		 * first screen in threads leaves answers to older mail
		 * out), and wants it back.
		 */
		fetch[nfetch++] = req->uids[i];
		if (j < f->nfetch)
			f->done++;
	}
	f->done += ncached;
	if (ncached + nfetch > 0)
		log_debug("%s: %zu rows on screen fetched out of turn",
		    req->folder, ncached + nfetch);
	worker_push_cached(w, req->folder, cached, ncached);
	if (nfetch > 0 &&
	    (worker_ensure_selected(w, req->folder, &err) != 0 ||
		imap_fetch_uids(w->imap, fetch, nfetch, worker_headers_cb, &wf,
		    &err) != 0))
		worker_report(w, &err);
	free(fetch);
	free(cached);
}

/* Where a UID is in an ascending list, or -1. */
static long
worker_find_uid(const uint32_t *list, size_t n, uint32_t uid)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (list[mid] == uid)
			return ((long)mid);
		if (list[mid] < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (-1);
}

/*
 * The cache has the folder under this UIDVALIDITY and its rows are on
 * screen: ask the server for every UID and the flags (with CONDSTORE,
 * only those changed since the rows were fetched), and from that tell
 * what went, what changed and what is new.  order and flags are the
 * cached rows in display order; what is still to be sent of them, and the
 * new rows, go to the fill.
 */
static int
worker_resync(struct worker *w, struct request *req, uint32_t *order,
    const uint32_t *flags, size_t nrows, struct imap_error *err)
{
	struct worker_fetch	 wf = { w, req->folder, 0, NULL };
	struct imap_flag_change *now;
	struct message		*changed;
	struct event		*ev;
	uint32_t		*cached, *cflags, *uids, *gone, *fresh;
	uint32_t		*tree;
	uint64_t		 modseq;
	size_t			 nnow, nflags, i, j, ngone = 0, nfresh = 0;
	size_t			 nchanged = 0;
	long			 c;
	int			 sorted, condstore, qresync;

	/* Ascending, as the server answers, with the flags alongside. */
	cached = xreallocarray(NULL, nrows + 1, sizeof *cached);
	memcpy(cached, order, nrows * sizeof *cached);
	qsort(cached, nrows, sizeof *cached, sort_uid_asc);
	cflags = xreallocarray(NULL, nrows + 1, sizeof *cflags);
	for (i = 0; i < nrows; i++)
		cflags[worker_find_uid(cached, nrows, order[i])] = flags[i];
	modseq = cache_modseq(w->cache, req->folder);
	condstore = modseq != 0 && imap_highestmodseq(w->imap) != 0;
	qresync = imap_changes_known(w->imap);
	if (condstore) {
		if (imap_fetch_changed_flags(w->imap, modseq, &uids, &nnow,
			&now, &nflags, err) != 0)
			goto fail;
	} else {
		if (imap_fetch_all_flags(w->imap, &now, &nnow, err) != 0)
			goto fail;
		nflags = nnow;
		uids = xreallocarray(NULL, nnow + 1, sizeof *uids);
		for (j = 0; j < nnow; j++)
			uids[j] = now[j].uid;
	}
	gone = xreallocarray(NULL, nrows + 1, sizeof *gone);
	fresh = xreallocarray(NULL, nnow + 1, sizeof *fresh);
	changed = xcalloc(nflags + 1, sizeof *changed);
	for (i = j = 0; i < nrows || j < nnow;) {
		if (j == nnow || (i < nrows && cached[i] < uids[j]))
			gone[ngone++] = cached[i++];
		else if (i == nrows || uids[j] < cached[i])
			fresh[nfresh++] = uids[j++];
		else {
			i++;
			j++;
		}
	}
	for (i = 0; i < nflags; i++) {
		if ((c = worker_find_uid(cached, nrows, now[i].uid)) == -1 ||
		    (now[i].flags & MSG_SERVER_FLAGS) == cflags[c])
			continue;
		changed[nchanged].uid = now[i].uid;
		changed[nchanged++].flags = now[i].flags;
	}
	log_debug("%s from the cache: %zu rows, %zu gone, %zu changed, %zu new%s",
	    req->folder, nrows, ngone, nchanged, nfresh,
	    qresync	  ? " (QRESYNC)" :
		condstore ? " (CONDSTORE)" :
			    "");
	if (ngone > 0) {
		cache_remove(w->cache, req->folder, gone, ngone);
		ev = event_new(EV_EXPUNGED);
		ev->folder = xstrdup(req->folder);
		ev->uids = gone;
		ev->nuids = ngone;
		gone = NULL;
		worker_push(w, ev);
	}
	if (nchanged > 0) {
		cache_set_flags(w->cache, req->folder, changed, nchanged);
		ev = event_new(EV_FLAGS);
		ev->folder = xstrdup(req->folder);
		ev->msgs = changed;
		ev->n = nchanged;
		changed = NULL;
		worker_push(w, ev);
	}
	/* The rest of the cached rows (the gone ones are no longer there). */
	w->fill.cached = order;
	w->fill.ncached = nrows;
	w->fill.cached_next = nrows < WORKER_WINDOW ? nrows : WORKER_WINDOW;
	w->fill.total = nrows - ngone + nfresh;
	w->fill.done = w->fill.cached_next;
	if (nfresh <= WORKER_NEW_MAX) {
		/* New mail since: a few rows, each finds its place. */
		if (imap_fetch_uids(w->imap, fresh, nfresh, worker_headers_cb,
			&wf, err) != 0)
			goto fail_fresh;
		w->fill.done += nfresh;
	} else {
		/* Many: the server's order, and the new rows to the fill. */
		free(uids);
		if (worker_server_order(w, req->folder, &req->sort, &uids,
			&nnow, &tree, &sorted, err) != 0) {
			uids = NULL;
			goto fail_fresh;
		}
		qsort(fresh, nfresh, sizeof *fresh, sort_uid_asc);
		w->fill.fetch = xreallocarray(NULL, nfresh + 1,
		    sizeof *w->fill.fetch);
		for (j = 0; j < nnow; j++)
			if (worker_find_uid(fresh, nfresh, uids[j]) != -1)
				w->fill.fetch[w->fill.nfetch++] = uids[j];
		worker_push_order(w, req->folder, w->uidvalidity, uids, tree,
		    nnow, sorted);
		uids = NULL;
	}
	free(fresh);
	free(uids);
	free(changed);
	free(gone);
	free(now);
	free(cached);
	free(cflags);
	return (0);

fail_fresh:
	free(fresh);
	free(uids);
	free(changed);
	free(gone);
	free(now);
fail:
	free(cached);
	free(cflags);
	return (-1);
}

/*
 * Threads, cold: the server threads a large folder in longer than a
 * screen of headers takes, so the first screen is the threads among the
 * newest arrivals, made here from their References.  They are the newest
 * threads; one of them that starts with an answer is the end of an older
 * thread further down, and stays out until the whole order comes.
 */
static void
worker_window_threads(struct worker *w, const char *folder,
    struct worker_window *win, struct thread_order *first)
{
	struct thread_order to;
	struct thread_msg  *m;
	size_t		    i, k = 0;
	int		    keep = 0;

	thread_build(win->msgs, win->n, 0, &to);
	/* sort_uid_asc compares the uid, the first member of thread_msg */
	qsort(win->msgs, win->n, sizeof *win->msgs, sort_uid_asc);
	for (i = 0; i < to.n; i++) {
		if (THREAD_DEPTH(to.tree[i]) == 0) {
			m = bsearch(&to.uids[i], win->msgs, win->n,
			    sizeof *win->msgs, sort_uid_asc);
			keep = m != NULL && m->refs == NULL;
		}
		if (keep) {
			to.uids[k] = to.uids[i];
			to.tree[k++] = to.tree[i];
		}
	}
	log_debug("%s: first screen in threads: %zu of the newest %zu", folder,
	    k, to.n);
	first->uids = xmemdup(to.uids, (k + 1) * sizeof *to.uids);
	first->tree = xmemdup(to.tree, (k + 1) * sizeof *to.tree);
	first->n = k;
	worker_order_event(w, folder, w->uidvalidity, to.uids, to.tree, k, 1);
}

/*
 * A cold open in threads: every UID (the cheap order), the first screen's
 * threads on top and the rest flat below, in arrival order, which the fill
 * follows too.  The whole THREAD, which Dovecot takes longer over than
 * over a screen of headers, comes once the fill is done (worker_fill_done)
 * instead of holding the fill up.
 */
static int
worker_threads_later(struct worker *w, const char *folder,
    const struct sort_order *so, struct thread_order *first, uint32_t **order,
    size_t *n, struct imap_error *err)
{
	static const struct sort_order arrival = { SORT_ARRIVAL, 0 };
	struct thread_order	       flat;
	int			       sorted;

	if (imap_order(w->imap, &arrival, order, n, NULL, &sorted, err) != 0)
		return (-1);
	sort_uids_arrival(*order, *n, so->reverse);
	thread_order_flat(first, *order, *n, so->reverse, &flat);
	worker_order_event(w, folder, w->uidvalidity, flat.uids, flat.tree,
	    flat.n, 1);
	w->fill.threads_after = 1;
	return (0);
}

static void
worker_window_free(struct worker_window *win)
{
	size_t i;

	for (i = 0; i < win->n; i++) {
		free((char *)win->msgs[i].msgid);
		free((char *)win->msgs[i].refs);
	}
	free(win->msgs);
	memset(win, 0, sizeof *win);
}

/*
 * The window newest arrivals were fetched already: take them out of the
 * order the fill follows (they are the window highest UIDs).
 */
static void
worker_skip_newest(uint32_t *order, size_t n, size_t window)
{
	uint32_t *asc, lowest;
	size_t	  i;

	if (window == 0 || n == 0)
		return;
	asc = xmemdup(order, n * sizeof *order);
	qsort(asc, n, sizeof *asc, sort_uid_asc);
	lowest = asc[n > window ? n - window : 0];
	free(asc);
	for (i = 0; i < n; i++)
		if (order[i] >= lowest)
			order[i] = 0;
}

/*
 * Open a folder.  With rows in the cache, they are on screen before the
 * server is asked anything; without, the server gives the order and the
 * first screen's headers.  Either way the rest comes in the fill.
 */
static void
worker_select(struct worker *w, struct request *req)
{
	struct worker_fetch  wf = { w, req->folder, 0, NULL };
	struct worker_window win = { NULL, 0 };
	struct thread_order  first = { NULL, NULL, 0 };
	struct imap_error    err = { 0 };
	uint32_t	    *order = NULL, *flags = NULL, *tree, exists;
	uint32_t	     cached_uidvalidity = 0;
	size_t		     n, window;
	int		     sorted, r;

	worker_fill_clear(w);
	worker_state(w, "opening %s", req->folder);
	w->open_sort = req->sort;
	w->tree_sent = 0;
	if (w->preview != NULL && strcmp(w->preview, req->folder) == 0) {
		/*
		 * On screen already, from before the login.  The UI marks
		 * its rows stale for the refresh: the fill sends them all
		 * again, and the window here.
		 */
		order = w->preview_order;
		flags = w->preview_flags;
		n = w->npreview;
		cached_uidvalidity = w->preview_uidvalidity;
		w->preview_order = w->preview_flags = NULL;
		worker_push_cached(w, req->folder, order,
		    n < WORKER_WINDOW ? n : WORKER_WINDOW);
	} else if ((n = cache_order(w->cache, req->folder, &req->sort, &order,
			&flags)) > 0) {
		cached_uidvalidity = cache_uidvalidity(w->cache, req->folder);
		worker_push_cached_order(w, req->folder, cached_uidvalidity,
		    order, flags, n, &req->sort);
	}
	worker_preview_clear(w);
	if (worker_select_folder(w, req->folder, &exists, &err) == -1)
		goto fail;
	worker_push_selected(w, req->folder, w->uidvalidity, exists, 0);
	w->fill.folder = xstrdup(req->folder);
	w->fill.sort = req->sort;
	w->fill.uidvalidity = w->uidvalidity;
	w->fill.modseq = imap_highestmodseq(w->imap);
	/* Rows cached under another UIDVALIDITY name other messages. */
	if (n > 0 && cached_uidvalidity == w->uidvalidity) {
		if (worker_resync(w, req, order, flags, n, &err) != 0) {
			if (w->fill.cached == order)
				order = NULL; /* freed with the fill */
			goto fail;
		}
		order = NULL; /* the fill's now */
		/* The cache keeps no threads: the server's, once in step. */
		if (req->sort.key == SORT_THREAD && !w->tree_sent)
			worker_thread_order(w, req->folder);
	} else {
		/*
		 * Nothing cached: the newest arrivals make the first screen
		 * (the list puts them in its order), before the server has
		 * sorted a thing; its order comes next, and the rest by it.
		 */
		free(order);
		order = NULL;
		window = exists < WORKER_WINDOW ? exists : WORKER_WINDOW;
		if (req->sort.key == SORT_THREAD)
			wf.window = &win;
		if (window > 0 &&
		    imap_fetch_newest(w->imap, (uint32_t)window,
			worker_headers_cb, &wf, &err) != 0) {
			worker_window_free(&win);
			goto fail;
		}
		wf.window = NULL;
		if (win.n > 0)
			worker_window_threads(w, req->folder, &win, &first);
		worker_window_free(&win);
		if (req->sort.key == SORT_THREAD) {
			r = worker_threads_later(w, req->folder, &req->sort,
			    &first, &order, &n, &err);
			thread_order_free(&first);
			if (r != 0) {
				order = NULL;
				goto fail;
			}
		} else {
			if (worker_server_order(w, req->folder, &req->sort,
				&order, &n, &tree, &sorted, &err) != 0) {
				order = NULL;
				goto fail;
			}
			worker_push_order(w, req->folder, w->uidvalidity,
			    xmemdup(order, n * sizeof *order), tree, n, sorted);
		}
		worker_skip_newest(order, n, window);
		w->fill.fetch = order;
		w->fill.nfetch = n;
		w->fill.total = n;
		w->fill.done = window;
		order = NULL;
	}
	free(flags);
	if (w->fill.cached_next >= w->fill.ncached &&
	    w->fill.fetch_next >= w->fill.nfetch)
		worker_fill_done(w);
	return;

fail:
	free(order);
	free(flags);
	worker_fill_clear(w);
	worker_error(w, req, &err);
}

/* Offline: the folder's rows as the server last had them. */
static void
worker_select_cached(struct worker *w, struct request *req)
{
	uint32_t *order, *flags, uidvalidity;
	size_t	  n, window;

	n = cache_order(w->cache, req->folder, &req->sort, &order, &flags);
	/* At start-up, with nothing cached: say nothing, the server will. */
	if (n == 0 && req->preview) {
		free(order);
		free(flags);
		return;
	}
	uidvalidity = cache_uidvalidity(w->cache, req->folder);
	worker_push_selected(w, req->folder, uidvalidity, (uint32_t)n,
	    EVF_CACHED);
	worker_push_cached_order(w, req->folder, uidvalidity, order, flags, n,
	    &req->sort);
	window = n < WORKER_WINDOW ? n : WORKER_WINDOW;
	/* The rest goes between requests, so the login is not held up. */
	worker_fill_clear(w);
	worker_preview_clear(w);
	w->fill.folder = xstrdup(req->folder);
	w->fill.cached = xmemdup(order, n * sizeof *order);
	w->fill.ncached = n;
	w->fill.cached_next = window;
	w->fill.total = n;
	w->fill.done = window;
	w->fill.failed = 1; /* nothing was checked with the server */
	w->fill.preview = 1;
	w->preview = xstrdup(req->folder);
	w->preview_order = order;
	w->preview_flags = flags;
	w->npreview = n;
	w->preview_uidvalidity = uidvalidity;
	if (window == n)
		worker_fill_done(w);
}

static void
worker_status(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	const char	 *folder = req->folder;

	if (imap_status_many(w->imap, &folder, 1, worker_counts_cb, w, &err) !=
	    0)
		worker_error(w, req, &err);
}

/* parts: the message's parts, taken; NULL from the cache. */
static void
worker_push_body(struct worker *w, struct request *req, struct cache_body *body,
    struct imap_body *parts)
{
	struct event *ev;

	ev = event_new(EV_BODY);
	ev->id = req->id;
	ev->folder = xstrdup(req->folder);
	ev->uid = req->uids[0];
	ev->text = body->text;
	ev->from = body->from;
	ev->to = body->to;
	ev->cc = body->cc;
	ev->date = body->date;
	ev->subject = body->subject;
	memset(body, 0, sizeof *body);
	if (parts != NULL) {
		ev->parts = parts->parts;
		ev->nparts = parts->nparts;
		parts->parts = NULL;
		parts->nparts = 0;
	}
	worker_push(w, ev);
}

/*
 * HTML is rendered here, on the worker, and the text is what the cache
 * keeps: the filter may take seconds, which the UI thread must never wait.
 */
static void
worker_render_html(struct worker *w, struct imap_body *body)
{
	struct event *ev;
	char	     *text, *note;

	text = html_render(w->account->html_filter, body->text,
	    strlen(body->text), WORKER_HTML_TIMEOUT_MS, &note);
	free(body->text);
	body->text = text;
	body->html = 0;
	if (note != NULL) {
		ev = event_new(EV_NOTICE);
		ev->text = note;
		worker_push(w, ev);
	}
}

static void
worker_body(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	struct imap_body  body;
	struct cache_body cb;

	if (worker_ensure_selected(w, req->folder, &err) != 0 ||
	    imap_fetch_body(w->imap, req->uids[0], &body, &err) != 0) {
		worker_error(w, req, &err);
		return;
	}
	if (body.html)
		worker_render_html(w, &body);
	cb.text = body.text;
	cb.from = body.from;
	cb.to = body.to;
	cb.cc = body.cc;
	cb.date = body.date;
	cb.subject = body.subject;
	cache_body_put(w->cache, req->folder, req->uids[0], &cb);
	worker_push_body(w, req, &cb, &body);
}

/* The raw header or message, fetched only because the user asked. */
static void
worker_source(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	struct event	 *ev;
	char		 *text;
	size_t		  len;

	if (worker_ensure_selected(w, req->folder, &err) != 0 ||
	    imap_fetch_source(w->imap, req->uids[0], req->whole, &text, &len,
		&err) != 0) {
		worker_error(w, req, &err);
		return;
	}
	ev = event_new(EV_SOURCE);
	ev->id = req->id;
	ev->folder = xstrdup(req->folder);
	ev->uid = req->uids[0];
	ev->text = text;
	ev->textlen = len;
	ev->flags = req->whole ? EVF_WHOLE : 0;
	worker_push(w, ev);
}

/*
 * What only the server has, asked for offline: the cache keeps no raw
 * messages and no parts, only the text shown.
 */
static void
worker_offline_refuse(struct worker *w, struct request *req, const char *why)
{
	struct event *ev;

	ev = event_new(EV_DONE);
	ev->id = req->id;
	ev->folder = xstrdup(req->folder);
	ev->text = xstrdup(why);
	worker_push(w, ev);
}

static void
worker_body_cached(struct worker *w, struct request *req)
{
	struct cache_body body;
	struct event	 *ev;

	if (cache_body_get(w->cache, req->folder, req->uids[0], &body) == 0) {
		worker_push_body(w, req, &body, NULL);
		return;
	}
	ev = event_new(EV_DONE);
	ev->id = req->id;
	ev->folder = xstrdup(req->folder);
	ev->text = xstrdup("offline, and this message was never opened "
			   "here");
	worker_push(w, ev);
}

/* Save or view a part: fetched by its section, written here. */
static void
worker_part(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	struct event	 *ev;

	if (worker_ensure_selected(w, req->folder, &err) != 0 ||
	    (ev = worker_attach(w->imap, req, &err)) == NULL) {
		worker_error(w, req, &err);
		return;
	}
	worker_push(w, ev);
}

/* Keep only the UIDs not marked in drop. */
static void
worker_keep_uids(struct request *req, const int *drop)
{
	size_t i, j;

	for (i = j = 0; i < req->nuids; i++) {
		if (drop[i]) {
			if (req->message_ids != NULL)
				free(req->message_ids[i]);
			continue;
		}
		req->uids[j] = req->uids[i];
		if (req->message_ids != NULL)
			req->message_ids[j] = req->message_ids[i];
		j++;
	}
	req->nuids = j;
}

/*
 * A COPY or MOVE that may have been done before the crash or the lost
 * connection: drop the messages that are no longer in the source (a MOVE
 * done) and, for a COPY, those whose Message-ID the target already has.
 * A MOVE whose message is in neither place is reported, not guessed at.
 */
static int
worker_replay_check(struct worker *w, struct request *req,
    struct imap_error *err)
{
	uint32_t *present, uid;
	size_t	  npresent, i, j, asked, missing = 0;
	int	 *drop, look, rc = -1;

	if (imap_search_uids(w->imap, req->uids, req->nuids, &present,
		&npresent, err) != 0)
		return (-1);
	drop = xcalloc(req->nuids, sizeof *drop);
	look = 0;
	for (i = 0; i < req->nuids; i++) {
		for (j = 0; j < npresent && present[j] != req->uids[i]; j++)
			;
		drop[i] = j == npresent;
		/* What is left to look for in the target. */
		if (req->message_ids != NULL && req->message_ids[i] != NULL &&
		    (req->type == REQ_COPY || drop[i]))
			look = 1;
	}
	free(present);
	if (look) {
		if (worker_ensure_selected(w, req->target, err) != 0)
			goto out;
		for (i = 0; i < req->nuids; i++) {
			if (req->message_ids == NULL ||
			    req->message_ids[i] == NULL ||
			    (req->type == REQ_MOVE && !drop[i]))
				continue;
			if (imap_search_message_id(w->imap, req->message_ids[i],
				&uid, err) != 0)
				goto out;
			if (req->type == REQ_COPY && uid != 0)
				drop[i] = 1;
			else if (req->type == REQ_MOVE && uid == 0)
				missing++;
		}
		if (worker_ensure_selected(w, req->folder, err) != 0)
			goto out;
	}
	asked = req->nuids;
	worker_keep_uids(req, drop);
	log_debug("replay of %s to %s: %zu of %zu still to do",
	    req->type == REQ_MOVE ? "move" : "copy", req->target, req->nuids,
	    asked);
	if (missing > 0)
		worker_push_text(w, EV_NOTICE,
		    xasprintf("%zu message%s to move to %s had gone from %s",
			missing, missing == 1 ? "" : "s", req->target,
			req->folder));
	rc = 0;
out:
	free(drop);
	return (rc);
}

/*
 * A message from another account: looked for by its Message-ID first, so
 * that a retry after an APPEND whose answer was lost does not make a
 * second copy; then APPENDed with its flags.  The folder selected before
 * is selected again.  A lost connection is not retried here: the sender
 * keeps its copy and says the message may now be in both places.
 */
static void
worker_append(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	struct event	 *ev;
	const char	 *sel;
	char		 *back;
	uint32_t	  uid = 0;

	sel = imap_selected(w->imap);
	back = sel != NULL ? xstrdup(sel) : NULL;
	if (req->message_id != NULL &&
	    (worker_ensure_selected(w, req->folder, &err) != 0 ||
		imap_search_message_id(w->imap, req->message_id, &uid, &err) !=
		    0))
		goto fail;
	if (uid == 0 &&
	    imap_append(w->imap, req->folder, req->add, req->data, req->datalen,
		NULL, NULL, &err) != 0)
		goto fail;
	if (back != NULL && worker_ensure_selected(w, back, &err) != 0)
		worker_report(w, &err);
	free(back);
	ev = event_new(EV_DONE);
	ev->id = req->id;
	ev->ok = 1;
	ev->folder = xstrdup(req->folder);
	if (uid != 0)
		ev->text = xstrdup("it was there already");
	worker_push(w, ev);
	return;
fail:
	free(back);
	worker_error(w, req, &err);
}

/* The server acted on a change: the cache follows. */
static void
worker_change_cached(struct worker *w, const struct request *req)
{
	switch (req->type) {
	case REQ_STORE:
		cache_change_flags(w->cache, req->folder, req->uids, req->nuids,
		    req->add, req->remove);
		break;
	case REQ_MOVE:
	case REQ_EXPUNGE:
		cache_remove(w->cache, req->folder, req->uids, req->nuids);
		break;
	default:
		break;
	}
}

/*
 * STORE, COPY, MOVE, EXPUNGE: each answered by one EV_DONE, except when
 * the session went away before the answer: then the change is kept, to
 * be checked and sent again once back (returns 1: the request is kept).
 */
static int
worker_change(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	struct event	 *ev;
	int		  rc;

	if (worker_ensure_selected(w, req->folder, &err) != 0)
		goto fail;
	if (req->uidvalidity != 0 && req->uidvalidity != w->uidvalidity) {
		imap_error_clear(&err);
		err.kind = IMAP_ERR_NO;
		err.text = xasprintf("%s was renumbered on the server "
				     "(UIDVALIDITY changed): the change was "
				     "not made",
		    req->folder);
		goto fail;
	}
	if (req->replay && (req->type == REQ_COPY || req->type == REQ_MOVE) &&
	    worker_replay_check(w, req, &err) != 0)
		goto fail;
	switch (req->type) {
	case REQ_STORE:
		rc = imap_store(w->imap, req->uids, req->nuids, req->add,
		    req->remove, &err);
		break;
	case REQ_COPY:
		rc = req->nuids == 0 ? 0 :
				       imap_copy(w->imap, req->uids, req->nuids,
					   req->target, &err);
		break;
	case REQ_MOVE:
		rc = req->nuids == 0 ? 0 :
				       imap_move(w->imap, req->uids, req->nuids,
					   req->target, &err);
		break;
	case REQ_EXPUNGE:
		rc = imap_expunge(w->imap, req->uids, req->nuids, &err);
		break;
	default:
		fatalx("worker_change: request %d", req->type);
	}
	if (rc != 0)
		goto fail;
	worker_change_cached(w, req);
	ev = event_new(EV_DONE);
	ev->id = req->id;
	ev->ok = 1;
	ev->folder = xstrdup(req->folder);
	worker_push(w, ev);
	return (0);

fail:
	if (err.kind != IMAP_ERR_SESSION) {
		worker_error(w, req, &err);
		return (0);
	}
	/* Sent, maybe done, never answered: look before redoing it. */
	worker_report(w, &err);
	req->replay = 1;
	queue_push(&w->held, req);
	return (1);
}

/* Offline, t: the cached rows in that order (threads as last seen). */
static void
worker_order_cached(struct worker *w, struct request *req)
{
	uint32_t *order, *flags, *bits = NULL, uidvalidity;
	size_t	  n;

	w->open_sort = req->sort;
	n = cache_order(w->cache, req->folder, &req->sort, &order, &flags);
	uidvalidity = cache_uidvalidity(w->cache, req->folder);
	if (req->sort.key == SORT_THREAD)
		bits = worker_cached_threads(w, req->folder, uidvalidity, order,
		    flags, n);
	free(flags);
	worker_order_event(w, req->folder, uidvalidity, order, bits, n, 1);
}

/* Not logged in: answer from the cache what it can, keep the changes. */
static int
worker_offline(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };

	switch (req->type) {
	case REQ_LIST:
		worker_list_cached(w);
		break;
	case REQ_SELECT:
		worker_select_cached(w, req);
		break;
	case REQ_BODY:
		worker_body_cached(w, req);
		break;
	case REQ_SOURCE:
		worker_offline_refuse(w, req,
		    "offline: the server is needed for this");
		break;
	case REQ_ORDER:
		/* The login's reopen asks in this order too. */
		worker_order_cached(w, req);
		break;
	case REQ_STATUS:
	case REQ_FETCH:
		break;
	case REQ_SAVE:
	case REQ_VIEW:
		worker_offline_refuse(w, req,
		    "offline: the part cannot be fetched now");
		break;
	case REQ_SEARCH:
		err.kind = IMAP_ERR_NO;
		err.text = xstrdup("offline: a search needs the server");
		worker_error(w, req, &err);
		break;
	case REQ_STORE:
	case REQ_COPY:
	case REQ_MOVE:
	case REQ_EXPUNGE:
		queue_push(&w->held, req);
		return (1);
	case REQ_APPEND:
		/* From another account, not journalled: never held. */
		worker_offline_refuse(w, req,
		    "offline: the message was not put there");
		break;
	case REQ_CREATE:
	case REQ_RENAME:
	case REQ_DELETE_FOLDER:
	case REQ_SUBSCRIBE:
	case REQ_UNSUBSCRIBE:
		/* Not journalled: kept for later, it could act on stale names. */
		worker_done(w, req,
		    xstrdup("offline: folders can be changed only while "
			    "connected"));
		break;
	default:
		fatalx("worker_offline: request %d", req->type);
	}
	return (0);
}

static void
worker_send_env(struct worker *w, struct worker_send_env *env)
{
	env->imap = w->imap;
	env->account = w->account;
	env->password = w->password;
	env->online = w->logged_in && imap_is_connected(w->imap);
}

/* The changes a send leaves to do go in line like any request. */
static void
worker_send_queue(struct worker *w, struct worker_send_after *after)
{
	size_t i;

	for (i = 0; i < after->n; i++)
		queue_push(&w->requests, after->reqs[i]);
	free(after->reqs);
}

/*
 * SEND and POSTPONE, online or not: SMTP needs no IMAP session, and a
 * message the IMAP server cannot take now is kept in the cache file.
 */
static void
worker_outgoing(struct worker *w, struct request *req)
{
	struct worker_send_env	 env;
	struct worker_send_after after = { NULL, 0 };
	struct event		*ev;

	worker_send_env(w, &env);
	worker_state(w, req->type == REQ_SEND ? "sending" : "saving the draft");
	ev = worker_send_run(&env, req, &after);
	/* In line before the answer, so before whatever it prompts. */
	worker_send_queue(w, &after);
	worker_push(w, ev);
}

/* Logged in: what was kept offline goes to the server first. */
static void
worker_outbox_flush(struct worker *w)
{
	struct worker_send_env	 env;
	struct worker_send_after after = { NULL, 0 };
	char			*text;

	worker_send_env(w, &env);
	text = worker_send_flush(&env, &after);
	worker_send_queue(w, &after);
	if (text != NULL)
		worker_push_text(w, EV_NOTICE, text);
}

/* Run one request; 1 when it was kept for later (not to be freed). */
static int
worker_handle(struct worker *w, struct request *req)
{
	int kept = 0;

	if (req->type == REQ_SEND || req->type == REQ_POSTPONE) {
		worker_outgoing(w, req);
		return (0);
	}

	if (req->type != REQ_CONNECT && req->type != REQ_LOGIN &&
	    req->type != REQ_LOGOUT &&
	    (!w->logged_in || !imap_is_connected(w->imap)))
		return (worker_offline(w, req));
	switch (req->type) {
	case REQ_CONNECT:
	case REQ_LOGIN:
		worker_login(w, req);
		break;
	case REQ_LIST:
		worker_list(w, req);
		break;
	case REQ_SELECT:
		worker_select(w, req);
		break;
	case REQ_FETCH:
		worker_fetch_now(w, req);
		break;
	case REQ_ORDER:
		worker_order(w, req);
		break;
	case REQ_SEARCH:
		worker_search(w, req);
		break;
	case REQ_STATUS:
		worker_status(w, req);
		break;
	case REQ_BODY:
		worker_body(w, req);
		break;
	case REQ_SAVE:
	case REQ_VIEW:
		worker_part(w, req);
		break;
	case REQ_SOURCE:
		worker_source(w, req);
		break;
	case REQ_STORE:
	case REQ_COPY:
	case REQ_MOVE:
	case REQ_EXPUNGE:
		kept = worker_change(w, req);
		break;
	case REQ_CREATE:
	case REQ_RENAME:
	case REQ_DELETE_FOLDER:
	case REQ_SUBSCRIBE:
	case REQ_UNSUBSCRIBE:
		worker_folder_change(w, req);
		break;
	case REQ_LOGOUT:
		imap_logout(w->imap);
		w->done = 1;
		break;
	case REQ_SEND:
	case REQ_POSTPONE:
		break;
	case REQ_APPEND:
		worker_append(w, req);
		break;
	}
	if (!w->done && w->logged_in && imap_is_connected(w->imap) &&
	    queue_empty(&w->requests) && !worker_fill_pending(w))
		worker_state(w, "ready");
	return (kept);
}

/* Tell the UI what other clients changed, and fetch new messages. */
static void
worker_changes(struct worker *w)
{
	struct imap_changes c;
	struct imap_error   err = { 0 };
	struct worker_fetch wf = { w, NULL, EVF_NEW, NULL };
	struct event	   *ev;
	char		   *folder;
	size_t		    i;

	if (imap_selected(w->imap) == NULL)
		return;
	/* A failed fetch below may end the session and free its name. */
	folder = xstrdup(imap_selected(w->imap));
	imap_changes_take(w->imap, &c);
	if (c.resync) {
		struct imap_changes more;

		if (imap_resync_flags(w->imap, &err) != 0)
			worker_report(w, &err);
		/* The expunges stay; the flags are the fresh ones. */
		imap_changes_take(w->imap, &more);
		free(c.flags);
		c.flags = more.flags;
		c.nflags = more.nflags;
		more.flags = NULL;
		c.new_mail |= more.new_mail;
		imap_changes_clear(&more);
	}
	if (c.nexpunged > 0) {
		cache_remove(w->cache, folder, c.expunged, c.nexpunged);
		ev = event_new(EV_EXPUNGED);
		ev->folder = xstrdup(folder);
		ev->uids = c.expunged;
		ev->nuids = c.nexpunged;
		c.expunged = NULL;
		worker_push(w, ev);
	}
	if (c.nflags > 0) {
		ev = event_new(EV_FLAGS);
		ev->folder = xstrdup(folder);
		ev->msgs = xcalloc(c.nflags, sizeof *ev->msgs);
		for (i = 0; i < c.nflags; i++) {
			ev->msgs[i].uid = c.flags[i].uid;
			ev->msgs[i].flags = c.flags[i].flags;
		}
		ev->n = c.nflags;
		cache_set_flags(w->cache, folder, ev->msgs, ev->n);
		worker_push(w, ev);
	}
	if (c.new_mail) {
		wf.folder = folder;
		if (imap_fetch_new(w->imap, worker_headers_cb, &wf, &err) != 0)
			worker_report(w, &err);
	}
	/* A reply finds its thread, a thread closes over a gap. */
	if (w->open_sort.key == SORT_THREAD &&
	    (c.new_mail || c.nexpunged > 0) && imap_selected(w->imap) != NULL)
		worker_thread_order(w, folder);
	imap_changes_clear(&c);
	free(folder);
}

static long
worker_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Try again later: 1 s, doubling up to 60 s, give or take a fifth. */
static void
worker_retry_later(struct worker *w, const char *why)
{
	long delay;

	w->backoff = w->backoff == 0 ? 1 : w->backoff * 2;
	if (w->backoff > WORKER_BACKOFF_MAX)
		w->backoff = WORKER_BACKOFF_MAX;
	delay = (long)w->backoff * 1000;
	delay = delay * 4 / 5 + (long)(random() % (delay * 2 / 5 + 1));
	w->retry_at = worker_now_ms() + delay;
	worker_state(w, "offline (%s); retrying in %us", why, w->backoff);
}

/* The session just went away: say so once, and plan the reconnect. */
static void
worker_check_lost(struct worker *w)
{
	if (!w->logged_in || imap_is_connected(w->imap))
		return;
	w->logged_in = 0;
	w->backoff = 0;
	if (w->online_wanted && worker_can_log_in(w))
		worker_retry_later(w, "connection lost");
}

static void
worker_reconnect(struct worker *w)
{
	struct imap_error err = { 0 };

	worker_state(w, "reconnecting to %s", w->account->host);
	if (imap_connect(w->imap, &err) != 0) {
		/* Never retried: the user must see this one. */
		if (worker_push_final(w, &err))
			w->online_wanted = 0;
		else
			worker_retry_later(w, err.text);
		imap_error_clear(&err);
		return;
	}
	if (worker_authenticate(w, w->password, &err) != 0) {
		if (worker_push_final(w, &err))
			w->online_wanted = 0;
		else if (err.kind == IMAP_ERR_AUTH) {
			/* The password changed: ask, do not hammer. */
			w->online_wanted = 0;
			worker_push_text(w, EV_AUTH_FAILED, err.text);
			err.text = NULL;
		} else
			worker_retry_later(w, err.text);
		imap_error_clear(&err);
		return;
	}
	w->logged_in = 1;
	w->backoff = 0;
	worker_push(w, event_new(EV_CONNECTED));
	worker_outbox_flush(w);
}

static void
worker_drain_wake(struct worker *w)
{
	char buf[64];

	while (read(w->wake[0], buf, sizeof buf) > 0)
		;
}

/* Milliseconds until the next round of STATUS, or -1 for none. */
static long
worker_refresh_due(struct worker *w)
{
	long left;

	if (w->account->folder_refresh == 0 || w->refresh_at == 0)
		return (-1);
	left = w->refresh_at - worker_now_ms();
	return (left > 0 ? left : 0);
}

/*
 * Nothing to do: sit in IDLE on the open folder (or NOOP every
 * poll-interval without IDLE) until the server says something, the UI
 * sends a request or the folder counts are due.
 */
static void
worker_wait(struct worker *w)
{
	struct imap_error err = { 0 };
	struct pollfd	  pfd[2];
	long		  timeout, due;
	int		  idle, n;

	pfd[0].fd = w->wake[0];
	pfd[0].events = POLLIN;
	if (!w->logged_in && w->online_wanted && worker_can_log_in(w)) {
		timeout = w->retry_at - worker_now_ms();
		if (timeout <= 0 || poll(pfd, 1, (int)timeout) == 0)
			worker_reconnect(w);
		worker_drain_wake(w);
		return;
	}
	if (!w->logged_in) {
		poll(pfd, 1, -1);
		worker_drain_wake(w);
		return;
	}
	timeout = (long)w->account->poll_interval * 1000;
	idle = imap_selected(w->imap) != NULL &&
	    imap_has_capability(w->imap, "IDLE");
	if (idle)
		timeout = (long)WORKER_IDLE_SECONDS * 1000;
	else if (imap_selected(w->imap) == NULL)
		timeout = -1;
	if (imap_selected(w->imap) != NULL)
		log_debug("waiting for news with %s", idle ? "IDLE" : "NOOP");
	if ((due = worker_refresh_due(w)) != -1 &&
	    (timeout == -1 || due < timeout))
		timeout = due;
	if (idle && imap_idle_start(w->imap, &err) != 0)
		goto fail;
	pfd[1].fd = imap_fd(w->imap);
	pfd[1].events = POLLIN;
	if (idle && imap_buffered(w->imap))
		n = 1;
	else
		n = poll(pfd, idle ? 2 : 1, (int)timeout);
	worker_drain_wake(w);
	if (idle) {
		if (imap_idle_done(w->imap, &err) != 0)
			goto fail;
	} else if (n == 0 && imap_selected(w->imap) != NULL &&
	    imap_noop(w->imap, &err) != 0)
		goto fail;
	if (worker_refresh_due(w) == 0 && imap_is_connected(w->imap)) {
		worker_status_all(w);
		worker_plan_refresh(w);
	}
	worker_changes(w);
	return;

fail:
	worker_report(w, &err);
}

static void
worker_cache_open(struct worker *w)
{
	char *path, *err = NULL;

	path = cache_db_path(w->account->name);
	if ((w->cache = cache_open(path, &err)) == NULL) {
		/* Worse offline, still right online. */
		worker_push_text(w, EV_NOTICE, xasprintf("no cache: %s", err));
		free(err);
	}
	free(path);
}

static void *
worker_main(void *arg)
{
	struct worker  *w = arg;
	struct request *req;

	worker_cache_open(w);
	while (!w->done) {
		worker_check_lost(w);
		/* What waited for the reconnect goes first, in order. */
		if (!w->logged_in || (req = queue_pop(&w->held)) == NULL)
			req = queue_pop(&w->requests);
		if (req == NULL && worker_fill_ready(w)) {
			worker_fill_step(w);
			if (!w->done && !worker_fill_pending(w) &&
			    imap_is_connected(w->imap))
				worker_state(w, "ready");
			worker_changes(w);
			continue;
		}
		if (req == NULL) {
			worker_wait(w);
			continue;
		}
		if (!worker_handle(w, req))
			request_free(req);
		if (!w->done)
			worker_changes(w);
	}
	worker_fill_clear(w);
	worker_preview_clear(w);
	cache_close(w->cache);
	w->cache = NULL;
	worker_forget_folders(w);
	worker_push(w, event_new(EV_LOGGED_OUT));
	return (NULL);
}

struct worker *
worker_start(struct account *account)
{
	struct worker *w;
	int	       i;

	w = xcalloc(1, sizeof *w);
	w->account = account;
	w->imap = imap_new(account);
	queue_init(&w->requests);
	queue_init(&w->events);
	queue_init(&w->held);
	if (pipe(w->pipe) == -1 || pipe(w->wake) == -1)
		fatal("pipe");
	for (i = 0; i < 2; i++) {
		fcntl(w->pipe[i], F_SETFL,
		    fcntl(w->pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(w->pipe[i], F_SETFD, FD_CLOEXEC);
		fcntl(w->wake[i], F_SETFL,
		    fcntl(w->wake[i], F_GETFL) | O_NONBLOCK);
		fcntl(w->wake[i], F_SETFD, FD_CLOEXEC);
	}
	/* Under way while the worker reads the cache. */
	imap_dial(w->imap);
	if ((errno = pthread_create(&w->thread, NULL, worker_main, w)) != 0)
		fatal("pthread_create");
	return (w);
}

static void
worker_free_request(void *p)
{
	request_free(p);
}

static void
worker_free_event(void *p)
{
	event_free(p);
}

void
worker_stop(struct worker *w)
{
	struct timespec ts;

	worker_send(w, request_new(REQ_LOGOUT));
	/*
	 * A worker stuck on a dead server would hold the user up until its
	 * timeout: give it a moment, then leave it to the exit.
	 */
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 3;
	if (pthread_timedjoin_np(w->thread, NULL, &ts) != 0) {
		log_debug("worker did not stop in time");
		return;
	}
	imap_free(w->imap);
	imap_error_clear(&w->early_err);
	queue_destroy(&w->requests, worker_free_request);
	queue_destroy(&w->held, worker_free_request);
	freezero_str(w->password);
	queue_destroy(&w->events, worker_free_event);
	close(w->pipe[0]);
	close(w->pipe[1]);
	close(w->wake[0]);
	close(w->wake[1]);
	free(w);
}

void
worker_send(struct worker *w, struct request *req)
{
	char c = 0;

	queue_push(&w->requests, req);
	/* Out of IDLE: a full pipe already says "wake up". */
	if (write(w->wake[1], &c, 1) == -1 && errno != EAGAIN)
		log_debug("wake pipe: %s", strerror(errno));
}

int
worker_fd(struct worker *w)
{
	return (w->pipe[0]);
}

struct event *
worker_event(struct worker *w)
{
	char buf[256];

	while (read(w->pipe[0], buf, sizeof buf) > 0)
		;
	return (queue_pop(&w->events));
}
