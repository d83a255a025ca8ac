/* Mailcap files (RFC 1524) and the commands built from them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mailcap.h"

static void
parse(struct mailcap *mc, const char *text)
{
	mailcap_init(mc);
	mailcap_parse(mc, text, strlen(text));
}

static void
test_mailcap_lines(void **state)
{
	struct mailcap mc;

	(void)state;
	parse(&mc,
	    "# a comment\n"
	    "\n"
	    "image/png; feh %s; needsterminal\n"
	    "  # indented comment\n"
	    "text/html; w3m -T text/html -dump %s; copiousoutput; "
	    "nametemplate=%s.html\r\n"
	    "application/pdf; zathura \\\n"
	    "   %s ; test=test -n \"$DISPLAY\"\n"
	    "audio; play %s\n"
	    "broken line without a command\n"
	    "video/mp4;   \n"
	    "text/plain; printf 'a\\;b' %s");
	assert_int_equal(mc.n, 5);
	assert_string_equal(mc.entries[0].type, "image/png");
	assert_string_equal(mc.entries[0].view, "feh %s");
	assert_int_equal(mc.entries[0].flags, MAILCAP_NEEDSTERMINAL);
	assert_null(mc.entries[0].test);
	assert_string_equal(mc.entries[1].view, "w3m -T text/html -dump %s");
	assert_int_equal(mc.entries[1].flags, MAILCAP_COPIOUSOUTPUT);
	/* A continuation line joins the next. */
	assert_string_equal(mc.entries[2].view, "zathura    %s");
	assert_string_equal(mc.entries[2].test, "test -n \"$DISPLAY\"");
	/* A type alone is the whole type. */
	assert_string_equal(mc.entries[3].type, "audio/*");
	/* \; is a semicolon in the command, not a field break. */
	assert_string_equal(mc.entries[4].view, "printf 'a;b' %s");
	mailcap_free(&mc);
}

static void
test_mailcap_match(void **state)
{
	struct mailcap		    mc;
	const struct mailcap_entry *e;

	(void)state;
	parse(&mc,
	    "image/*; first %s; test=false\n"
	    "IMAGE/PNG; second %s; test=true\n"
	    "image/*; third %s\n"
	    "text/plain; fourth %s; test=test -f %s\n"
	    "video/*; hangs %s; test=sleep 60\n"
	    "video/*; fifth %s\n");
	e = mailcap_find(&mc, "image/png");
	assert_non_null(e);
	assert_string_equal(e->view, "second %s");
	e = mailcap_find(&mc, "image/gif");
	assert_non_null(e);
	assert_string_equal(e->view, "third %s");
	/* imagex/... is not image/... */
	assert_null(mailcap_find(&mc, "imagex/png"));
	/* A test that needs the file is not run: the entry is passed. */
	assert_null(mailcap_find(&mc, "text/plain"));
	assert_null(mailcap_find(&mc, "application/pdf"));
	/* A test that hangs fails after a while. */
	e = mailcap_find(&mc, "video/mp4");
	assert_non_null(e);
	assert_string_equal(e->view, "fifth %s");
	mailcap_free(&mc);
}

static void
test_mailcap_expand(void **state)
{
	char *s;

	(void)state;
	s = mailcap_expand("view %s --type=%t", "image/png", "/tmp/d/x.png");
	assert_string_equal(s, "view '/tmp/d/x.png' --type=image/png");
	free(s);
	s = mailcap_expand("cat", "text/plain", "/tmp/it's");
	assert_string_equal(s, "cat <'/tmp/it'\\''s'");
	free(s);
	s = mailcap_expand("printf 100%% \\%s; echo %x", "a/b", "/p");
	assert_string_equal(s, "printf 100% %s; echo %x <'/p'");
	free(s);
	/* A type that is not plain letters never reaches the shell. */
	assert_null(mailcap_expand("v %t %s", "image/png;rm -rf ~", "/p"));
	assert_null(mailcap_expand("v %t %s", "image/$(id)", "/p"));
	assert_null(mailcap_expand("v %t", "a/b`id`", "/p"));
	/* Nor does a parameter of the message. */
	assert_null(mailcap_expand("v %{charset} %s", "text/plain", "/p"));
	assert_int_equal(mailcap_type_ok("application/vnd.ms-excel+xml"), 1);
	assert_int_equal(mailcap_type_ok("a b/c"), 0);
	assert_int_equal(mailcap_type_ok(""), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mailcap_lines),
		cmocka_unit_test(test_mailcap_match),
		cmocka_unit_test(test_mailcap_expand),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
