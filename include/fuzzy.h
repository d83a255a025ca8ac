/*
 * Fuzzy matching of a typed pattern against a name, as a folder jump
 * wants it: the pattern's characters in order, anywhere in the name.
 */
#ifndef TERN_FUZZY_H
#define TERN_FUZZY_H

/*
 * How well pattern matches text: -1 if its characters are not all in
 * text in that order (ASCII letters in any case), else a score, higher
 * for a better match: a whole match, runs of consecutive characters and
 * characters at the start of a word count most.
 */
int fuzzy_score(const char *pattern, const char *text);

#endif
