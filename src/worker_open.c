/*
 * worker_open.c owns opening a folder: SELECT and what a new UIDVALIDITY
 * means for the cache, the first screen (the window), the server's order
 * (SORT, THREAD, the threads made here without it) and the user's search,
 * the resync of cached rows with the server (QRESYNC, CONDSTORE, or every
 * flag), and the cached rows shown before the login or offline.  What is
 * left to send after the first screen it hands to the fill
 * (worker_fill.c); it must never send the whole folder itself, nor hold
 * a request up for longer than a screen of headers.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "imap.h"
#include "log.h"
#include "query.h"
#include "sort.h"
#include "thread.h"
#include "worker_private.h"
#include "xmalloc.h"

/* Rows fetched before the list is usable: a tall screen and a margin. */
#define WORKER_WINDOW 100
/* More new messages than this in a cached folder: ask the server's order. */
#define WORKER_NEW_MAX 1000

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

/* The first screen's rows as threads are made of (worker_select). */
struct worker_window {
	struct thread_msg *msgs;
	size_t		   n;
};

/* Fetched rows: into the cache, then to the UI. */
void
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

int
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
void
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
void
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
void
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
void
worker_thread_order(struct worker *w, const char *folder)
{
	struct imap_error err = { 0 };

	if (worker_reorder(w, folder, 1, &err) != 0)
		worker_report(w, &err);
}

void
worker_preview_clear(struct worker *w)
{
	FREE(&w->preview);
	FREE(&w->preview_order);
	FREE(&w->preview_flags);
	w->npreview = 0;
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
void
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
void
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

/* Offline, t: the cached rows in that order (threads as last seen). */
void
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
