/*
 * respcheck.c owns the check of the byte stream from an IMAP server before
 * libetpan sees it.  It follows lines, quoted strings, parentheses and
 * {n} / {n+} / ~{n} literals as they arrive in any chunks, and refuses the
 * shapes libetpan 1.9.4 mishandles: an [ALERT] with no text, an unbalanced
 * [PERMANENTFLAGS (, a STATUS with an empty list, numbers above 2^32-1
 * where a 32-bit number belongs, literals over the cap, over-long lines,
 * deep nesting and BODYSTRUCTUREs of too many parts.  It must never alter a byte, and never refuse a response a
 * correct server sends.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "respcheck.h"

/* Words after which RFC 3501 wants a 32-bit number. */
static const char *respcheck_number_words[] = {
	"UID",
	"RFC822.SIZE",
	"UIDVALIDITY",
	"UIDNEXT",
	"UNSEEN",
	"MESSAGES",
	"RECENT",
	"[UIDVALIDITY",
	"[UIDNEXT",
	"[UNSEEN",
	NULL,
};

void
respcheck_init(struct respcheck *rc, uint64_t max_literal)
{
	memset(rc, 0, sizeof *rc);
	rc->max_literal = max_literal;
	rc->at_response = 1;
	rc->numeric = 1;
	rc->body_depth = -1;
}

/*
 * The answers that list every message of a folder (SEARCH, SORT, THREAD)
 * outgrow the line cap past about 150,000 messages; made of numbers alone
 * they may run to max-literal, as long as a literal may.
 */
static int
respcheck_long_ok(const struct respcheck *rc)
{
	static const char *const lists[] = { "* SEARCH ", "* SORT ",
		"* THREAD " };
	size_t			 i, n;

	if (!rc->numeric || !rc->at_response || rc->line_len > rc->max_literal)
		return (0);
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		n = strlen(lists[i]);
		if (rc->head_len >= n &&
		    strncasecmp(rc->head, lists[i], n) == 0)
			return (1);
	}
	return (0);
}

static int
respcheck_fail(struct respcheck *rc, const char *fmt, const char *arg)
{
	snprintf(rc->why, sizeof rc->why, fmt, arg);
	rc->failed = 1;
	return (-1);
}

static int
respcheck_is_number_word(const char *w)
{
	size_t i;

	for (i = 0; respcheck_number_words[i] != NULL; i++)
		if (strcasecmp(w, respcheck_number_words[i]) == 0)
			return (1);
	return (0);
}

/* A token just ended: refuse a huge number where a 32-bit one belongs. */
static int
respcheck_token(struct respcheck *rc)
{
	int number;

	if (rc->word_len == 0)
		return (0);
	rc->word[rc->word_len] = '\0';
	number = rc->word_digits == rc->word_len;
	if (number && rc->word_big &&
	    (respcheck_is_number_word(rc->prev) ||
		(rc->at_response && rc->ntokens == 1 &&
		    strcmp(rc->prev, "*") == 0)))
		return (respcheck_fail(rc,
		    "a number above 4294967295 "
		    "after %s",
		    rc->prev));
	memcpy(rc->prev, rc->word, rc->word_len + 1);
	rc->ntokens++;
	rc->word_len = rc->word_digits = 0;
	rc->word_big = 0;
	rc->value = 0;
	return (0);
}

static void
respcheck_word_char(struct respcheck *rc, char c)
{
	if (rc->word_len + 1 < sizeof rc->word)
		rc->word[rc->word_len++] = c;
	else
		rc->word_big = 1; /* an over-long token: never a number */
	if (c >= '0' && c <= '9') {
		rc->word_digits++;
		rc->value = rc->value * 10 + (uint64_t)(c - '0');
		if (rc->word_digits > 10 || rc->value > 0xffffffffULL)
			rc->word_big = 1;
	}
}

/*
 * Where a response code starts in h, ignoring case, as strcasestr would
 * find it; it starts with '[', so only those are compared (this runs for
 * every FETCH line of the fill).
 */
static const char *
respcheck_code(const char *h, const char *code)
{
	size_t n = strlen(code);

	for (; (h = strchr(h, '[')) != NULL; h++)
		if (strncasecmp(h, code, n) == 0)
			return (h);
	return (NULL);
}

/* The first bytes of a response are complete: look for known traps. */
static int
respcheck_head(struct respcheck *rc)
{
	const char *h = rc->head, *p, *q;

	rc->head[rc->head_len] = '\0';
	if ((p = strstr(h, "[ALERT]")) != NULL) {
		for (q = p + 7; *q == ' '; q++)
			;
		if (*q == '\r' || *q == '\n' || *q == '\0')
			return (respcheck_fail(rc, "%s",
			    "an [ALERT] with no "
			    "text"));
	}
	if ((p = respcheck_code(h, "[PERMANENTFLAGS (")) != NULL) {
		for (q = p + 17; *q != '\0' && *q != ')'; q++)
			if (strchr("({[]\"\r\n", *q) != NULL)
				return (respcheck_fail(rc, "%s",
				    "a malformed "
				    "PERMANENTFLAGS code"));
		if (q[0] != ')' || q[1] != ']')
			return (respcheck_fail(rc, "%s",
			    "a malformed "
			    "PERMANENTFLAGS code"));
	}
	if (strncasecmp(h, "* STATUS ", 9) == 0)
		rc->in_status = 1;
	/* The tag, for the caller to tell a wrong tag from a BAD. */
	if (h[0] != '*' && h[0] != '+')
		snprintf(rc->tag, sizeof rc->tag, "%.*s",
		    (int)strcspn(h, " \r\n"), h);
	/*
	 * A BYE is kept: when the connection then closes, what the server
	 * said is a better reason to show than "connection lost".
	 */
	if (strncasecmp(h, "* BYE", 5) == 0) {
		for (p = h + 5; *p == ' '; p++)
			;
		q = p + strcspn(p, "\r\n");
		snprintf(rc->bye, sizeof rc->bye, "%.*s", (int)(q - p), p);
	}
	return (0);
}

/* The end of a line: a literal follows, or the response is complete. */
static int
respcheck_eol(struct respcheck *rc)
{
	const char *t, *open, *p;
	uint64_t    n = 0;
	size_t	    digits = 0;
	char	    buf[sizeof rc->tail + 1];

	memcpy(buf, rc->tail, rc->tail_len);
	buf[rc->tail_len] = '\0';
	t = buf;
	if (rc->at_response && respcheck_head(rc) != 0)
		return (-1);
	/* "{123}\r\n", "{123+}\r\n" or "~{123}\r\n": a literal follows. */
	if (!rc->in_quote && rc->tail_len >= 5 &&
	    strcmp(t + rc->tail_len - 3, "}\r\n") == 0 &&
	    (open = strrchr(t, '{')) != NULL) {
		for (p = open + 1; isdigit((unsigned char)*p); p++) {
			if (++digits <= 10)
				n = n * 10 + (uint64_t)(*p - '0');
		}
		if (*p == '+')
			p++;
		if (digits > 0 && strcmp(p, "}\r\n") == 0) {
			if (digits > 10 || n > 0xffffffffULL)
				return (respcheck_fail(rc, "%s",
				    "a literal "
				    "size above 4294967295"));
			if (n > rc->max_literal)
				return (respcheck_fail(rc, "%s",
				    "a literal "
				    "larger than max-literal"));
			rc->literal = n;
			rc->at_response = 0;
			rc->line_len = rc->tail_len = rc->head_len = 0;
			rc->numeric = 1;
			return (0);
		}
	}
	/* A size too long for the tail: no server needs such a literal. */
	if (!rc->in_quote && rc->tail_len == sizeof rc->tail - 1 &&
	    strchr(t, '{') == NULL &&
	    strcmp(t + rc->tail_len - 3, "}\r\n") == 0 &&
	    isdigit((unsigned char)t[rc->tail_len - 4]))
		return (respcheck_fail(rc, "%s",
		    "a literal size above "
		    "4294967295"));
	/* The response is complete. */
	if (rc->in_status && rc->tail_len >= 4 &&
	    strcmp(t + rc->tail_len - 4, "()\r\n") == 0)
		return (respcheck_fail(rc, "%s",
		    "a STATUS response with an "
		    "empty list"));
	rc->at_response = 1;
	rc->in_status = 0;
	rc->depth = 0;
	rc->body_depth = -1;
	rc->in_quote = rc->escaped = 0;
	rc->ntokens = 0;
	rc->prev[0] = '\0';
	rc->line_len = rc->tail_len = rc->head_len = 0;
	rc->numeric = 1;
	return (0);
}

/*
 * A list opens: count it if it is, or is in, the value of a BODYSTRUCTURE
 * (or of BODY, its older name).  A message of 20,000 parts is refused
 * here, before libetpan builds a tree of it.
 */
static int
respcheck_body_list(struct respcheck *rc)
{
	if (rc->body_depth < 0) {
		if (strcasecmp(rc->prev, "BODYSTRUCTURE") != 0 &&
		    strcasecmp(rc->prev, "BODY") != 0)
			return (0);
		rc->body_depth = rc->depth;
		rc->body_lists = 0;
	}
	if (++rc->body_lists > RESPCHECK_MAX_BODY_LISTS)
		return (respcheck_fail(rc, "%s",
		    "a BODYSTRUCTURE of more than 10000 lists"));
	return (0);
}

static int
respcheck_byte(struct respcheck *rc, char c)
{
	/* RFC 3501 allows NUL in literals only; C strings would cut it. */
	if (c == '\0')
		return (respcheck_fail(rc, "%s",
		    "a NUL byte outside a "
		    "literal"));
	if (rc->numeric && rc->line_len >= 9 &&
	    strchr("0123456789 ()\r\n", c) == NULL)
		rc->numeric = 0;
	if (++rc->line_len > RESPCHECK_MAX_LINE && !respcheck_long_ok(rc))
		return (respcheck_fail(rc, "%s", "a line longer than 1 MiB"));
	if (rc->head_len < RESPCHECK_LINE_KEEP)
		rc->head[rc->head_len++] = c;
	if (rc->tail_len == sizeof rc->tail - 1) {
		memmove(rc->tail, rc->tail + 1, rc->tail_len - 1);
		rc->tail_len--;
	}
	rc->tail[rc->tail_len++] = c;

	if (rc->in_quote) {
		if (rc->escaped)
			rc->escaped = 0;
		else if (c == '\\')
			rc->escaped = 1;
		else if (c == '"')
			rc->in_quote = 0;
		return (0);
	}
	switch (c) {
	case '"':
		if (respcheck_token(rc) != 0)
			return (-1);
		rc->in_quote = 1;
		break;
	case '(':
		if (respcheck_token(rc) != 0)
			return (-1);
		if (respcheck_body_list(rc) != 0)
			return (-1);
		if (++rc->depth > RESPCHECK_MAX_DEPTH)
			return (respcheck_fail(rc, "%s",
			    "parentheses nested "
			    "more than 100 deep"));
		break;
	case ')':
		if (respcheck_token(rc) != 0)
			return (-1);
		if (rc->depth > 0)
			rc->depth--;
		if (rc->depth == rc->body_depth)
			rc->body_depth = -1;
		break;
	case ' ':
	case ']':
	case '\r':
		if (respcheck_token(rc) != 0)
			return (-1);
		break;
	case '\n':
		if (respcheck_token(rc) != 0)
			return (-1);
		return (respcheck_eol(rc));
	default:
		respcheck_word_char(rc, c);
		break;
	}
	return (0);
}

void
respcheck_refuse(struct respcheck *rc, const char *why)
{
	respcheck_fail(rc, "%s", why);
}

int
respcheck_feed(struct respcheck *rc, const char *buf, size_t len)
{
	size_t i = 0, skip;

	if (rc->failed)
		return (-1);
	while (i < len) {
		if (rc->literal > 0) {
			/* Literal bytes are data: nothing in them is syntax. */
			skip = len - i < rc->literal ? len - i :
						       (size_t)rc->literal;
			rc->literal -= skip;
			i += skip;
			continue;
		}
		if (respcheck_byte(rc, buf[i++]) != 0)
			return (-1);
	}
	return (0);
}
