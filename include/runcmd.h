/* Starting a command with tern's descriptors and signals left behind. */
#ifndef TERN_RUNCMD_H
#define TERN_RUNCMD_H

#include <sys/types.h>

#define RUNCMD_QUIET 0x1 /* stderr to /dev/null: the screen is curses' */
#define RUNCMD_GROUP 0x2 /* its own process group, to be killed whole */

/*
 * Start argv (argv[0] looked up in PATH) with in as its stdin and out, if
 * not -1, as its stdout.  No other descriptor of tern's goes along, its
 * signals are the defaults, none blocked.  0, or an errno (ENOENT: no such
 * program).
 */
int runcmd_spawn(char *const argv[], int in, int out, int flags, pid_t *);

#endif
