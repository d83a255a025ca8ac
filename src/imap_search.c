/*
 * imap_search.c owns UID SEARCH used to check before doing: which of some
 * UIDs are still in the selected folder, and whether a message with a
 * given Message-ID is.  Replaying a change after a crash or a lost
 * connection asks these so that it never does a move or a copy twice.
 */
#include <stdlib.h>
#include <string.h>

#include "imap_private.h"
#include "log.h"
#include "xmalloc.h"

int
imap_search_run(struct imap *im, struct mailimap_search_key *key,
    uint32_t **out, size_t *nout, struct imap_error *err)
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
	r = mailimap_uid_search(im->session, NULL, key, &result);
	mailimap_search_key_free(key);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "SEARCH", err));
	imap_uid_array(result, out, nout);
	mailimap_search_result_free(result);
	return (0);
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
