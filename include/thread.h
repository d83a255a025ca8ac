/*
 * Thread order: the messages of a folder as the server's THREAD answer
 * (RFC 5256) nests them, flattened into rows, each with the shape of the
 * tree lines drawn before its subject.
 */
#ifndef TERN_THREAD_H
#define TERN_THREAD_H

#include <stddef.h>
#include <stdint.h>

/*
 * A row's tree bits: its depth (0 for the start of a thread) in the low
 * five bits, and for each level 1..27 down to its own, whether the message
 * at that level of its path has a sibling below it (a line goes on).
 */
#define THREAD_DEPTH_MAX 31
#define THREAD_LEVELS 27
#define THREAD_DEPTH(t) ((t)&0x1fU)
#define THREAD_MORE(t, level)                        \
	((level) >= 1 && (level) <= THREAD_LEVELS && \
	    (((t) >> (4 + (level))) & 1U))

struct thread_order {
	uint32_t *uids; /* top row first */
	uint32_t *tree; /* the tree bits of each */
	size_t	  n;
};

/*
 * Parse the thread list of a THREAD answer ("(2)(3 6 (4 23)(44 7 96))").
 * The threads come out newest first (the server lists the oldest first),
 * or as the server lists them with oldest_first; each thread top-down.
 * A message without a parent of its own that the server grouped under a
 * missing one starts a thread beside its siblings.  0, or -1 if the text
 * is not a thread list (then out is empty).
 */
int thread_parse(const char *, size_t, int oldest_first, struct thread_order *);
void thread_order_free(struct thread_order *);
/*
 * The rows of t, and each UID of rest that t lacks as a thread of its own
 * (depth 0), in the order of rest: after t's rows, or before them with
 * oldest_first.  The order to show while only some messages are threaded;
 * a UID 0 in rest is skipped.
 */
void thread_order_flat(const struct thread_order *, const uint32_t *, size_t,
    int oldest_first, struct thread_order *);

/* A message as thread_build needs it. */
struct thread_msg {
	uint32_t    uid;
	int64_t	    date;  /* sent, seconds; 0 if not known */
	const char *msgid; /* "<...>", or NULL */
	const char *refs;  /* its parents' ids, oldest first ("<a> <b>") */
};
/* The last ids of a References field that thread_build uses. */
#define THREAD_REFS_MAX 32

/*
 * Threads made locally, by RFC 5256's REFERENCES without its grouping by
 * subject, into the same rows as thread_parse.  0.
 */
int thread_build(const struct thread_msg *, size_t, int oldest_first,
    struct thread_order *);
/*
 * The tree lines of a row ("│ ├─>", UTF-8) into buf, "" for depth 0;
 * the bytes written, truncated to size - 1.
 */
size_t thread_prefix(uint32_t, char *, size_t);

#endif
