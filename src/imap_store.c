/*
 * imap_store.c owns the commands that change the server: UID STORE, UID
 * COPY, UID MOVE and expunging.  It must never send a bare EXPUNGE that
 * could remove messages the user did not mark: without UIDPLUS it first
 * checks that the server's \Deleted set is exactly the one asked for.
 */
#include <stdlib.h>
#include <string.h>

#include "imap_private.h"
#include "log.h"
#include "xmalloc.h"

struct mailimap_flag_list *
imap_flags_to_list(uint32_t flags)
{
	struct mailimap_flag_list *fl;

	if ((fl = mailimap_flag_list_new_empty()) == NULL)
		fatalx("out of memory");
	if (flags & MSG_SEEN)
		mailimap_flag_list_add(fl, mailimap_flag_new_seen());
	if (flags & MSG_ANSWERED)
		mailimap_flag_list_add(fl, mailimap_flag_new_answered());
	if (flags & MSG_FLAGGED)
		mailimap_flag_list_add(fl, mailimap_flag_new_flagged());
	if (flags & MSG_DELETED)
		mailimap_flag_list_add(fl, mailimap_flag_new_deleted());
	if (flags & MSG_DRAFT)
		mailimap_flag_list_add(fl, mailimap_flag_new_draft());
	return (fl);
}

static int
imap_store_one(struct imap *im, const uint32_t *uids, size_t n, uint32_t flags,
    int add, struct imap_error *err)
{
	struct mailimap_store_att_flags *sa;
	struct mailimap_set		*set;
	int				 r;

	if (add)
		sa = mailimap_store_att_flags_new_add_flags_silent(
		    imap_flags_to_list(flags));
	else
		sa = mailimap_store_att_flags_new_remove_flags_silent(
		    imap_flags_to_list(flags));
	if (sa == NULL)
		fatalx("out of memory");
	set = imap_uid_set(uids, n);
	r = mailimap_uid_store(im->session, set, sa);
	mailimap_set_free(set);
	mailimap_store_att_flags_free(sa);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "STORE", err));
	return (0);
}

static int
imap_need_selected(struct imap *im, struct imap_error *err)
{
	if (im->session == NULL || im->selected == NULL)
		return (imap_fail(im, MAILIMAP_ERROR_BAD_STATE,
		    "no folder "
		    "selected",
		    err));
	return (0);
}

int
imap_store(struct imap *im, const uint32_t *uids, size_t n, uint32_t add,
    uint32_t remove, struct imap_error *err)
{
	if (imap_need_selected(im, err) != 0)
		return (-1);
	if (add != 0 && imap_store_one(im, uids, n, add, 1, err) != 0)
		return (-1);
	if (remove != 0 && imap_store_one(im, uids, n, remove, 0, err) != 0)
		return (-1);
	return (0);
}

/* UID COPY or UID MOVE (same arguments in libetpan) to target. */
static int
imap_transfer(struct imap *im, const uint32_t *uids, size_t n,
    const char *target,
    int (*cmd)(mailimap *, struct mailimap_set *, const char *),
    const char *name, struct imap_error *err)
{
	struct mailimap_set *set;
	int		     r;

	if (imap_need_selected(im, err) != 0 ||
	    imap_check_string(target, err) != 0)
		return (-1);
	set = imap_uid_set(uids, n);
	r = cmd(im->session, set, target);
	mailimap_set_free(set);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, name, err));
	return (0);
}

int
imap_copy(struct imap *im, const uint32_t *uids, size_t n, const char *target,
    struct imap_error *err)
{
	return (
	    imap_transfer(im, uids, n, target, mailimap_uid_copy, "COPY", err));
}

/* Whether the UIDs marked \Deleted on the server are exactly these. */
static int
imap_deleted_set_is(struct imap *im, const uint32_t *uids, size_t n,
    struct imap_error *err)
{
	struct mailimap_search_key *key;
	uint32_t		   *found;
	size_t			    nfound, i, j;
	int			    same;

	key = mailimap_search_key_new(MAILIMAP_SEARCH_KEY_DELETED, NULL, NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	    NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL);
	if (key == NULL)
		fatalx("out of memory");
	if (imap_search_run(im, key, &found, &nfound, err) != 0)
		return (-1);
	same = nfound == n;
	for (i = 0; i < nfound && same; i++) {
		for (j = 0; j < n && uids[j] != found[i]; j++)
			;
		same = j < n;
	}
	free(found);
	return (same);
}

int
imap_expunge(struct imap *im, const uint32_t *uids, size_t n,
    struct imap_error *err)
{
	struct mailimap_set *set;
	int		     r;

	if (imap_need_selected(im, err) != 0)
		return (-1);
	if (imap_has_capability(im, "UIDPLUS")) {
		set = imap_uid_set(uids, n);
		r = mailimap_uid_expunge(im->session, set);
		mailimap_set_free(set);
		imap_sync_collect(im);
		if (r != MAILIMAP_NO_ERROR)
			return (imap_fail(im, r, "UID EXPUNGE", err));
		return (0);
	}
	switch (imap_deleted_set_is(im, uids, n, err)) {
	case -1:
		return (-1);
	case 0:
		imap_error_clear(err);
		err->kind = IMAP_ERR_NO;
		err->text = xstrdup(
		    "the server has no UIDPLUS and other "
		    "messages in this folder are marked deleted: not "
		    "expunging them");
		return (-1);
	}
	r = mailimap_expunge(im->session);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "EXPUNGE", err));
	return (0);
}

int
imap_move(struct imap *im, const uint32_t *uids, size_t n, const char *target,
    struct imap_error *err)
{
	if (imap_has_capability(im, "MOVE"))
		return (imap_transfer(im, uids, n, target, mailimap_uid_move,
		    "MOVE", err));
	/* RFC 6851's fallback, expunging only what was copied. */
	if (imap_copy(im, uids, n, target, err) != 0)
		return (-1);
	if (imap_store(im, uids, n, MSG_DELETED, 0, err) != 0)
		return (-1);
	if (!imap_has_capability(im, "UIDPLUS")) {
		log_debug("no UIDPLUS: moved messages left marked deleted");
		return (0);
	}
	return (imap_expunge(im, uids, n, err));
}
