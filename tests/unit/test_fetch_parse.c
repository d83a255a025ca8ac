/*
 * The fill's own FETCH parser: rows as libetpan's parser made them, items
 * the list does not use skipped whatever their shape, and what is not a
 * FETCH response refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fetch_ref.h"

#define HDR                                                \
	"From: Alice Liddell <alice@example.org>\r\n"      \
	"To: Bob <bob@example.org>, carol@example.org\r\n" \
	"Subject: =?UTF-8?Q?Caf=C3=A9?= at four\r\n"       \
	"Date: Thu, 02 May 2024 10:00:00 +0200\r\n"        \
	"Message-ID: <tea-4@example.org>\r\n"              \
	"References: <a@x> <b@x>\r\n\r\n"

/* A response with the header block above as its literal. */
static char *
with_header(const char *before, const char *after)
{
	static char buf[4096];

	snprintf(buf, sizeof buf, "%s{%zu}\r\n%s%s", before, strlen(HDR), HDR,
	    after);
	return (buf);
}

/* Parse s both ways; they must agree, and *m is the fast one's row. */
static void
parse_same(const char *s, uint32_t *seq, struct message *m)
{
	struct message ref;
	uint32_t       rseq = 0;

	assert_int_equal(imap_fetch_parse(s, strlen(s), seq, m), 0);
	assert_int_equal(fetch_ref_parse(s, strlen(s), &rseq, &ref), 0);
	assert_int_equal(*seq, rseq);
	assert_true(fetch_ref_same(m, &ref));
	message_clear(&ref);
}

static void
test_fetch_dovecot(void **state)
{
	struct message m;
	uint32_t       seq;

	(void)state;
	parse_same(with_header("* 5 FETCH (UID 17 FLAGS (\\Seen \\Flagged) "
			       "INTERNALDATE \"03-May-2024 08:00:00 +0000\" "
			       "RFC822.SIZE 1234 BODY[HEADER.FIELDS (FROM TO "
			       "SUBJECT DATE MESSAGE-ID IN-REPLY-TO "
			       "REFERENCES)] ",
		       ")\r\n"),
	    &seq, &m);
	assert_int_equal(seq, 5);
	assert_int_equal(m.uid, 17);
	assert_int_equal(m.size, 1234);
	assert_int_equal(m.flags, MSG_SEEN | MSG_FLAGGED);
	/* The Date header wins over INTERNALDATE. */
	assert_int_equal(m.date, 1714636800);
	assert_string_equal(m.from, "Alice Liddell");
	assert_string_equal(m.from_key, "alice");
	assert_string_equal(m.to, "Bob +1");
	assert_string_equal(m.subject, "Café at four");
	assert_string_equal(m.message_id, "<tea-4@example.org>");
	assert_string_equal(m.refs, "<a@x> <b@x>");
	message_clear(&m);
}

static void
test_fetch_internaldate(void **state)
{
	static const struct {
		const char *date;
		time_t	    t;
	} dates[] = {
		{ "02-May-2024 10:00:00 +0200", 1714636800 },
		{ " 2-May-2024 10:00:00 +0200", 1714636800 },
		{ "2-may-2024 10:00:00 +0200", 1714636800 },
		{ "02-MAY-2024 13:30:00 +0530", 1714636800 },
		{ "02-May-2024 02:30:00 -0530", 1714636800 },
	};
	struct message m;
	char	       s[256];
	uint32_t       seq;
	size_t	       i;

	(void)state;
	for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		/* No Date header: the row's date is INTERNALDATE. */
		snprintf(s, sizeof s,
		    "* 1 FETCH (UID 3 INTERNALDATE \"%s\" BODY[HEADER] "
		    "{14}\r\nSubject: x\r\n\r\n)\r\n",
		    dates[i].date);
		parse_same(s, &seq, &m);
		assert_int_equal(m.date, dates[i].t);
		message_clear(&m);
	}
}

static void
test_fetch_skips(void **state)
{
	struct message m;
	uint32_t       seq;
	const char    *s;

	(void)state;
	/* MODSEQ, a section with quoted names, an origin. */
	parse_same(with_header("* 9 FETCH (MODSEQ (12345) UID 4 "
			       "BODY[HEADER.FIELDS (\"FROM\" \"X]Y\")]<0> ",
		       " RFC822.SIZE 7)\r\n"),
	    &seq, &m);
	assert_int_equal(m.uid, 4);
	assert_int_equal(m.size, 7);
	assert_string_equal(m.from, "Alice Liddell");
	message_clear(&m);
	/*
	 * An item libetpan does not know ended the session; it is skipped
	 * now, whatever it holds: lists, NIL, a literal, escapes.
	 */
	s = with_header("* 9 FETCH (X-THING (\"a\" {3}\r\nabc NIL (1 (2 "
			"\"x\\\"y\")) ()) UID 4 BODY[HEADER] ",
	    ")\r\n");
	assert_int_equal(fetch_ref_parse(s, strlen(s), &seq, &m), -1);
	assert_int_equal(imap_fetch_parse(s, strlen(s), &seq, &m), 0);
	assert_int_equal(m.uid, 4);
	assert_string_equal(m.subject, "Café at four");
	message_clear(&m);
	/* A BODYSTRUCTURE is skipped whole. */
	parse_same("* 2 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" "
		   "\"utf-8\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL) UID "
		   "8)\r\n",
	    &seq, &m);
	assert_int_equal(m.uid, 8);
	assert_string_equal(m.subject, "");
	message_clear(&m);
}

static void
test_fetch_flags_only(void **state)
{
	struct message m;
	uint32_t       seq;

	(void)state;
	/* What another client's change looks like, in any case. */
	parse_same("* 3 FETCH (FLAGS (\\SEEN \\answered $Junk \\Recent "
		   "\\Deleted \\Draft) UID 9)\r\n",
	    &seq, &m);
	assert_int_equal(seq, 3);
	assert_int_equal(m.uid, 9);
	assert_int_equal(m.flags,
	    MSG_SEEN | MSG_ANSWERED | MSG_DELETED | MSG_DRAFT);
	message_clear(&m);
	parse_same("* 3 FETCH (FLAGS ())\r\n", &seq, &m);
	assert_int_equal(m.uid, 0);
	assert_int_equal(m.flags, 0);
	message_clear(&m);
}

static void
test_fetch_two_blocks(void **state)
{
	struct message m;
	uint32_t       seq;

	(void)state;
	/*
	 * The first block has a To and no From or Subject: the second is
	 * still ignored, or its To would replace (and leak) the first's.
	 */
	parse_same("* 1 FETCH (UID 2 BODY[HEADER] {11}\r\nTo: a@b.c\r\n "
		   "BODY[HEADER] {23}\r\nTo: d@e.f\r\nSubject: x\r\n)\r\n",
	    &seq, &m);
	assert_string_equal(m.to, "a@b.c");
	assert_string_equal(m.subject, "");
	message_clear(&m);
}

static void
test_fetch_strings(void **state)
{
	struct message m;
	uint32_t       seq;

	(void)state;
	/* The header block as a quoted string, escapes undone; or NIL. */
	parse_same("* 1 FETCH (UID 2 BODY[HEADER.FIELDS (SUBJECT)] "
		   "\"Subject: a \\\"b\\\" \\\\ c\")\r\n",
	    &seq, &m);
	assert_string_equal(m.subject, "a \"b\" \\ c");
	message_clear(&m);
	parse_same("* 1 FETCH (UID 2 BODY[HEADER.FIELDS (SUBJECT)] NIL)\r\n",
	    &seq, &m);
	assert_string_equal(m.subject, "");
	message_clear(&m);
}

static void
test_fetch_blanks(void **state)
{
	static const char *const loose[] = {
		"* 1 FETCH (UID 2  RFC822.SIZE 3)\r\n",
		"* 1 FETCH ( UID 2 RFC822.SIZE 3 )\r\n",
		"* 1 FETCH (UID  2 FLAGS ( \\Seen  \\Draft ))\r\n",
		"* 1 FETCH (UID 2) \r\n",
	};
	struct message m;
	uint32_t       seq;
	size_t	       i;

	(void)state;
	/* More blanks than RFC 3501 has: libetpan read them, so do we. */
	for (i = 0; i < sizeof loose / sizeof loose[0]; i++) {
		parse_same(loose[i], &seq, &m);
		assert_int_equal(m.uid, 2);
		message_clear(&m);
	}
}

static void
test_fetch_refused(void **state)
{
	static const char *const bad[] = {
		"* 1 FETCH (UID 2\r\n",
		"* 1 FETCH (UID 2)",
		"* 1 FETCH (UID 2)\r\nX",
		"* 1 FETCH ()\r\n",
		"* 1 FETCH (UID)\r\n",
		"* 1 FETCH (UID x)\r\n",
		"* 1 FETCH (UID 4294967296)\r\n",
		"* 4294967296 FETCH (UID 1)\r\n",
		"* 1 FETCH (UID 2RFC822.SIZE 3)\r\n",
		"* 1 FETCH (BODY[HEADER] {10}\r\nshort)\r\n",
		"* 1 FETCH (BODY[HEADER] {99999999999999999999}\r\n)\r\n",
		"* 1 FETCH (BODY[HEADER] \"a\rb\")\r\n",
		"* 1 FETCH (BODY[HEADER \"a\")\r\n",
		"* 1 FETCH (INTERNALDATE \"02-Mai-2024 10:00:00 +0200\")\r\n",
		"* 1 FETCH (INTERNALDATE \"02-May-2024 10:00 +0200\")\r\n",
		"* 1 FETCH (INTERNALDATE \"02-May-2024 10:00:00 0200\")\r\n",
		"* 1 FETCH (FLAGS (\\Seen)\r\n",
		"* 1 FETCH (X (((((((((((((((((((((((((((((((((((((((((((((((("
		"((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))"
		")))))))))))))))))))))))))))))))))))))))))))))))))))))\r\n",
		"* 1 EXPUNGE\r\n",
		"1 OK FETCH done\r\n",
		"",
	};
	struct message m;
	uint32_t       seq;
	size_t	       i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (imap_fetch_parse(bad[i], strlen(bad[i]), &seq, &m) != -1)
			fail_msg("accepted: %s", bad[i]);
		/* Nothing is left allocated in a refused row. */
		assert_null(m.subject);
		assert_null(m.from);
	}
}

static void
test_fetch_lines(void **state)
{
	static const char *const fetch[] = { "* 1 FETCH (UID 2)\r\n",
		"* 4294967295 fetch (", "* 12 FETCH (FLAGS" };
	static const char *const other[] = { "* 1 EXPUNGE\r\n",
		"* OK [HIGHESTMODSEQ 5] x\r\n", "1 OK done\r\n",
		"* VANISHED 1:3\r\n", "* 1 FETCH(UID 2)\r\n",
		"* 4294967296 FETCH (", "*  1 FETCH (" };
	size_t			 n, i;

	(void)state;
	for (i = 0; i < sizeof fetch / sizeof fetch[0]; i++)
		assert_true(imap_fetch_is_fetch(fetch[i], strlen(fetch[i])));
	for (i = 0; i < sizeof other / sizeof other[0]; i++)
		assert_false(imap_fetch_is_fetch(other[i], strlen(other[i])));
	assert_true(imap_line_literal("* 1 FETCH (BODY[] {12}\r\n", 24, &n));
	assert_int_equal(n, 12);
	assert_true(imap_line_literal("x ~{0}\r\n", 8, &n));
	assert_int_equal(n, 0);
	assert_false(imap_line_literal("x {}\r\n", 6, &n));
	assert_false(imap_line_literal("x {12+}\r\n", 9, &n));
	assert_false(imap_line_literal("x {12}\n", 7, &n));
	/* Right after a literal's bytes, a line may be one (and refused). */
	assert_true(imap_line_literal("{12}\r\n", 6, &n));
	assert_false(imap_line_literal("12}\r\n", 5, &n));
	assert_false(imap_line_literal("x {99999999999999999999}\r\n", 26, &n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_dovecot),
		cmocka_unit_test(test_fetch_internaldate),
		cmocka_unit_test(test_fetch_skips),
		cmocka_unit_test(test_fetch_flags_only),
		cmocka_unit_test(test_fetch_two_blocks),
		cmocka_unit_test(test_fetch_strings),
		cmocka_unit_test(test_fetch_blanks),
		cmocka_unit_test(test_fetch_refused),
		cmocka_unit_test(test_fetch_lines),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
