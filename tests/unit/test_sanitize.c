/*
 * Unit tests for sanitize.c: what may reach the terminal and how wide it is.
 * These tests never touch the network, the screen or the disk.
 */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sanitize.h"

#define FFFD "\xef\xbf\xbd"

/* Sanitize len bytes with flags and compare with the expected string. */
static void
test_sanitize_check(const char *in, size_t len, int flags, const char *want)
{
	char *out;

	out = sanitize(in, len, flags);
	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

#define CHECK(in, flags, want) \
	test_sanitize_check(in, sizeof(in) - 1, flags, want)

static void
test_sanitize_plain(void **state)
{
	CHECK("hello, world", 0, "hello, world");
	CHECK("", 0, "");
	CHECK("caf\xc3\xa9 \xe5\x8f\xb0\xe5\x8c\x97 \xf0\x9f\x98\x80", 0,
	    "caf\xc3\xa9 \xe5\x8f\xb0\xe5\x8c\x97 \xf0\x9f\x98\x80");
}

static void
test_sanitize_escape(void **state)
{
	CHECK("a\x1b[2Jb", 0, "a" FFFD "[2Jb");
	CHECK("\x1b]0;title\x07", 0, FFFD "]0;title" FFFD);
	CHECK("x\x7fy", 0, "x" FFFD "y");
}

static void
test_sanitize_c0(void **state)
{
	char  in[2];
	char *out;
	int   c;

	for (c = 0; c < 0x20; c++) {
		if (c == '\t')
			continue;
		in[0] = (char)c;
		in[1] = 'z';
		out = sanitize(in, 2, 0);
		assert_string_equal(out, FFFD "z");
		free(out);
	}
	/* A NUL in the middle does not cut the string short. */
	test_sanitize_check("a\0b", 3, 0, "a" FFFD "b");
}

static void
test_sanitize_c1(void **state)
{
	CHECK("a\xc2\x80"
	      "b\xc2\x9b"
	      "c\xc2\x9f",
	    0, "a" FFFD "b" FFFD "c" FFFD);
	/* U+00A0 is the first code point after C1 and is kept. */
	CHECK("\xc2\xa0", 0, "\xc2\xa0");
	/* A raw CSI byte is not UTF-8 at all. */
	CHECK("\x9b"
	      "31m",
	    0, FFFD "31m");
}

static void
test_sanitize_newlines(void **state)
{
	CHECK("a\nb", 0, "a" FFFD "b");
	CHECK("a\nb", SANITIZE_NEWLINES, "a\nb");
	CHECK("a\r\nb\r\n", SANITIZE_NEWLINES, "a\nb\n");
	CHECK("a\rb", SANITIZE_NEWLINES, "a" FFFD "b");
	CHECK("a\r\nb", 0, "a" FFFD FFFD "b");
	CHECK("a\r\r\nb", SANITIZE_NEWLINES, "a" FFFD "\nb");
}

static void
test_sanitize_tabs(void **state)
{
	CHECK("a\tb", 0, "a b");
	CHECK("a\tb", SANITIZE_TABS, "a\tb");
	CHECK("a\tb\r\n", SANITIZE_TABS | SANITIZE_NEWLINES, "a\tb\n");
}

static void
test_sanitize_bidi(void **state)
{
	/* U+202A..U+202E */
	CHECK("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae", 0,
	    FFFD FFFD FFFD FFFD FFFD);
	/* U+2066..U+2069 */
	CHECK("a\xe2\x81\xa6"
	      "b\xe2\x81\xa7"
	      "c\xe2\x81\xa8"
	      "d\xe2\x81\xa9",
	    0, "a" FFFD "b" FFFD "c" FFFD "d" FFFD);
	/* The marks U+200E and U+200F are kept. */
	CHECK("\xe2\x80\x8e\xe2\x80\x8f", 0, "\xe2\x80\x8e\xe2\x80\x8f");
	/* Line and paragraph separators are not. */
	CHECK("\xe2\x80\xa8\xe2\x80\xa9", 0, FFFD FFFD);
	/* Neighbours of the ranges are kept. */
	CHECK("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa", 0,
	    FFFD "\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa");
}

static void
test_sanitize_invalid(void **state)
{
	/* Overlong forms of '/' and of NUL. */
	CHECK("\xc0\xaf", 0, FFFD FFFD);
	CHECK("\xe0\x80\xaf", 0, FFFD FFFD FFFD);
	CHECK("\xf0\x80\x80\xaf", 0, FFFD FFFD FFFD FFFD);
	CHECK("\xc0\x80", 0, FFFD FFFD);
	/* Surrogates U+D800 and U+DFFF. */
	CHECK("\xed\xa0\x80", 0, FFFD FFFD FFFD);
	CHECK("\xed\xbf\xbf", 0, FFFD FFFD FFFD);
	/* U+D7FF and U+E000 are fine. */
	CHECK("\xed\x9f\xbf\xee\x80\x80", 0, "\xed\x9f\xbf\xee\x80\x80");
	/* Above U+10FFFF, and the bytes that can never appear. */
	CHECK("\xf4\x90\x80\x80", 0, FFFD FFFD FFFD FFFD);
	CHECK("\xf4\x8f\xbf\xbf", 0, "\xf4\x8f\xbf\xbf");
	CHECK("\xf5\xfe\xff", 0, FFFD FFFD FFFD);
	/* Truncated, at the end and in the middle. */
	CHECK("ab\xe2\x82", 0, "ab" FFFD FFFD);
	CHECK("\xe2\x82z", 0, FFFD FFFD "z");
	CHECK("\xf0\x9f\x98", 0, FFFD FFFD FFFD);
	/* A lone continuation byte. */
	CHECK("\x80", 0, FFFD);
	/* Latin-1 that was never converted. */
	CHECK("caf\xe9!", 0, "caf" FFFD "!");
}

static void
test_sanitize_len(void **state)
{
	char *out;

	/* Only len bytes are read. */
	out = sanitize("abc\x1b", 3, 0);
	assert_string_equal(out, "abc");
	free(out);
	out = sanitize("\xc3\xa9", 1, 0);
	assert_string_equal(out, FFFD);
	free(out);
}

static void
test_sanitize_str(void **state)
{
	char *out;

	out = sanitize_str(NULL, 0);
	assert_string_equal(out, "");
	free(out);
	out = sanitize_str("x\x1by", 0);
	assert_string_equal(out, "x" FFFD "y");
	free(out);
}

static void
test_sanitize_width(void **state)
{
	assert_int_equal(sanitize_width(""), 0);
	assert_int_equal(sanitize_width("abc"), 3);
	assert_int_equal(sanitize_width("caf\xc3\xa9"), 4);
	/* East Asian wide characters take two columns. */
	assert_int_equal(sanitize_width("\xe5\x8f\xb0\xe5\x8c\x97"), 4);
	assert_int_equal(sanitize_width("a\xe6\x97\xa5"
					"b"),
	    4);
	/* A combining accent takes none. */
	assert_int_equal(sanitize_width("e\xcc\x81"), 1);
	/* A zero-width space takes none. */
	assert_int_equal(sanitize_width("a\xe2\x80\x8b"
					"b"),
	    2);
	/* U+FFFD takes one. */
	assert_int_equal(sanitize_width(FFFD FFFD), 2);
	/* A control has no width rather than a negative one. */
	assert_int_equal(sanitize_width("a\x01"
					"b"),
	    2);
	assert_int_equal(sanitize_width(NULL), 0);
}

static void
test_sanitize_output_valid(void **state)
{
	unsigned char in[256];
	unsigned int  cp;
	char	     *out;
	size_t	      i, n, len;

	/* Every byte value at once: the result must decode cleanly. */
	for (i = 0; i < sizeof in; i++)
		in[i] = (unsigned char)i;
	out = sanitize((const char *)in, sizeof in, SANITIZE_TABS);
	len = strlen(out);
	for (i = 0; i < len; i += n) {
		n = sanitize_utf8_decode(out + i, len - i, &cp);
		assert_int_not_equal(n, 0);
		assert_true(cp >= 0x20 || cp == '\t');
		assert_true(cp != 0x7f && (cp < 0x80 || cp > 0x9f));
	}
	/* 0x20..0x7e and TAB survive; 160 others become 3 bytes each. */
	assert_int_equal(len, 95 + 1 + 160 * 3);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_plain),
		cmocka_unit_test(test_sanitize_escape),
		cmocka_unit_test(test_sanitize_c0),
		cmocka_unit_test(test_sanitize_c1),
		cmocka_unit_test(test_sanitize_newlines),
		cmocka_unit_test(test_sanitize_tabs),
		cmocka_unit_test(test_sanitize_bidi),
		cmocka_unit_test(test_sanitize_invalid),
		cmocka_unit_test(test_sanitize_len),
		cmocka_unit_test(test_sanitize_str),
		cmocka_unit_test(test_sanitize_width),
		cmocka_unit_test(test_sanitize_output_valid),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return (1);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
