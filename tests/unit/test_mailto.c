/*
 * Unit tests for mailto.c: RFC 6068's examples, to= merged with the path,
 * fields ignored, and line breaks that would make headers refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "draft.h"
#include "mailto.h"

static void
test_mailto_fields(void **state)
{
	struct draft d;
	char	    *err;

	draft_init(&d);
	assert_int_equal(mailto_parse(&d,
			     "mailto:a@example.org,b@example.org?to=c%40example."
			     "org&CC=d@example.org&bcc=e@example.org&subject="
			     "caf%C3%A9%20time&body=line%201%0D%0Aline+2&"
			     "from=evil@example.com&reply-to=x@y&x-evil=1&"
			     "In-Reply-To=%3C3469A91.D10AF4C@example.com%3E",
			     &err),
	    0);
	assert_string_equal(d.field[DRAFT_TO],
	    "a@example.org,b@example.org, c@example.org");
	assert_string_equal(d.field[DRAFT_CC], "d@example.org");
	assert_string_equal(d.field[DRAFT_BCC], "e@example.org");
	assert_string_equal(d.field[DRAFT_SUBJECT], "caf\xc3\xa9 time");
	assert_string_equal(d.body, "line 1\nline+2\n");
	assert_null(d.field[DRAFT_FROM]);
	assert_null(d.field[DRAFT_REPLY_TO]);
	assert_string_equal(d.in_reply_to, "<3469A91.D10AF4C@example.com>");
	draft_free(&d);
	/* RFC 6068's own: no address in the path. */
	draft_init(&d);
	assert_int_equal(mailto_parse(&d,
			     "mailto:?to=joe@example.com&cc=bob@example.com&"
			     "body=hello",
			     &err),
	    0);
	assert_string_equal(d.field[DRAFT_TO], "joe@example.com");
	draft_free(&d);
	draft_init(&d);
	assert_int_equal(mailto_parse(&d, "MAILTO:%22not%40me%22@example.org",
			     &err),
	    0);
	assert_string_equal(d.field[DRAFT_TO], "\"not@me\"@example.org");
	draft_free(&d);
}

static void
test_mailto_refused(void **state)
{
	static const char *bad[] = {
		"mailto:a@example.org?subject=hi%0D%0ABcc:%20evil@x",
		"mailto:a@example.org%0ABcc:evil@x",
		"mailto:a@example.org?cc=b@x%0d%0aBcc:evil@x",
		"mailto:a@example.org?subject=%00",
		"mailto:a@example.org?subject=%zz",
		"mailto:a@example.org?subject=%4",
		"http://example.org",
		NULL,
	};
	struct draft d;
	size_t	     i;
	char	    *err;

	for (i = 0; bad[i] != NULL; i++) {
		draft_init(&d);
		assert_int_equal(mailto_parse(&d, bad[i], &err), -1);
		assert_non_null(err);
		free(err);
		draft_free(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mailto_fields),
		cmocka_unit_test(test_mailto_refused),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
