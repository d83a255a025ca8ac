/*
 * How tern looks: the colour parser, the index-format compiler and its
 * layout, the dates (with a fixed "now"), and the configuration lines
 * that set them, with their file:line errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colors.h"
#include "conf.h"
#include "date_format.h"
#include "index_format.h"
#include "looks.h"

static void
test_colors_parse(void **state)
{
	struct colors c;
	char	     *err = NULL;

	(void)state;
	colors_init(&c);
	assert_int_equal(c.elem[COLOR_STATUS].attrs, COLOR_A_REVERSE);
	assert_int_equal(c.elem[COLOR_UNREAD].fg, COLOR_DEFAULT);
	assert_false(colors_any(&c));

	assert_int_equal(colors_set(&c, "unread", "red", &err), 0);
	assert_int_equal(c.elem[COLOR_UNREAD].fg, 1);
	assert_int_equal(c.elem[COLOR_UNREAD].bg, COLOR_DEFAULT);
	/* A value replaces the element's look: no bold unless asked. */
	assert_int_equal(c.elem[COLOR_UNREAD].attrs, 0);
	assert_true(colors_any(&c));

	assert_int_equal(colors_set(&c, "status",
			     "brightwhite blue bold "
			     "underline",
			     &err),
	    0);
	assert_int_equal(c.elem[COLOR_STATUS].fg, 15);
	assert_int_equal(c.elem[COLOR_STATUS].bg, 4);
	assert_int_equal(c.elem[COLOR_STATUS].attrs,
	    COLOR_A_BOLD | COLOR_A_UNDERLINE);

	assert_int_equal(colors_set(&c, "quoted2", "color244 default", &err),
	    0);
	assert_int_equal(c.elem[COLOR_QUOTED2].fg, 244);
	assert_int_equal(colors_set(&c, "selected", "reverse", &err), 0);
	assert_int_equal(c.elem[COLOR_SELECTED].fg, COLOR_DEFAULT);
	assert_int_equal(colors_set(&c, "header", "none", &err), 0);
	assert_int_equal(c.elem[COLOR_HEADER].attrs, 0);
}

static void
test_colors_errors(void **state)
{
	static const char *bad[] = { "purple", "color256", "color07", "colour1",
		"red green blue", "bold red", "none bold", "", "   " };
	struct colors	   c;
	size_t		   i;
	char		  *err = NULL;

	(void)state;
	colors_init(&c);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err = NULL;
		assert_int_equal(colors_set(&c, "unread", bad[i], &err), -1);
		assert_non_null(err);
		free(err);
	}
	assert_int_equal(colors_set(&c, "unred", "red", &err), -1);
	assert_non_null(strstr(err, "unknown element 'unred'"));
	free(err);
	/* Nothing was changed by the refusals. */
	assert_false(colors_any(&c));
}

static void
test_colors_quote_levels(void **state)
{
	(void)state;
	assert_int_equal(colors_quote_elem(1), COLOR_QUOTED);
	assert_int_equal(colors_quote_elem(2), COLOR_QUOTED1);
	assert_int_equal(colors_quote_elem(4), COLOR_QUOTED3);
	assert_int_equal(colors_quote_elem(5), COLOR_QUOTED);
	assert_int_equal(colors_quote_elem(6), COLOR_QUOTED1);
}

/* The dump reads back to the same colours. */
static void
test_colors_dump(void **state)
{
	struct colors a, b;
	char	     *buf = NULL, *line, *eq, *save = NULL, *err = NULL;
	size_t	      len = 0;
	FILE	     *f;

	(void)state;
	colors_init(&a);
	assert_int_equal(colors_set(&a, "unread", "red default bold", &err), 0);
	assert_int_equal(colors_set(&a, "tree", "color100 brightblack", &err),
	    0);
	f = open_memstream(&buf, &len);
	colors_dump(&a, f);
	fclose(f);
	assert_non_null(strstr(buf, "[colors]\n"));
	assert_non_null(strstr(buf, "\nunread = red default bold\n"));
	assert_non_null(strstr(buf, "\ntree = color100 brightblack\n"));
	assert_non_null(strstr(buf, "\nflagged = none\n"));
	colors_init(&b);
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if ((eq = strstr(line, " = ")) == NULL)
			continue;
		*eq = '\0';
		assert_int_equal(colors_set(&b, line, eq + 3, &err), 0);
	}
	assert_memory_equal(&a, &b, sizeof a);
	free(buf);
}

static void
test_format_compile(void **state)
{
	struct index_format fmt;
	char		   *err = NULL;

	(void)state;
	assert_int_equal(index_format_compile(&fmt, INDEX_FORMAT_DEFAULT, &err),
	    0);
	/* %f, " ", %-10d, " ", %-25%.20F, " ", %*s, %6S */
	assert_int_equal(fmt.n, 8);
	assert_int_equal(fmt.fields[0].kind, IFMT_FLAGS);
	assert_int_equal(fmt.fields[1].kind, IFMT_TEXT);
	assert_string_equal(fmt.fields[1].text, " ");
	assert_int_equal(fmt.fields[2].kind, IFMT_DATE);
	assert_int_equal(fmt.fields[2].width, 10);
	assert_true(fmt.fields[2].left);
	assert_int_equal(fmt.fields[4].kind, IFMT_FROM);
	assert_true(fmt.fields[4].percent);
	assert_int_equal(fmt.fields[4].width, 25);
	assert_int_equal(fmt.fields[4].max, 20);
	assert_int_equal(fmt.fields[6].kind, IFMT_SUBJECT);
	assert_true(fmt.fields[6].fill);
	assert_int_equal(fmt.fields[7].kind, IFMT_SIZE);
	assert_false(fmt.fields[7].left);
	assert_int_equal(fmt.fields[7].width, 6);
	assert_false(fmt.has_tree);
	index_format_free(&fmt);

	assert_int_equal(index_format_compile(&fmt, "100%% %D{%d.%m.} %T%s",
			     &err),
	    0);
	assert_int_equal(fmt.n, 5);
	assert_string_equal(fmt.fields[0].text, "100% ");
	assert_int_equal(fmt.fields[1].kind, IFMT_DATE);
	assert_string_equal(fmt.fields[1].text, "%d.%m.");
	assert_int_equal(fmt.fields[3].kind, IFMT_TREE);
	assert_true(fmt.has_tree);
	index_format_free(&fmt);

	assert_int_equal(index_format_compile(&fmt, "%-20t %-.12b", &err), 0);
	assert_int_equal(fmt.n, 3);
	assert_int_equal(fmt.fields[0].kind, IFMT_TO);
	assert_int_equal(fmt.fields[0].width, 20);
	assert_int_equal(fmt.fields[2].kind, IFMT_FOLDER);
	assert_int_equal(fmt.fields[2].max, 12);
	assert_true(fmt.fields[2].left);
	index_format_free(&fmt);
}

static void
test_format_errors(void **state)
{
	static const struct {
		const char *fmt, *says;
	} bad[] = {
		{ "%q", "unknown field '%q'" },
		{ "%B", "%t %s %T %S %b %%)" },
		{ "%-20x", "unknown field '%-20x'" },
		{ "%*s %*F", "only one field" },
		{ "abc %", "ends inside a field" },
		{ "%-", "ends inside a field" },
		{ "%D", "%D needs" },
		{ "%D{}", "%D needs" },
		{ "%D{%H", "%D needs" },
		{ "%.F", "expected a number" },
		{ "%99999F", "too large" },
		{ "%101%F", "too large" },
	};
	struct index_format fmt;
	char		   *err;
	size_t		    i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err = NULL;
		assert_int_equal(index_format_compile(&fmt, bad[i].fmt, &err),
		    -1);
		assert_non_null(err);
		if (strstr(err, bad[i].says) == NULL)
			fail_msg("'%s' gave '%s'", bad[i].fmt, err);
		free(err);
	}
	err = NULL;
	assert_int_equal(index_format_compile(&fmt,
			     "%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f%f"
			     "%f%f%f%f%f%f%f%f",
			     &err),
	    -1);
	assert_non_null(strstr(err, "more than"));
	free(err);
}

static void
test_format_layout(void **state)
{
	struct index_format fmt;
	char		   *err = NULL;
	int		    cols[INDEX_FORMAT_MAX];

	(void)state;
	assert_int_equal(index_format_compile(&fmt, INDEX_FORMAT_DEFAULT, &err),
	    0);
	/* The widths the list had before index-format, at 74 columns. */
	memset(cols, 0, sizeof cols);
	cols[0] = 4;
	cols[1] = cols[3] = cols[5] = 1;
	index_format_layout(&fmt, 74, cols);
	assert_int_equal(cols[2], 10);
	assert_int_equal(cols[4], 18); /* 74 / 4 */
	assert_int_equal(cols[7], 6);
	assert_int_equal(cols[6], 74 - 4 - 1 - 10 - 1 - 18 - 1 - 6);
	/* Wide: the sender stops at 20. */
	index_format_layout(&fmt, 200, cols);
	assert_int_equal(cols[4], 20);
	assert_int_equal(cols[6], 200 - 4 - 1 - 10 - 1 - 20 - 1 - 6);
	/* Too narrow: the fill gets nothing, never less. */
	index_format_layout(&fmt, 20, cols);
	assert_int_equal(cols[6], 0);
	index_format_free(&fmt);

	/* A field without a width keeps its text's. */
	assert_int_equal(index_format_compile(&fmt, "%F|%*.30s|%S", &err), 0);
	cols[0] = 7;
	cols[1] = cols[3] = 1;
	cols[4] = 4;
	index_format_layout(&fmt, 100, cols);
	assert_int_equal(cols[0], 7);
	assert_int_equal(cols[2], 30);
	assert_int_equal(cols[4], 4);
	index_format_free(&fmt);
}

/* 2026-11-30 15:00:00 UTC, a Monday. */
#define NOW ((time_t)1796050800)

static const char *
fmt_date(const char *fmt, time_t t)
{
	static char buf[64];

	date_format(fmt, t, NOW, buf, sizeof buf);
	return (buf);
}

static void
test_dates(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_string_equal(fmt_date(NULL, 0), "");
	assert_string_equal(fmt_date(NULL, NOW - 3600), "14:00");
	assert_string_equal(fmt_date("auto", NOW - 86400 * 3), "Nov 27");
	assert_string_equal(fmt_date(NULL, NOW - 86400 * 400), "2025-10-26");

	assert_string_equal(fmt_date("relative", NOW - 20), "just now");
	assert_string_equal(fmt_date("relative", NOW - 60 * 5), "5 min ago");
	assert_string_equal(fmt_date("relative", NOW - 60 * 59 - 59),
	    "59 min ago");
	assert_string_equal(fmt_date("relative", NOW - 3600 * 2), "13:00");
	/* Yesterday by the calendar, even if less than a day ago. */
	assert_string_equal(fmt_date("relative", NOW - 3600 * 16), "yesterday");
	assert_string_equal(fmt_date("relative", NOW - 86400 * 3), "Fri");
	assert_string_equal(fmt_date("relative", NOW - 86400 * 6), "Tue");
	assert_string_equal(fmt_date("relative", NOW - 86400 * 7), "Nov 23");
	assert_string_equal(fmt_date("relative", NOW - 86400 * 400),
	    "2025-10-26");
	/* A clock ahead: the plain date, never "-5 min ago". */
	assert_string_equal(fmt_date("relative", NOW + 3600), "16:00");
	/* Every relative date fits ten columns. */
	assert_true(strlen(fmt_date("relative", NOW - 60 * 45)) <= 10);
	assert_string_equal(fmt_date("%d.%m.%Y", NOW), "30.11.2026");
}

static int
parse(struct conf *conf, const char *text, char **err)
{
	conf_init(conf);
	*err = NULL;
	return (conf_parse(conf, "cfg", text, strlen(text), err));
}

static void
test_conf_looks(void **state)
{
	struct conf conf;
	char	   *err, *buf = NULL;
	size_t	    len = 0;
	FILE	   *f;

	(void)state;
	assert_int_equal(parse(&conf,
			     "index-format = \"%f %-20F %*s\"\n"
			     "date-format = relative\n"
			     "mouse = yes\n"
			     "[account one]\n"
			     "imap = imaps://a@example.org\n"
			     "[colors]\n"
			     "unread = red\n"
			     "# a comment\n"
			     "quoted1 = green default\n",
			     &err),
	    0);
	assert_int_equal(conf.naccounts, 1);
	assert_int_equal(conf.looks.mouse, 1);
	assert_string_equal(conf.looks.date_format, "relative");
	assert_int_equal(conf.looks.index_format.n, 5);
	assert_int_equal(conf.looks.colors.elem[COLOR_UNREAD].fg, 1);
	assert_int_equal(conf.looks.colors.elem[COLOR_QUOTED1].fg, 2);
	f = open_memstream(&buf, &len);
	looks_dump(&conf.looks, f);
	fclose(f);
	assert_string_equal(buf,
	    "index-format = \"%f %-20F %*s\"\n"
	    "date-format = \"relative\"\n"
	    "mouse = yes\n");
	free(buf);
	conf_free(&conf);

	/* Nothing said: the defaults, and they dump as such. */
	assert_int_equal(parse(&conf, "[account one]\nimap = imaps://a@b\n",
			     &err),
	    0);
	assert_int_equal(conf.looks.mouse, 0);
	buf = NULL;
	f = open_memstream(&buf, &len);
	looks_dump(&conf.looks, f);
	fclose(f);
	assert_string_equal(buf,
	    "index-format = \"" INDEX_FORMAT_DEFAULT "\"\n"
	    "date-format = \"auto\"\nmouse = no\n");
	free(buf);
	conf_free(&conf);
}

static void
test_conf_looks_errors(void **state)
{
	static const struct {
		const char *text, *says;
	} bad[] = {
		{ "[account a]\nimap = imaps://a@b\n[colors]\nunread = purple\n",
		    "cfg:4: unknown colour or attribute 'purple'" },
		{ "[colors]\n\nblinky = red\n",
		    "cfg:3: unknown element 'blinky'" },
		{ "index-format = %f %y\n",
		    "cfg:1: index-format: unknown "
		    "field '%y'" },
		{ "mouse = maybe\n", "cfg:1: mouse is yes or no" },
		{ "date-format = soon\n", "cfg:1: date-format is auto" },
		{ "[account a]\nimap = imaps://a@b\nmouse = yes\n",
		    "cfg:3: unknown setting 'mouse' in an [account] section" },
		{ "[colors]\nimap = imaps://a@b\n",
		    "cfg:2: unknown element 'imap'" },
		{ "timeout = 3\n",
		    "cfg:1: setting 'timeout' outside an [account] section" },
		{ "colour = 3\n", "cfg:1: unknown setting 'colour'" },
		{ "[colours]\n", "cfg:1: unknown section 'colours'" },
		{ "mouse =\n", "cfg:1: empty value for 'mouse'" },
		{ "date-format =\n", "cfg:1: empty value for 'date-format'" },
		{ "[account a]\nimap = imaps://a@b\ndate-format = auto\n",
		    "cfg:3: unknown setting 'date-format' in an [account] "
		    "section" },
	};
	struct conf conf;
	char	   *err;
	size_t	    i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse(&conf, bad[i].text, &err), -1);
		assert_non_null(err);
		if (strstr(err, bad[i].says) == NULL)
			fail_msg("'%s' gave '%s'", bad[i].text, err);
		free(err);
		/* No half-made configuration is left behind. */
		assert_int_equal(conf.naccounts, 0);
		assert_false(colors_any(&conf.looks.colors));
		conf_free(&conf);
	}
}

/* Every setting and element is in tern.conf(5), and has its help. */
static void
test_man_page(void **state)
{
	const char *const *names;
	const char	  *srcdir;
	char		  *path, *page, want[64];
	FILE		  *f;
	size_t		   i, n;

	(void)state;
	names = looks_setting_names();
	for (i = 0; names[i] != NULL; i++)
		assert_true(strlen(looks_setting_help(names[i])) > 10);
	assert_int_equal(i, 3);
	if ((srcdir = getenv("TERN_SRCDIR")) == NULL || *srcdir == '\0')
		skip();
	if (asprintf(&path, "%s/man/tern.conf.5", srcdir) == -1)
		fail();
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		skip();
	page = malloc(1 << 20);
	assert_non_null(page);
	n = fread(page, 1, (1 << 20) - 1, f);
	page[n] = '\0';
	fclose(f);
	/* ".It Ic mouse Ns = Ns ...": the name and a blank. */
	for (i = 0; names[i] != NULL; i++) {
		snprintf(want, sizeof want, "Ic %s ", names[i]);
		if (strstr(page, want) == NULL)
			fail_msg("tern.conf.5 has no '%s'", names[i]);
	}
	for (i = 0; i < COLOR_NELEMS; i++) {
		snprintf(want, sizeof want, "Ic %s\n",
		    colors_elem_name((enum color_elem)i));
		if (strstr(page, want) == NULL)
			fail_msg("tern.conf.5 has no element '%s'",
			    colors_elem_name((enum color_elem)i));
	}
	free(page);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_colors_parse),
		cmocka_unit_test(test_colors_errors),
		cmocka_unit_test(test_colors_quote_levels),
		cmocka_unit_test(test_colors_dump),
		cmocka_unit_test(test_format_compile),
		cmocka_unit_test(test_format_errors),
		cmocka_unit_test(test_format_layout),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_conf_looks),
		cmocka_unit_test(test_conf_looks_errors),
		cmocka_unit_test(test_man_page),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
