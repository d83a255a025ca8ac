/*
 * tls.c owns OpenSSL: the client context, the handshake, certificate
 * verification (chain, host name, optional SHA-256 pin) and encrypted reads
 * and writes with deadlines.  It must never accept a certificate that failed
 * verification and was not pinned, and never knows about IMAP.
 *
 * The handshake runs with SSL_VERIFY_NONE so that a failed verification
 * still leaves the peer certificate to fingerprint and describe; the
 * verification result is then checked before a single byte of application
 * data moves.  A description holds only printable ASCII and newlines: the
 * certificate's fields are the server's words.
 *
 * A context is made once per CA file and shared by every connection that
 * uses it.  Making the first one costs OpenSSL's initialisation, and a
 * system bundle of CAs takes tens of milliseconds to read: tls_prepare
 * starts that at launch, on a thread of its own, while the configuration
 * and the cache are read, so that the first handshake does not wait.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "strbuf.h"
#include "log.h"
#include "tls.h"
#include "xmalloc.h"

struct tls {
	SSL_CTX *ctx;
	SSL	*ssl;
	int	 fd;
};

/* The contexts made so far, by CA file (NULL: the system's CAs). */
struct tls_shared {
	char	*ca_file;
	SSL_CTX *ctx;
};

static pthread_mutex_t	  tls_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tls_shared *tls_shared;
static size_t		  tls_nshared;
static pthread_t	  tls_prep_thread;
static int		  tls_prep_running;
static char		**tls_prep_files;
static size_t		  tls_prep_n;

static long
tls_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Wait for the socket as OpenSSL asked; 0 when ready, -1 on timeout. */
static int
tls_wait(int fd, int want, long deadline)
{
	struct pollfd pfd;
	long	      left;
	int	      n;

	for (;;) {
		left = deadline - tls_now_ms();
		if (left <= 0)
			return (-1);
		pfd.fd = fd;
		pfd.events = want == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN;
		n = poll(&pfd, 1, (int)left);
		if (n > 0)
			return (0);
		if (n == 0)
			return (-1);
		if (errno != EINTR)
			return (-1);
	}
}

static char *
tls_openssl_reason(const char *what)
{
	unsigned long e;
	char	      buf[256];

	e = ERR_get_error();
	ERR_clear_error();
	if (e == 0)
		return (xstrdup(what));
	ERR_error_string_n(e, buf, sizeof buf);
	return (xasprintf("%s: %s", what, buf));
}

static char *
tls_fingerprint(X509 *cert)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int  len, i;
	struct strbuf sb;

	if (!X509_digest(cert, EVP_sha256(), md, &len))
		return (NULL);
	strbuf_init(&sb);
	for (i = 0; i < len; i++)
		strbuf_printf(&sb, "%s%02X", i == 0 ? "" : ":", md[i]);
	return (strbuf_detach(&sb, NULL));
}

/*
 * What a user can act on, for the verification errors a real server gives;
 * OpenSSL's own words follow in parentheses.
 */
static const struct {
	long	    code;
	const char *text;
} tls_reasons[] = {
	{ X509_V_ERR_CERT_HAS_EXPIRED, "the certificate has expired" },
	{ X509_V_ERR_CERT_NOT_YET_VALID, "the certificate is not valid yet" },
	{ X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
	    "the certificate is self-signed" },
	{ X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
	    "the chain ends in a self-signed certificate that is not trusted" },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
	    "the certificate authority that issued it is unknown" },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
	    "the certificate authority that issued it is unknown" },
	{ X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE,
	    "the certificate authority that issued it is unknown" },
	{ X509_V_ERR_CERT_UNTRUSTED, "the certificate is not trusted" },
	{ X509_V_ERR_HOSTNAME_MISMATCH, "the certificate is not for" },
	{ X509_V_ERR_IP_ADDRESS_MISMATCH, "the certificate is not for" },
};

/* Host name mismatches name the host: it may not be the URL's. */
static char *
tls_reason(long code, const char *host)
{
	const char *openssl;
	size_t	    i;

	openssl = X509_verify_cert_error_string(code);
	for (i = 0; i < sizeof tls_reasons / sizeof tls_reasons[0]; i++) {
		if (tls_reasons[i].code != code)
			continue;
		if (code == X509_V_ERR_HOSTNAME_MISMATCH ||
		    code == X509_V_ERR_IP_ADDRESS_MISMATCH)
			return (xasprintf("%s %s (%s)", tls_reasons[i].text,
			    host, openssl));
		return (xasprintf("%s (%s)", tls_reasons[i].text, openssl));
	}
	return (xstrdup(openssl));
}

/* Printable ASCII only: anything else in a field the server chose is '?'. */
static void
tls_add_printable(struct strbuf *sb, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		strbuf_addc(sb, s[i] >= ' ' && s[i] < 0x7f ? s[i] : '?');
}

/* RFC 2253 form, with every control and non-ASCII byte escaped as \XX. */
static void
tls_add_name(struct strbuf *sb, const char *label, const X509_NAME *name)
{
	BIO  *bio;
	char *p;
	long  len;

	strbuf_printf(sb, "  %-9s", label);
	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		fatalx("out of memory");
	if (X509_NAME_print_ex(bio, name, 0,
		XN_FLAG_RFC2253 | ASN1_STRFLGS_ESC_MSB) >= 0) {
		len = BIO_get_mem_data(bio, &p);
		tls_add_printable(sb, p, len > 0 ? (size_t)len : 0);
	}
	BIO_free(bio);
	strbuf_addc(sb, '\n');
}

static void
tls_add_time(struct strbuf *sb, const ASN1_TIME *t)
{
	struct tm tm;
	char	  buf[64];

	if (t == NULL || !ASN1_TIME_to_tm(t, &tm) ||
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		strbuf_adds(sb, "?");
	else
		strbuf_adds(sb, buf);
}

/* The DNS names and addresses the certificate is for. */
static void
tls_add_sans(struct strbuf *sb, X509 *cert)
{
	GENERAL_NAMES *sans;
	GENERAL_NAME  *gn;
	const uint8_t *ip;
	char	       buf[INET6_ADDRSTRLEN];
	int	       i, n, len;

	strbuf_printf(sb, "  %-9s", "names:");
	sans = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	n = sans == NULL ? 0 : sk_GENERAL_NAME_num(sans);
	if (n == 0)
		strbuf_adds(sb, "none (no subjectAltName)");
	for (i = 0; i < n; i++) {
		gn = sk_GENERAL_NAME_value(sans, i);
		if (i > 0)
			strbuf_adds(sb, ", ");
		if (gn->type == GEN_DNS) {
			strbuf_adds(sb, "DNS:");
			tls_add_printable(sb,
			    (const char *)ASN1_STRING_get0_data(gn->d.dNSName),
			    (size_t)ASN1_STRING_length(gn->d.dNSName));
		} else if (gn->type == GEN_IPADD) {
			ip = ASN1_STRING_get0_data(gn->d.iPAddress);
			len = ASN1_STRING_length(gn->d.iPAddress);
			if (inet_ntop(len == 16 ? AF_INET6 : AF_INET, ip, buf,
				sizeof buf) == NULL ||
			    (len != 4 && len != 16))
				strbuf_adds(sb, "IP:?");
			else
				strbuf_printf(sb, "IP:%s", buf);
		} else
			strbuf_adds(sb, "(other)");
	}
	GENERAL_NAMES_free(sans);
	strbuf_addc(sb, '\n');
}

/* Everything a user needs to decide whether to pin this certificate. */
static char *
tls_describe(X509 *cert, const char *fingerprint)
{
	struct strbuf sb;

	strbuf_init(&sb);
	tls_add_name(&sb, "subject:", X509_get_subject_name(cert));
	tls_add_name(&sb, "issuer:", X509_get_issuer_name(cert));
	strbuf_printf(&sb, "  %-9s", "valid:");
	tls_add_time(&sb, X509_get0_notBefore(cert));
	strbuf_adds(&sb, " to ");
	tls_add_time(&sb, X509_get0_notAfter(cert));
	strbuf_addc(&sb, '\n');
	tls_add_sans(&sb, cert);
	strbuf_printf(&sb, "  SHA256:  %s", fingerprint);
	return (strbuf_detach(&sb, NULL));
}

/* Compare "AB:CD:..." with a lowercase hex pin without colons. */
static int
tls_pin_matches(const char *fp, const char *pin)
{
	for (; *fp != '\0'; fp++) {
		if (*fp == ':')
			continue;
		if (*pin == '\0' || (*fp | 0x20) != (*pin | 0x20))
			return (0);
		pin++;
	}
	return (*pin == '\0');
}

static int
tls_is_ip(const char *host)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return (inet_pton(AF_INET, host, buf) == 1 ||
	    inet_pton(AF_INET6, host, buf) == 1);
}

/*
 * 1 if dir holds a CA under its hash name ("5ed36f99.0"), as
 * update-ca-certificates and c_rehash leave them.  OpenSSL then reads the
 * one CA a chain needs when it needs it, instead of the whole bundle
 * before the first handshake.
 */
static int
tls_hashed_dir(const char *dir)
{
	struct dirent *de;
	DIR	      *d;
	size_t	       i;
	int	       found = 0;

	if ((d = opendir(dir)) == NULL)
		return (0);
	while (!found && (de = readdir(d)) != NULL) {
		for (i = 0; i < 8; i++)
			if (strchr("0123456789abcdef", de->d_name[i]) == NULL ||
			    de->d_name[i] == '\0')
				break;
		found = i == 8 && de->d_name[8] == '.' &&
		    de->d_name[9] >= '0' && de->d_name[9] <= '9';
	}
	closedir(d);
	return (found);
}

/* The system's CAs, as OpenSSL's defaults and SSL_CERT_FILE/DIR say. */
static int
tls_system_cas(SSL_CTX *ctx)
{
	const char *dir;

	if (getenv(X509_get_default_cert_file_env()) == NULL) {
		if ((dir = getenv(X509_get_default_cert_dir_env())) == NULL)
			dir = X509_get_default_cert_dir();
		if (strchr(dir, ':') == NULL && tls_hashed_dir(dir))
			return (SSL_CTX_set_default_verify_dir(ctx));
	}
	return (SSL_CTX_set_default_verify_paths(ctx));
}

static SSL_CTX *
tls_context_new(const char *ca_file, struct tls_error *err)
{
	SSL_CTX *ctx;

	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL) {
		err->reason = tls_openssl_reason("cannot create TLS context");
		return (NULL);
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	if (ca_file != NULL) {
		if (!SSL_CTX_load_verify_locations(ctx, ca_file, NULL)) {
			err->reason = xasprintf("cannot load CA file %s",
			    ca_file);
			ERR_clear_error();
			SSL_CTX_free(ctx);
			return (NULL);
		}
	} else if (!tls_system_cas(ctx)) {
		err->reason = tls_openssl_reason("cannot load system CAs");
		SSL_CTX_free(ctx);
		return (NULL);
	}
	return (ctx);
}

static int
tls_same_file(const char *a, const char *b)
{
	return (a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0);
}

/*
 * The shared context for ca_file, made if it is the first, with a
 * reference for the caller.  One that failed is not kept: the next
 * connection tries again and says why again.
 */
static SSL_CTX *
tls_context(const char *ca_file, struct tls_error *err)
{
	SSL_CTX *ctx = NULL;
	size_t	 i;

	pthread_mutex_lock(&tls_lock);
	for (i = 0; i < tls_nshared; i++)
		if (tls_same_file(tls_shared[i].ca_file, ca_file)) {
			ctx = tls_shared[i].ctx;
			break;
		}
	if (ctx == NULL && (ctx = tls_context_new(ca_file, err)) != NULL) {
		tls_shared = xreallocarray(tls_shared, tls_nshared + 1,
		    sizeof *tls_shared);
		tls_shared[tls_nshared].ca_file = ca_file != NULL ?
		    xstrdup(ca_file) :
		    NULL;
		tls_shared[tls_nshared++].ctx = ctx;
	}
	if (ctx != NULL)
		SSL_CTX_up_ref(ctx);
	pthread_mutex_unlock(&tls_lock);
	return (ctx);
}

static void *
tls_prepare_main(void *arg)
{
	struct tls_error err;
	SSL_CTX		*ctx;
	size_t		 i;

	(void)arg;
	for (i = 0; i < tls_prep_n; i++) {
		memset(&err, 0, sizeof err);
		/* A failure is said by the connection that needs it. */
		if ((ctx = tls_context(tls_prep_files[i], &err)) != NULL)
			SSL_CTX_free(ctx);
		tls_error_clear(&err);
	}
	return (NULL);
}

void
tls_prepare(const char *const *ca_files, size_t n)
{
	size_t i;

	if (tls_prep_running || n == 0)
		return;
	tls_prep_files = xreallocarray(NULL, n, sizeof *tls_prep_files);
	for (i = 0; i < n; i++)
		tls_prep_files[i] = ca_files[i] != NULL ? xstrdup(ca_files[i]) :
							  NULL;
	tls_prep_n = n;
	/* Without the thread, the first connection makes its context. */
	if (pthread_create(&tls_prep_thread, NULL, tls_prepare_main, NULL) == 0)
		tls_prep_running = 1;
}

void
tls_end(void)
{
	size_t i;

	if (tls_prep_running)
		pthread_join(tls_prep_thread, NULL);
	tls_prep_running = 0;
	for (i = 0; i < tls_prep_n; i++)
		free(tls_prep_files[i]);
	FREE(&tls_prep_files);
	tls_prep_n = 0;
	/*
	 * A worker left stuck on a dead server may still be connecting: it
	 * holds its own reference, and finds the list empty, not freed.
	 */
	pthread_mutex_lock(&tls_lock);
	for (i = 0; i < tls_nshared; i++) {
		free(tls_shared[i].ca_file);
		SSL_CTX_free(tls_shared[i].ctx);
	}
	FREE(&tls_shared);
	tls_nshared = 0;
	pthread_mutex_unlock(&tls_lock);
}

static int
tls_expect_host(SSL *ssl, const char *host)
{
	X509_VERIFY_PARAM *param;

	param = SSL_get0_param(ssl);
	if (tls_is_ip(host))
		return (X509_VERIFY_PARAM_set1_ip_asc(param, host));
	X509_VERIFY_PARAM_set_hostflags(param,
	    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
	if (!X509_VERIFY_PARAM_set1_host(param, host, 0))
		return (0);
	return (SSL_set_tlsext_host_name(ssl, host));
}

static int
tls_handshake(struct tls *t, long deadline, struct tls_error *err)
{
	int n, e;

	for (;;) {
		ERR_clear_error();
		if ((n = SSL_connect(t->ssl)) == 1)
			return (0);
		e = SSL_get_error(t->ssl, n);
		if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
			err->reason = tls_openssl_reason(
			    "TLS handshake failed");
			return (-1);
		}
		if (tls_wait(t->fd, e, deadline) != 0) {
			err->reason = xstrdup("TLS handshake timed out");
			return (-1);
		}
	}
}

/* The handshake is done; decide whether to trust the peer. */
static int
tls_verify(struct tls *t, const struct tls_config *cf, struct tls_error *err)
{
	X509 *cert;
	long  result;

	if ((cert = SSL_get1_peer_certificate(t->ssl)) == NULL) {
		err->certificate = 1;
		err->reason = xstrdup("the server sent no certificate");
		return (-1);
	}
	if ((err->fingerprint = tls_fingerprint(cert)) == NULL) {
		X509_free(cert);
		err->certificate = 1;
		err->reason = xstrdup("cannot fingerprint the certificate");
		return (-1);
	}
	err->detail = tls_describe(cert, err->fingerprint);
	X509_free(cert);

	if (cf->fingerprint != NULL) {
		if (tls_pin_matches(err->fingerprint, cf->fingerprint))
			goto trusted;
		err->certificate = 1;
		err->reason = xstrdup("certificate fingerprint does not match "
				      "the pinned certificate-fingerprint");
		return (-1);
	}
	result = SSL_get_verify_result(t->ssl);
	if (result != X509_V_OK) {
		err->certificate = 1;
		err->reason = tls_reason(result, cf->host);
		return (-1);
	}
trusted:
	FREE(&err->fingerprint);
	FREE(&err->detail);
	return (0);
}

struct tls *
tls_connect(int fd, const struct tls_config *cf, struct tls_error *err)
{
	struct tls *t;
	long	    deadline;

	memset(err, 0, sizeof *err);
	t = xcalloc(1, sizeof *t);
	t->fd = fd;
	if ((t->ctx = tls_context(cf->ca_file, err)) == NULL)
		goto fail;
	if ((t->ssl = SSL_new(t->ctx)) == NULL) {
		err->reason = tls_openssl_reason("cannot create TLS session");
		goto fail;
	}
	if (!tls_expect_host(t->ssl, cf->host)) {
		err->reason = tls_openssl_reason("bad host name for TLS");
		goto fail;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	SSL_set_fd(t->ssl, fd);
	deadline = tls_now_ms() + (long)cf->timeout * 1000;
	if (tls_handshake(t, deadline, err) != 0)
		goto fail;
	if (tls_verify(t, cf, err) != 0)
		goto fail;
	return (t);

fail:
	if (t->ssl != NULL)
		SSL_free(t->ssl);
	if (t->ctx != NULL)
		SSL_CTX_free(t->ctx);
	free(t);
	return (NULL);
}

void
tls_error_clear(struct tls_error *err)
{
	FREE(&err->reason);
	FREE(&err->fingerprint);
	FREE(&err->detail);
	err->certificate = 0;
}

ssize_t
tls_read(struct tls *t, void *buf, size_t len, int timeout)
{
	long deadline;
	int  n, e;

	deadline = tls_now_ms() + (long)timeout * 1000;
	for (;;) {
		ERR_clear_error();
		n = SSL_read(t->ssl, buf,
		    len > INT32_MAX ? INT32_MAX : (int)len);
		if (n > 0)
			return (n);
		e = SSL_get_error(t->ssl, n);
		if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
			return (-1); /* closed or broken: never 0 */
		/*
		 * Only wait when OpenSSL holds nothing decrypted: poll()
		 * cannot see bytes that are already out of the socket.
		 */
		if (SSL_pending(t->ssl) > 0)
			continue;
		if (tls_wait(t->fd, e, deadline) != 0)
			return (-1);
	}
}

ssize_t
tls_write(struct tls *t, const void *buf, size_t len, int timeout)
{
	const char *p = buf;
	size_t	    done = 0;
	long	    deadline;
	int	    n, e;

	deadline = tls_now_ms() + (long)timeout * 1000;
	while (done < len) {
		ERR_clear_error();
		n = SSL_write(t->ssl, p + done,
		    len - done > INT32_MAX ? INT32_MAX : (int)(len - done));
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		e = SSL_get_error(t->ssl, n);
		if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
			return (-1);
		if (tls_wait(t->fd, e, deadline) != 0)
			return (-1);
	}
	return ((ssize_t)done);
}

int
tls_fd(struct tls *t)
{
	return (t->fd);
}

int
tls_pending(struct tls *t)
{
	return (SSL_pending(t->ssl) > 0);
}

void
tls_close(struct tls *t)
{
	if (t == NULL)
		return;
	/* A best-effort close_notify; a dead peer must not block us. */
	SSL_shutdown(t->ssl);
	SSL_free(t->ssl);
	SSL_CTX_free(t->ctx);
	close(t->fd);
	free(t);
}
