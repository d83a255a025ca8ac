/*
 * Attachments on disk: a part saved where the user said without ever
 * replacing a file unasked, and the temporary files viewers read.  Called
 * by the worker (disk I/O stays off the UI thread) and, for the clean-up
 * at exit, by the UI once the worker has stopped.
 */
#ifndef TERN_ATTACH_FILE_H
#define TERN_ATTACH_FILE_H

#include <stddef.h>

#define ATTACH_FILE_EXISTS 1

/*
 * The file a typed path means: "~/" is $HOME; a directory (or a path
 * ending in '/') gets name appended.
 */
char *attach_file_path(const char *typed, const char *name);
/* Whether anything (a file, a link, even a dangling one) is at path. */
int attach_file_exists(const char *);
/*
 * Write the bytes to path, mode 0600: to a new file in the same directory
 * first, then linked to path, so that a file there is never replaced
 * (replace set: renamed over it).  0 when written, ATTACH_FILE_EXISTS when
 * path exists and replace is not set, -1 with *err set.
 */
int attach_file_save(const char *path, const void *, size_t, int replace,
    char **err);
/*
 * A new file of these bytes, mode 0600, in tern's own directory (mode
 * 0700, under $TMPDIR or /tmp), with a name tern chose and the extension
 * given (or none).  0 with *path set, -1 with *err set.
 */
int attach_file_temp(const char *ext, const void *, size_t, char **path,
    char **err);
/* Remove tern's temporary directory and what is left in it. */
void attach_file_cleanup(void);

#endif
