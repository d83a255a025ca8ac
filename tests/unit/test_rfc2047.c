/*
 * Unit tests for rfc2047.c: encoded words as senders really write them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rfc2047.h"

#define FFFD "\xef\xbf\xbd"

static void
test_rfc2047_check(const char *in, const char *want)
{
	char *out;

	out = rfc2047_decode(in, strlen(in));
	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

#define CHECK(in, want) test_rfc2047_check(in, want)

static void
test_rfc2047_plain(void **state)
{
	CHECK("", "");
	CHECK("Hello world", "Hello world");
	CHECK("a = b? c?= d =?", "a = b? c?= d =?");
	/* Raw bytes outside words are left for the sanitizer. */
	CHECK("caf\xe9", "caf\xe9");
}

static void
test_rfc2047_q(void **state)
{
	CHECK("=?utf-8?Q?Caf=C3=A9_au_lait?=", "Caf\xc3\xa9 au lait");
	CHECK("=?UTF-8?q?caf=c3=a9?=", "caf\xc3\xa9");
	CHECK("=?iso-8859-1?Q?Gr=FC=DFe?=",
	    "Gr\xc3\xbc\xc3\x9f"
	    "e");
	CHECK("Re: =?ISO-8859-1?Q?Andr=E9?= Pirard", "Re: Andr\xc3\xa9 Pirard");
	CHECK("=?windows-1252?Q?=93quoted=94?=",
	    "\xe2\x80\x9cquoted\xe2\x80\x9d");
	CHECK("=?utf-8?Q?"
	      "?=",
	    ""); /* split: "??=" is a trigraph */
}

static void
test_rfc2047_b(void **state)
{
	CHECK("=?utf-8?B?Y2Fmw6k=?=", "caf\xc3\xa9");
	CHECK("=?UTF-8?b?Y2Fmw6k=?=", "caf\xc3\xa9");
	CHECK("=?iso-8859-1?B?R3L832U=?=",
	    "Gr\xc3\xbc\xc3\x9f"
	    "e");
	CHECK("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	CHECK("=?koi8-r?B?8NLJ18XU?=",
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	CHECK("=?Shift_JIS?B?k/qWe4zq?=",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
}

static void
test_rfc2047_language(void **state)
{
	CHECK("=?utf-8*en?Q?hello?=", "hello");
	CHECK("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore");
	CHECK("=?iso-8859-1*fr-CA?B?R3L832U=?=",
	    "Gr\xc3\xbc\xc3\x9f"
	    "e");
	/* A language without a charset is not a word. */
	CHECK("=?*en?Q?hello?=", "=?*en?Q?hello?=");
}

static void
test_rfc2047_adjacent(void **state)
{
	/* The examples of RFC 2047 section 8. */
	CHECK("(=?ISO-8859-1?Q?a?=)", "(a)");
	CHECK("(=?ISO-8859-1?Q?a?= b)", "(a b)");
	CHECK("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)");
	CHECK("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)");
	CHECK("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)");
	CHECK("(=?ISO-8859-1?Q?a_b?=)", "(a b)");
	CHECK("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)");
	/* Blanks before the first word and after the last stay. */
	CHECK("x =?utf-8?Q?a?= =?utf-8?Q?b?= y", "x ab y");
	/* Words touching each other are decoded too. */
	CHECK("=?utf-8?Q?a?==?utf-8?Q?b?=", "ab");
	/* Text between two words keeps the blanks around it. */
	CHECK("=?utf-8?Q?a?= and =?utf-8?Q?b?=", "a and b");
}

static void
test_rfc2047_split_char(void **state)
{
	/* "日本語のテスト" with the second character split between words. */
	CHECK("=?UTF-8?B?5pel5g==?= =?UTF-8?B?nKzoqp7jga7jg4bjgrnjg4g=?=",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86"
	    "\xe3\x82\xb9\xe3\x83\x88");
	CHECK("=?utf-8?Q?=E2=82?= =?UTF-8?Q?=AC?=", "\xe2\x82\xac");
	/* Split in Shift_JIS: only one conversion sees both bytes. */
	CHECK("=?shift_jis?Q?=93?= =?shift_jis?Q?=FA?=", "\xe6\x97\xa5");
	/* A different charset ends the run; the half character is left. */
	CHECK("=?shift_jis?Q?=93?= =?utf-8?Q?x?=", FFFD "x");
	CHECK("=?utf-8?Q?=E2=82?= =?iso-8859-1?Q?x?=", "\xe2\x82x");
}

static void
test_rfc2047_malformed(void **state)
{
	CHECK("=?utf-8?X?abc?=", "=?utf-8?X?abc?=");
	CHECK("=?utf-8?Q?abc", "=?utf-8?Q?abc");
	CHECK("=?utf-8?Q?abc?", "=?utf-8?Q?abc?");
	CHECK("=?utf-8?Q?a b?=", "=?utf-8?Q?a b?=");
	CHECK("=??Q?abc?=", "=??Q?abc?=");
	CHECK("=?utf-8?B?Y2F*mw6k=?=", "=?utf-8?B?Y2F*mw6k=?=");
	CHECK("=?utf-8?QQ?abc?=", "=?utf-8?QQ?abc?=");
	CHECK("=?utf 8?Q?abc?=", "=?utf 8?Q?abc?=");
	/* A malformed word keeps the blanks beside it. */
	CHECK("=?utf-8?Q?a?= =?utf-8?X?b?= =?utf-8?Q?c?=", "a =?utf-8?X?b?= c");
	/* A good word right after a broken one is still decoded. */
	CHECK("=?utf-8?Q?a=?utf-8?Q?b?=", "=?utf-8?Q?ab");
}

static void
test_rfc2047_unknown_charset(void **state)
{
	CHECK("=?x-unknown?Q?abc?=", "=?x-unknown?Q?abc?=");
	CHECK("=?utf-8?Q?a?= =?x-unknown?Q?b?= =?utf-8?Q?c?=",
	    "a =?x-unknown?Q?b?= c");
	CHECK("=?iso-8859-1//TRANSLIT?Q?a?=", "=?iso-8859-1//TRANSLIT?Q?a?=");
}

static void
test_rfc2047_length(void **state)
{
	const char *in = "=?utf-8?Q?abc?=XYZ";
	char	   *out;

	/* Only len bytes are read. */
	out = rfc2047_decode(in, 15);
	assert_string_equal(out, "abc");
	free(out);
	out = rfc2047_decode(in, 14);
	assert_string_equal(out, "=?utf-8?Q?abc?");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc2047_plain),
		cmocka_unit_test(test_rfc2047_q),
		cmocka_unit_test(test_rfc2047_b),
		cmocka_unit_test(test_rfc2047_language),
		cmocka_unit_test(test_rfc2047_adjacent),
		cmocka_unit_test(test_rfc2047_split_char),
		cmocka_unit_test(test_rfc2047_malformed),
		cmocka_unit_test(test_rfc2047_unknown_charset),
		cmocka_unit_test(test_rfc2047_length),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
