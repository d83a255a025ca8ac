/*
 * Unit tests for mutf7.c: modified UTF-7 both ways, and the malformed names
 * the decoder must refuse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mutf7.h"

/* Each pair decodes one way and encodes back the other. */
static const struct {
	const char *wire;
	const char *utf8;
} test_mutf7_pairs[] = {
	{ "", "" },
	{ "INBOX", "INBOX" },
	{ "~peter/mail/&U,BTFw-/&ZeVnLIqe-",
	    "~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/"
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" },
	{ "&AMk-t&AOk-", "\xc3\x89t\xc3\xa9" },
	{ "R&AOk-unions", "R\xc3\xa9unions" },
	{ "Entw&APw-rfe", "Entw\xc3\xbcrfe" },
	{ "&AOkA6Q-", "\xc3\xa9\xc3\xa9" },
	{ "a&-b", "a&b" },
	{ "&-&-", "&&" },
	{ "&ZeVnLIqe-&-", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e&" },
	{ "&ANw-&-&ANw-", "\xc3\x9c&\xc3\x9c" },
	/* A character outside the BMP is a surrogate pair. */
	{ "&2D3eAA-", "\xf0\x9f\x98\x80" },
	/* Controls are written in base64. */
	{ "&AAE-", "\x01" },
	{ "a b-c+d,e", "a b-c+d,e" },
};

static void
test_mutf7_decode_pairs(void **state)
{
	char  *out;
	size_t i;

	for (i = 0; i < sizeof test_mutf7_pairs / sizeof *test_mutf7_pairs;
	     i++) {
		out = mutf7_decode(test_mutf7_pairs[i].wire,
		    strlen(test_mutf7_pairs[i].wire));
		assert_non_null(out);
		assert_string_equal(out, test_mutf7_pairs[i].utf8);
		free(out);
	}
}

static void
test_mutf7_encode_pairs(void **state)
{
	char  *out;
	size_t i;

	for (i = 0; i < sizeof test_mutf7_pairs / sizeof *test_mutf7_pairs;
	     i++) {
		out = mutf7_encode(test_mutf7_pairs[i].utf8,
		    strlen(test_mutf7_pairs[i].utf8));
		assert_non_null(out);
		assert_string_equal(out, test_mutf7_pairs[i].wire);
		free(out);
	}
}

static void
test_mutf7_round_trip(void **state)
{
	static const char *names[] = {
		"Gel\xc3\xb6scht",
		"\xd0\x92\xd1\x85\xd0\xbe\xd0\xb4",
		"a\xf0\x9f\x93\xa7"
		"b\xe2\x82\xac",
		"&&&",
		"x&\xc3\xa9&y",
		"\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xef\xbf\xbf",
	};
	char  *wire, *back;
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		wire = mutf7_encode(names[i], strlen(names[i]));
		assert_non_null(wire);
		back = mutf7_decode(wire, strlen(wire));
		assert_non_null(back);
		assert_string_equal(back, names[i]);
		free(wire);
		free(back);
	}
}

static void
test_mutf7_decode_bad(void **state)
{
	static const char *bad[] = {
		"&",	       /* unterminated shift */
		"abc&AOk",     /* unterminated shift */
		"&AO!-",       /* '!' is not base64 */
		"&AO/-",       /* '/' is standard base64, not modified */
		"&AOl-",       /* padding bits not zero */
		"&AOkA-",      /* a whole base64 character of padding */
		"&AA-",	       /* only 12 bits */
		"&AGE-",       /* 'a' written in base64 */
		"&ACY-",       /* '&' written in base64 */
		"&AMk-&AOk-",  /* two runs side by side */
		"&2D0-",       /* a high surrogate alone */
		"&3gA-",       /* a low surrogate alone */
		"&2D0AQQ-",    /* a high surrogate then 'A' */
		"&AAA-",       /* U+0000 */
		"caf\xc3\xa9", /* raw 8-bit bytes */
		"a\tb",	       /* raw control */
		"a\x7f",       /* raw DEL */
	};
	char  *out;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		out = mutf7_decode(bad[i], strlen(bad[i]));
		if (out != NULL)
			fail_msg("'%s' decoded to '%s'", bad[i], out);
	}
}

static void
test_mutf7_decode_len(void **state)
{
	char *out;

	/* Only len bytes are read: a cut-off shift is an error. */
	assert_null(mutf7_decode("&AOk-", 4));
	out = mutf7_decode("R&AOk-unions", 6);
	assert_string_equal(out, "R\xc3\xa9");
	free(out);
	/* A NUL inside the length is refused. */
	assert_null(mutf7_decode("a\0b", 3));
}

static void
test_mutf7_encode_bad(void **state)
{
	assert_null(mutf7_encode("caf\xe9", 4));
	assert_null(mutf7_encode("\xc0\xaf", 2));
	assert_null(mutf7_encode("\xed\xa0\x80", 3));
	assert_null(mutf7_encode("\xe2\x82", 2));
	assert_null(mutf7_encode("a\0b", 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutf7_decode_pairs),
		cmocka_unit_test(test_mutf7_encode_pairs),
		cmocka_unit_test(test_mutf7_round_trip),
		cmocka_unit_test(test_mutf7_decode_bad),
		cmocka_unit_test(test_mutf7_decode_len),
		cmocka_unit_test(test_mutf7_encode_bad),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
