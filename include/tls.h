/*
 * TLS client connections with OpenSSL: chain verified against the system
 * store or a CA file, host name checked, an optional SHA-256 pin.  Nothing
 * here knows IMAP or libetpan.
 */
#ifndef TERN_TLS_H
#define TERN_TLS_H

#include <sys/types.h>

struct tls;

struct tls_config {
	const char *host;	 /* checked against the certificate */
	const char *ca_file;	 /* NULL: the system store */
	const char *fingerprint; /* lowercase hex SHA-256, or NULL */
	int	    timeout;	 /* seconds */
};

/* Why a connection failed; a certificate failure carries its fingerprint. */
struct tls_error {
	int   certificate; /* 1 if verification failed */
	char *reason;
	char *fingerprint; /* "AB:CD:..." (SHA-256), or NULL */
	char *detail;	   /* subject, issuer, dates, names, fingerprint */
};

/*
 * Make the contexts for these CA files (NULL: the system's) on a thread
 * of their own, ahead of the first connection; tls_end waits for it and
 * frees them all, once no connection is left.
 */
void tls_prepare(const char *const *ca_files, size_t n);
void tls_end(void);
/* Handshake on a connected socket.  NULL with *err filled on failure. */
struct tls *tls_connect(int fd, const struct tls_config *, struct tls_error *);
void	    tls_error_clear(struct tls_error *);
/*
 * Read up to len bytes, waiting at most timeout seconds.  Return the count,
 * or -1 at end of stream, on timeout and on error: never 0.
 */
ssize_t tls_read(struct tls *, void *, size_t, int);
/* Write all of it; -1 on error or timeout. */
ssize_t tls_write(struct tls *, const void *, size_t, int);
int	tls_fd(struct tls *);
/* Decrypted bytes OpenSSL holds that poll() on the socket cannot see. */
int tls_pending(struct tls *);
/* Close the TLS session and the socket, and free. */
void tls_close(struct tls *);

#endif
