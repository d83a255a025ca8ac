/*
 * The folder tree of an account, as the folder pane shows it.  Names are
 * kept twice: as the server spells them (modified UTF-7, its own delimiter)
 * and as the user types them (UTF-8, "/" between levels).
 */
#ifndef TERN_FOLDERS_H
#define TERN_FOLDERS_H

#include <stddef.h>
#include <stdint.h>

struct folder {
	char	   *name;  /* "Work/Projects": UTF-8, "/" levels */
	char	   *wire;  /* the server's name, as LIST gave it */
	const char *label; /* last level of name, inside name */
	int	    depth;
	char	    delim; /* the server's, 0 if flat */
	int	    flags;
#define FOLDER_NOSELECT 0x1
#define FOLDER_HAS_STATUS 0x2
	uint32_t messages;
	uint32_t unseen;
};

struct folders {
	struct folder *list;
	size_t	       n;
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

#endif
