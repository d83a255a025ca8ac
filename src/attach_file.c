/*
 * attach_file.c owns writing parts to disk.  A save goes to a new file
 * (mkstemp, mode 0600) in the target's directory and is linked to the name
 * only if nothing has it, so that neither a file nor a symbolic link
 * planted there is ever followed or replaced unasked.  Viewers get files in
 * a directory of tern's own (mode 0700) with names tern chose: nothing a
 * message says reaches a path here but the basename the caller made safe.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach_file.h"
#include "xmalloc.h"

static pthread_mutex_t attach_file_lock = PTHREAD_MUTEX_INITIALIZER;
static char	      *attach_file_dir; /* made on first use */

static int
attach_file_write(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t	    r;

	while (len > 0) {
		if ((r = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += r;
		len -= (size_t)r;
	}
	return (0);
}

char *
attach_file_path(const char *typed, const char *name)
{
	struct stat st;
	const char *home;
	char	   *path, *full;
	size_t	    len;

	if (typed[0] == '~' && (typed[1] == '/' || typed[1] == '\0') &&
	    (home = getenv("HOME")) != NULL && *home != '\0')
		path = xasprintf("%s%s", home, typed + 1);
	else
		path = xstrdup(typed);
	len = strlen(path);
	if ((len > 0 && path[len - 1] == '/') ||
	    (stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
		full = xasprintf("%s%s%s", path,
		    len > 0 && path[len - 1] == '/' ? "" : "/", name);
		free(path);
		return (full);
	}
	return (path);
}

int
attach_file_exists(const char *path)
{
	struct stat st;

	return (lstat(path, &st) == 0);
}

/* A new file, mode 0600, from a template ending in XXXXXX plus suffix. */
static int
attach_file_new(char *tmpl, int suffix, const void *data, size_t len,
    char **err)
{
	int fd, saved;

	if ((fd = mkstemps(tmpl, suffix)) == -1) {
		*err = xasprintf("cannot create a file in %s: %s", tmpl,
		    strerror(errno));
		return (-1);
	}
	if (fchmod(fd, 0600) == -1 || attach_file_write(fd, data, len) == -1 ||
	    close(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(tmpl);
		*err = xasprintf("cannot write %s: %s", tmpl, strerror(saved));
		return (-1);
	}
	return (0);
}

int
attach_file_save(const char *path, const void *data, size_t len, int replace,
    char **err)
{
	const char *slash;
	char	   *dir, *tmp;
	int	    fd, r, saved;

	*err = NULL;
	if (!replace && attach_file_exists(path))
		return (ATTACH_FILE_EXISTS);
	if ((slash = strrchr(path, '/')) == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	tmp = xasprintf("%s/.tern-save-XXXXXX", dir);
	free(dir);
	if (attach_file_new(tmp, 0, data, len, err) != 0) {
		free(tmp);
		return (-1);
	}
	if (replace)
		r = rename(tmp, path);
	else if ((r = link(tmp, path)) == -1 &&
	    (errno == EPERM || errno == ENOSYS || errno == EOPNOTSUPP)) {
		/* No hard links there (FAT): create it exclusively instead. */
		if ((fd = open(path,
			 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			 0600)) != -1) {
			r = attach_file_write(fd, data, len);
			if (close(fd) == -1)
				r = -1;
			if (r == -1) {
				saved = errno;
				unlink(path);
				errno = saved;
			}
		}
	}
	saved = errno;
	if (!replace || r == -1)
		unlink(tmp);
	free(tmp);
	if (r == -1 && saved == EEXIST && !replace)
		return (ATTACH_FILE_EXISTS);
	if (r == -1) {
		*err = xasprintf("cannot write %s: %s", path, strerror(saved));
		return (-1);
	}
	return (0);
}

/* tern's directory for viewers' files, made once; NULL with *err. */
static const char *
attach_file_tmpdir(char **err)
{
	const char *base;
	char	   *tmpl;

	if (attach_file_dir != NULL)
		return (attach_file_dir);
	if ((base = getenv("TMPDIR")) == NULL || *base != '/')
		base = "/tmp";
	tmpl = xasprintf("%s/tern-XXXXXX", base);
	if (mkdtemp(tmpl) == NULL) {
		*err = xasprintf("cannot create a directory in %s: %s", base,
		    strerror(errno));
		free(tmpl);
		return (NULL);
	}
	attach_file_dir = tmpl;
	return (attach_file_dir);
}

int
attach_file_temp(const char *ext, const void *data, size_t len, char **path,
    char **err)
{
	const char *dir;
	int	    rc = -1;

	*path = NULL;
	*err = NULL;
	pthread_mutex_lock(&attach_file_lock);
	if ((dir = attach_file_tmpdir(err)) != NULL) {
		*path = xasprintf("%s/part-XXXXXX%s%s", dir,
		    ext != NULL ? "." : "", ext != NULL ? ext : "");
		rc = attach_file_new(*path,
		    ext != NULL ? (int)strlen(ext) + 1 : 0, data, len, err);
		if (rc != 0)
			FREE(path);
	}
	pthread_mutex_unlock(&attach_file_lock);
	return (rc);
}

void
attach_file_cleanup(void)
{
	struct dirent *de;
	DIR	      *d;
	char	      *p;

	pthread_mutex_lock(&attach_file_lock);
	if (attach_file_dir != NULL && (d = opendir(attach_file_dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", attach_file_dir, de->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
		rmdir(attach_file_dir);
	}
	FREE(&attach_file_dir);
	pthread_mutex_unlock(&attach_file_lock);
}
