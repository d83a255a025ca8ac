/*
 * actions_folders.c owns what the folder pane does to the folders
 * themselves: create, rename, delete, subscribe, and which folders the
 * pane shows.  It takes the folder list in as the worker sends it and
 * swaps it in whole.  Nothing here draws or talks to the network; these
 * changes are never journalled, so they are refused while offline.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "conf.h"
#include "log.h"
#include "xmalloc.h"

/*
 * The account's cursor on the folder of that name; kept in its view.  On
 * the account's own row (-1) it stays there unless a name is given.
 */
static void
actions_folders_cursor_to(struct session *s, const char *name)
{
	long i;

	if (name != NULL && (i = folders_view_find(&s->folders, name)) >= 0)
		s->folder_cursor = i;
	if (s->folder_cursor >= (long)s->folders.nview)
		s->folder_cursor = s->folders.nview > 0 ?
		    (long)s->folders.nview - 1 :
		    0;
}

static void
actions_folders_op_clear(struct session *s)
{
	FREE(&s->folder_op.name);
	FREE(&s->folder_op.to);
	FREE(&s->folder_op.reopen);
	s->folder_op.id = 0;
}

void
actions_folders_free(struct session *s)
{
	actions_folders_op_clear(s);
	folders_free(&s->folders_next);
	FREE(&s->ns_prefix);
	FREE(&s->folder_goto);
}

/* Whether a change to the folders may be sent now; says why not. */
static int
actions_folders_can_change(struct app *app, struct session *s)
{
	if (!s->connected) {
		app_message(app, 1,
		    "%sOffline: folders can be changed only while connected",
		    app_prefix(app, s));
		return (0);
	}
	if (s->folder_op.id != 0) {
		app_message(app, 1,
		    "Waiting for the server to answer the last "
		    "folder change");
		return (0);
	}
	return (1);
}

/* Whether the open folder is name or inside it. */
static int
actions_folders_holds_open(struct app *app, struct session *s,
    const struct folder *f)
{
	struct folder *open;
	size_t	       len = strlen(f->name);

	if (s != app->cur || app->mbox_wire == NULL ||
	    (open = folders_find_wire(&s->folders, app->mbox_wire)) == NULL)
		return (0);
	return (strncmp(open->name, f->name, len) == 0 &&
	    (open->name[len] == '\0' || open->name[len] == '/'));
}

static void
actions_folders_send(struct app *app, struct session *s, enum request_type type,
    const struct folder *f, char *wire, char *target, const char *to)
{
	struct request *req;
	struct folder  *open;

	req = request_new(type);
	req->id = s->folder_op.id = ++app->next_id;
	req->folder = wire;
	req->target = target;
	req->subscribe = f == NULL || (f->flags & FOLDER_SUBSCRIBED);
	s->folder_op.type = type;
	s->folder_op.name = xstrdup(f != NULL ? f->name : to);
	s->folder_op.to = to != NULL ? xstrdup(to) : NULL;
	/*
	 * The open folder leaves the way first: INBOX is selected before
	 * the folder goes or changes its name under the session.
	 */
	if (f != NULL && (type == REQ_RENAME || type == REQ_DELETE_FOLDER) &&
	    actions_folders_holds_open(app, s, f)) {
		open = folders_find_wire(&s->folders, app->mbox_wire);
		if (type == REQ_RENAME)
			s->folder_op.reopen = xasprintf("%s%s", to,
			    open->name + strlen(f->name));
		app_open_folder(app, "INBOX");
	}
	app_send_to(s, req);
}

static void
actions_folders_ask_create(struct app *app)
{
	struct folder *f = app_pane_folder(app);
	char	      *line;

	/* Below INBOX is rarely meant: from there, a top-level folder. */
	if (f == NULL || strcasecmp(f->name, "INBOX") == 0) {
		prompt_open(&app->prompt, PROMPT_CREATE,
		    "Create top-level folder (\"/\" between levels): ", 0);
		return;
	}
	prompt_open(&app->prompt, PROMPT_CREATE,
	    "Create folder (below the one before the last \"/\"): ", 0);
	line = xasprintf("%s/", f->name);
	prompt_set_line(&app->prompt, line);
	free(line);
}

static void
actions_folders_ask_rename(struct app *app, struct folder *f)
{
	char *label;

	if (strcasecmp(f->name, "INBOX") == 0) {
		app_message(app, 1, "INBOX cannot be renamed");
		return;
	}
	label = xasprintf("Rename %s to: ", f->name);
	prompt_open(&app->prompt, PROMPT_RENAME, label, 0);
	prompt_set_line(&app->prompt, f->name);
	free(label);
}

static void
actions_folders_ask_delete(struct app *app, struct folder *f)
{
	char *label;

	if (strcasecmp(f->name, "INBOX") == 0) {
		app_message(app, 1, "INBOX cannot be deleted");
		return;
	}
	/* Other clients file mail there: a y is not enough. */
	if (f->role != SPECIAL_NONE) {
		label = xasprintf("%s is the %s folder; type its name to delete "
				  "it and every message in it: ",
		    f->name, folders_role_name(f->role));
		prompt_open(&app->prompt, PROMPT_DELETE_FORCE, label, 0);
		free(label);
		return;
	}
	label = xasprintf("Delete folder %s and every message in it? (y/n) ",
	    f->name);
	prompt_open(&app->prompt, PROMPT_DELETE_FOLDER, label, 0);
	free(label);
}

static void
actions_folders_subscribe(struct app *app, struct session *s, struct folder *f)
{
	if (f->flags & FOLDER_NOSELECT && !(f->flags & FOLDER_SUBSCRIBED)) {
		app_message(app, 1, "%s cannot hold messages", f->name);
		return;
	}
	actions_folders_send(app, s,
	    f->flags & FOLDER_SUBSCRIBED ? REQ_UNSUBSCRIBE : REQ_SUBSCRIBE, f,
	    xstrdup(f->wire), NULL, NULL);
	app_message(app, 0, "%s %s...",
	    f->flags & FOLDER_SUBSCRIBED ? "Unsubscribing from" :
					   "Subscribing to",
	    f->name);
}

static void
actions_folders_toggle_view(struct app *app, struct session *s)
{
	struct folder *f = app_pane_folder(app);
	char	      *name = f != NULL ? xstrdup(f->name) : NULL;

	s->subscribed_only = !s->subscribed_only;
	s->subscribed_chosen = 1;
	folders_view(&s->folders, s->subscribed_only);
	actions_folders_cursor_to(s, name);
	free(name);
	app_message(app, 0, "%s",
	    s->subscribed_only ? "Showing subscribed folders only" :
				 "Showing every folder");
}

static void
actions_folders_collapse(struct app *app, struct session *s, struct folder *f)
{
	char *name;

	if (folders_below(&s->folders, f) == 0) {
		app_message(app, 0, "No folders below %s", f->name);
		return;
	}
	f->flags ^= FOLDER_COLLAPSED;
	name = xstrdup(f->name);
	folders_view(&s->folders, s->folders.subscribed_only);
	actions_folders_cursor_to(s, name);
	free(name);
}

/* c: the best match of what was typed, opened. */
static void
actions_folders_jump(struct app *app, const char *line)
{
	struct session *s = app->pane;
	struct folder  *f;

	if ((f = folders_fuzzy(&s->folders, line, 0)) == NULL) {
		app_message(app, 1, "No folder matches %s", line);
		return;
	}
	actions_folders_cursor_to(s, f->name);
	app_open_folder_in(app, s, f->wire);
	app->focus = FOCUS_INDEX;
}

void
actions_folders_run(struct app *app, enum action a)
{
	struct session *s = app->pane;
	struct folder  *f = app_pane_folder(app);

	switch (a) {
	case ACT_SUBSCRIBED_ONLY:
		actions_folders_toggle_view(app, s);
		return;
	case ACT_JUMP:
		prompt_open(&app->prompt, PROMPT_JUMP,
		    "Go to folder (Tab: next match): ", 0);
		return;
	case ACT_COLLAPSE:
		if (f != NULL)
			actions_folders_collapse(app, s, f);
		else
			app_pane_collapse(app, s);
		return;
	default:
		break;
	}
	if (!actions_folders_can_change(app, s))
		return;
	if (a == ACT_CREATE_FOLDER) {
		actions_folders_ask_create(app);
		return;
	}
	if (f == NULL) {
		app_message(app, 1, "No folder selected");
		return;
	}
	switch (a) {
	case ACT_RENAME_FOLDER:
		actions_folders_ask_rename(app, f);
		break;
	case ACT_DELETE_FOLDER:
		actions_folders_ask_delete(app, f);
		break;
	case ACT_SUBSCRIBE:
		actions_folders_subscribe(app, s, f);
		break;
	default:
		break;
	}
}

/* The wire name for what was typed, or NULL (and the reason shown). */
static char *
actions_folders_wire(struct app *app, struct session *s, const char *line)
{
	char *wire, *err;

	wire = folders_wire_name(&s->folders, line, s->ns_prefix, s->ns_delim,
	    &err);
	if (wire == NULL) {
		app_message(app, 1, "%s", err);
		free(err);
		return (NULL);
	}
	if (folders_find_wire(&s->folders, wire) != NULL) {
		app_message(app, 1, "There is a folder named %s already", line);
		free(wire);
		return (NULL);
	}
	return (wire);
}

void
actions_folders_prompt_done(struct app *app, enum prompt_kind kind,
    const char *line)
{
	struct session *s = app->pane;
	struct folder  *f = app_pane_folder(app);
	char	       *wire;

	if (kind == PROMPT_JUMP) {
		actions_folders_jump(app, line);
		return;
	}
	if (!actions_folders_can_change(app, s))
		return;
	if (kind == PROMPT_CREATE) {
		if ((wire = actions_folders_wire(app, s, line)) == NULL)
			return;
		actions_folders_send(app, s, REQ_CREATE, NULL, wire, NULL,
		    line);
		app_message(app, 0, "Creating %s...", line);
		return;
	}
	if (f == NULL)
		return;
	switch (kind) {
	case PROMPT_RENAME:
		if (strcmp(line, f->name) == 0)
			return;
		if ((wire = actions_folders_wire(app, s, line)) == NULL)
			return;
		actions_folders_send(app, s, REQ_RENAME, f, xstrdup(f->wire),
		    wire, line);
		app_message(app, 0, "Renaming %s to %s...", f->name, line);
		break;
	case PROMPT_DELETE_FORCE:
		if (strcmp(line, f->name) != 0) {
			app_message(app, 1,
			    "Not deleted: the name typed is not "
			    "%s",
			    f->name);
			break;
		}
		/* FALLTHROUGH */
	case PROMPT_DELETE_FOLDER:
		actions_folders_send(app, s, REQ_DELETE_FOLDER, f,
		    xstrdup(f->wire), NULL, NULL);
		app_message(app, 0, "Deleting %s...", f->name);
		break;
	default:
		break;
	}
}

/* Counts the new list has not got yet are those of the old one. */
static void
actions_folders_carry(struct folders *from, struct folders *to)
{
	struct folder *f, *old;
	size_t	       i;

	for (i = 0; i < to->n; i++) {
		f = &to->list[i];
		if ((old = folders_find_wire(from, f->wire)) != NULL)
			f->flags |= old->flags & FOLDER_COLLAPSED;
		if ((f->flags & FOLDER_HAS_STATUS) ||
		    (old = folders_find_wire(from, f->wire)) == NULL ||
		    !(old->flags & FOLDER_HAS_STATUS))
			continue;
		f->messages = old->messages;
		f->unseen = old->unseen;
		f->flags |= FOLDER_HAS_STATUS;
	}
}

static void
actions_folders_listed(struct session *s, struct event *ev)
{
	struct folder *f = s->folder_cursor >= 0 ?
	    folders_at(&s->folders, (size_t)s->folder_cursor) :
	    NULL;
	char	      *name;

	name = s->folder_goto != NULL ? s->folder_goto :
	    f != NULL		      ? xstrdup(f->name) :
					NULL;
	s->folder_goto = NULL;
	actions_folders_carry(&s->folders, &s->folders_next);
	folders_free(&s->folders);
	s->folders = s->folders_next;
	folders_init(&s->folders_next);
	free(s->ns_prefix);
	s->ns_prefix = ev->text != NULL ? xstrdup(ev->text) : NULL;
	s->ns_delim = ev->delim;
	s->folders_subscriptions = (ev->flags & EVF_SUBSCRIPTIONS) != 0;
	if (!s->subscribed_chosen) {
		s->subscribed_only = s->account->subscribed_only;
		if (s->subscribed_only == -1)
			s->subscribed_only = s->folders_subscriptions;
	}
	/* From the cache, which knows no subscriptions: every folder. */
	s->folders.subscribed_only = (ev->flags & EVF_CACHED) ?
	    0 :
	    s->subscribed_only;
	folders_sort(&s->folders);
	s->folders_loaded = 1;
	actions_folders_cursor_to(s, name);
	free(name);
}

static void
actions_folders_status(struct folders *fs, struct event *ev)
{
	struct folder *f;

	if ((f = folders_find_wire(fs, ev->folder)) != NULL) {
		f->messages = ev->messages;
		f->unseen = ev->unseen;
		f->flags |= FOLDER_HAS_STATUS;
	}
}

static void
actions_folders_done(struct app *app, struct session *s, struct event *ev)
{
	const char    *name = s->folder_op.name, *to = s->folder_op.to;
	struct folder *f;

	if (!ev->ok) {
		app_message(app, 1, "%s%s", app_prefix(app, s),
		    ev->text != NULL ? ev->text : "the server refused it");
		actions_folders_op_clear(s);
		return;
	}
	switch (s->folder_op.type) {
	case REQ_CREATE:
		app_message(app, 0, "Created %s", to);
		actions_folders_cursor_to(s, to);
		break;
	case REQ_RENAME:
		app_message(app, 0, "Renamed %s to %s", name, to);
		actions_folders_cursor_to(s, to);
		if (s->folder_op.reopen != NULL &&
		    (f = folders_find(&s->folders, s->folder_op.reopen)) !=
			NULL)
			app_open_folder_in(app, s, f->wire);
		break;
	case REQ_DELETE_FOLDER:
		app_message(app, 0, "Deleted %s", name);
		break;
	case REQ_SUBSCRIBE:
		app_message(app, 0, "Subscribed to %s", name);
		break;
	case REQ_UNSUBSCRIBE:
		app_message(app, 0, "Unsubscribed from %s", name);
		break;
	default:
		break;
	}
	actions_folders_op_clear(s);
}

void
actions_folders_event(struct app *app, struct session *s, struct event *ev)
{
	struct folder *f;
	int	       flags;

	switch (ev->type) {
	case EV_FOLDER:
		flags = (ev->flags & EVF_NOSELECT) ? FOLDER_NOSELECT : 0;
		if (ev->flags & EVF_SUBSCRIBED)
			flags |= FOLDER_SUBSCRIBED;
		if (folders_add(&s->folders_next, ev->folder, ev->delim,
			flags) != 0)
			log_debug("folder name is not modified UTF-7");
		if ((f = folders_find_wire(&s->folders_next, ev->folder)) !=
		    NULL)
			f->role = EVF_ROLE_OF(ev->flags);
		break;
	case EV_STATUS:
		/* The STATUS of a LIST comes before its end. */
		actions_folders_status(&s->folders_next, ev);
		actions_folders_status(&s->folders, ev);
		break;
	case EV_FOLDERS_DONE:
		actions_folders_listed(s, ev);
		break;
	case EV_DONE:
		actions_folders_done(app, s, ev);
		break;
	default:
		break;
	}
}
