/*
 * Unit tests for sasl.c: each mechanism's message byte for byte, as the
 * RFCs and the providers' documents give it, and the fields refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "sasl.h"

static void
test_sasl_is(struct sasl_msg *m, const char *want, size_t len)
{
	assert_int_equal(m->len, len);
	assert_memory_equal(m->buf, want, len);
	sasl_free(m);
	assert_null(m->buf);
	assert_int_equal(m->len, 0);
}

static void
test_sasl_plain(void **state)
{
	struct sasl_msg m;

	assert_int_equal(sasl_plain(&m, "tim", "tanstaaftanstaaf"), 0);
	/* RFC 4616, section 4: no authorization identity. */
	test_sasl_is(&m, "\0tim\0tanstaaftanstaaf", 21);
	assert_int_equal(sasl_plain(&m, "a", ""), 0);
	test_sasl_is(&m, "\0a\0", 3);
	assert_int_equal(sasl_plain(&m, "a\nb", "p"), -1);
	assert_null(m.buf);
	assert_int_equal(sasl_plain(&m, "a", "p\r\n1 DELETE INBOX"), -1);
	assert_null(m.buf);
}

static void
test_sasl_xoauth2(void **state)
{
	static const char want[] =
	    "user=someuser@example.com\001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\001\001";
	struct sasl_msg m;
	char	       *b64;

	assert_int_equal(sasl_xoauth2(&m, "someuser@example.com",
			     "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"),
	    0);
	/* Google's example, base64 and all. */
	b64 = encode_base64(m.buf, m.len);
	assert_string_equal(b64,
	    "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRm"
	    "dDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==");
	free(b64);
	test_sasl_is(&m, want, sizeof want - 1);
	assert_int_equal(sasl_xoauth2(&m, "u", "tok\001en"), -1);
	assert_null(m.buf);
	assert_int_equal(sasl_xoauth2(&m, "u\001x", "token"), -1);
	assert_null(m.buf);
}

static void
test_sasl_oauthbearer(void **state)
{
	static const char want[] =
	    "n,a=user@example.com,\001host=server.example.com\001port=143"
	    "\001auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\001\001";
	static const char escaped[] =
	    "n,a=a=2Cb=3Dc,\001host=h\001port=993\001auth=Bearer t\001\001";
	struct sasl_msg m;

	/* RFC 7628, section 4.1. */
	assert_int_equal(sasl_oauthbearer(&m, "user@example.com",
			     "server.example.com", "143",
			     "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="),
	    0);
	test_sasl_is(&m, want, sizeof want - 1);
	/* The GS2 header's saslname escapes ',' and '='. */
	assert_int_equal(sasl_oauthbearer(&m, "a,b=c", "h", "993", "t"), 0);
	test_sasl_is(&m, escaped, sizeof escaped - 1);
	assert_int_equal(sasl_oauthbearer(&m, "u", "h\r\n", "993", "t"), -1);
	assert_null(m.buf);
	assert_int_equal(sasl_oauthbearer(&m, "u", "h", "993", "t\001"), -1);
	assert_null(m.buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sasl_plain),
		cmocka_unit_test(test_sasl_xoauth2),
		cmocka_unit_test(test_sasl_oauthbearer),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
