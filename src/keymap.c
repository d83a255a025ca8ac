/*
 * keymap.c owns the key bindings: the names, screens and help texts of the
 * actions, the default bindings and the presets as tables, and the map
 * that the user's [keys] sections change and the screens look keys up in.
 * It is data and lookups in it, a leaf that conf.c may call while it reads
 * a file; it never runs an action.
 */
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "xmalloc.h"

/* The screens an action does something on, as bits (1 << context). */
#define KM(c) (1U << (c))
#define KM_LIST (KM(CTX_FOLDERS) | KM(CTX_INDEX))
#define KM_MSG (KM(CTX_INDEX) | KM(CTX_PAGER))
#define KM_ALL                                                            \
	(KM(CTX_FOLDERS) | KM(CTX_INDEX) | KM(CTX_PAGER) | KM(CTX_HELP) | \
	    KM(CTX_FAILED) | KM(CTX_ATTACH) | KM(CTX_COMPOSE))

static const struct {
	const char  *name;
	unsigned int screens;
	const char  *help;
} keymap_actions[] = {
	[ACT_NONE] = { "none", KM_ALL, "do nothing" },
	[ACT_FOCUS] = { "focus", KM_LIST,
	    "switch between folder pane and message list" },
	[ACT_NEXT] = { "next", KM_ALL, "next message, folder or line" },
	[ACT_PREV] = { "previous", KM_ALL, "previous message, folder or line" },
	[ACT_PAGE_DOWN] = { "page-down", KM_ALL, "one screen down" },
	[ACT_PAGE_UP] = { "page-up", KM_ALL, "one screen up" },
	[ACT_HALF_PAGE_DOWN] = { "half-page-down", KM_ALL,
	    "half a screen down" },
	[ACT_HALF_PAGE_UP] = { "half-page-up", KM_ALL, "half a screen up" },
	[ACT_FIRST] = { "first", KM_ALL, "first message, folder or line" },
	[ACT_LAST] = { "last", KM_ALL, "last message, folder or line" },
	[ACT_OPEN] = { "open", KM_LIST, "open the folder or message" },
	[ACT_BACK] = { "back", KM_ALL, "back to the list; quit from the list" },
	[ACT_TOGGLE_READ] = { "toggle-read", KM_MSG,
	    "mark read or unread on the server" },
	[ACT_TOGGLE_FLAG] = { "toggle-flag", KM_MSG,
	    "flag or unflag on the server" },
	[ACT_DELETE] = { "delete", KM_MSG, "mark deleted on the server" },
	[ACT_UNDELETE] = { "undelete", KM_MSG, "remove the deleted mark" },
	[ACT_MOVE] = { "move", KM_MSG, "move the message to a folder" },
	[ACT_COPY] = { "copy", KM_MSG, "copy the message to a folder" },
	[ACT_EXPUNGE] = { "expunge", KM_LIST,
	    "remove the messages marked deleted" },
	[ACT_THREADS] = { "threads", KM(CTX_INDEX),
	    "show threads, or the order set again" },
	[ACT_FOLD] = { "fold-thread", KM(CTX_INDEX),
	    "show the thread as its first message alone, or whole again" },
	[ACT_FOLD_ALL] = { "fold-all", KM(CTX_INDEX),
	    "fold every thread, or unfold them all if one is folded" },
	[ACT_HELP] = { "help", KM_ALL, "show the key bindings" },
	[ACT_REDRAW] = { "redraw", KM_ALL, "redraw the screen" },
	[ACT_COMMAND] = { "command", KM_ALL,
	    "type a command (:failed, :quit)" },
	[ACT_CLEAR_FAILED] = { "clear-failed", KM(CTX_FAILED),
	    "forget the changes the server refused" },
	[ACT_ATTACHMENTS] = { "attachments", KM(CTX_PAGER),
	    "list the parts of the message" },
	[ACT_SAVE_PART] = { "save-part", KM(CTX_ATTACH),
	    "save the part to a file" },
	[ACT_VIEW_PART] = { "view-part", KM(CTX_ATTACH),
	    "open the part with its mailcap viewer" },
	[ACT_SEARCH] = { "search", KM(CTX_INDEX),
	    "show only the messages the server finds for a query" },
	[ACT_SEARCH_CLEAR] = { "search-clear", KM(CTX_INDEX),
	    "show every message again after a search" },
	[ACT_SORT] = { "sort", KM(CTX_INDEX),
	    "choose the order: date, arrival, threads, from, subject, size" },
	[ACT_FIND] = { "find", KM(CTX_PAGER),
	    "search forward in the message's text" },
	[ACT_FIND_NEXT] = { "find-next", KM(CTX_PAGER),
	    "go to the next match of the search" },
	[ACT_HEADERS] = { "headers", KM(CTX_PAGER),
	    "show every header field, or the usual few" },
	[ACT_PIPE] = { "pipe", KM(CTX_PAGER),
	    "pipe the whole message to a command" },
	[ACT_CREATE_FOLDER] = { "create-folder", KM(CTX_FOLDERS),
	    "create a folder (below the one under the cursor)" },
	[ACT_RENAME_FOLDER] = { "rename-folder", KM(CTX_FOLDERS),
	    "rename the folder" },
	[ACT_DELETE_FOLDER] = { "delete-folder", KM(CTX_FOLDERS),
	    "delete the folder and its messages" },
	[ACT_SUBSCRIBE] = { "subscribe", KM(CTX_FOLDERS),
	    "subscribe to the folder, or unsubscribe" },
	[ACT_SUBSCRIBED_ONLY] = { "subscribed-only", KM(CTX_FOLDERS),
	    "show subscribed folders only, or every folder" },
	[ACT_ARCHIVE] = { "archive", KM_MSG,
	    "move the message to the Archive folder" },
	[ACT_COLLAPSE] = { "collapse", KM(CTX_FOLDERS),
	    "hide or show the folders below this one" },
	[ACT_JUMP] = { "jump", KM_LIST, "open a folder by a part of its name" },
	[ACT_COMPOSE] = { "compose", KM_MSG, "write a new message" },
	[ACT_REPLY] = { "reply", KM_MSG, "reply to the sender (or Reply-To)" },
	[ACT_REPLY_ALL] = { "reply-all", KM_MSG,
	    "reply to the sender and every other recipient" },
	[ACT_FORWARD] = { "forward", KM_MSG,
	    "forward the message in the text" },
	[ACT_FORWARD_ATTACH] = { "forward-attached", KM_MSG,
	    "forward the message whole, as an attachment" },
	[ACT_EDIT] = { "edit", KM(CTX_COMPOSE), "edit the message again" },
	[ACT_ATTACH_FILE] = { "attach-file", KM(CTX_COMPOSE), "attach a file" },
	[ACT_DETACH] = { "detach", KM(CTX_COMPOSE), "take the attachment off" },
	[ACT_SEND] = { "send", KM(CTX_COMPOSE), "send the message" },
	[ACT_POSTPONE] = { "postpone", KM(CTX_COMPOSE),
	    "keep the message in the Drafts folder, to finish later" },
	[ACT_POSTPONED] = { "postponed", KM(CTX_INDEX),
	    "open the Drafts folder; there, resume the message" },
	[ACT_ACCOUNT_1] = { "account-1", KM_LIST,
	    "open the INBOX of account 1" },
	[ACT_ACCOUNT_2] = { "account-2", KM_LIST,
	    "open the INBOX of account 2" },
	[ACT_ACCOUNT_3] = { "account-3", KM_LIST,
	    "open the INBOX of account 3" },
	[ACT_ACCOUNT_4] = { "account-4", KM_LIST,
	    "open the INBOX of account 4" },
	[ACT_ACCOUNT_5] = { "account-5", KM_LIST,
	    "open the INBOX of account 5" },
	[ACT_ACCOUNT_6] = { "account-6", KM_LIST,
	    "open the INBOX of account 6" },
	[ACT_ACCOUNT_7] = { "account-7", KM_LIST,
	    "open the INBOX of account 7" },
	[ACT_ACCOUNT_8] = { "account-8", KM_LIST,
	    "open the INBOX of account 8" },
	[ACT_ACCOUNT_9] = { "account-9", KM_LIST,
	    "open the INBOX of account 9" },
};

/* CTX_ANY: every screen the action does something on. */
struct keymap_entry {
	enum context context;
	int	     key;
	enum action  action;
};

static const struct keymap_entry keymap_defaults[] = {
	{ CTX_ANY, KEYC_TAB, ACT_FOCUS },
	{ CTX_ANY, 'j', ACT_NEXT },
	{ CTX_ANY, KEYC_DOWN, ACT_NEXT },
	{ CTX_ANY, 'k', ACT_PREV },
	{ CTX_ANY, KEYC_UP, ACT_PREV },
	{ CTX_ANY, KEYC_PGDN, ACT_PAGE_DOWN },
	{ CTX_PAGER, ' ', ACT_PAGE_DOWN },
	{ CTX_HELP, ' ', ACT_PAGE_DOWN },
	{ CTX_FAILED, ' ', ACT_PAGE_DOWN },
	{ CTX_ATTACH, ' ', ACT_PAGE_DOWN },
	{ CTX_ANY, KEYC_PGUP, ACT_PAGE_UP },
	{ CTX_ANY, 'g', ACT_FIRST },
	{ CTX_ANY, KEYC_HOME, ACT_FIRST },
	{ CTX_ANY, 'G', ACT_LAST },
	{ CTX_ANY, KEYC_END, ACT_LAST },
	{ CTX_ANY, KEYC_ENTER, ACT_OPEN },
	{ CTX_ANY, 'q', ACT_BACK },
	{ CTX_ANY, 'N', ACT_TOGGLE_READ },
	{ CTX_ANY, 'F', ACT_TOGGLE_FLAG },
	{ CTX_ANY, 'd', ACT_DELETE },
	{ CTX_ANY, 'u', ACT_UNDELETE },
	{ CTX_INDEX, 's', ACT_MOVE },
	{ CTX_PAGER, 's', ACT_MOVE },
	{ CTX_ANY, 'C', ACT_COPY },
	{ CTX_ANY, '$', ACT_EXPUNGE },
	{ CTX_ANY, 't', ACT_THREADS },
	{ CTX_ANY, 'z', ACT_FOLD },
	{ CTX_ANY, 'Z', ACT_FOLD_ALL },
	{ CTX_ANY, 'o', ACT_SORT },
	{ CTX_INDEX, '/', ACT_SEARCH },
	{ CTX_ANY, KEYC_ESC, ACT_SEARCH_CLEAR },
	{ CTX_ANY, '?', ACT_HELP },
	{ CTX_ANY, KEYC_CTRL('l'), ACT_REDRAW },
	{ CTX_ANY, ':', ACT_COMMAND },
	{ CTX_FAILED, 'D', ACT_CLEAR_FAILED },
	{ CTX_ANY, 'v', ACT_ATTACHMENTS },
	{ CTX_ATTACH, 's', ACT_SAVE_PART },
	{ CTX_ATTACH, KEYC_ENTER, ACT_VIEW_PART },
	{ CTX_PAGER, '/', ACT_FIND },
	{ CTX_ANY, 'n', ACT_FIND_NEXT },
	{ CTX_ANY, 'h', ACT_HEADERS },
	{ CTX_ANY, '|', ACT_PIPE },
	{ CTX_ANY, 'a', ACT_CREATE_FOLDER },
	{ CTX_ANY, 'R', ACT_RENAME_FOLDER },
	{ CTX_FOLDERS, 'D', ACT_DELETE_FOLDER },
	{ CTX_ANY, 'S', ACT_SUBSCRIBE },
	{ CTX_ANY, 'T', ACT_SUBSCRIBED_ONLY },
	{ CTX_ANY, 'A', ACT_ARCHIVE },
	{ CTX_FOLDERS, ' ', ACT_COLLAPSE },
	{ CTX_ANY, 'c', ACT_JUMP },
	{ CTX_ANY, 'm', ACT_COMPOSE },
	{ CTX_ANY, 'r', ACT_REPLY },
	{ CTX_ANY, 'R', ACT_REPLY_ALL },
	{ CTX_ANY, 'f', ACT_FORWARD },
	{ CTX_ANY, 'W', ACT_FORWARD_ATTACH },
	{ CTX_ANY, 'e', ACT_EDIT },
	{ CTX_COMPOSE, 'a', ACT_ATTACH_FILE },
	{ CTX_COMPOSE, 'D', ACT_DETACH },
	{ CTX_ANY, 'y', ACT_SEND },
	{ CTX_ANY, 'P', ACT_POSTPONE },
	{ CTX_ANY, 'p', ACT_POSTPONED },
	{ CTX_ANY, '1', ACT_ACCOUNT_1 },
	{ CTX_ANY, '2', ACT_ACCOUNT_2 },
	{ CTX_ANY, '3', ACT_ACCOUNT_3 },
	{ CTX_ANY, '4', ACT_ACCOUNT_4 },
	{ CTX_ANY, '5', ACT_ACCOUNT_5 },
	{ CTX_ANY, '6', ACT_ACCOUNT_6 },
	{ CTX_ANY, '7', ACT_ACCOUNT_7 },
	{ CTX_ANY, '8', ACT_ACCOUNT_8 },
	{ CTX_ANY, '9', ACT_ACCOUNT_9 },
};

/* vi: h and l in and out of the panes, C-d and C-u half a screen. */
static const struct keymap_entry keymap_vi[] = {
	{ CTX_FOLDERS, 'l', ACT_OPEN },
	{ CTX_INDEX, 'l', ACT_OPEN },
	{ CTX_INDEX, 'h', ACT_FOCUS },
	{ CTX_PAGER, 'h', ACT_BACK },
	{ CTX_PAGER, 'H', ACT_HEADERS },
	{ CTX_ATTACH, 'h', ACT_BACK },
	{ CTX_ATTACH, 'l', ACT_VIEW_PART },
	{ CTX_ANY, KEYC_CTRL('d'), ACT_HALF_PAGE_DOWN },
	{ CTX_ANY, KEYC_CTRL('u'), ACT_HALF_PAGE_UP },
	{ CTX_ANY, KEYC_CTRL('f'), ACT_PAGE_DOWN },
	{ CTX_ANY, KEYC_CTRL('b'), ACT_PAGE_UP },
};

/* mutt's own keys, where tern has the action and the key is free. */
static const struct keymap_entry keymap_mutt[] = {
	{ CTX_ANY, '=', ACT_FIRST },
	{ CTX_ANY, '*', ACT_LAST },
	{ CTX_PAGER, '-', ACT_PAGE_UP },
	{ CTX_PAGER, 'i', ACT_BACK },
	{ CTX_PAGER, KEYC_ENTER, ACT_NEXT },
	{ CTX_INDEX, 'l', ACT_SEARCH },
};

static const struct {
	const char		  *name;
	const struct keymap_entry *entries;
	size_t			   n;
} keymap_presets[] = {
	[KEYS_DEFAULT] = { "default", NULL, 0 },
	[KEYS_VI] = { "vi", keymap_vi, sizeof keymap_vi / sizeof keymap_vi[0] },
	[KEYS_MUTT] = { "mutt", keymap_mutt,
	    sizeof keymap_mutt / sizeof keymap_mutt[0] },
};
#define KEYMAP_NPRESETS (sizeof keymap_presets / sizeof keymap_presets[0])

/* The section name of each screen: [keys.index] and so on. */
static const char *keymap_contexts[] = {
	[CTX_ANY] = "any",
	[CTX_FOLDERS] = "folders",
	[CTX_INDEX] = "index",
	[CTX_PAGER] = "pager",
	[CTX_HELP] = "help",
	[CTX_FAILED] = "failed",
	[CTX_ATTACH] = "attachments",
	[CTX_COMPOSE] = "compose",
};

int
keymap_action_in(enum action a, enum context ctx)
{
	return ((keymap_actions[a].screens & KM(ctx)) != 0);
}

static struct binding *
keymap_find(const struct keymap *map, enum context ctx, int key)
{
	size_t i;

	for (i = 0; i < map->n; i++) {
		if (map->b[i].context == ctx && map->b[i].key == key)
			return (&map->b[i]);
	}
	return (NULL);
}

/* 0, or -1 if the key is already bound at this level by the user. */
static int
keymap_set(struct keymap *map, enum context ctx, int key, enum action a,
    enum keymap_level level)
{
	struct binding *b;

	if ((b = keymap_find(map, ctx, key)) != NULL) {
		if (b->level == level && level != KEYMAP_BASE)
			return (-1);
		/* [keys.index] wins over [keys], wherever each is. */
		if (b->level > level)
			return (0);
	} else {
		if (map->n == map->size) {
			map->size = map->size == 0 ? 128 : map->size * 2;
			map->b = xreallocarray(map->b, map->size,
			    sizeof *map->b);
		}
		b = &map->b[map->n++];
		b->context = ctx;
		b->key = key;
	}
	b->action = a;
	b->level = level;
	return (0);
}

/* A binding for one screen, or for every screen it makes sense on. */
static int
keymap_set_any(struct keymap *map, enum context ctx, int key, enum action a,
    enum keymap_level level)
{
	struct binding *b;
	enum context	c;

	if (ctx != CTX_ANY)
		return (keymap_set(map, ctx, key, a, level));
	if (level != KEYMAP_BASE) {
		/* Twice in [keys] is an error even where [keys.x] won. */
		for (c = CTX_ANY + 1; c < CTX_COUNT; c++) {
			if ((b = keymap_find(map, c, key)) != NULL &&
			    b->level == level)
				return (-1);
		}
	}
	for (c = CTX_ANY + 1; c < CTX_COUNT; c++) {
		if (keymap_action_in(a, c))
			keymap_set(map, c, key, a, level);
	}
	return (0);
}

static void
keymap_set_table(struct keymap *map, const struct keymap_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		keymap_set_any(map, e[i].context, e[i].key, e[i].action,
		    KEYMAP_BASE);
}

void
keymap_init(struct keymap *map, enum keys_preset preset)
{
	memset(map, 0, sizeof *map);
	map->preset = preset;
	keymap_set_table(map, keymap_defaults,
	    sizeof keymap_defaults / sizeof keymap_defaults[0]);
	keymap_set_table(map, keymap_presets[preset].entries,
	    keymap_presets[preset].n);
}

void
keymap_free(struct keymap *map)
{
	free(map->b);
	memset(map, 0, sizeof *map);
}

static int
keymap_action_parse(const char *s, size_t len, enum action *a)
{
	size_t i;

	for (i = 0; i < ACT_COUNT; i++) {
		if (strlen(keymap_actions[i].name) == len &&
		    strncmp(keymap_actions[i].name, s, len) == 0) {
			*a = (enum action)i;
			return (0);
		}
	}
	return (-1);
}

/* "index, pager": where an action can be bound. */
static char *
keymap_screens(enum action a)
{
	enum context c;
	char	    *s = NULL, *t;

	for (c = CTX_ANY + 1; c < CTX_COUNT; c++) {
		if (!keymap_action_in(a, c))
			continue;
		t = s == NULL ? xstrdup(keymap_contexts[c]) :
				xasprintf("%s, %s", s, keymap_contexts[c]);
		free(s);
		s = t;
	}
	return (s);
}

int
keymap_bind(struct keymap *map, enum context ctx, const char *key, size_t klen,
    const char *action, size_t alen, char **err)
{
	enum keymap_level level = ctx == CTX_ANY ? KEYMAP_ALL : KEYMAP_SCREEN;
	enum action	  a;
	char		 *where, *screens;
	int		  k;

	where = ctx == CTX_ANY ? xstrdup("[keys]") :
				 xasprintf("[keys.%s]", keymap_contexts[ctx]);
	*err = NULL;
	if (keyname_parse(key, klen, &k) != 0)
		*err = xasprintf("unknown key name '%.*s' (a character, or "
				 "a name such as <Enter>, <C-d> or <F5>)",
		    (int)klen, key);
	else if (keymap_action_parse(action, alen, &a) != 0)
		*err = xasprintf("unknown action '%.*s'", (int)alen, action);
	else if (ctx != CTX_ANY && !keymap_action_in(a, ctx)) {
		screens = keymap_screens(a);
		*err = xasprintf("action '%s' does not exist in %s (only in: "
				 "%s)",
		    keymap_actions[a].name, where, screens);
		free(screens);
	} else if (keymap_set_any(map, ctx, k, a, level) != 0)
		*err = xasprintf("key '%.*s' bound twice in %s", (int)klen, key,
		    where);
	free(where);
	return (*err == NULL ? 0 : -1);
}

enum action
keymap_lookup(const struct keymap *map, enum context ctx, int key)
{
	const struct binding *b;

	/* A few dozen bindings a screen: a scan costs less than a hash. */
	if ((b = keymap_find(map, ctx, key)) == NULL)
		return (ACT_NONE);
	return (b->action);
}

const struct binding *
keymap_bindings(const struct keymap *map, size_t *n)
{
	*n = map->n;
	return (map->b);
}

/* Where a key comes in the dump: defaults' order, the preset's, then code. */
static long
keymap_rank(enum keys_preset preset, int key)
{
	size_t i;

	for (i = 0; i < sizeof keymap_defaults / sizeof keymap_defaults[0];
	     i++) {
		if (keymap_defaults[i].key == key)
			return ((long)i);
	}
	for (i = 0; i < keymap_presets[preset].n; i++) {
		if (keymap_presets[preset].entries[i].key == key)
			return (1000 + (long)i);
	}
	return (2000 + (long)key);
}

struct keymap_ranked {
	long rank;
	int  key;
};

static int
keymap_rank_cmp(const void *a, const void *b)
{
	const struct keymap_ranked *x = a, *y = b;

	return (x->rank < y->rank ? -1 : x->rank > y->rank);
}

/*
 * The action that [keys] KEY = ACTION would need to give this key its
 * bindings, or -1 if it takes per-screen lines.  A key bound to one
 * action on exactly the screens that have it, and unbound elsewhere both
 * here and in the base, is one [keys] line.
 */
static int
keymap_uniform(const enum action *e, const enum action *base)
{
	enum action  a = ACT_NONE;
	enum context c;

	for (c = CTX_ANY + 1; c < CTX_COUNT; c++) {
		if (e[c] != ACT_NONE) {
			a = e[c];
			break;
		}
	}
	for (c = CTX_ANY + 1; c < CTX_COUNT; c++) {
		if (keymap_action_in(a, c) ?
			e[c] != a :
			e[c] != ACT_NONE || base[c] != ACT_NONE)
			return (-1);
	}
	return ((int)a);
}

void
keymap_dump(const struct keymap *map, FILE *f, int changes_only)
{
	struct keymap	      base;
	struct keymap_ranked *keys;
	const struct binding *bd;
	enum action	      e[CTX_COUNT], b[CTX_COUNT];
	enum context	      c, sec;
	size_t		      i, j, n = 0;
	char		      name[KEYNAME_MAX];
	int		      a, printed, differs;

	keymap_init(&base, map->preset);
	keys = xreallocarray(NULL, map->n + base.n + 1, sizeof *keys);
	for (i = 0; i < map->n + base.n; i++) {
		bd = i < map->n ? &map->b[i] : &base.b[i - map->n];
		for (j = 0; j < n && keys[j].key != bd->key; j++)
			;
		if (j == n) {
			keys[n].key = bd->key;
			keys[n++].rank = keymap_rank(map->preset, bd->key);
		}
	}
	qsort(keys, n, sizeof *keys, keymap_rank_cmp);
	if (!changes_only)
		fprintf(f, "keys-preset = %s\n",
		    keymap_presets[map->preset].name);
	/* [keys] first, then each screen's section. */
	for (sec = CTX_ANY; sec < CTX_COUNT; sec++) {
		printed = 0;
		for (i = 0; i < n; i++) {
			differs = 0;
			for (c = CTX_ANY + 1; c < CTX_COUNT; c++) {
				e[c] = keymap_lookup(map, c, keys[i].key);
				b[c] = keymap_lookup(&base, c, keys[i].key);
				differs |= e[c] != b[c];
			}
			if (changes_only && !differs)
				continue;
			a = keymap_uniform(e, b);
			if ((sec == CTX_ANY) != (a >= 0))
				continue;
			if (sec != CTX_ANY &&
			    (e[sec] == ACT_NONE && b[sec] == ACT_NONE))
				continue;
			if (sec != CTX_ANY && changes_only && e[sec] == b[sec])
				continue;
			if (!printed++)
				fprintf(f,
				    sec == CTX_ANY ? "\n[keys]\n" :
						     "\n[keys.%s]\n",
				    keymap_contexts[sec]);
			keyname_format(keys[i].key, 1, name);
			fprintf(f, "%s = %s\n", name,
			    keymap_actions[sec == CTX_ANY ? a : (int)e[sec]]
				.name);
		}
	}
	free(keys);
	keymap_free(&base);
}

int
keymap_preset_parse(const char *s, enum keys_preset *p)
{
	size_t i;

	for (i = 0; i < KEYMAP_NPRESETS; i++) {
		if (strcmp(keymap_presets[i].name, s) == 0) {
			*p = (enum keys_preset)i;
			return (0);
		}
	}
	return (-1);
}

const char *
keymap_preset_name(enum keys_preset p)
{
	return (keymap_presets[p].name);
}

int
keymap_context_parse(const char *s, size_t len, enum context *ctx)
{
	size_t i;

	for (i = CTX_ANY + 1; i < CTX_COUNT; i++) {
		if (strlen(keymap_contexts[i]) == len &&
		    strncmp(keymap_contexts[i], s, len) == 0) {
			*ctx = (enum context)i;
			return (0);
		}
	}
	return (-1);
}

const char *
keymap_action_name(enum action a)
{
	return (keymap_actions[a].name);
}

const char *
keymap_action_help(enum action a)
{
	return (keymap_actions[a].help);
}

const char *
keymap_context_name(enum context ctx)
{
	return (keymap_contexts[ctx]);
}
