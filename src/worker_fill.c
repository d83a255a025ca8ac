/*
 * worker_fill.c owns the fill: the rows of the open folder still to go to
 * the UI after its first screen, a chunk at a time between requests (the
 * cached ones first, then the server's), and the rows on screen the UI
 * asks for out of turn.  It must never run a step longer than one chunk,
 * so that a request waits at most that long, and never mark the cache
 * whole when a fetch failed.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "imap.h"
#include "log.h"
#include "worker_private.h"
#include "xmalloc.h"

/*
 * Headers fetched per step of the fill, in UID FETCHes of WORKER_FETCH_CHUNK
 * sent two at a time; a request waits at most one step.
 */
#define WORKER_FILL_CHUNK 3000
#define WORKER_FETCH_CHUNK 1000

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

void
worker_fill_clear(struct worker *w)
{
	struct worker_fill *f = &w->fill;

	free(f->folder);
	free(f->cached);
	free(f->fetch);
	memset(f, 0, sizeof *f);
}

int
worker_fill_pending(const struct worker *w)
{
	return (w->fill.folder != NULL);
}

/* Whether a step of the fill can run now (cached rows need no server). */
int
worker_fill_ready(const struct worker *w)
{
	const struct worker_fill *f = &w->fill;

	return (f->folder != NULL &&
	    (f->cached_next < f->ncached ||
		(w->logged_in && imap_is_connected(w->imap))));
}

/* The fill is over: the cache is whole (unless a fetch failed). */
void
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
void
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
void
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
