/*
 * worker_change.c owns the changes to messages: STORE, COPY, MOVE and
 * EXPUNGE, the cache following what the server did, the replay of a
 * COPY or MOVE that may have been done before a lost connection, and
 * the APPEND of a message from another account.  It must never redo a
 * change it cannot tell was not done: such a change is checked first,
 * and what cannot be told is reported, not guessed.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "imap.h"
#include "log.h"
#include "worker_private.h"
#include "xmalloc.h"

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
void
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
int
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
