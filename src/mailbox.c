/*
 * mailbox.c owns the open folder's message list.  A row lives in a slot
 * that never moves while the row lives, found by UID through a hash map;
 * the display order is a separate array of slot numbers, so reordering or
 * removing rows moves 4 bytes a row and never invalidates the map.  It
 * never does I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "mailbox.h"
#include "thread.h"
#include "xmalloc.h"

/* Rows inserted one by one below this many; above, the whole list sorts. */
#define MAILBOX_INSERT_MAX 64

void
message_clear(struct message *m)
{
	FREE(&m->from);
	FREE(&m->to);
	FREE(&m->subject);
	FREE(&m->message_id);
	FREE(&m->refs);
	FREE(&m->from_key);
}

void
message_copy(struct message *dst, const struct message *src)
{
	*dst = *src;
	dst->from = xstrdup(src->from != NULL ? src->from : "");
	dst->to = xstrdup(src->to != NULL ? src->to : "");
	dst->subject = xstrdup(src->subject != NULL ? src->subject : "");
	dst->message_id = src->message_id != NULL ? xstrdup(src->message_id) :
						    NULL;
	dst->refs = src->refs != NULL ? xstrdup(src->refs) : NULL;
	dst->from_key = xstrdup(src->from_key != NULL ? src->from_key : "");
}

void
mailbox_init(struct mailbox *mb, const char *name, const struct sort_order *so)
{
	memset(mb, 0, sizeof *mb);
	mb->name = xstrdup(name);
	if (so != NULL)
		mb->sort = *so;
	uidmap_init(&mb->byuid);
	strarena_init(&mb->strs);
}

void
mailbox_free(struct mailbox *mb)
{
	free(mb->slots);
	free(mb->freeslots);
	free(mb->order);
	free(mb->tree);
	free(mb->limit);
	free(mb->view);
	free(mb->folded);
	free(mb->nhidden);
	uidmap_free(&mb->byuid);
	strarena_free(&mb->strs);
	free(mb->name);
	memset(mb, 0, sizeof *mb);
}

struct msgrow *
mailbox_row(const struct mailbox *mb, size_t i)
{
	return (&mb->slots[mb->viewed ? mb->view[i] : mb->order[i]]);
}

/* The i-th row of the whole order, shown or not. */
static struct msgrow *
mailbox_at(const struct mailbox *mb, size_t i)
{
	return (&mb->slots[mb->order[i]]);
}

static int
mailbox_matches(const struct mailbox *mb, uint32_t uid)
{
	return (bsearch(&uid, mb->limit, mb->nlimit, sizeof *mb->limit,
		    sort_uid_asc) != NULL);
}

/* Where a UID is among the folded threads' first messages, or -1. */
static long
mailbox_fold_index(const struct mailbox *mb, uint32_t uid)
{
	const uint32_t *hit;

	if (mb->nfolded == 0)
		return (-1);
	hit = bsearch(&uid, mb->folded, mb->nfolded, sizeof *mb->folded,
	    sort_uid_asc);
	return (hit != NULL ? (long)(hit - mb->folded) : -1);
}

/*
 * The rows shown: all of them, or those the limit names and no folded
 * thread hides, in the order's order.  Made again after every change to
 * the order, so that the order itself never loses a row.
 */
static void
mailbox_view(struct mailbox *mb)
{
	struct msgrow *r;
	size_t	       i;
	long	       fold = -1;
	int	       folds = mb->nfolded > 0 && mb->tree != NULL, shown;

	mb->viewed = mb->limited || folds;
	if (!mb->viewed) {
		mb->n = mb->ntotal;
		return;
	}
	if (folds)
		memset(mb->nhidden, 0, mb->nfolded * sizeof *mb->nhidden);
	mb->view = xreallocarray(mb->view, mb->ntotal + 1, sizeof *mb->view);
	mb->n = 0;
	for (i = 0; i < mb->ntotal; i++) {
		r = mailbox_at(mb, i);
		shown = !mb->limited || mailbox_matches(mb, r->uid);
		/* A thread folds under its first row, if that is shown. */
		if (folds && THREAD_DEPTH(mb->tree[mb->order[i]]) == 0)
			fold = shown ? mailbox_fold_index(mb, r->uid) : -1;
		else if (folds && fold != -1 && shown) {
			mb->nhidden[fold]++;
			continue;
		}
		if (shown)
			mb->view[mb->n++] = mb->order[i];
	}
}

void
mailbox_fold(struct mailbox *mb, uint32_t uid, int fold)
{
	long   at = mailbox_fold_index(mb, uid);
	size_t i;

	if (fold && at == -1) {
		mb->folded = xreallocarray(mb->folded, mb->nfolded + 1,
		    sizeof *mb->folded);
		mb->nhidden = xreallocarray(mb->nhidden, mb->nfolded + 1,
		    sizeof *mb->nhidden);
		for (i = mb->nfolded; i > 0 && mb->folded[i - 1] > uid; i--)
			mb->folded[i] = mb->folded[i - 1];
		mb->folded[i] = uid;
		mb->nfolded++;
	} else if (!fold && at != -1) {
		memmove(mb->folded + at, mb->folded + at + 1,
		    (mb->nfolded - (size_t)at - 1) * sizeof *mb->folded);
		mb->nfolded--;
	}
	mailbox_view(mb);
}

void
mailbox_fold_all(struct mailbox *mb, int fold)
{
	size_t i, n = 0;

	FREE(&mb->folded);
	FREE(&mb->nhidden);
	mb->nfolded = 0;
	if (fold && mb->tree != NULL) {
		mb->folded = xreallocarray(NULL, mb->ntotal + 1,
		    sizeof *mb->folded);
		/* A thread start with a reply right below it. */
		for (i = 0; i + 1 < mb->ntotal; i++)
			if (THREAD_DEPTH(mb->tree[mb->order[i]]) == 0 &&
			    THREAD_DEPTH(mb->tree[mb->order[i + 1]]) > 0)
				mb->folded[n++] = mailbox_at(mb, i)->uid;
		qsort(mb->folded, n, sizeof *mb->folded, sort_uid_asc);
		mb->nfolded = n;
		mb->nhidden = xcalloc(n + 1, sizeof *mb->nhidden);
	}
	mailbox_view(mb);
}

size_t
mailbox_folded_rows(const struct mailbox *mb, uint32_t uid)
{
	long at;

	if (mb->tree == NULL || (at = mailbox_fold_index(mb, uid)) == -1)
		return (0);
	return (mb->nhidden[at]);
}

uint32_t
mailbox_thread_start(const struct mailbox *mb, size_t i)
{
	const struct msgrow *r;

	if (i >= mb->n)
		return (0);
	for (;; i--) {
		r = mailbox_row(mb, i);
		if (mb->tree == NULL ||
		    THREAD_DEPTH(mailbox_tree(mb, r)) == 0 || i == 0)
			return (r->uid);
	}
}

void
mailbox_limit(struct mailbox *mb, const uint32_t *uids, size_t n)
{
	FREE(&mb->limit);
	FREE(&mb->view);
	mb->nlimit = 0;
	mb->limited = uids != NULL;
	if (uids != NULL) {
		mb->limit = xreallocarray(NULL, n + 1, sizeof *mb->limit);
		memcpy(mb->limit, uids, n * sizeof *uids);
		mb->nlimit = n;
		qsort(mb->limit, n, sizeof *mb->limit, sort_uid_asc);
	}
	mailbox_view(mb);
}

struct msgrow *
mailbox_get(const struct mailbox *mb, uint32_t uid)
{
	uint32_t slot;

	if (uidmap_get(&mb->byuid, uid, &slot) != 0)
		return (NULL);
	return (&mb->slots[slot]);
}

/* Where a slot is in an array of slots, or -1. */
static long
mailbox_find(const uint32_t *slots, size_t n, uint32_t slot)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (slots[i] == slot)
			return ((long)i);
	return (-1);
}

long
mailbox_pos(const struct mailbox *mb, uint32_t uid)
{
	uint32_t slot;

	if (uidmap_get(&mb->byuid, uid, &slot) != 0)
		return (-1);
	return (mailbox_find(mb->viewed ? mb->view : mb->order, mb->n, slot));
}

const char *
mailbox_from(const struct mailbox *mb, const struct msgrow *r)
{
	return (strarena_get(&mb->strs, r->from));
}

const char *
mailbox_to(const struct mailbox *mb, const struct msgrow *r)
{
	return (strarena_get(&mb->strs, r->to));
}

const char *
mailbox_subject(const struct mailbox *mb, const struct msgrow *r)
{
	return (strarena_get(&mb->strs, r->subject));
}

static void
mailbox_reserve_order(struct mailbox *mb, size_t more)
{
	if (mb->ntotal + more <= mb->caporder)
		return;
	mb->caporder = mb->caporder == 0 ? 64 : mb->caporder;
	while (mb->caporder < mb->ntotal + more)
		mb->caporder *= 2;
	mb->order = xreallocarray(mb->order, mb->caporder, sizeof *mb->order);
}

/* Room for cap slots (and their tree bits, in thread order). */
static void
mailbox_grow_slots(struct mailbox *mb, size_t cap)
{
	mb->capslots = cap;
	mb->slots = xreallocarray(mb->slots, cap, sizeof *mb->slots);
	if (mb->tree != NULL)
		mb->tree = xreallocarray(mb->tree, cap, sizeof *mb->tree);
}

/* A slot for a new row of this UID, mapped and blank. */
static uint32_t
mailbox_slot_new(struct mailbox *mb, uint32_t uid)
{
	uint32_t slot;

	if (mb->nfree > 0)
		slot = mb->freeslots[--mb->nfree];
	else {
		if (mb->nslots == mb->capslots)
			mailbox_grow_slots(mb,
			    mb->capslots == 0 ? 64 : mb->capslots * 2);
		slot = (uint32_t)mb->nslots++;
	}
	memset(&mb->slots[slot], 0, sizeof mb->slots[slot]);
	if (mb->tree != NULL)
		mb->tree[slot] = 0;
	mb->slots[slot].uid = uid;
	mb->slots[slot].flags = MSG_UNLOADED;
	mb->nheld++;
	uidmap_put(&mb->byuid, uid, slot);
	return (slot);
}

static void
mailbox_forget_strings(struct mailbox *mb, struct msgrow *r)
{
	strarena_forget(&mb->strs, r->from);
	strarena_forget(&mb->strs, r->to);
	strarena_forget(&mb->strs, r->subject);
	strarena_forget(&mb->strs, r->from_key);
	r->from = r->to = r->subject = r->from_key = 0;
}

static void
mailbox_slot_free(struct mailbox *mb, uint32_t slot)
{
	struct msgrow *r = &mb->slots[slot];

	if (r->flags & MSG_UNLOADED)
		mb->nheld--;
	mailbox_forget_strings(mb, r);
	uidmap_del(&mb->byuid, r->uid);
	r->uid = 0; /* free: mailbox_count skips it */
	/* Doubling: an expunge of thousands frees thousands of slots. */
	if (mb->nfree == mb->capfree) {
		mb->capfree = mb->capfree == 0 ? 64 : mb->capfree * 2;
		mb->freeslots = xreallocarray(mb->freeslots, mb->capfree,
		    sizeof *mb->freeslots);
	}
	mb->freeslots[mb->nfree++] = slot;
}

/* Rebuild the arena once more of it is replaced strings than live ones. */
static void
mailbox_compact(struct mailbox *mb)
{
	struct strarena fresh;
	struct msgrow  *r;
	size_t		i;

	if (mb->strs.waste < 1024 * 1024 || mb->strs.waste * 2 < mb->strs.len)
		return;
	strarena_init(&fresh);
	for (i = 0; i < mb->ntotal; i++) {
		r = mailbox_at(mb, i);
		r->from = strarena_add(&fresh,
		    strarena_get(&mb->strs, r->from));
		r->to = strarena_add(&fresh, strarena_get(&mb->strs, r->to));
		r->subject = strarena_add(&fresh,
		    strarena_get(&mb->strs, r->subject));
		r->from_key = strarena_add(&fresh,
		    strarena_get(&mb->strs, r->from_key));
	}
	strarena_free(&mb->strs);
	mb->strs = fresh;
}

/* Fill a row from a fetched message (whose strings stay the caller's). */
static void
mailbox_fill(struct mailbox *mb, struct msgrow *r, const struct message *m)
{
	if (r->flags & MSG_UNLOADED)
		mb->nheld--;
	mailbox_forget_strings(mb, r);
	r->flags = m->flags & ~(MSG_UNLOADED | MSG_WANTED);
	r->date = (int64_t)m->date;
	r->size = m->size;
	r->from = strarena_add(&mb->strs, m->from);
	r->to = strarena_add(&mb->strs, m->to);
	r->subject = strarena_add(&mb->strs, m->subject);
	r->from_key = strarena_add(&mb->strs,
	    m->from_key != NULL ? m->from_key : "");
}

/*
 * The display order of two rows.  A placeholder has no date yet: next to
 * one, rows compare by UID, which is how the server numbers arrivals.
 */
static int
mailbox_cmp_rows(const struct mailbox *mb, const struct msgrow *a,
    const struct msgrow *b)
{
	struct sort_order so = mb->sort;
	struct sort_item  x, y;

	if ((a->flags | b->flags) & MSG_UNLOADED)
		so.key = SORT_ARRIVAL;
	x.uid = a->uid;
	x.size = a->size;
	x.date = a->date;
	x.from_key = strarena_get(&mb->strs, a->from_key);
	x.subject = strarena_get(&mb->strs, a->subject);
	y.uid = b->uid;
	y.size = b->size;
	y.date = b->date;
	y.from_key = strarena_get(&mb->strs, b->from_key);
	y.subject = strarena_get(&mb->strs, b->subject);
	return (sort_cmp(&so, &x, &y));
}

static int
mailbox_cmp_slots(const void *a, const void *b, void *arg)
{
	const struct mailbox *mb = arg;

	return (mailbox_cmp_rows(mb, &mb->slots[*(const uint32_t *)a],
	    &mb->slots[*(const uint32_t *)b]));
}

void
mailbox_sort(struct mailbox *mb)
{
	if (mb->ntotal > 1 && mb->tree == NULL)
		qsort_r(mb->order, mb->ntotal, sizeof *mb->order,
		    mailbox_cmp_slots, mb);
	mailbox_view(mb);
}

/* Put a slot at its place in the order (binary search). */
static void
mailbox_place(struct mailbox *mb, uint32_t slot)
{
	size_t lo = 0, hi = mb->ntotal, mid;

	/* Threads: the newest on top until the server threads it. */
	if (mb->tree != NULL)
		lo = hi = mb->sort.reverse ? mb->ntotal : 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (mailbox_cmp_rows(mb, &mb->slots[mb->order[mid]],
			&mb->slots[slot]) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	mailbox_reserve_order(mb, 1);
	memmove(mb->order + lo + 1, mb->order + lo,
	    (mb->ntotal - lo) * sizeof *mb->order);
	mb->order[lo] = slot;
	mb->ntotal++;
}

void
mailbox_set_order(struct mailbox *mb, const uint32_t *uids, size_t n)
{
	unsigned char *named;
	uint32_t      *order, slot;
	size_t	       i, k = 0;

	order = xreallocarray(NULL, n + 1, sizeof *order);
	named = xcalloc(mb->nslots + n + 1, 1);
	uidmap_reserve(&mb->byuid, n);
	/*
	 * Most of the UIDs have a row already (from the cache, or the
	 * window): room for as many rows as the order names, not as many
	 * again.
	 */
	if (mb->capslots < n)
		mailbox_grow_slots(mb, n);
	for (i = 0; i < n; i++) {
		if (uids[i] == 0)
			continue;
		if (uidmap_get(&mb->byuid, uids[i], &slot) != 0)
			slot = mailbox_slot_new(mb, uids[i]);
		else if (named[slot])
			continue; /* named twice */
		named[slot] = 1;
		order[k++] = slot;
	}
	for (i = 0; i < mb->ntotal; i++)
		if (!named[mb->order[i]])
			mailbox_slot_free(mb, mb->order[i]);
	free(named);
	free(mb->order);
	mb->order = order;
	mb->ntotal = k;
	mb->caporder = n + 1;
	mailbox_compact(mb);
	mailbox_view(mb);
}

void
mailbox_set_tree(struct mailbox *mb, const uint32_t *uids, const uint32_t *tree,
    size_t n)
{
	uint32_t slot;
	size_t	 i;

	FREE(&mb->tree);
	if (tree != NULL) {
		mb->tree = xcalloc(mb->capslots + 1, sizeof *mb->tree);
		for (i = 0; i < n; i++)
			if (uidmap_get(&mb->byuid, uids[i], &slot) == 0)
				mb->tree[slot] = tree[i];
	}
	/* Folded threads are threads again, or not. */
	mailbox_view(mb);
}

uint32_t
mailbox_tree(const struct mailbox *mb, const struct msgrow *r)
{
	return (mb->tree != NULL ? mb->tree[r - mb->slots] : 0);
}

void
mailbox_add(struct mailbox *mb, struct message *msgs, size_t n)
{
	uint32_t slot, *fresh;
	size_t	 i, nfresh = 0;

	fresh = xreallocarray(NULL, n + 1, sizeof *fresh);
	for (i = 0; i < n; i++) {
		if (msgs[i].uid != 0) {
			if (uidmap_get(&mb->byuid, msgs[i].uid, &slot) != 0)
				fresh[nfresh++] = slot = mailbox_slot_new(mb,
				    msgs[i].uid);
			mailbox_fill(mb, &mb->slots[slot], &msgs[i]);
		}
		message_clear(&msgs[i]);
	}
	if (nfresh <= MAILBOX_INSERT_MAX) {
		for (i = 0; i < nfresh; i++)
			mailbox_place(mb, fresh[i]);
	} else {
		mailbox_reserve_order(mb, nfresh);
		memcpy(mb->order + mb->ntotal, fresh, nfresh * sizeof *fresh);
		mb->ntotal += nfresh;
		mailbox_sort(mb);
	}
	free(fresh);
	mailbox_compact(mb);
	mailbox_view(mb);
}

void
mailbox_mark_all(struct mailbox *mb, uint32_t flag, int on)
{
	size_t i;

	for (i = 0; i < mb->ntotal; i++) {
		if (on)
			mailbox_at(mb, i)->flags |= flag;
		else
			mailbox_at(mb, i)->flags &= ~flag;
	}
}

size_t
mailbox_remove_flagged(struct mailbox *mb, uint32_t flags)
{
	size_t i, j;

	for (i = j = 0; i < mb->ntotal; i++) {
		if ((mailbox_at(mb, i)->flags & flags) == flags) {
			mailbox_slot_free(mb, mb->order[i]);
			continue;
		}
		mb->order[j++] = mb->order[i];
	}
	i = mb->ntotal - j;
	mb->ntotal = j;
	mailbox_compact(mb);
	mailbox_view(mb);
	return (i);
}

int
mailbox_remove(struct mailbox *mb, uint32_t uid, struct message *out)
{
	struct msgrow *r;
	uint32_t       slot;
	long	       i;

	if (uidmap_get(&mb->byuid, uid, &slot) != 0 ||
	    (i = mailbox_find(mb->order, mb->ntotal, slot)) == -1)
		return (-1);
	r = mailbox_at(mb, (size_t)i);
	if (out != NULL) {
		memset(out, 0, sizeof *out);
		out->uid = r->uid;
		out->flags = r->flags;
		out->date = (time_t)r->date;
		out->size = r->size;
		out->from = xstrdup(mailbox_from(mb, r));
		out->to = xstrdup(mailbox_to(mb, r));
		out->subject = xstrdup(mailbox_subject(mb, r));
		out->from_key = xstrdup(strarena_get(&mb->strs, r->from_key));
	}
	mailbox_slot_free(mb, mb->order[i]);
	memmove(mb->order + i, mb->order + i + 1,
	    (mb->ntotal - (size_t)i - 1) * sizeof *mb->order);
	mb->ntotal--;
	mailbox_view(mb);
	return (0);
}

size_t
mailbox_count(const struct mailbox *mb, uint32_t set, uint32_t clear)
{
	const struct msgrow *r;
	size_t		     i, n = 0;

	/* The slots in memory order, not the list's: drawn every turn. */
	clear |= MSG_UNLOADED;
	for (i = 0; i < mb->nslots; i++) {
		r = &mb->slots[i];
		if (r->uid != 0 && (r->flags & set) == set &&
		    (r->flags & clear) == 0)
			n++;
	}
	return (n);
}
