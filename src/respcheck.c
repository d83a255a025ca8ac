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
	char	    buf[RESPCHECK_TAIL + 1];
	size_t	    tl = rc->tail_len < RESPCHECK_TAIL ? rc->tail_len :
							 RESPCHECK_TAIL;

	memcpy(buf, rc->tail + rc->tail_len - tl, tl);
	buf[tl] = '\0';
	t = buf;
	/*
	 * RFC 3501 ends every line with CRLF, and every check here looks for
	 * it; libetpan takes a bare LF for one, which would get a line past
	 * them (a STATUS "()" so ended crashed tern).
	 */
	if (tl < 2 || t[tl - 2] != '\r')
		return (respcheck_fail(rc, "%s", "a line ended by a bare LF"));
	if (rc->at_response && respcheck_head(rc) != 0)
		return (-1);
	/* "{123}\r\n", "{123+}\r\n" or "~{123}\r\n": a literal follows. */
	if (!rc->in_quote && tl >= 5 && strcmp(t + tl - 3, "}\r\n") == 0 &&
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
	if (!rc->in_quote && tl == RESPCHECK_TAIL && strchr(t, '{') == NULL &&
	    strcmp(t + tl - 3, "}\r\n") == 0 &&
	    isdigit((unsigned char)t[tl - 4]))
		return (respcheck_fail(rc, "%s",
		    "a literal size above "
		    "4294967295"));
	/* The response is complete. */
	if (rc->in_status && tl >= 4 && strcmp(t + tl - 4, "()\r\n") == 0)
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

/*
 * Keep the last RESPCHECK_TAIL bytes of the line, for respcheck_eol: the
 * buffer holds twice that, so that the bytes kept move once in a while,
 * not at every byte.
 */
static void
respcheck_tail(struct respcheck *rc, const char *p, size_t k)
{
	if (k >= RESPCHECK_TAIL) {
		memcpy(rc->tail, p + k - RESPCHECK_TAIL, RESPCHECK_TAIL);
		rc->tail_len = RESPCHECK_TAIL;
		return;
	}
	if (rc->tail_len + k > sizeof rc->tail) {
		memmove(rc->tail, rc->tail + rc->tail_len - RESPCHECK_TAIL,
		    RESPCHECK_TAIL);
		rc->tail_len = RESPCHECK_TAIL;
	}
	memcpy(rc->tail + rc->tail_len, p, k);
	rc->tail_len += k;
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
	respcheck_tail(rc, &c, 1);

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

/*
 * The bytes that end a run respcheck_run may take whole: outside quotes
 * those that end a token, a quote's start, a line; inside, the quote's
 * end and its escape.  NUL, refused, everywhere.
 */
static const unsigned char respcheck_stop[256] = {
	[0] = 1,
	['"'] = 1,
	['('] = 1,
	[')'] = 1,
	[' '] = 1,
	[']'] = 1,
	['\r'] = 1,
	['\n'] = 1,
};
static const unsigned char respcheck_quote_stop[256] = {
	[0] = 1,
	['"'] = 1,
	['\\'] = 1,
};

/*
 * Take as many bytes at buf as only count, as respcheck_byte would take
 * them one by one: past a line's first bytes (numeric is 0) those are
 * the bytes of a word, or of a quoted string, up to the next one that
 * means something.  How many were taken; 0 leaves the next byte to
 * respcheck_byte.  The fill sends a few hundred such bytes a message,
 * and a byte at a time each cost a call and the
 * tests of every byte that matters.
 */
static size_t
respcheck_run(struct respcheck *rc, const char *buf, size_t len)
{
	const unsigned char *stop, *s = (const unsigned char *)buf;
	size_t		     k, n;

	if (rc->numeric || rc->escaped)
		return (0);
	stop = rc->in_quote ? respcheck_quote_stop : respcheck_stop;
	for (k = 0; k < len && !stop[s[k]]; k++)
		;
	/* The byte past the line cap is respcheck_byte's to refuse. */
	if (k == 0 || rc->line_len + k > RESPCHECK_MAX_LINE)
		return (0);
	rc->line_len += k;
	if (rc->head_len < RESPCHECK_LINE_KEEP) {
		n = RESPCHECK_LINE_KEEP - rc->head_len;
		n = n < k ? n : k;
		memcpy(rc->head + rc->head_len, buf, n);
		rc->head_len += n;
	}
	respcheck_tail(rc, buf, k);
	if (rc->in_quote)
		return (k);
	/* respcheck_word_char's work, for k bytes at once. */
	n = sizeof rc->word - 1 - rc->word_len;
	if (n > k)
		n = k;
	else if (k > n)
		rc->word_big = 1;
	memcpy(rc->word + rc->word_len, buf, n);
	rc->word_len += n;
	for (n = 0; n < k; n++) {
		if (s[n] < '0' || s[n] > '9')
			continue;
		rc->word_digits++;
		rc->value = rc->value * 10 + (uint64_t)(s[n] - '0');
		if (rc->word_digits > 10 || rc->value > 0xffffffffULL)
			rc->word_big = 1;
	}
	return (k);
}

/* One byte at a time, as the bytes come: what the runs must agree with. */
static int
respcheck_feed_with(struct respcheck *rc, const char *buf, size_t len, int runs)
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
		if (runs && (skip = respcheck_run(rc, buf + i, len - i)) > 0) {
			i += skip;
			continue;
		}
		if (respcheck_byte(rc, buf[i++]) != 0)
			return (-1);
	}
	return (0);
}

int
respcheck_feed(struct respcheck *rc, const char *buf, size_t len)
{
	return (respcheck_feed_with(rc, buf, len, 1));
}

int
respcheck_feed_bytes(struct respcheck *rc, const char *buf, size_t len)
{
	return (respcheck_feed_with(rc, buf, len, 0));
}
