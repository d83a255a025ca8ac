/*
 * Keys and the actions they run.  The defaults are a table; a preset and
 * the [keys] sections of the configuration change a copy of it, the map
 * the screens look keys up in.  The help screen, --dump-keys and the man
 * page's key list all come from it.
 */
#ifndef TERN_KEYMAP_H
#define TERN_KEYMAP_H

#include <stdio.h>

#include "keyname.h"

enum context {
	CTX_ANY,     /* in [keys]: every screen the action exists on */
	CTX_FOLDERS, /* the folder pane has the focus */
	CTX_INDEX,   /* the message list has the focus */
	CTX_PAGER,
	CTX_HELP,
	CTX_FAILED,  /* the list of changes the server refused */
	CTX_ATTACH,  /* the parts of a message */
	CTX_COMPOSE, /* a message being written */
	CTX_COUNT,
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
	ACT_HALF_PAGE_DOWN,
	ACT_HALF_PAGE_UP,
	ACT_COMPOSE,
	ACT_REPLY,
	ACT_REPLY_ALL,
	ACT_FORWARD,
	ACT_FORWARD_ATTACH,
	ACT_EDIT,
	ACT_ATTACH_FILE,
	ACT_DETACH,
	ACT_SEND,
	ACT_POSTPONE,
	ACT_POSTPONED,
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
/* Not in the enum, which switches must cover whole. */
#define ACT_COUNT (ACT_ACCOUNT_9 + 1)

enum keys_preset {
	KEYS_DEFAULT,
	KEYS_VI,
	KEYS_MUTT,
};

/* Who bound a key: a later level never undoes an earlier one's choice. */
enum keymap_level {
	KEYMAP_BASE,   /* the defaults and the preset */
	KEYMAP_ALL,    /* the user's [keys] */
	KEYMAP_SCREEN, /* the user's [keys.NAME]: wins over [keys] */
};

struct binding {
	enum context	  context; /* never CTX_ANY in a map */
	int		  key;
	enum action	  action; /* ACT_NONE: unbound by the user */
	enum keymap_level level;
};

struct keymap {
	struct binding	*b;
	size_t		 n;
	size_t		 size;
	enum keys_preset preset;
};

/* The defaults, then the preset's changes. */
void keymap_init(struct keymap *, enum keys_preset);
void keymap_free(struct keymap *);
/*
 * KEY = ACTION from [keys] (CTX_ANY: every screen the action exists on)
 * or [keys.NAME]; ACTION "none" unbinds.  -1 with *err set (caller frees)
 * on an unknown key or action, an action the screen does not have, or a
 * key bound twice in one section.
 */
int	    keymap_bind(struct keymap *, enum context, const char *key, size_t,
	    const char *action, size_t, char **err);
enum action keymap_lookup(const struct keymap *, enum context, int);
/* The bindings in effect, unbound keys included (ACT_NONE). */
const struct binding *keymap_bindings(const struct keymap *, size_t *);
/*
 * The map as configuration lines ("keys-preset = vi", then [keys] and
 * [keys.NAME] sections) that make this map again when read back.
 * changes_only: only the lines the user's sections added to the preset.
 */
void keymap_dump(const struct keymap *, FILE *, int changes_only);

int	    keymap_preset_parse(const char *, enum keys_preset *);
const char *keymap_preset_name(enum keys_preset);
/* "index" and the like, for [keys.index]; -1 if there is no such screen. */
int	    keymap_context_parse(const char *, size_t, enum context *);
const char *keymap_action_name(enum action);
const char *keymap_action_help(enum action);
const char *keymap_context_name(enum context);
/* Whether the action does anything on that screen. */
int keymap_action_in(enum action, enum context);

#endif
