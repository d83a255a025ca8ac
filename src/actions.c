/*
 * actions.c owns what each key does: moving the cursors, opening folders and
 * messages, and the changes that go to the server.  A change is shown at
 * once, marked pending, and sent; app.c puts it back if the server refuses.
 * Nothing here draws or talks to the network directly.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "find.h"
#include "header_lines.h"
#include "journal.h"
#include "ui.h"
#include "xmalloc.h"

enum context
actions_context(const struct app *app)
{
	if (app->screen == SCREEN_PAGER)
		return (CTX_PAGER);
	if (app->screen == SCREEN_HELP)
		return (CTX_HELP);
	if (app->screen == SCREEN_FAILED)
		return (CTX_FAILED);
	if (app->screen == SCREEN_ATTACH)
		return (CTX_ATTACH);
	if (app->screen == SCREEN_COMPOSE)
		return (CTX_COMPOSE);
	return (app->focus == FOCUS_FOLDERS ? CTX_FOLDERS : CTX_INDEX);
}

struct msgrow *
actions_current(struct app *app)
{
	if (app->screen == SCREEN_PAGER)
		return (mailbox_get(&app->mbox, app->pager.uid));
	if (app->mbox.n == 0 || app->index_cursor >= app->mbox.n)
		return (NULL);
	return (mailbox_row(&app->mbox, app->index_cursor));
}

/* Move a cursor over n rows by delta, kept inside. */
static void
actions_move_cursor(size_t *cursor, size_t n, long delta)
{
	long c = (long)*cursor + delta;

	if (n == 0) {
		*cursor = 0;
		return;
	}
	if (c < 0)
		c = 0;
	if (c >= (long)n)
		c = (long)n - 1;
	*cursor = (size_t)c;
}

static size_t
actions_moved(size_t cursor, size_t n, long delta)
{
	actions_move_cursor(&cursor, n, delta);
	return (cursor);
}

static void
actions_scroll(size_t *top, size_t n, long delta, int page)
{
	long t = (long)*top + delta;
	long max = (long)n - (page > 0 ? page : 1);

	if (t > max)
		t = max;
	if (t < 0)
		t = 0;
	*top = (size_t)t;
}

static void
actions_motion(struct app *app, enum action a)
{
	long page = app->page_rows > 1 ? app->page_rows - 1 : 1;
	long big = 1L << 30;
	long delta = 0;

	switch (a) {
	case ACT_NEXT:
		delta = 1;
		break;
	case ACT_PREV:
		delta = -1;
		break;
	case ACT_PAGE_DOWN:
		delta = page;
		break;
	case ACT_PAGE_UP:
		delta = -page;
		break;
	case ACT_HALF_PAGE_DOWN:
		delta = page / 2 > 0 ? page / 2 : 1;
		break;
	case ACT_HALF_PAGE_UP:
		delta = page / 2 > 0 ? -page / 2 : -1;
		break;
	case ACT_FIRST:
		delta = -big;
		break;
	case ACT_LAST:
		delta = big;
		break;
	default:
		return;
	}
	switch (app->screen) {
	case SCREEN_PAGER:
		actions_scroll(&app->pager.top, app->pager.nlines, delta,
		    app->page_rows);
		break;
	case SCREEN_HELP:
		actions_scroll(&app->help_top, 1000, delta, app->page_rows);
		break;
	case SCREEN_FAILED:
		actions_scroll(&app->failed_top, app->nfailed_lines, delta,
		    app->page_rows);
		break;
	case SCREEN_ATTACH:
		actions_move_cursor(&app->attach.cursor, app->attach.nparts,
		    delta);
		break;
	case SCREEN_COMPOSE:
		actions_move_cursor(&app->compose.cursor,
		    app->compose.draft.natt, delta);
		break;
	case SCREEN_MAIN:
		if (app->focus == FOCUS_FOLDERS)
			app_pane_set(app,
			    actions_moved(app_pane_cursor(app),
				app_pane_rows(app), delta));
		else {
			actions_move_cursor(&app->index_cursor, app->mbox.n,
			    delta);
			app->index_moved = 1;
		}
		break;
	}
}

static struct pending *
actions_pending_new(struct app *app, enum request_type type,
    const uint32_t *uids, size_t n)
{
	struct pending *p;

	p = xcalloc(1, sizeof *p);
	p->type = type;
	p->folder = xstrdup(app->mbox_wire);
	p->uids = xreallocarray(NULL, n, sizeof *p->uids);
	memcpy(p->uids, uids, n * sizeof *uids);
	p->n = n;
	return (p);
}

static struct request *
actions_request(struct app *app, enum request_type type, struct pending *p)
{
	struct request *req;

	req = request_new(type);
	req->id = p->id = ++app->next_id;
	req->folder = xstrdup(p->folder);
	req->uids = xreallocarray(NULL, p->n, sizeof *req->uids);
	memcpy(req->uids, p->uids, p->n * sizeof *req->uids);
	req->nuids = p->n;
	req->uidvalidity = app->mbox.uidvalidity;
	return (req);
}

/* Change flags on one message now, and on the server. */
static void
actions_store(struct app *app, struct msgrow *m, uint32_t add, uint32_t remove)
{
	struct pending *p;
	struct request *req;

	add &= ~m->flags;
	remove &= m->flags;
	if (add == 0 && remove == 0)
		return;
	p = actions_pending_new(app, REQ_STORE, &m->uid, 1);
	p->old_flags = xmalloc(sizeof *p->old_flags);
	p->old_flags[0] = m->flags & MSG_SERVER_FLAGS;
	req = actions_request(app, REQ_STORE, p);
	req->add = add;
	req->remove = remove;
	m->flags = ((m->flags | add) & ~remove) | MSG_PENDING;
	app_send_change(app, p, req);
}

static void
actions_open_message(struct app *app)
{
	struct msgrow  *m;
	struct request *req;
	struct pager   *pg = &app->pager;

	if ((m = actions_current(app)) == NULL)
		return;
	freev(pg->lines, pg->nlines);
	pg->lines = NULL;
	pg->nlines = 0;
	pg->top = 0;
	pg->find_line = -1;
	freev(pg->alt, pg->nalt);
	pg->alt = NULL;
	pg->nalt = 0;
	pg->all_headers = pg->want_headers = 0;
	FREE(&pg->pipe_cmd);
	FREE(&pg->text);
	pg->uid = m->uid;
	pg->loading = 1;
	app->screen = SCREEN_PAGER;

	req = request_new(REQ_BODY);
	req->id = ++app->next_id;
	req->folder = xstrdup(app->mbox_wire);
	req->uids = xmalloc(sizeof *req->uids);
	req->uids[0] = m->uid;
	req->nuids = 1;
	app_send(app, req);
	/* Reading a message marks it read, as every client does. */
	actions_store(app, m, MSG_SEEN, 0);
}

static void
actions_open(struct app *app)
{
	struct folder *f;

	if (app->focus == FOCUS_FOLDERS) {
		/* An account's row: its folders shown or hidden. */
		if ((f = app_pane_folder(app)) == NULL) {
			app_pane_collapse(app, app->pane);
			return;
		}
		if (f->flags & FOLDER_NOSELECT) {
			app_message(app, 1, "%s cannot hold messages", f->name);
			return;
		}
		app_open_folder_in(app, app->pane, f->wire);
		app->focus = FOCUS_INDEX;
		return;
	}
	actions_open_message(app);
}

static void
actions_back(struct app *app)
{
	switch (app->screen) {
	case SCREEN_PAGER:
	case SCREEN_HELP:
	case SCREEN_FAILED:
		app->screen = SCREEN_MAIN;
		break;
	case SCREEN_ATTACH:
		app->screen = SCREEN_PAGER;
		break;
	case SCREEN_COMPOSE:
		prompt_open(&app->prompt, PROMPT_ABORT,
		    "Abort this message? (y/n) ", 0);
		break;
	case SCREEN_MAIN:
		app->quit = 1;
		break;
	}
}

/* Take rows out of the list now; app.c puts them back on failure. */
static void
actions_remove_rows(struct app *app, struct pending *p)
{
	size_t i;

	p->removed = xreallocarray(NULL, p->n, sizeof *p->removed);
	for (i = 0; i < p->n; i++) {
		if (mailbox_remove(&app->mbox, p->uids[i],
			&p->removed[p->nremoved]) == 0)
			p->nremoved++;
	}
	if (app->index_cursor >= app->mbox.n && app->mbox.n > 0)
		app->index_cursor = app->mbox.n - 1;
	if (app->screen == SCREEN_PAGER &&
	    mailbox_get(&app->mbox, app->pager.uid) == NULL)
		app->screen = SCREEN_MAIN;
}

static void
actions_transfer(struct app *app, enum request_type type, const char *name)
{
	struct folder  *f;
	struct msgrow  *m;
	struct pending *p;
	struct request *req;
	char	       *msgid;

	if ((m = actions_current(app)) == NULL)
		return;
	/* A folder of the open account first; else "ACCOUNT/folder". */
	if ((f = folders_find(&app->cur->folders, name)) == NULL &&
	    actions_xfer_start(app, type, name))
		return;
	if (f == NULL || (f->flags & FOLDER_NOSELECT)) {
		app_message(app, 1, "No folder named %s", name);
		return;
	}
	if (strcmp(f->wire, app->mbox_wire) == 0 && type == REQ_MOVE) {
		app_message(app, 1, "The message is already in %s", name);
		return;
	}
	p = actions_pending_new(app, type, &m->uid, 1);
	p->target = xstrdup(f->wire);
	req = actions_request(app, type, p);
	req->target = xstrdup(f->wire);
	/* Found again by its Message-ID if the move is ever replayed. */
	if ((msgid = journal_message_id(app->cur->journal, app->mbox_wire,
		 m->uid)) != NULL) {
		req->message_ids = xcalloc(1, sizeof *req->message_ids);
		req->message_ids[0] = msgid;
	}
	if (type == REQ_MOVE)
		actions_remove_rows(app, p);
	else
		m->flags |= MSG_PENDING;
	app_send_change(app, p, req);
	app_message(app, 0, "%s to %s...",
	    type == REQ_MOVE ? "Moving" : "Copying", f->name);
}

/*
 * A, and d with delete = trash: to the folder of that role, through the
 * move and so through the journal.  Returns 0 when there is no such
 * folder, or the message is in it already.
 */
static int
actions_to_role(struct app *app, enum special_use role)
{
	struct folder *f;

	if ((f = folders_find_role(&app->cur->folders, role)) == NULL ||
	    strcmp(f->wire, app->mbox_wire) == 0)
		return (0);
	actions_transfer(app, REQ_MOVE, f->name);
	return (1);
}

static void
actions_delete(struct app *app, struct msgrow *m)
{
	if (app->cur->account->delete_to_trash) {
		if (actions_to_role(app, SPECIAL_TRASH))
			return;
		/* In Trash itself, or with no Trash: as delete = flag. */
		if (folders_find_role(&app->cur->folders, SPECIAL_TRASH) ==
		    NULL)
			app_message(app, 1,
			    "No Trash folder: marked deleted instead");
	}
	actions_store(app, m, MSG_DELETED, 0);
	if (app->screen == SCREEN_MAIN)
		actions_motion(app, ACT_NEXT);
}

static void
actions_archive(struct app *app)
{
	struct folder *f;

	if (actions_to_role(app, SPECIAL_ARCHIVE))
		return;
	if ((f = folders_find_role(&app->cur->folders, SPECIAL_ARCHIVE)) !=
	    NULL)
		app_message(app, 1, "The message is already in %s", f->name);
	else
		app_message(app, 1,
		    "No Archive folder: none has the \\Archive "
		    "role and none is named Archive");
}

static void
actions_expunge(struct app *app)
{
	struct pending *p;
	struct request *req;
	uint32_t       *uids;
	size_t		i, n = 0;

	uids = xreallocarray(NULL, app->mbox.n + 1, sizeof *uids);
	for (i = 0; i < app->mbox.n; i++)
		if (mailbox_row(&app->mbox, i)->flags & MSG_DELETED)
			uids[n++] = mailbox_row(&app->mbox, i)->uid;
	if (n == 0) {
		free(uids);
		app_message(app, 0, "No messages are marked deleted");
		return;
	}
	p = actions_pending_new(app, REQ_EXPUNGE, uids, n);
	free(uids);
	req = actions_request(app, REQ_EXPUNGE, p);
	actions_remove_rows(app, p);
	app_send_change(app, p, req);
	app_message(app, 0, "Expunging %zu message%s...", n, n == 1 ? "" : "s");
}

/* A line typed after ":"; the names are those of vi and aerc. */
static void
actions_command(struct app *app, const char *line)
{
	while (*line == ' ')
		line++;
	if (strcmp(line, "failed") == 0)
		app_show_failed(app);
	else if (strcmp(line, "quit") == 0 || strcmp(line, "q") == 0)
		app->quit = 1;
	else if (strcmp(line, "help") == 0) {
		app->screen = SCREEN_HELP;
		app->help_top = 0;
	} else
		app_message(app, 1, "Unknown command: %s", line);
}

/* Ask for the raw header (h) or the whole message (|) of the one shown. */
void
actions_source(struct app *app, uint32_t uid, int whole)
{
	struct request *req;

	if (app->mbox_wire == NULL)
		return;
	req = request_new(REQ_SOURCE);
	req->id = ++app->next_id;
	req->folder = xstrdup(app->mbox_wire);
	req->uids = xmalloc(sizeof *req->uids);
	req->uids[0] = uid;
	req->nuids = 1;
	req->whole = whole;
	app_send(app, req);
	app_message(app, 0, "Fetching the %s...", whole ? "message" : "header");
}

/*
 * Put the header lines kept aside in place of those shown (the few from
 * ENVELOPE, or all of them), and keep the others aside in turn.
 */
static void
actions_swap_headers(struct pager *pg)
{
	char **lines, **old;
	size_t k, rest;

	for (k = 0; k < pg->nlines && *pg->lines[k] != '\0'; k++)
		;
	rest = pg->nlines - k;
	lines = xreallocarray(NULL, pg->nalt + rest + 1, sizeof *lines);
	if (pg->nalt > 0)
		memcpy(lines, pg->alt, pg->nalt * sizeof *lines);
	if (rest > 0)
		memcpy(lines + pg->nalt, pg->lines + k, rest * sizeof *lines);
	old = xreallocarray(NULL, k + 1, sizeof *old);
	if (k > 0)
		memcpy(old, pg->lines, k * sizeof *old);
	free(pg->alt);
	free(pg->lines);
	pg->lines = lines;
	pg->nlines = pg->nalt + rest;
	pg->alt = old;
	pg->nalt = k;
	pg->all_headers = !pg->all_headers;
	pg->top = 0;
	pg->find_line = -1;
}

static void
actions_toggle_headers(struct app *app)
{
	struct pager *pg = &app->pager;

	if (pg->loading) {
		app_message(app, 1, "This message is still loading");
		return;
	}
	if (pg->alt != NULL)
		actions_swap_headers(pg);
	else if (!pg->want_headers) {
		pg->want_headers = 1;
		actions_source(app, app->pager.uid, 0);
	}
}

void
actions_source_done(struct app *app, struct event *ev)
{
	struct pager *pg = &app->pager;
	char	     *why;
	int	      rc;

	if (app->screen != SCREEN_PAGER || app->mbox_wire == NULL ||
	    ev->folder == NULL || strcmp(ev->folder, app->mbox_wire) != 0 ||
	    ev->uid != pg->uid)
		return;
	FREE(&app->message);
	if (ev->flags & EVF_WHOLE) {
		if (pg->pipe_cmd == NULL)
			return;
		rc = ui_pipe(pg->pipe_cmd, ev->text, ev->textlen, &why);
		if (why != NULL)
			app_message(app, 1, "%s", why);
		else if (rc != 0)
			app_message(app, 1, "The command exited with status %d",
			    rc);
		else
			app_message(app, 0, "Piped the message to: %s",
			    pg->pipe_cmd);
		free(why);
		FREE(&pg->pipe_cmd);
		app->redraw_all = 1;
		return;
	}
	if (!pg->want_headers)
		return;
	pg->want_headers = 0;
	freev(pg->alt, pg->nalt);
	pg->alt = header_lines(ev->text != NULL ? ev->text : "", ev->textlen,
	    &pg->nalt);
	actions_swap_headers(pg);
}

/*
 * Move the pager to the next line holding the text searched for, after
 * the last match, or from the top line shown for a new search.
 */
static void
actions_find(struct app *app)
{
	struct pager *pg = &app->pager;
	size_t	      from;
	long	      i;
	int	      wrapped;

	if (pg->find == NULL) {
		app_message(app, 1, "Nothing searched for yet: /");
		return;
	}
	from = pg->find_line >= 0 ? (size_t)pg->find_line + 1 : pg->top;
	if ((i = find_line(pg->lines, pg->nlines, from, pg->find, &wrapped)) <
	    0) {
		app_message(app, 1, "Not found: %s", pg->find);
		pg->find_line = -1;
		return;
	}
	pg->find_line = i;
	pg->top = (size_t)i;
	if (wrapped)
		app_message(app, 0, "Search wrapped to the top: %s", pg->find);
}

void
actions_prompt_done(struct app *app, enum prompt_kind kind, const char *line)
{
	switch (kind) {
	case PROMPT_MOVE:
		actions_transfer(app, REQ_MOVE, line);
		break;
	case PROMPT_COPY:
		actions_transfer(app, REQ_COPY, line);
		break;
	case PROMPT_EXPUNGE:
		actions_expunge(app);
		break;
	case PROMPT_COMMAND:
		actions_command(app, line);
		break;
	case PROMPT_SAVE:
	case PROMPT_REPLACE:
		actions_attach_prompt_done(app, kind, line);
		break;
	case PROMPT_SEARCH:
		app_search(app, line);
		break;
	case PROMPT_PIPE:
		free(app->pager.pipe_cmd);
		app->pager.pipe_cmd = xstrdup(line);
		actions_source(app, app->pager.uid, 1);
		break;
	case PROMPT_FIND:
		if (*line != '\0') {
			free(app->pager.find);
			app->pager.find = xstrdup(line);
			app->pager.find_line = -1;
		}
		actions_find(app);
		break;
	case PROMPT_CREATE:
	case PROMPT_RENAME:
	case PROMPT_DELETE_FOLDER:
	case PROMPT_DELETE_FORCE:
	case PROMPT_JUMP:
		actions_folders_prompt_done(app, kind, line);
		break;
	case PROMPT_ATTACH:
	case PROMPT_ABORT:
		actions_compose_prompt_done(app, kind, line);
		break;
	default:
		break;
	}
}

static void
actions_ask_expunge(struct app *app)
{
	char  *label;
	size_t n;

	if (app->mbox_wire == NULL)
		return;
	n = mailbox_count(&app->mbox, MSG_DELETED, 0);
	if (n == 0) {
		app_message(app, 0, "No messages are marked deleted");
		return;
	}
	label = xasprintf("Expunge %zu message%s marked deleted? (y/n) ", n,
	    n == 1 ? "" : "s");
	prompt_open(&app->prompt, PROMPT_EXPUNGE, label, 0);
	free(label);
}

void
actions_run(struct app *app, enum action a)
{
	struct msgrow *m = NULL;

	switch (a) {
	case ACT_TOGGLE_READ:
	case ACT_TOGGLE_FLAG:
	case ACT_DELETE:
	case ACT_UNDELETE:
	case ACT_MOVE:
	case ACT_COPY:
	case ACT_ARCHIVE:
		if ((m = actions_current(app)) == NULL) {
			app_message(app, 1, "No message selected");
			return;
		}
		/* Its flags are not known yet: a toggle would guess. */
		if (m->flags & MSG_UNLOADED) {
			app_message(app, 1, "This message is still loading");
			return;
		}
		break;
	default:
		break;
	}

	switch (a) {
	case ACT_NONE:
		break;
	case ACT_FOCUS:
		if (app->screen == SCREEN_MAIN)
			app->focus = app->focus == FOCUS_FOLDERS ?
			    FOCUS_INDEX :
			    FOCUS_FOLDERS;
		break;
	case ACT_NEXT:
	case ACT_PREV:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_PAGE_DOWN:
	case ACT_HALF_PAGE_UP:
	case ACT_FIRST:
	case ACT_LAST:
		actions_motion(app, a);
		break;
	case ACT_OPEN:
		actions_open(app);
		break;
	case ACT_BACK:
		actions_back(app);
		break;
	case ACT_TOGGLE_READ:
		if (m->flags & MSG_SEEN)
			actions_store(app, m, 0, MSG_SEEN);
		else
			actions_store(app, m, MSG_SEEN, 0);
		break;
	case ACT_TOGGLE_FLAG:
		if (m->flags & MSG_FLAGGED)
			actions_store(app, m, 0, MSG_FLAGGED);
		else
			actions_store(app, m, MSG_FLAGGED, 0);
		break;
	case ACT_DELETE:
		actions_delete(app, m);
		break;
	case ACT_ARCHIVE:
		actions_archive(app);
		break;
	case ACT_UNDELETE:
		actions_store(app, m, 0, MSG_DELETED);
		break;
	case ACT_MOVE:
		prompt_open(&app->prompt, PROMPT_MOVE, "Move to folder: ", 0);
		break;
	case ACT_COPY:
		prompt_open(&app->prompt, PROMPT_COPY, "Copy to folder: ", 0);
		break;
	case ACT_EXPUNGE:
		actions_ask_expunge(app);
		break;
	case ACT_THREADS:
		app_toggle_threads(app);
		break;
	case ACT_FOLD:
	case ACT_FOLD_ALL:
		app_fold(app, a == ACT_FOLD_ALL);
		break;
	case ACT_HELP:
		app->screen = SCREEN_HELP;
		app->help_top = 0;
		break;
	case ACT_REDRAW:
		app->redraw_all = 1;
		break;
	case ACT_COMMAND:
		prompt_open(&app->prompt, PROMPT_COMMAND, ":", 0);
		break;
	case ACT_CLEAR_FAILED:
		app_clear_failed(app);
		break;
	case ACT_ATTACHMENTS:
		actions_attach_open(app);
		break;
	case ACT_SAVE_PART:
		actions_attach_save(app);
		break;
	case ACT_VIEW_PART:
		actions_attach_view(app);
		break;
	case ACT_SEARCH:
		if (app->mbox_wire == NULL)
			break;
		prompt_open(&app->prompt, PROMPT_SEARCH, "Search: ", 0);
		/* The query shown, to change it rather than type it again. */
		if (app->search != NULL)
			strbuf_adds(&app->prompt.line, app->search);
		break;
	case ACT_SEARCH_CLEAR:
		app_search_clear(app);
		break;
	case ACT_SORT:
		if (app->mbox_wire != NULL)
			prompt_open(&app->prompt, PROMPT_SORT,
			    "Sort: (d)ate (a)rrival (t)hreads (f)rom (s)ubject "
			    "si(z)e; capital: reverse",
			    0);
		break;
	case ACT_FIND:
		prompt_open(&app->prompt, PROMPT_FIND, "Find: ", 0);
		break;
	case ACT_FIND_NEXT:
		actions_find(app);
		break;
	case ACT_HEADERS:
		actions_toggle_headers(app);
		break;
	case ACT_PIPE:
		prompt_open(&app->prompt, PROMPT_PIPE, "Pipe to command: ", 0);
		break;
	case ACT_CREATE_FOLDER:
	case ACT_RENAME_FOLDER:
	case ACT_DELETE_FOLDER:
	case ACT_SUBSCRIBE:
	case ACT_SUBSCRIBED_ONLY:
	case ACT_COLLAPSE:
	case ACT_JUMP:
		actions_folders_run(app, a);
		break;
	case ACT_COMPOSE:
	case ACT_REPLY:
	case ACT_REPLY_ALL:
	case ACT_FORWARD:
	case ACT_FORWARD_ATTACH:
	case ACT_EDIT:
	case ACT_ATTACH_FILE:
	case ACT_DETACH:
	case ACT_SEND:
	case ACT_POSTPONE:
	case ACT_POSTPONED:
		actions_compose_run(app, a);
		break;
	case ACT_ACCOUNT_1:
	case ACT_ACCOUNT_2:
	case ACT_ACCOUNT_3:
	case ACT_ACCOUNT_4:
	case ACT_ACCOUNT_5:
	case ACT_ACCOUNT_6:
	case ACT_ACCOUNT_7:
	case ACT_ACCOUNT_8:
	case ACT_ACCOUNT_9:
		actions_accounts_jump(app, (size_t)(a - ACT_ACCOUNT_1));
		break;
	}
	app->dirty = 1;
}
