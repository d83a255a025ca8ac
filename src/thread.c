/*
 * thread.c turns the thread list of a THREAD answer into rows with tree
 * bits, and tree bits into the lines drawn before a subject.  The text
 * comes from the server: the parser takes nothing on trust (nesting is
 * capped, a chain of replies is walked without recursion).
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
