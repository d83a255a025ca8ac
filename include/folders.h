/*
 * The folder tree of an account, as the folder pane shows it.  Names are
 * kept twice: as the server spells them (modified UTF-7, its own delimiter)
 * and as the user types them (UTF-8, "/" between levels).
 */
#ifndef TERN_FOLDERS_H
#define TERN_FOLDERS_H

#include <stddef.h>
#include <stdint.h>

#include "special_use.h"

struct folder {
	char	   *name;  /* "Work/Projects": UTF-8, "/" levels */
	char	   *wire;  /* the server's name, as LIST gave it */
	const char *label; /* last level of name, inside name */
	int	    depth;
	char	    delim; /* the server's, 0 if flat */
	int	    flags;
#define FOLDER_NOSELECT 0x1
#define FOLDER_HAS_STATUS 0x2
#define FOLDER_SUBSCRIBED 0x4
#define FOLDER_COLLAPSED 0x8 /* the pane hides the folders below it */
	uint32_t	 messages;
	uint32_t	 unseen;
	enum special_use role;
	int		 rank; /* where its tree goes: by its top's role */
};

struct folders {
	struct folder *list;
	size_t	       n;
	/* What the pane shows: indexes into list, in tree order. */
	size_t *view;
	size_t	nview;
	int	subscribed_only; /* of the view */
};

void folders_init(struct folders *);
void folders_free(struct folders *);
/*
 * Add a folder from LIST: the wire name and its delimiter (0 for none).
 * Return -1 if the name is not valid modified UTF-7.
 */
int folders_add(struct folders *, const char *wire, char delim, int flags);
/* Sort into tree order (INBOX first) and fill in the missing parents. */
void	       folders_sort(struct folders *);
struct folder *folders_find(struct folders *, const char *name);
struct folder *folders_find_wire(struct folders *, const char *wire);
/* Names starting with prefix, for Tab completion: the n-th match or NULL. */
const char *folders_complete(struct folders *, const char *prefix, size_t);
/*
 * The folders that can be opened, best fuzzy match of pattern first (then
 * the shorter name, then tree order): the n-th, or NULL.
 */
struct folder *folders_fuzzy(struct folders *, const char *pattern, size_t);

/*
 * Rebuild the view: every folder, or with subscribed_only the subscribed
 * ones, INBOX, and the parents that lead to them; never what is below a
 * collapsed folder.
 */
void folders_view(struct folders *, int subscribed_only);
/*
 * The folders below f, in list order from f + 1 on: how many (0: none).
 */
size_t folders_below(struct folders *, const struct folder *);
/* The n-th folder the pane shows, or NULL. */
struct folder *folders_at(struct folders *, size_t);
/* Where the pane shows the folder of this name, or -1. */
long folders_view_find(struct folders *, const char *name);
/*
 * The wire name for a name the user typed: UTF-8, "/" (or the server's
 * delimiter) between levels.  Below an existing folder it takes that
 * folder's spelling and delimiter; at the top, the personal namespace's
 * prefix and delimiter (prefix NULL: none).  NULL with *err set (the
 * caller frees) for a name the server must not be sent.
 */
/* "Trash" for SPECIAL_TRASH; NULL for SPECIAL_NONE. */
const char *folders_role_name(enum special_use);
/*
 * The folder for a role: the one the server gave it, else a folder with
 * the role's name (in any case) at the top or below INBOX.  NULL if
 * neither.
 */
struct folder *folders_find_role(struct folders *, enum special_use);
char *folders_wire_name(struct folders *, const char *name, const char *prefix,
    char delim, char **err);

#endif
