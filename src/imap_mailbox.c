/*
 * imap_mailbox.c: changes to the folders themselves (CREATE, RENAME,
 * DELETE, SUBSCRIBE, UNSUBSCRIBE), the subscriptions (LSUB), the
 * personal namespace and the quota (RFC 9208, 2087).  Names come in and go out as the server spells them
 * (modified UTF-7, its delimiter); turning what the user typed into that
 * is folders.c's.  It never sends a name with a line break or a NUL in it.
 */
#include <stdlib.h>
#include <string.h>

#include "imap_private.h"
#include "log.h"
#include "xmalloc.h"

static int
imap_mailbox_ready(struct imap *im, const char *wire, struct imap_error *err)
{
	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	if (wire == NULL || *wire == '\0')
		return (imap_error(err, IMAP_ERR_NO,
		    xstrdup("a folder needs a name")));
	return (imap_check_string(wire, err));
}

int
imap_mailbox_change(struct imap *im, enum imap_mailbox_op op, const char *wire,
    const char *to, struct imap_error *err)
{
	const char *what = "";
	int	    r = MAILIMAP_NO_ERROR;

	if (imap_mailbox_ready(im, wire, err) != 0)
		return (-1);
	if (op == IMAP_MAILBOX_RENAME && imap_mailbox_ready(im, to, err) != 0)
		return (-1);
	switch (op) {
	case IMAP_MAILBOX_CREATE:
		what = "CREATE";
		r = mailimap_create(im->session, wire);
		break;
	case IMAP_MAILBOX_RENAME:
		what = "RENAME";
		r = mailimap_rename(im->session, wire, to);
		break;
	case IMAP_MAILBOX_DELETE:
		what = "DELETE";
		r = mailimap_delete(im->session, wire);
		break;
	case IMAP_MAILBOX_SUBSCRIBE:
		what = "SUBSCRIBE";
		r = mailimap_subscribe(im->session, wire);
		break;
	case IMAP_MAILBOX_UNSUBSCRIBE:
		what = "UNSUBSCRIBE";
		r = mailimap_unsubscribe(im->session, wire);
		break;
	}
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, what, err));
	log_debug("%s %s: done", what, wire);
	return (0);
}

int
imap_lsub(struct imap *im, char ***out, size_t *n, struct imap_error *err)
{
	struct mailimap_mailbox_list *mb;
	clist			     *list = NULL;
	clistiter		     *it;
	int			      r;

	*out = NULL;
	*n = 0;
	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	r = mailimap_lsub(im->session, "", "*", &list);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "LSUB", err));
	for (it = clist_begin(list); it != NULL; it = clist_next(it)) {
		mb = clist_content(it);
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrdup(mb->mb_name);
	}
	mailimap_list_result_free(list);
	return (0);
}

int
imap_personal_namespace(struct imap *im, char **prefix, char *delim)
{
	struct mailimap_namespace_data *ns = NULL;
	struct mailimap_namespace_info *info;
	clistiter		       *it;
	int				r;

	*prefix = NULL;
	*delim = '\0';
	if (im->session == NULL || !imap_has_capability(im, "NAMESPACE"))
		return (-1);
	r = mailimap_namespace(im->session, &ns);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (-1);
	if (ns->ns_personal != NULL &&
	    (it = clist_begin(ns->ns_personal->ns_data_list)) != NULL) {
		info = clist_content(it);
		/* The name of a new top-level folder starts with it. */
		if (strpbrk(info->ns_prefix, "\r\n") == NULL) {
			*prefix = xstrdup(info->ns_prefix);
			*delim = info->ns_delimiter;
		}
	}
	mailimap_namespace_data_free(ns);
	return (*prefix != NULL ? 0 : -1);
}

int
imap_quota(struct imap *im, char **resource, uint32_t *usage, uint32_t *limit,
    struct imap_error *err)
{
	struct mailimap_quota_complete_data  *q = NULL;
	struct mailimap_quota_quota_data     *root;
	struct mailimap_quota_quota_resource *res;
	clistiter			     *it, *jt;
	int				      r;

	*resource = NULL;
	*usage = *limit = 0;
	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	r = mailimap_quota_getquotaroot(im->session, "INBOX", &q);
	imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "GETQUOTAROOT", err));
	/* Of every resource of every root, the one nearest its limit. */
	for (it = clist_begin(q->quota_list); it != NULL; it = clist_next(it)) {
		root = clist_content(it);
		for (jt = clist_begin(root->quota_list); jt != NULL;
		     jt = clist_next(jt)) {
			res = clist_content(jt);
			if (res->limit == 0 ||
			    (*limit != 0 &&
				(uint64_t)res->usage * *limit <=
				    (uint64_t)*usage * res->limit))
				continue;
			free(*resource);
			*resource = xstrdup(res->resource_name);
			*usage = res->usage;
			*limit = res->limit;
		}
	}
	mailimap_quota_complete_data_free(q);
	return (0);
}
