/*
 * Unit tests for header_lines.c: a raw header as the pager's h shows it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "header_lines.h"
#include "xmalloc.h"

static void
test_header_lines_fields(void **state)
{
	const char *in = "From: a@b\r\n"
			 "Subject: one\r\n\ttwo  \r\n   three\r\n"
			 "X-Enc: =?UTF-8?B?w6k=?= x\r\n"
			 "X-Raw: caf\xe9\r\n"
			 "X-Esc: \x1b[31mred\r\n"
			 "\r\n"
			 "Body: not a header\r\n";
	char	  **l;
	size_t	    n;

	l = header_lines(in, strlen(in), &n);
	assert_int_equal(n, 5);
	assert_string_equal(l[0], "From: a@b");
	assert_string_equal(l[1], "Subject: one two   three");
	assert_string_equal(l[2], "X-Enc: \xc3\xa9 x");
	assert_string_equal(l[3], "X-Raw: caf\xc3\xa9");
	assert_string_equal(l[4], "X-Esc: \xef\xbf\xbd[31mred");
	freev(l, n);
}

static void
test_header_lines_edges(void **state)
{
	char **l;
	size_t n;

	l = header_lines("", 0, &n);
	assert_int_equal(n, 0);
	freev(l, n);
	/* No end of line at all, and a NUL inside. */
	l = header_lines("A: b\0c", 6, &n);
	assert_int_equal(n, 1);
	assert_string_equal(l[0],
	    "A: b\xef\xbf\xbd"
	    "c");
	freev(l, n);
	/* A continuation before any field is kept, not lost. */
	l = header_lines(" lead\nB: c\n", 11, &n);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], " lead");
	freev(l, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_lines_fields),
		cmocka_unit_test(test_header_lines_edges),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
