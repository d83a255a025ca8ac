/*
 * actions_attach.c owns the attachment screen's actions: the part list an
 * opened message brings, saving a part (the prompt, "replace?") and
 * running a viewer.  Files are written by the worker, never here; a
 * viewer runs here because it may need the terminal, and it gets only the
 * command the worker built from the mailcap and a file tern named.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "conf.h"
#include "sanitize.h"
#include "savename.h"
#include "ui.h"
#include "xmalloc.h"

static void
actions_attach_clear(struct attach_list *al)
{
	mime_parts_free(al->parts, al->nparts);
	al->parts = NULL;
	al->nparts = 0;
	al->cursor = 0;
	al->uid = 0;
}

void
actions_attach_free(struct app *app)
{
	actions_attach_clear(&app->attach);
	mime_part_clear(&app->attach.ask_part);
	FREE(&app->attach.ask_path);
}

void
actions_attach_parts(struct app *app, struct event *ev)
{
	struct attach_list *al = &app->attach;

	actions_attach_clear(al);
	al->uid = ev->uid;
	al->parts = ev->parts;
	al->nparts = ev->nparts;
	ev->parts = NULL;
	ev->nparts = 0;
}

void
actions_attach_open(struct app *app)
{
	struct attach_list *al = &app->attach;

	if (app->pager.loading) {
		app_message(app, 1, "The message is still loading");
		return;
	}
	if (al->uid != app->pager.uid || al->nparts == 0) {
		app_message(app, 1,
		    "The parts of this message are not known "
		    "(it came from the cache)");
		return;
	}
	al->cursor = 0;
	app->screen = SCREEN_ATTACH;
}

static struct mime_part *
actions_attach_current(struct app *app)
{
	struct attach_list *al = &app->attach;

	if (app->screen != SCREEN_ATTACH || al->cursor >= al->nparts)
		return (NULL);
	return (&al->parts[al->cursor]);
}

/* save-dir, else ~/Downloads where there is one, else ~. */
static char *
actions_attach_dir(struct app *app)
{
	struct stat st;
	const char *home;
	char	   *dl;
	int	    have;

	if (app->cur->account->save_dir != NULL)
		return (xstrdup(app->cur->account->save_dir));
	if ((home = getenv("HOME")) == NULL || *home == '\0')
		return (xstrdup("."));
	/* One stat of the home directory, at a key press. */
	dl = xasprintf("%s/Downloads", home);
	have = stat(dl, &st) == 0 && S_ISDIR(st.st_mode);
	free(dl);
	return (xstrdup(have ? "~/Downloads" : "~"));
}

static void
actions_attach_send(struct app *app, enum request_type type, uint32_t uid,
    const struct mime_part *part, const char *path, int replace)
{
	struct request *req;

	req = request_new(type);
	req->id = ++app->next_id;
	req->folder = xstrdup(app->mbox_wire);
	req->uids = xmalloc(sizeof *req->uids);
	req->uids[0] = uid;
	req->nuids = 1;
	mime_part_copy(&req->part, part);
	req->path = path != NULL ? xstrdup(path) : NULL;
	req->replace = replace;
	app_send(app, req);
}

void
actions_attach_save(struct app *app)
{
	struct mime_part *p;
	char		 *dir, *name, *clean;
	size_t		  len;

	if ((p = actions_attach_current(app)) == NULL)
		return;
	dir = actions_attach_dir(app);
	name = savename(p->name, p->type);
	len = strlen(dir);
	prompt_open(&app->prompt, PROMPT_SAVE, "Save to: ", 0);
	/* The directory is the user's; the name was made safe above. */
	clean = sanitize_str(dir, 0);
	strbuf_printf(&app->prompt.line, "%s%s%s", clean,
	    len > 0 && dir[len - 1] == '/' ? "" : "/", name);
	free(clean);
	free(dir);
	free(name);
}

void
actions_attach_view(struct app *app)
{
	struct mime_part *p;

	if ((p = actions_attach_current(app)) == NULL)
		return;
	actions_attach_send(app, REQ_VIEW, app->attach.uid, p, NULL, 0);
	app_message(app, 0, "Fetching the part for its viewer...");
}

void
actions_attach_prompt_done(struct app *app, enum prompt_kind kind,
    const char *line)
{
	struct attach_list *al = &app->attach;
	struct mime_part   *p;

	if (kind == PROMPT_REPLACE) {
		if (al->ask_path == NULL)
			return;
		actions_attach_send(app, REQ_SAVE, al->ask_uid, &al->ask_part,
		    al->ask_path, 1);
		mime_part_clear(&al->ask_part);
		FREE(&al->ask_path);
		app_message(app, 0, "Saving...");
		return;
	}
	if ((p = actions_attach_current(app)) == NULL)
		return;
	actions_attach_send(app, REQ_SAVE, al->uid, p, line, 0);
	app_message(app, 0, "Saving...");
}

static void
actions_attach_viewed(struct app *app, struct event *ev)
{
	char *why = NULL;
	int   rc;

	if (!ev->ok) {
		app_message(app, 1, "%s", ev->text);
		return;
	}
	rc = ui_run(ev->text, ev->flags & EVF_COPIOUS, &why);
	/* The viewer is done with it: nothing of the message stays. */
	if (ev->path != NULL)
		unlink(ev->path);
	app->redraw_all = 1;
	if (rc == -1)
		app_message(app, 1, "The viewer: %s", why);
	else if (rc != 0)
		app_message(app, 1, "The viewer exited with status %d", rc);
	else
		app_message(app, 0, "Viewer done");
	free(why);
}

void
actions_attach_event(struct app *app, struct event *ev)
{
	struct attach_list *al = &app->attach;
	char		   *clean, *label;

	if (ev->type == EV_VIEW) {
		actions_attach_viewed(app, ev);
		return;
	}
	if (ev->flags & EVF_EXISTS) {
		mime_part_clear(&al->ask_part);
		FREE(&al->ask_path);
		if (ev->nparts != 1 || app->prompt.kind != PROMPT_NONE) {
			clean = sanitize_str(ev->path, 0);
			app_message(app, 1, "Not saved: %s exists", clean);
			free(clean);
			return;
		}
		mime_part_copy(&al->ask_part, &ev->parts[0]);
		al->ask_uid = ev->uid;
		al->ask_path = ev->path;
		ev->path = NULL;
		clean = sanitize_str(al->ask_path, 0);
		label = xasprintf("%s exists. Replace it? (y/n) ", clean);
		prompt_open(&app->prompt, PROMPT_REPLACE, label, 0);
		free(label);
		free(clean);
		return;
	}
	clean = sanitize_str(ev->text != NULL ? ev->text : "", 0);
	app_message(app, !ev->ok, "%s", clean);
	free(clean);
}
