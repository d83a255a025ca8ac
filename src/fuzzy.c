/*
 * fuzzy.c owns the scoring of a subsequence match, fzf-like in small: it
 * is pure computation on two strings, with no state and no allocation.
 */
#include <stddef.h>
#include <string.h>

#include "fuzzy.h"

#define FUZZY_MATCH 1
#define FUZZY_RUN 4	 /* the character after the last one matched */
#define FUZZY_WORD 3	 /* at the start of the name or of a word */
#define FUZZY_EXACT 1000 /* the whole name, as typed */

static int
fuzzy_lower(int c)
{
	return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static int
fuzzy_word_start(const char *text, size_t i)
{
	if (i == 0)
		return (1);
	return (strchr("/ -_.", text[i - 1]) != NULL);
}

/* The best score of pattern in text from position start on, or -1. */
static int
fuzzy_from(const char *pattern, const char *text, size_t start)
{
	size_t i = start, last = 0;
	int    score = 0, first = 1;

	for (; *pattern != '\0'; pattern++) {
		while (text[i] != '\0' &&
		    fuzzy_lower((unsigned char)text[i]) !=
			fuzzy_lower((unsigned char)*pattern))
			i++;
		if (text[i] == '\0')
			return (-1);
		score += FUZZY_MATCH;
		if (!first && i == last + 1)
			score += FUZZY_RUN;
		if (fuzzy_word_start(text, i))
			score += FUZZY_WORD;
		last = i++;
		first = 0;
	}
	return (score);
}

int
fuzzy_score(const char *pattern, const char *text)
{
	size_t i;
	int    best = -1, s;

	if (*pattern == '\0')
		return (0);
	if (strlen(pattern) == strlen(text) &&
	    fuzzy_from(pattern, text, 0) != -1)
		return (FUZZY_EXACT);
	/* Each place the first character can match: the best of them. */
	for (i = 0; text[i] != '\0'; i++) {
		if (fuzzy_lower((unsigned char)text[i]) !=
		    fuzzy_lower((unsigned char)*pattern))
			continue;
		if ((s = fuzzy_from(pattern, text, i)) > best)
			best = s;
	}
	return (best);
}
