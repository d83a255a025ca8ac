/*
 * mailbox.c owns the open folder's message list: rows kept in display order
 * (highest UID first) so that the index can draw any window of it without
 * sorting, and found by UID with a binary search.  It never does I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "mailbox.h"
#include "xmalloc.h"

void
message_clear(struct message *m)
{
	FREE(&m->from);
	FREE(&m->subject);
	FREE(&m->message_id);
}

void
message_copy(struct message *dst, const struct message *src)
{
	*dst = *src;
	dst->from = xstrdup(src->from != NULL ? src->from : "");
	dst->subject = xstrdup(src->subject != NULL ? src->subject : "");
	dst->message_id = src->message_id != NULL ? xstrdup(src->message_id) :
						    NULL;
}

void
mailbox_init(struct mailbox *mb, const char *name)
{
	memset(mb, 0, sizeof *mb);
	mb->name = xstrdup(name);
}

void
mailbox_free(struct mailbox *mb)
{
	size_t i;

	for (i = 0; i < mb->n; i++)
		message_clear(&mb->msgs[i]);
	free(mb->msgs);
	free(mb->name);
	memset(mb, 0, sizeof *mb);
}

static int
mailbox_cmp(const void *a, const void *b)
{
	const struct message *ma = a, *mb = b;

	if (ma->uid == mb->uid)
		return (0);
	return (ma->uid > mb->uid ? -1 : 1);
}

static void
mailbox_reserve(struct mailbox *mb, size_t more)
{
	if (mb->n + more <= mb->cap)
		return;
	mb->cap = mb->cap == 0 ? 64 : mb->cap;
	while (mb->cap < mb->n + more)
		mb->cap *= 2;
	mb->msgs = xreallocarray(mb->msgs, mb->cap, sizeof *mb->msgs);
}

void
mailbox_add(struct mailbox *mb, struct message *msgs, size_t n)
{
	size_t i, j, k, old = mb->n;
	long   at;

	mailbox_reserve(mb, n);
	/* A row refetched takes the place of the one it replaces. */
	for (i = k = 0; i < n; i++) {
		if (old > 0 && (at = mailbox_find(mb, msgs[i].uid)) != -1 &&
		    (size_t)at < old) {
			message_clear(&mb->msgs[at]);
			mb->msgs[at] = msgs[i];
			continue;
		}
		mb->msgs[mb->n + k++] = msgs[i];
	}
	if (k == 0)
		return;
	mb->n += k;
	qsort(mb->msgs, mb->n, sizeof *mb->msgs, mailbox_cmp);
	/* A UID twice in one chunk is kept once. */
	for (i = j = 0; i < mb->n; i++) {
		if (j > 0 && mb->msgs[j - 1].uid == mb->msgs[i].uid) {
			message_clear(&mb->msgs[i]);
			continue;
		}
		mb->msgs[j++] = mb->msgs[i];
	}
	mb->n = j;
}

void
mailbox_mark_all(struct mailbox *mb, uint32_t flag, int on)
{
	size_t i;

	for (i = 0; i < mb->n; i++) {
		if (on)
			mb->msgs[i].flags |= flag;
		else
			mb->msgs[i].flags &= ~flag;
	}
}

/* Remove every row with all of these flags set. */
size_t
mailbox_remove_flagged(struct mailbox *mb, uint32_t flags)
{
	size_t i, j;

	for (i = j = 0; i < mb->n; i++) {
		if ((mb->msgs[i].flags & flags) == flags) {
			message_clear(&mb->msgs[i]);
			continue;
		}
		mb->msgs[j++] = mb->msgs[i];
	}
	i = mb->n - j;
	mb->n = j;
	return (i);
}

long
mailbox_find(const struct mailbox *mb, uint32_t uid)
{
	size_t lo = 0, hi = mb->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (mb->msgs[mid].uid == uid)
			return ((long)mid);
		if (mb->msgs[mid].uid > uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (-1);
}

int
mailbox_remove(struct mailbox *mb, uint32_t uid, struct message *out)
{
	long i;

	if ((i = mailbox_find(mb, uid)) == -1)
		return (-1);
	if (out != NULL)
		*out = mb->msgs[i];
	else
		message_clear(&mb->msgs[i]);
	memmove(mb->msgs + i, mb->msgs + i + 1,
	    (mb->n - (size_t)i - 1) * sizeof *mb->msgs);
	mb->n--;
	return (0);
}

void
mailbox_insert(struct mailbox *mb, struct message *m)
{
	size_t lo = 0, hi = mb->n, mid;

	if (mailbox_find(mb, m->uid) != -1) {
		message_clear(m);
		return;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (mb->msgs[mid].uid > m->uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	mailbox_reserve(mb, 1);
	memmove(mb->msgs + lo + 1, mb->msgs + lo,
	    (mb->n - lo) * sizeof *mb->msgs);
	mb->msgs[lo] = *m;
	mb->n++;
}

size_t
mailbox_count(const struct mailbox *mb, uint32_t set, uint32_t clear)
{
	size_t i, n = 0;

	for (i = 0; i < mb->n; i++)
		if ((mb->msgs[i].flags & set) == set &&
		    (mb->msgs[i].flags & clear) == 0)
			n++;
	return (n);
}
