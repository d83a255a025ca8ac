/* Names from a message reduced to safe file names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "savename.h"

static void
check(const char *name, const char *type, const char *want)
{
	char *got = savename(name, type);

	assert_string_equal(got, want);
	free(got);
}

static void
test_savename_plain(void **state)
{
	(void)state;
	check("report.pdf", "application/pdf", "report.pdf");
	check("Café menu.txt", NULL, "Café menu.txt");
	check("a..b", NULL, "a.b");
}

static void
test_savename_hostile(void **state)
{
	(void)state;
	check("../../.bashrc", NULL, "bashrc");
	check("-rf", NULL, "rf");
	check(".ssh", NULL, "ssh");
	check("a\nb", NULL, "a_b");
	check("/etc/passwd", NULL, "passwd");
	check("C:\\Windows\\evil.exe", NULL, "evil.exe");
	check("--.-x", NULL, "x");
	check("x\x1b[31m", NULL, "x_[31m");
	check("del\x7f", NULL, "del_");
	/* C1 (U+009B, CSI) and a bidi override (U+202E). */
	check("a\xc2\x9b"
	      "b",
	    NULL, "a_b");
	check("gpj.\xe2\x80\xae"
	      "exe",
	    NULL, "gpj._exe");
	/* Invalid UTF-8: a lone continuation byte, an overlong '/'. */
	check("a\x80z", NULL, "a_z");
	check("a\xc0\xafz", NULL, "a__z");
	check("$(touch x);`id`", NULL, "$(touch x);`id`");
}

static void
test_savename_empty(void **state)
{
	(void)state;
	check(NULL, "application/pdf", "attachment.pdf");
	check("", "image/jpeg", "attachment.jpg");
	check("..", "text/plain", "attachment.txt");
	check("/", "application/octet-stream", "attachment");
	check("", "application/vnd.ms-excel", "attachment");
	check("", "weird/x;rm", "attachment");
	check("", NULL, "attachment");
}

static void
test_savename_long(void **state)
{
	char name[400], *got;

	(void)state;
	memset(name, 'n', 300);
	strcpy(name + 300, ".pdf");
	got = savename(name, NULL);
	assert_int_equal(strlen(got), SAVENAME_MAX);
	assert_string_equal(got + SAVENAME_MAX - 4, ".pdf");
	free(got);
	/* Cut between characters, never inside one: é is two bytes. */
	for (int i = 0; i < 150; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);
	name[300] = '\0';
	got = savename(name, NULL);
	assert_int_equal(strlen(got), SAVENAME_MAX);
	assert_int_equal((unsigned char)got[SAVENAME_MAX - 2], 0xc3);
	free(got);
}

static void
test_savename_ext(void **state)
{
	char ext[16];

	(void)state;
	assert_int_equal(savename_ext("IMAGE/PNG", ext, sizeof ext), 0);
	assert_string_equal(ext, "png");
	assert_int_equal(savename_ext("message/rfc822", ext, sizeof ext), 0);
	assert_string_equal(ext, "eml");
	assert_int_equal(savename_ext("text/x-c++", ext, sizeof ext), -1);
	assert_int_equal(savename_ext("nosubtype", ext, sizeof ext), -1);
	assert_int_equal(savename_ext("a/b;c", ext, sizeof ext), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_savename_plain),
		cmocka_unit_test(test_savename_hostile),
		cmocka_unit_test(test_savename_empty),
		cmocka_unit_test(test_savename_long),
		cmocka_unit_test(test_savename_ext),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
