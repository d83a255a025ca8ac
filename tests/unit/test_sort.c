/* The list's orders: names, the base subject of RFC 5256, comparisons. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sort.h"

static void
base_is(const char *subject, const char *want)
{
	const char *p;
	size_t	    n;

	p = sort_base_subject(subject, &n);
	if (strlen(want) != n || strncmp(p, want, n) != 0)
		fail_msg("\"%s\": \"%.*s\", not \"%s\"", subject, (int)n, p,
		    want);
}

static void
test_sort_base_subject(void **state)
{
	(void)state;
	base_is("Budget", "Budget");
	base_is("Re: Budget", "Budget");
	base_is("RE:Budget", "Budget");
	base_is("re: Re: FWD: fw: Budget", "Budget");
	base_is("Re[2]: Budget", "Budget");
	base_is("Re [2]: Budget", "Budget");
	base_is("[list] Re: Budget", "Budget");
	base_is("[list] [other] Re: Budget", "Budget");
	base_is("[list] Budget", "Budget");
	base_is("Budget (fwd)", "Budget");
	base_is("Budget (FWD) (fwd)  ", "Budget");
	base_is("[Fwd: Re: Budget]", "Budget");
	base_is("Re: [Fwd: [list] Budget (fwd)]", "Budget");
	base_is("   Budget   ", "Budget");
	/* A blob that is the whole subject stays. */
	base_is("[list]", "[list]");
	base_is("Re: [list]", "[list]");
	/* Not a leader: no colon, or a word that only starts so. */
	base_is("Re Budget", "Re Budget");
	base_is("Report: Budget", "Report: Budget");
	base_is("Fwdx: Budget", "Fwdx: Budget");
	base_is("", "");
	base_is(NULL, "");
}

static struct sort_item
item(uint32_t uid, int64_t date, uint32_t size, const char *from,
    const char *subject)
{
	struct sort_item it;

	it.uid = uid;
	it.date = date;
	it.size = size;
	it.from_key = from;
	it.subject = subject;
	return (it);
}

static void
test_sort_cmp(void **state)
{
	struct sort_order so;
	struct sort_item  a, b, c;

	(void)state;
	a = item(1, 300, 10, "bob", "Re: apples");
	b = item(2, 200, 20, "Alice", "Bananas");
	c = item(3, 200, 10, "alice", "re: [x] Apples");
	assert_int_equal(sort_parse("from", &so), 0);
	assert_true(sort_cmp(&so, &b, &a) < 0);
	/* Equal but for case: by arrival. */
	assert_true(sort_cmp(&so, &b, &c) < 0);
	so.reverse = 1;
	assert_true(sort_cmp(&so, &a, &b) < 0);
	/* Reversed, a tie is still by arrival, oldest first. */
	assert_true(sort_cmp(&so, &b, &c) < 0);
	assert_int_equal(sort_parse("subject", &so), 0);
	assert_true(sort_cmp(&so, &a, &b) < 0);
	assert_true(sort_cmp(&so, &a, &c) < 0);
	assert_int_equal(sort_parse("reverse-size", &so), 0);
	assert_true(sort_cmp(&so, &b, &a) < 0);
	assert_true(sort_cmp(&so, &a, &c) < 0);
	assert_int_equal(sort_parse("date", &so), 0);
	assert_true(sort_cmp(&so, &a, &b) < 0);
	assert_true(sort_cmp(&so, &b, &c) < 0);
	assert_int_equal(sort_parse("arrival", &so), 0);
	assert_true(sort_cmp(&so, &c, &a) < 0);
	/* Blanks count once; '_' sorts after letters, as in upper case. */
	a = item(1, 0, 0, "a", "x  y");
	b = item(2, 0, 0, "a", "X y");
	assert_int_equal(sort_parse("subject", &so), 0);
	assert_true(sort_cmp(&so, &a, &b) < 0);
	a = item(1, 0, 0, "_x", "");
	b = item(2, 0, 0, "bx", "");
	assert_int_equal(sort_parse("from", &so), 0);
	assert_true(sort_cmp(&so, &b, &a) < 0);
}

static void
test_sort_names(void **state)
{
	struct sort_order so;
	char		  buf[32];
	const char *const names[] = { "date", "arrival", "threads", "from",
		"subject", "size", "reverse-from", "reverse-size" };
	size_t		  i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(sort_parse(names[i], &so), 0);
		assert_string_equal(sort_name(&so, buf, sizeof buf), names[i]);
	}
	assert_int_equal(sort_parse("sender", &so), -1);
	assert_int_equal(sort_parse("reverse-", &so), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_base_subject),
		cmocka_unit_test(test_sort_cmp),
		cmocka_unit_test(test_sort_names),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
