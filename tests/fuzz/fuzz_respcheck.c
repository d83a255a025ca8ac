/*
 * fuzz_respcheck.c feeds server bytes to the response checker in chunks
 * of random sizes, and checks that the verdict does not depend on how the
 * bytes were cut: a checker a server can get round by splitting a
 * response across reads would protect nothing.  The runs it takes whole
 * must leave it as respcheck_feed_bytes, a byte at a time, does.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "respcheck.h"

/* How much of the tail is the line's: where it is moved is not state. */
static size_t
fuzz_tail_len(const struct respcheck *rc)
{
	return (rc->tail_len < RESPCHECK_TAIL ? rc->tail_len : RESPCHECK_TAIL);
}

/* Whether two checkers are in the same state, as far as it is defined. */
static int
fuzz_same(const struct respcheck *a, const struct respcheck *b)
{
	return (a->literal == b->literal && a->line_len == b->line_len &&
	    a->depth == b->depth && a->in_quote == b->in_quote &&
	    a->escaped == b->escaped && a->at_response == b->at_response &&
	    a->numeric == b->numeric && a->in_status == b->in_status &&
	    a->body_depth == b->body_depth && a->body_lists == b->body_lists &&
	    a->word_len == b->word_len &&
	    memcmp(a->word, b->word, a->word_len) == 0 &&
	    a->word_digits == b->word_digits && a->word_big == b->word_big &&
	    a->value == b->value && strcmp(a->prev, b->prev) == 0 &&
	    a->ntokens == b->ntokens && a->head_len == b->head_len &&
	    memcmp(a->head, b->head, a->head_len) == 0 &&
	    fuzz_tail_len(a) == fuzz_tail_len(b) &&
	    memcmp(a->tail + a->tail_len - fuzz_tail_len(a),
		b->tail + b->tail_len - fuzz_tail_len(b),
		fuzz_tail_len(a)) == 0 &&
	    strcmp(a->why, b->why) == 0 && strcmp(a->bye, b->bye) == 0 &&
	    strcmp(a->tag, b->tag) == 0 && a->failed == b->failed);
}

/* The verdict on the bytes fed in chunks cut by the seed (0: at once). */
static int
fuzz_feed(const char *p, size_t len, uint32_t seed)
{
	struct respcheck rc, ref;
	size_t		 n;
	int		 r = 0;

	respcheck_init(&rc, 4096);
	respcheck_init(&ref, 4096);
	(void)respcheck_feed_bytes(&ref, p, len);
	while (len > 0 && r == 0) {
		if (seed == 0)
			n = len;
		else {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			n = 1 + seed % (seed & 0x100 ? 3 : 64);
			if (n > len)
				n = len;
		}
		r = respcheck_feed(&rc, p, n);
		p += n;
		len -= n;
	}
	/* Once refused, refused for good. */
	if (r != 0 && respcheck_feed(&rc, "\r\n", 2) == 0)
		abort();
	/* The same verdict as a byte at a time, and the same state. */
	if ((r != 0) != (ref.failed != 0) || (r == 0 && !fuzz_same(&rc, &ref)))
		abort();
	return (r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	uint32_t seed;

	if (len < 4)
		return (0);
	memcpy(&seed, data, 4);
	seed |= 1;
	if (fuzz_feed((const char *)data + 4, len - 4, 0) !=
	    fuzz_feed((const char *)data + 4, len - 4, seed))
		abort();
	return (0);
}
