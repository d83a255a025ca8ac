/*
 * html_filter.c owns running the html-filter command: the HTML goes to the
 * command's stdin through a pipe, the text comes back on its stdout, and a
 * command that takes longer than its time is killed with its whole process
 * group.  It must never put a byte of the message on a command line (the
 * command is the user's, the message only its input), never let the
 * command write on the terminal (its stderr is /dev/null), and never wait
 * past the deadline.  It runs on the worker thread, never on the UI's, and
 * counts on tern's SIGPIPE handler: a filter that exits without reading
 * all of its input is an EPIPE here, not the end of tern.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "html.h"
#include "log.h"
#include "runcmd.h"
#include "strbuf.h"
#include "xmalloc.h"

/* More text than this from a filter is a filter gone wrong. */
#define HTML_FILTER_MAX_OUT (64 * 1024 * 1024)

enum html_filter_result {
	HTML_FILTER_OK,
	HTML_FILTER_MISSING, /* the program is not there */
	HTML_FILTER_FAILED,
	HTML_FILTER_TIMEOUT,
};

static long
html_filter_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Feed the input and read the output until EOF or the deadline. */
static int
html_filter_pump(int in, int out, const char *s, size_t len, long deadline,
    struct strbuf *sb)
{
	struct pollfd pfd[2];
	char	      buf[65536];
	size_t	      done = 0;
	ssize_t	      n;
	long	      left;
	int	      nfd, rc = 0;

	for (;;) {
		if ((left = deadline - html_filter_now_ms()) <= 0) {
			rc = -1;
			break;
		}
		nfd = 0;
		pfd[nfd].fd = out;
		pfd[nfd++].events = POLLIN;
		if (in != -1) {
			pfd[nfd].fd = in;
			pfd[nfd++].events = POLLOUT;
		}
		if (poll(pfd, (nfds_t)nfd, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		if (nfd == 2 && pfd[1].revents != 0) {
			n = write(in, s + done, len - done);
			if (n > 0)
				done += (size_t)n;
			/* EPIPE: the filter stopped reading; take its text. */
			if ((n == -1 && errno != EAGAIN && errno != EINTR) ||
			    done == len) {
				close(in);
				in = -1;
			}
		}
		if (pfd[0].revents == 0)
			continue;
		if ((n = read(out, buf, sizeof buf)) > 0) {
			strbuf_add(sb, buf, (size_t)n);
			if (sb->len > HTML_FILTER_MAX_OUT)
				break;
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			break;
	}
	if (in != -1)
		close(in);
	return (rc);
}

/* Wait for the child until the deadline; -1 if it is still running. */
static int
html_filter_wait(pid_t pid, long deadline, int *status)
{
	pid_t r;

	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return (0);
		if (r == -1 && errno != EINTR)
			return (0);
		if (html_filter_now_ms() >= deadline)
			return (-1);
		poll(NULL, 0, 10);
	}
}

static enum html_filter_result
html_filter_run(char *const argv[], const char *s, size_t len, int timeout_ms,
    struct strbuf *sb)
{
	pid_t pid;
	long  deadline;
	int   to[2], from[2], status = 0, rc, timedout;

	if (pipe2(to, O_CLOEXEC) == -1)
		return (HTML_FILTER_FAILED);
	if (pipe2(from, O_CLOEXEC) == -1) {
		close(to[0]);
		close(to[1]);
		return (HTML_FILTER_FAILED);
	}
	rc = runcmd_spawn(argv, to[0], from[1], RUNCMD_QUIET | RUNCMD_GROUP,
	    &pid);
	close(to[0]);
	close(from[1]);
	if (rc != 0) {
		close(to[1]);
		close(from[0]);
		return (
		    rc == ENOENT ? HTML_FILTER_MISSING : HTML_FILTER_FAILED);
	}
	fcntl(to[1], F_SETFL, O_NONBLOCK);
	fcntl(from[0], F_SETFL, O_NONBLOCK);
	deadline = html_filter_now_ms() + timeout_ms;
	timedout = html_filter_pump(to[1], from[0], s, len, deadline, sb) != 0;
	close(from[0]);
	if (timedout || html_filter_wait(pid, deadline, &status) != 0) {
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
		return (HTML_FILTER_TIMEOUT);
	}
	if (!WIFEXITED(status))
		return (HTML_FILTER_FAILED);
	/* The shell's word for a command it could not find. */
	if (WEXITSTATUS(status) == 127)
		return (HTML_FILTER_MISSING);
	return (WEXITSTATUS(status) == 0 ? HTML_FILTER_OK : HTML_FILTER_FAILED);
}

char *
html_render(const char *cmd, const char *s, size_t len, int timeout_ms,
    char **note)
{
	static char *const w3m[] = { "w3m", "-dump", "-T", "text/html", "-I",
		"UTF-8", "-O", "UTF-8", NULL };
	static char *const lynx[] = { "lynx", "-dump", "-stdin",
		"-assume_charset=UTF-8", "-display_charset=UTF-8", NULL };
	char *const	  *defaults[] = { w3m, lynx };
	char		  *shell[] = { "/bin/sh", "-c", NULL, NULL };
	struct strbuf	   sb;
	enum html_filter_result r = HTML_FILTER_MISSING;
	size_t			i;

	if (note != NULL)
		*note = NULL;
	strbuf_init(&sb);
	if (cmd != NULL && *cmd != '\0') {
		shell[2] = (char *)cmd;
		r = html_filter_run(shell, s, len, timeout_ms, &sb);
	} else {
		for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
			r = html_filter_run(defaults[i], s, len, timeout_ms,
			    &sb);
			if (r != HTML_FILTER_MISSING)
				break;
			strbuf_free(&sb);
		}
	}
	if (r == HTML_FILTER_OK)
		return (strbuf_detach(&sb, NULL));
	strbuf_free(&sb);
	log_debug("html-filter: %s",
	    r == HTML_FILTER_TIMEOUT	 ? "timed out" :
		r == HTML_FILTER_MISSING ? "not found" :
					   "failed");
	/* No w3m or lynx is the ordinary case, not news for the user. */
	if (note != NULL && (cmd != NULL && *cmd != '\0'))
		*note = xasprintf("html-filter %s; shown with the built-in "
				  "renderer",
		    r == HTML_FILTER_TIMEOUT	 ? "timed out" :
			r == HTML_FILTER_MISSING ? "not found" :
						   "failed");
	else if (note != NULL && r != HTML_FILTER_MISSING)
		*note = xasprintf("%s %s; shown with the built-in renderer",
		    "the HTML renderer",
		    r == HTML_FILTER_TIMEOUT ? "timed out" : "failed");
	return (html_to_text(s, len));
}
