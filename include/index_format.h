/*
 * index-format: the columns of a message list row, compiled once from a
 * printf-like string into an array of fields, so that drawing a row walks
 * the array and never parses.
 *
 *	%f flags  %d date (date-format)  %D{STRFTIME} date  %F from
 *	%t to  %s subject after the thread tree  %T the tree alone  %S size
 *	%b the folder  %% '%'
 *
 * Between the '%' and the letter: '-' aligns left (else right, as printf),
 * then a width: N columns, N% of the row, or '*' for what the other fields
 * leave (one field at most); ".M" caps the width at M columns.
 */
#ifndef TERN_INDEX_FORMAT_H
#define TERN_INDEX_FORMAT_H

#include <stddef.h>
#include <stdio.h>

/* Fields in one format: a row's texts are kept on the stack. */
#define INDEX_FORMAT_MAX 32

#define INDEX_FORMAT_DEFAULT "%f %-10d %-25%.20F %*s%6S"

enum ifmt_kind {
	IFMT_TEXT,
	IFMT_FLAGS,
	IFMT_DATE,
	IFMT_FROM,
	IFMT_TO,
	IFMT_SUBJECT,
	IFMT_TREE,
	IFMT_SIZE,
	IFMT_FOLDER,
};

struct ifmt_field {
	enum ifmt_kind kind;
	char	      *text;	/* the literal, or the strftime of %D{} */
	int	       width;	/* columns, or percent; 0: its own width */
	int	       percent; /* width is a percentage of the row */
	int	       max;	/* at most this many columns; 0: no cap */
	int	       left;	/* '-' */
	int	       fill;	/* '*' */
};

struct index_format {
	struct ifmt_field *fields;
	size_t		   n;
	int		   has_tree; /* a %T: %s leaves the tree to it */
};

/* Compile; -1 with *err set (caller frees) on a mistake. */
int  index_format_compile(struct index_format *, const char *, char **err);
void index_format_free(struct index_format *);
/*
 * The columns of each field in a row w wide.  cols[i] comes in as the
 * width of field i's text (used by fields without a width) and goes out
 * as the columns it gets; the fill field gets what is left, never less
 * than 0.
 */
void index_format_layout(const struct index_format *, int w, int *cols);

#endif
