/*
 * The cache file: the journal keeps a change until it is confirmed, across
 * a reopen (a new run), and the header cache keeps rows under their
 * UIDVALIDITY.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cache.h"
#include "cache_db.h"
#include "journal.h"
#include "xmalloc.h"

static char test_dir[] = "/tmp/tern-test-journal.XXXXXX";

static char *
test_path(void)
{
	return (xasprintf("%s/sub/acct.db", test_dir));
}

static int
setup(void **state)
{
	(void)state;
	strcpy(test_dir + strlen(test_dir) - 6, "XXXXXX");
	return (mkdtemp(test_dir) == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	char *cmd;

	(void)state;
	cmd = xasprintf("rm -rf '%s'", test_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", test_dir);
	free(cmd);
	return (0);
}

static void
test_uids_round_trip(void **state)
{
	static const uint32_t uids[] = { 1, 42, 4294967295u };
	uint32_t	     *back;
	size_t		      n;
	char		     *s;

	(void)state;
	s = journal_uids_format(uids, 3);
	assert_string_equal(s, "1,42,4294967295");
	assert_int_equal(journal_uids_parse(s, &back, &n), 0);
	assert_int_equal(n, 3);
	assert_memory_equal(back, uids, sizeof uids);
	free(back);
	free(s);
	assert_int_equal(journal_uids_parse("", &back, &n), -1);
	assert_int_equal(journal_uids_parse("1,,2", &back, &n), -1);
	assert_int_equal(journal_uids_parse("0", &back, &n), -1);
	assert_int_equal(journal_uids_parse("4294967296", &back, &n), -1);
	assert_int_equal(journal_uids_parse("7,x", &back, &n), -1);
	assert_null(back);
}

static void
test_journal_survives_reopen(void **state)
{
	struct journal	    *j;
	struct journal_entry e, *list;
	uint32_t	     uids[] = { 3, 5 };
	char		    *ids[] = { "<a@example>", NULL };
	char		    *path, *err = NULL;
	int64_t		     first, second;
	size_t		     n;
	struct stat	     st;

	(void)state;
	path = test_path();
	j = journal_open(path, &err);
	assert_non_null(j);
	/* Mail is private. */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);

	memset(&e, 0, sizeof e);
	e.op = JOURNAL_MOVE;
	e.folder = "INBOX";
	e.uidvalidity = 77;
	e.target = "Archive";
	e.uids = uids;
	e.message_ids = ids;
	e.nuids = 2;
	first = journal_add(j, &e);
	assert_true(first > 0);
	memset(&e, 0, sizeof e);
	e.op = JOURNAL_STORE;
	e.folder = "Work";
	e.uids = uids;
	e.nuids = 1;
	e.add = 4;
	e.remove = 1;
	second = journal_add(j, &e);
	assert_true(second > first);
	/* A crash here: nothing is lost. */
	journal_close(j);

	j = journal_open(path, &err);
	assert_non_null(j);
	n = journal_load(j, 0, &list);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, first);
	assert_int_equal(list[0].op, JOURNAL_MOVE);
	assert_string_equal(list[0].folder, "INBOX");
	assert_int_equal(list[0].uidvalidity, 77);
	assert_string_equal(list[0].target, "Archive");
	assert_int_equal(list[0].nuids, 2);
	assert_int_equal(list[0].uids[1], 5);
	assert_string_equal(list[0].message_ids[0], "<a@example>");
	assert_null(list[0].message_ids[1]);
	assert_int_equal(list[1].op, JOURNAL_STORE);
	assert_null(list[1].target);
	assert_null(list[1].message_ids);
	assert_int_equal(list[1].add, 4);
	assert_int_equal(list[1].remove, 1);
	journal_entries_free(list, n);

	/* Confirmed: gone.  Refused: kept apart, with the server's words. */
	assert_int_equal(journal_done(j, first), 0);
	assert_int_equal(journal_fail(j, second, "NO [OVERQUOTA] full"), 0);
	assert_int_equal(journal_load(j, 0, &list), 0);
	n = journal_load(j, 1, &list);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, second);
	assert_string_equal(list[0].error, "NO [OVERQUOTA] full");
	journal_entries_free(list, n);
	assert_int_equal(journal_clear_failed(j), 0);
	assert_int_equal(journal_load(j, 1, &list), 0);
	journal_close(j);
	free(path);
}

static struct message
row(uint32_t uid, uint32_t flags, const char *subject)
{
	struct message m;

	memset(&m, 0, sizeof m);
	m.uid = uid;
	m.flags = flags;
	m.subject = xstrdup(subject);
	m.from = xstrdup("Ann");
	m.to = uid % 2 == 0 ? xstrdup("Bob +1") : NULL;
	m.message_id = xasprintf("<%u@example>", uid);
	m.date = 1700000000 + uid;
	return (m);
}

static void
free_rows(struct message *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		message_clear(&m[i]);
	free(m);
}

/* Every cached row of a folder, newest arrival first. */
static size_t
cached_rows(struct cache *c, const char *folder, struct message **out)
{
	struct sort_order arrival = { SORT_ARRIVAL, 0 };
	uint32_t	 *uids, *flags;
	size_t		  n, k;

	n = cache_order(c, folder, &arrival, &uids, &flags);
	k = cache_rows(c, folder, uids, n, out);
	assert_int_equal(k, n);
	free(uids);
	free(flags);
	return (k);
}

/*
 * Rows go to the cache's writer thread: more chunks than it holds, then
 * a change and a read on the worker's connection, which must come after
 * every one of them, and a reopen that finds them all.
 */
static void
test_cache_writer_order(void **state)
{
	struct cache  *c;
	struct message rows[50], *back;
	char	      *path, *err = NULL;
	uint32_t       uid = 1;
	size_t	       n, i, k;

	(void)state;
	path = test_path();
	c = cache_open(path, &err);
	assert_non_null(c);
	assert_int_equal(cache_select(c, "INBOX", 10), 0);
	for (k = 0; k < 20; k++) {
		for (i = 0; i < 50; i++)
			rows[i] = row(uid++, 0, "chunk");
		cache_put(c, "INBOX", rows, 50);
		for (i = 0; i < 50; i++)
			message_clear(&rows[i]);
	}
	cache_change_flags(c, "INBOX", (uint32_t[]){ 1000 }, 1, MSG_SEEN, 0);
	cache_remove(c, "INBOX", (uint32_t[]){ 999 }, 1);
	n = cached_rows(c, "INBOX", &back);
	assert_int_equal(n, 999);
	assert_int_equal(back[0].uid, 1000);
	assert_int_equal(back[0].flags, MSG_SEEN);
	assert_int_equal(back[1].uid, 998);
	assert_string_equal(back[998].message_id, "<1@example>");
	assert_string_equal(back[997].to, "Bob +1");
	free_rows(back, n);
	/* What was handed over and not yet read is written before the end. */
	rows[0] = row(2000, 0, "last");
	cache_put(c, "INBOX", rows, 1);
	message_clear(&rows[0]);
	cache_close(c);
	c = cache_open(path, &err);
	assert_non_null(c);
	n = cached_rows(c, "INBOX", &back);
	assert_int_equal(n, 1000);
	assert_int_equal(back[0].uid, 2000);
	free_rows(back, n);
	cache_close(c);
	free(path);
}

static void
test_cache_rows(void **state)
{
	struct cache	 *c;
	struct message	  rows[3], *back;
	struct cache_body body, got;
	uint32_t	  gone = 2;
	char		 *path, *err = NULL;
	size_t		  n, i;

	(void)state;
	path = test_path();
	c = cache_open(path, &err);
	assert_non_null(c);
	assert_int_equal(cache_select(c, "INBOX", 10), 0);
	rows[0] = row(1, 0, "one");
	rows[1] = row(2, MSG_SEEN, "two");
	rows[2] = row(3, MSG_FLAGGED | MSG_PENDING, "three");
	cache_put(c, "INBOX", rows, 3);
	for (i = 0; i < 3; i++)
		message_clear(&rows[i]);

	n = cached_rows(c, "INBOX", &back);
	assert_int_equal(n, 3);
	assert_int_equal(back[0].uid, 3);
	/* Only what the server knows is kept. */
	assert_int_equal(back[0].flags, MSG_FLAGGED);
	assert_string_equal(back[1].subject, "two");
	/* The list's To column: kept, and absent stays absent. */
	assert_string_equal(back[1].to, "Bob +1");
	assert_null(back[0].to);
	assert_string_equal(back[2].message_id, "<1@example>");
	free_rows(back, n);

	cache_change_flags(c, "INBOX", &gone, 1, MSG_FLAGGED, MSG_SEEN);
	cache_remove(c, "INBOX", (uint32_t[]){ 3 }, 1);
	n = cached_rows(c, "INBOX", &back);
	assert_int_equal(n, 2);
	assert_int_equal(back[0].uid, 2);
	assert_int_equal(back[0].flags, MSG_FLAGGED);
	free_rows(back, n);

	memset(&body, 0, sizeof body);
	body.text = "Hello";
	body.subject = "two";
	cache_body_put(c, "INBOX", 2, &body);
	assert_int_equal(cache_body_get(c, "INBOX", 2, &got), 0);
	assert_string_equal(got.text, "Hello");
	assert_string_equal(got.subject, "two");
	assert_null(got.from);
	cache_body_clear(&got);
	assert_int_equal(cache_body_get(c, "INBOX", 1, &got), -1);

	/* By date, newest first; rows asked for in that order come so. */
	rows[0] = row(7, 0, "old");
	rows[0].date = 1800000100;
	rows[1] = row(8, 0, "new");
	rows[1].date = 1800000300;
	rows[2] = row(9, 0, "middle");
	rows[2].date = 1800000200;
	cache_put(c, "INBOX", rows, 3);
	for (i = 0; i < 3; i++)
		message_clear(&rows[i]);
	{
		struct sort_order bydate = { SORT_DATE, 0 };
		uint32_t	 *uids, *flags;

		n = cache_order(c, "INBOX", &bydate, &uids, &flags);
		assert_int_equal(n, 5);
		assert_int_equal(uids[0], 8);
		assert_int_equal(uids[1], 9);
		assert_int_equal(uids[2], 7);
		assert_int_equal(uids[3], 2);
		assert_int_equal(flags[3], MSG_FLAGGED);
		assert_int_equal(cache_rows(c, "INBOX", uids + 1, 2, &back), 2);
		assert_string_equal(back[0].subject, "middle");
		assert_string_equal(back[1].subject, "old");
		free_rows(back, 2);
		free(uids);
		free(flags);
	}

	/* Another UIDVALIDITY: the rows and bodies mean other mail. */
	assert_int_equal(cache_select(c, "INBOX", 10), 0);
	assert_int_equal(cache_select(c, "INBOX", 11), 1);
	assert_int_equal(cache_uidvalidity(c, "INBOX"), 11);
	assert_int_equal(cached_rows(c, "INBOX", &back), 0);
	free(back);
	assert_int_equal(cache_body_get(c, "INBOX", 2, &got), -1);
	cache_close(c);
	free(path);
}

static void
test_cache_folders(void **state)
{
	struct cache_folder list[2], *back;
	struct cache	   *c;
	struct message	    r, *rows;
	char		   *path, *err = NULL;
	size_t		    n;

	(void)state;
	path = test_path();
	c = cache_open(path, &err);
	assert_non_null(c);
	memset(list, 0, sizeof list);
	list[0].wire = "INBOX";
	list[0].delim = '/';
	list[1].wire = "Old";
	list[1].delim = '/';
	cache_folders_replace(c, list, 2);
	cache_folder_counts(c, "INBOX", 12, 3);
	cache_select(c, "Old", 5);
	r = row(1, 0, "old");
	cache_put(c, "Old", &r, 1);
	message_clear(&r);

	n = cache_folders(c, &back);
	assert_int_equal(n, 2);
	assert_string_equal(back[0].wire, "INBOX");
	assert_int_equal(back[0].delim, '/');
	assert_int_equal(back[0].messages, 12);
	assert_int_equal(back[0].unseen, 3);
	cache_folders_free(back, n);

	/* A folder gone from the server goes from the cache, with its mail. */
	cache_folders_replace(c, list, 1);
	n = cache_folders(c, &back);
	assert_int_equal(n, 1);
	cache_folders_free(back, n);
	assert_int_equal(cached_rows(c, "Old", &rows), 0);
	free(rows);
	cache_close(c);

	/* Every call takes a NULL cache. */
	assert_int_equal(cached_rows(NULL, "INBOX", &rows), 0);
	assert_int_equal(cache_select(NULL, "INBOX", 1), 0);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uids_round_trip),
		cmocka_unit_test_setup_teardown(test_journal_survives_reopen,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_writer_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cache_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cache_folders, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
