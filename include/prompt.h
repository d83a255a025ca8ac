/*
 * The line being typed at a prompt: editing, completion, and what to do
 * with the answer.  No curses here; ui_prompt.c draws it.
 */
#ifndef TERN_PROMPT_H
#define TERN_PROMPT_H

#include <stddef.h>

#include "strbuf.h"

enum prompt_kind {
	PROMPT_NONE,
	PROMPT_PASSWORD,
	PROMPT_MOVE,
	PROMPT_COPY,
	PROMPT_EXPUNGE, /* y/n */
	PROMPT_COMMAND, /* after ":" */
	PROMPT_SAVE,	/* the file to save a part to */
	PROMPT_REPLACE, /* y/n: replace the file there */
	PROMPT_SEARCH,	/* "/" in the list: a query (query.h) */
	PROMPT_SORT,	/* "o" in the list: one key, the order */
	PROMPT_FIND,	/* text to find in the pager */
	PROMPT_PIPE,	/* a command to pipe the message to */
	PROMPT_CREATE,
	PROMPT_RENAME,
	PROMPT_DELETE_FOLDER, /* y/n */
	PROMPT_DELETE_FORCE,  /* a special-use folder's name, typed again */
	PROMPT_JUMP,	      /* a folder to open, fuzzy */
	PROMPT_ATTACH,	      /* a file to attach */
	PROMPT_ABORT,	      /* y/n: throw the message away */
};

struct folders;

struct prompt {
	enum prompt_kind kind;
	char		*label;
	struct strbuf	 line;
	int		 secret; /* draw nothing of the line */
	int		 yesno;	 /* one key, y or n */
	/* Tab completion: the text before the first Tab, and the match. */
	char  *complete_base;
	size_t complete_next;
};

enum prompt_result {
	PROMPT_EDITING,
	PROMPT_DONE,
	PROMPT_CANCELLED,
};

void prompt_open(struct prompt *, enum prompt_kind, const char *, int);
void prompt_close(struct prompt *);
/* Put text on the line, as if typed (a name to edit). */
void prompt_set_line(struct prompt *, const char *);
/* Feed a key; folders (may be NULL) completes on Tab. */
enum prompt_result prompt_key(struct prompt *, int, struct folders *);

#endif
