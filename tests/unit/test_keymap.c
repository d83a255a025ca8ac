/*
 * The key map: key names, lookups, the user's bindings over the defaults
 * and a preset, the dump, and the man page listing every key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "conf.h"
#include "keymap.h"
#include "xmalloc.h"

static void
test_lookup(void **state)
{
	struct keymap map;

	(void)state;
	keymap_init(&map, KEYS_DEFAULT);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'j'), ACT_NEXT);
	assert_int_equal(keymap_lookup(&map, CTX_FOLDERS, KEYC_DOWN), ACT_NEXT);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, KEYC_ENTER), ACT_OPEN);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, KEYC_ENTER), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'N'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'N'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(&map, CTX_FOLDERS, 'N'), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, ' '), ACT_PAGE_DOWN);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, ' '), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, '$'), ACT_EXPUNGE);
	assert_int_equal(keymap_lookup(&map, CTX_HELP, 'q'), ACT_BACK);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'z'), ACT_FOLD);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'z'), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, '~'), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_ATTACH, 's'), ACT_SAVE_PART);
	assert_int_equal(keymap_lookup(&map, CTX_FOLDERS, 'D'),
	    ACT_DELETE_FOLDER);
	assert_int_equal(keymap_lookup(&map, CTX_FAILED, 'D'),
	    ACT_CLEAR_FAILED);
	keymap_free(&map);
}

/* Every binding of the defaults and the presets is sound. */
static void
test_table_is_sound(void **state)
{
	struct keymap	      map;
	const struct binding *b;
	enum keys_preset      p;
	size_t		      n, i, j;
	char		      name[KEYNAME_MAX];
	int		      key;

	(void)state;
	for (p = KEYS_DEFAULT; p <= KEYS_MUTT; p++) {
		keymap_init(&map, p);
		b = keymap_bindings(&map, &n);
		assert_true(n > 20);
		for (i = 0; i < n; i++) {
			assert_true(b[i].context != CTX_ANY);
			assert_true(b[i].action != ACT_NONE);
			assert_true(
			    keymap_action_in(b[i].action, b[i].context));
			assert_non_null(keymap_action_name(b[i].action));
			assert_non_null(keymap_action_help(b[i].action));
			/* Its name reads back as the same key. */
			keyname_format(b[i].key, 1, name);
			assert_int_equal(keyname_parse(name, strlen(name),
					     &key),
			    0);
			assert_int_equal(key, b[i].key);
			/* No key is bound twice in one context. */
			for (j = i + 1; j < n; j++)
				assert_false(b[i].context == b[j].context &&
				    b[i].key == b[j].key);
		}
		keymap_free(&map);
	}
}

static int
parse(const char *s)
{
	int key;

	if (keyname_parse(s, strlen(s), &key) != 0)
		return (-1);
	return (key);
}

static void
test_key_names(void **state)
{
	char name[KEYNAME_MAX];

	(void)state;
	assert_int_equal(parse("x"), 'x');
	assert_int_equal(parse("$"), '$');
	assert_int_equal(parse("<"), '<');
	assert_int_equal(parse(">"), '>');
	assert_int_equal(parse("\""), '"');
	assert_int_equal(parse("\"#\""), '#');
	assert_int_equal(parse("é"), 0xe9);
	assert_int_equal(parse("日"), 0x65e5);
	assert_int_equal(parse("<Enter>"), KEYC_ENTER);
	assert_int_equal(parse("<enter>"), KEYC_ENTER);
	assert_int_equal(parse("<Return>"), KEYC_ENTER);
	assert_int_equal(parse("<Tab>"), KEYC_TAB);
	assert_int_equal(parse("<Esc>"), KEYC_ESC);
	assert_int_equal(parse("<Space>"), ' ');
	assert_int_equal(parse("<Backspace>"), KEYC_BACKSPACE);
	assert_int_equal(parse("<Delete>"), KEYC_DC);
	assert_int_equal(parse("<Up>"), KEYC_UP);
	assert_int_equal(parse("<Left>"), KEYC_LEFT);
	assert_int_equal(parse("<PageDown>"), KEYC_PGDN);
	assert_int_equal(parse("<PgUp>"), KEYC_PGUP);
	assert_int_equal(parse("<Home>"), KEYC_HOME);
	assert_int_equal(parse("<End>"), KEYC_END);
	assert_int_equal(parse("<F1>"), KEYC_F(1));
	assert_int_equal(parse("<F12>"), KEYC_F(12));
	assert_int_equal(parse("<C-d>"), KEYC_CTRL('d'));
	assert_int_equal(parse("<C-D>"), KEYC_CTRL('d'));
	assert_int_equal(parse("<C-i>"), KEYC_TAB);
	assert_int_equal(parse("<C-m>"), KEYC_ENTER);
	assert_int_equal(parse("<C-h>"), KEYC_BACKSPACE);
	/* Not keys. */
	assert_int_equal(parse(""), -1);
	assert_int_equal(parse("xy"), -1);
	assert_int_equal(parse(" "), -1);
	assert_int_equal(parse("\t"), -1);
	assert_int_equal(parse("\x01"), -1);
	assert_int_equal(parse("\xc3"), -1);
	assert_int_equal(parse("\xc0\xaf"), -1);
	assert_int_equal(parse("<Foo>"), -1);
	assert_int_equal(parse("<F0>"), -1);
	assert_int_equal(parse("<F13>"), -1);
	assert_int_equal(parse("<F1x>"), -1);
	assert_int_equal(parse("<C-1>"), -1);
	assert_int_equal(parse("<C-ab>"), -1);
	assert_int_equal(parse("<>"), -1);
	assert_int_equal(parse("\"\""), -1);
	assert_int_equal(parse("\"ab\""), -1);

	keyname_format(KEYC_PGDN, 1, name);
	assert_string_equal(name, "<PageDown>");
	keyname_format(KEYC_PGDN, 0, name);
	assert_string_equal(name, "PageDown");
	keyname_format(KEYC_CTRL('l'), 1, name);
	assert_string_equal(name, "<C-l>");
	keyname_format(KEYC_F(5), 1, name);
	assert_string_equal(name, "<F5>");
	keyname_format(0x65e5, 1, name);
	assert_string_equal(name, "日");
	keyname_format('#', 1, name);
	assert_string_equal(name, "\"#\"");
	keyname_format('#', 0, name);
	assert_string_equal(name, "#");
	keyname_format(' ', 1, name);
	assert_string_equal(name, "<Space>");
}

static int
bind(struct keymap *map, enum context ctx, const char *key, const char *act)
{
	char *err = NULL;
	int   r;

	r = keymap_bind(map, ctx, key, strlen(key), act, strlen(act), &err);
	assert_true((r == 0) == (err == NULL));
	free(err);
	return (r);
}

static void
test_bind(void **state)
{
	struct keymap map;

	(void)state;
	keymap_init(&map, KEYS_DEFAULT);
	/* Override on one screen. */
	assert_int_equal(bind(&map, CTX_INDEX, "x", "toggle-read"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'x'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'x'), ACT_NONE);
	assert_int_equal(bind(&map, CTX_INDEX, "N", "none"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'N'), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'N'), ACT_TOGGLE_READ);
	/* [keys]: every screen the action has. */
	assert_int_equal(bind(&map, CTX_ANY, "<F5>", "toggle-flag"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, KEYC_F(5)),
	    ACT_TOGGLE_FLAG);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, KEYC_F(5)),
	    ACT_TOGGLE_FLAG);
	assert_int_equal(keymap_lookup(&map, CTX_FOLDERS, KEYC_F(5)), ACT_NONE);
	/* [keys] K = none unbinds everywhere. */
	assert_int_equal(bind(&map, CTX_ANY, "j", "none"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_HELP, 'j'), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_FOLDERS, 'j'), ACT_NONE);
	/* [keys] leaves the screens where the action is not alone. */
	assert_int_equal(bind(&map, CTX_ANY, "s", "copy"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 's'), ACT_COPY);
	assert_int_equal(keymap_lookup(&map, CTX_ATTACH, 's'), ACT_SAVE_PART);

	/* Errors. */
	assert_int_equal(bind(&map, CTX_INDEX, "<Foo>", "help"), -1);
	assert_int_equal(bind(&map, CTX_INDEX, "y", "frobnicate"), -1);
	assert_int_equal(bind(&map, CTX_INDEX, "y", "delete-folder"), -1);
	assert_int_equal(bind(&map, CTX_INDEX, "x", "help"), -1);
	assert_int_equal(bind(&map, CTX_ANY, "s", "move"), -1);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'y'), ACT_NONE);
	keymap_free(&map);
}

/* [keys.NAME] wins over [keys], whichever the file has first. */
static void
test_screen_wins(void **state)
{
	struct keymap map;

	(void)state;
	keymap_init(&map, KEYS_DEFAULT);
	assert_int_equal(bind(&map, CTX_ANY, "x", "toggle-read"), 0);
	assert_int_equal(bind(&map, CTX_PAGER, "x", "find"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'x'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'x'), ACT_FIND);
	keymap_free(&map);

	keymap_init(&map, KEYS_DEFAULT);
	assert_int_equal(bind(&map, CTX_PAGER, "x", "find"), 0);
	assert_int_equal(bind(&map, CTX_ANY, "x", "toggle-read"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'x'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'x'), ACT_FIND);
	/* Also an unbinding. */
	assert_int_equal(bind(&map, CTX_INDEX, "q", "none"), 0);
	assert_int_equal(bind(&map, CTX_ANY, "q", "help"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'q'), ACT_NONE);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'q'), ACT_HELP);
	keymap_free(&map);
}

/* The preset changes the defaults; the user's lines change the preset. */
static void
test_presets(void **state)
{
	struct keymap	 map;
	enum keys_preset p;

	(void)state;
	assert_int_equal(keymap_preset_parse("vi", &p), 0);
	assert_int_equal(p, KEYS_VI);
	assert_int_equal(keymap_preset_parse("emacs", &p), -1);
	keymap_init(&map, KEYS_VI);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'l'), ACT_OPEN);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'h'), ACT_FOCUS);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'h'), ACT_BACK);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'H'), ACT_HEADERS);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, KEYC_CTRL('d')),
	    ACT_HALF_PAGE_DOWN);
	/* What the preset leaves is the default. */
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'd'), ACT_DELETE);
	/* A preset's binding is not the user's: it can be bound again. */
	assert_int_equal(bind(&map, CTX_INDEX, "l", "toggle-read"), 0);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'l'), ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(&map, CTX_FOLDERS, 'l'), ACT_OPEN);
	keymap_free(&map);

	keymap_init(&map, KEYS_MUTT);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, '='), ACT_FIRST);
	assert_int_equal(keymap_lookup(&map, CTX_PAGER, 'i'), ACT_BACK);
	assert_int_equal(keymap_lookup(&map, CTX_INDEX, 'c'), ACT_JUMP);
	keymap_free(&map);
}

/* What --dump-keys prints, read back, is the same map. */
static void
test_dump_reads_back(void **state)
{
	struct keymap map;
	struct conf   conf;
	char	     *buf = NULL, *again = NULL, *err = NULL;
	size_t	      len = 0, alen = 0;
	FILE	     *f;

	(void)state;
	keymap_init(&map, KEYS_MUTT);
	assert_int_equal(bind(&map, CTX_INDEX, "x", "toggle-read"), 0);
	assert_int_equal(bind(&map, CTX_ANY, "j", "none"), 0);
	assert_int_equal(bind(&map, CTX_PAGER, "q", "none"), 0);
	assert_int_equal(bind(&map, CTX_ANY, "\"#\"", "help"), 0);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	keymap_dump(&map, f, 0);
	fclose(f);
	assert_non_null(strstr(buf, "keys-preset = mutt\n"));
	assert_non_null(strstr(buf, "\n[keys.index]\n"));
	assert_non_null(strstr(buf, "\nx = toggle-read\n"));
	assert_non_null(strstr(buf, "\nj = none\n"));
	assert_non_null(strstr(buf, "\n\"#\" = help\n"));
	assert_non_null(strstr(buf, "\n= = first\n"));

	/* Read back as a configuration, it dumps the same. */
	conf_init(&conf);
	if (conf_parse(&conf, "dump", buf, len, &err) != 0)
		fail_msg("the dump does not read back: %s", err);
	f = open_memstream(&again, &alen);
	assert_non_null(f);
	keymap_dump(&conf.keys, f, 0);
	fclose(f);
	assert_string_equal(again, buf);
	conf_free(&conf);
	free(again);
	free(buf);
	keymap_free(&map);
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
	struct keymap	      map;
	const struct binding *b;
	const char	     *srcdir = getenv("TERN_SRCDIR");
	char		     *path, *man, name[KEYNAME_MAX];
	size_t		      n, i;
	int		      found;

	(void)state;
	if (srcdir == NULL)
		skip();
	path = xasprintf("%s/man/tern.1", srcdir);
	man = read_file(path);
	free(path);
	assert_non_null(man);
	keymap_init(&map, KEYS_DEFAULT);
	b = keymap_bindings(&map, &n);
	for (i = 0; i < n; i++) {
		keyname_format(b[i].key, 0, name);
		/* mdoc escapes punctuation keys as \&?. */
		found = man_lists(man, "Ic %s", name) ||
		    man_lists(man, "Ic \\&%s", name);
		if (!found)
			fail_msg("man/tern.1 does not list key %s", name);
	}
	keymap_free(&map);
	/* The KEYS section names every action a [keys] line can bind. */
	for (i = 0; i < ACT_COUNT; i++) {
		if (!man_lists(man, "Ic %s", keymap_action_name(i)))
			fail_msg("man/tern.1 does not list action %s",
			    keymap_action_name(i));
	}
	free(man);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_table_is_sound),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_screen_wins),
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_dump_reads_back),
		cmocka_unit_test(test_man_page_lists_every_key),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
