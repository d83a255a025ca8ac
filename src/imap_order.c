/*
 * imap_order.c owns asking the server for the order of the message list:
 * UID SORT (RFC 5256) when the server has it and the order is by date,
 * from, subject or size,
 * UID THREAD REFERENCES for threads, else UID SEARCH ALL, which is arrival
 * order.  Every answer names every message, so it also fills the
 * sequence-number map.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap_private.h"
#include "log.h"
#include "thread.h"
#include "xmalloc.h"

/*
 * libetpan 1.9.4 has no THREAD and no ESEARCH (RFC 4731): these
 * extensions take the "THREAD ..." and "ESEARCH ..." response data as
 * text, up to the end of its line, and thread.c or imap_search.c reads it
 * once the command is done (the order of the threads is the caller's).
 */
static int  imap_text_ext_parse_cb(int, mailstream *, MMAPString *,
     struct mailimap_parser_context *, size_t *,
     struct mailimap_extension_data **, size_t, progress_function *);
static void imap_thread_ext_free(struct mailimap_extension_data *);

static struct mailimap_extension_api imap_thread_ext = {
	"THREAD",
	-1,
	imap_text_ext_parse_cb,
	imap_thread_ext_free,
};

static struct mailimap_extension_api imap_esearch_ext = {
	"ESEARCH",
	-1,
	imap_text_ext_parse_cb,
	imap_thread_ext_free,
};

static pthread_once_t imap_thread_once = PTHREAD_ONCE_INIT;

static void
imap_thread_register(void)
{
	if (mailimap_extension_register(&imap_thread_ext) !=
		MAILIMAP_NO_ERROR ||
	    mailimap_extension_register(&imap_esearch_ext) != MAILIMAP_NO_ERROR)
		fatalx("out of memory");
}

void
imap_order_init(void)
{
	pthread_once(&imap_thread_once, imap_thread_register);
}

/* The response data NAME ...: the rest of its line, as text. */
static int
imap_text_ext_parse(struct mailimap_extension_api *api, int calling_parser,
    MMAPString *buffer, size_t *indx, struct mailimap_extension_data **result)
{
	const char *p, *eol;
	size_t	    left, nlen = strlen(api->ext_name);

	if (calling_parser != MAILIMAP_EXTENDED_PARSER_RESPONSE_DATA &&
	    calling_parser != MAILIMAP_EXTENDED_PARSER_MAILBOX_DATA)
		return (MAILIMAP_ERROR_PARSE);
	p = buffer->str + *indx;
	left = buffer->len - *indx;
	if (left < nlen || strncasecmp(p, api->ext_name, nlen) != 0 ||
	    (left > nlen && p[nlen] != ' ' && p[nlen] != '\r'))
		return (MAILIMAP_ERROR_PARSE);
	if ((eol = memchr(p, '\r', left)) == NULL)
		return (MAILIMAP_ERROR_PARSE);
	*result = mailimap_extension_data_new(api, 0,
	    xstrndup(p + nlen, (size_t)(eol - p) - nlen));
	if (*result == NULL)
		fatalx("out of memory");
	*indx += (size_t)(eol - p);
	return (MAILIMAP_NO_ERROR);
}

/* Both extensions: which one, the data's first word says. */
static int
imap_text_ext_parse_cb(int calling_parser, mailstream *fd, MMAPString *buffer,
    struct mailimap_parser_context *ctx, size_t *indx,
    struct mailimap_extension_data **result, size_t rate,
    progress_function *fun)
{
	(void)fd;
	(void)ctx;
	(void)rate;
	(void)fun;
	return (imap_text_ext_parse(buffer->len - *indx >= 7 &&
		    strncasecmp(buffer->str + *indx, "ESEARCH", 7) == 0 ?
		&imap_esearch_ext :
		&imap_thread_ext,
	    calling_parser, buffer, indx, result));
}

static void
imap_thread_ext_free(struct mailimap_extension_data *d)
{
	if (d == NULL)
		return;
	free(d->ext_data);
	free(d);
}

/* The i-th lowest UID is sequence number i + 1. */
static void
imap_order_seq(struct imap *im, const uint32_t *uids, size_t n)
{
	uint32_t *asc;
	size_t	  i;

	asc = xreallocarray(NULL, n + 1, sizeof *asc);
	memcpy(asc, uids, n * sizeof *asc);
	qsort(asc, n, sizeof *asc, sort_uid_asc);
	if (n != im->nseq)
		imap_sync_reset(im, (uint32_t)n);
	for (i = 0; i < n; i++)
		imap_sync_set(im, (uint32_t)i + 1, asc[i]);
	free(asc);
}

static int
imap_order_sort(struct imap *im, const struct sort_order *so, uint32_t **out,
    size_t *nout, struct imap_error *err)
{
	struct mailimap_sort_key   *key;
	struct mailimap_search_key *all;
	clist			   *result = NULL;
	int			    r;

	switch (so->key) {
	case SORT_FROM:
		key = mailimap_sort_key_new_from(so->reverse);
		break;
	case SORT_SUBJECT:
		key = mailimap_sort_key_new_subject(so->reverse);
		break;
	case SORT_SIZE:
		key = mailimap_sort_key_new_size(so->reverse);
		break;
	default:
		/* tern's "date" is newest first: the server's REVERSE DATE. */
		key = mailimap_sort_key_new_date(!so->reverse);
		break;
	}
	if (key == NULL || (all = mailimap_search_key_new_all()) == NULL)
		fatalx("out of memory");
	r = mailimap_uid_sort(im->session, "UTF-8", key, all, &result);
	mailimap_sort_key_free(key);
	mailimap_search_key_free(all);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "SORT", err));
	imap_uid_array(result, out, nout);
	mailimap_sort_result_free(result);
	return (0);
}

/* The text of the first answer of api's, taken from the session's. */
static char *
imap_text_take(struct imap *im, struct mailimap_extension_api *api)
{
	struct mailimap_extension_data *ext;
	clistiter		       *it;
	clist			       *l;
	char			       *text = NULL;

	l = im->session->imap_response_info != NULL ?
	    im->session->imap_response_info->rsp_extension_list :
	    NULL;
	for (it = clist_begin(l); it != NULL;) {
		ext = clist_content(it);
		if (ext->ext_extension != api) {
			it = clist_next(it);
			continue;
		}
		if (text == NULL) {
			text = ext->ext_data; /* one answer: the first */
			ext->ext_data = NULL;
		}
		imap_thread_ext_free(ext);
		it = clist_delete(l, it);
	}
	return (text);
}

char *
imap_thread_take(struct imap *im)
{
	return (imap_text_take(im, &imap_thread_ext));
}

char *
imap_esearch_take(struct imap *im)
{
	return (imap_text_take(im, &imap_esearch_ext));
}

static int
imap_order_thread(struct imap *im, const struct sort_order *so,
    struct thread_order *to, struct imap_error *err)
{
	static const char cmd[] = "UID THREAD REFERENCES UTF-8 ALL\r\n";
	char		 *text;
	int		  r, state = MAILIMAP_RESP_COND_STATE_OK;

	r = imap_send_line(im, cmd, sizeof cmd - 1);
	if (r == MAILIMAP_NO_ERROR)
		r = imap_read_answer(im, &state);
	text = r == MAILIMAP_NO_ERROR ? imap_thread_take(im) : NULL;
	imap_sync_collect(im);
	if (r == MAILIMAP_NO_ERROR && state != MAILIMAP_RESP_COND_STATE_OK)
		r = MAILIMAP_ERROR_EXTENSION;
	if (r != MAILIMAP_NO_ERROR) {
		free(text);
		return (imap_fail(im, r, "THREAD", err));
	}
	r = thread_parse(text != NULL ? text : "",
	    text != NULL ? strlen(text) : 0, so->reverse, to);
	free(text);
	if (r != 0)
		/* libetpan read it as THREAD data: no stream error to report. */
		return (imap_fail(im, MAILIMAP_ERROR_PARSE, "THREAD", err));
	return (0);
}

int
imap_order(struct imap *im, const struct sort_order *so, uint32_t **out,
    size_t *nout, uint32_t **tree, int *sorted, struct imap_error *err)
{
	struct mailimap_search_key *key;
	struct thread_order	    to;
	const char		   *how = "SEARCH";

	*out = NULL;
	*nout = 0;
	*sorted = 1;
	if (tree != NULL)
		*tree = NULL;
	if (im->session == NULL || im->selected == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE,
		    "no folder selected", err));
	if (so->key != SORT_ARRIVAL && so->key != SORT_THREAD &&
	    imap_has_capability(im, "SORT")) {
		if (imap_order_sort(im, so, out, nout, err) != 0)
			return (-1);
		how = "SORT";
	} else if (so->key == SORT_THREAD &&
	    imap_has_capability(im, "THREAD=REFERENCES")) {
		if (imap_order_thread(im, so, &to, err) != 0)
			return (-1);
		*out = to.uids;
		*nout = to.n;
		if (tree != NULL)
			*tree = to.tree;
		else
			free(to.tree);
		how = "THREAD";
	} else {
		if ((key = mailimap_search_key_new_all()) == NULL)
			fatalx("out of memory");
		if (imap_search_run(im, key, out, nout, err) != 0)
			return (-1);
		sort_uids_arrival(*out, *nout, so->reverse);
		/* Threads without THREAD: arrival order, flat. */
		*sorted = so->key == SORT_ARRIVAL || so->key == SORT_THREAD;
	}
	imap_order_seq(im, *out, *nout);
	log_debug("%s: order of %zu messages from %s", im->selected, *nout,
	    how);
	return (0);
}
