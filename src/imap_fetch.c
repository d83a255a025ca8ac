/*
 * imap_fetch.c owns FETCH: list headers in chunks from the newest message
 * down, and the one text part the pager shows.  It turns libetpan's results
 * into tern's own structs at once and frees them chunk by chunk; it must
 * never fetch a whole message (BODY[]) unless the user asked for it (|,
 * imap_fetch_source), nor set \Seen by itself (BODY.PEEK).  A part is
 * fetched by its section alone, for the pager or for a save.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "imap_private.h"
#include "log.h"
#include "mime.h"
#include "mime_fields.h"
#include "mime_parts.h"
#include "rfc2047.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xmalloc.h"

#define IMAP_FETCH_CHUNK 500

static char *
imap_decode_header(const char *s)
{
	if (s == NULL)
		return (xstrdup(""));
	return (rfc2047_decode(s, strlen(s)));
}

/* "Name <box@host>" for the pager, or the display name for the list. */
static void
imap_address(struct mailimap_address *ad, int full, struct strbuf *sb)
{
	char *name = NULL;

	if (ad->ad_personal_name != NULL && *ad->ad_personal_name != '\0')
		name = imap_decode_header(ad->ad_personal_name);
	if (name != NULL)
		strbuf_adds(sb, name);
	if (full || name == NULL) {
		if (name != NULL)
			strbuf_adds(sb, " <");
		strbuf_adds(sb,
		    ad->ad_mailbox_name != NULL ? ad->ad_mailbox_name : "");
		if (ad->ad_host_name != NULL) {
			strbuf_addc(sb, '@');
			strbuf_adds(sb, ad->ad_host_name);
		}
		if (name != NULL)
			strbuf_addc(sb, '>');
	}
	free(name);
}

static char *
imap_addresses(clist *list, int full)
{
	struct mailimap_address *ad;
	struct strbuf		 sb;
	clistiter		*it;
	int			 first = 1;

	if (list == NULL)
		return (NULL);
	strbuf_init(&sb);
	for (it = clist_begin(list); it != NULL; it = clist_next(it)) {
		ad = clist_content(it);
		/* Group syntax arrives as address entries without a host. */
		if (ad->ad_host_name == NULL && ad->ad_personal_name == NULL)
			continue;
		if (!first)
			strbuf_adds(&sb, ", ");
		imap_address(ad, full, &sb);
		first = 0;
		if (!full)
			break;
	}
	if (first) {
		strbuf_free(&sb);
		return (NULL);
	}
	return (strbuf_detach(&sb, NULL));
}

static uint32_t
imap_flags(struct mailimap_msg_att_dynamic *dyn)
{
	struct mailimap_flag_fetch *ff;
	clistiter		   *it;
	uint32_t		    flags = 0;

	if (dyn == NULL || dyn->att_list == NULL)
		return (0);
	for (it = clist_begin(dyn->att_list); it != NULL; it = clist_next(it)) {
		ff = clist_content(it);
		if (ff->fl_type != MAILIMAP_FLAG_FETCH_OTHER ||
		    ff->fl_flag == NULL)
			continue;
		switch (ff->fl_flag->fl_type) {
		case MAILIMAP_FLAG_SEEN:
			flags |= MSG_SEEN;
			break;
		case MAILIMAP_FLAG_ANSWERED:
			flags |= MSG_ANSWERED;
			break;
		case MAILIMAP_FLAG_FLAGGED:
			flags |= MSG_FLAGGED;
			break;
		case MAILIMAP_FLAG_DELETED:
			flags |= MSG_DELETED;
			break;
		case MAILIMAP_FLAG_DRAFT:
			flags |= MSG_DRAFT;
			break;
		}
	}
	return (flags);
}

static void
imap_sanitize_field(char **field)
{
	char *clean;

	clean = sanitize_str(*field, 0);
	free(*field);
	*field = clean;
}

int
imap_att_flags(struct mailimap_msg_att *att, uint32_t *uid, uint32_t *flags)
{
	struct mailimap_msg_att_item *item;
	clistiter		     *it;
	int			      has = 0;

	for (it = clist_begin(att->att_list); it != NULL; it = clist_next(it)) {
		item = clist_content(it);
		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_DYNAMIC) {
			*flags = imap_flags(item->att_data.att_dyn);
			has = 1;
		} else if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
		    item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID)
			*uid = item->att_data.att_static->att_data.att_uid;
	}
	return (has);
}

void
imap_message_from(struct mailimap_msg_att *att, struct message *m)
{
	struct mailimap_msg_att_item	     *item;
	struct mailimap_msg_att_static	     *st;
	struct mailimap_msg_att_body_section *bs;
	struct mailimap_date_time	     *dt;
	time_t				      internal = 0;
	clistiter			     *it;
	int				      header = 0;

	memset(m, 0, sizeof *m);
	for (it = clist_begin(att->att_list); it != NULL; it = clist_next(it)) {
		item = clist_content(it);
		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_DYNAMIC) {
			m->flags = imap_flags(item->att_data.att_dyn);
			continue;
		}
		/* MODSEQ and other extensions' items are not static ones. */
		if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
			continue;
		st = item->att_data.att_static;
		switch (st->att_type) {
		case MAILIMAP_MSG_ATT_UID:
			m->uid = st->att_data.att_uid;
			break;
		case MAILIMAP_MSG_ATT_RFC822_SIZE:
			m->size = st->att_data.att_rfc822_size;
			break;
		case MAILIMAP_MSG_ATT_INTERNALDATE:
			dt = st->att_data.att_internal_date;
			internal = mime_mktime(dt->dt_year, dt->dt_month,
			    dt->dt_day, dt->dt_hour, dt->dt_min, dt->dt_sec,
			    dt->dt_zone);
			break;
		case MAILIMAP_MSG_ATT_BODY_SECTION:
			bs = st->att_data.att_body_section;
			/*
			 * One header block a message; a second is ignored
			 * (read again, it would leave the first's fields).
			 */
			if (bs->sec_body_part != NULL && !header) {
				mime_fields_parse(bs->sec_body_part,
				    bs->sec_length, m);
				header = 1;
			}
			break;
		}
	}
	imap_message_finish(m, internal);
}

void
imap_message_finish(struct message *m, time_t internal)
{
	if (m->date == 0)
		m->date = internal;
	if (m->subject == NULL)
		m->subject = xstrdup("");
	/* The list draws these as they are: make them safe once, here. */
	imap_sanitize_field(&m->subject);
	imap_sanitize_field(&m->from);
	imap_sanitize_field(&m->to);
}

/*
 * The header fields the list shows.  Cheaper than ENVELOPE for Dovecot
 * and for libetpan, which then parses one literal instead of ten strings
 * (bench/open-time, "header fields").
 */
static struct mailimap_header_list *
imap_list_fields(void)
{
	static const char *const names[] = { "From", "To", "Subject", "Date",
		"Message-ID", "In-Reply-To", "References" };
	struct mailimap_header_list *hl;
	clist			    *list;
	size_t			     i;

	if ((list = clist_new()) == NULL)
		fatalx("out of memory");
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		clist_append(list, xstrdup(names[i]));
	if ((hl = mailimap_header_list_new(list)) == NULL)
		fatalx("out of memory");
	return (hl);
}

static struct mailimap_fetch_type *
imap_header_fetch_type(void)
{
	struct mailimap_fetch_type *ft;

	if ((ft = mailimap_fetch_type_new_fetch_att_list_empty()) == NULL)
		fatalx("out of memory");
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_flags());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_internaldate());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_rfc822_size());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_body_peek_section(
		mailimap_section_new_header_fields(imap_list_fields())));
	return (ft);
}

/* The rows of one answer, as they are read. */
struct imap_rows {
	struct message *m;
	size_t		n;
	size_t		size;
};

static struct message *
imap_rows_next(struct imap_rows *rows)
{
	if (rows->n == rows->size) {
		rows->size = rows->size == 0 ? 64 : rows->size * 2;
		rows->m = xreallocarray(rows->m, rows->size, sizeof *rows->m);
	}
	return (&rows->m[rows->n]);
}

/* The rows to cb, which owns them now. */
static void
imap_rows_give(struct imap_rows *rows, imap_headers_cb *cb, void *arg)
{
	if (rows->m == NULL)
		rows->m = xcalloc(1, sizeof *rows->m);
	cb(arg, rows->m, rows->n);
	memset(rows, 0, sizeof *rows);
}

static void
imap_rows_free(struct imap_rows *rows)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		message_clear(&rows->m[i]);
	free(rows->m);
	memset(rows, 0, sizeof *rows);
}

/* Rows from libetpan's FETCH results, which are freed at once. */
static void
imap_rows_add(struct imap *im, struct imap_rows *rows, clist *result)
{
	struct mailimap_msg_att *att;
	struct message		*m;
	clistiter		*it;

	for (it = clist_begin(result); it != NULL; it = clist_next(it)) {
		att = clist_content(it);
		m = imap_rows_next(rows);
		imap_message_from(att, m);
		if (m->uid == 0) {
			/* An unsolicited FETCH without UID. */
			message_clear(m);
			continue;
		}
		imap_sync_set(im, att->att_number, m->uid);
		rows->n++;
	}
	mailimap_fetch_list_free(result);
}

/* Turn one FETCH answer into rows for cb, and free it at once. */
void
imap_fetch_deliver(struct imap *im, clist *result, imap_headers_cb *cb,
    void *arg)
{
	struct imap_rows rows = { NULL, 0, 0 };

	imap_rows_add(im, &rows, result);
	imap_sync_collect(im);
	imap_rows_give(&rows, cb, arg);
}

/*
 * The rest of a response whose first line is in the session's buffer:
 * each literal that a line ends with, then the line after it.  The stream
 * has checked every byte, and refused a literal over its cap.
 */
static int
imap_read_literals(struct imap *im)
{
	mailstream *st = im->session->imap_stream;
	MMAPString *buf = im->session->imap_stream_buffer;
	size_t	    n, old, got;
	ssize_t	    r;

	while (imap_line_literal(buf->str, buf->len, &n)) {
		old = buf->len;
		if (mmap_string_set_size(buf, old + n) == NULL)
			fatalx("out of memory");
		for (got = 0; got < n; got += (size_t)r)
			if ((r = mailstream_read(st, buf->str + old + got,
				 n - got)) <= 0)
				return (MAILIMAP_ERROR_STREAM);
		if (mailstream_read_line_append(st, buf) == NULL)
			return (MAILIMAP_ERROR_STREAM);
	}
	return (MAILIMAP_NO_ERROR);
}

/*
 * Read one answer to a fill's UID FETCH.  Its FETCH responses are read
 * here (imap_fetch_parse), the rest by libetpan from the first response
 * that is not one: the tagged line, or whatever the server says unasked
 * in between (EXPUNGE, VANISHED, BYE...), with any FETCH after it.
 */
static int
imap_fetch_read(struct imap *im, struct imap_rows *rows, long *tag, int *state)
{
	static const struct imap_keep keep = { NULL, NULL, NULL };
	MMAPString		     *buf;
	struct message		     *m;
	uint32_t		      seq;
	int			      r;

	for (;;) {
		if (mailimap_read_line(im->session) == NULL)
			return (MAILIMAP_ERROR_STREAM);
		buf = im->session->imap_stream_buffer;
		if (!imap_fetch_is_fetch(buf->str, buf->len))
			break;
		if ((r = imap_read_literals(im)) != MAILIMAP_NO_ERROR)
			return (r);
		m = imap_rows_next(rows);
		if (imap_fetch_parse(buf->str, buf->len, &seq, m) != 0)
			return (MAILIMAP_ERROR_PARSE);
		if (m->uid == 0) {
			message_clear(m);
			continue;
		}
		imap_sync_set(im, seq, m->uid);
		rows->n++;
	}
	if ((r = imap_parse_any(im, &keep, tag, state)) != MAILIMAP_NO_ERROR)
		return (r);
	if (im->session->imap_response_info->rsp_fetch_list != NULL) {
		imap_rows_add(im, rows,
		    im->session->imap_response_info->rsp_fetch_list);
		im->session->imap_response_info->rsp_fetch_list = NULL;
	}
	return (MAILIMAP_NO_ERROR);
}

int
imap_fetch_headers_send(struct imap *im, struct mailimap_set *set, int by_uid)
{
	struct mailimap_fetch_type *ft;
	int			    r;

	ft = imap_header_fetch_type();
	r = mailimap_send_current_tag(im->session);
	if (r == MAILIMAP_NO_ERROR)
		r = by_uid ?
		    mailimap_uid_fetch_send(im->session->imap_stream, set, ft) :
		    mailimap_fetch_send(im->session->imap_stream, set, ft);
	if (r == MAILIMAP_NO_ERROR)
		r = mailimap_crlf_send(im->session->imap_stream);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	return (r);
}

/* Send one UID FETCH of the list headers; its tag in *tag. */
static int
imap_fetch_send(struct imap *im, const uint32_t *uids, size_t n, int *tag)
{
	int r;

	r = imap_fetch_headers_send(im, imap_uid_set(uids, n), 1);
	*tag = im->session->imap_tag;
	return (r);
}

/*
 * Read the answer to whichever UID FETCH in flight the server finishes
 * next (it may finish them in any order); its slot in tags is freed.  The
 * rows of the answer go to cb, whichever command asked for them.
 */
static int
imap_fetch_recv(struct imap *im, int *tags, imap_headers_cb *cb, void *arg,
    struct imap_error *err)
{
	struct imap_rows rows = { NULL, 0, 0 };
	long		 tag = 0;
	int		 r, state = 0;

	r = imap_fetch_read(im, &rows, &tag, &state);
	if (r == MAILIMAP_NO_ERROR &&
	    (tag == 0 || (tag != tags[0] && tag != tags[1])))
		r = MAILIMAP_ERROR_PARSE;
	if (r != MAILIMAP_NO_ERROR) {
		imap_rows_free(&rows);
		imap_sync_collect(im);
		return (imap_fail(im, r, "FETCH", err));
	}
	tags[tag == tags[0] ? 0 : 1] = 0;
	if (state != MAILIMAP_RESP_COND_STATE_OK) {
		imap_rows_free(&rows);
		imap_sync_collect(im);
		return (imap_fail(im, MAILIMAP_ERROR_FETCH, "FETCH", err));
	}
	imap_sync_collect(im);
	imap_rows_give(&rows, cb, arg);
	return (0);
}

int
imap_fetch_pipelined(struct imap *im, const uint32_t *uids, size_t n,
    size_t chunk, imap_headers_cb *cb, void *arg, struct imap_error *err)
{
	int    tags[2] = { 0, 0 };
	size_t sent = 0, k, pending = 0;

	if (im->session == NULL || im->selected == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE, "FETCH", err));
	/*
	 * Two commands in flight: the server writes the next chunk while
	 * this one is turned into rows and stored.
	 */
	while (sent < n || pending > 0) {
		while (sent < n && pending < 2) {
			k = n - sent < chunk ? n - sent : chunk;
			if (imap_fetch_send(im, uids + sent, k,
				&tags[tags[0] == 0 ? 0 : 1]) !=
			    MAILIMAP_NO_ERROR)
				return (imap_fail(im, MAILIMAP_ERROR_STREAM,
				    "FETCH", err));
			sent += k;
			pending++;
		}
		if (mailstream_flush(im->session->imap_stream) == -1)
			return (
			    imap_fail(im, MAILIMAP_ERROR_STREAM, "FETCH", err));
		if (imap_fetch_recv(im, tags, cb, arg, err) != 0) {
			/* Read the other answer too, or the session is lost. */
			if (pending > 1 && err->kind == IMAP_ERR_NO) {
				struct imap_error more = { 0 };

				imap_fetch_recv(im, tags, cb, arg, &more);
				imap_error_clear(&more);
			}
			return (-1);
		}
		pending--;
	}
	return (0);
}

int
imap_fetch_uids(struct imap *im, const uint32_t *uids, size_t n,
    imap_headers_cb *cb, void *arg, struct imap_error *err)
{
	return (imap_fetch_pipelined(im, uids, n, n > 0 ? n : 1, cb, arg, err));
}

int
imap_fetch_range(struct imap *im, uint32_t first, uint32_t last,
    imap_headers_cb *cb, void *arg, struct imap_error *err)
{
	struct mailimap_fetch_type *ft;
	struct mailimap_set	   *set;
	clist			   *result;
	uint32_t		    top, bottom;
	int			    r;

	ft = imap_header_fetch_type();
	/* Newest first, so the top of the list is on screen soonest. */
	for (top = last; top >= first && top > 0; top = bottom - 1) {
		bottom = top - first + 1 > IMAP_FETCH_CHUNK ?
		    top - IMAP_FETCH_CHUNK + 1 :
		    first;
		if ((set = mailimap_set_new_interval(bottom, top)) == NULL)
			fatalx("out of memory");
		result = NULL;
		r = mailimap_fetch(im->session, set, ft, &result);
		mailimap_set_free(set);
		if (r != MAILIMAP_NO_ERROR) {
			mailimap_fetch_type_free(ft);
			return (imap_fail(im, r, "FETCH", err));
		}
		imap_fetch_deliver(im, result, cb, arg);
		if (bottom == first)
			break;
	}
	mailimap_fetch_type_free(ft);
	return (0);
}

int
imap_fetch_newest(struct imap *im, uint32_t n, imap_headers_cb *cb, void *arg,
    struct imap_error *err)
{
	if (im->session == NULL || im->selected == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE, "FETCH", err));
	if (im->nseq == 0 || n == 0)
		return (0);
	if (n > im->nseq)
		n = (uint32_t)im->nseq;
	return (imap_fetch_range(im, (uint32_t)im->nseq - n + 1,
	    (uint32_t)im->nseq, cb, arg, err));
}

static int
imap_uid_fetch_one(struct imap *im, uint32_t uid,
    struct mailimap_fetch_type *ft, clist **result, struct imap_error *err)
{
	struct mailimap_set *set;
	int		     r;

	if ((set = mailimap_set_new_single(uid)) == NULL)
		fatalx("out of memory");
	*result = NULL;
	r = mailimap_uid_fetch(im->session, set, ft, result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "FETCH", err));
	imap_sync_collect(im);
	return (0);
}

/* The static item of a type in the answer for the given UID. */
static struct mailimap_msg_att_static *
imap_find_static(clist *result, uint32_t uid, int type)
{
	struct mailimap_msg_att	       *att;
	struct mailimap_msg_att_item   *item;
	struct mailimap_msg_att_static *st, *found;
	clistiter		       *it, *jt;
	uint32_t			got;

	for (it = clist_begin(result); it != NULL; it = clist_next(it)) {
		att = clist_content(it);
		got = 0;
		found = NULL;
		for (jt = clist_begin(att->att_list); jt != NULL;
		     jt = clist_next(jt)) {
			item = clist_content(jt);
			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
				continue;
			st = item->att_data.att_static;
			if (st->att_type == MAILIMAP_MSG_ATT_UID)
				got = st->att_data.att_uid;
			else if (st->att_type == type)
				found = st;
		}
		if (got == uid && found != NULL)
			return (found);
	}
	return (NULL);
}

static void
imap_body_envelope(struct mailimap_envelope *env, struct imap_body *body)
{
	body->date = env->env_date != NULL ? xstrdup(env->env_date) : NULL;
	body->subject = env->env_subject != NULL ?
	    imap_decode_header(env->env_subject) :
	    NULL;
	if (env->env_from != NULL)
		body->from = imap_addresses(env->env_from->frm_list, 1);
	if (env->env_to != NULL)
		body->to = imap_addresses(env->env_to->to_list, 1);
	if (env->env_cc != NULL)
		body->cc = imap_addresses(env->env_cc->cc_list, 1);
}

/*
 * UID FETCH (UID BODY.PEEK[sec]) of one message; *out gets a copy of the
 * bytes (NUL-terminated, and they may hold NULs), *len their number.
 * Takes sec.
 */
static int
imap_fetch_sec(struct imap *im, uint32_t uid, struct mailimap_section *sec,
    char **out, size_t *len, struct imap_error *err)
{
	struct mailimap_fetch_type	     *ft;
	struct mailimap_msg_att_static	     *st;
	struct mailimap_msg_att_body_section *bs;
	clist				     *result;

	*out = NULL;
	*len = 0;
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	if (sec == NULL || ft == NULL)
		fatalx("out of memory");
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_body_peek_section(sec));
	if (imap_uid_fetch_one(im, uid, ft, &result, err) != 0)
		return (-1);
	st = imap_find_static(result, uid, MAILIMAP_MSG_ATT_BODY_SECTION);
	if (st == NULL) {
		mailimap_fetch_list_free(result);
		imap_fail(im, MAILIMAP_ERROR_FETCH, "FETCH", err);
		free(err->text);
		err->text = xasprintf("the server sent no text for message %u",
		    uid);
		return (-1);
	}
	bs = st->att_data.att_body_section;
	*len = bs->sec_body_part != NULL ? bs->sec_length : 0;
	*out = xmalloc(*len + 1);
	if (*len > 0)
		memcpy(*out, bs->sec_body_part, *len);
	(*out)[*len] = '\0';
	mailimap_fetch_list_free(result);
	return (0);
}

int
imap_fetch_section(struct imap *im, uint32_t uid, const uint32_t *path,
    size_t depth, char **data, size_t *len, struct imap_error *err)
{
	clist	 *parts;
	uint32_t *id;
	size_t	  i;

	*data = NULL;
	*len = 0;
	if (im->session == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE, "FETCH", err));
	if ((parts = clist_new()) == NULL)
		fatalx("out of memory");
	for (i = 0; i < depth; i++) {
		id = xmalloc(sizeof *id);
		*id = path[i];
		clist_append(parts, id);
	}
	return (imap_fetch_sec(im, uid,
	    mailimap_section_new_part(mailimap_section_part_new(parts)), data,
	    len, err));
}

static int
imap_fetch_part(struct imap *im, uint32_t uid, const struct mime_text *mt,
    struct imap_body *body, struct imap_error *err)
{
	char  *data;
	size_t len;

	if (imap_fetch_section(im, uid, mt->path, mt->depth, &data, &len,
		err) != 0)
		return (-1);
	body->text = mime_decode(mt, data, len);
	free(data);
	return (0);
}

int
imap_fetch_source(struct imap *im, uint32_t uid, int whole, char **out,
    size_t *len, struct imap_error *err)
{
	*out = NULL;
	*len = 0;
	if (im->session == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE, "FETCH", err));
	log_debug("uid %u: fetching the %s", uid,
	    whole ? "whole message" : "header");
	return (imap_fetch_sec(im, uid,
	    whole ? mailimap_section_new(NULL) : mailimap_section_new_header(),
	    out, len, err));
}

int
imap_fetch_body(struct imap *im, uint32_t uid, struct imap_body *body,
    struct imap_error *err)
{
	struct mailimap_fetch_type     *ft;
	struct mailimap_msg_att_static *st;
	struct mime_text		mt;
	clist			       *result;
	int				rc;

	memset(body, 0, sizeof *body);
	if (im->session == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE, "FETCH", err));
	if ((ft = mailimap_fetch_type_new_fetch_att_list_empty()) == NULL)
		fatalx("out of memory");
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_envelope());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_bodystructure());
	if (imap_uid_fetch_one(im, uid, ft, &result, err) != 0)
		return (-1);
	if ((st = imap_find_static(result, uid, MAILIMAP_MSG_ATT_ENVELOPE)))
		imap_body_envelope(st->att_data.att_env, body);
	st = imap_find_static(result, uid, MAILIMAP_MSG_ATT_BODYSTRUCTURE);
	if (st != NULL)
		body->parts = mime_parts(st->att_data.att_body, &body->nparts);
	if (st == NULL) {
		mailimap_fetch_list_free(result);
		imap_body_clear(body);
		imap_fail(im, MAILIMAP_ERROR_FETCH, "FETCH", err);
		free(err->text);
		err->text = xasprintf("message %u is gone from the server",
		    uid);
		return (-1);
	}
	if (mime_find_text(st->att_data.att_body, &mt) != 0) {
		body->text = mime_describe(st->att_data.att_body);
		mailimap_fetch_list_free(result);
		return (0);
	}
	mailimap_fetch_list_free(result);
	log_debug("uid %u: fetching part of %u bytes", uid, mt.size);
	rc = imap_fetch_part(im, uid, &mt, body, err);
	body->html = mt.html;
	mime_text_clear(&mt);
	if (rc != 0)
		imap_body_clear(body);
	return (rc);
}

void
imap_body_clear(struct imap_body *body)
{
	FREE(&body->text);
	FREE(&body->from);
	FREE(&body->to);
	FREE(&body->cc);
	FREE(&body->date);
	FREE(&body->subject);
	mime_parts_free(body->parts, body->nparts);
	body->parts = NULL;
	body->nparts = 0;
}
