/*
 * worker_send.c owns what happens to a finished message: SMTP (smtp.c),
 * then its copy in Sent, or, when sending failed, the message in Drafts;
 * with the IMAP server away, the message in the cache file
 * (cache_outbox.c) until the next login.  It finds Sent and Drafts with
 * folders.c's role lookup.  It must never lose a message it was handed:
 * every failure ends with the message on the server or in the cache, or
 * an event that says it is in neither.  It never logs message text, a
 * password or a token.
 */
#include <stdlib.h>
#include <string.h>

#include "cache_db.h"
#include "cache_outbox.h"
#include "conf.h"
#include "folders.h"
#include "imap.h"
#include "log.h"
#include "message.h"
#include "outgoing.h"
#include "secret.h"
#include "smtp.h"
#include "worker.h"
#include "worker_send.h"
#include "xmalloc.h"

static void
worker_send_list_cb(void *arg, const char *wire, char delim, int lflags)
{
	struct folders *fs = arg;
	struct folder  *f;

	folders_add(fs, wire, delim,
	    (lflags & IMAP_LIST_NOSELECT) ? FOLDER_NOSELECT : 0);
	if ((f = folders_find_wire(fs, wire)) != NULL)
		f->role = IMAP_LIST_ROLE(lflags);
}

/*
 * The folder for Sent or Drafts, as a wire name (the caller frees), and
 * its name for the user in *name.  The account's setting (sent, drafts)
 * comes first: the user wrote it; then the folder the server gives the
 * role; then one of the role's name.  A folder that does not exist is
 * created (and subscribed to), so a copy is never lost for want of one.
 */
static char *
worker_send_folder(const struct worker_send_env *env, enum special_use role,
    char **name, struct imap_error *err)
{
	const struct account *a = env->account;
	const char	     *setting;
	struct folders	      fs;
	struct folder	     *f = NULL;
	char		     *wire = NULL, *prefix = NULL, *why = NULL;
	char		      delim = 0;

	setting = role == SPECIAL_SENT ? a->sent : a->drafts;
	folders_init(&fs);
	if (imap_list(env->imap, worker_send_list_cb, NULL, &fs, err) != 0)
		goto out;
	if (setting != NULL)
		f = folders_find(&fs, setting);
	else
		f = folders_find_role(&fs, role);
	if (f != NULL && !(f->flags & FOLDER_NOSELECT)) {
		wire = xstrdup(f->wire);
		*name = xstrdup(f->name);
		goto out;
	}
	*name = xstrdup(setting != NULL ? setting : folders_role_name(role));
	if (imap_personal_namespace(env->imap, &prefix, &delim) != 0) {
		prefix = NULL;
		delim = 0;
	}
	if ((wire = folders_wire_name(&fs, *name, prefix, delim, &why)) ==
	    NULL) {
		err->kind = IMAP_ERR_NO;
		err->text = xasprintf("%s: %s", *name, why);
		free(why);
		goto fail;
	}
	log_debug("creating %s for %s", wire, folders_role_name(role));
	if (imap_mailbox_change(env->imap, IMAP_MAILBOX_CREATE, wire, NULL,
		err) != 0)
		goto fail;
	if (imap_mailbox_change(env->imap, IMAP_MAILBOX_SUBSCRIBE, wire, NULL,
		err) != 0)
		/* The folder is there; the pane may just not show it. */
		imap_error_clear(err);
	goto out;

fail:
	FREE(&wire);
	FREE(name);
out:
	free(prefix);
	folders_free(&fs);
	return (wire);
}

/* A change to make once the message is on its way, answered with id 0. */
static void
worker_send_later(struct worker_send_after *after, enum request_type type,
    const char *folder, uint32_t uidvalidity, uint32_t uid, uint32_t add)
{
	struct request *req;

	req = request_new(type);
	req->folder = xstrdup(folder);
	req->uidvalidity = uidvalidity;
	req->uids = xcalloc(1, sizeof *req->uids);
	req->uids[0] = uid;
	req->nuids = 1;
	req->add = add;
	after->reqs = xreallocarray(after->reqs, after->n + 1,
	    sizeof *after->reqs);
	after->reqs[after->n++] = req;
}

/*
 * The message is in Sent or Drafts: mark the original answered (when it
 * was sent), and remove the draft it was resumed from, by its UID only.
 */
static void
worker_send_follow(const struct outgoing *o, int sent,
    struct worker_send_after *after)
{
	if (sent && o->answered_folder != NULL && o->answered_uid != 0)
		worker_send_later(after, REQ_STORE, o->answered_folder,
		    o->answered_uidvalidity, o->answered_uid, MSG_ANSWERED);
	if (o->draft_folder != NULL && o->draft_uid != 0) {
		worker_send_later(after, REQ_STORE, o->draft_folder,
		    o->draft_uidvalidity, o->draft_uid, MSG_DELETED);
		worker_send_later(after, REQ_EXPUNGE, o->draft_folder,
		    o->draft_uidvalidity, o->draft_uid, 0);
	}
}

/* APPEND to the role's folder; its name in *name (the caller frees). */
static int
worker_send_append(const struct worker_send_env *env, enum special_use role,
    const struct outgoing *o, char **name, struct imap_error *err)
{
	char	*wire;
	uint32_t flags;
	int	 rc;

	*name = NULL;
	if ((wire = worker_send_folder(env, role, name, err)) == NULL)
		return (-1);
	flags = role == SPECIAL_SENT ? MSG_SEEN : MSG_SEEN | MSG_DRAFT;
	rc = imap_append(env->imap, wire, flags, o->data, o->len, NULL, NULL,
	    err);
	free(wire);
	return (rc);
}

/*
 * Keep the message for the role's folder in the cache file: a phrase for
 * the event ("kept here until ..."), or NULL with *why set.
 */
static int
worker_send_keep(const struct worker_send_env *env, enum special_use role,
    const struct outgoing *o, char **why)
{
	char *path;
	int   rc;

	path = cache_db_path(env->account->name);
	rc = cache_outbox_put(path, role,
	    role == SPECIAL_SENT ? MSG_SEEN : MSG_SEEN | MSG_DRAFT, o, why);
	free(path);
	if (rc == 0)
		log_debug("kept a message for %s in the cache",
		    folders_role_name(role));
	return (rc);
}

/*
 * Put the message in the role's folder, else keep it locally.  What
 * became of it, as the end of the event's text; *lost is set when it is
 * in neither place.
 */
static char *
worker_send_store(const struct worker_send_env *env, enum special_use role,
    const struct outgoing *o, int sent, struct worker_send_after *after,
    int *lost)
{
	struct imap_error err = { 0 };
	const char	 *rname = folders_role_name(role);
	char		 *name = NULL, *why = NULL, *text;

	*lost = 0;
	if (env->online && worker_send_append(env, role, o, &name, &err) == 0) {
		worker_send_follow(o, sent, after);
		text = xasprintf("%s in %s", sent ? "copy" : "kept", name);
		free(name);
		return (text);
	}
	free(name);
	if (worker_send_keep(env, role, o, &why) == 0) {
		text = xasprintf("%s here until it can go to %s (%s)",
		    sent ? "the copy for Sent is kept" : "kept", rname,
		    err.text != NULL ? err.text : "offline");
		imap_error_clear(&err);
		return (text);
	}
	*lost = 1;
	text = xasprintf("NOT kept: %s; %s",
	    err.text != NULL ? err.text : "offline", why);
	free(why);
	imap_error_clear(&err);
	return (text);
}

/* The SMTP password: smtp-password-command's, else the IMAP one. */
static char *
worker_send_password(const struct worker_send_env *env, char **why)
{
	const struct account *a = env->account;

	if (a->oauth2_token_command != NULL)
		return (NULL);
	if (a->smtp_password_command != NULL)
		return (secret_command(a->smtp_password_command,
		    "smtp-password-command", why));
	return (env->password != NULL ? xstrdup(env->password) : NULL);
}

static struct event *
worker_send_message(const struct worker_send_env *env, struct request *req,
    struct worker_send_after *after)
{
	const struct outgoing *o = req->outgoing;
	struct smtp_error      serr = { 0 };
	struct event	      *ev;
	char		      *password, *why = NULL, *where;
	int		       lost;

	ev = event_new(EV_SENT);
	ev->id = req->id;
	password = worker_send_password(env, &why);
	if (why != NULL) {
		serr.kind = SMTP_ERR_AUTH;
		serr.text = why;
	} else if (smtp_send(env->account, password, o, &serr) == 0) {
		freezero_str(password);
		ev->ok = 1;
		where = worker_send_store(env, SPECIAL_SENT, o, 1, after,
		    &lost);
		ev->text = xasprintf("Sent; %s", where);
		free(where);
		return (ev);
	}
	freezero_str(password);
	where = worker_send_store(env, SPECIAL_DRAFTS, o, 0, after, &lost);
	ev->text = xasprintf("Not sent: %s; %s", serr.text, where);
	free(where);
	smtp_error_clear(&serr);
	return (ev);
}

static struct event *
worker_send_postpone(const struct worker_send_env *env, struct request *req,
    struct worker_send_after *after)
{
	struct event *ev;
	char	     *where;
	int	      lost;

	ev = event_new(EV_DONE);
	ev->id = req->id;
	where = worker_send_store(env, SPECIAL_DRAFTS, req->outgoing, 0, after,
	    &lost);
	ev->ok = !lost;
	ev->text = xasprintf("Postponed: %s", where);
	free(where);
	return (ev);
}

struct event *
worker_send_run(const struct worker_send_env *env, struct request *req,
    struct worker_send_after *after)
{
	struct event *ev;

	if (req->outgoing == NULL || req->outgoing->data == NULL) {
		ev = event_new(req->type == REQ_SEND ? EV_SENT : EV_DONE);
		ev->id = req->id;
		ev->text = xstrdup("no message to send");
		return (ev);
	}
	if (req->type == REQ_SEND)
		return (worker_send_message(env, req, after));
	return (worker_send_postpone(env, req, after));
}

char *
worker_send_flush(const struct worker_send_env *env,
    struct worker_send_after		       *after)
{
	struct imap_error   err = { 0 };
	struct outbox_item *items;
	char		   *path, *name, *text = NULL;
	size_t		    n, i, done = 0;

	path = cache_db_path(env->account->name);
	n = cache_outbox_list(path, &items);
	for (i = 0; i < n; i++) {
		if (worker_send_append(env, items[i].role, items[i].out, &name,
			&err) != 0) {
			free(name);
			break;
		}
		if (cache_outbox_remove(path, items[i].id) != 0) {
			/* On the server now: better twice than lost. */
			log_debug("outbox: message %ld stays", items[i].id);
		}
		worker_send_follow(items[i].out, items[i].role == SPECIAL_SENT,
		    after);
		free(name);
		done++;
	}
	if (done > 0 || err.text != NULL)
		text = xasprintf("%zu message%s kept offline put on the "
				 "server%s%s",
		    done, done == 1 ? "" : "s", err.text != NULL ? "; " : "",
		    err.text != NULL ? err.text : "");
	imap_error_clear(&err);
	cache_outbox_free(items, n);
	free(path);
	return (text);
}
