/*
 * app.c owns the UI thread's event loop: it waits in poll() on the terminal,
 * the signal pipe and every account's event pipe, applies what arrives to
 * the model (with the account it came from), and draws once per turn when
 * something changed.  It must never do
 * network or disk I/O that can block: that is the worker's.  The one write
 * it makes is the journal's, at the key press (see journal.c).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "attach_file.h"
#include "cache_db.h"
#include "conf.h"
#include "journal.h"
#include "log.h"
#include "query.h"
#include "sanitize.h"
#include "signal_pipe.h"
#include "ui.h"
#include "xmalloc.h"

void
app_message(struct app *app, int error, const char *fmt, ...)
{
	va_list ap;
	char   *raw;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	free(app->message);
	/* Messages quote the server, so they are made safe here. */
	app->message = sanitize_str(raw, 0);
	free(raw);
	app->message_error = error;
	app->dirty = 1;
}

/* The message line names the account when there are several. */
const char *
app_prefix(struct app *app, struct session *s)
{
	static char buf[128];

	if (app->nsessions < 2)
		return ("");
	snprintf(buf, sizeof buf, "%s: ", s->account->name);
	return (buf);
}

/* An account of several that will not log in: the others go on. */
static void
app_give_up(struct session *s, const char *why)
{
	s->given_up = 1;
	free(s->netstate);
	s->netstate = xstrdup(why);
}

/* Esc at the password prompt: tern ends, or, of several, that account. */
static void
app_password_cancelled(struct app *app)
{
	struct session *s = app->prompt_sess;

	app->prompt_sess = NULL;
	if (app->nsessions < 2 || s == NULL) {
		app->quit = 1;
		return;
	}
	app_give_up(s, "not logged in");
	app_message(app, 1, "%sNot logged in", app_prefix(app, s));
}

void
app_send(struct app *app, struct request *req)
{
	app_send_to(app->cur, req);
}

void
app_send_to(struct session *s, struct request *req)
{
	worker_send(s->worker, req);
}

void
app_pending_add(struct app *app, struct pending *p)
{
	p->next = app->pending;
	app->pending = p;
}

static enum journal_op
app_journal_op(enum request_type type)
{
	switch (type) {
	case REQ_STORE:
		return (JOURNAL_STORE);
	case REQ_COPY:
		return (JOURNAL_COPY);
	case REQ_MOVE:
		return (JOURNAL_MOVE);
	case REQ_EXPUNGE:
		return (JOURNAL_EXPUNGE);
	default:
		fatalx("app_journal_op: request %d", type);
	}
}

void
app_send_change(struct app *app, struct pending *p, struct request *req)
{
	struct journal_entry e;

	memset(&e, 0, sizeof e);
	e.op = app_journal_op(req->type);
	e.folder = req->folder;
	e.uidvalidity = req->uidvalidity;
	e.target = req->target;
	e.uids = req->uids;
	e.nuids = req->nuids;
	e.message_ids = req->message_ids;
	e.add = req->add;
	e.remove = req->remove;
	/* On disk before it is sent: a crash from here on loses nothing. */
	if (p->sess == NULL)
		p->sess = app->cur;
	p->jid = p->sess->journal != NULL ? journal_add(p->sess->journal, &e) :
					    -1;
	if (p->jid == -1 && p->sess->journal != NULL)
		app_message(app, 1,
		    "Could not write the journal: this change is "
		    "lost if tern stops before the server confirms it");
	app_pending_add(app, p);
	app_send_to(p->sess, req);
}

/* Changes of an earlier run the server never confirmed: send them again. */
static void
app_replay_journal(struct app *app, struct session *s)
{
	struct journal_entry	      *list, *e;
	struct pending		      *p;
	struct request		      *req;
	static const enum request_type types[] = {
		[JOURNAL_STORE] = REQ_STORE,
		[JOURNAL_COPY] = REQ_COPY,
		[JOURNAL_MOVE] = REQ_MOVE,
		[JOURNAL_EXPUNGE] = REQ_EXPUNGE,
	};
	size_t n, i;

	if (s->journal == NULL || (n = journal_load(s->journal, 0, &list)) == 0)
		return;
	for (i = 0; i < n; i++) {
		e = &list[i];
		req = request_new(types[e->op]);
		req->id = ++app->next_id;
		req->folder = e->folder;
		req->target = e->target;
		req->uids = e->uids;
		req->nuids = e->nuids;
		req->message_ids = e->message_ids;
		req->add = e->add;
		req->remove = e->remove;
		req->uidvalidity = e->uidvalidity;
		req->replay = 1;
		p = xcalloc(1, sizeof *p);
		p->sess = s;
		p->id = req->id;
		p->jid = e->id;
		p->type = req->type;
		p->folder = xstrdup(e->folder);
		p->target = e->target != NULL ? xstrdup(e->target) : NULL;
		/* The request owns the arrays now. */
		e->folder = e->target = NULL;
		e->uids = NULL;
		e->message_ids = NULL;
		app_pending_add(app, p);
		app_send_to(s, req);
	}
	app_message(app, 0, "%sSending %zu change%s left from the last run",
	    app_prefix(app, s), n, n == 1 ? "" : "s");
	journal_entries_free(list, n);
}

static void
app_pending_free(struct pending *p)
{
	size_t i;

	for (i = 0; i < p->nremoved; i++)
		message_clear(&p->removed[i]);
	free(p->removed);
	free(p->folder);
	free(p->target);
	free(p->uids);
	free(p->old_flags);
	free(p->done_text);
	free(p);
}

static struct pending *
app_pending_take(struct app *app, unsigned int id)
{
	struct pending **pp, *p;

	for (pp = &app->pending; (p = *pp) != NULL; pp = &p->next) {
		if (p->id == id) {
			*pp = p->next;
			return (p);
		}
	}
	return (NULL);
}

/* Whether another change still waits on this message. */
static int
app_pending_has(struct app *app, uint32_t uid)
{
	struct pending *p;
	size_t		i;

	for (p = app->pending; p != NULL; p = p->next) {
		if (p->sess != app->cur || app->mbox_wire == NULL ||
		    strcmp(p->folder, app->mbox_wire) != 0)
			continue;
		for (i = 0; i < p->n; i++)
			if (p->uids[i] == uid)
				return (1);
	}
	return (0);
}

static void
app_clear_pending_flag(struct app *app, const struct pending *p)
{
	struct msgrow *r;
	size_t	       i;

	for (i = 0; i < p->n; i++) {
		r = mailbox_get(&app->mbox, p->uids[i]);
		if (r != NULL && !app_pending_has(app, p->uids[i]))
			r->flags &= ~MSG_PENDING;
	}
}

/* Whether the folder of this account is the one open. */
static int
app_in_open_folder(struct app *app, struct session *s, const char *wire)
{
	return (s == app->cur && app->mbox_wire != NULL && wire != NULL &&
	    strcmp(app->mbox_wire, wire) == 0);
}

/* The server refused a change: put the rows back as they were. */
static void
app_undo(struct app *app, struct pending *p)
{
	struct msgrow *r;
	size_t	       i;

	if (!app_in_open_folder(app, p->sess, p->folder))
		return;
	mailbox_add(&app->mbox, p->removed, p->nremoved);
	p->nremoved = 0;
	if (p->old_flags != NULL) {
		for (i = 0; i < p->n; i++)
			if ((r = mailbox_get(&app->mbox, p->uids[i])) != NULL)
				r->flags = p->old_flags[i] |
				    (r->flags & MSG_PENDING);
	}
}

static void
app_request_status(struct session *s, const char *wire)
{
	struct request *req;

	req = request_new(REQ_STATUS);
	req->folder = xstrdup(wire);
	app_send_to(s, req);
}

static void
app_done(struct app *app, struct session *s, struct event *ev)
{
	struct pending *p;
	struct folder  *f;

	if ((p = app_pending_take(app, ev->id)) == NULL) {
		if (ev->ok)
			return;
		if (app->screen == SCREEN_PAGER && app->pager.loading)
			app->pager.loading = 0; /* the message it waited for */
		else if (!s->connected && app->message != NULL)
			return; /* offline: keep the reason why */
		app_message(app, 1, "%s",
		    ev->text != NULL ? ev->text : "request failed");
		return;
	}
	if (!ev->ok) {
		app_undo(app, p);
		if (p->jid != -1)
			journal_fail(p->sess->journal, p->jid, ev->text);
		app_message(app, 1, "%s%s",
		    ev->text != NULL ? ev->text :
				       "the server refused the change",
		    p->jid != -1 ? " (kept in :failed)" : "");
	} else {
		if (p->jid != -1)
			journal_done(p->sess->journal, p->jid);
		f = p->target != NULL ?
		    folders_find_wire(&p->sess->folders, p->target) :
		    NULL;
		switch (p->type) {
		case REQ_MOVE:
			app_message(app, 0, "Moved to %s",
			    f != NULL ? f->name : p->target);
			break;
		case REQ_COPY:
			app_message(app, 0, "Copied to %s",
			    f != NULL ? f->name : p->target);
			break;
		case REQ_EXPUNGE:
			app_message(app, 0, "Expunged %zu message%s",
			    p->nremoved, p->nremoved == 1 ? "" : "s");
			break;
		default:
			break;
		}
		/* The last step of a longer change says what it was. */
		if (p->done_text != NULL)
			app_message(app, 0, "%s", p->done_text);
		/* Its counts changed. */
		if (f != NULL)
			app_request_status(p->sess, f->wire);
	}
	if (app_in_open_folder(app, p->sess, p->folder))
		app_clear_pending_flag(app, p);
	app_pending_free(p);
}

static void
app_open_folder_as(struct app *app, struct session *s, const char *wire,
    int preview)
{
	struct request *req;
	struct folder  *f;
	char	       *copy;

	/* The folder left keeps the counts its list last had. */
	if (app->mbox_wire != NULL && !app->mbox_loading &&
	    (f = folders_find_wire(&app->cur->folders, app->mbox_wire)) !=
		NULL) {
		f->messages = (uint32_t)app->mbox.ntotal;
		f->unseen = (uint32_t)mailbox_count(&app->mbox, 0, MSG_SEEN);
	}
	/* wire may be app->mbox_wire itself (a reopen). */
	wire = copy = xstrdup(wire);
	free(app->mbox_wire);
	app->mbox_wire = copy;
	mailbox_free(&app->mbox);
	FREE(&app->search);
	app->search_id = 0;
	app->cur = s;
	f = folders_find_wire(&s->folders, wire);
	mailbox_init(&app->mbox, f != NULL ? f->name : wire, &app->sort);
	app->mbox_loading = 1;
	app->index_cursor = app->index_top = 0;
	app->index_moved = 0;
	app->ready_logged = app->threads_logged = 0;
	app->longest_turn = 0;
	req = request_new(REQ_SELECT);
	req->folder = xstrdup(wire);
	req->sort = app->sort;
	req->preview = preview;
	app_send(app, req);
	app->dirty = 1;
}

void
app_open_folder(struct app *app, const char *wire)
{
	app_open_folder_as(app, app->cur, wire, 0);
}

void
app_open_folder_in(struct app *app, struct session *s, const char *wire)
{
	app_open_folder_as(app, s, wire, 0);
}

/*
 * Fetch the open folder again (back online, or after the cache was shown)
 * keeping its rows on screen: each is marked stale, refetched rows replace
 * their stale selves, and what is still stale at the end is gone.
 */
static void
app_refresh_folder(struct app *app)
{
	struct request *req;

	mailbox_mark_all(&app->mbox, MSG_STALE, 1);
	if (app->index_cursor < app->mbox.n)
		app->restore_uid =
		    mailbox_row(&app->mbox, app->index_cursor)->uid;
	app->mbox_loading = 1;
	req = request_new(REQ_SELECT);
	req->folder = xstrdup(app->mbox_wire);
	req->sort = app->sort;
	app_send(app, req);
}

static void
app_pager_add(struct app *app, const char *label, const char *value, int flags)
{
	struct pager *pg = &app->pager;
	char	     *clean;

	if (label != NULL && value == NULL)
		return;
	clean = sanitize_str(value != NULL ? value : "", flags);
	pg->lines = xreallocarray(pg->lines, pg->nlines + 1, sizeof *pg->lines);
	pg->lines[pg->nlines++] = label != NULL ?
	    xasprintf("%s %s", label, clean) :
	    xstrdup(clean);
	free(clean);
}

static void
app_body(struct app *app, struct session *s, struct event *ev)
{
	struct pager *pg = &app->pager;
	char	     *text, *line, *next;

	if (!app_in_open_folder(app, s, ev->folder) || ev->uid != pg->uid)
		return;
	pg->loading = 0;
	actions_attach_parts(app, ev);
	app_pager_add(app, "From:", ev->from, 0);
	app_pager_add(app, "To:", ev->to, 0);
	app_pager_add(app, "Cc:", ev->cc, 0);
	app_pager_add(app, "Date:", ev->date, 0);
	app_pager_add(app, "Subject:", ev->subject != NULL ? ev->subject : "",
	    0);
	app_pager_add(app, NULL, "", 0);
	text = sanitize_str(ev->text, SANITIZE_NEWLINES | SANITIZE_TABS);
	free(pg->text);
	pg->text = xstrdup(text);
	for (line = text; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (next == NULL && *line == '\0')
			break;
		/* Already clean: add it as it is. */
		pg->lines = xreallocarray(pg->lines, pg->nlines + 1,
		    sizeof *pg->lines);
		pg->lines[pg->nlines++] = xstrdup(line);
	}
	free(text);
}

/* Keep the cursor on the message it was on, whatever moved around it. */
static uint32_t
app_cursor_uid(struct app *app)
{
	if (app->index_cursor < app->mbox.n)
		return (mailbox_row(&app->mbox, app->index_cursor)->uid);
	return (0);
}

static void
app_cursor_to(struct app *app, uint32_t uid)
{
	long i;

	/*
	 * A cursor the user never moved stays on the top row: the message
	 * it was on was only the top of what had arrived so far.
	 */
	if (!app->index_moved) {
		app->index_cursor = 0;
		app->restore_uid = 0;
		return;
	}
	if (app->restore_uid != 0 &&
	    (i = mailbox_pos(&app->mbox, app->restore_uid)) != -1) {
		/* The row the cursor was on before a reopen. */
		app->index_cursor = (size_t)i;
		app->restore_uid = 0;
	} else if (uid != 0 && (i = mailbox_pos(&app->mbox, uid)) != -1)
		app->index_cursor = (size_t)i;
}

/* The server's order of the folder: rows take their places, unfetched. */
static void
app_order(struct app *app, struct session *s, struct event *ev)
{
	uint32_t uid;
	int	 at_end;

	if (!app_in_open_folder(app, s, ev->folder))
		return;
	uid = app_cursor_uid(app);
	/* A cursor sent to the last row stays on the last row. */
	at_end = app->index_moved && app->mbox.n > 0 &&
	    app->index_cursor == app->mbox.n - 1;
	/* Other UIDVALIDITY: no row kept stands for the same mail. */
	if (app->mbox.uidvalidity != 0 &&
	    app->mbox.uidvalidity != ev->uidvalidity) {
		mailbox_set_order(&app->mbox, NULL, 0);
		app->restore_uid = uid = 0;
	}
	app->mbox.uidvalidity = ev->uidvalidity;
	mailbox_set_order(&app->mbox, ev->uids, ev->nuids);
	mailbox_set_tree(&app->mbox, ev->uids, ev->tree, ev->nuids);
	app->mbox_unsorted = (ev->flags & EVF_UNSORTED) != 0;
	/* Asked for after the load (t): nothing else will sort it. */
	if (app->mbox_unsorted && !app->mbox_loading) {
		mailbox_sort(&app->mbox);
		app->mbox_unsorted = 0;
	}
	app_cursor_to(app, uid);
	if (at_end && app->mbox.n > 0)
		app->index_cursor = app->mbox.n - 1;
}

/* The open list in app->sort: here at once, then the server's order. */
static void
app_reorder(struct app *app)
{
	struct request *req;
	uint32_t	uid;

	app->mbox.sort = app->sort;
	/* Out of threads the list sorts itself; into them the server does. */
	if (app->sort.key != SORT_THREAD) {
		uid = app_cursor_uid(app);
		mailbox_set_tree(&app->mbox, NULL, NULL, 0);
		mailbox_sort(&app->mbox);
		app->mbox_unsorted = app->mbox_loading;
		app_cursor_to(app, uid);
	}
	req = request_new(REQ_ORDER);
	req->folder = xstrdup(app->mbox_wire);
	req->sort = app->sort;
	app_send(app, req);
}

void
app_sort_key(struct app *app, int key)
{
	static const char keys[] = "datfsz";
	const char	 *k;
	char		  name[32];
	int		  lower;

	lower = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
	if (app->mbox_wire == NULL || lower <= 0 || lower > 0x7f ||
	    (k = strchr(keys, lower)) == NULL) {
		app_message(app, 1, "No such order");
		return;
	}
	/* The letters in the order of enum sort_key. */
	app->sort.key = (enum sort_key)(k - keys);
	app->sort.reverse = key != lower;
	/* The cursor stays on its message, wherever the order puts it. */
	if (app_cursor_uid(app) != 0)
		app->index_moved = 1;
	app_reorder(app);
	app_message(app, 0, "Sorted by %s",
	    sort_name(&app->sort, name, sizeof name));
}

/*
 * z: the thread under the cursor as its first message alone, or whole
 * again; Z: every thread, or (if one is folded) none.  The cursor goes to
 * the first message of its thread.
 */
void
app_fold(struct app *app, int all)
{
	struct mailbox *mb = &app->mbox;
	uint32_t	start;

	if (mb->tree == NULL || mb->n == 0) {
		app_message(app, 0, "Folding is for threads (t)");
		return;
	}
	start = mailbox_thread_start(mb, app->index_cursor);
	if (all) {
		mailbox_fold_all(mb, mb->nfolded == 0);
		app_message(app, 0,
		    mb->nfolded > 0 ? "Threads folded" : "Threads unfolded");
	} else if (mailbox_folded_rows(mb, start) > 0)
		mailbox_fold(mb, start, 0);
	else {
		mailbox_fold(mb, start, 1);
		if (mailbox_folded_rows(mb, start) == 0) {
			mailbox_fold(mb, start, 0);
			app_message(app, 0, "No replies to fold");
		}
	}
	app_cursor_to(app, start);
}

void
app_toggle_threads(struct app *app)
{
	static const struct sort_order by_date = { SORT_DATE, 0 };
	static const struct sort_order threads = { SORT_THREAD, 0 };

	if (app->mbox_wire == NULL)
		return;
	if (app->sort.key != SORT_THREAD) {
		/* reverse-threads if that is the setting. */
		app->sort = app->cur->account->sort.key == SORT_THREAD ?
		    app->cur->account->sort :
		    threads;
		app_message(app, 0, "Threads");
	} else {
		app->sort = app->cur->account->sort.key != SORT_THREAD ?
		    app->cur->account->sort :
		    by_date;
		app_message(app, 0, "No threads");
	}
	app_reorder(app);
}

/* Ask the server which messages match; the answer limits the list. */
static void
app_search_send(struct app *app, const char *query)
{
	struct request *req;

	req = request_new(REQ_SEARCH);
	req->id = app->search_id = ++app->next_id;
	req->folder = xstrdup(app->mbox_wire);
	req->query = xstrdup(query);
	app_send(app, req);
}

void
app_search(struct app *app, const char *query)
{
	struct query_error err;
	struct query	  *q;
	const char	  *p;

	for (p = query; *p == ' ' || *p == '\t'; p++)
		;
	if (*p == '\0') {
		app_search_clear(app);
		return;
	}
	if (app->mbox_wire == NULL)
		return;
	/* Said here, where the query is still on the screen to fix. */
	if ((q = query_parse(query, strlen(query), &err)) == NULL) {
		app_message(app, 1, "Bad search at column %zu: %s", err.pos + 1,
		    err.text);
		return;
	}
	query_free(q);
	app_message(app, 0, "Searching %s", app->mbox.name);
	app_search_send(app, query);
}

void
app_search_clear(struct app *app)
{
	uint32_t uid;

	/* An answer still on its way would limit the list again. */
	app->search_id = 0;
	if (app->search == NULL)
		return;
	uid = app_cursor_uid(app);
	mailbox_limit(&app->mbox, NULL, 0);
	FREE(&app->search);
	app->index_moved = 1;
	app_cursor_to(app, uid);
	app_message(app, 0, "Every message shown");
}

static void
app_search_found(struct app *app, struct session *s, struct event *ev)
{
	uint32_t uid;

	if (!app_in_open_folder(app, s, ev->folder) || ev->id != app->search_id)
		return;
	uid = app_cursor_uid(app);
	mailbox_limit(&app->mbox, ev->uids, ev->nuids);
	free(app->search);
	app->search = ev->text;
	ev->text = NULL;
	/* Off the list now: the top row, rather than a row past the end. */
	app->index_cursor = 0;
	app_cursor_to(app, uid);
	if (app->index_top >= app->mbox.n)
		app->index_top = 0;
	app_message(app, 0, "%zu message%s found", app->mbox.n,
	    app->mbox.n == 1 ? "" : "s");
}

static void
app_headers(struct app *app, struct session *s, struct event *ev)
{
	struct msgrow *r;
	uint32_t       uid;
	size_t	       j;

	if (!app_in_open_folder(app, s, ev->folder))
		return;
	/* New mail lands above: keep the cursor on its message. */
	uid = app_cursor_uid(app);
	for (j = 0; j < ev->n; j++) {
		/* A change of ours in flight wins over what was fetched. */
		if ((r = mailbox_get(&app->mbox, ev->msgs[j].uid)) != NULL &&
		    (r->flags & MSG_PENDING))
			ev->msgs[j].flags = r->flags &
			    ~(MSG_STALE | MSG_UNLOADED | MSG_WANTED);
	}
	if (ev->flags & EVF_NEW) {
		app_message(app, 0, "%sNew mail in %s", app_prefix(app, s),
		    app->mbox.name);
		if (s->account->new_mail_bell)
			ui_bell();
		/* Shown only if it matches: the server says whether. */
		if (app->search != NULL)
			app_search_send(app, app->search);
	}
	/* Only rows not yet on the list can move the others. */
	mailbox_add(&app->mbox, ev->msgs, ev->n);
	free(ev->msgs);
	ev->msgs = NULL;
	ev->n = 0;
	app_cursor_to(app, uid);
}

/*
 * Another client expunged messages.  The cursor stays on its message, or
 * on the next one if its own went away.
 */
static void
app_expunged(struct app *app, struct session *s, struct event *ev)
{
	struct msgrow *r;
	uint32_t       uid = 0;
	size_t	       i;

	if (!app_in_open_folder(app, s, ev->folder))
		return;
	for (i = 0; i < ev->nuids; i++) {
		if ((r = mailbox_get(&app->mbox, ev->uids[i])) == NULL)
			continue;
		r->flags |= MSG_GONE;
		if (app->screen == SCREEN_PAGER &&
		    app->pager.uid == ev->uids[i]) {
			app->screen = SCREEN_MAIN;
			app_message(app, 1,
			    "The message was removed from the "
			    "server");
		}
	}
	/* The cursor's message, else the next one left, else the last. */
	for (i = app->index_cursor; i < app->mbox.n && uid == 0; i++)
		if (!(mailbox_row(&app->mbox, i)->flags & MSG_GONE))
			uid = mailbox_row(&app->mbox, i)->uid;
	mailbox_remove_flagged(&app->mbox, MSG_GONE);
	app_cursor_to(app, uid);
	if (app->index_cursor >= app->mbox.n && app->mbox.n > 0)
		app->index_cursor = app->mbox.n - 1;
}

/* Another client changed flags; a change of ours in flight wins. */
static void
app_flags(struct app *app, struct session *s, struct event *ev)
{
	struct msgrow *m;
	size_t	       i;

	if (!app_in_open_folder(app, s, ev->folder))
		return;
	for (i = 0; i < ev->n; i++) {
		if ((m = mailbox_get(&app->mbox, ev->msgs[i].uid)) == NULL)
			continue;
		if (m->flags & MSG_PENDING)
			continue;
		m->flags = (m->flags & ~MSG_SERVER_FLAGS) |
		    (ev->msgs[i].flags & MSG_SERVER_FLAGS);
	}
}

/*
 * One password prompt at a time, naming the account when there are
 * several: an account that asks while another prompt is open waits its
 * turn (app_next_password), and the others go on meanwhile.
 */
static void
app_ask_password(struct app *app, struct session *s)
{
	char *label;

	if (app->prompt.kind != PROMPT_NONE) {
		s->want_password = 1;
		return;
	}
	s->want_password = 0;
	app->prompt_sess = s;
	if (app->nsessions > 1)
		label = xasprintf("Password for %s (%s@%s): ", s->account->name,
		    s->account->user, s->account->host);
	else
		label = xasprintf("Password for %s@%s: ", s->account->user,
		    s->account->host);
	prompt_open(&app->prompt, PROMPT_PASSWORD, label, 0);
	free(label);
}

static void
app_next_password(struct app *app)
{
	size_t i;

	for (i = 0; i < app->nsessions; i++) {
		if (app->prompt.kind != PROMPT_NONE)
			return;
		if (app->sessions[i]->want_password)
			app_ask_password(app, app->sessions[i]);
	}
}

static void
app_connected(struct app *app, struct session *s)
{
	int open = s == app->cur && app->mbox_wire != NULL;

	if (s->ever_connected || s->cache_shown || s->previewed) {
		/* Back after a lost connection: the list may be stale. */
		if (s->ever_connected || s->cache_shown)
			app_message(app, 0, "%s to %s",
			    s->ever_connected ? "Reconnected" : "Connected",
			    s->account->host);
		s->connected = s->ever_connected = 1;
		/* The list first: the folder pane can wait a round trip. */
		if (open)
			app_refresh_folder(app);
		app_send_to(s, request_new(REQ_LIST));
		return;
	}
	s->connected = s->ever_connected = 1;
	if (!app->message_error)
		FREE(&app->message);
	if (s == app->cur)
		app_open_folder(app, "INBOX");
	app_send_to(s, request_new(REQ_LIST));
}

/*
 * The certificate and the line that would pin it: trusting it is the
 * user's decision, made in the configuration, never a key press away.
 */
static void
app_cert_failed(struct app *app, struct session *s, struct event *ev)
{
	const char *text = ev->text != NULL ? ev->text : "?";
	const char *fp = ev->fingerprint != NULL ? ev->fingerprint : "unknown";
	const char *nl;
	char	   *raw;

	if (!s->ever_connected && app->nsessions == 1) {
		/* At start-up: leave curses and say it on stderr. */
		if (strchr(text, '\n') != NULL && ev->fingerprint != NULL)
			raw = xasprintf("%s: certificate verification failed: "
					"%s\n"
					"Not connected.  If you trust this "
					"certificate, pin it with this line in "
					"[account \"%s\"]\n"
					"(in place of any certificate-"
					"fingerprint there):\n"
					"  certificate-fingerprint = sha256:%s",
			    ev->host, text, s->account->name, fp);
		else
			raw = xasprintf("%s: certificate verification failed: "
					"%s\n  SHA256: %s",
			    ev->host, text, fp);
		app->exit_text = sanitize_str(raw, SANITIZE_NEWLINES);
		free(raw);
		app->exit_status = 1;
		app->quit = 1;
		return;
	}
	/* One account of several: the others go on without it. */
	if (!s->ever_connected)
		app_give_up(s, "certificate refused");
	nl = strchr(text, '\n');
	app_message(app, 1,
	    "%s%s: certificate verification failed: %.*s; "
	    "SHA256: %s",
	    app_prefix(app, s), ev->host,
	    nl != NULL ? (int)(nl - text) : (int)strlen(text), text, fp);
}

/* Like a certificate failure, a server tern will not log in to. */
static void
app_refused(struct app *app, struct session *s, struct event *ev)
{
	const char *text = ev->text != NULL ? ev->text : "refused";

	if (!s->ever_connected && app->nsessions == 1) {
		app->exit_text = sanitize_str(text, 0);
		app->exit_status = 1;
		app->quit = 1;
		return;
	}
	if (!s->ever_connected)
		app_give_up(s, "refused");
	app_message(app, 1, "%s%s", app_prefix(app, s), text);
}

/* Shown in the status bar; crossing 90 % is said once on the line too. */
static void
app_quota(struct app *app, struct session *s, struct event *ev)
{
	int was = s->quota;

	s->quota = ev->unseen == 0 ?
	    -1 :
	    (int)((uint64_t)ev->messages * 100 / ev->unseen);
	if (s->quota > 90 && was <= 90)
		app_message(app, 1, "%sQuota almost full: %d%% of %s used",
		    app_prefix(app, s), s->quota,
		    ev->text != NULL ? ev->text : "the quota");
}

/* An event of account s: from its worker's queue. */
static void
app_event(struct app *app, struct session *s, struct event *ev)
{
	uint32_t uid;

	/* A move to another account: its source or its APPEND's answer. */
	if (actions_xfer_event(app, s, ev)) {
		app->dirty = 1;
		return;
	}
	switch (ev->type) {
	case EV_STATE:
		/* Given up: what it last tried does not matter any more. */
		if (s->given_up)
			break;
		free(s->netstate);
		s->netstate = sanitize_str(ev->text, 0);
		break;
	case EV_LOGIN_NEEDED:
		app_ask_password(app, s);
		break;
	case EV_CONNECTED:
		app_connected(app, s);
		break;
	case EV_AUTH_FAILED:
		/* The prompt takes the last line: say it in the status bar. */
		free(s->netstate);
		s->netstate = sanitize_str(ev->text, 0);
		app_message(app, 1, "%s%s", app_prefix(app, s), ev->text);
		app_ask_password(app, s);
		break;
	case EV_CERT_FAILED:
		app_cert_failed(app, s, ev);
		break;
	case EV_REFUSED:
		app_refused(app, s, ev);
		break;
	case EV_NOTICE:
		app_message(app, 1, "%s%s", app_prefix(app, s), ev->text);
		break;
	case EV_SENT:
		actions_compose_answer(app, ev);
		break;
	case EV_DISCONNECTED:
		s->connected = 0;
		if (!s->given_up) {
			free(s->netstate);
			s->netstate = xstrdup("offline");
		}
		app_message(app, 1, "%s%s", app_prefix(app, s), ev->text);
		/* A LIST cut short: the next one starts afresh. */
		folders_free(&s->folders_next);
		/* Not reached at start: what the cache has meanwhile. */
		if (!s->ever_connected && !s->cache_shown) {
			s->cache_shown = 1;
			/* The start-up preview asked the cache already. */
			if (!s->previewed) {
				app_send_to(s, request_new(REQ_LIST));
				if (s == app->cur)
					app_open_folder(app, "INBOX");
			}
		}
		break;
	case EV_FOLDER:
	case EV_FOLDERS_DONE:
	case EV_STATUS:
		actions_folders_event(app, s, ev);
		break;
	case EV_SELECTED:
		if (!app_in_open_folder(app, s, ev->folder))
			break;
		app->mbox_exists = ev->messages;
		/* Other UIDVALIDITY: no row kept stands for the same mail. */
		if (!(ev->flags & EVF_CACHED) && app->mbox.uidvalidity != 0 &&
		    app->mbox.uidvalidity != ev->uidvalidity) {
			app->restore_uid = 0;
			mailbox_set_order(&app->mbox, NULL, 0);
		}
		app->mbox.uidvalidity = ev->uidvalidity;
		break;
	case EV_ORDER:
		app_order(app, s, ev);
		break;
	case EV_SEARCH:
		app_search_found(app, s, ev);
		break;
	case EV_HEADERS:
		app_headers(app, s, ev);
		break;
	case EV_HEADERS_DONE:
		if (!app_in_open_folder(app, s, ev->folder))
			break;
		app->mbox_loading = 0;
		mailbox_remove_flagged(&app->mbox, MSG_STALE);
		if (app->mbox_unsorted) {
			/* Every date is in now: the order the server lacked. */
			uid = app_cursor_uid(app);
			mailbox_sort(&app->mbox);
			app->mbox_unsorted = 0;
			app_cursor_to(app, uid);
		}
		if (!(ev->flags & EVF_CACHED))
			log_debug("headers complete: %s %zu rows, longest UI "
				  "turn %.1f ms",
			    app->mbox_wire, app->mbox.n,
			    app->longest_turn * 1e3);
		if (app->index_cursor >= app->mbox.n)
			app->index_cursor = app->mbox.n > 0 ? app->mbox.n - 1 :
							      0;
		break;
	case EV_EXPUNGED:
		app_expunged(app, s, ev);
		break;
	case EV_FLAGS:
		app_flags(app, s, ev);
		break;
	case EV_BODY:
		app_body(app, s, ev);
		break;
	case EV_SOURCE:
		if (!actions_compose_source(app, ev))
			actions_source_done(app, ev);
		break;
	case EV_DONE:
		if (ev->id != 0 && ev->id == s->folder_op.id)
			actions_folders_event(app, s, ev);
		else if (actions_compose_answer(app, ev))
			break;
		else
			app_done(app, s, ev);
		break;
	case EV_QUOTA:
		app_quota(app, s, ev);
		break;
	case EV_SAVED:
	case EV_VIEW:
		actions_attach_event(app, ev);
		break;
	case EV_LOGGED_OUT:
		break;
	}
	app->dirty = 1;
}

static void
app_prompt_key(struct app *app, int key)
{
	struct request	*req;
	enum prompt_kind kind = app->prompt.kind;
	char		*line;

	/* One key, whatever it is: an order, or no change. */
	if (kind == PROMPT_SORT) {
		prompt_close(&app->prompt);
		if (key != KEYC_ESC && key != KEYC_CTRL('g'))
			app_sort_key(app, key);
		return;
	}

	/*
	 * Tab completes folder names, which a file or a query is not: those
	 * of the pane's account for its changes, else of the open folder's.
	 */
	switch (prompt_key(&app->prompt, key,
	    kind == PROMPT_SAVE || kind == PROMPT_SEARCH ||
		    kind == PROMPT_ATTACH ?
		NULL :
		kind == PROMPT_MOVE || kind == PROMPT_COPY ?
		&app->cur->folders :
		&app->pane->folders)) {
	case PROMPT_EDITING:
		return;
	case PROMPT_CANCELLED:
		prompt_close(&app->prompt);
		if (kind == PROMPT_PASSWORD)
			app_password_cancelled(app);
		return;
	case PROMPT_DONE:
		break;
	}
	if (kind == PROMPT_PASSWORD) {
		req = request_new(REQ_LOGIN);
		req->password = xstrdup(
		    app->prompt.line.len > 0 ? app->prompt.line.buf : "");
		prompt_close(&app->prompt);
		FREE(&app->message);
		app_send_to(app->prompt_sess, req);
		app->prompt_sess = NULL;
		return;
	}
	line = xstrdup(app->prompt.line.len > 0 ? app->prompt.line.buf : "");
	prompt_close(&app->prompt);
	/* An empty search is the way back to every message. */
	if (*line != '\0' || kind == PROMPT_EXPUNGE || kind == PROMPT_SEARCH ||
	    kind == PROMPT_ABORT)
		actions_prompt_done(app, kind, line);
	free(line);
}

static void
app_key(struct app *app, int key)
{
	app->dirty = 1;
	/*
	 * curses queues KEY_RESIZE once it has resized itself; resizing
	 * again here would queue another, for ever.
	 */
	if (key == KEYC_RESIZE)
		return;
	/* A prompt waits for its answer from the keyboard. */
	if (key == KEYC_MOUSE) {
		if (app->prompt.kind == PROMPT_NONE)
			actions_mouse(app);
		return;
	}
	if (app->prompt.kind != PROMPT_NONE) {
		app_prompt_key(app, key);
		/* Another account may have waited for the prompt line. */
		app_next_password(app);
		return;
	}
	FREE(&app->message);
	actions_run(app, keymap_lookup(app->keys, actions_context(app), key));
}

static void
app_signal(struct app *app, int sig)
{
	switch (sig) {
	case SIGWINCH:
		ui_resize();
		app->dirty = 1;
		break;
	case SIGTERM:
	case SIGINT:
	case SIGHUP:
		app->quit = 1;
		break;
	}
}

static void app_open_journal(struct app *, struct session *);

struct session *
app_add_account(struct app *app, struct account *account)
{
	struct session *s;

	s = xcalloc(1, sizeof *s);
	s->account = account;
	s->index = app->nsessions;
	s->quota = -1;
	folders_init(&s->folders);
	folders_init(&s->folders_next);
	app->sessions = xreallocarray(app->sessions, app->nsessions + 1,
	    sizeof *app->sessions);
	app->sessions[app->nsessions++] = s;
	if (app->cur == NULL)
		app->cur = s;
	return (s);
}

void
app_begin(struct app *app)
{
	struct session *s;
	struct request *req;
	size_t		i;

	app->begun = 1;
	/* Before the workers: their first write must not die of SIGPIPE. */
	app->sigfd = signal_init();
	app->focus = FOCUS_INDEX;
	app->pane = app->cur;
	app->sort = app->cur->account->sort;
	mailbox_init(&app->mbox, "INBOX", &app->sort);
	for (i = 0; i < app->nsessions; i++) {
		s = app->sessions[i];
		/* The worker first: its connection is made meanwhile. */
		s->worker = worker_start(s->account);
		app_open_journal(app, s);
		s->netstate = xstrdup("connecting");
		/*
		 * What the cache has is on screen before the server answers;
		 * the login then refreshes it (app_connected).
		 */
		app_send_to(s, request_new(REQ_LIST));
		if (s == app->cur)
			app_open_folder_as(app, s, "INBOX", 1);
		s->previewed = 1;
		/* TCP and TLS meanwhile, silently: the login reports. */
		req = request_new(REQ_CONNECT);
		req->preview = 1;
		app_send_to(s, req);
	}
}

static void
app_start(struct app *app)
{
	struct session *s;
	struct request *req;
	size_t		i;

	for (i = 0; i < app->nsessions; i++) {
		s = app->sessions[i];
		req = request_new(
		    s->password != NULL ? REQ_LOGIN : REQ_CONNECT);
		if (s->password != NULL) {
			req->password = s->password;
			s->password = NULL;
		}
		app_send_to(s, req);
		app_replay_journal(app, s);
	}
	app->dirty = 1;
}

static void
app_free_failed(struct app *app)
{
	freev(app->failed_lines, app->nfailed_lines);
	app->failed_lines = NULL;
	app->nfailed_lines = 0;
}

static void
app_failed_add(struct app *app, char *raw)
{
	app->failed_lines = xreallocarray(app->failed_lines,
	    app->nfailed_lines + 1, sizeof *app->failed_lines);
	app->failed_lines[app->nfailed_lines++] = sanitize_str(raw, 0);
	free(raw);
}

/* The changes the server refused, for the user to read. */
void
app_show_failed(struct app *app)
{
	struct journal_entry *list, *e;
	struct session	     *s;
	struct folder	     *f, *t;
	struct tm	      tm;
	char		      when[32], *uids;
	const char	     *what;
	size_t		      n, i, j;

	app_free_failed(app);
	app->failed_top = 0;
	app->screen = SCREEN_FAILED;
	for (j = 0; j < app->nsessions; j++) {
		s = app->sessions[j];
		n = s->journal != NULL ? journal_load(s->journal, 1, &list) : 0;
		for (i = 0; i < n; i++) {
			e = &list[i];
			localtime_r(&e->created, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
			f = folders_find_wire(&s->folders, e->folder);
			uids = journal_uids_format(e->uids, e->nuids);
			what = journal_op_name(e->op);
			t = e->target != NULL ?
			    folders_find_wire(&s->folders, e->target) :
			    NULL;
			app_failed_add(app,
			    xasprintf("%s  %s%s in %s, UID %s%s%s", when,
				app_prefix(app, s), what,
				f != NULL ? f->name : e->folder, uids,
				e->target != NULL ? " to " : "",
				t != NULL ?
				    t->name :
				    (e->target != NULL ? e->target : "")));
			app_failed_add(app,
			    xasprintf("    %s",
				e->error != NULL ? e->error : "?"));
			free(uids);
		}
		if (n > 0)
			journal_entries_free(list, n);
	}
	if (app->nfailed_lines == 0)
		app_failed_add(app,
		    xstrdup("No failed changes: the server has "
			    "accepted every change."));
}

void
app_clear_failed(struct app *app)
{
	struct session *s;
	size_t		i;

	for (i = 0; i < app->nsessions; i++) {
		s = app->sessions[i];
		if (s->journal != NULL &&
		    journal_clear_failed(s->journal) != 0) {
			app_message(app, 1,
			    "Could not clear the failed changes");
			return;
		}
	}
	app_show_failed(app);
	app_message(app, 0, "Failed changes cleared");
}

static void
app_session_free(struct session *s)
{
	journal_close(s->journal);
	folders_free(&s->folders);
	actions_folders_free(s);
	free(s->netstate);
	freezero_str(s->password);
	free(s);
}

static void
app_free(struct app *app)
{
	struct pending *p;
	size_t		i;

	while ((p = app->pending) != NULL) {
		app->pending = p->next;
		app_pending_free(p);
	}
	freev(app->pager.lines, app->pager.nlines);
	actions_attach_free(app);
	free(app->pager.find);
	freev(app->pager.alt, app->pager.nalt);
	free(app->pager.pipe_cmd);
	free(app->pager.text);
	actions_compose_free(app);
	prompt_close(&app->prompt);
	app_free_failed(app);
	actions_xfer_free(app);
	mailbox_free(&app->mbox);
	free(app->mbox_wire);
	free(app->search);
	free(app->message);
	for (i = 0; i < app->nsessions; i++)
		app_session_free(app->sessions[i]);
	free(app->sessions);
}

static void
app_open_journal(struct app *app, struct session *s)
{
	char *path, *err = NULL;

	path = cache_db_path(s->account->name);
	if ((s->journal = journal_open(path, &err)) == NULL) {
		app_message(app, 1,
		    "%sNo journal (%s): changes are only kept "
		    "while tern runs",
		    app_prefix(app, s), err);
		free(err);
	}
	free(path);
}

/* The longest the loop handles events before it looks at the keys. */
#define APP_EVENT_SECONDS 0.015

static double
app_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/*
 * Rows on screen (and a screen below) whose headers have not come yet:
 * ask for them ahead of the rest of the fill, once.
 */
static void
app_want_visible(struct app *app)
{
	struct request *req;
	struct msgrow  *r;
	size_t		i, end, rows;

	if (app->mbox_wire == NULL || app->mbox.nheld == 0)
		return;
	rows = app->page_rows > 0 ? (size_t)app->page_rows : 1;
	end = app->index_top + 2 * rows;
	req = request_new(REQ_FETCH);
	req->uids = xreallocarray(NULL, 2 * rows, sizeof *req->uids);
	for (i = app->index_top; i < end && i < app->mbox.n; i++) {
		r = mailbox_row(&app->mbox, i);
		if ((r->flags & (MSG_UNLOADED | MSG_WANTED)) != MSG_UNLOADED)
			continue;
		r->flags |= MSG_WANTED;
		req->uids[req->nuids++] = r->uid;
	}
	if (req->nuids == 0) {
		request_free(req);
		return;
	}
	req->folder = xstrdup(app->mbox_wire);
	app_send(app, req);
}

/*
 * The benchmarks' markers: the first screen of the open folder is drawn,
 * with every row on it filled in; the same in threads.
 */
static void
app_log_ready(struct app *app)
{
	size_t i, rows;

	if ((app->ready_logged &&
		(app->threads_logged || app->mbox.tree == NULL)) ||
	    app->mbox_wire == NULL)
		return;
	rows = app->page_rows > 0 ? (size_t)app->page_rows : 1;
	if (app->mbox_loading && app->mbox.n == 0)
		return;
	for (i = app->index_top; i < app->index_top + rows && i < app->mbox.n;
	     i++)
		if (mailbox_row(&app->mbox, i)->flags & MSG_UNLOADED)
			return;
	if (!app->ready_logged)
		log_debug("index ready: %s %zu rows", app->mbox_wire,
		    app->mbox.n);
	if (!app->threads_logged && app->mbox.tree != NULL)
		log_debug("index in threads: %s %zu rows", app->mbox_wire,
		    app->mbox.n);
	app->ready_logged = 1;
	app->threads_logged = app->mbox.tree != NULL;
}

int
app_run(struct app *app)
{
	struct pollfd  *pfd;
	struct session *s;
	struct event   *ev;
	size_t		i, k, first = 0, npfd = 2 + app->nsessions;
	int		key, sig, nev = 0, lastev = 0, left;
	double		start = 0, turn;

	if (!app->begun)
		app_begin(app);
	pfd = xreallocarray(NULL, npfd, sizeof *pfd);
	ui_init();
	app_start(app);
	actions_compose_start(app);
	while (!app->quit) {
		if (app->dirty) {
			ui_draw(app);
			app->dirty = 0;
			app_want_visible(app);
			app_log_ready(app);
		}
		/* How long a key could have waited: a turn and its draw. */
		turn = start != 0 ? app_now() - start : 0;
		if (turn > app->longest_turn)
			app->longest_turn = turn;
		if (turn > 0.02)
			log_debug("slow turn: %.1f ms, %d events, last %d",
			    turn * 1e3, nev, lastev);
		pfd[0].fd = 0;
		pfd[0].events = POLLIN;
		pfd[1].fd = app->sigfd;
		pfd[1].events = POLLIN;
		left = 0;
		for (i = 0; i < app->nsessions; i++) {
			pfd[2 + i].fd = worker_fd(app->sessions[i]->worker);
			pfd[2 + i].events = POLLIN;
			left |= app->sessions[i]->events_left;
		}
		if (poll(pfd, npfd, left ? 0 : -1) == -1) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		start = app_now();
		nev = 0;
		if (pfd[1].revents & POLLIN) {
			while ((sig = signal_next()) != 0)
				app_signal(app, sig);
		}
		/*
		 * Events for a while at most, then keys and a draw: a big
		 * folder's rows come in many chunks, and a key must not wait
		 * for all of them.  What is left is taken next turn.
		 */
		/* Each turn another account goes first: none starves. */
		first = (first + 1) % app->nsessions;
		for (k = 0; k < app->nsessions; k++) {
			i = (first + k) % app->nsessions;
			s = app->sessions[i];
			if (!(pfd[2 + i].revents & POLLIN) && !s->events_left)
				continue;
			/* The time ran out: each account's events wait. */
			s->events_left = app_now() - start > APP_EVENT_SECONDS;
			while (!s->events_left && !app->quit &&
			    (ev = worker_event(s->worker)) != NULL) {
				lastev = ev->type;
				nev++;
				app_event(app, s, ev);
				event_free(ev);
				if (app_now() - start > APP_EVENT_SECONDS)
					s->events_left = 1;
			}
		}
		if (pfd[0].revents & POLLIN) {
			while (!app->quit && (key = ui_getkey()) != -1)
				app_key(app, key);
		} else if (pfd[0].revents & (POLLHUP | POLLERR)) {
			/* The terminal is gone (an SSH session dropped). */
			app->quit = 1;
		}
	}
	ui_end();
	free(pfd);
	for (i = 0; i < app->nsessions; i++)
		worker_stop(app->sessions[i]->worker);
	/* The worker wrote the viewers' files; it is gone now. */
	attach_file_cleanup();
	app_free(app);
	return (app->exit_status);
}
