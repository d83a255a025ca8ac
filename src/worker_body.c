/*
 * worker_body.c owns what is fetched of one message when the user asks:
 * its text (HTML rendered here, by the html-filter or the built-in, then
 * cached), its raw source, a part to save or view, and the cached text
 * offline.  It must never hand the UI HTML to render, and never cache
 * the raw message or its parts.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "conf.h"
#include "html.h"
#include "imap.h"
#include "worker_attach.h"
#include "worker_private.h"
#include "xmalloc.h"

/* The html-filter's time; then it is killed and the built-in renders. */
#define WORKER_HTML_TIMEOUT_MS 5000

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

void
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
void
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
void
worker_offline_refuse(struct worker *w, struct request *req, const char *why)
{
	struct event *ev;

	ev = event_new(EV_DONE);
	ev->id = req->id;
	ev->folder = xstrdup(req->folder);
	ev->text = xstrdup(why);
	worker_push(w, ev);
}

void
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
void
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
