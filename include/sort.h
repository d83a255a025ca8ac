/*
 * The order of the message list.  tern shows the newest mail on top: "date"
 * is newest sent first, "arrival" newest received (highest UID) first,
 * "threads" the newest thread first (thread.h).  "from", "subject" and
 * "size" go as the server's SORT does without REVERSE: A and the smallest
 * on top.  "reverse-" turns any of them over.  The server sorts when it can
 * (SORT, RFC 5256); these comparisons give the same order locally, with
 * ties broken by UID, lowest first, as the server breaks them by sequence
 * number whatever the direction.
 */
#ifndef TERN_SORT_H
#define TERN_SORT_H

#include <stddef.h>
#include <stdint.h>

enum sort_key {
	SORT_DATE,
	SORT_ARRIVAL,
	SORT_THREAD,  /* the server's THREAD; compares as arrival */
	SORT_FROM,    /* the first From address's mailbox (local part) */
	SORT_SUBJECT, /* the base subject (RFC 5256 2.1) */
	SORT_SIZE,
};

struct sort_order {
	enum sort_key key;
	int	      reverse; /* oldest first */
};

/* What a row is sorted by; the strings may be NULL (empty). */
struct sort_item {
	uint32_t    uid;
	uint32_t    size;
	int64_t	    date;
	const char *from_key; /* sort_from_key of the From field */
	const char *subject;  /* decoded */
};

/* "date", "reverse-arrival", ...: 0, or -1 if not a known order. */
int	    sort_parse(const char *, struct sort_order *);
const char *sort_name(const struct sort_order *, char *, size_t);
/* <0 when a is shown above b. */
int sort_cmp(const struct sort_order *, const struct sort_item *,
    const struct sort_item *);
/*
 * The base subject (RFC 5256 2.1) of a decoded subject: where it starts
 * in it and its length.  Runs of blanks inside still count as one, which
 * sort_cmp does as it compares.
 */
const char *sort_base_subject(const char *, size_t *);
/* qsort(3) of UIDs (uint32_t), lowest first. */
int sort_uid_asc(const void *, const void *);
/* UIDs in arrival order: the newest first, or with oldest_first the
 * oldest. */
void sort_uids_arrival(uint32_t *, size_t, int oldest_first);

#endif
