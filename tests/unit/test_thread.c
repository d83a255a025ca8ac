/* THREAD answers turned into rows with tree bits, and the lines drawn. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "thread.h"

static int
parse(const char *s, int oldest_first, struct thread_order *t)
{
	return (thread_parse(s, strlen(s), oldest_first, t));
}

/* The rows as "uid:prefix" joined by commas, for one comparison. */
static void
rows(const struct thread_order *t, char *buf, size_t size)
{
	char   prefix[256];
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < t->n; i++) {
		thread_prefix(t->tree[i], prefix, sizeof prefix);
		at += (size_t)snprintf(buf + at, size - at, "%s%u:%s",
		    i > 0 ? "," : "", t->uids[i], prefix);
	}
}

static void
test_thread_rfc_example(void **state)
{
	struct thread_order t;
	char		    buf[512];

	(void)state;
	/* RFC 5256's example: 3 -> 6 -> {4 -> 23, 44 -> 7 -> 96}. */
	assert_int_equal(parse("(2)(3 6 (4 23)(44 7 96))", 1, &t), 0);
	rows(&t, buf, sizeof buf);
	assert_string_equal(buf,
	    "2:,3:,6:\xe2\x94\x94\xe2\x94\x80>,"
	    "4:  \xe2\x94\x9c\xe2\x94\x80>,"
	    "23:  \xe2\x94\x82 \xe2\x94\x94\xe2\x94\x80>,"
	    "44:  \xe2\x94\x94\xe2\x94\x80>,"
	    "7:    \xe2\x94\x94\xe2\x94\x80>,"
	    "96:      \xe2\x94\x94\xe2\x94\x80>");
	assert_int_equal(THREAD_DEPTH(t.tree[4]), 3);
	assert_true(THREAD_MORE(t.tree[4], 2));
	assert_false(THREAD_MORE(t.tree[4], 3));
	thread_order_free(&t);

	/* Newest thread first, each still top-down. */
	assert_int_equal(parse("(2)(3 6 (4 23)(44 7 96))", 0, &t), 0);
	assert_int_equal(t.n, 8);
	assert_int_equal(t.uids[0], 3);
	assert_int_equal(t.uids[6], 96);
	assert_int_equal(t.uids[7], 2);
	assert_int_equal(THREAD_DEPTH(t.tree[7]), 0);
	thread_order_free(&t);
}

static void
test_thread_missing_parent(void **state)
{
	struct thread_order t;
	char		    buf[512];

	(void)state;
	/* Siblings whose parent the server does not have: each starts a
	 * thread, kept together; a missing parent deeper down gives its
	 * place to its children. */
	assert_int_equal(parse("((1)(2 5))(3 ((4)(6)))", 1, &t), 0);
	rows(&t, buf, sizeof buf);
	assert_string_equal(buf,
	    "1:,2:,5:\xe2\x94\x94\xe2\x94\x80>,3:,"
	    "4:\xe2\x94\x9c\xe2\x94\x80>,6:\xe2\x94\x94\xe2\x94\x80>");
	thread_order_free(&t);
	/* Empty answer: no rows. */
	assert_int_equal(parse("", 0, &t), 0);
	assert_int_equal(t.n, 0);
	thread_order_free(&t);
}

static void
test_thread_deep_chain(void **state)
{
	struct thread_order t;
	char		    text[70000], prefix[512];
	size_t		    at = 0, i;

	(void)state;
	/* 10,000 replies each to the one before: no recursion, the depth
	 * shown stops at 31. */
	text[at++] = '(';
	for (i = 1; i <= 10000; i++)
		at += (size_t)snprintf(text + at, sizeof text - at, "%zu ", i);
	text[at - 1] = ')';
	text[at] = '\0';
	assert_int_equal(parse(text, 0, &t), 0);
	assert_int_equal(t.n, 10000);
	assert_int_equal(t.uids[9999], 10000);
	assert_int_equal(THREAD_DEPTH(t.tree[9999]), THREAD_DEPTH_MAX);
	assert_true(thread_prefix(t.tree[9999], prefix, sizeof prefix) > 0);
	thread_order_free(&t);
}

static void
test_thread_refused(void **state)
{
	static const char *bad[] = {
		"(1",		/* unclosed */
		"1 2",		/* no list */
		"(0)",		/* not a message number */
		"(4294967296)", /* above 32 bits */
		"(1 x)",	/* not a number */
		"(1))",		/* unbalanced */
	};
	struct thread_order t;
	char		    deep[512];
	size_t		    i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse(bad[i], 0, &t), -1);
		assert_int_equal(t.n, 0);
		assert_null(t.uids);
	}
	/* Nested deeper than any server nests. */
	memset(deep, '(', 150);
	deep[150] = '1';
	memset(deep + 151, ')', 150);
	deep[301] = '\0';
	assert_int_equal(parse(deep, 0, &t), -1);
}

/* Locally built threads give the rows the text would. */
static void
assert_built(const struct thread_msg *m, size_t n, const char *text)
{
	struct thread_order got, want;
	char		    a[1024], b[1024];

	assert_int_equal(thread_build(m, n, 1, &got), 0);
	assert_int_equal(parse(text, 1, &want), 0);
	rows(&got, a, sizeof a);
	rows(&want, b, sizeof b);
	assert_string_equal(a, b);
	thread_order_free(&got);
	thread_order_free(&want);
}

static void
test_thread_build_rfc_example(void **state)
{
	/* The RFC's tree again, from References, in no particular order. */
	static const struct thread_msg m[] = {
		{ 96, 80, "<96>", "<3> <6> <44> <7>" },
		{ 3, 20, "<3>", NULL },
		{ 44, 60, "<44>", "<3> <6>" },
		{ 2, 10, "<2>", NULL },
		{ 6, 30, "<6>", "<3>" },
		{ 23, 50, "<23>", "<4>" }, /* In-Reply-To only */
		{ 4, 40, "<4>", "<3> <6>" },
		{ 7, 70, "<7>", "<44>" },
	};

	(void)state;
	assert_built(m, sizeof m / sizeof m[0], "(2)(3 6 (4 23)(44 7 96))");
}

static void
test_thread_build_missing(void **state)
{
	/* Two answers to one message not in the folder stay together; a
	 * lone one starts its own thread; a missing message in the middle
	 * of a chain is skipped. */
	static const struct thread_msg m[] = {
		{ 10, 100, "<10>", "<gone>" },
		{ 11, 90, "<11>", "<gone>" },
		{ 12, 50, "<12>", "<gone2>" },
		{ 1, 10, "<1>", NULL },
		{ 3, 30, "<3>", "<1> <2>" },
	};

	(void)state;
	assert_built(m, sizeof m / sizeof m[0], "(1 3)(12)((11)(10))");
}

static void
test_thread_build_order(void **state)
{
	/* Siblings by date, not UID; equal dates by UID; no Message-ID. */
	static const struct thread_msg m[] = {
		{ 1, 10, "<1>", NULL },
		{ 5, 40, "<5>", "<1>" },
		{ 6, 30, "<6>", "<1>" },
		{ 8, 5, NULL, NULL },
		{ 7, 5, "<7>", NULL },
	};

	(void)state;
	assert_built(m, sizeof m / sizeof m[0], "(7)(8)(1 (6)(5))");
}

static void
test_thread_build_hostile(void **state)
{
	/* References that loop, a Message-ID used twice, a message naming
	 * itself: each message once, nothing hangs. */
	static const struct thread_msg m[] = {
		{ 1, 10, "<a>", "<b>" },
		{ 2, 20, "<b>", "<a>" },
		{ 3, 30, "<c>", "<c>" },
		{ 4, 40, "<c>", "<a>" },
		{ 5, 50, "<d>", "<x> <y> <x> <d>" },
	};
	struct thread_order t;
	size_t		    i, j;

	(void)state;
	assert_int_equal(thread_build(m, 5, 0, &t), 0);
	assert_int_equal(t.n, 5);
	for (i = 0; i < t.n; i++)
		for (j = i + 1; j < t.n; j++)
			assert_int_not_equal(t.uids[i], t.uids[j]);
	thread_order_free(&t);
}

static void
test_thread_build_deep(void **state)
{
	struct thread_msg  *m;
	struct thread_order t;
	char(*ids)[16], (*refs)[16];
	size_t i, n = 20000;

	(void)state;
	/* A chain of 20,000 replies, each naming only its parent. */
	m = calloc(n, sizeof *m);
	ids = calloc(n, sizeof *ids);
	refs = calloc(n, sizeof *refs);
	assert_non_null(m);
	for (i = 0; i < n; i++) {
		snprintf(ids[i], sizeof ids[i], "<%zu>", i + 1);
		snprintf(refs[i], sizeof refs[i], "<%zu>", i);
		m[i].uid = (uint32_t)(i + 1);
		m[i].date = (int64_t)i;
		m[i].msgid = ids[i];
		m[i].refs = i > 0 ? refs[i] : NULL;
	}
	assert_int_equal(thread_build(m, n, 0, &t), 0);
	assert_int_equal(t.n, n);
	assert_int_equal(t.uids[0], 1);
	assert_int_equal(t.uids[n - 1], n);
	assert_int_equal(THREAD_DEPTH(t.tree[n - 1]), THREAD_DEPTH_MAX);
	thread_order_free(&t);
	free(refs);
	free(ids);
	free(m);
}

/* Threaded rows first (newest first), the rest flat below, once each. */
static void
test_thread_flat(void **state)
{
	struct thread_order t, out;
	const uint32_t	    rest[] = { 9, 8, 0, 7, 6, 5, 4 };
	char		    buf[512];

	(void)state;
	assert_int_equal(parse("(6 (7)(9))", 0, &t), 0);
	thread_order_flat(&t, rest, sizeof rest / sizeof rest[0], 0, &out);
	rows(&out, buf, sizeof buf);
	assert_string_equal(buf, "6:,7:├─>,9:└─>,8:,5:,4:");
	thread_order_free(&out);
	thread_order_flat(&t, rest, sizeof rest / sizeof rest[0], 1, &out);
	rows(&out, buf, sizeof buf);
	assert_string_equal(buf, "8:,5:,4:,6:,7:├─>,9:└─>");
	thread_order_free(&out);
	thread_order_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thread_rfc_example),
		cmocka_unit_test(test_thread_missing_parent),
		cmocka_unit_test(test_thread_deep_chain),
		cmocka_unit_test(test_thread_refused),
		cmocka_unit_test(test_thread_build_rfc_example),
		cmocka_unit_test(test_thread_build_missing),
		cmocka_unit_test(test_thread_build_order),
		cmocka_unit_test(test_thread_build_hostile),
		cmocka_unit_test(test_thread_build_deep),
		cmocka_unit_test(test_thread_flat),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
