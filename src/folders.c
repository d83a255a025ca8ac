/*
 * folders.c owns an account's folder tree: the names as the server spells
 * them and as the user reads and types them, in tree order.  It never does
 * I/O; the worker's LIST results are fed in by the UI thread.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folders.h"
#include "mutf7.h"
#include "sanitize.h"
#include "xmalloc.h"

void
folders_init(struct folders *fs)
{
	fs->list = NULL;
	fs->n = 0;
}

void
folders_free(struct folders *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->list[i].name);
		free(fs->list[i].wire);
	}
	free(fs->list);
	folders_init(fs);
}

static struct folder *
folders_append(struct folders *fs, char *name, char *wire, char delim,
    int flags)
{
	struct folder *f;
	const char    *p;

	fs->list = xreallocarray(fs->list, fs->n + 1, sizeof *fs->list);
	f = &fs->list[fs->n++];
	memset(f, 0, sizeof *f);
	f->name = name;
	f->wire = wire;
	f->delim = delim;
	f->flags = flags;
	f->label = name;
	for (p = name; *p != '\0'; p++) {
		if (*p == '/') {
			f->depth++;
			f->label = p + 1;
		}
	}
	return (f);
}

int
folders_add(struct folders *fs, const char *wire, char delim, int flags)
{
	char *decoded, *name, *p;
	int   rc = 0;

	if (folders_find_wire(fs, wire) != NULL)
		return (0);
	if ((decoded = mutf7_decode(wire, strlen(wire))) == NULL) {
		/* Show it as sent rather than hide a folder that exists. */
		decoded = xstrdup(wire);
		rc = -1;
	}
	/* Modified UTF-7 can encode ESC as well as any other character. */
	name = sanitize_str(decoded, 0);
	free(decoded);
	if (delim != '\0' && delim != '/') {
		for (p = name; *p != '\0'; p++)
			if (*p == delim)
				*p = '/';
	}
	folders_append(fs, name, xstrdup(wire), delim, flags);
	return (rc);
}

static int
folders_is_inbox(const char *name)
{
	return (strncasecmp(name, "INBOX", 5) == 0 &&
	    (name[5] == '\0' || name[5] == '/'));
}

/* Tree order: INBOX and its children first, then by level, '/' lowest. */
static int
folders_cmp(const void *a, const void *b)
{
	const struct folder *fa = a, *fb = b;
	const unsigned char *p = (const unsigned char *)fa->name;
	const unsigned char *q = (const unsigned char *)fb->name;
	int		     ia, ib, ca, cb;

	ia = folders_is_inbox(fa->name);
	ib = folders_is_inbox(fb->name);
	if (ia != ib)
		return (ia ? -1 : 1);
	for (;; p++, q++) {
		ca = *p == '/' ? 1 : *p;
		cb = *q == '/' ? 1 : *q;
		if (ca != cb || ca == 0)
			return (ca - cb);
	}
}

/* The server's spelling of a parent that LIST did not return. */
static char *
folders_parent_wire(const struct folder *child, const char *name)
{
	const char *p;
	size_t	    levels = 0, i = 0;

	/* Cut the child's wire name before its (levels+1)-th delimiter. */
	for (p = name; *p != '\0'; p++)
		if (*p == '/')
			levels++;
	for (p = child->wire; *p != '\0' && child->delim != '\0'; p++) {
		if (*p == child->delim && i++ == levels)
			return (
			    xstrndup(child->wire, (size_t)(p - child->wire)));
	}
	return (xstrdup(name));
}

void
folders_sort(struct folders *fs)
{
	size_t i, n = fs->n;
	char  *parent, *slash;

	for (i = 0; i < n; i++) {
		parent = xstrdup(fs->list[i].name);
		while ((slash = strrchr(parent, '/')) != NULL) {
			*slash = '\0';
			if (folders_find(fs, parent) == NULL)
				folders_append(fs, xstrdup(parent),
				    folders_parent_wire(&fs->list[i], parent),
				    fs->list[i].delim, FOLDER_NOSELECT);
		}
		free(parent);
	}
	if (fs->n > 1)
		qsort(fs->list, fs->n, sizeof *fs->list, folders_cmp);
}

struct folder *
folders_find(struct folders *fs, const char *name)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		if (strcmp(fs->list[i].name, name) == 0)
			return (&fs->list[i]);
	}
	/* INBOX is case-insensitive (RFC 3501 5.1). */
	if (strcasecmp(name, "INBOX") == 0) {
		for (i = 0; i < fs->n; i++)
			if (strcasecmp(fs->list[i].name, "INBOX") == 0)
				return (&fs->list[i]);
	}
	return (NULL);
}

struct folder *
folders_find_wire(struct folders *fs, const char *wire)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->list[i].wire, wire) == 0)
			return (&fs->list[i]);
	return (NULL);
}

const char *
folders_complete(struct folders *fs, const char *prefix, size_t nth)
{
	size_t i, len = strlen(prefix);

	for (i = 0; i < fs->n; i++) {
		if (fs->list[i].flags & FOLDER_NOSELECT)
			continue;
		if (strncasecmp(fs->list[i].name, prefix, len) != 0)
			continue;
		if (nth-- == 0)
			return (fs->list[i].name);
	}
	return (NULL);
}
