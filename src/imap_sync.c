/*
 * imap_sync.c owns keeping the selected folder in step with the server
 * between commands: the sequence-number-to-UID map, turning unsolicited
 * EXPUNGE, FETCH and EXISTS responses into changes by UID, and IDLE and
 * NOOP.  It must never lose a response: libetpan keeps them only until the
 * next command, so every command in the selected state collects them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imap_private.h"
#include "log.h"
#include "stream.h"
#include "xmalloc.h"

/* Up to this many EXPUNGEs at once, a memmove each costs less. */
#define IMAP_SYNC_FEW_EXPUNGES 16

void
imap_sync_reset(struct imap *im, uint32_t exists)
{
	free(im->seq);
	im->seq = exists > 0 ? xcalloc(exists, sizeof *im->seq) : NULL;
	im->nseq = exists;
	imap_changes_clear(&im->changes);
}

void
imap_sync_set(struct imap *im, uint32_t seq, uint32_t uid)
{
	if (seq >= 1 && seq <= im->nseq)
		im->seq[seq - 1] = uid;
}

static void
imap_sync_expunge(struct imap *im, uint32_t seq)
{
	struct imap_changes *c = &im->changes;
	uint32_t	     uid;

	if (seq < 1 || seq > im->nseq)
		return;
	uid = im->seq[seq - 1];
	memmove(im->seq + seq - 1, im->seq + seq,
	    (im->nseq - seq) * sizeof *im->seq);
	im->nseq--;
	if (uid == 0)
		return;
	c->expunged = xreallocarray(c->expunged, c->nexpunged + 1,
	    sizeof *c->expunged);
	c->expunged[c->nexpunged++] = uid;
}

/*
 * Many EXPUNGEs at once (a folder emptied by another client): one memmove
 * each would be quadratic, 100,000 of a folder of 100,000 moving 20 GB.
 * A Fenwick tree over the numbers still present finds each message in
 * O(log n), and the map is compacted once.  The EXPUNGEs are valid
 * (imap_sync_expunges_ok), so each finds its message.
 */
static void
imap_sync_expunge_many(struct imap *im, clist *expunged)
{
	struct imap_changes *c = &im->changes;
	clistiter	    *it;
	uint32_t	    *tree, seq, uid;
	uint8_t		    *gone;
	size_t		     n = im->nseq, i, j, pos, step, top;

	tree = xcalloc(n + 1, sizeof *tree);
	gone = xcalloc(n + 1, 1);
	/* All present: node i counts the lowbit(i) numbers it covers. */
	for (i = 1; i <= n; i++)
		tree[i] = (uint32_t)(i & -i);
	for (top = 1; top * 2 <= n; top *= 2)
		;
	c->expunged = xreallocarray(c->expunged,
	    c->nexpunged + (size_t)clist_count(expunged) + 1,
	    sizeof *c->expunged);
	for (it = clist_begin(expunged); it != NULL; it = clist_next(it)) {
		seq = *(uint32_t *)clist_content(it);
		/* The seq-th number still present, by binary lifting. */
		pos = 0;
		for (step = top; step > 0; step /= 2)
			if (pos + step <= n && tree[pos + step] < seq) {
				pos += step;
				seq -= tree[pos];
			}
		pos++;
		gone[pos] = 1;
		for (i = pos; i <= n; i += i & -i)
			tree[i]--;
		if ((uid = im->seq[pos - 1]) != 0)
			c->expunged[c->nexpunged++] = uid;
	}
	for (i = j = 0; i < n; i++)
		if (!gone[i + 1])
			im->seq[j++] = im->seq[i];
	im->nseq = j;
	free(gone);
	free(tree);
}

/*
 * VANISHED (RFC 7162) names UIDs, as ranges a server may make as wide as
 * it likes: walk the number map, not the ranges.
 */
static void
imap_sync_vanished(struct imap *im, struct mailimap_qresync_vanished *v)
{
	struct mailimap_set_item *item;
	clistiter		 *it;
	uint32_t		  first, last;
	size_t			  seq;

	/* EARLIER answers a SELECT; the resync that follows has those. */
	if (v->qr_earlier || v->qr_known_uids == NULL)
		return;
	for (it = clist_begin(v->qr_known_uids->set_list); it != NULL;
	     it = clist_next(it)) {
		item = clist_content(it);
		first = item->set_first;
		last = item->set_last == 0 ? first : item->set_last;
		if (first > last) {
			first = last;
			last = item->set_first;
		}
		/* From the top, so that each expunge renumbers only past it. */
		for (seq = im->nseq; seq > 0; seq--)
			if (im->seq[seq - 1] >= first &&
			    im->seq[seq - 1] <= last)
				imap_sync_expunge(im, (uint32_t)seq);
	}
}

static void
imap_sync_flags(struct imap *im, struct mailimap_msg_att *att)
{
	struct imap_changes *c = &im->changes;
	uint32_t	     uid = 0, flags = 0;

	if (!imap_att_flags(att, &uid, &flags))
		return;
	if (uid == 0 && att->att_number >= 1 && att->att_number <= im->nseq)
		uid = im->seq[att->att_number - 1];
	if (uid == 0)
		return;
	c->flags = xreallocarray(c->flags, c->nflags + 1, sizeof *c->flags);
	c->flags[c->nflags].uid = uid;
	c->flags[c->nflags].flags = flags;
	c->nflags++;
}

static void
imap_sync_free_uint(void *p, void *arg)
{
	free(p);
}

static void
imap_sync_free_att(void *p, void *arg)
{
	mailimap_msg_att_free(p);
}

/* Whether a FETCH names its message only by sequence number. */
static int
imap_sync_has_uid(struct mailimap_msg_att *att)
{
	uint32_t uid = 0, flags;

	imap_att_flags(att, &uid, &flags);
	return (uid != 0);
}

/*
 * End the session for a server that contradicts itself: nothing more it
 * says on this connection is read, and the next command reports why.
 */
static void
imap_sync_refuse(struct imap *im, const char *why)
{
	log_debug("refused from the server: %s", why);
	if (im->session->imap_stream != NULL)
		stream_low_refuse(mailstream_get_low(im->session->imap_stream),
		    why);
}

int
imap_sync_check_exists(struct imap *im, uint32_t exists)
{
	char why[64];

	if (exists <= IMAP_MAX_EXISTS)
		return (0);
	snprintf(why, sizeof why, "an EXISTS of %u messages", exists);
	imap_sync_refuse(im, why);
	return (-1);
}

/*
 * Whether the EXPUNGEs name messages the folder has, each counted after
 * the ones before it: sequence number 0, or one past the count, is a
 * server contradicting itself (and libetpan's own count would wrap).
 */
static int
imap_sync_expunges_ok(struct imap *im, clist *expunged)
{
	clistiter *it;
	uint32_t   seq;
	size_t	   n = im->nseq;
	char	   why[96];

	for (it = clist_begin(expunged); it != NULL; it = clist_next(it)) {
		seq = *(uint32_t *)clist_content(it);
		if (seq < 1 || seq > n) {
			snprintf(why, sizeof why,
			    "an EXPUNGE of message %u of a folder of %zu", seq,
			    n);
			imap_sync_refuse(im, why);
			return (0);
		}
		n--;
	}
	return (1);
}

void
imap_sync_collect(struct imap *im)
{
	struct mailimap_response_info *info;
	clistiter		      *it;
	uint32_t		       exists;
	int			       ambiguous = 0, trusted = 1;

	if (im->session == NULL || im->selected == NULL ||
	    (info = im->session->imap_response_info) == NULL)
		return;
	/*
	 * A contradiction throws the whole batch away: which of it was
	 * true cannot be told, and the resync after the reconnect asks the
	 * server afresh.
	 */
	if (info->rsp_expunged != NULL &&
	    !imap_sync_expunges_ok(im, info->rsp_expunged))
		trusted = 0;
	/*
	 * libetpan keeps EXPUNGE and FETCH in separate lists, so their order
	 * is lost: with both, a FETCH without UID may name a message by a
	 * number from before or after an expunge.  Rather than guess, fetch
	 * every message's flags again.
	 */
	if (info->rsp_expunged != NULL && info->rsp_fetch_list != NULL &&
	    !clist_isempty(info->rsp_expunged)) {
		for (it = clist_begin(info->rsp_fetch_list); it != NULL;
		     it = clist_next(it))
			if (!imap_sync_has_uid(clist_content(it)))
				ambiguous = 1;
	}
	/* In the order the server sent them: each renumbers the rest. */
	if (info->rsp_expunged != NULL && trusted &&
	    clist_count(info->rsp_expunged) > IMAP_SYNC_FEW_EXPUNGES)
		imap_sync_expunge_many(im, info->rsp_expunged);
	else if (info->rsp_expunged != NULL && trusted)
		for (it = clist_begin(info->rsp_expunged); it != NULL;
		     it = clist_next(it))
			imap_sync_expunge(im, *(uint32_t *)clist_content(it));
	if (info->rsp_expunged != NULL) {
		/* Taken: a second collect must not apply them again. */
		clist_foreach(info->rsp_expunged, imap_sync_free_uint, NULL);
		clist_free(info->rsp_expunged);
		info->rsp_expunged = clist_new();
	}
	if (info->rsp_fetch_list != NULL) {
		for (it = clist_begin(info->rsp_fetch_list);
		     it != NULL && !ambiguous && trusted; it = clist_next(it))
			imap_sync_flags(im, clist_content(it));
		clist_foreach(info->rsp_fetch_list, imap_sync_free_att, NULL);
		clist_free(info->rsp_fetch_list);
		info->rsp_fetch_list = clist_new();
	}
	/*
	 * VANISHED, taken out so that a second collect does not apply it
	 * again; the other extensions' answers (SORT...) are their
	 * commands' own.
	 */
	if (info->rsp_extension_list != NULL) {
		for (it = clist_begin(info->rsp_extension_list); it != NULL;) {
			struct mailimap_extension_data *ext = clist_content(it);

			if (ext->ext_extension != &mailimap_extension_qresync ||
			    ext->ext_type != MAILIMAP_QRESYNC_TYPE_VANISHED) {
				it = clist_next(it);
				continue;
			}
			if (trusted)
				imap_sync_vanished(im, ext->ext_data);
			mailimap_extension_data_free(ext);
			it = clist_delete(info->rsp_extension_list, it);
		}
	}
	if (ambiguous)
		im->changes.resync = 1;
	if (!trusted || im->session->imap_selection_info == NULL)
		return;
	exists = im->session->imap_selection_info->sel_exists;
	if (imap_sync_check_exists(im, exists) != 0)
		return;
	if (exists > im->nseq) {
		im->seq = xreallocarray(im->seq, exists, sizeof *im->seq);
		memset(im->seq + im->nseq, 0,
		    (exists - im->nseq) * sizeof *im->seq);
		im->nseq = exists;
		im->changes.new_mail = 1;
	}
}

/*
 * FETCH 1:* (UID FLAGS), or only what changed since modseq (CONDSTORE's
 * CHANGEDSINCE) when it is not 0.
 */
static int
imap_fetch_flags(struct imap *im, uint64_t modseq, clist **result,
    struct imap_error *err)
{
	struct mailimap_fetch_type *ft;
	struct mailimap_set	   *set;
	int			    r;

	*result = NULL;
	if ((ft = mailimap_fetch_type_new_fetch_att_list_empty()) == NULL ||
	    (set = mailimap_set_new_interval(1, 0)) == NULL)
		fatalx("out of memory");
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_flags());
	if (modseq != 0)
		r = mailimap_fetch_changedsince(im->session, set, ft, modseq,
		    result);
	else
		r = mailimap_fetch(im->session, set, ft, result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "FETCH", err));
	return (0);
}

/* What imap_flag_list does with the number map. */
enum imap_map {
	IMAP_MAP_NONE,
	IMAP_MAP_ALL,	/* fill every slot */
	IMAP_MAP_KNOWN, /* correct filled slots; 0 stays "headers to fetch" */
};

/* The UID and flags of each answer, in the order given.  Frees it. */
static void
imap_flag_list(struct imap *im, clist *result, enum imap_map map,
    struct imap_flag_change **out, size_t *n)
{
	struct mailimap_msg_att *att;
	clistiter		*it;
	uint32_t		 uid, flags;

	*out = xreallocarray(NULL, clist_count(result) + 1, sizeof **out);
	*n = 0;
	for (it = clist_begin(result); it != NULL; it = clist_next(it)) {
		att = clist_content(it);
		uid = flags = 0;
		if (!imap_att_flags(att, &uid, &flags) || uid == 0)
			continue;
		if (map == IMAP_MAP_ALL ||
		    (map == IMAP_MAP_KNOWN && att->att_number >= 1 &&
			att->att_number <= im->nseq &&
			im->seq[att->att_number - 1] != 0))
			imap_sync_set(im, att->att_number, uid);
		(*out)[*n].uid = uid;
		(*out)[*n].flags = flags;
		(*n)++;
	}
	mailimap_fetch_list_free(result);
	imap_sync_collect(im);
}

void
imap_sync_flag_list(struct imap *im, clist *result,
    struct imap_flag_change **out, size_t *n)
{
	imap_flag_list(im, result, IMAP_MAP_NONE, out, n);
}

int
imap_resync_flags(struct imap *im, struct imap_error *err)
{
	struct imap_changes	*c = &im->changes;
	struct imap_flag_change *list;
	clist			*result;
	size_t			 n;

	if (imap_fetch_flags(im, 0, &result, err) != 0)
		return (-1);
	imap_flag_list(im, result, IMAP_MAP_KNOWN, &list, &n);
	c->flags = xreallocarray(c->flags, c->nflags + n + 1, sizeof *c->flags);
	memcpy(c->flags + c->nflags, list, n * sizeof *list);
	c->nflags += n;
	free(list);
	return (0);
}

int
imap_fetch_all_flags(struct imap *im, struct imap_flag_change **out, size_t *n,
    struct imap_error *err)
{
	clist *result;

	*out = NULL;
	*n = 0;
	if (im->nseq == 0)
		return (0);
	if (imap_fetch_flags(im, 0, &result, err) != 0)
		return (-1);
	/* The whole number map, in one answer. */
	imap_flag_list(im, result, IMAP_MAP_ALL, out, n);
	return (0);
}

int
imap_fetch_changed_flags(struct imap *im, uint64_t modseq, uint32_t **uids,
    size_t *nuids, struct imap_flag_change **out, size_t *n,
    struct imap_error *err)
{
	struct mailimap_search_key *key;
	clist			   *result;
	size_t			    i;

	*out = NULL;
	*n = 0;
	if ((key = mailimap_search_key_new_all()) == NULL)
		fatalx("out of memory");
	if (imap_search_run(im, key, uids, nuids, err) != 0)
		return (-1);
	/* Sequence numbers follow UIDs: the i-th lowest is number i + 1. */
	qsort(*uids, *nuids, sizeof **uids, sort_uid_asc);
	for (i = 0; i < *nuids && i < im->nseq; i++)
		imap_sync_set(im, (uint32_t)i + 1, (*uids)[i]);
	/* QRESYNC: the SELECT said already what changed. */
	if (im->qr_valid) {
		*out = im->qr_flags;
		*n = im->qr_nflags;
		im->qr_flags = NULL;
		im->qr_nflags = 0;
		im->qr_valid = 0;
		return (0);
	}
	if (*nuids == 0)
		return (0);
	if (imap_fetch_flags(im, modseq, &result, err) != 0) {
		FREE(uids);
		*nuids = 0;
		return (-1);
	}
	imap_flag_list(im, result, IMAP_MAP_NONE, out, n);
	return (0);
}

void
imap_changes_take(struct imap *im, struct imap_changes *out)
{
	*out = im->changes;
	memset(&im->changes, 0, sizeof im->changes);
}

void
imap_changes_clear(struct imap_changes *c)
{
	free(c->expunged);
	free(c->flags);
	memset(c, 0, sizeof *c);
}

/* Fetch the headers of every message whose UID is not known yet. */
int
imap_fetch_new(struct imap *im, imap_headers_cb *cb, void *arg,
    struct imap_error *err)
{
	size_t first;

	for (first = 0; first < im->nseq && im->seq[first] != 0; first++)
		;
	if (first == im->nseq)
		return (0);
	return (imap_fetch_range(im, (uint32_t)first + 1, (uint32_t)im->nseq,
	    cb, arg, err));
}

int
imap_noop(struct imap *im, struct imap_error *err)
{
	int r;

	if ((r = mailimap_noop(im->session)) != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "NOOP", err));
	imap_sync_collect(im);
	return (0);
}

int
imap_idle_start(struct imap *im, struct imap_error *err)
{
	int r;

	if ((r = mailimap_idle(im->session)) != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "IDLE", err));
	imap_sync_collect(im);
	return (0);
}

int
imap_idle_done(struct imap *im, struct imap_error *err)
{
	int r;

	if ((r = mailimap_idle_done(im->session)) != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "IDLE", err));
	imap_sync_collect(im);
	return (0);
}

int
imap_fd(const struct imap *im)
{
	if (im->session == NULL || im->session->imap_stream == NULL)
		return (-1);
	return (mailstream_low_get_fd(
	    mailstream_get_low(im->session->imap_stream)));
}

int
imap_buffered(const struct imap *im)
{
	mailstream *s;

	if (im->session == NULL || (s = im->session->imap_stream) == NULL)
		return (0);
	/* Bytes in libetpan's buffer or in OpenSSL's never wake poll(). */
	return (s->read_buffer_len > 0 ||
	    stream_low_pending(mailstream_get_low(s)));
}
