/*
 * Keys and the actions they run, as one table.  The help screen, --dump-keys
 * and the man page's key list all come from it.  Key codes are tern's own,
 * so that nothing but ui.c needs to know curses' names for keys.
 */
#ifndef TERN_KEYMAP_H
#define TERN_KEYMAP_H

#include <stdio.h>

/* Unicode code points are keys as they are; these lie above them. */
#define KEYC_BASE 0x200000
enum {
	KEYC_UP = KEYC_BASE,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_PGUP,
	KEYC_PGDN,
	KEYC_HOME,
	KEYC_END,
	KEYC_BACKSPACE,
	KEYC_DC,
	KEYC_RESIZE,
};
#define KEYC_TAB '\t'
#define KEYC_ENTER '\r'
#define KEYC_ESC 0x1b
#define KEYC_CTRL(c) ((c)&0x1f)

enum context {
	CTX_ANY,     /* every screen, unless it binds the key itself */
	CTX_FOLDERS, /* the folder pane has the focus */
	CTX_INDEX,   /* the message list has the focus */
	CTX_PAGER,
	CTX_HELP,
	CTX_FAILED, /* the list of changes the server refused */
	CTX_ATTACH, /* the parts of a message */
};

enum action {
	ACT_NONE,
	ACT_FOCUS,
	ACT_NEXT,
	ACT_PREV,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_FIRST,
	ACT_LAST,
	ACT_OPEN,
	ACT_BACK,
	ACT_TOGGLE_READ,
	ACT_TOGGLE_FLAG,
	ACT_DELETE,
	ACT_UNDELETE,
	ACT_MOVE,
	ACT_COPY,
	ACT_EXPUNGE,
	ACT_THREADS,
	ACT_FOLD,
	ACT_FOLD_ALL,
	ACT_HELP,
	ACT_REDRAW,
	ACT_COMMAND,
	ACT_CLEAR_FAILED,
	ACT_ATTACHMENTS,
	ACT_SAVE_PART,
	ACT_VIEW_PART,
	ACT_SEARCH,
	ACT_SEARCH_CLEAR,
	ACT_SORT,
	ACT_FIND,
	ACT_FIND_NEXT,
	ACT_HEADERS,
	ACT_PIPE,
	ACT_CREATE_FOLDER,
	ACT_RENAME_FOLDER,
	ACT_DELETE_FOLDER,
	ACT_SUBSCRIBE,
	ACT_SUBSCRIBED_ONLY,
	ACT_ARCHIVE,
	ACT_COLLAPSE,
	ACT_JUMP,
	/* In order: actions_run counts from the first. */
	ACT_ACCOUNT_1,
	ACT_ACCOUNT_2,
	ACT_ACCOUNT_3,
	ACT_ACCOUNT_4,
	ACT_ACCOUNT_5,
	ACT_ACCOUNT_6,
	ACT_ACCOUNT_7,
	ACT_ACCOUNT_8,
	ACT_ACCOUNT_9,
};

struct binding {
	enum context context;
	int	     key;
	const char  *name; /* as the man page writes it */
	enum action  action;
};

enum action keymap_lookup(enum context, int);
const char *keymap_action_name(enum action);
const char *keymap_action_help(enum action);
const char *keymap_context_name(enum context);
/* The bindings, in table order; *n gets the count. */
const struct binding *keymap_bindings(size_t *);
/* One line a binding: CONTEXT TAB KEY TAB ACTION TAB DESCRIPTION. */
void keymap_dump(FILE *);

#endif
