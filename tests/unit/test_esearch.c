/* The UIDs of an ESEARCH answer (RFC 4731), and the ones refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../../src/imap_private.h"

static void
test_esearch_ranges(void **state)
{
	uint32_t *u;
	size_t	  n;

	(void)state;
	assert_int_equal(imap_esearch_uids(" (TAG \"A1\") UID ALL 4:7,9", 100,
			     &u, &n),
	    0);
	assert_int_equal(n, 5);
	assert_int_equal(u[0], 4);
	assert_int_equal(u[3], 7);
	assert_int_equal(u[4], 9);
	free(u);
	/* A range may run backwards; other data may follow. */
	assert_int_equal(imap_esearch_uids(" UID ALL 5:3,8 COUNT 4", 100, &u,
			     &n),
	    0);
	assert_int_equal(n, 4);
	assert_int_equal(u[0], 3);
	free(u);
	/* Nothing found: no ALL at all. */
	assert_int_equal(imap_esearch_uids(" (TAG \"A2\") UID", 100, &u, &n),
	    0);
	assert_int_equal(n, 0);
	assert_null(u);
}

static void
test_esearch_refused(void **state)
{
	static const char *bad[] = {
		" UID ALL 1:4294967295", /* more than the folder holds */
		" UID ALL 1:5,6:11",	 /* the same, over two ranges */
		" UID ALL 0",		 /* not a UID */
		" UID ALL 4294967296",	 /* above 32 bits */
		" UID ALL x",
		" UID ALL 3:",
		" UID ALL 3,",
		" UID ALL",
		" UID ALL 3;DELETE",
	};
	uint32_t *u;
	size_t	  n, i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(imap_esearch_uids(bad[i], 10, &u, &n), -1);
		assert_int_equal(n, 0);
		assert_null(u);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esearch_ranges),
		cmocka_unit_test(test_esearch_refused),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
