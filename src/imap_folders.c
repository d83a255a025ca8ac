/*
 * imap_folders.c: the folder list and the counts of every folder.  The
 * counts take one round trip whatever the number of folders: LIST-STATUS
 * (RFC 5819) where the server offers it, else every STATUS written before
 * the first answer is read.
 *
 * libetpan keeps only the last STATUS of an answer, and LIST-STATUS or
 * pipelined STATUS answers carry many, so these answers are parsed with
 * libetpan's parser but kept here: the LIST and STATUS data go to the
 * callbacks, and what the server said unasked about the selected folder
 * (EXISTS, EXPUNGE, FETCH, VANISHED) goes where libetpan would have put
 * it, for imap_sync_collect.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap_private.h"
#include "log.h"
#include "xmalloc.h"

/* Exported by libetpan 1.9.4, not declared in its headers. */
int mailimap_response_parse(mailstream *, MMAPString *,
    struct mailimap_parser_context *, size_t *, struct mailimap_response **,
    size_t, progress_function *);
int mailimap_status_send(mailstream *, const char *,
    struct mailimap_status_att_list *);

struct imap_folders_cbs {
	imap_list_cb   *list;
	imap_status_cb *status;
	void	       *arg;
};

/* 1 for a folder that cannot be opened (\Noselect, \NonExistent). */
static int
imap_list_flags(struct mailimap_mbx_list_flags *fl)
{
	struct mailimap_mbx_list_oflag *of;
	clistiter		       *it;

	if (fl == NULL)
		return (0);
	if (fl->mbf_type == MAILIMAP_MBX_LIST_FLAGS_SFLAG &&
	    fl->mbf_sflag == MAILIMAP_MBX_LIST_SFLAG_NOSELECT)
		return (1);
	for (it = clist_begin(fl->mbf_oflags); it != NULL;
	     it = clist_next(it)) {
		of = clist_content(it);
		if (of->of_type == MAILIMAP_MBX_LIST_OFLAG_FLAG_EXT &&
		    strcasecmp(of->of_flag_ext, "NonExistent") == 0)
			return (1);
	}
	return (0);
}

static void
imap_status_counts(struct mailimap_mailbox_data_status *st, uint32_t *messages,
    uint32_t *unseen)
{
	struct mailimap_status_info *si;
	clistiter		    *it;

	*messages = *unseen = 0;
	for (it = clist_begin(st->st_info_list); it != NULL;
	     it = clist_next(it)) {
		si = clist_content(it);
		if (si->st_att == MAILIMAP_STATUS_ATT_MESSAGES)
			*messages = si->st_value;
		else if (si->st_att == MAILIMAP_STATUS_ATT_UNSEEN)
			*unseen = si->st_value;
	}
}

static void
imap_keep_mailbox_data(mailimap *s, struct mailimap_mailbox_data *mb,
    const struct imap_folders_cbs *cbs)
{
	struct mailimap_mailbox_list *l;
	uint32_t		      messages, unseen;

	switch (mb->mbd_type) {
	case MAILIMAP_MAILBOX_DATA_LIST:
		l = mb->mbd_data.mbd_list;
		if (cbs->list != NULL)
			cbs->list(cbs->arg, l->mb_name, l->mb_delimiter,
			    imap_list_flags(l->mb_flag));
		break;
	case MAILIMAP_MAILBOX_DATA_STATUS:
		imap_status_counts(mb->mbd_data.mbd_status, &messages, &unseen);
		if (cbs->status != NULL)
			cbs->status(cbs->arg,
			    mb->mbd_data.mbd_status->st_mailbox, messages,
			    unseen);
		break;
	case MAILIMAP_MAILBOX_DATA_EXISTS:
		if (s->imap_selection_info != NULL)
			s->imap_selection_info->sel_exists =
			    mb->mbd_data.mbd_exists;
		break;
	case MAILIMAP_MAILBOX_DATA_EXTENSION_DATA:
		if (clist_append(s->imap_response_info->rsp_extension_list,
			mb->mbd_data.mbd_extension) != 0)
			fatalx("out of memory");
		mb->mbd_data.mbd_extension = NULL;
		break;
	default:
		break;
	}
}

static void
imap_keep_message_data(mailimap *s, struct mailimap_message_data *md)
{
	uint32_t *n;

	switch (md->mdt_type) {
	case MAILIMAP_MESSAGE_DATA_EXPUNGE:
		if ((n = mailimap_number_alloc_new(md->mdt_number)) == NULL ||
		    clist_append(s->imap_response_info->rsp_expunged, n) != 0)
			fatalx("out of memory");
		if (s->imap_selection_info != NULL &&
		    s->imap_selection_info->sel_exists > 0)
			s->imap_selection_info->sel_exists--;
		break;
	case MAILIMAP_MESSAGE_DATA_FETCH:
		if (clist_append(s->imap_response_info->rsp_fetch_list,
			md->mdt_msg_att) != 0)
			fatalx("out of memory");
		md->mdt_msg_att->att_number = md->mdt_number;
		md->mdt_msg_att = NULL;
		break;
	default:
		break;
	}
}

static void
imap_keep_data(mailimap *s, struct mailimap_response_data *rd,
    const struct imap_folders_cbs *cbs)
{
	switch (rd->rsp_type) {
	case MAILIMAP_RESP_DATA_TYPE_MAILBOX_DATA:
		imap_keep_mailbox_data(s, rd->rsp_data.rsp_mailbox_data, cbs);
		break;
	case MAILIMAP_RESP_DATA_TYPE_MESSAGE_DATA:
		imap_keep_message_data(s, rd->rsp_data.rsp_message_data);
		break;
	case MAILIMAP_RESP_DATA_TYPE_EXTENSION_DATA:
		/* VANISHED (QRESYNC) arrives this way. */
		mailimap_extension_data_store(s,
		    &rd->rsp_data.rsp_extension_data);
		break;
	default:
		break;
	}
}

/*
 * Read one answer: untagged data up to a tagged line.  Its tag in *tag
 * (0 for a BYE), its state in *state.  A libetpan error code.
 */
static int
imap_read_counted(struct imap *im, const struct imap_folders_cbs *cbs,
    long *tag, int *state)
{
	mailimap			      *s = im->session;
	struct mailimap_parser_context	      *ctx;
	struct mailimap_response	      *resp = NULL;
	struct mailimap_response_tagged	      *tagged;
	struct mailimap_cont_req_or_resp_data *d;
	clistiter			      *it;
	size_t				       indx = 0;
	char				      *end;
	int				       r;

	if (mailimap_read_line(s) == NULL)
		return (MAILIMAP_ERROR_STREAM);
	s->imap_response = NULL;
	if ((ctx = mailimap_parser_context_new(s)) == NULL)
		fatalx("out of memory");
	r = mailimap_response_parse(s->imap_stream, s->imap_stream_buffer, ctx,
	    &indx, &resp, s->imap_progr_rate, s->imap_progr_fun);
	mailimap_parser_context_free(ctx);
	if (r != MAILIMAP_NO_ERROR)
		return (r);
	/* A fresh answer, as libetpan's own commands leave one. */
	if (s->imap_response_info != NULL)
		mailimap_response_info_free(s->imap_response_info);
	if ((s->imap_response_info = mailimap_response_info_new()) == NULL)
		fatalx("out of memory");
	for (it = clist_begin(resp->rsp_cont_req_or_resp_data_list); it != NULL;
	     it = clist_next(it)) {
		d = clist_content(it);
		if (d->rsp_type == MAILIMAP_RESP_RESP_DATA)
			imap_keep_data(s, d->rsp_data.rsp_resp_data, cbs);
	}
	if (resp->rsp_resp_done->rsp_type != MAILIMAP_RESP_DONE_TYPE_TAGGED) {
		mailimap_response_free(resp);
		return (MAILIMAP_ERROR_FATAL);
	}
	tagged = resp->rsp_resp_done->rsp_data.rsp_tagged;
	*tag = strtol(tagged->rsp_tag, &end, 10);
	if (*end != '\0' || *tag <= 0)
		*tag = 0;
	*state = tagged->rsp_cond_state->rsp_type;
	if (tagged->rsp_cond_state->rsp_text->rsp_text != NULL &&
	    mmap_string_assign(s->imap_response_buffer,
		tagged->rsp_cond_state->rsp_text->rsp_text) != NULL)
		s->imap_response = s->imap_response_buffer->str;
	mailimap_response_free(resp);
	imap_sync_collect(im);
	/* Not a tag of tern's: the session is out of step. */
	return (*tag == 0 ? MAILIMAP_ERROR_PARSE : MAILIMAP_NO_ERROR);
}

static int
imap_list_status(struct imap *im, const struct imap_folders_cbs *cbs,
    struct imap_error *err)
{
	static const char cmd[] =
	    "LIST \"\" \"*\" RETURN (STATUS (MESSAGES UNSEEN))\r\n";
	long tag;
	int  r, state;

	r = imap_send_line(im, cmd, sizeof cmd - 1);
	if (r == MAILIMAP_NO_ERROR)
		r = imap_read_counted(im, cbs, &tag, &state);
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
	const struct imap_folders_cbs *cbs;
	char			     **names;
	size_t			       n;
};

static void
imap_listed_cb(void *arg, const char *wire, char delim, int noselect)
{
	struct imap_listed *l = arg;

	if (l->cbs->list != NULL)
		l->cbs->list(l->cbs->arg, wire, delim, noselect);
	if (noselect)
		return;
	l->names = xreallocarray(l->names, l->n + 1, sizeof *l->names);
	l->names[l->n++] = xstrdup(wire);
}

int
imap_list(struct imap *im, imap_list_cb *lcb, imap_status_cb *scb, void *arg,
    struct imap_error *err)
{
	struct imap_folders_cbs	      cbs = { lcb, scb, arg };
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
	struct imap_folders_cbs		 cbs = { NULL, scb, arg };
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
		r = imap_read_counted(im, &cbs, &tag, &state);
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
