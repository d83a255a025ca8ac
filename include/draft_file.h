/*
 * The files of writing mail: the draft file the editor opens, in a
 * private directory, and the files the user attaches.
 */
#ifndef TERN_DRAFT_FILE_H
#define TERN_DRAFT_FILE_H

#include <stddef.h>

/* The most an attachment may weigh: beyond it no server would take it. */
#define DRAFT_FILE_MAX (50 * 1024 * 1024)

struct draft_file {
	char *dir;  /* mode 0700, under $TMPDIR; NULL: none yet */
	char *path; /* dir/message.eml, mode 0600 */
};

/* Make the directory and write the file.  0, or -1 and *err. */
int draft_file_create(struct draft_file *, const char *, size_t, char **);
/* The file and the directory go. */
void draft_file_remove(struct draft_file *);
/*
 * A regular file's bytes, at most max (a link is followed: the user
 * named it).  0, or -1 and *err naming the file.
 */
int draft_file_read(const char *, size_t max, char **, size_t *, char **);

#endif
