/*
 * keymap.c owns the default key bindings and the names and help texts of
 * the actions.  It is a table and lookups in it; it never runs an action.
 */
#include <stddef.h>
#include <stdio.h>

#include "keymap.h"

static const struct {
	const char *name;
	const char *help;
} keymap_actions[] = {
	[ACT_NONE] = { "none", "do nothing" },
	[ACT_FOCUS] = { "focus",
	    "switch between folder pane and message "
	    "list" },
	[ACT_NEXT] = { "next", "next message, folder or line" },
	[ACT_PREV] = { "previous", "previous message, folder or line" },
	[ACT_PAGE_DOWN] = { "page-down", "one screen down" },
	[ACT_PAGE_UP] = { "page-up", "one screen up" },
	[ACT_FIRST] = { "first", "first message, folder or line" },
	[ACT_LAST] = { "last", "last message, folder or line" },
	[ACT_OPEN] = { "open", "open the folder or message" },
	[ACT_BACK] = { "back", "back to the list; quit from the list" },
	[ACT_TOGGLE_READ] = { "toggle-read",
	    "mark read or unread on the "
	    "server" },
	[ACT_TOGGLE_FLAG] = { "toggle-flag", "flag or unflag on the server" },
	[ACT_DELETE] = { "delete", "mark deleted on the server" },
	[ACT_UNDELETE] = { "undelete", "remove the deleted mark" },
	[ACT_MOVE] = { "move", "move the message to a folder" },
	[ACT_COPY] = { "copy", "copy the message to a folder" },
	[ACT_EXPUNGE] = { "expunge", "remove the messages marked deleted" },
	[ACT_THREADS] = { "threads", "show threads, or the order set again" },
	[ACT_FOLD] = { "fold-thread",
	    "show the thread as its first message alone, or whole again" },
	[ACT_FOLD_ALL] = { "fold-all",
	    "fold every thread, or unfold them all if one is folded" },
	[ACT_HELP] = { "help", "show the key bindings" },
	[ACT_REDRAW] = { "redraw", "redraw the screen" },
	[ACT_COMMAND] = { "command", "type a command (:failed, :quit)" },
	[ACT_CLEAR_FAILED] = { "clear-failed",
	    "forget the changes the server refused" },
	[ACT_ATTACHMENTS] = { "attachments", "list the parts of the message" },
	[ACT_SAVE_PART] = { "save-part", "save the part to a file" },
	[ACT_VIEW_PART] = { "view-part",
	    "open the part with its mailcap viewer" },
	[ACT_SEARCH] = { "search",
	    "show only the messages the server finds for a query" },
	[ACT_SEARCH_CLEAR] = { "search-clear",
	    "show every message again after a search" },
	[ACT_SORT] = { "sort",
	    "choose the order: date, arrival, threads, from, subject, size" },
	[ACT_FIND] = { "find", "search forward in the message's text" },
	[ACT_FIND_NEXT] = { "find-next", "go to the next match of the search" },
	[ACT_HEADERS] = { "headers",
	    "show every header field, or the usual few" },
	[ACT_PIPE] = { "pipe", "pipe the whole message to a command" },
	[ACT_CREATE_FOLDER] = { "create-folder",
	    "create a folder (below the one under the cursor)" },
	[ACT_RENAME_FOLDER] = { "rename-folder", "rename the folder" },
	[ACT_DELETE_FOLDER] = { "delete-folder",
	    "delete the folder and its messages" },
	[ACT_SUBSCRIBE] = { "subscribe",
	    "subscribe to the folder, or "
	    "unsubscribe" },
	[ACT_SUBSCRIBED_ONLY] = { "subscribed-only",
	    "show subscribed folders only, or every folder" },
	[ACT_ARCHIVE] = { "archive", "move the message to the Archive folder" },
	[ACT_COLLAPSE] = { "collapse",
	    "hide or show the folders below this one" },
	[ACT_JUMP] = { "jump", "open a folder by a part of its name" },
	[ACT_ACCOUNT_1] = { "account-1", "open the INBOX of account 1" },
	[ACT_ACCOUNT_2] = { "account-2", "open the INBOX of account 2" },
	[ACT_ACCOUNT_3] = { "account-3", "open the INBOX of account 3" },
	[ACT_ACCOUNT_4] = { "account-4", "open the INBOX of account 4" },
	[ACT_ACCOUNT_5] = { "account-5", "open the INBOX of account 5" },
	[ACT_ACCOUNT_6] = { "account-6", "open the INBOX of account 6" },
	[ACT_ACCOUNT_7] = { "account-7", "open the INBOX of account 7" },
	[ACT_ACCOUNT_8] = { "account-8", "open the INBOX of account 8" },
	[ACT_ACCOUNT_9] = { "account-9", "open the INBOX of account 9" },
};

static const struct binding keymap_table[] = {
	{ CTX_ANY, KEYC_TAB, "Tab", ACT_FOCUS },
	{ CTX_ANY, 'j', "j", ACT_NEXT },
	{ CTX_ANY, KEYC_DOWN, "Down", ACT_NEXT },
	{ CTX_ANY, 'k', "k", ACT_PREV },
	{ CTX_ANY, KEYC_UP, "Up", ACT_PREV },
	{ CTX_ANY, KEYC_PGDN, "PgDn", ACT_PAGE_DOWN },
	{ CTX_PAGER, ' ', "Space", ACT_PAGE_DOWN },
	{ CTX_HELP, ' ', "Space", ACT_PAGE_DOWN },
	{ CTX_FAILED, ' ', "Space", ACT_PAGE_DOWN },
	{ CTX_ATTACH, ' ', "Space", ACT_PAGE_DOWN },
	{ CTX_ANY, KEYC_PGUP, "PgUp", ACT_PAGE_UP },
	{ CTX_ANY, 'g', "g", ACT_FIRST },
	{ CTX_ANY, KEYC_HOME, "Home", ACT_FIRST },
	{ CTX_ANY, 'G', "G", ACT_LAST },
	{ CTX_ANY, KEYC_END, "End", ACT_LAST },
	{ CTX_FOLDERS, KEYC_ENTER, "Enter", ACT_OPEN },
	{ CTX_INDEX, KEYC_ENTER, "Enter", ACT_OPEN },
	{ CTX_ANY, 'q', "q", ACT_BACK },
	{ CTX_INDEX, 'N', "N", ACT_TOGGLE_READ },
	{ CTX_PAGER, 'N', "N", ACT_TOGGLE_READ },
	{ CTX_INDEX, 'F', "F", ACT_TOGGLE_FLAG },
	{ CTX_PAGER, 'F', "F", ACT_TOGGLE_FLAG },
	{ CTX_INDEX, 'd', "d", ACT_DELETE },
	{ CTX_PAGER, 'd', "d", ACT_DELETE },
	{ CTX_INDEX, 'u', "u", ACT_UNDELETE },
	{ CTX_PAGER, 'u', "u", ACT_UNDELETE },
	{ CTX_INDEX, 's', "s", ACT_MOVE },
	{ CTX_PAGER, 's', "s", ACT_MOVE },
	{ CTX_INDEX, 'C', "C", ACT_COPY },
	{ CTX_PAGER, 'C', "C", ACT_COPY },
	{ CTX_INDEX, '$', "$", ACT_EXPUNGE },
	{ CTX_FOLDERS, '$', "$", ACT_EXPUNGE },
	{ CTX_INDEX, 't', "t", ACT_THREADS },
	{ CTX_INDEX, 'z', "z", ACT_FOLD },
	{ CTX_INDEX, 'Z', "Z", ACT_FOLD_ALL },
	{ CTX_INDEX, 'o', "o", ACT_SORT },
	{ CTX_INDEX, '/', "/", ACT_SEARCH },
	{ CTX_INDEX, KEYC_ESC, "Esc", ACT_SEARCH_CLEAR },
	{ CTX_ANY, '?', "?", ACT_HELP },
	{ CTX_ANY, KEYC_CTRL('l'), "C-l", ACT_REDRAW },
	{ CTX_ANY, ':', ":", ACT_COMMAND },
	{ CTX_FAILED, 'D', "D", ACT_CLEAR_FAILED },
	{ CTX_PAGER, 'v', "v", ACT_ATTACHMENTS },
	{ CTX_ATTACH, 's', "s", ACT_SAVE_PART },
	{ CTX_ATTACH, KEYC_ENTER, "Enter", ACT_VIEW_PART },
	{ CTX_PAGER, '/', "/", ACT_FIND },
	{ CTX_PAGER, 'n', "n", ACT_FIND_NEXT },
	{ CTX_PAGER, 'h', "h", ACT_HEADERS },
	{ CTX_PAGER, '|', "|", ACT_PIPE },
	{ CTX_FOLDERS, 'a', "a", ACT_CREATE_FOLDER },
	{ CTX_FOLDERS, 'R', "R", ACT_RENAME_FOLDER },
	{ CTX_FOLDERS, 'D', "D", ACT_DELETE_FOLDER },
	{ CTX_FOLDERS, 'S', "S", ACT_SUBSCRIBE },
	{ CTX_FOLDERS, 'T', "T", ACT_SUBSCRIBED_ONLY },
	{ CTX_INDEX, 'A', "A", ACT_ARCHIVE },
	{ CTX_PAGER, 'A', "A", ACT_ARCHIVE },
	{ CTX_FOLDERS, ' ', "Space", ACT_COLLAPSE },
	{ CTX_FOLDERS, 'c', "c", ACT_JUMP },
	{ CTX_INDEX, 'c', "c", ACT_JUMP },
	{ CTX_FOLDERS, '1', "1", ACT_ACCOUNT_1 },
	{ CTX_INDEX, '1', "1", ACT_ACCOUNT_1 },
	{ CTX_FOLDERS, '2', "2", ACT_ACCOUNT_2 },
	{ CTX_INDEX, '2', "2", ACT_ACCOUNT_2 },
	{ CTX_FOLDERS, '3', "3", ACT_ACCOUNT_3 },
	{ CTX_INDEX, '3', "3", ACT_ACCOUNT_3 },
	{ CTX_FOLDERS, '4', "4", ACT_ACCOUNT_4 },
	{ CTX_INDEX, '4', "4", ACT_ACCOUNT_4 },
	{ CTX_FOLDERS, '5', "5", ACT_ACCOUNT_5 },
	{ CTX_INDEX, '5', "5", ACT_ACCOUNT_5 },
	{ CTX_FOLDERS, '6', "6", ACT_ACCOUNT_6 },
	{ CTX_INDEX, '6', "6", ACT_ACCOUNT_6 },
	{ CTX_FOLDERS, '7', "7", ACT_ACCOUNT_7 },
	{ CTX_INDEX, '7', "7", ACT_ACCOUNT_7 },
	{ CTX_FOLDERS, '8', "8", ACT_ACCOUNT_8 },
	{ CTX_INDEX, '8', "8", ACT_ACCOUNT_8 },
	{ CTX_FOLDERS, '9', "9", ACT_ACCOUNT_9 },
	{ CTX_INDEX, '9', "9", ACT_ACCOUNT_9 },
};

static const char *keymap_contexts[] = {
	[CTX_ANY] = "any",
	[CTX_FOLDERS] = "folders",
	[CTX_INDEX] = "index",
	[CTX_PAGER] = "pager",
	[CTX_HELP] = "help",
	[CTX_FAILED] = "failed",
	[CTX_ATTACH] = "attachments",
};

enum action
keymap_lookup(enum context ctx, int key)
{
	size_t i;

	for (i = 0; i < sizeof keymap_table / sizeof keymap_table[0]; i++) {
		if (keymap_table[i].context == ctx &&
		    keymap_table[i].key == key)
			return (keymap_table[i].action);
	}
	for (i = 0; i < sizeof keymap_table / sizeof keymap_table[0]; i++) {
		if (keymap_table[i].context == CTX_ANY &&
		    keymap_table[i].key == key)
			return (keymap_table[i].action);
	}
	return (ACT_NONE);
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

const struct binding *
keymap_bindings(size_t *n)
{
	*n = sizeof keymap_table / sizeof keymap_table[0];
	return (keymap_table);
}

void
keymap_dump(FILE *f)
{
	size_t i;

	for (i = 0; i < sizeof keymap_table / sizeof keymap_table[0]; i++) {
		fprintf(f, "%s\t%s\t%s\t%s\n",
		    keymap_contexts[keymap_table[i].context],
		    keymap_table[i].name,
		    keymap_actions[keymap_table[i].action].name,
		    keymap_actions[keymap_table[i].action].help);
	}
}
