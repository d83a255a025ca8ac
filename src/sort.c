/*
 * sort.c owns the names and the comparison of message-list orders; the
 * mailbox and the worker sort with it, so a list sorted from the cache and
 * one sorted by the server agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"

static const char *const sort_keys[] = {
	[SORT_DATE] = "date",
	[SORT_ARRIVAL] = "arrival",
	[SORT_THREAD] = "threads",
};

int
sort_parse(const char *s, struct sort_order *so)
{
	size_t i;

	so->reverse = strncmp(s, "reverse-", 8) == 0;
	if (so->reverse)
		s += 8;
	for (i = 0; i < sizeof sort_keys / sizeof sort_keys[0]; i++) {
		if (strcmp(s, sort_keys[i]) == 0) {
			so->key = (enum sort_key)i;
			return (0);
		}
	}
	return (-1);
}

const char *
sort_name(const struct sort_order *so, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", so->reverse ? "reverse-" : "",
	    sort_keys[so->key]);
	return (buf);
}

int
sort_uid_asc(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

void
sort_uids_arrival(uint32_t *uids, size_t n, int oldest_first)
{
	uint32_t t;
	size_t	 i;

	qsort(uids, n, sizeof *uids, sort_uid_asc);
	for (i = 0; !oldest_first && i < n / 2; i++) {
		t = uids[i];
		uids[i] = uids[n - 1 - i];
		uids[n - 1 - i] = t;
	}
}

int
sort_cmp(const struct sort_order *so, int64_t da, uint32_t ua, int64_t db,
    uint32_t ub)
{
	int c = 0;

	if (so->key == SORT_DATE && da != db)
		c = da > db ? -1 : 1;
	else if (ua != ub)
		c = ua > ub ? -1 : 1;
	return (so->reverse ? -c : c);
}
