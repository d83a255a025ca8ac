/*
 * secret.c runs the commands that give tern a secret (password-command,
 * oauth2-token-command) and keeps the first line of their output.  It must
 * never log, print or keep that output: it goes to one buffer, cleared
 * when done with, and to the caller.
 */
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secret.h"
#include "xmalloc.h"

char *
secret_command(const char *cmd, const char *setting, char **err)
{
	char   buf[4096], *secret;
	FILE  *f;
	size_t len;
	int    status;

	if ((f = popen(cmd, "r")) == NULL) {
		*err = xasprintf("%s: %s", setting, strerror(errno));
		return (NULL);
	}
	len = fread(buf, 1, sizeof buf - 1, f);
	buf[len] = '\0';
	status = pclose(f);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		explicit_bzero(buf, sizeof buf);
		*err = xasprintf("%s failed (exit status %d)", setting,
		    status == -1 || !WIFEXITED(status) ? -1 :
							 WEXITSTATUS(status));
		return (NULL);
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	if (buf[0] == '\0') {
		*err = xasprintf("%s printed nothing", setting);
		return (NULL);
	}
	secret = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	return (secret);
}
