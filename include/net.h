/* TCP connections with a deadline.  No TLS here and no protocol. */
#ifndef TERN_NET_H
#define TERN_NET_H

/*
 * Connect to host:port within timeout seconds.  Return the socket, or -1
 * with *err set to a message that names the host.
 */
int net_connect(const char *host, const char *port, int timeout, char **err);
/* Whether host is a loopback address or "localhost". */
int net_is_loopback(const char *host);

#endif
