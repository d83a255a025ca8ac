/*
 * folders.c owns an account's folder tree: the names as the server spells
 * them and as the user reads and types them, in tree order.  It never does
 * I/O; the worker's LIST results are fed in by the UI thread.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folders.h"
#include "fuzzy.h"
#include "mutf7.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xmalloc.h"

void
folders_init(struct folders *fs)
{
	fs->list = NULL;
	fs->n = 0;
	fs->view = NULL;
	fs->nview = 0;
	fs->subscribed_only = 0;
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
	free(fs->view);
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

/*
 * Tree order: INBOX and its children first, then the special-use folders
 * in the order of their roles, then by level, '/' lowest.
 */
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
	if (fa->rank != fb->rank)
		return (fa->rank - fb->rank);
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

/* A folder's tree goes where the role of its top level puts it. */
static void
folders_rank(struct folders *fs)
{
	struct folder *top;
	size_t	       i;
	char	      *name;

	for (i = 0; i < fs->n; i++) {
		name = xstrndup(fs->list[i].name,
		    strcspn(fs->list[i].name, "/"));
		top = folders_find(fs, name);
		free(name);
		fs->list[i].rank = top != NULL && top->role != SPECIAL_NONE ?
		    (int)top->role :
		    SPECIAL_TRASH + 1;
	}
}

static const char *folders_roles[] = {
	[SPECIAL_NONE] = NULL,
	[SPECIAL_DRAFTS] = "Drafts",
	[SPECIAL_SENT] = "Sent",
	[SPECIAL_ARCHIVE] = "Archive",
	[SPECIAL_JUNK] = "Junk",
	[SPECIAL_TRASH] = "Trash",
};

const char *
folders_role_name(enum special_use role)
{
	if ((size_t)role >= sizeof folders_roles / sizeof folders_roles[0])
		return (NULL);
	return (folders_roles[role]);
}

/*
 * A folder of this name, else one of this name in another case: servers
 * and other clients spell it "SENT" or "sent" as often as "Sent".
 */
static struct folder *
folders_find_anycase(struct folders *fs, const char *name)
{
	struct folder *f;
	size_t	       i;

	if ((f = folders_find(fs, name)) != NULL)
		return (f);
	for (i = 0; i < fs->n; i++) {
		if (strcasecmp(fs->list[i].name, name) == 0)
			return (&fs->list[i]);
	}
	return (NULL);
}

struct folder *
folders_find_role(struct folders *fs, enum special_use role)
{
	struct folder *f;
	size_t	       i;
	char	      *below;

	if (role == SPECIAL_NONE)
		return (NULL);
	for (i = 0; i < fs->n; i++)
		if (fs->list[i].role == role &&
		    !(fs->list[i].flags & FOLDER_NOSELECT))
			return (&fs->list[i]);
	if ((f = folders_find_anycase(fs, folders_roles[role])) == NULL) {
		below = xasprintf("INBOX/%s", folders_roles[role]);
		f = folders_find_anycase(fs, below);
		free(below);
	}
	return (f != NULL && !(f->flags & FOLDER_NOSELECT) ? f : NULL);
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
	folders_rank(fs);
	if (fs->n > 1)
		qsort(fs->list, fs->n, sizeof *fs->list, folders_cmp);
	folders_view(fs, fs->subscribed_only);
}

/* Whether a is b or one of b's parents. */
static int
folders_is_ancestor(const char *a, const char *b)
{
	size_t len = strlen(a);

	return (strncmp(a, b, len) == 0 && (b[len] == '\0' || b[len] == '/'));
}

void
folders_view(struct folders *fs, int subscribed_only)
{
	size_t i, j;
	char  *shown;

	fs->subscribed_only = subscribed_only;
	free(fs->view);
	fs->view = xreallocarray(NULL, fs->n + 1, sizeof *fs->view);
	fs->nview = 0;
	shown = xcalloc(fs->n + 1, 1);
	for (i = 0; i < fs->n; i++) {
		if (!subscribed_only || folders_is_inbox(fs->list[i].name) ||
		    (fs->list[i].flags & FOLDER_SUBSCRIBED) == 0)
			continue;
		/* A subscribed folder shows the way down to it. */
		for (j = 0; j < fs->n; j++)
			if (folders_is_ancestor(fs->list[j].name,
				fs->list[i].name))
				shown[j] = 1;
	}
	for (i = 0; i < fs->n; i++) {
		if (subscribed_only && !shown[i] &&
		    strcasecmp(fs->list[i].name, "INBOX") != 0)
			continue;
		fs->view[fs->nview++] = i;
		/* Tree order: what is below a folder follows it. */
		if (fs->list[i].flags & FOLDER_COLLAPSED)
			i += folders_below(fs, &fs->list[i]);
	}
	free(shown);
}

size_t
folders_below(struct folders *fs, const struct folder *f)
{
	size_t i, n = 0;

	for (i = (size_t)(f - fs->list) + 1; i < fs->n; i++, n++)
		if (!folders_is_ancestor(f->name, fs->list[i].name))
			break;
	return (n);
}

struct folder *
folders_at(struct folders *fs, size_t i)
{
	if (i >= fs->nview)
		return (NULL);
	return (&fs->list[fs->view[i]]);
}

long
folders_view_find(struct folders *fs, const char *name)
{
	struct folder *f;
	size_t	       i;

	if ((f = folders_find(fs, name)) == NULL)
		return (-1);
	for (i = 0; i < fs->nview; i++)
		if (&fs->list[fs->view[i]] == f)
			return ((long)i);
	return (-1);
}

/* The deepest existing folder above name ("Work" for "Work/New/Sub"). */
static struct folder *
folders_nearest_parent(struct folders *fs, const char *name, size_t *used)
{
	struct folder *f;
	char	      *copy, *slash;

	copy = xstrdup(name);
	while ((slash = strrchr(copy, '/')) != NULL) {
		*slash = '\0';
		if ((f = folders_find(fs, copy)) != NULL && f->delim != '\0') {
			*used = strlen(copy) + 1;
			free(copy);
			return (f);
		}
	}
	free(copy);
	*used = 0;
	return (NULL);
}

/* Refuse what no server should be sent as a name, and empty levels. */
static int
folders_name_check(const char *name, char delim, char **err)
{
	const unsigned char *p;
	int		     prev = '/';

	if (*name == '\0') {
		*err = xstrdup("a folder needs a name");
		return (-1);
	}
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*err = xstrdup("a folder name cannot hold a control "
				       "character or a line break");
			return (-1);
		}
		if (*p == '*' || *p == '%') {
			*err = xasprintf("a folder name cannot hold %c", *p);
			return (-1);
		}
		if ((*p == '/' || *p == (unsigned char)delim) &&
		    (prev == '/' || prev == delim)) {
			*err = xstrdup("a folder name cannot have an empty "
				       "level");
			return (-1);
		}
		prev = *p;
	}
	if (prev == '/' || prev == delim) {
		*err = xstrdup("a folder name cannot end with a delimiter");
		return (-1);
	}
	return (0);
}

char *
folders_wire_name(struct folders *fs, const char *name, const char *prefix,
    char delim, char **err)
{
	struct strbuf  sb;
	struct folder *parent;
	const char    *rest, *p, *end;
	char	      *enc;
	size_t	       used;

	*err = NULL;
	if ((parent = folders_nearest_parent(fs, name, &used)) != NULL)
		delim = parent->delim;
	else if (delim == '\0') {
		/* No namespace: the delimiter of the folders LIST gave. */
		delim = fs->n > 0 && fs->list[0].delim != '\0' ?
		    fs->list[0].delim :
		    '/';
	}
	if (folders_name_check(name, delim, err) != 0)
		return (NULL);
	strbuf_init(&sb);
	rest = name + used;
	if (parent != NULL) {
		strbuf_adds(&sb, parent->wire);
		strbuf_add(&sb, &delim, 1);
	} else if (prefix != NULL && *prefix != '\0' &&
	    strncmp(name, prefix, strlen(prefix)) != 0)
		strbuf_adds(&sb, prefix);
	for (p = rest; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		if (p != rest)
			strbuf_add(&sb, &delim, 1);
		end = p + strcspn(p, "/");
		if ((enc = mutf7_encode(p, (size_t)(end - p))) == NULL) {
			strbuf_free(&sb);
			*err = xstrdup("a folder name must be UTF-8");
			return (NULL);
		}
		strbuf_adds(&sb, enc);
		free(enc);
	}
	return (strbuf_detach(&sb, NULL));
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

struct folders_hit {
	int    score;
	size_t len, i;
};

static int
folders_hit_cmp(const void *a, const void *b)
{
	const struct folders_hit *x = a, *y = b;

	if (x->score != y->score)
		return (x->score > y->score ? -1 : 1);
	if (x->len != y->len)
		return (x->len < y->len ? -1 : 1);
	return (x->i < y->i ? -1 : x->i > y->i);
}

struct folder *
folders_fuzzy(struct folders *fs, const char *pattern, size_t nth)
{
	struct folders_hit *hits;
	struct folder	   *f = NULL;
	size_t		    i, n = 0;
	int		    s;

	hits = xreallocarray(NULL, fs->n + 1, sizeof *hits);
	for (i = 0; i < fs->n; i++) {
		if (fs->list[i].flags & FOLDER_NOSELECT)
			continue;
		if ((s = fuzzy_score(pattern, fs->list[i].name)) < 0)
			continue;
		hits[n].score = s;
		hits[n].len = strlen(fs->list[i].name);
		hits[n++].i = i;
	}
	if (n > 1)
		qsort(hits, n, sizeof *hits, folders_hit_cmp);
	if (nth < n)
		f = &fs->list[hits[nth].i];
	free(hits);
	return (f);
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
