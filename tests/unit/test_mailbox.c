/* The message list model: order, lookup, removal and reinsertion. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mailbox.h"
#include "xmalloc.h"

static struct message
msg(uint32_t uid, uint32_t flags, const char *subject)
{
	struct message m;

	memset(&m, 0, sizeof m);
	m.uid = uid;
	m.flags = flags;
	m.subject = xstrdup(subject);
	m.from = xstrdup("someone");
	return (m);
}

static void
fill(struct mailbox *mb)
{
	struct message chunk[4];

	/* Chunks arrive newest first but not sorted inside. */
	chunk[0] = msg(7, 0, "seven");
	chunk[1] = msg(9, MSG_SEEN, "nine");
	chunk[2] = msg(8, MSG_SEEN | MSG_FLAGGED, "eight");
	mailbox_add(mb, chunk, 3);
	chunk[0] = msg(2, MSG_DELETED, "two");
	chunk[1] = msg(5, 0, "five");
	mailbox_add(mb, chunk, 2);
}

static void
test_order_is_highest_uid_first(void **state)
{
	struct mailbox mb;
	uint32_t       want[] = { 9, 8, 7, 5, 2 };
	size_t	       i;

	(void)state;
	mailbox_init(&mb, "INBOX");
	fill(&mb);
	assert_int_equal(mb.n, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(mb.msgs[i].uid, want[i]);
	assert_string_equal(mb.msgs[0].subject, "nine");
	mailbox_free(&mb);
}

static void
test_find(void **state)
{
	struct mailbox mb;

	(void)state;
	mailbox_init(&mb, "INBOX");
	assert_int_equal(mailbox_find(&mb, 1), -1);
	fill(&mb);
	assert_int_equal(mailbox_find(&mb, 9), 0);
	assert_int_equal(mailbox_find(&mb, 5), 3);
	assert_int_equal(mailbox_find(&mb, 2), 4);
	assert_int_equal(mailbox_find(&mb, 6), -1);
	assert_int_equal(mailbox_find(&mb, 100), -1);
	assert_int_equal(mailbox_find(&mb, 0), -1);
	mailbox_free(&mb);
}

static void
test_remove_and_reinsert(void **state)
{
	struct mailbox mb;
	struct message out;

	(void)state;
	mailbox_init(&mb, "INBOX");
	fill(&mb);
	assert_int_equal(mailbox_remove(&mb, 8, &out), 0);
	assert_int_equal(mb.n, 4);
	assert_int_equal(mailbox_find(&mb, 8), -1);
	assert_string_equal(out.subject, "eight");
	assert_int_equal(mailbox_remove(&mb, 8, NULL), -1);
	mailbox_insert(&mb, &out);
	assert_int_equal(mb.n, 5);
	assert_int_equal(mailbox_find(&mb, 8), 1);
	assert_int_equal(mb.msgs[1].flags, MSG_SEEN | MSG_FLAGGED);
	/* A UID already there is not added twice. */
	out = msg(8, 0, "again");
	mailbox_insert(&mb, &out);
	assert_int_equal(mb.n, 5);
	assert_string_equal(mb.msgs[1].subject, "eight");
	/* The ends. */
	out = msg(1, 0, "one");
	mailbox_insert(&mb, &out);
	out = msg(10, 0, "ten");
	mailbox_insert(&mb, &out);
	assert_int_equal(mb.msgs[0].uid, 10);
	assert_int_equal(mb.msgs[mb.n - 1].uid, 1);
	assert_int_equal(mailbox_remove(&mb, 10, NULL), 0);
	assert_int_equal(mailbox_remove(&mb, 1, NULL), 0);
	assert_int_equal(mb.msgs[0].uid, 9);
	mailbox_free(&mb);
}

static void
test_refetch_keeps_one_row(void **state)
{
	struct mailbox mb;
	struct message chunk[2];

	(void)state;
	mailbox_init(&mb, "INBOX");
	fill(&mb);
	chunk[0] = msg(5, MSG_SEEN, "five");
	chunk[1] = msg(11, 0, "eleven");
	mailbox_add(&mb, chunk, 2);
	assert_int_equal(mb.n, 6);
	assert_int_equal(mb.msgs[0].uid, 11);
	assert_int_equal(mailbox_find(&mb, 5), 4);
	/* The refetched row is the one kept, whatever the sort did. */
	assert_int_equal(mb.msgs[4].flags, MSG_SEEN);
	mailbox_free(&mb);
}

/* A refresh: rows not seen again are dropped, the others replaced. */
static void
test_refresh_drops_stale(void **state)
{
	struct mailbox mb;
	struct message chunk[2];
	size_t	       i;

	(void)state;
	mailbox_init(&mb, "INBOX");
	fill(&mb);
	mailbox_mark_all(&mb, MSG_STALE, 1);
	for (i = 0; i < mb.n; i++)
		assert_true(mb.msgs[i].flags & MSG_STALE);
	chunk[0] = msg(9, 0, "nine again");
	chunk[1] = msg(2, MSG_SEEN, "two again");
	mailbox_add(&mb, chunk, 2);
	assert_int_equal(mailbox_remove_flagged(&mb, MSG_STALE), 3);
	assert_int_equal(mb.n, 2);
	assert_int_equal(mb.msgs[0].uid, 9);
	assert_string_equal(mb.msgs[0].subject, "nine again");
	assert_int_equal(mb.msgs[1].uid, 2);
	assert_int_equal(mb.msgs[1].flags, MSG_SEEN);
	mailbox_free(&mb);
}

static void
test_count(void **state)
{
	struct mailbox mb;

	(void)state;
	mailbox_init(&mb, "INBOX");
	fill(&mb);
	assert_int_equal(mailbox_count(&mb, 0, MSG_SEEN), 3);
	assert_int_equal(mailbox_count(&mb, MSG_SEEN, 0), 2);
	assert_int_equal(mailbox_count(&mb, MSG_DELETED, 0), 1);
	assert_int_equal(mailbox_count(&mb, MSG_SEEN | MSG_FLAGGED, 0), 1);
	assert_int_equal(mailbox_count(&mb, 0, 0), 5);
	mailbox_free(&mb);
}

static void
test_large_list(void **state)
{
	struct mailbox	mb;
	struct message *chunk;
	uint32_t	uid;
	size_t		i;

	(void)state;
	mailbox_init(&mb, "INBOX");
	/* 10 chunks of 500 from the top down, as the fetch sends them. */
	for (uid = 5000; uid > 0; uid -= 500) {
		chunk = xreallocarray(NULL, 500, sizeof *chunk);
		for (i = 0; i < 500; i++)
			chunk[i] = msg(uid - 499 + (uint32_t)i, 0, "x");
		mailbox_add(&mb, chunk, 500);
		free(chunk);
	}
	assert_int_equal(mb.n, 5000);
	for (i = 0; i < mb.n; i++)
		assert_int_equal(mb.msgs[i].uid, 5000 - i);
	assert_int_equal(mailbox_find(&mb, 1234), 5000 - 1234);
	mailbox_free(&mb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_is_highest_uid_first),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_remove_and_reinsert),
		cmocka_unit_test(test_refetch_keeps_one_row),
		cmocka_unit_test(test_refresh_drops_stale),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_large_list),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
