/*
 * runcmd.c owns starting the commands tern runs for the user (html-filter,
 * the pager's |): posix_spawn, so that it is safe from any thread.  It
 * must never hand a command one of tern's descriptors (the server's
 * socket, the cache, the self-pipes) or tern's signal handlers and mask,
 * and it never builds a command line: argv is the caller's.
 */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>

#include "runcmd.h"

extern char **environ;

int
runcmd_spawn(char *const argv[], int in, int out, int flags, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t	   attr;
	sigset_t		   none, all;
	short			   sflags;
	int			   rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	if (out != -1)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (flags & RUNCMD_QUIET)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY,
		    0);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	sflags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
	if (flags & RUNCMD_GROUP) {
		posix_spawnattr_setpgroup(&attr, 0);
		sflags |= POSIX_SPAWN_SETPGROUP;
	}
	posix_spawnattr_setflags(&attr, sflags);
	rc = posix_spawnp(pid, argv[0], &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	return (rc);
}
