/*
 * stream.c owns the glue between tern's sockets and libetpan: one
 * mailstream_low driver for plain sockets and one for TLS.  It never reads
 * protocol; it only moves bytes, and it never returns 0 from a read
 * (libetpan 1.9.4 spins at 100 % CPU on 0 inside a literal).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <libetpan/libetpan.h>

#include "log.h"
#include "respcheck.h"
#include "stream.h"
#include "tls.h"
#include "xmalloc.h"

/* The most a literal may claim before the session is ended. */
#define STREAM_MAX_LITERAL (64ULL * 1024 * 1024)

struct stream_data {
	int		 fd;
	struct tls	*tls;
	int		 timeout;
	int		 timed_out; /* the last read waited timeout in vain */
	struct respcheck check;	    /* every byte read passes it */
};

static long
stream_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static ssize_t
stream_read_raw(struct stream_data *d, void *buf, size_t len)
{
	struct pollfd pfd;
	ssize_t	      n;
	long	      start;
	int	      r;

	if (d->tls != NULL) {
		/* tls_read says -1 for all ends: a timeout is the long one. */
		start = stream_now_ms();
		if ((n = tls_read(d->tls, buf, len, d->timeout)) == -1 &&
		    stream_now_ms() - start >= (long)d->timeout * 1000)
			d->timed_out = 1;
		return (n);
	}
	if (d->fd == -1)
		return (-1);
	pfd.fd = d->fd;
	pfd.events = POLLIN;
	do
		r = poll(&pfd, 1, d->timeout * 1000);
	while (r == -1 && errno == EINTR);
	if (r == 0)
		d->timed_out = 1;
	if (r <= 0)
		return (-1);
	do
		n = read(d->fd, buf, len);
	while (n == -1 && errno == EINTR);
	return (n > 0 ? n : -1);
}

static ssize_t
stream_read(mailstream_low *s, void *buf, size_t len)
{
	struct stream_data *d = s->data;
	ssize_t		    n;

	/* After a refusal nothing more is read: the session is over. */
	if (d->check.failed || (n = stream_read_raw(d, buf, len)) <= 0)
		return (-1);
	/* Nothing reaches libetpan's parser before the check has seen it. */
	if (respcheck_feed(&d->check, buf, (size_t)n) != 0) {
		log_debug("refused from the server: %s", d->check.why);
		return (-1);
	}
	return (n);
}

static ssize_t
stream_write(mailstream_low *s, const void *buf, size_t len)
{
	struct stream_data *d = s->data;
	const char	   *p = buf;
	struct pollfd	    pfd;
	size_t		    done = 0;
	ssize_t		    n;

	if (d->tls != NULL)
		return (tls_write(d->tls, buf, len, d->timeout));
	if (d->fd == -1)
		return (-1);
	while (done < len) {
		n = write(d->fd, p + done, len - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n == -1 && errno != EAGAIN && errno != EINTR)
			return (-1);
		pfd.fd = d->fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, d->timeout * 1000) <= 0)
			return (-1);
	}
	return ((ssize_t)done);
}

static int
stream_close(mailstream_low *s)
{
	struct stream_data *d = s->data;

	if (d->tls != NULL) {
		tls_close(d->tls);
		d->tls = NULL;
		d->fd = -1;
	} else if (d->fd != -1) {
		close(d->fd);
		d->fd = -1;
	}
	return (0);
}

static int
stream_get_fd(mailstream_low *s)
{
	struct stream_data *d = s->data;

	return (d->fd);
}

static void
stream_free(mailstream_low *s)
{
	stream_close(s);
	free(s->data);
	free(s);
}

static void
stream_cancel(mailstream_low *s)
{
}

static struct mailstream_cancel *
stream_get_cancel(mailstream_low *s)
{
	return (NULL);
}

static carray *
stream_get_certificate_chain(mailstream_low *s)
{
	return (NULL);
}

static mailstream_low_driver stream_driver = {
	.mailstream_read = stream_read,
	.mailstream_write = stream_write,
	.mailstream_close = stream_close,
	.mailstream_get_fd = stream_get_fd,
	.mailstream_free = stream_free,
	.mailstream_cancel = stream_cancel,
	.mailstream_get_cancel = stream_get_cancel,
	.mailstream_get_certificate_chain = stream_get_certificate_chain,
};

static mailstream_low *
stream_low_new(int fd, struct tls *tls, int timeout)
{
	struct stream_data *d;
	mailstream_low	   *s;

	d = xcalloc(1, sizeof *d);
	d->fd = fd;
	d->tls = tls;
	d->timeout = timeout;
	respcheck_init(&d->check, STREAM_MAX_LITERAL);
	if ((s = mailstream_low_new(d, &stream_driver)) == NULL)
		fatalx("out of memory");
	return (s);
}

mailstream_low *
stream_low_plain(int fd, int timeout)
{
	return (stream_low_new(fd, NULL, timeout));
}

mailstream_low *
stream_low_tls(struct tls *tls, int timeout)
{
	return (stream_low_new(tls_fd(tls), tls, timeout));
}

void
stream_low_release_fd(mailstream_low *s)
{
	struct stream_data *d = s->data;

	d->fd = -1;
}

int
stream_low_pending(mailstream_low *s)
{
	struct stream_data *d = s->data;

	return (d->tls != NULL && tls_pending(d->tls));
}

const char *
stream_low_refused(mailstream_low *s)
{
	struct stream_data *d = s->data;

	return (d->check.failed ? d->check.why : NULL);
}

void
stream_low_refuse(mailstream_low *s, const char *why)
{
	struct stream_data *d = s->data;

	if (!d->check.failed)
		respcheck_refuse(&d->check, why);
}

int
stream_low_timed_out(mailstream_low *s)
{
	struct stream_data *d = s->data;

	return (d->timed_out ? d->timeout : 0);
}

const char *
stream_low_tag(mailstream_low *s)
{
	struct stream_data *d = s->data;

	return (d->check.tag);
}

const char *
stream_low_bye(mailstream_low *s)
{
	struct stream_data *d = s->data;

	return (d->check.bye[0] != '\0' ? d->check.bye : NULL);
}
