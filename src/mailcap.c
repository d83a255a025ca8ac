/*
 * mailcap.c owns reading mailcap files (RFC 1524) and building the command
 * that views a part.  The command may hold the path of a file tern made
 * and a type that passed a strict check; it must never hold any other
 * string from a message (no %{parameter}), and it never runs a viewer
 * itself: only test= commands, whose output goes nowhere.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "mailcap.h"
#include "runcmd.h"
#include "strbuf.h"
#include "xmalloc.h"

/*
 * A test= runs in the worker, which must not hang on it: a test is a
 * quick look at the environment, such as test -n "$DISPLAY".
 */
#define MAILCAP_TEST_SECS 5

/* A mailcap is a few lines; a huge one is a mistake. */
#define MAILCAP_MAX_SIZE (1024 * 1024)

void
mailcap_init(struct mailcap *mc)
{
	mc->entries = NULL;
	mc->n = 0;
}

void
mailcap_free(struct mailcap *mc)
{
	size_t i;

	for (i = 0; i < mc->n; i++) {
		free(mc->entries[i].type);
		free(mc->entries[i].view);
		free(mc->entries[i].test);
	}
	free(mc->entries);
	mailcap_init(mc);
}

static char *
mailcap_trim(char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 &&
	    (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		s[--len] = '\0';
	return (s);
}

/*
 * Split a logical line at the semicolons no backslash quotes.  "\;" loses
 * its backslash; every other backslash stays for the shell (or for \%).
 */
static size_t
mailcap_fields(char *line, char **fields, size_t max)
{
	char  *r = line, *w = line;
	size_t n = 0;

	fields[n++] = line;
	while (*r != '\0') {
		if (r[0] == '\\' && r[1] == ';') {
			*w++ = ';';
			r += 2;
			continue;
		}
		if (r[0] == '\\' && r[1] != '\0') {
			*w++ = *r++;
			*w++ = *r++;
			continue;
		}
		if (*r == ';' && n < max) {
			*w++ = '\0';
			r++;
			fields[n++] = w;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return (n);
}

static void
mailcap_line(struct mailcap *mc, char *line)
{
	struct mailcap_entry e;
	char		    *fields[32], *f, *type;
	size_t		     n, i;

	line = mailcap_trim(line);
	if (*line == '\0' || *line == '#')
		return;
	n = mailcap_fields(line, fields, sizeof fields / sizeof fields[0]);
	if (n < 2)
		return;
	type = mailcap_trim(fields[0]);
	if (*type == '\0' || strchr(type, ' ') != NULL)
		return;
	memset(&e, 0, sizeof e);
	e.type = strchr(type, '/') != NULL ? xstrdup(type) :
					     xasprintf("%s/*", type);
	e.view = xstrdup(mailcap_trim(fields[1]));
	for (i = 2; i < n; i++) {
		f = mailcap_trim(fields[i]);
		if (strcasecmp(f, "needsterminal") == 0)
			e.flags |= MAILCAP_NEEDSTERMINAL;
		else if (strcasecmp(f, "copiousoutput") == 0)
			e.flags |= MAILCAP_COPIOUSOUTPUT;
		else if (strncasecmp(f, "test", 4) == 0 &&
		    *mailcap_trim(f + 4) == '=' && e.test == NULL)
			e.test = xstrdup(mailcap_trim(mailcap_trim(f + 4) + 1));
	}
	if (*e.view == '\0') {
		free(e.type);
		free(e.view);
		free(e.test);
		return;
	}
	mc->entries = xreallocarray(mc->entries, mc->n + 1,
	    sizeof *mc->entries);
	mc->entries[mc->n++] = e;
}

void
mailcap_parse(struct mailcap *mc, const char *buf, size_t len)
{
	struct strbuf line;
	const char   *p = buf, *end = buf + len, *nl;
	size_t	      k;

	strbuf_init(&line);
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		k = (size_t)(nl - p);
		if (k > 0 && p[k - 1] == '\r')
			k--;
		/* A backslash at the end joins the next line. */
		if (k > 0 && p[k - 1] == '\\' && (k < 2 || p[k - 2] != '\\') &&
		    nl < end) {
			strbuf_add(&line, p, k - 1);
			p = nl + 1;
			continue;
		}
		strbuf_add(&line, p, k);
		mailcap_line(mc, line.len > 0 ? line.buf : (char *)"");
		line.len = 0;
		if (line.buf != NULL)
			line.buf[0] = '\0';
		p = nl < end ? nl + 1 : end;
	}
	if (line.len > 0)
		mailcap_line(mc, line.buf);
	strbuf_free(&line);
}

int
mailcap_load(struct mailcap *mc, const char *path)
{
	struct strbuf sb;
	char	      buf[8192];
	ssize_t	      r;
	int	      fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	strbuf_init(&sb);
	while ((r = read(fd, buf, sizeof buf)) > 0 && sb.len < MAILCAP_MAX_SIZE)
		strbuf_add(&sb, buf, (size_t)r);
	close(fd);
	if (r == -1 || sb.len >= MAILCAP_MAX_SIZE) {
		strbuf_free(&sb);
		return (-1);
	}
	mailcap_parse(mc, sb.buf != NULL ? sb.buf : "", sb.len);
	strbuf_free(&sb);
	return (0);
}

void
mailcap_load_default(struct mailcap *mc)
{
	const char *list, *home;
	char	   *copy, *p, *next, *path;

	if ((list = getenv("MAILCAPS")) != NULL && *list != '\0') {
		copy = xstrdup(list);
		for (p = copy; p != NULL; p = next) {
			if ((next = strchr(p, ':')) != NULL)
				*next++ = '\0';
			if (*p != '\0')
				mailcap_load(mc, p);
		}
		free(copy);
		return;
	}
	if ((home = getenv("HOME")) != NULL && *home != '\0') {
		path = xasprintf("%s/.mailcap", home);
		mailcap_load(mc, path);
		free(path);
	}
	mailcap_load(mc, "/etc/mailcap");
}

int
mailcap_matches(const struct mailcap_entry *e, const char *type)
{
	const char *slash = strchr(e->type, '/');
	size_t	    n;

	if (slash != NULL && strcmp(slash, "/*") == 0) {
		n = (size_t)(slash - e->type) + 1;
		return (strncasecmp(e->type, type, n) == 0);
	}
	return (strcasecmp(e->type, type) == 0);
}

int
mailcap_type_ok(const char *type)
{
	const char *p;

	if (type == NULL || *type == '\0')
		return (0);
	for (p = type; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '+' ||
		    *p == '-' || *p == '/')
			continue;
		return (0);
	}
	return (1);
}

char *
mailcap_shquote(const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addc(&sb, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			strbuf_adds(&sb, "'\\''");
		else
			strbuf_addc(&sb, *s);
	}
	strbuf_addc(&sb, '\'');
	return (strbuf_detach(&sb, NULL));
}

char *
mailcap_expand(const char *cmd, const char *type, const char *path)
{
	struct strbuf sb;
	const char   *p;
	char	     *q;
	int	      file = 0;

	strbuf_init(&sb);
	for (p = cmd; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] == '%') {
			strbuf_addc(&sb, '%');
			p++;
			continue;
		}
		if (p[0] != '%') {
			strbuf_addc(&sb, *p);
			continue;
		}
		switch (p[1]) {
		case '%':
			strbuf_addc(&sb, '%');
			break;
		case 's':
			if (path == NULL)
				goto refuse;
			q = mailcap_shquote(path);
			strbuf_adds(&sb, q);
			free(q);
			file = 1;
			break;
		case 't':
			if (!mailcap_type_ok(type))
				goto refuse;
			strbuf_adds(&sb, type);
			break;
		case '{':
			/* A parameter of the message: never to a shell. */
			goto refuse;
		case '\0':
			strbuf_addc(&sb, '%');
			continue;
		default:
			strbuf_addc(&sb, '%');
			strbuf_addc(&sb, p[1]);
			break;
		}
		p++;
	}
	if (!file && path != NULL) {
		q = mailcap_shquote(path);
		strbuf_printf(&sb, " <%s", q);
		free(q);
	}
	return (strbuf_detach(&sb, NULL));
refuse:
	strbuf_free(&sb);
	return (NULL);
}

/* Run a test= command; 1 if it exits 0 within MAILCAP_TEST_SECS. */
static int
mailcap_test(const char *test, const char *type)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	char	       *cmd, *argv[] = { "/bin/sh", "-c", NULL, NULL };
	pid_t		pid, r;
	int		status, fd, waited, rc;

	if (strstr(test, "%s") != NULL)
		return (0);
	if ((cmd = mailcap_expand(test, type, NULL)) == NULL)
		return (0);
	/*
	 * Its own group, so that a hung test goes with its children; none
	 * of tern's descriptors (the server's socket, the cache) goes along.
	 */
	if ((fd = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1) {
		free(cmd);
		return (0);
	}
	argv[2] = cmd;
	rc = runcmd_spawn(argv, fd, fd, RUNCMD_QUIET | RUNCMD_GROUP, &pid);
	close(fd);
	free(cmd);
	if (rc != 0)
		return (0);
	for (waited = 0;; waited++) {
		if ((r = waitpid(pid, &status, WNOHANG)) == pid)
			break;
		if (r == -1 && errno != EINTR)
			return (0);
		if (waited == MAILCAP_TEST_SECS * 100) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
			return (0);
		}
		nanosleep(&ts, NULL);
	}
	return (WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

const struct mailcap_entry *
mailcap_find(const struct mailcap *mc, const char *type)
{
	size_t i;

	for (i = 0; i < mc->n; i++) {
		if (!mailcap_matches(&mc->entries[i], type))
			continue;
		if (mc->entries[i].test != NULL &&
		    !mailcap_test(mc->entries[i].test, type))
			continue;
		return (&mc->entries[i]);
	}
	return (NULL);
}
