/*
 * Unit tests for draft.c and mime_addr.c: the draft file written and read
 * back, what reading it refuses (and how it names the line), and the
 * address checks libetpan's parser alone would let through.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "draft.h"
#include "mime_addr.h"

/* Parse s into a fresh draft; the error (or NULL) is returned. */
static char *
test_draft_parse(struct draft *d, const char *s)
{
	char *err;

	draft_init(d);
	if (draft_parse(d, s, strlen(s), &err) == 0) {
		assert_null(err);
		return (NULL);
	}
	assert_non_null(err);
	return (err);
}

static void
test_draft_roundtrip(void **state)
{
	struct draft d, e;
	char	    *s, *err;
	size_t	     len;

	draft_init(&d);
	draft_set(&d, DRAFT_FROM, "Al <al@example.org>");
	draft_set(&d, DRAFT_TO, "b@example.org");
	draft_set(&d, DRAFT_SUBJECT,
	    "Gr\xc3\xbc\xc3\x9f"
	    "e");
	free(d.body);
	d.body = strdup("line one\n\n> quoted\n");
	s = draft_write(&d, &len);
	assert_string_equal(s,
	    "From: Al <al@example.org>\n"
	    "To: b@example.org\n"
	    "Cc: \n"
	    "Bcc: \n"
	    "Subject: Gr\xc3\xbc\xc3\x9f"
	    "e\n"
	    "\n"
	    "line one\n\n> quoted\n");
	assert_null(test_draft_parse(&e, s));
	assert_string_equal(e.field[DRAFT_FROM], "Al <al@example.org>");
	assert_string_equal(e.field[DRAFT_TO], "b@example.org");
	assert_string_equal(e.field[DRAFT_CC], "");
	assert_null(e.field[DRAFT_REPLY_TO]);
	assert_string_equal(e.field[DRAFT_SUBJECT],
	    "Gr\xc3\xbc\xc3\x9f"
	    "e");
	assert_string_equal(e.body, d.body);
	assert_int_equal(e.line[DRAFT_SUBJECT], 5);
	assert_int_equal(draft_check(&e, 1, &err), 0);
	free(s);
	draft_free(&d);
	draft_free(&e);
}

static void
test_draft_lenient(void **state)
{
	struct draft d;

	/* Any case, continuation lines, CRLF, blanks trimmed. */
	assert_null(test_draft_parse(&d,
	    "subject:   a\r\n"
	    "TO: x@example.org,\r\n"
	    "\ty@example.org \r\n"
	    "\r\n"
	    "body\r\n"));
	assert_string_equal(d.field[DRAFT_SUBJECT], "a");
	assert_string_equal(d.field[DRAFT_TO], "x@example.org,\ty@example.org");
	assert_int_equal(d.line[DRAFT_TO], 2);
	assert_string_equal(d.body, "body\n");
	draft_free(&d);
	/* No blank line and no body: headers only. */
	assert_null(test_draft_parse(&d, "To: x@example.org"));
	assert_string_equal(d.body, "");
	draft_free(&d);
}

static void
test_draft_refused(void **state)
{
	static const struct {
		const char *in;
		const char *err;
	} cases[] = {
		{ "To: a@b\rBcc: x@y\n\nbody\n",
		    "line 1: a carriage return alone" },
		{ "To: a@b\n\nbo\0dy\n", "line 3: a NUL byte" },
		{ "To: a@b\nX-Evil: 1\n\n",
		    "line 2: X-Evil: not a header "
		    "tern writes (From, To, Cc, Bcc, "
		    "Subject, Reply-To)" },
		{ "To: a@b\nTo: c@d\n\n", "To: line 2: a second To field" },
		{ "To: a@b\nnot a header\n\n",
		    "line 2: not a header (a blank line goes between the "
		    "headers and the text)" },
		{ " x\nTo: a@b\n\n",
		    "line 1: a continuation line with no header above" },
		{ "To: a@b\nSubject: \x1b[2Jx\n\n",
		    "Subject: line 2: a control character" },
		{ "To: a@b\nSubject: caf\xe9\n\n", "line 2: not UTF-8" },
		{ "To: a@b\n\n\xc0\xaf\n", "line 3: not UTF-8" },
	};
	struct draft d;
	char	    *err;
	size_t	     i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* The NUL case: its length is counted by hand. */
		if (i == 1) {
			draft_init(&d);
			assert_int_equal(draft_parse(&d, cases[i].in, 15, &err),
			    -1);
		} else
			err = test_draft_parse(&d, cases[i].in);
		assert_non_null(err);
		assert_string_equal(err, cases[i].err);
		free(err);
		draft_free(&d);
	}
}

static void
test_draft_check_addresses(void **state)
{
	static const struct {
		const char *in;
		const char *err; /* NULL: fine */
	} cases[] = {
		{ "From: a@example.org\nTo: b@example.org\n\n", NULL },
		{ "From: a@example.org\nBcc: b@example.org\n\n", NULL },
		{ "From: a@example.org\nTo: \nCc:\n\n",
		    "no recipient: To, Cc and Bcc are empty" },
		{ "From: a@example.org, c@example.org\nTo: b@example.org\n\n",
		    "From: one address is needed" },
		{ "From: a@example.org\nSubject: s\nTo: foo bar\n\n",
		    "To: line 3: \"foobar\" has no @domain" },
		{ "From: a@example.org\nTo: a@b c@d\n\n",
		    "To: line 2: \"a@bc@d\" has two @ (a comma missing?)" },
		{ "From: a@example.org\nTo: x@y\nCc: <a@b\n\n",
		    "Cc: line 3: \"<a@b\" holds one of <>()[],;:\\\"" },
		{ "From: a@example.org\nTo: x@y\nCc: a@b >\n\n",
		    "Cc: line 3: cannot read the addresses at \">\"" },
		{ "From: a@example.org\nTo: \"Smith, J\" <j@x.org>, "
		  "J\xc3\xb6rg <jo@x.org>,\n\n",
		    NULL },
	};
	struct draft d;
	char	    *err;
	size_t	     i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_null(test_draft_parse(&d, cases[i].in));
		if (cases[i].err == NULL) {
			assert_int_equal(draft_check(&d, 1, &err), 0);
			assert_null(err);
		} else {
			assert_int_equal(draft_check(&d, 1, &err), -1);
			assert_string_equal(err, cases[i].err);
			free(err);
		}
		draft_free(&d);
	}
}

static void
test_draft_addr_parse(void **state)
{
	struct mime_addr *a;
	size_t		  n;
	char		 *err;
	const char	 *s = "=?UTF-8?Q?J=C3=B6rg?= <j@x.org>, g: m@x.org, "
			      "n@x.org;, \"q \\\" d\" <q@x.org>";

	assert_int_equal(mime_addr_parse(s, strlen(s), &a, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(a[0].name, "J\xc3\xb6rg");
	assert_string_equal(a[0].spec, "j@x.org");
	assert_null(a[1].name);
	assert_string_equal(a[2].spec, "n@x.org");
	assert_string_equal(a[3].name, "q \" d");
	mime_addr_free(a, n);
	/* A line break is refused before libetpan sees it. */
	s = "a@x.org\r\nBcc: evil@x.org";
	assert_int_equal(mime_addr_parse(s, strlen(s), &a, &n, &err), -1);
	free(err);
	assert_true(mime_addr_same("Al@Example.ORG", "al@example.org"));
	assert_false(mime_addr_same("al@example.org", "al@example.org.uk"));
}

static void
test_draft_attach(void **state)
{
	struct draft d;

	draft_init(&d);
	draft_attach(&d, "a.PDF", NULL, strdup("x"), 1);
	draft_attach(&d, "b", NULL, strdup("y"), 1);
	draft_attach(&d, "c.txt", "text/x-mine", strdup("z"), 1);
	assert_string_equal(d.att[0].type, "application/pdf");
	assert_string_equal(d.att[1].type, "application/octet-stream");
	draft_detach(&d, 1);
	assert_int_equal(d.natt, 2);
	assert_string_equal(d.att[1].type, "text/x-mine");
	draft_detach(&d, 7);
	assert_int_equal(d.natt, 2);
	draft_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draft_roundtrip),
		cmocka_unit_test(test_draft_lenient),
		cmocka_unit_test(test_draft_refused),
		cmocka_unit_test(test_draft_check_addresses),
		cmocka_unit_test(test_draft_addr_parse),
		cmocka_unit_test(test_draft_attach),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
