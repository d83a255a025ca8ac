/*
 * Unit tests for rfc2231.c: parameter values in pieces, %-escaped, in a
 * charset, and the plain and RFC 2047 forms mailers write instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rfc2231.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_rfc2231_check(const struct rfc2231_param *p, size_t n, const char *name,
    const char *want)
{
	char *out;

	out = rfc2231_param(p, n, name);
	if (want == NULL) {
		assert_null(out);
		return;
	}
	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

static void
test_rfc2231_plain(void **state)
{
	const struct rfc2231_param p[] = {
		{ "charset", "utf-8" },
		{ "NAME", "report.pdf" },
		{ "filename", "=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?=" },
	};

	test_rfc2231_check(p, N(p), "name", "report.pdf");
	test_rfc2231_check(p, N(p), "filename", "r\xc3\xa9sum\xc3\xa9.pdf");
	test_rfc2231_check(p, N(p), "boundary", NULL);
	test_rfc2231_check(p, 0, "name", NULL);
	/* A longer name that starts with the one asked for is another. */
	test_rfc2231_check(p, N(p), "file", NULL);
}

static void
test_rfc2231_extended(void **state)
{
	const struct rfc2231_param p[] = {
		{ "filename", "fallback.txt" },
		{ "filename*", "iso-8859-1'fr'caf%E9.txt" },
		{ "title*",
		    "us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A" },
		{ "x*", "''no%20charset%zz" },
		{ "y*", "no quotes at all" },
	};

	test_rfc2231_check(p, N(p), "filename", "caf\xc3\xa9.txt");
	test_rfc2231_check(p, N(p), "title", "This is ***fun***");
	test_rfc2231_check(p, N(p), "x", "no charset%zz");
	test_rfc2231_check(p, N(p), "y", "no quotes at all");
}

static void
test_rfc2231_continuations(void **state)
{
	/* Out of order, as nothing forbids. */
	const struct rfc2231_param p[] = {
		{ "filename*1*", "%C3%A9%20long" },
		{ "filename*0*", "utf-8''tr%C3%A8s" },
		{ "filename*2", " name.txt" },
		{ "filename", "short.txt" },
	};
	const struct rfc2231_param q[] = {
		{ "name*0", "first " },
		{ "name*1", "second" },
		/* A gap: the rest is not part of it. */
		{ "name*3", " lost" },
	};
	const struct rfc2231_param bad[] = {
		{ "name*00", "leading zero" },
		{ "name*1", "no start" },
		{ "name*x", "not a number" },
		{ "name*99999999999999999999", "huge" },
	};

	test_rfc2231_check(p, N(p), "filename",
	    "tr\xc3\xa8s\xc3\xa9 long name.txt");
	test_rfc2231_check(q, N(q), "name", "first second");
	test_rfc2231_check(bad, N(bad), "name", NULL);
}

static void
test_rfc2231_charsets(void **state)
{
	const struct rfc2231_param p[] = {
		{ "a*", "shift_jis''%93%FA%96%7B.txt" },
		{ "b*", "x-no-such-charset''caf%C3%A9" },
		{ "c*", "utf-8''%FF%FE" },
	};
	char *out;

	test_rfc2231_check(p, N(p), "a", "\xe6\x97\xa5\xe6\x9c\xac.txt");
	test_rfc2231_check(p, N(p), "b", "caf\xc3\xa9");
	/* Not valid: left for the sanitizer, which shows U+FFFD. */
	out = rfc2231_param(p, N(p), "c");
	assert_memory_equal(out, "\xff\xfe", 3);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc2231_plain),
		cmocka_unit_test(test_rfc2231_extended),
		cmocka_unit_test(test_rfc2231_continuations),
		cmocka_unit_test(test_rfc2231_charsets),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
