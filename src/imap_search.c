/*
 * imap_search.c owns UID SEARCH: the user's search (a query.c tree put on
 * the wire), and the searches used to check before doing: which of some
 * UIDs are still in the selected folder, and whether a message with a
 * given Message-ID is.  Replaying a change after a crash or a lost
 * connection asks these so that it never does a move or a copy twice.
 * libetpan writes each string of the user's as one IMAP string (an atom,
 * a quoted string with its escapes, or with LITERAL+ a literal where one
 * is needed), and query.c has refused CR, LF and NUL, so a string cannot
 * end the command and start another.
 */
#include <stdlib.h>
#include <string.h>

#include "imap_private.h"
#include "log.h"
#include "query.h"
#include "xmalloc.h"

/*
 * The UIDs of an ESEARCH answer's "UID ALL 4:7,9" (RFC 4731): none if it
 * has no ALL.  A range may not name more UIDs than the folder has
 * messages: a hostile answer cannot make tern allocate gigabytes.  -1
 * if the text is not such an answer.
 */
int
imap_esearch_uids(const char *text, size_t max, uint32_t **out, size_t *nout)
{
	const char	  *p;
	char		  *end;
	unsigned long long lo, hi, v;
	size_t		   cap = 0;

	*out = NULL;
	*nout = 0;
	if ((p = strstr(text, " ALL ")) == NULL)
		return (strstr(text, " ALL") == NULL ? 0 : -1);
	for (p += 5;; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		lo = hi = strtoull(p, &end, 10);
		if (*end == ':') {
			if (end[1] < '0' || end[1] > '9')
				goto bad;
			hi = strtoull(end + 1, &end, 10);
		}
		if (lo > hi) {
			v = lo;
			lo = hi;
			hi = v;
		}
		if (lo == 0 || hi > UINT32_MAX || hi - lo >= max ||
		    *nout + (hi - lo) >= max)
			goto bad;
		for (v = lo; v <= hi; v++) {
			if (*nout == cap) {
				cap = cap == 0 ? 64 : cap * 2;
				*out = xreallocarray(*out, cap, sizeof **out);
			}
			(*out)[(*nout)++] = (uint32_t)v;
		}
		p = end;
		if (*p != ',')
			break;
	}
	if (*p == '\0' || *p == ' ')
		return (0);
bad:
	FREE(out);
	*nout = 0;
	return (-1);
}

/*
 * UID SEARCH RETURN (ALL): the server answers with ranges instead of
 * every UID.  Written here, since libetpan 1.9.4 has no ESEARCH; only
 * with LITERAL+, so that a literal in the keys needs no round trip.
 */
static int
imap_esearch_send(struct imap *im, const char *charset,
    struct mailimap_search_key *key, uint32_t **out, size_t *nout)
{
	static const struct imap_keep keep = { NULL, NULL, NULL };
	mailstream		     *st = im->session->imap_stream;
	char			     *text;
	size_t			      max;
	long			      tag;
	int			      r, state = MAILIMAP_RESP_COND_STATE_OK;

	r = mailimap_send_current_tag(im->session);
	if (r == MAILIMAP_NO_ERROR)
		r = mailimap_token_send(st, "UID SEARCH RETURN (ALL) ");
	if (r == MAILIMAP_NO_ERROR && charset != NULL) {
		r = mailimap_token_send(st, "CHARSET ");
		if (r == MAILIMAP_NO_ERROR)
			r = mailimap_token_send(st, charset);
		if (r == MAILIMAP_NO_ERROR)
			r = mailimap_space_send(st);
	}
	if (r == MAILIMAP_NO_ERROR)
		r = mailimap_search_key_literalplus_send(st, key);
	if (r == MAILIMAP_NO_ERROR)
		r = mailimap_crlf_send(st);
	if (r == MAILIMAP_NO_ERROR && mailstream_flush(st) == -1)
		r = MAILIMAP_ERROR_STREAM;
	if (r == MAILIMAP_NO_ERROR)
		r = imap_read_any(im, &keep, &tag, &state);
	imap_sync_collect(im);
	if (r == MAILIMAP_NO_ERROR && tag != im->session->imap_tag)
		r = MAILIMAP_ERROR_PARSE;
	if (r == MAILIMAP_NO_ERROR && state != MAILIMAP_RESP_COND_STATE_OK)
		r = MAILIMAP_ERROR_SEARCH;
	text = r == MAILIMAP_NO_ERROR ? imap_esearch_take(im) : NULL;
	/* At most every message of the folder is found. */
	max = im->nseq;
	if (im->session->imap_selection_info != NULL &&
	    im->session->imap_selection_info->sel_exists > max)
		max = im->session->imap_selection_info->sel_exists;
	/* No ESEARCH data at all is an answer with nothing found. */
	if (text != NULL && imap_esearch_uids(text, max + 1, out, nout) != 0) {
		log_debug("bad ESEARCH answer");
		r = MAILIMAP_ERROR_PARSE;
	} else if (r == MAILIMAP_NO_ERROR)
		log_debug("%s: %zu found by ESEARCH", im->selected, *nout);
	free(text);
	return (r);
}

static int
imap_search_send(struct imap *im, const char *charset,
    struct mailimap_search_key *key, uint32_t **out, size_t *nout,
    struct imap_error *err)
{
	clist *result = NULL;
	int    r;

	*out = NULL;
	*nout = 0;
	if (im->session == NULL || im->selected == NULL) {
		mailimap_search_key_free(key);
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE,
		    "no folder selected", err));
	}
	/*
	 * Without LITERAL+, 8-bit text goes quoted, which RFC 3501 does
	 * not allow: a strict server refuses the search and says so.
	 */
	if (imap_has_capability(im, "ESEARCH") &&
	    imap_has_capability(im, "LITERAL+")) {
		r = imap_esearch_send(im, charset, key, out, nout);
		mailimap_search_key_free(key);
		return (r != MAILIMAP_NO_ERROR ?
			imap_fail(im, r, "SEARCH", err) :
			0);
	}
	if (imap_has_capability(im, "LITERAL+"))
		r = mailimap_uid_search_literalplus(im->session, charset, key,
		    &result);
	else
		r = mailimap_uid_search(im->session, charset, key, &result);
	mailimap_search_key_free(key);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "SEARCH", err));
	imap_uid_array(result, out, nout);
	mailimap_search_result_free(result);
	return (0);
}

int
imap_search_run(struct imap *im, struct mailimap_search_key *key,
    uint32_t **out, size_t *nout, struct imap_error *err)
{
	return (imap_search_send(im, NULL, key, out, nout, err));
}

/* A key with no argument (SEEN, FLAGGED, ...). */
static struct mailimap_search_key *
imap_search_flag_key(int type)
{
	struct mailimap_search_key *key;

	/* ALL has no argument either: the same struct, another type. */
	if ((key = mailimap_search_key_new_all()) == NULL)
		fatalx("out of memory");
	key->sk_type = type;
	return (key);
}

static struct mailimap_date *
imap_search_date(const struct query *q)
{
	struct mailimap_date *d;

	if ((d = mailimap_date_new(q->day, q->month, q->year)) == NULL)
		fatalx("out of memory");
	return (d);
}

/* A query.c tree as libetpan's keys (the strings are copied). */
static struct mailimap_search_key *
imap_search_key(const struct query *q)
{
	struct mailimap_search_key *key = NULL, *k;
	const struct query	   *c;

	switch (q->kind) {
	case QK_AND:
		if ((key = mailimap_search_key_new_multiple_empty()) == NULL)
			fatalx("out of memory");
		for (c = q->a; c != NULL; c = c->next) {
			k = imap_search_key(c);
			if (mailimap_search_key_multiple_add(key, k) !=
			    MAILIMAP_NO_ERROR)
				fatalx("out of memory");
		}
		return (key);
	case QK_OR:
		key = mailimap_search_key_new_or(imap_search_key(q->a),
		    imap_search_key(q->b));
		break;
	case QK_NOT:
		key = mailimap_search_key_new_not(imap_search_key(q->a));
		break;
	case QK_FROM:
		key = mailimap_search_key_new_from(xstrdup(q->str));
		break;
	case QK_TO:
		key = mailimap_search_key_new_to(xstrdup(q->str));
		break;
	case QK_CC:
		key = mailimap_search_key_new_cc(xstrdup(q->str));
		break;
	case QK_BCC:
		key = mailimap_search_key_new_bcc(xstrdup(q->str));
		break;
	case QK_SUBJECT:
		key = mailimap_search_key_new_subject(xstrdup(q->str));
		break;
	case QK_BODY:
		key = mailimap_search_key_new_body(xstrdup(q->str));
		break;
	case QK_TEXT:
		key = mailimap_search_key_new_text(xstrdup(q->str));
		break;
	case QK_SEEN:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_SEEN));
	case QK_UNSEEN:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_UNSEEN));
	case QK_FLAGGED:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_FLAGGED));
	case QK_UNFLAGGED:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_UNFLAGGED));
	case QK_DELETED:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_DELETED));
	case QK_UNDELETED:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_UNDELETED));
	case QK_ANSWERED:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_ANSWERED));
	case QK_UNANSWERED:
		return (imap_search_flag_key(MAILIMAP_SEARCH_KEY_UNANSWERED));
	case QK_SINCE:
		key = mailimap_search_key_new_since(imap_search_date(q));
		break;
	case QK_BEFORE:
		key = mailimap_search_key_new_before(imap_search_date(q));
		break;
	case QK_ON:
		key = mailimap_search_key_new_on(imap_search_date(q));
		break;
	case QK_LARGER:
		key = mailimap_search_key_new_larger(q->num);
		break;
	case QK_SMALLER:
		key = mailimap_search_key_new_smaller(q->num);
		break;
	}
	if (key == NULL)
		fatalx("out of memory");
	return (key);
}

int
imap_search_query(struct imap *im, const struct query *q, uint32_t **out,
    size_t *nout, struct imap_error *err)
{
	return (imap_search_send(im, query_needs_charset(q) ? "UTF-8" : NULL,
	    imap_search_key(q), out, nout, err));
}

void
imap_uid_array(clist *list, uint32_t **out, size_t *nout)
{
	clistiter *it;

	*out = xreallocarray(NULL, (size_t)clist_count(list) + 1, sizeof **out);
	*nout = 0;
	for (it = clist_begin(list); it != NULL; it = clist_next(it))
		(*out)[(*nout)++] = *(uint32_t *)clist_content(it);
}

int
imap_search_uids(struct imap *im, const uint32_t *uids, size_t n,
    uint32_t **present, size_t *npresent, struct imap_error *err)
{
	struct mailimap_search_key *key;

	if ((key = mailimap_search_key_new_uid(imap_uid_set(uids, n))) == NULL)
		fatalx("out of memory");
	return (imap_search_run(im, key, present, npresent, err));
}

int
imap_search_message_id(struct imap *im, const char *id, uint32_t *uid,
    struct imap_error *err)
{
	struct mailimap_search_key *key;
	uint32_t		   *found;
	size_t			    n;
	char			   *name, *value;

	*uid = 0;
	if (imap_check_string(id, err) != 0)
		return (-1);
	name = xstrdup("Message-ID");
	value = xstrdup(id);
	if ((key = mailimap_search_key_new_header(name, value)) == NULL)
		fatalx("out of memory");
	if (imap_search_run(im, key, &found, &n, err) != 0)
		return (-1);
	/* Servers match a substring: the ID is whole, so any will do. */
	if (n > 0)
		*uid = found[0];
	free(found);
	return (0);
}
