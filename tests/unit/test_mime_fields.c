/* The list's header fields read from a raw header block. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mime_fields.h"

static void
parse(const char *h, struct message *f)
{
	memset(f, 0, sizeof *f);
	mime_fields_parse(h, strlen(h), f);
}

static void
test_fields_plain(void **state)
{
	struct message f;

	(void)state;
	parse("From: Alice Liddell <alice@example.org>\r\n"
	      "Subject: Tea at four\r\n"
	      "Date: Thu, 02 May 2024 10:00:00 +0200\r\n"
	      "Message-ID: <tea-4@example.org>\r\n\r\n",
	    &f);
	assert_string_equal(f.from, "Alice Liddell");
	assert_null(f.to);
	assert_string_equal(f.subject, "Tea at four");
	assert_int_equal(f.date, 1714636800);
	assert_string_equal(f.message_id, "<tea-4@example.org>");
	message_clear(&f);
}

static void
test_fields_folded_encoded(void **state)
{
	struct message f;

	(void)state;
	/* Folded lines, bare LF, names in any case, encoded words. */
	parse("SUBJECT: =?UTF-8?Q?Caf=C3=A9?=\n on Friday\n"
	      "from: \"Hatter, The\"\n <hatter@example.org>\n"
	      "message-id:   <x@y>  \n",
	    &f);
	assert_string_equal(f.subject, "Café on Friday");
	assert_string_equal(f.from, "Hatter, The");
	assert_string_equal(f.message_id, "<x@y>");
	assert_int_equal(f.date, 0);
	message_clear(&f);
}

static void
test_fields_odd(void **state)
{
	struct message f;

	(void)state;
	/* An address alone; a field name inside another's value. */
	parse("From: rabbit@example.org\r\n"
	      "X-Note: Subject: not this one\r\n"
	      "Message-ID: <a b@c>\r\n",
	    &f);
	assert_string_equal(f.from, "rabbit@example.org");
	assert_null(f.subject);
	/* A Message-ID that could not be searched for safely is dropped. */
	assert_null(f.message_id);
	message_clear(&f);
	/* Not an address at all, and an empty block. */
	parse("From: undisclosed sender\r\nDate: yesterday\r\n", &f);
	assert_string_equal(f.from, "undisclosed sender");
	assert_int_equal(f.date, 0);
	message_clear(&f);
	memset(&f, 0, sizeof f);
	mime_fields_parse("", 0, &f);
	assert_null(f.from);
	message_clear(&f);
	/* Not NUL-terminated: only len bytes are read. */
	memset(&f, 0, sizeof f);
	mime_fields_parse("Subject: cut here", 12, &f);
	assert_string_equal(f.subject, "cut");
	message_clear(&f);
}

/* To: the first recipient as From shows its sender, and how many more. */
static void
test_fields_to(void **state)
{
	static const struct {
		const char *h, *to;
	} cases[] = {
		{ "To: Bob Smith <bob@example.org>\r\n", "Bob Smith" },
		{ "To: bob@example.org\r\n", "bob@example.org" },
		{ "To: =?UTF-8?B?5bGx55Sw?= <y@example.jp>,\r\n"
		  " carol@example.org, \"Dan\" <dan@example.org>\r\n",
		    "山田 +2" },
		{ "to: team: ann@example.org, bob@example.org;, eve@x.org\n",
		    "ann@example.org +2" },
		{ "To: undisclosed-recipients:;\r\n",
		    "undisclosed-recipients" },
		{ "To: <>, not an address at all\r\n",
		    "<>, not an address at all" },
		{ "To:\r\n", "" },
	};
	struct message f;
	size_t	       i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse(cases[i].h, &f);
		if (f.to == NULL || strcmp(f.to, cases[i].to) != 0)
			fail_msg("'%s' gave '%s'", cases[i].h,
			    f.to != NULL ? f.to : "(null)");
		message_clear(&f);
	}
}

static void
test_fields_refs(void **state)
{
	struct message f;
	char	       h[4096];
	size_t	       at, i;

	(void)state;
	/* References, folded, with comments and junk between the ids. */
	parse("In-Reply-To: <c@x>\r\n"
	      "References: <a@x> (first)\r\n <b@x>\r\n\t<c@x> junk\r\n",
	    &f);
	assert_string_equal(f.refs, "<a@x> <b@x> <c@x>");
	message_clear(&f);
	/* Without References, In-Reply-To's first id; odd ids dropped. */
	parse("In-Reply-To: <p q@x> <r@x> <s@x>\r\n", &f);
	assert_string_equal(f.refs, "<r@x>");
	message_clear(&f);
	parse("References: <no end\r\n", &f);
	assert_null(f.refs);
	message_clear(&f);
	/* A long References keeps its last ids, the nearest parents. */
	at = (size_t)snprintf(h, sizeof h, "References:");
	for (i = 1; i <= 40; i++)
		at += (size_t)snprintf(h + at, sizeof h - at, " <%zu@x>", i);
	snprintf(h + at, sizeof h - at, "\r\n");
	parse(h, &f);
	assert_non_null(f.refs);
	assert_true(strncmp(f.refs, "<9@x> <10@x>", 12) == 0);
	assert_non_null(strstr(f.refs, " <40@x>"));
	message_clear(&f);
}

/* Numbers as long as a sender likes must not overflow: no date, then. */
static void
test_fields_date_out_of_range(void **state)
{
	static const char *const dates[] = {
		"Thu, 02 May 2024 10:00:00 +99999999999",
		"Thu, 02 May 2024 10:00:00 -2147483648",
		"Thu, 02 May 4294967295 10:00:00 +0000",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof dates / sizeof dates[0]; i++)
		assert_int_equal(mime_date(dates[i], strlen(dates[i])), 0);
	assert_int_equal(mime_mktime(2024, 5, 2, 10, 0, 0, 10000), 0);
	assert_int_equal(mime_mktime(2024, 5, 2, 10, 0, 0, 200),
	    mime_mktime(2024, 5, 2, 8, 0, 0, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_plain),
		cmocka_unit_test(test_fields_folded_encoded),
		cmocka_unit_test(test_fields_odd),
		cmocka_unit_test(test_fields_to),
		cmocka_unit_test(test_fields_refs),
		cmocka_unit_test(test_fields_date_out_of_range),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
