/*
 * imap_order.c owns asking the server for the order of the message list:
 * UID SORT (RFC 5256) when the server has it and the order is by date,
 * else UID SEARCH ALL, which is arrival order.  Either answer names every
 * message, so it also fills the sequence-number map.
 */
#include <stdlib.h>
#include <string.h>

#include "imap_private.h"
#include "log.h"
#include "xmalloc.h"

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

	/* tern's "date" is newest first: the server's REVERSE DATE. */
	key = mailimap_sort_key_new_date(!so->reverse);
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

int
imap_order(struct imap *im, const struct sort_order *so, uint32_t **out,
    size_t *nout, int *sorted, struct imap_error *err)
{
	struct mailimap_search_key *key;
	uint32_t		    t;
	size_t			    i;

	*out = NULL;
	*nout = 0;
	*sorted = 1;
	if (im->session == NULL || im->selected == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE,
		    "no folder selected", err));
	if (so->key == SORT_DATE && imap_has_capability(im, "SORT")) {
		if (imap_order_sort(im, so, out, nout, err) != 0)
			return (-1);
	} else {
		if ((key = mailimap_search_key_new_all()) == NULL)
			fatalx("out of memory");
		if (imap_search_run(im, key, out, nout, err) != 0)
			return (-1);
		/* Lowest UID first; tern shows the newest on top. */
		qsort(*out, *nout, sizeof **out, sort_uid_asc);
		for (i = 0; !so->reverse && i < *nout / 2; i++) {
			t = (*out)[i];
			(*out)[i] = (*out)[*nout - 1 - i];
			(*out)[*nout - 1 - i] = t;
		}
		*sorted = so->key == SORT_ARRIVAL;
	}
	imap_order_seq(im, *out, *nout);
	log_debug("%s: order of %zu messages from %s", im->selected, *nout,
	    so->key == SORT_DATE && *sorted ? "SORT" : "SEARCH");
	return (0);
}
