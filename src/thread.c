/*
 * thread.c turns the thread list of a THREAD answer, or threads it makes
 * from Message-IDs and References, into rows with tree bits, and tree
 * bits into the lines drawn before a subject.  Both come from the
 * server: nothing is taken on trust (nesting is capped, a chain of
 * replies is walked without recursion, References that loop are cut).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "thread.h"
#include "xmalloc.h"

#define THREAD_MAX_NESTING 100

/* uid 0: a parent the server left out (a "dummy"); node 0 is the root. */
struct tnode {
	uint32_t uid;
	int32_t	 first, last, next;
};

struct tparse {
	const char   *s;
	size_t	      len, pos;
	struct tnode *nodes;
	size_t	      n, cap;
	int	      nesting;
};

static int32_t
tnode_add(struct tparse *tp, uint32_t uid, int32_t parent)
{
	int32_t idx;

	if (tp->n == tp->cap) {
		tp->cap = tp->cap == 0 ? 64 : tp->cap * 2;
		tp->nodes = xreallocarray(tp->nodes, tp->cap,
		    sizeof *tp->nodes);
	}
	idx = (int32_t)tp->n++;
	tp->nodes[idx].uid = uid;
	tp->nodes[idx].first = tp->nodes[idx].last = -1;
	tp->nodes[idx].next = -1;
	if (parent >= 0) {
		if (tp->nodes[parent].last == -1)
			tp->nodes[parent].first = idx;
		else
			tp->nodes[tp->nodes[parent].last].next = idx;
		tp->nodes[parent].last = idx;
	}
	return (idx);
}

static void
tparse_space(struct tparse *tp)
{
	while (tp->pos < tp->len && tp->s[tp->pos] == ' ')
		tp->pos++;
}

/*
 * thread-list = "(" (thread-members / thread-nested) ")": a chain of
 * messages, each the parent of the next, then the subtrees of the last.
 */
static int
tparse_list(struct tparse *tp, int32_t parent)
{
	int32_t	 cur = parent;
	uint64_t v;
	int	 digits;

	if (tp->pos >= tp->len || tp->s[tp->pos] != '(' ||
	    ++tp->nesting > THREAD_MAX_NESTING)
		return (-1);
	tp->pos++;
	tparse_space(tp);
	while (tp->pos < tp->len && isdigit((unsigned char)tp->s[tp->pos])) {
		for (v = 0, digits = 0; tp->pos < tp->len &&
		     isdigit((unsigned char)tp->s[tp->pos]);
		     tp->pos++) {
			v = v * 10 + (uint64_t)(tp->s[tp->pos] - '0');
			if (++digits > 10)
				return (-1);
		}
		if (v == 0 || v > UINT32_MAX)
			return (-1);
		cur = tnode_add(tp, (uint32_t)v, cur);
		tparse_space(tp);
	}
	if (cur == parent)
		cur = tnode_add(tp, 0, parent);
	while (tp->pos < tp->len && tp->s[tp->pos] == '(') {
		if (tparse_list(tp, cur) != 0)
			return (-1);
		tparse_space(tp);
	}
	if (tp->pos >= tp->len || tp->s[tp->pos] != ')')
		return (-1);
	tp->pos++;
	tp->nesting--;
	return (0);
}

static uint32_t
thread_bit(uint32_t level)
{
	return (level >= 1 && level <= THREAD_LEVELS ? 1U << (4 + level) : 0);
}

struct tframe {
	int32_t	 node;
	uint32_t depth;
	uint32_t mask; /* the "more" bits of its path, its own included */
};

/* Push the children of node, the first on top. */
static void
tpush_children(const struct tparse *tp, struct tframe *stack, size_t *top,
    int32_t node, uint32_t depth, uint32_t mask, int more_after)
{
	size_t	 from = *top, i, j;
	int32_t	 c;
	uint32_t bit = thread_bit(depth);

	for (c = tp->nodes[node].first; c != -1; c = tp->nodes[c].next) {
		stack[*top].node = c;
		stack[*top].depth = depth;
		stack[*top].mask = (mask & ~bit) |
		    (tp->nodes[c].next != -1 || more_after ? bit : 0);
		(*top)++;
	}
	for (i = from, j = *top; i + 1 < j; i++, j--) {
		struct tframe t = stack[i];

		stack[i] = stack[j - 1];
		stack[j - 1] = t;
	}
}

static void
thread_flatten(const struct tparse *tp, int oldest_first,
    struct thread_order *out)
{
	struct tframe *stack;
	int32_t	      *tops, c;
	size_t	       ntops = 0, i, top;
	struct tframe  f;

	tops = xreallocarray(NULL, tp->n + 1, sizeof *tops);
	for (c = tp->nodes[0].first; c != -1; c = tp->nodes[c].next)
		tops[ntops++] = c;
	stack = xreallocarray(NULL, tp->n + 1, sizeof *stack);
	out->uids = xreallocarray(NULL, tp->n + 1, sizeof *out->uids);
	out->tree = xreallocarray(NULL, tp->n + 1, sizeof *out->tree);
	for (i = 0; i < ntops; i++) {
		stack[0].node = tops[oldest_first ? i : ntops - 1 - i];
		stack[0].depth = 0;
		stack[0].mask = 0;
		top = 1;
		while (top > 0) {
			f = stack[--top];
			if (tp->nodes[f.node].uid == 0) {
				/* A missing parent: its children in its place. */
				tpush_children(tp, stack, &top, f.node, f.depth,
				    f.mask,
				    (f.mask & thread_bit(f.depth)) != 0);
				continue;
			}
			out->uids[out->n] = tp->nodes[f.node].uid;
			out->tree[out->n++] = (f.depth < THREAD_DEPTH_MAX ?
						      f.depth :
						      THREAD_DEPTH_MAX) |
			    (f.mask & ~0x1fU);
			tpush_children(tp, stack, &top, f.node, f.depth + 1,
			    f.mask, 0);
		}
	}
	free(stack);
	free(tops);
}

int
thread_parse(const char *s, size_t len, int oldest_first,
    struct thread_order *out)
{
	struct tparse tp = { s, len, 0, NULL, 0, 0, 0 };

	memset(out, 0, sizeof *out);
	tnode_add(&tp, 0, -1);
	tparse_space(&tp);
	while (tp.pos < tp.len) {
		if (tparse_list(&tp, 0) != 0) {
			free(tp.nodes);
			return (-1);
		}
		tparse_space(&tp);
	}
	thread_flatten(&tp, oldest_first, out);
	free(tp.nodes);
	return (0);
}

void
thread_order_free(struct thread_order *t)
{
	free(t->uids);
	free(t->tree);
	memset(t, 0, sizeof *t);
}

static int
thread_uid_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

void
thread_order_flat(const struct thread_order *t, const uint32_t *rest, size_t n,
    int oldest_first, struct thread_order *out)
{
	uint32_t *known;
	size_t	  i, k, nflat = 0, at;

	known = xreallocarray(NULL, t->n + 1, sizeof *known);
	if (t->n > 0)
		memcpy(known, t->uids, t->n * sizeof *known);
	qsort(known, t->n, sizeof *known, thread_uid_cmp);
	out->uids = xreallocarray(NULL, t->n + n + 1, sizeof *out->uids);
	out->tree = xcalloc(t->n + n + 1, sizeof *out->tree);
	/* The threads go below the others with oldest_first, else above. */
	at = oldest_first ? 0 : t->n;
	for (i = 0; i < n; i++)
		if (rest[i] != 0 &&
		    bsearch(&rest[i], known, t->n, sizeof *known,
			thread_uid_cmp) == NULL)
			out->uids[at + nflat++] = rest[i];
	k = oldest_first ? nflat : 0;
	if (t->n > 0) {
		memcpy(out->uids + k, t->uids, t->n * sizeof *t->uids);
		memcpy(out->tree + k, t->tree, t->n * sizeof *t->tree);
	}
	out->n = t->n + nflat;
	free(known);
}

static size_t
thread_put(char *buf, size_t size, size_t at, const char *s)
{
	size_t n = strlen(s);

	if (at + n >= size)
		return (at);
	memcpy(buf + at, s, n + 1);
	return (at + n);
}

size_t
thread_prefix(uint32_t tree, char *buf, size_t size)
{
	uint32_t depth = THREAD_DEPTH(tree), level;
	size_t	 at = 0;

	if (size == 0)
		return (0);
	buf[0] = '\0';
	for (level = 1; level < depth; level++)
		at = thread_put(buf, size, at,
		    THREAD_MORE(tree, level) ? "\xe2\x94\x82 " : "  ");
	if (depth > 0)
		at = thread_put(buf, size, at,
		    THREAD_MORE(tree, depth) ? "\xe2\x94\x9c\xe2\x94\x80>" :
					       "\xe2\x94\x94\xe2\x94\x80>");
	return (at);
}

/*
 * Threads made here, for a server without THREAD: RFC 5256's REFERENCES
 * algorithm over the Message-ID and References (else In-Reply-To) of
 * each message, less its step 5 (grouping threads by subject), which
 * puts unrelated mail with a common subject together.
 */

/* A message, or a Message-ID only seen in another's References. */
struct tcont {
	const char *id; /* NULL: a message without a usable Message-ID */
	int64_t	    date;
	uint32_t    uid; /* 0: not a message of the folder (a "dummy") */
	uint32_t    key; /* the UID it sorts by: a dummy's first child's */
	int32_t	    parent, first, next;
	int	    parent_of; /* was made a parent (and may still be one) */
};

struct tkey {
	int64_t	 date;
	uint32_t uid;
	int32_t	 idx;
};

struct tbuild {
	struct tcont *c;
	size_t	      n, cap;
	int32_t	     *hash; /* open addressing by id; -1 free */
	size_t	      hsize;
};

static uint32_t
tbuild_hash_id(const char *s)
{
	uint32_t h = 2166136261U;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619U;
	return (h);
}

static int32_t
tbuild_new(struct tbuild *tb, const char *id)
{
	struct tcont *c;

	if (tb->n == tb->cap) {
		tb->cap = tb->cap == 0 ? 64 : tb->cap * 2;
		tb->c = xreallocarray(tb->c, tb->cap, sizeof *tb->c);
	}
	c = &tb->c[tb->n];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->parent = c->first = c->next = -1;
	return ((int32_t)tb->n++);
}

/* The container of an id, made if new. */
static int32_t
tbuild_find(struct tbuild *tb, const char *id)
{
	size_t	i = tbuild_hash_id(id) & (tb->hsize - 1);
	int32_t idx;

	while ((idx = tb->hash[i]) != -1) {
		if (strcmp(tb->c[idx].id, id) == 0)
			return (idx);
		i = (i + 1) & (tb->hsize - 1);
	}
	idx = tbuild_new(tb, id);
	tb->hash[i] = idx;
	return (idx);
}

/* Whether a is b or one of b's ancestors. */
static int
tbuild_above(const struct tbuild *tb, int32_t a, int32_t b)
{
	for (; b != -1; b = tb->c[b].parent)
		if (b == a)
			return (1);
	return (0);
}

/* Make parent the parent of child, unless that closes a loop. */
static void
tbuild_link(struct tbuild *tb, int32_t parent, int32_t child, int force)
{
	/* Only a parent can be an ancestor: most are not, and cost nothing. */
	if (parent == child || (!force && tb->c[child].parent != -1) ||
	    (tb->c[child].parent_of && tbuild_above(tb, child, parent)))
		return;
	tb->c[child].parent = parent;
	tb->c[parent].parent_of = 1;
}

/*
 * The ids of a message's refs ("<a@x> <b@y>", as mime_fields.c keeps
 * them), split in place.  Their number.
 */
static size_t
tbuild_ids(char *s, char **ids, size_t max)
{
	size_t n = 0;
	char  *tok, *last;

	/* The last ones, nearest the message, if there are too many. */
	for (tok = strtok_r(s, " ", &last); tok != NULL;
	     tok = strtok_r(NULL, " ", &last)) {
		if (n == max) {
			memmove(ids, ids + 1, (max - 1) * sizeof *ids);
			n--;
		}
		ids[n++] = tok;
	}
	return (n);
}

static void
tbuild_rehash(struct tbuild *tb)
{
	size_t i, h;

	tb->hsize = tb->hsize == 0 ? 256 : tb->hsize * 2;
	free(tb->hash);
	tb->hash = xreallocarray(NULL, tb->hsize, sizeof *tb->hash);
	memset(tb->hash, 0xff, tb->hsize * sizeof *tb->hash);
	for (i = 0; i < tb->n; i++) {
		if (tb->c[i].id == NULL)
			continue;
		h = tbuild_hash_id(tb->c[i].id) & (tb->hsize - 1);
		while (tb->hash[h] != -1)
			h = (h + 1) & (tb->hsize - 1);
		tb->hash[h] = (int32_t)i;
	}
}

/* Step 1 of REFERENCES: a container for every message and every id. */
static void
tbuild_add(struct tbuild *tb, const struct thread_msg *m, char *refs)
{
	char   *ids[THREAD_REFS_MAX];
	size_t	nids = 0, j;
	int32_t c, r, prev = -1;

	nids = refs != NULL ? tbuild_ids(refs, ids, THREAD_REFS_MAX) : 0;
	/* The table stays at most half full, whatever comes next. */
	while (tb->hsize < 2 * (tb->n + nids + 1))
		tbuild_rehash(tb);
	c = -1;
	if (m->msgid != NULL && *m->msgid != '\0') {
		c = tbuild_find(tb, m->msgid);
		if (tb->c[c].uid != 0)
			c = -1; /* a second message with its id: its own */
	}
	if (c == -1)
		c = tbuild_new(tb, NULL);
	tb->c[c].uid = m->uid;
	tb->c[c].date = m->date;
	for (j = 0; j < nids; j++) {
		r = tbuild_find(tb, ids[j]);
		if (prev != -1)
			tbuild_link(tb, prev, r, 0);
		prev = r;
	}
	/* The message knows its parent better than others guessed it. */
	if (prev == -1)
		tb->c[c].parent = -1;
	else
		tbuild_link(tb, prev, c, 1);
}

static int
tkey_cmp(const void *a, const void *b)
{
	const struct tkey *x = a, *y = b;

	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	if (x->uid != y->uid)
		return (x->uid < y->uid ? -1 : 1);
	return (0);
}

/* Relink the n containers of list as siblings, oldest first. */
static int32_t
tbuild_sort(struct tbuild *tb, struct tkey *list, size_t n)
{
	size_t i;

	qsort(list, n, sizeof *list, tkey_cmp);
	for (i = 0; i < n; i++)
		tb->c[list[i].idx].next = i + 1 < n ? list[i + 1].idx : -1;
	return (n > 0 ? list[0].idx : -1);
}

static void
tkey_set(struct tkey *k, const struct tbuild *tb, int32_t idx)
{
	k->date = tb->c[idx].date;
	k->uid = tb->c[idx].key;
	k->idx = idx;
}

/*
 * Steps 3, 4 and 6: parents first in order[], so the walk from its end
 * sees every child before its parent.  A container that is no message
 * hands its children to its parent; a root one keeps them together if
 * they are two or more.  Siblings by date, then UID.
 */
static int32_t
tbuild_shape(struct tbuild *tb, int32_t *order, struct tkey *scratch)
{
	size_t	k, q = 0, m;
	int32_t x, ch, gc;

	for (k = 0; k < tb->n; k++)
		tb->c[k].first = tb->c[k].next = -1;
	for (k = 0; k < tb->n; k++) {
		tb->c[k].key = tb->c[k].uid;
		if (tb->c[k].parent == -1)
			order[q++] = (int32_t)k;
		else {
			tb->c[k].next = tb->c[tb->c[k].parent].first;
			tb->c[tb->c[k].parent].first = (int32_t)k;
		}
	}
	for (k = 0; k < q; k++)
		for (ch = tb->c[order[k]].first; ch != -1; ch = tb->c[ch].next)
			order[q++] = ch;
	for (k = tb->n; k-- > 0;) {
		x = order[k];
		m = 0;
		for (ch = tb->c[x].first; ch != -1; ch = tb->c[ch].next) {
			if (tb->c[ch].uid != 0) {
				tkey_set(&scratch[m++], tb, ch);
				continue;
			}
			for (gc = tb->c[ch].first; gc != -1;
			     gc = tb->c[gc].next)
				tkey_set(&scratch[m++], tb, gc);
		}
		for (ch = 0; (size_t)ch < m; ch++)
			tb->c[scratch[ch].idx].parent = x;
		tb->c[x].first = tbuild_sort(tb, scratch, m);
		if (tb->c[x].uid == 0 && tb->c[x].first != -1) {
			tb->c[x].date = tb->c[tb->c[x].first].date;
			tb->c[x].key = tb->c[tb->c[x].first].key;
		}
	}
	/* The roots: a lone child of a missing parent starts a thread. */
	m = 0;
	for (k = 0; k < tb->n; k++) {
		if (tb->c[k].parent != -1)
			continue;
		x = (int32_t)k;
		if (tb->c[x].uid == 0 && tb->c[x].first != -1 &&
		    tb->c[tb->c[x].first].next == -1) {
			x = tb->c[x].first;
		}
		if (tb->c[x].uid != 0 || tb->c[x].first != -1)
			tkey_set(&scratch[m++], tb, x);
	}
	return (tbuild_sort(tb, scratch, m));
}

/* A container to add under a node of the tree thread_flatten takes. */
struct tstep {
	int32_t cont, tnode;
};

static void
tstep_reverse(struct tstep *s, size_t from, size_t to)
{
	struct tstep t;

	for (; from + 1 < to; from++, to--) {
		t = s[from];
		s[from] = s[to - 1];
		s[to - 1] = t;
	}
}

int
thread_build(const struct thread_msg *msgs, size_t n, int oldest_first,
    struct thread_order *out)
{
	struct tbuild tb = { NULL, 0, 0, NULL, 0 };
	struct tparse tp = { NULL, 0, 0, NULL, 0, 0, 0 };
	struct tkey  *scratch;
	struct tstep *stack;
	char	    **copies;
	int32_t	     *order, x, ch, tn;
	size_t	      i, top = 0;

	memset(out, 0, sizeof *out);
	copies = xcalloc(n + 1, sizeof *copies);
	for (i = 0; i < n; i++) {
		if (msgs[i].refs != NULL)
			copies[i] = xstrdup(msgs[i].refs);
		tbuild_add(&tb, &msgs[i], copies[i]);
	}
	order = xreallocarray(NULL, tb.n + 1, sizeof *order);
	scratch = xreallocarray(NULL, tb.n + 1, sizeof *scratch);
	x = tbuild_shape(&tb, order, scratch);

	/* Into the tree thread_parse makes, to flatten it the same way. */
	tnode_add(&tp, 0, -1);
	stack = xreallocarray(NULL, tb.n + 1, sizeof *stack);
	for (; x != -1; x = tb.c[x].next) {
		stack[top].cont = x;
		stack[top++].tnode = 0;
	}
	tstep_reverse(stack, 0, top);
	while (top > 0) {
		top--;
		x = stack[top].cont;
		tn = tnode_add(&tp, tb.c[x].uid, stack[top].tnode);
		i = top;
		for (ch = tb.c[x].first; ch != -1; ch = tb.c[ch].next) {
			stack[top].cont = ch;
			stack[top++].tnode = tn;
		}
		tstep_reverse(stack, i, top);
	}
	thread_flatten(&tp, oldest_first, out);

	free(stack);
	free(tp.nodes);
	free(scratch);
	free(order);
	for (i = 0; i < n; i++)
		free(copies[i]);
	free(copies);
	free(tb.hash);
	free(tb.c);
	return (0);
}
