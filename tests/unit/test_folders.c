/* The folder tree: names from the wire, tree order, completion. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "folders.h"

static void
test_tree_order_and_names(void **state)
{
	struct folders fs;
	const char    *want[] = { "INBOX", "Archive", "R\xc3\xa9unions", "Work",
		   "Work/Projects", "Work/Projects/Old", "Work-x" };
	size_t	       i;

	(void)state;
	folders_init(&fs);
	assert_int_equal(folders_add(&fs, "Work-x", '/', 0), 0);
	assert_int_equal(folders_add(&fs, "Work/Projects", '/', 0), 0);
	assert_int_equal(folders_add(&fs, "R&AOk-unions", '/', 0), 0);
	assert_int_equal(folders_add(&fs, "Archive", '/', 0), 0);
	assert_int_equal(folders_add(&fs, "Work", '/', 0), 0);
	assert_int_equal(folders_add(&fs, "INBOX", '/', 0), 0);
	assert_int_equal(folders_add(&fs, "Work/Projects/Old", '/', 0), 0);
	/* LIST may repeat a name; it is kept once. */
	assert_int_equal(folders_add(&fs, "Archive", '/', 0), 0);
	folders_sort(&fs);
	assert_int_equal(fs.n, 7);
	for (i = 0; i < fs.n; i++)
		assert_string_equal(fs.list[i].name, want[i]);
	assert_string_equal(fs.list[5].label, "Old");
	assert_int_equal(fs.list[5].depth, 2);
	assert_int_equal(fs.list[0].depth, 0);
	assert_string_equal(fs.list[2].wire, "R&AOk-unions");
	folders_free(&fs);
}

static void
test_other_delimiter(void **state)
{
	struct folders fs;
	struct folder *f;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "INBOX", '.', 0);
	folders_add(&fs, "INBOX.Archive.2024", '.', 0);
	folders_sort(&fs);
	/* The missing parent is filled in and cannot be selected. */
	assert_int_equal(fs.n, 3);
	f = folders_find(&fs, "INBOX/Archive");
	assert_non_null(f);
	assert_true(f->flags & FOLDER_NOSELECT);
	assert_string_equal(f->wire, "INBOX.Archive");
	f = folders_find(&fs, "INBOX/Archive/2024");
	assert_non_null(f);
	assert_string_equal(f->wire, "INBOX.Archive.2024");
	assert_string_equal(f->label, "2024");
	assert_ptr_equal(folders_find_wire(&fs, "INBOX.Archive.2024"), f);
	assert_non_null(folders_find(&fs, "inbox"));
	assert_null(folders_find(&fs, "Archive"));
	folders_free(&fs);
}

static void
test_bad_utf7_is_kept(void **state)
{
	struct folders fs;

	(void)state;
	folders_init(&fs);
	assert_int_equal(folders_add(&fs, "bad&name", '/', 0), -1);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.list[0].wire, "bad&name");
	folders_free(&fs);
}

static void
test_names_are_made_safe(void **state)
{
	struct folders fs;

	(void)state;
	folders_init(&fs);
	/* "&ABs-" is ESC in modified UTF-7; a name that is not valid UTF-7
	 * is kept as sent, and made safe too. */
	assert_int_equal(folders_add(&fs, "a&ABs-[2Jb", '/', 0), 0);
	assert_int_equal(folders_add(&fs, "x\x1b]52;y", '/', 0), -1);
	assert_string_equal(fs.list[0].name, "a\xef\xbf\xbd[2Jb");
	assert_string_equal(fs.list[0].wire, "a&ABs-[2Jb");
	assert_null(strchr(fs.list[1].name, 0x1b));
	folders_free(&fs);
}

static void
test_complete(void **state)
{
	struct folders fs;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "INBOX", '/', 0);
	folders_add(&fs, "Work", '/', FOLDER_NOSELECT);
	folders_add(&fs, "Work/Projects", '/', 0);
	folders_add(&fs, "Work/Plans", '/', 0);
	folders_add(&fs, "Archive", '/', 0);
	folders_sort(&fs);
	assert_string_equal(folders_complete(&fs, "Wo", 0), "Work/Plans");
	assert_string_equal(folders_complete(&fs, "Wo", 1), "Work/Projects");
	assert_null(folders_complete(&fs, "Wo", 2));
	assert_string_equal(folders_complete(&fs, "arc", 0), "Archive");
	assert_null(folders_complete(&fs, "zzz", 0));
	assert_string_equal(folders_complete(&fs, "", 0), "INBOX");
	folders_free(&fs);
}

/* What the user types, as the server must be sent it. */
static void
test_wire_name(void **state)
{
	static const char *bad[] = { "", "a//b", "a/", "/a", "a\rb", "a\nb",
		"a\x1b[2J", "a*", "a%", "\xff" };
	struct folders	   fs;
	char		  *w, *err;
	size_t		   i;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "INBOX", '.', 0);
	folders_add(&fs, "INBOX.Work", '.', 0);
	folders_sort(&fs);
	/* Below an existing folder: its spelling and its delimiter. */
	w = folders_wire_name(&fs, "INBOX/Work/\xc3\x89t\xc3\xa9", "INBOX.",
	    '.', &err);
	assert_string_equal(w, "INBOX.Work.&AMk-t&AOk-");
	free(w);
	/* The server's delimiter typed in a name is a level too. */
	w = folders_wire_name(&fs, "INBOX/Work/a.b", NULL, '\0', &err);
	assert_string_equal(w, "INBOX.Work.a.b");
	free(w);
	/* At the top: the personal namespace's prefix. */
	w = folders_wire_name(&fs, "\xe6\x97\xa5\xe6\x9c\xac/x", "INBOX.", '.',
	    &err);
	assert_string_equal(w, "INBOX.&ZeVnLA-.x");
	free(w);
	folders_free(&fs);

	folders_init(&fs);
	folders_add(&fs, "INBOX", '/', 0);
	folders_sort(&fs);
	w = folders_wire_name(&fs, "R\xc3\xa9unions & co", NULL, '\0', &err);
	assert_string_equal(w, "R&AOk-unions &- co");
	free(w);
	/* Refused before anything is sent, with a reason. */
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err = NULL;
		assert_null(folders_wire_name(&fs, bad[i], NULL, '\0', &err));
		assert_non_null(err);
		free(err);
	}
	folders_free(&fs);
}

/* Subscribed only: those, INBOX, and the parents on the way to them. */
static void
test_view_subscribed(void **state)
{
	struct folders fs;
	const char    *want[] = { "INBOX", "Work", "Work/Projects" };
	size_t	       i;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "INBOX", '/', 0);
	folders_add(&fs, "Archive", '/', 0);
	folders_add(&fs, "Work", '/', 0);
	folders_add(&fs, "Work/Projects", '/', FOLDER_SUBSCRIBED);
	folders_add(&fs, "Work/Old", '/', 0);
	folders_sort(&fs);
	assert_int_equal(fs.nview, 5);
	folders_view(&fs, 1);
	assert_int_equal(fs.nview, 3);
	for (i = 0; i < fs.nview; i++)
		assert_string_equal(folders_at(&fs, i)->name, want[i]);
	assert_null(folders_at(&fs, 3));
	assert_int_equal(folders_view_find(&fs, "Work/Projects"), 2);
	assert_int_equal(folders_view_find(&fs, "Archive"), -1);
	/* A new LIST keeps the view's choice. */
	folders_sort(&fs);
	assert_int_equal(fs.nview, 3);
	folders_view(&fs, 0);
	assert_int_equal(fs.nview, 5);
	folders_free(&fs);
}

/* Without a role, the role's name in any case; the exact one first. */
static void
test_role_anycase(void **state)
{
	struct folders fs;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "INBOX", '.', 0);
	folders_add(&fs, "INBOX.sent", '.', 0);
	folders_add(&fs, "DRAFTS", '.', 0);
	folders_add(&fs, "drafts", '.', 0);
	folders_add(&fs, "Drafts", '.', 0);
	folders_sort(&fs);
	assert_string_equal(folders_find_role(&fs, SPECIAL_SENT)->wire,
	    "INBOX.sent");
	assert_string_equal(folders_find_role(&fs, SPECIAL_DRAFTS)->wire,
	    "Drafts");
	assert_null(folders_find_role(&fs, SPECIAL_TRASH));
	folders_free(&fs);
}

/* The folders with a role come after INBOX, in the order of the roles. */
static void
test_special_use(void **state)
{
	struct folders fs;
	const char *want[] = { "INBOX", "Sent Messages", "Trash", "Trash/Old",
		"Archive", "Work" };
	size_t	    i;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "Work", '/', 0);
	folders_add(&fs, "Trash/Old", '/', 0);
	folders_add(&fs, "Trash", '/', 0);
	folders_add(&fs, "Archive", '/', 0);
	folders_add(&fs, "Sent Messages", '/', 0);
	folders_add(&fs, "INBOX", '/', 0);
	folders_find(&fs, "Trash")->role = SPECIAL_TRASH;
	folders_find(&fs, "Sent Messages")->role = SPECIAL_SENT;
	folders_sort(&fs);
	for (i = 0; i < fs.n; i++)
		assert_string_equal(fs.list[i].name, want[i]);
	assert_string_equal(folders_find_role(&fs, SPECIAL_SENT)->name,
	    "Sent Messages");
	/* No folder with the role: the one of that name. */
	assert_string_equal(folders_find_role(&fs, SPECIAL_ARCHIVE)->name,
	    "Archive");
	assert_null(folders_find_role(&fs, SPECIAL_JUNK));
	assert_string_equal(folders_role_name(SPECIAL_TRASH), "Trash");
	assert_null(folders_role_name(SPECIAL_NONE));
	folders_free(&fs);
}

/* A collapsed folder hides what is below it; fuzzy finds by a part. */
static void
test_collapse_and_fuzzy(void **state)
{
	struct folders fs;
	struct folder *f;

	(void)state;
	folders_init(&fs);
	folders_add(&fs, "INBOX", '/', 0);
	folders_add(&fs, "Work", '/', 0);
	folders_add(&fs, "Work/Projects", '/', 0);
	folders_add(&fs, "Work/Projects/Old", '/', 0);
	folders_add(&fs, "Workshop", '/', 0);
	folders_sort(&fs);
	f = folders_find(&fs, "Work");
	assert_int_equal(folders_below(&fs, f), 2);
	assert_int_equal(folders_below(&fs, folders_find(&fs, "Workshop")), 0);
	f->flags |= FOLDER_COLLAPSED;
	folders_view(&fs, 0);
	assert_int_equal(fs.nview, 3);
	assert_string_equal(folders_at(&fs, 2)->name, "Workshop");
	assert_int_equal(folders_view_find(&fs, "Work/Projects"), -1);

	assert_string_equal(folders_fuzzy(&fs, "wpold", 0)->name,
	    "Work/Projects/Old");
	assert_string_equal(folders_fuzzy(&fs, "work", 0)->name, "Work");
	assert_string_equal(folders_fuzzy(&fs, "wproj", 0)->name,
	    "Work/Projects");
	assert_string_equal(folders_fuzzy(&fs, "wproj", 1)->name,
	    "Work/Projects/Old");
	assert_null(folders_fuzzy(&fs, "wproj", 2));
	assert_null(folders_fuzzy(&fs, "zz", 0));
	folders_free(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_order_and_names),
		cmocka_unit_test(test_other_delimiter),
		cmocka_unit_test(test_bad_utf7_is_kept),
		cmocka_unit_test(test_names_are_made_safe),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_wire_name),
		cmocka_unit_test(test_view_subscribed),
		cmocka_unit_test(test_special_use),
		cmocka_unit_test(test_role_anycase),
		cmocka_unit_test(test_collapse_and_fuzzy),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
