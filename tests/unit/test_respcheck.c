/*
 * The response checker: what a correct server sends passes whole and in
 * any chunking; each shape libetpan 1.9.4 mishandles is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "respcheck.h"

#define MAX_LITERAL (64ULL * 1024 * 1024)

/* Feed whole, then one byte at a time, then in threes: same verdict. */
static int
check(const char *s, size_t len)
{
	struct respcheck rc;
	size_t		 i;
	int		 whole, bytes = 0, threes = 0;

	respcheck_init(&rc, MAX_LITERAL);
	whole = respcheck_feed(&rc, s, len);
	respcheck_init(&rc, MAX_LITERAL);
	for (i = 0; i < len && bytes == 0; i++)
		bytes = respcheck_feed(&rc, s + i, 1);
	respcheck_init(&rc, MAX_LITERAL);
	for (i = 0; i < len && threes == 0; i += 3)
		threes = respcheck_feed(&rc, s + i, len - i < 3 ? len - i : 3);
	assert_int_equal(whole, bytes);
	assert_int_equal(whole, threes);
	return (whole);
}

#define OK(s) assert_int_equal(check(s, sizeof(s) - 1), 0)
#define REFUSED(s) assert_int_equal(check(s, sizeof(s) - 1), -1)

static void
test_correct_responses_pass(void **state)
{
	(void)state;
	OK("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE "
	   "IDLE LITERAL+ AUTH=PLAIN] Dovecot (Debian) ready.\r\n");
	OK("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
	   "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen "
	   "\\Draft \\*)] Flags permitted.\r\n"
	   "* 5 EXISTS\r\n* 0 RECENT\r\n"
	   "* OK [UIDVALIDITY 1795334859] UIDs valid\r\n"
	   "* OK [UIDNEXT 9] Predicted next UID\r\n"
	   "* OK [HIGHESTMODSEQ 18446744073709551615] Highest\r\n"
	   "A3 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n");
	OK("* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n");
	OK("* OK [ALERT] Your mailbox is almost full\r\n");
	/* A literal whose bytes look like everything the checker refuses. */
	OK("* 1 FETCH (UID 7 BODY[1] {54}\r\n"
	   "* OK [ALERT]\r\n(((( UID 4294967306 {4294967296}\r\n\"\"\"\"\r\n"
	   " FLAGS (\\Seen))\r\n");
	OK("* STATUS {5}\r\nINBOX (MESSAGES 3 UNSEEN 1)\r\n");
	OK("* STATUS \"Work/Projects\" (MESSAGES 2 UNSEEN 2)\r\n");
	/* Quoted strings may hold brackets, parentheses and backslashes. */
	OK("* 2 FETCH (ENVELOPE (\"Mon, 1 Jan 2024\" \"((( [ALERT]\\\"x\" "
	   "NIL NIL NIL NIL NIL NIL NIL \"<a@b>\") UID 9)\r\n");
	OK("* LIST (\\HasNoChildren) \"/\" {8+}\r\nR&AOk-un\r\n");
	OK("* 3 FETCH (MODSEQ (12345678901234) UID 3 FLAGS ())\r\n");
	/* Free text may hold any number. */
	OK("* OK Still here after 99999999999 seconds\r\n");
	OK("A1 OK Logged in\r\n");
}

static void
test_alert_without_text(void **state)
{
	(void)state;
	REFUSED("* OK [ALERT]\r\n");
	REFUSED("* NO [ALERT]\r\n");
	REFUSED("* OK [ALERT]   \r\n");
	REFUSED("A1 OK [ALERT]\r\n");
}

static void
test_bad_permanentflags(void **state)
{
	(void)state;
	REFUSED("* OK [PERMANENTFLAGS ({]\r\n");
	REFUSED("* OK [PERMANENTFLAGS (\\Seen] x\r\n");
	REFUSED("* OK [PERMANENTFLAGS (\\Seen (x)] x\r\n");
}

static void
test_status_empty_list(void **state)
{
	(void)state;
	REFUSED("* STATUS \"RUU\" ()\r\n");
	/* Ended by a bare LF, which libetpan takes for CRLF. */
	REFUSED("* STATUS S ()\n");
	REFUSED("* 1 EXISTS\n");
	REFUSED("\n");
	REFUSED("* STATUS {3}\r\nRUU ()\r\n");
}

static void
test_big_numbers(void **state)
{
	(void)state;
	REFUSED("* 1 FETCH (UID 4294967306 FLAGS ())\r\n");
	REFUSED("* 4294967296 EXISTS\r\n");
	REFUSED("* 1 FETCH (RFC822.SIZE 99999999999)\r\n");
	REFUSED("* OK [UIDVALIDITY 4294967296] x\r\n");
	REFUSED("* 1 FETCH (BODY[] {4294967296}\r\n");
	REFUSED("* 1 FETCH (BODY[] {99999999999999999999999}\r\n");
	REFUSED("* 1 FETCH (BODY[] {1234567890123456789012345678901234567890}"
		"\r\n");
	OK("* 1 FETCH (UID 4294967295 FLAGS ())\r\n");
}

/* A line of 2 MiB: head, then body repeated; want is respcheck_feed's. */
static void
long_list(const char *head, const char *body, int want)
{
	struct respcheck rc;
	size_t		 n = strlen(body), sent = 0;
	int		 r = 0;

	respcheck_init(&rc, MAX_LITERAL);
	assert_int_equal(respcheck_feed(&rc, head, strlen(head)), 0);
	while (sent < 2 * 1024 * 1024 && r == 0) {
		r = respcheck_feed(&rc, body, n);
		sent += n;
	}
	if (r == 0)
		r = respcheck_feed(&rc, "\r\n", 2);
	assert_int_equal(r, want);
	if (want == 0)
		assert_int_equal(respcheck_feed(&rc, "A1 OK done\r\n", 12), 0);
}

static void
test_limits(void **state)
{
	struct respcheck rc;
	char		 line[2048];
	int		 i;

	(void)state;
	/* A literal over the cap. */
	respcheck_init(&rc, 1000);
	assert_int_equal(respcheck_feed(&rc, "* 1 FETCH (BODY[] {1001}\r\n",
			     26),
	    -1);
	assert_non_null(strstr(rc.why, "max-literal"));
	/* Once refused, always refused. */
	assert_int_equal(respcheck_feed(&rc, "A1 OK\r\n", 7), -1);

	/* Deep nesting. */
	respcheck_init(&rc, MAX_LITERAL);
	for (i = 0; i < 101; i++)
		line[i] = '(';
	assert_int_equal(respcheck_feed(&rc, "* 1 FETCH ", 10), 0);
	assert_int_equal(respcheck_feed(&rc, line, 101), -1);
	assert_non_null(strstr(rc.why, "nested"));

	/* A line over 1 MiB, fed in pieces. */
	respcheck_init(&rc, MAX_LITERAL);
	memset(line, 'x', sizeof line);
	for (i = 0; i < 512; i++)
		assert_int_equal(respcheck_feed(&rc, line, sizeof line), 0);
	assert_int_equal(respcheck_feed(&rc, line, 1), -1);
	assert_non_null(strstr(rc.why, "1 MiB"));

	/* Numbers alone after SORT or THREAD may go on, up to max-literal. */
	long_list("* SORT ", "1 2 3 4 ", 0);
	long_list("* thread ", "(1 2)(3 4) ", 0);
	long_list("* SORT ", "1 2 x 4 ", -1);
	long_list("* OK ", "1 2 3 4 ", -1);
	respcheck_init(&rc, 3 * 1024 * 1024);
	assert_int_equal(respcheck_feed(&rc, "* SEARCH ", 9), 0);
	memset(line, '7', sizeof line);
	line[sizeof line - 1] = ' ';
	/* 3 MiB less a little pass, the rest of the 3 MiB does not. */
	for (i = 0; i < 1500; i++)
		assert_int_equal(respcheck_feed(&rc, line, sizeof line), 0);
	while (i++ < 1537 && respcheck_feed(&rc, line, sizeof line) == 0)
		;
	assert_int_equal(rc.failed, 1);
	assert_true(i <= 1537);
}

/* A FETCH of a BODYSTRUCTURE: head, then part n times, then tail. */
static char *
bodystructure(const char *head, const char *part, size_t n, const char *tail)
{
	char  *s;
	size_t i, hl = strlen(head), pl = strlen(part), tl = strlen(tail);

	s = malloc(hl + n * pl + tl + 1);
	assert_non_null(s);
	memcpy(s, head, hl);
	for (i = 0; i < n; i++)
		memcpy(s + hl + i * pl, part, pl);
	memcpy(s + hl + n * pl, tail, tl + 1);
	return (s);
}

static double
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (
	    (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6);
}

/*
 * A hostile MIME structure is refused before libetpan parses it, and
 * quickly: 20,000 nested multiparts by the depth cap, 20,000 parts side
 * by side by the list cap.  A real one, odd boundary and all, passes.
 */
/* RFC 3501 allows NUL in literals only. */
static void
test_nul(void **state)
{
	(void)state;
	REFUSED("* LIST () \"/\" \"Tr\0sh\"\r\n");
	REFUSED("* OK still\0here\r\n");
	OK("* 1 FETCH (UID 1 BODY[HEADER] {12}\r\nSubject: \0\r\n)\r\n");
}

/* What the caller shows when the connection then ends. */
static void
test_bye_and_tag(void **state)
{
	struct respcheck rc;
	const char	 bye[] = "* BYE [ALERT] going down\r\n";
	const char	 lit[] = "* 1 FETCH (BODY[] {8}\r\n* BYE x)\r\n";
	const char	 tag[] = "* 3 EXISTS\r\nZ999 OK done\r\n";

	(void)state;
	respcheck_init(&rc, MAX_LITERAL);
	assert_int_equal(respcheck_feed(&rc, bye, sizeof bye - 1), 0);
	assert_string_equal(rc.bye, "[ALERT] going down");
	/* Inside a literal, "* BYE" is data. */
	respcheck_init(&rc, MAX_LITERAL);
	assert_int_equal(respcheck_feed(&rc, lit, sizeof lit - 1), 0);
	assert_string_equal(rc.bye, "");
	respcheck_init(&rc, MAX_LITERAL);
	assert_int_equal(respcheck_feed(&rc, tag, sizeof tag - 1), 0);
	assert_string_equal(rc.tag, "Z999");
	/* A refusal from above: everything after is refused. */
	respcheck_refuse(&rc, "an EXPUNGE of message 0");
	assert_string_equal(rc.why, "an EXPUNGE of message 0");
	assert_int_equal(respcheck_feed(&rc, "* OK\r\n", 6), -1);
}

static void
test_bodystructure(void **state)
{
	struct respcheck rc;
	struct timespec	 t0;
	char		*s;

	(void)state;
	s = bodystructure("* 1 FETCH (UID 1 BODYSTRUCTURE ", "(", 20000, "");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	respcheck_init(&rc, MAX_LITERAL);
	assert_int_equal(respcheck_feed(&rc, s, strlen(s)), -1);
	assert_true(elapsed_ms(&t0) < 100);
	assert_non_null(strstr(rc.why, "nested"));
	free(s);

	s = bodystructure("* 1 FETCH (UID 1 BODYSTRUCTURE (",
	    "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)", 20000,
	    " \"mixed\"))\r\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	respcheck_init(&rc, MAX_LITERAL);
	assert_int_equal(respcheck_feed(&rc, s, strlen(s)), -1);
	assert_true(elapsed_ms(&t0) < 100);
	assert_non_null(strstr(rc.why, "BODYSTRUCTURE"));
	assert_int_equal(check(s, strlen(s)), -1);
	free(s);
	/* Literals restart the line, not the count. */
	s = bodystructure("* 1 FETCH (UID 1 BODYSTRUCTURE (",
	    "(\"text\" {5}\r\nplain NIL NIL NIL \"7bit\" 1 1)", 20000,
	    " \"mixed\"))\r\n");
	assert_int_equal(check(s, strlen(s)), -1);
	free(s);

	/* 2,000 parts, a boundary of one quote, and the next FETCH. */
	s = bodystructure("* 1 FETCH (UID 1 BODYSTRUCTURE (",
	    "(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 1 1)",
	    2000,
	    " \"mixed\" (\"boundary\" \"\\\"\")))\r\n"
	    "* 2 FETCH (UID 2 BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL "
	    "\"7bit\" 1 1))\r\nA1 OK done\r\n");
	assert_int_equal(check(s, strlen(s)), 0);
	free(s);
	/* The count is per BODYSTRUCTURE: THREAD and the like are not held. */
	s = bodystructure("* 1 FETCH (UID 1 BODYSTRUCTURE (\"text\" \"plain\" "
			  "NIL NIL NIL \"7bit\" 1 1) X (",
	    "(1)", 20000, "))\r\n");
	assert_int_equal(check(s, strlen(s)), 0);
	free(s);
}

/*
 * respcheck_feed takes the bytes between those that matter in runs: cut
 * anywhere in two, it must end as respcheck_feed_bytes does, a byte at a
 * time, in verdict and in what it keeps of the line.
 */
static void
test_runs(void **state)
{
	static const char *const inputs[] = {
		"* 1 FETCH (UID 1001 FLAGS (\\Seen) INTERNALDATE "
		"\"02-May-2024 10:00:00 +0200\" RFC822.SIZE 4001 "
		"BODY[HEADER.FIELDS (FROM TO)] {12}\r\nFrom: a@b\r\n)\r\n"
		"A7 OK Fetch completed.\r\n",
		"* 1 FETCH (UID 1 ENVELOPE (\"a\\\"b\\\\\" \"c)\" NIL))\r\n",
		"* 1 FETCH (UID 42949672960 FLAGS ())\r\n",
		"* 1 FETCH (UID 0000000000000000000001 FLAGS ())\r\n",
		"* OK [X-A-VERY-LONG-RESPONSE-CODE-NAME 123456789012] text\r\n",
		"* 1 FETCH (BODY[] {000000000000000000000000000000012}\r\n",
		"* SEARCH 1 2 3 40000 500000 6000000 70000000 800000000\r\n",
		"* 1 FETCH (X \"a\r\nb\" BODY[] ~{3}\r\nabc)\r\nA1 OK x\r\n",
		"* 1 FETCH (X abc\0def)\r\n",
	};
	struct respcheck rc, ref;
	size_t		 i, cut, len, tl;
	int		 r, want;

	(void)state;
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		len = strlen(inputs[i]);
		if (i == sizeof inputs / sizeof inputs[0] - 1)
			len = 24; /* the NUL and what follows */
		respcheck_init(&ref, MAX_LITERAL);
		want = respcheck_feed_bytes(&ref, inputs[i], len);
		for (cut = 0; cut <= len; cut++) {
			respcheck_init(&rc, MAX_LITERAL);
			r = respcheck_feed(&rc, inputs[i], cut);
			if (r == 0)
				r = respcheck_feed(&rc, inputs[i] + cut,
				    len - cut);
			if (r != want)
				fail_msg("input %zu cut at %zu: %d, not %d", i,
				    cut, r, want);
			if (r != 0)
				continue;
			assert_int_equal(rc.literal, ref.literal);
			assert_int_equal(rc.at_response, ref.at_response);
			assert_int_equal(rc.line_len, ref.line_len);
			/* Of the tail, the line's last RESPCHECK_TAIL bytes. */
			tl = rc.tail_len < RESPCHECK_TAIL ? rc.tail_len :
							    RESPCHECK_TAIL;
			assert_int_equal(tl,
			    ref.tail_len < RESPCHECK_TAIL ? ref.tail_len :
							    RESPCHECK_TAIL);
			assert_memory_equal(rc.tail + rc.tail_len - tl,
			    ref.tail + ref.tail_len - tl, tl);
			assert_int_equal(rc.head_len, ref.head_len);
			assert_memory_equal(rc.head, ref.head, rc.head_len);
			assert_string_equal(rc.prev, ref.prev);
			assert_string_equal(rc.tag, ref.tag);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_correct_responses_pass),
		cmocka_unit_test(test_alert_without_text),
		cmocka_unit_test(test_bad_permanentflags),
		cmocka_unit_test(test_status_empty_list),
		cmocka_unit_test(test_big_numbers),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_bodystructure),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_bye_and_tag),
		cmocka_unit_test(test_runs),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
