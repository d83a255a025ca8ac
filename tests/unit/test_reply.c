/*
 * Unit tests for reply.c: who a reply goes to (reply-to, reply to all
 * without the user's addresses, no address twice), subjects that do not
 * stack, quotes, attribution and the threading fields.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "draft.h"
#include "reply.h"

static const char test_reply_header[] =
    "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.org>\r\n"
    "To: me@example.com, Other <other@example.net>,\r\n"
    " \"Also, Me\" <ME@work.example>\r\n"
    "Cc: other@EXAMPLE.net, third@example.net, joerg@example.org\r\n"
    "Subject: Re: RE: Re[2]: aw: the plan\r\n"
    "Date: Tue, 14 Nov 2023 23:13:20 +0100\r\n"
    "Message-ID: <m3@example.org>\r\n"
    "References: <m1@example.org> <m2@example.org>\r\n"
    "\r\n";

static void
test_reply_in(struct reply_in *in, const char *header)
{
	memset(in, 0, sizeof *in);
	in->header = header;
	in->headerlen = strlen(header);
	in->text = "first\n\nsecond\n";
	in->from = "Me <me@example.com>";
	in->alternates = "*@work.example";
}

static void
test_reply_subjects(void **state)
{
	static const struct {
		const char *in;
		int	    forward;
		const char *want;
	} cases[] = {
		{ "the plan", 0, "Re: the plan" },
		{ "Re: RE: Re[2]: aw: AW(3):  the plan", 0, "Re: the plan" },
		{ "Fwd: the plan", 0, "Re: Fwd: the plan" },
		{ "Fwd: FW: the plan", 1, "Fwd: the plan" },
		{ "Re: the plan", 1, "Fwd: Re: the plan" },
		{ "Rex: ok", 0, "Re: Rex: ok" },
		{ "", 0, "Re: " },
		{ NULL, 1, "Fwd: " },
	};
	size_t i;
	char  *s;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = reply_subject(cases[i].in, cases[i].forward);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void
test_reply_quote(void **state)
{
	char *q;

	q = reply_quote("a\n\n> b\nc");
	assert_string_equal(q, "> a\n>\n> > b\n> c\n");
	free(q);
}

static void
test_reply_references(void **state)
{
	char  *r, buf[2000];
	size_t i, n = 0;

	r = reply_references("<a@x> <b@x>", "<z@x>", "<c@x>");
	assert_string_equal(r, "<a@x> <b@x> <c@x>");
	free(r);
	r = reply_references(NULL, "<b@x> (comment)", " <c@x> ");
	assert_string_equal(r, "<b@x> <c@x>");
	free(r);
	assert_null(reply_references(NULL, NULL, NULL));
	/* Long: the first, then the latest. */
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "<%zu@x> ", i);
	r = reply_references(buf, NULL, "<new@x>");
	assert_int_equal(strncmp(r, "<0@x> <22@x> <23@x>", 19), 0);
	assert_non_null(strstr(r, "<39@x> <new@x>"));
	assert_null(strstr(r, "<21@x>"));
	free(r);
}

static void
test_reply_sender(void **state)
{
	struct reply_in in;
	struct draft	d;

	test_reply_in(&in, test_reply_header);
	draft_init(&d);
	reply_draft(&d, REPLY_SENDER, &in);
	assert_string_equal(d.field[DRAFT_FROM], "Me <me@example.com>");
	assert_string_equal(d.field[DRAFT_TO],
	    "\"J\xc3\xb6rg\" <joerg@example.org>");
	assert_null(d.field[DRAFT_CC]);
	assert_string_equal(d.field[DRAFT_SUBJECT], "Re: the plan");
	assert_string_equal(d.in_reply_to, "<m3@example.org>");
	assert_string_equal(d.references,
	    "<m1@example.org> <m2@example.org> <m3@example.org>");
	assert_string_equal(d.body,
	    "On Tue, 14 Nov 2023 23:13:20 +0100, J\xc3\xb6rg wrote:\n"
	    "> first\n>\n> second\n");
	draft_free(&d);
}

static void
test_reply_all(void **state)
{
	struct reply_in in;
	struct draft	d;
	char	       *err;

	test_reply_in(&in, test_reply_header);
	in.attribution = "%a (%n) 100%% wrote on %d:";
	draft_init(&d);
	reply_draft(&d, REPLY_ALL, &in);
	assert_string_equal(d.field[DRAFT_TO],
	    "\"J\xc3\xb6rg\" <joerg@example.org>");
	/* Without me, my alternate, the sender again, or Other twice. */
	assert_string_equal(d.field[DRAFT_CC],
	    "\"Other\" <other@example.net>, third@example.net");
	assert_int_equal(strncmp(d.body,
			     "joerg@example.org (J\xc3\xb6rg) 100% wrote on "
			     "Tue",
			     40),
	    0);
	assert_int_equal(draft_check(&d, 1, &err), 0);
	draft_free(&d);
}

static void
test_reply_reply_to(void **state)
{
	struct reply_in in;
	struct draft	d;
	const char     *h = "From: a@example.org\n"
			    "Reply-To: list@example.org\n"
			    "To: list@example.org, me@example.com\n"
			    "Subject: x\n\n";
	const char     *mine = "From: Me <me@example.com>\n"
			       "To: you@example.org\n"
			       "Subject: x\n\n";

	test_reply_in(&in, h);
	draft_init(&d);
	reply_draft(&d, REPLY_ALL, &in);
	assert_string_equal(d.field[DRAFT_TO], "list@example.org");
	assert_null(d.field[DRAFT_CC]);
	assert_null(d.in_reply_to);
	assert_null(d.references);
	draft_free(&d);
	/* My own message: the reply goes where it went. */
	test_reply_in(&in, mine);
	draft_init(&d);
	reply_draft(&d, REPLY_SENDER, &in);
	assert_string_equal(d.field[DRAFT_TO], "you@example.org");
	draft_free(&d);
}

static void
test_reply_forward(void **state)
{
	struct reply_in in;
	struct draft	d;

	test_reply_in(&in, test_reply_header);
	draft_init(&d);
	reply_draft(&d, REPLY_FORWARD, &in);
	assert_string_equal(d.field[DRAFT_SUBJECT],
	    "Fwd: Re: RE: Re[2]: aw: the plan");
	assert_string_equal(d.field[DRAFT_TO], "");
	assert_null(d.in_reply_to);
	assert_non_null(strstr(d.body,
	    "----- Forwarded message -----\n"
	    "Date: Tue, 14 Nov 2023 23:13:20 +0100\n"
	    "From: J\xc3\xb6rg <joerg@example.org>\n"));
	assert_non_null(strstr(d.body,
	    "\n\nfirst\n\nsecond\n----- End forwarded message -----\n"));
	draft_free(&d);
	in.raw = test_reply_header;
	in.rawlen = strlen(test_reply_header);
	draft_init(&d);
	reply_draft(&d, REPLY_FORWARD_ATTACH, &in);
	assert_int_equal(d.natt, 1);
	assert_string_equal(d.att[0].type, "message/rfc822");
	assert_string_equal(d.att[0].name, "Re: RE: Re[2]: aw: the plan.eml");
	assert_memory_equal(d.att[0].data, test_reply_header, d.att[0].len);
	draft_free(&d);
}

static void
test_reply_is_me(void **state)
{
	assert_true(reply_is_me("ME@example.com", "Me <me@example.com>", NULL));
	assert_true(reply_is_me("x@Work.Example", "me@example.com",
	    "a@b, *@work.example"));
	assert_false(
	    reply_is_me("x@example.net", "me@example.com", "*@work.example"));
	assert_false(reply_is_me("x@example.net", NULL, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reply_subjects),
		cmocka_unit_test(test_reply_quote),
		cmocka_unit_test(test_reply_references),
		cmocka_unit_test(test_reply_sender),
		cmocka_unit_test(test_reply_all),
		cmocka_unit_test(test_reply_reply_to),
		cmocka_unit_test(test_reply_forward),
		cmocka_unit_test(test_reply_is_me),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
