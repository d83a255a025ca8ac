/* Saving a part: never over a file or through a link unless asked. */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "attach_file.h"
#include "xmalloc.h"

static char *
slurp(const char *path)
{
	char   buf[256];
	FILE  *f;
	size_t n;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return (xstrdup(buf));
}

static void
test_attach_file_save(void **state)
{
	char	    dir[] = "/tmp/test_attach_file.XXXXXX";
	char	   *path, *victim, *link_path, *err, *s;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/a.txt", dir);
	victim = xasprintf("%s/victim", dir);
	link_path = xasprintf("%s/l.txt", dir);

	assert_int_equal(attach_file_save(path, "one\n", 4, 0, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* There now: left alone unless replace is set. */
	assert_int_equal(attach_file_save(path, "two\n", 4, 0, &err),
	    ATTACH_FILE_EXISTS);
	s = slurp(path);
	assert_string_equal(s, "one\n");
	free(s);
	assert_int_equal(attach_file_save(path, "two\n", 4, 1, &err), 0);
	s = slurp(path);
	assert_string_equal(s, "two\n");
	free(s);

	/* A planted link, even a dangling one, is never followed. */
	assert_int_equal(symlink(victim, link_path), 0);
	assert_int_equal(attach_file_save(link_path, "x", 1, 0, &err),
	    ATTACH_FILE_EXISTS);
	assert_int_equal(access(victim, F_OK), -1);
	/* Replacing it replaces the link, not what it points to. */
	assert_int_equal(attach_file_save(link_path, "x", 1, 1, &err), 0);
	assert_int_equal(access(victim, F_OK), -1);
	assert_int_equal(lstat(link_path, &st), 0);
	assert_true(S_ISREG(st.st_mode));

	/* No temporary file is left behind. */
	s = xasprintf("ls -A %s | grep -c tern-save | grep -qx 0", dir);
	assert_int_equal(system(s), 0);
	free(s);
	/* A directory that is not there: an error, not a crash. */
	free(path);
	path = xasprintf("%s/no/such/x", dir);
	assert_int_equal(attach_file_save(path, "x", 1, 0, &err), -1);
	assert_non_null(err);
	free(err);

	free(path);
	path = xasprintf("rm -rf %s", dir);
	assert_int_equal(system(path), 0);
	free(path);
	free(victim);
	free(link_path);
}

static void
check_path(const char *typed, const char *want)
{
	char *p = attach_file_path(typed, "n.pdf");

	assert_string_equal(p, want);
	free(p);
}

static void
test_attach_file_path(void **state)
{
	(void)state;
	setenv("HOME", "/home/h", 1);
	check_path("~/x/y.pdf", "/home/h/x/y.pdf");
	/* A directory, or what ends like one: the name goes in it. */
	check_path("/no/such/dir/", "/no/such/dir/n.pdf");
	check_path("/", "/n.pdf");
	check_path("/tmp", "/tmp/n.pdf");
	check_path("/no/such/file", "/no/such/file");
}

static void
test_attach_file_temp(void **state)
{
	char	    dir[] = "/tmp/test_attach_tmp.XXXXXX";
	char	   *path, *err, *s;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	assert_int_equal(attach_file_temp("png", "data", 4, &path, &err), 0);
	assert_int_equal(strncmp(path, dir, strlen(dir)), 0);
	assert_int_equal(strcmp(path + strlen(path) - 4, ".png"), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	*strrchr(path, '/') = '\0';
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	attach_file_cleanup();
	assert_int_equal(access(path, F_OK), -1);
	free(path);
	s = xasprintf("rmdir %s", dir);
	assert_int_equal(system(s), 0);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attach_file_save),
		cmocka_unit_test(test_attach_file_path),
		cmocka_unit_test(test_attach_file_temp),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
