/*
 * ui_pipe.c owns handing the screen to a command: the pager's | (the
 * command the user typed, the message as its stdin), an attachment's
 * viewer, and the editor of a message being written (the draft file's
 * name as the shell's $1, never pasted into the command line).  Curses is suspended, the command runs on the terminal, and a
 * key press (or its end) brings tern back.
 * The command line is the user's own and goes to /bin/sh as typed; the
 * message is only ever bytes on the pipe, never part of a command line.
 * The UI thread waits here on purpose, as for any pager: the worker goes
 * on, and its events wait in their queue.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "runcmd.h"
#include "ui.h"
#include "ui_curses.h"
#include "xmalloc.h"

/* Write it all; a command that stops reading (EPIPE) ends the writing. */
static void
ui_pipe_write(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		data += n;
		len -= (size_t)n;
	}
}

/* "Press any key": one key from the terminal, without curses. */
static void
ui_pipe_wait_key(void)
{
	struct termios old, raw;
	char	       c;

	fputs("\n[press any key to return to tern]", stdout);
	fflush(stdout);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	while (read(STDIN_FILENO, &c, 1) == -1 && errno == EINTR)
		;
	/* The rest of a key that sends a sequence is not a tern key. */
	tcflush(STDIN_FILENO, TCIFLUSH);
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
}

/*
 * Run cmd with /bin/sh on the terminal, its stdin in (and data written to
 * feed, then closed, if feed is not -1), and wait for it; with wait_key,
 * for a key after it too.  Its exit status, or -1 with why.
 */
static int
ui_run_cmd(const char *cmd, const char *arg, int in, int feed, const char *data,
    size_t len, int wait_key, char **why)
{
	struct sigaction ign, oldint, oldquit;
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, "sh", (char *)arg,
		NULL };
	pid_t pid;
	int   rc, status = 0;

	*why = NULL;
	ui_suspend();
	/* ^C is the command's to take, not a reason for tern to quit. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oldint);
	sigaction(SIGQUIT, &ign, &oldquit);
	rc = runcmd_spawn(argv, in, -1, 0, &pid);
	if (feed != -1) {
		if (rc == 0)
			ui_pipe_write(feed, data, len);
		close(feed);
	}
	if (rc == 0) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		if (wait_key)
			ui_pipe_wait_key();
	}
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGQUIT, &oldquit, NULL);
	ui_resume();
	if (rc != 0) {
		*why = xasprintf("cannot run /bin/sh: %s", strerror(rc));
		return (-1);
	}
	if (WIFEXITED(status))
		return (WEXITSTATUS(status));
	*why = xstrdup("the command was killed by a signal");
	return (-1);
}

int
ui_pipe(const char *cmd, const char *data, size_t len, char **why)
{
	int fds[2], rc;

	*why = NULL;
	if (pipe2(fds, O_CLOEXEC) == -1) {
		*why = xasprintf("pipe: %s", strerror(errno));
		return (-1);
	}
	rc = ui_run_cmd(cmd, NULL, fds[0], fds[1], data, len, 1, why);
	close(fds[0]);
	return (rc);
}

int
ui_run(const char *cmd, int wait_key, char **why)
{
	return (
	    ui_run_cmd(cmd, NULL, STDIN_FILENO, -1, NULL, 0, wait_key, why));
}

int
ui_edit(const char *editor, const char *path, char **why)
{
	char *cmd;
	int   rc;

	cmd = xasprintf("%s \"$1\"", editor);
	rc = ui_run_cmd(cmd, path, STDIN_FILENO, -1, NULL, 0, 0, why);
	free(cmd);
	return (rc);
}
