/*
 * Unit tests for msg_build.c: the message as sent, read back with tern's
 * own decoders.  No Bcc in the data, CRLF everywhere, 7-bit clean, and a
 * field holding a line break never becomes a header of its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "draft.h"
#include "mime_fields.h"
#include "msg_build.h"
#include "rfc2047.h"

/* CRLF lines only, within 998, nothing but 7-bit. */
static void
test_msg_build_lines(const char *s, size_t len)
{
	size_t i, col = 0;

	for (i = 0; i < len; i++) {
		assert_true((unsigned char)s[i] < 0x80 && s[i] != '\0');
		if (s[i] == '\r') {
			assert_true(i + 1 < len && s[i + 1] == '\n');
			i++;
			col = 0;
			continue;
		}
		assert_int_not_equal(s[i], '\n');
		assert_true(++col <= 998);
	}
}

/* The header block of a message (up to the blank line). */
static size_t
test_msg_build_hlen(const char *s)
{
	const char *p = strstr(s, "\r\n\r\n");

	assert_non_null(p);
	return ((size_t)(p - s) + 2);
}

static void
test_msg_build_simple(void **state)
{
	struct msg_built m;
	struct draft	 d;
	char		*err, *v, *dec;
	size_t		 h;

	setenv("TZ", "Europe/Berlin", 1);
	draft_init(&d);
	draft_set(&d, DRAFT_FROM, "J\xc3\xb6rg M\xc3\xbcller <jm@example.org>");
	draft_set(&d, DRAFT_TO, "b@example.org, \"Smith, A\" <a@example.net>");
	draft_set(&d, DRAFT_CC, "B@EXAMPLE.ORG");
	draft_set(&d, DRAFT_BCC, "hidden@example.com");
	draft_set(&d, DRAFT_SUBJECT,
	    "\xc3\x9c"
	    "ber das Wetter in K\xc3\xb6ln "
	    "und anderswo, ein langer Betreff mit "
	    "Umlauten \xc3\xa4\xc3\xb6\xc3\xbc");
	d.in_reply_to = strdup("<p@example.org>");
	d.references = strdup("<r@example.org> <p@example.org>");
	free(d.body);
	d.body = strdup("Hello.\n\n-- \nme\n");
	assert_int_equal(msg_build(&d, 1700000000, 0, &m, &err), 0);
	test_msg_build_lines(m.data, m.len);
	h = test_msg_build_hlen(m.data);
	assert_string_equal(m.from, "jm@example.org");
	/* To, Cc (the same mailbox once), Bcc. */
	assert_int_equal(m.nrcpts, 3);
	assert_string_equal(m.rcpts[0], "b@example.org");
	assert_string_equal(m.rcpts[1], "a@example.net");
	assert_string_equal(m.rcpts[2], "hidden@example.com");
	assert_null(strstr(m.data, "hidden"));
	assert_null(strstr(m.data, "Bcc"));
	assert_non_null(
	    strstr(m.data, "Date: Tue, 14 Nov 2023 23:13:20 +0100\r\n"));
	assert_non_null(strstr(m.data, "Message-ID: <"));
	assert_non_null(strstr(m.message_id, "@example.org>"));
	assert_non_null(strstr(m.data, "In-Reply-To: <p@example.org>\r\n"));
	assert_non_null(
	    strstr(m.data, "References: <r@example.org> <p@example.org>\r\n"));
	assert_non_null(strstr(m.data, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(m.data, "Content-Transfer-Encoding: 7bit\r\n"));
	assert_non_null(strstr(m.data, "\r\n\r\nHello.\r\n\r\n-- \r\nme\r\n"));
	/* The header lines keep to 78. */
	for (v = m.data; v < m.data + h; v = strstr(v, "\r\n") + 2)
		assert_true(strstr(v, "\r\n") - v <= 78);
	v = mime_fields_value(m.data, h, "Subject");
	dec = rfc2047_decode(v, strlen(v));
	assert_string_equal(dec + 1, d.field[DRAFT_SUBJECT]);
	free(v);
	free(dec);
	v = mime_fields_value(m.data, h, "From");
	dec = rfc2047_decode(v, strlen(v));
	assert_string_equal(dec, " J\xc3\xb6rg M\xc3\xbcller <jm@example.org>");
	free(v);
	free(dec);
	msg_built_free(&m);
	draft_free(&d);
}

static void
test_msg_build_qp_attach(void **state)
{
	struct msg_built m;
	struct draft	 d;
	char		 bin[300], *err, *p, *q, *out;
	size_t		 i, n;

	for (i = 0; i < sizeof bin; i++)
		bin[i] = (char)i;
	draft_init(&d);
	draft_set(&d, DRAFT_FROM, "a@example.org");
	draft_set(&d, DRAFT_TO, "b@example.org");
	free(d.body);
	d.body = strdup("caf\xc3\xa9\n");
	draft_attach(&d, "r\xc3\xa9sum\xc3\xa9.pdf", NULL,
	    memcpy(malloc(sizeof bin), bin, sizeof bin), sizeof bin);
	assert_int_equal(msg_build(&d, 1700000000, 0, &m, &err), 0);
	test_msg_build_lines(m.data, m.len);
	assert_non_null(strstr(m.data,
	    "Content-Type: multipart/mixed; "
	    "boundary=\"=_"));
	assert_non_null(
	    strstr(m.data, "quoted-printable\r\n\r\ncaf=C3=A9\r\n"));
	assert_non_null(strstr(m.data, "Content-Type: application/pdf\r\n"));
	assert_non_null(
	    strstr(m.data, "filename*=utf-8''r%C3%A9sum%C3%A9.pdf\r\n"));
	p = strstr(m.data, "base64\r\n\r\n") + 10;
	q = strstr(p, "\r\n--=_");
	out = decode_base64(p, (size_t)(q - p), &n);
	assert_int_equal(n, sizeof bin);
	assert_memory_equal(out, bin, n);
	free(out);
	assert_non_null(strstr(q + 2, "--\r\n"));
	msg_built_free(&m);
	draft_free(&d);
}

static void
test_msg_build_injection(void **state)
{
	struct msg_built m;
	struct draft	 d;
	char		*err;

	/* A field set from a URL or a message, not through the file. */
	draft_init(&d);
	draft_set(&d, DRAFT_FROM, "a@example.org");
	draft_set(&d, DRAFT_TO, "b@example.org");
	draft_set(&d, DRAFT_SUBJECT, "hi\r\nBcc: evil@example.com");
	assert_int_equal(msg_build(&d, 1700000000, 0, &m, &err), 0);
	assert_null(strstr(m.data, "\r\nBcc"));
	assert_null(strstr(m.data, "evil"));
	assert_int_equal(m.nrcpts, 1);
	msg_built_free(&m);
	draft_set(&d, DRAFT_TO, "b@example.org\r\nBcc: evil@example.com");
	assert_int_equal(msg_build(&d, 1700000000, 0, &m, &err), -1);
	assert_string_equal(err, "To: a line break or NUL in the addresses");
	free(err);
	draft_set(&d, DRAFT_TO, "b@example.org");
	d.references = strdup("<a@b>\r\nBcc: evil@example.com");
	assert_int_equal(msg_build(&d, 1700000000, 0, &m, &err), -1);
	free(err);
	draft_free(&d);
}

/* A draft kept in Drafts: no recipient needed, its Bcc written. */
static void
test_msg_build_draft(void **state)
{
	struct msg_built m;
	struct draft	 d;
	char		*err;

	draft_init(&d);
	draft_set(&d, DRAFT_FROM, "a@example.org");
	draft_set(&d, DRAFT_BCC, "hidden@example.com");
	assert_int_equal(msg_build(&d, 1700000000, MSG_BUILD_DRAFT, &m, &err),
	    0);
	assert_non_null(strstr(m.data, "\r\nBcc: hidden@example.com\r\n"));
	msg_built_free(&m);
	draft_set(&d, DRAFT_BCC, NULL);
	assert_int_equal(msg_build(&d, 1700000000, MSG_BUILD_DRAFT, &m, &err),
	    0);
	msg_built_free(&m);
	assert_int_equal(msg_build(&d, 1700000000, 0, &m, &err), -1);
	assert_string_equal(err, "no recipient: To, Cc and Bcc are empty");
	free(err);
	draft_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msg_build_simple),
		cmocka_unit_test(test_msg_build_qp_attach),
		cmocka_unit_test(test_msg_build_injection),
		cmocka_unit_test(test_msg_build_draft),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
