/*
 * draft_file.c owns the files of writing mail: a directory of its own
 * (mkdtemp, 0700) under $TMPDIR for each message written, the draft file
 * in it (0600, created exclusively, so nothing planted there is followed),
 * and reading that file and the files attached.  It never keeps a draft
 * after the message is sent, postponed or abandoned.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draft_file.h"
#include "xmalloc.h"

int
draft_file_create(struct draft_file *df, const char *text, size_t len,
    char **err)
{
	const char *tmp;
	char	   *dir;
	size_t	    off = 0;
	ssize_t	    n;
	int	    fd;

	*err = NULL;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	dir = xasprintf("%s/tern-compose.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		*err = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return (-1);
	}
	df->dir = dir;
	df->path = xasprintf("%s/message.eml", dir);
	fd = open(df->path,
	    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1)
		goto fail;
	while (off < len) {
		if ((n = write(fd, text + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto fail;
		}
		off += (size_t)n;
	}
	if (close(fd) == 0)
		return (0);
fail:
	*err = xasprintf("%s: %s", df->path, strerror(errno));
	draft_file_remove(df);
	return (-1);
}

void
draft_file_remove(struct draft_file *df)
{
	if (df->path != NULL)
		unlink(df->path);
	if (df->dir != NULL)
		rmdir(df->dir);
	FREE(&df->path);
	FREE(&df->dir);
}

int
draft_file_read(const char *path, size_t max, char **data, size_t *len,
    char **err)
{
	struct stat st;
	char	   *buf;
	size_t	    off = 0;
	ssize_t	    n;
	int	    fd;

	*err = NULL;
	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	/* Not a FIFO or a device, which could block the screen for ever. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*err = xasprintf("%s: not a regular file", path);
		close(fd);
		return (-1);
	}
	if ((size_t)st.st_size > max) {
		*err = xasprintf("%s: larger than %zu MiB", path,
		    max / (1024 * 1024));
		close(fd);
		return (-1);
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (off < (size_t)st.st_size) {
		n = read(fd, buf + off, (size_t)st.st_size - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*err = xasprintf("%s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return (-1);
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	buf[off] = '\0';
	*data = buf;
	*len = off;
	return (0);
}
