/*
 * The message list model: order, lookup, removal and reinsertion,
 * placeholders filled in, and the UID map and string arena under it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mailbox.h"
#include "uidmap.h"
#include "xmalloc.h"

static const struct sort_order by_arrival = { SORT_ARRIVAL, 0 };
static const struct sort_order by_date = { SORT_DATE, 0 };

static uint32_t
uid_at(const struct mailbox *mb, size_t i)
{
	return (mailbox_row(mb, i)->uid);
}

static const char *
subject_at(const struct mailbox *mb, size_t i)
{
	return (mailbox_subject(mb, mailbox_row(mb, i)));
}

static uint32_t
flags_at(const struct mailbox *mb, size_t i)
{
	return (mailbox_row(mb, i)->flags);
}

static struct message
msg(uint32_t uid, uint32_t flags, const char *subject)
{
	struct message m;

	memset(&m, 0, sizeof m);
	m.uid = uid;
	m.flags = flags;
	m.subject = xstrdup(subject);
	m.from = xstrdup("someone");
	m.to = xstrdup("Bob +2");
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
	mailbox_init(&mb, "INBOX", &by_arrival);
	fill(&mb);
	assert_int_equal(mb.n, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(uid_at(&mb, i), want[i]);
	assert_string_equal(subject_at(&mb, 0), "nine");
	mailbox_free(&mb);
}

static void
test_limit(void **state)
{
	struct mailbox mb;
	struct message m;
	uint32_t       found[] = { 2, 8, 9, 11 }, order[] = { 9, 2, 5 };

	(void)state;
	mailbox_init(&mb, "INBOX", &by_arrival);
	fill(&mb);
	mailbox_limit(&mb, found, 4);
	/* Shown in the list's order; 11 is not in the list (yet). */
	assert_int_equal(mb.n, 3);
	assert_int_equal(mb.ntotal, 5);
	assert_int_equal(uid_at(&mb, 0), 9);
	assert_int_equal(uid_at(&mb, 1), 8);
	assert_int_equal(uid_at(&mb, 2), 2);
	assert_int_equal(mailbox_pos(&mb, 7), -1);
	assert_non_null(mailbox_get(&mb, 7));
	/* Hidden rows still count, and change like the others. */
	assert_int_equal(mailbox_count(&mb, 0, MSG_SEEN), 3);
	mailbox_mark_all(&mb, MSG_STALE, 1);
	assert_true(mailbox_get(&mb, 7)->flags & MSG_STALE);
	/* New rows: shown when named, kept hidden when not. */
	m = msg(11, 0, "eleven");
	mailbox_add(&mb, &m, 1);
	m = msg(10, 0, "ten");
	mailbox_add(&mb, &m, 1);
	assert_int_equal(mb.n, 4);
	assert_int_equal(uid_at(&mb, 0), 11);
	assert_int_equal(mailbox_remove(&mb, 7, NULL), 0);
	assert_int_equal(mb.ntotal, 6);
	assert_int_equal(mailbox_remove(&mb, 8, NULL), 0);
	assert_int_equal(mb.n, 3);
	/* A new order keeps the limit. */
	mailbox_set_order(&mb, order, 3);
	assert_int_equal(mb.n, 2);
	assert_int_equal(uid_at(&mb, 0), 9);
	assert_int_equal(uid_at(&mb, 1), 2);
	/* Cleared: every row, in order. */
	mailbox_limit(&mb, NULL, 0);
	assert_int_equal(mb.n, 3);
	assert_int_equal(uid_at(&mb, 2), 5);
	assert_int_equal(mailbox_pos(&mb, 5), 2);
	mailbox_free(&mb);
}

static void
test_fold(void **state)
{
	/* Threads 9 > 8 > 7 and 5 > 2, as thread.h draws them. */
	static const uint32_t uids[] = { 9, 8, 7, 5, 2 };
	static const uint32_t tree[] = { 0, 1, 2, 0, 1 };
	uint32_t	      found[] = { 8, 5, 2 };
	struct mailbox	      mb;

	(void)state;
	mailbox_init(&mb, "INBOX", &by_arrival);
	fill(&mb);
	mailbox_set_order(&mb, uids, 5);
	/* Not in threads: nothing to fold. */
	mailbox_fold(&mb, 9, 1);
	assert_int_equal(mb.n, 5);
	assert_int_equal(mailbox_folded_rows(&mb, 9), 0);
	mailbox_set_tree(&mb, uids, tree, 5);
	assert_int_equal(mb.n, 3);
	assert_int_equal(uid_at(&mb, 0), 9);
	assert_int_equal(uid_at(&mb, 1), 5);
	assert_int_equal(mailbox_folded_rows(&mb, 9), 2);
	assert_int_equal(mailbox_pos(&mb, 7), -1);
	assert_int_equal(mailbox_thread_start(&mb, 2), 5);
	/* With a limit the hidden count is of the rows it shows. */
	mailbox_limit(&mb, found, 3);
	assert_int_equal(mb.n, 3);
	assert_int_equal(uid_at(&mb, 0), 8);
	mailbox_limit(&mb, NULL, 0);
	mailbox_fold(&mb, 9, 0);
	assert_int_equal(mb.n, 5);
	assert_int_equal(mailbox_thread_start(&mb, 2), 9);
	mailbox_fold_all(&mb, 1);
	assert_int_equal(mb.n, 2);
	assert_int_equal(mailbox_folded_rows(&mb, 5), 1);
	mailbox_fold_all(&mb, 0);
	assert_int_equal(mb.n, 5);
	mailbox_free(&mb);
}

static void
test_find(void **state)
{
	struct mailbox mb;

	(void)state;
	mailbox_init(&mb, "INBOX", &by_arrival);
	assert_int_equal(mailbox_pos(&mb, 1), -1);
	fill(&mb);
	assert_int_equal(mailbox_pos(&mb, 9), 0);
	assert_int_equal(mailbox_pos(&mb, 5), 3);
	assert_int_equal(mailbox_pos(&mb, 2), 4);
	assert_int_equal(mailbox_pos(&mb, 6), -1);
	assert_int_equal(mailbox_pos(&mb, 100), -1);
	assert_int_equal(mailbox_pos(&mb, 0), -1);
	mailbox_free(&mb);
}

static void
test_remove_and_reinsert(void **state)
{
	struct mailbox mb;
	struct message out;

	(void)state;
	mailbox_init(&mb, "INBOX", &by_arrival);
	fill(&mb);
	assert_int_equal(mailbox_remove(&mb, 8, &out), 0);
	assert_int_equal(mb.n, 4);
	assert_int_equal(mailbox_pos(&mb, 8), -1);
	assert_string_equal(out.subject, "eight");
	assert_int_equal(mailbox_remove(&mb, 8, NULL), -1);
	mailbox_add(&mb, &out, 1);
	assert_int_equal(mb.n, 5);
	assert_int_equal(mailbox_pos(&mb, 8), 1);
	assert_int_equal(flags_at(&mb, 1), MSG_SEEN | MSG_FLAGGED);
	/* A UID already there is replaced, not added twice. */
	out = msg(8, 0, "again");
	mailbox_add(&mb, &out, 1);
	assert_int_equal(mb.n, 5);
	assert_string_equal(subject_at(&mb, 1), "again");
	/* The ends. */
	out = msg(1, 0, "one");
	mailbox_add(&mb, &out, 1);
	out = msg(10, 0, "ten");
	mailbox_add(&mb, &out, 1);
	assert_int_equal(uid_at(&mb, 0), 10);
	assert_int_equal(uid_at(&mb, mb.n - 1), 1);
	assert_int_equal(mailbox_remove(&mb, 10, NULL), 0);
	assert_int_equal(mailbox_remove(&mb, 1, NULL), 0);
	assert_int_equal(uid_at(&mb, 0), 9);
	mailbox_free(&mb);
}

static void
test_refetch_keeps_one_row(void **state)
{
	struct mailbox mb;
	struct message chunk[2];

	(void)state;
	mailbox_init(&mb, "INBOX", &by_arrival);
	fill(&mb);
	chunk[0] = msg(5, MSG_SEEN, "five");
	chunk[1] = msg(11, 0, "eleven");
	mailbox_add(&mb, chunk, 2);
	assert_int_equal(mb.n, 6);
	assert_int_equal(uid_at(&mb, 0), 11);
	assert_int_equal(mailbox_pos(&mb, 5), 4);
	/* The refetched row is the one kept, whatever the sort did. */
	assert_int_equal(flags_at(&mb, 4), MSG_SEEN);
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
	mailbox_init(&mb, "INBOX", &by_arrival);
	fill(&mb);
	mailbox_mark_all(&mb, MSG_STALE, 1);
	for (i = 0; i < mb.n; i++)
		assert_true(flags_at(&mb, i) & MSG_STALE);
	chunk[0] = msg(9, 0, "nine again");
	chunk[1] = msg(2, MSG_SEEN, "two again");
	mailbox_add(&mb, chunk, 2);
	assert_int_equal(mailbox_remove_flagged(&mb, MSG_STALE), 3);
	assert_int_equal(mb.n, 2);
	assert_int_equal(uid_at(&mb, 0), 9);
	assert_string_equal(subject_at(&mb, 0), "nine again");
	assert_int_equal(uid_at(&mb, 1), 2);
	assert_int_equal(flags_at(&mb, 1), MSG_SEEN);
	mailbox_free(&mb);
}

static void
test_count(void **state)
{
	struct mailbox mb;

	(void)state;
	mailbox_init(&mb, "INBOX", &by_arrival);
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
	mailbox_init(&mb, "INBOX", &by_arrival);
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
		assert_int_equal(uid_at(&mb, i), 5000 - i);
	assert_int_equal(mailbox_pos(&mb, 1234), 5000 - 1234);
	mailbox_free(&mb);
}

/* The server's order comes first: placeholders, filled in where they are. */
static void
test_order_then_fill(void **state)
{
	struct mailbox mb;
	struct message chunk[3];
	uint32_t       order[] = { 4, 9, 1, 7 };
	uint32_t       again[] = { 9, 7, 12 };

	(void)state;
	mailbox_init(&mb, "INBOX", &by_date);
	mailbox_set_order(&mb, order, 4);
	assert_int_equal(mb.n, 4);
	assert_int_equal(mb.nheld, 4);
	assert_int_equal(uid_at(&mb, 0), 4);
	assert_true(flags_at(&mb, 2) & MSG_UNLOADED);
	/* Placeholders are not unread mail. */
	assert_int_equal(mailbox_count(&mb, 0, MSG_SEEN), 0);
	chunk[0] = msg(1, 0, "one");
	chunk[1] = msg(9, MSG_SEEN, "nine");
	mailbox_add(&mb, chunk, 2);
	assert_int_equal(mb.nheld, 2);
	assert_int_equal(uid_at(&mb, 1), 9);
	assert_string_equal(subject_at(&mb, 1), "nine");
	assert_int_equal(flags_at(&mb, 1), MSG_SEEN);
	assert_int_equal(uid_at(&mb, 2), 1);
	assert_int_equal(mailbox_count(&mb, 0, MSG_SEEN), 1);
	/* A new order: 4 and 1 are gone, 12 is new, the others keep data. */
	mailbox_set_order(&mb, again, 3);
	assert_int_equal(mb.n, 3);
	assert_null(mailbox_get(&mb, 4));
	assert_null(mailbox_get(&mb, 1));
	assert_string_equal(subject_at(&mb, 0), "nine");
	assert_true(flags_at(&mb, 2) & MSG_UNLOADED);
	assert_int_equal(mb.nheld, 2);
	mailbox_free(&mb);
}

/* By date, newest first; a new message finds its place among them. */
static void
test_date_order(void **state)
{
	struct mailbox mb;
	struct message chunk[70];
	size_t	       i;

	(void)state;
	mailbox_init(&mb, "INBOX", &by_date);
	chunk[0] = msg(1, 0, "late");
	chunk[0].date = 3000;
	chunk[1] = msg(2, 0, "early");
	chunk[1].date = 1000;
	chunk[2] = msg(3, 0, "middle");
	chunk[2].date = 2000;
	mailbox_add(&mb, chunk, 3);
	assert_int_equal(uid_at(&mb, 0), 1);
	assert_int_equal(uid_at(&mb, 1), 3);
	assert_int_equal(uid_at(&mb, 2), 2);
	chunk[0] = msg(4, 0, "between");
	chunk[0].date = 2500;
	mailbox_add(&mb, chunk, 1);
	assert_int_equal(uid_at(&mb, 1), 4);
	/*
	 * Same date: the lower UID (the earlier arrival) on top, as the
	 * server's REVERSE DATE has it (RFC 5256 breaks ties in mailbox
	 * order whatever the direction; Dovecot does).
	 */
	chunk[0] = msg(5, 0, "tie");
	chunk[0].date = 2000;
	mailbox_add(&mb, chunk, 1);
	assert_int_equal(uid_at(&mb, 2), 3);
	assert_int_equal(uid_at(&mb, 3), 5);
	/* Many at once sort the whole list. */
	for (i = 0; i < 70; i++) {
		chunk[i] = msg(100 + (uint32_t)i, 0, "bulk");
		chunk[i].date = 500 + (time_t)i;
	}
	mailbox_add(&mb, chunk, 70);
	assert_int_equal(mb.n, 75);
	assert_int_equal(uid_at(&mb, 0), 1);
	assert_int_equal(uid_at(&mb, 5), 169);
	assert_int_equal(uid_at(&mb, 74), 100);
	mailbox_free(&mb);
}

/* Rows replaced over and over: the arena is compacted, nothing is lost. */
static void
test_arena_compacts(void **state)
{
	struct mailbox mb;
	struct message m;
	char	       subject[64];
	uint32_t       uid;
	int	       round;

	(void)state;
	mailbox_init(&mb, "INBOX", &by_arrival);
	for (round = 0; round < 40; round++) {
		for (uid = 1; uid <= 1000; uid++) {
			snprintf(subject, sizeof subject,
			    "round %d of message %u, a longer subject", round,
			    uid);
			m = msg(uid, 0, subject);
			mailbox_add(&mb, &m, 1);
		}
	}
	assert_true(mb.strs.len < 2 * 1024 * 1024);
	assert_int_equal(mb.n, 1000);
	assert_string_equal(mailbox_subject(&mb, mailbox_get(&mb, 77)),
	    "round 39 of message 77, a longer subject");
	assert_string_equal(mailbox_from(&mb, mailbox_get(&mb, 1000)),
	    "someone");
	assert_string_equal(mailbox_to(&mb, mailbox_get(&mb, 1000)), "Bob +2");
	mailbox_free(&mb);
}

/* The UID map against a plain array, through growth and deletion. */
static void
test_uidmap(void **state)
{
	struct uidmap m;
	uint32_t     *ref, v, uid;
	size_t	      i;

	(void)state;
	uidmap_init(&m);
	ref = xcalloc(20001, sizeof *ref);
	for (i = 0; i < 200000; i++) {
		uid = 1 + (uint32_t)((i * 7919) % 20000);
		if (i % 3 == 2) {
			uidmap_del(&m, uid);
			ref[uid] = 0;
		} else {
			uidmap_put(&m, uid, (uint32_t)i + 1);
			ref[uid] = (uint32_t)i + 1;
		}
	}
	for (uid = 1; uid <= 20000; uid++) {
		if (ref[uid] == 0)
			assert_int_equal(uidmap_get(&m, uid, &v), -1);
		else {
			assert_int_equal(uidmap_get(&m, uid, &v), 0);
			assert_int_equal(v, ref[uid]);
		}
	}
	assert_int_equal(uidmap_get(&m, 0, &v), -1);
	free(ref);
	uidmap_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_is_highest_uid_first),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_remove_and_reinsert),
		cmocka_unit_test(test_refetch_keeps_one_row),
		cmocka_unit_test(test_refresh_drops_stale),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_large_list),
		cmocka_unit_test(test_order_then_fill),
		cmocka_unit_test(test_date_order),
		cmocka_unit_test(test_arena_compacts),
		cmocka_unit_test(test_uidmap),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
