/*
 * Unit tests for encode.c: every encoding goes back through tern's own
 * decoders (rfc2047.c, rfc2231.c, decode.c), and the folded lines keep
 * within their limits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "encode.h"
#include "rfc2047.h"
#include "rfc2231.h"
#include "strbuf.h"
#include "xmalloc.h"

/* The longest line of s (CRLF lines), and that no CR or LF stands alone. */
static size_t
test_encode_longest(const char *s)
{
	size_t col = 0, max = 0;

	for (; *s != '\0'; s++) {
		if (*s == '\r') {
			assert_int_equal(s[1], '\n');
			s++;
			col = 0;
			continue;
		}
		assert_int_not_equal(*s, '\n');
		if (++col > max)
			max = col;
	}
	return (max);
}

/* Unfold a field value: CRLF before a blank goes. */
static char *
test_encode_unfold(const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (; *s != '\0'; s++) {
		if (*s == '\r' && s[1] == '\n') {
			s++;
			continue;
		}
		strbuf_addc(&sb, *s);
	}
	return (strbuf_detach(&sb, NULL));
}

static void
test_encode_words_roundtrip(const char *in, int phrase)
{
	struct strbuf sb;
	const char   *w;
	char	     *out;

	strbuf_init(&sb);
	encode_words(&sb, in, phrase);
	/* Each encoded word within RFC 2047's 75 characters. */
	for (w = strstr(sb.buf, "=?"); w != NULL; w = strstr(w + 2, "=?"))
		assert_true(strstr(w, "?=") - w + 2 <= 75);
	out = rfc2047_decode(sb.buf, sb.len);
	assert_string_equal(out, in);
	free(out);
	strbuf_free(&sb);
}

static void
test_encode_words(void **state)
{
	struct strbuf sb;

	test_encode_words_roundtrip("Gr\xc3\xbc\xc3\x9f"
				    "e aus K\xc3\xb6ln",
	    0);
	/* Long, and a 3-byte character at every offset of a word's end. */
	test_encode_words_roundtrip("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
				    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
				    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
				    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
				    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e x",
	    0);
	test_encode_words_roundtrip("a\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
				    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
				    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
				    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
				    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
	    1);
	/* Text that looks encoded is encoded, or it would be decoded. */
	test_encode_words_roundtrip("=?UTF-8?Q?x?=", 0);
	strbuf_init(&sb);
	encode_words(&sb, "plain words", 0);
	assert_string_equal(sb.buf, "plain words");
	strbuf_free(&sb);
	strbuf_init(&sb);
	encode_words(&sb, "Smith, \"A\"", 1);
	assert_string_equal(sb.buf, "\"Smith, \\\"A\\\"\"");
	strbuf_free(&sb);
}

static void
test_encode_field(void **state)
{
	struct strbuf sb;
	char	     *u;
	const char   *v = "a@example.org, b@example.org, c@example.org, "
			  "d@example.org, e@example.org, f@example.org";

	strbuf_init(&sb);
	encode_field(&sb, "To", v);
	assert_true(test_encode_longest(sb.buf) <= 78);
	assert_non_null(strstr(sb.buf, "\r\n "));
	u = test_encode_unfold(sb.buf);
	assert_int_equal(strncmp(u, "To: ", 4), 0);
	assert_string_equal(u + 4, v);
	assert_string_equal(u + strlen(u) - 0, "");
	free(u);
	strbuf_free(&sb);
	/* A word longer than a line stays whole. */
	strbuf_init(&sb);
	encode_field(&sb, "Subject",
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxx y");
	assert_non_null(strstr(sb.buf, "xxx\r\n y\r\n"));
	strbuf_free(&sb);
	strbuf_init(&sb);
	encode_field(&sb, "Subject", "");
	assert_string_equal(sb.buf, "Subject: \r\n");
	strbuf_free(&sb);
}

static void
test_encode_base64(void **state)
{
	unsigned char bin[1000];
	struct strbuf sb;
	char	     *out;
	size_t	      i, n, len;

	for (i = 0; i < sizeof bin; i++)
		bin[i] = (unsigned char)(i * 7 + 3);
	for (n = 1; n < 60; n++) {
		len = n == 59 ? sizeof bin : n;
		strbuf_init(&sb);
		encode_base64_lines(&sb, bin, len);
		assert_true(test_encode_longest(sb.buf) <= 76);
		out = decode_base64(sb.buf, sb.len, &i);
		assert_int_equal(i, len);
		assert_memory_equal(out, bin, len);
		free(out);
		strbuf_free(&sb);
	}
}

static void
test_encode_qp(void **state)
{
	struct strbuf sb;
	const char   *in = "caf\xc3\xa9 = 1 \n"
			   "trailing tab\t\n"
			   "a long line "
			   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 end\n";
	const char   *want =
	    "caf\xc3\xa9 = 1 \r\n"
	    "trailing tab\t\r\n"
	    "a long line "
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxx\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 end\r\n";
	char  *out;
	size_t n;

	strbuf_init(&sb);
	encode_qp(&sb, in, strlen(in));
	assert_true(test_encode_longest(sb.buf) <= 76);
	assert_non_null(strstr(sb.buf, "caf=C3=A9 =3D 1=20\r\n"));
	assert_non_null(strstr(sb.buf, "trailing tab=09\r\n"));
	out = decode_qp(sb.buf, sb.len, &n);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(out, want, n);
	free(out);
	strbuf_free(&sb);
}

/* Take the parameters of an encode_param output apart, and decode them. */
static char *
test_encode_param_roundtrip(const char *value)
{
	struct rfc2231_param p[32];
	struct strbuf	     sb;
	char		    *u, *s, *semi, *eq, *out;
	size_t		     n = 0;

	strbuf_init(&sb);
	encode_param(&sb, "filename", value);
	assert_true(test_encode_longest(sb.buf) <= 78);
	u = test_encode_unfold(sb.buf);
	for (s = u; s != NULL && *s != '\0'; s = semi) {
		if ((semi = strchr(s, ';')) != NULL)
			*semi++ = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || (eq = strchr(s, '=')) == NULL)
			continue;
		*eq = '\0';
		p[n].name = s;
		p[n].value = eq + 1;
		/* Quoted: take the quotes off (no escapes in the tests). */
		if (eq[1] == '"') {
			p[n].value = eq + 2;
			eq[strlen(eq + 1)] = '\0';
		}
		n++;
	}
	out = rfc2231_param(p, n, "filename");
	free(u);
	strbuf_free(&sb);
	return (out);
}

static void
test_encode_param(void **state)
{
	const char *names[] = {
		"report.pdf",
		"r\xc3\xa9sum\xc3\xa9 final.pdf",
		"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe9\x95\xb7"
		"\xe3\x81\x84\xe5\x90\x8d\xe5\x89\x8d\xe3\x81\xae\xe3\x83\x95"
		"\xe3\x82\xa1\xe3\x82\xa4\xe3\x83\xab.txt",
		"a name that is long enough to be cut into pieces, all ascii.txt",
		NULL,
	};
	size_t i;
	char  *out;

	for (i = 0; names[i] != NULL; i++) {
		out = test_encode_param_roundtrip(names[i]);
		assert_non_null(out);
		assert_string_equal(out, names[i]);
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_words),
		cmocka_unit_test(test_encode_field),
		cmocka_unit_test(test_encode_base64),
		cmocka_unit_test(test_encode_qp),
		cmocka_unit_test(test_encode_param),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
