/*
 * imap_folders.c: the folder list and the counts of every folder.  The
 * counts take one round trip whatever the number of folders: LIST-STATUS
 * (RFC 5819) where the server offers it, else every STATUS written before
 * the first answer is read.  libetpan keeps only the last STATUS of an
 * answer, so these answers are read by imap_answer.c.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap_private.h"
#include "log.h"
#include "xmalloc.h"

/* Exported by libetpan 1.9.4, not declared in its headers. */
int mailimap_status_send(mailstream *, const char *,
    struct mailimap_status_att_list *);

static int
imap_list_status(struct imap *im, const struct imap_keep *cbs,
    struct imap_error *err)
{
	static const char cmd[] =
	    "LIST \"\" \"*\" RETURN (STATUS (MESSAGES UNSEEN))\r\n";
	/* A LIST with RETURN leaves the roles out unless asked (RFC 6154). */
	static const char cmd_su[] = "LIST \"\" \"*\" RETURN (SPECIAL-USE "
				     "STATUS (MESSAGES UNSEEN))\r\n";
	long		  tag;
	int		  r, state;

	if (imap_has_capability(im, "SPECIAL-USE"))
		r = imap_send_line(im, cmd_su, sizeof cmd_su - 1);
	else
		r = imap_send_line(im, cmd, sizeof cmd - 1);
	if (r == MAILIMAP_NO_ERROR)
		r = imap_read_any(im, cbs, &tag, &state);
	imap_sync_collect(im);
	if (r == MAILIMAP_NO_ERROR && tag != im->session->imap_tag)
		r = MAILIMAP_ERROR_PARSE;
	if (r == MAILIMAP_NO_ERROR && state != MAILIMAP_RESP_COND_STATE_OK)
		r = MAILIMAP_ERROR_LIST;
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "LIST", err));
	return (0);
}

/* Remembers the selectable folders of a LIST, for the STATUS after it. */
struct imap_listed {
	const struct imap_keep *cbs;
	char		      **names;
	size_t			n;
};

static void
imap_listed_cb(void *arg, const char *wire, char delim, int flags)
{
	struct imap_listed *l = arg;

	if (l->cbs->list != NULL)
		l->cbs->list(l->cbs->arg, wire, delim, flags);
	if (flags & IMAP_LIST_NOSELECT)
		return;
	l->names = xreallocarray(l->names, l->n + 1, sizeof *l->names);
	l->names[l->n++] = xstrdup(wire);
}

int
imap_list(struct imap *im, imap_list_cb *lcb, imap_status_cb *scb, void *arg,
    struct imap_error *err)
{
	struct imap_keep	      cbs = { lcb, scb, arg };
	struct imap_listed	      l = { &cbs, NULL, 0 };
	struct mailimap_mailbox_list *mb;
	clist			     *list = NULL;
	clistiter		     *it;
	size_t			      i;
	int			      r;

	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	if (scb != NULL && imap_has_capability(im, "LIST-STATUS")) {
		log_debug("folders and their counts by LIST-STATUS");
		return (imap_list_status(im, &cbs, err));
	}
	r = mailimap_list(im->session, "", "*", &list);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "LIST", err));
	for (it = clist_begin(list); it != NULL; it = clist_next(it)) {
		mb = clist_content(it);
		imap_listed_cb(&l, mb->mb_name, mb->mb_delimiter,
		    imap_list_flags(mb->mb_flag));
	}
	mailimap_list_result_free(list);
	r = 0;
	if (scb != NULL)
		r = imap_status_many(im, (const char *const *)l.names, l.n, scb,
		    arg, err);
	for (i = 0; i < l.n; i++)
		free(l.names[i]);
	free(l.names);
	return (r);
}

int
imap_status_many(struct imap *im, const char *const *wires, size_t n,
    imap_status_cb *scb, void *arg, struct imap_error *err)
{
	struct imap_keep		 cbs = { NULL, scb, arg };
	struct mailimap_status_att_list *atts;
	mailstream			*st;
	long				 first, tag;
	size_t				 i, sent = 0, done;
	int				 r = MAILIMAP_NO_ERROR, state;

	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	st = im->session->imap_stream;
	if ((atts = mailimap_status_att_list_new_empty()) == NULL)
		fatalx("out of memory");
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_MESSAGES);
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_UNSEEN);
	first = im->session->imap_tag + 1;
	for (i = 0; i < n && r == MAILIMAP_NO_ERROR; i++) {
		if (strpbrk(wires[i], "\r\n") != NULL)
			continue;
		r = mailimap_send_current_tag(im->session);
		if (r == MAILIMAP_NO_ERROR)
			r = mailimap_status_send(st, wires[i], atts);
		if (r == MAILIMAP_NO_ERROR)
			r = mailimap_crlf_send(st);
		sent++;
	}
	mailimap_status_att_list_free(atts);
	if (r == MAILIMAP_NO_ERROR && sent > 0 && mailstream_flush(st) == -1)
		r = MAILIMAP_ERROR_STREAM;
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "STATUS", err));
	log_debug("counts of %zu folders by STATUS", sent);
	/*
	 * The STATUS data names its folder, so the answers may come in any
	 * order.  A folder refused (deleted meanwhile) is only left out, and
	 * every answer is read before returning, so the next command does
	 * not read this one's.
	 */
	for (done = 0; done < sent; done++) {
		r = imap_read_any(im, &cbs, &tag, &state);
		imap_sync_collect(im);
		if (r == MAILIMAP_NO_ERROR &&
		    (tag < first || tag >= first + (long)sent))
			r = MAILIMAP_ERROR_PARSE;
		if (r != MAILIMAP_NO_ERROR)
			return (imap_fail(im, r, "STATUS", err));
		if (state != MAILIMAP_RESP_COND_STATE_OK)
			log_debug("STATUS refused: %s",
			    im->session->imap_response != NULL ?
				im->session->imap_response :
				"");
	}
	return (0);
}
