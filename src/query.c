/*
 * query.c owns the search language of "/" in the message list: it reads a
 * query into a tree of IMAP SEARCH keys and says where a bad one goes
 * wrong.  It never does I/O and never writes IMAP: a string it hands on
 * is what the user meant (quotes and escapes undone), and imap_search.c
 * decides how it goes on the wire.  It must never let CR, LF or NUL
 * through, nor recurse without a bound: its input may be anything.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query.h"
#include "xmalloc.h"

struct qparse {
	const char	   *s;
	size_t		    len, pos;
	size_t		    terms;
	struct query_error *err;
};

static const struct {
	const char     *name;
	enum query_kind kind;
} query_fields[] = {
	{ "from", QK_FROM },
	{ "to", QK_TO },
	{ "cc", QK_CC },
	{ "bcc", QK_BCC },
	{ "subject", QK_SUBJECT },
	{ "body", QK_BODY },
	{ "text", QK_TEXT },
	{ "since", QK_SINCE },
	{ "before", QK_BEFORE },
	{ "on", QK_ON },
	{ "larger", QK_LARGER },
	{ "smaller", QK_SMALLER },
};

static const struct {
	const char     *name;
	enum query_kind kind;
} query_words[] = {
	{ "unread", QK_UNSEEN },
	{ "read", QK_SEEN },
	{ "flagged", QK_FLAGGED },
	{ "unflagged", QK_UNFLAGGED },
	{ "deleted", QK_DELETED },
	{ "undeleted", QK_UNDELETED },
	{ "answered", QK_ANSWERED },
	{ "unanswered", QK_UNANSWERED },
};

static const char *const query_names[] = {
	[QK_AND] = "AND",
	[QK_OR] = "OR",
	[QK_NOT] = "NOT",
	[QK_FROM] = "FROM",
	[QK_TO] = "TO",
	[QK_CC] = "CC",
	[QK_BCC] = "BCC",
	[QK_SUBJECT] = "SUBJECT",
	[QK_BODY] = "BODY",
	[QK_TEXT] = "TEXT",
	[QK_SEEN] = "SEEN",
	[QK_UNSEEN] = "UNSEEN",
	[QK_FLAGGED] = "FLAGGED",
	[QK_UNFLAGGED] = "UNFLAGGED",
	[QK_DELETED] = "DELETED",
	[QK_UNDELETED] = "UNDELETED",
	[QK_ANSWERED] = "ANSWERED",
	[QK_UNANSWERED] = "UNANSWERED",
	[QK_SINCE] = "SINCE",
	[QK_BEFORE] = "BEFORE",
	[QK_ON] = "ON",
	[QK_LARGER] = "LARGER",
	[QK_SMALLER] = "SMALLER",
};

static struct query *query_and(struct qparse *, int, int);

const char *
query_key_name(enum query_kind k)
{
	return (query_names[k]);
}

static struct query *query_fail(struct qparse *qp, size_t pos, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static struct query *
query_fail(struct qparse *qp, size_t pos, const char *fmt, ...)
{
	va_list ap;

	/* The first error found is the one shown. */
	if (qp->err->text[0] != '\0')
		return (NULL);
	qp->err->pos = pos;
	va_start(ap, fmt);
	vsnprintf(qp->err->text, sizeof qp->err->text, fmt, ap);
	va_end(ap);
	return (NULL);
}

static struct query *
query_new(struct qparse *qp, enum query_kind kind, size_t pos)
{
	struct query *q;

	if (++qp->terms > QUERY_MAX_TERMS)
		return (
		    query_fail(qp, pos, "more than %d terms", QUERY_MAX_TERMS));
	q = xcalloc(1, sizeof *q);
	q->kind = kind;
	return (q);
}

void
query_free(struct query *q)
{
	struct query *next;

	/* Siblings in a loop: a query of many terms is a long list. */
	for (; q != NULL; q = next) {
		next = q->next;
		query_free(q->a);
		query_free(q->b);
		free(q->str);
		free(q);
	}
}

int
query_needs_charset(const struct query *q)
{
	const unsigned char *p;

	for (; q != NULL; q = q->next) {
		for (p = (const unsigned char *)q->str; p != NULL && *p != '\0';
		     p++)
			if (*p >= 0x80)
				return (1);
		if (query_needs_charset(q->a) || query_needs_charset(q->b))
			return (1);
	}
	return (0);
}

/* Length of the UTF-8 sequence at s (at most n bytes), or 0 if invalid. */
static size_t
query_utf8_len(const unsigned char *s, size_t n)
{
	size_t	 len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return (1);
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return (0);
	if (len > n)
		return (0);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return (0);
	return (len);
}

/*
 * Refuse, before anything else, what must never reach the server: a line
 * break or a NUL would end the command and start another.
 */
static int
query_check_bytes(struct qparse *qp)
{
	const unsigned char *s = (const unsigned char *)qp->s;
	size_t		     i, k;

	if (qp->len > QUERY_MAX_LEN) {
		query_fail(qp, QUERY_MAX_LEN, "longer than %d bytes",
		    QUERY_MAX_LEN);
		return (-1);
	}
	for (i = 0; i < qp->len; i += k) {
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0') {
			query_fail(qp, i,
			    "a line break or NUL cannot be searched for");
			return (-1);
		}
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f) {
			query_fail(qp, i, "a control character in the query");
			return (-1);
		}
		if ((k = query_utf8_len(s + i, qp->len - i)) == 0) {
			query_fail(qp, i, "not UTF-8");
			return (-1);
		}
	}
	return (0);
}

static int
query_space(int c)
{
	return (c == ' ' || c == '\t');
}

/* The end of a bare word: a space, a parenthesis or the end. */
static int
query_word_end(const struct qparse *qp, size_t i)
{
	return (i >= qp->len || query_space(qp->s[i]) || qp->s[i] == '(' ||
	    qp->s[i] == ')');
}

static void
query_skip_space(struct qparse *qp)
{
	while (qp->pos < qp->len && query_space(qp->s[qp->pos]))
		qp->pos++;
}

/* A quoted string at pos: "..." with \" and \\; the text undone. */
static char *
query_quoted(struct qparse *qp)
{
	size_t start = qp->pos, k = 0;
	char  *out;

	out = xmalloc(qp->len - qp->pos + 1);
	qp->pos++;
	while (qp->pos < qp->len && qp->s[qp->pos] != '"') {
		if (qp->s[qp->pos] == '\\' && qp->pos + 1 < qp->len)
			qp->pos++;
		out[k++] = qp->s[qp->pos++];
	}
	out[k] = '\0';
	if (qp->pos >= qp->len) {
		free(out);
		query_fail(qp, start, "a quote that is not closed");
		return (NULL);
	}
	qp->pos++;
	if (!query_word_end(qp, qp->pos)) {
		free(out);
		query_fail(qp, qp->pos, "a space is missing after the quote");
		return (NULL);
	}
	if (k == 0) {
		free(out);
		query_fail(qp, start, "an empty string");
		return (NULL);
	}
	return (out);
}

/* A bare word at pos, up to a space or a parenthesis. */
static char *
query_bare(struct qparse *qp)
{
	size_t start = qp->pos;

	while (!query_word_end(qp, qp->pos)) {
		if (qp->s[qp->pos] == '"') {
			query_fail(qp, qp->pos,
			    "a quote inside a word (quote the whole word)");
			return (NULL);
		}
		qp->pos++;
	}
	return (xstrndup(qp->s + start, qp->pos - start));
}

/* The value after "key:": quoted or bare. */
static char *
query_value(struct qparse *qp, const char *key, size_t keypos)
{
	if (query_word_end(qp, qp->pos)) {
		query_fail(qp, keypos, "%s: needs a value right after it", key);
		return (NULL);
	}
	if (qp->s[qp->pos] == '"')
		return (query_quoted(qp));
	return (query_bare(qp));
}

static int
query_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

/* yyyy-mm-dd, a day that exists. */
static int
query_date(const char *s, struct query *q)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int		 i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (-1);
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return (-1);
	q->year = atoi(s);
	q->month = atoi(s + 5);
	q->day = atoi(s + 8);
	if (q->year < 1 || q->month < 1 || q->month > 12 || q->day < 1)
		return (-1);
	if (q->day >
	    days[q->month - 1] + (q->month == 2 && query_leap(q->year)))
		return (-1);
	return (0);
}

/* 1234, 10k, 1M, 2G (k = 1024 bytes). */
static int
query_size(const char *s, uint32_t *out)
{
	uint64_t v = 0, unit = 1;
	size_t	 i;

	for (i = 0; isdigit((unsigned char)s[i]); i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > UINT32_MAX)
			return (-1);
	}
	if (i == 0)
		return (-1);
	switch (tolower((unsigned char)s[i])) {
	case '\0':
		break;
	case 'k':
		unit = 1024;
		break;
	case 'm':
		unit = 1024 * 1024;
		break;
	case 'g':
		unit = 1024 * 1024 * 1024;
		break;
	default:
		return (-1);
	}
	if (s[i] != '\0' && s[i + 1] != '\0')
		return (-1);
	if (v * unit > UINT32_MAX)
		return (-1);
	*out = (uint32_t)(v * unit);
	return (0);
}

/* key:value at pos; the key is the text before the first colon. */
static struct query *
query_field(struct qparse *qp, size_t keylen)
{
	struct query *q;
	size_t	      start = qp->pos, i;
	char	      key[16];
	char	     *v;

	for (i = 0; i < sizeof query_fields / sizeof query_fields[0]; i++)
		if (strlen(query_fields[i].name) == keylen &&
		    strncasecmp(qp->s + start, query_fields[i].name, keylen) ==
			0)
			break;
	if (i == sizeof query_fields / sizeof query_fields[0])
		return (query_fail(qp, start,
		    "unknown key \"%.*s:\" (quote the word to search for it)",
		    (int)(keylen < 40 ? keylen : 40), qp->s + start));
	snprintf(key, sizeof key, "%s", query_fields[i].name);
	qp->pos += keylen + 1;
	if ((q = query_new(qp, query_fields[i].kind, start)) == NULL)
		return (NULL);
	if ((v = query_value(qp, key, start)) == NULL) {
		query_free(q);
		return (NULL);
	}
	switch (q->kind) {
	case QK_SINCE:
	case QK_BEFORE:
	case QK_ON:
		if (query_date(v, q) != 0) {
			free(v);
			query_free(q);
			return (query_fail(qp, start + keylen + 1,
			    "%s: wants a date as 2024-01-31", key));
		}
		free(v);
		break;
	case QK_LARGER:
	case QK_SMALLER:
		if (query_size(v, &q->num) != 0) {
			free(v);
			query_free(q);
			return (query_fail(qp, start + keylen + 1,
			    "%s: wants a size as 2000, 10k or 1M (under 4G)",
			    key));
		}
		free(v);
		break;
	default:
		q->str = v;
		break;
	}
	return (q);
}

/* Free text (TEXT), the string taken; NULL passes an error on. */
static struct query *
query_text(struct qparse *qp, char *v, size_t start)
{
	struct query *q;

	if (v == NULL)
		return (NULL);
	if ((q = query_new(qp, QK_TEXT, start)) == NULL) {
		free(v);
		return (NULL);
	}
	q->str = v;
	return (q);
}

/* A term: a flag word, key:value, a quoted string or a free word. */
static struct query *
query_term(struct qparse *qp)
{
	size_t	    start = qp->pos, end, i;
	const char *colon;

	if (qp->s[qp->pos] == '"')
		return (query_text(qp, query_quoted(qp), start));
	for (end = start; !query_word_end(qp, end); end++)
		;
	colon = memchr(qp->s + start, ':', end - start);
	if (colon == qp->s + start)
		return (query_fail(qp, start, "a key is missing before \":\""));
	if (colon != NULL)
		return (query_field(qp, (size_t)(colon - (qp->s + start))));
	for (i = 0; i < sizeof query_words / sizeof query_words[0]; i++) {
		if (strlen(query_words[i].name) == end - start &&
		    strncasecmp(qp->s + start, query_words[i].name,
			end - start) == 0) {
			qp->pos = end;
			return (query_new(qp, query_words[i].kind, start));
		}
	}
	return (query_text(qp, query_bare(qp), start));
}

/* Whether the word at pos is this one, whole. */
static int
query_is_word(const struct qparse *qp, const char *w)
{
	size_t n = strlen(w);

	return (qp->len - qp->pos >= n &&
	    strncasecmp(qp->s + qp->pos, w, n) == 0 &&
	    query_word_end(qp, qp->pos + n));
}

static struct query *
query_unary(struct qparse *qp, int depth)
{
	struct query *q, *inner;
	size_t	      start = qp->pos;

	if (depth > QUERY_MAX_DEPTH)
		return (query_fail(qp, start, "nested more than %d deep",
		    QUERY_MAX_DEPTH));
	if (qp->pos >= qp->len)
		return (query_fail(qp, start, "a term is missing at the end"));
	if (qp->s[qp->pos] == '-' ||
	    (qp->len - qp->pos >= 4 &&
		strncasecmp(qp->s + qp->pos, "not:", 4) == 0)) {
		qp->pos += qp->s[qp->pos] == '-' ? 1 : 4;
		if (query_word_end(qp, qp->pos) &&
		    (qp->pos >= qp->len || qp->s[qp->pos] != '('))
			return (query_fail(qp, start,
			    "a term must follow \"%.*s\" at once",
			    (int)(qp->pos - start), qp->s + start));
		if ((inner = query_unary(qp, depth + 1)) == NULL)
			return (NULL);
		if ((q = query_new(qp, QK_NOT, start)) == NULL) {
			query_free(inner);
			return (NULL);
		}
		q->a = inner;
		return (q);
	}
	if (qp->s[qp->pos] == '(') {
		qp->pos++;
		if ((q = query_and(qp, depth + 1, 1)) == NULL)
			return (NULL);
		if (qp->pos >= qp->len || qp->s[qp->pos] != ')') {
			query_free(q);
			return (query_fail(qp, start,
			    "a parenthesis that is not closed"));
		}
		qp->pos++;
		return (q);
	}
	if (qp->s[qp->pos] == ')')
		return (query_fail(qp, start, "a \")\" with no \"(\""));
	if (query_is_word(qp, "or"))
		return (query_fail(qp, start, "\"or\" needs a term before it"));
	return (query_term(qp));
}

/* Terms joined by "or", left to right. */
static struct query *
query_or(struct qparse *qp, int depth)
{
	struct query *left, *right, *q;
	size_t	      at;

	if ((left = query_unary(qp, depth)) == NULL)
		return (NULL);
	for (;;) {
		at = qp->pos;
		query_skip_space(qp);
		if (!query_is_word(qp, "or")) {
			qp->pos = at;
			return (left);
		}
		qp->pos += 2;
		query_skip_space(qp);
		if (qp->pos >= qp->len || qp->s[qp->pos] == ')') {
			query_free(left);
			return (query_fail(qp, at + 1,
			    "\"or\" needs a term after it"));
		}
		if ((right = query_unary(qp, depth)) == NULL) {
			query_free(left);
			return (NULL);
		}
		if ((q = query_new(qp, QK_OR, at)) == NULL) {
			query_free(left);
			query_free(right);
			return (NULL);
		}
		q->a = left;
		q->b = right;
		left = q;
	}
}

/* Terms side by side, all of which must match; up to ")" if inner. */
static struct query *
query_and(struct qparse *qp, int depth, int inner)
{
	struct query *first = NULL, **tail = &first, *q;
	size_t	      start = qp->pos, n = 0;

	for (;;) {
		query_skip_space(qp);
		if (qp->pos >= qp->len || (inner && qp->s[qp->pos] == ')'))
			break;
		if ((*tail = query_or(qp, depth)) == NULL) {
			query_free(first);
			return (NULL);
		}
		tail = &(*tail)->next;
		n++;
	}
	if (n == 0)
		return (query_fail(qp, start,
		    inner ? "empty parentheses" : "an empty query"));
	if (n == 1)
		return (first);
	if ((q = query_new(qp, QK_AND, start)) == NULL) {
		query_free(first);
		return (NULL);
	}
	q->a = first;
	return (q);
}

struct query *
query_parse(const char *s, size_t len, struct query_error *err)
{
	struct qparse qp = { s, len, 0, 0, err };
	struct query *q;

	memset(err, 0, sizeof *err);
	if (query_check_bytes(&qp) != 0)
		return (NULL);
	if ((q = query_and(&qp, 0, 0)) == NULL)
		return (NULL);
	return (q);
}
