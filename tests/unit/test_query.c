/* The search language of "/": every key, quoting, errors, injection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "query.h"

/* The tree written out as IMAP keys would be, strings in brackets. */
static void
show(const struct query *q, char *buf, size_t size)
{
	const struct query *c;
	size_t		    at = strlen(buf);

	if (at > 0 && buf[at - 1] != '(')
		snprintf(buf + at, size - at, " ");
	at = strlen(buf);
	switch (q->kind) {
	case QK_AND:
		snprintf(buf + at, size - at, "(");
		for (c = q->a; c != NULL; c = c->next)
			show(c, buf, size);
		at = strlen(buf);
		snprintf(buf + at, size - at, ")");
		break;
	case QK_OR:
		snprintf(buf + at, size - at, "OR");
		show(q->a, buf, size);
		show(q->b, buf, size);
		break;
	case QK_NOT:
		snprintf(buf + at, size - at, "NOT");
		show(q->a, buf, size);
		break;
	case QK_SINCE:
	case QK_BEFORE:
	case QK_ON:
		snprintf(buf + at, size - at, "%s %04d-%02d-%02d",
		    query_key_name(q->kind), q->year, q->month, q->day);
		break;
	case QK_LARGER:
	case QK_SMALLER:
		snprintf(buf + at, size - at, "%s %u", query_key_name(q->kind),
		    q->num);
		break;
	default:
		if (q->str != NULL)
			snprintf(buf + at, size - at, "%s [%s]",
			    query_key_name(q->kind), q->str);
		else
			snprintf(buf + at, size - at, "%s",
			    query_key_name(q->kind));
		break;
	}
}

static void
check(const char *in, const char *want)
{
	struct query_error err;
	struct query	  *q;
	char		   buf[1024] = "";

	q = query_parse(in, strlen(in), &err);
	if (q == NULL)
		fail_msg("%s: %s at %zu", in, err.text, err.pos);
	show(q, buf, sizeof buf);
	assert_string_equal(buf, want);
	query_free(q);
}

static void
refused(const char *in, size_t len, size_t pos, const char *text)
{
	struct query_error err;
	struct query	  *q;

	q = query_parse(in, len, &err);
	if (q != NULL)
		fail_msg("%s: accepted", in);
	if (strstr(err.text, text) == NULL)
		fail_msg("%s: \"%s\", not \"%s\"", in, err.text, text);
	assert_int_equal(err.pos, pos);
}

static void
test_query_keys(void **state)
{
	(void)state;
	check("from:alice", "FROM [alice]");
	check("to:bob", "TO [bob]");
	check("cc:carol", "CC [carol]");
	check("bcc:dave", "BCC [dave]");
	check("subject:budget", "SUBJECT [budget]");
	check("body:invoice", "BODY [invoice]");
	check("text:hello", "TEXT [hello]");
	check("hello", "TEXT [hello]");
	check("unread", "UNSEEN");
	check("read", "SEEN");
	check("flagged", "FLAGGED");
	check("unflagged", "UNFLAGGED");
	check("deleted", "DELETED");
	check("undeleted", "UNDELETED");
	check("answered", "ANSWERED");
	check("unanswered", "UNANSWERED");
	check("since:2024-01-01", "SINCE 2024-01-01");
	check("before:2024-02-29", "BEFORE 2024-02-29");
	check("on:2023-12-31", "ON 2023-12-31");
	check("larger:1M", "LARGER 1048576");
	check("smaller:10k", "SMALLER 10240");
	check("larger:2000", "LARGER 2000");
	check("larger:3G", "LARGER 3221225472");
	check("FROM:Alice UNREAD", "(FROM [Alice] UNSEEN)");
}

static void
test_query_combined(void **state)
{
	(void)state;
	check("from:alice subject:\"budget 2024\" unread since:2024-01-01 "
	      "larger:1M",
	    "(FROM [alice] SUBJECT [budget 2024] UNSEEN SINCE 2024-01-01 "
	    "LARGER 1048576)");
	check("  from:x   unread  ", "(FROM [x] UNSEEN)");
	check("-unread", "NOT UNSEEN");
	check("not:from:alice", "NOT FROM [alice]");
	check("--read", "NOT NOT SEEN");
	check("from:a or from:b", "OR FROM [a] FROM [b]");
	check("from:a OR from:b or to:c", "OR OR FROM [a] FROM [b] TO [c]");
	check("from:a or from:b unread", "(OR FROM [a] FROM [b] UNSEEN)");
	check("(from:a unread) or flagged", "OR (FROM [a] UNSEEN) FLAGGED");
	check("-(from:a or to:a)", "NOT OR FROM [a] TO [a]");
	check("(((x)))", "TEXT [x]");
	check("caf\xc3\xa9", "TEXT [caf\xc3\xa9]");
}

static void
test_query_quoting(void **state)
{
	(void)state;
	check("\"two words\"", "TEXT [two words]");
	check("subject:\"say \\\"hi\\\"\"", "SUBJECT [say \"hi\"]");
	check("subject:\"back\\\\slash\"", "SUBJECT [back\\slash]");
	check("\"or\"", "TEXT [or]");
	check("\"unread\"", "TEXT [unread]");
	check("\"from:x\"", "TEXT [from:x]");
	check("subject:\"a)b\"", "SUBJECT [a)b]");
}

static void
test_query_errors(void **state)
{
	(void)state;
	refused("", 0, 0, "empty query");
	refused("   ", 3, 0, "empty query");
	refused("subject:a)b", 11, 9, "with no \"(\"");
	refused("frm:alice", 9, 0, "unknown key \"frm:\"");
	refused("unread from:", 12, 7, "from: needs a value");
	refused("from: alice", 11, 0, "from: needs a value");
	refused("since:2024-13-01", 16, 6, "wants a date");
	refused("since:2023-02-29", 16, 6, "wants a date");
	refused("on:yesterday", 12, 3, "wants a date");
	refused("larger:big", 10, 7, "wants a size");
	refused("larger:5G", 9, 7, "wants a size");
	refused("larger:99999999999", 18, 7, "wants a size");
	refused("subject:\"open", 13, 8, "not closed");
	refused("\"\"", 2, 0, "empty string");
	refused("(from:a", 7, 0, "parenthesis that is not closed");
	refused("from:a)", 7, 6, "with no \"(\"");
	refused("()", 2, 1, "empty parentheses");
	refused("or unread", 9, 0, "needs a term before");
	refused("unread or", 9, 7, "needs a term after");
	refused("- unread", 8, 0, "must follow");
	refused("not: unread", 11, 0, "must follow");
	refused(":x", 2, 0, "key is missing");
	refused("a\"b", 3, 1, "quote inside a word");
	refused("\"a\"b", 4, 3, "space is missing");
	refused("caf\xc3", 4, 3, "not UTF-8");
}

static void
test_query_injection(void **state)
{
	(void)state;
	/* Nothing that ends the command gets through, quoted or not. */
	refused("x\r\na DELETE folder", 18, 1, "line break or NUL");
	refused("subject:\"x\r\na DELETE folder\"", 28, 10,
	    "line break or NUL");
	refused("from:x\n", 7, 6, "line break or NUL");
	refused("from:x\ry", 8, 6, "line break or NUL");
	refused("from:a\0b", 8, 6, "line break or NUL");
	refused("from:a\x1b[2J", 10, 6, "control character");
	refused("from:a\x7f", 7, 6, "control character");
}

static void
test_query_limits(void **state)
{
	char   buf[2048];
	size_t i;

	(void)state;
	/* Negations and parentheses nest only so deep. */
	memset(buf, '-', 100);
	strcpy(buf + 100, "x");
	refused(buf, strlen(buf), QUERY_MAX_DEPTH + 1, "nested more than");
	memset(buf, '(', 100);
	buf[100] = 'x';
	memset(buf + 101, ')', 100);
	buf[201] = '\0';
	refused(buf, strlen(buf), QUERY_MAX_DEPTH + 1, "nested more than");
	buf[0] = '\0';
	for (i = 0; i < 150; i++)
		strcat(buf, "a ");
	refused(buf, strlen(buf), 200, "more than 100 terms");
	memset(buf, 'a', sizeof buf - 1);
	refused(buf, sizeof buf - 1, QUERY_MAX_LEN, "longer than");
}

static void
test_query_charset(void **state)
{
	struct query_error err;
	struct query	  *q;

	(void)state;
	q = query_parse("from:a (to:b or -subject:c)", 27, &err);
	assert_non_null(q);
	assert_false(query_needs_charset(q));
	query_free(q);
	q = query_parse("from:a (to:b or -subject:\xc3\xa9t\xc3\xa9)", 31,
	    &err);
	assert_non_null(q);
	assert_true(query_needs_charset(q));
	query_free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_keys),
		cmocka_unit_test(test_query_combined),
		cmocka_unit_test(test_query_quoting),
		cmocka_unit_test(test_query_errors),
		cmocka_unit_test(test_query_injection),
		cmocka_unit_test(test_query_limits),
		cmocka_unit_test(test_query_charset),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
