/* The fuzzy matcher of the folder jump: what matches, and in what order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fuzzy.h"

static void
test_subsequence(void **state)
{
	(void)state;
	assert_true(fuzzy_score("wp", "Work/Projects") > 0);
	assert_true(fuzzy_score("WORK", "Work/Projects") > 0);
	assert_int_equal(fuzzy_score("pw", "Work/Projects"), -1);
	assert_int_equal(fuzzy_score("x", "Work"), -1);
	assert_int_equal(fuzzy_score("", "Work"), 0);
	assert_int_equal(fuzzy_score("Works", "Work"), -1);
}

static void
test_ranking(void **state)
{
	(void)state;
	/* A whole name beats everything. */
	assert_true(
	    fuzzy_score("work", "Work") > fuzzy_score("work", "Work/Projects"));
	/* Consecutive characters beat scattered ones. */
	assert_true(fuzzy_score("proj", "Work/Projects") >
	    fuzzy_score("proj", "Paper/Rejected/Old/Junk"));
	/* Word starts beat the middle of a word. */
	assert_true(fuzzy_score("wp", "Work/Projects") >
	    fuzzy_score("wp", "Newspapers"));
	/* The best place, not the first one: "arch" in "Search/Archive". */
	assert_true(fuzzy_score("arch", "Search/Archive") >
	    fuzzy_score("arch", "Search"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subsequence),
		cmocka_unit_test(test_ranking),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
