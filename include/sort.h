/*
 * The order of the message list.  tern shows the newest mail on top: "date"
 * is newest sent first, "arrival" newest received (highest UID) first,
 * "threads" the newest thread first (thread.h); "reverse-" puts the oldest
 * on top.  The server sorts when it can (SORT,
 * RFC 5256); these comparisons give the same order locally, with ties
 * broken by UID as the server breaks them by sequence number.
 */
#ifndef TERN_SORT_H
#define TERN_SORT_H

#include <stdint.h>

enum sort_key {
	SORT_DATE,
	SORT_ARRIVAL,
	SORT_THREAD, /* the server's THREAD; compares as arrival */
};

struct sort_order {
	enum sort_key key;
	int	      reverse; /* oldest first */
};

/* "date", "reverse-arrival", ...: 0, or -1 if not a known order. */
int	    sort_parse(const char *, struct sort_order *);
const char *sort_name(const struct sort_order *, char *, size_t);
/* <0 when a is shown above b. */
int sort_cmp(const struct sort_order *, int64_t, uint32_t, int64_t, uint32_t);
/* qsort(3) of UIDs (uint32_t), lowest first. */
int sort_uid_asc(const void *, const void *);
/* UIDs in arrival order: the newest first, or with oldest_first the
 * oldest. */
void sort_uids_arrival(uint32_t *, size_t, int oldest_first);

#endif
