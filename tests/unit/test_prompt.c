/* Line editing at a prompt: typing, deleting, completing, cancelling. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "folders.h"
#include "keymap.h"
#include "prompt.h"

static void
type(struct prompt *p, const char *s, struct folders *fs)
{
	for (; *s != '\0'; s++)
		assert_int_equal(prompt_key(p, (unsigned char)*s, fs),
		    PROMPT_EDITING);
}

static void
test_typing_and_backspace(void **state)
{
	struct prompt p;

	(void)state;
	memset(&p, 0, sizeof p);
	prompt_open(&p, PROMPT_MOVE, "Move to folder: ", 0);
	type(&p, "Arch", NULL);
	assert_int_equal(prompt_key(&p, 0xe9, NULL), PROMPT_EDITING);
	assert_string_equal(p.line.buf, "Arch\xc3\xa9");
	/* Backspace removes the whole two-byte character. */
	assert_int_equal(prompt_key(&p, KEYC_BACKSPACE, NULL), PROMPT_EDITING);
	assert_string_equal(p.line.buf, "Arch");
	/* Control characters never reach the line. */
	assert_int_equal(prompt_key(&p, 0x110000, NULL), PROMPT_EDITING);
	assert_int_equal(prompt_key(&p, 0x85, NULL), PROMPT_EDITING);
	assert_int_equal(prompt_key(&p, 0x01, NULL), PROMPT_EDITING);
	assert_string_equal(p.line.buf, "Arch");
	assert_int_equal(prompt_key(&p, KEYC_ENTER, NULL), PROMPT_DONE);
	prompt_close(&p);
	assert_int_equal(p.kind, PROMPT_NONE);
}

static void
test_escape_cancels(void **state)
{
	struct prompt p;

	(void)state;
	memset(&p, 0, sizeof p);
	prompt_open(&p, PROMPT_COPY, "Copy to folder: ", 0);
	type(&p, "x", NULL);
	assert_int_equal(prompt_key(&p, KEYC_ESC, NULL), PROMPT_CANCELLED);
	prompt_close(&p);
}

static void
test_yes_no(void **state)
{
	struct prompt p;

	(void)state;
	memset(&p, 0, sizeof p);
	prompt_open(&p, PROMPT_EXPUNGE, "Expunge? (y/n) ", 0);
	assert_int_equal(prompt_key(&p, 'x', NULL), PROMPT_EDITING);
	assert_int_equal(prompt_key(&p, 'y', NULL), PROMPT_DONE);
	prompt_open(&p, PROMPT_EXPUNGE, "Expunge? (y/n) ", 0);
	assert_int_equal(prompt_key(&p, 'n', NULL), PROMPT_CANCELLED);
	prompt_close(&p);
}

static void
test_password_is_secret(void **state)
{
	struct prompt p;

	(void)state;
	memset(&p, 0, sizeof p);
	prompt_open(&p, PROMPT_PASSWORD, "Password: ", 0);
	assert_true(p.secret);
	type(&p, "hunter2", NULL);
	assert_string_equal(p.line.buf, "hunter2");
	prompt_close(&p);
	assert_null(p.line.buf);
}

static void
test_tab_cycles_folders(void **state)
{
	struct prompt  p;
	struct folders fs;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "INBOX", '/', 0);
	folders_add(&fs, "Work/Projects", '/', 0);
	folders_add(&fs, "Work/Plans", '/', 0);
	folders_sort(&fs);
	memset(&p, 0, sizeof p);
	prompt_open(&p, PROMPT_MOVE, "Move to folder: ", 0);
	type(&p, "Work/P", &fs);
	prompt_key(&p, KEYC_TAB, &fs);
	assert_string_equal(p.line.buf, "Work/Plans");
	prompt_key(&p, KEYC_TAB, &fs);
	assert_string_equal(p.line.buf, "Work/Projects");
	prompt_key(&p, KEYC_TAB, &fs);
	assert_string_equal(p.line.buf, "Work/P");
	prompt_key(&p, KEYC_TAB, &fs);
	assert_string_equal(p.line.buf, "Work/Plans");
	/* Typing after a completion starts a new one from the new text. */
	type(&p, "x", &fs);
	prompt_key(&p, KEYC_TAB, &fs);
	assert_string_equal(p.line.buf, "Work/Plansx");
	prompt_close(&p);
	folders_free(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_and_backspace),
		cmocka_unit_test(test_escape_cancels),
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_password_is_secret),
		cmocka_unit_test(test_tab_cycles_folders),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
