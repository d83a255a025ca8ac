/*
 * The fast readers of From, To and Date against libetpan's: the same
 * row from every block, for the shapes they take and those they must
 * leave to libetpan.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mime_fields.h"
#include "mime_fields_fast.h"

/* Mailboxes, common and hostile; each is tried alone and in lists. */
static const char *const boxes[] = {
	"Alice Liddell <alice@example.org>",
	"\"Liddell, Alice\" <alice@example.org>",
	"alice@example.org",
	"<alice@example.org>",
	"  Alice   Liddell\t<alice@example.org>  ",
	"Alice<alice@example.org>",
	"\"Alice\"<alice@example.org>",
	"\"Alice\"Liddell <a@b>",
	"Alice\"Liddell\" <a@b>",
	"\"\" <a@b>",
	"\"\" \"\" <a@b>",
	"\" \" <a@b>",
	"\"  A  \t B  \" <a@b>",
	"\"Smith: John; (x)\" <a@b>",
	"a@b <c@d>",
	"alice@example.org <alice@example.org>",
	"Jos\xc3\xa9 Mart\xc3\xadnez <jose@example.org>",
	"\"Jos\xc3\xa9\" <jose@example.org>",
	"<jos\xc3\xa9@example.org>",
	"undisclosed",
	"<nobody>",
	"Name <nobody>",
	"a@b@c",
	"Bob <a@b@c>",
	"=?UTF-8?B?5bGx55Sw?= <y@example.jp>",
	"\"=?UTF-8?B?5bGx55Sw?=\" <y@example.jp>",
	"=?utf-8?q?Jos=C3=A9?=<a@b>",
	"Name =?utf-8?q?x?= <a@b>",
	"\"=?utf-8?q?x?= <a@b>",
	"Name <a=?b@c>",
	"=?utf-8?q?Jos=C3=A9_Mart=C3=ADnez?= <user12@example.org>",
	"=?utf-8?b?SsO8cmdlbiBNw7xsbGVy?= <j@example.org>",
	"=?utf-8?b?w6k=?= =?utf-8?b?w6k=?= <j@example.org>",
	"=?utf-8?q?a?= =?utf-8?q?b?= <j@example.org>",
	"=?utf-8?q?a?=  =?utf-8?q?b?= <j@example.org>",
	"=?utf-8?q?a?=\t=?utf-8?q?b?= <j@example.org>",
	"=?utf-8?q?a?= =?iso-8859-1?q?b?= <j@example.org>",
	"=?utf-8?q?a?= =?utf-8?b?Yg==?= <j@example.org>",
	"=?utf-8?q?a?==?utf-8?q?b?= <j@example.org>",
	"=?utf-8?q?a?=Smith <j@example.org>",
	"=?utf-8?q?a?=\"Smith\" <j@example.org>",
	"\"Smith\"=?utf-8?q?a?= <j@example.org>",
	"Mr =?utf-8?q?a?= Smith <j@example.org>",
	"Mr  =?utf-8?q?a?= <j@example.org>",
	"=?utf-8?q?a?=<j@example.org>",
	"=?utf-8?q?a?=   <j@example.org>",
	"=?utf-8?q?a=?= <j@example.org>",
	"=?utf-8?q?=?= <j@example.org>",
	"=?utf-8?q?"
	"?= <j@example.org>",
	"=?utf-8?x?a?= <j@example.org>",
	"=?utf-8??a?= <j@example.org>",
	"=?"
	"?q?a?= <j@example.org>",
	"=?utf-8*en?q?a?= <j@example.org>",
	"=?utf.8?q?a?= <j@example.org>",
	"=?utf-8?q?a b?= <j@example.org>",
	"=?utf-8?q?a?b?= <j@example.org>",
	"=?utf-8?q?a",
	"=?utf-8?q?a?= <j@example.org>, =?utf-8?B?w6k=?= <k@x>",
	"=?utf-8?q?a?= =?utf-8?q?b?=, c@d",
	"=?utf-8?q?a?=",
	"x@y =?utf-8?q?a?= <j@example.org>",
	"Alice (the cat) <alice@example.org>",
	"alice@example.org (Alice)",
	"(c) alice@example.org",
	"<(c)alice@example.org>",
	"< alice@example.org >",
	"<alice @example.org>",
	"<alice@example.org> junk",
	"<alice@example.org>junk",
	"<>",
	"\"unterminated <a@b>",
	"\"back\\\"slash\" <a@b>",
	"\"back\\\\\" <a@b>",
	"back\\slash <a@b>",
	"\"ctl\x01\" <a@b>",
	"ctl\x7f <a@b>",
	"team: ann@example.org, bob@example.org;",
	"undisclosed-recipients:;",
	"Name: <a@b>",
	"[brackets] <a@b>",
	"<a@[192.0.2.1]>",
	"a.b.c <a@b>",
	"Mr. Smith <a@b>",
	"a@b c@d",
	"<a@b> <c@d>",
	"<<a@b>>",
	"Name <a@b",
	"Name a@b>",
	";",
	"",
	"   ",
	"\"",
	"<",
};

static const char *const seps[] = { ", ", ",", " , ", ",, ", ", ,", " ", ";" };

static const char *const dates[] = {
	"Thu, 02 May 2024 10:00:00 +0200",
	"Thu, 2 May 2024 10:00:00 +0200",
	"Mon, 31 Dec 2029 23:59:59 -0800",
	"Sun, 01 Jan 2023 00:00:00 +0000",
	"Sun, 01 Jan 2023 00:00:00 -0000",
	"Sat, 29 Feb 2020 12:30 +0530",
	"Thu, 02 May 2024 10:00:00 +0200 (CEST)",
	"Thu, 02 May 2024 10:00:00 +0200  ",
	"  Thu,  02  May  2024  10:00:00  +0200",
	"Thu,\t02 May 2024 10:00:00\t+0200",
	"Thu, 02 May 2024 10:00:00 GMT",
	"Thu, 02 May 2024 10:00:00 UT",
	"Thu, 02 May 2024 10:00:00 EST",
	"Thu, 02 May 2024 10:00:00",
	"Thu, 02 May 2024 10:00:00 +02000",
	"Thu, 02 May 2024 10:00:00 +200",
	"Thu, 02 May 2024 10:00:00 +99999999999",
	"Thu, 02 May 2024 10:00:00 -2147483648",
	"Thu, 02 May 4294967295 10:00:00 +0000",
	"Thu, 02 May 24 10:00:00 +0200",
	"Thu, 002 May 2024 10:00:00 +0200",
	"Thu, 99 May 2024 99:99:99 +9999",
	"Thu, 00 May 2024 00:00:00 +0000",
	"02 May 2024 10:00:00 +0200",
	"Thursday, 02 May 2024 10:00:00 +0200",
	"thu, 02 may 2024 10:00:00 +0200",
	"Thu 02 May 2024 10:00:00 +0200",
	"Thu ,02 May 2024 10:00:00 +0200",
	"Thu,02 May 2024 10:00:00 +0200",
	"Thu, 02May 2024 10:00:00 +0200",
	"Thu, 02 May2024 10:00:00 +0200",
	"Thu, 02 May 2024 10 :00:00 +0200",
	"Thu, 02 May 2024 10: 00:00 +0200",
	"Thu, 02 May 2024 10:00 :00 +0200",
	"Thu, 02 May 2024 10:00:00+0200",
	"Thu, 02 May 2024 10:00:0 +0200",
	"Thu, 02 Mai 2024 10:00:00 +0200",
	"Thu, May 02 2024 10:00:00 +0200",
	"Thu, 02 May 2024 10:00:00 + 0200",
	"Thu, 02 May 2024 10:00:00 (c) +0200",
	"Thu, 02 May 2024",
	"Thu,",
	"",
};

static void
check(const char *h)
{
	const char *what;

	if ((what = mime_fields_differ(h, strlen(h))) != NULL)
		fail_msg("'%s': the fast reader's %s differs", h, what);
}

static void
test_fast_one(void **state)
{
	char   h[1024];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof boxes / sizeof boxes[0]; i++) {
		snprintf(h, sizeof h, "From: %s\r\nTo: %s\r\n", boxes[i],
		    boxes[i]);
		check(h);
		/* Folded and bare LF: the value is unfolded first. */
		snprintf(h, sizeof h, "To:\n %s\nFrom:%s\n", boxes[i],
		    boxes[i]);
		check(h);
	}
}

static void
test_fast_lists(void **state)
{
	char   h[1024];
	size_t i, j, k, s;

	(void)state;
	for (i = 0; i < sizeof boxes / sizeof boxes[0]; i++)
		for (j = 0; j < sizeof boxes / sizeof boxes[0]; j++)
			for (s = 0; s < sizeof seps / sizeof seps[0]; s++) {
				snprintf(h, sizeof h,
				    "From: %s%s%s\r\n"
				    "To: %s%s%s\r\n",
				    boxes[i], seps[s], boxes[j], boxes[i],
				    seps[s], boxes[j]);
				check(h);
			}
	/* Three, the middle one of any shape. */
	for (k = 0; k < sizeof boxes / sizeof boxes[0]; k++) {
		snprintf(h, sizeof h,
		    "To: a@b, %s, Carol <c@d>\r\n"
		    "From: <x@y>, %s\r\n",
		    boxes[k], boxes[k]);
		check(h);
	}
}

static void
test_fast_dates(void **state)
{
	char   h[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		snprintf(h, sizeof h, "Date: %s\r\n", dates[i]);
		check(h);
		snprintf(h, sizeof h, "Date:%s\r\n", dates[i]);
		check(h);
		if (mime_date(dates[i], strlen(dates[i])) !=
		    mime_date_slow(dates[i], strlen(dates[i])))
			fail_msg("'%s': the dates differ", dates[i]);
	}
}

/* The common shapes do go the fast way: else this test proves nothing. */
static void
test_fast_taken(void **state)
{
	static const char *const take[] = {
		"Alice Liddell <alice@example.org>",
		"\"Liddell, Alice\" <alice@example.org>",
		"alice@example.org",
		"<alice@example.org>",
		"a@b, \"C, D\" <c@d>,Eve <e@f>",
		"=?utf-8?q?Jos=C3=A9?= <a@b>",
		"=?utf-8?b?w6k=?= =?UTF-8?Q?x?= Smith <a@b>",
	};
	static const char *const refuse[] = {
		"=?utf-8?q?a?=  =?utf-8?q?b?= <a@b>",
		"=?utf-8?q?a b?= <a@b>",
		"Alice (the cat) <alice@example.org>",
		"team: ann@example.org;",
		"\"a\\\"b\" <a@b>",
		"a@b,",
		"a@b,, c@d",
		"a@b c@d",
	};
	struct mime_fast_box b;
	const char	    *p;
	char		     buf[256];
	size_t		     i;
	time_t		     t;
	int		     r;

	(void)state;
	for (i = 0; i < sizeof take / sizeof take[0]; i++)
		for (p = take[i];; p++) {
			assert_int_equal(mime_fast_box(&p, buf, &b), 0);
			if (*p == '\0')
				break;
		}
	for (i = 0; i < sizeof refuse / sizeof refuse[0]; i++) {
		p = refuse[i];
		while ((r = mime_fast_box(&p, buf, &b)) == 0 && *p++ != '\0')
			;
		if (r == 0)
			fail_msg("'%s' was taken", refuse[i]);
	}
	p = "\"Liddell,  Alice\" <alice@example.org>";
	assert_int_equal(mime_fast_box(&p, buf, &b), 0);
	assert_string_equal(b.name, "Liddell, Alice");
	assert_string_equal(b.addr, "alice@example.org");
	assert_int_equal(mime_fast_date(dates[0], strlen(dates[0]), &t), 0);
	assert_int_equal(t, 1714636800);
	assert_int_equal(mime_fast_date(dates[5], strlen(dates[5]), &t), 0);
	assert_int_equal(mime_fast_date(dates[10], strlen(dates[10]), &t), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fast_one),
		cmocka_unit_test(test_fast_lists),
		cmocka_unit_test(test_fast_dates),
		cmocka_unit_test(test_fast_taken),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
