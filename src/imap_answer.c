/*
 * imap_answer.c reads the answers to commands tern writes several of at
 * once.  libetpan's reader wants the tagged line of its last command and
 * keeps only the last STATUS of an answer; a server may finish pipelined
 * commands in any order (Dovecot answers a SEARCH sent after a THREAD
 * first), and LIST-STATUS or pipelined STATUS answers carry many STATUS.
 * So the answer is parsed with libetpan's parser and kept here: LIST and
 * STATUS data go to callbacks, SEARCH and extension data (THREAD,
 * VANISHED) and what the server said unasked about the selected folder
 * (EXISTS, EXPUNGE, FETCH) go where libetpan would have put them.
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

/* 1 for a folder that cannot be opened (\Noselect, \NonExistent). */
int
imap_list_flags(struct mailimap_mbx_list_flags *fl)
{
	static const struct {
		const char	*name;
		enum special_use role;
	} roles[] = {
		{ "Drafts", SPECIAL_DRAFTS },
		{ "Sent", SPECIAL_SENT },
		{ "Archive", SPECIAL_ARCHIVE },
		{ "Junk", SPECIAL_JUNK },
		{ "Trash", SPECIAL_TRASH },
	};
	struct mailimap_mbx_list_oflag *of;
	clistiter		       *it;
	size_t				i;
	int				flags = 0;

	if (fl == NULL)
		return (0);
	if (fl->mbf_type == MAILIMAP_MBX_LIST_FLAGS_SFLAG &&
	    fl->mbf_sflag == MAILIMAP_MBX_LIST_SFLAG_NOSELECT)
		flags |= IMAP_LIST_NOSELECT;
	for (it = clist_begin(fl->mbf_oflags); it != NULL;
	     it = clist_next(it)) {
		of = clist_content(it);
		if (of->of_type != MAILIMAP_MBX_LIST_OFLAG_FLAG_EXT)
			continue;
		if (strcasecmp(of->of_flag_ext, "NonExistent") == 0)
			flags |= IMAP_LIST_NOSELECT;
		for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
			if (strcasecmp(of->of_flag_ext, roles[i].name) == 0)
				flags |= (int)roles[i].role << 4;
	}
	return (flags);
}

static void
imap_status_counts(struct mailimap_mailbox_data_status *st, uint32_t *messages,
    uint32_t *unseen)
{
	struct mailimap_status_info *si;
	clistiter		    *it;

	*messages = *unseen = 0;
	/* "* STATUS X ()" has none (respcheck refuses it, but not alone). */
	if (st->st_info_list == NULL)
		return;
	for (it = clist_begin(st->st_info_list); it != NULL;
	     it = clist_next(it)) {
		si = clist_content(it);
		if (si->st_att == MAILIMAP_STATUS_ATT_MESSAGES)
			*messages = si->st_value;
		else if (si->st_att == MAILIMAP_STATUS_ATT_UNSEEN)
			*unseen = si->st_value;
	}
}

/* SEARCH results (UIDs) join the answer's, as libetpan's do. */
static void
imap_keep_search(mailimap *s, clist **found)
{
	if (*found == NULL)
		return;
	if (s->imap_response_info->rsp_search_result == NULL)
		s->imap_response_info->rsp_search_result = *found;
	else {
		clist_concat(s->imap_response_info->rsp_search_result, *found);
		clist_free(*found);
	}
	*found = NULL;
}

static void
imap_keep_mailbox_data(mailimap *s, struct mailimap_mailbox_data *mb,
    const struct imap_keep *cbs)
{
	struct mailimap_mailbox_list	 *l;
	struct mailimap_extension_data	 *ext;
	struct mailimap_condstore_search *cs;
	uint32_t			  messages, unseen;

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
	case MAILIMAP_MAILBOX_DATA_SEARCH:
		imap_keep_search(s, &mb->mbd_data.mbd_search);
		break;
	case MAILIMAP_MAILBOX_DATA_EXISTS:
		if (s->imap_selection_info != NULL)
			s->imap_selection_info->sel_exists =
			    mb->mbd_data.mbd_exists;
		break;
	case MAILIMAP_MAILBOX_DATA_EXTENSION_DATA:
		ext = mb->mbd_data.mbd_extension;
		/* libetpan's CONDSTORE reads every SEARCH answer. */
		if (ext->ext_extension == &mailimap_extension_condstore &&
		    ext->ext_type == MAILIMAP_CONDSTORE_TYPE_SEARCH_DATA) {
			cs = ext->ext_data;
			imap_keep_search(s, &cs->cs_search_result);
			break;
		}
		if (clist_append(s->imap_response_info->rsp_extension_list,
			ext) != 0)
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
    const struct imap_keep *cbs)
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
int
imap_read_any(struct imap *im, const struct imap_keep *cbs, long *tag,
    int *state)
{
	if (mailimap_read_line(im->session) == NULL)
		return (MAILIMAP_ERROR_STREAM);
	return (imap_parse_any(im, cbs, tag, state));
}

/* The same, with the answer's first line read already. */
int
imap_parse_any(struct imap *im, const struct imap_keep *cbs, long *tag,
    int *state)
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
	/* A tagged line alone has no list. */
	it = resp->rsp_cont_req_or_resp_data_list != NULL ?
	    clist_begin(resp->rsp_cont_req_or_resp_data_list) :
	    NULL;
	for (; it != NULL; it = clist_next(it)) {
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
	/* Not a tag of tern's: the session is out of step. */
	return (*tag == 0 ? MAILIMAP_ERROR_PARSE : MAILIMAP_NO_ERROR);
}
