/* The key table: lookups, and the man page listing every key. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "keymap.h"
#include "xmalloc.h"

static void
test_lookup(void **state)
{
	(void)state;
	assert_int_equal(keymap_lookup(CTX_INDEX, 'j'), ACT_NEXT);
	assert_int_equal(keymap_lookup(CTX_FOLDERS, KEYC_DOWN), ACT_NEXT);
	assert_int_equal(keymap_lookup(CTX_INDEX, KEYC_ENTER), ACT_OPEN);
	assert_int_equal(keymap_lookup(CTX_PAGER, KEYC_ENTER), ACT_NONE);
	assert_int_equal(keymap_lookup(CTX_INDEX, 'N'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(CTX_PAGER, 'N'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(CTX_FOLDERS, 'N'), ACT_NONE);
	assert_int_equal(keymap_lookup(CTX_PAGER, ' '), ACT_PAGE_DOWN);
	assert_int_equal(keymap_lookup(CTX_INDEX, ' '), ACT_NONE);
	assert_int_equal(keymap_lookup(CTX_INDEX, '$'), ACT_EXPUNGE);
	assert_int_equal(keymap_lookup(CTX_HELP, 'q'), ACT_BACK);
	assert_int_equal(keymap_lookup(CTX_INDEX, 'z'), ACT_FOLD);
	assert_int_equal(keymap_lookup(CTX_PAGER, 'z'), ACT_NONE);
	assert_int_equal(keymap_lookup(CTX_INDEX, '~'), ACT_NONE);
}

static void
test_table_is_sound(void **state)
{
	const struct binding *b;
	size_t		      n, i, j;

	(void)state;
	b = keymap_bindings(&n);
	assert_true(n > 20);
	for (i = 0; i < n; i++) {
		assert_non_null(keymap_action_name(b[i].action));
		assert_non_null(keymap_action_help(b[i].action));
		assert_true(strlen(b[i].name) > 0);
		/* No key is bound twice in one context. */
		for (j = i + 1; j < n; j++)
			assert_false(b[i].context == b[j].context &&
			    b[i].key == b[j].key);
	}
}

static char *
read_file(const char *path)
{
	FILE *f;
	char *buf;
	long  len;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)len + 1);
	buf[fread(buf, 1, (size_t)len, f)] = '\0';
	fclose(f);
	return (buf);
}

/* Whether the page has the word, followed by a space or a line end. */
static int
man_lists(const char *man, const char *fmt, const char *name)
{
	const char *p;
	char	   *want;
	size_t	    len;
	int	    found = 0;

	want = xasprintf(fmt, name);
	len = strlen(want);
	for (p = man; (p = strstr(p, want)) != NULL; p++) {
		if (p[len] == '\n' || p[len] == ' ' || p[len] == '\0') {
			found = 1;
			break;
		}
	}
	free(want);
	return (found);
}

static void
test_man_page_lists_every_key(void **state)
{
	const struct binding *b;
	const char	     *srcdir = getenv("TERN_SRCDIR");
	char		     *path, *man;
	size_t		      n, i;
	int		      found;

	(void)state;
	if (srcdir == NULL)
		skip();
	path = xasprintf("%s/man/tern.1", srcdir);
	man = read_file(path);
	free(path);
	assert_non_null(man);
	b = keymap_bindings(&n);
	for (i = 0; i < n; i++) {
		/* mdoc escapes punctuation keys as \&?. */
		found = man_lists(man, "Ic %s", b[i].name) ||
		    man_lists(man, "Ic \\&%s", b[i].name);
		if (!found)
			fail_msg("man/tern.1 does not list key %s", b[i].name);
	}
	free(man);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_table_is_sound),
		cmocka_unit_test(test_man_page_lists_every_key),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
