/*
 * actions_compose.c owns writing a message on the UI thread: m, r, R, f
 * and W start one, the editor runs on its draft file, and the compose
 * screen's keys act on it (e edit again, a attach, D detach, q abort).
 * The draft file lives in a directory of its own and goes when the
 * message is done with.  What the original message says reaches the
 * draft through reply.c only; nothing of it ever reaches a shell.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "attach_file.h"
#include "conf.h"
#include "draft.h"
#include "draft_file.h"
#include "folders.h"
#include "mailto.h"
#include "msg_build.h"
#include "outgoing.h"
#include "reply.h"
#include "ui.h"
#include "xmalloc.h"

/* The editor: $VISUAL, else $EDITOR, else vi, as every mailer does. */
static const char *
actions_compose_editor(void)
{
	const char *e;

	if ((e = getenv("VISUAL")) != NULL && *e != '\0')
		return (e);
	if ((e = getenv("EDITOR")) != NULL && *e != '\0')
		return (e);
	return ("vi");
}

/* The from setting, else the IMAP user if it is an address. */
static char *
actions_compose_from(struct app *app)
{
	struct account *a = app->cur->account;

	if (a->from != NULL)
		return (xstrdup(a->from));
	if (strchr(a->user, '@') != NULL)
		return (xstrdup(a->user));
	return (xasprintf("%s@%s", a->user, a->host));
}

static void
actions_compose_clear(struct app *app)
{
	struct compose *c = &app->compose;

	draft_free(&c->draft);
	draft_file_remove(&c->file);
	free(c->error);
	free(c->want_folder);
	free(c->answered_folder);
	free(c->draft_folder);
	memset(c, 0, sizeof *c);
}

/* Done with the message: back where it was started from. */
static void
actions_compose_end(struct app *app, unsigned int answer_id)
{
	enum app_screen back = app->compose.back;
	int		quit = app->compose.quit_after;

	actions_compose_clear(app);
	app->screen = back;
	app->compose.answer_id = answer_id;
	/* Sent from a mailto: URL: tern ends once the worker answers. */
	if (quit && answer_id != 0)
		app->compose.quit_after = 1;
	else if (quit)
		app->quit = 1;
}

/* Run the editor on the draft file and read what it left. */
static void
actions_compose_edit(struct app *app)
{
	struct compose *c = &app->compose;
	char	       *text, *why, *err;
	size_t		len;
	int		rc;

	rc = ui_edit(actions_compose_editor(), c->file.path, &why);
	app->redraw_all = 1;
	app->screen = SCREEN_COMPOSE;
	if (why != NULL || rc != 0) {
		app_message(app, 1, "The editor failed: %s",
		    why != NULL ? why : "it exited with an error");
		free(why);
	}
	if (draft_file_read(c->file.path, DRAFT_FILE_MAX, &text, &len, &err) !=
	    0) {
		app_message(app, 1, "%s", err);
		free(err);
		return;
	}
	FREE(&c->error);
	if (draft_parse(&c->draft, text, len, &err) != 0 ||
	    draft_check(&c->draft, 1, &err) != 0)
		c->error = err;
	free(text);
}

/* Write the draft file of the draft made and open the editor on it. */
static void
actions_compose_begin(struct app *app)
{
	struct compose *c = &app->compose;
	char	       *text, *err;
	size_t		len;

	text = draft_write(&c->draft, &len);
	if (draft_file_create(&c->file, text, len, &err) != 0) {
		app_message(app, 1, "Cannot write the draft: %s", err);
		free(err);
		free(text);
		actions_compose_end(app, 0);
		return;
	}
	free(text);
	c->active = 1;
	actions_compose_edit(app);
}

/* A new draft, From filled in, before the editor. */
static void
actions_compose_new(struct app *app)
{
	struct compose *c = &app->compose;
	char	       *from;

	actions_compose_clear(app);
	c->back = app->screen;
	draft_init(&c->draft);
	from = actions_compose_from(app);
	draft_set(&c->draft, DRAFT_FROM, from);
	free(from);
}

/* r R f W p: ask for the message; EV_SOURCE goes on. */
static void
actions_compose_want(struct app *app, int want)
{
	struct compose *c = &app->compose;
	struct msgrow  *m;

	if ((m = actions_current(app)) == NULL || app->mbox_wire == NULL)
		return;
	/* The text quoted is the one the pager shows: open it. */
	if (app->screen != SCREEN_PAGER)
		actions_run(app, ACT_OPEN);
	if (app->screen != SCREEN_PAGER || app->pager.uid != m->uid)
		return;
	free(c->want_folder);
	c->want_folder = xstrdup(app->mbox_wire);
	c->want_uid = m->uid;
	c->want = want;
	actions_source(app, m->uid, want == REPLY_FORWARD_ATTACH + 1);
}

/* Whether the message has parts besides its text. */
static int
actions_compose_has_parts(struct app *app, uint32_t uid)
{
	size_t i, n = 0;

	if (app->attach.uid != uid)
		return (0);
	for (i = 0; i < app->attach.nparts; i++) {
		if (strncmp(app->attach.parts[i].type, "multipart/", 10) != 0)
			n++;
	}
	return (n > 1);
}

/* p on a draft: its fields and text become the draft file again. */
static void
actions_compose_resume(struct app *app, struct event *ev, size_t hlen)
{
	struct compose *c = &app->compose;
	char	       *v, *body;
	int		f;

	actions_compose_new(app);
	for (f = 0; f < DRAFT_NFIELDS; f++) {
		v = reply_field(ev->text, hlen, draft_field_name(f), 1);
		if (v != NULL || f != DRAFT_FROM)
			draft_set(&c->draft, f, v);
		free(v);
	}
	c->draft.in_reply_to = reply_field(ev->text, hlen, "In-Reply-To", 0);
	c->draft.references = reply_field(ev->text, hlen, "References", 0);
	if (app->pager.uid == ev->uid && app->pager.text != NULL) {
		body = app->pager.text;
		free(c->draft.body);
		c->draft.body = xasprintf("%s%s", body,
		    *body != '\0' && body[strlen(body) - 1] != '\n' ? "\n" :
								      "");
	}
	c->draft_folder = xstrdup(ev->folder);
	c->draft_uid = ev->uid;
	c->draft_uidvalidity = app->mbox.uidvalidity;
	actions_compose_begin(app);
	if (actions_compose_has_parts(app, ev->uid))
		app_message(app, 1,
		    "The draft's attachments were dropped: attach them again");
}

int
actions_compose_source(struct app *app, struct event *ev)
{
	struct compose *c = &app->compose;
	struct reply_in in;
	enum reply_kind kind;
	const char     *h, *end;
	char	       *from;
	size_t		hlen;
	int		want;

	if (c->want == 0 || ev->folder == NULL || c->want_folder == NULL ||
	    ev->uid != c->want_uid || strcmp(ev->folder, c->want_folder) != 0)
		return (0);
	want = c->want;
	c->want = 0;
	FREE(&app->message);
	h = ev->text != NULL ? ev->text : "";
	/* The header alone: a body line must not pass for a field. */
	end = memmem(h, ev->textlen, "\r\n\r\n", 4);
	if (end == NULL)
		end = memmem(h, ev->textlen, "\n\n", 2);
	hlen = end != NULL ? (size_t)(end - h) + 2 : ev->textlen;
	if (want == COMPOSE_RESUME) {
		actions_compose_resume(app, ev, hlen);
		return (1);
	}
	kind = (enum reply_kind)(want - 1);
	memset(&in, 0, sizeof in);
	in.header = h;
	in.headerlen = hlen;
	in.raw = h;
	in.rawlen = ev->textlen;
	in.text = app->pager.uid == ev->uid ? app->pager.text : NULL;
	from = actions_compose_from(app);
	in.from = from;
	in.alternates = app->cur->account->alternates;
	in.attribution = app->cur->account->attribution;
	actions_compose_new(app);
	reply_draft(&c->draft, kind, &in);
	free(from);
	if (kind == REPLY_SENDER || kind == REPLY_ALL) {
		c->answered_folder = xstrdup(ev->folder);
		c->answered_uid = ev->uid;
		c->answered_uidvalidity = app->mbox.uidvalidity;
	}
	actions_compose_begin(app);
	return (1);
}

static void
actions_compose_attach(struct app *app, const char *typed)
{
	struct compose *c = &app->compose;
	const char     *name;
	char	       *path, *data, *err;
	size_t		len;

	path = attach_file_path(typed, "");
	if (draft_file_read(path, DRAFT_FILE_MAX, &data, &len, &err) != 0) {
		app_message(app, 1, "Not attached: %s", err);
		free(err);
		free(path);
		return;
	}
	name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	draft_attach(&c->draft, name, NULL, data, len);
	c->cursor = c->draft.natt - 1;
	app_message(app, 0, "Attached %s", name);
	free(path);
}

void
actions_compose_prompt_done(struct app *app, enum prompt_kind kind,
    const char *line)
{
	switch (kind) {
	case PROMPT_ATTACH:
		actions_compose_attach(app, line);
		break;
	case PROMPT_ABORT:
		actions_compose_end(app, 0);
		app_message(app, 0, "Message abandoned");
		break;
	default:
		break;
	}
}

/* The message for the worker, or NULL with the reason shown. */
static struct outgoing *
actions_compose_outgoing(struct app *app, int flags)
{
	struct compose	*c = &app->compose;
	struct msg_built m;
	struct outgoing *o;
	char		*err;

	if (msg_build(&c->draft, time(NULL), flags, &m, &err) != 0) {
		app_message(app, 1, "Not %s: %s",
		    flags & MSG_BUILD_DRAFT ? "postponed" : "sent", err);
		free(err);
		return (NULL);
	}
	o = xcalloc(1, sizeof *o);
	o->from = m.from;
	o->rcpts = m.rcpts;
	o->nrcpts = m.nrcpts;
	o->data = m.data;
	o->len = m.len;
	free(m.message_id);
	if (c->answered_folder != NULL && !(flags & MSG_BUILD_DRAFT)) {
		o->answered_folder = xstrdup(c->answered_folder);
		o->answered_uidvalidity = c->answered_uidvalidity;
		o->answered_uid = c->answered_uid;
	}
	if (c->draft_folder != NULL) {
		o->draft_folder = xstrdup(c->draft_folder);
		o->draft_uidvalidity = c->draft_uidvalidity;
		o->draft_uid = c->draft_uid;
	}
	return (o);
}

/*
 * y and P: the message goes to the worker, which keeps it in Drafts if it
 * cannot be sent, so the draft file can go at once.
 */
static void
actions_compose_hand_over(struct app *app, enum request_type type)
{
	struct compose	*c = &app->compose;
	struct outgoing *o;
	struct request	*req;

	if (type == REQ_SEND && c->error != NULL) {
		app_message(app, 1, "Not sent: %s", c->error);
		return;
	}
	o = actions_compose_outgoing(app,
	    type == REQ_POSTPONE ? MSG_BUILD_DRAFT : 0);
	if (o == NULL)
		return;
	req = request_new(type);
	req->id = ++app->next_id;
	req->outgoing = o;
	app_send(app, req);
	actions_compose_end(app, req->id);
	app_message(app, 0, type == REQ_SEND ? "Sending..." : "Postponing...");
}

int
actions_compose_answer(struct app *app, struct event *ev)
{
	struct compose *c = &app->compose;

	if (ev->type == EV_DONE && (ev->id == 0 || ev->id != c->answer_id))
		return (0);
	if (ev->type == EV_SENT)
		app_message(app, !ev->ok, "%s",
		    ev->text != NULL ? ev->text :
			ev->ok	     ? "Sent" :
				       "Not sent");
	else if (ev->ok)
		app_message(app, 0, "Postponed: the message is in Drafts");
	else
		app_message(app, 1, "Not postponed: %s",
		    ev->text != NULL ? ev->text : "the server refused it");
	/*
	 * Sent and Drafts may be new, and their counts have changed: the
	 * pane lists the folders again, as after any change to them.
	 */
	if (app->cur->connected)
		app_send(app, request_new(REQ_LIST));
	if (ev->id != 0 && ev->id == c->answer_id && c->quit_after &&
	    !c->active) {
		app->quit = 1;
		if (!ev->ok) {
			app->exit_status = 1;
			free(app->exit_text);
			app->exit_text = xstrdup(
			    ev->text != NULL ? ev->text : "not sent");
		}
	}
	return (1);
}

/* p: the Drafts folder; in it, the message under the cursor resumed. */
static void
actions_compose_postponed(struct app *app)
{
	struct folder *f = NULL;

	if (app->cur->account->drafts != NULL)
		f = folders_find(&app->cur->folders, app->cur->account->drafts);
	if (f == NULL)
		f = folders_find_role(&app->cur->folders, SPECIAL_DRAFTS);
	if (f == NULL) {
		app_message(app, 1, "No Drafts folder: nothing was postponed");
		return;
	}
	if (app->mbox_wire != NULL && strcmp(app->mbox_wire, f->wire) == 0) {
		actions_compose_want(app, COMPOSE_RESUME);
		return;
	}
	app_open_folder(app, f->wire);
	app->focus = FOCUS_INDEX;
	app_message(app, 0, "Postponed messages: p on one resumes it");
}

void
actions_compose_run(struct app *app, enum action a)
{
	struct compose *c = &app->compose;

	switch (a) {
	case ACT_COMPOSE:
		actions_compose_new(app);
		actions_compose_begin(app);
		break;
	case ACT_REPLY:
		actions_compose_want(app, REPLY_SENDER + 1);
		break;
	case ACT_REPLY_ALL:
		actions_compose_want(app, REPLY_ALL + 1);
		break;
	case ACT_FORWARD:
		actions_compose_want(app, REPLY_FORWARD + 1);
		break;
	case ACT_FORWARD_ATTACH:
		actions_compose_want(app, REPLY_FORWARD_ATTACH + 1);
		break;
	case ACT_EDIT:
		actions_compose_edit(app);
		break;
	case ACT_SEND:
		actions_compose_hand_over(app, REQ_SEND);
		break;
	case ACT_POSTPONE:
		actions_compose_hand_over(app, REQ_POSTPONE);
		break;
	case ACT_POSTPONED:
		actions_compose_postponed(app);
		break;
	case ACT_ATTACH_FILE:
		prompt_open(&app->prompt, PROMPT_ATTACH, "Attach file: ", 0);
		break;
	case ACT_DETACH:
		if (c->draft.natt == 0)
			break;
		draft_detach(&c->draft, c->cursor);
		if (c->cursor > 0 && c->cursor >= c->draft.natt)
			c->cursor--;
		break;
	default:
		break;
	}
}

int
actions_compose_mailto(struct app *app, const char *url, char **err)
{
	struct compose *c = &app->compose;

	actions_compose_new(app);
	if (mailto_parse(&c->draft, url, err) != 0) {
		actions_compose_clear(app);
		return (-1);
	}
	c->back = SCREEN_MAIN;
	c->quit_after = 1;
	c->start = 1;
	return (0);
}

void
actions_compose_start(struct app *app)
{
	if (!app->compose.start)
		return;
	app->compose.start = 0;
	actions_compose_begin(app);
}

void
actions_compose_free(struct app *app)
{
	actions_compose_clear(app);
}
