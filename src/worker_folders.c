/*
 * worker_folders.c owns the worker's side of the folder list: LIST and
 * LSUB, the counts of every folder (LIST-STATUS or STATUS) and the quota,
 * their rounds every folder-refresh, the folder operations (CREATE,
 * RENAME, DELETE, (UN)SUBSCRIBE), and the list from the cache offline.
 * It must never select a folder or touch the rows of the open one.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "conf.h"
#include "imap.h"
#include "log.h"
#include "worker_private.h"
#include "xmalloc.h"

void
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
void
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

/* The next round of STATUS, folder-refresh seconds from now (0: none). */
void
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

void
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
void
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
void
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

void
worker_status(struct worker *w, struct request *req)
{
	struct imap_error err = { 0 };
	const char	 *folder = req->folder;

	if (imap_status_many(w->imap, &folder, 1, worker_counts_cb, w, &err) !=
	    0)
		worker_error(w, req, &err);
}
