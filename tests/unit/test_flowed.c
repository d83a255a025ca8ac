/*
 * Unit tests for flowed.c: format=flowed paragraphs joined, quote depth
 * kept, stuffing and DelSp undone, fixed lines left alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "flowed.h"

static void
test_flowed_check(const char *in, int delsp, const char *want)
{
	char *out;

	out = flowed_unwrap(in, strlen(in), delsp);
	assert_string_equal(out, want);
	free(out);
}

static void
test_flowed_join(void **state)
{
	test_flowed_check("", 0, "");
	test_flowed_check("fixed\nlines\n", 0, "fixed\nlines\n");
	test_flowed_check("one \ntwo \nthree\nnext\n", 0,
	    "one two three\nnext\n");
	test_flowed_check("one \r\ntwo\r\n", 0, "one two\n");
	/* The last line soft, with no end: the paragraph still ends. */
	test_flowed_check("a \nb ", 0, "a b \n");
	test_flowed_check("para \n\nnext\n", 0, "para \nnext\n");
}

static void
test_flowed_delsp(void **state)
{
	test_flowed_check("Ger \nman\n", 1, "German\n");
	test_flowed_check("Ger \nman\n", 0, "Ger man\n");
	/* CJK text is broken without spaces, hence DelSp. */
	test_flowed_check("\xe6\x97\xa5 \n\xe6\x9c\xac\n", 1,
	    "\xe6\x97\xa5\xe6\x9c\xac\n");
}

static void
test_flowed_quotes(void **state)
{
	test_flowed_check("> quoted \n> text\n>> deeper \n>> still\nme\n", 0,
	    "> quoted text\n> > deeper still\nme\n");
	/* A change of depth ends the paragraph, even after a soft break. */
	test_flowed_check("> soft \nnot quoted\n", 0, "> soft \nnot quoted\n");
	test_flowed_check(">>>x\n", 0, "> > > x\n");
}

static void
test_flowed_stuffing(void **state)
{
	test_flowed_check("  indented\n From here\n", 0,
	    " indented\nFrom here\n");
	test_flowed_check(">  stuffed in a quote\n", 0,
	    ">  stuffed in a quote\n");
	/* The signature separator is never a soft break. */
	test_flowed_check("text \n-- \nsig\n", 0, "text -- \nsig\n");
	test_flowed_check("text\n-- \nsig\n", 0, "text\n-- \nsig\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flowed_join),
		cmocka_unit_test(test_flowed_delsp),
		cmocka_unit_test(test_flowed_quotes),
		cmocka_unit_test(test_flowed_stuffing),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
