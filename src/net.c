/*
 * net.c owns opening TCP connections: name resolution and a connect with a
 * deadline over every address the name has.  It never reads or writes data.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "net.h"
#include "xmalloc.h"

/*
 * A peer that vanished (a laptop asleep, a NAT that forgot us) sends
 * nothing; keepalive probes find out within about 90 s, even in IDLE.
 */
static void
net_keepalive(int fd)
{
	int on = 1, idle = 60, intvl = 10, cnt = 3;

	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
}

static int
net_connect_one(struct addrinfo *ai, int timeout, int *error)
{
	struct pollfd pfd;
	socklen_t     len;
	int	      fd, flags, n;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
	    ai->ai_protocol);
	if (fd == -1) {
		*error = errno;
		return (-1);
	}
	net_keepalive(fd);
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return (fd);
	if (errno != EINPROGRESS) {
		*error = errno;
		close(fd);
		return (-1);
	}
	pfd.fd = fd;
	pfd.events = POLLOUT;
	do
		n = poll(&pfd, 1, timeout * 1000);
	while (n == -1 && errno == EINTR);
	if (n == 0) {
		*error = ETIMEDOUT;
		close(fd);
		return (-1);
	}
	len = sizeof *error;
	if (n == -1 || getsockopt(fd, SOL_SOCKET, SO_ERROR, error, &len) == -1)
		*error = errno;
	if (*error != 0) {
		close(fd);
		return (-1);
	}
	return (fd);
}

int
net_connect(const char *host, const char *port, int timeout, char **err)
{
	struct addrinfo hints, *res, *ai;
	int		fd = -1, error = 0, gai;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((gai = getaddrinfo(host, port, &hints, &res)) != 0) {
		*err = xasprintf("%s: %s", host, gai_strerror(gai));
		return (-1);
	}
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next)
		fd = net_connect_one(ai, timeout, &error);
	freeaddrinfo(res);
	if (fd == -1)
		*err = xasprintf("%s port %s: %s", host, port, strerror(error));
	return (fd);
}

int
net_is_loopback(const char *host)
{
	struct in_addr	a4;
	struct in6_addr a6;

	if (strcmp(host, "localhost") == 0)
		return (1);
	if (inet_pton(AF_INET, host, &a4) == 1)
		return ((ntohl(a4.s_addr) >> 24) == 127);
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return (IN6_IS_ADDR_LOOPBACK(&a6));
	return (0);
}
