/*
 * worker.c owns an account's network thread: it takes requests from the UI
 * thread, runs them on the account's IMAP session one at a time, and sends
 * back events.  It keeps the loop, the queues, the dispatch, the login and
 * the reconnect, IDLE and the changes other clients make; each kind of
 * request runs in a worker_*.c of its own (worker_private.h).  It must
 * never touch the screen or the UI's model, and never block the UI: the
 * only thing shared is the two queues and a pipe.
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
#include "imap.h"
#include "log.h"
#include "outgoing.h"
#include "queue.h"
#include "secret.h"
#include "worker.h"
#include "worker_private.h"
#include "worker_send.h"
#include "xmalloc.h"

/* IDLE is re-issued before servers' 30-minute timeout (RFC 2177). */
#define WORKER_IDLE_SECONDS (25 * 60)
/* The longest wait between two tries to reconnect. */
#define WORKER_BACKOFF_MAX 60

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

void
worker_push(struct worker *w, struct event *ev)
{
	char c = 0;

	queue_push(&w->events, ev);
	/* A full pipe already means "wake up"; EAGAIN is fine. */
	if (write(w->pipe[1], &c, 1) == -1 && errno != EAGAIN)
		log_debug("event pipe: %s", strerror(errno));
}

void
worker_push_text(struct worker *w, enum event_type type, char *text)
{
	struct event *ev;

	ev = event_new(type);
	ev->text = text;
	worker_push(w, ev);
}

void
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
void
worker_report(struct worker *w, struct imap_error *err)
{
	worker_push_text(w,
	    err->kind == IMAP_ERR_SESSION ? EV_DISCONNECTED : EV_STATE,
	    err->text);
	err->text = NULL;
	imap_error_clear(err);
}

/* EV_DONE for a request: ok without a text, else refused with it (taken). */
void
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
void
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

long
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
