/*
 * signal.c owns the signal handlers.  A handler only writes the signal's
 * number to a pipe; everything else happens in the event loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "signal_pipe.h"

static int signal_fds[2] = { -1, -1 };

static void
signal_handler(int sig)
{
	unsigned char c = (unsigned char)sig;
	int	      saved = errno;

	(void)write(signal_fds[1], &c, 1);
	errno = saved;
}

static void
signal_ignore(int sig)
{
	(void)sig;
}

int
signal_init(void)
{
	struct sigaction sa;
	int		 i;
	static const int sigs[] = { SIGWINCH, SIGTERM, SIGINT, SIGHUP };

	if (pipe(signal_fds) == -1)
		fatal("pipe");
	for (i = 0; i < 2; i++) {
		fcntl(signal_fds[i], F_SETFL,
		    fcntl(signal_fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(signal_fds[i], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = signal_handler;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < (int)(sizeof sigs / sizeof sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	/*
	 * A write to a closed socket must be an error, not death.  Caught
	 * rather than ignored: a command tern runs (password-command) gets
	 * the default back on exec, as it expects.
	 */
	sa.sa_handler = signal_ignore;
	sigaction(SIGPIPE, &sa, NULL);
	return (signal_fds[0]);
}

int
signal_next(void)
{
	unsigned char c;

	if (read(signal_fds[0], &c, 1) == 1)
		return (c);
	return (0);
}
