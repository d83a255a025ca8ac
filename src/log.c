/*
 * log.c owns the debug log file and the fatal exits.  It must never be handed
 * a password or token; callers log commands by name, never their arguments
 * when those could be secret.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "log.h"

static FILE	      *log_file;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static void (*log_fatal_hook)(void);

void
log_open(const char *path)
{
	log_close();
	if ((log_file = fopen(path, "a")) == NULL)
		fatal("%s", path);
	setvbuf(log_file, NULL, _IOLBF, 0);
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
}

void
log_debug(const char *fmt, ...)
{
	struct timeval tv;
	va_list	       ap;

	if (log_file == NULL)
		return;
	gettimeofday(&tv, NULL);
	pthread_mutex_lock(&log_lock);
	fprintf(log_file, "%lld.%06ld ", (long long)tv.tv_sec,
	    (long)tv.tv_usec);
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
	pthread_mutex_unlock(&log_lock);
}

void
log_set_fatal_hook(void (*hook)(void))
{
	log_fatal_hook = hook;
}

static void __attribute__((noreturn))
log_vfatal(int with_errno, const char *fmt, va_list ap)
{
	int saved = errno;

	if (log_fatal_hook != NULL)
		log_fatal_hook();
	fputs("tern: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (with_errno)
		fprintf(stderr, ": %s", strerror(saved));
	fputc('\n', stderr);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vfatal(1, fmt, ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vfatal(0, fmt, ap);
}
