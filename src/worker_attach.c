/*
 * worker_attach.c owns what the worker does for a saved or viewed part:
 * fetch it by its section, undo its transfer encoding, and write it (see
 * attach_file.c).  For a viewer it also finds the mailcap entry and builds
 * the command, in which the only things that come from the message are
 * the type, when it passes mailcap_type_ok, and the extension of the file
 * name, made from that type.  It never runs a viewer: the UI does, since
 * the viewer may need the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "attach_file.h"
#include "decode.h"
#include "imap.h"
#include "log.h"
#include "mailcap.h"
#include "mime.h"
#include "savename.h"
#include "worker.h"
#include "worker_attach.h"
#include "xmalloc.h"

/* "2.1" as {2, 1}; the number of parts, 0 if it is not a section. */
static size_t
worker_attach_path(const char *section, uint32_t *path, size_t max)
{
	const char   *p = section;
	char	     *end;
	unsigned long v;
	size_t	      n = 0;

	while (n < max) {
		if (*p < '1' || *p > '9')
			return (0);
		v = strtoul(p, &end, 10);
		if (v == 0 || v > UINT32_MAX)
			return (0);
		path[n++] = (uint32_t)v;
		if (*end == '\0')
			return (n);
		if (*end != '.')
			return (0);
		p = end + 1;
	}
	return (0);
}

/* The part's bytes, decoded; NULL with err set if the server failed. */
static char *
worker_attach_fetch(struct imap *im, struct request *req, size_t *len,
    struct imap_error *err)
{
	uint32_t path[MIME_MAX_DEPTH + 1];
	size_t	 depth, rawlen;
	char	*raw, *data;

	depth = worker_attach_path(req->part.section != NULL ?
		req->part.section :
		"",
	    path, sizeof path / sizeof path[0]);
	if (depth == 0) {
		err->kind = IMAP_ERR_NO;
		err->text = xstrdup("not a part of this message");
		return (NULL);
	}
	log_debug("uid %u: fetching part %s of %u bytes", req->uids[0],
	    req->part.section, req->part.size);
	if (imap_fetch_section(im, req->uids[0], path, depth, &raw, &rawlen,
		err) != 0)
		return (NULL);
	switch (req->part.encoding) {
	case MIME_ENC_BASE64:
		data = decode_base64(raw, rawlen, len);
		free(raw);
		return (data);
	case MIME_ENC_QP:
		data = decode_qp(raw, rawlen, len);
		free(raw);
		return (data);
	default:
		*len = rawlen;
		return (raw);
	}
}

static struct event *
worker_attach_event(enum event_type type, int ok, char *text)
{
	struct event *ev;

	ev = event_new(type);
	ev->ok = ok;
	ev->text = text;
	return (ev);
}

static struct event *
worker_attach_save(struct imap *im, struct request *req, struct imap_error *err)
{
	struct event *ev;
	char	     *path, *data, *why;
	size_t	      len;
	int	      rc;

	path = req->path;
	req->path = NULL;
	/* Asked first, so that a "no" costs no FETCH. */
	if (!req->replace && attach_file_exists(path))
		goto exists;
	if ((data = worker_attach_fetch(im, req, &len, err)) == NULL) {
		free(path);
		return (NULL);
	}
	rc = attach_file_save(path, data, len, req->replace, &why);
	free(data);
	if (rc == ATTACH_FILE_EXISTS)
		goto exists;
	if (rc != 0) {
		free(path);
		return (worker_attach_event(EV_SAVED, 0, why));
	}
	ev = worker_attach_event(EV_SAVED, 1,
	    xasprintf("Saved %s (%zu bytes)", path, len));
	free(path);
	return (ev);
exists:
	ev = worker_attach_event(EV_SAVED, 0, NULL);
	ev->flags |= EVF_EXISTS;
	ev->path = path;
	/* The part to save if the answer is yes, wherever the cursor is. */
	ev->parts = xcalloc(1, sizeof *ev->parts);
	mime_part_copy(&ev->parts[0], &req->part);
	ev->nparts = 1;
	return (ev);
}

static struct event *
worker_attach_view(struct imap *im, struct request *req, struct imap_error *err)
{
	struct mailcap		    mc;
	const struct mailcap_entry *e;
	struct event		   *ev;
	char			   *data, *path, *why, *cmd, ext[16];
	size_t			    len;
	int			    flags;

	if (!mailcap_type_ok(req->part.type))
		return (worker_attach_event(EV_VIEW, 0,
		    xstrdup("This part's type cannot be given to a viewer")));
	mailcap_init(&mc);
	mailcap_load_default(&mc);
	if ((e = mailcap_find(&mc, req->part.type)) == NULL) {
		mailcap_free(&mc);
		return (worker_attach_event(EV_VIEW, 0,
		    xasprintf("No viewer for %s in the mailcap",
			req->part.type)));
	}
	cmd = xstrdup(e->view);
	flags = (e->flags & MAILCAP_NEEDSTERMINAL ? EVF_TERMINAL : 0) |
	    (e->flags & MAILCAP_COPIOUSOUTPUT ? EVF_COPIOUS : 0);
	mailcap_free(&mc);
	/* Refused before anything is fetched or written. */
	if ((why = mailcap_expand(cmd, req->part.type, "/")) == NULL) {
		free(cmd);
		return (worker_attach_event(EV_VIEW, 0,
		    xstrdup("The mailcap entry would put what the message "
			    "says into the command (%{...}): refused")));
	}
	free(why);
	if ((data = worker_attach_fetch(im, req, &len, err)) == NULL) {
		free(cmd);
		return (NULL);
	}
	if (attach_file_temp(savename_ext(req->part.type, ext, sizeof ext) ==
			0 ?
		    ext :
		    NULL,
		data, len, &path, &why) != 0) {
		free(data);
		free(cmd);
		return (worker_attach_event(EV_VIEW, 0, why));
	}
	free(data);
	ev = worker_attach_event(EV_VIEW, 1,
	    mailcap_expand(cmd, req->part.type, path));
	free(cmd);
	ev->path = path;
	ev->flags = flags;
	return (ev);
}

struct event *
worker_attach(struct imap *im, struct request *req, struct imap_error *err)
{
	struct event *ev;

	ev = req->type == REQ_SAVE ? worker_attach_save(im, req, err) :
				     worker_attach_view(im, req, err);
	if (ev != NULL) {
		ev->id = req->id;
		ev->folder = xstrdup(req->folder);
		ev->uid = req->uids[0];
	}
	return (ev);
}
