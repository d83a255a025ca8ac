/*
 * actions_xfer.c owns moving and copying a message to a folder of another
 * account: the raw message fetched from the source, APPENDed to the target
 * with its flags, and only after the target's OK marked \Deleted and
 * expunged at the source (a move).  It must never remove the source's copy
 * before the target has said OK: a message may end up in both places,
 * never in neither.  These transfers are not journalled (see HACKING).
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "journal.h"
#include "xmalloc.h"

struct xfer {
	struct session *from;
	struct session *to;
	char	       *folder; /* wire, in from */
	uint32_t	uidvalidity;
	uint32_t	uid;
	uint32_t	flags;	/* MSG_*, as the server has them */
	char	       *msgid;	/* or NULL */
	char	       *target; /* wire, in to */
	char	       *name;	/* "account/folder", as typed */
	int		move;
	unsigned int	source_id;
	unsigned int	append_id;
	struct xfer    *next;
};

static void
actions_xfer_free_one(struct xfer *x)
{
	free(x->folder);
	free(x->msgid);
	free(x->target);
	free(x->name);
	free(x);
}

void
actions_xfer_free(struct app *app)
{
	struct xfer *x;

	while ((x = app->xfers) != NULL) {
		app->xfers = x->next;
		actions_xfer_free_one(x);
	}
}

/* The account a name "ACCOUNT/folder" starts with, other than the open one. */
static struct session *
actions_xfer_account(struct app *app, const char *name, const char **rest)
{
	struct session *s;
	size_t		i, len;

	for (i = 0; i < app->nsessions; i++) {
		s = app->sessions[i];
		len = strlen(s->account->name);
		if (s == app->cur ||
		    strncmp(name, s->account->name, len) != 0 ||
		    name[len] != '/')
			continue;
		*rest = name + len + 1;
		return (s);
	}
	return (NULL);
}

/* The row of the message, if its folder is the one open. */
static struct msgrow *
actions_xfer_row(struct app *app, struct xfer *x)
{
	if (app->cur != x->from || app->mbox_wire == NULL ||
	    strcmp(app->mbox_wire, x->folder) != 0)
		return (NULL);
	return (mailbox_get(&app->mbox, x->uid));
}

/* The transfer is over, one way or the other: the row is no longer '*'. */
static void
actions_xfer_end(struct app *app, struct xfer *x)
{
	struct xfer  **xp;
	struct msgrow *r;

	if ((r = actions_xfer_row(app, x)) != NULL)
		r->flags &= ~MSG_PENDING;
	for (xp = &app->xfers; *xp != NULL; xp = &(*xp)->next) {
		if (*xp == x) {
			*xp = x->next;
			break;
		}
	}
	actions_xfer_free_one(x);
}

int
actions_xfer_start(struct app *app, enum request_type type, const char *name)
{
	struct session *to;
	struct folder  *f;
	struct msgrow  *m;
	struct request *req;
	struct xfer    *x;
	const char     *rest;

	if ((to = actions_xfer_account(app, name, &rest)) == NULL)
		return (0);
	if ((m = actions_current(app)) == NULL)
		return (1);
	if ((f = folders_find(&to->folders, rest)) == NULL ||
	    (f->flags & FOLDER_NOSELECT)) {
		app_message(app, 1, "No folder named %s in %s", rest,
		    to->account->name);
		return (1);
	}
	/*
	 * Not journalled, so not queued: both servers must be there now,
	 * and what cannot be done is said at once.
	 */
	if (!app->cur->connected || !to->connected) {
		app_message(app, 1,
		    "Offline (%s): moving or copying between accounts needs "
		    "both servers",
		    !to->connected ? to->account->name :
				     app->cur->account->name);
		return (1);
	}
	x = xcalloc(1, sizeof *x);
	x->from = app->cur;
	x->to = to;
	x->folder = xstrdup(app->mbox_wire);
	x->uidvalidity = app->mbox.uidvalidity;
	x->uid = m->uid;
	x->flags = m->flags & MSG_SERVER_FLAGS;
	/* Found by it in the target if an APPEND's answer is ever lost. */
	if (app->cur->journal != NULL)
		x->msgid = journal_message_id(app->cur->journal, x->folder,
		    x->uid);
	x->target = xstrdup(f->wire);
	x->name = xstrdup(name);
	x->move = type == REQ_MOVE;
	x->next = app->xfers;
	app->xfers = x;
	m->flags |= MSG_PENDING;

	req = request_new(REQ_SOURCE);
	req->id = x->source_id = ++app->next_id;
	req->folder = xstrdup(x->folder);
	req->uids = xmalloc(sizeof *req->uids);
	req->uids[0] = x->uid;
	req->nuids = 1;
	req->whole = 1;
	app_send_to(x->from, req);
	app_message(app, 0, "%s to %s...", x->move ? "Moving" : "Copying",
	    name);
	return (1);
}

/* The message's bytes are here: to the target. */
static void
actions_xfer_append(struct app *app, struct xfer *x, struct event *ev)
{
	struct request *req;

	req = request_new(REQ_APPEND);
	req->id = x->append_id = ++app->next_id;
	req->folder = xstrdup(x->target);
	req->add = x->flags;
	req->data = ev->text;
	req->datalen = ev->textlen;
	ev->text = NULL;
	if (x->msgid != NULL)
		req->message_id = xstrdup(x->msgid);
	app_send_to(x->to, req);
}

/*
 * The target said OK: now, and only now, the source's copy goes, through
 * the source account's journal like any change of its own, so that a
 * crash from here on still ends with one copy.
 */
static void
actions_xfer_remove_source(struct app *app, struct xfer *x)
{
	struct pending *p;
	struct request *req;
	int		i;

	for (i = 0; i < 2; i++) {
		p = xcalloc(1, sizeof *p);
		p->sess = x->from;
		p->type = i == 0 ? REQ_STORE : REQ_EXPUNGE;
		p->folder = xstrdup(x->folder);
		p->uids = xmalloc(sizeof *p->uids);
		p->uids[0] = x->uid;
		p->n = 1;
		req = request_new(p->type);
		req->id = p->id = ++app->next_id;
		req->folder = xstrdup(x->folder);
		req->uids = xmalloc(sizeof *req->uids);
		req->uids[0] = x->uid;
		req->nuids = 1;
		req->uidvalidity = x->uidvalidity;
		if (i == 0)
			req->add = MSG_DELETED;
		else {
			p->done_text = xasprintf("Moved to %s", x->name);
			/* Out of the list now; put back if refused. */
			if (actions_xfer_row(app, x) != NULL) {
				p->removed = xmalloc(sizeof *p->removed);
				if (mailbox_remove(&app->mbox, x->uid,
					&p->removed[0]) == 0)
					p->nremoved = 1;
				if (app->index_cursor >= app->mbox.n &&
				    app->mbox.n > 0)
					app->index_cursor = app->mbox.n - 1;
			}
		}
		app_send_change(app, p, req);
	}
}

int
actions_xfer_event(struct app *app, struct session *s, struct event *ev)
{
	struct xfer *x;

	if (ev->id == 0 || (ev->type != EV_SOURCE && ev->type != EV_DONE))
		return (0);
	for (x = app->xfers; x != NULL; x = x->next)
		if ((s == x->from && ev->id == x->source_id) ||
		    (s == x->to && ev->id == x->append_id))
			break;
	if (x == NULL)
		return (0);
	if (ev->type == EV_SOURCE) {
		actions_xfer_append(app, x, ev);
		return (1);
	}
	if (!ev->ok) {
		/* Cut after the APPEND went out: it may have been done. */
		if (ev->id == x->append_id && !x->to->connected)
			app_message(app, 1,
			    "Not %s: the connection to %s was lost during the "
			    "APPEND (%s); the message is still here, and may "
			    "be in %s too",
			    x->move ? "moved" : "copied", x->to->account->name,
			    ev->text != NULL ? ev->text : "?", x->name);
		else
			app_message(app, 1,
			    "Not %s to %s: %s; the message is still here",
			    x->move ? "moved" : "copied", x->name,
			    ev->text != NULL ? ev->text : "refused");
	} else if (x->move) {
		app_message(app, 0, "Moving to %s...", x->name);
		actions_xfer_remove_source(app, x);
	} else
		app_message(app, 0, "Copied to %s%s%s", x->name,
		    ev->text != NULL ? ": " : "",
		    ev->text != NULL ? ev->text : "");
	actions_xfer_end(app, x);
	return (1);
}
