/*
 * Unit tests for decode.c: transfer encodings and charset conversion, with
 * the broken input mail really carries.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"

#define FFFD "\xef\xbf\xbd"

typedef char *(*test_decode_fn)(const char *, size_t, size_t *);

static void
test_decode_check(test_decode_fn fn, const char *in, const char *want,
    size_t wantlen)
{
	char  *out;
	size_t outlen = (size_t)-1;

	out = fn(in, strlen(in), &outlen);
	assert_non_null(out);
	assert_int_equal(outlen, wantlen);
	assert_memory_equal(out, want, wantlen);
	assert_int_equal(out[outlen], '\0');
	free(out);
}

#define QP(in, want) test_decode_check(decode_qp, in, want, sizeof(want) - 1)
#define QW(in, want) test_decode_check(decode_qword, in, want, sizeof(want) - 1)
#define B64(in, want) \
	test_decode_check(decode_base64, in, want, sizeof(want) - 1)

static void
test_decode_qp(void **state)
{
	QP("", "");
	QP("plain text", "plain text");
	QP("caf=C3=A9", "caf\xc3\xa9");
	QP("caf=c3=a9", "caf\xc3\xa9");
	QP("a=3Db", "a=b");
	QP("=00", "\0");
	QP("a_b", "a_b");
	QP("line one\r\nline two\r\n", "line one\r\nline two\r\n");
}

static void
test_decode_qp_soft_breaks(void **state)
{
	QP("long=\r\nline", "longline");
	QP("long=\nline", "longline");
	QP("long=  \r\nline", "longline");
	QP("a=\r\n=\r\nb", "ab");
	/* The last soft break of a part cut just after the '='. */
	QP("end=", "end");
}

static void
test_decode_qp_bad(void **state)
{
	QP("100% =XY sure", "100% =XY sure");
	QP("a=4", "a=4");
	QP("a=G1b", "a=G1b");
	QP("= x", "= x");
	QP("=\rx", "=\rx");
	QP("a=4=41", "a=4A");
}

static void
test_decode_qword(void **state)
{
	QW("Caf=C3=A9_au_lait", "Caf\xc3\xa9 au lait");
	QW("=5F_", "_ ");
	QW("a=", "a=");
	QW("a=\r\nb", "a=\r\nb");
	QW("=e2=82=ac", "\xe2\x82\xac");
}

static void
test_decode_base64(void **state)
{
	B64("", "");
	B64("aGVsbG8=", "hello");
	B64("aGVsbG8", "hello");
	B64("aGVs\r\nbG8h", "hello!");
	B64("aGVsbG8h", "hello!");
	B64(" a G V s\tb G 8 h ", "hello!");
	B64("Y2Fmw6k=", "caf\xc3\xa9");
	/* Stop at the first '='. */
	B64("YQ==YWJj", "a");
	/* Characters outside the alphabet are skipped. */
	B64("aGV*sbG!8h", "hello!");
	B64("AAEC/w==", "\0\1\2\377");
	/* A single trailing character does not make a byte. */
	B64("YWJjZ", "abc");
}

static void
test_decode_charset_check(const char *charset, const char *in, size_t len,
    const char *want)
{
	char  *out;
	size_t outlen = (size_t)-1;

	out = charset_to_utf8(charset, in, len, &outlen);
	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(outlen, strlen(want));
	free(out);
}

#define CS(cs, in, want) test_decode_charset_check(cs, in, sizeof(in) - 1, want)

static void
test_decode_charset_copy(void **state)
{
	CS(NULL, "caf\xc3\xa9", "caf\xc3\xa9");
	CS("utf-8", "caf\xc3\xa9", "caf\xc3\xa9");
	CS("UTF-8", "caf\xc3\xa9", "caf\xc3\xa9");
	CS("us-ascii", "plain", "plain");
	/* Copied even when not valid: the sanitizer deals with that. */
	CS("utf-8", "caf\xe9", "caf\xe9");
	/* An unknown charset copies UTF-8. */
	CS("x-no-such-charset", "caf\xc3\xa9", "caf\xc3\xa9");
	CS("", "abc", "abc");
}

/* A label that lies, or none we know: the text is kept all the same. */
static void
test_decode_charset_lying(void **state)
{
	/* ASCII with 8-bit bytes: UTF-8 if it is, else windows-1252. */
	CS("US-ASCII", "caf\xc3\xa9", "caf\xc3\xa9");
	CS("US-ASCII", "caf\xe9", "caf\xc3\xa9");
	CS("us-ascii", "\x93quoted\x94", "\xe2\x80\x9cquoted\xe2\x80\x9d");
	CS(NULL, "caf\xe9", "caf\xc3\xa9");
	CS("x-no-such-charset", "caf\xe9", "caf\xc3\xa9");
	/* UTF-8 that is not: broken sequences alone, never escapes. */
	CS("us-ascii", "a\xc3", "a\xc3\x83");
	CS("x-unknown", "\xed\xa0\x80", "\xc3\xad\xc2\xa0\xe2\x82\xac");
}

/* Names mailers write that iconv does not know as they mean them. */
static void
test_decode_charset_aliases(void **state)
{
	CS("ks_c_5601-1987", "\xc7\xd1\xb1\xdb", "\xed\x95\x9c\xea\xb8\x80");
	CS("x-sjis", "\x93\xfa\x96{", "\xe6\x97\xa5\xe6\x9c\xac");
	/* Windows' extensions to Shift_JIS: a circled 1. */
	CS("Shift_JIS", "\x87\x40", "\xe2\x91\xa0");
	CS("gb2312", "\xd6\xd0\x94\x39\xfc\x36",
	    "\xe4\xb8\xad\xf0\x9f\x98\x80");
	CS("iso-8859-8-i", "\xf9", "\xd7\xa9");
	/* Latin-1 as Windows writes it: curly quotes, not C1 controls. */
	CS("iso-8859-1", "\x93x\x94", "\xe2\x80\x9cx\xe2\x80\x9d");
	CS("windows-1251", "\xcf\xf0\xe8", "\xd0\x9f\xd1\x80\xd0\xb8");
	CS("windows-1250", "\x8a", "\xc5\xa0");
	CS("windows-1253", "\xe1", "\xce\xb1");
	CS("windows-1255", "\xf9", "\xd7\xa9");
	CS("windows-1256", "\xc7", "\xd8\xa7");
	CS("utf-7", "+AOk-", "\xc3\xa9");
	assert_true(charset_known("ks_c_5601-1987"));
	assert_true(charset_known("x-sjis"));
}

static void
test_decode_charset_latin(void **state)
{
	CS("iso-8859-1", "caf\xe9", "caf\xc3\xa9");
	CS("ISO-8859-1", "caf\xe9", "caf\xc3\xa9");
	CS("latin1", "\xc9t\xe9", "\xc3\x89t\xc3\xa9");
	CS("iso-8859-15", "\xa4", "\xe2\x82\xac");
	CS("windows-1252", "\x80\x93x\x94",
	    "\xe2\x82\xac\xe2\x80\x9cx\xe2\x80\x9d");
	CS("CP1252", "\x80", "\xe2\x82\xac");
	/* 0x81 has no character in windows-1252. */
	CS("windows-1252",
	    "a\x81"
	    "b",
	    "a" FFFD "b");
	CS("koi8-r", "\xf0\xd2\xc9\xd7\xc5\xd4",
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
}

static void
test_decode_charset_cjk(void **state)
{
	CS("Shift_JIS", "\x93\xfa\x96{\x8c\xea",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	CS("shift_jis", "\x93\xfa\x96{\x8c\xea",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	CS("ISO-2022-JP", "\x1b$BF|K\\8l\x1b(B",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	/* A missing return to ASCII at the end is harmless. */
	CS("iso-2022-jp", "a\x1b$BF|", "a\xe6\x97\xa5");
	CS("GB18030", "\xd6\xd0\xce\xc4\xa8\xa6\x94\x39\xfc\x36",
	    "\xe4\xb8\xad\xe6\x96\x87\xc3\xa9\xf0\x9f\x98\x80");
	CS("big5", "\xa5x\xa5_", "\xe5\x8f\xb0\xe5\x8c\x97");
}

static void
test_decode_charset_broken(void **state)
{
	/* A multibyte character cut off at the end. */
	CS("shift_jis", "ab\x93", "ab" FFFD);
	CS("GB18030", "\xd6\xd0\xce", "\xe4\xb8\xad" FFFD);
	/* An invalid byte in the middle: replaced, and conversion goes on. */
	CS("shift_jis", "\x93\xfa\xff\x96{",
	    "\xe6\x97\xa5" FFFD "\xe6\x9c\xac");
	CS("utf-16le", "a\0b\0c", "ab" FFFD);
}

/* A long input crosses the internal buffer of the conversion many times. */
static void
test_decode_charset_long(void **state)
{
	char  *in, *out, *want;
	size_t i, outlen;

	in = malloc(10000);
	want = malloc(20001);
	for (i = 0; i < 10000; i++) {
		in[i] = '\xe9';
		want[2 * i] = '\xc3';
		want[2 * i + 1] = '\xa9';
	}
	want[20000] = '\0';
	out = charset_to_utf8("iso-8859-1", in, 10000, &outlen);
	assert_int_equal(outlen, 20000);
	assert_string_equal(out, want);
	free(out);
	free(in);
	free(want);
}

static void
test_decode_charset_suffix(void **state)
{
	/* "//" suffixes are never handed to iconv: an unknown charset. */
	CS("iso-8859-1//TRANSLIT", "caf\xe9", "caf\xc3\xa9");
	CS("utf-8//IGNORE", "caf\xc3\xa9", "caf\xc3\xa9");
	assert_false(charset_known("iso-8859-1//TRANSLIT"));
}

static void
test_decode_charset_known(void **state)
{
	assert_true(charset_known(NULL));
	assert_true(charset_known("utf-8"));
	assert_true(charset_known("US-ASCII"));
	assert_true(charset_known("iso-8859-1"));
	assert_true(charset_known("Iso-8859-1"));
	assert_true(charset_known("shift_jis"));
	assert_true(charset_known("GB18030"));
	assert_false(charset_known("x-no-such-charset"));
	assert_false(charset_known("iso-8859-1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void
test_encode_base64(void **state)
{
	char  *s, *back;
	size_t n;

	(void)state;
	s = encode_base64("", 0);
	assert_string_equal(s, "");
	free(s);
	s = encode_base64("f", 1);
	assert_string_equal(s, "Zg==");
	free(s);
	s = encode_base64("fo", 2);
	assert_string_equal(s, "Zm8=");
	free(s);
	s = encode_base64("foobar", 6);
	assert_string_equal(s, "Zm9vYmFy");
	free(s);
	/* SASL PLAIN: authzid NUL authcid NUL password. */
	s = encode_base64("\0alice\0secret", 13);
	assert_string_equal(s, "AGFsaWNlAHNlY3JldA==");
	back = decode_base64(s, strlen(s), &n);
	assert_int_equal(n, 13);
	assert_memory_equal(back, "\0alice\0secret", 13);
	free(back);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_base64),
		cmocka_unit_test(test_decode_qp),
		cmocka_unit_test(test_decode_qp_soft_breaks),
		cmocka_unit_test(test_decode_qp_bad),
		cmocka_unit_test(test_decode_qword),
		cmocka_unit_test(test_decode_base64),
		cmocka_unit_test(test_decode_charset_copy),
		cmocka_unit_test(test_decode_charset_latin),
		cmocka_unit_test(test_decode_charset_lying),
		cmocka_unit_test(test_decode_charset_aliases),
		cmocka_unit_test(test_decode_charset_cjk),
		cmocka_unit_test(test_decode_charset_broken),
		cmocka_unit_test(test_decode_charset_long),
		cmocka_unit_test(test_decode_charset_suffix),
		cmocka_unit_test(test_decode_charset_known),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
